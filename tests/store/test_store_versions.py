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
        assert [e.event_date for e in s.events()] == [None]
    second = ingest(store_url, str(art), "--published", "2016-05-11")
    assert second["summary"]["new"] == 0 and second["summary"]["updated"] == 1
    (replaced,) = second["summary"]["replaced"]
    assert replaced["doc_id"] == "art" and "published" in replaced["reason"] and "2016-05-11" in replaced["reason"]
    (row,) = rows(store_url)
    assert row["published"] == "2016-05-11" and row["n_mentions"] == 1
    with Store(store_url) as s:
        assert [e.event_date for e in s.events()] == ["2016-05-10"]  # "أمس": the day before
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
        types = [e.event_type for e in s.events()]
        assert types == ["Protests"], types  # the clash of the old version is retired
        before = [e.event_id for e in s.events()]
        s.rebuild_resolution()
        assert [e.event_id for e in s.events()] == before


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


# --- replacing a version keeps the web app's reviews, article texts and copy stories consistent -----------


def test_review_corrections_follow_a_replaced_version(store: Store) -> None:
    """A correction of the metadata keeps the text, hence the mention keys: the analyst's edit follows its
    mentions to the re-resolved event. A new text takes its events along, and their reviews are kept in
    the audit trail, marked undone by rasid, instead of pointing at nothing (or at a later event)."""
    from factories import RAQQA, doc, event, result

    from rasid.store import articles
    from rasid.store.schema import document_texts, reviews

    text = "نص كتبناه للاختبار عن اشتباك في هجين بين قسد والتنظيم"
    d1 = doc("art", "a.com", "2018-11-02", text=text)
    store.add_results([(d1, result(d1, [event()]))])
    (ev,) = store.events()
    store.review(ev.event_id, "edit", field="fatalities", new_value=4)
    d2 = doc("art", "a.com", "2018-11-03", text=text)  # the date corrected
    summary = store.add_results([(d2, result(d2, [event(event_date="2018-11-02")]))])
    assert (summary.new, summary.updated) == (0, 1)
    (after,) = store.events()
    assert (after.event_date, after.fatalities, after.status) == ("2018-11-02", 4, "edited")

    new_text = "نص آخر كتبناه عن مظاهرة في مدينة الرقة احتجاجا على الغلاء"
    d3 = doc("art", "a.com", "2018-11-03", text=new_text)
    store.add_results([(d3, result(d3, [event(event_type="Protests", sub_event_type="Peaceful protest",
                                               actor2=None, location="Raqqa", latitude=RAQQA[0],
                                               longitude=RAQQA[1], admin1="Raqqa", admin2="Raqqa")]))])
    (replaced,) = store.events()
    assert (replaced.sub_event_type, replaced.fatalities, replaced.status) == ("Peaceful protest", 0, "auto")
    with store.engine.connect() as conn:
        (rv,) = conn.execute(sa.select(reviews.c.action, reviews.c.undone_at, reviews.c.undone_by)).all()
        assert rv.action == "edit" and rv.undone_at and rv.undone_by == "rasid: the article was replaced"
        (stored_text,) = conn.execute(sa.select(document_texts.c.text)).scalars().all()
        assert stored_text == new_text  # the web app reads the new text against the new evidence
        key = replaced.sources[0].mention.split(":")[0]
        assert articles.article(conn, key)["text"] == new_text


def test_a_replaced_copy_leaves_its_story(store: Store) -> None:
    """Two copies of one story; one of them is edited into a different article: the copy link, its sketch
    and the story go, the other copy is a story of its own again."""
    from factories import doc, result
    from test_store_copies import EDITED, OWN, WIRE

    from rasid.resolve import copies as sim
    from rasid.store.schema import copy_links, doc_sketches

    wire, edited = doc("wire", "agency.example", text=WIRE), doc("edited", "b.example", text=EDITED)
    store.add_results([(wire, result(wire)), (edited, result(edited))])
    assert [len(s["copies"]) for s in store.copies()] == [2]
    own = doc("edited", "b.example", text=OWN)  # same doc_id: a new version of the second article
    summary = store.add_results([(own, result(own))])
    assert summary.updated == 1
    assert store.copies() == []
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(copy_links)).scalar_one() == 0
        keys = dict(conn.execute(sa.select(doc_sketches.c.document_id, doc_sketches.c.story_key)).all())
    from rasid.store.api import content_hash

    assert sorted(keys.values()) == sorted(sim.story_key([content_hash(t)]) for t in (WIRE, OWN))


# --- the migration chain: 0002 put between 0001 and 0003 -------------------------------------------------


def test_a_store_made_without_0002_is_upgraded(store_url: str, tmp_path: Path) -> None:
    """A store made by the chain 0001, 0003, 0004, ... alone (0002 was written on a branch beside it) is
    stamped past 0002 without its table and columns: opening it applies 0002, keeps every row, and
    re-ingest then replaces versions as usual."""
    import shutil

    from alembic import command
    from alembic.config import Config

    from rasid.store import db

    versions = Path(db.MIGRATIONS) / "versions"
    other = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS, other, ignore=shutil.ignore_patterns("__pycache__", "0002_*"))
    m3 = other / "versions" / "0003_review_web.py"
    m3.write_text(m3.read_text(encoding="utf-8").replace("down_revision = '0002'", "down_revision = '0001'"),
                  encoding="utf-8")
    assert (versions / "0002_document_versions.py").exists() and not list(other.glob("versions/0002_*"))
    engine = db.make_engine(store_url)
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(other))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.execute(sa.text("INSERT INTO documents (content_hash, doc_id, source_path, extractor_version, "
                             "n_chars, ingested_at, updated_at) VALUES ('h1', 'old', NULL, 'x', 5, 't', 't')"))
        pk = conn.execute(sa.text("SELECT id FROM documents")).scalar_one()
        conn.execute(sa.text("INSERT INTO document_texts (document_id, text) VALUES (:k, 'نص قديم')"), {"k": pk})
    with engine.connect() as conn:
        assert db._revision(conn) == db.HEAD_REVISION
        assert not sa.inspect(conn).has_table("document_versions")
    engine.dispose()

    with Store(store_url) as s, s.engine.connect() as conn:
        assert sa.inspect(conn).has_table("document_versions")
        assert conn.execute(sa.text("SELECT identity FROM documents")).scalar_one() == "id:old"
        assert conn.execute(sa.text("SELECT count(*) FROM document_texts")).scalar_one() == 1
        assert db._revision(conn) == db.HEAD_REVISION
    from factories import doc, result

    d = doc("old", "a.com", text="نص جديد للمقال القديم")
    with Store(store_url) as s:
        assert s.add_results([(d, result(d))]).updated == 1
        with s.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM document_versions")).scalar_one() == 1
