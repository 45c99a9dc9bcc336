"""Read side of the store: filtered resolved events as typed records, one event, why it was merged.

Every filter becomes bound parameters of a SQLAlchemy expression (never SQL text built from values), so
the same `EventFilter` serves the CLI, the exports and the web app, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles

from rasid.models import ACLED_COLUMNS, EventSource, ResolvedEvent, SourceFatalities, trusted
from rasid.ontology import SUB_EVENT_TYPES
from rasid.store.schema import claims, doc_sketches, documents, mentions, merge_links, resolved_events

CHUNK = 500

_TYPES = {str(t).casefold(): str(t) for t in SUB_EVENT_TYPES}
_SUB_TYPES = {str(st).casefold(): str(st) for subs in SUB_EVENT_TYPES.values() for st in subs}
#: Columns the event list can be sorted by (anything else falls back to the date order).
SORTABLE: tuple[str, ...] = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2", "location",
    "fatalities", "n_sources", "modality", "status", "geo_precision", "time_precision",
)


@dataclass
class EventFilter:
    """Which resolved events to return; every criterion given must hold (AND)."""

    date_from: str | None = None  # inclusive YYYY-MM-DD
    date_to: str | None = None  # inclusive
    event_type: str | None = None  # event_type or sub_event_type, case-insensitive
    sub_event_type: str | None = None  # exact sub-event type, case-insensitive
    actor: str | None = None  # substring of actor1/actor2/assoc actors, case-insensitive
    inter: int | None = None  # ACLED inter code of actor1 or actor2
    admin1: str | None = None  # case-insensitive
    admin2: str | None = None
    location: str | None = None  # substring of the location name, case-insensitive
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    modality: Sequence[str] | None = None
    status: Sequence[str] | None = None
    outlet: str | None = None  # one of the event's sources comes from this outlet
    with_fatalities: bool = False
    geo_precision: Sequence[int] | None = None
    time_precision: Sequence[int] | None = None
    sort: str | None = None  # one of SORTABLE; "-name" sorts descending
    limit: int | None = None
    offset: int = 0

    def without(self, *names: str) -> EventFilter:
        """A copy with the named criteria cleared (the previous period, the map without paging, ...)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in names:
            values[name] = EventFilter.__dataclass_fields__[name].default
        return EventFilter(**values)


def _like(value: str) -> str:
    """A LIKE pattern matching `value` as plain text (its % and _ are escaped with backslash)."""
    escaped = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class ci_like(sa.sql.expression.ColumnElement[bool]):
    """Case-insensitive LIKE with backslash escapes: SQLite's LIKE already ignores ASCII case (no lower() on
    every row), PostgreSQL has ILIKE."""

    type = sa.Boolean()
    inherit_cache = True

    def __init__(self, column: Any, pattern: str) -> None:
        self.column = column
        self.pattern = sa.bindparam(None, pattern, type_=sa.String)


@compiles(ci_like)
def _ci_like_default(element: ci_like, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.column, **kw)} ILIKE {compiler.process(element.pattern, **kw)} ESCAPE '\\')"


@compiles(ci_like, "sqlite")
def _ci_like_sqlite(element: ci_like, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.column, **kw)} LIKE {compiler.process(element.pattern, **kw)} ESCAPE '\\')"


class actor_like(sa.sql.expression.ColumnElement[bool]):
    """`pattern` in any of the four actor columns, case-insensitive. PostgreSQL reads the one lower-cased
    column it keeps (`actors_lc`, migration 0006, read from its index: a third of the cost of ILIKE on four columns; the names
    joined by line breaks, which a pattern never holds); elsewhere an OR of `ci_like`."""

    type = sa.Boolean()
    inherit_cache = True

    def __init__(self, pattern: str) -> None:
        self.value = pattern
        self.pattern = sa.bindparam(None, pattern, type_=sa.String)


@compiles(actor_like)
def _actor_like_default(element: actor_like, compiler: Any, **kw: Any) -> str:
    t = resolved_events.c
    pattern = element.value
    return compiler.process(sa.or_(*(ci_like(c, pattern) for c in (t.actor1, t.actor2, t.assoc_actor_1, t.assoc_actor_2))), **kw)


