"""A pattern that starts with a word boundary made of `(?:^|\\s)`, searched only from where its words can be.

The regex engine skips ahead to a pattern's first character when it knows it (a literal or a set of
literals); `(?:^|\\s)` hides it, so such a pattern is tried at every position of the text. `Gated` first
finds the leftmost match of the word alternation alone (which the engine skips to) and runs the whole
pattern only from a few characters before it. The result is the same match: every match of the whole
pattern starts at most `back` characters before a match of the alternation.
"""

from __future__ import annotations

import re
import sys


class Gated:
    """`re.compile(head + words + tail)`, where `head` matches at most `back` characters; searched faster."""

    __slots__ = ("pattern", "_words", "_back")

    def __init__(self, head: str, words: str, tail: str, back: int) -> None:
        self.pattern = re.compile(f"{head}{words}{tail}")
        self._words = re.compile(words)
        self._back = back

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Same as `self.pattern.search(string, pos, endpos)` (the match's `pos` aside)."""
        m = self._words.search(string, pos, endpos)
        if m is None:
            return None
        return self.pattern.search(string, max(pos, m.start() - self._back), endpos)
