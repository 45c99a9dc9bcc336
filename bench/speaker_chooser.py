"""Experiment (issue 13): a learned speaker chooser over the rules' speaker candidates, against the rules alone.

    python bench/speaker_chooser.py [--corpus ../shared/corpus/news_dev.jsonl ...] [--features base|article|names]

For every predicted figure claim that finds a gold figure, the candidates are: the rules' speaker, the outlet,
each verb or sourcing phrase of the claim's sentence, the two nearest earlier attributed sentences, the next
one (within two sentences), and the article's first named source of a known type. A candidate is right when
the scorer would accept it (`_speaker_ok`: same source type or name). A logistic regression scores candidates
from simple features (candidate kind and type, speech in the sentence, the rules' type, sentence distance and
position, agreement among candidates, the sentence's first word, quotes; `article` adds the article's source
types, `names` the candidate's first word); the best candidate replaces the rules' one when its probability is
higher by a margin. C and the margin are chosen by grouped 5-fold cross-validation on the train part (groups
are articles); the model fitted on all of train is then applied to validation once.

Prints aggregates only (gold figures with the right speaker, train out-of-fold and validation); no cases.
Measured 2026-12-07 (branch speakml): the chooser never beat the rules (docs/claims.md), so it is not in the
pipeline.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def candidates(doc: Any) -> dict[int, tuple[list[dict[str, Any]], dict[str, Any]]]:
    """Predicted claim index -> (speaker candidates, sentence facts), for the document's figure claims."""
    import rasid.extract.claims as rules

    nt = doc.claim_text
    sentences = [(s.start, s.end) for s in doc.sentences]
    outlet = doc.document.outlet
    previous = None
    atts: list[Any] = []
    for sent in sentences:
        a = rules.find_attribution(nt, sent, previous)
        if a is not None and (a.speaker.name or a.speaker.role):
            previous = a.speaker
        elif a is not None and a.stance == "affirm":
            a = None
        atts.append(a)
    named = [a for a in atts if a is not None and (a.speaker.name or a.speaker.role)]
    type_count: dict[str, int] = defaultdict(int)
    for a in named:
        type_count[a.source_type] += 1
    first = next((a for a in named if a.source_type != "unknown"), None)
    own = rules._outlet_type(nt, outlet)
    orig_spans = [nt.span(s, e) for s, e in sentences]
    out: dict[int, tuple[list[dict[str, Any]], dict[str, Any]]] = {}
    for ci, claim in enumerate(doc.claims):
        if isinstance(claim.value, str) or claim.value is None or not claim.evidence:
            continue
        start = claim.evidence[0].start
        si = next((k for k, (a, b) in enumerate(orig_spans) if a <= start <= b), None)
        if si is None:
            continue
        sent = sentences[si]
        cues = nt.cues(sent)
        cands: list[dict[str, Any]] = []

        def add(kind: str, source_type: str, name: str | None, dist: int, into: list[dict[str, Any]] = cands) -> None:
            into.append({"kind": kind, "type": source_type, "name": name, "dist": dist,
                         "art_count": type_count.get(source_type, 0)})

        add("rule", claim.source_type, claim.speaker.name or claim.speaker.role, 0)
        add("outlet", own, outlet, 0)
        for k, (_, _, cue) in enumerate(cues):
            if cue.kind in ("verb", "source"):
                a = rules._from_cue(nt, sent, cues, k, None, "affirm")
                if a.speaker.name or a.speaker.role:
                    add("same", a.source_type, a.speaker.name or a.speaker.role, 0)
        seen = 0
        for j in range(si - 1, -1, -1):
            a = atts[j]
            if a is not None and (a.speaker.name or a.speaker.role):
                add("prev", a.source_type, a.speaker.name or a.speaker.role, si - j)
                seen += 1
                if seen == 2:
                    break
        for j in range(si + 1, min(len(sentences), si + 3)):
            a = atts[j]
            if a is not None and (a.speaker.name or a.speaker.role):
                add("next", a.source_type, a.speaker.name or a.speaker.role, j - si)
                break
        if first is not None:
            add("first", first.source_type, first.speaker.name or first.speaker.role, 0)
        text = nt.norm[sent[0]:sent[1]]
        info = {"si": si, "nsent": len(sentences), "n_att": len(named), "own": own,
                "has_speech": any(c.kind in ("verb", "source") for _, _, c in cues),
                "sent_att": atts[si] is not None, "prev1": si > 0 and atts[si - 1] is not None,
                "w0": (text.split() or [""])[0], "quote": any(q in text for q in '"«“')}
        out[ci] = (cands, info)
    return out


def collect(gold: Path, corpora: list[Path]) -> list[dict[str, Any]]:
    """One row per (gold figure, predicted claim that finds it), with labelled candidates."""
    from rasid.eval.gold import load_gold
    from rasid.eval.score import _claim_hits, _d, _speaker_ok
    from rasid.eval.split import split_of
    from rasid.ingest.readers import ReadFailure, read_paths
    from rasid.pipeline import LEARNED, Pipeline

    records = [r for f in sorted(gold.glob("*.jsonl")) for r in load_gold(f)] if gold.is_dir() else load_gold(gold)
    by_id = {str(r["doc_id"]): r for r in records}
    pipe = Pipeline(disable=[LEARNED])
    rows: list[dict[str, Any]] = []
    for item in read_paths(corpora):
        if isinstance(item, ReadFailure) or item.doc_id not in by_id:
            continue
        doc = pipe.run(item)
        preds = [_d(c) for c in doc.claims]
        cands = candidates(doc)
        for gi, g in enumerate(by_id[item.doc_id].get("claims", [])):
            if isinstance(g.get("value"), str):
                continue
            full, _ = _claim_hits(g, preds)
            for i, p in enumerate(preds):
                if i not in cands or not any(p is f for f in full):
                    continue
                cs, info = cands[i]
                for c in cs:
                    c["ok"] = _speaker_ok(g, {"source_type": c["type"], "speaker": {"name": c["name"]}})
                rows.append({"doc": item.doc_id, "split": split_of(item.doc_id), "gold": gi,
                             "cands": [dict(c) for c in cs], "info": info})
    return rows


