"""Windows of text around anchor words, merged when they overlap (numbers and dates scan only these)."""

from __future__ import annotations


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
