"""Analysts' reviews as gold annotations (docs/annotation.md's format), for `rasid eval` and training.

An article goes out when every event found in it has been judged (accepted, edited or rejected): its
accepted and edited events become gold events with the reviewed values, rejected ones are left out (the
analyst said they are not events), so the record is the whole truth about the article. `complete=False`
also exports articles with unjudged events, which then count as missing from the gold. Fatalities are
the article's own figure unless an analyst edited them; the evidence is the mention's spans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from rasid.store.schema import document_texts, documents, mentions, resolved_events, reviews

ACCEPTED = ("confirmed", "edited")
JUDGED = ("confirmed", "edited", "rejected")
_EVENT_FIELDS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
                 "assoc_actor_2", "location", "admin1", "latitude", "longitude", "geo_precision")


def reviewed_records(conn: Connection, *, complete: bool = True) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(gold record, corpus line) per exported article, by document id."""
    ev = {r.event_key: dict(r._mapping) for r in conn.execute(
        sa.select(resolved_events).where(resolved_events.c.status.in_(JUDGED)))}
    if not ev:
        return
    edited_fatalities = {k for (k,) in conn.execute(
        sa.select(reviews.c.event_key).where(reviews.c.action == "edit", reviews.c.field == "fatalities",
                                             reviews.c.undone_at.is_(None)))}
    who: dict[str, set[str]] = defaultdict(set)
    for key, name in conn.execute(sa.select(reviews.c.event_key, reviews.c.reviewer).where(reviews.c.undone_at.is_(None))):
        if name:
            who[key].add(name)
    touched = sa.select(mentions.c.document_id).where(mentions.c.cluster_key.in_(list(ev))).distinct()
    by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(sa.select(mentions).where(mentions.c.document_id.in_(touched)).order_by(mentions.c.idx)):
        by_doc[r.document_id].append(dict(r._mapping))
    docs = {r.id: dict(r._mapping) for r in conn.execute(
        sa.select(documents, document_texts.c.text).outerjoin(document_texts, document_texts.c.document_id == documents.c.id)
        .where(documents.c.id.in_(list(by_doc))))}
    for doc_pk in sorted(by_doc, key=lambda k: docs[k]["doc_id"]):
        ms = by_doc[doc_pk]
        if complete and any(m["cluster_key"] not in ev for m in ms):
            continue
        doc = docs[doc_pk]
        events, names = [], set()
        for m in ms:
            row = ev.get(m["cluster_key"])
            if row is None or row["status"] not in ACCEPTED:
                continue
            names |= who.get(m["cluster_key"], set())
            item = {k: row[k] for k in _EVENT_FIELDS}
            item["fatalities"] = row["fatalities"] if m["cluster_key"] in edited_fatalities else m["fatalities"]
            item["modality"] = m["modality"]
            item["evidence"] = [[e["start"], e["end"]] for e in (m["evidence"] or [])]
            events.append(item)
        record = {"doc_id": doc["doc_id"], "annotator": ", ".join(sorted(names)) or "rasid review",
                  "checked": True, "published": doc["published"],
                  "note": "Exported from analyst review in rasid (accepted and edited events; rejected ones left out).",
                  "events": events, "places": [], "claims": []}
        corpus = {"id": doc["doc_id"], "text": doc["text"], "title": doc["title"], "outlet": doc["outlet"],
                  "published": doc["published"], "url": doc["url"]}
        yield record, corpus
