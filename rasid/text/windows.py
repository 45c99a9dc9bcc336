"""Windows of text around anchor words, merged when they overlap (numbers and dates scan only these)."""

from __future__ import annotations

from collections.abc import Iterator


def whole_word_positions(norm: str, word: str) -> Iterator[int]:
    """Starts of `word` where it stands as a whole word ("ست" inside "استهداف" is not one)."""
    j = norm.find(word)
    while j >= 0:
        k = j + len(word)
        if (j == 0 or not norm[j - 1].isalnum()) and (k >= len(norm) or not norm[k].isalnum()):
            yield j
        j = norm.find(word, k)


def anchor_regions(anchors: list[int], before: int, after: int) -> list[list[int]]:
    """Sorted, merged [start, end] windows reaching `before` characters back and `after` forward."""
    regions: list[list[int]] = []
    for a in sorted(anchors):
        s, e = max(0, a - before), a + after
        if regions and s <= regions[-1][1]:
            regions[-1][1] = e
        else:
            regions.append([s, e])
    return regions
