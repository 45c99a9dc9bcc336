"""One event per place, day and pair (issue 12): reports that share a named party merge. Sentences written
for these tests."""

from rasid.pipeline import extract_text


def test_two_reports_of_one_strike_with_different_second_parties_are_one_event():
    text = ("قصفت القوات التركية أمس مواقع لقوات سوريا الديمقراطية في بلدة عين عيسى. "
            "وقال المرصد إن القصف التركي استهدف منازل المدنيين في بلدة عين عيسى.")
    [event] = extract_text(text).events
    assert event.actor1 == "Military Forces of Turkey (2016-)"
    assert event.modality == "claimed"


def test_strikes_by_different_forces_at_one_place_stay_apart():
    text = ("قصف الطيران الروسي أمس بلدة عين عيسى. "
            "وقصفت القوات التركية أمس مواقع لقوات سوريا الديمقراطية في بلدة عين عيسى.")
    assert sorted(e.actor1 for e in extract_text(text).events) == \
        ["Military Forces of Russia (2000-)", "Military Forces of Turkey (2016-)"]
