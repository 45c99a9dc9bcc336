"""Places in the store: what each article names, which event sits where, and gazetteer updates afterwards.

At ingest (`insert_places`) every place entity of a document becomes a `place_mentions` row (resolved or
not, with the gazetteer's own point for its id) and each event mention records the index of the place it
sits at (`mentions.place_idx`: the place whose span is among the event's evidence, else the place of the
same name and point). Later:

- `unresolved_names` lists the names the gazetteer lacked, grouped over the corpus, so an analyst can add
  each place once (supplement file or `rasid gazetteer import`);
- `reresolve` looks them up again in the current gazetteer (the candidate nearest the place that anchored
  the mention, within `ANCHOR_KM`), moves places whose gazetteer point changed, rewrites the event
  mentions sitting at them (location, coordinates, admins, precision, notes, blocking cells) and
  re-resolves exactly the events those mentions belong to. Nothing is re-extracted.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from rasid.store import db
from rasid.store.schema import documents, mentions, place_mentions

if TYPE_CHECKING:
    from rasid.geo.gazetteer import Gazetteer, Place
    from rasid.models import DocResult, Entity, Event
    from rasid.store.api import Store

#: An unresolved name is taken as a gazetteer place only within this distance of its anchor's point.
ANCHOR_KM = 60.0
#: Coordinates closer than this (degrees) are the same point.
_SAME = 1e-6
#: The mention columns an event's English notes are written from.
_NOTE_FIELDS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "location",
                "admin1", "latitude", "longitude", "geo_precision", "fatalities", "modality")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _name_key(text: str) -> str:
    from rasid.geo.gazetteer import name_key

    return name_key(text)[:255]


class PlaceLinks:
    """Which of a document's place entities each of its events sits at (its index among them): the place
    whose span is among the event's evidence, else the first place of the same name and point. Fed the
    document's entities in order, all of them before the first `of` (a long document's segment by segment)."""

    def __init__(self) -> None:
        self.n = 0
        self._by_span: dict[tuple[int, int], int] = {}
        self._by_point: dict[tuple[str | None, float | None, float | None], int] = {}

    def add(self, entities: Iterable[Entity]) -> None:
        for e in entities:
            if e.kind == "place":
                self._by_span[(e.start, e.end)] = self.n
                self._by_point.setdefault((e.canonical, e.latitude, e.longitude), self.n)
                self.n += 1

    def of(self, ev: Event) -> int | None:
        idx = next((self._by_span[(x.start, x.end)] for x in ev.evidence if (x.start, x.end) in self._by_span), None)
        if idx is None and ev.location and ev.latitude is not None:
            idx = self._by_point.get((ev.location, ev.latitude, ev.longitude))
        return idx


def place_links(result: DocResult) -> list[int | None]:
    """For each event of `result`: the index (among its place entities) of the place it sits at."""
    links = PlaceLinks()
    links.add(result.entities)
    return [links.of(ev) for ev in result.events]


def clear_places(conn: Connection, doc_pk: int) -> None:
    """Remove a document's place rows (before writing those of its new version)."""
    conn.execute(place_mentions.delete().where(place_mentions.c.document_id == doc_pk))


def insert_places(conn: Connection, doc_pk: int, entities: Iterable[Entity], first: int = 0,
                  gazetteer: Gazetteer | None = None) -> int:
    """Store the place entities among `entities` (the document's, or a segment's whose places before it
    numbered `first`) as its place rows `first`, `first + 1`, ...; returns how many."""
    places = [e for e in entities if e.kind == "place"]
    if not places:
        return 0
    gaz = gazetteer or _gazetteer()
    now = _now()
    rows = []
    for i, e in enumerate(places, start=first):
        known = gaz.get(e.place_id) if e.place_id else None
        rows.append({
            "document_id": doc_pk, "idx": i, "start": e.start, "end": e.end, "text": e.text[:2000],
            "name": (e.canonical or "")[:255] or None,
            "name_key": _name_key(e.canonical if e.unresolved and e.canonical else e.text),
            "place_id": e.place_id, "place_lat": known.lat if known else None,
            "place_lon": known.lon if known else None, "latitude": e.latitude, "longitude": e.longitude,
            "geo_precision": e.geo_precision, "unresolved": bool(e.unresolved), "updated_at": now,
        })
    conn.execute(place_mentions.insert(), rows)
    return len(places)


def _gazetteer() -> Gazetteer:
    from rasid.geo.gazetteer import load

    return load()


# --- the analyst's list ----------------------------------------------------------------------------------

