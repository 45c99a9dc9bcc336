"""The sentence benchmark's restated figures on two fixed halves of the dev split (issue 12, branch gsr3).

A rule read from the errors of one half is kept only when it helps that half and does not hurt the other:
the halves guard against tuning on sentences the rule was written for. A sentence's half is bit 0 of the first
byte of sha256("gsr3:" + id) (A = 0, B = 1), the same for both families.

    python bench/gsr_halves.py ../shared/benchmarks/arabic_event_gsr            # rules + layer (out-of-fold)
    python bench/gsr_halves.py ../shared/benchmarks/arabic_event_gsr --rules    # rules alone
    python bench/gsr_halves.py ... --json out.json   # every sentence's verdict, to compare two states

Per-sentence errors of half A: `python bench/gsr_errors.py ... --family ASSAULT` lists all errors; keep to
the ids of half A (`half(id) == "A"`).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

from rasid.eval.gsr import FILES, POSITIVE, RESTATED_NEGATIVE, gsr_key
from rasid.eval.vocab import GSR_FAMILIES
from rasid.models import REPORTABLE, Document


def half(sentence_id: str) -> str:
    return "A" if hashlib.sha256(f"gsr3:{sentence_id}".encode()).digest()[0] & 1 == 0 else "B"


def prf(rows: list[dict[str, object]]) -> str:
    tp = sum(bool(r["positive"]) and r["label"] == "yes" for r in rows)
    fp = sum(bool(r["positive"]) and r["label"] != "yes" for r in rows)
    fn = sum(not r["positive"] and r["label"] == "yes" for r in rows)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"F1 {f1:.3f} P {p:.3f} R {r:.3f} (tp {tp}, fp {fp}, fn {fn})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("benchmark", type=Path)
    ap.add_argument("--rules", action="store_true", help="the rules alone (no learned layer)")
    ap.add_argument("--json", type=Path, help="write every sentence's verdict here")
    args = ap.parse_args(argv)

    from rasid.eval.run import load_layer
    from rasid.pipeline import LEARNED, Pipeline

    layer = None if args.rules else load_layer("bundled")
    pipe = Pipeline(disable=[LEARNED])
    seen: dict[tuple[str, str], list[tuple[str, str]]] = {}
    out: list[dict[str, object]] = []
    for family, name in FILES.items():
        with (args.benchmark / name).open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["label"] in POSITIVE | RESTATED_NEGATIVE]
        for row in rows:
            key = (row["id"], row["text"])
            if key not in seen:
                doc = Document(doc_id=row["id"], text=row["text"])
                result = pipe.process(doc)
                if layer is not None and not result.errors:
                    result = layer.apply(doc, result, holdout_key=gsr_key(row["id"]))
                seen[key] = [(e.event_type, e.modality) for e in result.events]
            positive = any(t in GSR_FAMILIES[family] and m in REPORTABLE for t, m in seen[key])
            out.append({"id": row["id"], "family": family, "label": row["label"], "half": half(row["id"]),
                        "positive": positive})
    for family in FILES:
        rows_f = [r for r in out if r["family"] == family]
        print(f"{family}: all {prf(rows_f)}")
        for h in ("A", "B"):
            print(f"  half {h}: {prf([r for r in rows_f if r['half'] == h])}")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
