"""Print the figures tables of docs/quality.md from `rasid eval --format json` output.

Usage (from the repository root):

    rasid eval gold/ --corpus ../shared/corpus/news_dev.jsonl --gsr ../shared/benchmarks/arabic_event_gsr \\
        --format json > /tmp/eval.json
    python bench/eval_report.py /tmp/eval.json [/tmp/eval_all.json]

The second, optional file is the same command with `--all-modalities`. The train and validation parts
are shown side by side (aggregates only), with the reliability table of `confidence` on validation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rasid.eval.run import format_value


def f(value: Any) -> str:
    return format_value(value, 2)


def gold_tables(gold: dict[str, Any], label: str) -> list[str]:
    ev = gold["events"]
    out = [
        f"**Events ({label})**: precision {f(ev['precision'])}, recall {f(ev['recall'])}, F1 {f(ev['f1'])} "
        f"(tp {ev['tp']}, fp {ev['fp']}, fn {ev['fn']}); gold events per article {f(gold['gold_events_per_article'])}, "
        f"predicted {f(gold['predicted_events_per_article'])}, **extra events per article "
        f"{f(gold['extra_events_per_article'])}**.",
        "",
        f"Sensitivity to the place window (gold village coordinates are approximate): with 25 km instead of 10 km, "
        f"precision {f(gold['events_within_25km']['precision'])}, recall {f(gold['events_within_25km']['recall'])}, "
        f"F1 {f(gold['events_within_25km']['f1'])}.",
        "",
        "| event_type | precision | recall | F1 | tp | fp | fn | extra per article |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for etype, s in gold["events_by_type"].items():
        out.append(f"| {etype} | {f(s['precision'])} | {f(s['recall'])} | {f(s['f1'])} | {s['tp']} | {s['fp']} | {s['fn']} | "
                   f"{f(s.get('extra_per_article'))} |")
    return out


def split_table(gold: dict[str, Any]) -> list[str]:
    """Train and validation parts side by side (aggregate figures only)."""
    parts = gold.get("by_split") or {}
    if not parts:
        return []
    out = ["| part | articles | precision | recall | F1 | extra per article | actor pair | modality | ECE |",
           "|---|---|---|---|---|---|---|---|---|"]
    for name, s in parts.items():
        ev = s["events"]
        out.append(f"| {name} | {s['articles']} | {f(ev['precision'])} | {f(ev['recall'])} | {f(ev['f1'])} | "
                   f"{f(s['extra_events_per_article'])} | {f(s['fields']['actors']['accuracy'])} | "
                   f"{f(s['fields']['modality']['accuracy'])} | {f(s['calibration']['ece'])} |")
    return out


def reliability_table(calibration: dict[str, Any], label: str) -> list[str]:
    out = [f"Reliability of `confidence` ({label}; {calibration['n']} predicted asserted/claimed events; "
           f"ECE {f(calibration['ece'])}):", "",
           "| confidence bin | events | mean confidence | share matched |", "|---|---|---|---|"]
    for b in calibration["bins"]:
        out.append(f"| {b['bin']} | {b['n']} | {f(b['confidence'])} | {f(b['matched'])} |")
    return out


def main(argv: list[str]) -> int:
    data = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    lines: list[str] = []
    gold = data.get("gold")
    if gold:
        lines += split_table(gold) + [""]
        if "val" in (gold.get("by_split") or {}):
            lines += reliability_table(gold["by_split"]["val"]["calibration"], "validation part") + [""]
        lines += gold_tables(gold, "asserted + claimed")
        if len(argv) > 2:
            lines += [""] + gold_tables(json.loads(Path(argv[2]).read_text(encoding="utf-8"))["gold"], "all modalities")
        lines += ["", "| field (matched events) | accuracy | n |", "|---|---|---|"]
        for name, s in gold["fields"].items():
            lines.append(f"| {name} | {f(s['accuracy'])} | {s['n']} |")
        d, pl, cl = gold["event_distance_km"], gold["places"], gold["claims"]
        lines += [
            "",
            f"- Event location error: median {f(d['median'])} km, p90 {f(d['p90'])} km (n={d['n']}); "
            f"matched events in the wrong governorate: {gold['wrong_governorate']}.",
            f"- Places: recall {f(pl['recall'])} ({pl['found']}/{pl['gold']} gold place mentions resolved within 10 km "
            f"at their span; {f(pl['doc_recall'])} anywhere in the article); distance error median "
            f"{f(pl['distance_km']['median'])} km, p90 {f(pl['distance_km']['p90'])} km.",
            f"- Claims: recall {f(cl['recall'])} of {cl['gold']} gold claims (value + unit class + category; "
            f"value only {f(cl['value_recall'])}); speaker accuracy {f(cl['speaker_accuracy'])}; "
            f"{cl['predicted']} claims predicted.",
            "",
            "| error kind | count |",
            "|---|---|",
        ]
        for kind, n in sorted(gold["error_kinds"].items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"| {kind} | {n} |")
    gsr = data.get("gsr")
    if gsr:
        lines += ["", "| benchmark family | scoring | precision | recall | F1 | tp | fp | fn | FP rate on 'difficult no' |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for family in ("ASSAULT", "PROTEST"):
            for mode in ("restated", "default", "all_modalities"):
                s = gsr[family][mode]
                lines.append(f"| {family} | {mode} | {f(s['precision'])} | {f(s['recall'])} | {f(s['f1'])} | {s['tp']} | "
                             f"{s['fp']} | {s['fn']} | {f(s['false_positive_rate_difficult_no'])} |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
