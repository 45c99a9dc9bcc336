"""Parquet shards of a batch run: one file per task and table, written atomically, read back losslessly.

Layout of an output folder (documented in docs/batch.md):

    OUT/articles/part-<task>.parquet   one row per article read (text included: the store hashes it)
    OUT/events/part-<task>.parquet     one row per extracted event (ACLED fields, modality, evidence)
    OUT/entities/part-<task>.parquet   one row per entity
    OUT/claims/part-<task>.parquet     one row per claim (value as JSON: a number, a range or a proposition)
    OUT/errors/part-<task>.parquet     articles that could not be read or extracted, with the reason
    OUT/_done/<task>.json              written last: the task is complete (a re-run skips it)

Every file is written under a temporary name and renamed into place, so a reader or a re-run never sees
half a file; a task killed half-way leaves no `_done` marker and is simply run again, overwriting its
parts with identical content.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rasid.models import Claim, DocResult, Document, Entity, Event

#: Bumped when a table's columns change; `rasid ingest --from-batch` refuses shards of another version.
SCHEMA_VERSION = 2

_EVIDENCE = pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string()),
                                 ("kind", pa.string())]))
_INT = pa.int32()
_STR = pa.string()
_F64 = pa.float64()

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("pos", _INT), ("doc_id", _STR), ("title", _STR), ("outlet", _STR), ("published", _STR), ("url", _STR),
        ("source_path", _STR), ("language", _STR), ("text", _STR), ("errors", pa.list_(_STR)),
        ("result_published", _STR), ("result_title", _STR), ("result_outlet", _STR), ("result_url", _STR),
    ]),
    "events": pa.schema([
        ("pos", _INT), ("doc_id", _STR), ("idx", _INT),
        ("event_date", _STR), ("time_precision", _INT), ("event_type", _STR), ("sub_event_type", _STR),
        ("actor1", _STR), ("assoc_actor_1", _STR), ("actor2", _STR), ("assoc_actor_2", _STR),
        ("inter1", _INT), ("inter2", _INT), ("interaction", _INT), ("location", _STR), ("admin1", _STR),
        ("admin2", _STR), ("country", _STR), ("iso", _INT), ("latitude", _F64), ("longitude", _F64),
        ("geo_precision", _INT), ("fatalities", _INT), ("notes", _STR), ("modality", _STR),
        ("confidence", _F64), ("evidence", _EVIDENCE),
    ]),
    "entities": pa.schema([
        ("pos", _INT), ("doc_id", _STR), ("idx", _INT), ("kind", _STR), ("text", _STR), ("start", _INT), ("end", _INT),
        ("canonical", _STR), ("latitude", _F64), ("longitude", _F64),
    ]),
    "claims": pa.schema([
        ("pos", _INT), ("doc_id", _STR), ("idx", _INT), ("subject", _STR), ("value_json", _STR), ("unit", _STR),
        ("qualifier", _STR), ("stance", _STR), ("speaker_name", _STR), ("speaker_role", _STR),
        ("speaker_affiliation", _STR), ("source_type", _STR), ("claim_date", _STR), ("event_index", _INT),
        ("evidence", _EVIDENCE),
    ]),
    "errors": pa.schema([("doc_id", _STR), ("source", _STR), ("stage", _STR), ("message", _STR)]),
}
TABLES = tuple(SCHEMAS)
_KEYS = ("pos", "doc_id", "idx")
_EVENT_FIELDS = [f.name for f in SCHEMAS["events"] if f.name not in _KEYS]


@dataclass
class ShardRows:
    """The rows of one task, gathered article by article and written at the end of the task."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def add_result(self, doc: Document, result: DocResult) -> None:
        pos = len(self.tables["articles"])  # doc ids need not be unique within a task
        self.tables["articles"].append({
            "pos": pos, "doc_id": doc.doc_id, "title": doc.title, "outlet": doc.outlet, "published": doc.published,
            "url": doc.url, "source_path": doc.source_path, "language": result.language, "text": doc.text,
            "errors": list(result.errors), "result_published": result.published, "result_title": result.title,
            "result_outlet": result.outlet, "result_url": result.url,
        })
        for i, ev in enumerate(result.events):
            row = ev.model_dump(mode="json")
            row["pos"], row["doc_id"], row["idx"] = pos, doc.doc_id, i
            self.tables["events"].append(row)
        for i, en in enumerate(result.entities):
            row = en.model_dump(mode="json")
            row["pos"], row["doc_id"], row["idx"] = pos, doc.doc_id, i
            self.tables["entities"].append(row)
        for i, cl in enumerate(result.claims):
            self.tables["claims"].append({
                "pos": pos, "doc_id": doc.doc_id, "idx": i, "subject": cl.subject, "value_json": json.dumps(cl.value),
                "unit": cl.unit, "qualifier": cl.qualifier, "stance": cl.stance, "speaker_name": cl.speaker.name,
                "speaker_role": cl.speaker.role, "speaker_affiliation": cl.speaker.affiliation,
                "source_type": cl.source_type, "claim_date": cl.claim_date, "event_index": cl.event_index,
                "evidence": [e.model_dump() for e in cl.evidence],
            })

    def add_error(self, doc_id: str, source: str, stage: str, message: str) -> None:
        self.tables["errors"].append({"doc_id": doc_id, "source": source, "stage": stage, "message": message})

    def write(self, out: Path, task_id: str, meta: dict[str, Any]) -> None:
        """Every table's part, then the `_done` marker; each file renamed into place whole."""
        for table, rows in self.tables.items():
            arrow = pa.Table.from_pylist(rows, schema=SCHEMAS[table])
            _atomic(out / table / f"part-{task_id}.parquet", lambda tmp, a=arrow: pq.write_table(a, tmp))
        marker = {"task": task_id, "schema_version": SCHEMA_VERSION,
                  **{t: len(r) for t, r in self.tables.items()}, **meta}
        _atomic(out / "_done" / f"{task_id}.json",
                lambda tmp: Path(tmp).write_text(json.dumps(marker, ensure_ascii=False), encoding="utf-8"))


