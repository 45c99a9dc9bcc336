"""Dates as Arab media write them, resolved against the publication date.

Same offset convention as `rasid.text.numbers`: mentions carry normalised offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rasid.text.normalize import NormText
from rasid.text.windows import DigitRuns, anchor_regions, digit_runs, whole_word_positions, words_of

#: Month names: normalised token tuple -> (month number, family); months.tsv, loaded by `rasid.lexicon.tables`.
MonthTable = dict[tuple[str, ...], tuple[int, str]]
#: First token of a month name -> its (tokens, month number, family), longest names first.
_MonthFirst = dict[str, list[tuple[tuple[str, ...], int, str]]]


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    date: dt.date | None  # None when the expression cannot be resolved (no publication date)
    precision: int  # ACLED time_precision: 1 day, 2 week, 3 month
    kind: str  # absolute | relative | weekday | span | hijri | year
    year_only: int | None = None  # "في عام 2014": the year, for background detection


_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")


def parse_iso_date(text: str | None) -> dt.date | None:
    """YYYY-MM-DD, also with a time after it ("2019-02-16T10:00:00+03:00"); None for anything else."""
    if not isinstance(text, str):
        return None
    m = _ISO_PREFIX.match(text)
    if not m:
        return None
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


_TOKEN = re.compile(r"\d+|[^\W\d_]+|[/\-،,.:]")
_NUMDATE = re.compile(r"\d[\d./-]{4,9}\d")
_NUMDATE_DMY = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})")
_NUMDATE_YMD = re.compile(r"(\d{4})([./-])(\d{1,2})\2(\d{1,2})")
_CLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب")

#: weekday name -> Python weekday (Monday = 0)
WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
_WEEKDAY_CUES = frozenset({"يوم", "امس", "ليل", "ليله", "فجر", "صباح", "مساء", "ظهر", "عصر", "نهار", "ظهيره",
                           "منتصف", "حتي", "منذ", "البارحه", "اليوم", "وامس", "ويوم", "مساءالامس"})
_PAST = frozenset({"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق", "الماضيين",
                   "الاخير", "الاخيره", "الاخيرين"})
_FUTURE = frozenset({"المقبل", "المقبله", "القادم", "القادمه"})
_CURRENT = frozenset({"الجاري", "الحالي", "الجاريه", "الحاليه", "هذا", "هذه"})
_ORD_UNITS = {"الاول": 1, "الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6,
              "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10}
_ORD_TENS = {"العشرين": 20, "والعشرين": 20, "الثلاثين": 30, "والثلاثين": 30}
_NUM_WORDS = {"يوم": 1, "يوما": 1, "يومين": 2, "اسبوع": 1, "اسبوعين": 2, "شهر": 1, "شهرين": 2,
              "ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7, "ثمانيه": 8, "تسعه": 9, "عشره": 10,
              "ثلاث": 3, "اربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثماني": 8, "تسع": 9, "عشر": 10}
#: span unit -> (days per unit, precision)
_SPAN_UNITS = {
    "ساعه": (0, 1), "ساعات": (0, 1), "ساعتين": (0, 1), "الساعات": (0, 1), "الساعه": (0, 1),
    "يوم": (1, 1), "يوما": (1, 1), "ايام": (1, 1), "يومين": (1, 1), "اليومين": (1, 2), "الايام": (1, 2),
    "اسبوع": (7, 2), "اسبوعين": (7, 2), "اسابيع": (7, 2), "الاسبوع": (7, 2), "الاسبوعين": (7, 2),
    "الاسابيع": (7, 2),
    "شهر": (30, 3), "شهرين": (30, 3), "اشهر": (30, 3), "شهور": (30, 3), "الشهر": (30, 3),
    "الشهرين": (30, 3), "الاشهر": (30, 3),
}
_MAX_SPAN_DAYS = 3660  # relative spans longer than about ten years are not event dates
_TODAY_BLOCK_BEFORE = frozenset({"روسيا", "مصر", "سوريا", "سوريه", "العراق", "لبنان", "فلسطين", "اليمن",
                                 "تركيا", "الجزائر", "ليبيا", "الخليج", "الشرق", "عكاظ", "الوطن", "بغداد",
                                 "دمشق", "الاردن", "كردستان", "تونس", "المغرب", "السودان", "قطر", "عمان"})
_TODAY_BLOCK_AFTER = frozenset({"التالي", "نفسه", "ذاته", "السابق", "الاول", "الثاني", "الثالث", "الاخير",
                                "الوطني", "العالمي"})
_REL_DAY = {"اليوم": 0, "امس": -1, "البارحه": -1, "غدا": 1}
_YEAR_CUES = frozenset({"عام", "العام", "سنه", "لعام", "وعام", "عامي", "السنه", "بعام"})
#: "صيف 2014" is a part of a year, read like "عام 2014" (background detection)
_SEASONS = frozenset({"صيف", "الصيف", "شتاء", "الشتاء", "ربيع", "الربيع", "خريف", "الخريف"})
_MONTH_PART = {"مطلع": 1, "بدايه": 1, "اوائل": 1, "منتصف": 15, "اواسط": 15, "اواخر": 25, "نهايه": 28,
               "اخر": 28, "ختام": 28}


@dataclass(slots=True)
class _T:
    start: int
    end: int
    text: str


class DateReader:
    """Finds the date expressions of a text (`find`) with the month table it was given."""

    def __init__(self, months: MonthTable) -> None:
        self.months = months
        first: _MonthFirst = {}
        for key, (m, fam) in months.items():
            first.setdefault(key[0], []).append((key, m, fam))
        for v in first.values():
            v.sort(key=lambda x: -len(x[0]))
        self.month_first = first
        #: single-token Gregorian month names, for the numbers layer ("24 مارس" is a date)
        self.month_words = frozenset(k[0] for k, (_, fam) in months.items() if len(k) == 1 and fam != "hijri")
        base = set(first) | set(WEEKDAYS) | set(_REL_DAY) | {"منذ", "قبل", "خلال", "الاسبوع", "الشهر",
                                                             "شهر", "اسبوع", "العام", "عام", "سنه"} | set(_SEASONS)
        self.anchors = frozenset(c + w for w in base for c in ("",) + _CLITICS)

    def find(self, nt: NormText, published: dt.date | None, words: frozenset[str] | None = None,
             runs: DigitRuns | None = None) -> list[DateMention]:
        """Every date expression in the text, in order, resolved against `published` (never today);
        `words`: the text's `words_of`, `runs` its `digit_runs`, if known."""
        return _find_dates(self, nt, published, words_of(nt.norm) if words is None else words,
                           digit_runs(nt.norm) if runs is None else runs)


