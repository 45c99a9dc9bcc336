"""Write resolved events (`ResolvedEvent`, as `Store.events` returns them) in the formats analysts load elsewhere."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from rasid.models import ACLED_COLUMNS, ResolvedEvent


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return value


@dataclass
class UndatedCount:
    from_publication: int = 0  # dated by their first report's publication date
    undated: int = 0  # no date at all (tagged, or left out)
    dropped: int = 0


#: Tags of rows whose date is not the event's own (ACLED's `tags` column).
PUBLICATION_DATE_TAG = "date from publication"
UNDATED_TAG = "undated"


def _tagged(tags: str | None, tag: str) -> str:
    return "; ".join(t for t in (tags, tag) if t)


def with_report_dates(events: Iterable[Any], count: UndatedCount, *, drop_undated: bool = False) -> Iterator[Any]:
    """ACLED rows with a date: an undated event takes the earliest publication date of its sources at
    week precision (time_precision 2: it happened in the days up to that report), tagged so; an event
    without either is tagged 'undated', or left out with `drop_undated`. Events need their `sources`."""
    for ev in events:
        get = ev.get if isinstance(ev, dict) else lambda k, ev=ev: getattr(ev, k)
        if get("event_date"):
            yield ev
            continue
        dates = [d for d in ((src.get("published") if isinstance(src, dict) else src.published)
                             for src in get("sources") or []) if d]
        if dates:
            count.from_publication += 1
            first = min(dates)
            update = {"event_date": first, "year": int(first[:4]), "time_precision": 2,
                      "tags": _tagged(get("tags"), PUBLICATION_DATE_TAG)}
        else:
            count.undated += 1
            if drop_undated:
                count.dropped += 1
                continue
            update = {"tags": _tagged(get("tags"), UNDATED_TAG)}
        yield {**ev, **update} if isinstance(ev, dict) else ev.model_copy(update=update)


def write_acled_csv(events: Iterable[ResolvedEvent], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    n = 0
    for ev in events:
        writer.writerow([_cell(v) for v in ev.acled_row()])
        n += 1
    return n


def geojson(events: Iterable[ResolvedEvent]) -> dict[str, Any]:
    """A FeatureCollection: one Point feature per located event (unlocated events are left out)."""
    features = []
    for ev in events:
        if ev.latitude is None or ev.longitude is None:
            continue
        props = ev.model_dump(exclude={"latitude", "longitude"})
        features.append({
            "type": "Feature",
            "id": ev.event_id,
            "geometry": {"type": "Point", "coordinates": [ev.longitude, ev.latitude]},
            "properties": props,
        })
    return {"type": "FeatureCollection", "features": features}


def write_geojson(events: Iterable[ResolvedEvent], out: IO[str]) -> int:
    fc = geojson(events)
    json.dump(fc, out, ensure_ascii=False)
    out.write("\n")
    return len(fc["features"])


def write_jsonl(events: Iterable[ResolvedEvent], out: IO[str]) -> int:
    n = 0
    for ev in events:
        out.write(json.dumps(ev.model_dump(), ensure_ascii=False) + "\n")
        n += 1
    return n
