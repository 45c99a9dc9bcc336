"""Analyst review: accept, reject, edit, merge, split and undo, with an audit trail.

Every action is a row of `reviews` (who, when, action, field, before, after), never deleted; undoing one
marks it `undone_at` and adds an "undo" row. Reviews are anchored on the event's mention keys, so they
survive re-ingest, re-extraction and re-resolution: after clustering, `apply_membership` replays the
analysts' merges and splits over the automatic clusters, and `carry` re-points every review to the event
now holding most of its mentions and applies statuses and edits again. A reviewed field is therefore
never overwritten by new sources or a new extractor.

Edits are validated: the type pair must be an ACLED (event type, sub-event type), inter codes 0-8, dates
real days, coordinates on the globe; derived columns (disorder type, interaction, year, region, civilian
targeting) follow. A place, the actors, the type and the date are edited as groups of columns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from rasid.ontology import SUB_EVENT_TYPES, VIOLENT, disorder_type, interaction
from rasid.resolve.events import COUNTRIES, COUNTRY_ISO, cluster_key, norm_name
from rasid.store import db, queries
from rasid.store.schema import mentions, resolved_events, reviews

if TYPE_CHECKING:
    from rasid.store.api import Store

ACTIONS = ("confirm", "reject", "edit", "merge", "split", "undo")
#: Columns edited together, and the inputs an analyst gives for each group (the rest is derived).
GROUPS: dict[str, tuple[str, ...]] = {
    "type": ("event_type", "sub_event_type"),
    "actors": ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2"),
    "place": ("location", "admin1", "admin2", "country", "iso", "latitude", "longitude", "geo_precision"),
    "date": ("event_date", "time_precision"),
    "fatalities": ("fatalities",),
    "notes": ("notes",),
}
_GROUP_OF = {c: g for g, cols in GROUPS.items() for c in cols}
_MAX_TEXT = 500


class ReviewError(ValueError):
    """A review that cannot be applied (unknown event, invalid value): the message is for the analyst."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- validation -----------------------------------------------------------------------------------

def _text(value: Any, name: str, *, required: bool = False, limit: int = _MAX_TEXT) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ReviewError(f"{name} is required")
        return None
    if not isinstance(value, str):
        raise ReviewError(f"{name} must be text")
    value = " ".join(value.split())
    if len(value) > limit:
        raise ReviewError(f"{name} is longer than {limit} characters")
    return value


def _int(value: Any, name: str, lo: int, hi: int, *, required: bool = False) -> int | None:
    if value is None or value == "":
        if required:
            raise ReviewError(f"{name} is required")
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, int) or isinstance(value, bool) else value
    except ValueError:
        raise ReviewError(f"{name} must be a whole number") from None
    if isinstance(number, bool) or not lo <= number <= hi:
        raise ReviewError(f"{name} must be between {lo} and {hi}")
    return number


def _float(value: Any, name: str, lo: float, hi: float) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ReviewError(f"{name} must be a number") from None
    if not math.isfinite(number) or not lo <= number <= hi:
        raise ReviewError(f"{name} must be between {lo:g} and {hi:g}")
    return number


def _civilian(row: Mapping[str, Any]) -> str:
    if row.get("event_type") == "Violence against civilians" or (
        row.get("event_type") in VIOLENT and 7 in (row.get("inter1"), row.get("inter2"))
    ):
        return "Civilian targeting"
    return ""