def unresolved_names(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Names the gazetteer lacked, most mentioned first: name, mentions, articles, event mentions sitting
    there, the places that anchored them (coded name and point) and a few document ids."""
    pm, m = place_mentions, mentions
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(pm.c.name_key, pm.c.name, pm.c.document_id, pm.c.idx, pm.c.latitude, pm.c.longitude,
                      documents.c.doc_id)
            .join(documents, documents.c.id == pm.c.document_id)
            .where(pm.c.unresolved.is_(True)).order_by(pm.c.name_key, documents.c.doc_id)).all()
        events: dict[str, int] = {key: n for key, n in conn.execute(
            sa.select(pm.c.name_key, sa.func.count(m.c.id))
            .join(m, sa.and_(m.c.document_id == pm.c.document_id, m.c.place_idx == pm.c.idx))
            .where(pm.c.unresolved.is_(True)).group_by(pm.c.name_key))}
        anchors = {(d, i): (loc, a1) for d, i, loc, a1 in conn.execute(
            sa.select(pm.c.document_id, pm.c.idx, m.c.location, m.c.admin1)
            .join(m, sa.and_(m.c.document_id == pm.c.document_id, m.c.place_idx == pm.c.idx))
            .where(pm.c.unresolved.is_(True)))}
    groups: dict[str, dict[str, Any]] = {}
    for key, name, doc_pk, idx, lat, lon, doc_id in rows:
        g = groups.setdefault(key, {"name": name, "name_key": key, "mentions": 0, "articles": set(),
                                    "events": events.get(key, 0), "anchors": {}, "doc_ids": []})
        g["mentions"] += 1
        g["articles"].add(doc_pk)
        if doc_id not in g["doc_ids"] and len(g["doc_ids"]) < 5:
            g["doc_ids"].append(doc_id)
        if lat is not None and lon is not None:
            point = (round(lat, 4), round(lon, 4))
            g["anchors"].setdefault(point, anchors.get((doc_pk, idx), (None, None))[1])
    out = []
    for g in groups.values():
        g["articles"] = len(g["articles"])
        g["anchors"] = [{"latitude": p[0], "longitude": p[1], "admin1": a1} for p, a1 in sorted(g["anchors"].items())]
        out.append(g)
    out.sort(key=lambda g: (-g["mentions"], -g["articles"], g["name_key"]))
    return out[:limit] if limit else out


# --- re-resolution ---------------------------------------------------------------------------------------

@dataclass
class ReresolveSummary:
    checked: int = 0  # place mentions looked at
    resolved: int = 0  # unresolved names the gazetteer now has
    moved: int = 0  # places whose gazetteer point changed
    still_unresolved: int = 0
    mentions_updated: int = 0  # event mentions rewritten
    events_touched: int = 0  # resolved events re-clustered
    names: list[str] = field(default_factory=list)  # the names resolved now

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _coded_point(gaz: Gazetteer, p: Place) -> tuple[float, float, int]:
    """Where the geoparser codes a bare mention of `p`: a neighbourhood at its city, a region or desert near
    it (precision 2), a governorate or country at precision 3."""
    if p.feature in ("neighbourhood", "landmark", "bridge", "prison") and p.parent:
        city = gaz.get(p.parent)
        if city is not None:
            return city.lat, city.lon, 1
    if p.feature in ("admin1", "country", "river"):
        return p.lat, p.lon, 3
    if p.feature in ("region", "desert", "mountain", "road", "lake"):
        return p.lat, p.lon, 2
    return p.lat, p.lon, 1


def _pick(gaz: Gazetteer, name: str, lat: float | None, lon: float | None) -> Place | None:
    """The gazetteer place an unresolved name is: the candidate nearest its anchor (within ANCHOR_KM), or the
    only candidate when nothing anchored it."""
    from rasid.geo.admin import haversine_km

    cands = [p for p in gaz.lookup(name) if p.feature not in ("country", "admin1")]
    if not cands:
        return None
    if lat is None or lon is None:
        return cands[0] if len(cands) == 1 else None
    best = min(cands, key=lambda p: haversine_km(lat, lon, p.lat, p.lon))
    return best if haversine_km(lat, lon, best.lat, best.lon) <= ANCHOR_KM else None


def _location(gaz: Gazetteer, p: Place) -> str:
    if p.feature == "neighbourhood" and p.parent:
        city = gaz.get(p.parent)
        if city is not None:
            return f"{city.name} - {p.name}"
    return p.name


def reresolve(store: Store, *, gazetteer: Gazetteer | None = None, dry_run: bool = False) -> ReresolveSummary:
    """Bring stored places and the event mentions sitting at them up to date with the current gazetteer."""
    gaz = gazetteer or _gazetteer()
    summary = ReresolveSummary()

    def run(conn: Connection) -> ReresolveSummary:
        pm = place_mentions
        now = _now()
        changed: dict[tuple[int, int], dict[str, Any]] = {}  # (document, place idx) -> new mention values
        place_updates: list[dict[str, Any]] = []
        for row in conn.execute(sa.select(pm).where(sa.or_(pm.c.unresolved.is_(True), pm.c.place_id.is_not(None)))):
            summary.checked += 1
            r = row._mapping
            if r["unresolved"]:
                p = _pick(gaz, r["name_key"], r["latitude"], r["longitude"])
                if p is None:
                    summary.still_unresolved += 1
                    continue
                summary.resolved += 1
                summary.names.append(r["name"] or r["name_key"])
            else:
                q = gaz.get(r["place_id"])
                if q is None or r["place_lat"] is None or (
                        abs(q.lat - r["place_lat"]) < _SAME and abs(q.lon - r["place_lon"]) < _SAME):
                    continue  # unchanged (or gone from the gazetteer: kept as coded)
                if not (abs((r["latitude"] or 0) - r["place_lat"]) < _SAME
                        and abs((r["longitude"] or 0) - r["place_lon"]) < _SAME):
                    continue  # coded at another place (a neighbourhood's city): that place decides
                p = q
                summary.moved += 1
            lat, lon, precision = _coded_point(gaz, p)
            if r["unresolved"] and r["geo_precision"] and r["geo_precision"] >= 3 and precision < 3:
                precision = 1  # a village once coded at its governorate is now the village
            place_updates.append({"pk": r["id"], "place_id": p.id, "place_lat": p.lat, "place_lon": p.lon,
                                  "latitude": lat, "longitude": lon, "geo_precision": precision,
                                  "name": _location(gaz, p)[:255], "unresolved": False, "updated_at": now})
            changed[(r["document_id"], r["idx"])] = {
                "location": _location(gaz, p), "latitude": lat, "longitude": lon, "geo_precision": precision,
                "admin1": None if p.feature == "country" else p.admin1, "admin2": p.admin2,
                "country": p.country_name, "iso": p.iso, "moved_only": not r["unresolved"],
            }
        if dry_run or not changed:
            return summary
        cols = [c for c in place_updates[0] if c != "pk"]
        conn.execute(pm.update().where(pm.c.id == sa.bindparam("b_pk")).values(
            **{c: sa.bindparam("b_" + c) for c in cols}), [{"b_" + k: v for k, v in u.items()} for u in place_updates])
        keys, dirty = _rewrite_mentions(conn, changed)
        summary.mentions_updated = len(keys)
        summary.events_touched = len(dirty)
        if keys:
            store._resolve(conn, keys, dirty)
        return summary

    return db.write(store.engine, run)


def _rewrite_mentions(conn: Connection, changed: dict[tuple[int, int], dict[str, Any]]) -> tuple[list[str], set[str]]:
    """Rewrite the event mentions sitting at changed places; their keys and their old clusters."""
    from rasid.extract.notes import write_notes
    from rasid.models import Event
    from rasid.resolve import events as resolution

    m = mentions
    doc_ids = sorted({d for d, _ in changed})
    rows: list[Any] = []
    for i in range(0, len(doc_ids), 500):
        rows.extend(r._mapping for r in conn.execute(
            sa.select(m).where(m.c.document_id.in_(doc_ids[i:i + 500]), m.c.place_idx.is_not(None))))
    updates = []
    keys: list[str] = []
    dirty: set[str] = set()
    for r in rows:
        new = changed.get((r["document_id"], r["place_idx"]))
        if new is None:
            continue
        values = {k: v for k, v in new.items() if k != "moved_only"}
        if new["moved_only"]:  # the same place, moved: the event keeps its precision and names
            values = {"latitude": new["latitude"], "longitude": new["longitude"], "admin1": new["admin1"],
                      "admin2": new["admin2"]}
        fields = {c: r[c] for c in _NOTE_FIELDS}
        fields.update(values)
        cl, cn = resolution.cell_of(fields["latitude"], fields["longitude"])
        event = Event(**{k: v for k, v in fields.items() if v is not None})
        updates.append({"b_k": r["mention_key"], **{"b_" + c: fields[c] for c in values},
                        "b_notes": write_notes(event), "b_cell_lat": cl, "b_cell_lon": cn})
        keys.append(r["mention_key"])
        if r["cluster_key"]:
            dirty.add(r["cluster_key"])
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for u in updates:
        by_columns.setdefault(tuple(sorted(u)), []).append(u)
    for cols, batch in by_columns.items():
        stmt = m.update().where(m.c.mention_key == sa.bindparam("b_k")).values(
            **{c[2:]: sa.bindparam(c) for c in cols if c != "b_k"})
        conn.execute(stmt, batch)
    return keys, dirty


__all__ = ["ANCHOR_KM", "PlaceLinks", "ReresolveSummary", "clear_places", "insert_places", "place_links", "reresolve",
           "unresolved_names"]
