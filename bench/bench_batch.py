"""Scale of `rasid batch`: the dev corpus repeated to N articles, on 1 and on 2 Dask workers in one run.

    python bench/bench_batch.py                      # 20,000 articles, workers 1 then 2
    python bench/bench_batch.py --articles 5000 --workers 1 2 --rounds 2

Prints articles/s per worker count, the speed-up of the largest count over one worker, each worker's
peak memory, and a projection for one million articles from the measured per-core rate. The corpus is
read at run time from ../shared/corpus (never copied); each repeat gets new ids, same texts.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news_dev.jsonl"


def build_corpus(n: int, path: Path) -> int:
    lines = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            record = dict(lines[i % len(lines)])
            record["id"] = f"{record['id']}-r{i // len(lines)}"
            words += len(record["text"].split())
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words // n


def run(corpus: Path, workers: int, task_size: int) -> dict[str, float]:
    from dask.distributed import Client, LocalCluster

    from rasid.batch.cluster import peak_rss_mb, run_batch

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=50)
    try:
        with Client(cluster) as client:
            client.run(_warm)  # pipelines load before the clock starts: start-up is not throughput
            with tempfile.TemporaryDirectory() as out:
                t0 = time.perf_counter()
                summary = run_batch([corpus], Path(out), scheduler=cluster.scheduler_address, task_size=task_size,
                                    progress=False, echo=lambda s: None)
                seconds = time.perf_counter() - t0
            peaks = client.run(peak_rss_mb)
    finally:
        cluster.close()
    if summary.failed_tasks:
        raise SystemExit(f"failed tasks: {summary.failed_tasks[:3]}")
    return {"workers": workers, "articles": summary.articles, "seconds": round(seconds, 2),
            "articles_per_second": round(summary.articles / seconds, 1),
            "peak_worker_rss_mb": round(max(peaks.values()), 1)}


def _warm() -> None:
    from rasid.batch.cluster import _worker_extract

    _worker_extract()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=1, help="Alternate the worker counts this many times.")
    parser.add_argument("--task-size", type=int, default=250)
    args = parser.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"corpus not found: {CORPUS}")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        words = build_corpus(args.articles, corpus)
        results: dict[int, list[dict[str, float]]] = {w: [] for w in args.workers}
        for _ in range(args.rounds):
            for w in args.workers:
                results[w].append(run(corpus, w, args.task_size))
    best = {w: max(rs, key=lambda r: r["articles_per_second"]) for w, rs in results.items()}
    one, top = min(best), max(best)
    per_core = best[one]["articles_per_second"] / one
    report = {
        "articles": args.articles, "mean_words_per_article": words, "runs": results,
        "speedup": round(best[top]["articles_per_second"] / best[one]["articles_per_second"], 2),
        "speedup_of": f"{top} vs {one} worker(s)",
        "peak_worker_rss_mb": max(r["peak_worker_rss_mb"] for rs in results.values() for r in rs),
        "projection_1m_articles": {
            f"{n}_cores_hours": round(1_000_000 / (per_core * n * 0.9) / 3600, 2) for n in (2, 8, 32, 128)},
        "projection_assumptions": (
            f"per-core rate {per_core:.0f} articles/s measured on this corpus (mean {words} words per article); "
            "90% parallel efficiency (the 2-worker run measured the real figure on this machine); inputs on a "
            "shared file system read at the same speed; rate scales inversely with article length."),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
