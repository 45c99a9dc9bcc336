"""What the learned layer drops: gold events the rules find and the layer loses, per case on the TRAIN part only
(issue 12, recall).

    PYTHONPATH=$PWD python bench/layer_drops.py gold/ --corpus ../shared/corpus/news_dev.jsonl \
        --corpus ../shared/corpus/news_more.jsonl [--model PATH] [--counts-only] [--json]

The rules run as `rasid eval --no-model` runs them; each reportable event they output is scored as `rasid eval`
scores it (the bundled layer or `--model`, cross-fitted: an article the model was trained on is read by the
fold model that never saw it). An event is *right* when it matches a gold reportable event in the rules-only
run (the evaluator's matching). The layer drops an event when its calibrated probability is under its
scorer's threshold. For the train part each right event the layer drops is printed with its probability, the
threshold, the model that judged it (article or sentence), its reporting sentence and the features that pull
it down and up most (weight x value); the validation part gets the counts only, never a case.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rasid.eval.gold import load_corpus_texts, load_gold
from rasid.eval.score import _d, match_events
from rasid.eval.split import select, split_of
from rasid.models import REPORTABLE


def main(argv: list[str] | None = None) -> int:
    from rasid.ingest.readers import ReadFailure, read_paths
    from rasid.learn.features import DocContext
    from rasid.learn.layer import EventLayer, gold_key, judged_by
    from rasid.pipeline import LEARNED, Pipeline

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--corpus", type=Path, action="append", required=True)
    ap.add_argument("--model", default="bundled", help="'bundled' or a model file (with its .cv.json)")
    ap.add_argument("--counts-only", action="store_true", help="no train cases")
    ap.add_argument("--json", action="store_true", help="the counts as JSON")
    args = ap.parse_args(argv)
    layer = EventLayer.bundled() if args.model == "bundled" else EventLayer.load(Path(args.model))
    records = {str(r["doc_id"]): r for r in load_gold(args.gold)}
    texts: dict[str, str] = {}
    for c in args.corpus:
        texts.update(load_corpus_texts(c, list(records)))
    pipe = Pipeline(disable=[LEARNED])
    counts: dict[str, dict[str, int]] = {}
    for part in ("train", "val"):
        counts[part] = {"rules_right": 0, "rules_wrong": 0, "dropped_right": 0, "dropped_wrong": 0}
    wanted = {str(r["doc_id"]) for part in ("train", "val") for r in select(list(records.values()), part)}
    for item in read_paths(args.corpus):
        if isinstance(item, ReadFailure) or item.doc_id not in wanted:
            continue
        result = pipe.process(item)
        if result.errors or not result.events:
            continue
        part = split_of(item.doc_id)
        gold = [e for e in records[item.doc_id].get("events", []) if e.get("modality") in REPORTABLE]
        preds = [(i, _d(e)) for i, e in enumerate(result.events) if e.modality in REPORTABLE]
        right = {preds[pi][0] for _gi, pi in match_events(gold, [p for _, p in preds])}
        scorers, _head, _actors = layer.models_for(gold_key(item.doc_id))
        ctx = DocContext.of(item, result, layer.lexicon)
        for i, ev in preds:
            scorer = scorers.get(ctx.domain)
            if scorer is None:
                continue
            scorer, features = judged_by(scorers, scorer, ctx, i)
            p = scorer.probability(features)
            ok = i in right
            c = counts[part]
            c["rules_right" if ok else "rules_wrong"] += 1
            if p >= scorer.threshold:
                continue
            c["dropped_right" if ok else "dropped_wrong"] += 1
            if not ok or part != "train" or args.counts_only or args.json:
                continue
            terms = sorted((scorer.weights.get(k, 0.0) * v, k) for k, v in features.items())
            sentence = next((s for s in ev["evidence"] if s.get("kind") == "sentence"), None)
            said = texts[item.doc_id][sentence["start"]:sentence["end"]] if sentence else ""
            print(f"{item.doc_id} {ev['event_type']} / {ev['sub_event_type']} at {ev['location']} [{ev['modality']}] "
                  f"p {p:.3f} < {scorer.threshold} ({ctx.domain} model)")
            print(f"    {said[:300]}")
            print("    down: " + ", ".join(f"{k} {w:+.2f}" for w, k in terms[:8] if w < 0))
            print("    up:   " + ", ".join(f"{k} {w:+.2f}" for w, k in terms[::-1][:8] if w > 0))
    if args.json:
        print(json.dumps(counts, indent=1, sort_keys=True))
    else:
        for part, c in counts.items():
            print(f"{part}: the rules' reportable events {c['rules_right'] + c['rules_wrong']} (right {c['rules_right']}); "
                  f"the layer drops {c['dropped_right']} right and {c['dropped_wrong']} wrong")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
