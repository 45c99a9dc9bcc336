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
    assert far["located"] == 2 and far["beyond"] == 0, far  # the Hajin clash and the payload article's event
    none = client.get("/api/map", params={"bbox": "0,0,1,1", "bounds": "true", "admin1": "Idlib"}).json()
    assert none["bounds"] is None and none["located"] == 0 and none["beyond"] == 0
    assert "bounds" not in client.get("/api/map", params={"bbox": "0,0,1,1"}).json()


def _grid(south: float, west: float, rows: int, cols: int, step: float) -> list[tuple[float, float, int]]:
    return [(south + step * r, west + step * c, 1) for r in range(rows) for c in range(cols)]


def test_map_fit_box_is_the_bulk_of_the_events() -> None:
    syria = _grid(32.6, 36.0, 40, 50, 0.1)  # 2,000 places, one event each, evenly over Syria
    # an even spread keeps every event, its edges too
    assert views.bulk_box(syria) == ((32.6, 36.0, 32.6 + 0.1 * 39, 36.0 + 0.1 * 49), 0)
    # a few strays far off (a wrong place in Washington, one in Morocco, 20 events in one far town) are left out
    strays = [(38.9, -77.04, 1), (33.59, -7.62, 1), (15.35, 44.2, 20)]
    box, beyond = views.bulk_box(syria + strays)
    assert box == (32.6, 36.0, 32.6 + 0.1 * 39, 36.0 + 0.1 * 49) and beyond == 22
    # a far place with a tenth of the events is part of the bulk: the box reaches it
    box, beyond = views.bulk_box(syria + [(15.35, 44.2, 250)])
    assert box == (15.35, 36.0, 32.6 + 0.1 * 39, 44.2) and beyond == 0
    # two regions of a similar size (Syria and Libya): both
    box, beyond = views.bulk_box(syria + _grid(27.0, 13.0, 30, 40, 0.2))
    assert box[1] == 13.0 and box[3] == 36.0 + 0.1 * 49 and beyond == 0
    # under 50 events every event counts, however far
    assert views.bulk_box([(35.0, 38.0, 30), (38.9, -77.04, 1)]) == ((35.0, -77.04, 38.9, 38.0), 0)
    # events near the core but outside its quantiles stay: 1% of the events two degrees beyond Syria's edge
    box, beyond = views.bulk_box(syria + [(36.5, 44.0, 20)])
    assert box[3] == 44.0 and beyond == 0
    # one town holding nearly all the events: the margin is at least BULK_MARGIN degrees
    box, beyond = views.bulk_box([(36.2, 37.16, 980), (35.0, 36.0, 10), (33.5, 36.3, 10), (21.5, 39.2, 5)])
    assert box == (33.5, 36.0, 36.2, 37.16) and beyond == 5
    assert views.bulk_box([]) == (None, 0)


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
