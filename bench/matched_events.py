"""Matched gold and predicted events of each gold part, for the per-field error listings of bench/.

`add_arguments` gives a script the options of `rasid eval` it needs (gold, corpora, saved predictions,
rules only, JSON); `load` reads the gold, the article texts and the predictions (extracted as `rasid eval`
extracts them: rules, then the bundled learned layer, cross-fitted); `matched` yields the events of one
part that `rasid eval` would match, reportable ones only; `print_figures` writes each part's figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from rasid.eval.gold import load_corpus_texts, load_gold
from rasid.eval.run import extract_results, load_layer, load_predictions
from rasid.eval.score import _d, match_events
from rasid.eval.split import select
from rasid.models import REPORTABLE


class Match(NamedTuple):
    doc_id: str
    text: str
    gold_events: list[dict[str, Any]]  # the article's reportable gold events
    gold: dict[str, Any]
    pred: dict[str, Any]


def add_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("gold", type=Path)
    ap.add_argument("--corpus", type=Path, action="append", required=True)
    ap.add_argument("--predictions", type=Path, help="a `rasid extract --format jsonl` file instead of extracting")
    ap.add_argument("--no-model", action="store_true", help="rules only (as `rasid eval --no-model`)")
    ap.add_argument("--json", action="store_true", help="the aggregate figures as JSON on stdout")


def load(args: argparse.Namespace) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, Any]]:
    """The gold records found in the corpora, their texts, and the predictions."""
    records = load_gold(args.gold)
    texts: dict[str, str] = {}
    for c in args.corpus:
        texts.update(load_corpus_texts(c, [str(r["doc_id"]) for r in records]))
    records = [r for r in records if str(r["doc_id"]) in texts]
    if args.predictions:
        results = load_predictions(args.predictions)
    else:
        layer = None if args.no_model else load_layer("bundled")
        results = extract_results(args.corpus, [str(r["doc_id"]) for r in records], layer)
    return records, texts, results


def matched(records: list[dict[str, Any]], texts: dict[str, str], results: dict[str, Any],
            part: str) -> Iterator[Match]:
    """The reportable events of one part's articles that `rasid eval` matches, gold with prediction."""
    for rec in select(records, part):
        doc_id = str(rec["doc_id"])
        res = results.get(doc_id)
        pred = [_d(e) for e in (_d(res).get("events", []) if res is not None else [])]
        pred = [e for e in pred if e.get("modality") in REPORTABLE]
        gold = [e for e in rec.get("events", []) if e.get("modality") in REPORTABLE]
        for gi, pi in match_events(gold, pred):
            yield Match(doc_id, texts[doc_id], gold, gold[gi], pred[pi])


def print_figures(figures: dict[str, dict[str, Any]], field: str, counts: str, as_json: bool,
                  note: Callable[[dict[str, Any]], str] | None = None) -> None:
    """The parts' figures as JSON on stdout, or on stderr each part's "`field` right on R of M matched events"
    line, its `counts` (kind -> number, most frequent first) and the `note` on its figures, if any."""
    if as_json:
        print(json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True))
        return
    for part, f in figures.items():
        print(f"{part}: {field} right on {f['right']} of {f['matched']} matched events ({f['accuracy']})", file=sys.stderr)
        for k, n in f[counts].items():
            print(f"    {n:3d}  {k}", file=sys.stderr)
        extra = note(f) if note else ""
        if extra:
            print(f"    {extra}", file=sys.stderr)
