"""Which training procedure for the article model? Nested cross-validation inside the gold train part only.

    pip install -e ".[train]"
    python bench/learn_procedures.py --corpus ../shared/corpus/news_dev.jsonl \\
        --corpus ../shared/corpus/news_more.jsonl --c 0.03 0.1 0.3 1

For each C (inverse L2 strength of the article model) it prints, from the gold train part's article examples
(the rules' candidates, as `rasid train` collects them; the validation part is never read):

- `inner`: out-of-fold AUC and log loss (after a Platt fit) of one logistic regression per fold, 10 folds by
  article, averaged over three partitions into folds (`rasid train`'s inner partitions 0-2);
- `nested`: `rasid train`'s whole procedure (inner folds, calibration, threshold choice) run inside each of 5
  outer folds and scored on the held-out fold, over `--partitions` partitions into outer folds (fold salts):
  events F1, extra events per article, ECE and AUC out of fold, against the rules alone. This is the estimate
  of what the procedure does to unseen articles; the training report's own inner curve is optimistic (its
  threshold is the best of a flat, noisy curve).

docs/learned.md ("Retraining on the rules of 2026-12-07") has the figures of branch `retrain`.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUTER_SALTS = ["rasid-fold-v1:", "rasid-fold-x2:", "rasid-fold-x3:"]


def inner_scores(examples: list[Any], c: float, partitions: int = 3) -> dict[str, float]:
    from rasid.learn import train as t

    rows = t._rows(examples, "article")
    keys = [e.key for e in examples]
    y = [e.right for e in examples]
    aucs, losses = [], []
    for r in range(partitions):
        oof = t._inner_oof(rows, keys, y, c, t.INNER_FOLDS, r)
        aucs.append(t._auc(list(zip(oof, y, strict=True))) or 0.0)
        a, b = t._platt(oof, y)
        ps = [min(max(t._sigmoid(a * z + b), 1e-6), 1 - 1e-6) for z in oof]
        losses.append(-sum(math.log(p if right else 1 - p) for p, right in zip(ps, y, strict=True)) / len(y))
    return {"auc": round(statistics.mean(aucs), 4), "log_loss": round(statistics.mean(losses), 4)}


def nested_scores(ts: Any, c: float, partitions: int) -> dict[str, Any]:
    import rasid.learn.layer as layer
    from rasid.learn import train as t

    saved_c, saved_salt = t.DOMAINS["article"]["C"], layer.FOLD_SALT
    t.DOMAINS["article"]["C"] = c
    runs = []
    try:
        for salt in OUTER_SALTS[:partitions]:
            layer.FOLD_SALT = salt
            models, report = t.cross_validate(ts)
            runs.append({"f1": report["f1_model_out_of_fold"]["gold"],
                         "extra": report["gold_extra_per_article_model_out_of_fold"],
                         "ece": report["gold_ece_model_out_of_fold"], "auc": report["gold_auc_model_out_of_fold"],
                         "thresholds": [m["article"]["threshold"] for m in models],
                         "f1_rules": report["f1_rules"]["gold"], "extra_rules": report["gold_extra_per_article_rules"]})
    finally:
        t.DOMAINS["article"]["C"], layer.FOLD_SALT = saved_c, saved_salt
    out: dict[str, Any] = {k: round(statistics.mean(r[k] for r in runs), 4)
                           for k in ("f1", "extra", "ece", "auc", "f1_rules", "extra_rules")}
    out["by_partition"] = runs
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "gold")
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--c", type=float, nargs="+", default=[0.1, 0.3])
    parser.add_argument("--partitions", type=int, default=3, help="outer partitions of the nested run (1-3)")
    parser.add_argument("--no-nested", action="store_true", help="the inner scores only (fast)")
    args = parser.parse_args()
    from rasid.learn import train as t
    from rasid.learn.layer import domain_of

    ts = t.collect(args.gold, args.corpus or [SHARED / "corpus" / "news_dev.jsonl"], None)
    articles = t.TrainingSet([e for e in ts.examples if domain_of(e.features) == "article"],
                             {u: n for u, n in ts.positives.items() if u[1] == t._GOLD})
    report: dict[str, Any] = {"examples": len(articles.examples)}
    for c in args.c:
        report[str(c)] = {"inner": inner_scores(articles.examples, c)}
        if not args.no_nested:
            report[str(c)]["nested"] = nested_scores(articles, c, args.partitions)
        print(json.dumps({str(c): report[str(c)]}), flush=True)


if __name__ == "__main__":
    main()
