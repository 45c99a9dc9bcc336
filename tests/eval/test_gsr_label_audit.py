"""bench/gsr_label_audit.py: the committed judgments cover exactly the sample the script draws, and the
ceiling arithmetic is right."""

from __future__ import annotations

import csv

import pytest
from bench_scripts import ROOT, load_bench_script

BENCHMARK = (ROOT / ".." / "shared" / "benchmarks" / "arabic_event_gsr").resolve()


audit = load_bench_script("gsr_label_audit")


def test_ceiling_of_a_perfect_reader():
    # 50 positives and 50 mislabelled negatives: precision 0.5 at recall 1, F1 2/3
    assert audit.ceiling(50, 50.0) == {"precision": 0.5, "f1": 0.667}
    low, high = audit.wilson(23, 60)
    assert 0.25 < low < 23 / 60 < high < 0.52
    assert audit.kappa([True, True, False, False], [True, True, False, False]) == 1.0
    assert audit.kappa([True, False, True, False], [False, True, False, True]) == -1.0


def test_judgments_cover_the_drawn_sample_exactly():
    if not BENCHMARK.exists():
        pytest.skip(f"benchmark not found at {BENCHMARK}")
    from rasid.eval.gsr import read_benchmark

    with audit.JUDGMENTS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    assert {r["judgment"] for r in rows} | {r["second"] for r in rows} <= {"Y", "W", "N"}
    bench = read_benchmark(BENCHMARK)
    for family, size in audit.SAMPLE.items():
        drawn, pool = audit.sample(bench[family], family)
        assert len(drawn) == size < pool
        assert [r["sentence_id"] for r in rows if r["family"] == family] == [r["id"] for r in drawn]
        assert all(r["label"] == "easy no" for r in drawn)
