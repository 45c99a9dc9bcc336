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
