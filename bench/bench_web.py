"""Web app benchmark: 100,000 resolved events, the filtered event list and the map data over HTTP, and the
events page in a real browser.

    .venv/bin/python bench/bench_web.py                       # SQLite file in a temp dir, 100,000 events
    .venv/bin/python bench/bench_web.py --db postgresql://rasid:rasid@127.0.0.1/rasid_bench_web
    .venv/bin/python bench/bench_web.py -n 20000 --no-browser

Events are generated straight into the store's tables (documents, mentions, resolved events, article
texts) with the store's own row builders and merge rule: 1-3 outlets per event, places drawn from the
gazetteer (Syria and Iraq), types, actors, dates over five years, fatalities. Each query runs --repeat
times through a live server (uvicorn on 127.0.0.1); the medians are printed as JSON. Targets: list and
map data < 300 ms median; the events page usable (table, timeline and map drawn) < 1.5 s.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest"],
    "Strategic developments": ["Arrests", "Looting/property destruction"],
}
ACTORS = [("Military Forces of Syria (2000-2024)", 1), ("IS: Islamic State", 2), ("SDF: Syrian Democratic Forces", 2),
          ("HTS: Hayat Tahrir al-Sham", 2), ("Military Forces of Russia (2000-)", 8), ("Civilians (Syria)", 7),
          ("Military Forces of Iraq (2014-)", 1), ("PMF: Popular Mobilization Forces", 3), ("Protesters (Syria)", 6)]
TEXT = "قصفت قوات النظام بلدة في الريف الجنوبي يوم الثلاثاء، ما أدى إلى مقتل مدنيين. (نص تجريبي رقم {i})"


def generate(url: str, n: int, seed: int = 0, *, reuse: bool = False) -> dict[str, Any]:
    """n resolved events with their mentions, documents and texts, written in bulk."""
    from rasid.geo import gazetteer
    from rasid.resolve import events as resolution
    from rasid.store import Store
    from rasid.store.api import content_hash
    from rasid.store.schema import document_texts, documents, mentions, resolved_events

    rng = random.Random(seed)
    places = [p for p in gazetteer.load().places if p.country in ("SY", "IQ") and p.admin1 and p.feature == "populated"]
    start = date(2016, 1, 1)
    t0 = time.perf_counter()
    with Store(url) as store:
        with store.engine.begin() as conn:
            if conn.execute(resolved_events.select().limit(1)).first() is not None:
                if reuse:
                    if store.engine.dialect.name == "postgresql":
                        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c2:
                            c2.exec_driver_sql("ANALYZE")
                    return {"reused": store.stats()}
                sys.exit("bench_web: the store is not empty; give a fresh --db (or --reuse it)")
        doc_pk = 0
        docs: list[dict[str, Any]] = []
        texts: list[dict[str, Any]] = []
        ments: list[dict[str, Any]] = []
        evs: list[dict[str, Any]] = []

        def flush() -> None:
            with store.engine.begin() as conn:
                for table, rows in ((documents, docs), (document_texts, texts), (mentions, ments), (resolved_events, evs)):
                    if rows:
                        conn.execute(table.insert(), rows)
            for rows in (docs, texts, ments, evs):
                rows.clear()

        now = "2026-01-01T00:00:00+00:00"
        for i in range(n):
            p = rng.choice(places)
            et = rng.choice(list(TYPES))
            st = rng.choice(TYPES[et])
            a1, a2 = rng.sample(ACTORS, 2)
            day = start + timedelta(days=rng.randrange(5 * 365))
            fat = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 12])
            members = []
            for k in range(rng.choice([1, 1, 2, 3])):
                doc_pk += 1
                text = TEXT.format(i=f"{i}-{k}")
                h = content_hash(text)
                docs.append({"id": doc_pk, "content_hash": h, "doc_id": f"bench-{i}-{k}", "title": f"خبر {i}",
                             "outlet": f"outlet{rng.randrange(40)}.example",
                             "published": (day + timedelta(days=1)).isoformat(), "url": None, "source_path": None,
                             "language": "ar", "extractor_version": "bench", "n_chars": len(text), "errors": None,
                             "ingested_at": now, "updated_at": now})
                texts.append({"document_id": doc_pk, "text": text, "entities": []})
                lat, lon = p.lat, p.lon  # the geoparser gives every report of a town the gazetteer's point
                cl, cn = resolution.cell_of(lat, lon)
                m = {"mention_key": f"{h[:16]}:0", "document_id": doc_pk, "idx": 0, "event_date": day.isoformat(),
                     "time_precision": 1, "event_type": et, "sub_event_type": st, "actor1": a1[0], "assoc_actor_1": None,
                     "actor2": a2[0], "assoc_actor_2": None, "inter1": a1[1], "inter2": a2[1],
                     "interaction": int(f"{min(a1[1], a2[1])}{max(a1[1], a2[1])}"), "location": p.name,
                     "admin1": p.admin1, "admin2": p.admin2, "country": p.country_name, "iso": p.iso, "latitude": lat,
                     "longitude": lon, "geo_precision": 1, "fatalities": fat + k, "notes": "",
                     "modality": rng.choice(["asserted", "asserted", "asserted", "claimed"]), "confidence": 0.9,
                     "evidence": [{"start": 0, "end": len(text), "text": text}],
                     "family": resolution.family_of(et), "day": day.toordinal(), "cell_lat": cl, "cell_lon": cn,
                     "cluster_key": None}
                members.append({**m, "doc_id": f"bench-{i}-{k}", "outlet": docs[-1]["outlet"],
                                "published": docs[-1]["published"]})
                ments.append(m)
            key = resolution.cluster_key(m["mention_key"] for m in members)
            for m in ments[-len(members):]:
                m["cluster_key"] = key
            row = resolution.merge(members, key=key, now=0)
            row.update(status=rng.choice(["auto"] * 8 + ["confirmed", "rejected"]), updated_at=now)
            evs.append(row)
            if len(evs) >= 2000:
                flush()
        flush()
        if store.engine.dialect.name == "postgresql":  # what autovacuum does a minute after a bulk load
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
        stats = store.stats()
    return {"events": stats["events"], "mentions": stats["mentions"], "seconds": round(time.perf_counter() - t0, 1)}


QUERIES = {
    "no filter": "",
    "admin1": "admin1=Aleppo",
    "one month": "from=2018-03-01&to=2018-03-31",
    "admin1 + week": "admin1=Idlib&from=2019-05-13&to=2019-05-19",
    "type": "type=Explosions%2FRemote+violence",
    "actor (substring)": "actor=islamic",
    "fatalities + status + modality": "fatal=1&status=auto&modality=asserted",
    "outlet": "outlet=outlet7.example",
    "sorted by fatalities": "sort=-fatalities",
}
MAP_VIEWS = {"Syria and Iraq (zoom 6)": "bbox=35,29,49,38&zoom=6", "one governorate (zoom 9)": "bbox=36.4,35.5,37.0,36.0&zoom=9"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(url: str) -> tuple[str, Any]:
    import uvicorn

    from rasid.store import Store
    from rasid.web.app import Settings, create_app

    store = Store(url)
    port = _free_port()
    app = create_app(Settings(db=url), store=store)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv


def timed_get(client: Any, url: str, repeat: int) -> tuple[float, Any]:
    times = []
    body = None
    for _ in range(repeat):
        t = time.perf_counter()
        r = client.get(url)
        r.raise_for_status()
        times.append(1000 * (time.perf_counter() - t))
        body = r.json()
    return statistics.median(times), body


def browser_load(base: str, repeat: int) -> list[float]:
    """Milliseconds from navigation to a usable events page: table, timeline and map markers drawn."""
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(base + "/events")  # warm the browser cache (vendor files), as a returning analyst has it
        page.locator("#map-status").filter(has_text="in view").wait_for(timeout=60_000)
        for _ in range(repeat):
            t = time.perf_counter()
            page.goto(base + "/events")
            page.locator("#events-table tbody tr").first.wait_for()
            page.locator("#map-status").filter(has_text="in view").wait_for(timeout=60_000)
            out.append(1000 * (time.perf_counter() - t))
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=100_000, help="events to generate (default 100000)")
    ap.add_argument("--db", help="store URL (default: a fresh SQLite file in a temp dir); must be empty")
    ap.add_argument("--repeat", type=int, default=7, help="runs of each query (median reported)")
    ap.add_argument("--no-browser", action="store_true", help="skip the browser measure")
    ap.add_argument("--reuse", action="store_true", help="measure a store an earlier run generated (--db)")
    args = ap.parse_args()
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'web.db'}"
        report: dict[str, Any] = {"db": url.split("://")[0], "generate": generate(url, args.n, reuse=args.reuse)}
        base, srv = serve(url)
        with httpx.Client(base_url=base, timeout=120) as client:
            timed_get(client, "/api/events", 1)  # first query warms the connection pool
            lists = {}
            for name, q in QUERIES.items():
                ms, body = timed_get(client, f"/api/events?{q}", args.repeat)
                lists[name] = {"ms": round(ms, 1), "total": body["total"]}
            maps = {}
            for name, q in MAP_VIEWS.items():
                for fname, fq in (("no filter", ""), ("one month", QUERIES["one month"])):
                    ms, body = timed_get(client, f"/api/map?{q}&{fq}", args.repeat)
                    maps[f"{name}, {fname}"] = {"ms": round(ms, 1), "mode": body["mode"], "located": body["total"]}
            for fname, fq in (("no filter", ""), ("one month", QUERIES["one month"])):
                # a new filter's first draw also asks for the box its view fits (the bulk of its located events)
                q = next(iter(MAP_VIEWS.values()))
                ms, body = timed_get(client, f"/api/map?{q}&{fq}&bounds=true", args.repeat)
                maps[f"new filter (bounds), {fname}"] = {"ms": round(ms, 1), "mode": body["mode"],
                                                         "located": body["located"]}
        report["event_list_median_ms"] = lists
        report["map_data_median_ms"] = maps
        report["worst_list_ms"] = max(v["ms"] for v in lists.values())
        report["worst_map_ms"] = max(v["ms"] for v in maps.values())
        if not args.no_browser:
            loads = browser_load(base, max(3, args.repeat // 2))
            report["events_page_usable_ms"] = {"median": round(statistics.median(loads), 0),
                                               "runs": [round(x) for x in loads]}
        srv.should_exit = True
        report["targets"] = {"list_and_map_under_300ms": report["worst_list_ms"] < 300 and report["worst_map_ms"] < 300,
                             "page_under_1500ms": (report.get("events_page_usable_ms", {}).get("median", 0) < 1500)}
        print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
