"""Fatalities of issue 12: conservatively and once. Sentences written for these tests."""

from rasid.pipeline import extract_text


def reportable(text: str, **kw):
    return [e for e in extract_text(text, **kw).events if e.modality in ("asserted", "claimed")]


def test_an_execution_kills_its_victims_even_with_a_date_between():
    [event] = reportable("أعدم تنظيم داعش، يوم الأحد العاشر من تموز، خمسة مدنيين في مدينة الرقة.")
    assert event.fatalities == 5


def test_one_toll_for_two_places_is_split_evenly():
    events = reportable("قتل 11 عنصرا من تنظيم داعش أمس في اشتباكات مع قوات سوريا الديمقراطية في بلدتي هجين والشعفة.")
    assert sorted(e.fatalities for e in events) == [5, 6]


def test_a_running_toll_after_the_events_own_figure_is_not_its_deaths():
    [event] = reportable("قتل 19 شخصا أمس في تفجير انتحاري استهدف سوقا في مدينة القامشلي، ليرتفع عدد قتلى اليوم إلى 50.")
    assert event.fatalities == 19


def test_the_deaths_go_to_the_event_they_are_told_with():
    events = reportable("سيطرت فصائل المعارضة أمس على بلدة كنسبا، فيما قتل 25 مدنيا بغارات شنها الطيران الروسي على بلدة خان شيخون.")
    by_type = {e.event_type: e for e in events}
    assert by_type["Explosions/Remote violence"].fatalities == 25
    assert by_type["Battles"].fatalities == 0
