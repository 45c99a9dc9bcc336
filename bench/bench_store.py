"""Store benchmark: ingest throughput, store size, idempotent re-ingest, `events` query times.

    /work/venv/bin/python bench/bench_store.py                 # 10,000 articles into a temp SQLite file
    /work/venv/bin/python bench/bench_store.py -n 2000 --workers 2
    /work/venv/bin/python bench/bench_store.py --db postgresql://rasid:rasid@127.0.0.1/rasid_bench

Articles are generated from the project's own example articles (examples/ and tests/store/data/):
each copy gets another day, year and a serial line, so every text (and its content hash) is distinct and
the extracted events spread over dates, while several copies share a day and so resolve together.
Reports JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
YEARS = ["2016", "2017", "2018", "2019"]


def templates() -> list[dict[str, str]]:
    from rasid.ingest.readers import read_paths

    sources = [ROOT / "examples", ROOT / "tests" / "store" / "data"]
    out = []
    for doc in read_paths([p for p in sources if p.exists()]):
        text = getattr(doc, "text", None)
        if text:
            out.append({"text": text, "outlet": doc.outlet or "example.org", "published": doc.published or ""})
    if not out:
        sys.exit("bench: no example articles found")
    return out


MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
          "تشرين الثاني", "كانون الأول"]
MONTHS_EG = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
             "ديسمبر"]
_MONTH_RE = re.compile("|".join(sorted(map(re.escape, MONTHS + MONTHS_EG), key=len, reverse=True)))


def generate(n: int, path: Path, *, dense: bool = False) -> None:
    """n articles: stories (a template on a given day) each reported by 1-5 outlets (mean 3).

    `dense=True` keeps the month of each template, so ~9 copies of one story share each town-day: a stress
    case for resolution (big clusters, big candidate pools).
    """
    import random

    base = templates()
    rng = random.Random(0)
    day_re = re.compile(r"\b([12]?[0-9])\b")
    i = story = 0
    with path.open("w", encoding="utf-8") as fh:
        while i < n:
            t = base[story % len(base)]
            slot = story // len(base)
            day, month = 1 + slot % 28, 1 + (slot // 28) % 12
            year = YEARS[(slot // (28 * 12)) % len(YEARS)]
            text = day_re.sub(lambda m, d=day: str(d) if int(m.group(1)) <= 28 else m.group(1), t["text"], count=1)
            text = re.sub(r"201[0-9]", year, text)
            if not dense:
                text = _MONTH_RE.sub(MONTHS[month - 1], text)
            published_month = t["published"][5:7] if dense and t["published"] else f"{month:02d}"
            published = f"{year}-{published_month}-{min(28, day + 1):02d}"
            copies = 9 if dense else rng.randint(1, 5)
            for c in range(copies):
                if i >= n:
                    break
                rec = {"id": f"bench-{i:06d}", "outlet": f"outlet{c}.example", "published": published,
                       "text": f"{text}\n(نسخة {i})"}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                i += 1
            story += 1


def resolution_bench(n_events: int, tmp: str) -> dict[str, object]:
    """Synthetic located reports (1-5 outlets per real event, jittered by ~1 km): merge time and accuracy."""
    import random

    from rasid.models import DocResult, Document, Event
    from rasid.store import Store

    rng = random.Random(42)
    pairs, truth = [], {}
    for k in range(n_events):
        lat, lon = 32.5 + rng.random() * 5, 36.0 + rng.random() * 6
        day = f"2018-{1 + k % 12:02d}-{1 + (k * 7) % 28:02d}"
        for j in range(rng.randint(1, 5)):
            doc = Document(doc_id=f"r{k}-{j}", text=f"synthetic {k} {j}", outlet=f"o{j}.example", published=day)
            ev = Event(event_date=day, time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                       actor1="A", actor2="B", latitude=lat + rng.uniform(-0.005, 0.005), longitude=lon,
                       geo_precision=1, location=f"Place {k}", country="Syria", iso=760, fatalities=rng.randint(0, 9))
            pairs.append((doc, DocResult(doc_id=doc.doc_id, published=day, events=[ev])))
            truth[doc.doc_id] = k
    rng.shuffle(pairs)
    with Store(f"sqlite:///{Path(tmp) / 'resolve.db'}") as store:
        t = time.perf_counter()
        store.add_results(pairs, batch_size=64)
        seconds = time.perf_counter() - t
        events = store.events(with_sources=True)
        exact = sum(1 for e in events
                    if len({truth[s.doc_id] for s in e.sources}) == 1)
        stats = store.stats()
    return {"real_events": n_events, "mentions": len(pairs), "resolved_events": stats["events"],
            "merged_mentions": stats["merged_mentions"], "pure_clusters": exact, "seconds": round(seconds, 2),
            "mentions_per_s": round(len(pairs) / seconds, 1)}


def store_size(url: str, engine) -> int:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    if url.startswith("sqlite"):
        path = Path(sa.engine.make_url(url).database or "")
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one())


def timed(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000, help="articles to generate (default 10000)")
    ap.add_argument("--workers", type=int, default=min(8, os.cpu_count() or 1))
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--dense", action="store_true", help="9 reports per town-day (resolution stress case)")
    ap.add_argument("--resolution", type=int, default=3000, help="synthetic real events for the merge bench")
    ap.add_argument("--db", help="store URL (default: a fresh SQLite file in a temp dir)")
    args = ap.parse_args()

    from rasid.ingest.readers import read_paths
    from rasid.store import EventFilter, Store

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        generate(args.n, corpus, dense=args.dense)
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        with Store(url) as store:
            t = time.perf_counter()
            first = store.ingest(read_paths([corpus]), workers=args.workers, batch_size=args.batch_size)
            ingest_s = time.perf_counter() - t
            t = time.perf_counter()
            second = store.ingest(read_paths([corpus]), workers=args.workers, batch_size=args.batch_size)
            reingest_s = time.perf_counter() - t
            stats = store.stats()
            size = store_size(url, store.engine)
            filters = {
                "all": EventFilter(),
                "date range": EventFilter(date_from="2016-03-01", date_to="2016-05-31"),
                "type": EventFilter(event_type="Battles"),
                "actor": EventFilter(actor="islamic state"),
                "admin1": EventFilter(admin1="Idlib"),
                "bbox": EventFilter(bbox=(36.0, 35.0, 37.5, 36.5)),
                "combined": EventFilter(date_from="2016-01-01", date_to="2016-06-30", modality=["asserted", "claimed"],
                                        bbox=(35.0, 32.0, 43.0, 38.0)),
                "page of 100": EventFilter(limit=100),
            }
            queries = {}
            for name, f in filters.items():
                n = len(store.events(f))
                queries[name] = {"events": n, "ms": round(1000 * timed(lambda f=f: store.events(f)), 1)}
            claims_ms = round(1000 * timed(store.claim_groups, 3), 1)
        resolution = resolution_bench(args.resolution, tmp) if args.resolution else None
    report = {
        "articles": args.n, "dense": args.dense, "workers": args.workers, "batch_size": args.batch_size,
        "backend": url.split(":", 1)[0],
        "ingest": {"seconds": round(ingest_s, 2), "articles_per_s": round(args.n / ingest_s, 1),
                   "new": first.new, "failed": len(first.failed)},
        "reingest_unchanged": {"seconds": round(reingest_s, 2), "articles_per_s": round(args.n / reingest_s, 1),
                               "unchanged": second.unchanged},
        "store": {**stats, "bytes": size, "mb": round(size / 1e6, 1), "kb_per_article": round(size / 1e3 / args.n, 2)},
        "events_query": queries,
        "claims_board_ms": claims_ms,
        "resolution_synthetic": resolution,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
