"""Windows of text around anchor words, merged when they overlap (numbers and dates scan only these)."""

from __future__ import annotations

import re
from collections.abc import Iterator

_SPLIT = re.compile(r"[\s.,،؛;:!?؟\"()\[\]{}/\\\-_'<>|*+=%]+")


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
