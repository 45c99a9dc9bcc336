"""The events filter as URL query parameters (so a view can be shared) and back.

Every parameter is validated here; a bad value is dropped and reported, never passed on. Values reach
the database only as bound parameters (`rasid.store.queries`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from rasid.store.queries import SORTABLE, EventFilter

MODALITIES = ("asserted", "claimed", "denied", "planned", "background")
STATUSES = ("auto", "confirmed", "edited", "rejected")
PAGE_SIZE = 50
DEFAULT_SORT = "-event_date"  # newest first
MAX_PAGE_SIZE = 50
DEFAULT_SORT = "-event_date"  # newest first0
#: query parameter -> EventFilter field, for the plain text ones.
TEXT = {"type": "event_type", "sub": "sub_event_type", "actor": "actor", "admin1": "admin1", "admin2": "admin2",
        "location": "location", "outlet": "outlet"}
MULTI = ("modality", "status", "geo", "time")
ALL = ("from", "to", *TEXT, "inter", *MULTI, "fatal", "sort", "page", "per")


@dataclass
class Parsed:
    filter: EventFilter
    errors: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)  # the accepted values, by parameter
    page: int = 1
    per: int = PAGE_SIZE

    def query(self, **change: Any) -> str:
        """The query string of this view with some parameters changed (None drops one)."""
        values = {**self.params, **change}
        pairs: list[tuple[str, str]] = []
        for key in ALL:
            v = values.get(key)
            if v is None or v == "" or v == []:
                continue
            if isinstance(v, list | tuple):
                pairs.extend((key, str(x)) for x in v)
            else:
                pairs.append((key, str(v)))
        return urlencode(pairs)


def _get(params: Mapping[str, Any] | Any, key: str) -> list[str]:
    if hasattr(params, "getlist"):
        return [str(v) for v in params.getlist(key)]
    v = params.get(key)
    if v is None:
        return []
    return [str(x) for x in v] if isinstance(v, list | tuple) else [str(v)]


def _day(value: str) -> str | None:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def _ints(values: Sequence[str], lo: int, hi: int) -> list[int] | None:
    out = []
    for v in values:
        if not v.strip().isdigit() or not lo <= int(v) <= hi:
            return None
        out.append(int(v))
    return out


def parse(params: Mapping[str, Any] | Any) -> Parsed:
    """Query parameters -> EventFilter (paged), the accepted values and a message per rejected one."""
    f = EventFilter()
    p = Parsed(f)
    for key in ("from", "to"):
        (raw, *_) = _get(params, key) or [""]
        if raw.strip():
            day = _day(raw)
            if day is None:
                p.errors.append(f"'{key}' must be a date YYYY-MM-DD")
            else:
                p.params[key] = day
    f.date_from, f.date_to = p.params.get("from"), p.params.get("to")
    for key, attr in TEXT.items():
        (raw, *_) = _get(params, key) or [""]
        raw = " ".join(raw.split())[:200]
        if raw:
            p.params[key] = raw
            setattr(f, attr, raw)
    (inter, *_) = _get(params, "inter") or [""]
    if inter.strip():
        codes = _ints([inter], 0, 8)
        if codes is None:
            p.errors.append("'inter' must be an ACLED inter code 0-8")
        else:
            f.inter = p.params["inter"] = codes[0]
    for key, allowed in (("modality", MODALITIES), ("status", STATUSES)):
        chosen = [v for v in _get(params, key) if v]
        bad = [v for v in chosen if v not in allowed]
        if bad:
            p.errors.append(f"unknown {key} {bad[0][:40]!r}")
        good = [v for v in allowed if v in chosen]
        if good:
            p.params[key] = good
            setattr(f, key, good)
    for key, attr in (("geo", "geo_precision"), ("time", "time_precision")):
        chosen = [v for v in _get(params, key) if v]
        if chosen:
            codes = _ints(chosen, 1, 3)
            if codes is None:
                p.errors.append(f"'{key}' precision must be 1, 2 or 3")
            else:
                p.params[key] = sorted(set(codes))
                setattr(f, attr, p.params[key])
    (fatal, *_) = _get(params, "fatal") or [""]
    if fatal in ("1", "on", "true"):
        f.with_fatalities = True
        p.params["fatal"] = 1
    (sort, *_) = _get(params, "sort") or [""]
    if sort:
        if sort.lstrip("-") in SORTABLE:
            f.sort = p.params["sort"] = sort
        else:
            p.errors.append(f"cannot sort by {sort[:40]!r}")
    for key, lo, hi, default in (("page", 1, 10**7, 1), ("per", 1, MAX_PAGE_SIZE, PAGE_SIZE)):
        (raw, *_) = _get(params, key) or [""]
        value = default
        if raw.strip():
            got = _ints([raw], lo, hi)
            if got is None:
                p.errors.append(f"'{key}' must be a number from {lo} to {hi}")
            else:
                value = got[0]
                if value != default:
                    p.params[key] = value
        setattr(p, key, value)
    f.sort = f.sort or DEFAULT_SORT
    f.limit = p.per
    f.offset = (p.page - 1) * p.per
    return p


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    """"min_lon,min_lat,max_lon,max_lat" (the map's view) or None when absent or malformed."""
    if not raw:
        return None
    try:
        parts = [float(x) for x in raw.split(",")]
    except ValueError:
        return None
    if len(parts) != 4 or not all(abs(x) <= 540 for x in parts):
        return None
    w, s, e, n = parts
    return max(-180.0, w), max(-90.0, s), min(180.0, e), min(90.0, n)
