"""Sentence frames on their own: the `frames` component's output, before events place and merge them."""

from __future__ import annotations

from pathlib import Path

from extract_helpers import doc_upto

from rasid.extract.frames import build_frames, compile_frame_words
from rasid.ontology import EventType, SubEventType
from rasid.pipeline import Pipeline
from rasid.resources import load_resources


def frames_of(text: str, pipeline: Pipeline | None = None) -> list[tuple[str, str, str | None, str | None, str]]:
    doc = doc_upto(text, "frames", pipeline=pipeline)
    return [(f.event_type, f.sub_event_type, f.actor1.actor.id if f.actor1 else None,
             f.actor2.actor.id if f.actor2 else None, f.modality) for fs in doc.frames for f in fs]


def test_one_frame_list_per_sentence_and_typed_ontology() -> None:
    doc = doc_upto("قصفت قوات النظام بلدة كفرنبل. وكان الطقس باردا.", "frames")
    assert len(doc.frames) == len(doc.sentences) == 2
    (frame,), none = doc.frames
    assert none == []
    assert frame.event_type is EventType.EXPLOSIONS and frame.sub_event_type is SubEventType.SHELLING


def test_the_agent_follows_the_verb_and_between_names_both_sides() -> None:
    assert frames_of("قصفت قوات النظام بلدة كفرنبل في ريف إدلب.") == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "syr_gov", None, "asserted")]
    assert frames_of("اندلعت اشتباكات بين قوات سوريا الديمقراطية وتنظيم داعش في بلدة هجين.") == [
        ("Battles", "Armed clash", "sdf", "is", "asserted")]


def test_backer_is_an_associate_not_the_second_actor() -> None:
    doc = doc_upto("سيطرت هيئة تحرير الشام بدعم من فصائل المعارضة على قرية في ريف حلب.", "frames")
    (frame,) = doc.frames[0]
    assert frame.sub_event_type == "Non-state actor overtakes territory"
    assert frame.actor1 is not None and frame.actor1.actor.id == "hts"
    assert frame.actor2 is None and [a.actor.id for a in frame.assoc1] == ["rebels_syria"]


def test_modality_future_denied_and_arrest() -> None:
    assert frames_of("سوف تشن القوات هجوما على مواقع التنظيم.")[0][4] == "planned"
    assert frames_of("نفت وزارة الدفاع أن تكون طائراتها قد قصفت المستشفى.")[0][4] == "denied"
    assert frames_of("اعتقلت قوات الأسايش خمسة شبان في مدينة الرقة.") == [
        ("Strategic developments", "Arrests", "asayish", None, "asserted")]


def test_frame_word_lists_come_from_the_lexicon_folder(tmp_path: Path) -> None:
    """A word added to frame_words.tsv in an override folder changes the rule (no code edited)."""
    text = "رح تقصف الطائرات مواقع التنظيم."  # colloquial future particle
    assert frames_of(text)[0][4] == "asserted"
    (tmp_path / "frame_words.tsv").write_text("list\tform\nfuture_word\tرح\n", encoding="utf-8")
    resources = load_resources(tmp_path)
    assert frames_of(text, Pipeline(resources, disable=["events", "entities", "claims"]))[0][4] == "planned"
    # the compiled patterns are made once per Resources
    assert resources.derived(compile_frame_words) is resources.derived(compile_frame_words)


def test_build_frames_without_triggers_is_empty() -> None:
    doc = doc_upto("وصل الوفد إلى المدينة صباحا.", "mentions")
    words = doc.resources.derived(compile_frame_words)
    assert [build_frames(doc.text.norm, sm, words) for sm in doc.mentions] == [[]]


def test_aircraft_in_another_clause_do_not_make_a_shelling_an_air_strike():
    # issue 12: an aircraft word tells how a bombardment was carried out only within a few words of it and in
    # the same clause (sentences written for the test)
    from rasid.pipeline import extract_text

    def sub(text: str) -> list[str]:
        return [e.sub_event_type for e in extract_text(text).events]

    assert sub("قصفت قوات النظام أمس مدينة دوما بقذائف الهاون، في حين استهدف الطيران المروحي حي جوبر في دمشق.") \
        == ["Shelling/artillery/missile attack"]
    assert sub("قصفت قوات النظام أمس مدينة دوما بقذائف الهاون، بالتزامن مع تحليق مكثف للطيران الحربي في سماء "
               "الغوطة الشرقية.") == ["Shelling/artillery/missile attack"]
    assert sub("استهدف الطيران المروحي أمس مدينة دوما بالصواريخ.") == ["Air/drone strike"]
    assert sub("قصفت طائرات حربية أمس مدينة دوما بالصواريخ.") == ["Air/drone strike"]


def test_a_tear_gas_canister_or_a_stun_grenade_is_no_bomb() -> None:
    assert frames_of("توفي متظاهر إثر إصابته بعبوة غاز مسيل للدموع أطلقتها قوات الأمن وسط بغداد.") == []
    assert all(f[0] is not EventType.EXPLOSIONS for f in frames_of("أصيب متظاهر بقنبلة صوتية ألقتها قوات الأمن وسط بغداد."))
    # a bomb is still a bomb
    [(event_type, sub_event_type, *_)] = frames_of("انفجرت عبوة ناسفة بسيارة مدنية وسط بغداد.")
    assert sub_event_type is SubEventType.REMOTE_EXPLOSIVE


def test_a_clash_between_security_forces_and_protesters_is_force_against_a_protest() -> None:
    # protesters are no armed group: no Battles event
    [(event_type, sub_event_type, actor1, actor2, _)] = frames_of(
        "اندلعت اشتباكات بين قوات الأمن ومحتجين في ساحة التحرير وسط بغداد.")
    assert (event_type, sub_event_type) == (EventType.PROTESTS, SubEventType.EXCESSIVE_FORCE)
    assert actor1 is not None and actor2 is not None
    [(event_type, *_)] = frames_of("اندلعت اشتباكات بين الجيش وتنظيم داعش في الفلوجة.")
    assert event_type is EventType.BATTLES


def test_a_strike_the_air_defences_failed_to_stop_is_a_strike() -> None:
    failed = frames_of("استهدفت صواريخ إسرائيلية محيط دمشق دون أن تتمكن الدفاعات الجوية من إسقاطها.")
    assert [f[1] for f in failed] == [SubEventType.AIR_DRONE_STRIKE]
    stopped = frames_of("أسقطت الدفاعات الجوية السورية صواريخ إسرائيلية استهدفت محيط دمشق.")
    assert [f[1] for f in stopped] == [SubEventType.DISRUPTED_WEAPONS_USE]


def test_a_young_man_shot_by_unknown_gunmen_is_a_civilian_attacked() -> None:
    # "الشاب" (the definite singular) is a civilian victim as "شاب" is: no armed clash
    [(event_type, sub_event_type, actor1, actor2, _)] = frames_of(
        "قتل الشاب محمد أمس جراء استهدافه بإطلاق نار من قبل مجهولين في مدينة داعل بريف درعا.")
    assert (event_type, actor1, actor2) == (EventType.VAC, "unidentified", "civilians")
