"""Instructions of the learned layer alone (valgrind's callgrind), for one or more source trees.

    python bench/layer_callgrind.py --articles 10                      # this tree
    python bench/layer_callgrind.py --tree /tmp/old --tree .           # several trees (`git archive <rev> rasid`)

The rules run first on the same 1,000-word articles as `bench/ab_extract.py --callgrind` (uncounted; the
layer is not run there, so its per-process tables start as cold as in that benchmark), each document's
input to the layer (the rules' result, the normalised text, the lexicon scan) is kept, and then only
`EventLayer.apply` on those inputs is counted. The rules' instructions and the collector's timing, which
move a whole-pipeline count by a few tenths of a percent from run to run of the same layer code, are out.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKER = r"""
import gc, itertools, sys
sys.path.insert(0, sys.argv[1])
import rasid
assert rasid.__file__.startswith(sys.argv[3]), rasid.__file__  # the tree's own package
from bench_extract import make_articles
import rasid.learn.layer as L
from rasid.models import Document
from rasid.pipeline import Pipeline, learned_component

articles = int(sys.argv[2])
docs = [Document(doc_id=str(i), text=t, published="2019-03-22")
        for i, t in enumerate(make_articles(articles + 2, 1000, source="corpus"))]
layer = learned_component()
kept = []
def keep(self, doc):  # the layer's input, kept; the layer itself does not run here
    if doc.events:
        kept.append((doc.document, doc.to_result().model_copy(deep=True), doc.text, doc.scan, doc.resources.lexicon))
L.EventLayer.__call__ = keep
pipeline = Pipeline().warm(freeze=True)
for d in docs:
    pipeline.process(d)
def apply(doc, result, nt, scan, lexicon):
    layer.apply(doc, result, nt=nt, scan=scan, lexicon=lexicon)
    return len(result.events)
for k in kept[:2]:  # warm-up, as ab_extract.py's two articles
    apply(*k)
gc.collect()
gc.freeze()
print(sum(itertools.starmap(apply, kept[2:])))
"""


def count(tree: Path, articles: int) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RASID_")}
    env.update(PYTHONHASHSEED="0", PYTHONPATH=str(tree))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        proc = subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=starmap_next",
                               f"--callgrind-out-file={out}", sys.executable, "-c", WORKER, str(ROOT / "bench"),
                               str(articles), str(tree)], env=env, cwd=tmp, capture_output=True, text=True, check=False)
        if proc.returncode:
            sys.exit(f"layer_callgrind: {tree} failed:\n{proc.stderr[-2000:]}")
        totals = [line for line in out.read_text().splitlines() if line.startswith("totals:")]
        return int(totals[-1].split()[1]), proc.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", action="append", help="a source tree holding rasid/ (default: this one)")
    parser.add_argument("--articles", type=int, default=10)
    args = parser.parse_args()
    first = None
    for tree in args.tree or [str(ROOT)]:
        n, events = count(Path(tree).resolve(), args.articles)
        ratio = f", {n / first:.3f} of the first" if first else ""
        first = first or n
        print(f"{tree}: {n:,} layer instructions, {n / args.articles / 1e6:.2f} M per article, {events} events{ratio}",
              flush=True)


if __name__ == "__main__":
    main()