def _strip(word: str, table: dict | frozenset) -> str:
    if word in table:
        return word
    for c in _CLITICS:
        if word.startswith(c) and word[len(c):] in table:
            return word[len(c):]
    return ""


_NUMBERISH = r"(?:\d|نحو|قرابه|حوالي|اكثر|ثلاث|اربع|خمس|ست|سبع|ثمان|تسع|عشر|يوم|يومين|اسبوع|شهر|ساع|ايام|اسابيع|اشهر|شهور|ال)"
_REL_NEXT = (r"(?:الماضي|الماضيه|المنصرم|المنصرمه|الفائت|الفائته|السابق|الجاري|الحالي|الجاريه|الحاليه|المقبل|"
             r"المقبله|القادم|القادمه|الاخير|الاخيره)")
_FOLLOW: dict[str, re.Pattern[str]] = {
    "قبل": re.compile(r"\s+" + _NUMBERISH), "منذ": re.compile(r"\s+" + _NUMBERISH),
    "خلال": re.compile(r"\s+" + _NUMBERISH),
    "عام": re.compile(r"\s+\d"), "سنه": re.compile(r"\s+\d"), "العام": re.compile(r"\s+(?:\d|" + _REL_NEXT + ")"),
    "الشهر": re.compile(r"\s+" + _REL_NEXT), "شهر": re.compile(r"\s+" + _REL_NEXT),
    "الاسبوع": re.compile(r"\s+" + _REL_NEXT), "اسبوع": re.compile(r"\s+" + _REL_NEXT),
    **{w: re.compile(r"\s+(?:(?:عام|العام|سنه)\s+)?(?:19|20)\d\d\b") for w in _SEASONS
       if w != "ربيع"},  # "ربيع" also starts a Hijri month ("ربيع الاول"): no follow test for it
}
_FOLLOW_KEYS = frozenset(_FOLLOW)


