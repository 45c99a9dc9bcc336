"""Sentence splitting for Arabic news: full stops, question and exclamation marks, and line breaks.

Commas (، and ,) never split; neither do dots inside numbers and dates (3.5, 16.02.2019) or
abbreviations of one letter (أ. ف. ب، أ.ف.ب). A full stop glued to the next word ("البلاد.وقال")
still ends the sentence. A single line break after a comma or after a word that leaves the sentence open
(`open_end`: a preposition, a conjunction, a head noun: "أعلن مسؤول محلي في" / "محافظة ديالى") does not end
it: scraped text often breaks lines mid-sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasid.text.normalize import NormText
from rasid.text.windows import literal_finditer

# a terminator run (with closing quotes/brackets) followed by space, or a line break; that is
# (?:[.!?؟…]+["')\]»”]*(?=\s)|\.(?=[\u0621-\u064a]{2})|\n+) written to start with one character class, so that
# the regex engine skips ahead to the next terminator instead of trying three branches at every position
_BOUNDARY = re.compile(r"""[.!?؟…\n](?:(?<=[.!?؟…])[.!?؟…]*["')\]»”]*(?=\s)|(?<=\.)(?=[\u0621-\u064a]{2})|(?<=\n)\n*)""")
#: what every boundary starts with (it is matched only there: `literal_finditer`)
_BOUNDARY_FIRST = tuple(".!?؟…\n")
_SHORT_WORD = re.compile(r"(?:^|[\s.])\w\.$")
# the last word of a line (or a comma ending it)
_LINE_END = re.compile(r"(?:([،,])|(\w+))[ \t]*$")


@dataclass(slots=True)
class Sentence:
    start: int  # normalised offsets into the document
    end: int


def split_sentences(nt: NormText, skip: list[tuple[int, int]] | None = None,
                    open_end: frozenset[str] = frozenset()) -> list[Sentence]:
    """Sentences of the normalised text, leaving out the `skip` ranges (boilerplate lines); `open_end`:
    normalised words after which a single line break goes on with the same sentence."""
    text = nt.norm
    out: list[Sentence] = []
    start = 0
    for m in literal_finditer(_BOUNDARY, text, _BOUNDARY_FIRST):
        end = m.end()
        if m.group(0)[0] == "." and _SHORT_WORD.search(text, max(0, m.start() - 3), m.start() + 1):
            continue  # "أ. ف. ب" style abbreviation
        if m.group(0) == "\n" and _goes_on(text, start, m.start(), open_end):
            continue  # a line broken mid-sentence
        _emit(text, start, end, out)
        start = end
    _emit(text, start, len(text), out)
    if skip:
        out = [s for s in out if not any(a <= s.start and s.end <= b for a, b in skip)]
    return out


def _goes_on(text: str, start: int, at: int, open_end: frozenset[str]) -> bool:
    """The line ending at `at` stops mid-sentence: on a comma, or on a word of `open_end`."""
    m = _LINE_END.search(text, max(start, at - 40), at)
    if m is None:
        return False
    return m.group(1) is not None or m.group(2) in open_end


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        out.append(Sentence(start, end))
