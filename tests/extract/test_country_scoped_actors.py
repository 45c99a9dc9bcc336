"""Actors whose words mean different forces in different countries (issue 12): scoped aliases
(`alias@CC`), '@state' and '@police' by the event's country. Sentences written for these tests."""

from pathlib import Path

import pytest

from rasid.lexicon.loader import build_lexicon, pick_alias
from rasid.lexicon.tsv import LexiconError
from rasid.pipeline import extract_text

HEADER = "id\tcanonical\tinter\tkind\tcountry\tparent\tfocus\taliases_ar\taliases_en\tside\tserves_as\n"
BUNDLED = Path(__file__).resolve().parents[2] / "rasid" / "data" / "lexicon"


def _lexicon_dir(tmp: Path, actors: str) -> Path:
    (tmp / "actors.tsv").write_text(HEADER + actors, encoding="utf-8")
    for name in ("triggers.tsv", "cues.tsv"):
        (tmp / name).write_text((BUNDLED / name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp


def test_one_alias_may_name_different_actors_in_different_countries(tmp_path):
    rows = ("a\tA\t2\tarmed\tSY\t\trebel\tقوة الف\t\t\t\n"
            "b\tB\t1\tarmed\tYE\t\tstate\tقوة الف@YE\t\t\t\n")
    lex = build_lexicon(_lexicon_dir(tmp_path, rows))
    aliases = lex.actor_matcher.get("قوة الف")
    assert pick_alias(aliases, "YE").actor.id == "b"
    assert pick_alias(aliases, "SY").actor.id == "a"
    assert pick_alias(aliases, None).actor.id == "a"


def test_an_alias_listed_twice_for_one_country_is_rejected(tmp_path):
    rows = ("a\tA\t2\tarmed\tYE\t\trebel\tقوة الف@YE\t\t\t\n"
            "b\tB\t1\tarmed\tYE\t\tstate\tقوة الف@YE\t\t\t\n")
    with pytest.raises(LexiconError, match=r"actors.tsv:3: alias 'قوة الف' in YE already belongs to 'a'"):
        build_lexicon(_lexicon_dir(tmp_path, rows))


def test_a_bad_country_scope_or_role_names_file_and_line(tmp_path):
    with pytest.raises(LexiconError, match=r"actors.tsv:2: .*ISO2"):
        build_lexicon(_lexicon_dir(tmp_path, "a\tA\t2\tarmed\tYE\t\trebel\tقوة الف@yemen\t\t\t\n"))
    with pytest.raises(LexiconError, match=r"actors.tsv:2: serves_as"):
        build_lexicon(_lexicon_dir(tmp_path, "a\tA\t1\tarmed\tYE\t\tstate\tقوة الف\t\t\t@army:YE\n"))
    rows = ("a\tA\t1\tarmed\tYE\t\tstate\tقوة الف\t\t\t@police:YE\n"
            "b\tB\t1\tarmed\tYE\t\tstate\tقوة باء\t\t\t@police:YE\n")
    with pytest.raises(LexiconError, match=r"actors.tsv:3: @police of YE is already 'a'"):
        build_lexicon(_lexicon_dir(tmp_path, rows))


def test_the_national_army_is_the_sna_in_syria_and_the_army_in_yemen():
    [syria] = extract_text("اشتبك الجيش الوطني أمس مع قوات سوريا الديمقراطية في قرية عون الدادات قرب منبج.").events
    assert syria.actor1 == "Syrian National Army"
    [yemen] = extract_text("اندلعت أمس اشتباكات عنيفة بين الجيش الوطني وجماعة الحوثي في مدينة تعز.").events
    assert {yemen.actor1, yemen.actor2} == {"Military Forces of Yemen (2012-)", "Houthi Movement (Ansar Allah)"}


def test_coalition_aircraft_in_yemen_are_the_saudi_led_coalition_without_being_named_before():
    [event] = extract_text("شن طيران التحالف أمس غارات على مواقع لجماعة الحوثي في مدينة الحديدة.").events
    assert event.actor1 == "Saudi-led Coalition"


def test_generic_security_forces_in_the_west_bank_are_israels():
    [event] = extract_text("اعتقلت قوات الأمن أمس خمسة شبان خلال مداهمة في مدينة نابلس.").events
    assert event.actor1 == "Military Forces of Israel (2022-)"
    assert event.inter1 == 8


def test_the_police_are_the_police_of_the_events_country():
    [event] = extract_text("اعتقلت قوات الشرطة أمس ثلاثة مطلوبين في مدينة الرمادي.").events
    assert event.actor1 == "Police Forces of Iraq (2014-)"


def test_intelligence_branches_are_the_army_and_criminal_security_the_police():
    # the audit's convention: intelligence services are a country's military forces
    [army] = extract_text("اعتقلت المخابرات الجوية أمس ثلاثة شبان في مدينة داعل بريف درعا.").events
    assert army.actor1 == "Military Forces of Syria (2000-2024)"
    [police] = extract_text("اعتقل فرع الأمن الجنائي أمس ثلاثة شبان في مدينة داعل بريف درعا.").events
    assert police.actor1 == "Police Forces of Syria (2000-2024)"


def test_an_actor_coded_as_another_in_the_company_of_later_groups():
    # al-Nusra fighting a group formed after it joined HTS is HTS; alone, it is al-Nusra
    text = "سيطرت جبهة النصرة أمس على بلدة ترمانين بريف إدلب بعد معارك مع {}."
    [later] = extract_text(text.format("جبهة تحرير سوريا"), disable=["learned"]).events
    assert {later.actor1, later.actor2} == {"HTS: Hayat Tahrir al-Sham", "Syrian Liberation Front"}
    [alone] = extract_text(text.format("قوات النظام"), disable=["learned"]).events
    assert alone.actor1 == "Jabhat al-Nusra"
    # the FSA beside Turkey's forces is the SNA
    [beside] = extract_text("سيطرت القوات التركية وعناصر الجيش السوري الحر أمس على قرية مسكة في ريف عفرين بعد "
                            "معارك مع وحدات حماية الشعب.", disable=["learned"]).events
    assert "Opposition Rebels (Syria)" not in (beside.actor1, beside.actor2)


def test_coded_as_names_actors_the_lexicon_knows(tmp_path):
    header = HEADER.rstrip("\n") + "\tcoded_as\n"
    (tmp_path / "actors.tsv").write_text(header + "a\tA\t2\tarmed\tSY\t\trebel\tقوة الف\t\t\t\tb:c\n", encoding="utf-8")
    for name in ("triggers.tsv", "cues.tsv"):
        (tmp_path / name).write_text((BUNDLED / name).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"actors.tsv:2: coded_as: 'b' is not a known actor id"):
        build_lexicon(tmp_path)
    (tmp_path / "actors.tsv").write_text(header + "a\tA\t2\tarmed\tSY\t\trebel\tقوة الف\t\t\t\tb\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"actors.tsv:2: coded_as takes"):
        build_lexicon(tmp_path)


def test_syrian_air_defences_named_as_such_are_the_syrian_army():
    [event] = extract_text("شنت طائرات إسرائيلية فجر اليوم غارات على محيط مدينة دمشق، وتصدت لها الدفاعات الجوية السورية "
                           "وأسقطت عددا من الصواريخ.", disable=["learned"]).events
    assert (event.actor1, event.actor2) == ("Military Forces of Israel (2022-)", "Military Forces of Syria (2000-2024)")


def test_forces_named_after_the_libyan_prime_ministers_are_their_governments_forces():
    [event] = extract_text("اندلعت أمس اشتباكات مسلحة في طرابلس بين قوات موالية لرئيس حكومة الوحدة الوطنية عبد الحميد "
                           "الدبيبة، وأخرى لرئيس الحكومة المكلف فتحي باشاغا.", disable=["learned"]).events
    assert {event.actor1, event.actor2} == {"Military Forces of Libya (GNA/GNU)", "Military Forces of Libya (GNS)"}


def test_the_sudanese_colloquial_name_of_the_rsf_is_the_rsf_in_sudan_only():
    [event] = extract_text("اندلعت أمس اشتباكات عنيفة بين الجيش السوداني والدعامة في مدينة الفاشر.",
                           disable=["learned"]).events
    assert {event.actor1, event.actor2} == {"Military Forces of Sudan (2019-)", "RSF: Rapid Support Forces"}
    lex = build_lexicon()
    assert pick_alias(lex.actor_matcher.get("الدعامة"), "SD").actor.id == "rsf"
    assert all(a.country == "SD" for a in lex.actor_matcher.get("الدعامة"))  # "the pillar" elsewhere
