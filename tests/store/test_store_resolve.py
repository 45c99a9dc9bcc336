"""Resolution across sources: one event from many outlets, and everything that must stay apart."""

from __future__ import annotations

import random

from factories import HAJIN, RAQQA, SHAFAH, SUSAH, doc, event, five_outlets, result

from rasid.resolve.events import cluster, haversine_km, link
from rasid.store import Store


def test_five_outlets_one_event_with_five_sources(store: Store) -> None:
    summary = store.add_results(five_outlets())
    assert summary.new == 5 and summary.mentions == 5
    events = store.events()
    assert len(events) == 1
    ev = events[0]
    assert ev.n_sources == 5 and len(ev.sources) == 5
    assert {s.outlet for s in ev.sources} == {"a.com", "b.net", "c.org", "d.sy", "e.iq"}
    assert ev.fatalities == 10  # most conservative figure reported
    assert sorted(p.fatalities for p in ev.fatalities_by_source) == [0, 10, 10, 12, 15]
    assert "Fatality figures differ" in ev.notes
    assert ev.event_date == "2018-11-01"  # majority date among equally precise sources
    assert ev.actor2 == "IS: Islamic State"
    assert ev.event_id_cnty.startswith("SYR")
    assert store.stats()["merged_mentions"] == 4

    why = store.explain(ev.event_id)
    assert why is not None and len(why["mentions"]) == 5 and len(why["links"]) == 4
    for lk in why["links"]:
        assert lk["type_family"] == "violence"
        assert lk["distance_km"] is not None and lk["distance_km"] <= 10
        assert lk["date_gap_days"] <= 1
    assert store.explain(ev.event_id_cnty)["event_id"] == ev.event_id
    assert store.explain("ev-doesnotexist") is None


def _pair(a_kw: dict, b_kw: dict) -> list:
    da, db = doc("a", "a.com"), doc("b", "b.com")
    return [(da, result(da, [event(**a_kw)])), (db, result(db, [event(**b_kw)]))]


def test_what_must_not_merge(store: Store) -> None:
    cases = {
        "two days apart": ({}, {"event_date": "2018-11-03"}),
        "beyond 10 km": ({}, {"latitude": SUSAH[0], "longitude": SUSAH[1], "location": "Hajin"}),
        "different opponents": ({}, {"actor2": "Military Forces of Syria (2000-2024)"}),
        "different family": ({}, {"event_type": "Protests", "sub_event_type": "Peaceful protest"}),
        "different named villages": ({}, {"latitude": SHAFAH[0], "longitude": SHAFAH[1], "location": "Shafah"}),
        "planned vs asserted": ({}, {"modality": "planned"}),
        "undated": ({"event_date": None}, {"event_date": None}),
    }
    assert haversine_km(*HAJIN, *SUSAH) > 10
    for name, (a_kw, b_kw) in cases.items():
        pairs = _pair(a_kw, b_kw)
        m = [_as_mention(i, d, r) for i, (d, r) in enumerate(pairs)]
        assert link(m[0], m[1]) is None, name


def test_precise_vs_coarse_and_strong_agreement() -> None:
    # region precision: same admin2 is enough
    m1 = _as_mention(0, *_one(event()))
    m2 = _as_mention(1, *_one(event(latitude=35.33, longitude=40.14, geo_precision=3, location="Deir ez-Zor")))
    assert link(m1, m2)["place"].startswith("same admin2")
    # no location, no admin2: only same admin1 + same day + same actor pair
    bare = {"latitude": None, "longitude": None, "admin2": None, "location": None, "geo_precision": None}
    m3 = _as_mention(2, *_one(event(**bare)))
    m4 = _as_mention(3, *_one(event(**bare)))
    assert link(m3, m4)["place"].startswith("same admin1")
    m5 = _as_mention(4, *_one(event(**{**bare, "event_date": "2018-11-02"})))
    assert link(m3, m5) is None
    m6 = _as_mention(5, *_one(event(**{**bare, "actor2": None})))
    assert link(m3, m6) is None


def test_three_villages_in_one_article_stay_three_events(store: Store) -> None:
    """Two outlets each report clashes in three nearby villages: three events with two sources each."""
    villages = [("Hajin", HAJIN), ("Shafah", SHAFAH), ("Hajin East", (HAJIN[0], HAJIN[1] + 0.004))]
    pairs = []
    for outlet in ("a.com", "b.com"):
        d = doc(f"three-{outlet}", outlet)
        evs = [event(location=name, latitude=ll[0], longitude=ll[1]) for name, ll in villages]
        pairs.append((d, result(d, evs)))
    store.add_results(pairs)
    events = store.events()
    assert len(events) == 3
    assert all(e.n_sources == 2 for e in events)
    assert sorted(e.location for e in events) == ["Hajin", "Hajin East", "Shafah"]


