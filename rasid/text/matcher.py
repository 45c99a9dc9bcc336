"""Multi-pattern lexicon matching over normalised Arabic with clitics resolved against the lexicon.

One Aho-Corasick automaton per lexicon (never a giant regex alternation). A hit counts only where the
letters before it in the same word form a valid proclitic chain (و/ف + ب/ل/ك + ال, including the
ل+ال contraction لل) and the letters after it are an allowed suffix for that lexicon. So "وبالسوسه"
and "لقسد" match, while "سد" inside "قسد" does not.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import ahocorasick
import numpy as np

from rasid.text.normalize import normalize
from rasid.text.windows import bmp_table, char_runs

T = TypeVar("T")
#: A valid hit: (start, end, key, values, prefix, suffix).
_Hit = tuple[int, int, str, list[Any], str, str]

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")
#: Proclitic chains allowed before an entry (normalised).
PREFIXES_NO_ARTICLE = frozenset(c + p for c in _CONJ for p in _PREP)
PREFIXES_WITH_ARTICLE = PREFIXES_NO_ARTICLE | frozenset(c + p + "ال" for c in _CONJ for p in _PREP) | {
    c + "لل" for c in _CONJ
}
#: Before the contracted form of an entry that starts with ال ("للرقه" = ل + الرقه).
_CONTRACTED_PREFIXES = frozenset({"ل", "ول", "فل"})
#: After the stem of a ta-marbuta noun in the dual ("غارتين" = غاره with ة -> ت + ين; "غارتي الطيران").
DUAL_SUFFIXES = frozenset({"ين", "ان", "ي", "ا"})
# How an automaton word relates to its entry: the entry itself, its form contracted after ل, the stem of its
# dual (read with DUAL_SUFFIXES), its whole dual.
_PLAIN, _CONTRACTED, _DUAL_STEM, _DUAL_FULL = 0, 1, 2, 3

#: Suffixes a verb or noun trigger may carry (normalised): person/number/gender, plural, pronouns.
INFLECTION_SUFFIXES = frozenset(
    {"", "ت", "ا", "وا", "و", "ون", "ين", "ان", "ه", "ها", "هم", "هما", "هن", "ات", "اته", "اتها", "تا", "ن",
     "نا", "تم", "ته", "تها", "تهم", "ي", "يه", "يا", "وه", "وها", "وهم", "كم", "ك", "يات",
     "اتهم", "تين", "تان", "اء", "اءه"}
)
#: Endings of a verbal noun: pronouns, the feminine plural, the dual.
_MASDAR_SUFFIXES = frozenset({"", "ه", "ها", "هم", "هما", "هن", "ات", "اته", "اتها", "اتهم", "ين", "ان"})
#: Clitic classes an entry may ask for instead of its matcher's own (a lexicon's optional `clitics` column):
#: "conj": a pronoun or particle (انت، نحن، لو، هل) takes only و/ف before it and nothing after it, so
#: "وكانت" is not ك + انت, "للواء" not لو and "الحسبه" not حسب.
CLITIC_CLASSES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "conj": (frozenset(_CONJ), frozenset({""})),
    # a verb of the perfect: و/ف before it, a subject ending after it, no pronoun or noun ending ("وتابعت"
    # is a verb of saying, "تابعه" (affiliated) and "اضافيه" (additional) are not)
    "verb": (frozenset(_CONJ), frozenset({"", "ت", "ا", "وا", "تا"})),
    # a masculine noun: any proclitic chain and the article, a plural or dual ending, no feminine or nisba
    # ending ("محافظ" is a governor, "محافظة" a governorate; "رئيس" a head, "الرئيسية" main)
    "noun": (PREFIXES_WITH_ARTICLE, frozenset({"", "ين", "ون", "ان", "و", "ي"})),
    # a verb whose form after و spells a commoner word (و + صفت is mostly وصفت, "described"): ف only
    "verb_no_waw": (frozenset({"", "ف"}), frozenset({"", "ت", "ا", "وا", "تا"})),
    # a verbal noun: any proclitic chain and the article, pronoun and plural endings, no adjective ending or
    # adverbial accusative ("سلب" (looting) is not read in سلبا (negatively) nor السلبي, "تشكيل" not in تشكيلي)
    "masdar": (PREFIXES_WITH_ARTICLE, _MASDAR_SUFFIXES),
    # the same, never with the article ("الابطال" is الأبطال, the heroes, not الإبطال, the defusing)
    "masdar_no_article": (PREFIXES_NO_ARTICLE, _MASDAR_SUFFIXES),
}


def _word_char_table() -> np.ndarray:
    """BMP code point -> is a regex word character (\\w)."""
    return bmp_table(r"\w")


def word_bounds(norm: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the words (regex \\w+ runs) of `norm`, found in one vectorised pass over
    its code points (a document's are worked out once, by its `Scan`)."""
    return char_runs(norm, _word_char_table(), str.isalnum)


