"""Numbers in Arabic news: digits, Eastern digits, number words, vague quantities, ranges, qualifiers.

Convention for the text layer: functions take a `NormText` and return mentions whose `start`/`end`
are offsets into the *normalised* text; callers map them back with `NormText.span`.

Choices (see also docs/dates.md):
- Vague words take ACLED's conventional figures: عشرات/العشرات = 10, مئات = 100, آلاف = 1000,
  ملايين = 1e6.  "عدد من" / "عدة" / "بضعة" / "بعض" are vague with value 0 (unknown, never invented).
- Ordinals (الثالث، الأولى) are never counts.  Years, dates, clock times and percentages are returned
  with `kind` set to "year" / "date" / "time" / "percent" so that callers can skip them; only
  `kind == "count"` is a count.
- A dual counted noun from units.tsv ("قتيلين", "جنديين") is a count of 2 whose span is the noun.
- The span of a mention includes its qualifier ("أكثر من 20") and both ends of a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasid.text.normalize import NormText
from rasid.text.windows import DigitRuns, anchor_regions, digit_runs, whole_word_positions, words_of


@dataclass(slots=True)
class NumberMention:
    start: int
    end: int
    value: float  # the conservative (low) value; "عشرات" = 10, "العشرات" = 10, "مئات" = 100
    high: float | None = None  # upper bound of a range ("500 الى 600"), else None
    qualifier: str = "exact"  # exact | more_than | about | up_to | less_than | at_least
    vague: bool = False  # a vague quantity word (عشرات، مئات، عدد من)
    kind: str = "count"  # count | year | date | time | percent
    num_start: int = -1  # span of the number itself, without qualifier (normalised offsets)
    num_end: int = -1


# --- number words (normalised forms) -------------------------------------------------------------
_UNITS: dict[str, int] = {}
for _forms, _v in (
    ("واحد واحده واحدا احد احدي", 1),
    ("اثنان اثنين اثنتان اثنتين اثنا اثني", 2),
    ("ثلاث ثلاثه", 3),
    ("اربع اربعه", 4),
    ("خمس خمسه", 5),
    ("ست سته", 6),
    ("سبع سبعه", 7),
    ("ثمان ثماني ثمانيه", 8),
    ("تسع تسعه", 9),
    ("عشر عشره", 10),
):
    for _f in _forms.split():
        _UNITS[_f] = _v
_TENS: dict[str, int] = {}
for _stem, _v in (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60), ("سبع", 70),
                  ("ثمان", 80), ("تسع", 90)):
    _TENS[_stem + "ون"] = _v
    _TENS[_stem + "ين"] = _v
_HUNDREDS: dict[str, int] = {"مئه": 100, "مائه": 100, "ميه": 100, "مئتين": 200, "مئتان": 200, "مائتين": 200,
                             "مائتان": 200, "مئتي": 200, "مائتي": 200}
for _stem, _v in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("تسع", 9)):
    _HUNDREDS[_stem + "مئه"] = _v * 100
    _HUNDREDS[_stem + "مائه"] = _v * 100
_MULT: dict[str, int] = {"الف": 1000, "الفا": 1000, "الاف": 1000, "الفين": 2000, "الفان": 2000, "الفي": 2000,
                         "مليون": 1_000_000, "مليونا": 1_000_000, "ملايين": 1_000_000,
                         "مليار": 1_000_000_000, "مليارا": 1_000_000_000, "مليارات": 1_000_000_000}
#: fractions of a following multiplier: "ربع مليون" = 250,000, "نصف مليون" = 500,000
_FRACTIONS: dict[str, float] = {"ربع": 0.25, "نصف": 0.5}
#: word -> (value, kind of word); composed words are joined by "و".
_VAGUE: dict[str, float] = {"عشرات": 10, "العشرات": 10, "مئات": 100, "المئات": 100, "الاف": 1000,
                            "الالاف": 1000, "ملايين": 1_000_000, "الملايين": 1_000_000,
                            "عده": 0, "بضع": 0, "بضعه": 0}
_VAGUE_MULT: dict[str, float] = {"الاف": 1000, "الالاف": 1000, "ملايين": 1_000_000, "الملايين": 1_000_000}
#: Multi-word vague phrases ("عدد من").
_VAGUE_PHRASES = ("عدد من", "عدد كبير من", "العديد من", "عدد اخر من")

_QUALIFIERS_BEFORE: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [
            ("اكثر من", "more_than"), ("ما يزيد عن", "more_than"), ("ما يزيد علي", "more_than"),
            ("يزيد عن", "more_than"), ("يزيد علي", "more_than"), ("ما يربو علي", "more_than"),
            ("ازيد من", "more_than"), ("ما يفوق", "more_than"), ("يفوق", "more_than"),
            ("نحو", "about"), ("قرابه", "about"), ("حوالي", "about"), ("حوالى", "about"), ("زهاء", "about"),
            ("ما يقارب", "about"), ("يقارب", "about"), ("ما يقرب من", "about"), ("قرابة", "about"),
            ("تقريبا", "about"),
            ("حتي", "up_to"), ("ما يصل الي", "up_to"), ("يصل الي", "up_to"), ("ما يصل ل", "up_to"),
            ("لا يتجاوز", "up_to"), ("لا تتجاوز", "up_to"), ("لا يزيد عن", "up_to"), ("لا تزيد عن", "up_to"),
            ("لا يزيد علي", "up_to"), ("لا تزيد علي", "up_to"), ("ما لا يتجاوز", "up_to"),
            ("اقل من", "less_than"), ("ما دون", "less_than"), ("دون", "less_than"),
            ("ما لا يقل عن", "at_least"), ("لا يقل عن", "at_least"), ("ما لا يقل علي", "at_least"),
        ],
        key=lambda p: -len(p[0]),
    )
)
_QUALIFIERS_AFTER = (("علي الاقل", "at_least"), ("تقريبا", "about"), ("علي الاكثر", "up_to"))

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_DATE_FULL = re.compile(r"\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([-/.])\d{1,2}\2\d{1,2}")
_TIME_FULL = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_YEAR_CUES = frozenset({"عام", "العام", "سنه", "السنه", "عامي", "لعام", "وعام", "منذ", "مطلع", "اواخر",
                        "اوائل", "خلال", "صيف", "شتاء", "ربيع", "خريف", "مواليد"})
_PERCENT_AFTER = frozenset({"بالمئه", "بالمائه", "بالميه", "%"})
_CLITICS = ("وب", "ول", "فب", "و", "ب", "ل", "ف", "ك")
_TIME_CUES = frozenset({"الساعه", "ساعه", "تمام"})
_RANGE_JOIN = frozenset({"الي", "و", "او", "-", "حتي"})


def _strip_clitic(word: str, table: dict) -> tuple[str, int]:
    """(bare word, clitic length) when `word` minus a proclitic chain is in `table`, else ("", 0)."""
    if word in table:
        return word, 0
    for c in _CLITICS:
        if word.startswith(c) and word[len(c):] in table:
            return word[len(c):], len(c)
    return "", 0


@dataclass(frozen=True, slots=True)
class UnitEntry:
    unit: str  # person, civilian, fighter, soldier, family, km, km2, ton, vehicle, duration, ...
    category: str  # killed | wounded | captured | displaced | surrendered | area | "" (none)
    number: str  # sg | pl | dual | cue


_ARTICLES = ("وال", "فال", "بال", "لل", "ال", "وبال", "ولل", "كال")


class Units:
    """Counted nouns and casualty cue words (units.tsv, loaded by `rasid.lexicon.tables`), normalised,
    without article or clitics; `of` looks a running-text word up."""

    def __init__(self, table: dict[str, UnitEntry]) -> None:
        self.table = table
        self.duals = {k: v for k, v in table.items() if v.number == "dual"}
        self.of = lru_cache(maxsize=65536)(self._of)

    def _of(self, word: str) -> UnitEntry | None:
        """Entry of a (normalised) word with clitics and article stripped; cue words included."""
        table = self.table
        e = table.get(word)
        if e is not None:
            return e
        for pre in _ARTICLES + _CLITICS:
            if word.startswith(pre) and len(word) - len(pre) >= 2:
                e = table.get(word[len(pre):])
                if e is not None:
                    return e
        # accusative/pronoun endings: قتيلا، عناصرها
        for suf in ("ها", "هم", "ه", "ا"):
            if word.endswith(suf) and len(word) - len(suf) >= 3:
                e = table.get(word[: -len(suf)])
                if e is not None and e.number != "cue":
                    return e
        return None


class NumberReader:
    """Finds the number expressions of a text (`find`) with the unit and month tables it was given."""

    def __init__(self, units: Units, month_words: frozenset[str]) -> None:
        self.units = units
        self.month_words = month_words  # single-token Gregorian months: "24 مارس" is a date
        words = set(_ALL_WORDS) | set(units.duals) | set(_FRACTIONS) | set(_DEFINITE) | {"عدد", "العديد"}
        #: every token (with proclitics) that can start a number expression other than digits
        self.triggers = frozenset(c + w for w in words for c in ("",) + _CLITICS)

    def find(self, nt: NormText, words: frozenset[str] | None = None, runs: DigitRuns | None = None
             ) -> list[NumberMention]:
        """Every number expression in the text, in order (`words`: the text's `words_of`, `runs` its
        `digit_runs`, if known)."""
        return _find_numbers(self, nt, words_of(nt.norm) if words is None else words,
                             digit_runs(nt.norm) if runs is None else runs)

    def looks_counted(self, word: str) -> bool:
        """A word after a 4-digit number that is a counted noun (so the number is a count, not a year)."""
        e = self.units.of(word)
        return e is not None and e.number != "cue"


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str


def _candidate_tokens(norm: str, masked: list[tuple[int, int]], anchors: list[int], triggers: frozenset[str],
                      words: frozenset[str]) -> list[_Tok]:
    """Tokens of the regions around digits and number words only (tokenising everything is slow)."""
    present = triggers.intersection(words)
    for w in present:
        anchors.extend(whole_word_positions(norm, w))
    if not anchors:
        return []
    toks: list[_Tok] = []
    for s, e in anchor_regions(norm, anchors, 25, 45):
        for m in _TOKEN.finditer(norm, s, e):
            st = m.start()
            if masked and norm[st].isdigit() and any(a <= st < b for a, b in masked):
                continue
            if toks and st < toks[-1].end:
                continue
            toks.append(_Tok(st, m.end(), m.group()))
    return toks


def _digit_value(s: str, next_word: str) -> float | None:
    if _THOUSANDS.match(s):
        return float(s.replace(",", ""))
    if _THOUSANDS_DOT.match(s) and next_word not in _MULT:
        return float(s.replace(".", ""))
    if "," in s:  # "2,5 مليون" as a decimal comma
        s = s.replace(",", ".")
        if s.count(".") > 1:
            return None
    try:
        return float(s)
    except ValueError:
        return None


def _find_numbers(reader: NumberReader, nt: NormText, words: frozenset[str], digit_runs: DigitRuns
                  ) -> list[NumberMention]:
    norm = nt.norm
    out: list[NumberMention] = []
    # 1. dates and clock times written with digits: mark and mask
    masked: list[tuple[int, int]] = []
    for a, b, g in digit_runs:
        if (a == 0 or norm[a - 1] not in ".:") and b - a >= 4:
            kind = "date" if _DATE_FULL.fullmatch(g) else "time" if _TIME_FULL.fullmatch(g) else ""
            if kind:
                out.append(NumberMention(a, b, 0.0, kind=kind, num_start=a, num_end=b))
                masked.append((a, b))
    trigger = reader.triggers
    toks = _candidate_tokens(norm, masked, [a for a, _, _ in digit_runs], trigger, words)
    months = reader.month_words
    duals = reader.units.duals
    looks_counted = reader.looks_counted
    n = len(toks)
    i = 0
    raw: list[NumberMention] = []
    while i < n:
        t = toks[i]
        w = t.text
        if not w[0].isdigit() and w not in trigger:
            i += 1
            continue
        nxt = toks[i + 1].text if i + 1 < n else ""
        # digits (with attached clitics: ب14، و12)
        lead = 0
        while lead < len(w) and not w[lead].isdigit() and lead < 2:
            lead += 1
        if lead < len(w) and w[lead].isdigit() and (lead == 0 or w[:lead] in _CLITICS):
            digits = w[lead:]
            val = _digit_value(digits, nxt)
            if val is None or val > 1e12:  # phone numbers, IDs, overflow: not quantities
                i += 1
                continue
            start = t.start + lead
            end = t.end
            j = i + 1
            if nxt in _MULT and nxt not in ("الفين", "الفان", "الفي"):
                mult = _MULT[nxt]
                val *= mult
                end = toks[i + 1].end
                j = i + 2
                # "34 الف و850", "3 الاف و500": the rest after the thousands
                if (j + 1 < n and toks[j].text == "و" and toks[j + 1].start == toks[j].end
                        and toks[j + 1].text.isdigit() and int(toks[j + 1].text) < mult):
                    val += int(toks[j + 1].text)
                    end = toks[j + 1].end
                    j += 2
            kind = "count"
            prev = toks[i - 1].text if i > 0 else ""
            after = norm[end:end + 8].lstrip()
            if after.startswith("%") or nxt in _PERCENT_AFTER or (nxt == "في" and i + 2 < n and toks[i + 2].text in ("المئه", "المائه")):
                kind = "percent"
            elif nxt in months or (nxt == "من" and i + 2 < n and toks[i + 2].text in _MONTH_REF and val <= 31):
                kind = "date"
            elif prev in _TIME_CUES and val <= 24:
                kind = "time"
            elif (len(digits) == 4 and 1900 <= val <= 2100 and j == i + 1
                  and (prev in _YEAR_CUES or prev in months
                       or not (looks_counted(nxt) or prev in _COUNT_BEFORE
                               or (nxt == "من" and i + 2 < n and looks_counted(toks[i + 2].text))))):
                kind = "year"
            raw.append(NumberMention(start, end, val, kind=kind, num_start=start, num_end=end))
            i = j
            continue
        # vague phrases "عدد من"
        if w in ("عدد", "وعدد", "بعدد", "العديد") and i + 1 < n:
            k = i + 1
            while k < n and k <= i + 3 and toks[k].text != "من":
                if toks[k].text not in ("كبير", "اخر", "غير", "قليل", "محدود"):
                    break
                k += 1
            if k < n and toks[k].text == "من":
                st = t.start + (1 if w[0] in "وب" and w != "العديد" else 0)
                raw.append(NumberMention(st, toks[k].end, 0.0, vague=True, num_start=st, num_end=toks[k].end))
                i = k + 1
                continue
        if w in _DEFINITE:
            prev = toks[i - 1].text if i > 0 else ""
            approx = prev in _APPROX_BEFORE
            if approx or (prev == "من" and i > 1 and toks[i - 2].text in _MORE_LESS):
                m = NumberMention(t.start, t.end, float(_DEFINITE[w]), num_start=t.start, num_end=t.end)
                if approx:
                    m.qualifier = "about"  # "قارب", "ناهز": verbs of approaching that no phrase table lists
                raw.append(m)
            i += 1
            continue
        # number words, composed with و
        val_w, used, vague = _parse_words(toks, i)
        if used:
            bare, cl = _strip_clitic(w, _ALL_WORDS)
            if not bare:
                bare, cl = _strip_clitic(w, _FRACTIONS)
            st = t.start + cl
            en = toks[i + used - 1].end
            raw.append(NumberMention(st, en, val_w, vague=vague, num_start=st, num_end=en))
            i += used
            continue
        # dual counted noun: قتيلين = 2
        bare, cl = _strip_clitic(w, duals)
        if bare and not (i + 1 < n and toks[i + 1].text in ("اثنين", "اثنتين", "اثنان")):
            raw.append(NumberMention(t.start + cl, t.end, 2.0, num_start=t.start + cl, num_end=t.end))
        i += 1
    raw = _merge_ranges(norm, raw)
    for m in raw:
        if m.kind in ("count", "percent"):
            _attach_qualifier(norm, m)
    out.extend(raw)
    out.sort(key=lambda m: m.start)
    return out


_ALL_WORDS: dict[str, int] = {**_UNITS, **_TENS, **_HUNDREDS, **_MULT, **{k: 0 for k in _VAGUE}}
#: a round number with the article, counted only right after an approximation ("قرابه الخمسين",
#: "نحو المئه", "ما يقارب الالف", "قارب عددهم العشره"); elsewhere it is an ordinal or a date ("العشرين من")
_DEFINITE: dict[str, int] = {"ال" + w: v for w, v in (*_TENS.items(), *_HUNDREDS.items())}
_DEFINITE.update({"العشر": 10, "العشره": 10, "الالف": 1000, "الالفين": 2000, "المليون": 1_000_000})
_APPROX_BEFORE = frozenset({"نحو", "قرابه", "حوالي", "حوالى", "زهاء", "يقارب", "تقارب", "قارب", "قاربت", "يناهز",
                            "تناهز", "ناهز", "ناهزت"})
_MORE_LESS = frozenset({"اكثر", "ازيد", "يقرب", "اقل"})
_NOT_BEFORE_NUMBER_WORD = frozenset({"يوم", "اليوم", "صباح", "مساء", "ليل", "ليله", "فجر", "ظهر", "الفجر"})


#: words before a 4-digit number that make it a count ("نحو 2000 من مسلحي"), not a year
_COUNT_BEFORE = frozenset({"نحو", "قرابه", "حوالي", "زهاء", "يقارب", "مقتل", "قتل", "اعتقال", "نزوح", "اصابه"})
_MONTH_REF = frozenset({"الشهر", "شهر", "الشهرالجاري"})


def _parse_words(toks: list[_Tok], i: int) -> tuple[float, int, bool]:
    """Value, number of tokens used, vague flag of a number-word expression starting at toks[i]."""
    n = len(toks)
    w = toks[i].text
    frac, _ = _strip_clitic(w, _FRACTIONS)
    if frac and i + 1 < n and toks[i + 1].start - toks[i].end <= 2:
        mult = toks[i + 1].text
        if mult in _MULT and mult not in ("الفين", "الفان", "الفي"):
            return _FRACTIONS[frac] * _MULT[mult], 2, False
    bare, _ = _strip_clitic(w, _ALL_WORDS)
    if not bare:
        return 0.0, 0, False
    if i > 0 and toks[i - 1].text in _NOT_BEFORE_NUMBER_WORD and bare in _UNITS:
        return 0.0, 0, False
    if bare in _VAGUE and bare not in _MULT:
        nxt = toks[i + 1].text if i + 1 < n else ""
        if nxt in _VAGUE_MULT and toks[i + 1].start - toks[i].end <= 2:
            # "عشرات الالاف" = 10,000, "مئات الالاف" = 100,000, "بضعه الاف" / "عده الاف" = 1,000
            return float((_VAGUE[bare] or 1) * _VAGUE_MULT[nxt]), 2, True
        return float(_VAGUE[bare]), 1, True
    if bare in ("الاف", "ملايين") and not (i > 0 and _strip_clitic(toks[i - 1].text, _UNITS)[0]):
        return float(_VAGUE[bare]), 1, True
    # "احد" is "one of" -> 1; "الاحد" (Sunday) never reaches here (ال is not a clitic)
    total = 0.0
    current = 0.0
    used = 0
    k = i
    expect_and = False
    while k < n:
        word = toks[k].text
        if expect_and:
            if not word.startswith("و"):
                break
            b = word[1:]
        else:
            b = word if k == i else ""
            if k == i:
                b = bare
        if not b:
            break
        if b in _UNITS:
            if expect_and and current % 10 != 0:
                break  # "ثلاثه واربعه": two figures (a range), not a sum
            # teens: ثلاثه عشر
            if k + 1 < n and toks[k + 1].text in ("عشر", "عشره") and _UNITS[b] < 10:
                current += _UNITS[b] + 10
                k += 2
            else:
                current += _UNITS[b]
                k += 1
        elif b in _TENS:
            current += _TENS[b]
            k += 1
        elif b in _HUNDREDS:
            current += _HUNDREDS[b]
            k += 1
        elif b in _MULT and not expect_and and k == i:
            current = float(_MULT[b])
            k += 1
        elif b in ("مئه", "مائه") and current:
            current *= 100
            k += 1
        else:
            break
        used = k - i
        # multiplier after the group: ثلاث مئه، ثلاثه الاف، خمسون الفا
        if k < n and toks[k].text in ("مئه", "مائه") and current < 10:
            current *= 100
            k += 1
            used = k - i
        if k < n and toks[k].text in _MULT and toks[k].text not in ("الفين", "الفان"):
            total += (current or 1) * _MULT[toks[k].text]
            current = 0
            k += 1
            used = k - i
        expect_and = True
    if not used:
        return 0.0, 0, False
    return total + current, used, False


def _merge_ranges(norm: str, ms: list[NumberMention]) -> list[NumberMention]:
    out: list[NumberMention] = []
    i = 0
    while i < len(ms):
        a = ms[i]
        if i + 1 < len(ms) and a.kind == "count" and ms[i + 1].kind == "count" and not a.vague:
            b = ms[i + 1]
            gap = norm[a.end:b.start].strip()
            before = norm[max(0, a.start - 6):a.start]
            joined = gap in ("الي", "-", "او", "حتي", "و", "ل", "الى") or gap == "" and norm[a.end:b.start] == ""
            if gap == "و" and not before.rstrip().endswith(("بين", "من")):
                joined = False
            if joined and a.value < 1000 and b.value >= 1000:
                for mult in (1_000_000, 1000):
                    if b.value % mult == 0 and a.value * mult < b.value and a.value * mult * 10 >= b.value:
                        a.value *= mult
                        break
            if joined and b.value > a.value:
                st = a.start
                stripped = before.rstrip()
                if stripped.endswith(("بين", "من")) and gap in ("و", "الي", "حتي"):
                    st = a.start - (len(before) - len(stripped)) - 3
                    st = max(st, 0)
                    if not norm[st:a.start].strip().endswith(("بين", "من")):
                        st = a.start
                out.append(NumberMention(st, b.end, a.value, high=b.value, num_start=a.start, num_end=b.end))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def attach_qualifier(norm: str, m: NumberMention) -> None:
    """Set `m.qualifier` from the phrase before it ("نحو", "لا تتجاوز") or after it ("على الأقل"); the
    mention then starts at the phrase before it."""
    _attach_qualifier(norm, m)


def _attach_qualifier(norm: str, m: NumberMention) -> None:
    before = norm[max(0, m.start - 20):m.start].rstrip()
    for phrase, q in _QUALIFIERS_BEFORE:
        if before.endswith(phrase):
            st = len(before) - len(phrase)
            if st > 0 and (before[st - 1].isalnum() and before[st - 1] not in "وب"):
                continue
            m.qualifier = q
            m.start = max(0, m.start - 20) + st
            if st > 0 and before[st - 1] in "وب" and (st < 2 or not before[st - 2].isalnum()):
                m.start -= 0
            return
    after = norm[m.end:m.end + 40]
    for phrase, q in _QUALIFIERS_AFTER:
        idx = after.find(phrase)
        if 0 <= idx <= 20 and (idx == 0 or after[idx - 1] == " "):
            # only when the qualifier follows the number or its counted noun
            between = after[:idx].split()
            if len(between) <= 2:
                m.qualifier = q  # the span stays on the number: the counted noun follows it
                return
