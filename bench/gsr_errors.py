"""The sentence benchmark's errors for one family under the restated scoring (issue 12), with rasid's reading.

For every `yes` sentence with no reportable event of the family (false negative) and every `easy no` sentence
with one (false positive), prints the sentence id, label and text, then:

- `rules`: the events of the rules alone (type / sub-event type, modality, confidence, trigger words, place);
- `below`: the rules' candidates dropped under the confidence floor (the floor lowered to 0 for a second
  reading), so a miss can be told apart from a missing trigger;
- `layer`: what the learned layer kept, read out-of-fold (the fold model that never saw the sentence), as
  `rasid eval --gsr` scores it.

The benchmark is the dev split, which is training data for the learned layer: reading its per-sentence errors
is allowed (docs/quality.md); never copy its sentences into the repository.

    python bench/gsr_errors.py ../shared/benchmarks/arabic_event_gsr --family ASSAULT > /tmp/assault_errors.txt
    python bench/gsr_errors.py ... --rules     # errors of the rules alone (the layer not applied)
    python bench/gsr_errors.py ... --half A    # one half only (bench/gsr_halves.py); never read half B's errors
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from rasid.eval.gsr import FILES, POSITIVE, RESTATED_NEGATIVE, gsr_key
from rasid.eval.vocab import GSR_FAMILIES
from rasid.models import REPORTABLE, DocResult, Document


def describe(result: DocResult, text: str) -> list[str]:
    out = []
    for e in result.events:
        words = " | ".join(text[ev.start:ev.end] for ev in e.evidence[:1]) if e.evidence else ""
        out.append(f"{e.event_type} / {e.sub_event_type} [{e.modality}] conf {e.confidence:.2f} "
                   f"at {e.location or '-'} ({words})")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("benchmark", type=Path)
    ap.add_argument("--family", default="ASSAULT", choices=sorted(FILES))
    ap.add_argument("--rules", action="store_true", help="score the rules alone (no learned layer)")
    ap.add_argument("--model", default="bundled", help="a model file (default: the bundled one)")
    ap.add_argument("--half", choices=("A", "B"), help="only the sentences of one half (bench/gsr_halves.py)")
    args = ap.parse_args(argv)

    import rasid.extract.events as events_mod
    from rasid.eval.run import load_layer
    from rasid.pipeline import LEARNED, Pipeline

    layer = None if args.rules else load_layer(args.model)
    pipe = Pipeline(disable=[LEARNED])
    types = GSR_FAMILIES[args.family]

    def fires(result: DocResult) -> bool:
        return any(e.event_type in types and e.modality in REPORTABLE for e in result.events)

    with (args.benchmark / FILES[args.family]).open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["label"] in POSITIVE | RESTATED_NEGATIVE]
    if args.half:
        from gsr_halves import half

        rows = [r for r in rows if half(r["id"]) == args.half]
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    errors: list[tuple[str, dict[str, str], list[str], list[str], list[str]]] = []
    for row in rows:
        doc = Document(doc_id=row["id"], text=row["text"])
        rules = pipe.process(doc)
        rules_lines = describe(rules, row["text"])
        final = rules
        layer_lines: list[str] = []
        if layer is not None and not rules.errors:
            final = layer.apply(doc, rules.model_copy(deep=True), holdout_key=gsr_key(row["id"]))
            layer_lines = describe(final, row["text"])
        positive, gold = fires(final), row["label"] in POSITIVE
        kind = ("tp" if positive else "fn") if gold else ("fp" if positive else "tn")
        counts[kind] += 1
        if kind not in ("fp", "fn"):
            continue
        below: list[str] = []
        if kind == "fn":
            saved = events_mod._MIN_CONFIDENCE, events_mod._MIN_CONFIDENCE_FLAGGED
            events_mod._MIN_CONFIDENCE = events_mod._MIN_CONFIDENCE_FLAGGED = 0.0
            try:
                low = pipe.process(doc)
            finally:
                events_mod._MIN_CONFIDENCE, events_mod._MIN_CONFIDENCE_FLAGGED = saved
            shown = set(rules_lines)
            below = [line for line in describe(low, row["text"]) if line not in shown]
            if rules.errors:
                below.append(f"error: {rules.errors[0]}")
        errors.append((kind, row, rules_lines, below, layer_lines))
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"# {args.family} restated ({'rules' if args.rules else 'rules + layer, out-of-fold'}): "
          f"P {p:.3f} R {r:.3f} F1 {f1:.3f} {counts}")
    for kind in ("fn", "fp"):
        for k, row, rules_lines, below, layer_lines in errors:
            if k != kind:
                continue
            print(f"\n## {kind.upper()} {row['id']} ({row['label']}, accept {row['accept']}/{row['total']})")
            print(row["text"])
            section: list[tuple[str, list[str]]] = [("rules", rules_lines), ("below", below)]
            if layer is not None:
                section.append(("layer", layer_lines))
            for name, lines in section:
                for line in lines or ["-"]:
                    print(f"  {name}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

