"""The JSON API and the pages' data on a real store: filters, paging, map, timeline, aggregates, review,
undo, export of exactly the filtered set."""

from __future__ import annotations

import csv
import io
import json

from webtools import login

from rasid.models import ACLED_COLUMNS
from rasid.web import views


def test_openapi_lists_the_api(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ["/api/events", "/api/events/{event_id}", "/api/articles/{key}", "/api/claims", "/api/map",
                 "/api/events/{event_id}/review", "/api/reviews/{review_id}/undo", "/api/export", "/api/upload"]:
        assert path in spec["paths"], path
    assert "ResolvedEvent" in json.dumps(spec["components"])


def test_events_filters_and_paging(client) -> None:
    everything = client.get("/api/events").json()
    assert everything["total"] == 2 and [e["n_sources"] for e in everything["events"]] == [1, 5]  # newest first
    assert client.get("/api/events", params={"outlet": "b.net"}).json()["total"] == 1
    assert client.get("/api/events", params={"from": "2018-11-03"}).json()["total"] == 1
    assert client.get("/api/events", params={"admin1": "deir ez-zor", "inter": 2, "geo": 1}).json()["total"] == 2
    assert client.get("/api/events", params={"status": "confirmed"}).json()["total"] == 0
    assert client.get("/api/events", params={"fatal": 1}).json()["total"] == 1
    page = client.get("/api/events", params={"per": 1, "page": 2, "sort": "-fatalities"}).json()
    assert page["pages"] == 2 and page["events"][0]["fatalities"] == 0
    bad = client.get("/api/events", params={"from": "yesterday"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text
    html = client.get("/events?from=2018-11-03&admin1=Deir+ez-Zor").text
    assert 'id="total">1 event<' in html
    frag = client.get("/events?from=2018-11-03", headers={"HX-Request": "true", "HX-Target": "results"}).text
    assert "<html" not in frag and 'id="events-table"' in frag


def test_map_points_then_cells(client, monkeypatch) -> None:
    pts = client.get("/api/map", params={"bbox": "35,30,45,40", "zoom": 7}).json()
    assert pts["mode"] == "points" and len(pts["points"]) == 2
    assert client.get("/api/map", params={"bbox": "0,0,1,1"}).json()["total"] == 0
    monkeypatch.setattr(views, "MAP_POINTS", 1)
    cells = client.get("/api/map", params={"bbox": "35,30,45,40", "zoom": 5}).json()
    assert cells["mode"] == "cells" and sum(c[2] for c in cells["cells"]) == 2


def test_map_bounds_cover_the_filters_events_out_of_view(client) -> None:
    # bounds=true: the box of all the filter's located events, also those outside the bbox (the map fits a new
    # filter's view to it); none located: null; not asked: absent
    far = client.get("/api/map", params={"bbox": "0,0,1,1", "bounds": "true"}).json()
    assert far["total"] == 0 and "bounds" in far
    south, west, north, east = far["bounds"]
    assert 34.69 <= south <= north <= 34.71 and 40.83 <= west <= east <= 40.84, far["bounds"]
    none = client.get("/api/map", params={"bbox": "0,0,1,1", "bounds": "true", "admin1": "Idlib"}).json()
    assert none["bounds"] is None
    assert "bounds" not in client.get("/api/map", params={"bbox": "0,0,1,1"}).json()


def test_timeline_and_governorates(client) -> None:
    tl = client.get("/api/timeline").json()
    assert tl["unit"] == "day" and sum(b["total"] for b in tl["bins"]) == 2
    govs = client.get("/api/governorates", params={"from": "2018-11-01", "to": "2018-11-07"}).json()
    (row,) = govs["rows"]
    assert row["admin1"] == "Deir ez-Zor" and row["events"] == 2 and govs["previous"] == ["2018-10-25", "2018-10-31"]


def test_review_then_export_carries_it_and_undo_removes_it(client, seeded) -> None:
    token = login(client)
    hdr = {"X-CSRF-Token": token}
    ev = next(e for e in client.get("/api/events").json()["events"] if e["n_sources"] == 5)
    place = {"location": "Al-Susah", "admin1": "Deir ez-Zor", "admin2": "Abu Kamal", "country": "Syria",
             "latitude": 34.6089, "longitude": 40.8884, "geo_precision": 1}
    r = client.post(f"/api/events/{ev['event_id']}/review", json={"action": "edit", "field": "place", "value": place},
                    headers=hdr)
    assert r.status_code == 200
    review_id = r.json()["review_id"]
    bad = client.post(f"/api/events/{ev['event_id']}/review", json={"action": "edit", "field": "date",
                                                                       "value": {"event_date": "2018-13-01"}}, headers=hdr)
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["detail"]
    client.post(f"/api/events/{ev['event_id']}/review", json={"action": "confirm"}, headers=hdr)
    out = client.get("/api/export", params={"format": "acled-csv", "status": "confirmed"})
    rows = list(csv.DictReader(io.StringIO(out.text)))
    assert out.headers["content-type"].startswith("text/csv") and list(rows[0]) == list(ACLED_COLUMNS)
    assert [r["location"] for r in rows] == ["Al-Susah"]
    detail = client.get(f"/api/events/{ev['event_id']}").json()
    assert [h["action"] for h in detail["history"]] == ["edit", "confirm"] and detail["history"][0]["reviewer"] == "amal"
    assert client.post(f"/api/reviews/{review_id}/undo", headers=hdr).status_code == 200
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"status": "confirmed"}).text)))
    assert [r["location"] for r in rows] == ["Hajin"]
    geo = client.get("/api/export", params={"format": "geojson", "outlet": "b.net"}).json()
    assert len(geo["features"]) == 1
    lines = client.get("/export", params={"format": "jsonl", "from": "2018-11-05"}).text.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["event_date"] == "2018-11-05"


def test_event_and_article_pages(client, seeded) -> None:
    ev = next(e for e in seeded.events() if e.n_sources == 5)
    html = client.get(f"/events/{ev.event_id}").text
    assert html.count('class="source"') == 5 and "Why these reports are one event" in html
    assert client.get(f"/events/{ev.event_id_cnty}").status_code == 200
    assert client.get("/events/ev-nothing").status_code == 404
    key = ev.sources[0].mention.split(":")[0]
    art = client.get(f"/api/articles/{key}").json()
    assert art["mentions"][0]["cluster_key"] == ev.event_id and art["text"]
    assert client.get("/articles/zz").status_code == 404
    claims = client.get("/api/claims").json()
    assert "groups" in claims