def changes(field: str, value: Any, current: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """(group, the columns an edit of `field` to `value` sets), validated; derived columns included.

    `field` is a group name with a mapping of that group's inputs (a missing input keeps its current
    value) or one column with its value.
    """
    group = field if field in GROUPS else _GROUP_OF.get(field)
    if group is None:
        raise ReviewError(f"cannot edit field {field!r}")
    if field in GROUPS and GROUPS[field] != (field,):
        if not isinstance(value, Mapping):
            raise ReviewError(f"an edit of {field!r} needs a value for each of {', '.join(GROUPS[field])}")
        unknown = set(value) - set(GROUPS[field])
        if unknown:
            raise ReviewError(f"{', '.join(sorted(unknown))} not part of {field!r}")
        given = dict(value)
    else:
        given = {field: value}
    row = {c: current.get(c) for c in GROUPS[group]}
    row.update(given)
    out: dict[str, Any] = {}
    if group == "type":
        et = _text(row["event_type"], "event type", required=True)
        st = _text(row["sub_event_type"], "sub-event type", required=True)
        assert et is not None and st is not None
        subs = {str(t): [str(x) for x in xs] for t, xs in SUB_EVENT_TYPES.items()}
        if et not in subs:
            raise ReviewError(f"unknown event type {et!r}")
        if st not in subs[et]:
            raise ReviewError(f"{st!r} is not a sub-event type of {et!r}")
        out = {"event_type": str(et), "sub_event_type": str(st), "disorder_type": disorder_type(et, st)}
        out["civilian_targeting"] = _civilian({**current, **out})
    elif group == "actors":
        out = {
            "actor1": _text(row["actor1"], "actor 1", required=True), "assoc_actor_1": _text(row["assoc_actor_1"], "associated actor 1"),
            "inter1": _int(row["inter1"], "inter 1", 0, 8), "actor2": _text(row["actor2"], "actor 2"),
            "assoc_actor_2": _text(row["assoc_actor_2"], "associated actor 2"),
            "inter2": _int(row["inter2"], "inter 2", 0, 8),
        }
        if out["actor2"] is None:
            out["inter2"] = None
        out["interaction"] = interaction(out["inter1"], out["inter2"])
        out["civilian_targeting"] = _civilian({**current, **out})
    elif group == "place":
        lat = _float(row["latitude"], "latitude", -90, 90)
        lon = _float(row["longitude"], "longitude", -180, 180)
        if (lat is None) != (lon is None):
            raise ReviewError("give both latitude and longitude, or neither")
        country = _text(row["country"], "country")
        iso = _int(row["iso"], "ISO code", 1, 999)
        if iso is None and country:
            iso = COUNTRY_ISO.get(norm_name(country))
        out = {
            "location": _text(row["location"], "location", required=True), "admin1": _text(row["admin1"], "admin1"),
            "admin2": _text(row["admin2"], "admin2"), "country": country, "iso": iso,
            "region": COUNTRIES.get(iso or -1, ("", current.get("region") or ""))[1] or None,
            "latitude": lat, "longitude": lon,
            "geo_precision": _int(row["geo_precision"], "geo precision", 1, 3) if lat is not None else None,
        }
    elif group == "date":
        day = _text(row["event_date"], "event date")
        if day is not None:
            try:
                parsed = date.fromisoformat(day)
            except ValueError:
                raise ReviewError(f"event date must be YYYY-MM-DD, not {day!r}") from None
            day = parsed.isoformat()
        out = {"event_date": day, "year": int(day[:4]) if day else None,
               "time_precision": _int(row["time_precision"], "time precision", 1, 3) if day else None}
        if day and out["time_precision"] is None:
            out["time_precision"] = 1
    elif group == "fatalities":
        out = {"fatalities": _int(row["fatalities"], "fatalities", 0, 1_000_000, required=True)}
    else:
        out = {"notes": _text(row["notes"], "notes", limit=4000) or ""}
    return group, out


# --- actions --------------------------------------------------------------------------------------

def _members(conn: Connection, key: str) -> list[str]:
    return [k for (k,) in conn.execute(sa.select(mentions.c.mention_key).where(mentions.c.cluster_key == key)
                                       .order_by(mentions.c.mention_key))]


def _clusters_of(conn: Connection, mention_keys: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for part in queries._chunks(list(mention_keys)):
        out.update(k for (k,) in conn.execute(
            sa.select(mentions.c.cluster_key).where(mentions.c.mention_key.in_(part))) if k)
    return out


def _insert(conn: Connection, **values: Any) -> int:
    values.setdefault("created_at", _now())
    return int(conn.execute(reviews.insert().values(**values).returning(reviews.c.id)).scalar_one())


def record(store: Store, event_id: str, action: str, *, reviewer: str | None = None, note: str | None = None,
           field: str | None = None, value: Any = None, other: str | None = None,
           mention: str | None = None) -> dict[str, Any]:
    """Apply one analyst action in one write transaction; returns {review_id, event_id} (the event's id after
    the action: a merge or split can give the event another key)."""
    if action not in ACTIONS or action == "undo":
        raise ReviewError(f"unknown review action {action!r}")
    note = _text(note, "note", limit=2000)

    def run(conn: Connection) -> dict[str, Any]:
        key = queries.find_key(conn, event_id)
        if key is None:
            raise ReviewError(f"no event {event_id!r}")
        ev = dict(conn.execute(sa.select(resolved_events).where(resolved_events.c.event_key == key)).one()._mapping)
        members = _members(conn, key)
        base = {"event_key": key, "mention_keys": members, "action": action, "reviewer": reviewer, "note": note}
        if action in ("confirm", "reject"):
            status = "confirmed" if action == "confirm" else "rejected"
            rid = _insert(conn, **base, old_value=ev["status"], new_value=status)
            conn.execute(resolved_events.update().where(resolved_events.c.event_key == key).values(status=status))
            return {"review_id": rid, "event_id": key}
        if action == "edit":
            if field is None:
                raise ReviewError("an edit needs a field")
            group, new = changes(field, value, ev)
            old = {c: ev[c] for c in new}
            if old == new:
                raise ReviewError("nothing changed")
            if len(new) > 1:
                rid = _insert(conn, **base, field=group, old_value=old, new_value=new)
            else:  # one column: the scalar form
                (column,) = new
                rid = _insert(conn, **base, field=column, old_value=old[column], new_value=new[column])
            conn.execute(resolved_events.update().where(resolved_events.c.event_key == key)
                         .values(**new, status="edited"))
            return {"review_id": rid, "event_id": key}
        if action == "merge":
            other_key = queries.find_key(conn, other or "")
            if other_key is None:
                raise ReviewError(f"no event {other!r} to merge with")
            if other_key == key:
                raise ReviewError("an event cannot be merged with itself")
            both = sorted(set(members) | set(_members(conn, other_key)))
            rid = _insert(conn, **{**base, "mention_keys": both}, new_value={"events": [key, other_key]})
            store._resolve(conn, [], {key, other_key})
            return {"review_id": rid, "event_id": cluster_key(both)}
        # split
        if mention not in members:
            raise ReviewError(f"mention {mention!r} is not part of event {key}")
        if len(members) < 2:
            raise ReviewError("a single-mention event cannot be split")
        assert mention is not None
        rid = _insert(conn, **{**base, "mention_keys": [mention]},
                      new_value={"mention": mention, "from_members": members})
        store._resolve(conn, [], {key})
        return {"review_id": rid, "event_id": cluster_key([mention])}

    return db.write(store.engine, run)


def undo(store: Store, review_id: int, *, reviewer: str | None = None) -> dict[str, Any]:
    """Undo one review: it is marked undone, an "undo" row is added, and the events it touched are
    re-resolved from their mentions with the remaining reviews (so the effect disappears, nothing else)."""

    def run(conn: Connection) -> dict[str, Any]:
        row = conn.execute(sa.select(reviews).where(reviews.c.id == review_id)).first()
        if row is None:
            raise ReviewError(f"no review {review_id}")
        rv = dict(row._mapping)
        if rv["action"] == "undo":
            raise ReviewError("an undo cannot be undone; repeat the action instead")
        if rv["undone_at"]:
            raise ReviewError(f"review {review_id} is already undone")
        now = _now()
        conn.execute(reviews.update().where(reviews.c.id == review_id).values(undone_at=now, undone_by=reviewer))
        anchors = list(rv["mention_keys"] or [])
        if rv["action"] == "split":
            anchors += list((rv["new_value"] or {}).get("from_members") or [])
        dirty = _clusters_of(conn, anchors) | {rv["event_key"]}
        rid = _insert(conn, event_key=rv["event_key"], mention_keys=rv["mention_keys"], action="undo",
                      field=rv["field"], old_value=rv["new_value"], new_value={"review": review_id},
                      reviewer=reviewer, created_at=now)
        store._resolve(conn, [], dirty)
        now_in = _clusters_of(conn, rv["mention_keys"] or [])
        current = min(now_in) if now_in else rv["event_key"]
        return {"review_id": rid, "event_id": current}

    return db.write(store.engine, run)


# --- replay after (re-)resolution -------------------------------------------------------------------

def apply_membership(clusters: list[dict[str, Any]], old_reviews: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The analysts' merges and splits replayed, in the order they were made, over automatic clusters
    ({key, members, links}); keys follow the new memberships (`cluster_key`)."""
    ops = [r for r in sorted(old_reviews, key=lambda r: r["id"])
           if r["action"] in ("merge", "split") and not r.get("undone_at")]
    if not ops:
        return clusters
    groups = [{"members": list(c["members"]), "links": list(c["links"])} for c in clusters]
    where = {m["mention_key"]: i for i, g in enumerate(groups) for m in g["members"]}
    for rv in ops:
        if rv["action"] == "merge":
            idx = sorted({where[k] for k in rv["mention_keys"] or [] if k in where})
            if len(idx) < 2:
                continue
            target = groups[idx[0]]
            for i in idx[1:]:
                a = target["members"][0]["mention_key"]
                b = groups[i]["members"][0]["mention_key"]
                target["members"].extend(groups[i]["members"])
                target["links"].extend(groups[i]["links"])
                target["links"].append((a, b, {"rule": "merged by an analyst", "review": rv["id"],
                                               "reviewer": rv.get("reviewer")}))
                for m in groups[i]["members"]:
                    where[m["mention_key"]] = idx[0]
                groups[i] = {"members": [], "links": []}
        else:
            mk = (rv.get("new_value") or {}).get("mention")
            at = where.get(mk) if mk else None
            if at is None or len(groups[at]["members"]) < 2:
                continue
            g = groups[at]
            moved = [m for m in g["members"] if m["mention_key"] == mk]
            g["members"] = [m for m in g["members"] if m["mention_key"] != mk]
            g["links"] = [lk for lk in g["links"] if mk not in (lk[0], lk[1])]
            where[mk] = len(groups)
            groups.append({"members": moved, "links": []})
    out = [{"key": cluster_key(m["mention_key"] for m in g["members"]), "members": g["members"],
            "links": g["links"]} for g in groups if g["members"]]
    out.sort(key=lambda c: str(c["key"]))
    return out


def carry(conn: Connection, rows: list[dict[str, Any]], old_reviews: Sequence[Mapping[str, Any]],
          member_of: Mapping[str, str]) -> None:
    """Analyst decisions survive re-resolution: each review follows its mentions to the event that now
    holds most of them (its `event_key` is re-pointed), then statuses and edits are applied again."""
    by_key = {r["event_key"]: r for r in rows}
    moved = []
    for rv in sorted(old_reviews, key=lambda r: r["id"]):
        counts: dict[str, int] = {}
        for mk in rv["mention_keys"] or []:
            if mk in member_of:
                counts[member_of[mk]] = counts.get(member_of[mk], 0) + 1
        target = min(counts, key=lambda k: (-counts[k], k)) if counts else rv["event_key"]
        if target != rv["event_key"]:
            moved.append({"rid": rv["id"], "ek": target})
        row = by_key.get(target)
        if row is None or rv.get("undone_at"):
            continue
        if rv["action"] == "confirm":
            row["status"] = "confirmed"
        elif rv["action"] == "reject":
            row["status"] = "rejected"
        elif rv["action"] == "edit":
            if isinstance(rv["new_value"], Mapping) and rv["field"] in GROUPS:
                row.update({k: v for k, v in rv["new_value"].items() if k in row})
                row["status"] = "edited"
            elif rv["field"] in row:
                row[rv["field"]] = rv["new_value"]
                row["status"] = "edited"
    if moved:
        conn.execute(reviews.update().where(reviews.c.id == sa.bindparam("rid"))
                     .values(event_key=sa.bindparam("ek")), moved)


def retire_orphans(conn: Connection, event_keys: Iterable[str], why: str) -> int:
    """Reviews left with nothing to apply to, because the article text their mentions were found in was
    replaced (re-ingest of an edited file) or left the store: their event is gone and none of their
    mentions is stored any more. They stay in the audit trail, marked undone by `why`, so that no later
    event inherits a decision made on text that no longer exists. Returns how many."""
    keys = sorted(set(event_keys))
    candidates: list[Any] = []
    live: set[str] = set()
    for part in queries._chunks(keys):
        candidates.extend(conn.execute(
            sa.select(reviews.c.id, reviews.c.event_key, reviews.c.mention_keys)
            .where(reviews.c.event_key.in_(part), reviews.c.undone_at.is_(None), reviews.c.action != "undo")))
        live.update(conn.execute(sa.select(resolved_events.c.event_key)
                                 .where(resolved_events.c.event_key.in_(part))).scalars())
    candidates = [r for r in candidates if r.event_key not in live]
    wanted = sorted({k for r in candidates for k in r.mention_keys or []})
    stored: set[str] = set()
    for part in queries._chunks(wanted):
        stored.update(conn.execute(sa.select(mentions.c.mention_key).where(mentions.c.mention_key.in_(part)))
                      .scalars())
    orphans = [r.id for r in candidates if not any(k in stored for k in r.mention_keys or [])]
    for part in queries._chunks(orphans):
        conn.execute(reviews.update().where(reviews.c.id.in_(part)).values(undone_at=_now(), undone_by=why))
    return len(orphans)


# --- reading ------------------------------------------------------------------------------------------

_COLUMNS = (reviews.c.id, reviews.c.event_key, reviews.c.action, reviews.c.field, reviews.c.old_value,
            reviews.c.new_value, reviews.c.reviewer, reviews.c.note, reviews.c.created_at, reviews.c.undone_at,
            reviews.c.undone_by)


def history(conn: Connection, event_key: str) -> list[dict[str, Any]]:
    """The audit trail of one event, oldest first (undo rows included)."""
    q = sa.select(*_COLUMNS).where(reviews.c.event_key == event_key).order_by(reviews.c.id)
    return [dict(r._mapping) for r in conn.execute(q)]


def recent(conn: Connection, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """The whole audit trail, newest first."""
    q = sa.select(*_COLUMNS).order_by(reviews.c.id.desc()).limit(limit).offset(offset)
    return [dict(r._mapping) for r in conn.execute(q)]