class Scan:
    """One text as the matchers read it: its word bounds and the hits of every matcher of a `ScanGroup`,
    each worked out once, on first use (a document keeps its own: `Doc.scan`).

    A matcher outside the group still finds its hits here, with the text's word bounds."""

    __slots__ = ("norm", "_group", "_bounds", "_hits", "_found")

    def __init__(self, norm: str, group: ScanGroup | None = None) -> None:
        self.norm = norm
        self._group = group
        self._bounds: tuple[list[int], list[int]] | None = None
        self._hits: list[list[_Hit]] | None = None
        # matcher -> its `find` result: several components read the same lexicon's hits (the mentions and
        # the learned layer's features both read the triggers and the cues); the matches are never modified
        self._found: dict[LexiconMatcher[Any], list[Match[Any]]] = {}

    @property
    def bounds(self) -> tuple[list[int], list[int]]:
        """Start and end offsets of the words (see `word_bounds`)."""
        if self._bounds is None:
            self._bounds = word_bounds(self.norm)
        return self._bounds

    def hits(self, matcher: LexiconMatcher[Any]) -> list[_Hit]:
        group = self._group
        index = group.index_of(matcher) if group is not None else None
        if index is None:
            return matcher._own_hits(self.norm, self.bounds)
        if self._hits is None:
            self._hits = group.scan(self.norm, self.bounds)  # type: ignore[union-attr]
        return list(self._hits[index])


@dataclass(slots=True)
class Match(Generic[T]):
    """A lexicon hit in normalised coordinates; `start:end` covers the entry, not its clitics."""

    start: int
    end: int
    key: str
    values: list[T]
    prefix: str
    suffix: str


def _key(surface: str) -> str:
    """A surface form as the matcher stores it: normalised, single spaces."""
    return " ".join(normalize(surface).split())


