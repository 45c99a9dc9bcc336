"""Sub-event types of matched events: gold vs predicted, per case on the TRAIN part only (issue 12).

    PYTHONPATH=$PWD python bench/subtype_errors.py gold/ --corpus ../shared/corpus/news_dev.jsonl \
        --corpus ../shared/corpus/news_more.jsonl [--predictions extract.jsonl] [--counts-only]

Extraction runs as `rasid eval` runs it (rules, then the bundled learned layer, cross-fitted), or a saved
`rasid extract --format jsonl` file is read with `--predictions`. Events are matched to the gold as `rasid
eval` matches them (a match needs the same event type, so a sub-type error is a confusion inside one event
type). For the train part each matched event whose sub-event type differs is printed with the gold and
predicted sub-types and both evidence texts (to the terminal, never into the repository); both parts get a
confusion table (gold sub-type -> predicted sub-type, counts only). The validation part gets its accuracy
and confusion counts only, never a case.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from matched_events import add_arguments, load, matched, print_figures

from rasid.eval.score import _evidence_text
from rasid.eval.split import split_of


def confusion(pairs: list[tuple[str, str]]) -> dict[str, int]:
    """"gold -> predicted" counts of the pairs whose sub-types differ, most frequent first."""
    counts = Counter(f"{g} -> {p}" for g, p in pairs if g != p)
    return dict(counts.most_common())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    add_arguments(ap)
    ap.add_argument("--counts-only", action="store_true", help="accuracy and confusion counts only, no train cases")
    args = ap.parse_args(argv)
    records, texts, results = load(args)
    figures: dict[str, Any] = {}
    for part in ("train", "val"):
        pairs: list[tuple[str, str]] = []
        for m in matched(records, texts, results, part):
            g, p = m.gold, m.pred
            gs, ps = str(g.get("sub_event_type")), str(p.get("sub_event_type"))
            pairs.append((gs, ps))
            if gs == ps or part != "train" or split_of(m.doc_id) != "train" or args.counts_only or args.json:
                continue
            gt, pt = _evidence_text(g, m.text), _evidence_text(p, m.text)
            print(f"{m.doc_id} {g.get('event_type')} / {g.get('location')} {g.get('event_date')}: "
                  f"gold {gs!r}, predicted {ps!r}  (actors {g.get('actor1')} | {g.get('actor2')}; "
                  f"predicted {p.get('actor1')} | {p.get('actor2')})")
            print(f"    gold: {gt[:500]}")
            if pt != gt:
                print(f"    pred: {pt[:500]}")
        right = sum(1 for g, p in pairs if g == p)
        figures[part] = {"matched": len(pairs), "right": right,
                         "accuracy": round(right / len(pairs), 4) if pairs else None,
                         "confusion": confusion(pairs)}
    print_figures(figures, "sub_event_type", "confusion", args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
