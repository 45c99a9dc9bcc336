"""Claims board and exports (ACLED CSV column order, GeoJSON), and the events filters."""

from __future__ import annotations

import csv
import io
import json

from factories import RAQQA, claim, doc, event, five_outlets, result

from rasid.export.writers import ACLED_COLUMNS, geojson, write_acled_csv
from rasid.resolve.claims import group_claims, interval
from rasid.store import EventFilter, Store

ACLED_ORDER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
)


def _claims_corpus() -> list:
    area = "المساحة التي يسيطر عليها التنظيم"
    left = "عدد الخارجين من الجيب"
    talks = "مفاوضات بين قسد والتنظيم"
    rows = []
    specs = [
        ("c1", "a.com", "2018-11-05", [claim(area, 50, unit="km2", claim_date="2018-11-05"),
                                       claim(left, 500, unit="people", claim_date="2018-11-05"),
                                       claim(talks, "happening", stance="affirm", speaker="مصدر محلي")]),
        ("c2", "b.com", "2018-11-06", [claim(area, 120, unit="km2", claim_date="2018-11-06"),
                                       claim(left, 520, unit="people", qualifier="about", claim_date="2018-11-06"),
                                       claim(talks, "happening", stance="deny", speaker="متحدث باسم قسد")]),
        ("c3", "c.com", "2018-12-20", [claim("«المساحة» التي يسيطر عليها التنظيم", 20, unit="km2",
                                             claim_date="2018-12-20")]),
    ]
    for doc_id, outlet, published, cl in specs:
        d = doc(doc_id, outlet, published)
        # each article also reports some event in Deir ez-Zor: situation claims anchor to that governorate
        rows.append((d, result(d, [event(event_date=published)], claims=cl)))
    return rows


def test_claim_groups_conflicts_and_timeline(store: Store) -> None:
    store.add_results(_claims_corpus())
    groups = {g["subject"]: g for g in store.claim_groups()}
    assert len(groups) == 3
    area = groups["المساحة التي يسيطر عليها التنظيم"]
    assert area["unit"] == "km2" and len(area["claims"]) == 3  # punctuation variant grouped too
    assert area["conflict"] is True  # 50 vs 120 in the same week
    assert [t["date"] for t in area["timeline"]] == ["2018-11-05", "2018-11-06", "2018-12-20"]
    first = area["claims"][0]
    assert set(first) == {"value", "qualifier", "stance", "speaker", "outlet", "doc_id", "claim_date", "date_source",
                          "evidence", "article_key", "claim_index", "story", "copies"}
    left = groups["عدد الخارجين من الجيب"]
    assert left["conflict"] is False  # 500 and about 520 agree once rounding is allowed for
    talks = groups["مفاوضات بين قسد والتنظيم"]
    assert talks["conflict"] is True and any("stances oppose" in r for r in talks["conflict_reasons"])
    assert {c["speaker"] for c in talks["claims"]} == {"مصدر محلي", "متحدث باسم قسد"}
    assert area["about"]["kind"] == "admin1" and area["about"]["admin1"] == "Deir ez-Zor"


def test_generic_subjects_group_per_resolved_event(store: Store) -> None:
    """'killed' claims tied to events: one group per real event, not one corpus-wide 'killed' group."""
    pairs = []
    for i, (outlet, toll) in enumerate([("a.com", 12), ("b.com", 30), ("c.com", 12)]):
        d = doc(f"k{i}", outlet)
        pairs.append((d, result(d, [event()], claims=[claim("killed", toll, unit="person", event_index=0)])))
    d = doc("raqqa", "d.com")
    pairs.append((d, result(d, [event(location="Raqqa", latitude=RAQQA[0], longitude=RAQQA[1], admin1="Raqqa",
                                      admin2="Raqqa")],
                            claims=[claim("killed", 3, unit="person", event_index=0)])))
    store.add_results(pairs)
    groups = store.claim_groups()
    assert len(groups) == 2
    hajin = next(g for g in groups if len(g["claims"]) == 3)
    assert hajin["conflict"] is True and hajin["about"]["kind"] == "event"
    assert hajin["about"]["event_id"] == next(e for e in store.events() if e.location == "Hajin").event_id
    raqqa = next(g for g in groups if len(g["claims"]) == 1)
    assert raqqa["conflict"] is False and raqqa["about"]["location"] == "Raqqa"


def test_claim_values_over_time_are_not_conflicts() -> None:
    rows = [
        {"subject": "s", "subject_key": "s", "unit": "km2", "value": v, "qualifier": "exact", "stance": "affirm",
         "doc_id": f"d{i}", "idx": 0, "outlet": f"o{i}", "claim_date": day, "published": None, "evidence": []}
        for i, (v, day) in enumerate([(120, "2018-11-01"), (50, "2018-11-20"), (20, "2018-12-10")])
    ]
    (group,) = group_claims(rows)
    assert group["conflict"] is False
    assert interval(500, "exact") == (450, 550)
    assert interval(500, "more_than")[0] == 450
    assert interval([500, 600], "exact") == (450.0, 650.0)


