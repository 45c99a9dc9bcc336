"""The deaths of one sentence, as an event's fatalities (ACLED: the most conservative figure, deaths only).

`sentence_deaths(ct, fw, span) -> (deaths, normalised evidence span) | None` reads the casualty figures the
claims rules found in the sentence (`ClaimText.quantities`) and keeps the deaths that are this sentence's
own: never the wounded, never a "killed or wounded" total, never a vague count of victims (a word that
covers the wounded too: "عشرات الضحايا"). Figures joined by "و" add up; a singular victim after a word of
dying is one death ("استشهدت طفلة", "اغتيل ضابط", time words between: "قتل اليوم الأربعاء، لاجئة"); where
nothing is counted, "لقي حتفه" / "فارق الحياة" / "توفي" is one. Rival figures (بينما، حسب ...) give the
lowest. The word lists are data: rasid/data/lexicon/event_words.tsv (death_word, death_skip, died,
vague_victim).
Rules and figures: docs/extraction.md.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, NamedTuple

from rasid.extract.claims import PEOPLE_UNITS
from rasid.extract.gated import Gated

if TYPE_CHECKING:
    from rasid.extract.claims import ClaimText
    from rasid.resources import Resources

#: Categories of a noun that can be the victim itself ("قتل نازح": a displaced person killed).
_VICTIM_CATEGORIES = frozenset({"", "killed", "displaced"})


class FatalityWords(NamedTuple):
    """The patterns the fatalities rules read, made from event_words.tsv (once per `Resources`)."""

    death: Gated  # a word of dying, time words, then the victim word (group 1)
    death_needles: tuple[str, ...]
    died: Gated  # "لقي حتفه", "فارق الحياة": one death (group 1: the pronoun)
    died_needles: tuple[str, ...]
    vague_victim: frozenset[str]
    period_before: frozenset[str]  # "خلال" / "في" before a count of days: a toll over a period
    since: frozenset[str]  # "منذ" before a date: a toll since then
    short_period: frozenset[str]  # hours and minutes: one event's time, not a period of several


def compile_fatality_words(resources: Resources) -> FatalityWords:
    """`FatalityWords` of the resources' event_words.tsv (use `resources.derived(compile_fatality_words)`)."""
    lists = resources.words("event_words.tsv")
    alt = lists.alt
    return FatalityWords(
        death=Gated("[وف]?", lists["death_word"], rf"\s+(?:(?:{alt('death_skip')})[\s،,]+)*([^\W\d_]+)", 1),
        death_needles=lists["death_word"].forms,
        died=Gated("[وف]?", lists["died"], r"(هما|ها|ه)?(?!\w)", 1),
        died_needles=tuple(f.split()[0] for f in lists["died"].forms),
        vague_victim=lists["vague_victim"].words,
        period_before=lists["period_before"].words,
        since=lists["since"].words,
        short_period=lists["short_period"].words,
    )


class _Deaths(NamedTuple):
    pos: int  # where the figure (or the victim word) stands: the reading order
    value: float
    cue_start: int
    end: int


