"""Write resolved events (`ResolvedEvent`, as `Store.events` returns them) in the formats analysts load elsewhere."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from rasid.models import ACLED_COLUMNS, ResolvedEvent


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return value


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
