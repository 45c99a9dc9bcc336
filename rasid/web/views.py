"""What each page and API answer shows, built from the store (one place for both: pages render it,
the JSON API returns it)."""

from __future__ import annotations

import io
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from starlette.responses import Response

from rasid.export import writers
from rasid.models import ResolvedEvent
from rasid.ontology import SUB_EVENT_TYPES
from rasid.store import articles, queries, review
from rasid.store.api import Store
from rasid.store.queries import EventFilter
from rasid.web import highlight
from rasid.web.filters import Parsed

#: Map and timeline colour of each ACLED event type (colour-blind-safe, distinct in print).
TYPE_COLOURS: dict[str, str] = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#27ae60",
    "Riots": "#795548",
    "Strategic developments": "#2471a3",
}
MAP_POINTS = 4000  # above this many located events in view, the server counts them per grid cell
# The box a new filter's map fits (`bulk_box`): the extreme BULK_SHARE of the events on each side of each axis may
# lie outside the core; events beyond the core by more than its own size (at least BULK_MARGIN degrees) are left
# out of the box, so that a few stray events far away do not zoom the map out to a continent.
BULK_SHARE = 0.02
BULK_MARGIN = 2.0
DAY_BINS_UP_TO = 92  # a date range up to this many days is drawn per day, longer ones per ISO week
SPARK_BINS = 26  # a governorate's bars are weeks up to this many weeks, months beyond


def _iso(d: str | None) -> date | None:
    try:
        return date.fromisoformat(d) if d else None
    except ValueError:
        return None


FACETS_SECONDS = 120.0  # the filter form's choices are recounted at most this often
_FACETS: dict[int, tuple[float, dict[str, Any]]] = {}


def forget_facets(store: Store) -> None:
    """After the app itself writes (upload, review), the choices are recounted at once."""
    _FACETS.pop(id(store), None)


def facets(store: Store) -> dict[str, Any]:
    """The filter form's choices: what the store holds (most frequent first; cached for a while: a new
    outlet appears in the list within FACETS_SECONDS, the results themselves are never cached)."""
    cached = _FACETS.get(id(store))
    if cached is not None and time.monotonic() - cached[0] < FACETS_SECONDS:
        return cached[1]
    with store.engine.connect() as conn:
        value = {
            "types": [str(t) for t in SUB_EVENT_TYPES],
            "sub_types": {str(t): [str(s) for s in subs] for t, subs in SUB_EVENT_TYPES.items()},
            "admin1": queries.distinct_values(conn, "admin1"),
            "admin2": queries.distinct_values(conn, "admin2"),
            "outlets": queries.outlets(conn),
            "actors": queries.actors(conn, 300),
        }
    _FACETS[id(store)] = (time.monotonic(), value)
    return value