def _corpus(n_events: int = 40, seed: int = 7) -> list:
    rng = random.Random(seed)
    pairs = []
    for k in range(n_events):
        lat, lon = 34.0 + rng.random() * 2, 38.0 + rng.random() * 3
        date = f"2018-0{1 + k % 9}-{10 + k % 15:02d}"
        for j in range(rng.randint(1, 4)):
            d = doc(f"e{k}-s{j}", f"outlet{j}.com", text=f"article {k} {j} {rng.random()}")
            ev = event(latitude=lat + rng.uniform(-0.02, 0.02), longitude=lon, event_date=date,
                       location=f"Village {k}", fatalities=rng.randint(0, 20))
            pairs.append((d, result(d, [ev])))
    return pairs


def _clusters(store: Store) -> set[frozenset[str]]:
    return {frozenset(s.doc_id for s in e.sources) for e in store.events()}


def test_incremental_is_deterministic_and_matches_rebuild(tmp_path) -> None:
    pairs = _corpus()
    outcomes = []
    for order_seed, batch in ((1, 1), (2, 5), (3, 64)):
        shuffled = pairs[:]
        random.Random(order_seed).shuffle(shuffled)
        with Store(f"sqlite:///{tmp_path / f'o{order_seed}.db'}") as s:
            s.add_results(shuffled, batch_size=batch)
            ids = {e.event_id for e in s.events()}
            groups = _clusters(s)
            s.rebuild_resolution()
            assert _clusters(s) == groups and {e.event_id for e in s.events()} == ids
            outcomes.append((groups, ids))
    assert outcomes[0] == outcomes[1] == outcomes[2]
    assert len(outcomes[0][0]) == 40  # one resolved event per generated real event


def test_reextraction_replaces_mentions_and_splits_clusters(store: Store) -> None:
    pairs = five_outlets()
    store.add_results(pairs, extractor_version="0.0.1")
    assert len(store.events()) == 1
    # after an extractor upgrade, outlet e.iq's article turns out to be about Raqqa
    upgraded = []
    for d, r in pairs:
        if d.outlet == "e.iq":
            r = result(d, [event(location="Raqqa", latitude=RAQQA[0], longitude=RAQQA[1], admin1="Raqqa",
                                 admin2="Raqqa")])
        upgraded.append((d, r))
    summary = store.add_results(upgraded, extractor_version="0.0.2")
    assert summary.updated == 5 and summary.new == 0 and summary.unchanged == 0
    stats = store.stats()
    assert stats["documents"] == 5 and stats["mentions"] == 5 and stats["events"] == 2
    again = store.add_results(upgraded, extractor_version="0.0.2")
    assert again.unchanged == 5 and store.stats() == stats


def test_cluster_is_order_independent() -> None:
    pairs = _corpus(15, seed=3)
    ms = [_as_mention(i, d, r) for i, (d, r) in enumerate(pairs)]
    a = {c["key"]: sorted(m["mention_key"] for m in c["members"]) for c in cluster(ms)}
    b = {c["key"]: sorted(m["mention_key"] for m in c["members"]) for c in cluster(list(reversed(ms)))}
    assert a == b


def _one(ev):
    d = doc(f"d-{id(ev)}", "x.com")
    return d, result(d, [ev])


def _as_mention(i: int, d, r) -> dict:
    from rasid.store.api import _mention_row, content_hash

    row = _mention_row(i, content_hash(d.text + str(i)), 0, r.events[0])
    row.update(doc_id=d.doc_id, outlet=d.outlet, published=d.published)
    return row


def test_interrupted_ingest_resumes(sqlite_url: str) -> None:
    """Batches committed before an interruption stay; the re-run only extracts what is missing."""
    import pytest

    from rasid.models import Document

    docs = [Document(doc_id=f"r{i}", text=f"اشتبكت قوات النظام مع فصائل المعارضة في درعا، الخبر {i}",
                     published="2018-07-01") for i in range(50)]

    def interrupted():
        for i, d in enumerate(docs):
            if i == 45:  # the runner reads 32 inputs ahead: the first 32 are extracted, 8 batches
                raise KeyboardInterrupt
            yield d

    with Store(sqlite_url) as s:
        with pytest.raises(KeyboardInterrupt):
            s.ingest(interrupted(), batch_size=4)
        committed = s.stats()["documents"]
        assert committed > 0 and committed % 4 == 0  # whole batches only: atomic per batch
        again = s.ingest(docs, batch_size=4, workers=2)
        assert again.unchanged == committed and again.new == 50 - committed
        assert s.stats()["documents"] == 50


