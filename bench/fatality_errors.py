"""Fatalities of matched events: gold vs predicted, per case on the TRAIN part only (issue 12).

    PYTHONPATH=$PWD python bench/fatality_errors.py gold/ --corpus ../shared/corpus/news_dev.jsonl \
        --corpus ../shared/corpus/news_more.jsonl [--predictions extract.jsonl] [--kinds-only]

Extraction runs as `rasid eval` runs it (rules, then the bundled learned layer, cross-fitted), or a saved
`rasid extract --format jsonl` file is read with `--predictions`. Events are matched to the gold as `rasid
eval` matches them. For the train part each matched event whose fatalities differ is printed with the gold
and predicted figures and both evidence texts (to the terminal, never into the repository), and the errors
are counted by kind; the validation part gets the accuracy and the counts of its kinds only, never a case.

The kinds are read from the numbers and the words of the evidence (a first sorting for a person to check,
not a judgement): the direction of the error (deaths where the gold has none, none where it has some, too
many, too few) and the cue that most likely explains it (a wounded word, a running total, a vague number
word, an execution, a figure shared by several events).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from typing import Any

from matched_events import add_arguments, load, matched, print_figures

from rasid.eval.score import _evidence_text
from rasid.eval.split import split_of
from rasid.text.normalize import normalize

_WOUNDED = re.compile(r"اصاب|جرح|جريح")
_TOTAL = re.compile(r"حصيل|ارتفع|ليرتفع|اجمالي|منذ|خلال|حتى الان|يرتفع")
_VAGUE = re.compile(r"عشرات|العشرات|مئات|المئات|عدد من|عده|بضع|اكثر من|نحو|حوالي")
_EXECUTION = re.compile(r"اعدم|اعدام|ذبح|نحر|قطع راس")
_ATTACKER = re.compile(r"انتحاري|منفذ|المهاجم|فجر نفسه")


def kind_of(gold: int, pred: int, gold_text: str, pred_text: str, shared: bool) -> str:
    """A first sorting of one fatalities error by its direction and the cue in the evidence."""
    text = normalize(gold_text + " " + pred_text)
    if gold == 0 and pred > 0:
        direction = "deaths where gold has none"
    elif pred == 0:
        direction = "none where gold has deaths"
    elif pred > gold:
        direction = "too many"
    else:
        direction = "too few"
    if shared:
        cue = "figure shared by several events"
    elif _EXECUTION.search(text):
        cue = "execution"
    elif pred in (10, 12, 100) or gold in (10, 12, 100) or (_VAGUE.search(text) and gold > 0 and pred > 0):
        cue = "vague or qualified number"
    elif _TOTAL.search(text) and pred > gold:
        cue = "running or period total"
    elif _WOUNDED.search(text) and pred > gold:
        cue = "wounded in the sentence"
    elif _ATTACKER.search(text):
        cue = "attacker"
    else:
        cue = "other"
    return f"{direction}: {cue}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_arguments(ap)
    ap.add_argument("--kinds-only", action="store_true", help="counts only, no train cases")
    args = ap.parse_args(argv)
    records, texts, results = load(args)
    figures: dict[str, Any] = {}
    for part in ("train", "val"):
        right = total = 0
        kinds: Counter[str] = Counter()
        for m in matched(records, texts, results, part):
            g, p = m.gold, m.pred
            gf, pf = int(g.get("fatalities") or 0), int(p.get("fatalities") or 0)
            total += 1
            if gf == pf:
                right += 1
                continue
            gt, pt = _evidence_text(g, m.text), _evidence_text(p, m.text)
            shared = sum(1 for e in m.gold_events if (e.get("fatalities") or 0) and e is not g
                         and any(s in e.get("evidence", []) for s in g.get("evidence", []))) > 0
            kind = kind_of(gf, pf, gt, pt, shared)
            kinds[kind] += 1
            if part == "train" and split_of(m.doc_id) == "train" and not args.kinds_only and not args.json:
                print(f"{m.doc_id} {g.get('event_type')} / {g.get('location')} {g.get('event_date')}: "
                      f"gold {gf}, predicted {pf}  [{kind}]")
                print(f"    gold: {gt[:400]}")
                if pt != gt:
                    print(f"    pred: {pt[:400]}")
        figures[part] = {"matched": total, "right": right,
                         "accuracy": round(right / total, 4) if total else None, "kinds": dict(kinds.most_common())}
    print_figures(figures, "fatalities", "kinds", args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