def _tokens(norm: str, anchor_words: frozenset[str], words: frozenset[str]) -> list[_T]:
    present = anchor_words.intersection(words)
    anchors: list[int] = []
    for w in present:
        follow = _FOLLOW.get(_strip(w, _FOLLOW_KEYS) or w)
        # common words ("قبل", "عام", "الشهر") only when what follows can make them a date
        anchors.extend(j for j in whole_word_positions(norm, w)
                       if follow is None or follow.match(norm, j + len(w)))
    if not anchors:
        return []
    toks: list[_T] = []
    for s, e in anchor_regions(norm, anchors, 40, 50):
        for m in _TOKEN.finditer(norm, s, e):
            if toks and m.start() < toks[-1].end:
                continue
            if toks and m.start() - toks[-1].end > 3 and toks[-1].text != "\x00":
                toks.append(_T(toks[-1].end, toks[-1].end, "\x00"))  # region gap: nothing matches across it
            toks.append(_T(m.start(), m.end(), m.group()))
    return toks


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int | None, published: dt.date | None, weekday: int | None,
                rel: str | None) -> int | None:
    """Year of a day/month written without one: see docs/dates.md."""
    if published is None:
        return None
    py = published.year
    d = day or 1
    if rel == "current":
        return py if month <= published.month else py - 1
    if rel == "past":
        return py if month < published.month else py - 1
    if rel == "future":
        return py if month > published.month else py + 1
    if weekday is not None and day is not None:
        for y in range(py, py - 7, -1):
            cand = _safe_date(y, month, day)
            if cand is not None and cand <= published and cand.weekday() == weekday:
                return y
    cand = _safe_date(py, month, d)
    if cand is None:
        return py if month <= published.month else py - 1
    return py if cand <= published else py - 1


def _day_before(toks: list[_T], k: int) -> tuple[int | None, int]:
    """Day number written just before token index k (exclusive): (day, index of its first token)."""
    j = k - 1
    while j >= 0 and toks[j].text in ("شهر", "من", "لشهر", "بشهر", "الشهر"):
        j -= 1
    if j < 0:
        return None, k
    w = toks[j].text
    if w.isdigit() and 1 <= int(w) <= 31 and len(w) <= 2:
        # "في ال 23 من": the article before the digits belongs to the day
        if j > 0 and toks[j - 1].text in ("ال", "في"):
            return int(w), j - 1 if toks[j - 1].text == "ال" else j
        return int(w), j
    if w in ("عشر", "عشره") and j > 0 and toks[j - 1].text in _ORD_UNITS:
        return _ORD_UNITS[toks[j - 1].text] + 10, j - 1
    if w in _ORD_TENS:
        if j > 0 and toks[j - 1].text in _ORD_UNITS and w.startswith("و"):
            return _ORD_UNITS[toks[j - 1].text] + _ORD_TENS[w], j - 1
        if not w.startswith("و"):
            return _ORD_TENS[w], j
    bare = _strip(w, _ORD_UNITS)
    if bare and bare != "الحادي" and any(t.text == "من" for t in toks[j + 1:k]):
        return _ORD_UNITS[bare], j
    return None, k


def _weekday_before(toks: list[_T], k: int) -> int | None:
    for j in range(k - 1, max(-1, k - 5), -1):
        b = _strip(toks[j].text, WEEKDAYS)
        if b:
            return WEEKDAYS[b]
    return None


def _year_after(toks: list[_T], k: int) -> tuple[int | None, int, bool]:
    """(year, index after it, hijri marker) for a year written at or just after token k."""
    j = k
    n = len(toks)
    while j < n and toks[j].text in ("،", ",", "من", "العام", "عام", "سنه", "لعام", "-", "لسنه"):
        j += 1
    if j < n and toks[j].text.isdigit():
        w = toks[j].text
        if len(w) == 4:
            y = int(w)
        elif len(w) == 2 and toks[j - 1].text in ("،", ",", "-"):
            return None, k, False
        else:
            return None, k, False
        hijri = j + 1 < n and toks[j + 1].text in ("ه", "هـ", "هجريه", "للهجره")
        return y, j + (2 if hijri else 1), hijri
    return None, k, False


