"""Copy detection measured: LSH candidates against the exact rule, and the pairs found, to read.

    python bench/bench_copies.py ../shared/corpus/news_dev.jsonl ../shared/corpus/news_more.jsonl

Every pair is compared exactly here (a measurement on a few hundred articles; the store never does this):
it prints the pairs the exact rule calls copies, the most similar pairs it does not, how many of the copies
the LSH bands find (recall of the index), the share of all pairs that become candidates (the index's
extra work) and the time per article of shingling + band keys.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import defaultdict

from rasid.ingest.readers import read_paths
from rasid.models import Document
from rasid.resolve import copies as sim


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--near", type=int, default=8, help="how many of the closest non-copy pairs to print")
    args = ap.parse_args()
    docs = [d for d in read_paths(args.paths) if isinstance(d, Document)]
    started = time.perf_counter()
    shingles = [sim.shingle_hashes(d.text) for d in docs]
    keys = [sim.band_keys(s) for s in shingles]
    per_doc_ms = (time.perf_counter() - started) / max(1, len(docs)) * 1000

    by_key: dict[int, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            by_key[k].append(i)
    candidates = {(a, b) for ids in by_key.values() for a, b in itertools.combinations(sorted(ids), 2)}

    copies, near = [], []
    for i, j in itertools.combinations(range(len(docs)), 2):
        jac, con = sim.similarity(shingles[i], shingles[j])
        row = (jac, con, i, j)
        if sim.is_copy(jac, con, (shingles[i].size, shingles[j].size), (docs[i].published, docs[j].published)):
            copies.append(row)
        elif jac > 0.05 or con > 0.15:
            near.append(row)
    found = [c for c in copies if (c[2], c[3]) in candidates]
    n_pairs = len(docs) * (len(docs) - 1) // 2

    def show(rows: list[tuple[float, float, int, int]]) -> None:
        for jac, con, i, j in sorted(rows, reverse=True):
            flag = "" if (i, j) in candidates else "  (not an LSH candidate)"
            print(f"  J={jac:.2f} C={con:.2f}  {docs[i].doc_id} {docs[i].outlet} | {docs[j].doc_id} {docs[j].outlet}{flag}")

    print(f"{len(docs)} articles, {n_pairs} pairs; shingles + band keys {per_doc_ms:.2f} ms/article")
    print(f"copies by the exact rule: {len(copies)} pairs; found by LSH: {len(found)}")
    show(copies)
    print(f"closest pairs that are not copies (first {args.near}):")
    show(sorted(near, reverse=True)[:args.near])
    print(f"LSH candidate pairs: {len(candidates)} = {100 * len(candidates) / max(1, n_pairs):.3f} % of all pairs")


if __name__ == "__main__":
    main()
