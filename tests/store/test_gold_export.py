"""`rasid gold export --reviewed` and `rasid export --status`: analysts' work leaves the store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from factories import doc, event, five_outlets, result
from typer.testing import CliRunner

from rasid.cli import app
from rasid.eval.gold import load_gold, validate_gold
from rasid.store import Store


def test_reviewed_articles_become_gold_and_exports_filter_on_status(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    lone = doc("lone", "z.com", published="2018-12-01", text="غارة جوية على بلدة الشعفة أمس")
    with Store(url) as store:
        store.add_results(five_outlets()[:2] + [(lone, result(lone, [event(event_date="2018-11-30")]))])
        big, single = sorted(store.events(), key=lambda e: -e.n_sources)
        store.review(big.event_id, "edit", field="fatalities", new_value=4, reviewer="amal")
        store.review(big.event_id, "confirm", reviewer="huda")
        store.review(single.event_id, "reject", reviewer="amal")
    out, texts = tmp_path / "gold.jsonl", tmp_path / "texts.jsonl"
    res = CliRunner().invoke(app, ["gold", "export", "--reviewed", "--db", url, "-o", str(out), "--corpus-out", str(texts)])
    assert res.exit_code == 0, res.output
    records = {r["doc_id"]: r for r in load_gold(out)}
    assert set(records) == {"hajin-0", "hajin-1", "lone"}
    assert records["lone"]["events"] == []  # rejected: the analyst says it is not an event
    ev = records["hajin-0"]["events"][0]
    assert ev["fatalities"] == 4 and ev["location"] == "Hajin" and ev["evidence"] == [[0, 10]]
    assert records["hajin-0"]["annotator"] == "amal, huda" and records["hajin-0"]["checked"] is True
    corpus = {json.loads(line)["id"]: json.loads(line)["text"] for line in texts.read_text().splitlines()}
    assert validate_gold(list(records.values()), corpus) == []
    csv_out = tmp_path / "confirmed.csv"
    res = CliRunner().invoke(app, ["export", "--db", url, "--status", "confirmed", "-o", str(csv_out)])
    assert res.exit_code == 0
    rows = list(csv.DictReader(csv_out.open(encoding="utf-8")))
    assert [r["fatalities"] for r in rows] == ["4"]
    res = CliRunner().invoke(app, ["gold", "export", "--db", url, "-o", str(out)])
    assert res.exit_code == 2 and "--reviewed" in res.output