def _find_dates(reader: DateReader, nt: NormText, published: dt.date | None,
                words: frozenset[str], runs: DigitRuns) -> list[DateMention]:
    norm = nt.norm
    anchor = reader.anchors
    toks = _tokens(norm, anchor, words)
    out: list[DateMention] = []
    # a numeric date (digits and "./-" between digits) lies inside one digit run, and the matches in each run
    # are those of the whole text there: only runs of 6 or more characters are searched
    for a, b, _g in runs:
        if b - a >= 6:
            for m in _NUMDATE.finditer(norm, a, b):
                dm = _numeric(m.group(), m.start(), m.end())
                if dm is not None:
                    out.append(dm)
    n = len(toks)
    months = reader.month_first
    i = 0
    while i < n:
        w = toks[i].text
        if w not in anchor:
            i += 1
            continue
        got: DateMention | None = None
        nxt_i = i + 1
        first = _strip(w, months)
        if _strip(w, _SEASONS) and (season := _season(toks, i)) is not None:
            got, nxt_i = season
        elif first:
            got, nxt_i = _month_date(toks, i, first, published, months, norm)
        elif w in ("الشهر", "والشهر", "بالشهر", "للشهر", "شهر") and i + 1 < n and (
                toks[i + 1].text in _CURRENT or toks[i + 1].text in _PAST or toks[i + 1].text in _FUTURE):
            got, nxt_i = _relative_month(toks, i, published)
        elif _strip(w, WEEKDAYS):
            got, nxt_i = _weekday(toks, i, published, months)
        elif w in ("منذ", "قبل", "خلال", "وخلال", "ومنذ", "وقبل"):
            got, nxt_i = _span(toks, i, published)
        elif _strip(w, _REL_DAY) or w in ("الاسبوع", "العام", "عام", "سنه", "بالاسبوع", "والعام"):
            got, nxt_i = _relative_word(toks, i, published, months)
        if got is not None:
            out.append(got)
            i = max(nxt_i, i + 1)
        else:
            i += 1
    out.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for d in out:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


def _numeric(text: str, start: int, end: int) -> DateMention | None:
    m = _NUMDATE_DMY.fullmatch(text)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
    else:
        m = _NUMDATE_YMD.fullmatch(text)
        if not m:
            return None
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
    if y < 100:
        y += 2000
    if not 1990 <= y <= 2100:
        return None
    date = _safe_date(y, mo, d)
    if date is None and m.re is _NUMDATE_DMY and mo > 12 and d <= 12:
        date = _safe_date(y, d, mo)  # "3/14/2019": month first (English-language page templates)
    if date is None:
        return None
    return DateMention(start, end, date, 1, "absolute")


_YEAR_RE = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")


def _year_from_weekday(month: int, day: int, weekday: int, norm: str) -> int | None:
    """No publication date: "الاحد 10 تموز" in an article whose latest mentioned year is Y is dated to the
    first year from Y on (within six years) where that day falls on that weekday; None without a year."""
    years = [int(y) for y in _YEAR_RE.findall(norm)]
    if not years:
        return None
    anchor = max(years)
    for y in range(anchor, anchor + 7):
        cand = _safe_date(y, month, day)
        if cand is not None and cand.weekday() == weekday and cand < dt.date.today():
            return y
    return None


