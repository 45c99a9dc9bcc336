"""Score extracted `DocResult`s against gold articles: events, fields, places, claims.

Event matching (docs/quality.md): a predicted event matches a gold event of the same event type
("type family": Battles | Explosions/Remote violence | Violence against civilians | Protests | Riots |
Strategic developments) at the same place (within 10 km; a gold event coded only to its governorate,
geo_precision 3, matches any prediction in that governorate; without coordinates on either side: the same
normalised location name, or the same admin1 when either side is coded at geo_precision 3) and, where both
dates are known, within one day. Each gold event matches at most once: pairs are taken greedily by score.
By default only reportable events (modality asserted/claimed) are scored on both sides.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from rasid.eval.vocab import admin1_key, fold
from rasid.geo.admin import haversine_km
from rasid.models import REPORTABLE

MAX_KM = 10.0
#: A second, looser radius reported for sensitivity only (gold village coordinates are approximate).
SENSITIVITY_KM = 25.0
MAX_DAYS = 1


def _d(value: Any) -> dict[str, Any]:
    if hasattr(value, "model_dump"):
        return dict(value.model_dump())
    return dict(value)


def _parse_date(value: Any) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _coords(ev: Mapping[str, Any]) -> tuple[float, float] | None:
    lat, lon = ev.get("latitude"), ev.get("longitude")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    return None


def event_distance(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> float | None:
    g, p = _coords(gold), _coords(pred)
    if g is None or p is None:
        return None
    return haversine_km(g[0], g[1], p[0], p[1])


def place_ok(gold: Mapping[str, Any], pred: Mapping[str, Any], max_km: float = MAX_KM) -> bool:
    """Within 10 km; a gold event the text places only in a governorate (geo_precision 3) also matches a
    prediction in the same governorate; without coordinates, the same name (or governorate at precision 3)."""
    ga, pa = admin1_key(gold.get("admin1")), admin1_key(pred.get("admin1"))
    dist = event_distance(gold, pred)
    if dist is not None:
        return dist <= max_km or bool(gold.get("geo_precision") == 3 and ga and ga == pa)
    gname, pname = fold(gold.get("location")), fold(pred.get("location"))
    if gname and gname == pname:
        return True
    coarse = gold.get("geo_precision") == 3 or pred.get("geo_precision") == 3
    return bool(coarse and ga and ga == pa)


def date_ok(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    g, p = _parse_date(gold.get("event_date")), _parse_date(pred.get("event_date"))
    if g is None or p is None:
        return True
    return abs((g - p).days) <= MAX_DAYS


def actor_key(name: str | None) -> str:
    """Loose actor identity: no acronym prefix ("SDF: "), no period in brackets ("(2000-2024)")."""
    if not name:
        return ""
    name = re.sub(r"\([^)]*\d{4}[^)]*\)", "", name)
    name = re.sub(r"^[A-Z][A-Za-z-]{1,6}:\s*", "", name.strip())
    return fold(name)


def _actors(ev: Mapping[str, Any]) -> set[str]:
    return {actor_key(a) for a in (ev.get("actor1"), ev.get("actor2")) if a}


def actor_error_kind(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> str:
    """What is wrong with the actor pair of a matched event (for --errors): a side missing, one too many,
    one side wrong, or neither side right."""
    ga, pa = _actors(gold), _actors(pred)
    if pa < ga:
        return "side missing"
    if ga < pa:
        return "side extra"
    if ga & pa:
        return "other side wrong"
    return "no side right"


def pair_score(gold: Mapping[str, Any], pred: Mapping[str, Any], max_km: float = MAX_KM) -> float | None:
    """None when the pair cannot match; otherwise higher = better (used to order greedy matching)."""
    if gold.get("event_type") != pred.get("event_type"):
        return None
    if not place_ok(gold, pred, max_km) or not date_ok(gold, pred):
        return None
    score = 2.0
    dist = event_distance(gold, pred)
    score += 1.0 - (dist / max_km if dist is not None else 0.5)
    score += 0.5 * (gold.get("sub_event_type") == pred.get("sub_event_type"))
    score += 0.25 * (bool(gold.get("event_date")) and gold.get("event_date") == pred.get("event_date"))
    ga, pa = _actors(gold), _actors(pred)
    if ga and pa:
        score += 0.25 * len(ga & pa) / len(ga | pa)
    return score


def match_events(gold: list[dict[str, Any]], pred: list[dict[str, Any]], max_km: float = MAX_KM) -> list[tuple[int, int]]:
    """One-to-one greedy matching by best score; deterministic (ties broken by index)."""
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = pair_score(g, p, max_km)
            if s is not None:
                candidates.append((-s, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))
    return round(ordered[idx], 2)


CALIBRATION_BINS = 10


def calibration(pairs: Iterable[tuple[float, bool]], bins: int = CALIBRATION_BINS) -> dict[str, Any]:
    """Expected calibration error of event confidences against "this predicted event matched gold".

    Equal-width bins over [0, 1] (a confidence of 1.0 falls in the last bin); ECE is the mean, weighted by
    bin size, of |share matched - mean confidence|. The bins are the reliability table of docs/quality.md.
    """
    counts = [0] * bins
    conf_sum = [0.0] * bins
    hits = [0] * bins
    for conf, matched in pairs:
        c = min(max(float(conf), 0.0), 1.0)
        b = min(int(c * bins), bins - 1)
        counts[b] += 1
        conf_sum[b] += c
        hits[b] += bool(matched)
    n = sum(counts)
    table = []
    ece = 0.0
    for b in range(bins):
        if not counts[b]:
            continue
        mean_conf, acc = conf_sum[b] / counts[b], hits[b] / counts[b]
        ece += counts[b] / n * abs(acc - mean_conf)
        table.append({"bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}", "n": counts[b],
                      "confidence": round(mean_conf, 4), "matched": round(acc, 4)})
    return {"n": n, "ece": round(ece, 4) if n else None, "bins": table}


def _spans(ev: Mapping[str, Any]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for item in ev.get("evidence") or []:
        if isinstance(item, Mapping):
            out.append((int(item["start"]), int(item["end"])))
        else:
            out.append((int(item[0]), int(item[1])))
    return out


def _evidence_text(ev: Mapping[str, Any], text: str | None) -> str:
    if text is None:
        return ""
    return " … ".join(text[s:e] for s, e in _spans(ev))


def _number_equal(a: Any, b: Any) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        la = a if isinstance(a, list) else [a]
        lb = b if isinstance(b, list) else [b]
        return len(la) == len(lb) and all(_number_equal(x, y) for x, y in zip(la, lb, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) < 1e-6
    return bool(a is not None and b is not None and fold(str(a)) == fold(str(b)))


_UNIT_CLASSES = {
    "person": "person", "people": "person", "civilian": "person", "fighter": "person", "soldier": "person",
    "killed": "person", "dead": "person", "wounded": "person", "injured": "person", "captured": "person",
    "arrested": "person", "member": "person", "child": "person", "element": "person",
    "town": "locality", "village": "locality", "locality": "locality", "settlement": "locality",
    "family": "family", "household": "family", "km2": "km2", "squarekilometre": "km2", "squarekm": "km2",
    # the same thing in the extractor's unit names (units.tsv) and the annotators' English
    "barrel": "barrel", "barrelbomb": "barrel", "rocket": "rocket", "missile": "rocket",
    "lira": "lira", "syp": "lira", "pound": "lira", "usd": "usd", "dollar": "usd",
    # one Arabic noun, two English words: "موقع" a site or a position, "سيارة" a car or a vehicle
    "site": "position", "position": "position", "car": "vehicle", "vehicle": "vehicle",
}


def _unit_key(unit: Any) -> str:
    """Unit class: counts of people of any kind compare equal (the subject says who); towns = villages."""
    key = fold(str(unit or ""))
    if key.endswith("ies") and len(key) > 4:
        key = key[:-3] + "y"
    elif key.endswith("ren"):
        key = key[:-3]
    elif key.endswith("s") and len(key) > 3:
        key = key[:-1]
    return _UNIT_CLASSES.get(key, key)


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _claim_hits(gold: Mapping[str, Any], preds: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], bool]:
    """(predicted claims that find a gold claim, whether some prediction has its value).

    A figure is found by a predicted claim with the same value, unit class and casualty category. A
    proposition (gold value in English words, predictions in Arabic) is found by a predicted proposition
    (a non-numeric value) whose evidence overlaps the gold claim's evidence, with the same stance.
    """
    gv = gold.get("value")
    if isinstance(gv, str):
        gspans = _spans(gold)
        stance = gold.get("stance") or "affirm"
        near = [c for c in preds if isinstance(c.get("value"), str) and _overlaps(gspans, _spans(c))]
        return [c for c in near if (c.get("stance") or "affirm") == stance], bool(near)
    value_hits = [c for c in preds if _number_equal(gv, c.get("value"))]
    full = [c for c in value_hits if _unit_key(c.get("unit")) == _unit_key(gold.get("unit")) and _category_ok(gold, c)]
    return full, bool(value_hits)


def _claim_label(c: Mapping[str, Any]) -> str:
    sp = c.get("speaker") or {}
    who = sp.get("name") or sp.get("role") or ""
    return (f"{c.get('subject')}={c.get('value')} {c.get('unit') or ''} [{c.get('qualifier') or 'exact'}, "
            f"{c.get('stance') or 'affirm'}] by {c.get('source_type') or 'unknown'}" + (f" ({who})" if who else ""))


def _speaker_ok(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """The same kind of source (official, activists, outlet, ...) or the same speaker name.

    Gold names are English and predicted names are Arabic text, so the source type carries most of the weight.
    """
    if (gold.get("source_type") or "unknown") == (pred.get("source_type") or "unknown"):
        return True
    gs, ps = gold.get("speaker") or {}, pred.get("speaker") or {}
    gname, pname = fold(gs.get("name")), fold(ps.get("name"))
    return bool(gname and pname and (gname == pname or gname in pname or pname in gname))


def claim_error_kind(gold: Mapping[str, Any], full: list[dict[str, Any]], value_hit: bool) -> str:
    """Why a gold claim is not found with its speaker, in one word (counted in `claims.error_kinds`):

    - `missed_value`: no predicted claim has the value (a figure not read, a proposition not found);
    - `missed_unit_or_stance`: a predicted claim has the value, not the unit class, casualty category or stance;
    - `speaker_outlet`: found, given to the outlet, where the gold names a source;
    - `speaker_not_outlet`: found, given to a source, where the gold says the outlet;
    - `speaker_type`: found, given to a source of another type (official for activists, ...).
    """
    if not full:
        return "missed_unit_or_stance" if value_hit else "missed_value"
    gold_outlet = (gold.get("source_type") or "unknown") == "outlet"
    if gold_outlet:
        return "speaker_not_outlet"
    if all((c.get("source_type") or "unknown") == "outlet" for c in full):
        return "speaker_outlet"
    return "speaker_type"


CLAIM_ERROR_KINDS = ("missed_value", "missed_unit_or_stance", "speaker_outlet", "speaker_not_outlet", "speaker_type")


CATEGORIES = frozenset({"killed", "wounded", "captured", "displaced", "surrendered"})


def _category_ok(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """A gold `category` (killed / wounded / captured ...) must agree with a predicted category subject."""
    gcat = gold.get("category")
    psub = fold(str(pred.get("subject") or ""))
    if not gcat or psub not in CATEGORIES:
        return True
    return bool(psub == gcat)


def _place_hit(gold_place: Mapping[str, Any], candidates: list[dict[str, Any]]) -> tuple[bool, float | None]:
    """(found, smallest distance in km) of a gold place among predicted place entities."""
    gkey = fold(gold_place.get("name"))
    gc = _coords(gold_place)
    found = False
    best: float | None = None
    for e in candidates:
        ec = _coords(e)
        dist = haversine_km(gc[0], gc[1], ec[0], ec[1]) if gc and ec else None
        if dist is not None:
            best = dist if best is None else min(best, dist)
        if (dist is not None and dist <= MAX_KM) or (gkey and gkey == fold(e.get("canonical"))):
            found = True
    return found, best


def _miss_reason(g: Mapping[str, Any], preds: list[dict[str, Any]]) -> str:
    same_type = [p for p in preds if p.get("event_type") == g.get("event_type")]
    if not preds:
        return "no reportable event predicted in the article"
    if not same_type:
        return "no predicted event of this type in the article"
    if not any(place_ok(g, p) for p in same_type):
        if all(_coords(p) is None and not p.get("location") for p in same_type):
            return "predicted event has no place"
        return "wrong place"
    if not any(date_ok(g, p) for p in same_type):
        return "wrong date"
    return "same-type prediction already matched to another gold event"


def _nearest(g: Mapping[str, Any], preds: list[dict[str, Any]]) -> str | None:
    """Where the closest same-type prediction was put (for --errors)."""
    best: tuple[float, str] | None = None
    for p in preds:
        if p.get("event_type") != g.get("event_type"):
            continue
        dist = event_distance(g, p)
        label = f"{p.get('location') or '?'}" + (f" ({dist:.0f} km)" if dist is not None else "")
        key = dist if dist is not None else 1e9
        if best is None or key < best[0]:
            best = (key, label)
    return best[1] if best else None


def _extra_reason(p: Mapping[str, Any], gold_excluded: list[dict[str, Any]], gold_scored: list[dict[str, Any]],
                  matched_gold: set[int]) -> str:
    if not gold_excluded and not gold_scored:
        return "article has no gold event"
    for g in gold_excluded:
        if pair_score(g, p) is not None:
            return f"gold codes this event as {g.get('modality')}"
    for gi, g in enumerate(gold_scored):
        if gi in matched_gold and pair_score(g, p) is not None:
            return "duplicate of a matched event"
    if any(g.get("event_type") == p.get("event_type") for g in gold_scored):
        return "wrong place or date for a gold event of this type"
    return "event type not in gold for this article"


def score(
    gold_records: Iterable[Mapping[str, Any]],
    results: Mapping[str, Any],
    texts: Mapping[str, str] | None = None,
    *,
    modalities: Iterable[str] | None = REPORTABLE,
) -> dict[str, Any]:
    """Figures for predicted results (doc_id -> DocResult or dict) against gold records.

    `modalities` None = all modalities on both sides. `texts` (doc_id -> text) only fills error evidence.
    """
    keep = frozenset(modalities) if modalities is not None else None
    texts = texts or {}
    tp = fp = fn = 0
    by_type: dict[str, Counter[str]] = {}
    fields: dict[str, list[bool]] = {k: [] for k in (
        "sub_event_type", "actors", "actors_any", "event_date", "fatalities", "geo_precision", "modality", "admin1")}
    distances: list[float] = []
    wrong_governorate = 0
    place_found = place_doc_found = place_total = 0
    place_dist: list[float] = []
    claim_total = claim_found = claim_value_found = speaker_ok = claim_pred_total = 0
    prop_total = prop_found = prop_pred = prop_pred_on_gold = 0
    claim_errors: list[dict[str, Any]] = []
    actor_errors: list[dict[str, Any]] = []
    place_errors: list[dict[str, Any]] = []
    misses: list[dict[str, Any]] = []
    extras: list[dict[str, Any]] = []
    kinds: Counter[str] = Counter()
    claim_kinds: Counter[str] = Counter({k: 0 for k in CLAIM_ERROR_KINDS})
    n_articles = 0
    n_gold_events = n_pred_events = 0
    failed: list[str] = []
    tp_wide = 0
    confidences: list[tuple[float, bool]] = []

    for record in gold_records:
        n_articles += 1
        doc_id = str(record["doc_id"])
        text = texts.get(doc_id)
        result = results.get(doc_id)
        res = _d(result) if result is not None else {"events": [], "entities": [], "claims": []}
        if result is None:
            failed.append(f"{doc_id}: no extraction result")
        elif res.get("errors"):
            failed.append(f"{doc_id}: {res['errors'][0]}")
        gold_all = [dict(e) for e in record.get("events", [])]
        gold = [e for e in gold_all if keep is None or e.get("modality") in keep]
        excluded = [e for e in gold_all if not (keep is None or e.get("modality") in keep)]
        pred = [_d(e) for e in res.get("events", [])]
        pred = [e for e in pred if keep is None or e.get("modality") in keep]
        n_gold_events += len(gold)
        n_pred_events += len(pred)
        pairs = match_events(gold, pred)
        tp_wide += len(match_events(gold, pred, SENSITIVITY_KM))
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        confidences.extend((float(p["confidence"]), pi in matched_p) for pi, p in enumerate(pred)
                           if p.get("confidence") is not None)
        tp += len(pairs)
        fn += len(gold) - len(pairs)
        fp += len(pred) - len(pairs)
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            by_type.setdefault(g["event_type"], Counter())["tp"] += 1
            fields["sub_event_type"].append(g.get("sub_event_type") == p.get("sub_event_type"))
            ga, pa = _actors(g), _actors(p)
            fields["actors"].append(ga == pa)
            fields["actors_any"].append(bool(ga & pa) or (not ga and not pa))
            if ga != pa:
                actor_errors.append({
                    "doc_id": doc_id, "event_type": g.get("event_type"), "sub_event_type": g.get("sub_event_type"),
                    "location": g.get("location"), "event_date": g.get("event_date"),
                    "kind": actor_error_kind(g, p),
                    "gold": [g.get("actor1"), g.get("actor2")], "predicted": [p.get("actor1"), p.get("actor2")],
                    "evidence": _evidence_text(p, text) or _evidence_text(g, text),
                })
            if g.get("event_date"):
                fields["event_date"].append(g.get("event_date") == p.get("event_date"))
            fields["fatalities"].append(int(g.get("fatalities") or 0) == int(p.get("fatalities") or 0))
            fields["geo_precision"].append(g.get("geo_precision") == p.get("geo_precision"))
            fields["modality"].append(g.get("modality") == p.get("modality"))
            if g.get("admin1"):
                same = admin1_key(g.get("admin1")) == admin1_key(p.get("admin1"))
                fields["admin1"].append(same)
                wrong_governorate += not same
            dist = event_distance(g, p)
            if dist is not None:
                distances.append(dist)
        for gi, g in enumerate(gold):
            if gi in matched_g:
                continue
            by_type.setdefault(g["event_type"], Counter())["fn"] += 1
            reason = _miss_reason(g, pred)
            kinds[f"missed: {reason}"] += 1
            misses.append({
                "doc_id": doc_id, "event_type": g.get("event_type"), "sub_event_type": g.get("sub_event_type"),
                "location": g.get("location"), "event_date": g.get("event_date"), "modality": g.get("modality"),
                "reason": reason, "nearest_prediction": _nearest(g, pred), "evidence": _evidence_text(g, text),
            })
        for pi, p in enumerate(pred):
            if pi in matched_p:
                continue
            by_type.setdefault(p["event_type"], Counter())["fp"] += 1
            reason = _extra_reason(p, excluded, gold, matched_g)
            kinds[f"extra: {reason}"] += 1
            extras.append({
                "doc_id": doc_id, "event_type": p.get("event_type"), "sub_event_type": p.get("sub_event_type"),
                "location": p.get("location"), "event_date": p.get("event_date"), "modality": p.get("modality"),
                "reason": reason, "evidence": _evidence_text(p, text),
            })

        # places: a gold place mention is found when a predicted place entity overlapping its span resolves
        # within 10 km (or to the same name); `doc_recall` also accepts such an entity anywhere in the article
        ents = [_d(e) for e in res.get("entities", [])]
        pred_places = [e for e in ents if e.get("kind") == "place"]
        for gp in record.get("places", []):
            place_total += 1
            overlapping = [e for e in pred_places if e["start"] < gp["end"] and gp["start"] < e["end"]]
            hit, best = _place_hit(gp, overlapping)
            place_found += hit
            elsewhere = not hit and _place_hit(gp, pred_places)[0]
            place_doc_found += hit or elsewhere
            if best is not None:
                place_dist.append(best)
            if not hit:
                place_errors.append({
                    "doc_id": doc_id, "gold": gp.get("name"), "text": (text or "")[gp["start"]:gp["end"]],
                    "predicted": [f"{e.get('canonical')} ({e.get('text')})" for e in overlapping],
                    "distance_km": round(best, 1) if best is not None else None,
                    "kind": "found elsewhere in the article" if elsewhere else
                    ("resolved to another place" if overlapping else "no place entity on its words"),
                })

        # claims: recall on unit + value; speaker accuracy on found claims
        pclaims = [_d(c) for c in res.get("claims", [])]
        claim_pred_total += len(pclaims)
        # predicted propositions over a gold proposition's words (the gold lists the main claims only, so
        # this is a lower bound of their precision)
        gold_prop_spans = [sp for g in record.get("claims", []) if isinstance(g.get("value"), str) for sp in _spans(g)]
        for c in pclaims:
            if isinstance(c.get("value"), str):
                prop_pred += 1
                prop_pred_on_gold += _overlaps(gold_prop_spans, _spans(c))
        for gc_ in record.get("claims", []):
            claim_total += 1
            proposition = isinstance(gc_.get("value"), str)
            prop_total += proposition
            full, value_hit = _claim_hits(gc_, pclaims)
            claim_value_found += value_hit
            said_ok = any(_speaker_ok(gc_, c) for c in full)
            if full:
                claim_found += 1
                prop_found += proposition
                speaker_ok += said_ok
            if not full or not said_ok:
                gspans = _spans(gc_)
                nearby = [c for c in pclaims if _overlaps(gspans, _spans(c))]
                why = claim_error_kind(gc_, full, value_hit)
                claim_kinds[why] += 1
                claim_errors.append({
                    "doc_id": doc_id, "kind": "speaker" if full else "missed", "why": why,
                    "gold": _claim_label(gc_), "evidence": _evidence_text(gc_, text),
                    "predicted": [_claim_label(c) for c in (full or nearby)],
                })

    per_type: dict[str, dict[str, Any]] = {}
    for t, c in sorted(by_type.items()):
        per_type[t] = dict(prf(c["tp"], c["fp"], c["fn"]))
        per_type[t]["extra_per_article"] = _ratio(c["fp"], n_articles)
    field_acc = {k: {"accuracy": _ratio(sum(v), len(v)), "n": len(v)} for k, v in fields.items()}
    out: dict[str, Any] = {
        "articles": n_articles,
        "modalities": sorted(keep) if keep is not None else "all",
        "events": prf(tp, fp, fn),
        "events_by_type": per_type,
        "events_within_25km": prf(tp_wide, n_pred_events - tp_wide, n_gold_events - tp_wide),
        "gold_events_per_article": _ratio(n_gold_events, n_articles),
        "predicted_events_per_article": _ratio(n_pred_events, n_articles),
        "extra_events_per_article": _ratio(fp, n_articles),
        "fields": field_acc,
        "event_distance_km": {
            "n": len(distances), "median": round(statistics.median(distances), 2) if distances else None,
            "p90": _quantile(distances, 0.9),
        },
        "wrong_governorate": wrong_governorate,
        "places": {
            "gold": place_total, "found": place_found, "recall": _ratio(place_found, place_total),
            "doc_recall": _ratio(place_doc_found, place_total),
            "distance_km": {"n": len(place_dist),
                            "median": round(statistics.median(place_dist), 2) if place_dist else None,
                            "p90": _quantile(place_dist, 0.9)},
        },
        "claims": {
            "gold": claim_total, "predicted": claim_pred_total,
            "recall": _ratio(claim_found, claim_total),
            "value_recall": _ratio(claim_value_found, claim_total),
            "speaker_accuracy": _ratio(speaker_ok, claim_found),
            "error_kinds": dict(claim_kinds),
            "propositions": {"gold": prop_total, "found": prop_found, "recall": _ratio(prop_found, prop_total),
                             "predicted": prop_pred, "predicted_on_gold": prop_pred_on_gold,
                             "precision_on_gold": _ratio(prop_pred_on_gold, prop_pred)},
        },
        "calibration": calibration(confidences),
        "error_kinds": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        "extraction_failures": len(failed),
    }
    out["_failures"] = failed
    out["_misses"] = misses
    out["_extras"] = extras
    out["_claim_errors"] = claim_errors
    out["_actor_errors"] = actor_errors
    out["_place_errors"] = place_errors
    return out