@compiles(actor_like, "postgresql")
def _actor_like_pg(element: actor_like, compiler: Any, **kw: Any) -> str:
    return f"(resolved_events.actors_lc LIKE {compiler.process(element.pattern, **kw)} ESCAPE '\\')"


def conditions(f: EventFilter) -> list[Any]:
    """The WHERE clauses of a filter over `resolved_events` (bound parameters only)."""
    t = resolved_events
    out: list[Any] = []
    if f.date_from:
        out.append(t.c.event_date >= f.date_from)
    if f.date_to:
        out.append(t.c.event_date <= f.date_to)
    if f.event_type:
        v = f.event_type.casefold()
        if v in _TYPES:  # an ACLED name in any case: the stored spelling, so the index answers
            out.append(t.c.event_type == _TYPES[v])
        elif v in _SUB_TYPES:
            out.append(t.c.sub_event_type == _SUB_TYPES[v])
        else:
            out.append(sa.or_(sa.func.lower(t.c.event_type) == v, sa.func.lower(t.c.sub_event_type) == v))
    if f.sub_event_type:
        v = f.sub_event_type.casefold()
        out.append(t.c.sub_event_type == _SUB_TYPES[v] if v in _SUB_TYPES else sa.func.lower(t.c.sub_event_type) == v)
    if f.actor:  # runs of white space as one space (so a pattern never spans two names: see actor_like)
        out.append(actor_like(_like(" ".join(f.actor.split()))))
    if f.inter is not None:
        out.append(sa.or_(t.c.inter1 == f.inter, t.c.inter2 == f.inter))
    if f.admin1:
        out.append(sa.func.lower(t.c.admin1) == f.admin1.casefold())
    if f.admin2:
        out.append(sa.func.lower(t.c.admin2) == f.admin2.casefold())
    if f.location:
        out.append(ci_like(t.c.location, _like(f.location)))
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        out.append(t.c.latitude.between(min_lat, max_lat))
        out.append(t.c.longitude.between(min_lon, max_lon))
    if f.modality:
        out.append(t.c.modality.in_(list(f.modality)))
    if f.status:
        out.append(t.c.status.in_(list(f.status)))
    if f.outlet:  # outlet -> its documents -> their mentions -> events, each step by an index
        out.append(t.c.event_key.in_(
            sa.select(mentions.c.cluster_key).where(mentions.c.document_id.in_(
                sa.select(documents.c.id).where(documents.c.outlet == f.outlet)))))
    if f.with_fatalities:
        out.append(t.c.fatalities > 0)
    if f.geo_precision:
        out.append(t.c.geo_precision.in_([int(v) for v in f.geo_precision]))
    if f.time_precision:
        out.append(t.c.time_precision.in_([int(v) for v in f.time_precision]))
    return out


def _order(f: EventFilter) -> list[Any]:
    t = resolved_events
    by_date = [t.c.event_date.is_(None), t.c.event_date, t.c.event_key]
    name = (f.sort or "").lstrip("-")
    if name not in SORTABLE or name == "event_date" and not (f.sort or "").startswith("-"):
        return by_date
    col = t.c[name]
    if (f.sort or "").startswith("-"):
        return [col.desc().nulls_last(), t.c.event_key.desc()]  # newest first walks the date index backwards
    return [col.asc().nulls_last(), t.c.event_key]


def select_events(f: EventFilter, *columns: Any) -> sa.Select[Any]:
    """SELECT `columns` (default: every column) of the filtered events, ordered, paged."""
    q = sa.select(*(columns or (resolved_events,))).where(*conditions(f)).order_by(*_order(f))
    if f.limit is not None:
        q = q.limit(f.limit)
    if f.offset:
        q = q.offset(f.offset)
    return q


def count_events(conn: Connection, f: EventFilter) -> int:
    q = sa.select(sa.func.count()).select_from(resolved_events).where(*conditions(f))
    return int(conn.execute(q).scalar_one())


