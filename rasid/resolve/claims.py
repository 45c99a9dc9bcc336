"""Claims board: claims grouped across outlets by what they are about, with conflicts and their reasons.

Grouping. A group is (subject key, unit, anchor, actors, time), where the anchor says what the claim is
about:
- a casualty-style count (killed, wounded, captured, a counted noun) tied to a dated resolved event:
  `event:<id>` (every outlet's toll for one attack side by side); tied to an undated event: the event's
  sub-event type and place (`place:Suicide bomb|baghdad`) and, inside it, compatible actors, so undated
  reports of one incident still meet (and so may undated reports of two incidents: their conflicts are
  flagged as undated, for an analyst to check);
- situation figures (area held, people displaced, fighters surrendered), propositions (negotiations,
  truce, agreement, control, withdrawal, weapon use, responsibility) and dated counts tied to no event: the
  governorate of the tied event, else of the article's events (`admin1:<name>`), so the area a group holds is
  followed over time (an undated count tied to no event says too little to be compared: it stays with its story);
- else, and always for statements (what a speaker says, about anything), the story (`story:<key>`: an
  article and its copies).
Figures keep one group per anchor and follow it over time. Propositions also split by actors (the tied
event's, else the article's: two non-empty sets with no actor in common never share a group) and by time:
dated claims chain while consecutive dates are at most `window_days` apart; undated ones join the only
dated chain, or form a group of their own.

Dates. The claim's date (from the sentence or publication), else the article's publication date, else
another copy's publication date, else the tied event's date, else the latest date among the article's own
events (the dates in the text). `date_source` says which.

Copies. Claims of copies of one story are one voice: a group lists each (story, value, stance) once with
its `copies`, `n_stories` counts independent stories, and claims are only compared across stories.

Conflicts (each recorded in `reasons` with its kind, the claims involved and the gap in days):
- `stances_oppose`: one story affirms what another denies or rejects ("talks took place" / "denies talks"
  / "rejected a request for talks"); speculation opposes nothing;
- `values_differ`: two figures that cannot both be true (rounding and qualifiers allowed for, see
  `interval`) dated at most `window_days` apart;
- `values_differ_undated`: the same without a date on one side: still flagged, and said to be undated;
- `changes_over_time` (not a conflict): figures that differ between dates further apart, listed in order.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from rasid.resolve.events import family_of, norm_name
from rasid.text.normalize import normalize

ClaimRow = dict[str, Any]

#: how many days apart two reports can be and still describe the same moment (CLI: --window-days)
DEFAULT_WINDOW_DAYS = 3
#: figures about a situation that lasts (followed over time in a governorate), not about one incident
SITUATION_SUBJECTS = frozenset({"area", "displaced", "surrendered"})
#: non-numeric claims with a stance
PROPOSITIONS = frozenset({"negotiations", "truce", "agreement", "control", "withdrawal", "weapon_use",
                          "responsibility"})
#: free-form claims ("statement": what a speaker says, about anything): compared only within their story
STORY_SUBJECTS = frozenset({"statement"})
OPPOSING = frozenset({"deny", "reject"})
_PAST = {"deny": "denied", "reject": "rejected"}

_PUNCT = re.compile(r"[\"'«»“”()\[\]،,.:;!?؟]+")


def subject_key(subject: str) -> str:
    """Grouping key: normalised Arabic, ASCII lower case, no punctuation, single spaces."""
    return " ".join(_PUNCT.sub(" ", normalize(subject)).split())[:255]


def granularity(value: float) -> float:
    """The rounding step a reported number most likely carries (500 -> 100, 520 -> 10, 12.5 -> 0.1)."""
    if value == 0:
        return 1.0
    if value != int(value):
        return 0.1
    v, step = abs(int(value)), 1
    while v % (step * 10) == 0:
        step *= 10
    return float(step)


def interval(value: Any, qualifier: str) -> tuple[float, float] | None:
    """The range of true values a claim allows, or None for non-numeric claims."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, list | tuple):
        nums = [float(v) for v in value if isinstance(v, int | float) and not isinstance(v, bool)]
        if not nums:
            return None
        lo, hi = min(nums), max(nums)
        pad = granularity(hi) / 2 if qualifier == "exact" else 0.1 * hi
        return lo - pad, hi + pad
    if not isinstance(value, int | float):
        return None
    v = float(value)
    g = granularity(v) / 2
    if qualifier in ("more_than", "at_least"):
        return v - g, math.inf
    if qualifier in ("up_to", "less_than"):
        return -math.inf, v + g
    if qualifier == "about":
        pad = max(g, 0.1 * abs(v))
        return v - pad, v + pad
    return v - g, v + g


def _day(value: Any) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


_DATE_SOURCES = (("claim", "claim_date"), ("published", "published"), ("copy", "story_published"),
                 ("event", "event_date"), ("text", "doc_date"))


def claim_date(row: ClaimRow) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, where it came from) of a claim row, or (None, None) when nothing dates it."""
    for source, key in _DATE_SOURCES:
        if _day(row.get(key)) is not None:
            return str(row[key])[:10], source
    return None, None


def _speaker(row: ClaimRow) -> str | None:
    sp = row.get("speaker") or {}
    parts = [sp.get("name"), sp.get("role"), sp.get("affiliation")]
    text = ", ".join(p for p in parts if p)
    return text or (row.get("source_type") if row.get("source_type") not in (None, "unknown") else None)


def _anchor(row: ClaimRow, numeric: bool, dated: bool) -> str:
    if row.get("anchor") is not None:
        return str(row["anchor"])
    if row["subject_key"] in STORY_SUBJECTS and row.get("story"):
        return f"story:{row['story']}"
    incident = numeric and row["subject_key"] not in SITUATION_SUBJECTS
    if incident and row.get("event_key"):
        place = norm_name(row.get("event_location") or row.get("event_admin1"))
        if _day(row.get("event_date")) is None and place:
            kind = row.get("sub_event_type") or family_of(row.get("event_type"))
            return f"place:{kind}|{place}"
        return f"event:{row['event_key']}"
    admin1 = row.get("event_admin1") or row.get("doc_admin1")
    if incident and not dated:
        admin1 = None  # an undated toll tied to no event: nothing says which incident of the governorate
    if admin1:
        return f"admin1:{admin1}"
    if row.get("story"):
        return f"story:{row['story']}"
    return ""


def _actors(row: ClaimRow) -> frozenset[str]:
    names = row.get("event_actors") if row.get("event_key") else row.get("doc_actors")
    return frozenset(norm_name(a) for a in names or () if a)


class _Claim:
    """One claim row with what grouping needs, computed once."""

    __slots__ = ("row", "numeric", "iv", "day", "date", "date_source", "story", "anchor", "actors")

    def __init__(self, row: ClaimRow) -> None:
        self.row = row
        self.iv = interval(row.get("value"), row.get("qualifier") or "exact")
        self.numeric = self.iv is not None
        self.date, self.date_source = claim_date(row)
        self.day = _day(self.date)
        self.story = row.get("story") or f"doc:{row['doc_id']}"
        self.anchor = _anchor(row, self.numeric, self.day is not None)
        self.actors = _actors(row)

    @property
    def who(self) -> str:
        return str(self.row.get("outlet") or self.row["doc_id"])


def _split_by_actors(members: list[_Claim]) -> list[list[_Claim]]:
    """Greedy complete linkage: a claim joins the first group whose every member's actors it can share."""
    groups: list[list[_Claim]] = []
    for c in members:
        for g in groups:
            if all(not c.actors or not o.actors or c.actors & o.actors for o in g):
                g.append(c)
                break
        else:
            groups.append([c])
    return groups


def _split_by_time(members: list[_Claim], window_days: int) -> list[list[_Claim]]:
    """Dated claims chain while consecutive dates are within the window; undated ones join the only chain."""
    dated = sorted((c for c in members if c.day is not None), key=lambda c: c.day or 0)
    undated = [c for c in members if c.day is None]
    chains: list[list[_Claim]] = []
    for c in dated:
        if chains and (c.day or 0) - (chains[-1][-1].day or 0) <= window_days:
            chains[-1].append(c)
        else:
            chains.append([c])
    if undated:
        if len(chains) == 1:
            chains[0].extend(undated)
        else:
            chains.append(undated)
    return chains


