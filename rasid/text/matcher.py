"""Multi-pattern lexicon matching over normalised Arabic with clitics resolved against the lexicon.

One Aho-Corasick automaton per lexicon (never a giant regex alternation). A hit counts only where the
letters before it in the same word form a valid proclitic chain (و/ف + ب/ل/ك + ال, including the
ل+ال contraction لل) and the letters after it are an allowed suffix for that lexicon. So "وبالسوسه"
and "لقسد" match, while "سد" inside "قسد" does not.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from rasid.text.normalize import normalize

T = TypeVar("T")

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")
#: Proclitic chains allowed before an entry (normalised).
PREFIXES_NO_ARTICLE = frozenset(c + p for c in _CONJ for p in _PREP)
PREFIXES_WITH_ARTICLE = PREFIXES_NO_ARTICLE | frozenset(c + p + "ال" for c in _CONJ for p in _PREP) | {
    c + "لل" for c in _CONJ
}
#: Before the contracted form of an entry that starts with ال ("للرقه" = ل + الرقه).
_CONTRACTED_PREFIXES = frozenset({"ل", "ول", "فل"})

#: Suffixes a verb or noun trigger may carry (normalised): person/number/gender, plural, pronouns.
INFLECTION_SUFFIXES = frozenset(
    {"", "ت", "ا", "وا", "و", "ون", "ين", "ان", "ه", "ها", "هم", "هما", "هن", "ات", "اته", "اتها", "تا", "ن",
     "نا", "تم", "ته", "تها", "تهم", "ي", "يه", "يا", "وه", "وها", "وهم", "كم", "ك", "يات",
     "اتهم", "تين", "تان", "اء", "اءه"}
)


_WORD = re.compile(r"\w+")
_bounds_cache: tuple[str, list[int], list[int]] | None = None


def word_bounds(norm: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the words of `norm` (cached for the last text: every lexicon scans it)."""
    global _bounds_cache
    cached = _bounds_cache  # one read: safe if threads share the module
    if cached is not None and cached[0] is norm:
        return cached[1], cached[2]
    starts: list[int] = []
    ends: list[int] = []
    for m in _WORD.finditer(norm):
        starts.append(m.start())
        ends.append(m.end())
    _bounds_cache = (norm, starts, ends)
    return starts, ends


@dataclass(slots=True)
class Match(Generic[T]):
    """A lexicon hit in normalised coordinates; `start:end` covers the entry, not its clitics."""

    start: int
    end: int
    key: str
    values: list[T]
    prefix: str
    suffix: str


class LexiconMatcher(Generic[T]):
    """Find lexicon entries in normalised text with clitic-aware word boundaries."""

    def __init__(
        self,
        entries: Iterable[tuple[str, T]],
        *,
        article: bool = False,
        suffixes: frozenset[str] = frozenset({""}),
    ) -> None:
        self.article = article
        self.suffixes = suffixes
        self._prefixes = PREFIXES_WITH_ARTICLE if article else PREFIXES_NO_ARTICLE
        self._max_suffix = max((len(s) for s in suffixes), default=0)
        table: dict[str, list[T]] = {}
        for surface, value in entries:
            key = " ".join(normalize(surface).split())
            if key:
                table.setdefault(key, []).append(value)
        self._table = table
        automaton = ahocorasick.Automaton()
        for key, values in table.items():
            automaton.add_word(key, (key, values, False))
            if key.startswith("ال") and len(key) > 3 and ("ل" + key[2:]) not in table:
                contracted = "ل" + key[2:]
                automaton.add_word(contracted, (key, values, True))
        self._automaton = automaton
        self._empty = not table
        if not self._empty:
            automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._table)

    def get(self, surface: str) -> list[T]:
        """Exact lookup of a (normalised) surface form."""
        return self._table.get(" ".join(normalize(surface).split()), [])

    def iter_all(self, norm: str) -> Iterator[Match[T]]:
        """Every valid hit, overlapping ones included."""
        if self._empty:
            return
        starts, ends = word_bounds(norm)
        for last, (key, values, contracted) in self._automaton.iter(norm):
            end = last + 1
            start = end - (len(key) - 1 if contracted else len(key))
            # the word holding the hit's first letter, and the one holding its last letter
            i = bisect_right(starts, start) - 1
            ws = starts[i] if i >= 0 and ends[i] > start else start
            j = bisect_right(starts, end - 1) - 1
            we = ends[j] if j >= 0 and ends[j] >= end else end
            prefix = norm[ws:start]
            if contracted:
                if prefix not in _CONTRACTED_PREFIXES:
                    continue
            elif prefix not in self._prefixes:
                continue
            suffix = norm[end:we]
            if suffix not in self.suffixes:
                continue
            yield Match(start, end, key, values, prefix, suffix)

    def find(self, norm: str) -> list[Match[T]]:
        """Leftmost-longest non-overlapping hits, in text order."""
        hits = sorted(self.iter_all(norm), key=lambda m: (-(m.end - m.start), m.start))
        if len(hits) < 2:
            return hits
        base = min(m.start for m in hits)
        taken = bytearray(max(m.end for m in hits) - base)
        chosen: list[Match[T]] = []
        for m in hits:
            a, b = m.start - base, m.end - base
            if any(taken[a:b]):
                continue
            taken[a:b] = b"\x01" * (b - a)
            chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen
