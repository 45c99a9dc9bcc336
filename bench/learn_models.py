"""Which learner for the event layer? Out-of-fold AUC of logistic regression and LightGBM on the same examples.

    pip install -e ".[train]" lightgbm && python bench/learn_models.py

The examples, folds and per-domain feature sets are those of `rasid train` (rasid/learn/train.py):
articles of the gold train part and the benchmark's dev sentences, 5 folds by a hash of the doc or
sentence id. Prints the AUC of each learner per domain (how well its probability ranks right events
above wrong ones), the rules' own confidence beside them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def oof_auc(examples: list[Any], domain: str, learner: str, folds: int = 5) -> float | None:
    from sklearn.feature_extraction import DictVectorizer

    from rasid.learn import train as t
    from rasid.learn.layer import fold_of

    rows = t._rows(examples, domain)
    scores = [0.0] * len(examples)
    for j in range(folds):
        tr = [i for i, e in enumerate(examples) if fold_of(e.key, folds) != j]
        te = [i for i, e in enumerate(examples) if fold_of(e.key, folds) == j]
        vocab = t._prune([rows[i] for i in tr], [examples[i].key for i in tr])
        vec = DictVectorizer(sort=True)
        x = vec.fit_transform([{k: v for k, v in rows[i].items() if k in vocab} for i in tr])
        y = [examples[i].right for i in tr]
        if learner == "logistic":
            from sklearn.linear_model import LogisticRegression

            model: Any = LogisticRegression(C=t.DOMAINS[domain]["C"], max_iter=5000)
        else:
            import lightgbm

            leaves, trees = (int(v) for v in learner.split(":")[1:])
            model = lightgbm.LGBMClassifier(n_estimators=trees, num_leaves=leaves, learning_rate=0.03,
                                            min_child_samples=10, subsample=0.8, subsample_freq=1,
                                            colsample_bytree=0.5, random_state=0, verbose=-1)
            x = x.astype("float32")
        model.fit(x, y)
        xt = vec.transform([rows[i] for i in te])
        proba = model.predict_proba(xt if learner == "logistic" else xt.astype("float32"))[:, 1]
        for i, p in zip(te, proba, strict=True):
            scores[i] = float(p)
    return t._auc([(s, e.right) for s, e in zip(scores, examples, strict=True)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "gold")
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--gsr", type=Path, default=SHARED / "benchmarks" / "arabic_event_gsr")
    args = parser.parse_args()
    from rasid.learn import train as t
    from rasid.learn.layer import domain_of

    ts = t.collect(args.gold, args.corpus or [SHARED / "corpus" / "news_dev.jsonl"], args.gsr)
    report: dict[str, Any] = {}
    for domain in t.DOMAINS:
        examples = [e for e in ts.examples if domain_of(e.features) == domain]
        report[domain] = {"examples": len(examples),
                          "rules_confidence": t._auc([(e.rules_confidence, e.right) for e in examples])}
        for learner in ("logistic", "lightgbm:4:100", "lightgbm:4:300", "lightgbm:8:200"):
            report[domain][learner] = oof_auc(examples, domain, learner)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
