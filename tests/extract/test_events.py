"""The event builder on its own: frames placed, dated, counted and merged (`events` component)."""

from __future__ import annotations

from extract_helpers import doc_upto

from rasid.extract.events import EventBuilder


def events_of(text: str, published: str | None = "2021-03-10") -> list[tuple]:
    doc = doc_upto(text, "events", published=published)
    return [(e.sub_event_type, e.location, e.event_date, e.fatalities, e.modality, e.actor2) for e in doc.events]


def test_builder_takes_the_doc_and_drafts_carry_frames() -> None:
    doc = doc_upto("قصفت قوات النظام أمس بلدة كفرنبل في ريف إدلب.", "frames")
    assert doc.events == []  # the events component did not run
    drafts = EventBuilder(doc).run()
    assert len(drafts) == 1
    assert drafts[0].frame is doc.frames[0][0]
    assert drafts[0].place is not None and drafts[0].place.name == "Kafranbel"


def test_a_follow_up_sentence_merges_and_adds_its_deaths() -> None:
    got = events_of("قصفت قوات النظام أمس بلدة كفرنبل في ريف إدلب. وأدى القصف على كفرنبل إلى مقتل ثلاثة مدنيين.")
    assert got == [("Shelling/artillery/missile attack", "Kafranbel", "2021-03-09", 3, "asserted", "Civilians (Syria)")]


def test_one_event_per_place_of_a_list() -> None:
    got = events_of("قصفت قوات النظام أمس بلدة كفرنبل وبلدة معرة حرمة في ريف إدلب.")
    assert [g[1] for g in got] == ["Kafranbel", "Maarat Hurma"]
    assert {g[2] for g in got} == {"2021-03-09"}


def test_history_is_background_and_loses_the_date() -> None:
    (got,) = events_of("وكانت قوات النظام قد قصفت بلدة كفرنبل منذ ثلاثة أعوام.")
    assert got[4] == "background" and got[2] is None


def test_weapons_found_are_not_an_attack_but_an_execution_kills() -> None:
    assert events_of("عثرت قوات الأمن على صواريخ في مستودع قرب مدينة الرقة.") == []
    (got,) = events_of("أعدم التنظيم خمسة مدنيين في مدينة الرقة يوم الاثنين.")
    assert got[:4] == ("Attack", "Raqqa", "2021-03-08", 5)


def test_state_forces_beside_an_unclaimed_bomb_are_its_target() -> None:
    from rasid.pipeline import extract_text

    text = "فجر انتحاري نفسه أمس قرب مركز للشرطة العراقية في مدينة كركوك ما أدى إلى مقتل خمسة أشخاص."
    [event] = extract_text(text, disable=["learned"]).events
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2 is not None and event.actor2.startswith("Police Forces of Iraq")
    text = "قتل ثلاثة جنود عراقيين أمس بانفجار عبوة ناسفة استهدفت دوريتهم في مدينة الرمادي."
    [event] = extract_text(text, disable=["learned"]).events
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group (Iraq)", "Military Forces of Iraq (2014-)")


def test_a_group_named_as_behind_a_bomb_stays_its_perpetrator() -> None:
    from rasid.pipeline import extract_text

    text = "قتل ثلاثة مدنيين أمس بانفجار لغم من مخلفات تنظيم داعش في قرية البوعيثة."
    [event] = extract_text(text, disable=["learned"]).events
    assert event.actor1 == "IS: Islamic State"


def test_rockets_from_no_named_side_are_the_unidentified_armed_group() -> None:
    from rasid.pipeline import extract_text

    text = "سقطت ثلاثة صواريخ كاتيوشا مساء أمس على المنطقة الخضراء وسط بغداد."
    [event] = extract_text(text, disable=["learned"]).events
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group (Iraq)", None)
    # a named side keeps the shelling
    text = "قصفت قوات النظام بالمدفعية أمس بلدة كفرنبودة في ريف حماة الشمالي."
    [event] = extract_text(text, disable=["learned"]).events
    assert event.actor1 is not None and event.actor1.startswith("Military Forces of Syria")


def test_the_generic_security_forces_facing_protesters_are_the_police() -> None:
    from rasid.pipeline import extract_text

    text = "تظاهر المئات أمس في مدينة الناصرية واعتقلت قوات الأمن عشرة منهم."
    [event] = extract_text(text, disable=["learned"]).events
    assert event.event_type == "Protests"
    assert event.actor2 == "Police Forces of Iraq (2014-)" and event.interaction is not None
    # an army named as such stays the army
    text = "تظاهر المئات أمس في مدينة الناصرية واعتقل الجيش العراقي عشرة منهم."
    [event] = extract_text(text, disable=["learned"]).events
    assert event.actor2 == "Military Forces of Iraq (2014-)"
    # outside protests the same words are the state's forces
    text = "اعتقلت قوات الأمن أمس عشرة أشخاص في مدينة الناصرية."
    [event] = extract_text(text, disable=["learned"]).events
    assert event.actor1 == "Military Forces of Iraq (2014-)"