def group_claims(rows: Iterable[ClaimRow], *, window_days: int = DEFAULT_WINDOW_DAYS) -> list[dict[str, Any]]:
    """The board's groups. Rows carry the `claims` columns plus doc_id, outlet, published and, when known,
    story, story_published, event_key, event_date, event_type, event_location, event_admin1, event_actors,
    doc_admin1, doc_actors and doc_date (see the module docstring); a row's `anchor` overrides its anchor."""
    buckets: dict[tuple[str, str, str, bool], list[_Claim]] = defaultdict(list)
    for row in rows:
        c = _Claim(row)
        proposition = not c.numeric
        buckets[(row["subject_key"], row.get("unit") or "", c.anchor, proposition)].append(c)
    out: list[dict[str, Any]] = []
    for (_key, unit, anchor, proposition), members in sorted(buckets.items()):
        members.sort(key=lambda c: (c.date or "9999", c.row["doc_id"], c.row["idx"]))
        if not proposition and not anchor.startswith("place:"):
            out.append(_group(members, unit, anchor, window_days))  # one figure per place, over time
            continue
        if not proposition:  # undated incidents at one place: only those with the same actors meet
            out.extend(_group(part, unit, anchor, window_days) for part in _split_by_actors(members))
            continue
        for part in _split_by_actors(members):
            for chunk in _split_by_time(part, window_days):
                out.append(_group(chunk, unit, anchor, window_days))
    out.sort(key=lambda g: (not g["conflict"], -g["n_stories"], -g["n_articles"], g["subject"], g["about"]["anchor"]))
    return out


def _entries(members: Sequence[_Claim]) -> tuple[list[dict[str, Any]], list[_Claim]]:
    """One entry per (story, value, unit, qualifier, stance): copies of one story say it once."""
    entries: list[dict[str, Any]] = []
    reps: list[_Claim] = []
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for c in members:
        r = c.row
        key = (c.story, json.dumps(r.get("value"), ensure_ascii=False), r.get("qualifier"), r.get("stance"))
        if key in seen:
            if r["doc_id"] != seen[key]["doc_id"] and all(x["doc_id"] != r["doc_id"] for x in seen[key]["copies"]):
                seen[key]["copies"].append({"doc_id": r["doc_id"], "outlet": r.get("outlet")})
            continue
        entry = {
            "value": r.get("value"),
            "qualifier": r.get("qualifier"),
            "stance": r.get("stance"),
            "speaker": _speaker(r),
            "outlet": r.get("outlet"),
            "doc_id": r["doc_id"],
            "claim_date": c.date,
            "date_source": c.date_source,
            "evidence": [e.get("text") for e in (r.get("evidence") or [])],
            # where the claim's sentence is: the article (content hash prefix) and the claim's index in it
            "article_key": (r.get("content_hash") or "")[:16] or None,
            "claim_index": r.get("idx"),
            "story": c.story,
            "copies": [],
        }
        seen[key] = entry
        entries.append(entry)
        reps.append(c)
    return entries, reps


def _group(members: list[_Claim], unit: str, anchor: str, window_days: int) -> dict[str, Any]:
    entries, reps = _entries(members)
    reasons = _stance_reasons(reps) + _value_reasons(reps, window_days)
    conflicts = [r for r in reasons if r["conflict"]]
    timeline_map: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in entries:
        timeline_map[e["claim_date"] or "unknown"].append(
            {"value": e["value"], "qualifier": e["qualifier"], "stance": e["stance"], "outlet": e["outlet"],
             "copies": len(e["copies"])})
    timeline = [{"date": d, "claims": timeline_map[d]} for d in sorted(timeline_map, key=lambda d: (d == "unknown", d))]
    kind, _, ref = anchor.partition(":")
    tied = [c.row for c in members if c.row.get("event_key")]
    actors = sorted(set().union(*(c.actors for c in members)))
    return {
        "subject": _most_common_subject(members),
        "unit": unit or None,
        "about": {
            "kind": kind or None,
            "anchor": anchor,
            "event_id": ref if kind == "event" else None,
            "admin1": ref if kind == "admin1" else (tied[0].get("event_admin1") if tied else None),
            "event_date": tied[0].get("event_date") if tied else None,
            "location": tied[0].get("event_location") if tied else None,
            "actors": actors,
        },
        "claims": entries,
        "conflict": bool(conflicts),
        "conflict_reasons": [r["text"] for r in conflicts],
        "conflict_kinds": sorted({r["kind"] for r in conflicts}),
        "undated": bool(conflicts) and all(r["undated"] for r in conflicts),
        "reasons": reasons,
        "n_articles": len({c.row["doc_id"] for c in members}),
        "n_stories": len({c.story for c in members}),
        "window_days": window_days,
        "timeline": timeline,
    }


