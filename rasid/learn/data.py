"""Training examples for the learned layer: the rules' candidate events, labelled from gold and benchmark.

Gold articles (train part only, rasid.eval.split): every event the rules output, of any modality, is a
candidate. It is `right` when it matches a gold reportable event (asserted or claimed) under the
evaluator's own matching (type family, 10 km, one day; one-to-one, so a second copy of a matched event
is wrong); its modality label is the modality of the gold event it matches with all modalities in play.
Benchmark sentences (arabic_event_gsr dev, `yes` and `easy no` only, as the restated scoring): an
event of the file's family is right in a `yes` sentence and wrong in an `easy no` one; its modality
is unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.learn.features import document_features
from rasid.learn.layer import gold_key
from rasid.models import REPORTABLE, DocResult, Document


@dataclass(slots=True)
class Example:
    key: str  # gold_key(doc_id) or gsr_key(sentence id): the unit kept together in one fold
    source: str  # "gold" | "gsr"
    features: dict[str, float]
    right: bool
    modality: str | None  # gold modality of the matched event (None: unmatched, or unknown)
    rules_modality: str
    rules_confidence: float
    family: str | None = None  # benchmark family of the sentence (gsr only)


def label_gold(record: dict[str, Any], result: DocResult) -> list[tuple[bool, str | None]]:
    """(right, gold modality) for each predicted event of a gold article."""
    from rasid.eval.score import match_events

    preds = [e.model_dump() for e in result.events]
    gold_all = [dict(e) for e in record.get("events", [])]
    gold_rep = [e for e in gold_all if e.get("modality") in REPORTABLE]
    right = {pi for _, pi in match_events(gold_rep, preds)}
    modality = {pi: gold_all[gi].get("modality") for gi, pi in match_events(gold_all, preds)}
    return [(i in right, modality.get(i)) for i in range(len(preds))]


def gold_examples(records: Iterable[dict[str, Any]], docs: dict[str, Document],
                  results: dict[str, DocResult]) -> list[Example]:
    out: list[Example] = []
    for record in records:
        doc_id = str(record["doc_id"])
        doc, result = docs[doc_id], results[doc_id]
        feats = document_features(doc, result)
        for ev, fv, (right, modality) in zip(result.events, feats, label_gold(record, result), strict=True):
            out.append(Example(gold_key(doc_id), "gold", fv, right, modality, ev.modality, ev.confidence))
    return out


def read_gold_documents(corpora: list[Path], ids: set[str]) -> dict[str, Document]:
    from rasid.ingest.readers import ReadFailure, read_paths

    return {d.doc_id: d for d in read_paths(corpora) if not isinstance(d, ReadFailure) and d.doc_id in ids}


def gsr_examples(directory: Path, process: Any) -> list[Example]:
    """Examples from the benchmark's `yes` and `easy no` sentences; `process(Document) -> DocResult`."""
    from rasid.eval.gsr import POSITIVE, RESTATED_NEGATIVE, gsr_key, read_benchmark
    from rasid.eval.vocab import GSR_FAMILIES

    out: list[Example] = []
    for family, rows in read_benchmark(directory).items():
        types = GSR_FAMILIES[family]
        for row in rows:
            if row["label"] not in POSITIVE | RESTATED_NEGATIVE:
                continue
            doc = Document(doc_id=row["id"], text=row["text"])
            result = process(doc)
            if result.errors or not result.events:
                continue
            feats = document_features(doc, result)
            for ev, fv in zip(result.events, feats, strict=True):
                if ev.event_type in types:
                    out.append(Example(gsr_key(row["id"]), "gsr", fv, row["label"] in POSITIVE, None,
                                       ev.modality, ev.confidence, family))
    return out
