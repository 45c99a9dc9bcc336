"""Fatalities of issue 12: conservatively and once. Sentences written for these tests."""

import datetime as dt

from rasid.extract.claims import ClaimText
from rasid.extract.fatalities import compile_fatality_words, sentence_deaths
from rasid.pipeline import extract_text
from rasid.resources import default_resources
from rasid.text.normalize import NormText


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


def test_a_singular_victim_after_a_word_of_dying_is_one_death():
    [event] = reportable("استشهدت طفلة أمس بقصف مدفعي لقوات النظام على مدينة معرة النعمان في ريف إدلب.")
    assert event.fatalities == 1


def test_time_words_between_the_killing_and_its_victim_keep_the_victim():
    [event] = reportable("قتل اليوم الخميس، شاب برصاص مسلحين مجهولين في مدينة دير الزور.")
    assert event.fatalities == 1


def read_deaths(text: str):
    """The normalised text and what the event builder reads from it taken as one sentence: (deaths,
    normalised evidence span) or None."""
    res = default_resources()
    nt = NormText.of(text)
    ct = ClaimText(nt, res.numbers.find(nt), res.dates.find(nt, dt.date(2019, 2, 20)), res)
    return nt.norm, sentence_deaths(ct, res.derived(compile_fatality_words), (0, len(nt.norm)))


def deaths(text: str):
    """The deaths figure the event builder reads from a whole text taken as one sentence."""
    got = read_deaths(text)[1]
    return got[0] if got else None


def test_deaths_only_never_the_wounded_nor_a_killed_and_wounded_total():
    assert deaths("أسفر القصف عن مقتل 12 مدنيا وإصابة 30 آخرين.") == 12
    assert deaths("سقط 20 شخصا بين قتيل وجريح في الانفجار.") is None
    assert deaths("أصيب 15 شخصا بجروح.") is None


def test_the_evidence_is_the_deaths_figure_not_the_wounded():
    norm, got = read_deaths("أسفر القصف عن مقتل 12 مدنيا وإصابة 30 آخرين.")
    assert got is not None
    s, e = got[1]
    assert "12" in norm[s:e] and "30" not in norm[s:e]


def test_coordinated_figures_add_up_but_subsets_and_rival_reports_do_not():
    assert deaths("قتل 3 جنود و5 مدنيين بينهم طفلان.") == 8
    assert deaths("قال المرصد إن 9 عناصر قتلوا، في حين قالت وكالة سانا إن 6 قتلوا.") == 6
    assert deaths("أسفر القصف عن مقتل 9 بينهم قياديان") == 9
    assert deaths("قتل 9 مدنيين في الغارة وقتل 4 منهم داخل منازلهم.") == 9  # a figure of them is no new toll


def test_vague_dual_singular_and_pronoun_counts():
    assert deaths("مقتل عشرات العناصر") == 10
    assert deaths("سقط قتيلان في الهجوم") == 2
    assert deaths("أدى القصف إلى مقتل مدني") == 1
    assert deaths("مقتل القائد العسكري للفصيل") is None
    assert deaths("أطلق مسلحون النار على شابين ما أدى إلى مقتلهما") == 2
    assert deaths("قتل عدد من عناصر الفصيل في الهجوم") == 10  # an unstated plural: ACLED's 10
    assert deaths("قتلت الغارة طفلا واحدا على الأقل") == 1
    assert deaths("وقتل لاجئتين اثنتين برصاص مجهولين") == 2


def test_a_known_person_is_no_singular_victim():
    assert deaths("استشهدت طفلة في القصف على البلدة") == 1
    assert deaths("استشهدت الطفلة في القصف على البلدة") is None  # someone named before: not a new count


def test_the_victim_must_be_a_person():
    assert deaths("قتل قائد المجموعة حمارا في البلدة") is None


def test_died_with_no_figure_is_one_death():
    [event] = reportable("أطلق مسلحون النار على ضابط في الشرطة أمس في مدينة البصرة، فأصيب بجروح بالغة ثم فارق الحياة في المستشفى.")
    assert event.fatalities == 1