def _atomic(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(str(tmp))
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def done_tasks(out: Path) -> set[str]:
    folder = out / "_done"
    return {p.stem for p in folder.glob("*.json")} if folder.is_dir() else set()


class ShardError(ValueError):
    """A batch folder that cannot be loaded (not a batch output, another schema version); user-facing."""


@dataclass
class LoadedTask:
    task_id: str
    pairs: list[tuple[Document, DocResult]]
    errors: list[dict[str, Any]]


def read_batch(out: Path) -> Iterator[LoadedTask]:
    """Complete tasks of a batch folder, in task-id order, as the (Document, DocResult) pairs they hold."""
    done = sorted(done_tasks(out))
    if not done:
        raise ShardError(f"{out}: no completed batch tasks (expected {out}/_done/*.json from `rasid batch`)")
    for task_id in done:
        marker = json.loads((out / "_done" / f"{task_id}.json").read_text(encoding="utf-8"))
        if marker.get("schema_version") != SCHEMA_VERSION:
            raise ShardError(f"{out}: task {task_id} has shard schema {marker.get('schema_version')}, "
                             f"this rasid reads {SCHEMA_VERSION}")
        tables = {t: pq.read_table(out / t / f"part-{task_id}.parquet").to_pylist() for t in TABLES}
        yield LoadedTask(task_id, _pairs(tables), tables["errors"])


def _pairs(tables: dict[str, list[dict[str, Any]]]) -> list[tuple[Document, DocResult]]:
    by_pos: dict[int, DocResult] = {}
    pairs: list[tuple[Document, DocResult]] = []
    for a in tables["articles"]:
        doc = Document(doc_id=a["doc_id"], text=a["text"], title=a["title"], outlet=a["outlet"],
                       published=a["published"], url=a["url"], source_path=a["source_path"])
        result = DocResult(doc_id=a["doc_id"], title=a["result_title"], outlet=a["result_outlet"],
                           published=a["result_published"], url=a["result_url"], language=a["language"],
                           errors=list(a["errors"] or []))
        by_pos[a["pos"]] = result
        pairs.append((doc, result))
    for row in sorted(tables["events"], key=lambda r: (r["pos"], r["idx"])):
        by_pos[row["pos"]].events.append(Event.model_validate({k: row[k] for k in _EVENT_FIELDS}))
    for row in sorted(tables["entities"], key=lambda r: (r["pos"], r["idx"])):
        fields = {k: v for k, v in row.items() if k not in _KEYS}
        by_pos[row["pos"]].entities.append(Entity.model_validate(fields))
    for row in sorted(tables["claims"], key=lambda r: (r["pos"], r["idx"])):
        by_pos[row["pos"]].claims.append(Claim.model_validate({
            "subject": row["subject"], "value": json.loads(row["value_json"]), "unit": row["unit"],
            "qualifier": row["qualifier"], "stance": row["stance"],
            "speaker": {"name": row["speaker_name"], "role": row["speaker_role"],
                        "affiliation": row["speaker_affiliation"]},
            "source_type": row["source_type"], "claim_date": row["claim_date"],
            "event_index": row["event_index"], "evidence": row["evidence"],
        }))
    return pairs
