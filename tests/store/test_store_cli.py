"""End to end through the real CLI and `Pipeline`: bookkeeping, idempotence, output shapes, user errors.

Assertions are on the store's bookkeeping (documents stored, idempotence), not on extracted content,
which belongs to the extraction tests.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def rasid(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-c", "from rasid.cli import main; main()", *args], capture_output=True, text=True, env=ENV,
                          timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"rasid {' '.join(args)} -> {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def _store_url(kind: str, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'cli.db'}"
    from store_helpers import pg_url_or_skip

    return pg_url_or_skip()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_ingest_is_idempotent_and_queries_work(kind: str, tmp_path: Path) -> None:
    url = _store_url(kind, tmp_path)
    first = json.loads(rasid("ingest", "--db", url, "--json", "-j", "2", str(DATA)).stdout)
    s = first["summary"]
    assert (s["new"], s["updated"], s["unchanged"]) == (5, 0, 0)
    assert [f["doc_id"] for f in s["failed"]] == ["protest:3"]  # the malformed JSON line, with its reason
    assert "malformed JSON" in s["failed"][0]["reason"]
    assert first["store"]["documents"] == 5

    second = json.loads(rasid("ingest", "--db", url, "--json", "-j", "1", str(DATA)).stdout)
    assert (second["summary"]["new"], second["summary"]["unchanged"]) == (0, 5)
    assert second["store"] == first["store"]  # nothing changed

    text = rasid("ingest", "--db", url, str(DATA / "articles")).stdout
    assert "0 new" in text and "3 unchanged" in text

    out = json.loads(rasid("events", "--db", url, "--format", "json").stdout)
    assert set(out) == {"events"}
    for ev in out["events"]:
        assert {"event_id_cnty", "event_date", "fatalities", "sources", "modality"} <= set(ev)
        assert all({"doc_id", "outlet", "published", "evidence"} <= set(src) for src in ev["sources"])
    for ev in out["events"][:2]:
        why = json.loads(rasid("events", "--db", url, "--explain", ev["event_id"]).stdout)
        assert why["event_id"] == ev["event_id"]
    rasid("events", "--db", url, "--format", "table", "--from", "2018-01-01", "--bbox", "35,32,43,38")
    for line in rasid("events", "--db", url, "--format", "jsonl").stdout.splitlines():
        json.loads(line)

    claims = json.loads(rasid("claims", "--db", url, "--format", "json").stdout)
    assert isinstance(claims["groups"], list)
    rasid("claims", "--db", url, "--format", "table")

    csv_path = tmp_path / "events.csv"
    rasid("export", "--db", url, "--format", "acled-csv", "-o", str(csv_path))
    with csv_path.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[0] == "event_id_cnty" and header[-1] == "timestamp" and len(header) == 31
    geo = tmp_path / "events.geojson"
    rasid("export", "--db", url, "--format", "geojson", "-o", str(geo))
    assert json.loads(geo.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    rasid("export", "--db", url, "--format", "jsonl", "-o", str(tmp_path / "events.jsonl"))


def _one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, proc
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rasid: "), proc.stderr
    return lines[0]


def test_user_errors_are_one_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    other = f"sqlite:///{tmp_path / 'other.db'}"
    missing = rasid("ingest", "--db", other, str(tmp_path / "nope"), check=False)  # the rule of `rasid extract`
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.splitlines() == [f"rasid: {tmp_path / 'nope'}: no such file or directory",
                                           "rasid: nothing could be ingested (1 input(s) failed)"]
    assert "URL" in _one_line_error(rasid("ingest", "--db", "mysql://x/y", str(DATA), check=False))
    assert "URL" in _one_line_error(rasid("events", "--db", "not-a-url", check=False))
    assert "does not exist" in _one_line_error(
        rasid("ingest", "--db", "sqlite:////no/such/dir/x.db", str(DATA), check=False))
    assert "no store" in _one_line_error(rasid("events", "--db", db, check=False))
    msg = _one_line_error(rasid("events", "--db", "postgresql://rasid:secret@127.0.0.1:1/x", check=False))
    assert "cannot open store" in msg and "secret" not in msg
    rasid("ingest", "--db", db, str(DATA / "articles"))
    assert "YYYY-MM-DD" in _one_line_error(rasid("events", "--db", db, "--from", "yesterday", check=False))
    assert "bbox" in _one_line_error(rasid("events", "--db", db, "--bbox", "1,2,3", check=False))
    assert "modality" in _one_line_error(rasid("events", "--db", db, "--modality", "rumour", check=False))
    assert "no event" in _one_line_error(rasid("events", "--db", db, "--explain", "ev-0", check=False))