def _most_common_subject(members: Sequence[_Claim]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for c in members:
        counts[c.row["subject"]] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _reason(kind: str, a: int, b: int | None, reps: Sequence[_Claim], text: str, *, conflict: bool = True,
            gap: int | None = None) -> dict[str, Any]:
    involved = [reps[a]] + ([reps[b]] if b is not None else [])
    return {"kind": kind, "conflict": conflict, "undated": any(c.day is None for c in involved),
            "claims": [a] if b is None else [a, b], "gap_days": gap, "text": text}


def _stance_reasons(reps: Sequence[_Claim]) -> list[dict[str, Any]]:
    by_stance: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(reps):
        by_stance[c.row.get("stance") or "affirm"].append(i)
    affirm = by_stance.get("affirm", [])
    against = [i for s in sorted(OPPOSING) for i in by_stance.get(s, [])]
    pairs = [(a, b) for a in affirm for b in against if reps[a].story != reps[b].story]
    if not pairs:
        return []

    def names(idx: Sequence[int]) -> str:
        return ", ".join(sorted({reps[i].who for i in idx}))

    text = f"stances oppose: affirmed by {names(affirm)}"
    for s in sorted(OPPOSING):
        if by_stance.get(s):
            text += f"; {_PAST[s]} by {names(by_stance[s])}"
    a, b = pairs[0]
    gaps = [abs((reps[x].day or 0) - (reps[y].day or 0)) for x, y in pairs
            if reps[x].day is not None and reps[y].day is not None]
    undated = not gaps  # only undated claims oppose each other
    out = _reason("stances_oppose", a, b, reps, text + (" (undated)" if undated else ""),
                  gap=min(gaps) if gaps else None)
    out["undated"] = undated
    out["claims"] = sorted({i for p in pairs for i in p})
    return [out]


def _fmt(c: _Claim) -> str:
    r = c.row
    q = "" if (r.get("qualifier") or "exact") == "exact" else f"{r['qualifier']} "
    return f"{q}{r.get('value')} ({c.who}, {c.date or 'undated'})"


def _value_reasons(reps: Sequence[_Claim], window_days: int) -> list[dict[str, Any]]:
    figures = [i for i, c in enumerate(reps) if c.numeric and (c.row.get("stance") or "affirm") not in OPPOSING]
    out: list[dict[str, Any]] = []

    def disjoint(i: int, j: int) -> bool:
        (alo, ahi), (blo, bhi) = reps[i].iv or (0, 0), reps[j].iv or (0, 0)
        return reps[i].story != reps[j].story and (ahi < blo or bhi < alo)

    dated = sorted((i for i in figures if reps[i].day is not None), key=lambda i: (reps[i].day or 0, i))
    undated = [i for i in figures if reps[i].day is None]
    # close dates: a sliding window over the dated figures
    for x, i in enumerate(dated):
        for j in dated[x + 1:]:
            gap = (reps[j].day or 0) - (reps[i].day or 0)
            if gap > window_days:
                break
            if disjoint(i, j):
                out.append(_reason("values_differ", i, j, reps, gap=gap, text=(
                    f"different values on close dates ({gap} day(s) apart): {_fmt(reps[i])} vs {_fmt(reps[j])}")))
    # no date on one side: flagged, and said to be undated
    for k, i in enumerate(undated):
        for j in dated + undated[k + 1:]:
            if disjoint(i, j):
                out.append(_reason("values_differ_undated", i, j, reps, text=(
                    f"different values, undated: {_fmt(reps[i])} vs {_fmt(reps[j])}")))
    # further apart: the value changes over time (successive chains of close dates that disagree)
    chains: list[list[int]] = []
    for i in dated:
        if chains and (reps[i].day or 0) - (reps[chains[-1][-1]].day or 0) <= window_days:
            chains[-1].append(i)
        else:
            chains.append([i])
    steps = [(p, q) for p, q in zip(chains, chains[1:], strict=False)
             if any(disjoint(i, j) for i in p for j in q)]
    if steps:
        seq = [steps[0][0][0]] + [q[0] for _p, q in steps]
        out.append(_reason("changes_over_time", seq[0], seq[-1], reps, conflict=False,
                           gap=(reps[seq[-1]].day or 0) - (reps[seq[0]].day or 0),
                           text="value changes over time: " + " -> ".join(_fmt(reps[i]) for i in seq)))
        out[-1]["claims"] = seq
    return out
