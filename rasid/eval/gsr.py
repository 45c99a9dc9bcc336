"""Sentence benchmark: `arabic_event_gsr` (ASSAULT and PROTEST detection, dev split).

A sentence is predicted positive for a family when the pipeline extracts at least one event whose
event_type belongs to the family (vocab.GSR_FAMILIES) and whose modality is in the chosen set.

Headline scoring (`restated`, issue 12): label `yes` (every annotator accepted) = positive, `easy no`
(every annotator rejected) = negative; `difficult no` and `ambiguous` (annotators split) are left out;
reportable modalities (asserted, claimed). The older scoring is kept beside it: `default` counts
`difficult no` as negative too, `all_modalities` also counts planned, denied and background events.
Every sentence is run once; all figures come from the same run.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rasid.eval.score import prf
from rasid.eval.vocab import GSR_FAMILIES
from rasid.models import REPORTABLE

FILES = {"ASSAULT": "assault_dev.csv", "PROTEST": "protest_dev.csv"}
POSITIVE = {"yes"}
NEGATIVE = {"easy no", "difficult no"}
#: Negatives of the headline scoring: only sentences every annotator rejected.
RESTATED_NEGATIVE = {"easy no"}

#: (doc_id, text) -> list of (event_type, modality)
Predictor = Callable[[str, str], list[tuple[str, str]]]


def read_benchmark(directory: str | Path) -> dict[str, list[dict[str, str]]]:
    d = Path(directory)
    out: dict[str, list[dict[str, str]]] = {}
    for family, name in FILES.items():
        path = d / name
        if not path.exists():
            raise FileNotFoundError(f"benchmark file not found: {path}")
        with path.open(encoding="utf-8", newline="") as handle:
            out[family] = [row for row in csv.DictReader(handle) if row.get("label") in POSITIVE | NEGATIVE]
    return out


class PipelinePredictor:
    """Runs `Pipeline().process` on a sentence (then the learned layer, when given); remembers how many
    sentences failed to extract.

    With a layer, a sentence the model was trained on is read by the fold model that never saw it
    (`holdout_key`), so benchmark figures with the model on are cross-validated, never in-sample.
    """

    def __init__(self, layer: Any = None) -> None:
        from rasid.pipeline import LEARNED, Pipeline

        self.pipe = Pipeline(disable=[LEARNED])  # the rules' candidates; the layer is applied below, cross-fitted
        self.layer = layer
        self.failures: list[str] = []

    def __call__(self, doc_id: str, text: str) -> list[tuple[str, str]]:
        from rasid.models import Document

        doc = Document(doc_id=doc_id, text=text)
        result = self.pipe.process(doc)
        if result.errors:
            self.failures.append(f"{doc_id}: {result.errors[0]}")
        elif self.layer is not None:
            result = self.layer.apply(doc, result, holdout_key=gsr_key(doc_id))
        return [(e.event_type, e.modality) for e in result.events]


def pipeline_predictor(layer: Any = None) -> PipelinePredictor:
    return PipelinePredictor(layer)


def gsr_key(sentence_id: str) -> str:
    """The training-set key of a benchmark sentence (see rasid.learn: models remember what they saw)."""
    return f"gsr:{sentence_id}"


def _key(row: dict[str, str]) -> str:
    return f"{row['id']}\x00{row['text']}"


def score_family(rows: Iterable[dict[str, str]], family: str, predictions: dict[str, list[tuple[str, str]]],
                 modalities: Iterable[str] | None) -> dict[str, Any]:
    keep = frozenset(modalities) if modalities is not None else None
    types = GSR_FAMILIES[family]
    tp = fp = fn = tn = 0
    fp_difficult = n_difficult = 0
    for row in rows:
        events = predictions.get(_key(row), [])
        positive = any(t in types and (keep is None or m in keep) for t, m in events)
        gold = row["label"] in POSITIVE
        if gold and positive:
            tp += 1
        elif gold:
            fn += 1
        elif positive:
            fp += 1
        else:
            tn += 1
        if row["label"] == "difficult no":
            n_difficult += 1
            fp_difficult += positive
    out: dict[str, Any] = dict(prf(tp, fp, fn))
    out["tn"] = tn
    out["false_positive_rate_difficult_no"] = round(fp_difficult / n_difficult, 4) if n_difficult else None
    return out


def _errors(rows: Iterable[dict[str, str]], family: str,
            predictions: dict[str, list[tuple[str, str]]]) -> dict[str, list[dict[str, Any]]]:
    """Benchmark sentences scored wrongly by the headline scoring (for `rasid eval --errors`)."""
    types = GSR_FAMILIES[family]
    out: dict[str, list[dict[str, Any]]] = {"false_positives": [], "false_negatives": []}
    for row in _restated(rows):
        events = predictions.get(_key(row), [])
        positive = any(t in types and m in REPORTABLE for t, m in events)
        gold = row["label"] in POSITIVE
        if positive != gold:
            item = {"id": row["id"], "label": row["label"], "events": [f"{t} [{m}]" for t, m in events],
                    "text": row["text"]}
            out["false_negatives" if gold else "false_positives"].append(item)
    return out


def _restated(rows: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in rows if r["label"] in POSITIVE | RESTATED_NEGATIVE]


def score_gsr(directory: str | Path, predictor: Predictor | None = None,
              on_progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Figures for both families: the headline (`restated`) and the older scoring (`default`,
    `all_modalities`)."""
    bench = read_benchmark(directory)
    predict = predictor or pipeline_predictor()
    predictions: dict[str, list[tuple[str, str]]] = {}
    done = 0
    for rows in bench.values():
        for row in rows:
            key = _key(row)
            if key not in predictions:
                predictions[key] = predict(row["id"], row["text"])
            done += 1
            if on_progress is not None:
                on_progress(done)
    result: dict[str, Any] = {"sentences": sum(len(r) for r in bench.values())}
    result["_errors"] = {family: _errors(rows, family, predictions) for family, rows in bench.items()}
    failures = getattr(predict, "failures", [])
    result["extraction_failures"] = len(failures)
    result["_failures"] = failures
    for family, rows in bench.items():
        result[family] = {
            "positives": sum(r["label"] in POSITIVE for r in rows),
            "negatives": sum(r["label"] in NEGATIVE for r in rows),
            "restated_negatives": sum(r["label"] in RESTATED_NEGATIVE for r in rows),
            "restated": score_family(_restated(rows), family, predictions, REPORTABLE),
            "default": score_family(rows, family, predictions, REPORTABLE),
            "all_modalities": score_family(rows, family, predictions, None),
        }
    return result
