"""`rasid eval`: run extraction on the gold articles (and the sentence benchmark) and print the figures."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rasid.eval.gold import GoldError, jsonl_records, load_corpus_texts, load_gold, validate_gold
from rasid.eval.score import score
from rasid.eval.split import SPLITS, select, split_of
from rasid.models import REPORTABLE


class EvalError(Exception):
    """A user-facing problem (missing file, invalid gold): one line, no traceback."""


def extract_results(corpus: Path | list[Path], ids: Iterable[str], layer: Any = None) -> dict[str, Any]:
    """doc_id -> DocResult for the corpus documents named in `ids` (read as `rasid extract` reads them).

    With `layer` (a rasid.learn.EventLayer) the rules' result goes through the learned layer; an article
    the model was trained on is read by the fold model that never saw it.
    """
    from rasid.ingest.readers import ReadFailure, read_paths
    from rasid.pipeline import LEARNED, Pipeline

    wanted = set(ids)
    pipe = Pipeline(disable=[LEARNED])  # the rules' candidates; the layer is applied below, cross-fitted
    results: dict[str, Any] = {}
    for item in read_paths(corpus if isinstance(corpus, list) else [corpus]):
        if isinstance(item, ReadFailure) or item.doc_id not in wanted:
            continue
        result = pipe.process(item)
        if layer is not None and not result.errors:
            from rasid.learn.layer import gold_key

            result = layer.apply(item, result, holdout_key=gold_key(item.doc_id))
        results[item.doc_id] = result
    return results


def load_layer(model: str | None) -> Any:
    """The learned layer for `--model PATH` ('bundled' = the model shipped in the package); None = rules only."""
    if model is None:
        return None
    from rasid.learn.layer import EventLayer, ModelError

    try:
        return EventLayer.bundled() if model == "bundled" else EventLayer.load(Path(model))
    except ModelError as exc:
        raise EvalError(str(exc)) from None


def load_predictions(path: Path) -> dict[str, Any]:
    """doc_id -> result dict from a `rasid extract --format jsonl` file."""
    out: dict[str, Any] = {}
    for _, record in jsonl_records(path, EvalError):
        out[str(record.get("doc_id"))] = record
    return out


#: Figures of each split shown beside the whole when scoring `--split all` (aggregates only).
_SPLIT_FIGURES = ("articles", "events", "events_by_type", "gold_events_per_article", "predicted_events_per_article",
                  "extra_events_per_article", "fields", "calibration", "error_kinds", "claims")


def evaluate_gold(
    gold_path: Path, corpus: Path | list[Path], *, predictions: Path | None = None, all_modalities: bool = False,
    split: str = "all", layer: Any = None,
) -> dict[str, Any]:
    """Score the gold records whose articles are in `corpus` (one JSONL file or several).

    Gold folders hold annotations of several corpora (news_dev, news_more); records of articles that are
    in none of the given corpora are left out and counted in `skipped_gold`, so `rasid eval gold/ --corpus
    news_dev.jsonl` scores exactly the news_dev part. `split` keeps the train or validation part only
    (rasid.eval.split); with 'all', `by_split` also gives each part's aggregate figures.
    """
    if split not in SPLITS:
        raise EvalError(f"--split must be one of {', '.join(SPLITS)}, not {split!r}")
    corpora = corpus if isinstance(corpus, list) else [corpus]
    try:
        records = load_gold(gold_path)
    except GoldError as exc:
        raise EvalError(str(exc)) from None
    for path in corpora:
        if not path.exists():
            raise EvalError(f"corpus not found: {path}")
    ids = [str(r["doc_id"]) for r in records]
    texts: dict[str, str] = {}
    for path in corpora:
        texts.update(load_corpus_texts(path, ids))
    skipped = [r for r in records if str(r["doc_id"]) not in texts]
    records = [r for r in records if str(r["doc_id"]) in texts]
    if not records:
        raise EvalError(f"none of the {len(skipped)} gold articles is in {', '.join(map(str, corpora))}")
    problems = validate_gold(records, texts)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise EvalError(f"invalid gold: {problems[0]}{more}")
    records = select(records, split)
    if not records:
        raise EvalError(f"no gold article of the {split} part is in {', '.join(map(str, corpora))}")
    results = load_predictions(predictions) if predictions else \
        extract_results(corpora, [str(r["doc_id"]) for r in records], layer)
    modalities = None if all_modalities else REPORTABLE
    report = score(records, results, texts, modalities=modalities)
    report["gold"] = str(gold_path)
    report["corpus"] = ", ".join(str(p) for p in corpora)
    report["skipped_gold"] = len(skipped)
    report["split"] = split
    report["model"] = layer.describe() if layer is not None else None
    if split == "all":
        report["by_split"] = {}
        for part in ("train", "val"):
            chosen = select(records, part)
            if chosen:
                figures = score(chosen, results, texts, modalities=modalities)
                report["by_split"][part] = {k: figures[k] for k in _SPLIT_FIGURES}
    report["by_region"] = {}
    regions = {str(r["doc_id"]): region_of(r) for r in records}
    for region in REGIONS:
        chosen = [r for r in records if regions[str(r["doc_id"])] == region]
        if chosen:
            figures = score(chosen, results, texts, modalities=modalities)
            report["by_region"][region] = {k: figures[k] for k in _SPLIT_FIGURES}
    return report


#: Article groups of `by_region`: where the gold puts the article's events and places (issue 12 sets a
#: target for the articles outside Syria and Iraq).
REGIONS = ("Syria and Iraq", "elsewhere", "no place in gold")


def region_of(record: dict[str, Any]) -> str:
    """The article's group by the governorates of its gold events and places (Syria or Iraq if any is)."""
    from rasid.geo.admin import FOCUS, country_of_admin1

    countries = {country_of_admin1(x.get("admin1")) for x in [*record.get("events", []), *record.get("places", [])]}
    countries.discard(None)
    if countries & FOCUS:
        return REGIONS[0]
    return REGIONS[1] if countries else REGIONS[2]


