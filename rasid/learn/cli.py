"""CLI command of the learned layer (registered by rasid.cli): `rasid train`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from rasid.learn.layer import BUNDLED


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app; keep imports inside the commands."""

    @app.command("train")
    def train_command(
        gold: Path = typer.Option(Path("gold"), "--gold", help="Gold annotations (file or folder); only the train "
                                  "part of the split is used."),
        corpus: list[Path] = typer.Option(None, "--corpus", help="Corpus JSONL the gold refers to; repeat for several."),
        gsr: Path = typer.Option(None, "--gsr", help="The arabic_event_gsr folder (its dev split: yes / easy no)."),
        out: Path = typer.Option(BUNDLED, "--out", help="Model file to write (its fold models go beside it, "
                                 "*.cv.json)."),
        no_gold: bool = typer.Option(False, "--no-gold", help="Train on the benchmark only."),
        folds: int = typer.Option(5, "--folds", help="Cross-validation folds (calibration, thresholds, report)."),
    ) -> None:
        """Build the learned event layer from the gold train part and the sentence benchmark (needs scikit-learn)."""
        from rasid.learn.train import TrainError, train

        if folds < 2:
            typer.echo("rasid: --folds must be at least 2", err=True)
            raise typer.Exit(2)
        try:
            report = train(None if no_gold else gold, list(corpus or []), gsr, out, folds=folds)
        except TrainError as exc:
            typer.echo(f"rasid: {exc}", err=True)
            raise typer.Exit(2) from None
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True))