def test_daily_clashes_in_one_town_do_not_chain(store: Store) -> None:
    """Reports of fighting in Hajin on 1, 2, 3 and 4 November: day gaps of one link neighbours only."""
    pairs = []
    for day in (1, 2, 3, 4):
        for outlet in ("a.com", "b.com"):
            d = doc(f"h{day}-{outlet}", outlet, published=f"2018-11-{day + 1:02d}")
            pairs.append((d, result(d, [event(event_date=f"2018-11-{day:02d}")])))
    store.add_results(pairs, batch_size=3)
    events = store.events()
    assert [e.event_date for e in events] == ["2018-11-01", "2018-11-02", "2018-11-03", "2018-11-04"]
    assert all(e.n_sources == 2 for e in events)


def test_bulk_load_then_rebuild(sqlite_url: str, tmp_path) -> None:
    pairs = _corpus(12, seed=5)
    with Store(sqlite_url) as bulk:
        bulk.add_results(pairs, resolve=False)
        assert bulk.stats()["events"] == 0
        bulk.rebuild_resolution()
        got = _clusters(bulk)
    with Store(f"sqlite:///{tmp_path / 'inc.db'}") as inc:
        inc.add_results(pairs, batch_size=7)
        assert _clusters(inc) == got


def _mixed_corpus(seed: int, n_docs: int = 90) -> list:
    """Dense, messy reports: several towns and days, three families, coarse places, undated, planned."""
    rng = random.Random(seed)
    towns = [(f"T{k}", 34 + rng.random(), 38 + rng.random(), f"A2-{k % 4}", f"A1-{k % 2}") for k in range(10)]
    types = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
             ("Protests", "Peaceful protest")]
    actors = [("SDF: Syrian Democratic Forces", "IS: Islamic State"), ("IS: Islamic State", None),
              ("Military Forces of Syria (2000-2024)", "Civilians (Syria)")]
    pairs = []
    for i in range(n_docs):
        d = doc(f"m{seed}-{i}", f"o{i % 6}.com", text=f"mixed {seed} {i}")
        evs = []
        for _ in range(rng.randint(1, 3)):
            name, lat, lon, a2, a1 = rng.choice(towns)
            et, st = rng.choice(types)
            a, b = rng.choice(actors)
            kw = {"event_type": et, "sub_event_type": st, "actor1": a, "actor2": b, "location": name,
                  "latitude": lat + rng.uniform(-0.01, 0.01), "longitude": lon, "geo_precision": rng.choice([1, 1, 2, 3]),
                  "admin2": rng.choice([a2, a2, None]), "admin1": a1,
                  "event_date": rng.choice([f"2018-03-{rng.randint(1, 6):02d}", None]) if rng.random() < 0.2
                  else f"2018-03-{rng.randint(1, 6):02d}",
                  "modality": rng.choice(["asserted", "asserted", "claimed", "planned"])}
            if rng.random() < 0.15:
                kw.update(latitude=None, longitude=None, geo_precision=None)
            evs.append(event(**kw))
        pairs.append((d, result(d, evs)))
    return pairs


def test_incremental_equals_rebuild_on_messy_data(tmp_path) -> None:
    for seed in range(4):
        pairs = _mixed_corpus(seed)
        random.Random(seed).shuffle(pairs)
        with Store(f"sqlite:///{tmp_path / f'm{seed}.db'}") as s:
            s.add_results(pairs, batch_size=[1, 3, 8, 40][seed])
            incremental = sorted(sorted(x.mention for x in e.sources) for e in s.events())
            s.rebuild_resolution()
            rebuilt = sorted(sorted(x.mention for x in e.sources) for e in s.events())
            assert incremental == rebuilt, seed


def test_notes_follow_the_merged_events_modality(store: Store) -> None:
    """A claim merged with another outlet's plain report is an asserted event: its notes must not call it a
    claim, whichever report lends them."""
    claimed_notes = "On 1 November 2018, SDF clashed with IS in Hajin (Deir ez-Zor). Reported as a claim by one party or source."
    da, db = doc("claim", "a.com"), doc("fact", "b.com")
    store.add_results([
        (da, result(da, [event(modality="claimed", notes=claimed_notes)])),
        (db, result(db, [event(modality="asserted", actor2=None)])),  # fewer actors: the claim lends the notes
    ])
    (ev,) = store.events()
    assert ev.modality == "asserted" and ev.n_sources == 2
    assert ev.notes.startswith("On 1 November 2018, SDF clashed with IS in Hajin")
    assert "claim" not in ev.notes and ev.notes.endswith("[2 sources]")