class LexiconMatcher(Generic[T]):
    """Find lexicon entries in normalised text with clitic-aware word boundaries."""

    def __init__(
        self,
        entries: Iterable[tuple[str, T]],
        *,
        article: bool = False,
        suffixes: frozenset[str] = frozenset({""}),
        duals: bool = False,
        clitics: dict[str, str] | None = None,
    ) -> None:
        """`duals`: also find the dual of entries that end in ta-marbuta ("غارتين" for غارة; "عبوتين ناسفتين"
        for عبوة ناسفة), which no suffix of the entry spells. `clitics`: surface form -> a class of
        `CLITIC_CLASSES` whose prefixes and suffixes that entry allows instead of the matcher's."""
        self.article = article
        self.suffixes = suffixes
        self._prefixes = PREFIXES_WITH_ARTICLE if article else PREFIXES_NO_ARTICLE
        self._max_suffix = max((len(s) for s in suffixes), default=0)
        table: dict[str, list[T]] = {}
        for surface, value in entries:
            key = _key(surface)
            if key:
                table.setdefault(key, []).append(value)
        self._table = table
        #: normalised key -> (prefixes, suffixes) of an entry with its own clitic class
        self._rules: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for surface, name in (clitics or {}).items():
            key = _key(surface)
            if name not in CLITIC_CLASSES:
                raise ValueError(f"unknown clitic class {name!r} for {surface!r}")
            if key in table:
                self._rules[key] = CLITIC_CLASSES[name]
        automaton = ahocorasick.Automaton()
        for key, values in table.items():
            automaton.add_word(key, (key, values, _PLAIN))
            if key in self._rules:
                continue  # its own clitics only: no contracted or dual form
            if key.startswith("ال") and len(key) > 3 and ("ل" + key[2:]) not in table:
                contracted = "ل" + key[2:]
                automaton.add_word(contracted, (key, values, _CONTRACTED))
            if duals:
                for word, mode in _dual_forms(key):
                    if word not in table and not automaton.exists(word):
                        automaton.add_word(word, (key, values, mode))
        self._automaton = automaton
        self._empty = not table
        if not self._empty:
            automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._table)

    def get(self, surface: str) -> list[T]:
        """Exact lookup of a (normalised) surface form."""
        return self._table.get(_key(surface), [])

    def _own_hits(self, norm: str, bounds: tuple[list[int], list[int]]) -> list[_Hit]:
        """Every valid hit as (start, end, key, values, prefix, suffix), in the automaton's order."""
        if self._empty:
            return []
        starts, ends = bounds
        rules = self._rules
        out = []
        for last, (key, values, mode) in self._automaton.iter(norm):
            end = last + 1
            start = end - _form_length(key, mode)
            # the word holding the hit's first letter, and the one holding its last letter
            i = bisect_right(starts, start) - 1
            ws = starts[i] if i >= 0 and ends[i] > start else start
            prefix = norm[ws:start] if ws < start else ""
            prefixes, suffixes = rules.get(key) or (self._prefixes, self.suffixes)
            if mode == _CONTRACTED:
                if prefix not in _CONTRACTED_PREFIXES:
                    continue
            elif prefix not in prefixes:
                continue
            j = bisect_right(starts, last) - 1
            we = ends[j] if j >= 0 and ends[j] > last else end
            suffix = norm[end:we] if we > end else ""
            if suffix not in (DUAL_SUFFIXES if mode == _DUAL_STEM else suffixes):
                continue
            out.append((start, end, key, values, prefix, suffix))
        return out

    def _hits(self, text: str | Scan) -> list[_Hit]:
        if isinstance(text, Scan):
            return text.hits(self)
        return self._own_hits(text, word_bounds(text)) if not self._empty else []

    def iter_all(self, text: str | Scan) -> Iterator[Match[T]]:
        """Every valid hit, overlapping ones included (`text`: a normalised string or a document's `Scan`)."""
        for start, end, key, values, prefix, suffix in self._hits(text):
            yield Match(start, end, key, values, prefix, suffix)

    def find(self, text: str | Scan) -> list[Match[T]]:
        """Leftmost-longest non-overlapping hits, in text order (`text`: a normalised string or a `Scan`,
        which keeps the result: a second call gives a new list of the same matches)."""
        if isinstance(text, Scan):
            found = text._found.get(self)
            if found is None:
                found = text._found[self] = self._find(text)
            return list(found)
        return self._find(text)

    def _find(self, text: str | Scan) -> list[Match[T]]:
        hits = self._hits(text)
        if len(hits) < 2:
            return [Match(*h) for h in hits]
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))
        base = min(h[0] for h in hits)
        taken = bytearray(max(h[1] for h in hits) - base)
        chosen = []
        for h in hits:
            a, b = h[0] - base, h[1] - base
            if taken.find(1, a, b) != -1:
                continue
            taken[a:b] = b"\x01" * (b - a)
            chosen.append(h)
        chosen.sort(key=lambda h: h[0])
        return [Match(*h) for h in chosen]


