"""Event dates resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from rasid.resources import default_resources
from rasid.text.dates import DateMention, parse_iso_date
from rasid.text.normalize import NormText


def find_dates(nt: NormText, published: dt.date | None) -> list[DateMention]:
    return default_resources().dates.find(nt, published)

PUB = dt.date(2019, 2, 20)  # a Wednesday


def first(text: str, published: dt.date | None = PUB) -> tuple[str, str | None, int, str]:
    nt = NormText.of(text)
    got = find_dates(nt, published)
    assert got, f"no date found in {text!r}"
    m = got[0]
    return nt.norm[m.start:m.end], (m.date.isoformat() if m.date else None), m.precision, m.kind


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        # month families, paired months, explicit years
        ("سيطرت القوات على البلدة في 24 مارس/آذار 2018", "2018-03-24", 1),
        ("في 3 تشرين الأول 2017 انسحب التنظيم", "2017-10-03", 1),
        ("وقع الهجوم في ١٢ كانون الثاني ٢٠١٩", "2019-01-12", 1),
        ("في 5 جانفي 2019 خرجت مظاهرة", "2019-01-05", 1),
        ("يوم 7 فيفري 2019", "2019-02-07", 1),
        ("في 9 شتنبر 2018", "2018-09-09", 1),
        ("في 14 أيلول/سبتمبر 2018", "2018-09-14", 1),
        # no year: the most recent one not after publication
        ("في 12 كانون الأول قصفت الطائرات", "2018-12-12", 1),
        ("في 18 شباط قصفت الطائرات", "2019-02-18", 1),
        # ordinal days and الجاري / الماضي
        ("في التاسع من شهر شباط الجاري", "2019-02-09", 1),
        ("في الحادي والعشرين من كانون الثاني الماضي", "2019-01-21", 1),
        ("في الثالث عشر من الشهر الجاري", "2019-02-13", 1),
        ("في ال 23 من الشهر الفائت", "2019-01-23", 1),
        # weekday anchors
        ("قالت القوات، الثلاثاء، إنها سيطرت", "2019-02-19", 1),
        ("أعلن أمس الثلاثاء مقتل", "2019-02-19", 1),
        ("هاجم التنظيم يوم الأربعاء", "2019-02-20", 1),
        ("جرت الاشتباكات الجمعة الماضي", "2019-02-15", 1),
        ("قصف الأربعاء الماضي", "2019-02-13", 1),
        ("اندلعت اشتباكات ليل الخميس/الجمعة", "2019-02-14", 1),
        # relative days
        ("قصفت الطائرات اليوم القرية", "2019-02-20", 1),
        ("انفجرت سيارة مفخخة أمس", "2019-02-19", 1),
        ("قتل أول أمس", "2019-02-18", 1),
        ("منذ يومين", "2019-02-18", 1),
        ("قبل 3 أيام", "2019-02-17", 1),
        # week / month precision
        ("خلال اليومين الماضيين", "2019-02-19", 2),
        ("منذ أسبوع", "2019-02-13", 2),
        ("الأسبوع الماضي", "2019-02-13", 2),
        ("في الشهر الماضي", "2019-01-15", 3),
        ("في أيلول الماضي", "2018-09-15", 3),
        ("في ديسمبر 2017", "2017-12-15", 3),
        # numeric and Hijri dates
        ("تاريخ النشر: 16.02.2019", "2019-02-16", 1),
        ("بتاريخ 2019/02/16", "2019-02-16", 1),
        ("في 12 جمادى الآخرة 1440 هـ", "2019-02-17", 1),
    ],
)
def test_resolution(text: str, iso: str, precision: int) -> None:
    _, got, prec, _ = first(text)
    assert (got, prec) == (iso, precision)


def test_year_inferred_from_weekday() -> None:
    # 17 September was a Saturday in 2016, not in 2017 or 2018
    span, iso, prec, _ = first("قتل يوم السبت 17 أيلول جراء القصف")
    assert (iso, prec) == ("2016-09-17", 1)
    assert span.startswith("يوم السبت")


def test_weekday_then_explicit_date_is_one_mention() -> None:
    nt = NormText.of("هاجم التنظيم اليوم الأربعاء 20 شباط مواقع")
    got = find_dates(nt, PUB)
    assert [m.date for m in got] == [dt.date(2019, 2, 20)]
    assert got[0].kind == "absolute"


def test_bare_weekday_on_publication_day_is_that_day() -> None:
    assert first("قالت الوزارة الأربعاء إن")[1] == "2019-02-20"


def test_no_publication_date_gives_null_not_today() -> None:
    assert first("قصفت الطائرات أمس القرية", None)[1] is None
    assert first("هاجم التنظيم يوم الثلاثاء", None)[1] is None
    assert first("في 12 كانون الأول", None)[1] is None
    # an explicit year needs no publication date
    assert first("في 12 كانون الأول 2018", None)[1] == "2018-12-12"


def test_year_only_mentions() -> None:
    nt = NormText.of("في عام 2014 سيطر التنظيم على المدينة")
    (m,) = find_dates(nt, PUB)
    assert (m.kind, m.date, m.year_only) == ("year", None, 2014)


@pytest.mark.parametrize(
    ("text", "span", "year"),
    [("في صيف 2014 سيطر التنظيم على المدينة", "صيف 2014", 2014),
     ("وخلال خريف عام 2015 نزح الأهالي", "خريف عام 2015", 2015),
     ("منذ الربيع ٢٠١٦ والقرية تحت الحصار", "الربيع 2016", 2016),
     ("وفي شتاء العام 2017 اشتد القصف", "شتاء العام 2017", 2017)],
)
def test_seasons_are_parts_of_a_year(text: str, span: str, year: int) -> None:
    nt = NormText.of(text)
    (m,) = [d for d in find_dates(nt, PUB) if d.year_only]
    assert (nt.norm[m.start:m.end], m.kind, m.date, m.year_only) == (span, "year", None, year)


def test_a_season_without_a_year_and_a_hijri_month_are_no_seasons() -> None:
    assert find_dates(NormText.of("مع حلول الصيف تزداد الحرائق"), PUB) == []
    (m,) = find_dates(NormText.of("في 12 ربيع الأول 1440"), PUB)
    assert m.kind == "hijri"


@pytest.mark.parametrize(
    "text",
    ["نقلت قناة روسيا اليوم عن مصادر", "في اليوم التالي انسحبوا", "قتل شخصان اثنان", "صفر إصابات",
     "وبعد صلاة الجمعة خرجوا"],
)
def test_not_dates(text: str) -> None:
    assert find_dates(NormText.of(text), PUB) == []


def test_evidence_span_maps_to_original() -> None:
    text = "وقعت الاشتباكات في ٢٤ آذار ٢٠١٩ قرب البلدة"
    nt = NormText.of(text)
    (m,) = find_dates(nt, PUB)
    s, e = nt.span(m.start, m.end)
    assert text[s:e] == "٢٤ آذار ٢٠١٩"


def test_parse_iso_date() -> None:
    assert parse_iso_date("2019-02-16") == dt.date(2019, 2, 16)
    assert parse_iso_date("16/02/2019") is None


def test_no_publication_date_weekday_fixes_the_year_after_the_latest_year_mentioned() -> None:
    text = "يسيطر التنظيم على المدينة منذ عام 2014. وأعدم التنظيم، الأحد 10 تموز، خمسة مدنيين."
    got = [m for m in find_dates(NormText.of(text), None) if m.kind == "absolute"]
    assert [m.date for m in got] == [dt.date(2016, 7, 10)]
    # without any year in the article the weekday alone does not fix one
    got = [m for m in find_dates(NormText.of("وأعدم التنظيم، الأحد 10 تموز، خمسة مدنيين."), None)
           if m.kind == "absolute"]
    assert [m.date for m in got] == [None]


def test_absurd_spans_are_not_dates() -> None:
    assert find_dates(NormText.of("منذ 99999999 يوم"), PUB) == []
    assert find_dates(NormText.of("خلال 99999999 يوما الماضية"), PUB) == []


def test_parse_iso_date_with_time_and_garbage() -> None:
    assert parse_iso_date("2019-02-16T10:00:00+03:00") == dt.date(2019, 2, 16)
    assert parse_iso_date("2019-02-30") is None
    assert parse_iso_date(None) is None


@pytest.mark.parametrize(
    "text",
    ["في 12 أيلول (سبتمبر) 2018", "في 12 سبتمبر - أيلول 2018", "في 12 أيلول/ سبتمبر من العام 2018",
     "الخميس 12-9-2018", "في 12 أيلول سبتمبر 2018"],
)
def test_paired_months_and_weekday_before_numeric_date_are_one_mention(text: str) -> None:
    got = find_dates(NormText.of(text), PUB)
    assert [(m.date, m.precision) for m in got] == [(dt.date(2018, 9, 12), 1)]


def test_month_first_numeric_date_only_when_day_first_is_impossible() -> None:
    assert first("بتاريخ 3/14/2019")[1] == "2019-03-14"
    assert first("بتاريخ 3/4/2019")[1] == "2019-04-03"
