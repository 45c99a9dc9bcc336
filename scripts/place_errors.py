"""List the gold place mentions that extraction misses, one per line, on the TRAIN part of the gold only.

    python scripts/place_errors.py gold/ --corpus ../shared/corpus/news_dev.jsonl \
        --corpus ../shared/corpus/news_more.jsonl [--context 60]

Per-case errors are looked at on the train part only (docs/quality.md); the validation part is scored as
an aggregate by `rasid eval --split val`. Each line: doc id, the gold span's text, the gold place, and what
the extractor made of that span (place entity, coordinates, distance) or "no entity"; with `--context N`,
N characters of the text around the span (printed to the terminal, never written into the repository).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rasid.eval.gold import load_corpus_texts, load_gold
from rasid.eval.score import MAX_KM, _place_hit
from rasid.eval.split import select
from rasid.geo.admin import haversine_km
from rasid.models import Document
from rasid.pipeline import Pipeline


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--corpus", type=Path, action="append", required=True)
    ap.add_argument("--context", type=int, default=0)
    args = ap.parse_args(argv)
    paths = sorted(args.gold.glob("*.jsonl")) if args.gold.is_dir() else [args.gold]
    records = [r for p in paths for r in load_gold(p)]
    records = select(records, "train")
    texts: dict[str, str] = {}
    for c in args.corpus:
        texts.update(load_corpus_texts(c, [r["doc_id"] for r in records]))
    pipe = Pipeline()
    total = missed = 0
    for rec in records:
        text = texts.get(rec["doc_id"])
        if text is None:
            continue
        result = pipe.process(Document(doc_id=rec["doc_id"], text=text))
        ents = [e.model_dump() for e in result.entities if e.kind == "place"]
        for gp in rec.get("places", []):
            total += 1
            over = [e for e in ents if e["start"] < gp["end"] and gp["start"] < e["end"]]
            hit, _ = _place_hit(gp, over)
            if hit:
                continue
            missed += 1
            what = "no entity"
            if over:
                e = over[0]
                d = (haversine_km(gp["latitude"], gp["longitude"], e["latitude"], e["longitude"])
                     if e.get("latitude") is not None else None)
                what = f"-> {e['canonical']} ({f'{d:.0f} km' if d is not None else 'no coordinates'})"
            line = f"{rec['doc_id']} [{text[gp['start']:gp['end']]}] gold {gp['name']} ({gp.get('admin1')}) {what}"
            if args.context:
                s, e2 = max(0, gp["start"] - args.context), gp["end"] + args.context
                line += "\n    " + text[s:e2].replace("\n", " ")
            print(line)
    print(f"train: {missed} of {total} gold places missed (within {MAX_KM:g} km or same name)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
