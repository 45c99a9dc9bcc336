"""Speed A/B in one run: extraction on a revision (A) and on the working tree (B), alternated round by round.

    python bench/ab_extract.py --rev 8f57a17 --rounds 8 --articles 150 [--cpu 1] [--disable learned]
    python bench/ab_extract.py --python-b .venv-wheel/bin/python --tree-b -    # B: an installed (compiled) rasid
    python bench/ab_extract.py --rev 8f57a17 --callgrind --articles 10   # instructions per article (valgrind)

Each side is one long-lived worker process (its own `rasid` package: A from a temporary `git worktree`,
each with its own gazetteer cache) that loads the pipeline once and then, on each round, extracts the same
1,000-word articles (bench/bench_extract.py builds them from this tree's recipe) and reports the CPU time
it used (`time.process_time`: what one core gives, steadier than wall time on a shared machine). Rounds
alternate A-B, B-A, ... Prints every round, the median articles per CPU-second of each side and the
median of the paired ratios B/A (each round's B against the A next to it).

With `--callgrind`, each side runs once under valgrind's callgrind (both at the same time) and the
figure is the number of instructions executed per article, counted only while the articles are extracted
(`--toggle-collect` on the iterator that runs them; start-up and warm-up are not counted). It does not
depend on what else the machine runs, so one run settles differences of a few percent that CPU-time
rounds on a busy shared machine cannot; it is about 50 times slower, and instructions are not time
(cache misses and the like are not weighed).
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

#: The worker: loads the pipeline, then answers each line on stdin with one JSON line of timings.
WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from bench_extract import make_articles
from rasid.models import Document
from rasid.pipeline import Pipeline
articles, words, source = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
disable = [d for d in sys.argv[5].split(",") if d]
docs = [Document(doc_id=str(i), text=t, published="2019-03-22")
        for i, t in enumerate(make_articles(articles, words, source=source))]
pipeline = (Pipeline(disable=disable) if disable else Pipeline()).warm(freeze=True)  # old revisions: no disable
for d in docs[:5]:
    pipeline.process(d)
print(json.dumps({"ready": True}), flush=True)
for _ in sys.stdin:
    t0, c0 = time.perf_counter(), time.process_time()
    events = sum(len(pipeline.process(d).events) for d in docs)
    print(json.dumps({"cpu": time.process_time() - c0, "wall": time.perf_counter() - t0, "events": events}),
          flush=True)
"""


#: The callgrind worker: only the articles' extraction runs inside `itertools.starmap` (collected).
CALLGRIND_WORKER = r"""
import itertools, sys
sys.path.insert(0, sys.argv[1])
from bench_extract import make_articles
from rasid.models import Document
from rasid.pipeline import Pipeline
articles, words, source = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
disable = [d for d in sys.argv[5].split(",") if d]
docs = [Document(doc_id=str(i), text=t, published="2019-03-22")
        for i, t in enumerate(make_articles(articles + 2, words, source=source))]
pipeline = (Pipeline(disable=disable) if disable else Pipeline()).warm(freeze=True)  # old revisions: no disable
for d in docs[:2]:
    pipeline.process(d)
print(sum(itertools.starmap(lambda d: len(pipeline.process(d).events), ((d,) for d in docs[2:]))))
"""


def callgrind(sides: dict[str, tuple[str, Path | None, Path, list[str]]], args: argparse.Namespace) -> dict[str, int]:
    """Instructions executed while extracting the articles, per side (both sides run at once)."""
    procs = {}
    for name, (python, tree, cache, disable) in sides.items():
        cache.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("RASID_")}
        env.update(RASID_CACHE_DIR=str(cache), PYTHONHASHSEED="0")
        if tree is not None:
            env["PYTHONPATH"] = str(tree)
        subprocess.run([python, "-c", "from rasid.pipeline import Pipeline; Pipeline().warm()"],  # the gazetteer
                       check=True, env=env, cwd=cache, capture_output=True)  # cache is built outside valgrind
        out = cache / "callgrind.out"
        cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=starmap_next",
               f"--callgrind-out-file={out}", python, "-c", CALLGRIND_WORKER, str(ROOT / "bench"),
               str(args.articles), str(args.words), args.source, ",".join(disable)]
        procs[name] = (subprocess.Popen(cmd, env=env, cwd=cache, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True), out)
    counts = {}
    for name, (proc, out) in procs.items():
        stdout, stderr = proc.communicate()
        if proc.returncode:
            for other, _ in procs.values():  # no valgrind left running on its own
                if other.poll() is None:
                    other.kill()
                    other.wait()
            sys.exit(f"ab_extract: callgrind side {name} failed:\n{stderr[-2000:]}")
        totals = [line for line in out.read_text().splitlines() if line.startswith("totals:")]
        counts[name] = int(totals[-1].split()[1])
        print(f"{name}: {counts[name]:,} instructions, {counts[name] / args.articles / 1e6:.1f} M per article, "
              f"{stdout.strip()} events", flush=True)
    return counts