def features(row: dict[str, Any], c: dict[str, Any], kind_set: str) -> dict[str, float]:
    info, rule = row["info"], row["cands"][0]
    k, t = c["kind"], c["type"]
    f = {f"k={k}": 1.0, f"t={t}": 1.0, f"kt={k}|{t}": 1.0, f"k={k}|speech={info['has_speech']}": 1.0,
         f"k={k}|att={info['sent_att']}": 1.0, f"k={k}|rule={rule['type']}": 1.0,
         "same_as_rule": float(t == rule["type"]), "dist": min(c["dist"], 5) / 5,
         f"k={k}|first_sentence": float(info["si"] == 0), f"k={k}|pos": info["si"] / max(1, info["nsent"]),
         "agree": sum(x["type"] == t for x in row["cands"]) / len(row["cands"]),
         f"k={k}|w0={info['w0']}": 1.0, f"k={k}|quote": float(info["quote"])}
    if kind_set in ("article", "names"):
        f.update({"art_count": min(c["art_count"], 6) / 6, f"k={k}|art_frac": c["art_count"] / max(1, info["n_att"]),
                  f"k={k}|n_att": min(info["n_att"], 10) / 10, f"k={k}|prev1={info['prev1']}": 1.0,
                  f"k={k}|own={info['own']}": 1.0})
    if kind_set == "names":
        words = (c["name"] or "").split()
        if words and k != "outlet":
            f[f"k={k}|name0={words[0]}"] = 1.0
        f[f"k={k}|nwords={min(len(words), 4)}"] = 1.0
    return f


def main() -> None:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "gold")
    ap.add_argument("--corpus", type=Path, action="append")
    ap.add_argument("--features", choices=("base", "article", "names"), default="article")
    args = ap.parse_args()
    corpora = args.corpus or [SHARED / "corpus" / "news_dev.jsonl", SHARED / "corpus" / "news_more.jsonl"]
    rows = collect(args.gold, corpora)

    def fit(rs: list[dict[str, Any]], c_value: float) -> tuple[Any, Any]:
        vec = DictVectorizer()
        x = vec.fit_transform([features(r, c, args.features) for r in rs for c in r["cands"]])
        y = [c["ok"] for r in rs for c in r["cands"]]
        return LogisticRegression(C=c_value, max_iter=2000).fit(x, y), vec

    def right(rs: list[dict[str, Any]], model: Any = None, vec: Any = None, margin: float = 0.0) -> int:
        groups: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
        for r in rs:
            groups[(r["doc"], r["gold"])].append(r)
        n = 0
        for group in groups.values():
            ok = False
            for r in group:
                chosen = r["cands"][0]
                if model is not None:
                    p = model.predict_proba(vec.transform([features(r, c, args.features) for c in r["cands"]]))[:, 1]
                    best = int(np.argmax(p))
                    if p[best] - p[0] > margin:
                        chosen = r["cands"][best]
                ok = ok or chosen["ok"]
            n += ok
        return n

    train = [r for r in rows if r["split"] == "train"]
    val = [r for r in rows if r["split"] == "val"]
    docs = {d: i for i, d in enumerate(sorted({r["doc"] for r in train}))}
    n_train, n_val = len({(r["doc"], r["gold"]) for r in train}), len({(r["doc"], r["gold"]) for r in val})
    oracle_train = right([{**r, "cands": [max(r["cands"], key=lambda c: c["ok"])]} for r in train])
    oracle_val = right([{**r, "cands": [max(r["cands"], key=lambda c: c["ok"])]} for r in val])
    print(f"gold figures found: train {n_train}, validation {n_val}")
    print(f"rules: train {right(train)}, validation {right(val)}; "
          f"some candidate right: train {oracle_train}, validation {oracle_val}")
    best: tuple[int, float, float] | None = None
    for c_value in (0.1, 0.3, 1.0, 3.0):
        for margin in (0.0, 0.1, 0.2, 0.3):
            total = 0
            for a, b in GroupKFold(5).split(train, groups=[docs[r["doc"]] for r in train]):
                model, vec = fit([train[i] for i in a], c_value)
                total += right([train[i] for i in b], model, vec, margin)
            print(f"  C {c_value:g}, margin {margin:g}: train out-of-fold {total}")
            if best is None or total > best[0]:
                best = (total, c_value, margin)
    assert best is not None
    model, vec = fit(train, best[1])
    print(f"chooser ({args.features} features; C {best[1]:g}, margin {best[2]:g} chosen out-of-fold): "
          f"train out-of-fold {best[0]}, validation {right(val, model, vec, best[2])}")


if __name__ == "__main__":
    main()
