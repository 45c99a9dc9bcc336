"""ACLED rows need a date: an undated event takes its earliest report's publication date (week precision,
tagged), one without any is tagged 'undated', counted by `export`, and dropped on request."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from factories import doc, event, result

from rasid.store import Store

CLI = [sys.executable, "-c", "from rasid.cli import main; main()"]


def _store(url: str) -> None:
    dated = doc("dated", "a.example", published="2018-11-02", text="نص أول")
    late = doc("late", "b.example", published="2018-11-05", text="نص ثان")
    nodate = doc("nodate", "c.example", published="2018-11-05", text="نص ثالث")
    nodate.published = None
    with Store(url) as s:
        s.add_results([
            (dated, result(dated, [event(event_date="2018-11-01")])),
            (late, result(late, [event(event_date=None, time_precision=None, location="Susah")])),
            (nodate, result(nodate, [event(event_date=None, time_precision=None, location="Shafah")])),
        ])


def _export(url: str, out: Path, *extra: str) -> tuple[list[dict[str, str]], str]:
    proc = subprocess.run([*CLI, "export", "--db", url, "--format", "acled-csv", "-o", str(out), *extra],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    with out.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh)), proc.stderr


def test_undated_events_take_the_publication_date_or_are_flagged(sqlite_url: str, tmp_path: Path) -> None:
    _store(sqlite_url)
    rows, err = _export(sqlite_url, tmp_path / "e.csv")
    by_place = {r["location"]: r for r in rows}
    assert by_place["Hajin"]["event_date"] == "2018-11-01" and by_place["Hajin"]["time_precision"] == "1"
    susah = by_place["Susah"]
    assert (susah["event_date"], susah["year"], susah["time_precision"]) == ("2018-11-05", "2018", "2")
    assert "date from publication" in susah["tags"]
    shafah = by_place["Shafah"]
    assert shafah["event_date"] == "" and "undated" in shafah["tags"]
    assert "1 row(s) dated by the publication date of their first report" in err
    assert "1 row(s) have no date" in err and "--drop-undated" in err
    rows, err = _export(sqlite_url, tmp_path / "d.csv", "--drop-undated")
    assert sorted(r["location"] for r in rows) == ["Hajin", "Susah"]
    assert "left out 1 row(s) without a date" in err