class Side:
    def __init__(self, name: str, python: str, tree: Path | None, cache: Path, args: argparse.Namespace,
                 disable: list[str]) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RASID_")}
        env["RASID_CACHE_DIR"] = str(cache)
        if tree is not None:
            env["PYTHONPATH"] = str(tree)  # that tree's package shadows the installed one
        cmd = [python, "-c", WORKER, str(ROOT / "bench"), str(args.articles), str(args.words), args.source,
               ",".join(disable)]
        if args.cpu and shutil.which("taskset"):
            cmd = ["taskset", "-c", args.cpu, *cmd]
        cache.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
                                     cwd=cache)
        self.rates: list[float] = []
        self.wall: list[float] = []
        self.events: int | None = None

    def read(self) -> dict[str, float]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            sys.exit(f"ab_extract: worker {self.name} died")
        out: dict[str, float] = json.loads(line)
        return out

    def round(self, articles: int) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        report = self.read()
        self.rates.append(articles / report["cpu"])
        self.wall.append(articles / report["wall"])
        self.events = int(report["events"])
        return self.rates[-1]

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rev", default="8f57a17", help="A: this revision (a temporary git worktree)")
    parser.add_argument("--tree-b", default=str(ROOT), help="B: this source tree ('-': the installed rasid)")
    parser.add_argument("--python-b", default=sys.executable, help="B: this Python (a venv with a wheel, say)")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--source", choices=["corpus", "examples"], default="corpus")
    parser.add_argument("--disable", action="append", default=[], help="components to switch off on both sides")
    parser.add_argument("--disable-b", action="append", default=[],
                        help="components to switch off on side B only (B = A's revision: --tree-b with --rev HEAD)")
    parser.add_argument("--cpu", default="", help="CPU to pin both sides to (taskset), e.g. 1")
    parser.add_argument("--callgrind", action="store_true", help="count instructions under valgrind instead")
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{args.rev}^{{commit}}"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="rasid-ab-") as tmp:
        base = Path(tmp) / "a"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), commit], cwd=ROOT, check=True,
                       capture_output=True)
        sides: list[Side] = []
        try:
            tree_b = None if args.tree_b == "-" else Path(args.tree_b)
            if args.callgrind:
                counts = callgrind({"A": (sys.executable, base, Path(tmp) / "cache-a", args.disable),
                                    "B": (args.python_b, tree_b, Path(tmp) / "cache-b",
                                          args.disable + args.disable_b)}, args)
                print(f"A = {args.rev}, B = {args.tree_b if args.tree_b != '-' else 'installed rasid'}; "
                      f"{args.articles} articles of {args.words} words: instructions B/A "
                      f"{counts['B'] / counts['A']:.3f} (A/B {counts['A'] / counts['B']:.3f})")
                return
            a = Side("A", sys.executable, base, Path(tmp) / "cache-a", args, args.disable)
            b = Side("B", args.python_b, tree_b, Path(tmp) / "cache-b", args, args.disable + args.disable_b)
            sides = [a, b]
            for side in sides:
                side.read()  # ready
            ratios = []
            for r in range(args.rounds):
                order = (a, b) if r % 2 == 0 else (b, a)
                for side in order:
                    side.round(args.articles)
                ratios.append(b.rates[-1] / a.rates[-1])
                print(f"round {r + 1}: A {a.rates[-1]:6.1f}  B {b.rates[-1]:6.1f} articles/CPU-s  B/A {ratios[-1]:.3f}",
                      flush=True)
        finally:
            for side in sides:
                side.close()
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)
    ma, mb = statistics.median(a.rates), statistics.median(b.rates)
    print(f"A = {args.rev}, B = {args.tree_b if args.tree_b != '-' else 'installed rasid'} ({args.python_b}); "
          f"{args.articles} articles of {args.words} words, {args.rounds} rounds"
          + (f", disabled: {','.join(args.disable)}" if args.disable else "")
          + (f", disabled on B: {','.join(args.disable_b)}" if args.disable_b else ""))
    print(f"  articles per CPU-second, median: A {ma:.1f}  B {mb:.1f}  (B/A {mb / ma:.3f}); "
          f"median paired ratio B/A {statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})")
    print(f"  wall articles/s, median: A {statistics.median(a.wall):.1f}  B {statistics.median(b.wall):.1f}")
    print(f"  events per round: A {a.events}  B {b.events}")


if __name__ == "__main__":
    main()
