"""CLI commands of the store stage (registered by rasid.cli): ingest, events, claims, export.

Module-level imports stay light (typer only); SQLAlchemy loads inside the commands.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from rasid.cli_errors import fail

if TYPE_CHECKING:
    from rasid.models import ResolvedEvent
    from rasid.store.api import Store

DB_HELP = "Store URL: sqlite:///path.db or postgresql://user:pass@host/db"


@contextmanager
def _open(url: str, *, must_exist: bool = False, lock_timeout: float | None = None) -> Iterator[Store]:
    """Open the store; any database problem becomes one line on stderr and exit code 2."""
    import sqlalchemy as sa

    from rasid.store.api import Store
    from rasid.store.db import StoreError, describe_error, normalise_url

    try:
        if must_exist and normalise_url(url).startswith("sqlite"):
            path = sa.engine.make_url(normalise_url(url)).database or ""
            if not Path(path).is_file():
                raise StoreError(f"no store at {path} (run `rasid ingest --db {url} ...` first)")
        store = Store(url) if lock_timeout is None else Store(url, lock_timeout=lock_timeout)
    except StoreError as exc:
        fail(str(exc))
    except sa.exc.SQLAlchemyError as exc:
        fail(f"cannot open store {_redact(url)}: {describe_error(exc)}")
    except Exception as exc:  # driver import errors, bad ports, ...
        fail(f"cannot open store {_redact(url)}: {type(exc).__name__}: {exc}")
    try:
        yield store
    except StoreError as exc:
        fail(str(exc))
    except sa.exc.SQLAlchemyError as exc:
        fail(f"database error: {describe_error(exc)}")
    finally:
        store.close()


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}" if ":" in creds else url
    return url


class EventsFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class ClaimsFormat(StrEnum):
    json = "json"
    table = "table"


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    jsonl = "jsonl"


def _check_date(value: str | None, option: str) -> None:
    if value is None:
        return
    from rasid.text.dates import parse_iso_date

    if parse_iso_date(value) is None:
        fail(f"{option} must be YYYY-MM-DD, not {value!r}")


def _parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        parts = [float(p) for p in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4 or parts[0] > parts[2] or parts[1] > parts[3]:
        fail(f"--bbox must be min_lon,min_lat,max_lon,max_lat, not {value!r}")
    return parts[0], parts[1], parts[2], parts[3]


def _table(rows: list[list[Any]], headers: list[str]) -> str:
    cells = [[("" if v is None else str(v)) for v in r] for r in rows]
    widths = [min(40, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        return "  ".join((v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths, strict=True))

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells])


def _report_stop(store: Store, stop: Any) -> None:
    """What an interrupted or failed ingest saved (whole batches) and how to go on."""
    s = stop.summary
    try:
        held = f"the store holds {store.stats()['documents']} article(s)"
    except Exception:  # the database is unreachable: what this run saved is still known
        held = "the store cannot be reached now"
    what = "interrupted" if isinstance(stop, KeyboardInterrupt) else f"stopped: {stop.reason}"
    typer.echo(f"rasid: {what}; this run saved {s.new} new and {s.updated} replaced article(s) "
               f"({s.unchanged} unchanged, {len(s.failed)} failed) in whole batches; {held}; "
               f"run the same command again to go on", err=True)


def _print_summary(summary: Any, stats: dict[str, int], as_json: bool, verb: str) -> None:
    """The summary of an ingest or a batch load; exit 1 when every article failed."""
    if as_json:
        typer.echo(json.dumps({"summary": summary.as_dict(), "store": stats}, ensure_ascii=False))
    else:
        rate = summary.total / summary.seconds if summary.seconds > 0 else 0.0
        typer.echo(f"{verb} {summary.total} article(s) in {summary.seconds:.1f}s ({rate:.1f}/s): "
                   f"{summary.new} new, {summary.updated} replaced, {summary.unchanged} unchanged, "
                   f"{len(summary.failed)} failed; {summary.mentions} event mention(s) stored")
        typer.echo(f"store: {stats['documents']} articles, {stats['mentions']} mentions, "
                   f"{stats['events']} resolved events ({stats['merged_mentions']} mentions merged), "
                   f"{stats['claims']} claims; {stats['copies']} article(s) copy another's story")
        for doc_id, reason in summary.replaced:
            typer.echo(f"replaced: {doc_id}: {reason}")
    for _doc_id, reason in summary.failed:  # one line per bad input, like `rasid extract`
        typer.echo(f"rasid: {reason}", err=True)
    if summary.failed and summary.total == len(summary.failed):
        typer.echo(f"rasid: nothing could be {verb} ({len(summary.failed)} input(s) failed)", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app; keep imports inside the commands."""

    @app.command()
    def ingest(
        paths: list[Path] = typer.Argument(None, help="Articles: .txt, .html, .jsonl(.gz) files or directories.",
                                       readable=False),  # an unreadable path is reported, never fatal
        db: str = typer.Option(..., "--db", help=DB_HELP),
        from_batch: Path = typer.Option(None, "--from-batch", help="Load the Parquet shards of a `rasid batch` "
                                        "output folder instead of extracting (idempotent; resolves once)."),
        published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) of single files."),
        workers: int = typer.Option(0, "--workers", "-j", help="Extraction processes (0 = one per CPU, max 8)."),
        batch_size: int = typer.Option(32, "--batch-size", help="Articles per transaction."),
        max_bytes: int = typer.Option(5 * 1024 * 1024, "--max-bytes", help="Refuse article files larger than this."),
        progress: bool = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."),
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        lock_timeout: float = typer.Option(600, "--lock-timeout", help="Seconds to wait for another writer."),
        force: bool = typer.Option(False, "--force", help="Re-extract documents stored as given."),
    ) -> None:
        """Extract articles and store them (idempotent, resumable); resolve events across sources."""
        if from_batch is not None:
            if paths:
                fail("give articles or --from-batch DIR, not both")
            _load_batch(db, from_batch, progress, as_json)
            return
        if not paths:
            fail("give articles to ingest (files or folders), or --from-batch DIR")
        _check_date(published, "--published")
        if batch_size < 1:
            fail("--batch-size must be at least 1")
        from rasid.ingest.readers import count_inputs, read_paths
        from rasid.run import LocalRunner, Progress
        from rasid.store.api import IngestInterrupted, IngestStopped

        n_workers = workers if workers > 0 else min(8, os.cpu_count() or 1)
        show = sys.stderr.isatty() if progress is None else progress
        # the workers start before the store is opened: they never hold a copy of its connections
        with LocalRunner(n_workers, window=max(4 * n_workers, batch_size)) as runner, \
                _open(db, lock_timeout=lock_timeout) as store, \
                Progress(count_inputs(paths) if show else None, desc="ingest", enabled=show) as bar:
            try:
                summary = store.ingest(read_paths(paths, published=published, max_bytes=max_bytes),
                                       runner=runner, batch_size=batch_size, progress=bar, force=force)
            except (IngestInterrupted, IngestStopped) as stop:
                bar.close()
                _report_stop(store, stop)
                raise typer.Exit(130 if isinstance(stop, IngestInterrupted) else 2) from None
            stats = store.stats()
        _print_summary(summary, stats, as_json, "ingested")

    def _load_batch(db: str, folder: Path, progress: bool | None, as_json: bool) -> None:
        from rasid.batch.load import load_batch
        from rasid.batch.shards import ShardError

        if not folder.is_dir():
            fail(f"--from-batch: no such folder: {folder}")
        show = sys.stderr.isatty() if progress is None else progress
        with _open(db) as store:
            try:
                summary = load_batch(store, folder, progress=show)
            except ShardError as exc:
                fail(str(exc))
                return
            stats = store.stats()
        _print_summary(summary, stats, as_json, "loaded")

    @app.command()
    def events(
        db: str = typer.Option(..., "--db", help=DB_HELP),
        fmt: EventsFormat = typer.Option(EventsFormat.json, "--format", "-f", help="json | jsonl | table"),
        date_from: str = typer.Option(None, "--from", help="Events on or after this date (YYYY-MM-DD)."),
        date_to: str = typer.Option(None, "--to", help="Events on or before this date (YYYY-MM-DD)."),
        event_type: str = typer.Option(None, "--type", help="ACLED event_type or sub_event_type."),
        actor: str = typer.Option(None, "--actor", help="Substring of an actor name."),
        admin1: str = typer.Option(None, "--admin1", help="Governorate / province (ACLED admin1)."),
        bbox: str = typer.Option(None, "--bbox", help="min_lon,min_lat,max_lon,max_lat"),
        modality: str = typer.Option(None, "--modality", help="Comma-separated: asserted,claimed,denied,planned,background"),
        limit: int = typer.Option(None, "--limit", help="At most this many events."),
        explain: str = typer.Option(None, "--explain", help="Explain how event ID was merged (JSON)."),
    ) -> None:
        """Resolved events with their sources; filters combine with AND."""
        from rasid.store.api import EventFilter

        _check_date(date_from, "--from")
        _check_date(date_to, "--to")
        box = _parse_bbox(bbox)
        mods = None
        if modality:
            mods = [m.strip() for m in modality.split(",") if m.strip()]
            bad = [m for m in mods if m not in ("asserted", "claimed", "denied", "planned", "background")]
            if bad:
                fail(f"unknown modality {bad[0]!r} (asserted, claimed, denied, planned, background)")
        with _open(db, must_exist=True) as store:
            if explain:
                info = store.explain(explain)
                if info is None:
                    fail(f"no event {explain!r} in this store")
                typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
                return
            rows = store.events(EventFilter(date_from=date_from, date_to=date_to, event_type=event_type,
                                            actor=actor, admin1=admin1, bbox=box, modality=mods, limit=limit))
        _emit_events(rows, fmt.value, typer.echo)

    @app.command()
    def claims(
        db: str = typer.Option(..., "--db", help=DB_HELP),
        fmt: ClaimsFormat = typer.Option(ClaimsFormat.json, "--format", "-f", help="json | table"),
        subject: str = typer.Option(None, "--subject", help="Only groups whose subject contains this text."),
        conflicts_only: bool = typer.Option(False, "--conflicts", help="Only groups whose claims conflict."),
        window_days: int = typer.Option(None, "--window-days", min=0, show_default=False,
                                        help="Reports at most this many days apart describe the same moment "
                                             "(default 3)."),
    ) -> None:
        """Claims grouped by subject across articles, conflicting figures and stances side by side."""
        with _open(db, must_exist=True) as store:
            groups = store.claim_groups(subject, window_days=window_days)
        if conflicts_only:
            groups = [g for g in groups if g["conflict"]]
        if fmt is ClaimsFormat.json:
            typer.echo(json.dumps({"groups": groups}, ensure_ascii=False, indent=2))
            return
        for g in groups:
            flag = "CONFLICT" if g["conflict"] else "agree"
            about = g.get("about") or {}
            where = {"event": f"event {about.get('event_id')} {about.get('event_date') or ''} {about.get('location') or ''}",
                     "admin1": f"in {about.get('admin1')}"}.get(about.get("kind") or "", "one article")
            if g["conflict"] and g["undated"]:
                flag += " (undated)"
            typer.echo(f"== {g['subject']} [{g['unit'] or '-'}] {where.strip()}: {flag} "
                       f"({g['n_stories']} stor(ies), {g['n_articles']} article(s))")
            rows = [[c["claim_date"], c["value"], c["qualifier"], c["stance"], c["speaker"], c["outlet"],
                     c["doc_id"] + (f" +{len(c['copies'])} cop(ies)" if c["copies"] else "")] for c in g["claims"]]
            typer.echo(_table(rows, ["date", "value", "qualifier", "stance", "speaker", "outlet", "doc"]))
            for reason in g["reasons"]:
                typer.echo(f"  {'!' if reason['conflict'] else '~'} {reason['text']}")
            typer.echo("")

    @app.command()
    def export(
        db: str = typer.Option(..., "--db", help=DB_HELP),
        fmt: ExportFormat = typer.Option(ExportFormat.acled_csv, "--format", "-f", help="acled-csv | geojson | jsonl"),
        output: Path = typer.Option(..., "--output", "-o", help="Output file ('-' for stdout)."),
        all_modalities: bool = typer.Option(
            False, "--all-modalities/--reportable-only",
            help="Also export denied, planned and background events (default: ACLED rows only).",
        ),
        drop_undated: bool = typer.Option(False, "--drop-undated",
                                          help="ACLED CSV: leave out events with no date at all."),
        status: str = typer.Option(None, "--status", help="Comma-separated review statuses: auto,confirmed,edited,rejected."),
    ) -> None:
        """Export resolved events: ACLED CSV (ACLED's column order), GeoJSON FeatureCollection, JSON lines."""
        from rasid.export import writers
        from rasid.models import REPORTABLE
        from rasid.store.api import EventFilter

        if str(output) != "-" and not output.parent.exists():
            fail(f"output directory does not exist: {output.parent}")
        statuses = [x.strip() for x in status.split(",") if x.strip()] if status else None
        bad = [x for x in statuses or [] if x not in ("auto", "confirmed", "edited", "rejected")]
        if bad:
            fail(f"unknown review status {bad[0]!r} (auto, confirmed, edited, rejected)")
        with _open(db, must_exist=True) as store:
            rows = store.events(EventFilter(modality=None if all_modalities else sorted(REPORTABLE), status=statuses),
                                with_sources=True)  # ACLED rows too: an undated event takes its first report's date
        count = writers.UndatedCount()
        if fmt is ExportFormat.acled_csv:  # ACLED rows need a date: the first report's, else flagged
            rows = list(writers.with_report_dates(rows, count, drop_undated=drop_undated))
        write: Callable[[Any, Any], int] = {
            ExportFormat.acled_csv: writers.write_acled_csv,
            ExportFormat.geojson: writers.write_geojson,
            ExportFormat.jsonl: writers.write_jsonl,
        }[fmt]
        if str(output) == "-":
            n = write(rows, sys.stdout)
        else:
            try:
                with output.open("w", encoding="utf-8", newline="") as fh:
                    n = write(rows, fh)
            except OSError as exc:
                fail(f"cannot write {output}: {exc.strerror or exc}")
            typer.echo(f"wrote {n} event(s) to {output}", err=True)
        if count.from_publication:
            typer.echo(f"rasid: {count.from_publication} row(s) dated by the publication date of their first "
                       f"report (time_precision 2, tagged '{writers.PUBLICATION_DATE_TAG}')", err=True)
        if count.dropped:
            typer.echo(f"rasid: left out {count.dropped} row(s) without a date (--drop-undated)", err=True)
        elif count.undated:
            typer.echo(f"rasid: {count.undated} row(s) have no date (empty event_date, tagged "
                       f"'{writers.UNDATED_TAG}'); --drop-undated leaves them out", err=True)


def _emit_events(rows: list[ResolvedEvent], fmt: str, echo: Callable[[str], None]) -> None:
    if fmt == "json":
        echo(json.dumps({"events": [r.model_dump() for r in rows]}, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for r in rows:
            echo(json.dumps(r.model_dump(), ensure_ascii=False))
    else:
        echo(_table(
            [[r.event_id, r.event_date, r.sub_event_type, r.actor1, r.actor2, r.location,
              r.admin1, r.fatalities, r.modality, r.n_sources] for r in rows],
            ["id", "date", "sub_event_type", "actor1", "actor2", "location", "admin1", "fatal", "modality", "srcs"],
        ))
