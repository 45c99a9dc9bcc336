"""`LocalRunner`: extraction on this machine, in worker processes (or in-process with one worker).

Results come back in input order. Memory is bounded: at most `window` tasks (documents or segments
of a long document) are read ahead of the oldest unfinished one, and a long document is extracted
segment by segment. A worker that dies (killed, out of memory) fails only the document it was working
on: the pool is restarted and the other documents are extracted again.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from rasid.ingest.readers import ReadFailure
from rasid.lexicon.tsv import LexiconError
from rasid.models import DocResult, Document
from rasid.run import worker
from rasid.run.base import Outcome, Select, failure_result
from rasid.run.progress import Progress
from rasid.run.segments import (
    Merger,
    PackedResult,
    process_long_document,
    segment_bounds,
    segments,
    with_read_problems,
)

#: Inputs read (and offered to `select`) at a time, and at most this many characters of text.
READ_AHEAD = 32
READ_AHEAD_CHARS = 2_000_000


def _label(doc: Document) -> str:
    return doc.source_path or doc.doc_id


class LocalRunner:
    """Extraction in `workers` processes (1 = in this process). Start it before opening a database."""

    def __init__(self, workers: int = 1, *, window: int | None = None, pipeline: Any = None,
                 disable: Iterable[str] = ()) -> None:
        """`disable`: pipeline components switched off, in this process and in every worker."""
        self.workers = max(1, workers)
        self.window = window or 4 * self.workers
        self._pipeline = pipeline
        self.disable = tuple(disable)
        self._executor: ProcessPoolExecutor | None = None
        self._entities = True
        self._pack = False

    # --- life cycle ------------------------------------------------------------------------------

    def start(self) -> LocalRunner:
        if self.workers == 1:
            if self._pipeline is None:
                from rasid.pipeline import Pipeline

                self._pipeline = Pipeline(disable=self.disable).warm(freeze=True)
        elif self._executor is None:
            self._executor = self._new_executor()
        return self

    def _new_executor(self) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if ctx.get_start_method() == "forkserver":
            ctx.set_forkserver_preload(["rasid.run._preload"])
        executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=worker.init,
                                       initargs=(os.getpid(), self.disable))
        ready = [executor.submit(worker.ready) for _ in range(self.workers)]  # every worker exists now
        for f in ready:
            f.result()
        return executor

    def worker_pids(self) -> list[int]:
        procs = getattr(self._executor, "_processes", None) or {}
        return sorted(procs)

    def close(self) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        procs = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for p in procs:  # a worker may be in the middle of a long segment: do not wait for it
            p.terminate()
        for p in procs:
            p.join(5)
        # join the pool's manager thread now that its workers are gone: left running, it can wake up at
        # interpreter exit on a pipe already closed and print a "Bad file descriptor" traceback
        executor.shutdown(wait=True)

    def __enter__(self) -> LocalRunner:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the run ---------------------------------------------------------------------------------

    def process_many(self, items: Iterable[Document | ReadFailure], *, select: Select | None = None,
                     progress: Progress | None = None, entities: bool = True,
                     pack: bool = False) -> Iterator[Outcome]:
        """Every input's outcome, in input order (see `rasid.run.Runner`)."""
        self.start()
        progress = progress or Progress(enabled=False)
        self._entities = entities
        self._pack = pack
        if self._executor is None:
            yield from self._in_process(items, select, progress)
        else:
            yield from self._pooled(items, select, progress)

    def _in_process(self, items: Iterable[Document | ReadFailure], select: Select | None,
                    progress: Progress) -> Iterator[Outcome]:
        for slot in _read(items, select):
            if slot.todo:
                doc = slot.item
                assert isinstance(doc, Document)

                def on_segment(done: int, total: int, doc: Document = doc) -> None:
                    progress.segment(_label(doc), done, total)

                slot.result = process_long_document(self._pipeline, doc, on_segment, entities=self._entities,
                                                    pack=self._pack)
            progress.advance()
            yield slot.outcome()

    def _pooled(self, items: Iterable[Document | ReadFailure], select: Select | None,
                progress: Progress) -> Iterator[Outcome]:
        tasks = _tasks(_read(items, select), pack=self._pack)
        pending: deque[_Slot] = deque()  # in input order; the head is yielded first
        running: deque[_Task] = deque()  # submitted, in submission order
        exhausted = False
        while True:
            while not exhausted and len(running) < self.window and len(pending) < self.window + READ_AHEAD:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                if not pending or pending[-1] is not task.slot:
                    pending.append(task.slot)
                if task.doc is not None:
                    task.future = self._submit(task.doc, running)
                    running.append(task)
            if not pending:
                return
            head = pending[0]
            if head.todo and not head.done:
                task = running.popleft()
                assert task.slot is head
                try:
                    result = _result(task)
                except BrokenProcessPool:
                    running.appendleft(task)
                    self._recover(running)
                    continue
                head.add(task.start, result)
                if head.merger is not None and isinstance(head.item, Document):
                    progress.segment(_label(head.item), head.merger.added, head.merger.n_segments)
                if not head.done:
                    continue
            pending.popleft()
            progress.advance()
            yield head.outcome()

    def _submit(self, doc: Document, running: deque[_Task]) -> Future[DocResult]:
        assert self._executor is not None
        try:
            return self._executor.submit(worker.process, doc, self._entities)
        except BrokenProcessPool:
            self._recover(running)
            return self._executor.submit(worker.process, doc, self._entities)

    def _recover(self, running: deque[_Task]) -> None:
        """A worker died and took the pool with it: start a new pool, then re-run the unfinished tasks
        one at a time; a task that kills its worker alone fails its document (nothing else is lost)."""
        self.close()
        self._executor = self._new_executor()
        for task in running:
            assert task.doc is not None and task.future is not None
            f = task.future
            if f.done() and not f.cancelled() and not isinstance(f.exception(), BrokenProcessPool):
                continue  # finished before the pool broke
            task.future = self._executor.submit(worker.process, task.doc, self._entities)
            if isinstance(task.future.exception(), BrokenProcessPool):
                task.future = _failed(task.doc, "the worker process died while extracting it "
                                      "(killed, or out of memory)")
                self.close()
                self._executor = self._new_executor()


