"""Numbers in Arabic news: digits, Eastern digits, number words, vague quantities, ranges, qualifiers.

Convention for the text layer: functions take a `NormText` and return mentions whose `start`/`end`
are offsets into the *normalised* text; callers map them back with `NormText.span`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasid.text.normalize import NormText


@dataclass(slots=True)
class NumberMention:
    start: int
    end: int
    value: float  # the conservative (low) value; "عشرات" = 10, "العشرات" = 10, "مئات" = 100
    high: float | None = None  # upper bound of a range ("500 الى 600"), else None
    qualifier: str = "exact"  # exact | more_than | about | up_to | less_than | at_least
    vague: bool = False  # a vague quantity word (عشرات، مئات، عدد من)


def find_numbers(nt: NormText) -> list[NumberMention]:
    """Every number expression in the text, in order (stub until the numbers work lands)."""
    return []