def _month_date(toks: list[_T], i: int, first: str, published: dt.date | None, month_first: _MonthFirst,
                norm: str = "") -> tuple[DateMention | None, int]:
    n = len(toks)
    found: tuple[int, int, str] | None = None
    for key, month_no, family in month_first[first]:
        if len(key) == 1 or (i + len(key) <= n and tuple(t.text for t in toks[i + 1:i + len(key)]) == key[1:]):
            found = (i + len(key), month_no, family)
            break
    if found is None:
        return None, i + 1
    j, month, fam = found
    start = toks[i].start
    day, di = _day_before(toks, i)
    if day is not None:
        start = toks[di].start
    part = None
    if day is None and i > 0:
        pw = toks[i - 1].text if toks[i - 1].text not in ("شهر", "من") else (toks[i - 2].text if i > 1 else "")
        pb = _strip(pw, _MONTH_PART)
        if pb:
            part = _MONTH_PART[pb]
            start = toks[i - 1].start if toks[i - 1].text == pw else toks[i - 2].start
    # paired month: "سبتمبر/ايلول", "ايلول (سبتمبر)"
    sep = 1 if j < n and toks[j].text in ("/", "-") else 0  # "ايلول (سبتمبر)": the brackets are no tokens
    if j + sep < n and _strip(toks[j + sep].text, month_first):
        second = _strip(toks[j + sep].text, month_first)
        for key2, month2, _ in month_first[second]:
            if len(key2) == 1 or tuple(t.text for t in toks[j + sep + 1:j + sep + len(key2)]) == key2[1:]:
                if month2 == month or fam == "hijri":
                    j = j + sep + len(key2)
                break
    rel = None
    if j < n and toks[j].text in _CURRENT:
        rel, j = "current", j + 1
    elif j < n and toks[j].text in _PAST:
        rel, j = "past", j + 1
    elif j < n and toks[j].text in _FUTURE:
        rel, j = "future", j + 1
    year, j_after, hijri_marker = _year_after(toks, j)
    if fam == "hijri":
        if day is None:
            return None, i + 1
        return _hijri(toks, start, j_after if year else j, day, month, year, published), (j_after if year else j)
    if year is not None:
        if not 1900 <= year <= 2100:
            return None, i + 1
        j = j_after
    if first in ("ماي", "اب", "صفر", "تموز") and day is None and year is None:
        return None, i + 1  # also ordinary words (may, father, zero, a name): need a day or a year
    end = toks[j - 1].end
    if year is None:
        weekday = _weekday_before(toks, di if day is not None else i)
        year = _infer_year(month, day, published, weekday, rel)
        if year is None and published is None and weekday is not None and day is not None:
            year = _year_from_weekday(month, day, weekday, norm)
        if day is not None:
            start = min(start, _weekday_start(toks, di))
    if year is None:
        return DateMention(start, end, None, 1 if day else 3, "absolute"), j
    if day is not None:
        date = _safe_date(year, month, day)
        if date is None:
            return None, i + 1
        return DateMention(start, end, date, 1, "absolute"), j
    d = part or 15
    date = _safe_date(year, month, min(d, 28) if d > 28 else d)
    if date is not None and published is not None and date > published and (year, month) == (
            published.year, published.month):
        date = published
    return DateMention(start, end, date, 3, "absolute"), j


def _weekday_start(toks: list[_T], k: int) -> int:
    """Start of "يوم الثلاثاء" / "الثلاثاء الموافق" right before a day number (else toks[k].start)."""
    j = k - 1
    if j >= 0 and toks[j].text in ("الموافق", "،", ","):
        j -= 1
    if j >= 0 and _strip(toks[j].text, WEEKDAYS):
        if j > 0 and toks[j - 1].text in ("يوم", "ويوم"):
            j -= 1
        return toks[j].start
    return toks[k].start


def _hijri(toks: list[_T], start: int, j: int, day: int, month: int, year: int | None,
           published: dt.date | None) -> DateMention | None:
    from hijridate import Gregorian, Hijri

    end = toks[j - 1].end
    if year is None:
        if published is None:
            return DateMention(start, end, None, 1, "hijri")
        hy = Gregorian(published.year, published.month, published.day).to_hijri().year
        for y in (hy, hy - 1):
            try:
                g = Hijri(y, month, day).to_gregorian()
            except (ValueError, OverflowError):
                continue
            date = dt.date(g.year, g.month, g.day)
            if date <= published:
                return DateMention(start, end, date, 1, "hijri")
        return None
    if not 1343 <= year <= 1500:
        return None
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return DateMention(start, end, dt.date(g.year, g.month, g.day), 1, "hijri")


