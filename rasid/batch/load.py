"""`rasid ingest --from-batch DIR`: the shards of a batch run into the store, then one resolution pass.

Loading follows `rasid ingest`'s rules (an article stored under the same content hash and extractor
version is unchanged; an article whose extraction yielded only errors is a failure, not a row), so
loading the same shards twice adds nothing, and a new batch merges with the events already stored.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from rasid.batch.shards import read_batch
from rasid.store.api import IngestSummary, Store


def load_batch(store: Store, out: Path, *, progress: bool = False,
               echo: Callable[[str], None] = lambda s: print(s, file=sys.stderr)) -> IngestSummary:
    import time

    started = time.perf_counter()
    summary = IngestSummary()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit="task", file=sys.stderr, dynamic_ncols=True, desc="load")
    try:
        for task in read_batch(out):
            good = []
            for doc, result in task.pairs:
                if result.errors and not (result.events or result.entities or result.claims):
                    summary.failed.append((doc.doc_id, "; ".join(result.errors)))
                else:
                    good.append((doc, result))
            summary.failed.extend((e["doc_id"], f"{e['source']}: {e['message']}")
                                  for e in task.errors if e["stage"] in ("read", "crash"))
            summary.add(store.add_results(good, resolve=False))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    if summary.new or summary.updated:
        store.rebuild_resolution()
    summary.seconds = time.perf_counter() - started
    return summary
