"""Two real processes ingesting into one store at once lose nothing (SQLite file and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "articles"
HERE = Path(__file__).parent


def _articles(folder: Path, start: int, stop: int) -> None:
    base = [p.read_text(encoding="utf-8") for p in sorted(DATA.rglob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, stop):
        (folder / f"gen-{i:04d}.txt").write_text(f"{base[i % len(base)]}\nالخبر رقم {i}\n", encoding="utf-8")


def _url(kind: str, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'conc.db'}"
    from store_helpers import pg_url_or_skip

    return pg_url_or_skip()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_cli_ingests_at_once(kind: str, tmp_path: Path) -> None:
    url = _url(kind, tmp_path)
    _articles(tmp_path / "a", 0, 60)
    _articles(tmp_path / "b", 40, 100)  # 20 articles in both sets (same text: same content hash)
    for i in range(40, 60):
        (tmp_path / "b" / f"gen-{i:04d}.txt").write_text(
            (tmp_path / "a" / f"gen-{i:04d}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    cmd = [sys.executable, "-c", "from rasid.cli import main; main()", "ingest", "--db", url, "--batch-size", "4", "--json"]
    procs = [subprocess.Popen([*cmd, "-j", "1", str(tmp_path / "a")], stdout=subprocess.PIPE, stderr=subprocess.PIPE),
             subprocess.Popen([*cmd, "-j", "2", str(tmp_path / "b")], stdout=subprocess.PIPE, stderr=subprocess.PIPE)]
    outs = [p.communicate(timeout=180) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err.decode()
    from rasid.store import Store

    with Store(url) as s:
        stats = s.stats()
        assert stats["documents"] == 100
        again = s.ingest([], workers=1)
        assert again.total == 0
    import json

    summaries = [json.loads(out)["summary"] for out, _ in outs]
    assert sum(x["new"] for x in summaries) == 100
    assert sum(x["unchanged"] for x in summaries) == 20


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {here!r})
    from factories import doc, event, result
    from rasid.store import Store
    url, part = sys.argv[1], int(sys.argv[2])
    pairs = []
    for k in range(30):
        lat = 34.0 + (k % 10) * 0.3
        for j in (part, part + 2):  # each process holds two outlets' reports of each of 30 events
            d = doc(f"k{{k}}-o{{j}}", f"outlet{{j}}.com", text=f"event {{k}} outlet {{j}}")
            pairs.append((d, result(d, [event(latitude=lat, longitude=39.0, location=f"V{{k}}",
                                              event_date=f"2018-05-{{1 + k % 28:02d}}")])))
    with Store(url) as s:
        s.add_results(pairs, batch_size=3)
""")


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_writers_resolve_consistently(kind: str, tmp_path: Path) -> None:
    """Concurrent writers, interleaved batches: every event still ends up with its four sources."""
    url = _url(kind, tmp_path)
    from rasid.store import Store

    Store(url).close()  # migrate once, so both writers race on data rather than on DDL
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(here=str(HERE)), encoding="utf-8")
    env = {**os.environ}
    procs = [subprocess.Popen([sys.executable, str(script), url, str(part)], stderr=subprocess.PIPE, env=env)
             for part in (0, 1)]
    for p in procs:
        _, err = p.communicate(timeout=180)
        assert p.returncode == 0, err.decode()
    with Store(url) as s:
        assert s.stats()["documents"] == 120 and s.stats()["mentions"] == 120
        events = s.events()
        assert len(events) == 30 and all(e.n_sources == 4 for e in events)
        before = {e.event_id for e in events}
        s.rebuild_resolution()
        assert {e.event_id for e in s.events()} == before


def test_fresh_sqlite_file_two_processes_migrate(tmp_path: Path) -> None:
    """Both processes find an empty file and run the migration: one wins, the other waits and sees it."""
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    code = "import sys; from rasid.store import Store; Store(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE) for _ in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err.decode()
