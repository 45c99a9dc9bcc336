"""`rasid train` end to end on a small benchmark folder of our own sentences (needs scikit-learn)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasid.cli import app
from rasid.learn.layer import EventLayer
from rasid.models import Document
from rasid.pipeline import Pipeline

pytest.importorskip("sklearn")

TOWNS = ["الباب", "منبج", "اعزاز", "مارع", "جرابلس", "تل رفعت", "عفرين", "السفيرة", "دير حافر", "الأتارب",
         "سراقب", "بنش"]
# reports of attacks that happened (label yes) and talk about attacks (easy no); all written for this test
REPORTS = [
    "قتل ثلاثة مدنيين أمس في قصف مدفعي استهدف مدينة {t} بريف حلب.",
    "انفجرت سيارة مفخخة صباح اليوم وسط مدينة {t} ما أسفر عن مقتل أربعة أشخاص.",
    "شنت طائرات حربية غارات جوية على بلدة {t} اليوم وقتل خمسة مدنيين.",
]
TALK = [
    "طالب الأهالي بوقف القصف المدفعي على مدينة {t} وحماية المدنيين.",
    "حكمت محكمة على رجل بالسجن بتهمة التخطيط لتفجير سيارة مفخخة في مدينة {t}.",
    "يخشى السكان أن تتعرض مدينة {t} لغارات جوية في الأيام المقبلة.",
]
PROTESTS = ["خرج مئات المتظاهرين اليوم في مدينة {t} احتجاجا على الغلاء.",
            "دعا ناشطون إلى التظاهر في مدينة {t} يوم الجمعة المقبل."]


def write_benchmark(folder: Path) -> None:
    folder.mkdir()
    header = ["id", "event_type", "label", "accept", "reject", "total", "text"]
    with (folder / "assault_dev.csv").open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(header)
        for i, town in enumerate(TOWNS):
            for j, template in enumerate(REPORTS):
                w.writerow([f"a{i}-{j}", "ASSAULT", "yes", 3, 0, 3, template.format(t=town)])
            for j, template in enumerate(TALK):
                w.writerow([f"n{i}-{j}", "ASSAULT", "easy no", 0, 3, 3, template.format(t=town)])
    with (folder / "protest_dev.csv").open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(header)
        for i, town in enumerate(TOWNS):
            w.writerow([f"p{i}", "PROTEST", "yes", 3, 0, 3, PROTESTS[0].format(t=town)])
            w.writerow([f"q{i}", "PROTEST", "easy no", 0, 3, 3, PROTESTS[1].format(t=town)])


def test_train_writes_a_deterministic_model_that_the_layer_and_evaluator_use(tmp_path: Path):
    bench = tmp_path / "gsr"
    write_benchmark(bench)
    out = tmp_path / "model" / "m.json"
    runner = CliRunner()
    args = ["train", "--no-gold", "--gsr", str(bench), "--out", str(out), "--folds", "3"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert report["trained_on"]["benchmark_sentences"] == len(TOWNS) * 8
    assert set(report["f1_model_out_of_fold"]) == {"ASSAULT", "PROTEST"}
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["model"]) == {"sentence"} and data["cv"]["file"] == "m.cv.json"
    cv = json.loads((out.parent / "m.cv.json").read_text(encoding="utf-8"))
    assert len(cv["models"]) == 3 and len(cv["seen"]) == len(TOWNS) * 8  # one fingerprint per sentence id
    model_bytes = out.read_bytes()
    assert runner.invoke(app, args).exit_code == 0
    assert out.read_bytes() == model_bytes  # the same data gives the same file

    doc = Document(doc_id="x", text="قتل مدنيان أمس في قصف مدفعي استهدف مدينة حريتان بريف حلب.")
    result = Pipeline(disable=["learned"]).process(doc)
    assert result.events
    layer = EventLayer.load(out)
    adjusted = layer.apply(doc, result)
    assert adjusted.events and all(0.5 < e.confidence <= 1.0 for e in adjusted.events)
    talk = Document(doc_id="y", text="يخشى السكان أن تتعرض مدينة حريتان لغارات جوية في الأيام المقبلة.")
    rules_only = Pipeline(disable=["learned"]).process(talk)
    assert rules_only.events, "the rules read this fear as an air strike: the case the layer is for"
    assert layer.apply(talk, rules_only).events == []

    # the evaluator reads every training sentence with the fold model that never saw it
    scored = runner.invoke(app, ["eval", "--gsr", str(bench), "--model", str(out), "--format", "json"])
    assert scored.exit_code == 0, scored.output
    gsr = json.loads(scored.stdout)["gsr"]
    assert gsr["model"]["name"] == "m" and "restated" in gsr["ASSAULT"]


def test_train_user_errors_are_one_line(tmp_path: Path):
    runner = CliRunner()
    for args in (["train", "--gold", str(tmp_path / "none"), "--corpus", str(tmp_path / "c.jsonl")],
                 ["train", "--no-gold", "--gsr", str(tmp_path / "none")],
                 ["train", "--no-gold"],
                 ["train", "--gold", str(tmp_path)]):
        out = runner.invoke(app, args + ["--out", str(tmp_path / "m.json")])
        assert out.exit_code == 2, (args, out.output)
        assert out.output.startswith("rasid: ") and out.output.strip().count("\n") == 0


def test_the_drop_threshold_is_the_highest_within_the_tolerance_of_the_best():
    from rasid.learn.train import F1_TOLERANCE, _tolerant_best

    flat = {0.2: 0.600, 0.3: 0.603, 0.35: 0.603 - F1_TOLERANCE / 2, 0.4: 0.603 - 2 * F1_TOLERANCE, 0.5: 0.55}
    assert _tolerant_best(flat) == 0.35


def test_fit_domain_averages_several_inner_partitions_and_is_deterministic():
    from rasid.learn.data import Example
    from rasid.learn.train import INNER_REPEATS, fit_domain

    # 60 articles of two events each: the right one says where it happened ("here"), the other does not
    examples, positives = [], {}
    for i in range(60):
        key = f"doc:a{i}"
        examples.append(Example(key, "gold", {"here": 1.0, f"town={i % 7}": 1.0}, True, "asserted", "asserted", 0.7))
        examples.append(Example(key, "gold", {"talk": 1.0, f"town={i % 5}": 1.0}, i % 6 == 0, None, "asserted", 0.6))
        positives[(key, "gold")] = 1 + (i % 6 == 0)
    first = fit_domain(examples, positives, "article")
    assert first == fit_domain(examples, positives, "article")
    assert len(first["threshold_by_repeat"]) == INNER_REPEATS
    assert first["weights"]["here"] > 0 > first["weights"]["talk"]
    assert 0.0 < first["threshold"] <= 0.7
