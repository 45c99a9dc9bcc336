"""A pattern that starts with a word boundary made of `(?:^|\\s)`, searched only from where its words can be.

The regex engine skips ahead to a pattern's first character when it knows it (a literal or a set of
literals); `(?:^|\\s)` hides it, so such a pattern is tried at every position of the text. `Gated` first
finds the leftmost place where one of its word-list forms can start (the forms' letters before any final
`*`, found with `str.find`) and runs the whole pattern only from `back` characters before it. The result
is the same match: every match of the whole pattern starts at most `back` characters before a form.

A pattern with no head (`back` 0) that is searched over a whole document is tried, in `finditer`, only
where a form's first word is found: an alternation of words whose first letters are common ("قرية",
"بلدة", "مدينة", "منطقة": ق ب م ن) lets the engine stop at most positions otherwise.
"""

from __future__ import annotations

import re
import sys

from rasid.lexicon.tables import WordList
from rasid.text.windows import literal_finditer


class Gated:
    """`re.compile(head + "(?:" + forms.alternation() + ")" + tail)`, where `head` matches at most `back`
    characters; `search` gives the same matches, faster."""

    __slots__ = ("pattern", "_literals", "_back")

    def __init__(self, head: str, forms: WordList, tail: str, back: int) -> None:
        self.pattern = re.compile(f"{head}(?:{forms.alternation()}){tail}")
        # where a form matches, its first word's letters are found (a form's final `*` adds letters); a
        # form whose first word begins with another form's starts where that one does
        bodies = sorted({f.removesuffix("*").split(" ")[0] for f in forms.forms})
        self._literals = tuple(b for b in bodies if not any(o != b and b.startswith(o) for o in bodies))
        self._back = back

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Same as `self.pattern.search(string, pos, endpos)` (the match's `pos` aside)."""
        first = -1
        for literal in self._literals:
            at = string.find(literal, pos, endpos)
            if at >= 0 and (first < 0 or at < first):
                first = at
        if first < 0:
            return None
        return self.pattern.search(string, max(pos, first - self._back), endpos)

    def finditer(self, string: str) -> list[re.Match[str]]:
        """Same as `list(self.pattern.finditer(string))`, for a pattern with no head (`back` 0: every match
        starts where a form does): the pattern is tried only where one of the forms' first words is found."""
        if self._back:
            raise ValueError("finditer needs a pattern whose matches start with a form (back 0)")
        return literal_finditer(self.pattern, string, self._literals)
