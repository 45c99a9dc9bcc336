"""CLI commands of the geo stage (registered by rasid.cli): `rasid gazetteer ...`."""

from __future__ import annotations

from pathlib import Path

import typer

from rasid.cli_errors import fail

gazetteer_app = typer.Typer(
    help="Offline gazetteer: import, download, look up places; explain the geoparser.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@gazetteer_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="GeoNames dump (SY.txt / SY.zip) or OCHA-style places CSV."),
    fmt: str = typer.Option("auto", "--format", help="auto | geonames | ocha"),
    country: str = typer.Option(None, "--country", help="ISO2 country of an OCHA file without a country column."),
    name_ar: str = typer.Option(None, "--name-ar", help="OCHA: column with the Arabic name."),
    name_en: str = typer.Option(None, "--name-en", help="OCHA: column with the English name."),
    pcode: str = typer.Option(None, "--pcode", help="OCHA: column with the P-code."),
    lat: str = typer.Option(None, "--lat", help="OCHA: latitude column."),
    lon: str = typer.Option(None, "--lon", help="OCHA: longitude column."),
    admin1: str = typer.Option(None, "--admin1", help="OCHA: governorate column."),
    admin2: str = typer.Option(None, "--admin2", help="OCHA: district column."),
) -> None:
    """Convert a bigger gazetteer into the user gazetteer (used from the next run on)."""
    from rasid.geo.importers import ImportError_, import_geonames, import_ocha
    from rasid.lexicon.tsv import LexiconError

    if not file.is_file():
        fail(f"no such file: {file}")
    kind = fmt
    if kind == "auto":
        kind = "ocha" if file.suffix.lower() == ".csv" else "geonames"
    if kind not in ("geonames", "ocha"):
        fail(f"--format must be auto, geonames or ocha, not {fmt!r}")
    try:
        if kind == "geonames":
            dest = import_geonames(file)
        else:
            cols = {k: v for k, v in {"name_ar": name_ar, "name_en": name_en, "pcode": pcode, "lat": lat,
                                      "lon": lon, "admin1": admin1, "admin2": admin2}.items() if v}
            dest = import_ocha(file, columns=cols, country=country)
    except (ImportError_, LexiconError, UnicodeDecodeError, OSError) as exc:
        fail(str(exc))
        return
    n = sum(1 for line in dest.read_text(encoding="utf-8").splitlines()[2:] if line.strip())
    typer.echo(f"imported {n} places with Arabic names into {dest}")


@gazetteer_app.command("download")
def download_cmd(
    countries: list[str] = typer.Argument(..., help="ISO2 codes, e.g. SY IQ"),
    base_url: str = typer.Option(None, "--base-url", help="Where the {CC}.zip dumps are (default: GeoNames)."),
) -> None:
    """Fetch the official GeoNames country dumps (needs a network) and import them."""
    from rasid.geo.importers import GEONAMES_DUMP_URL, ImportError_, download_geonames

    try:
        paths = download_geonames(countries, base_url=base_url or GEONAMES_DUMP_URL)
    except ImportError_ as exc:
        fail(str(exc))
        return
    for p in paths:
        typer.echo(f"imported {p}")


@gazetteer_app.command("lookup")
def lookup_cmd(
    name: str = typer.Argument(..., help="Arabic (any spelling, optionally after a cue word) or English name."),
    context: str = typer.Option("", "--context", "-c", help="Article text whose places steer the ranking."),
    limit: int = typer.Option(10, "--limit", "-n"),
) -> None:
    """Candidates for a name with coordinates, admin areas and why they rank as they do."""
    from rasid.resources import default_resources

    ranked = default_resources().geoparser.rank(name, context)
    if not ranked:
        fail(f"no place called {name!r} in the gazetteer", code=1)
    for n, (p, score, why) in enumerate(ranked[:limit], start=1):
        typer.echo(
            f"{n}. {p.name} [{p.id}] {p.feature} ({p.lat:.4f}, {p.lon:.4f}) {p.admin1 or '?'} / "
            f"{p.admin2 or '?'}, {p.country_name}; score {score:.1f}; source {p.source}"
        )
        typer.echo(f"   names: {'، '.join(p.names_ar[:6])}")
        for w in why:
            typer.echo(f"   {w}")


