"""Numbers in Arabic news: digits, words, vague quantities, ranges, qualifiers, non-counts."""

from __future__ import annotations

import pytest

from rasid.resources import default_resources
from rasid.text.normalize import NormText
from rasid.text.numbers import NumberMention, UnitEntry


def find_numbers(nt: NormText) -> list[NumberMention]:
    return default_resources().numbers.find(nt)


def unit_of(word: str) -> UnitEntry | None:
    return default_resources().units.of(word)


def counts(text: str) -> list[tuple[str, float, float | None, str, bool]]:
    nt = NormText.of(text)
    return [(nt.norm[m.start:m.end], m.value, m.high, m.qualifier, m.vague)
            for m in find_numbers(nt) if m.kind == "count"]


def values(text: str) -> list[float]:
    return [v for _, v, _, _, _ in counts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سقط 14 قتيلا في القصف", [14]),
        ("أصيب ١٢٥ شخصا بجروح", [125]),
        ("استهدفت القرية بـ14 قذيفة", [14]),
        ("قتل 3 مدنيين و12 عنصرا", [3, 12]),
        ("نزح 1,500 شخص", [1500]),
        ("نزحت 2.300 عائلة من البلدة", [2300]),
        ("نزح 2.5 مليون شخص", [2_500_000]),
        ("خرج 500 ألف نازح", [500_000]),
        ("وصل عدد النازحين إلى 12 ألف و300 شخص", [12_300]),
        ("كان في المخيم 4 آلاف و250 عائلة", [4250]),
        ("قتل خمسة وعشرين عنصرا", [25]),
        ("وصلت ثلاثة آلاف عائلة", [3000]),
        ("قتل أحد عشر مدنيا", [11]),
        ("هجر ثلاثمئة شخص", [300]),
        ("هجرت ثلاث مئة عائلة", [300]),
        ("غادر مئتين من المقاتلين", [200]),
        ("استسلم ألفين من العناصر", [2000]),
        ("احتجز خمسون ألفا", [50_000]),
        ("قتل ثلاث وسبعين شخصا", [73]),
        ("نزح ربع مليون شخص من المنطقة", [250_000]),
        ("يعيش في المخيمات نحو نصف مليون نازح", [500_000]),
        ("وبلغ عدد اللاجئين وربع مليون آخرون في الداخل", [250_000]),
        ("انتظر نصف ساعة ثم قتل 3 أشخاص", [3]),
    ],
)
def test_values(text: str, expected: list[float]) -> None:
    assert values(text) == expected


def test_dual_nouns_count_two() -> None:
    assert counts("أسفر الهجوم عن مقتل جنديين وجرح آخر") == [("جنديين", 2.0, None, "exact", False)]
    assert values("سقط قتيلان") == [2]
    # a dual followed by the word for "two" is counted once
    assert values("قتل شخصين اثنين") == [2]


def test_plural_in_ين_is_not_a_dual() -> None:
    assert values("قتل مدنيين في القصف") == []


def test_vague_quantities() -> None:
    got = counts("قتل العشرات وجرح المئات ونزح آلاف الأشخاص")
    assert [(v, vague) for _, v, _, _, vague in got] == [(10, True), (100, True), (1000, True)]
    assert counts("مقتل عدد من العناصر") == [("عدد من", 0.0, None, "exact", True)]
    assert counts("استهدف مواقع عدة") == [("عده", 0.0, None, "exact", True)]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("نزحت ٥٠٠ إلى ٦٠٠ عائلة", 500, 600),
        ("بين 500 و600 مقاتل", 500, 600),
        ("قتل 10-15 عنصرا", 10, 15),
        ("من 20 إلى 30 شخصا", 20, 30),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    got = counts(text)
    assert len(got) == 1
    assert got[0][1:3] == (low, high)


