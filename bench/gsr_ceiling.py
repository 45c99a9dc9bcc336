"""How high can any detector score on the arabic_event_gsr dev labels? A supervised reference point.

    pip install -e ".[bench]" && python bench/gsr_ceiling.py [../shared/benchmarks/arabic_event_gsr]

Trains a character n-gram logistic regression on the benchmark's own labels with 5-fold stratified
cross-validation (every sentence is scored by a model that never saw it) and reports precision, recall
and F1 at the threshold that is best on those same predictions: an optimistic figure for a learner
that fits these annotators, to set rasid's rule-based figures (`rasid eval --gsr`) against.
It also reports how often annotators disagreed, since "yes" needs every annotator to accept.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from rasid.eval.gsr import read_benchmark

ROOT = Path(__file__).resolve().parent.parent


def ceiling(rows: list[dict[str, str]], seed: int = 0) -> dict[str, float | int]:
    texts = [r["text"] for r in rows]
    gold = np.array([r["label"] == "yes" for r in rows])
    model = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
        LogisticRegression(C=10, max_iter=2000, class_weight="balanced"),
    )
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    proba = cross_val_predict(model, texts, gold, cv=folds, method="predict_proba")[:, 1]
    best: dict[str, float | int] = {"f1": -1.0}
    for threshold in np.arange(0.05, 0.95, 0.05):
        chosen = proba >= threshold
        tp = int((chosen & gold).sum())
        fp = int((chosen & ~gold).sum())
        fn = int((~chosen & gold).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best["f1"]:
            best = {"threshold": round(float(threshold), 2), "precision": round(p, 3), "recall": round(r, 3),
                    "f1": round(f1, 3), "tp": tp, "fp": fp, "fn": fn}
    difficult = sum(r["label"] == "difficult no" for r in rows)
    return {**best, "sentences": len(rows), "positives": int(gold.sum()),
            "negatives_with_an_accepting_annotator": difficult}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmark", nargs="?", default=str(ROOT.parent / "shared" / "benchmarks" / "arabic_event_gsr"))
    args = parser.parse_args()
    report = {family: ceiling(rows) for family, rows in read_benchmark(args.benchmark).items()}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
