"""How well do two coders agree on the gold articles? The ceiling for rasid's event figures (issue 12).

    pip install -e ".[bench]"
    python bench/agreement.py                      # table: coder B vs the gold, the reverse, rasid, by region
    python bench/agreement.py --format json        # the same figures as JSON
    python bench/agreement.py --errors             # every disagreement (train-part articles only)

Coder A is the gold (`gold/*.jsonl`); coder B is a second, blind coding of a seeded sample of train-part
articles (`eval_data/agreement/second_coder.jsonl`, the same format, outside the folder `rasid eval gold/`
reads). B's records are turned into `rasid extract` results (`gold_to_result`) and scored with the
project's own scorer (`rasid.eval.score.score`): the same event matching, field accuracies, place and
claim rules that score rasid. Both directions are reported (B against A, A against B) because the
matching is not quite symmetric (a governorate-level event matches anywhere in its governorate only on
the gold side). rasid itself is scored against A on the same articles for comparison, with the bundled
learned layer (as `rasid eval` runs it: articles the model was trained on are read by the fold model
that never saw them) and with the rules alone. Method and figures: docs/agreement.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rasid.eval.gold import GoldRecord, load_corpus_texts, load_gold, validate_gold
from rasid.eval.run import REGIONS, extract_results, load_layer, region_of
from rasid.eval.score import score
from rasid.eval.split import split_of
from rasid.models import REPORTABLE

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "eval_data" / "agreement" / "second_coder.jsonl"
CORPORA = [ROOT.parent / "shared" / "corpus" / "news_dev.jsonl", ROOT.parent / "shared" / "corpus" / "news_more.jsonl"]
#: The draw of docs/agreement.md: 20 train-part articles of news_dev and 20 of the news_more gold files.
SEED = 20261207
PER_STRATUM = 20

_EVENT_KEYS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
               "assoc_actor_2", "location", "admin1", "latitude", "longitude", "geo_precision", "fatalities",
               "modality")
_CLAIM_KEYS = ("value", "unit", "qualifier", "stance", "speaker", "source_type")


def draw_sample(gold_dir: Path, seed: int = SEED, per_stratum: int = PER_STRATUM) -> dict[str, list[str]]:
    """The seeded draw: `per_stratum` train-part doc ids of news_dev.jsonl and of the news_more_*.jsonl files."""
    def train_ids(files: Iterable[Path]) -> list[str]:
        return sorted(str(r["doc_id"]) for f in files if f.exists() for r in load_gold(f)
                      if split_of(str(r["doc_id"])) == "train")

    rng = random.Random(seed)
    dev = train_ids([gold_dir / "news_dev.jsonl"])
    more = train_ids(sorted(gold_dir.glob("news_more_*.jsonl")))
    return {"news_dev": rng.sample(dev, min(per_stratum, len(dev))),
            "news_more": rng.sample(more, min(per_stratum, len(more)))}


def gold_to_result(record: Mapping[str, Any], text: str) -> dict[str, Any]:
    """A gold-format record as a `rasid extract` result (what `rasid eval --predictions` reads).

    Evidence spans get their text; places become place entities; a claim's casualty category becomes its
    subject, as the extractor writes it (the scorer compares categories through the subject), and the
    English subject is kept under `description`. Events carry no confidence (a coder gives none).
    """
    def evidence(spans: Iterable[Any]) -> list[dict[str, Any]]:
        return [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]

    events = [{**{k: ev.get(k) for k in _EVENT_KEYS}, "fatalities": int(ev.get("fatalities") or 0),
               "evidence": evidence(ev.get("evidence") or [])} for ev in record.get("events", [])]
    entities = [{"kind": "place", "text": text[p["start"]:p["end"]], "start": p["start"], "end": p["end"],
                 "canonical": p.get("name"), "latitude": p.get("latitude"), "longitude": p.get("longitude"),
                 "admin1": p.get("admin1")} for p in record.get("places", [])]
    claims = [{**{k: c.get(k) for k in _CLAIM_KEYS}, "subject": c.get("category") or c.get("subject"),
               "description": c.get("subject"), "category": c.get("category"),
               "evidence": evidence(c.get("evidence") or [])} for c in record.get("claims", [])]
    return {"doc_id": record["doc_id"], "published": record.get("published"), "events": events,
            "entities": entities, "claims": claims, "errors": []}


def result_to_gold(result: Mapping[str, Any], annotator: str = "converted") -> GoldRecord:
    """The inverse of `gold_to_result` (fields a gold record has; the note is not carried)."""
    def spans(items: Iterable[Mapping[str, Any]]) -> list[list[int]]:
        return [[int(x["start"]), int(x["end"])] for x in items]

    return {
        "doc_id": result["doc_id"], "annotator": annotator, "checked": False, "published": result.get("published"),
        "events": [{**{k: ev.get(k) for k in _EVENT_KEYS}, "evidence": spans(ev.get("evidence") or [])}
                   for ev in result.get("events", [])],
        "places": [{"start": e["start"], "end": e["end"], "name": e.get("canonical"), "latitude": e.get("latitude"),
                    "longitude": e.get("longitude"), "admin1": e.get("admin1")}
                   for e in result.get("entities", []) if e.get("kind") == "place"],
        "claims": [{**{k: c.get(k) for k in _CLAIM_KEYS}, "subject": c.get("description") or c.get("subject"),
                    "category": c.get("category"), "evidence": spans(c.get("evidence") or [])}
                   for c in result.get("claims", [])],
    }


def as_results(records: Iterable[GoldRecord], texts: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """doc_id -> `rasid extract` result of each gold-format record."""
    return {str(r["doc_id"]): gold_to_result(r, texts[str(r["doc_id"])]) for r in records}


def score_coders(reference: list[GoldRecord], other: list[GoldRecord], texts: Mapping[str, str],
                 *, all_modalities: bool = False) -> dict[str, Any]:
    """The scorer's report for `other` read as predictions against `reference` read as gold."""
    return score(reference, as_results(other, texts), texts, modalities=None if all_modalities else REPORTABLE)


