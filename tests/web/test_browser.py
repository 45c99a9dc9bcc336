"""The analyst's path in a real browser (Playwright driving Debian's chromium) against a real server:
upload, filter to a governorate and a week, open an event and see its evidence highlighted, correct its
place, accept it, export (the CSV carries the correction), undo (the correction is gone).

Screenshots of each main page go to out/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from webtools import CHROMIUM_ARGS, PASSWORD, chromium_or_skip

from rasid.store import Store, users

SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
# Our own sentences (not from any corpus): one shelling reported by two outlets, one clash elsewhere.
ARTICLE_TXT = """قصف مدفعي على كفرنبل
تاريخ النشر: 14.05.2019

قصفت قوات النظام السوري بلدة كفرنبل في ريف إدلب الجنوبي يوم الثلاثاء، ما أدى إلى مقتل ثلاثة مدنيين وإصابة آخرين بجروح.
"""
ARTICLES_JSONL = """{"id": "idlib-report-2", "outlet": "outlet-b.example", "published": "2019-05-14", "title": "مقتل ثلاثة مدنيين بقصف على كفرنبل", "text": "قتل ثلاثة مدنيين اليوم الثلاثاء جراء قصف مدفعي لقوات النظام استهدف بلدة كفرنبل جنوب إدلب، بحسب الدفاع المدني."}
{"id": "raqqa-report", "outlet": "outlet-c.example", "published": "2019-05-20", "title": "اشتباكات في الرقة", "text": "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وخلايا تنظيم داعش في مدينة الرقة يوم الأحد."}
{"id": "broken-line"
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    import uvicorn

    from rasid.web.app import Settings, create_app
    from rasid.web.security import hash_password

    store = Store(f"sqlite:///{tmp_path / 'browser.db'}")
    users.add(store.engine, "amal", hash_password(PASSWORD))
    port = _free_port()
    app = create_app(Settings(db=store.url, host="127.0.0.1"), store=store)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture
def page(server: tuple[str, Store]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    exe = chromium_or_skip()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="en-GB")
        pg = context.new_page()
        pg.problems = []  # type: ignore[attr-defined]
        pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))  # type: ignore[attr-defined]
        pg.on("pageerror", lambda e: pg.problems.append(str(e)))  # type: ignore[attr-defined]
        yield pg
        browser.close()


def shot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


# Decodes a PNG in the page (createImageBitmap; no image library on the Python side) and counts the pixels of a
# box whose every channel is within `tol` of `rgb`.
_COUNT_PIXELS_JS = """async ([b64, box, rgb, tol]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const image = await createImageBitmap(new Blob([bytes], {type: "image/png"}),
                                        {colorSpaceConversion: "none", premultiplyAlpha: "none"});
  const canvas = new OffscreenCanvas(box[2], box[3]);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, -box[0], -box[1]);
  const px = ctx.getImageData(0, 0, box[2], box[3]).data;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (Math.abs(px[i] - rgb[0]) <= tol && Math.abs(px[i + 1] - rgb[1]) <= tol && Math.abs(px[i + 2] - rgb[2]) <= tol) { n++; }
  }
  return n;
}"""


def mid_map_pixels_of(page: object, name: str, event_type: str) -> int:
    """How many pixels of the middle of the map (120 x 120) in screenshot `name` have the colour of `event_type`'s
    markers (their fill is that colour at opacity 0.9 over the land, hence the tolerance; nothing else on the map is
    near it)."""
    colour = json.loads(page.get_attribute("#map", "data-colours"))[event_type]  # type: ignore[attr-defined]
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    # in document coordinates, those of the full-page screenshot
    box = page.evaluate(  # type: ignore[attr-defined]
        "() => { const r = document.querySelector('#map').getBoundingClientRect();"
        " return [r.left + scrollX + r.width / 2 - 60, r.top + scrollY + r.height / 2 - 60, 120, 120].map(Math.round); }"
    )
    png = base64.b64encode((SHOTS / f"{name}.png").read_bytes()).decode("ascii")
    return int(page.evaluate(_COUNT_PIXELS_JS, [png, box, rgb, 24]))  # type: ignore[attr-defined]


def _export_csv(page: object) -> list[dict[str, str]]:
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.click("text=ACLED CSV")  # type: ignore[attr-defined]
    path = info.value.path()
    return list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))