def test_two_numbers_joined_by_and_are_not_a_range() -> None:
    assert values("قتل 3 وجرح 5") == [3, 5]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("قتل أكثر من 20 شخصا", "more_than"),
        ("ما يزيد عن 300 عائلة", "more_than"),
        ("نزوح نحو 400 شخص", "about"),
        ("قرابة 70 مقاتلا", "about"),
        ("حوالي 12 قتيلا", "about"),
        ("زهاء 900 عائلة", "about"),
        ("ما يقارب 60 ألف نازح", "about"),
        ("ما يصل إلى 50 شخصا", "up_to"),
        ("مساحة لا تتجاوز 3 كيلومترات", "up_to"),
        ("عدد لا يزيد عن 40 عنصرا", "up_to"),
        ("أقل من 10 أشخاص", "less_than"),
        ("ما لا يقل عن 7 قتلى", "at_least"),
        ("قتل 10 أشخاص على الأقل", "at_least"),
        ("قتل 10 أشخاص", "exact"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    got = counts(text)
    assert len(got) == 1
    assert got[0][3] == qualifier


def test_qualifier_is_inside_the_span() -> None:
    nt = NormText.of("قتل أكثر من 20 شخصا")
    (m,) = find_numbers(nt)
    assert nt.norm[m.start:m.end] == "اكثر من 20"
    assert nt.norm[m.num_start:m.num_end] == "20"


def test_ordinals_are_not_counts() -> None:
    assert values("للمرة الثالثة خلال الأسبوع الأول من الحملة الثانية") == []


def test_years_dates_times_percent_are_marked() -> None:
    nt = NormText.of("في عام 2019 وفي 24 مارس/آذار 2018 عند الساعة 10 و12:30 بتاريخ 16.02.2019 بنسبة 40%")
    kinds = [(nt.norm[m.start:m.end], m.kind) for m in find_numbers(nt)]
    assert kinds == [("2019", "year"), ("24", "date"), ("2018", "year"), ("10", "time"), ("12:30", "time"),
                     ("16.02.2019", "date"), ("40", "percent")]


def test_four_digit_count_before_counted_noun_is_not_a_year() -> None:
    nt = NormText.of("قتل 2000 عنصر")
    (m,) = find_numbers(nt)
    assert (m.value, m.kind) == (2000, "count")


def test_weekday_monday_is_not_two() -> None:
    assert values("يوم الاثنين الماضي") == []


def test_offsets_map_back_to_original() -> None:
    text = "قُتِل ٣٥ شخصاً"
    nt = NormText.of(text)
    (m,) = find_numbers(nt)
    s, e = nt.span(m.start, m.end)
    assert text[s:e] == "٣٥"


def test_unit_lookup_strips_clitics_and_article() -> None:
    e = unit_of("والقتلي")
    assert e is not None and (e.unit, e.category) == ("person", "killed")
    e = unit_of("عائلات")
    assert e is not None and e.unit == "family"
    assert unit_of("سوريا") is None


def test_words_starting_like_number_words_are_not_numbers() -> None:
    # number words far from any digit, inside longer words, at the edge of a scanned region
    text = "قتل 3 أشخاص في القصف الذي طال المدينة صباحا. " + "و" * 30 + " واقتادهم إلى الأفرع الأمنية وستكون المعركة"
    assert values(text) == [3]


def test_huge_digit_strings_are_not_quantities() -> None:
    assert values("رقم الهاتف 00963999999999999") == []


def test_four_digit_count_before_partitive_is_not_a_year() -> None:
    nt = NormText.of("قتل نحو 2000 من مسلحي التنظيم منذ 2014 من أجل")
    assert [(m.value, m.kind) for m in find_numbers(nt)] == [(2000, "count"), (2014, "year")]


def test_vague_multiplied_quantities() -> None:
    got = counts("نزح عشرات الآلاف ومئات الآلاف وبضعة آلاف")
    assert [(v, vague) for _, v, _, _, vague in got] == [(10_000, True), (100_000, True), (1000, True)]
