"""Memory follows the segment size, not the document's: a long article stays bounded in `rasid extract`
and `rasid ingest` (it used to take about 100 bytes per byte of text), and its progress shows segment by
segment. Measured by bench/bench_memory.py, the script behind the figures in docs/reliability.md."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_memory.py"
#: 1.5 MB of text (the 5 MB of the issue's bound take two minutes a command here): without segments about
#: 100 bytes per byte on top of the ~55 MB of a warm pipeline (over 200 MB); with them well under 150 MB.
#: Ingest holds more: the store keeps the article's text and entities for the web app and its copy
#: detection imports datasketch (and with it scipy). Measured 121 MB (extract) and 175 MB (ingest; 228 MB
#: before a long document's records were written segment by segment); at 5 MB 240 and 251 MB, under the
#: issue's 300 MB, which the bound here keeps in proportion (docs/reliability.md).
SIZE_MB = 1.5
LIMIT_MB = {"extract": 150, "ingest": 200}


def test_a_long_article_stays_bounded_in_extract_and_ingest(tmp_path: Path) -> None:
    from rasid.geo.gazetteer import cache_dir

    cache = tmp_path / "cache"  # a cache of our own: building the gazetteer is not what is measured
    cache.mkdir()
    for f in cache_dir().glob("gazetteer-*.pickle"):
        shutil.copy(f, cache)
    proc = subprocess.run([sys.executable, str(BENCH), "--mb", str(SIZE_MB), "--json"], capture_output=True,
                          text=True, timeout=600, env={**os.environ, "RASID_CACHE_DIR": str(cache)})
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    for name in ("extract", "ingest"):
        run = out[name]
        assert run["exit"] == 0, run["stderr"]
        assert run["peak_mb"] < LIMIT_MB[name], (name, run)


def test_progress_follows_the_segments_of_a_long_document() -> None:
    from rasid.run import Progress

    out = io.StringIO()
    with Progress(3, file=out) as bar:
        for done in range(1, 5):
            bar.segment("long.txt", done, 4)
        bar.advance()
    text = out.getvalue()
    assert "long.txt" in text and "/4 [" in text  # the segments of the long document, out of 4
    assert "1/3 [" in text and "<" in text  # articles out of the total, with the time left
