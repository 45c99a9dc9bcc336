"""Places in the store: unresolved names listed over a corpus, and gazetteer updates reaching stored events.

Real extraction, a real store (SQLite file and PostgreSQL), a real `rasid gazetteer import` of an
OCHA-style CSV into a private data dir. The village name is invented, so no gazetteer knows it before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasid.models import Document

VILLAGE = "زعفرانك"
TEXT = "قصفت قوات النظام أمس قرية زعفرانك بريف إدلب الجنوبي، ما أدى إلى مقتل ثلاثة مدنيين."
OTHER = "قال ناشطون إن طائرات حربية قصفت أمس قرية زعفرانك بريف إدلب الجنوبي وقتلت ثلاثة مدنيين."


@pytest.fixture
def private_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user data dir of this test's own (imports land there) and a cache dir that a rebuild may clear."""
    from rasid.geo import gazetteer

    monkeypatch.setenv("RASID_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RASID_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(gazetteer, "_LOADED", None)
    return tmp_path


def _import(tmp: Path, lat: float, lon: float) -> None:
    from rasid.geo.importers import import_ocha

    csv = tmp / "villages.csv"
    csv.write_text("admin4Name_en,admin4Name_ar,admin4Pcode,latitude,longitude,admin1Name_en,admin2Name_en\n"
                   f"Zafranik,{VILLAGE},C9999,{lat},{lon},Idleb,Maarrat An Nu'man\n", encoding="utf-8")
    import_ocha(csv, country="SY")


def _ingest(store) -> None:
    from rasid.pipeline import Pipeline

    pipe = Pipeline()
    docs = [Document(doc_id="a1", text=TEXT, outlet="one.example", published="2024-03-05"),
            Document(doc_id="a2", text=OTHER, outlet="two.example", published="2024-03-05")]
    store.add_results([(d, pipe.process(d)) for d in docs])


def test_unresolved_names_then_reresolve_updates_stored_events(store, private_gazetteer):
    from rasid.store.places import reresolve, unresolved_names

    _ingest(store)
    (listed,) = unresolved_names(store)
    assert listed["name"] == VILLAGE and listed["mentions"] == 2 and listed["articles"] == 2
    assert listed["events"] >= 2 and listed["anchors"][0]["admin1"] == "Idlib"
    before = [e for e in store.events() if e.location == VILLAGE]
    assert before and all(e.geo_precision == 2 for e in before)
    idlib = (before[0].latitude, before[0].longitude)

    # nothing in the gazetteer yet: nothing changes
    summary = reresolve(store)
    assert summary.resolved == 0 and summary.still_unresolved == 2 and summary.mentions_updated == 0

    # the analyst adds the village once; the stored events move to it
    _import(private_gazetteer, 35.62, 36.70)
    summary = reresolve(store)
    assert summary.resolved == 2 and summary.mentions_updated >= 2 and summary.events_touched >= 1
    assert unresolved_names(store) == []
    after = [e for e in store.events() if e.location == "Zafranik"]
    assert after and not [e for e in store.events() if e.location == VILLAGE]
    for e in after:
        assert (e.latitude, e.longitude) == (35.62, 36.70) != idlib
        assert e.geo_precision == 1 and e.admin1 == "Idlib" and "Zafranik" in e.notes
    # the two outlets' reports are one event, as a fresh ingest would make them
    assert len(after) == 1 and after[0].n_sources == 2

    # idempotent
    again = reresolve(store)
    assert again.resolved == 0 and again.moved == 0 and again.mentions_updated == 0

    # a corrected point moves the stored events too
    _import(private_gazetteer, 35.60, 36.75)
    moved = reresolve(store)
    assert moved.moved == 2 and moved.mentions_updated >= 2
    (event,) = [e for e in store.events() if e.location == "Zafranik"]
    assert (event.latitude, event.longitude) == (35.60, 36.75)


def test_mentions_record_the_place_they_sit_at(store, private_gazetteer):
    import sqlalchemy as sa

    from rasid.store.schema import mentions, place_mentions

    _ingest(store)
    with store.engine.connect() as conn:
        places = conn.execute(sa.select(place_mentions.c.idx, place_mentions.c.name, place_mentions.c.unresolved,
                                        place_mentions.c.place_id)).all()
        linked = conn.execute(sa.select(mentions.c.location, mentions.c.place_idx)).all()
    assert {(n, u) for _, n, u, _ in places} >= {(VILLAGE, True)}
    assert any(pid for *_, pid in places)  # Idlib is resolved, with its gazetteer id
    assert all(idx is not None for loc, idx in linked if loc == VILLAGE)


def test_cli_lists_and_reresolves(store_url, private_gazetteer):
    from rasid.cli import app
    from rasid.store import Store

    with Store(store_url) as store:
        _ingest(store)
    runner = CliRunner()
    listed = runner.invoke(app, ["gazetteer", "unresolved", "--db", store_url])
    assert listed.exit_code == 0, listed.output
    assert VILLAGE in listed.output and "1 unresolved names" in listed.output
    as_json = runner.invoke(app, ["gazetteer", "unresolved", "--db", store_url, "--format", "json"])
    assert '"mentions": 2' in as_json.output
    _import(private_gazetteer, 35.62, 36.70)
    dry = runner.invoke(app, ["gazetteer", "reresolve", "--db", store_url, "--dry-run"])
    assert dry.exit_code == 0 and "2 unresolved names would be found" in dry.output
    done = runner.invoke(app, ["gazetteer", "reresolve", "--db", store_url])
    assert done.exit_code == 0 and "resolved: " + VILLAGE in done.output
    assert "no unresolved places" in runner.invoke(app, ["gazetteer", "unresolved", "--db", store_url]).output
