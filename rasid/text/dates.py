"""Dates as Arab media write them, resolved against the publication date.

Same offset convention as `rasid.text.numbers`: mentions carry normalised offsets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rasid.text.normalize import NormText


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    date: dt.date | None  # None when the expression cannot be resolved (no publication date)
    precision: int  # ACLED time_precision: 1 day, 2 week, 3 month
    kind: str  # absolute | relative | weekday | span | hijri | year
    year_only: int | None = None  # "في عام 2014": the year, for background detection


def parse_iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        return None


def find_dates(nt: NormText, published: dt.date | None) -> list[DateMention]:
    """Every date expression in the text, in order (stub until the dates work lands)."""
    return []
