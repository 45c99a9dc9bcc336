"""CLI command of the batch stage (registered by rasid.cli): `rasid batch`. Dask loads inside the command."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def batch(
        inputs: list[Path] = typer.Argument(..., help="Folders, .txt, .html, .jsonl and .jsonl.gz files."),
        out: Path = typer.Option(..., "--out", "-o", help="Output folder of Parquet shards (re-runs skip done tasks)."),
        workers: int = typer.Option(0, "--workers", "-j", help="Local worker processes (0 = one per CPU)."),
        scheduler: str = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler "
                                      "(tcp://host:8786); without it a LocalCluster is started."),
        task_size: int = typer.Option(250, "--task-size", help="Articles per task."),
        max_bytes: int = typer.Option(5 * 1024 * 1024, "--max-bytes", help="Refuse article files larger than this."),
        progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
        dashboard: str = typer.Option(":8787", "--dashboard-address", help="Dask dashboard address (local cluster)."),
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    ) -> None:
        """Extract an archive on Dask into Parquet shards of articles, events, entities, claims and errors."""
        from rasid.cli import fail

        if workers and scheduler:
            fail("give --workers (local cluster) or --scheduler (existing cluster), not both")
        if task_size < 1:
            fail("--task-size must be at least 1")
        from rasid.batch.cluster import run_batch

        try:
            summary = run_batch(list(inputs), out, workers=workers or None, scheduler=scheduler,
                                task_size=task_size, max_bytes=max_bytes, progress=progress,
                                dashboard_address=dashboard)
        except OSError as exc:  # scheduler unreachable, output folder not writable
            fail(f"batch failed: {exc}")
            return
        if as_json:
            typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False))
        else:
            rate = summary.articles / summary.seconds if summary.seconds else 0.0
            typer.echo(f"batch: {summary.tasks} task(s), {summary.skipped} already done; {summary.articles} article(s) "
                       f"in {summary.seconds:.1f}s ({rate:.1f}/s) on {summary.workers} worker(s): {summary.events} "
                       f"events, {summary.claims} claims, {summary.errors} error record(s) -> {out}")
            for where, reason in summary.failed_tasks:
                typer.echo(f"failed task: {where}: {reason}")
        if summary.failed_tasks or (summary.input_failures and summary.tasks == 0):
            raise typer.Exit(1)
