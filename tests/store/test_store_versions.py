"""Re-ingest applies corrections: a document's identity (its path, or its doc_id) keeps one current version;
new content or new metadata replaces the old version and retires its events; --force re-extracts; the
summary says what was replaced."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from rasid.models import Document
from rasid.store import Store

CLI = [sys.executable, "-c", "from rasid.cli import main; main()"]
CLASH = ("اشتباكات في ريف دير الزور\n\nاندلعت اشتباكات عنيفة أمس بين قوات سوريا الديمقراطية وعناصر تنظيم "
         "داعش قرب بلدة هجين في ريف دير الزور الشرقي، ما أدى إلى مقتل خمسة عناصر.\n")
PROTEST = ("مظاهرة في السويداء\n\nتظاهر العشرات أمس في مدينة السويداء احتجاجا على تردي الأوضاع المعيشية "
           "وانقطاع الكهرباء.\n")


def ingest(url: str, *args: str) -> dict:
    proc = subprocess.run([*CLI, "ingest", "--db", url, "--json", "-j", "1", *args], capture_output=True,
                          text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def rows(url: str) -> list[dict]:
    with Store(url) as s, s.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.text(
            "SELECT d.doc_id, d.source_path, d.published, d.content_hash, "
            "(SELECT count(*) FROM mentions m WHERE m.document_id = d.id) AS n_mentions FROM documents d"))]


def test_a_publication_date_given_later_is_applied(store_url: str, tmp_path: Path) -> None:
    art = tmp_path / "art.txt"
    art.write_text(CLASH, encoding="utf-8")
    first = ingest(store_url, str(art))
    assert first["summary"]["new"] == 1
    with Store(store_url) as s:
        assert [e["event_date"] for e in s.events()] == [None]
    second = ingest(store_url, str(art), "--published", "2016-05-11")
    assert second["summary"]["new"] == 0 and second["summary"]["updated"] == 1
    (replaced,) = second["summary"]["replaced"]
    assert replaced["doc_id"] == "art" and "published" in replaced["reason"] and "2016-05-11" in replaced["reason"]
    (row,) = rows(store_url)
    assert row["published"] == "2016-05-11" and row["n_mentions"] == 1
    with Store(store_url) as s:
        assert [e["event_date"] for e in s.events()] == ["2016-05-10"]  # "أمس": the day before
    third = ingest(store_url, str(art), "--published", "2016-05-11")
    assert (third["summary"]["unchanged"], third["summary"]["updated"]) == (1, 0)


def test_an_edited_file_replaces_its_old_version_and_events(store_url: str, tmp_path: Path) -> None:
    art = tmp_path / "art.txt"
    art.write_text(CLASH, encoding="utf-8")
    ingest(store_url, str(art), "--published", "2016-05-11")
    art.write_text(PROTEST, encoding="utf-8")
    out = ingest(store_url, str(art), "--published", "2016-05-11")
    assert out["summary"]["updated"] == 1 and "content changed" in out["summary"]["replaced"][0]["reason"]
    (row,) = rows(store_url)
    assert row["doc_id"] == "art"
    with Store(store_url) as s:
        types = [e["event_type"] for e in s.events()]
        assert types == ["Protests"], types  # the clash of the old version is retired
        before = [e["event_id"] for e in s.events()]
        s.rebuild_resolution()
        assert [e["event_id"] for e in s.events()] == before


def test_force_re_extracts_and_the_summary_says_so(sqlite_url: str, tmp_path: Path) -> None:
    art = tmp_path / "art.txt"
    art.write_text(CLASH, encoding="utf-8")
    ingest(sqlite_url, str(art))
    out = ingest(sqlite_url, "--force", str(art))
    assert out["summary"]["updated"] == 1 and out["summary"]["replaced"][0]["reason"] == "forced re-extraction"
    proc = subprocess.run([*CLI, "ingest", "--db", sqlite_url, "-j", "1", "--force", str(art)],
                          capture_output=True, text=True, timeout=180)
    assert "1 replaced" in proc.stdout and "replaced: art: forced re-extraction" in proc.stdout
    assert len(rows(sqlite_url)) == 1


def test_jsonl_records_are_identified_by_their_id(store: Store) -> None:
    a = Document(doc_id="story-1", text=CLASH, source_path="feed.jsonl:1", published="2016-05-11")
    s1 = store.ingest([a])
    assert s1.new == 1
    b = Document(doc_id="story-1", text=PROTEST, source_path="feed.jsonl:7", published="2016-05-11")
    s2 = store.ingest([b])
    assert s2.updated == 1 and store.stats()["documents"] == 1
    c = Document(doc_id="story-2", text=PROTEST, source_path="feed.jsonl:8", published="2016-05-11")
    s3 = store.ingest([c])  # the same text under another identity: a duplicate, stored once
    assert s3.unchanged == 1 and store.stats()["documents"] == 1


def test_legacy_duplicates_of_one_file_collapse_to_one_version(tmp_path: Path) -> None:
    """A store written before identities existed may hold two versions of one file: the next ingest of
    that file keeps one."""
    from alembic import command
    from alembic.config import Config

    from rasid.store import db

    url = f"sqlite:///{tmp_path / 'legacy.db'}"
    engine = db.make_engine(url)
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(db.MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        art = tmp_path / "art.txt"
        from rasid.store.api import content_hash

        for i, text in enumerate((CLASH, PROTEST)):  # two versions of one file, as stored before the fix
            conn.execute(sa.text(
                "INSERT INTO documents (content_hash, doc_id, source_path, extractor_version, n_chars, "
                "ingested_at, updated_at) VALUES (:h, 'art', :p, '0.0.1', 1, :t, :t)"),
                {"h": content_hash(text), "p": str(art), "t": f"2020-01-0{i + 1}"})
    engine.dispose()
    art.write_text(CLASH, encoding="utf-8")
    out = ingest(url, str(art))
    assert out["summary"]["updated"] == 1
    assert len(rows(url)) == 1


@pytest.mark.parametrize("order", ["new-first", "old-first"])
def test_version_history_is_kept(sqlite_url: str, tmp_path: Path, order: str) -> None:
    art = tmp_path / "art.txt"
    texts = [CLASH, PROTEST] if order == "new-first" else [PROTEST, CLASH]
    for text in texts:
        art.write_text(text, encoding="utf-8")
        ingest(sqlite_url, str(art))
    with Store(sqlite_url) as s, s.engine.connect() as conn:
        history = conn.execute(sa.text("SELECT doc_id, reason FROM document_versions")).all()
    assert [(d, r.split(";")[0]) for d, r in history] == [("art", "content changed")]
