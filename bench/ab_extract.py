"""Speed A/B in one run: bench/bench_extract.py on a revision (A) and on the working tree (B), alternated.

    python bench/ab_extract.py --rev ac4de23 --rounds 4 --articles 600 [--cpu 1]

Both sides run this tree's bench_extract.py (same articles) against their own `rasid` package (A from a
temporary `git worktree`), each with its own gazetteer cache, pinned to one CPU (`taskset`) when given.
Prints every run and the median of each figure; speed on shared machines drifts, so only figures of the
same run compare.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ("articles_per_second", "articles_per_cpu_second", "corpus_articles_per_second", "startup_seconds",
           "peak_rss_mb")


def run(tree: Path, cache: Path, articles: int, cpu: str | None) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RASID_")}
    env.update(PYTHONPATH=str(tree), RASID_CACHE_DIR=str(cache))
    cmd = [sys.executable, str(ROOT / "bench" / "bench_extract.py"), "--articles", str(articles)]
    if cpu is not None and shutil.which("taskset"):
        cmd = ["taskset", "-c", cpu, *cmd]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, cwd=cache.parent).stdout
    report: dict[str, float] = json.loads(out)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rev", default="ac4de23")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--cpu", default="1", help="CPU to pin both sides to ('' for none)")
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{args.rev}^{{commit}}"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="rasid-ab-") as tmp:
        base = Path(tmp) / "a"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), commit], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            sides = {"A": (base, Path(tmp) / "cache-a"), "B": (ROOT, Path(tmp) / "cache-b")}
            results: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
            for tree, cache in sides.values():  # build each side's gazetteer cache, untimed
                run(tree, cache, 5, None)
            for r in range(args.rounds):
                for side in ("A", "B") if r % 2 == 0 else ("B", "A"):
                    tree, cache = sides[side]
                    report = run(tree, cache, args.articles, args.cpu or None)
                    results[side].append(report)
                    print(side, {k: report.get(k) for k in FIGURES}, flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)
    print(f"medians over {args.rounds} rounds (A = {args.rev}, B = working tree):")
    for k in FIGURES:
        a = statistics.median(x.get(k, 0.0) for x in results["A"])
        b = statistics.median(x.get(k, 0.0) for x in results["B"])
        if not a:
            continue
        print(f"  {k:28s} A {a:8.2f}   B {b:8.2f}   B/A {b / a:5.3f}")


if __name__ == "__main__":
    main()
