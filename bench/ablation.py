"""Ablation of the learned layer: rules only vs rules + model, in one run, on the same text.

    python bench/ablation.py [--model bundled|PATH] [--corpus ../shared/corpus/news_dev.jsonl ...] \\
        [--gsr ../shared/benchmarks/arabic_event_gsr] [--json]

Prints the markdown table of docs/quality.md: events on the gold train part (the model's figures there are
out-of-fold: each article is read by the fold model that never saw it), on the validation part (never
trained on), and the sentence benchmark (restated scoring as headline, cross-validated the same way).
Aggregates only: no per-case output.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rasid.eval.run import format_value

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def f(value: Any) -> str:
    return format_value(value, 2)


def measure(gold: Path, corpora: list[Path], gsr: Path | None, model: str | None) -> dict[str, Any]:
    from rasid.eval.gsr import pipeline_predictor, score_gsr
    from rasid.eval.run import evaluate_gold, load_layer

    layer = load_layer(model)
    out: dict[str, Any] = {}
    report = evaluate_gold(gold, corpora, layer=layer)
    for part, figures in report["by_split"].items():
        ev = figures["events"]
        out[part] = {"f1": ev["f1"], "precision": ev["precision"], "recall": ev["recall"],
                     "extra_per_article": figures["extra_events_per_article"],
                     "actor_pair": figures["fields"]["actors"]["accuracy"],
                     "modality": figures["fields"]["modality"]["accuracy"], "ece": figures["calibration"]["ece"],
                     "articles": figures["articles"]}
    if gsr is not None:
        bench = score_gsr(gsr, pipeline_predictor(layer))
        for family in ("ASSAULT", "PROTEST"):
            r, d = bench[family]["restated"], bench[family]["default"]
            out[f"benchmark {family}"] = {"f1": r["f1"], "precision": r["precision"], "recall": r["recall"],
                                          "old_scoring_f1": d["f1"]}
    return out


def table(rules: dict[str, Any], model: dict[str, Any]) -> str:
    lines = ["| data | layer | F1 | precision | recall | extra per article | actor pair | modality | ECE |",
             "|---|---|---|---|---|---|---|---|---|"]
    for part, label in (("train", "gold train part (model: out-of-fold)"), ("val", "gold validation part")):
        for name, run in (("rules", rules), ("rules + model", model)):
            s = run[part]
            lines.append(f"| {label}, {s['articles']} articles | {name} | {f(s['f1'])} | {f(s['precision'])} | "
                         f"{f(s['recall'])} | {f(s['extra_per_article'])} | {f(s['actor_pair'])} | "
                         f"{f(s['modality'])} | {f(s['ece'])} |")
    for family in ("ASSAULT", "PROTEST"):
        key = f"benchmark {family}"
        if key not in rules:
            continue
        for name, run in (("rules", rules), ("rules + model", model)):
            s = run[key]
            lines.append(f"| benchmark {family}, restated (old scoring F1 {f(s['old_scoring_f1'])}) | {name} | "
                         f"{f(s['f1'])} | {f(s['precision'])} | {f(s['recall'])} | - | - | - | - |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "gold")
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--gsr", type=Path, default=SHARED / "benchmarks" / "arabic_event_gsr")
    parser.add_argument("--model", default="bundled")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of the table")
    args = parser.parse_args()
    corpora = args.corpus or [SHARED / "corpus" / "news_dev.jsonl"]
    gsr = args.gsr if args.gsr.is_dir() else None
    rules = measure(args.gold, corpora, gsr, None)
    model = measure(args.gold, corpora, gsr, args.model)
    print(json.dumps({"rules": rules, "rules+model": model}, indent=2) if args.json else table(rules, model))


if __name__ == "__main__":
    main()