def test_died_is_not_added_to_a_counted_toll():
    [event] = reportable("قتل ثلاثة مدنيين أمس بغارة جوية على بلدة سرمين، وتوفي أحدهم بعد نقله إلى المستشفى.")
    assert event.fatalities == 3


def test_a_vague_count_of_victims_is_no_deaths():
    [event] = reportable("سقط عشرات الضحايا أمس بقصف صاروخي لقوات النظام على مدينة دوما في الغوطة الشرقية.")
    assert event.fatalities == 0


def test_a_stated_count_of_victims_still_counts():
    [event] = reportable("سقط خمسة ضحايا أمس بقصف صاروخي لقوات النظام على مدينة دوما في الغوطة الشرقية.")
    assert event.fatalities == 5


# --- issue 12, second pass (2026-12-07/08)


def test_a_dual_of_victims_is_two_deaths():
    assert deaths("قتل متظاهران أمس برصاص قوات الأمن في وسط المدينة.") == 2
    assert deaths("قتل مقاتلان من الفصيل في الاشتباكات.") == 2


def test_a_casualty_sentence_after_an_arrest_is_not_the_arrests_deaths():
    events = reportable("اعتقلت قوات الأمن عشرة شبان أمس في مدينة جنين. واستشهد 3 فلسطينيين.")
    assert events and all(e.fatalities == 0 for e in events)


def test_a_toll_over_days_or_since_a_date_is_no_events_deaths():
    [event] = reportable("قتل 80 من مقاتلي داعش في ثلاثة أيام من الاشتباكات العنيفة مع القوات الحكومية قرب مدينة الرقة.")
    assert event.fatalities == 0
    [event] = reportable("أسفرت الحرب على قطاع غزة منذ السابع من أكتوبر 2023 عن استشهاد 42 ألف فلسطيني، "
                         "وقصفت طائرات الاحتلال أمس مدينة رفح.")
    assert event.fatalities == 0


def test_a_day_of_the_month_is_no_period():
    [event] = reportable("قتل 3 مدنيين في 19 الشهر الجاري بقصف جوي على مدينة إدلب.")
    assert event.fatalities == 3


def test_the_same_figure_told_twice_in_a_sentence_counts_once():
    assert deaths("مقتل 3 متظاهرين في احتجاجات بغداد (فيديو) مقتل 3 متظاهرين برصاص قوات الأمن في ساحة التحرير.") == 3
    assert deaths("قتل 3 جنود و3 مدنيين في القصف.") == 6  # two groups of victims add up


def test_a_figure_of_them_counts_when_the_sentence_has_no_whole_toll():
    assert deaths("انفجرت عبوة ناسفة بعناصر الميليشيا أثناء محاولتهم زرعها، ما أدى إلى مصرع اثنين منهم على الأقل.") == 2
    assert deaths("قتل 9 مدنيين في الغارة وقتل 4 منهم داخل منازلهم.") == 9


def test_an_execution_of_the_two_named_before_is_two_deaths():
    [event] = reportable("أعدم تنظيم الدولة العنصرين ذبحا بالسكين في سوق مدينة الطبقة أمس.")
    assert event.fatalities == 2


def test_only_people_are_counted_as_deaths():
    assert deaths("استشهد 5 فلسطينيين من عائلة واحدة في القصف.") == 5
    assert deaths("ذكرت مصادر أن نحو 125 مدنيا لقوا حتفهم في إحدى القرى قرب منبج بعد غارات للتحالف.") == 125


def test_a_later_mention_of_the_event_keeps_the_first_figure():
    [event] = reportable("قتل 12 مدنيا أمس في قصف جوي على مدينة دوما. وقال ناشطون إن القصف الجوي على مدينة دوما "
                         "أسفر عن مقتل 40 شخصا.")
    assert event.fatalities == 12