def event_list(store: Store, parsed: Parsed) -> dict[str, Any]:
    with store.engine.connect() as conn:
        total = queries.count_events(conn, parsed.filter)
        rows = queries.events(conn, parsed.filter, with_sources=False)
    pages = max(1, -(-total // parsed.per))
    return {"total": total, "events": rows, "page": parsed.page, "pages": pages, "per": parsed.per}


def _period(f: EventFilter, span: tuple[str | None, str | None]) -> tuple[date, date] | None:
    lo, hi = _iso(f.date_from) or _iso(span[0]), _iso(f.date_to) or _iso(span[1])
    if lo is None or hi is None or hi < lo:
        return None
    return lo, hi


def _week(d: date) -> date:
    return d - timedelta(days=d.weekday())


def timeline(store: Store, f: EventFilter) -> dict[str, Any]:
    """Counts per day (ranges up to three months) or ISO week, stacked by event type, as bars to draw."""
    base = f.without("limit", "offset", "sort")
    with store.engine.connect() as conn:
        rows = queries.counts_by_day_and_type(conn, base)
    days = [(d, t, n) for ds, t, n in rows if (d := _iso(ds)) is not None]
    if not days:
        return {"unit": "day", "bins": [], "max": 0, "types": []}
    lo, hi = min(d for d, _, _ in days), max(d for d, _, _ in days)
    if f.date_from and _iso(f.date_from):
        lo = min(lo, _iso(f.date_from) or lo)
    if f.date_to and _iso(f.date_to):
        hi = max(hi, _iso(f.date_to) or hi)
    unit = "day" if (hi - lo).days < DAY_BINS_UP_TO else "week"
    step = timedelta(days=1 if unit == "day" else 7)
    start = lo if unit == "day" else _week(lo)
    counts: dict[date, dict[str, int]] = defaultdict(dict)
    for d, t, n in days:
        key = d if unit == "day" else _week(d)
        counts[key][t] = counts[key].get(t, 0) + n
    bins = []
    cur = start
    peak = 0
    while cur <= hi:
        by_type = counts.get(cur, {})
        peak = max(peak, sum(by_type.values()))
        bins.append({"start": cur.isoformat(), "end": (cur + step - timedelta(days=1)).isoformat(),
                     "total": sum(by_type.values()),
                     "stack": [(t, by_type[t], TYPE_COLOURS.get(t, "#777")) for t in TYPE_COLOURS if t in by_type]})
        cur += step
    present = sorted({t for _, t, _ in days}, key=lambda t: list(TYPE_COLOURS).index(t) if t in TYPE_COLOURS else 99)
    return {"unit": unit, "bins": bins, "max": peak, "types": [(t, TYPE_COLOURS.get(t, "#777")) for t in present]}


def governorates(store: Store, f: EventFilter) -> dict[str, Any]:
    """Events and fatalities by admin1, with their weekly counts, and, when the filter sets a date range,
    the change against the period of the same length just before it."""
    base = f.without("limit", "offset", "sort")
    with store.engine.connect() as conn:
        period = _period(base, queries.date_span(conn, base))
        by_month = period is not None and (period[1] - period[0]).days > 7 * SPARK_BINS
        rows = queries.counts_by_admin1_and_day(conn, base, by_month=by_month)
        prev_rows: list[tuple[str | None, str | None, int, int]] = []
        prev: tuple[date, date] | None = None
        if period is not None and (base.date_from or base.date_to):
            length = (period[1] - period[0]).days + 1
            prev = (period[0] - timedelta(days=length), period[0] - timedelta(days=1))
            pf = base.without("date_from", "date_to")
            pf.date_from, pf.date_to = prev[0].isoformat(), prev[1].isoformat()
            prev_rows = queries.counts_by_admin1_and_day(conn, pf, by_month=by_month)
    # the series: every week of the period, or every month of a longer one
    buckets: list[date] = []
    if period is not None:
        cur = date(period[0].year, period[0].month, 1) if by_month else _week(period[0])
        while cur <= period[1]:
            buckets.append(cur)
            cur = date(cur.year + cur.month // 12, cur.month % 12 + 1, 1) if by_month else cur + timedelta(days=7)
    index = {b: i for i, b in enumerate(buckets)}
    table: dict[str, dict[str, Any]] = {}
    for admin1, ds, n, fat in rows:
        name = admin1 or "(unknown)"
        row = table.setdefault(name, {"admin1": name, "events": 0, "fatalities": 0, "prev_events": 0,
                                      "prev_fatalities": 0, "series": [0] * len(buckets)})
        row["events"] += n
        row["fatalities"] += fat
        d = _iso(f"{ds}-01" if by_month and ds else ds)
        if d is not None:
            i = index.get(d if by_month else _week(d))
            if i is not None:
                row["series"][i] += n
    for admin1, _ds, n, fat in prev_rows:
        name = admin1 or "(unknown)"
        if name in table:
            table[name]["prev_events"] += n
            table[name]["prev_fatalities"] += fat
    out = []
    for row in sorted(table.values(), key=lambda r: (-r["events"], r["admin1"])):
        row["series_max"] = max(row["series"], default=0)
        row["change"] = _change(row["events"], row["prev_events"]) if prev else None
        row["fatality_change"] = _change(row["fatalities"], row["prev_fatalities"]) if prev else None
        out.append(row)
    return {"rows": out, "period": [d.isoformat() for d in period] if period else None,
            "previous": [d.isoformat() for d in prev] if prev else None, "series_unit": "month" if by_month else "week",
            "total_events": sum(r["events"] for r in out), "total_fatalities": sum(r["fatalities"] for r in out),
            "prev_events": sum(r["prev_events"] for r in out),
            "prev_fatalities": sum(r["prev_fatalities"] for r in out)}


def _change(now: int, before: int) -> float | None:
    if before == 0:
        return None
    return round(100.0 * (now - before) / before, 1)


def _ends(values: list[tuple[float, int]], share: float, total: int) -> tuple[float, float]:
    """The lowest value with more than share * total events at or below it and the highest with more than that
    many at or above it (`values`: (value, events), sorted)."""
    return _passed(values, share * total, values[-1][0]), _passed(reversed(values), share * total, values[0][0])


def _passed(values: Iterable[tuple[float, int]], limit: float, default: float) -> float:
    """The first value at which more than `limit` events have been seen, in the order given; else `default`."""
    seen = 0
    for value, n in values:
        seen += n
        if seen > limit:
            return value
    return default


def bulk_box(places: list[tuple[float, float, int]]) -> tuple[tuple[float, float, float, float] | None, int]:
    """The box a new filter's map fits ((min lat, min lon, max lat, max lon), None without places) and how many
    events it leaves out. `places` are (lat, lon, events). The core spans the events on each axis from the
    BULK_SHARE quantile to the 1 - BULK_SHARE one (below 1 / BULK_SHARE = 50 events, every event); the box is
    that of the events within the core widened on each side by the core's size on that axis (at least
    BULK_MARGIN degrees): an even spread keeps all its events (its edge is within a core's width of the core),
    a group of a few events a long way off (a stray place, a far country with under 2% of the events) is left
    out, and the map says how many events there are in all."""
    if not places:
        return None, 0
    total = sum(p[2] for p in places)
    kept = places
    for axis in (0, 1):
        lo, hi = _ends(sorted((p[axis], p[2]) for p in places), BULK_SHARE, total)
        margin = max(hi - lo, BULK_MARGIN)
        kept = [p for p in kept if lo - margin <= p[axis] <= hi + margin]
    box = (min(p[0] for p in kept), min(p[1] for p in kept), max(p[0] for p in kept), max(p[1] for p in kept))
    return box, total - sum(p[2] for p in kept)


def map_data(store: Store, f: EventFilter, bbox: tuple[float, float, float, float] | None, zoom: int,
             bounds: bool = False) -> dict[str, Any]:
    """Located events in view: points (clustered by the browser) or, when too many, grid cells. With `bounds`,
    also the box a new filter's view fits (`bulk_box`: [min lat, min lon, max lat, max lon] of the bulk of the
    filter's located events, in view or not, or None when there are none), how many located events the filter
    has (`located`) and how many of them that box leaves out (`beyond`)."""
    base = f.without("limit", "offset", "sort", "bbox")
    out: dict[str, Any] = {}
    with store.engine.connect() as conn:
        if bounds:
            places = queries.located_places(conn, base)
            box, beyond = bulk_box(places)
            out["bounds"] = [round(x, 5) for x in box] if box else None
            out["located"] = sum(p[2] for p in places)
            out["beyond"] = beyond
        base.bbox = bbox
        n = queries.count_located(conn, base)
        if n <= MAP_POINTS:
            points = queries.map_points(conn, base, MAP_POINTS)
            return {"mode": "points", "total": n,
                    "points": [[round(lat, 5), round(lon, 5), t, k] for lat, lon, t, k in points],
                    "colours": TYPE_COLOURS, **out}
        degrees = max(0.02, 180.0 / 2 ** max(0, min(zoom, 18)) / 4)
        cells = queries.map_cells(conn, base, degrees)
    return {"mode": "cells", "total": n, "degrees": degrees,
            "cells": [[round(c["lat"], 4), round(c["lon"], 4), c["n"], c["type"]] for c in cells],
            "colours": TYPE_COLOURS, **out}


def event_page(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event: fields, sources with their highlighted text, claims, merge explanation, audit trail."""
    with store.engine.connect() as conn:
        ev = queries.event(conn, event_id)
        if ev is None:
            return None
        key = ev.event_id
        why = queries.explain(conn, key)
        trail = review.history(conn, key)
        ms = queries.event_mentions(conn, key)
        texts = articles.texts(conn, [m["content_hash"][:16] for m in ms])
        cls = queries.event_claims(conn, key)
    sources = []
    for m in ms:
        akey = m["content_hash"][:16]
        doc = texts.get(akey) or {}
        entities = doc.get("entities") or []
        text = doc.get("text")
        spans = highlight.mention_spans(m, entities, anchor=f"ev-{m['mention_key'].replace(':', '-')}")
        sources.append({
            "mention_key": m["mention_key"], "article_key": akey, "doc_id": m["doc_id"], "title": m["title"],
            "outlet": m["outlet"], "published": m["published"], "url": _safe_url(m["url"]),
            "modality": m["modality"], "fatalities": m["fatalities"], "event_date": m["event_date"],
            "location": m["location"], "sub_event_type": m["sub_event_type"], "actor1": m["actor1"],
            "actor2": m["actor2"], "evidence": [e["text"] for e in (m["evidence"] or [])],
            "segments": highlight.segments(text, spans) if text else None,
            "kinds": sorted({s.kind for s in spans}),
        })
    claim_rows = [{"subject": c["subject"], "value": c["value"], "unit": c["unit"], "qualifier": c["qualifier"],
                   "stance": c["stance"], "speaker": _speaker(c["speaker"]), "outlet": c["outlet"],
                   "doc_id": c["doc_id"], "claim_date": c["claim_date"] or c["published"],
                   "article_key": c["content_hash"][:16], "claim_index": c["idx"],
                   "evidence": [e["text"] for e in (c["evidence"] or [])]} for c in cls]
    return {"event": ev, "explain": why, "history": trail, "sources": sources, "claims": claim_rows}


def _speaker(sp: dict[str, Any] | None) -> str | None:
    sp = sp or {}
    return ", ".join(x for x in (sp.get("name"), sp.get("role"), sp.get("affiliation")) if x) or None


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links are shown as links (a stored 'javascript:' URL stays text)."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def article_page(store: Store, key: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        art = articles.article(conn, key)
    if art is None:
        return None
    spans = highlight.article_spans(art["mentions"], art["entities"], art["claims"])
    art["segments"] = highlight.segments(art["text"], spans) if art["text"] else None
    art["url"] = _safe_url(art["url"])
    art["kinds"] = sorted({s.kind for s in spans})
    return art


def claims_board(store: Store, *, conflicts_only: bool, subject: str | None, limit: int, offset: int) -> dict[str, Any]:
    groups = store.claim_groups(subject or None)
    if conflicts_only:
        groups = [g for g in groups if g["conflict"]]
    return {"total": len(groups), "groups": groups[offset:offset + limit], "n_conflicts": sum(g["conflict"] for g in groups)}


EXPORTS = {"acled-csv": ("text/csv", "csv", writers.write_acled_csv),
           "geojson": ("application/geo+json", "geojson", writers.write_geojson),
           "jsonl": ("application/x-ndjson", "jsonl", writers.write_jsonl)}


def export_rows(store: Store, f: EventFilter) -> list[ResolvedEvent]:
    """Exactly the filtered set (every page), with sources."""
    with store.engine.connect() as conn:
        return queries.events(conn, f.without("limit", "offset"), with_sources=True)


def export_response(store: Store, f: EventFilter, fmt: str) -> Response:
    """The filtered set as a download in one of EXPORTS' formats."""
    media, ext, write = EXPORTS[fmt]
    buf = io.StringIO()
    write(export_rows(store, f), buf)
    return Response(buf.getvalue().encode("utf-8"), media_type=f"{media}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="rasid-events.{ext}"'})