def test_analyst_path(server: tuple[str, Store], page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    base, store = server
    page.goto(f"{base}/login")
    shot(page, "login")
    page.fill("input[name=name]", "amal")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/events")

    # 1. upload articles (a bad JSONL line is reported, the rest goes in)
    (tmp_path / "kafranbel.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(ARTICLES_JSONL, encoding="utf-8")
    page.goto(f"{base}/upload")
    page.set_input_files("#files", [str(tmp_path / "kafranbel.txt"), str(tmp_path / "more.jsonl")])
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#job-status[data-done='1']", timeout=120_000)
    assert page.locator("#upload-files .state-stored").count() == 2
    assert "bad line" in page.inner_text("#upload-files")
    shot(page, "upload")

    # 2. filter to a governorate and a week (first: brushing the timeline sets the date range)
    page.goto(f"{base}/events")
    box = page.locator("svg#timeline").bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 3, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    page.wait_for_url(lambda url: "from=2019-05-14" in url and "to=" in url)
    page.goto(f"{base}/events")
    # (no wait_for_function: its string evaluation is blocked by the page's Content-Security-Policy, as it should be)
    expect(page.locator("#map-status")).to_contain_text("2 located event", timeout=20_000)
    page.select_option("select[name=admin1]", "Idlib")
    expect(page.locator("#total")).to_have_text(re.compile(r"^1 event"))
    page.fill("input[name=from]", "2019-05-13")
    page.fill("input[name=to]", "2019-05-19")
    page.dispatch_event("input[name=to]", "change")
    page.wait_for_url(lambda url: "from=2019-05-13" in url and "to=2019-05-19" in url and "admin1=Idlib" in url)
    expect(page.locator("#events-table tbody tr")).to_have_count(1)
    rows = page.inner_text("#events-table tbody")
    assert "Kafranbel" in rows and "Raqqa" not in rows
    filtered_url = page.url
    # the map has fitted the filtered events and drawn them (not the settled state of the draw before the filter)
    page.wait_for_selector("#map[data-settled='1'][data-query*='admin1=Idlib'][data-query*='to=2019-05-19']")
    shot(page, "events")
    # ... and painted them: the screenshot shows the one marker (a radius-6 disc, about 80 pixels of its fill) in the
    # middle of the map, where the fit put it. data-settled once turned 1 while a fit's zoom animation still ran (the
    # screenshot had no marker), and a filter's first draw could skip the fit (the marker off the middle)
    painted = mid_map_pixels_of(page, "events", "Explosions/Remote violence")
    assert painted >= 40, f"the middle of the events map's screenshot has {painted} pixels of the marker's colour"

    # 3. open the event: its evidence is highlighted, right to left
    page.click("#events-table tbody a")
    page.wait_for_selector("#field-place")
    texts = page.locator(".article-text")
    assert texts.count() == 2
    for kind in ("sentence", "trigger", "place", "date", "casualty", "actor"):
        assert page.locator(f".article-text mark.hl-{kind}").count() >= 1, kind
    expect(texts.first).to_have_css("direction", "rtl")
    assert "كفرنبل" in page.inner_text(".article-text mark.hl-place >> nth=0")
    # a source with no outlet is named by its doc id, as in the sources line and the claims table
    no_outlet = page.locator(".source .meta", has_text="no outlet known")
    expect(no_outlet).to_have_count(1)
    assert "kafranbel" in no_outlet.inner_text()
    shot(page, "event")
    event_url = page.url

    # 4. correct its place with the gazetteer search
    page.click("#edit-place summary")
    page.fill("#place-query", "معرة النعمان")
    page.wait_for_selector("#place-results .use-place")
    new_place = page.inner_text("#place-results form >> nth=0 >> strong")
    page.click("#place-results .use-place >> nth=0")
    page.wait_for_selector("#audit")
    assert new_place in page.inner_text("#field-place")

    # 5. accept it
    page.click("#review-confirm")
    page.wait_for_selector("#status.confirmed")
    shot(page, "event-reviewed")

    # 6. export: the CSV carries the correction
    page.goto(filtered_url)
    (row,) = _export_csv(page)
    assert row["location"] == new_place and row["admin1"] == "Idlib" and row["source"].count(";") == 1

    # 7. undo the correction: it is gone from the event and from the export
    page.goto(event_url)
    page.click("#audit tr:has-text('edit place') button.undo")
    page.wait_for_selector("#audit tr.undone")
    assert "Kafranbel" in page.inner_text("#field-place")
    assert page.locator("#status.confirmed").count() == 1  # the acceptance stays
    page.goto(filtered_url)
    (row,) = _export_csv(page)
    assert row["location"] == "Kafranbel"

    # the other main pages, for the screenshots (and they must work)
    page.goto(event_url)
    page.click(".source a:has-text('article page') >> nth=0")
    page.wait_for_selector("#article-text mark")
    shot(page, "article")
    page.goto(f"{base}/claims")
    shot(page, "claims")
    page.goto(f"{base}/audit")
    assert page.locator("tr.undone").count() == 1
    shot(page, "audit")
    assert page.problems == []  # no script error, no Content-Security-Policy violation


# --- the events map: all of a filter's markers, and a view that fits them ---------------------------------------

# Before the page's scripts: keeps every Leaflet map the page makes (window.__maps, through a setter on window.L
# that adds an init hook), counts the events the map shows (window.__onMap: clusters count their events, single
# markers one; `outside` counts those whose position is not in the map's box) and records that count at the moment
# #map turns data-settled="1" (window.__settles), not later, when further chunks could have filled the gap.
_MAP_HOOK_JS = """(() => {
  let leaflet;
  window.__maps = [];
  window.__settles = [];
  Object.defineProperty(window, "L", {configurable: true, get() { return leaflet; }, set(v) {
    leaflet = v;
    if (v && v.Map && !v.Map.__hooked) { v.Map.__hooked = true; v.Map.addInitHook(function () { window.__maps.push(this); }); }
  }});
  window.__onMap = () => {
    const map = window.__maps[0], size = map.getSize();
    let events = 0, clusters = 0, singles = 0, outside = 0, icons = 0;
    map.eachLayer((layer) => {
      let n = 0;
      if (layer instanceof L.MarkerCluster) { n = layer.getChildCount(); clusters++; }
      else if (layer instanceof L.CircleMarker && layer.options.eventType) { n = 1; singles++; }
      else { return; }
      events += n;
      const p = map.latLngToContainerPoint(layer.getLatLng());
      if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) { outside += n; }
    });
    document.querySelectorAll("#map .leaflet-marker-pane .cluster span").forEach((s) => { icons += Number(s.textContent); });
    const c = map.getCenter();
    return {events, clusters, singles, outside, icons, zoom: map.getZoom(), center: [c.lat, c.lng],
            query: document.querySelector("#map").getAttribute("data-query")};
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.id === "map" && r.target.getAttribute("data-settled") === "1") { window.__settles.push(window.__onMap()); }
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-settled"]});
})();"""

BULK_TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
              ("Protests", "Peaceful protest"), ("Violence against civilians", "Attack")]


def bulk_pairs(n: int) -> list:
    """`n` events, one per article, each at its own place and day (none merge) scattered over Syria."""
    import datetime
    import random

    from factories import doc, event, result

    rng = random.Random(7)
    start = datetime.date(2018, 1, 1)
    pairs = []
    for i in range(n):
        event_type, sub = BULK_TYPES[i % len(BULK_TYPES)]
        day = (start + datetime.timedelta(days=i % 700)).isoformat()
        d = doc(f"bulk-{i}", f"outlet{i % 7}.example", published=day, text=f"خبر رقم {i} عن حادثة في الموقع {i}")
        ev = event(event_date=day, event_type=event_type, sub_event_type=sub, location=f"Place {i}",
                   latitude=round(rng.uniform(32.6, 37.0), 4), longitude=round(rng.uniform(36.0, 42.0), 4),
                   admin1=f"Gov {i % 13}", admin2=f"District {i}")
        pairs.append((d, result(d, [ev])))
    return pairs


def settles_of(page: object, query: str) -> list[dict]:
    return [s for s in page.evaluate("() => window.__settles") if s["query"] == query]  # type: ignore[attr-defined]


def test_map_settles_with_all_markers_of_a_large_filter(server: tuple[str, Store], page) -> None:  # type: ignore[no-untyped-def]
    """3,000 events (under the server's points limit, 4,000): markercluster adds them in chunks over several frames
    (chunkedLoading; the CPU is slowed 4 times so that it takes several); data-settled="1" must wait for the last.
    At each settle the clusters and single markers on the map count every event of the filter, inside the view."""
    from playwright.sync_api import expect

    base, store = server
    n = 3000
    store.add_results(bulk_pairs(n))
    page.add_init_script(_MAP_HOOK_JS)
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(f"{base}/events")
    page.wait_for_selector("#map[data-settled='1'][data-query='']", timeout=60_000)
    expect(page.locator("#map-status")).to_have_text(f"{n} located event(s) in view")
    shot(page, "map-bulk")
    settles = settles_of(page, "")
    assert settles and all(s["events"] == n and s["outside"] == 0 for s in settles), settles
    # the cluster icons say the same
    assert all(s["icons"] == n - s["singles"] and s["clusters"] > 10 for s in settles), settles
    battles = sum(1 for i in range(n) if BULK_TYPES[i % len(BULK_TYPES)][0] == "Battles")
    page.select_option("select[name=type]", "Battles")
    page.wait_for_selector("#map[data-settled='1'][data-query*='type=Battles']", timeout=60_000)
    settles = settles_of(page, page.get_attribute("#map", "data-query"))
    assert settles and all(s["events"] == battles and s["outside"] == 0 for s in settles), settles
    assert all(s["icons"] == battles - s["singles"] for s in settles), settles
    shot(page, "map-bulk-battles")
    assert page.evaluate("() => window.__onMap()")["events"] == battles  # and it stays so
    assert page.problems == []


def test_map_fits_a_filter_whose_events_are_out_of_view(server: tuple[str, Store], page) -> None:  # type: ignore[no-untyped-def]
    """Zoomed in on Deir ez-Zor, a filter to Idlib's events moves the view to them; a filter with one event centres
    on it; a filter with none keeps the view and says so."""
    from factories import RAQQA, doc, event, result
    from playwright.sync_api import expect

    base, store = server
    places = ([("Deir ez-Zor", 34.69 + 0.02 * i, 40.83 + 0.03 * i) for i in range(5)]
              + [("Idlib", 35.80 + 0.05 * i, 36.55 + 0.06 * i) for i in range(4)] + [("Raqqa", RAQQA[0], RAQQA[1])])
    pairs = []
    for i, (admin1, lat, lon) in enumerate(places):
        day = f"2019-03-{i + 1:02d}"
        d = doc(f"place-{i}", "outlet.example", published=day, text=f"خبر رقم {i} عن اشتباك في {admin1}")
        pairs.append((d, result(d, [event(event_date=day, location=f"Village {i}", admin1=admin1, admin2=f"D{i}",
                                          latitude=lat, longitude=lon)])))
    store.add_results(pairs)
    page.add_init_script(_MAP_HOOK_JS)
    page.goto(f"{base}/events")
    page.wait_for_selector("#map[data-settled='1'][data-query='']", timeout=20_000)
    assert settles_of(page, "")[-1]["events"] == len(places)

    # zoom in on Deir ez-Zor (setView without animation: the move has started when evaluate returns)
    page.evaluate("() => window.__maps[0].setView([34.73, 40.89], 11, {animate: false})")
    page.wait_for_selector("#map[data-settled='1']", timeout=20_000)
    zoomed = page.evaluate("() => window.__onMap()")
    assert zoomed["zoom"] == 11 and zoomed["events"] == 5, zoomed
    assert not page.evaluate("() => window.__maps[0].getBounds().contains([35.8, 36.55])")  # Idlib is out of view

    page.select_option("select[name=admin1]", "Idlib")
    page.wait_for_selector("#map[data-settled='1'][data-query*='admin1=Idlib']", timeout=20_000)
    idlib = page.evaluate("() => window.__onMap()")
    assert idlib["events"] == 4 and idlib["outside"] == 0, idlib
    assert 35.7 < idlib["center"][0] < 36.1 and 36.4 < idlib["center"][1] < 36.9, idlib
    assert all(s["events"] == 4 and s["outside"] == 0 for s in settles_of(page, idlib["query"]))
    shot(page, "map-fit-elsewhere")
    assert mid_map_pixels_of(page, "map-fit-elsewhere", "Battles") >= 40

    # one event: centred on it, at zoom 9
    page.select_option("select[name=admin1]", "Raqqa")
    page.wait_for_selector("#map[data-settled='1'][data-query*='admin1=Raqqa']", timeout=20_000)
    raqqa = page.evaluate("() => window.__onMap()")
    assert raqqa["events"] == 1 and raqqa["zoom"] == 9, raqqa
    assert abs(raqqa["center"][0] - RAQQA[0]) < 0.01 and abs(raqqa["center"][1] - RAQQA[1]) < 0.01, raqqa
    expect(page.locator("#map-empty")).to_be_hidden()

    # none: the view stays, the map says there is nothing to show
    page.fill("input[name=location]", "no such place")
    page.dispatch_event("input[name=location]", "change")
    page.wait_for_selector("#map[data-settled='1'][data-query*='location=no+such+place']", timeout=20_000)
    empty = page.evaluate("() => window.__onMap()")
    assert empty["events"] == 0 and empty["zoom"] == raqqa["zoom"] and empty["center"] == raqqa["center"], empty
    expect(page.locator("#map-empty")).to_be_visible()
    shot(page, "map-empty")
    # and events again: the message goes
    page.select_option("select[name=admin1]", "")
    page.fill("input[name=location]", "Village")
    page.dispatch_event("input[name=location]", "change")
    page.wait_for_selector("#map[data-settled='1'][data-query='location=Village']", timeout=20_000)
    expect(page.locator("#map-empty")).to_be_hidden()
    assert page.evaluate("() => window.__onMap()")["events"] == len(places)
    assert page.problems == []


# --- the events map under pans and zooms: an update keeps what is drawn ----------------------------------------

# After _MAP_HOOK_JS: the map's markercluster group and what it holds (window.__held: the group's markers, by
# event id; `tagged`: those carrying the tag the test put on the objects before a move; `inView`: those inside the
# box the drawn answer was asked for), and the single marker nearest the middle of the map (window.__nearestSingle,
# for a click).
_HELD_JS = """(() => {
  window.__group = () => {
    let group = null;
    window.__maps[0].eachLayer((l) => { if (l instanceof L.MarkerClusterGroup) { group = l; } });
    return group;
  };
  window.__held = () => {
    // in view: inside the box the drawn answer was asked for (the map's view rounded to 4 decimals, as the
    // server counted it: a marker within 1e-4 degree of the view's edge is in one and not the other)
    const map = window.__maps[0], group = window.__group(), el = document.querySelector("#map");
    const [w, s, e, n] = el.getAttribute("data-box").split(",").map(Number), view = L.latLngBounds([s, w], [n, e]);
    const markers = group ? group.getLayers() : [];
    return {held: markers.length, tagged: markers.filter((m) => m.__tag).length,
            inView: markers.filter((m) => view.contains(m.getLatLng())).length,
            added: Number(el.getAttribute("data-added")), layers: Number(el.getAttribute("data-layers")),
            attrHeld: Number(el.getAttribute("data-held")), zoom: map.getZoom()};
  };
  window.__tagAll = () => { window.__group().getLayers().forEach((m) => { m.__tag = true; }); };
  window.__nearestSingle = () => {
    const map = window.__maps[0], size = map.getSize();
    let best = null, dist = Infinity;
    map.eachLayer((l) => {
      if (!(l instanceof L.CircleMarker) || !l.options.eventId) { return; }
      const p = map.latLngToContainerPoint(l.getLatLng());
      const d = Math.hypot(p.x - size.x / 2, p.y - size.y / 2);
      if (d < dist) { dist = d; best = l; }
    });
    window.__picked = best;
    const p = map.latLngToContainerPoint(best.getLatLng()), box = document.querySelector("#map").getBoundingClientRect();
    return {id: best.options.eventId, x: box.left + p.x, y: box.top + p.y, right: p.x > size.x / 2, low: p.y > size.y / 2};
  };
})();"""

SPREAD = (32.6, 37.0, 36.0, 42.0)  # south, north, west, east: the events' box over Syria
STRAYS = [(33.59, -7.62), (38.90, -77.04), (51.5, -0.12)]  # Casablanca, Washington, London: stray places


def spread_pairs(n: int) -> list:
    """`n` events scattered over Syria (each at its own place and day: none merge) and one stray event at each of
    STRAYS, a long way off (a place a geocoder got wrong, a far country the analyst does not follow)."""
    import datetime
    import random

    from factories import doc, event, result

    rng = random.Random(11)
    start = datetime.date(2005, 1, 1)
    spots = [(round(rng.uniform(SPREAD[0], SPREAD[1]), 4), round(rng.uniform(SPREAD[2], SPREAD[3]), 4)) for _ in range(n)]
    pairs = []
    for i, (lat, lon) in enumerate(spots + STRAYS):
        event_type, sub = BULK_TYPES[i % len(BULK_TYPES)]
        day = (start + datetime.timedelta(days=i)).isoformat()
        d = doc(f"spread-{i}", f"outlet{i % 7}.example", published=day, text=f"خبر رقم {i} عن حادثة في الموقع {i}")
        ev = event(event_date=day, event_type=event_type, sub_event_type=sub, location=f"Spot {i}", latitude=lat,
                   longitude=lon, admin1=f"Gov {i % 13}", admin2=f"District {i}")
        pairs.append((d, result(d, [ev])))
    return pairs


def settled(page: object, query: str = "") -> float:
    """Waits for #map[data-settled='1'] drawn for `query` after a move or a filter started; returns the seconds."""
    start = time.monotonic()
    page.wait_for_function(  # type: ignore[attr-defined]
        "(q) => { const m = document.querySelector('#map');"
        " return m.getAttribute('data-settled') === '1' && m.getAttribute('data-query') === q; }", arg=query,
        timeout=60_000, polling=10)
    return time.monotonic() - start


def test_map_pan_keeps_drawn_markers_and_an_open_popup(server: tuple[str, Store], page) -> None:  # type: ignore[no-untyped-def]
    """4,200 events over Syria (over the server's 4,000 points per view) and three strays far away. The opening
    view fits Syria (not the strays) and says how many events it leaves out; zoomed in, a pan keeps every marker it
    had (the same objects), adds only the events the pan brings into view, and a popup open on a marker still in
    view stays open; beyond the marker cap, markers far from the view go; a filter still builds a new layer and
    fits its events, and a filter with none says so."""
    from playwright.sync_api import expect

    base, store = server
    n = 4200
    t0 = time.monotonic()
    store.add_results(spread_pairs(n))
    print(f"store: {time.monotonic() - t0:.1f} s")
    page.add_init_script(_MAP_HOOK_JS)
    page.add_init_script(_HELD_JS)
    page.goto(f"{base}/events")
    settled(page)
    # the opening view: more than 4,000 events in view, so counts per area; the bulk (Syria), not the strays
    expect(page.locator("#map-status")).to_have_text(
        f"{n} located events in view, counted per area; zoom in for single events ({n + len(STRAYS)} in all)")
    view = page.evaluate("() => { const b = window.__maps[0].getBounds();"
                         " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }")
    assert view[0] <= SPREAD[0] and view[1] <= SPREAD[2] and view[2] >= SPREAD[1] and view[3] >= SPREAD[3], view
    assert view[3] - view[1] < 20, view  # a country's width, not an ocean's
    assert not any(view[0] <= lat <= view[2] and view[1] <= lon <= view[3] for lat, lon in STRAYS), view
    shot(page, "map-opening")

    # zoom in on the middle of Syria: points (a layer of markers), only the view's events
    page.evaluate("() => { window.__maps[0].setView([34.8, 39.0], 9, {animate: false}); }")
    settled(page)
    zoomed = page.evaluate("() => window.__held()")
    in_view = int(page.inner_text("#map-status").split()[0])
    assert 100 < in_view < 1000 and zoomed["held"] == zoomed["inView"] == zoomed["attrHeld"] == in_view, (zoomed, in_view)

    # open the popup of the single marker nearest the middle, by clicking it (its autoPan may move the map)
    spot = page.evaluate("() => window.__nearestSingle()")
    page.mouse.click(spot["x"], spot["y"])
    expect(page.locator(".leaflet-popup-content")).to_contain_text(f"open event {spot['id']}")
    settled(page)
    page.wait_for_function("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")  # faded in
    page.evaluate("() => { window.__tagAll(); }")
    before = page.evaluate("() => window.__held()")
    shot(page, "map-pan-before")

    # a small pan, dragged with the mouse (150 px across, 60 up or down, towards the middle for the open popup):
    # the markers stay, the events of the strips it brings into view are added, the popup stays open
    box = page.locator("#map").bounding_box()
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5
    dx, dy = (-15 if spot["right"] else 15), (-6 if spot["low"] else 6)
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(x + dx * step, y + dy * step)
    page.mouse.up()
    page.mouse.move(1, 1)  # off the map: no cluster's hover outline in the screenshot
    pan_seconds = settled(page)
    after = page.evaluate("() => window.__held()")
    in_view = int(page.inner_text("#map-status").split()[0])
    new = after["held"] - after["tagged"]
    print(f"pan: {pan_seconds:.3f} s to settled; {before['held']} markers held before, {after['tagged']} kept, "
          f"{new} added; {in_view} in view")
    assert after["layers"] == before["layers"], (before, after)  # the same layer, updated
    assert after["tagged"] == before["held"], (before, after)  # every marker drawn before is still there, the same object
    assert 0 < new < before["held"] // 2 and after["added"] - before["added"] == new, (before, after)
    assert after["inView"] == in_view and after["attrHeld"] == after["held"], (after, in_view)  # the view is complete
    assert page.evaluate("() => window.__picked._map !== null && window.__picked.isPopupOpen()")
    popup_box = page.locator(".leaflet-popup-content").bounding_box()
    map_box = page.locator("#map").bounding_box()
    assert map_box["y"] <= popup_box["y"] and popup_box["y"] + popup_box["height"] <= map_box["y"] + map_box["height"]
    assert map_box["x"] <= popup_box["x"] and popup_box["x"] + popup_box["width"] <= map_box["x"] + map_box["width"]
    expect(page.locator(".leaflet-popup-content")).to_contain_text(f"open event {spot['id']}")
    assert page.evaluate(f"() => window.__group().getLayers().filter((m) => m.options.eventId === {json.dumps(spot['id'])})"
                         "[0] === window.__picked")
    shot(page, "map-pan-after")

    # a zoom out and back in: nothing to add for the places already held
    page.evaluate("() => { window.__maps[0].setZoom(8, {animate: false}); }")
    settled(page)
    page.evaluate("() => { window.__maps[0].setZoom(9, {animate: false}); }")
    settled(page)
    back = page.evaluate("() => window.__held()")
    assert back["layers"] == after["layers"] and back["tagged"] == after["tagged"], (after, back)
    assert back["added"] - after["added"] == back["held"] - after["held"], (after, back)  # zoom 8's new events only

    # a cap of 300 markers (the page's is 8,000): a pan over a view away drops the markers far from the view
    page.evaluate("() => { window.rasidMapCap = 300; window.__maps[0].panBy([900, 0], {animate: false}); }")
    settled(page)
    capped = page.evaluate("() => window.__held()")
    far = page.evaluate("() => { const v = window.__maps[0].getBounds().pad(1);"
                        " return window.__group().getLayers().filter((m) => !v.contains(m.getLatLng())).length; }")
    assert far == 0 and capped["held"] < back["held"] and capped["layers"] == back["layers"], (back, capped)
    assert capped["inView"] == int(page.inner_text("#map-status").split()[0]), capped

    # a filter: a new layer with its events only, the view fitted to them
    battles = sum(1 for i in range(n) if BULK_TYPES[i % len(BULK_TYPES)][0] == "Battles")
    page.select_option("select[name=type]", "Battles")
    settled(page, "type=Battles")
    filtered = page.evaluate("() => window.__held()")
    assert filtered["layers"] == capped["layers"] + 1 and filtered["tagged"] == 0, filtered
    assert filtered["held"] == filtered["inView"] == battles and filtered["zoom"] < 9, filtered
    expect(page.locator("#map-status")).to_have_text(f"{battles} located event(s) in view ({battles + 1} in all)")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    shot(page, "map-pan-filter")
    # a filter with no located event: the message, nothing held
    page.fill("input[name=location]", "no such place")
    page.dispatch_event("input[name=location]", "change")
    settled(page, "type=Battles&location=no+such+place")
    expect(page.locator("#map-empty")).to_have_text("No located events match this filter.")
    assert page.evaluate("() => window.__held()")["held"] == 0
    assert page.problems == []
