"""The `rasid` command: thin wrappers over the library; heavy imports happen inside commands."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from rasid.cli_errors import fail

app = typer.Typer(
    help="rasid (راصد): Arabic conflict news to ACLED-style events with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def root() -> None:
    """rasid (راصد): Arabic conflict news to ACLED-style events with evidence."""


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Articles: .txt, .html, .jsonl files or directories.",
                                       readable=False),  # an unreadable path is reported, never fatal
    published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) of single files."),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="jsonl | json | table"),
    max_bytes: int = typer.Option(5 * 1024 * 1024, "--max-bytes", help="Refuse article files larger than this."),
    all_modalities: bool = typer.Option(
        True, "--all-modalities/--reportable-only",
        help="Keep planned, denied and background events (flagged by modality) or only ACLED rows.",
    ),
    disable: list[str] = typer.Option(
        [], "--disable", metavar="NAME",
        help="Switch a pipeline component off (repeatable): sentences, places, mentions, dates, numbers, "
             "frames, events, entities, claims, learned (the rules alone).",
    ),
    workers: int = typer.Option(1, "--workers", "-j", help="Extraction processes (output stays in input order)."),
    progress: bool = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."),
) -> None:
    """Extract ACLED-style events, entities and claims from Arabic articles."""
    from rasid.output import run_extract
    from rasid.pipeline import COMPONENT_NAMES

    unknown = [name for name in disable if name not in COMPONENT_NAMES]
    if unknown:
        fail(f"--disable: no component named {unknown[0]!r} (components: {', '.join(COMPONENT_NAMES)})")

    if published is not None:
        from rasid.text.dates import parse_iso_date

        if parse_iso_date(published) is None:
            fail(f"--published must be YYYY-MM-DD, not {published!r}")
    from rasid.lexicon.tsv import LexiconError

    try:
        code = run_extract(
            paths, published=published, fmt=fmt.value, max_bytes=max_bytes, all_modalities=all_modalities,
            disable=disable,
            workers=max(1, workers), progress=sys.stderr.isatty() if progress is None else progress,
        )
    except LexiconError as exc:
        fail(f"lexicon error: {exc}")
    raise typer.Exit(code)


lexicon_app = typer.Typer(help="Check the lexicon files (actors, triggers, cues, word lists).", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("check")
def lexicon_check(
    directory: Path = typer.Argument(
        None, help="An override folder to check with the bundled files (default: $RASID_LEXICON_DIR, if set)."),
) -> None:
    """Load and validate every lexicon table; a bad entry is reported with its file and line."""
    from rasid.lexicon.tables import WORD_LIST_FILES
    from rasid.lexicon.tsv import LexiconError
    from rasid.resources import default_resources, load_resources

    if directory is not None and not directory.is_dir():
        fail(f"{directory}: not a folder")
    resources = load_resources(directory) if directory is not None else default_resources()
    try:
        lex = resources.lexicon
        tables = (len(resources.units.table), len(resources.dates.months), len(resources.attribution.entries),
                  len(resources.person_cues["stop"]))
        words = sum(len(resources.words(name)) for name in WORD_LIST_FILES)
    except (LexiconError, OSError) as exc:
        fail(str(exc), code=1)
    typer.echo(f"ok: {len(lex.actors)} actors, {len(lex.actor_matcher)} actor aliases, "
               f"{len(lex.trigger_matcher)} triggers, {len(lex.cue_matcher)} cues, {tables[0]} units, "
               f"{tables[1]} month names, {tables[2]} attribution cues, {tables[3]} person stop words, "
               f"{words} words in {len(WORD_LIST_FILES)} word-list files")


def _register_plugins() -> None:
    """Stage CLIs live beside their stage; each module adds its commands without heavy imports."""
    from rasid.batch import cli as batch_cli
    from rasid.eval import cli as eval_cli
    from rasid.geo import cli as geo_cli
    from rasid.learn import cli as learn_cli
    from rasid.store import cli as store_cli
    from rasid.store import review_cli
    from rasid.web import cli as web_cli

    geo_cli.register(app)
    eval_cli.register(app)
    learn_cli.register(app)
    store_cli.register(app)
    batch_cli.register(app)
    review_cli.register(app)
    web_cli.register(app)


_register_plugins()


def main() -> None:
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("rasid: %(message)s"))
    logger = logging.getLogger("rasid")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("rasid: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
