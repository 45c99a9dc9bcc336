"""`rasid eval` end to end on a tiny hand-made corpus (no shared data needed)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasid.cli import app
from rasid.eval.gsr import score_gsr

runner = CliRunner()


def write_fixture(tmp: Path) -> tuple[Path, Path, Path]:
    corpus = tmp / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "d1", "text": "clashes at the town of Hajin today"}) + "\n", encoding="utf-8")
    gold = tmp / "gold.jsonl"
    event = {"event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "SDF: Syrian Democratic Forces",
             "actor2": "IS: Islamic State", "location": "Hajin", "admin1": "Deir ez-Zor", "latitude": 34.694,
             "longitude": 40.829, "geo_precision": 1, "fatalities": 0, "modality": "asserted", "event_date": None,
             "time_precision": None, "evidence": [[0, 7]]}
    gold.write_text(json.dumps({"doc_id": "d1", "annotator": "t", "checked": True, "events": [event]}) + "\n",
                    encoding="utf-8")
    preds = tmp / "pred.jsonl"
    pred_event = dict(event, evidence=[{"start": 0, "end": 7, "text": "clashes"}])
    extra = dict(pred_event, location="Aleppo", latitude=36.2, longitude=37.15)
    preds.write_text(json.dumps({"doc_id": "d1", "events": [pred_event, extra]}) + "\n", encoding="utf-8")
    return corpus, gold, preds


def eval_errors(corpus: Path, gold: Path, preds: Path):
    """`rasid eval --errors` of the fixture's predictions."""
    return runner.invoke(app, ["eval", str(gold), "--corpus", str(corpus), "--predictions", str(preds), "--errors"])


def move_to_validation(*paths: Path) -> None:
    """Give the fixture's article ("d1") a doc id of the validation part, in every file."""
    from rasid.eval.split import split_of

    val_id = next(f"v{i}" for i in range(100) if split_of(f"v{i}") == "val")
    for path in paths:
        path.write_text(path.read_text(encoding="utf-8").replace('"d1"', f'"{val_id}"'), encoding="utf-8")