# --- helpers --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Slot:
    index: int
    item: Document | ReadFailure
    todo: bool
    result: DocResult | PackedResult | None = None
    merger: Merger | None = None
    expected: int = 1
    received: int = 0

    @property
    def done(self) -> bool:
        return self.received >= self.expected

    def add(self, start: int, result: DocResult) -> None:
        self.received += 1
        if self.merger is None:
            self.result = result
        else:
            self.merger.add(start, result)
            if self.done:
                self.result = self.merger.finish()
        if self.done:
            assert isinstance(self.item, Document) and self.result is not None
            self.result = with_read_problems(self.item, self.result)

    def outcome(self) -> Outcome:
        if isinstance(self.item, ReadFailure):
            return Outcome(self.index, self.item, failure_result(self.item))
        return Outcome(self.index, self.item, self.result)


@dataclass(slots=True)
class _Task:
    slot: _Slot
    doc: Document | None  # None: nothing to extract (read failure, skipped)
    start: int = 0
    future: Future[DocResult] | None = field(default=None)


def _read(items: Iterable[Document | ReadFailure], select: Select | None) -> Iterator[_Slot]:
    """Slots in input order, `select` asked once per chunk of documents."""
    it = iter(items)
    index = 0
    while True:
        chunk: list[Document | ReadFailure] = []
        chars = 0
        for item in it:
            chunk.append(item)
            chars += len(item.text) if isinstance(item, Document) else 0
            if len(chunk) >= READ_AHEAD or chars >= READ_AHEAD_CHARS:
                break
        if not chunk:
            return
        docs = [x for x in chunk if isinstance(x, Document)]
        wanted = iter(select(docs) if select is not None and docs else [True] * len(docs))
        for item in chunk:
            todo = isinstance(item, Document) and bool(next(wanted))
            yield _Slot(index, item, todo)
            index += 1


def _tasks(slots: Iterable[_Slot], *, pack: bool = False) -> Iterator[_Task]:
    """One task per document to extract, one per segment of a long one (merged into a `PackedResult` when
    `pack`); a placeholder for the rest."""
    for slot in slots:
        if not slot.todo:
            yield _Task(slot, None)
            continue
        doc = slot.item
        assert isinstance(doc, Document)
        bounds = segment_bounds(doc.text)
        if len(bounds) == 1:
            yield _Task(slot, doc)
            continue
        slot.merger = Merger(doc, len(bounds), pack=pack)
        slot.expected = len(bounds)
        for (a, _b), seg in zip(bounds, segments(doc, bounds), strict=True):
            yield _Task(slot, seg, a)


def _result(task: _Task) -> DocResult:
    assert task.future is not None
    try:
        return task.future.result()
    except (BrokenProcessPool, LexiconError):
        raise
    except Exception as exc:  # the pipeline catches its own errors; this is a transport problem
        assert task.doc is not None
        return DocResult(doc_id=task.doc.doc_id, errors=[f"extraction failed: {type(exc).__name__}: {exc}"])


def _failed(doc: Document, message: str) -> Future[DocResult]:
    f: Future[DocResult] = Future()
    f.set_result(DocResult(doc_id=doc.doc_id, errors=[message]))
    return f


def process_many(items: Iterable[Document | ReadFailure], *, workers: int = 1, select: Select | None = None,
                 progress: Progress | None = None) -> Iterator[Outcome]:
    """Convenience: a `LocalRunner` for one run (its workers end with the iteration)."""
    with LocalRunner(workers) as runner:
        yield from runner.process_many(items, select=select, progress=progress)