def test_statements_are_compared_only_within_their_story() -> None:
    rows = [
        {"subject": "statement", "subject_key": "statement", "unit": None, "value": text, "qualifier": "exact",
         "stance": stance, "doc_id": f"d{i}", "idx": 0, "outlet": f"o{i}", "claim_date": "2019-03-01",
         "published": None, "evidence": [], "story": f"s{i}", "doc_admin1": "Deir ez-Zor"}
        for i, (text, stance) in enumerate([("الوضع هادئ", "affirm"), ("وقوع اشتباك", "deny")])
    ]
    groups = group_claims(rows)
    assert [g["about"]["anchor"] for g in groups] == ["story:s0", "story:s1"]
    assert not any(g["conflict"] for g in groups)


def _events_corpus() -> list:
    pairs = five_outlets()
    d = doc("raqqa-1", "f.com", "2018-06-10")
    pairs.append((d, result(d, [
        event(event_date="2018-06-09", location="Raqqa", latitude=RAQQA[0], longitude=RAQQA[1], admin1="Raqqa",
              admin2="Raqqa", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
              actor1="Coalition", actor2="Civilians (Syria)", inter1=8, inter2=7, interaction=None, fatalities=4),
        event(event_date="2018-06-12", location="Raqqa", latitude=RAQQA[0], longitude=RAQQA[1], admin1="Raqqa",
              admin2="Raqqa", event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Syria)",
              actor2=None, inter1=6, inter2=None, modality="planned"),
    ])))
    return pairs


def test_event_filters(store: Store) -> None:
    store.add_results(_events_corpus())
    assert len(store.events()) == 3
    assert [e.location for e in store.events(EventFilter(date_from="2018-10-01"))] == ["Hajin"]
    assert len(store.events(EventFilter(date_to="2018-06-30"))) == 2
    assert len(store.events(EventFilter(event_type="air/drone strike"))) == 1
    assert len(store.events(EventFilter(event_type="Battles"))) == 1
    assert len(store.events(EventFilter(actor="coalition"))) == 1
    assert len(store.events(EventFilter(actor="CIVILIANS (syr"))) == 1  # any case, actor2 too
    assert store.events(EventFilter(actor="coalition\ncivilians")) == []  # a pattern never spans two actors
    assert store.events(EventFilter(actor="%")) == [] and store.events(EventFilter(actor="_oalition")) == []
    assert len(store.events(EventFilter(admin1="raqqa"))) == 2
    assert len(store.events(EventFilter(bbox=(40.5, 34.5, 41.0, 35.0)))) == 1
    assert len(store.events(EventFilter(modality=["planned"]))) == 1
    strike = store.events(EventFilter(event_type="Air/drone strike"))[0]
    assert strike.civilian_targeting == "Civilian targeting" and strike.interaction == 78
    assert store.events(EventFilter(limit=1))[0].event_date == "2018-06-09"


def test_acled_csv_and_geojson(store: Store) -> None:
    store.add_results(_events_corpus())
    rows = store.events(EventFilter(modality=["asserted", "claimed"]))
    buf = io.StringIO()
    assert write_acled_csv(rows, buf) == 2  # the planned protest is not an ACLED row
    buf.seek(0)
    lines = buf.getvalue().splitlines()
    assert lines[0] == ACLED_ORDER == ",".join(ACLED_COLUMNS)
    records = list(csv.DictReader(io.StringIO(buf.getvalue())))
    hajin = next(r for r in records if r["location"] == "Hajin")
    assert hajin["fatalities"] == "10" and hajin["source"].count(";") == 4 and hajin["iso"] == "760"
    fc = json.loads(json.dumps(geojson(rows)))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    feat = fc["features"][0]
    assert feat["geometry"]["type"] == "Point" and len(feat["geometry"]["coordinates"]) == 2
    assert "sources" in feat["properties"]


def test_review_keeps_status(store: Store) -> None:
    store.add_results(five_outlets()[:2])
    ev = store.events()[0]
    store.review(ev.event_id, "confirm", reviewer="analyst", note="checked")
    store.review(ev.event_id, "edit", field="fatalities", new_value=11)
    got = store.event(ev.event_id)
    assert got is not None and got.status == "edited" and got.fatalities == 11
    store.add_results(five_outlets()[2:])  # more sources join: the event is re-resolved, the edit stays
    again = store.event(ev.event_id)
    assert again is not None and again.n_sources == 5 and again.fatalities == 11
    assert again.status == "edited"


def test_reviews_follow_their_mentions_when_the_event_key_changes(store: Store) -> None:
    from rasid.store.api import content_hash

    pairs = five_outlets()[:2]
    store.add_results(pairs)
    (ev,) = store.events()
    store.review(ev.event_id, "edit", field="fatalities", new_value=7, reviewer="analyst")
    # a new report whose mention key sorts first: the resolved event gets a new key
    i = 0
    while content_hash(f"تقرير جديد {i}")[:16] + ":0" > min(s.mention for s in ev.sources):
        i += 1
    d = doc("newcomer", "z.com", text=f"تقرير جديد {i}")
    store.add_results([(d, result(d, [event()]))])
    (after,) = store.events()
    assert after.event_id != ev.event_id and after.n_sources == 3
    assert after.status == "edited" and after.fatalities == 7
    store.rebuild_resolution()
    (rebuilt,) = store.events()
    assert rebuilt.event_id == after.event_id and rebuilt.fatalities == 7
