"""Uploads from the browser: .txt, .html and .jsonl files read from memory, extracted and stored by a
background worker, one job at a time, with a status per file the page polls.

A file's name is only data (the article id and what the page shows): nothing a request sends becomes a
file path. A bad file (empty, binary, too large, not a supported type, malformed JSON line) is reported
on its own and the others go in.
"""

from __future__ import annotations

import queue
import re
import secrets
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.ingest.decode import DecodeError, decode_bytes
from rasid.ingest.readers import SUFFIXES, ReadFailure, document_from_text, read_jsonl
from rasid.models import DocResult, Document
from rasid.store.api import Store
from rasid.web.views import forget_facets

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 200
KEEP_JOBS = 50
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]+")


def display_name(raw: str | None) -> str:
    """The file's own name without any folder part or control characters (for ids and the page only)."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = _UNSAFE.sub("", name).strip()
    return name[:200] or "upload"


@dataclass
class FileStatus:
    name: str
    size: int
    state: str = "queued"  # queued | extracting | stored | failed
    message: str = ""
    articles: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)  # one line per bad article of a JSONL file


@dataclass
class Job:
    id: str
    owner: str
    files: list[FileStatus]
    created: float = field(default_factory=time.time)
    done: bool = False
    data: list[bytes] = field(default_factory=list, repr=False)

    @property
    def progress(self) -> tuple[int, int]:
        finished = sum(1 for f in self.files if f.state in ("stored", "failed"))
        return finished, len(self.files)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "done": self.done, "progress": list(self.progress),
                "files": [vars(f) for f in self.files]}


def read_upload(name: str, data: bytes) -> list[Document | ReadFailure]:
    """Documents from one uploaded file's bytes (same rules as `rasid ingest` for files on disk)."""
    stem, dot, ext = name.rpartition(".")
    kind = SUFFIXES.get(f".{ext.lower()}") if dot else None
    doc_id = stem or name
    if kind is None:
        return [ReadFailure(doc_id, name, "not a .txt, .html or .jsonl file")]
    if not data.strip():
        return [ReadFailure(doc_id, name, "empty file")]
    if len(data) > MAX_FILE_BYTES:
        return [ReadFailure(doc_id, name, f"file too large ({len(data) / 1e6:.1f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB)")]
    if kind == "jsonl":
        with tempfile.TemporaryDirectory(prefix="rasid-upload-") as tmp:
            path = Path(tmp) / "upload.jsonl"  # our name, not the request's
            path.write_bytes(data)
            items = list(read_jsonl(path, max_bytes=MAX_FILE_BYTES))
        for item in items:  # the temporary name must not leak into ids or messages
            if isinstance(item, ReadFailure):
                item.doc_id = item.doc_id.replace("upload:", f"{doc_id}:", 1)
                item.source = item.source.replace(str(path), name)
            else:
                item.source_path = (item.source_path or "").replace(str(path), f"upload:{name}")
                if item.doc_id.startswith("upload:"):
                    item.doc_id = item.doc_id.replace("upload:", f"{doc_id}:", 1)
        return items
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        return [ReadFailure(doc_id, name, str(exc))]
    if kind == "html":
        from rasid.ingest.html import document_from_html

        doc = document_from_html(text, doc_id=doc_id, source_path=f"upload:{name}")
    else:
        doc = document_from_text(text, doc_id=doc_id, source_path=f"upload:{name}")
    if not doc.text.strip():
        return [ReadFailure(doc_id, name, "no article text found")]
    return [doc]


class Uploads:
    """The app's upload jobs and the one worker thread that runs them (one writer at a time)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.jobs: dict[str, Job] = {}
        self._queue: queue.Queue[Job] = queue.Queue()
        self._lock = threading.Lock()
        self._pipeline: Any = None
        self._thread: threading.Thread | None = None

    def submit(self, owner: str, files: list[tuple[str, bytes]]) -> Job:
        job = Job(secrets.token_urlsafe(12), owner, [FileStatus(display_name(n), len(d)) for n, d in files],
                  data=[d for _, d in files])
        with self._lock:
            self.jobs[job.id] = job
            for old in sorted(self.jobs.values(), key=lambda j: j.created)[:-KEEP_JOBS]:
                del self.jobs[old.id]
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="rasid-upload", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def get(self, job_id: str, owner: str) -> Job | None:
        job = self.jobs.get(job_id)
        return job if job is not None and job.owner == owner else None

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            try:
                self._run(job)
            finally:
                job.done = True
                job.data = []

    def _run(self, job: Job) -> None:
        if self._pipeline is None:
            from rasid.pipeline import Pipeline

            self._pipeline = Pipeline()  # loaded once, on the first upload
        for status, data in zip(job.files, job.data, strict=True):
            status.state = "extracting"
            try:
                self._one(status, data)
            except Exception as exc:  # one file's failure must not stop the others
                status.state = "failed"
                status.message = f"{type(exc).__name__}: {exc}"[:300]

    def _one(self, status: FileStatus, data: bytes) -> None:
        items = read_upload(status.name, data)
        pairs: list[tuple[Document, DocResult]] = []
        for item in items:
            if isinstance(item, ReadFailure):
                status.failures.append(f"{item.doc_id}: {item.message}")
                continue
            result = self._pipeline.process(item)
            if result.errors and not (result.events or result.entities or result.claims):
                status.failures.append(f"{item.doc_id}: {'; '.join(result.errors)}")
                continue
            pairs.append((item, result))
        if pairs:
            summary = self.store.add_results(pairs)
            forget_facets(self.store)
            status.articles = summary.new + summary.updated + summary.unchanged
            status.events = summary.mentions
        if not pairs:
            status.state = "failed"
            status.message = status.failures[0] if len(status.failures) == 1 else f"{len(status.failures)} article(s) failed"
        else:
            status.state = "stored"
            status.message = (f"{status.articles} article(s), {status.events} event mention(s)"
                              + (f"; {len(status.failures)} bad line(s)" if status.failures else ""))
