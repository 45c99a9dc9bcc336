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
    day_of: dict[int, int] = {}
    for part in _chunks(sorted(todo)):
        for pk, when in conn.execute(sa.select(documents.c.id, documents.c.published)
                                     .where(documents.c.id.in_(part))):
            day_of[pk] = sim.day_number(when) or 0
    conn.execute(doc_sketches.insert(), [
        {"document_id": pk, "n_shingles": int(shingles[pk].size), "shingles": sim.to_bytes(shingles[pk]),
         "story_key": sim.story_key([h])} for pk, (h, _t) in todo.items()])
    band_rows = [{"band_key": k, "day": day_of[pk], "document_id": pk} for pk, ks in keys.items() for k in ks]
    for part in _chunks(band_rows, 2000):
        conn.execute(sketch_bands.insert(), list(part))

    # candidates: stored articles sharing a band key (the batch's own included), published within the copy
    # window or undated, the ones sharing most bands first
    by_day: dict[int, list[int]] = defaultdict(list)
    for pk in keys:
        by_day[day_of[pk]].append(pk)
    pairs: set[tuple[int, int]] = set()
    band = sketch_bands.c
    for day, pks in sorted(by_day.items()):
        by_key: dict[int, list[int]] = defaultdict(list)
        wanted_keys = sorted({k for pk in pks for k in keys[pk]})
        for part in _chunks(wanted_keys):
            q = sa.select(band.band_key, band.document_id).where(band.band_key.in_(part))
            if day:
                q = q.where(sa.or_(band.day.between(day - sim.MAX_COPY_DAYS, day + sim.MAX_COPY_DAYS),
                                   band.day == 0))
            for k, other in conn.execute(q):
                by_key[k].append(other)
        for pk in pks:
            shared: dict[int, int] = defaultdict(int)
            for k in keys[pk]:
                for other in by_key[k]:
                    if other != pk:
                        shared[other] += 1
            best = sorted(shared, key=lambda o: (-shared[o], o))[:sim.MAX_CANDIDATES]
            pairs.update((min(pk, o), max(pk, o)) for o in best)
    if not pairs:
        return set()
    involved = sorted({x for p in pairs for x in p})
    stored: dict[int, Any] = dict(shingles)
    published: dict[int, str | None] = {}
    for part in _chunks(involved):
        for pk, blob, day in conn.execute(
                sa.select(doc_sketches.c.document_id, doc_sketches.c.shingles, documents.c.published)
                .join(documents, documents.c.id == doc_sketches.c.document_id)
                .where(doc_sketches.c.document_id.in_(part))):
            published[pk] = day
            if pk not in stored:
                stored[pk] = sim.from_bytes(blob)
    links: list[dict[str, Any]] = []
    for a, b in sorted(pairs):
        jac, con = sim.similarity(stored[a], stored[b])
        if sim.is_copy(jac, con, (stored[a].size, stored[b].size), (published.get(a), published.get(b))):
            links.append({"document_a": a, "document_b": b, "jaccard": round(jac, 4), "containment": round(con, 4)})
    if not links:
        return set()
    conn.execute(copy_links.insert(), links)
    return _merge_stories(conn, [(r["document_a"], r["document_b"], r["jaccard"]) for r in links])


def _members(conn: Connection, where: Any) -> dict[int, tuple[str, str, str | None]]:
    """pk -> (story key, content hash, published) of the sketched articles matching `where`."""
    q = (sa.select(doc_sketches.c.document_id, doc_sketches.c.story_key, documents.c.content_hash,
                   documents.c.published)
         .join(documents, documents.c.id == doc_sketches.c.document_id))
    if where is not None:
        q = q.where(where)
    return {pk: (key, h, day) for pk, key, h, day in conn.execute(q)}


def _save(conn: Connection, members: dict[int, tuple[str, str, str | None]], keys: dict[int, str]) -> set[int]:
    changed = {pk for pk, (key, _h, _d) in members.items() if keys[pk] != key}
    if changed:
        conn.execute(doc_sketches.update().where(doc_sketches.c.document_id == sa.bindparam("pk"))
                     .values(story_key=sa.bindparam("sk")), [{"pk": pk, "sk": keys[pk]} for pk in sorted(changed)])
    return changed


def _merge_stories(conn: Connection, links: Sequence[tuple[int, int, float]]) -> set[int]:
    """Join the stories the new copy links connect; returns the articles whose story changed (the linked
    articles included: their events must be resolved again)."""
    ends = sorted({a for a, _b, _j in links} | {b for _a, b, _j in links})
    stories: set[str] = set()
    for part in _chunks(ends):
        stories.update(v[0] for v in _members(conn, doc_sketches.c.document_id.in_(part)).values())
    members: dict[int, tuple[str, str, str | None]] = {}
    for spart in _chunks(sorted(stories)):
        members.update(_members(conn, doc_sketches.c.story_key.in_(spart)))
    keys = sim.join_stories({pk: v[0] for pk, v in members.items()},
                            {pk: (v[1], v[2]) for pk, v in members.items()}, links)
    return _save(conn, members, keys) | set(ends)


def forget(conn: Connection, document_pks: Iterable[int]) -> set[int]:
    """Drop the sketches, band keys and copy links of articles whose text or date changed (or that leave
    the store) and split the stories they held together; `link_copies` sketches the new versions again.
    Returns the other articles whose story changed (their events must be re-resolved)."""
    pks = sorted(set(document_pks))
    if not pks:
        return set()
    stories: set[str] = set()
    for part in _chunks(pks):
        stories.update(v[0] for v in _members(conn, doc_sketches.c.document_id.in_(part)).values())
        conn.execute(copy_links.delete().where(sa.or_(copy_links.c.document_a.in_(part),
                                                      copy_links.c.document_b.in_(part))))
        conn.execute(sketch_bands.delete().where(sketch_bands.c.document_id.in_(part)))
        conn.execute(doc_sketches.delete().where(doc_sketches.c.document_id.in_(part)))
    members: dict[int, tuple[str, str, str | None]] = {}
    for spart in _chunks(sorted(stories)):
        members.update(_members(conn, doc_sketches.c.story_key.in_(spart)))
    if not members:
        return set()
    links: list[tuple[int, int, float]] = []
    for part in _chunks(sorted(members)):
        links.extend((a, b, j) for a, b, j in conn.execute(
            sa.select(copy_links.c.document_a, copy_links.c.document_b, copy_links.c.jaccard)
            .where(copy_links.c.document_a.in_(part))) if b in members)
    keys = sim.join_stories({pk: str(pk) for pk in members}, {pk: (v[1], v[2]) for pk, v in members.items()},
                            links)
    return _save(conn, members, keys)


def rebuild_stories(conn: Connection) -> int:
    """Recompute every story from the copy links (after articles were deleted); returns the story count."""
    members = _members(conn, None)
    links = [(a, b, j) for a, b, j in conn.execute(
        sa.select(copy_links.c.document_a, copy_links.c.document_b, copy_links.c.jaccard))
        if a in members and b in members]
    keys = sim.join_stories({pk: str(pk) for pk in members}, {pk: (v[1], v[2]) for pk, v in members.items()},
                            links)
    _save(conn, members, keys)
    return len(set(keys.values()))


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
