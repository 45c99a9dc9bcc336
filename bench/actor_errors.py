"""Actor pairs of matched events: what is wrong, per case on the TRAIN part only (issue 12).

    PYTHONPATH=$PWD python bench/actor_errors.py gold/ --corpus ../shared/corpus/news_dev.jsonl \
        --corpus ../shared/corpus/news_more.jsonl [--predictions extract.jsonl] [--no-model] [--counts-only]
        [--split train|val|all]

Extraction runs as `rasid eval` runs it (rules, then the bundled learned layer, cross-fitted; `--no-model`
for the rules alone), or a saved `rasid extract --format jsonl` file is read with `--predictions`. Events are
matched to the gold as `rasid eval` matches them, and actor names are compared as it compares them
(rasid.eval.score.actor_key: no acronym, no period). Each matched event whose pair differs gets one kind:

- actor1 missing / actor1 is gold's actor2 (the sides swapped or the target taken for the attacker) /
  actor1 wrong (a side the gold does not name);
- actor1 right and then: actor2 missing, actor2 extra (gold has one side), civilians for a group, a group
  for the civilians, another group;

and whether the gold names each actor that the prediction lacks anywhere in the article's actor entities
("not named": an alias missing from the lexicon, or an actor the text only implies). For the train part each
case is printed with both pairs and the evidence (to the terminal, never into the repository); both parts
get the counts, the validation part nothing else. Each part's counts also say what the gold sides that the
prediction lacks are ("lacking"): the unidentified armed group, the civilians, an actor the article's actor
entities name, or one they do not name. `--split val` prints the validation part's counts alone (never a
case); `--split train` the train part's cases and counts.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping
from typing import Any

from matched_events import add_arguments, load, matched, print_figures

from rasid.eval.score import _d, _evidence_text, actor_key
from rasid.eval.split import split_of


def _civ(name: str | None) -> bool:
    return bool(name) and str(name).startswith("Civilians")


def error_kind(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> str | None:
    """None when the pairs agree (as sets of actor keys); otherwise the kind of the difference."""
    g1, g2 = actor_key(gold.get("actor1")), actor_key(gold.get("actor2"))
    p1, p2 = actor_key(pred.get("actor1")), actor_key(pred.get("actor2"))
    gs, ps = {k for k in (g1, g2) if k}, {k for k in (p1, p2) if k}
    if gs == ps:
        return None
    if not p1:
        return "actor1 missing"
    if p1 not in gs:
        return "actor1 wrong"
    if p1 == g2 and g1:
        # predicted actor1 is the gold's second side: is the predicted actor2 the gold's first?
        if p2 and p2 != g1:
            return "actor1 is gold's actor2, actor2 wrong"
        if not p2:
            return "actor1 is gold's actor2, actor2 missing"
    other_gold = g2 if p1 == g1 else g1
    other_gold_name = gold.get("actor2") if p1 == g1 else gold.get("actor1")
    if not p2:
        return "actor2 missing" + (" (civilians)" if _civ(other_gold_name) else " (group)")
    if not other_gold:
        return "actor2 extra" + (" (civilians)" if _civ(pred.get("actor2")) else " (group)")
    if _civ(pred.get("actor2")) and not _civ(other_gold_name):
        return "actor2 civilians for a group"
    if not _civ(pred.get("actor2")) and _civ(other_gold_name):
        return "actor2 a group for the civilians"
    return "actor2 another group"


def named_keys(result: Any) -> set[str]:
    """Actor keys of the article's actor entities (what the lexicon found in the text)."""
    return {actor_key(e.get("canonical")) for e in (_d(x) for x in _d(result).get("entities", []))
            if e.get("kind") == "actor" and e.get("canonical")}


def lacking_kind(name: str, named: set[str]) -> str:
    """What a gold side that the prediction lacks is: the unidentified armed group, the civilians, or an actor
    that the article's actor entities (`named`, actor keys) name or not."""
    if name.startswith("Unidentified Armed Group"):
        return "unidentified armed group"
    if _civ(name):
        return "civilians"
    return "an actor the article names" if actor_key(name) in named else "an actor the article does not name"


def _note(f: Mapping[str, Any]) -> str:
    lines = []
    if f.get("gold actor not named in the article"):
        lines.append(f"({f['gold actor not named in the article']} with a gold actor the article's actor entities lack)")
    if f.get("lacking"):
        lines.append("gold sides lacking: " + ", ".join(f"{k} {n}" for k, n in f["lacking"].items()))
    return "\n    ".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    add_arguments(ap)
    ap.add_argument("--counts-only", action="store_true", help="counts only, no train cases")
    ap.add_argument("--split", choices=("train", "val", "all"), default="all",
                    help="the part(s) to report: val is counts only (default: both)")
    args = ap.parse_args(argv)
    records, texts, results = load(args)
    figures: dict[str, Any] = {}
    for part in (("train", "val") if args.split == "all" else (args.split,)):
        kinds: Counter[str] = Counter()
        unnamed: Counter[str] = Counter()
        lacks: Counter[str] = Counter()
        n = 0
        for m in matched(records, texts, results, part):
            n += 1
            g, p = m.gold, m.pred
            kind = error_kind(g, p)
            if kind is None:
                continue
            kinds[kind] += 1
            named = named_keys(results.get(m.doc_id))
            lacking = [a for a in (g.get("actor1"), g.get("actor2")) if a and actor_key(a) not in
                       {actor_key(p.get("actor1")), actor_key(p.get("actor2"))}]
            not_named = [a for a in lacking if not _civ(a) and actor_key(a) not in named]
            lacks.update(lacking_kind(a, named) for a in lacking)
            if not_named:
                unnamed["gold actor not named in the article"] += 1
            if part != "train" or split_of(m.doc_id) != "train" or args.counts_only or args.json:
                continue
            print(f"- {m.doc_id} {g.get('event_type')} / {g.get('sub_event_type')} at {g.get('location')}: {kind}"
                  + (f"  [not named: {', '.join(not_named)}]" if not_named else ""))
            print(f"    gold: {g.get('actor1')} | {g.get('actor2') or '-'}"
                  + (f"  (assoc {g.get('assoc_actor_1')} | {g.get('assoc_actor_2')})"
                     if g.get("assoc_actor_1") or g.get("assoc_actor_2") else ""))
            print(f"    pred: {p.get('actor1') or '-'} | {p.get('actor2') or '-'}")
            gt, pt = _evidence_text(g, m.text), _evidence_text(p, m.text)
            print(f"    gold text: {gt[:400]}")
            if pt != gt:
                print(f"    pred text: {pt[:400]}")
        wrong = sum(kinds.values())
        figures[part] = {"matched": n, "right": n - wrong, "accuracy": round((n - wrong) / n, 4) if n else None,
                         "kinds": dict(kinds.most_common()), "lacking": dict(lacks.most_common()), **dict(unnamed)}
    print_figures(figures, "actor pair", "kinds", args.json, note=_note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
