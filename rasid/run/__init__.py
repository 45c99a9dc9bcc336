"""Batch runs: many documents through the `Pipeline`, results in input order, memory bounded.

One runner serves `rasid extract`, `rasid ingest` (via `Store.ingest`) and, later, a cluster runner:

    from rasid.run import LocalRunner, Progress
    with LocalRunner(workers=4) as runner:            # worker processes start now, before any database
        for outcome in runner.process_many(read_paths(paths), progress=Progress(total)):
            outcome.item, outcome.result              # Document | ReadFailure, DocResult | None (skipped)

`select` lets the caller skip documents before extraction (the store skips what it already holds).
A document longer than a few tens of kilobytes is processed in segments (`rasid.run.segments`), so
memory stays bounded whatever the document's size; with `pack=True` (the store's way) its result comes
as a `PackedResult`, its segments' records pickled, for a consumer that writes them out one by one. A cluster runner implements the same
`process_many` and calls `process_document` on its workers.
"""

from __future__ import annotations

from rasid.run.base import Outcome, Runner, Select
from rasid.run.local import LocalRunner, process_many
from rasid.run.progress import Progress
from rasid.run.segments import process_document

__all__ = ["LocalRunner", "Outcome", "Progress", "Runner", "Select", "process_document", "process_many"]