def _dual_forms(key: str) -> list[tuple[str, int]]:
    """Automaton words for the dual of an entry ending in ta-marbuta (normalised to ه): the stem of a
    one-word entry ("غارت", read with the suffixes ين/ان/ي/ا), every such word of a longer one put in the
    dual ("عبوتين ناسفتين", "عبوتان ناسفتان")."""
    words = key.split(" ")
    if not words[-1].endswith("ه") or len(words[-1]) < 3:
        return []
    if len(words) == 1:
        return [(key[:-1] + "ت", _DUAL_STEM)]
    return [(" ".join(w[:-1] + "ت" + ending if w.endswith("ه") and len(w) > 2 else w for w in words), _DUAL_FULL)
            for ending in ("ين", "ان")]


def _form_length(key: str, mode: int) -> int:
    """Length of the automaton word of `key` in `mode` (the contracted form lacks the article's alef)."""
    if mode == _CONTRACTED:
        return len(key) - 1
    if mode == _DUAL_FULL:
        return len(key) + 2 * sum(1 for w in key.split(" ") if w.endswith("ه") and len(w) > 2)
    return len(key)


class ScanGroup:
    """Matchers that scan the same texts: one pass of a merged automaton finds the hits of all of them.

    Each member gets exactly the hits its own automaton would give (same words, same clitic rules); the
    text is read once instead of once per lexicon. A group holds no text: a `Scan` keeps each text's hits.
    """

    def __init__(self, matchers: Sequence[LexiconMatcher[Any]]) -> None:
        self._size = len(matchers)
        self._members = list(matchers)  # keeps the ids below valid
        self._index = {id(m): i for i, m in enumerate(matchers)}
        # per word: each member's entry with the prefixes and suffixes it allows there (looked up once here,
        # not once per hit)
        merged: dict[str, list[tuple[int, str, list[Any], frozenset[str], frozenset[str]]]] = {}
        for index, m in enumerate(matchers):
            if not m._empty:
                for word, (key, values, mode) in m._automaton.items():
                    own_prefixes, own_suffixes = m._rules.get(key) or (m._prefixes, m.suffixes)
                    prefixes = _CONTRACTED_PREFIXES if mode == _CONTRACTED else own_prefixes
                    suffixes = DUAL_SUFFIXES if mode == _DUAL_STEM else own_suffixes
                    merged.setdefault(word, []).append((index, key, values, prefixes, suffixes))
        automaton = ahocorasick.Automaton()
        for word, entries in merged.items():
            automaton.add_word(word, (len(word), tuple(entries)))
        if merged:
            automaton.make_automaton()
        self._automaton = automaton
        self._empty = not merged

    def index_of(self, matcher: LexiconMatcher[Any]) -> int | None:
        return self._index.get(id(matcher))

    def scan(self, norm: str, bounds: tuple[list[int], list[int]]) -> list[list[_Hit]]:
        """Every member's hits in `norm` (whose word bounds are `bounds`), by member index."""
        out: list[list[_Hit]] = [[] for _ in range(self._size)]
        if self._empty:
            return out
        starts, ends = bounds
        for last, (length, entries) in self._automaton.iter(norm):
            end = last + 1
            start = end - length  # a contracted form is written as it stands in the text
            i = bisect_right(starts, start) - 1
            # the word holding the hit's first letter, and the one holding its last letter (the same one,
            # unless the entry has several words)
            if i >= 0 and ends[i] > start:
                prefix = norm[starts[i]:start]
                j = i if ends[i] > last else bisect_right(starts, last) - 1
            else:
                prefix = ""
                j = bisect_right(starts, last) - 1
            suffix = norm[end:ends[j]] if j >= 0 and ends[j] > last else ""
            for index, key, values, prefixes, suffixes in entries:
                if prefix in prefixes and suffix in suffixes:
                    out[index].append((start, end, key, values, prefix, suffix))
        return out
