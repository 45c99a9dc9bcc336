"""Article texts and what was found in them, for reading against the evidence (the web app's pages).

The store keeps each article's text (`Document.text`, the string every offset points into) and its
entities beside the document row. An article is addressed by `article_key`: the first 16 hex digits of
its content hash, the prefix its mention keys carry ("<article_key>:<index>").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from rasid.models import Entity
from rasid.store.schema import claims, document_texts, documents, mentions


def entities_json(parts: Iterable[Sequence[Entity]]) -> str:
    """The JSON the `entities` column holds for a document's entities given in parts (a long document's
    segments): the same text as serialising the whole list at once, without its dicts all held at once."""
    pieces = [json.dumps([e.model_dump() for e in part])[1:-1] for part in parts if part]
    return "[" + ", ".join(pieces) + "]"


def save(conn: Connection, document_id: int, text: str, entities: str) -> None:
    """Store (or replace, after re-extraction) one article's text and entities (`entities_json`)."""
    value: Any = sa.bindparam("entities", entities, type_=sa.Text)
    if conn.dialect.name == "postgresql":  # SQLite keeps JSON as text; PostgreSQL's column is of type json
        value = sa.cast(value, document_texts.c.entities.type)
    conn.execute(document_texts.delete().where(document_texts.c.document_id == document_id))
    conn.execute(document_texts.insert().values(document_id=document_id, text=text, entities=value))


def article_key(mention_key: str) -> str:
    return mention_key.split(":", 1)[0]


def _document(conn: Connection, key: str) -> dict[str, Any] | None:
    if not key or len(key) > 64 or any(c not in "0123456789abcdef" for c in key):
        return None
    q = (sa.select(documents, document_texts.c.text, document_texts.c.entities)
         .outerjoin(document_texts, document_texts.c.document_id == documents.c.id)
         # a prefix as a range (hex digits sort below "g"): the unique index answers it on both databases
         .where(documents.c.content_hash >= key, documents.c.content_hash < key + "g")
         .order_by(documents.c.id).limit(1))
    row = conn.execute(q).first()
    return dict(row._mapping) if row is not None else None


def texts(conn: Connection, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
    """article_key -> {doc_id, title, outlet, published, url, text, entities} for the given articles."""
    out: dict[str, dict[str, Any]] = {}
    for key in dict.fromkeys(keys):
        doc = _document(conn, key)
        if doc is not None:
            out[key] = doc
    return out


def article(conn: Connection, key: str) -> dict[str, Any] | None:
    """One article: its fields, text, entities, event mentions (with their resolved event) and claims."""
    doc = _document(conn, key)
    if doc is None:
        return None
    ms = [dict(r._mapping) for r in conn.execute(
        sa.select(mentions).where(mentions.c.document_id == doc["id"]).order_by(mentions.c.idx))]
    cs = [dict(r._mapping) for r in conn.execute(
        sa.select(claims).where(claims.c.document_id == doc["id"]).order_by(claims.c.idx))]
    entities = doc.get("entities") or []
    unresolved = [e for e in entities if e.get("kind") == "place" and e.get("latitude") is None]
    return {
        "article_key": key, "doc_id": doc["doc_id"], "title": doc["title"], "outlet": doc["outlet"],
        "published": doc["published"], "url": doc["url"], "language": doc["language"],
        "extractor_version": doc["extractor_version"], "errors": doc["errors"] or [],
        "text": doc.get("text"), "entities": entities, "mentions": ms, "claims": cs,
        "unresolved_places": unresolved,
    }
