"""`rasid gold export --reviewed`: analysts' reviews in the gold format (registered by rasid.cli)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from rasid.cli_errors import fail
from rasid.store.cli import DB_HELP, _open

gold_app = typer.Typer(help="Gold annotations made from analysts' reviews.", no_args_is_help=True)


@gold_app.command("export")
def gold_export(
    db: str = typer.Option(..., "--db", help=DB_HELP),
    output: Path = typer.Option(..., "--output", "-o", help="Gold JSONL to write (docs/annotation.md's format)."),
    reviewed: bool = typer.Option(False, "--reviewed", help="Export the events analysts reviewed."),
    corpus_out: Path = typer.Option(None, "--corpus-out", help="Also write the articles' texts as a corpus JSONL for `rasid eval --corpus`."),
    partial: bool = typer.Option(False, "--partial", help="Also export articles some of whose events nobody judged."),
) -> None:
    """Write one gold record per reviewed article: accepted and edited events with the analysts' values."""
    from rasid.store.gold import reviewed_records

    if not reviewed:
        fail("say what to export: --reviewed (the events analysts accepted, edited or rejected)")
    for path in (output, corpus_out):
        if path is not None and not path.parent.exists():
            fail(f"output directory does not exist: {path.parent}")
    n_docs = n_events = 0
    with _open(db, must_exist=True) as store, store.engine.connect() as conn:
        pairs = list(reviewed_records(conn, complete=not partial))
    try:
        with output.open("w", encoding="utf-8") as out:
            for record, _ in pairs:
                out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                n_docs += 1
                n_events += len(record["events"])
        if corpus_out is not None:
            with corpus_out.open("w", encoding="utf-8") as out:
                for _, line in pairs:
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as exc:
        fail(f"cannot write: {exc.strerror or exc}")
    typer.echo(f"wrote {n_docs} reviewed article(s), {n_events} event(s) to {output}", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(gold_app, name="gold")
