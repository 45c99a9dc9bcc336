"""bench/agreement.py: a gold record survives the trip to `rasid extract` format and back, and a coder
scored against themself agrees perfectly (the text and the record are our own, not corpus material)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from bench_scripts import load_bench_script

from rasid.models import DocResult

TEXT = ("قصفت طائرات حربية قرية الصالحية شرق دير الزور صباح الأحد، ما أدى إلى مقتل ثلاثة مدنيين بحسب "
        "مصادر محلية. وفي مدينة الرقة اعتقلت قوات الأمن خمسة شبان بتهمة التواصل مع جهات معارضة.")


agreement = load_bench_script("agreement")


def span(phrase: str) -> list[int]:
    start = TEXT.index(phrase)
    return [start, start + len(phrase)]


def record() -> dict:
    s_strike, s_arrest = span("قصفت طائرات حربية قرية الصالحية"), span("اعتقلت قوات الأمن خمسة شبان")
    s_place, s_raqqa, s_toll = span("الصالحية"), span("الرقة"), span("مقتل ثلاثة مدنيين")
    event = {"event_date": None, "time_precision": None, "assoc_actor_1": None, "assoc_actor_2": None,
             "fatalities": 0, "geo_precision": 1}
    return {
        "doc_id": "own-1", "annotator": "test", "checked": False, "published": None,
        "events": [
            {**event, "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
             "actor1": "Unidentified Armed Group (Syria)", "actor2": "Civilians (Syria)", "location": "Al-Salihiyah",
             "admin1": "Deir ez-Zor", "latitude": 35.31, "longitude": 40.21, "fatalities": 3, "modality": "claimed",
             "evidence": [s_strike]},
            {**event, "event_type": "Strategic developments", "sub_event_type": "Arrests",
             "actor1": "Military Forces of Syria (2000-2024)", "actor2": "Civilians (Syria)", "location": "Raqqa",
             "admin1": "Raqqa", "latitude": 35.95, "longitude": 39.01, "modality": "asserted", "evidence": [s_arrest]},
        ],
        "places": [
            {"start": s_place[0], "end": s_place[1], "name": "Al-Salihiyah", "latitude": 35.31, "longitude": 40.21,
             "admin1": "Deir ez-Zor"},
            {"start": s_raqqa[0], "end": s_raqqa[1], "name": "Raqqa", "latitude": 35.95, "longitude": 39.01,
             "admin1": "Raqqa"},
        ],
        "claims": [
            {"subject": "civilians killed by the strike on Al-Salihiyah", "value": 3, "unit": "person",
             "category": "killed", "qualifier": "exact", "stance": "affirm",
             "speaker": {"name": "local sources", "role": ""}, "source_type": "local_sources", "evidence": [s_toll]},
        ],
    }


def test_conversion_round_trips_and_reads_as_extract_output():
    gold = record()
    result = agreement.gold_to_result(gold, TEXT)
    DocResult.model_validate(result)  # the shape `rasid extract` writes (and `rasid eval --predictions` reads)
    assert result["events"][0]["evidence"][0]["text"] == "قصفت طائرات حربية قرية الصالحية"
    assert result["claims"][0]["subject"] == "killed"  # the category, where the extractor writes it
    assert agreement.result_to_gold(result, annotator="test") == gold


def test_a_coder_against_themself_agrees_perfectly_and_a_dropped_event_shows():
    gold = [record()]
    texts = {"own-1": TEXT}
    report = agreement.score_coders(gold, gold, texts)
    assert report["events"]["f1"] == 1.0
    assert report["extra_events_per_article"] == 0
    assert report["fields"]["actors"]["accuracy"] == 1.0 and report["fields"]["modality"]["accuracy"] == 1.0
    assert report["places"]["recall"] == 1.0 and report["claims"]["recall"] == 1.0
    other = copy.deepcopy(gold)
    other[0]["events"].pop()
    other[0]["events"][0]["modality"] = "asserted"
    worse = agreement.score_coders(gold, other, texts)
    assert worse["events"]["recall"] == 0.5 and worse["events"]["precision"] == 1.0
    assert worse["fields"]["modality"]["accuracy"] == 0.0


def test_the_whole_comparison_on_files(tmp_path: Path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    line = json.dumps(record(), ensure_ascii=False, sort_keys=True) + "\n"
    (gold_dir / "news_dev.jsonl").write_text(line, encoding="utf-8")
    second = tmp_path / "second.jsonl"
    second.write_text(line, encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "own-1", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = agreement.agreement(gold_dir, second, [corpus], run_rasid=False)
    assert out["rows"]["B vs A | all"]["f1"] == 1.0
    assert out["rows"]["A vs B | Syria and Iraq"]["f1"] == 1.0


@pytest.mark.skipif(not agreement.SECOND.exists(), reason="no second coding in this checkout")
def test_the_committed_second_coding_is_valid_gold_format():
    from rasid.eval.gold import load_corpus_texts, load_gold, validate_gold

    records = load_gold(agreement.SECOND)
    corpora = [p for p in agreement.CORPORA if p.exists()]
    if len(corpora) < 2:
        pytest.skip("corpus not found beside the repository")
    texts: dict[str, str] = {}
    for path in corpora:
        texts.update(load_corpus_texts(path, [r["doc_id"] for r in records]))
    assert validate_gold(records, texts) == []
    assert all(agreement.split_of(r["doc_id"]) == "train" for r in records)