@gazetteer_app.command("parse")
def parse_cmd(
    file: Path = typer.Argument(..., help="A UTF-8 text file ('-' for stdin)."),
) -> None:
    """Debug view: every place mention of a text, how it was resolved and why."""
    import sys

    from rasid.geo.geoparser import explain
    from rasid.resources import default_resources
    from rasid.text.normalize import NormText

    if str(file) == "-":
        text = sys.stdin.read()
    else:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read {file}: {exc}")
            return
    mentions = default_resources().geoparser.parse(NormText.of(text), explain=True)
    typer.echo(explain(mentions) if mentions else "no place mentions")


@gazetteer_app.command("build")
def build_cmd() -> None:
    """Rebuild the compiled index now and report its size and load time."""
    import time

    from rasid.geo import gazetteer as gz
    from rasid.lexicon.tsv import LexiconError

    t0 = time.perf_counter()
    try:
        g = gz.load(rebuild=True)
    except LexiconError as exc:
        fail(str(exc))
        return
    t1 = time.perf_counter()
    gz._LOADED = None
    g = gz.load()
    t2 = time.perf_counter()
    typer.echo(f"{len(g.places)} places, {len(g.matcher)} Arabic names; built in {t1 - t0:.1f} s, "
               f"cached load {t2 - t1:.2f} s; cache dir {gz.cache_dir()}")


DB_HELP = "Store URL: sqlite:///path.db or postgresql://user:pass@host/db"


@gazetteer_app.command("unresolved")
def unresolved_cmd(
    db: str = typer.Option(..., "--db", help=DB_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
    limit: int = typer.Option(0, "--limit", help="Show only the N most mentioned names (0: all)."),
) -> None:
    """Places the gazetteer lacked, over a store's articles: add each once, then `rasid gazetteer reresolve`."""
    import json

    from rasid.store.cli import _open
    from rasid.store.places import unresolved_names

    if fmt not in ("table", "json"):
        fail(f"--format must be table or json, not {fmt!r}")
    with _open(db, must_exist=True) as store:
        names = unresolved_names(store, limit=limit or None)
    if fmt == "json":
        typer.echo(json.dumps({"unresolved": names}, ensure_ascii=False, indent=1))
        return
    if not names:
        typer.echo("no unresolved places")
        return
    typer.echo(f"{'mentions':>8} {'articles':>8} {'events':>6}  name  [anchored at]  documents")
    for g in names:
        where = "; ".join(f"{a['latitude']:.3f},{a['longitude']:.3f}" + (f" {a['admin1']}" if a["admin1"] else "")
                          for a in g["anchors"][:3]) or "no anchor"
        typer.echo(f"{g['mentions']:>8} {g['articles']:>8} {g['events']:>6}  {g['name']}  [{where}]  "
                   + ", ".join(g["doc_ids"]))
    typer.echo(f"{len(names)} unresolved names")


@gazetteer_app.command("reresolve")
def reresolve_cmd(
    db: str = typer.Option(..., "--db", help=DB_HELP),
    dry_run: bool = typer.Option(False, "--dry-run", help="Count what would change, change nothing."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Re-geocode a store's places with the current gazetteer (after adding places or fixing points) and
    update the event mentions and resolved events sitting at them, without re-extracting."""
    import json

    from rasid.lexicon.tsv import LexiconError
    from rasid.store.cli import _open
    from rasid.store.places import reresolve

    with _open(db, must_exist=True) as store:
        try:
            summary = reresolve(store, dry_run=dry_run)
        except LexiconError as exc:
            fail(str(exc))
            return
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False))
        return
    verb = "would be" if dry_run else "were"
    typer.echo(f"{summary.checked} place mentions checked: {summary.resolved} unresolved names {verb} found in "
               f"the gazetteer, {summary.moved} places {verb} moved, {summary.still_unresolved} still unresolved; "
               f"{summary.mentions_updated} event mentions updated, {summary.events_touched} events re-resolved")
    if summary.names:
        typer.echo("resolved: " + ", ".join(dict.fromkeys(summary.names)))


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app; keep imports inside the commands."""
    app.add_typer(gazetteer_app, name="gazetteer")
