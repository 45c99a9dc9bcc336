"""Claims board: claims grouped by subject across articles, with conflicts flagged.

A group is (subject key, unit, anchor). Extracted subjects are often generic ("killed", "control",
"area"), so the anchor says what the claim is about: the resolved event the claim is tied to
(`event:<id>`, so every outlet's death toll for one attack sits side by side), else the governorate of
the article's events (`admin1:<name>`, for situation claims such as the area a group holds, followed
over time), else the article alone (`doc:<doc_id>`). Rows without an `anchor` group by subject alone.
A group conflicts when
- stances oppose (someone affirms what someone else denies), or
- two numeric values for the same time window (ISO week of the claim date, or of the article's
  publication date when the claim has none) cannot both be true once rounding and qualifiers are
  allowed for: "500" covers 450-550 (rounded to hundreds), "about 500" covers +-10 %, "more than 500"
  covers [500, inf), a range [500, 600] covers itself. Undated figures (no claim date, no publication
  date) are listed but never called conflicting: nothing says they describe the same moment.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from rasid.text.normalize import normalize

ClaimRow = dict[str, Any]

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


def window_of(day: str | None) -> str | None:
    """ISO week ("2018-W29") of a YYYY-MM-DD date."""
    if not day:
        return None
    try:
        y, w, _ = date.fromisoformat(day[:10]).isocalendar()
    except ValueError:
        return None
    return f"{y}-W{w:02d}"


def _speaker(row: ClaimRow) -> str | None:
    sp = row.get("speaker") or {}
    parts = [sp.get("name"), sp.get("role"), sp.get("affiliation")]
    text = ", ".join(p for p in parts if p)
    return text or (row.get("source_type") if row.get("source_type") not in (None, "unknown") else None)


def group_claims(rows: Iterable[ClaimRow]) -> list[dict[str, Any]]:
    """Rows carry the `claims` columns plus doc_id, outlet, published; output is the board's groups."""
    groups: dict[tuple[str, str, str], list[ClaimRow]] = defaultdict(list)
    for row in rows:
        groups[(row["subject_key"], row.get("unit") or "", row.get("anchor") or "")].append(row)
    out: list[dict[str, Any]] = []
    for (_key, unit, anchor), members in sorted(groups.items()):
        members = sorted(members, key=lambda r: (r.get("claim_date") or r.get("published") or "9999",
                                                 r["doc_id"], r["idx"]))
        conflict, reasons = _conflicts(members)
        claims = [
            {
                "value": r.get("value"),
                "qualifier": r.get("qualifier"),
                "stance": r.get("stance"),
                "speaker": _speaker(r),
                "outlet": r.get("outlet"),
                "doc_id": r["doc_id"],
                "claim_date": r.get("claim_date") or r.get("published"),
                "evidence": [e.get("text") for e in (r.get("evidence") or [])],
                # where the claim's sentence is: the article (content hash prefix) and the claim's index in it
                "article_key": (r.get("content_hash") or "")[:16] or None,
                "claim_index": r.get("idx"),
            }
            for r in members
        ]
        timeline_map: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in claims:
            timeline_map[c["claim_date"] or "unknown"].append(
                {"value": c["value"], "qualifier": c["qualifier"], "stance": c["stance"], "outlet": c["outlet"]}
            )
        timeline = [{"date": d, "claims": timeline_map[d]} for d in sorted(timeline_map, key=lambda d: (d == "unknown", d))]
        kind, _, ref = anchor.partition(":")
        event_rows = [r for r in members if r.get("event_date") or r.get("event_location")]
        group: dict[str, Any] = {
            "subject": _most_common_subject(members),
            "unit": unit or None,
            "about": {
                "kind": kind or None,
                "event_id": ref if kind == "event" else None,
                "admin1": ref if kind == "admin1" else None,
                "event_date": event_rows[0].get("event_date") if event_rows else None,
                "location": event_rows[0].get("event_location") if event_rows else None,
            },
            "claims": claims,
            "conflict": conflict,
            "conflict_reasons": reasons,
            "n_articles": len({r["doc_id"] for r in members}),
            "timeline": timeline,
        }
        out.append(group)
    out.sort(key=lambda g: (not g["conflict"], -g["n_articles"], g["subject"]))
    return out


def _most_common_subject(members: Sequence[ClaimRow]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for r in members:
        counts[r["subject"]] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _conflicts(members: Sequence[ClaimRow]) -> tuple[bool, list[str]]:
    reasons: list[str] = []
    stances = {r.get("stance") for r in members}
    if "affirm" in stances and "deny" in stances:
        affirm = sorted({r.get("outlet") or r["doc_id"] for r in members if r.get("stance") == "affirm"})
        deny = sorted({r.get("outlet") or r["doc_id"] for r in members if r.get("stance") == "deny"})
        reasons.append(f"stances oppose: affirmed by {', '.join(affirm)}; denied by {', '.join(deny)}")
    by_window: dict[str | None, list[tuple[ClaimRow, tuple[float, float]]]] = defaultdict(list)
    for r in members:
        if r.get("stance") == "deny":
            continue
        iv = interval(r.get("value"), r.get("qualifier") or "exact")
        window = window_of(r.get("claim_date") or r.get("published"))
        if iv is not None and window is not None:  # undated figures share no known window: not compared
            by_window[window].append((r, iv))
    for window, items in sorted(by_window.items(), key=lambda kv: kv[0] or ""):
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                (ra, (alo, ahi)), (rb, (blo, bhi)) = items[i], items[j]
                if ra["doc_id"] == rb["doc_id"]:
                    continue
                if ahi < blo or bhi < alo:
                    reasons.append(
                        f"values differ in {window}: "
                        f"{ra.get('value')} ({ra.get('outlet') or ra['doc_id']}) vs "
                        f"{rb.get('value')} ({rb.get('outlet') or rb['doc_id']})"
                    )
    return bool(reasons), reasons
