"""Missed gold events paired with an extra prediction of the same type in the same article (issue 12).

Such a pair is an event that was found but put at the wrong place (or date): fixing the place turns a miss
plus an extra into a match. For each pair the script says why the place differs:

  unknown village        the predicted place is a village the gazetteer lacks, coded at the place it is
                         said to lie in or listed beside (gazetteer coordinates)
  just over 10 km        the prediction is 10-15 km from the gold place
  gold place not found   no place the geoparser resolved in the article lies within 10 km of the gold place
  container over place   the gold place was found, the prediction is coarser (a governorate, or a city
                         the gold place lies around: predicted precision > gold precision)
  same sentence, other   the gold place was found in the prediction's sentence, another place was chosen
  other sentence         the gold place was found only outside the prediction's sentence
  date                   the prediction is within 10 km but the date differs

Train pairs are printed one by one; other parts (validation) only as counts.

    PYTHONPATH=$PWD python bench/place_pairs.py gold/ --corpus ../shared/corpus/news_dev.jsonl \
        --corpus ../shared/corpus/news_more.jsonl
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matched_events import add_arguments, load  # noqa: E402

from rasid.eval.score import _coords, _d, date_ok, event_distance, match_events, place_ok  # noqa: E402
from rasid.eval.split import select  # noqa: E402
from rasid.geo.admin import haversine_km  # noqa: E402
from rasid.models import REPORTABLE  # noqa: E402


def _sentence(pred: dict[str, Any]) -> tuple[int, int] | None:
    ev = pred.get("evidence") or []
    if not ev:
        return None
    first = _d(ev[0])
    return int(first["start"]), int(first["end"])


def classify(gold: dict[str, Any], pred: dict[str, Any], places: list[dict[str, Any]]) -> str:
    dist = event_distance(gold, pred)
    if place_ok(gold, pred):
        return "date"
    if any(e.get("unresolved") and e.get("canonical") == pred.get("location") for e in places):
        return "unknown village coded at a named place"
    if dist is not None and dist <= 15:
        return "just over 10 km"
    gc = _coords(gold)
    near = [p for p in places if gc and _coords(p) and haversine_km(*gc, *_coords(p)) <= 10]  # type: ignore[misc]
    if not near:
        return "gold place not found"
    gp, pp = gold.get("geo_precision") or 1, pred.get("geo_precision") or 1
    if pp > gp or (dist is not None and dist <= 40 and pp >= gp and _coarser(pred, places)):
        return "container over place"
    span = _sentence(pred)
    if span and any(span[0] <= int(p["start"]) < span[1] for p in near):
        return "same sentence, other place"
    return "other sentence"


def _coarser(pred: dict[str, Any], places: list[dict[str, Any]]) -> bool:
    """The predicted place is written as a governorate/city name: the entity's precision is above 1."""
    pc = _coords(pred)
    return pc is not None and any(_coords(p) == pc and (p.get("geo_precision") or 1) > 1 for p in places)


def pairs(rec: dict[str, Any], res: Any) -> list[tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]]:
    doc = _d(res) if res is not None else {}
    pred = [_d(e) for e in doc.get("events", [])]
    pred = [e for e in pred if e.get("modality") in REPORTABLE]
    gold = [e for e in rec.get("events", []) if e.get("modality") in REPORTABLE]
    places = [_d(e) for e in doc.get("entities", []) if _d(e).get("kind") == "place"]
    m = match_events(gold, pred)
    mg, mp = {g for g, _ in m}, {p for _, p in m}
    out = []
    used: set[int] = set()
    for gi, g in enumerate(gold):
        if gi in mg:
            continue
        cands = [(pi, p) for pi, p in enumerate(pred) if pi not in mp and pi not in used
                 and p.get("event_type") == g.get("event_type")]
        if not cands:
            continue
        cands.sort(key=lambda c: (not date_ok(g, c[1]), event_distance(g, c[1]) or 1e9))
        pi, p = cands[0]
        used.add(pi)
        out.append((g, p, places))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(ap)
    args = ap.parse_args()
    records, texts, results = load(args)
    for part in ("train", "val"):
        counts: Counter[str] = Counter()
        for rec in select(records, part):
            doc_id = str(rec["doc_id"])
            for g, p, places in pairs(rec, results.get(doc_id)):
                kind = classify(g, p, places)
                counts[kind] += 1
                if part == "train":
                    d = event_distance(g, p)
                    print(f"{doc_id} {g.get('event_type')}: gold {g.get('location')} (prec {g.get('geo_precision')})"
                          f" / pred {p.get('location')} (prec {p.get('geo_precision')})"
                          f" {'' if d is None else f'{d:.0f} km'} -> {kind}")
                    ev = p.get("evidence") or []
                    if ev:
                        print("    " + str(_d(ev[0]).get("text", ""))[:200].replace("\n", " "))
        print(f"{part}: {sum(counts.values())} pairs", file=sys.stderr)
        for k, n in counts.most_common():
            print(f"    {n:3d}  {k}", file=sys.stderr)


if __name__ == "__main__":
    main()
