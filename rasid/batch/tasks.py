"""Cut an archive into tasks of a few hundred articles, each with an id that a re-run recognises.

A task names its input rather than carrying it, so the client stays light and workers read in parallel:
a byte range of a `.jsonl` file (cut at line starts), or a handful of `.txt`/`.html` files. A `.jsonl.gz`
cannot be entered in the middle, so the client decompresses it and ships the raw lines of each task.
Workers on other machines therefore need the inputs at the same path (a shared file system), except for
`.jsonl.gz` inputs.

The id hashes the input's path, size, modification time and range: a file changed since the last run
makes new tasks (and leaves the old shards to be cleaned), an unchanged one is skipped.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rasid.ingest.readers import SUFFIXES, ReadFailure, parse_jsonl_lines, read_file
from rasid.models import Document

#: Articles per task: enough to make the scheduler's per-task cost (a few ms) negligible, few enough to
#: balance two workers on a corpus of a few thousand articles and to bound a worker's memory.
DEFAULT_TASK_SIZE = 250


@dataclass(frozen=True, slots=True)
class Task:
    """One unit of work. `kind`: "jsonl" (byte range of a file), "files" (whole files), "lines" (shipped)."""

    task_id: str
    kind: str
    source: str  # the input path this task comes from (for messages)
    paths: tuple[str, ...] = ()
    start: int = 0  # jsonl: byte offset of the first line
    end: int = 0  # jsonl: byte offset after the last line
    first_line: int = 1  # line number of the first line (jsonl and lines)
    lines: tuple[bytes, ...] = field(default=(), repr=False)
    n_items: int = 0  # articles (lines or files) in the task, for progress

    def read(self, *, max_bytes: int) -> Iterator[Document | ReadFailure]:
        """The task's articles, exactly as `rasid ingest` reads them (same ids, same failures)."""
        if self.kind == "files":
            for name in self.paths:
                yield from read_file(Path(name), max_bytes=max_bytes)
        elif self.kind == "jsonl":
            path = Path(self.source)
            with path.open("rb") as handle:
                handle.seek(self.start)
                data = handle.read(self.end - self.start)
            lines = data.splitlines(keepends=True)
            yield from parse_jsonl_lines(path, enumerate(lines, start=self.first_line), max_bytes=max_bytes)
        else:
            yield from parse_jsonl_lines(Path(self.source), enumerate(self.lines, start=self.first_line),
                                         max_bytes=max_bytes)


def _task_id(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]


def _signature(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def plan_tasks(inputs: Iterable[str | Path], *, task_size: int = DEFAULT_TASK_SIZE) -> Iterator[Task | ReadFailure]:
    """Tasks for every input in order; a missing or unreadable input is a `ReadFailure`, never an abort."""
    loose: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            yield ReadFailure(path.name or str(path), str(path), "no such file or directory")
            continue
        files = sorted(p for p in path.rglob("*") if p.is_file() and _kind(p)) if path.is_dir() else [path]
        if path.is_dir() and not files:
            yield ReadFailure(path.name, str(path), "directory holds no .txt, .html, .jsonl or .jsonl.gz files")
        for file in files:
            kind = _kind(file) or "txt"
            try:
                if kind == "jsonl":
                    yield from _jsonl_tasks(file, task_size)
                elif kind == "jsonl.gz":
                    yield from _gzip_tasks(file, task_size)
                else:
                    loose.append(file)
                    if len(loose) >= task_size:
                        yield _files_task(loose)
                        loose = []
            except OSError as exc:
                yield ReadFailure(file.stem, str(file), f"cannot read: {exc.strerror or exc}")
    if loose:
        yield _files_task(loose)


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".jsonl.gz", ".ndjson.gz")):
        return "jsonl.gz"
    return SUFFIXES.get(path.suffix.lower())


def _files_task(files: list[Path]) -> Task:
    signatures: list[object] = []
    for f in files:
        try:
            signatures.extend(_signature(f))
        except OSError:  # unreadable: the worker's read reports it
            signatures.append(str(f))
    return Task(task_id=_task_id("files", *signatures), kind="files", source=str(files[0].parent),
                paths=tuple(str(f) for f in files), n_items=len(files))


def _jsonl_tasks(path: Path, task_size: int) -> Iterator[Task]:
    """Byte ranges of `task_size` lines each, found by one buffered scan for newlines."""
    signature = _signature(path)
    start = offset = 0
    first_line = line = 1
    count = 0
    with path.open("rb") as handle:
        for raw in handle:
            offset += len(raw)
            line += 1
            count += 1
            if count >= task_size:
                yield Task(task_id=_task_id("jsonl", *signature, start, offset), kind="jsonl", source=str(path),
                           start=start, end=offset, first_line=first_line, n_items=count)
                start, first_line, count = offset, line, 0
    if count:
        yield Task(task_id=_task_id("jsonl", *signature, start, offset), kind="jsonl", source=str(path),
                   start=start, end=offset, first_line=first_line, n_items=count)


def _gzip_tasks(path: Path, task_size: int) -> Iterator[Task]:
    signature = _signature(path)
    lines: list[bytes] = []
    first_line = 1
    with gzip.open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            lines.append(raw)
            if len(lines) >= task_size:
                yield Task(task_id=_task_id("lines", *signature, first_line, number), kind="lines",
                           source=str(path), first_line=first_line, lines=tuple(lines), n_items=len(lines))
                lines, first_line = [], number + 1
    if lines:
        last = first_line + len(lines) - 1
        yield Task(task_id=_task_id("lines", *signature, first_line, last), kind="lines", source=str(path),
                   first_line=first_line, lines=tuple(lines), n_items=len(lines))


def describe(task: Task) -> str:
    if task.kind == "files":
        return f"{len(task.paths)} files in {task.source}"
    return f"{os.path.basename(task.source)} lines {task.first_line}-{task.first_line + task.n_items - 1}"
