"""Analyst review on a real store: edits by group, merge, split, undo, the audit trail, and their survival
through new sources, re-extraction and rebuilds."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from factories import HAJIN, RAQQA, SHAFAH, doc, event, five_outlets, result

from rasid.models import Entity
from rasid.store import Store
from rasid.store import articles as articles_mod
from rasid.store import review as review_mod
from rasid.store.review import ReviewError

PLACE = {"location": "Al-Shafah", "admin1": "Deir ez-Zor", "admin2": "Abu Kamal", "country": "Syria",
         "latitude": SHAFAH[0], "longitude": SHAFAH[1], "geo_precision": 1}


def test_migrated_schema_matches_the_tables(store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rasid.store.schema import DB_ONLY, PG_ONLY_INDEXES, metadata

    with Store(store_url) as s, s.engine.connect() as conn:
        skip = (PG_ONLY_INDEXES if conn.dialect.name != "postgresql" else frozenset()) | DB_ONLY
        ctx = MigrationContext.configure(conn, opts={"include_object": lambda obj, name, kind, *_: name not in skip})
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_place_edit_survives_new_sources_and_rebuild_and_undo_removes_it(store: Store) -> None:
    store.add_results(five_outlets()[:2])
    (ev,) = store.events()
    out = store.review(ev.event_id, "edit", field="place", new_value=PLACE, reviewer="amal")
    got = store.event(out["event_id"])
    assert got is not None and got.location == "Al-Shafah" and got.status == "edited"
    assert got.iso == 760 and got.region == "Middle East"
    store.review(ev.event_id, "confirm", reviewer="amal")
    d = doc("late", "late.net")
    store.add_results([(d, result(d, [event()]))])  # a new source joins the event: the edit wins
    (after,) = store.events()
    assert after.n_sources == 3 and after.location == "Al-Shafah" and after.status == "confirmed"
    store.rebuild_resolution()
    (rebuilt,) = store.events()
    assert rebuilt.location == "Al-Shafah" and rebuilt.latitude == pytest.approx(SHAFAH[0])
    with store.engine.connect() as conn:
        trail = review_mod.history(conn, rebuilt.event_id)
    assert [r["action"] for r in trail] == ["edit", "confirm"]
    assert trail[0]["old_value"]["location"] == "Hajin" and trail[0]["reviewer"] == "amal"
    store.undo(trail[0]["id"], reviewer="amal")
    (undone,) = store.events()
    assert undone.location == "Hajin" and undone.status == "confirmed"  # the acceptance stays
    with store.engine.connect() as conn:
        trail = review_mod.history(conn, undone.event_id)
    assert [r["action"] for r in trail] == ["edit", "confirm", "undo"] and trail[0]["undone_at"]
    with pytest.raises(ReviewError, match="already undone"):
        store.undo(trail[0]["id"])


def test_reviewed_field_survives_reextraction(store: Store) -> None:
    pairs = five_outlets()[:2]
    store.add_results(pairs, extractor_version="old")
    (ev,) = store.events()
    store.review(ev.event_id, "edit", field="fatalities", new_value=3)
    store.add_results(pairs, extractor_version="new")  # re-extracted: mentions replaced, same keys
    (after,) = store.events()
    assert after.fatalities == 3 and after.status == "edited"


def test_merge_and_split_survive_rebuild_and_undo(store: Store) -> None:
    a, b = doc("a", "a.com"), doc("b", "b.com")
    # two reports the rules keep apart (20 km): an analyst knows they are one event
    store.add_results([(a, result(a, [event()])),
                       (b, result(b, [event(location="Raqqa", latitude=RAQQA[0], longitude=RAQQA[1])]))])
    e1, e2 = store.events()
    merged = store.review(e1.event_id, "merge", other=e2.event_id, reviewer="amal")
    (one,) = store.events()
    assert one.event_id == merged["event_id"] and one.n_sources == 2
    why = store.explain(one.event_id)
    assert why is not None and any(lk.get("rule") == "merged by an analyst" for lk in why["links"])
    store.rebuild_resolution()
    assert len(store.events()) == 1
    store.undo(merged["review_id"], reviewer="amal")
    assert sorted(e.location for e in store.events()) == ["Hajin", "Raqqa"]

    store.add_results(five_outlets()[:3])  # they join the Hajin report: one event, four sources
    big = max(store.events(), key=lambda e: e.n_sources)
    assert big.n_sources == 4
    out_mention = big.sources[-1].mention
    split = store.review(big.event_id, "split", mention=out_mention, reviewer="amal")
    assert split["event_id"] != big.event_id
    store.rebuild_resolution()
    assert sorted(e.n_sources for e in store.events()) == [1, 1, 3]
    store.undo(split["review_id"])
    assert sorted(e.n_sources for e in store.events()) == [1, 4]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("type", {"event_type": "Battles", "sub_event_type": "Peaceful protest"}, "not a sub-event type"),
    ("type", {"event_type": "Picnic", "sub_event_type": "Armed clash"}, "unknown event type"),
    ("actors", {"inter1": 9}, "between 0 and 8"),
    ("date", {"event_date": "2018-02-30"}, "YYYY-MM-DD"),
    ("fatalities", "-1", "between 0"),
    ("place", {"latitude": 95, "longitude": 40}, "latitude"),
    ("event_id_cnty", "SYR1", "cannot edit"),
])
def test_invalid_edits_are_refused(sqlite_url: str, field: str, value: object, message: str) -> None:
    with Store(sqlite_url) as store:
        store.add_results(five_outlets()[:1])
        (ev,) = store.events()
        with pytest.raises(ReviewError, match=message):
            store.review(ev.event_id, "edit", field=field, new_value=value)
        assert store.event(ev.event_id).status == "auto"  # type: ignore[union-attr]


def test_type_and_actor_edits_derive_their_columns(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        store.add_results(five_outlets()[:1])
        (ev,) = store.events()
        store.review(ev.event_id, "edit", field="type",
                     new_value={"event_type": "Violence against civilians", "sub_event_type": "Attack"})
        store.review(ev.event_id, "edit", field="actors", new_value={"actor2": "Civilians (Syria)", "inter2": "7"})
        store.review(ev.event_id, "edit", field="date", new_value={"event_date": "2018-11-03"})
        got = store.event(ev.event_id)
        assert got is not None
        assert got.disorder_type == "Political violence" and got.civilian_targeting == "Civilian targeting"
        assert got.inter2 == 7 and got.interaction == 27 and got.year == 2018 and got.event_date == "2018-11-03"


def test_article_text_and_unresolved_places_are_kept(sqlite_url: str) -> None:
    text = "اشتباكات في هجين وقرية مجهولة"
    d = doc("art", "a.com", text=text)
    r = result(d, [event()])
    r.entities = [Entity(kind="place", text="هجين", start=12, end=16, canonical="Hajin", latitude=HAJIN[0],
                         longitude=HAJIN[1]),
                  Entity(kind="place", text="قرية مجهولة", start=17, end=28)]
    with Store(sqlite_url) as store:
        store.add_results([(d, r)])
        (ev,) = store.events()
        key = articles_mod.article_key(ev.sources[0].mention)
        with store.engine.connect() as conn:
            art = articles_mod.article(conn, key)
            assert articles_mod.article(conn, "'; drop table documents; --") is None
            assert conn.execute(sa.text("select count(*) from documents")).scalar_one() == 1
    assert art is not None and art["text"] == text and art["doc_id"] == "art"
    assert [p["text"] for p in art["unresolved_places"]] == ["قرية مجهولة"]
    assert len(art["mentions"]) == 1 and art["mentions"][0]["cluster_key"] == ev.event_id
