"""The sentence benchmark's errors classed by hand, and the F1 the labels allow (issue 12, restated scoring).

    python bench/gsr_error_classes.py [../shared/benchmarks/arabic_event_gsr]

Reads eval_data/gsr_error_classes_2026-12-07.tsv: each false positive and false negative of rasid (rules +
learned layer, out-of-fold, as `rasid eval --gsr` scores it), and for PROTEST also the `easy no` sentences the
rules fire on that the layer drops, classed as `label` (an `easy no` sentence that reports an event of the
family, so positive by the restated definition), `ours`, `unclear` or `scope` (a `yes` sentence that reports
no such event). Prints per family:

- `rasid`: the figures the classed errors give (they match `rasid eval --gsr` when the file is current);
- `label_errors_counted`: the same output scored with the `label` false positives counted right and the
  `scope` false negatives left out;
- `correct_reader_ceiling`: the best F1 a reader that follows the definition can score on these labels: it
  fires on every `yes` sentence in scope, on none out of scope, and at least on every `easy no` sentence
  judged `label` (a lower bound of those: only sentences rasid's rules fire on were judged).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from rasid.eval.gsr import POSITIVE, read_benchmark

ROOT = Path(__file__).resolve().parent.parent
CLASSES = ROOT / "eval_data" / "gsr_error_classes_2026-12-07.tsv"


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3), "tp": tp, "fp": fp, "fn": fn}


def figures(rows: list[dict[str, str]], positives: int) -> dict[str, object]:
    def count(kind: str, cls: str | None = None) -> int:
        return sum(r["kind"] == kind and (cls is None or r["class"] == cls) for r in rows)

    fp, fn = count("fp"), count("fn")
    label_fp, scope_fn = count("fp", "label"), count("fn", "scope")
    judged_label = label_fp + count("fp_rules_only", "label")
    in_scope = positives - scope_fn
    return {
        "yes": positives,
        "classes": {kind: {c: count(kind, c) for c in ("label", "ours", "unclear", "scope") if count(kind, c)}
                    for kind in ("fp", "fp_rules_only", "fn") if count(kind)},
        "rasid": prf(positives - fn, fp, fn),
        "label_errors_counted": prf(positives - fn + label_fp, fp - label_fp, fn - scope_fn),
        "correct_reader_ceiling": prf(in_scope, judged_label, scope_fn),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmark", nargs="?", default=str(ROOT.parent / "shared" / "benchmarks" / "arabic_event_gsr"))
    args = parser.parse_args()
    bench = read_benchmark(args.benchmark)
    with CLASSES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    report = {family: figures([r for r in rows if r["family"] == family],
                              sum(r["label"] in POSITIVE for r in bench_rows))
              for family, bench_rows in bench.items()}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
