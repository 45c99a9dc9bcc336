"""Extraction speed and memory: articles/s on one core, start-up time, peak RSS.

    python bench/bench_extract.py [--articles 1000] [--words 1000]
    python bench/bench_extract.py --ab-model [--rounds 4]   # rules only vs rules + learned layer, alternating

Articles of ~N words are assembled from paragraphs of real news (../shared/corpus, read at run time,
never copied) or, with `--source examples` or when the corpus is absent, from the bundled examples
(our own text, denser in events than real news: a pessimistic figure).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


CORPUS = ROOT.parent / "shared" / "corpus" / "news_dev.jsonl"


def corpus_paragraphs() -> list[str]:
    out: list[str] = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        out.extend(p.strip() for p in json.loads(line)["text"].split("\n") if len(p.split()) > 6)
    return out


def example_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line.split()) > 6:
                sentences.append(line.strip())
    for path in sorted((ROOT / "examples").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences.extend(s for s in json.loads(line)["text"].splitlines() if len(s.split()) > 6)
    return sentences


def make_articles(n: int, words: int, seed: int = 7, source: str = "examples") -> list[str]:
    rng = random.Random(seed)
    pool = corpus_paragraphs() if source == "corpus" else example_sentences()
    articles = []
    for _ in range(n):
        body: list[str] = []
        count = 0
        while count < words:
            s = rng.choice(pool)
            body.append(s)
            count += len(s.split())
        articles.append("\n".join(body))
    return articles


def startup_seconds() -> float:
    """Wall time of a fresh process that imports rasid, loads every resource and extracts one sentence."""
    code = "from rasid.pipeline import extract_text; extract_text('سيطرت قسد على بلدة هجين أمس.')"
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--source", choices=["corpus", "examples"], default="corpus" if CORPUS.is_file() else "examples")
    parser.add_argument("--ab-model", action="store_true",
                        help="A/B in one run: rules only (A) and rules + the bundled learned layer (B), alternating")
    parser.add_argument("--rounds", type=int, default=4, help="A/B rounds (each runs A then B, or B then A)")
    args = parser.parse_args()
    if args.ab_model:
        ab_model(args)
        return

    from rasid.models import Document
    from rasid.pipeline import Pipeline

    articles = make_articles(args.articles, args.words, source=args.source)
    pipeline = Pipeline().warm(freeze=True)  # load resources once, as `rasid extract` does
    t0, c0 = time.perf_counter(), time.process_time()
    events = 0
    for i, text in enumerate(articles):
        events += len(pipeline.process(Document(doc_id=str(i), text=text, published="2019-03-22")).events)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    report = {
        "articles": len(articles),
        "source": args.source,
        "words_per_article": args.words,
        "articles_per_second": round(len(articles) / elapsed, 1),
        # CPU time of this process only: steadier than wall time when other jobs share the machine
        "articles_per_cpu_second": round(len(articles) / cpu, 1),
        "events": events,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "startup_seconds": round(startup_seconds(), 2),
    }
    if CORPUS.is_file():
        from rasid.ingest.readers import read_paths

        docs = [d for d in read_paths([CORPUS]) if isinstance(d, Document)]
        t0 = time.perf_counter()
        for d in docs:
            pipeline.process(d)
        report["corpus_articles_per_second"] = round(len(docs) / (time.perf_counter() - t0), 1)
    print(json.dumps(report, indent=2))


def ab_model(args: argparse.Namespace) -> None:
    """Rules only vs rules + learned layer (as the pipeline's last component) on the same articles,
    alternating the order each round; CPU time per process beside wall time (a shared machine's other
    processes slow the wall clock, not the CPU time this process uses)."""
    from rasid.models import Document
    from rasid.pipeline import Pipeline

    docs = [Document(doc_id=str(i), text=t, published="2019-03-22")
            for i, t in enumerate(make_articles(args.articles, args.words, source=args.source))]
    rules = Pipeline(disable=["learned"])
    learned = Pipeline(rules.resources)  # the same tables, with the layer as its last component (the default)
    rules.warm()
    learned.warm(freeze=True)  # loads the model too

    def run(with_model: bool) -> tuple[float, float, int]:
        pipeline = learned if with_model else rules
        t0, c0 = time.perf_counter(), time.process_time()
        events = 0
        for d in docs:
            events += len(pipeline.process(d).events)
        return len(docs) / (time.perf_counter() - t0), len(docs) / (time.process_time() - c0), events

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    wall: dict[str, list[float]] = {"rules": [], "rules+model": []}
    cpu: dict[str, list[float]] = {"rules": [], "rules+model": []}
    events: dict[str, int] = {}
    for r in range(args.rounds):
        for with_model in ((False, True) if r % 2 == 0 else (True, False)):
            rate, cpu_rate, n = run(with_model)
            key = "rules+model" if with_model else "rules"
            wall[key].append(round(rate, 1))
            cpu[key].append(round(cpu_rate, 1))
            events[key] = n
    report = {"articles": len(docs), "words_per_article": args.words, "source": args.source,
              "articles_per_second": wall, "articles_per_cpu_second": cpu, "events": events,
              # CPU time is what one core gives; wall time also counts other processes on a shared machine
              "median_cost_of_model_percent_cpu": round(100 * (1 - median(cpu["rules+model"]) / median(cpu["rules"])), 1),
              "median_cost_of_model_percent_wall": round(100 * (1 - median(wall["rules+model"]) / median(wall["rules"])), 1)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
