"""`rasid batch`: extract an archive on a Dask cluster (a LocalCluster by default) into Parquet shards.

The client plans tasks (`rasid.batch.tasks`), skips those a previous run completed, and keeps a bounded
number in flight, so memory stays flat on an archive of any size. Each task runs on a worker with that
worker's own warmed `Pipeline`, catches a crash per article (recorded in the errors shard, the rest of
the task goes on) and writes its shards atomically; a worker that dies mid-task has the task re-run by
the scheduler, and the re-run writes the same shard names, so nothing is duplicated.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.batch.shards import ShardRows, done_tasks
from rasid.batch.tasks import DEFAULT_TASK_SIZE, Task, describe, plan_tasks
from rasid.ingest.readers import DEFAULT_MAX_BYTES, ReadFailure
from rasid.models import DocResult, Document

Extract = Callable[[Document], DocResult]

_PIPELINE: Any = None  # one warmed pipeline per worker process: a resource, not per-document state


def _worker_extract() -> Extract:
    """The worker's extraction: the same `process_document` as every runner (long documents in segments)."""
    global _PIPELINE
    if _PIPELINE is None:
        from rasid.pipeline import Pipeline

        _PIPELINE = Pipeline().warm(freeze=True)
    from rasid.run import process_document

    pipeline = _PIPELINE
    return lambda doc: process_document(pipeline, doc)


def run_task(task: Task, out: str, max_bytes: int = DEFAULT_MAX_BYTES, extract: Extract | None = None) -> dict[str, Any]:
    """Extract one task's articles and write its shards; returns counts for the client's summary."""
    process = extract or _worker_extract()
    rows = ShardRows()
    started = time.perf_counter()
    for item in task.read(max_bytes=max_bytes):
        if isinstance(item, ReadFailure):
            rows.add_error(item.doc_id, item.source, "read", item.message)
            continue
        try:
            result = process(item)
        except Exception as exc:  # one article never sinks its task
            rows.add_error(item.doc_id, item.source_path or task.source, "crash", f"{type(exc).__name__}: {exc}")
            continue
        rows.add_result(item, result)
        if result.errors:
            rows.add_error(item.doc_id, item.source_path or task.source, "extract", "; ".join(result.errors))
    rows.write(Path(out), task.task_id, {"source": describe(task)})
    counts: dict[str, Any] = {t: len(r) for t, r in rows.tables.items()}
    counts["seconds"] = time.perf_counter() - started
    return counts


def peak_rss_mb() -> float:
    """Peak resident memory of the calling process (run on each worker by the benchmark)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class BatchSummary:
    tasks: int = 0
    skipped: int = 0  # completed by an earlier run
    articles: int = 0
    events: int = 0
    entities: int = 0
    claims: int = 0
    errors: int = 0
    failed_tasks: list[tuple[str, str]] = field(default_factory=list)
    input_failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    dashboard: str | None = None
    workers: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def count_articles(inputs: Iterable[str | Path], task_size: int) -> int:
    """Articles to expect, for the progress bar (a cheap pass: newline counts, file counts)."""
    return sum(t.n_items for t in plan_tasks(inputs, task_size=task_size) if isinstance(t, Task))


def run_batch(
    inputs: list[str | Path],
    out: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    task_size: int = DEFAULT_TASK_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = True,
    extract: Extract | None = None,
    dashboard_address: str = ":8787",
    echo: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
) -> BatchSummary:
    """Run every task not yet done; `extract` replaces the pipeline (tests inject faults with it)."""
    from dask.distributed import Client, LocalCluster, as_completed

    out.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary()
    started = time.perf_counter()
    done = done_tasks(out)
    total = count_articles(inputs, task_size) if progress else 0
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=dashboard_address, silence_logs=40)
        client = Client(cluster)
    bar = None
    try:
        summary.workers = len(client.scheduler_info().get("workers", {}))
        summary.dashboard = client.dashboard_link
        echo(f"rasid batch: {summary.workers} worker(s); Dask dashboard: {summary.dashboard}")
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True, desc="batch")
        window = max(4, 3 * max(1, summary.workers))
        pending = as_completed()
        in_flight: dict[Any, Task] = {}  # by Dask key
        seen: set[str] = set()

        def collect(future: Any) -> None:
            task = in_flight.pop(future.key)
            try:
                counts = future.result()
            except Exception as exc:  # the task failed on every retry (e.g. workers killed repeatedly)
                summary.failed_tasks.append((describe(task), f"{type(exc).__name__}: {exc}"))
            else:
                summary.articles += counts["articles"]
                summary.events += counts["events"]
                summary.entities += counts["entities"]
                summary.claims += counts["claims"]
                summary.errors += counts["errors"]
            finally:
                future.release()
            if bar is not None:
                bar.update(task.n_items)

        for item in plan_tasks(inputs, task_size=task_size):
            if isinstance(item, ReadFailure):
                summary.input_failures.append(str(item))
                echo(f"rasid: {item}")
                continue
            if item.task_id in seen:
                continue
            seen.add(item.task_id)
            summary.tasks += 1
            if item.task_id in done:
                summary.skipped += 1
                if bar is not None:
                    bar.update(item.n_items)
                continue
            key = f"rasid-task-{item.task_id}"
            future = client.submit(run_task, item, str(out), max_bytes, extract, key=key, pure=False)
            in_flight[future.key] = item
            pending.add(future)
            while len(in_flight) >= window:
                collect(next(pending))
        for future in pending:
            collect(future)
    finally:
        if bar is not None:
            bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary
