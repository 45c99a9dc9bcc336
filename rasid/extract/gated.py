"""A pattern that starts with a word boundary made of `(?:^|\\s)`, searched only from where its words can be.

The regex engine skips ahead to a pattern's first character when it knows it (a literal or a set of
literals); `(?:^|\\s)` hides it, so such a pattern is tried at every position of the text. `Gated` first
finds the leftmost place where one of its word-list forms can start (the forms' letters before any final
`*`, found with `str.find`; in a part of a text, found once for the whole text: the rules search a
document's sentences one after another) and runs the whole pattern only from `back` characters before
it. The result is the same match: every match of the whole pattern starts at most `back` characters
before a form.

A pattern searched over a whole document is tried, in `finditer`, only
where a form's first word is found (or up to `back` characters before it): an alternation of words whose first letters are common ("قرية",
"بلدة", "مدينة", "منطقة": ق ب م ن) lets the engine stop at most positions otherwise.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left

from rasid.lexicon.tables import WordList
from rasid.text.windows import literal_finditer


class Gated:
    """`re.compile(head + "(?:" + forms.alternation() + ")" + tail)`, where `head` matches at most `back`
    characters; `search` gives the same matches, faster."""

    __slots__ = ("pattern", "_literals", "_back", "_memo")

    def __init__(self, head: str, forms: WordList, tail: str, back: int) -> None:
        self.pattern = re.compile(f"{head}(?:{forms.alternation()}){tail}")
        # where a form matches, its first word's letters are found (a form's final `*` adds letters); a
        # form whose first word begins with another form's starts where that one does
        bodies = sorted({f.removesuffix("*").split(" ")[0] for f in forms.forms})
        self._literals = tuple(b for b in bodies if not any(o != b and b.startswith(o) for o in bodies))
        self._back = back
        self._memo: tuple[str, list[tuple[int, int]]] = ("", [])

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Same as `self.pattern.search(string, pos, endpos)` (the match's `pos` aside)."""
        if pos == 0 and endpos >= len(string):  # a whole string (most often a window cut out of a text)
            first = -1
            for literal in self._literals:
                at = string.find(literal)
                if at >= 0 and (first < 0 or at < first):
                    first = at
        else:  # a part of a text (a sentence of a document): where the forms' words stand is found once
            first = self._first_within(string, pos, min(endpos, len(string)))
        if first < 0:
            return None
        return self.pattern.search(string, max(pos, first - self._back), endpos)

    def _first_within(self, text: str, pos: int, end: int) -> int:
        """Start of the leftmost form's word that lies inside text[pos:end], -1 if none. The places of the words
        in the whole text are kept for the last text searched so (the rules search a document's sentences one
        after another)."""
        memo_text, spans = self._memo
        if memo_text is not text:
            found = []
            for literal in self._literals:
                at = text.find(literal)
                while at >= 0:
                    found.append((at, at + len(literal)))
                    at = text.find(literal, at + 1)
            spans = sorted(found)
            self._memo = (text, spans)
        for start, stop in spans[bisect_left(spans, (pos, -1)):]:
            if start >= end:
                return -1
            if stop <= end:
                return start
        return -1

    def finditer(self, string: str) -> list[re.Match[str]]:
        """Same as `list(self.pattern.finditer(string))` for a pattern whose matches are never empty: the
        pattern is tried only where one of the forms' first words is found, or up to `back` characters
        before it (a head such as a clitic "[وف]?")."""
        return literal_finditer(self.pattern, string, self._literals, self._back)
