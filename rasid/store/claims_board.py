"""The claims board's query: claim rows with what grouping needs (`rasid.resolve.claims.group_claims`).

Each claim row gets its article (doc_id, outlet, published, content hash), its story (copies of one
story share it; articles stored before copies were detected are their own story), the earliest
publication date among its copies, the event it is tied to (resolved event key and date, type, place,
actors) and the article's context: the governorate most of its events are in, the actors of its events
and the latest date among its own (not background, not planned) events.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from rasid.resolve.claims import subject_key
from rasid.store.schema import claims, doc_sketches, documents, mentions, resolved_events

_OWN_PERIOD = ("asserted", "claimed", "denied")


def claim_rows(conn: Connection, subject: str | None = None) -> list[dict[str, Any]]:
    m = mentions.alias("m")
    ev = resolved_events.alias("ev")
    q = (sa.select(claims, documents.c.doc_id, documents.c.outlet, documents.c.published, documents.c.content_hash,
                   doc_sketches.c.story_key.label("story"),
                   m.c.cluster_key.label("event_key"), m.c.location.label("event_location"),
                   m.c.admin1.label("event_admin1"), m.c.event_type.label("event_type"),
                   m.c.sub_event_type.label("sub_event_type"),
                   m.c.actor1.label("event_actor1"), m.c.actor2.label("event_actor2"),
                   m.c.event_date.label("mention_date"), ev.c.event_date.label("resolved_date"))
         .join(documents, documents.c.id == claims.c.document_id)
         .outerjoin(doc_sketches, doc_sketches.c.document_id == claims.c.document_id)
         .outerjoin(m, sa.and_(m.c.document_id == claims.c.document_id, m.c.idx == claims.c.event_index))
         .outerjoin(ev, ev.c.event_key == m.c.cluster_key))
    if subject:
        q = q.where(claims.c.subject_key.like(f"%{subject_key(subject)}%"))
    rows = [dict(r._mapping) for r in conn.execute(q)]
    if not rows:
        return rows

    # the articles' own context, from all their mentions
    with_claims = sa.select(claims.c.document_id).distinct().scalar_subquery()
    admin1_counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    actors: dict[int, set[str]] = defaultdict(set)
    latest: dict[int, str] = {}
    for doc_pk, admin1, a1, a2, day, modality in conn.execute(
            sa.select(mentions.c.document_id, mentions.c.admin1, mentions.c.actor1, mentions.c.actor2,
                      mentions.c.event_date, mentions.c.modality)
            .where(mentions.c.document_id.in_(with_claims))):
        if admin1:
            admin1_counts[doc_pk][admin1] += 1
        actors[doc_pk].update(a for a in (a1, a2) if a)
        if day and modality in _OWN_PERIOD and day > latest.get(doc_pk, ""):
            latest[doc_pk] = day
    main_admin1 = {pk: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for pk, c in admin1_counts.items()}

    story_published = dict(conn.execute(
        sa.select(doc_sketches.c.story_key, sa.func.min(documents.c.published))
        .join(documents, documents.c.id == doc_sketches.c.document_id)
        .where(documents.c.published.is_not(None)).group_by(doc_sketches.c.story_key)).all())

    for r in rows:
        pk = r["document_id"]
        r["story"] = r["story"] or f"doc:{r['doc_id']}"
        r["story_published"] = story_published.get(r["story"])
        resolved, mentioned = r.pop("resolved_date"), r.pop("mention_date")
        r["event_date"] = resolved or mentioned
        r["event_actors"] = [a for a in (r.pop("event_actor1"), r.pop("event_actor2")) if a]
        r["doc_admin1"] = main_admin1.get(pk)
        r["doc_actors"] = sorted(actors.get(pk, ()))
        r["doc_date"] = latest.get(pk)
    return rows
