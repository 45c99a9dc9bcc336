"""Floors for the learned layer on real text (skipped without ../shared): the bundled model must keep helping.

Figures by (from the repository root):

    rasid eval gold/ --corpus ../shared/corpus/news_dev.jsonl --corpus ../shared/corpus/news_more.jsonl \\
        --gsr ../shared/benchmarks/arabic_event_gsr --model bundled --format json

Validation part (107 articles, never trained on): events F1 0.64, extra 0.58/article, modality 0.90,
actor pair 0.62, ECE 0.04; train part (246 articles, out-of-fold): ECE 0.10 (main 34526aa, 2026-12-07 late,
docs/quality.md); benchmark (restated, cross-validated): ASSAULT F1 0.79, PROTEST F1 0.58. Modality on matched validation events
0.88 since the rule for a source retelling the event in the next sentence (2026-12-07, branch evlayer).
When extraction changes, the rules' candidates change under the model: retrain it (`rasid train`, see
docs/learned.md) and check these figures again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = (ROOT / ".." / "shared" / "corpus" / "news_dev.jsonl").resolve()
MORE = (ROOT / ".." / "shared" / "corpus" / "news_more.jsonl").resolve()
GSR = (ROOT / ".." / "shared" / "benchmarks" / "arabic_event_gsr").resolve()
RETRAIN = "the learned layer fell below its floor: retrain it with `rasid train` (docs/learned.md)"


def test_model_floors_on_gold_validation_and_train():
    if not CORPUS.exists():
        pytest.skip(f"corpus not found at {CORPUS}")
    from rasid.eval.run import evaluate_gold, load_layer

    if not MORE.exists():
        pytest.skip(f"corpus not found at {MORE}")
    report = evaluate_gold(ROOT / "gold", [CORPUS, MORE], layer=load_layer("bundled"))
    val, train = report["by_split"]["val"], report["by_split"]["train"]
    assert val["events"]["f1"] >= 0.52, RETRAIN
    assert val["extra_events_per_article"] <= 0.80, RETRAIN
    assert val["fields"]["modality"]["accuracy"] >= 0.85, RETRAIN  # 0.88 (2026-12-07, branch evlayer)
    assert val["fields"]["actors"]["accuracy"] >= 0.52, RETRAIN  # the actor2 head (rules alone: 0.46)
    # issue 12's target is on validation (ECE <= 0.08). The train part's rules were written from its own errors,
    # so its events are right more often than the model (trained on older rules) expects: under-confidence there
    # is that tuning showing, not a broken calibration, and recalibrating on it would over-state confidence on
    # unseen text. Train keeps a looser floor so a model that breaks calibration outright still fails.
    assert val["calibration"]["ece"] <= 0.08, RETRAIN
    assert train["calibration"]["ece"] <= 0.10, RETRAIN


def test_model_floors_on_the_sentence_benchmark():
    if not GSR.is_dir():
        pytest.skip(f"benchmark not found at {GSR}")
    from rasid.eval.gsr import pipeline_predictor, score_gsr
    from rasid.eval.run import load_layer

    report = score_gsr(GSR, pipeline_predictor(load_layer("bundled")))
    assert report["ASSAULT"]["restated"]["f1"] >= 0.70, RETRAIN
    assert report["PROTEST"]["restated"]["f1"] >= 0.50, RETRAIN