def test_eval_json_is_stable_and_sorted(tmp_path):
    corpus, gold, preds = write_fixture(tmp_path)
    args = ["eval", str(gold), "--corpus", str(corpus), "--predictions", str(preds), "--format", "json"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    assert data["gold"]["events"]["tp"] == 1 and data["gold"]["events"]["fp"] == 1
    assert data["gold"]["extra_events_per_article"] == 1.0
    assert list(data) == sorted(data)
    assert runner.invoke(app, args).output == first.output


def test_eval_errors_lists_extras_with_evidence(tmp_path):
    corpus, gold, preds = write_fixture(tmp_path)
    out = eval_errors(corpus, gold, preds)
    assert out.exit_code == 0, out.output
    assert "EXTRAS (1)" in out.output and "Aleppo" in out.output and "clashes" in out.output


def test_eval_runs_the_pipeline_without_predictions(tmp_path):
    corpus, gold, _ = write_fixture(tmp_path)
    out = runner.invoke(app, ["eval", str(gold), "--corpus", str(corpus), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["gold"]["articles"] == 1
    assert "extraction_failures" in data["gold"]


def test_extraction_failures_are_counted_and_reported(tmp_path):
    corpus, gold, _ = write_fixture(tmp_path)
    failed = tmp_path / "failed.jsonl"
    failed.write_text(json.dumps({"doc_id": "d1", "events": [], "errors": ["internal error: boom"]}) + "\n")
    out = runner.invoke(app, ["eval", str(gold), "--corpus", str(corpus), "--predictions", str(failed),
                              "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["gold"]["extraction_failures"] == 1
    assert "extraction failed on 1 of 1 gold articles (first: d1: internal error: boom)" in out.stderr


def test_eval_user_errors_are_one_line(tmp_path):
    corpus, gold, _ = write_fixture(tmp_path)
    for args in (["eval"], ["eval", str(gold)], ["eval", str(tmp_path / "none.jsonl"), "--corpus", str(corpus)],
                 ["eval", "--gsr", str(tmp_path / "nope")]):
        out = runner.invoke(app, args)
        assert out.exit_code == 2
        assert "Traceback" not in out.output
        assert out.output.strip().count("\n") == 0 and out.output.startswith("rasid: ")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"doc_id": "d1", "annotator": "t", "checked": True,
                               "events": [{"event_type": "War", "evidence": [[0, 2]], "actor1": "A"}]}) + "\n")
    out = runner.invoke(app, ["eval", str(bad), "--corpus", str(corpus)])
    assert out.exit_code == 2 and "invalid gold" in out.output


def test_gsr_scoring_with_a_fake_predictor(tmp_path):
    header = "id,event_type,label,accept,reject,total,text\n"
    (tmp_path / "assault_dev.csv").write_text(
        header + "a1,ASSAULT,yes,3,0,3,boom\na2,ASSAULT,easy no,0,3,3,calm\na3,ASSAULT,difficult no,1,2,3,boom\n"
        "a4,ASSAULT,ambiguous,1,1,2,boom\na5,ASSAULT,yes,3,0,3,plan\n", encoding="utf-8")
    (tmp_path / "protest_dev.csv").write_text(header + "p1,PROTEST,yes,3,0,3,march\n", encoding="utf-8")

    def predict(doc_id: str, text: str) -> list[tuple[str, str]]:
        return {"boom": [("Explosions/Remote violence", "asserted")], "plan": [("Battles", "planned")],
                "march": [("Protests", "claimed")]}.get(text, [])

    out = score_gsr(tmp_path, predict)
    assert out["sentences"] == 5  # ambiguous left out
    a = out["ASSAULT"]["default"]
    assert (a["tp"], a["fp"], a["fn"], a["tn"]) == (1, 1, 1, 1)
    assert a["false_positive_rate_difficult_no"] == 1.0
    assert out["ASSAULT"]["all_modalities"]["tp"] == 2
    assert out["PROTEST"]["default"]["f1"] == 1.0
    # restated (headline): 'difficult no' is left out, so a3 is neither a false positive nor a negative
    r = out["ASSAULT"]["restated"]
    assert (r["tp"], r["fp"], r["fn"], r["tn"]) == (1, 0, 1, 1)
    assert out["ASSAULT"]["restated_negatives"] == 1 and out["ASSAULT"]["negatives"] == 2
    errs = out["_errors"]["ASSAULT"]
    assert errs["false_positives"] == []
    assert [e["id"] for e in errs["false_negatives"]] == ["a5"]


def test_errors_are_never_listed_for_the_validation_part(tmp_path):
    from rasid.eval.split import split_of

    corpus, gold, preds = write_fixture(tmp_path)
    assert split_of("d1") == "train"
    out = runner.invoke(app, ["eval", str(gold), "--corpus", str(corpus), "--predictions", str(preds), "--errors",
                              "--split", "val"])
    assert out.exit_code == 2 and "train part only" in out.output
    # a validation article's cases are counted, not listed
    move_to_validation(corpus, gold, preds)
    out = eval_errors(corpus, gold, preds)
    assert out.exit_code == 0, out.output
    assert "Aleppo" not in out.output and "EXTRAS (0)" in out.output
    assert ("Validation part: 0 misses, 1 extras, 0 matched events with another actor pair, 0 claim errors and "
            "0 missed places, not listed") in out.output


def test_eval_errors_lists_missed_places_of_the_train_part(tmp_path):
    """A gold place with no predicted place entity on its words is listed (train) or counted (validation)."""
    corpus, gold, preds = write_fixture(tmp_path)
    record = json.loads(gold.read_text(encoding="utf-8"))
    record["places"] = [{"name": "Hajin", "start": 23, "end": 28, "latitude": 34.694, "longitude": 40.829}]
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    pred = json.loads(preds.read_text(encoding="utf-8"))
    pred["entities"] = [{"kind": "place", "text": "Hajin", "start": 23, "end": 28, "canonical": "Aleppo",
                         "latitude": 36.2, "longitude": 37.15}]
    preds.write_text(json.dumps(pred) + "\n", encoding="utf-8")
    out = eval_errors(corpus, gold, preds)
    assert out.exit_code == 0, out.output
    assert "PLACES missed (1):" in out.output
    assert "- d1 Hajin (Hajin): resolved to another place, nearest predicted place" in out.output
    assert "predicted: Aleppo (Hajin)" in out.output
    move_to_validation(corpus, gold, preds)
    out = eval_errors(corpus, gold, preds)
    assert "PLACES missed (0):" in out.output and "1 missed places, not listed" in out.output


def test_eval_errors_lists_matched_events_with_another_actor_pair(tmp_path):
    """Train cases only: a matched event whose pair differs is listed with both pairs; in the validation part
    it is only counted."""
    corpus, gold, preds = write_fixture(tmp_path)
    preds.write_text(preds.read_text(encoding="utf-8").replace('"IS: Islamic State"', '"Civilians (Syria)"', 1),
                     encoding="utf-8")
    out = eval_errors(corpus, gold, preds)
    assert out.exit_code == 0, out.output
    assert "ACTORS of matched events, another pair (1):" in out.output
    assert "Hajin on None: other side wrong" in out.output
    assert "gold: SDF: Syrian Democratic Forces | IS: Islamic State" in out.output
    assert "predicted: SDF: Syrian Democratic Forces | Civilians (Syria)" in out.output
    move_to_validation(corpus, gold, preds)
    out = eval_errors(corpus, gold, preds)
    assert out.exit_code == 0, out.output
    assert "ACTORS of matched events, another pair (0):" in out.output and "Civilians" not in out.output
    assert "1 matched events with another actor pair" in out.output


def test_split_figures_side_by_side_and_calibration(tmp_path):
    corpus, gold, preds = write_fixture(tmp_path)
    preds.write_text(preds.read_text(encoding="utf-8").replace('"modality": "asserted"',
                                                               '"modality": "asserted", "confidence": 0.5'))
    args = ["eval", str(gold), "--corpus", str(corpus), "--predictions", str(preds), "--format", "json"]
    data = json.loads(runner.invoke(app, args).output)["gold"]
    assert data["split"] == "all" and set(data["by_split"]) == {"train"}
    assert data["by_split"]["train"]["events"]["tp"] == 1
    cal = data["calibration"]  # both predictions carry the default confidence 0.5; one of two matched
    assert cal["n"] == 2 and cal["ece"] == 0.0 and cal["bins"][0]["bin"] == "0.5-0.6"
    only_val = runner.invoke(app, args + ["--split", "val"])
    assert only_val.exit_code == 2 and "no gold article of the val part" in only_val.output


def test_figures_by_region_follow_the_gold_governorates(tmp_path):
    from rasid.eval.run import region_of

    assert region_of({"events": [{"admin1": "Idleb"}], "places": []}) == "Syria and Iraq"
    assert region_of({"events": [{"admin1": "Taiz"}], "places": [{"admin1": "Ninawa"}]}) == "Syria and Iraq"
    assert region_of({"events": [], "places": [{"admin1": "Northern Darfur"}]}) == "elsewhere"
    assert region_of({"events": [{"admin1": "Atlantis"}], "places": []}) == "no place in gold"
    # the gold's GeoNames spellings of Lebanon's, Sinai's and Mogadishu's governorates are elsewhere, not nowhere
    for admin1 in ("Liban-Sud", "Nabatiye", "Muhafazat Shamal Sina'", "Banaadir"):
        assert region_of({"events": [{"admin1": admin1}], "places": []}) == "elsewhere", admin1
    corpus, gold, preds = write_fixture(tmp_path)
    args = ["eval", str(gold), "--corpus", str(corpus), "--predictions", str(preds), "--format", "json"]
    data = json.loads(runner.invoke(app, args).output)["gold"]
    assert set(data["by_region"]) == {"Syria and Iraq"} and data["by_region"]["Syria and Iraq"]["events"]["tp"] == 1