def _relative_month(toks: list[_T], i: int, published: dt.date | None) -> tuple[DateMention | None, int]:
    rel_word = toks[i + 1].text
    day, di = _day_before(toks, i)
    start = toks[di].start if day is not None else toks[i].start
    part = None
    if day is None and i > 0:
        pb = _strip(toks[i - 1].text, _MONTH_PART)
        if pb:
            part = _MONTH_PART[pb]
            start = toks[i - 1].start
    end = toks[i + 1].end
    if published is None:
        return DateMention(start, end, None, 1 if day else 3, "relative"), i + 2
    y, m = published.year, published.month
    if rel_word in _PAST:
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    elif rel_word in _FUTURE:
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    if day is not None:
        date = _safe_date(y, m, day)
        return (DateMention(start, end, date, 1, "relative") if date else None), i + 2
    d = part or 15
    date = _safe_date(y, m, min(d, 28))
    if date is not None and date > published and rel_word not in _FUTURE:
        date = published
    return DateMention(start, end, date, 3, "relative"), i + 2


def _weekday(toks: list[_T], i: int, published: dt.date | None,
             month_first: _MonthFirst) -> tuple[DateMention | None, int]:
    n = len(toks)
    w = toks[i].text
    bare = _strip(w, WEEKDAYS)
    wd = WEEKDAYS[bare]
    prev = toks[i - 1].text if i > 0 else ""
    start = toks[i].start
    j = i + 1
    # a weekday right before an explicit date is that date's (the month parser uses it)
    for k in range(i + 1, min(n, i + 5)):
        if _strip(toks[k].text, month_first):
            return None, i + 1
    k = i + 1 + (1 if i + 1 < n and toks[i + 1].text in ("،", ",", "الموافق") else 0)
    if (k + 2 < n and toks[k].text.isdigit() and toks[k + 1].text in ("/", "-", ".") and toks[k + 2].text.isdigit()
            and toks[k + 1].start == toks[k].end):
        return None, i + 1  # "الخميس 12-9-2018": the numeric date carries the day
    cue = prev in _WEEKDAY_CUES or prev in ("،", ",", ".") or w != bare
    if prev in ("يوم", "امس", "وامس", "ليل", "ليله", "فجر", "صباح", "مساء", "ظهر", "عصر", "نهار", "ويوم"):
        start = toks[i - 1].start
    back = 0
    if prev in ("امس", "وامس", "البارحه"):
        back = 1
    elif i > 1 and toks[i - 2].text in ("امس", "وامس") and prev in ("يوم", "صباح", "مساء", "ليل", "فجر"):
        back = 1
        start = toks[i - 2].start
    # night between two days: "ليل الخميس/الجمعه", "ليله الخميس - الجمعه", "ليل الخميس علي الجمعه"
    second = None
    if j + 1 < n and toks[j].text in ("/", "-", "علي", "الي") and _strip(toks[j + 1].text, WEEKDAYS):
        second = WEEKDAYS[_strip(toks[j + 1].text, WEEKDAYS)]
        j += 2
    elif j < n and _strip(toks[j].text, WEEKDAYS) and toks[j].text != w:
        second = WEEKDAYS[_strip(toks[j].text, WEEKDAYS)]
        j += 1
    rel = None
    if j < n and toks[j].text in _PAST:
        rel, j = "past", j + 1
    elif j < n and toks[j].text in _FUTURE:
        rel, j = "future", j + 1
    nxt = toks[j].text if j < n else ""
    if bare == "الاثنين" and not (cue or rel or second is not None or nxt in ("،", ",", ".")):
        return None, i + 1
    # a bare weekday mid-sentence still names a day in news prose ("هاجم مسلحون الخميس مواقع"),
    # but not in "صلاه الجمعه"
    if bare == "الجمعه" and prev in ("صلاه", "خطبه", "جمعه"):
        return None, i + 1
    end = toks[j - 1].end
    if published is None:
        return DateMention(start, end, None, 1, "weekday"), j
    if back:
        date = published - dt.timedelta(days=1)
    elif rel == "future":
        delta = (wd - published.weekday()) % 7 or 7
        date = published + dt.timedelta(days=delta)
    else:
        delta = (published.weekday() - wd) % 7
        if rel == "past" and delta == 0:
            delta = 7
        date = published - dt.timedelta(days=delta)
    if second is not None and (second - wd) % 7 != 1:
        second = None
    return DateMention(start, end, date, 1, "weekday"), j


