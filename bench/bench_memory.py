"""Peak memory of `rasid extract` and `rasid ingest` on one long article (issue 11: it used to be about
100 bytes per byte of text; long documents now go through in segments).

    python bench/bench_memory.py                 # a 5 MB article
    python bench/bench_memory.py --mb 1.5 --json

The article is the project's own examples/ repeated (each copy numbered) up to the size asked. Peak
resident memory of each command is measured by the kernel (wait4's ru_maxrss), one worker, the
gazetteer cache warmed first (by another process: this one stays small, as its children inherit its peak). Prints one line per command, or JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from rasid.cli import main; main()"]


def long_article(path: Path, size: int) -> Path:
    parts = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "examples").glob("*.txt"))]
    out: list[str] = []
    n = i = 0
    while n < size:
        para = parts[i % len(parts)] + f"\nالخبر رقم {i}."
        out.append(para)
        n += len(para.encode("utf-8")) + 2
        i += 1
    path.write_text("\n\n".join(out), encoding="utf-8")
    return path


def measure(cmd: list[str]) -> dict[str, object]:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    return {"exit": os.waitstatus_to_exitcode(status), "peak_mb": round(usage.ru_maxrss / 1024, 1),
            "seconds": round(time.perf_counter() - started, 1), "stderr": err[-500:]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="article size in MB (default 5)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    # warm the gazetteer cache in another process: a child started by vfork inherits its parent's peak
    subprocess.run([sys.executable, "-c", "from rasid.geo.gazetteer import load; load()"], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        article = long_article(Path(tmp) / "long.txt", int(args.mb * 1_000_000))
        size = article.stat().st_size
        cap = str(max(size + 1, 5 * 1024 * 1024))
        runs = {
            "extract": measure([*CLI, "extract", "--no-progress", "--max-bytes", cap, str(article)]),
            "ingest": measure([*CLI, "ingest", "--db", f"sqlite:///{Path(tmp) / 'm.db'}", "-j", "1",
                               "--no-progress", "--max-bytes", cap, str(article)]),
        }
    if args.json:
        print(json.dumps({"bytes": size, **runs}))
        return
    for name, r in runs.items():
        print(f"{name}: {size / 1e6:.1f} MB article, peak {r['peak_mb']} MB, {r['seconds']} s, exit {r['exit']}")


if __name__ == "__main__":
    main()