def sentence_deaths(ct: ClaimText, fw: FatalityWords, span: tuple[int, int]) -> tuple[int, tuple[int, int]] | None:
    """Conservative deaths figure of one sentence (`span`, normalised) and its normalised evidence span."""
    norm = ct.norm
    found = ct.quantities(span, vague_zero=True)
    deaths: list[_Deaths] = []
    of_them: list[_Deaths] = []
    for q in found:
        if q.category == "killed" and q.of_them and not q.distant:
            # "انفجرت العبوة بعناصر الميليشيا ما أدى إلى مصرع اثنين منهم": a group with no figure of its own
            of_them.append(_Deaths(q.mention.start, q.mention.value, q.cue_start, q.end))
        if q.category != "killed" or q.subset or q.distant or q.unit not in PEOPLE_UNITS:
            # a partitive counted from further back may belong to another incident of the sentence;
            # "قتل 5 في إحدى القرى": 5, not 6
            continue
        if q.mention.vague and _last_word(norm, q.mention.start, q.end) in fw.vague_victim:
            continue  # "عشرات الضحايا": the victims of a vague count may be wounded
        deaths.append(_Deaths(q.mention.start, q.mention.value, q.cue_start, q.end))
    for m in ct.pattern_hits(fw.death, span, fw.death_needles):
        pos = m.start(1)
        if any(q.mention.start <= pos < q.end for q in found if not q.distant):
            continue  # the victim is a counted figure already read
        if _victim(ct, m.group(1)):
            deaths.append(_Deaths(pos, 1.0, m.start(), m.end()))
    if not deaths and not any(q.category in ("killed", "casualties") and not q.subset for q in found):
        deaths = of_them
    if not deaths:
        # "لقي حتفه", "فارق الحياة", "ما أودى بحياتها": one death (two for "هما"), where nothing is counted
        for m in ct.pattern_hits(fw.died, span, fw.died_needles):
            deaths.append(_Deaths(m.start(), 2.0 if m.group(1) == "هما" else 1.0, m.start(), m.end()))
            break
    if not deaths:
        return None
    deaths.sort(key=lambda d: d.pos)
    groups: list[list[_Deaths]] = [[deaths[0]]]
    for d in deaths[1:]:
        gap = norm[groups[-1][-1].end:d.cue_start]
        if any(c in gap for c in ct.w.contrast) or len(gap) > 60 or _restated(norm, groups[-1][-1], d):
            groups.append([d])
        else:
            groups[-1].append(d)
    best: tuple[float, tuple[int, int]] | None = None
    for g in groups:
        total = sum(d.value for d in g)
        ev = (min(d.cue_start for d in g), max(d.end for d in g))
        if best is None or total < best[0]:
            best = (total, ev)
    assert best is not None
    return int(best[0]), best[1]


def period_toll(ct: ClaimText, fw: FatalityWords, span: tuple[int, int]) -> bool:
    """The sentence's toll covers a period, not one event: "قتل 100 في ثلاثة أيام من الاشتباكات" (a count of
    two days or more, not hours, after "خلال" / "في" ...), "أسفر منذ السابع من أكتوبر عن استشهاد ..." ("منذ" right before
    a date; "منذ يومين", two days ago, is a date and not a period)."""
    norm = ct.norm
    lo, hi = bisect_left(ct.number_starts, span[0]), bisect_left(ct.number_starts, span[1])
    for n in ct.numbers[lo:hi]:
        if n.kind != "count" or n.value < 2:
            continue
        if n.num_end < n.end:  # a dual noun: "يومين"
            noun = norm[n.num_end:n.end].split()
            noun_word = noun[-1] if noun else norm[n.start:n.end].split()[-1]
        else:
            following = norm[n.end:n.end + 30].split(maxsplit=1)
            noun_word = following[0] if following else ""
        entry = ct.units.of(noun_word)
        if entry is None or entry.unit != "duration" or noun_word.startswith("ال"):  # "في 19 الشهر": a date
            continue
        if noun_word in fw.short_period:  # "خلال 3 ساعات": one clash's time
            continue
        before = norm[max(span[0], n.start - 12):n.start].split()
        if before and before[-1] in fw.period_before:
            return True
    for d in ct.dates:
        if span[0] <= d.start < span[1] and d.kind == "absolute":
            before = norm[max(span[0], d.start - 8):d.start].split()
            if before and before[-1] in fw.since:
                return True
    return False


def _restated(norm: str, a: _Deaths, b: _Deaths) -> bool:
    """The same figure of the same victims again ("مقتل 3 عراقيين في احتجاجات بغداد (فيديو) مقتل 3 عراقيين": a
    headline run into the body): one report, not two to add up."""
    if a.value != b.value or a.value <= 1 or " و" in norm[a.end:b.end]:
        return False  # "قتل 3 جنود في X و3 جنود في Y" add up
    return norm[a.pos:a.end].split()[-1:] == norm[b.pos:b.end].split()[-1:]


def _last_word(norm: str, start: int, end: int) -> str:
    words = norm[start:end].split()
    return words[-1] if words else ""


def _victim(ct: ClaimText, word: str) -> bool:
    """An indefinite singular noun of people ("طفله", "شابا"), not a known person ("القائد")."""
    if word.startswith(("ال", "وال")):
        return False
    entry = ct.units.of(word)
    return entry is not None and entry.number == "sg" and entry.unit in PEOPLE_UNITS and \
        entry.category in _VICTIM_CATEGORIES
