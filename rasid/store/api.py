"""`Store`: the library API over the corpus database (CLI, web app and batch jobs all go through it).

    from rasid.store import Store, EventFilter
    with Store("sqlite:///corpus.db") as store:
        summary = store.ingest(read_paths(["articles/"]), workers=4)
        events = store.events(EventFilter(date_from="2018-07-01", admin1="As-Suwayda"))
        why = store.explain(events[0]["event_id"])
        board = store.claim_groups()

Batch jobs that extract elsewhere call `store.add_results([(doc, result), ...])`; the web app adds
analyst decisions with `store.review(...)`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from rasid.ingest.readers import ReadFailure
from rasid.models import REPORTABLE, DocResult, Document, Entity, ResolvedEvent
from rasid.resolve import claims as claims_mod
from rasid.resolve import events as resolution
from rasid.run.base import Outcome, deferred_interrupt, visible
from rasid.run.segments import PackedResult, head_of, parts_of
from rasid.store import articles, db, queries, review
from rasid.store import copies as copy_store
from rasid.store import places as store_places
from rasid.store.identity import identity_of, input_hash
from rasid.store.queries import EventFilter
from rasid.store.schema import (
    claims,
    doc_sketches,
    document_versions,
    documents,
    mentions,
    merge_links,
    resolved_events,
    reviews,
)
from rasid.text.normalize import normalize

if TYPE_CHECKING:
    from rasid.run import Progress, Runner

CHUNK = 500


#: `content_hash` reads a long text in pieces of about this many characters (cut at whitespace).
HASH_PIECE = 1 << 20


def content_hash(text: str) -> str:
    """sha256 of the normalised text with whitespace collapsed (the article's identity in the store).

    Same value as `sha256(" ".join(normalize(text).split()))`, computed piece by piece: normalising is
    character by character and the pieces are cut at whitespace, so a 50 MB text costs no extra copy."""
    h = hashlib.sha256()
    first = True
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + HASH_PIECE)
        while end < n and not text[end].isspace():
            end += 1
        words = normalize(text[start:end]).split()
        if words:
            h.update(((" " if not first else "") + " ".join(words)).encode("utf-8"))
            first = False
        start = end
    return h.hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _chunks(seq: Sequence[Any], n: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


@dataclass
class IngestSummary:
    new: int = 0
    updated: int = 0  # a stored version replaced: new text, new metadata, newer extractor, --force
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, reason)
    mentions: int = 0
    seconds: float = 0.0
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, what changed)

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + len(self.failed)

    def add(self, other: IngestSummary) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.failed.extend(other.failed)
        self.mentions += other.mentions
        self.replaced.extend(other.replaced)

    def as_dict(self) -> dict[str, Any]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "failed": [{"doc_id": d, "reason": r} for d, r in self.failed],
                "replaced": [{"doc_id": d, "reason": r} for d, r in self.replaced],
                "mentions": self.mentions, "seconds": round(self.seconds, 3)}


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C during an ingest: `summary` is what the batches committed before it hold."""

    def __init__(self, summary: IngestSummary) -> None:
        super().__init__("interrupted")
        self.summary = summary


class IngestStopped(Exception):
    """The database failed for good during an ingest (disk full, gone for longer than the reconnect
    timeout): `reason` says why, `summary` is what the batches committed before it hold."""

    def __init__(self, summary: IngestSummary, reason: str) -> None:
        super().__init__(reason)
        self.summary = summary
        self.reason = reason


@dataclass(slots=True)
class _Item:
    """What the store keeps of an extracted document until its batch is written."""

    doc: Document  # metadata only: the text is dropped once hashed
    hash: str
    n_chars: int
    result: DocResult | PackedResult | None  # None: skipped before extraction (already stored)
    identity: str
    input_hash: str
    text: str = ""  # kept (one batch at a time) for the article texts the web app shows; "" when skipped

    @classmethod
    def of(cls, doc: Document, result: DocResult | PackedResult | None) -> _Item:
        h = content_hash(doc.text)
        return cls(doc.model_copy(update={"text": ""}), h, len(doc.text), result, identity_of(doc),
                   input_hash(doc, h), doc.text if result is not None else "")


#: Columns of a stored document that decide what a new input does to it.
_STATE_COLUMNS = ("id", "identity", "content_hash", "input_hash", "extractor_version", "doc_id", "title",
                  "outlet", "published", "url", "source_path", "ingested_at")


@dataclass(slots=True)
class _Stored:
    """The stored documents that a set of inputs may touch: by identity and by content hash."""

    by_identity: dict[str, list[dict[str, Any]]]
    by_hash: dict[str, dict[str, Any]]

    @classmethod
    def load(cls, conn: Connection, identities: Sequence[str], hashes: Sequence[str]) -> _Stored:
        cols = [documents.c[c] for c in _STATE_COLUMNS]
        found: dict[int, dict[str, Any]] = {}
        for column, keys in ((documents.c.identity, identities), (documents.c.content_hash, hashes)):
            for part in _chunks(sorted(set(keys))):
                for r in conn.execute(sa.select(*cols).where(column.in_(part))):
                    found[r.id] = dict(r._mapping)
        out = cls({}, {})
        for row in sorted(found.values(), key=lambda r: r["id"]):
            out.add(row)
        return out

    def add(self, row: dict[str, Any]) -> None:
        if row["identity"]:
            self.by_identity.setdefault(row["identity"], []).append(row)
        self.by_hash[row["content_hash"]] = row

    def remove(self, row: dict[str, Any]) -> None:
        rows = self.by_identity.get(row["identity"], [])
        if row in rows:
            rows.remove(row)
        if self.by_hash.get(row["content_hash"]) is row:
            del self.by_hash[row["content_hash"]]

    def verdict(self, it: _Item, version: str, force: bool) -> str:
        """'unchanged' (stored as given), 'duplicate' (this text is stored under another identity) or
        'extract' (new, or a new version of a stored document)."""
        same = self.by_hash.get(it.hash)
        if same is not None and same["identity"] != it.identity:
            return "duplicate"
        if force or same is None or same["extractor_version"] != version or not _same_input(same, it):
            return "extract"
        return "unchanged"


def _same_input(row: dict[str, Any], it: _Item) -> bool:
    if row["input_hash"] is not None:
        return bool(row["input_hash"] == it.input_hash)
    d = it.doc  # stored before input hashes existed: compare the metadata the input gives
    return all(given is None or given == row[f] for f, given in
               (("published", d.published), ("outlet", d.outlet), ("url", d.url)))


def _what_changed(old: dict[str, Any], new: dict[str, Any], force: bool) -> str:
    if old["content_hash"] != new["content_hash"]:
        return "content changed"
    changes = [f"{f}: {old[f] or 'none'} -> {new[f] or 'none'}" for f in ("published", "outlet", "url", "title",
                                                                           "doc_id") if old[f] != new[f]]
    if old["extractor_version"] != new["extractor_version"]:
        changes.append(f"re-extracted: extractor {old['extractor_version']} -> {new['extractor_version']}")
    return "; ".join(changes) or ("forced re-extraction" if force else "metadata given again")


def _version(extractor_version: str | None) -> str:
    from rasid.pipeline import EXTRACTOR_VERSION

    return extractor_version or EXTRACTOR_VERSION


class Store:
    def __init__(self, url: str, *, migrate: bool = True, lock_timeout: float = db.LOCK_TIMEOUT) -> None:
        """`lock_timeout`: how long a write waits for another writer (seconds) before `LockTimeout`."""
        self.url = url
        self.engine = db.make_engine(url, lock_timeout=lock_timeout)
        if migrate:
            db.migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- ingest ---------------------------------------------------------------------------------

    def ingest(
        self,
        items: Iterable[Document | ReadFailure],
        *,
        runner: Runner | None = None,
        workers: int = 1,
        batch_size: int = 32,
        progress: Progress | None = None,
        extractor_version: str | None = None,
        resolve: bool = True,
        force: bool = False,
    ) -> IngestSummary:
        """Extract and store articles; one transaction per batch. A document (its file path, or its doc_id)
        keeps one current version: new text or metadata replaces the stored one, and its events leave
        resolution; documents stored as given are skipped before extraction (`force` re-extracts them).
        Extraction is the `runner`'s (default: a `LocalRunner` with `workers` processes for this call);
        start a runner before opening the store to share it between calls."""
        from rasid.run import LocalRunner

        version = _version(extractor_version)
        local = LocalRunner(workers) if runner is None else None
        try:
            source = runner or local
            assert source is not None
            outcomes = source.process_many(  # long documents packed: written out segment by segment
                items, select=lambda docs: self.needs_extraction(docs, version, force=force), progress=progress,
                pack=True)
            return self.write_outcomes(outcomes, batch_size=batch_size, extractor_version=version,
                                       resolve=resolve, force=force)
        finally:
            if local is not None:
                local.close()

    def needs_extraction(self, docs: Sequence[Document], extractor_version: str | None = None, *,
                         force: bool = False) -> list[bool]:
        """For each document: False when the store holds it as given (same text and metadata, this
        extractor version) or holds its text under another identity."""
        if force:
            return [True] * len(docs)
        version = _version(extractor_version)
        items = [_Item.of(d, None) for d in docs]

        def read() -> _Stored:
            with self.engine.connect() as conn:
                return _Stored.load(conn, [it.identity for it in items], [it.hash for it in items])

        stored = db.retry_when_locked(read, self.engine)  # a database gone for a moment is waited for
        return [stored.verdict(it, version, force) == "extract" for it in items]

    def write_outcomes(self, outcomes: Iterable[Outcome], *, batch_size: int = 32,
                       extractor_version: str | None = None, resolve: bool = True,
                       force: bool = False) -> IngestSummary:
        """Store a runner's outcomes, `batch_size` documents per transaction; failures are counted with
        their reason, skipped documents are "unchanged"."""
        version = _version(extractor_version)
        started = time.perf_counter()
        summary = IngestSummary()
        batch: list[_Item] = []

        def flush() -> None:
            with deferred_interrupt():
                summary.add(db.write(self.engine, lambda conn: self._write_batch(conn, batch, version, resolve,
                                                                                 force)))
            batch.clear()

        try:
            self._write_all(outcomes, batch, summary, flush, batch_size)
        except KeyboardInterrupt:
            summary.seconds = time.perf_counter() - started
            raise IngestInterrupted(summary) from None
        except db.StoreError as exc:
            summary.seconds = time.perf_counter() - started
            raise IngestStopped(summary, str(exc)) from None
        except sa.exc.SQLAlchemyError as exc:
            summary.seconds = time.perf_counter() - started
            raise IngestStopped(summary, f"database error: {db.describe_error(exc)}") from None
        summary.seconds = time.perf_counter() - started
        return summary

    @staticmethod
    def _write_all(outcomes: Iterable[Outcome], batch: list[_Item], summary: IngestSummary,
                   flush: Callable[[], None], batch_size: int) -> None:
        for outcome in outcomes:
            item = outcome.item
            if isinstance(item, ReadFailure):
                summary.failed.append((item.doc_id, visible(f"{item.source}: {item.message}")))
                continue
            if outcome.failed:
                assert outcome.result is not None
                where = item.source_path or item.doc_id
                errors = head_of(outcome.result).errors
                summary.failed.append((item.doc_id, visible(f"{where}: {'; '.join(errors)}")))
                continue
            batch.append(_Item.of(item, outcome.result))
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()

    def add_results(self, pairs: Iterable[tuple[Document, DocResult]], *, extractor_version: str | None = None,
                    batch_size: int = 64, resolve: bool = True) -> IngestSummary:
        """Store results extracted elsewhere (tests, distributed batch runs): same rules as `ingest`.

        `resolve=False` only stores (bulk loads); call `rebuild_resolution()` once at the end.
        """
        outcomes = (Outcome(i, doc, result) for i, (doc, result) in enumerate(pairs))
        return self.write_outcomes(outcomes, batch_size=batch_size, extractor_version=extractor_version,
                                   resolve=resolve)

    def _write_batch(self, conn: Connection, items: Sequence[_Item], version: str, resolve: bool = True,
                     force: bool = False) -> IngestSummary:
        """Under the write lock: each input is unchanged, a duplicate, new, or a new version that replaces
        the stored one in place (older versions of its identity are retired; the replaced ones are kept
        in `document_versions`)."""
        summary = IngestSummary()
        stored = _Stored.load(conn, [it.identity for it in items], [it.hash for it in items])
        new_keys: list[str] = []
        dirty: set[str] = set()
        now = _now()
        sketch: list[tuple[int, str, str]] = []  # (document pk, content hash, text): copy detection
        restory: set[int] = set()  # articles whose story changed when a copy's version left

        def retire(row: dict[str, Any], reason: str) -> None:
            """Take a stored version out: its mentions leave their events, the row goes to the history."""
            self._drop_extraction(conn, row["id"], dirty)
            restory.update(copy_store.forget(conn, [row["id"]]))
            conn.execute(documents.delete().where(documents.c.id == row["id"]))  # its text, places: cascade
            _keep_version(conn, row, reason, now)
            stored.remove(row)

        for it in items:
            doc, h, result = it.doc, it.hash, it.result
            head = None if result is None else head_of(result)
            verdict = stored.verdict(it, version, force)
            same = stored.by_hash.get(h)
            others = [r for r in stored.by_identity.get(it.identity, []) if r is not same]
            if verdict in ("unchanged", "duplicate"):
                if same is not None and it.text:
                    sketch.append((same["id"], h, it.text))  # a no-op unless stored before copies existed
                note = ("content changed" if verdict == "duplicate" else "an older version") + (
                    f"; the new text is already stored as {same['doc_id']}" if verdict == "duplicate" and same
                    else "")
                for row in others:
                    retire(row, note)
                if others:
                    summary.updated += 1
                    summary.replaced.append((doc.doc_id, f"{note}; {len(others)} stored version(s) retired"))
                else:
                    summary.unchanged += 1
                continue
            if result is None or head is None:  # judged up to date before extraction; another writer changed it
                summary.failed.append((doc.doc_id, f"{doc.source_path or doc.doc_id}: the store changed while "
                                                   "this ingest ran; run it again"))
                continue
            row = {
                "content_hash": h, "doc_id": doc.doc_id,
                "title": head.title or doc.title, "outlet": head.outlet or doc.outlet,
                "published": head.published or doc.published, "url": head.url or doc.url,
                "source_path": doc.source_path, "language": head.language, "extractor_version": version,
                "n_chars": it.n_chars, "errors": head.errors or None, "updated_at": now,
                "identity": it.identity, "input_hash": it.input_hash,
            }
            target = same if same is not None else (others.pop(0) if others else None)
            if target is not None:
                reason = _what_changed(target, row, force)
                for old in others:
                    retire(old, "an older version")
                if others:
                    reason += f"; {len(others)} older version(s) retired"
                self._drop_extraction(conn, target["id"], dirty)
                if (target["content_hash"], target["published"]) != (h, row["published"]):
                    restory.update(copy_store.forget(conn, [target["id"]]))  # sketched again below
                _keep_version(conn, target, reason, now)
                conn.execute(documents.update().where(documents.c.id == target["id"]).values(**row))
                doc_pk = int(target["id"])
                stored.remove(target)
                summary.updated += 1
                summary.replaced.append((doc.doc_id, reason))
            else:
                row["ingested_at"] = now
                inserted = conn.execute(_insert_new_document(conn, row)).scalar()
                if inserted is None:  # cannot happen under the write lock; the constraint backs it up
                    summary.unchanged += 1
                    continue
                doc_pk = int(inserted)
                summary.new += 1
            stored.add({**{c: row.get(c) for c in _STATE_COLUMNS}, "id": doc_pk,
                        "ingested_at": target["ingested_at"] if target is not None else now})
            summary.mentions += _write_records(conn, doc_pk, h, it.text, result, new_keys)
            sketch.append((doc_pk, h, it.text))
        moved = copy_store.link_copies(conn, sketch) | restory  # copies of one story merge even when undated
        if moved:
            known_keys = set(new_keys)
            new_keys.extend(k for k in copy_store.mention_keys_of(conn, moved) if k not in known_keys)
        if resolve and (new_keys or dirty):
            self._resolve(conn, new_keys, dirty)
        elif dirty:  # clusters that lost mentions must not keep describing them
            self._resolve(conn, [], dirty)
        if dirty:  # a replaced text takes the reviews of its own events along (kept, marked undone)
            review.retire_orphans(conn, dirty, "rasid: the article was replaced")
        return summary

    @staticmethod
    def _drop_extraction(conn: Connection, doc_pk: int, dirty: set[str]) -> None:
        """Delete a document's mentions and claims; the events they belonged to are re-resolved."""
        old = conn.execute(sa.select(mentions.c.cluster_key).where(mentions.c.document_id == doc_pk))
        dirty.update(k for (k,) in old if k)
        conn.execute(mentions.delete().where(mentions.c.document_id == doc_pk))
        conn.execute(claims.delete().where(claims.c.document_id == doc_pk))

    # --- resolution -----------------------------------------------------------------------------

    @staticmethod
    def _mention_select() -> sa.Select[Any]:
        return queries.mention_select()

    def _resolve(self, conn: Connection, new_keys: Sequence[str], dirty: set[str]) -> None:
        """Re-cluster exactly the connected components (of the link graph) that the batch touches.

        The pool starts with the new mentions and the clusters that lost mentions, then grows by every
        stored mention that links with a pool member (and the clusters those belong to) until nothing new
        links. Greedy clustering decides each component on its own, so re-clustering whole components
        gives the same events as `rebuild_resolution()` would, whatever the ingest order.
        """
        pool: dict[str, dict[str, Any]] = {}
        keys: set[str] = set(dirty)

        def fetch(where: Any) -> list[dict[str, Any]]:
            return [dict(r._mapping) for r in conn.execute(self._mention_select().where(where))]

        def add_clusters(cluster_keys: set[str]) -> list[dict[str, Any]]:
            added = []
            for kpart in _chunks(sorted(cluster_keys)):
                for r in fetch(mentions.c.cluster_key.in_(kpart)):
                    if r["mention_key"] not in pool:
                        pool[r["mention_key"]] = r
                        added.append(r)
            return added

        frontier: list[dict[str, Any]] = []
        for part in _chunks(list(new_keys)):
            for r in fetch(mentions.c.mention_key.in_(part)):
                pool[r["mention_key"]] = r
                frontier.append(r)
        frontier.extend(add_clusters(keys))
        while frontier:
            distinct: dict[tuple[Any, ...], dict[str, Any]] = {}
            for m in frontier:  # reports of one event share their blocking keys: one condition each
                block = (m["family"], m["day"], m["cell_lat"], m["cell_lon"], m["geo_precision"], m["admin2"],
                         m["admin1"])
                distinct.setdefault(block, m)
            conds = [c for c in (self._candidate_condition(m) for m in distinct.values()) if c is not None]
            # copies of one story link when one of the two is undated
            for undated in (True, False):
                stories = sorted({m["story"] for m in frontier if m["story"] and (m["day"] is None) == undated})
                for spart in _chunks(stories):
                    story_docs = mentions.c.document_id.in_(sa.select(doc_sketches.c.document_id)
                                                            .where(doc_sketches.c.story_key.in_(spart)))
                    conds.append(story_docs if undated else sa.and_(story_docs, mentions.c.day.is_(None)))
            fetched: dict[str, dict[str, Any]] = {}
            for cpart in _chunks(conds, 100):
                for r in fetch(sa.or_(*cpart)):
                    if r["mention_key"] not in pool:
                        fetched[r["mention_key"]] = r
            if not fetched:
                break
            # keep only candidates that really link with a frontier member (a candidate linking with an
            # older pool member was fetched, and kept, when that member was the frontier)
            linked = resolution.linked_to(frontier, list(fetched.values()))
            for r in linked:
                pool[r["mention_key"]] = r
            new_clusters = {r["cluster_key"] for r in linked if r["cluster_key"]} - keys
            keys |= new_clusters
            frontier = linked + add_clusters(new_clusters)
        keys |= {m["cluster_key"] for m in pool.values() if m["cluster_key"]}
        self._write_clusters(conn, list(pool.values()), keys)

    @staticmethod
    def _candidate_condition(m: dict[str, Any]) -> Any:
        """SQL for the stored mentions that could link with `m` (a superset of `resolve.link`'s rules)."""
        d = m["day"]
        if d is None:
            return None
        c = mentions.c
        places = []
        if m["cell_lat"] is not None and (m["geo_precision"] or 1) <= 2:
            span = resolution.lon_cell_span(m["latitude"])
            places.append(sa.and_(c.cell_lat.between(m["cell_lat"] - 1, m["cell_lat"] + 1),
                                  c.cell_lon.between(m["cell_lon"] - span, m["cell_lon"] + span)))
        if m["admin2"]:
            places.append(sa.func.lower(c.admin2) == m["admin2"].lower())
        if m["admin1"]:
            places.append(sa.and_(c.day == d, sa.func.lower(c.admin1) == m["admin1"].lower()))
        if not places:
            return None
        return sa.and_(c.family == m["family"], c.day.between(d - resolution.MAX_DAY_GAP, d + resolution.MAX_DAY_GAP),
                       sa.or_(*places))

    def _write_clusters(self, conn: Connection, pool: list[dict[str, Any]], old_keys: set[str]) -> None:
        old_reviews: list[dict[str, Any]] = []
        for kpart in _chunks(sorted(old_keys)):
            old_reviews.extend(dict(r._mapping) for r in conn.execute(
                sa.select(reviews.c.id, reviews.c.event_key, reviews.c.mention_keys, reviews.c.action,
                          reviews.c.field, reviews.c.new_value, reviews.c.reviewer, reviews.c.undone_at)
                .where(reviews.c.event_key.in_(kpart))))
            conn.execute(resolved_events.delete().where(resolved_events.c.event_key.in_(kpart)))
            conn.execute(merge_links.delete().where(merge_links.c.event_key.in_(kpart)))
        now_ts, now = int(time.time()), _now()
        ev_rows: list[dict[str, Any]] = []
        link_rows: list[dict[str, Any]] = []
        assign: list[dict[str, Any]] = []
        member_of: dict[str, str] = {}
        for cl in review.apply_membership(resolution.cluster(pool), old_reviews):  # analysts' merges/splits
            row = resolution.merge(cl["members"], key=cl["key"], now=now_ts)
            row["status"] = "auto"
            row["updated_at"] = now
            ev_rows.append(row)
            link_rows.extend({"event_key": cl["key"], "mention_a": a, "mention_b": b, "explanation": why}
                             for a, b, why in cl["links"])
            for m in cl["members"]:
                member_of[m["mention_key"]] = cl["key"]
                if m["cluster_key"] != cl["key"]:
                    assign.append({"k": m["mention_key"], "ck": cl["key"]})
        review.carry(conn, ev_rows, old_reviews, member_of)
        for part in _chunks(ev_rows):
            conn.execute(resolved_events.insert(), list(part))
        for part in _chunks(link_rows):
            conn.execute(merge_links.insert(), list(part))
        if assign:
            conn.execute(
                mentions.update().where(mentions.c.mention_key == sa.bindparam("k"))
                .values(cluster_key=sa.bindparam("ck")),
                assign,
            )

    def rebuild_resolution(self) -> int:
        """Re-cluster every mention from scratch (after changing the rules); returns the event count.

        Analyst reviews follow their mentions to the rebuilt events."""
        def run(conn: Connection) -> int:
            copy_store.rebuild_stories(conn)  # stories too, from every copy link
            pool = [dict(r._mapping) for r in conn.execute(self._mention_select())]
            keys = {k for (k,) in conn.execute(sa.select(resolved_events.c.event_key))}
            self._write_clusters(conn, pool, keys)
            conn.execute(merge_links.delete().where(merge_links.c.event_key.not_in(
                sa.select(resolved_events.c.event_key))))
            return conn.execute(sa.select(sa.func.count()).select_from(resolved_events)).scalar_one()

        return db.write(self.engine, run)

    # --- queries --------------------------------------------------------------------------------

    def events(self, filters: EventFilter | None = None, *, with_sources: bool = True) -> list[ResolvedEvent]:
        """Resolved events (ACLED fields + id, modality, sources), ordered by date then id."""
        with self.engine.connect() as conn:
            return queries.events(conn, filters, with_sources=with_sources)

    def event(self, event_id: str) -> ResolvedEvent | None:
        """One resolved event by its `ev-` id or its ACLED event_id_cnty."""
        with self.engine.connect() as conn:
            return queries.event(conn, event_id)

    def explain(self, event_id: str) -> dict[str, Any] | None:
        """Why the event's mentions were merged: its members and every link (fields, km, days)."""
        with self.engine.connect() as conn:
            return queries.explain(conn, event_id)

    def claim_groups(self, subject: str | None = None, *, window_days: int | None = None) -> list[dict[str, Any]]:
        """The claims board (`rasid.resolve.claims`): claims grouped across outlets by subject, place,
        actors and time, copies of one story counted once, conflicts flagged with their reasons."""
        from rasid.store.claims_board import claim_rows

        with self.engine.connect() as conn:
            rows = claim_rows(conn, subject)
        days = claims_mod.DEFAULT_WINDOW_DAYS if window_days is None else window_days
        return claims_mod.group_claims(rows, window_days=days)

    def copies(self, min_size: int = 2) -> list[dict[str, Any]]:
        """Stories published by several articles (wire copies, reposts): their copies and copy links."""
        with self.engine.connect() as conn:
            return copy_store.stories(conn, min_size=min_size)

    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            def count(t: sa.Table) -> int:
                return conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()

            n_docs, n_mentions, n_events = count(documents), count(mentions), count(resolved_events)
            multi = conn.execute(sa.select(sa.func.count()).select_from(resolved_events)
                                 .where(resolved_events.c.n_mentions > 1)).scalar_one()
            sketched, stories = conn.execute(sa.select(sa.func.count(), sa.func.count(
                sa.distinct(doc_sketches.c.story_key)))).one()
            return {"documents": n_docs, "mentions": n_mentions, "events": n_events,
                    "merged_mentions": n_mentions - n_events, "multi_source_events": multi,
                    "claims": count(claims), "copies": sketched - stories}

    def review(self, event_id: str, action: str, *, reviewer: str | None = None, note: str | None = None,
               field: str | None = None, new_value: Any = None, other: str | None = None,
               mention: str | None = None) -> dict[str, Any]:
        """Record an analyst decision (`rasid.store.review`): confirm, reject, edit a field or group of fields,
        merge with `other`, split `mention` out; returns {review_id, event_id}."""
        return review.record(self, event_id, action, reviewer=reviewer, note=note, field=field, value=new_value,
                             other=other, mention=mention)

    def undo(self, review_id: int, *, reviewer: str | None = None) -> dict[str, Any]:
        """Undo one review (it stays in the audit trail, marked undone)."""
        return review.undo(self, review_id, reviewer=reviewer)


def _keep_version(conn: Connection, row: dict[str, Any], reason: str, now: str) -> None:
    conn.execute(document_versions.insert().values(
        identity=row["identity"], doc_id=row["doc_id"], content_hash=row["content_hash"], title=row["title"],
        outlet=row["outlet"], published=row["published"], url=row["url"], source_path=row["source_path"],
        extractor_version=row["extractor_version"], ingested_at=row["ingested_at"], replaced_at=now,
        reason=reason))


def _insert_new_document(conn: Connection, row: dict[str, Any]) -> Any:
    """INSERT ... ON CONFLICT (content_hash) DO NOTHING RETURNING id, on PostgreSQL and SQLite alike."""
    from sqlalchemy.dialects import postgresql, sqlite

    if conn.dialect.name == "postgresql":
        return (postgresql.insert(documents).values(**row)
                .on_conflict_do_nothing(index_elements=["content_hash"]).returning(documents.c.id))
    return (sqlite.insert(documents).values(**row)
            .on_conflict_do_nothing(index_elements=["content_hash"]).returning(documents.c.id))


def _write_records(conn: Connection, doc_pk: int, h: str, text: str, result: DocResult | PackedResult,
                   new_keys: list[str]) -> int:
    """A document's text and entities (the web app's article page), places, event mentions (each with the
    place it sits at) and claims; a packed result segment by segment, so its records are never all held as
    models, nor as rows, at once. Appends the mention keys to `new_keys`; returns how many."""
    links = store_places.PlaceLinks()

    def entity_parts() -> Iterator[list[Entity]]:
        for part in parts_of(result):
            links.add(part.entities)
            yield part.entities

    articles.save(conn, doc_pk, text, articles.entities_json(entity_parts()))
    store_places.clear_places(conn, doc_pk)
    n_events = n_claims = n_places = 0
    for part in parts_of(result):
        n_places += store_places.insert_places(conn, doc_pk, part.entities, n_places)
        mrows = [_mention_row(doc_pk, h, n_events + i, ev) | {"place_idx": links.of(ev)}
                 for i, ev in enumerate(part.events)]
        if mrows:
            conn.execute(mentions.insert(), mrows)
            new_keys.extend(r["mention_key"] for r in mrows)
        crows = [_claim_row(doc_pk, n_claims + i, c) for i, c in enumerate(part.claims)]
        if crows:
            conn.execute(claims.insert(), crows)
        n_events += len(mrows)
        n_claims += len(crows)
    return n_events


def _mention_row(doc_pk: int, h: str, idx: int, ev: Any) -> dict[str, Any]:
    cl, cn = resolution.cell_of(ev.latitude, ev.longitude)
    return {
        "mention_key": f"{h[:16]}:{idx}", "document_id": doc_pk, "idx": idx,
        "event_date": ev.event_date, "time_precision": ev.time_precision, "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type, "actor1": ev.actor1, "assoc_actor_1": ev.assoc_actor_1,
        "actor2": ev.actor2, "assoc_actor_2": ev.assoc_actor_2, "inter1": ev.inter1, "inter2": ev.inter2,
        "interaction": ev.interaction, "location": ev.location, "admin1": ev.admin1, "admin2": ev.admin2,
        "country": ev.country, "iso": ev.iso, "latitude": ev.latitude, "longitude": ev.longitude,
        "geo_precision": ev.geo_precision, "fatalities": ev.fatalities or 0, "notes": ev.notes,
        "modality": ev.modality, "confidence": ev.confidence,
        "evidence": [e.model_dump() for e in ev.evidence],
        "family": resolution.family_of(ev.event_type), "day": resolution.day_of(ev.event_date),
        "cell_lat": cl, "cell_lon": cn, "cluster_key": None,
    }


def _claim_row(doc_pk: int, idx: int, c: Any) -> dict[str, Any]:
    return {
        "document_id": doc_pk, "idx": idx, "subject": c.subject, "subject_key": claims_mod.subject_key(c.subject),
        "value": c.value, "unit": c.unit, "qualifier": c.qualifier, "stance": c.stance,
        "speaker": c.speaker.model_dump(), "source_type": c.source_type, "claim_date": c.claim_date,
        "event_index": c.event_index, "evidence": [e.model_dump() for e in c.evidence],
    }


__all__ = ["Store", "EventFilter", "IngestInterrupted", "IngestStopped", "IngestSummary", "content_hash",
           "REPORTABLE"]
