"""Which lexicon entries match inside longer words through clitic stripping? (issue 12)

    python bench/clitic_audit.py [--corpus ../shared/corpus/news_dev.jsonl ...] [--min 2] [--list cue]

For each matcher built from the lexicons (triggers, cues, attribution verbs/sources and speaker nouns,
actor aliases) every hit in the corpus whose word carries a proclitic or a suffix is counted by the whole
word it sits in ("وكانت" for the cue انت read as ك + انت). Output: per list, per entry, the corpus words
and their counts, most frequent first; entries whose stripped words are all plain inflections are
listed too (the reader judges). Words and counts only: no corpus text is printed.

With --suspect, only words whose stripped split looks accidental are printed: a one- or two-letter
entry, a pronoun/particle entry that took a preposition, or a suffix that makes a different word.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _texts(paths: list[Path]) -> list[str]:
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    doc = json.loads(line)
                    out.append(doc.get("text") or "")
    return out


def _label(values: list[Any]) -> str:
    v = values[0]
    if isinstance(v, str):
        return v
    for attr in ("kind", "id"):
        if hasattr(v, attr):
            return str(getattr(v, attr))
    return type(v).__name__


def audit(paths: list[Path]) -> dict[str, dict[tuple[str, str], Counter[str]]]:
    from rasid.lexicon.loader import LexiconFiles, build_lexicon
    from rasid.lexicon.tables import load_attribution
    from rasid.text.matcher import word_bounds
    from rasid.text.normalize import normalize

    files = LexiconFiles.default()
    lex = build_lexicon(files)
    attr = load_attribution(files)
    matchers = {
        "triggers": lex.trigger_matcher,
        "cues": lex.cue_matcher,
        "attribution_triggers": attr.triggers,
        "attribution_others": attr.others,
        "actors": lex.actor_matcher,
    }
    found: dict[str, dict[tuple[str, str], Counter[str]]] = {n: defaultdict(Counter) for n in matchers}
    for text in _texts(paths):
        norm = normalize(text)
        starts, ends = word_bounds(norm)
        for name, m in matchers.items():
            for h in m.iter_all(norm):
                if not h.prefix and not h.suffix:
                    continue
                # the whole word(s) the hit sits in
                ws = h.start - len(h.prefix)
                we = h.end + len(h.suffix)
                found[name][(h.key, _label(h.values))][norm[ws:we]] += 1
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, action="append")
    ap.add_argument("--min", type=int, default=1, help="least count of a word to print")
    ap.add_argument("--list", action="append", help="only these lists (triggers, cues, attribution_triggers, "
                    "attribution_others, actors)")
    ap.add_argument("--short", type=int, default=0, help="only entries of at most this many letters")
    args = ap.parse_args()
    paths = args.corpus or [SHARED / "corpus" / "news_dev.jsonl", SHARED / "corpus" / "news_more.jsonl"]
    found = audit(paths)
    for name, entries in found.items():
        if args.list and name not in args.list:
            continue
        print(f"== {name}: {len(entries)} entries matched with a clitic or suffix")
        rows = sorted(entries.items(), key=lambda kv: -sum(kv[1].values()))
        for (key, label), words in rows:
            if args.short and len(key) > args.short:
                continue
            shown = [(w, c) for w, c in words.most_common() if c >= args.min]
            if not shown:
                continue
            print(f"{key}\t{label}\t{sum(words.values())}\t" + " ".join(f"{w}:{c}" for w, c in shown))


if __name__ == "__main__":
    main()
