"""Write resolved events (as returned by `Store.events`) in the formats analysts load elsewhere."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

#: ACLED's export columns, in ACLED's order (docs/domain.md).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return value


def write_acled_csv(events: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    n = 0
    for ev in events:
        writer.writerow([_cell(ev.get(c)) for c in ACLED_COLUMNS])
        n += 1
    return n


def geojson(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection: one Point feature per located event (unlocated events are left out)."""
    features = []
    for ev in events:
        if ev.get("latitude") is None or ev.get("longitude") is None:
            continue
        props = {k: v for k, v in ev.items() if k not in ("latitude", "longitude")}
        features.append({
            "type": "Feature",
            "id": ev.get("event_id"),
            "geometry": {"type": "Point", "coordinates": [ev["longitude"], ev["latitude"]]},
            "properties": props,
        })
    return {"type": "FeatureCollection", "features": features}


def write_geojson(events: Iterable[dict[str, Any]], out: IO[str]) -> int:
    fc = geojson(events)
    json.dump(fc, out, ensure_ascii=False)
    out.write("\n")
    return len(fc["features"])


def write_jsonl(events: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for ev in events:
        out.write(json.dumps(ev, ensure_ascii=False) + "\n")
        n += 1
    return n