def _hide_validation_cases(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Per-case errors of the train part only; validation cases are only counted."""
    shown = [e for e in items if split_of(str(e["doc_id"])) == "train"]
    return shown, len(items) - len(shown)


def evaluate(
    gold_path: Path | None, corpus: Path | list[Path] | None, gsr: Path | None, *, predictions: Path | None = None,
    all_modalities: bool = False, errors: bool = False, progress: bool = False, split: str = "all",
    model: str | None = None,
) -> dict[str, Any]:
    """`rasid eval`. Per-case errors (`errors`) are listed for the train part only: the validation part is
    reported as aggregates, so that nobody writes rules from its cases (docs/quality.md)."""
    out: dict[str, Any] = {}
    if errors and split == "val":
        raise EvalError("--errors lists cases of the train part only; the validation part is reported as "
                        "aggregate figures (use --split train or all)")
    if predictions is not None and model is not None:
        raise EvalError("--predictions scores a finished extraction; --model cannot apply to it")
    layer = load_layer(model)
    if gold_path is not None:
        if not corpus:
            raise EvalError("scoring gold articles needs --corpus FILE (the corpus JSONL the gold refers to)")
        t0 = time.perf_counter()
        report = evaluate_gold(gold_path, corpus, predictions=predictions, all_modalities=all_modalities,
                               split=split, layer=layer)
        misses, hidden_misses = _hide_validation_cases(report.pop("_misses"))
        extras, hidden_extras = _hide_validation_cases(report.pop("_extras"))
        claim_errors, hidden_claims = _hide_validation_cases(report.pop("_claim_errors"))
        actor_errors, hidden_actors = _hide_validation_cases(report.pop("_actor_errors"))
        place_errors, hidden_places = _hide_validation_cases(report.pop("_place_errors"))
        _warn_failures("gold articles", report.pop("_failures"), report["articles"])
        if errors:
            report["errors"] = {"misses": misses, "extras": extras, "claims": claim_errors, "actors": actor_errors,
                                "places": place_errors,
                                "validation_cases_not_shown": {"misses": hidden_misses, "extras": hidden_extras,
                                                               "claims": hidden_claims, "actors": hidden_actors,
                                                               "places": hidden_places}}
        out["gold"] = report
        out.setdefault("_timing", {})["gold_seconds"] = round(time.perf_counter() - t0, 1)
    if gsr is not None:
        from rasid.eval.gsr import score_gsr

        if not gsr.is_dir():
            raise EvalError(f"benchmark directory not found: {gsr}")
        t0 = time.perf_counter()
        try:
            from rasid.eval.gsr import pipeline_predictor

            out["gsr"] = score_gsr(gsr, pipeline_predictor(layer))
            out["gsr"]["model"] = layer.describe() if layer is not None else None
        except FileNotFoundError as exc:
            raise EvalError(str(exc)) from None
        _warn_failures("benchmark sentences", out["gsr"].pop("_failures"), out["gsr"]["sentences"])
        gsr_errors = out["gsr"].pop("_errors")
        if errors:
            out["gsr"]["errors"] = gsr_errors
        out.setdefault("_timing", {})["gsr_seconds"] = round(time.perf_counter() - t0, 1)
    return out


def _warn_failures(what: str, failures: list[str], total: int) -> None:
    """Extraction errors must never pass for "no events": say so on stderr (the JSON counts them too)."""
    if failures:
        import sys

        print(f"rasid: warning: extraction failed on {len(failures)} of {total} {what} (first: {failures[0]})",
              file=sys.stderr)


def format_value(value: Any, digits: int = 3) -> str:
    """A figure for a report table: "-" for a missing one, floats rounded to `digits`."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)



def format_table(out: dict[str, Any]) -> str:
    lines: list[str] = []
    gold = out.get("gold")
    if gold:
        ev = gold["events"]
        lines.append(f"Gold articles: {gold['articles']}   split: {gold['split']}   modalities: {gold['modalities']}"
                     f"   model: {gold['model']['name'] if gold.get('model') else 'none (rules only)'}"
                     + (f"   EXTRACTION FAILED ON {gold['extraction_failures']}" if gold["extraction_failures"] else ""))
        lines.append(f"Events  P {format_value(ev['precision'])}  R {format_value(ev['recall'])}  F1 {format_value(ev['f1'])}"
                     f"   (tp {ev['tp']}, fp {ev['fp']}, fn {ev['fn']})")
        wide = gold["events_within_25km"]
        lines.append(f"Sensitivity, places within 25 km: P {format_value(wide['precision'])}  R {format_value(wide['recall'])}  "
                     f"F1 {format_value(wide['f1'])}")
        lines.append(f"Per article: gold {format_value(gold['gold_events_per_article'])}, predicted "
                     f"{format_value(gold['predicted_events_per_article'])}, extra {format_value(gold['extra_events_per_article'])}")
        parts = {**(gold.get("by_split") or {}), **(gold.get("by_region") or {})}
        if parts:
            lines.append("")
            lines.append(f"{'part':16} {'articles':>8} {'P':>6} {'R':>6} {'F1':>6} {'extra/art':>9} {'actors':>7} "
                         f"{'modality':>8} {'ECE':>6} {'claims R':>8} {'speaker':>7}")
            for name, part in parts.items():
                pe = part["events"]
                lines.append(f"{name:16} {part['articles']:>8} {format_value(pe['precision']):>6} "
                             f"{format_value(pe['recall']):>6} {format_value(pe['f1']):>6} "
                             f"{format_value(part['extra_events_per_article']):>9} "
                             f"{format_value(part['fields']['actors']['accuracy']):>7} "
                             f"{format_value(part['fields']['modality']['accuracy']):>8} "
                             f"{format_value(part['calibration']['ece']):>6} "
                             f"{format_value(part['claims']['recall']):>8} "
                             f"{format_value(part['claims']['speaker_accuracy']):>7}")
        lines.append("")
        lines.append(f"{'event_type':32} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'extra/art':>9}")
        for etype, s in gold["events_by_type"].items():
            lines.append(f"{etype:32} {format_value(s['precision']):>6} {format_value(s['recall']):>6} {format_value(s['f1']):>6} "
                         f"{s['tp']:>4} {s['fp']:>4} {s['fn']:>4} {format_value(s['extra_per_article']):>9}")
        lines.append("")
        lines.append("Field accuracy on matched events:")
        for name, f in gold["fields"].items():
            lines.append(f"  {name:16} {format_value(f['accuracy']):>6}  (n={f['n']})")
        d = gold["event_distance_km"]
        lines.append(f"Event distance km: median {format_value(d['median'])}, p90 {format_value(d['p90'])} (n={d['n']}); "
                     f"wrong governorate: {gold['wrong_governorate']}")
        pl = gold["places"]
        lines.append(f"Places: recall {format_value(pl['recall'])} ({pl['found']}/{pl['gold']}, anywhere in the article "
                     f"{format_value(pl['doc_recall'])}); distance km median "
                     f"{format_value(pl['distance_km']['median'])}, p90 {format_value(pl['distance_km']['p90'])}")
        cl = gold["claims"]
        lines.append(f"Claims: recall {format_value(cl['recall'])} (value only {format_value(cl['value_recall'])}) of {cl['gold']}; "
                     f"speaker accuracy {format_value(cl['speaker_accuracy'])}; predicted {cl['predicted']}; "
                     f"propositions {cl['propositions']['found']}/{cl['propositions']['gold']} found, "
                     f"{cl['propositions']['predicted']} predicted ({cl['propositions']['predicted_on_gold']} over a "
                     "gold proposition)")
        if cl.get("error_kinds"):
            lines.append("Claim errors: " + ", ".join(f"{k} {n}" for k, n in cl["error_kinds"].items()))
        cal = gold["calibration"]
        lines.append(f"Confidence calibration ({cal['n']} predicted events, matched or not): ECE "
                     f"{format_value(cal['ece'])}; " + ", ".join(
                         f"{b['bin']}: {b['n']} at {format_value(b['matched'], 2)}" for b in cal["bins"]))
        if gold["error_kinds"]:
            lines.append("Error kinds:")
            for kind, n in gold["error_kinds"].items():
                lines.append(f"  {n:4}  {kind}")
        if "errors" in gold:
            hidden = gold["errors"]["validation_cases_not_shown"]
            if any(hidden.values()):
                lines.append("")
                lines.append(f"Validation part: {hidden['misses']} misses, {hidden['extras']} extras, "
                             f"{hidden['actors']} matched events with another actor pair, "
                             f"{hidden['claims']} claim errors and {hidden['places']} missed places, not listed (aggregate figures only; the error kinds "
                             "above include them)")
            for label in ("misses", "extras"):
                lines.append("")
                lines.append(f"{label.upper()} ({len(gold['errors'][label])}):")
                for e in gold["errors"][label]:
                    lines.append(f"- {e['doc_id']} {e['event_type']} / {e['sub_event_type']} at {e['location']} "
                                 f"on {e['event_date']} [{e['modality']}]: {e['reason']}"
                                 + (f" (nearest prediction: {e['nearest_prediction']})" if e.get("nearest_prediction") else ""))
                    if e["evidence"]:
                        lines.append(f"    {e['evidence']}")
            lines.append("")
            lines.append(f"ACTORS of matched events, another pair ({len(gold['errors']['actors'])}):")
            for e in gold["errors"]["actors"]:
                lines.append(f"- {e['doc_id']} {e['event_type']} / {e['sub_event_type']} at {e['location']} "
                             f"on {e['event_date']}: {e['kind']}")
                lines.append(f"    gold: {' | '.join(a or '-' for a in e['gold'])}")
                lines.append(f"    predicted: {' | '.join(a or '-' for a in e['predicted'])}")
                if e["evidence"]:
                    lines.append(f"    {e['evidence']}")
            lines.append("")
            lines.append(f"CLAIMS missed or with another speaker ({len(gold['errors']['claims'])}):")
            for e in gold["errors"]["claims"]:
                lines.append(f"- {e['doc_id']} {e['kind']}: {e['gold']}")
                if e["evidence"]:
                    lines.append(f"    {e['evidence']}")
                for p in e["predicted"]:
                    lines.append(f"    predicted: {p}")
            lines.append("")
            lines.append(f"PLACES missed ({len(gold['errors']['places'])}):")
            for e in gold["errors"]["places"]:
                dist = f", nearest predicted place {e['distance_km']} km" if e["distance_km"] is not None else ""
                lines.append(f"- {e['doc_id']} {e['gold']} ({e['text']}): {e['kind']}{dist}")
                for p in e["predicted"]:
                    lines.append(f"    predicted: {p}")
    gsr = out.get("gsr")
    if gsr:
        if lines:
            lines.append("")
        lines.append(f"Sentence benchmark arabic_event_gsr (dev): {gsr['sentences']} sentences   model: "
                     + (f"{gsr['model']['name']} (cross-validated: each sentence read by a model that never saw it)"
                        if gsr.get("model") else "none (rules only)"))
        lines.append("restated (headline): yes vs easy no, asserted + claimed; default: yes vs easy + difficult no")
        lines.append(f"{'family':9} {'scoring':14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"
                     f" {'FPR(difficult no)':>18}")
        for family in ("ASSAULT", "PROTEST"):
            for mode in ("restated", "default", "all_modalities"):
                s = gsr[family][mode]
                lines.append(f"{family:9} {mode:14} {format_value(s['precision']):>6} {format_value(s['recall']):>6} "
                             f"{format_value(s['f1']):>6} {s['tp']:>4} {s['fp']:>4} {s['fn']:>4} "
                             f"{format_value(s['false_positive_rate_difficult_no']):>18}")
        if "errors" in gsr:
            for family in ("ASSAULT", "PROTEST"):
                for label in ("false_negatives", "false_positives"):
                    items = gsr["errors"][family][label]
                    lines.append("")
                    lines.append(f"{family} {label.upper().replace('_', ' ')} ({len(items)}):")
                    for item in items:
                        lines.append(f"- {item['id']} [{item['label']}] predicted: {', '.join(item['events']) or 'nothing'}")
                        lines.append(f"    {item['text']}")
    timing = out.get("_timing")
    if timing:
        lines.append("")
        lines.append("Time: " + ", ".join(f"{k} {v}" for k, v in timing.items()))
    return "\n".join(lines)


def format_json(out: dict[str, Any]) -> str:
    stable = {k: v for k, v in out.items() if not k.startswith("_")}
    return json.dumps(stable, ensure_ascii=False, sort_keys=True, indent=2)
