"""Quality floors: a change that loses extraction quality fails CI.

The floors sit just below the figures measured by (from the repository root):

    rasid eval gold/ --corpus ../shared/corpus/news_dev.jsonl --gsr ../shared/benchmarks/arabic_event_gsr --format json

Measured at the rules helper's issue-12 work (rasid eval, rules only): events P 0.600 R 0.579 F1 0.589, extra
0.83/article, places 0.994, claims 0.907; benchmark ASSAULT F1 0.550 (R 0.762), PROTEST F1 0.375 (R 0.692).
Earlier (commit 347e7ec): events P 0.545 R 0.591 F1 0.567, extra 1.06; ASSAULT F1 0.493 (R 0.799).
Raise them when quality improves (docs/quality.md records the figures and the date); never lower them to
make a change pass without saying why in the commit message.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = (ROOT / ".." / "shared" / "corpus" / "news_dev.jsonl").resolve()
GSR = (ROOT / ".." / "shared" / "benchmarks" / "arabic_event_gsr").resolve()

# Gold articles (reportable modalities: asserted + claimed)
EVENT_PRECISION = 0.58
EVENT_RECALL = 0.56
EVENT_F1 = 0.57
EXTRA_EVENTS_PER_ARTICLE_MAX = 0.9
PLACE_RECALL = 0.97
CLAIM_RECALL = 0.88
# Sentence benchmark (dev split, default modalities)
ASSAULT_F1 = 0.53
ASSAULT_RECALL = 0.75
PROTEST_F1 = 0.35
PROTEST_RECALL = 0.65
GSR_SECONDS_MAX = 60.0


@pytest.fixture(scope="module")
def gold_report():
    if not CORPUS.exists():
        pytest.skip(f"corpus not found at {CORPUS}")
    from rasid.eval.run import evaluate_gold

    return evaluate_gold(ROOT / "gold", CORPUS)


@pytest.fixture(scope="module")
def gsr_report():
    if not GSR.is_dir():
        pytest.skip(f"benchmark not found at {GSR}")
    from rasid.eval.gsr import score_gsr

    start = time.perf_counter()
    report = score_gsr(GSR)
    report["_seconds"] = time.perf_counter() - start
    return report


def test_gold_event_floors(gold_report):
    assert gold_report["extraction_failures"] == 0, "extraction raised errors on gold articles"
    ev = gold_report["events"]
    assert ev["precision"] >= EVENT_PRECISION
    assert ev["recall"] >= EVENT_RECALL
    assert ev["f1"] >= EVENT_F1
    assert gold_report["extra_events_per_article"] <= EXTRA_EVENTS_PER_ARTICLE_MAX


def test_gold_place_and_claim_floors(gold_report):
    assert (gold_report["places"]["recall"] or 0.0) >= PLACE_RECALL
    assert (gold_report["claims"]["recall"] or 0.0) >= CLAIM_RECALL


def test_sentence_benchmark_floors(gsr_report):
    # a handful of benchmark sentences are too short to read; a crash would fail every sentence
    assert gsr_report["extraction_failures"] <= 20, "extraction raised errors on benchmark sentences"
    assert gsr_report["ASSAULT"]["default"]["f1"] >= ASSAULT_F1
    assert gsr_report["ASSAULT"]["default"]["recall"] >= ASSAULT_RECALL
    assert gsr_report["PROTEST"]["default"]["f1"] >= PROTEST_F1
    assert gsr_report["PROTEST"]["default"]["recall"] >= PROTEST_RECALL
    assert gsr_report["_seconds"] < GSR_SECONDS_MAX, "the ~3,100 benchmark sentences must score in under a minute"
