"""How many of the benchmark's "easy no" sentences report an event of their family? A blind re-judging.

    python bench/gsr_label_audit.py            # figures from eval_data/gsr_label_audit_2026-12-07.tsv
    python bench/gsr_label_audit.py --show     # print the sample to judge it again (text to the terminal only)

Issue 12 restates the sentence benchmark: a sentence is positive when it yields a reportable (asserted or
claimed) event of the family, and "easy no" (every annotator rejected) is the negative class. This draws a
fixed random sample of the "easy no" sentences that contain a word of the family (the only ones a reader
could mistake), so two coders can judge each against that definition, blind to rasid's output and to each other:
Y reports a specific event of the family that happened (asserted or claimed, not background, plan or talk),
W implies such an event without reporting it (one of "the protesters" of an unnamed protest speaks),
N does not. From the share judged Y it estimates how many "easy no" sentences are in fact positive under
the restated definition, and the precision and F1 that a reader who found exactly those events would get.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
from pathlib import Path

from rasid.eval.gsr import read_benchmark

ROOT = Path(__file__).resolve().parent.parent
JUDGMENTS = ROOT / "eval_data" / "gsr_label_audit_2026-12-07.tsv"
SEED = 20261207
SAMPLE = {"PROTEST": 60, "ASSAULT": 50}
#: Words of the family: an "easy no" sentence without one is not a sentence a reader would mistake.
FAMILY_WORDS = {
    "PROTEST": re.compile(r"تظاهر|متظاهر|مظاهر|احتجاج|محتج|اعتصام|معتص|شغب|مسير[ةه] احتجاج|إضراب|اضراب"),
    "ASSAULT": re.compile(r"قتل|مقتل|انفجار|تفجير|هجوم|هجمات|اشتباك|قصف|غارة|غارات|اغتيال|استهدف"
                          r"|اطلاق النار|إطلاق النار|مسلح"),
}


def sample(rows: list[dict[str, str]], family: str) -> tuple[list[dict[str, str]], int]:
    """The fixed sample and the number of "easy no" sentences it is drawn from."""
    pool = [r for r in rows if r["label"] == "easy no" and FAMILY_WORDS[family].search(r["text"])]
    random.Random(SEED).shuffle(pool)
    return pool[:SAMPLE[family]], len(pool)


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval of a proportion k/n (Wilson score)."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def ceiling(positives: int, mislabelled: float) -> dict[str, float]:
    """A reader that finds every "yes" and every mislabelled "easy no" (recall 1) scores this precision."""
    precision = positives / (positives + mislabelled)
    return {"precision": round(precision, 3), "f1": round(2 * precision / (1 + precision), 3)}


def kappa(first: list[str], second: list[str]) -> float:
    """Cohen's kappa of two coders' yes/no marks."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    expected = sum((first.count(v) / n) * (second.count(v) / n) for v in set(first) | set(second))
    return round((observed - expected) / (1 - expected), 3) if expected < 1 else 1.0


def _estimates(marks: list[str], pool: int, positives: int) -> dict[str, object]:
    out: dict[str, object] = {}
    n = len(marks)
    for name, accepted in (("Y", {"Y"}), ("Y_or_W", {"Y", "W"})):
        k = sum(m in accepted for m in marks)
        low, high = wilson(k, n)
        out[name] = {
            "judged": k, "share": round(k / n, 3), "share_95": [round(low, 3), round(high, 3)],
            "estimated_positive_easy_no": round(k / n * pool),
            "ceiling_at_share": ceiling(positives, k / n * pool),
            "ceiling_at_lower_bound": ceiling(positives, low * pool),
        }
    return out


def figures(bench: dict[str, list[dict[str, str]]], judged: dict[tuple[str, str], tuple[str, str]]) -> dict[str, object]:
    """Per family and coder: the share of the sample judged positive, the estimate over all such `easy no`
    sentences and the ceiling it implies; and the two coders' agreement."""
    out: dict[str, object] = {}
    for family, rows in bench.items():
        drawn, pool = sample(rows, family)
        pairs = [judged.get((family, r["id"])) for r in drawn]
        if None in pairs:
            raise SystemExit(f"{family}: {pairs.count(None)} sampled sentences have no judgment in {JUDGMENTS.name}")
        first = [p[0] for p in pairs if p is not None]
        second = [p[1] for p in pairs if p is not None]
        positives = sum(r["label"] == "yes" for r in rows)
        out[family] = {
            "easy_no_with_a_family_word": pool, "sampled": len(first), "positives_yes": positives,
            "first_coder": _estimates(first, pool, positives),
            "second_coder": _estimates(second, pool, positives),
            "kappa_Y": kappa([m == "Y" for m in first], [m == "Y" for m in second]),
            "kappa_Y_or_W": kappa([m != "N" for m in first], [m != "N" for m in second]),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmark", nargs="?", default=str(ROOT.parent / "shared" / "benchmarks" / "arabic_event_gsr"))
    parser.add_argument("--show", action="store_true", help="print the sample (index, id, text) to judge it")
    args = parser.parse_args()
    bench = read_benchmark(args.benchmark)
    if args.show:
        for family, rows in bench.items():
            for i, r in enumerate(sample(rows, family)[0]):
                print(f"{family}\t{i}\t{r['id']}\t{r['text']}")
        return
    with JUDGMENTS.open(encoding="utf-8") as handle:
        judged = {(r["family"], r["sentence_id"]): (r["judgment"], r["second"])
                  for r in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")}
    print(json.dumps(figures(bench, judged), indent=2))


if __name__ == "__main__":
    main()
