"""CLI commands of the eval stage (registered by rasid.cli)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


class EvalSplit(StrEnum):
    all = "all"
    train = "train"
    val = "val"


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app; keep imports inside the commands."""

    @app.command("eval")
    def eval_command(
        gold: Path = typer.Argument(None, help="Gold annotations: a JSONL file or a folder of them (e.g. gold/)."),
        corpus: list[Path] = typer.Option(
            None, "--corpus", help="Corpus JSONL the gold refers to (news_dev.jsonl); repeat for several. Gold "
            "articles in none of them are left out (counted as skipped_gold)."),
        gsr: Path = typer.Option(None, "--gsr", help="Also score the arabic_event_gsr sentence benchmark folder."),
        fmt: EvalFormat = typer.Option(EvalFormat.table, "--format", "-f", help="table | json (stable, sorted)"),
        errors: bool = typer.Option(False, "--errors", help="List missed and extra events with their evidence."),
        all_modalities: bool = typer.Option(
            False, "--all-modalities", help="Score events of every modality, not only asserted/claimed."),
        predictions: Path = typer.Option(
            None, "--predictions", help="Score this `rasid extract` JSONL instead of running extraction."),
        split: EvalSplit = typer.Option(
            EvalSplit.all, "--split", help="Gold part to score: train, val (aggregate figures only) or all "
            "(both, side by side). The split is a fixed hash of the doc id (rasid.eval.split)."),
        model: str = typer.Option(
            None, "--model", help="The learned layer after the rules, as `rasid extract` runs it: 'bundled' (the "
            "default: the model shipped with rasid) or a model file. Articles and sentences it was trained on are "
            "read by the fold model that never saw them."),
        no_model: bool = typer.Option(False, "--no-model", help="Rules only (as `rasid extract --disable learned`)."),
    ) -> None:
        """Score extraction against gold articles and/or the sentence benchmark (precision, recall, F1)."""
        from rasid.eval.run import EvalError, evaluate, format_json, format_table

        if gold is None and gsr is None:
            typer.echo("rasid: give a GOLD file (with --corpus) and/or --gsr DIR", err=True)
            raise typer.Exit(2)
        if model is not None and no_model:
            typer.echo("rasid: give --model or --no-model, not both", err=True)
            raise typer.Exit(2)
        if predictions is not None and not predictions.exists():
            typer.echo(f"rasid: predictions file not found: {predictions}", err=True)
            raise typer.Exit(2)
        try:
            out = evaluate(gold, corpus, gsr, predictions=predictions, all_modalities=all_modalities, errors=errors,
                           split=split.value, model=None if no_model or (predictions is not None and model is None) else (model or "bundled"))
        except EvalError as exc:
            typer.echo(f"rasid: {exc}", err=True)
            raise typer.Exit(2) from None
        typer.echo(format_json(out) if fmt is EvalFormat.json else format_table(out))
