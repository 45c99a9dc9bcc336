"""The store's side of copy detection: sketches, LSH bands, copy links and stories, kept up to date per batch.

`link_copies` runs in the batch's write transaction, after its documents are written and before its events
are resolved: each article gets its shingle hashes and band keys once (articles stored before this
existed get theirs the next time they are read, even when they are unchanged), candidates are the stored
articles sharing a band key (an indexed look-up, so the work per article does not grow with the corpus),
and a verified copy joins the two articles' stories. Stories are the connected groups of copy links;
the key is the smallest member content hash, so any ingest order gives the same stories.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from rasid.resolve import copies as sim
from rasid.store.schema import copy_links, doc_sketches, documents, mentions, sketch_bands

_CHUNK = 500


def _chunks(seq: Sequence[Any], n: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def link_copies(conn: Connection, docs: Iterable[tuple[int, str, str]]) -> set[int]:
    """Sketch the articles `(document pk, content hash, text)` that have no sketch yet, link their copies
    and merge stories. Returns the document pks whose story changed (their events must be re-resolved)."""
    wanted: dict[int, tuple[str, str]] = {}
    for pk, h, text in docs:
        wanted.setdefault(pk, (h, text))
    if not wanted:
        return set()
    have: set[int] = set()
    for part in _chunks(sorted(wanted)):
        have.update(pk for (pk,) in conn.execute(
            sa.select(doc_sketches.c.document_id).where(doc_sketches.c.document_id.in_(part))))
    todo = {pk: v for pk, v in wanted.items() if pk not in have}
    if not todo:
        return set()

    shingles = {pk: sim.shingle_hashes(text) for pk, (_h, text) in todo.items()}
    keys = {pk: sim.band_keys(s) for pk, s in shingles.items()}
    conn.execute(doc_sketches.insert(), [
        {"document_id": pk, "n_shingles": int(shingles[pk].size), "shingles": sim.to_bytes(shingles[pk]),
         "story_key": sim.story_key([h])} for pk, (h, _t) in todo.items()])
    band_rows = [{"band_key": k, "document_id": pk} for pk, ks in keys.items() for k in ks]
    for part in _chunks(band_rows, 2000):
        conn.execute(sketch_bands.insert(), list(part))

    # candidates: every stored article sharing a band key (the batch's own articles included)
    by_key: dict[int, set[int]] = defaultdict(set)
    all_keys = sorted({k for ks in keys.values() for k in ks})
    for part in _chunks(all_keys):
        for k, pk in conn.execute(sa.select(sketch_bands.c.band_key, sketch_bands.c.document_id)
                                  .where(sketch_bands.c.band_key.in_(part))):
            by_key[k].add(pk)
    pairs: set[tuple[int, int]] = set()
    for pk, ks in keys.items():
        for k in ks:
            for other in by_key[k]:
                if other != pk:
                    pairs.add((min(pk, other), max(pk, other)))
    if not pairs:
        return set()
    need = sorted({x for p in pairs for x in p} - set(shingles))
    stored: dict[int, Any] = dict(shingles)
    for part in _chunks(need):
        for pk, blob in conn.execute(sa.select(doc_sketches.c.document_id, doc_sketches.c.shingles)
                                     .where(doc_sketches.c.document_id.in_(part))):
            stored[pk] = sim.from_bytes(blob)
    links: list[dict[str, Any]] = []
    for a, b in sorted(pairs):
        jac, con = sim.similarity(stored[a], stored[b])
        if sim.is_copy(jac, con, (stored[a].size, stored[b].size)):
            links.append({"document_a": a, "document_b": b, "jaccard": round(jac, 4), "containment": round(con, 4)})
    if not links:
        return set()
    conn.execute(copy_links.insert(), links)
    return _merge_stories(conn, [(r["document_a"], r["document_b"]) for r in links])


def _merge_stories(conn: Connection, edges: Sequence[tuple[int, int]]) -> set[int]:
    """Join the stories the new copy links connect; returns the members whose story key changed."""
    ends = sorted({x for e in edges for x in e})
    story_of: dict[int, str] = {}
    for part in _chunks(ends):
        story_of.update(conn.execute(sa.select(doc_sketches.c.document_id, doc_sketches.c.story_key)
                                     .where(doc_sketches.c.document_id.in_(part))).all())
    stories = sorted(set(story_of.values()))
    members: dict[int, tuple[str, str]] = {}  # pk -> (story key, content hash)
    for part in _chunks(stories):
        for pk, key, h in conn.execute(
                sa.select(doc_sketches.c.document_id, doc_sketches.c.story_key, documents.c.content_hash)
                .join(documents, documents.c.id == doc_sketches.c.document_id)
                .where(doc_sketches.c.story_key.in_(part))):
            members[pk] = (key, h)
    parent = {s: s for s in stories}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(story_of[a]), find(story_of[b])
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    hashes: dict[str, list[str]] = defaultdict(list)
    for _pk, (key, h) in members.items():
        hashes[find(key)].append(h)
    changed: list[dict[str, Any]] = []
    for pk, (key, _h) in members.items():
        new_key = sim.story_key(hashes[find(key)])
        if new_key != key:
            changed.append({"pk": pk, "sk": new_key})
    if changed:
        conn.execute(doc_sketches.update().where(doc_sketches.c.document_id == sa.bindparam("pk"))
                     .values(story_key=sa.bindparam("sk")), changed)
    return {c["pk"] for c in changed} | set(ends)


def rebuild_stories(conn: Connection) -> int:
    """Recompute every story from the copy links (after articles were deleted); returns the story count."""
    rows = conn.execute(sa.select(doc_sketches.c.document_id, doc_sketches.c.story_key, documents.c.content_hash)
                        .join(documents, documents.c.id == doc_sketches.c.document_id)).all()
    parent = {pk: pk for pk, _k, _h in rows}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in conn.execute(sa.select(copy_links.c.document_a, copy_links.c.document_b)):
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    hashes: dict[int, list[str]] = defaultdict(list)
    for pk, _k, h in rows:
        hashes[find(pk)].append(h)
    changed = [{"pk": pk, "sk": sim.story_key(hashes[find(pk)])} for pk, k, _h in rows
               if sim.story_key(hashes[find(pk)]) != k]
    if changed:
        conn.execute(doc_sketches.update().where(doc_sketches.c.document_id == sa.bindparam("pk"))
                     .values(story_key=sa.bindparam("sk")), changed)
    return len(hashes)


def mention_keys_of(conn: Connection, document_pks: Iterable[int]) -> list[str]:
    out: list[str] = []
    for part in _chunks(sorted(set(document_pks))):
        out.extend(k for (k,) in conn.execute(sa.select(mentions.c.mention_key)
                                              .where(mentions.c.document_id.in_(part))))
    return out


def stories(conn: Connection, *, min_size: int = 2) -> list[dict[str, Any]]:
    """Stories with at least `min_size` copies: key, copies (doc_id, outlet, published) and their links."""
    big = (sa.select(doc_sketches.c.story_key).group_by(doc_sketches.c.story_key)
           .having(sa.func.count() >= min_size))
    q = (sa.select(doc_sketches.c.story_key, documents.c.id, documents.c.doc_id, documents.c.outlet,
                   documents.c.published)
         .join(documents, documents.c.id == doc_sketches.c.document_id)
         .where(doc_sketches.c.story_key.in_(big))
         .order_by(doc_sketches.c.story_key, documents.c.doc_id))
    out: dict[str, dict[str, Any]] = {}
    story_of: dict[int, str] = {}
    name: dict[int, str] = {}
    for key, pk, doc_id, outlet, published in conn.execute(q):
        out.setdefault(key, {"story": key, "copies": [], "links": []})["copies"].append(
            {"doc_id": doc_id, "outlet": outlet, "published": published})
        story_of[pk], name[pk] = key, doc_id
    for part in _chunks(sorted(story_of)):
        for a, b, jac, con in conn.execute(sa.select(copy_links.c.document_a, copy_links.c.document_b,
                                                     copy_links.c.jaccard, copy_links.c.containment)
                                           .where(copy_links.c.document_a.in_(part))):
            out[story_of[a]]["links"].append({"a": name[a], "b": name.get(b), "jaccard": jac, "containment": con})
    return sorted(out.values(), key=lambda s: (-len(s["copies"]), s["story"]))
