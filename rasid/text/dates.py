"""Dates as Arab media write them, resolved against the publication date.

Same offset convention as `rasid.text.numbers`: mentions carry normalised offsets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasid.text.normalize import NormText, normalize

_DATA = Path(__file__).resolve().parent.parent / "data" / "lexicon"


@lru_cache(maxsize=1)
def month_table() -> dict[tuple[str, ...], tuple[int, str]]:
    """months.tsv: normalised token tuple -> (month number, family)."""
    from rasid.lexicon.tsv import read_tsv

    table: dict[tuple[str, ...], tuple[int, str]] = {}
    for row in read_tsv(_DATA / "months.tsv", ("form", "month", "family")):
        try:
            month = int(row.get("month"))
        except ValueError:
            raise row.error("month must be a number 1-12") from None
        if not 1 <= month <= 12:
            raise row.error("month must be 1-12")
        key = tuple(normalize(row.get("form")).split())
        fam = row.get("family")
        if key in table and (table[key][1] == "hijri") != (fam == "hijri"):
            raise row.error(f"{row.get('form')} is both a Hijri and a Gregorian month")
        table.setdefault(key, (month, fam))
    return table


@lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    """Single-token Gregorian month names (normalised), for the numbers layer (\"24 مارس\" is a date)."""
    return frozenset(k[0] for k, (_, fam) in month_table().items() if len(k) == 1 and fam != "hijri")


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