def summary(report: Mapping[str, Any]) -> dict[str, Any]:
    """The figures issue 12 sets targets for, plus places and claims."""
    fields = report["fields"]
    return {
        "articles": report["articles"], **{k: report["events"][k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")},
        "extra_per_article": report["extra_events_per_article"], "f1_25km": report["events_within_25km"]["f1"],
        "actor_pair": fields["actors"]["accuracy"], "actor_any": fields["actors_any"]["accuracy"],
        "modality": fields["modality"]["accuracy"], "sub_event_type": fields["sub_event_type"]["accuracy"],
        "fatalities": fields["fatalities"]["accuracy"], "matched": fields["modality"]["n"],
        "place_recall": report["places"]["recall"], "place_doc_recall": report["places"]["doc_recall"],
        "claim_recall": report["claims"]["recall"], "claim_speaker": report["claims"]["speaker_accuracy"],
    }


def agreement(gold_dir: Path, second: Path, corpora: list[Path], *, run_rasid: bool = True,
              all_modalities: bool = False, bootstrap: int = 0) -> dict[str, Any]:
    """Every comparison of docs/agreement.md: B vs A, A vs B, rasid vs A; overall and by region."""
    coder_b = load_gold(second)
    ids = [str(r["doc_id"]) for r in coder_b]
    coder_a = {str(r["doc_id"]): r for r in load_gold(gold_dir) if str(r["doc_id"]) in set(ids)}
    missing = [i for i in ids if i not in coder_a]
    if missing:
        raise SystemExit(f"agreement: {len(missing)} second-coder articles have no gold record: {missing[:3]}")
    gold = [coder_a[i] for i in ids]
    texts: dict[str, str] = {}
    for path in corpora:
        texts.update(load_corpus_texts(path, ids))
    problems = validate_gold(coder_b, texts) + validate_gold(gold, texts)
    if problems:
        raise SystemExit(f"agreement: invalid records: {problems[:3]}")
    regions = {str(r["doc_id"]): region_of(r) for r in gold}  # the gold decides an article's region
    modalities = None if all_modalities else REPORTABLE
    predictions: dict[str, dict[str, Any]] = {"B vs A": as_results(coder_b, texts)}
    reverse = as_results(gold, texts)
    if run_rasid:
        predictions["rasid (rules + model) vs A"] = extract_results(corpora, ids, load_layer("bundled"))
        predictions["rasid (rules only) vs A"] = extract_results(corpora, ids, None)
    out: dict[str, Any] = {"articles": len(ids), "sample": draw_sample(gold_dir),
                           "all_modalities": all_modalities, "rows": {}, "reports": {}}
    subsets = {"all": ids, **{reg: [i for i in ids if regions[i] == reg] for reg in REGIONS}}
    for label, results in [*predictions.items(), ("A vs B", reverse)]:
        reference = coder_b if label == "A vs B" else gold
        for part, chosen in subsets.items():
            records = [r for r in reference if str(r["doc_id"]) in set(chosen)]
            if not records:
                continue
            report = score(records, results, texts, modalities=modalities)
            out["rows"][f"{label} | {part}"] = summary(report)
            if part == "all":
                out["reports"][label] = report
    if bootstrap:
        out["bootstrap"] = bootstrap_f1(gold, predictions, texts, rounds=bootstrap, modalities=modalities)
    return out


def bootstrap_f1(gold: list[GoldRecord], predictions: Mapping[str, Mapping[str, Any]], texts: Mapping[str, str], *,
                 rounds: int = 1000, seed: int = SEED, modalities: Iterable[str] | None = REPORTABLE) -> dict[str, Any]:
    """95% intervals of event F1 over articles drawn with replacement (the same draws for every comparison),
    and of the gap between the second coder and rasid on those draws (is the gap more than sampling noise?)."""
    rng = random.Random(seed)
    f1s: dict[str, list[float]] = {label: [] for label in predictions}
    for _ in range(rounds):
        draw = [gold[rng.randrange(len(gold))] for _ in gold]
        for label, results in predictions.items():
            f1s[label].append(float(score(draw, results, texts, modalities=modalities)["events"]["f1"]))

    def interval(values: list[float]) -> list[float]:
        ordered = sorted(values)
        return [round(ordered[int(0.025 * (len(ordered) - 1))], 3), round(ordered[int(0.975 * (len(ordered) - 1))], 3)]

    out: dict[str, Any] = {"rounds": rounds, "f1_95": {label: interval(v) for label, v in f1s.items()}}
    for label in predictions:
        if label != "B vs A":
            out["f1_95"][f"gap: B vs A minus {label}"] = interval(
                [b - r for b, r in zip(f1s["B vs A"], f1s[label], strict=True)])
    return out


def format_table(out: Mapping[str, Any]) -> str:
    cols = ("articles", "f1", "precision", "recall", "f1_25km", "extra_per_article", "actor_pair", "modality", "matched",
            "place_recall", "place_doc_recall", "claim_recall", "claim_speaker")
    lines = ["| comparison | part | " + " | ".join(cols) + " |", "|" + "---|" * (len(cols) + 2)]
    for key, row in out["rows"].items():
        label, part = key.split(" | ")
        cells = [f"{row[c]:.2f}" if isinstance(row[c], float) else ("-" if row[c] is None else str(row[c]))
                 for c in cols]
        lines.append(f"| {label} | {part} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def format_errors(out: Mapping[str, Any], texts_from: str = "B vs A") -> str:
    """Every event of A that B missed and every event of B that A lacks (train-part articles only)."""
    report = out["reports"][texts_from]
    lines = []
    for kind, items in (("A only (B missed)", report["_misses"]), ("B only (extra against A)", report["_extras"])):
        lines.append(f"## {kind}: {len(items)}")
        for e in items:
            if split_of(str(e["doc_id"])) != "train":
                continue
            lines.append(f"- {e['doc_id']} {e['event_type']} / {e['sub_event_type']} at {e.get('location')} "
                         f"({e.get('modality')}): {e['reason']} :: {e.get('evidence', '')}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "gold", help="coder A: the gold folder")
    ap.add_argument("--second", type=Path, default=SECOND, help="coder B: a gold-format JSONL of the same articles")
    ap.add_argument("--corpus", type=Path, action="append", help="corpus JSONL (repeat); default ../shared/corpus/news_*.jsonl")
    ap.add_argument("--no-rasid", action="store_true", help="only the two coders (skip running rasid)")
    ap.add_argument("--all-modalities", action="store_true", help="score events of every modality")
    ap.add_argument("--format", choices=("table", "json"), default="table")
    ap.add_argument("--errors", action="store_true", help="list the events the two coders disagree on")
    ap.add_argument("--bootstrap", type=int, default=500, metavar="N",
                    help="article resamples for the 95%% intervals of event F1 (0 = none)")
    args = ap.parse_args(argv)
    corpora = args.corpus or CORPORA
    for path in corpora:
        if not path.exists():
            print(f"agreement: corpus not found: {path}", file=sys.stderr)
            return 2
    out = agreement(args.gold, args.second, corpora, run_rasid=not args.no_rasid, all_modalities=args.all_modalities,
                    bootstrap=args.bootstrap)
    drawn = set(out["sample"]["news_dev"] + out["sample"]["news_more"])
    coded = {str(r["doc_id"]) for r in load_gold(args.second)}
    print(f"{out['articles']} articles; second coder's articles {'are' if coded == drawn else 'are NOT'} the seeded "
          f"draw (seed {SEED}, {PER_STRATUM} + {PER_STRATUM} train-part articles)", file=sys.stderr)
    if args.errors:
        print(format_errors(out))
    elif args.format == "json":
        print(json.dumps({k: v for k, v in out.items() if k != "reports"}, indent=1, sort_keys=True))
    else:
        print(format_table(out))
        for label, (low, high) in (out.get("bootstrap") or {}).get("f1_95", {}).items():
            print(f"event F1 95% interval ({out['bootstrap']['rounds']} article resamples), {label}: {low:.2f}-{high:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
