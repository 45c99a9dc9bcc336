"""Sentence splitting for Arabic news: full stops, question and exclamation marks, and line breaks.

Commas (، and ,) never split; neither do dots inside numbers and dates (3.5, 16.02.2019) or
abbreviations of one letter (أ. ف. ب، أ.ف.ب). A full stop glued to the next word ("البلاد.وقال")
still ends the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasid.text.normalize import NormText

# a terminator run (with closing quotes/brackets) followed by space, or a line break
_BOUNDARY = re.compile(r"""(?:[.!?؟…]+["')\]»”]*(?=\s)|\.(?=[\u0621-\u064a]{2})|\n+)""")
_SHORT_WORD = re.compile(r"(?:^|[\s.])\w\.$")


@dataclass(slots=True)
class Sentence:
    start: int  # normalised offsets into the document
    end: int


def split_sentences(nt: NormText, skip: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences of the normalised text, leaving out the `skip` ranges (boilerplate lines)."""
    text = nt.norm
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group(0)[0] == "." and _SHORT_WORD.search(text, max(0, m.start() - 3), m.start() + 1):
            continue  # "أ. ف. ب" style abbreviation
        _emit(text, start, end, out)
        start = end
    _emit(text, start, len(text), out)
    if skip:
        out = [s for s in out if not any(a <= s.start and s.end <= b for a, b in skip)]
    return out


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        out.append(Sentence(start, end))