def _count_before_unit(toks: list[_T], j: int) -> tuple[float | None, int]:
    """Count and unit index for "3 ايام", "ثلاثه ايام", "يومين", "اسبوع"."""
    n = len(toks)
    if j >= n:
        return None, j
    w = toks[j].text
    if w.isdigit() and j + 1 < n:
        return float(w), j + 1
    if w in _NUM_WORDS and w not in _SPAN_UNITS and j + 1 < n:
        return float(_NUM_WORDS[w]), j + 1
    if w in ("نحو", "قرابه", "حوالي", "اكثر") and j + 1 < n:
        k = j + 1 + (1 if toks[j + 1].text == "من" else 0)
        c, u = _count_before_unit(toks, k)
        return c, u
    if w in _SPAN_UNITS:
        return (2.0 if w.endswith("ين") and w not in ("الاسبوعين", "اليومين", "الشهرين") else 1.0), j
    return None, j


def _span(toks: list[_T], i: int, published: dt.date | None) -> tuple[DateMention | None, int]:
    """منذ/قبل + N unit (a point in the past); خلال + the past N units (a window ending at publication)."""
    n = len(toks)
    cue = toks[i].text.removeprefix("و")
    j = i + 1
    if cue == "خلال":
        # خلال (ال)(يومين|ايام|ساعات|اسبوع|24 ساعه) (الماضي|الماضيه|الماضيين|الاخيره)
        k = j
        if k < n and toks[k].text in ("ال",):
            k += 1
        count = None
        if k < n and toks[k].text.isdigit():
            count, k = float(toks[k].text), k + 1
        if k >= n or (toks[k].text not in _SPAN_UNITS and _strip(toks[k].text, _SPAN_UNITS) == ""):
            return None, i + 1
        unit = toks[k].text
        if k + 1 >= n or toks[k + 1].text not in _PAST:
            if unit == "الاسبوع" and k + 1 < n and toks[k + 1].text in _CURRENT:
                return _week(toks, k, k + 2, published, "current")
            return None, i + 1
        days, prec = _SPAN_UNITS[unit]
        end = toks[k + 1].end
        if unit in ("الاسبوع", "الشهر"):
            return _week(toks, k, k + 2, published, "past") if unit == "الاسبوع" else _relative_month(
                toks, k, published)
        if published is None:
            return DateMention(toks[i].start, end, None, prec, "span"), k + 2
        if days == 0:
            total = (count or 0) / 24
            date = published - dt.timedelta(days=1 if total >= 1 else 0)
            return DateMention(toks[i].start, end, date, 1, "span"), k + 2
        # a window of several days: code its middle, week precision
        length = (count or (2 if unit in ("اليومين", "يومين") else 3)) * days
        if length > _MAX_SPAN_DAYS:
            return None, i + 1
        date = published - dt.timedelta(days=max(1, int(length // 2)))
        return DateMention(toks[i].start, end, date, 2, "span"), k + 2
    count, k = _count_before_unit(toks, j)
    if count is None or k >= n or count > _MAX_SPAN_DAYS:
        return None, i + 1
    unit = toks[k].text
    if unit not in _SPAN_UNITS:
        return None, i + 1
    days, prec = _SPAN_UNITS[unit]
    end = toks[k].end
    if count * days > _MAX_SPAN_DAYS:
        return None, i + 1  # "منذ 30 عاما" and beyond: history, not an event date
    if published is None:
        return DateMention(toks[i].start, end, None, prec, "span"), k + 1
    if days == 0:
        date = published - dt.timedelta(days=1 if count >= 24 else 0)
        return DateMention(toks[i].start, end, date, 1, "span"), k + 1
    if unit in ("ايام", "الايام") and toks[k - 1].text in ("منذ", "قبل", "ومنذ"):  # "منذ ايام": a few days
        return DateMention(toks[i].start, end, published - dt.timedelta(days=3), 2, "span"), k + 1
    date = published - dt.timedelta(days=int(count * days))
    if prec == 3:
        date = date.replace(day=15)
        if date > published:
            date = published
    elif prec == 1 and count > 6:
        prec = 2
    return DateMention(toks[i].start, end, date, prec, "span"), k + 1


def _week(toks: list[_T], i: int, j: int, published: dt.date | None, rel: str) -> tuple[DateMention | None, int]:
    """الاسبوع الماضي / الجاري: the Wednesday of that (Monday-based) week, precision 2."""
    start, end = toks[i].start, toks[j - 1].end
    if i > 0 and toks[i - 1].text in ("خلال", "وخلال", "مطلع", "منتصف", "نهايه", "اواخر", "بدايه"):
        start = toks[i - 1].start
    if published is None:
        return DateMention(start, end, None, 2, "relative"), j
    ref = published - dt.timedelta(days=7) if rel == "past" else published
    monday = ref - dt.timedelta(days=ref.weekday())
    date = monday + dt.timedelta(days=2)
    if date > published:
        date = published
    return DateMention(start, end, date, 2, "relative"), j


def _season(toks: list[_T], i: int) -> tuple[DateMention, int] | None:
    """"صيف 2014", "خريف عام 2015": the year of a season (a month-wide part of it, no day)."""
    j = i + 1
    if j < len(toks) and toks[j].text in ("عام", "العام", "سنه"):
        j += 1
    if j < len(toks) and len(y := toks[j].text) == 4 and y.isdigit() and 1900 <= int(y) <= 2100:
        return DateMention(toks[i].start, toks[j].end, None, 3, "year", year_only=int(y)), j + 1
    return None


def _relative_word(toks: list[_T], i: int, published: dt.date | None,
                   month_first: _MonthFirst) -> tuple[DateMention | None, int]:
    n = len(toks)
    w = toks[i].text
    nxt = toks[i + 1].text if i + 1 < n else ""
    prev = toks[i - 1].text if i > 0 else ""
    if w in ("الاسبوع", "بالاسبوع"):
        if nxt in _PAST:
            return _week(toks, i, i + 2, published, "past")
        if nxt in _CURRENT or prev in ("هذا",):
            return _week(toks, i, i + 2 if nxt in _CURRENT else i + 1, published, "current")
        return None, i + 1
    if w in ("العام", "عام", "سنه", "والعام"):
        start = toks[i].start
        if nxt in _PAST and w in ("العام", "والعام"):
            y = published.year - 1 if published else None
            return DateMention(start, toks[i + 1].end, None, 3, "year", year_only=y), i + 2
        if nxt in _CURRENT and w in ("العام", "والعام"):
            y = published.year if published else None
            return DateMention(start, toks[i + 1].end, None, 3, "year", year_only=y), i + 2
        if nxt.isdigit() and len(nxt) == 4 and 1900 <= int(nxt) <= 2100:
            return DateMention(start, toks[i + 1].end, None, 3, "year", year_only=int(nxt)), i + 2
        return None, i + 1
    bare = _strip(w, _REL_DAY)
    if bare == "اليوم" and (prev in _TODAY_BLOCK_BEFORE or nxt in _TODAY_BLOCK_AFTER or prev in ("في", "ذلك")
                            and nxt in ("نفسه", "ذاته", "التالي")):
        return None, i + 1
    if bare == "اليوم" and w != bare and w not in ("واليوم",):
        return None, i + 1  # "باليوم" / "لليوم" rarely mean today
    if bare == "امس" and _strip(nxt, WEEKDAYS):
        return None, i + 1  # "امس الثلاثاء" is the weekday parser's
    if bare == "امس" and nxt in ("يوم", "صباح", "مساء", "ليل", "فجر") and i + 2 < n and _strip(toks[i + 2].text,
                                                                                          WEEKDAYS):
        return None, i + 1
    offset = _REL_DAY[bare]
    start = toks[i].start
    if prev in ("يوم", "صباح", "مساء", "ليل", "فجر", "ظهر", "عصر", "نهار", "ليله", "ظهيره"):
        start = toks[i - 1].start
    if bare == "امس" and prev in ("اول", "من") and i > 0:
        k = i - 1 if prev == "اول" else i - 2
        if k >= 0 and toks[k].text == "اول":
            offset, start = -2, toks[k].start
    end = toks[i].end
    # "اليوم الثلاثاء": the weekday confirms today; an explicit date after it wins
    if bare == "اليوم" and _strip(nxt, WEEKDAYS):
        for k in range(i + 2, min(n, i + 6)):
            if _strip(toks[k].text, month_first):
                return None, i + 1
        end = toks[i + 1].end
    if published is None:
        return DateMention(start, end, None, 1, "relative"), i + 1
    return DateMention(start, end, published + dt.timedelta(days=offset), 1, "relative"), (
        i + 2 if end > toks[i].end else i + 1)
