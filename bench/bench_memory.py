"""Peak memory of `rasid extract` and `rasid ingest` on one long article (issue 11: it used to be about
100 bytes per byte of text; long documents now go through in segments).

    python bench/bench_memory.py                 # a 5 MB article
    python bench/bench_memory.py --mb 1.5 --json
    python bench/bench_memory.py --format html   # the same article as an HTML page (or --format jsonl: one line)

The article is the project's own examples/ repeated (each copy numbered) up to the size asked (as a
text file, one JSONL line, or an HTML page whose paragraphs are the examples'). Peak
resident memory of each command is measured by the kernel (wait4's ru_maxrss), one worker, the
gazetteer cache warmed first (by another process: this one stays small, as its children inherit its peak). Prints one line per command, or JSON.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from rasid.cli import main; main()"]


def long_article(path: Path, size: int, fmt: str = "txt") -> Path:
    """An article of about `size` bytes (at most `size` for JSONL and HTML) at `path`, its suffix given by
    `fmt`: txt, jsonl (one line) or html (a page with a paragraph per copy)."""
    parts = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "examples").glob("*.txt"))]
    out: list[str] = []
    n = i = 0
    while n < size:
        para = parts[i % len(parts)] + f"\nالخبر رقم {i}."
        out.append(para)
        n += len(para.encode("utf-8")) + 2
        i += 1
    path = path.with_suffix("." + fmt)
    data = _render(out, fmt)
    while fmt != "txt" and len(data) > size:  # the markup made it longer: drop the copies that overflow
        over = len(data) - size
        while over > 0 and len(out) > 1:
            over -= len(out.pop().encode("utf-8"))
        data = _render(out, fmt)
    path.write_bytes(data)
    return path


def _render(paragraphs: list[str], fmt: str) -> bytes:
    text = "\n\n".join(paragraphs)
    if fmt == "jsonl":
        text = json.dumps({"id": "long", "outlet": "bench", "text": text}, ensure_ascii=False) + "\n"
    elif fmt == "html":
        body = "\n".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
        text = (f"<!doctype html>\n<html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>long</title>"
                f"</head><body><article>\n{body}\n</article></body></html>\n")
    return text.encode("utf-8")


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
    ap.add_argument("--format", choices=("txt", "jsonl", "html"), default="txt", help="the article's file type")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    # warm the gazetteer cache in another process: a child started by vfork inherits its parent's peak
    subprocess.run([sys.executable, "-c", "from rasid.geo.gazetteer import load; load()"], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        article = long_article(Path(tmp) / "long", int(args.mb * 1_000_000), args.format)
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
        print(f"{name}: {size / 1e6:.1f} MB {args.format} article, peak {r['peak_mb']} MB, {r['seconds']} s, exit {r['exit']}")


if __name__ == "__main__":
    main()
