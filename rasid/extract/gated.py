"""A pattern that starts with a word boundary made of `(?:^|\\s)`, searched only from where its words can be.

The regex engine skips ahead to a pattern's first character when it knows it (a literal or a set of
literals); `(?:^|\\s)` hides it, so such a pattern is tried at every position of the text. `Gated` first
finds the leftmost place where one of its word-list forms can start (the forms' letters before any final
`*`, found with `str.find` once for the last text searched: the rules search a document's sentences one
after another) and runs the whole pattern only from `back` characters before it. The result is the same
match: every match of the whole pattern starts at most `back` characters before a form.

A pattern with no head (`back` 0) that is searched over a whole document is tried, in `finditer`, only
where a form's first word is found: an alternation of words whose first letters are common ("قرية",
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

    def _spans(self, string: str) -> list[tuple[int, int]]:
        """(start, end) of every place one of the forms' first words stands in `string`, by start; kept for
        the last string (the rules search a document's sentences one after another in the same text)."""
        text, spans = self._memo
        if text is not string:
            found = []
            for literal in self._literals:
                at = string.find(literal)
                while at >= 0:
                    found.append((at, at + len(literal)))
                    at = string.find(literal, at + 1)
            spans = sorted(found)
            self._memo = (string, spans)
        return spans

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Same as `self.pattern.search(string, pos, endpos)` (the match's `pos` aside)."""
        spans = self._spans(string)
        end = min(endpos, len(string))
        for start, stop in spans[bisect_left(spans, (pos, -1)):]:
            if start >= end:
                return None
            if stop <= end:  # the leftmost form's word inside [pos, endpos)
                return self.pattern.search(string, max(pos, start - self._back), endpos)
        return None

    def finditer(self, string: str) -> list[re.Match[str]]:
        """Same as `list(self.pattern.finditer(string))`, for a pattern with no head (`back` 0: every match
        starts where a form does): the pattern is tried only where one of the forms' first words is found."""
        if self._back:
            raise ValueError("finditer needs a pattern whose matches start with a form (back 0)")
        return literal_finditer(self.pattern, string, self._literals)
