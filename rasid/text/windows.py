"""Windows of text around anchor words, merged when they overlap (numbers and dates scan only these)."""

from __future__ import annotations

import re
from collections.abc import Iterator

_SPLIT = re.compile(r"[\s.,،؛;:!?؟\"()\[\]{}/\\\-_'<>|*+=%]+")
#: a run of digits with the separators dates, times and numbers write between them
_DIGIT_RUN = re.compile(r"\d[\d.,/:-]*\d|\d")

#: (start, end, text) of each digit run of a text
DigitRuns = list[tuple[int, int, str]]


def digit_runs(norm: str) -> DigitRuns:
    """Each run of digits and separators, from its first digit to its last (the numbers reader marks dates
    and times in them; the dates reader reads numeric dates only inside them: a document works them out
    once, `Doc.digit_runs`)."""
    return [(m.start(), m.end(), m.group()) for m in _DIGIT_RUN.finditer(norm)]


def words_of(norm: str) -> frozenset[str]:
    """Distinct punctuation-free words of a text (the number and date readers look their anchors up in
    them; a document works them out once: `Doc.words`)."""
    return frozenset(_SPLIT.split(norm))


def whole_word_positions(norm: str, word: str) -> Iterator[int]:
    """Starts of `word` where it stands as a whole word ("ست" inside "استهداف" is not one)."""
    j = norm.find(word)
    while j >= 0:
        k = j + len(word)
        if (j == 0 or not norm[j - 1].isalnum()) and (k >= len(norm) or not norm[k].isalnum()):
            yield j
        j = norm.find(word, k)


def anchor_regions(norm: str, anchors: list[int], before: int, after: int) -> list[tuple[int, int]]:
    """Sorted, merged windows reaching `before` characters back and `after` forward, widened to whole words
    (a window never starts or ends inside a word) and kept inside `norm`."""
    merged: list[list[int]] = []
    for a in sorted(anchors):
        s, e = max(0, a - before), a + after
        if merged and s <= merged[-1][1]:
            merged[-1][1] = e
        else:
            merged.append([s, e])
    out: list[tuple[int, int]] = []
    for s, e in merged:
        while s > 0 and norm[s - 1].isalnum():
            s -= 1
        e = min(e, len(norm))
        while e < len(norm) and norm[e].isalnum():
            e += 1
        out.append((s, e))
    return out