def _chunks(seq: Sequence[Any], n: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def sources_of(conn: Connection, keys: Sequence[str]) -> dict[str, list[EventSource]]:
    """Each event's reports (one per stored mention), by date of publication."""
    out: dict[str, list[EventSource]] = {}
    for part in _chunks(list(keys)):
        q = (sa.select(mentions.c.cluster_key, mentions.c.mention_key, mentions.c.modality,
                       mentions.c.fatalities, mentions.c.evidence, documents.c.doc_id, documents.c.outlet,
                       documents.c.published, documents.c.url)
             .join(documents, documents.c.id == mentions.c.document_id)
             .where(mentions.c.cluster_key.in_(part))
             .order_by(mentions.c.cluster_key, documents.c.published, mentions.c.mention_key))
        for r in conn.execute(q):
            out.setdefault(r.cluster_key, []).append(trusted(
                EventSource, doc_id=r.doc_id, outlet=r.outlet, published=r.published, url=r.url,
                mention=r.mention_key, modality=r.modality, fatalities=r.fatalities,
                evidence=[e.get("text") for e in (r.evidence or [])]))
    return out


def to_record(row: dict[str, Any], sources: list[EventSource]) -> ResolvedEvent:
    """A stored `resolved_events` row (trusted: the store wrote it) as a typed record."""
    values: dict[str, Any] = {"event_id": row["event_key"]}
    values.update({k: row[k] for k in ACLED_COLUMNS})
    values.update(
        modality=row["modality"], status=row["status"], n_sources=row["n_sources"],
        n_mentions=row["n_mentions"],
        fatalities_by_source=[trusted(SourceFatalities, **p) for p in (row["fatalities_by_source"] or [])],
        sources=sources,
    )
    return trusted(ResolvedEvent, **values)


def events(conn: Connection, f: EventFilter | None = None, *, with_sources: bool = True) -> list[ResolvedEvent]:
    """Resolved events (ACLED fields + id, modality, sources), ordered by date then id unless sorted."""
    rows = [dict(r._mapping) for r in conn.execute(select_events(f or EventFilter()))]
    sources = sources_of(conn, [r["event_key"] for r in rows]) if with_sources else {}
    return [to_record(r, sources.get(r["event_key"], [])) for r in rows]


def find_key(conn: Connection, event_id: str) -> str | None:
    """The event key of an `ev-` id or an ACLED event_id_cnty."""
    q = sa.select(resolved_events.c.event_key).where(
        sa.or_(resolved_events.c.event_key == event_id, resolved_events.c.event_id_cnty == event_id))
    return conn.execute(q).scalar()


def event(conn: Connection, event_id: str) -> ResolvedEvent | None:
    key = find_key(conn, event_id)
    if key is None:
        return None
    row = conn.execute(sa.select(resolved_events).where(resolved_events.c.event_key == key)).one()
    return to_record(dict(row._mapping), sources_of(conn, [key]).get(key, []))


def mention_select() -> sa.Select[Any]:
    """Stored mentions with the article's id, outlet, date and story (the rows resolution works on; copies
    of one story share `story`)."""
    return (sa.select(mentions, documents.c.doc_id, documents.c.outlet, documents.c.published,
                      doc_sketches.c.story_key.label("story"))
            .join(documents, documents.c.id == mentions.c.document_id)
            .outerjoin(doc_sketches, doc_sketches.c.document_id == mentions.c.document_id))


def explain(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """Why the event's mentions were merged: its members and every link (fields, km, days)."""
    key = find_key(conn, event_id)
    if key is None:
        return None
    event = conn.execute(sa.select(resolved_events).where(resolved_events.c.event_key == key)).one()
    members = [dict(r._mapping) for r in conn.execute(
        mention_select().where(mentions.c.cluster_key == key).order_by(mentions.c.mention_key))]
    links = [dict(r._mapping) for r in conn.execute(
        sa.select(merge_links.c.mention_a, merge_links.c.mention_b, merge_links.c.explanation)
        .where(merge_links.c.event_key == key).order_by(merge_links.c.id))]
    ev = dict(event._mapping)
    return {
        "event_id": key,
        "event_id_cnty": ev["event_id_cnty"],
        "summary": (f"{len(members)} mention(s) from {ev['n_sources']} article(s) merged into one event"
                    if len(members) > 1 else "a single mention: nothing merged"),
        "merged": {k: ev[k] for k in ("event_date", "event_type", "sub_event_type", "location", "actor1",
                                      "actor2", "fatalities", "modality")},
        "fatalities_rule": "most conservative figure among asserted/claimed sources reporting deaths",
        "fatalities_by_source": ev["fatalities_by_source"],
        "mentions": [
            {k: m.get(k) for k in ("mention_key", "doc_id", "outlet", "published", "event_date",
                                   "event_type", "sub_event_type", "actor1", "actor2", "location",
                                   "admin1", "admin2", "latitude", "longitude", "geo_precision",
                                   "fatalities", "modality")}
            for m in members
        ],
        "links": [{"a": r["mention_a"], "b": r["mention_b"], **r["explanation"]} for r in links],
    }


# --- aggregates for the web app's panels (map, timeline, governorates) ---------------------------------


def located(f: EventFilter) -> list[Any]:
    """The filter's conditions plus "has coordinates". With a date range, the bbox is tested on `latitude + 0`
    so that the planner walks the (selective) date index instead of the (wide) coordinate index."""
    t = resolved_events
    if f.bbox and (f.date_from or f.date_to):
        min_lon, min_lat, max_lon, max_lat = f.bbox
        rest = conditions(dataclasses.replace(f, bbox=None))
        return [*rest, (t.c.latitude + 0).between(min_lat, max_lat), (t.c.longitude + 0).between(min_lon, max_lon)]
    return [*conditions(f), t.c.latitude.is_not(None), t.c.longitude.is_not(None)]


def map_points(conn: Connection, f: EventFilter, limit: int) -> list[tuple[float, float, str, str]]:
    """(lat, lon, event type, event id) of located events, at most `limit`."""
    t = resolved_events
    q = (sa.select(t.c.latitude, t.c.longitude, t.c.event_type, t.c.event_key).where(*located(f))
         .order_by(t.c.event_key).limit(limit))
    return [(r[0], r[1], r[2], r[3]) for r in conn.execute(q)]


def count_located(conn: Connection, f: EventFilter) -> int:
    q = sa.select(sa.func.count()).select_from(resolved_events).where(*located(f))
    return int(conn.execute(q).scalar_one())


def located_places(conn: Connection, f: EventFilter) -> list[tuple[float, float, int]]:
    """(lat, lon, events) of the filter's located events, one row per point (the events of one town share the
    gazetteer's coordinates; the coordinate index gives them in order): the map's opening box is chosen from it."""
    t = resolved_events
    q = (sa.select(t.c.latitude, t.c.longitude, sa.func.count()).where(*located(f))
         .group_by(t.c.latitude, t.c.longitude))
    return [(float(r[0]), float(r[1]), int(r[2])) for r in conn.execute(q)]


def map_cells(conn: Connection, f: EventFilter, degrees: float) -> list[dict[str, Any]]:
    """Located events counted per grid cell of `degrees` (the map at low zoom): the database counts events
    per place and type (events of one town share the gazetteer's coordinates; an index gives them in
    order), the cells are summed here."""
    t = resolved_events
    q = (sa.select(t.c.latitude, t.c.longitude, t.c.event_type, sa.func.count())
         .where(*located(f)).group_by(t.c.latitude, t.c.longitude, t.c.event_type))
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for lat, lon, event_type, n in conn.execute(q):
        key = (math.floor((lat + 90.0) / degrees), math.floor((lon + 180.0) / degrees))
        cell = cells.setdefault(key, {"n": 0, "lat": 0.0, "lon": 0.0, "types": {}})
        cell["lat"] += lat * n
        cell["lon"] += lon * n
        cell["n"] += n
        cell["types"][event_type] = cell["types"].get(event_type, 0) + n
    out = []
    for cell in cells.values():
        n = cell["n"]
        out.append({"lat": cell["lat"] / n, "lon": cell["lon"] / n, "n": n,
                    "type": max(cell["types"].items(), key=lambda kv: (kv[1], kv[0]))[0]})
    return out


def counts_by_day_and_type(conn: Connection, f: EventFilter) -> list[tuple[str, str, int]]:
    """(event_date, event_type, events) of the dated filtered events: the timeline."""
    t = resolved_events
    q = (sa.select(t.c.event_date, t.c.event_type, sa.func.count()).where(*conditions(f))
         .group_by(t.c.event_date, t.c.event_type))
    return [(r[0], r[1], int(r[2])) for r in conn.execute(q) if r[0] is not None]


def counts_by_admin1_and_day(conn: Connection, f: EventFilter, *,
                             by_month: bool = False) -> list[tuple[str | None, str | None, int, int]]:
    """(admin1, event_date, events, fatalities) of the filtered events: the governorate table; with
    `by_month` the dates are months ("YYYY-MM"), which keeps long periods to a few rows per governorate."""
    t = resolved_events
    when = sa.func.substr(t.c.event_date, 1, 7) if by_month else t.c.event_date
    q = (sa.select(t.c.admin1, when, sa.func.count(), sa.func.coalesce(sa.func.sum(t.c.fatalities), 0))
         .where(*conditions(f)).group_by(t.c.admin1, when))
    return [(r[0], r[1], int(r[2]), int(r[3])) for r in conn.execute(q)]


def date_span(conn: Connection, f: EventFilter) -> tuple[str | None, str | None]:
    t = resolved_events
    row = conn.execute(sa.select(sa.func.min(t.c.event_date), sa.func.max(t.c.event_date)).where(*conditions(f))).one()
    return row[0], row[1]


def distinct_values(conn: Connection, column: str, limit: int = 500) -> list[str]:
    """The values of one resolved_events column, most frequent first (the filter form's choices)."""
    col = resolved_events.c[column]
    q = (sa.select(col, sa.func.count().label("n")).where(col.is_not(None), col != "").group_by(col)
         .order_by(sa.desc("n"), col).limit(limit))
    return [r[0] for r in conn.execute(q)]


def outlets(conn: Connection, limit: int = 500) -> list[str]:
    q = (sa.select(documents.c.outlet, sa.func.count().label("n")).where(documents.c.outlet.is_not(None))
         .group_by(documents.c.outlet).order_by(sa.desc("n"), documents.c.outlet).limit(limit))
    return [r[0] for r in conn.execute(q)]


def actors(conn: Connection, limit: int = 500) -> list[str]:
    t = resolved_events
    names: dict[str, int] = {}
    for col in (t.c.actor1, t.c.actor2):
        q = (sa.select(col, sa.func.count().label("n")).where(col.is_not(None)).group_by(col)
             .order_by(sa.desc("n")).limit(limit))
        for name, n in conn.execute(q):
            names[name] = names.get(name, 0) + int(n)
    return [k for k, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def event_claims(conn: Connection, event_key: str) -> list[dict[str, Any]]:
    """The claims tied to one of the event's mentions, with the article's id and outlet."""
    q = (sa.select(claims, documents.c.doc_id, documents.c.outlet, documents.c.published, documents.c.content_hash)
         .join(documents, documents.c.id == claims.c.document_id)
         .join(mentions, sa.and_(mentions.c.document_id == claims.c.document_id, mentions.c.idx == claims.c.event_index))
         .where(mentions.c.cluster_key == event_key).order_by(documents.c.published, claims.c.document_id, claims.c.idx))
    return [dict(r._mapping) for r in conn.execute(q)]


def event_mentions(conn: Connection, event_key: str) -> list[dict[str, Any]]:
    """The event's mentions with their evidence offsets and the article's key (content hash prefix)."""
    q = (sa.select(mentions, documents.c.doc_id, documents.c.outlet, documents.c.published, documents.c.url,
                   documents.c.title, documents.c.content_hash)
         .join(documents, documents.c.id == mentions.c.document_id)
         .where(mentions.c.cluster_key == event_key).order_by(documents.c.published, mentions.c.mention_key))
    return [dict(r._mapping) for r in conn.execute(q)]
