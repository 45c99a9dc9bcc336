"""`rasid extract` output: JSONL for pipes, a JSON array, or a table for people; problems go to stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from rasid.ingest.readers import ReadFailure, count_inputs, read_paths
from rasid.models import REPORTABLE, DocResult, Document
from rasid.run import LocalRunner, Progress
from rasid.run.base import deferred_interrupt, visible
from rasid.run.segments import PackedResult


def run_extract(paths: Iterable[Path], *, published: str | None, fmt: str, max_bytes: int,
                all_modalities: bool = True, out: TextIO | None = None, workers: int = 1,
                progress: bool = False, disable: Iterable[str] = ()) -> int:
    """Process every input; return the exit status (non-zero only when nothing could be processed).
    `disable`: pipeline components to switch off (`Pipeline.disable`)."""
    out = out or sys.stdout
    paths = list(paths)
    processed = 0
    failed = 0
    collected: list[dict] = []
    try:
        with LocalRunner(workers, disable=disable) as runner, \
                Progress(count_inputs(paths) if progress else None, desc="extract", enabled=progress) as bar:
            for outcome in runner.process_many(read_paths(paths, published=published, max_bytes=max_bytes),
                                               progress=bar):
                with deferred_interrupt():  # a record is written whole, and counted
                    ok = _emit(outcome.item, outcome.result, fmt=fmt, out=out, all_modalities=all_modalities,
                               collected=collected)
                    processed += ok
                    failed += not ok
    except KeyboardInterrupt:
        done = processed + failed
        kept = ("nothing written: --format json writes at the end" if fmt == "json" else
                f"the {done} record(s) written are complete")
        print(f"rasid: interrupted after {done} input(s); {kept}", file=sys.stderr)
        return 130
    if fmt == "json":
        out.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    if processed == 0:
        print(f"rasid: nothing could be processed ({failed} input(s) failed)", file=sys.stderr)
        return 1
    return 0


def _emit(item: Document | ReadFailure, result: DocResult | PackedResult | None, *, fmt: str, out: TextIO,
          all_modalities: bool, collected: list[dict]) -> bool:
    """Write one input's record; problems go to stderr. True when the input was processed."""
    assert result is not None
    if isinstance(result, PackedResult):  # not asked for; whole, should a runner give one anyway
        result = result.unpack()
    ok = False
    if isinstance(item, ReadFailure):
        print(f"rasid: {visible(str(item))}", file=sys.stderr)
    else:
        if result.errors:
            for error in result.errors:
                print(f"rasid: {visible(item.source_path or item.doc_id)}: {error}", file=sys.stderr)
        ok = result.language == "ar"
    if not all_modalities:
        result.events = [e for e in result.events if e.modality in REPORTABLE]
    if fmt == "jsonl":
        write_json_line(result, out)
        out.flush()
    elif fmt == "json":
        collected.append(result.model_dump(mode="json"))
    else:
        write_table(result, out)
    return ok


def write_json_line(result: DocResult, out: TextIO) -> None:
    """`json.dumps(result.model_dump(mode="json"), ensure_ascii=False)` and a newline, the same bytes,
    written record by record: the result of a 5 MB article (100,000 entities) is never one string."""
    out.write("{")
    for i, name in enumerate(type(result).model_fields):
        value = getattr(result, name)
        out.write(f"{', ' if i else ''}{json.dumps(name)}: ")
        if isinstance(value, list) and value and hasattr(value[0], "model_dump"):
            out.write("[")
            for j, item in enumerate(value):
                out.write((", " if j else "") + json.dumps(item.model_dump(mode="json"), ensure_ascii=False))
            out.write("]")
        else:
            out.write(json.dumps(result.model_dump(mode="json", include={name})[name], ensure_ascii=False))
    out.write("}\n")


def write_table(result: DocResult, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=160)
    head = result.title or ""
    title = f"{result.doc_id}  {head if len(head) <= 80 else head[:79] + '…'}".strip()
    if result.errors:
        console.print(f"[bold]{title}[/bold]: " + "; ".join(result.errors))
        return
    table = Table(title=title, show_lines=False)
    for column in ("date", "type", "sub-type", "actor1", "actor2", "location", "admin1", "fat.", "modality", "conf."):
        table.add_column(column)
    for e in result.events:
        table.add_row(e.event_date or "?", e.event_type, e.sub_event_type, e.actor1 or "", e.actor2 or "",
                      e.location or "", e.admin1 or "", str(e.fatalities), e.modality, f"{e.confidence:.2f}")
    console.print(table)
    for i, e in enumerate(result.events, 1):
        console.print(f"  {i}. {e.notes}")
    if result.claims:
        console.print(f"  claims: {len(result.claims)}")
