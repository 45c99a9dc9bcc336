"""Training procedures for the article model beyond C: nested cross-validation inside the gold train part only.

    pip install -e ".[train]"
    python bench/learn_variants.py --corpus ../shared/corpus/news_dev.jsonl \\
        --corpus ../shared/corpus/news_more.jsonl '{"C": 0.3}' '{"C": 0.1}' '{"C": 0.3, "cw": "balanced"}'

Each argument is a procedure (JSON): `C` (inverse L2 strength), `tol` (the threshold's F1 tolerance,
`rasid train`'s F1_TOLERANCE), `rule` ("tol": the highest threshold within `tol` of the best averaged F1, as
`rasid train`; "smooth": the same on the curve averaged over +-`h` threshold steps), `cw` (scikit-learn's
class_weight, e.g. "balanced"), `cal` ("platt", as `rasid train`, or "isotonic", both fitted on the pooled
out-of-fold logits of the inner partitions) and `excl` (feature-name prefixes left out; default the sentence's
bag of words, "w="). `{"C": 0.3}` is `rasid train`'s article procedure (its outer fold thresholds on partition 0
are those `rasid train` prints). For each, `rasid train`'s whole procedure (five partitions into 10 inner
folds, calibration, threshold) runs inside each of 5 outer folds, over 3 partitions into outer folds, and is
scored on the held-out fold: events F1, extra events per article, ECE, AUC, and the mean probability against
the right rate of the kept events, out of fold, against the rules alone. The validation part is never read.
docs/learned.md ("Retraining on the rules of 2026-12-08") has the figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUTER_SALTS = ["rasid-fold-v1:", "rasid-fold-x2:", "rasid-fold-x3:"]


def _fit_lr(rows: list[dict[str, float]], y: list[bool], vocab: set[str], c: float,
            cw: str | None) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{k: v for k, v in r.items() if k in vocab} for r in rows])
    m = LogisticRegression(C=c, max_iter=5000, class_weight=cw)
    m.fit(x, y)
    return dict(zip(vec.get_feature_names_out(), (float(w) for w in m.coef_[0]), strict=True)), float(m.intercept_[0])


def _inner_oof(rows: list[dict[str, float]], keys: list[str], y: list[bool], p: dict[str, Any],
               repeat: int) -> list[float]:
    from rasid.learn import train as t

    salt = t._INNER_SALT if repeat == 0 else f"{t._INNER_SALT}{repeat}:"
    inner = [min(int(t.unit_hash(k, salt) * t.INNER_FOLDS), t.INNER_FOLDS - 1) for k in keys]
    oof = [0.0] * len(rows)
    for j in range(t.INNER_FOLDS):
        tr = [i for i in range(len(rows)) if inner[i] != j]
        vocab = t._prune([rows[i] for i in tr], [keys[i] for i in tr])
        w, b = _fit_lr([rows[i] for i in tr], [y[i] for i in tr], vocab, p["C"], p.get("cw"))
        for i in range(len(rows)):
            if inner[i] == j:
                oof[i] = b + sum(w.get(k, 0.0) * v for k, v in rows[i].items())
    return oof


def _calibrator(zs: list[float], y: list[bool], kind: str) -> Callable[[float], float]:
    from rasid.learn import train as t

    if kind == "isotonic":
        import numpy as np
        from sklearn.isotonic import IsotonicRegression

        ir = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(zs, y)
        xs, ys = ir.X_thresholds_, ir.y_thresholds_
        return lambda z: float(np.interp(z, xs, ys))
    a, b = t._platt(zs, y)
    return lambda z: t._sigmoid(a * z + b)


def _choose(curve: dict[float, float], p: dict[str, Any]) -> float:
    xs = sorted(curve)
    if p.get("rule", "tol") == "smooth":
        h = int(p.get("h", 2))
        curve = {x: statistics.mean(curve[u] for u in xs[max(0, i - h): i + h + 1]) for i, x in enumerate(xs)}
    best = max(curve.values())
    return max(x for x in xs if curve[x] >= best - float(p.get("tol", 0.005)))


def fit_procedure(examples: list[Any], positives: dict[tuple[str, str], int],
                  p: dict[str, Any]) -> tuple[Callable[[dict[str, float]], float], float]:
    from rasid.learn import train as t

    excl = tuple(p.get("excl", (t.BAG,)))
    rows = [{k: v for k, v in e.features.items() if not k.startswith(excl)} for e in examples]
    keys = [e.key for e in examples]
    y = [e.right for e in examples]
    repeats = [_inner_oof(rows, keys, y, p, r) for r in range(t.INNER_REPEATS)]
    cal = _calibrator([z for oof in repeats for z in oof], y * len(repeats), p.get("cal", "platt"))
    curves = [{x: t._mean(t.decision_f1(examples, [cal(z) for z in oof], x, positives)) for x in t._THRESHOLDS}
              for oof in repeats]
    threshold = _choose({x: statistics.mean(c[x] for c in curves) for x in t._THRESHOLDS}, p)
    w, b = _fit_lr(rows, y, t._prune(rows, keys), p["C"], p.get("cw"))

    def score(f: dict[str, float]) -> float:
        return cal(b + sum(w.get(k, 0.0) * v for k, v in f.items() if not k.startswith(excl)))

    return score, threshold


def nested(examples: list[Any], positives: dict[tuple[str, str], int], p: dict[str, Any]) -> dict[str, Any]:
    import rasid.learn.layer as layer
    from rasid.eval.score import calibration
    from rasid.learn import train as t
    from rasid.models import REPORTABLE

    runs = []
    saved = layer.FOLD_SALT
    try:
        for salt in OUTER_SALTS:
            layer.FOLD_SALT = salt
            fold = [layer.fold_of(e.key, t.FOLDS) for e in examples]
            probs = [0.0] * len(examples)
            kept = [True] * len(examples)
            thresholds = []
            for j in range(t.FOLDS):
                train = [e for e, f in zip(examples, fold, strict=True) if f != j]
                pos = {u: n for u, n in positives.items() if layer.fold_of(u[0], t.FOLDS) != j}
                score, threshold = fit_procedure(train, pos, p)
                thresholds.append(threshold)
                for i, e in enumerate(examples):
                    if fold[i] == j:
                        probs[i] = score(e.features)
                        kept[i] = not (e.rules_modality in REPORTABLE and probs[i] < threshold)
            rep = [(pr, e.right, k) for pr, e, k in zip(probs, examples, kept, strict=True) if e.rules_modality in REPORTABLE]
            runs.append({
                "f1": t.decision_f1(examples, [1.0 if k else 0.0 for k in kept], 0.5, positives)[t._GOLD],
                "extra": sum(k and not r for _, r, k in rep) / len(positives),
                "ece": calibration((pr, r) for pr, r, _ in rep)["ece"],
                "auc": t._auc([(pr, e.right) for pr, e in zip(probs, examples, strict=True)]) or 0.0,
                "kept_mean_p": statistics.mean(pr for pr, _, k in rep if k),
                "kept_right": statistics.mean(r for _, r, k in rep if k),
                "thresholds": thresholds})
    finally:
        layer.FOLD_SALT = saved
    out: dict[str, Any] = {k: round(statistics.mean(r[k] for r in runs), 4)
                           for k in ("f1", "extra", "ece", "auc", "kept_mean_p", "kept_right")}
    out["f1_by_partition"] = [round(r["f1"], 4) for r in runs]
    out["thresholds"] = [r["thresholds"] for r in runs]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "gold")
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("procedures", nargs="*", default=['{"C": 0.3}'])
    args = parser.parse_args()
    from rasid.learn import train as t
    from rasid.learn.layer import domain_of
    from rasid.models import REPORTABLE

    ts = t.collect(args.gold, args.corpus or [SHARED / "corpus" / "news_dev.jsonl"], None)
    examples = [e for e in ts.examples if domain_of(e.features) == "article"]
    positives = {u: n for u, n in ts.positives.items() if u[1] == t._GOLD}
    rules = t.decision_f1(examples, [1.0] * len(examples), 0.0, positives)[t._GOLD]
    extra = sum(e.rules_modality in REPORTABLE and not e.right for e in examples) / len(positives)
    print(json.dumps({"rules": {"f1": round(rules, 4), "extra": round(extra, 4)}}), flush=True)
    for spec in args.procedures:
        start = time.perf_counter()
        result = nested(examples, positives, json.loads(spec))
        print(json.dumps({spec: result, "seconds": round(time.perf_counter() - start)}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
