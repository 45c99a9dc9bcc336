"""Cross-source event resolution: which mentions describe the same real event, and the merged record.

Pure functions over plain dicts (one dict per stored mention, the `mentions` columns plus `doc_id`,
`outlet`, `published`), so the store, batch jobs and tests share them.

Two mentions link when (see `link`):
- they come from different articles (an article's own events are distinct by construction: "clashes in
  three villages" is three events),
- (copies of one story, `story` set by `rasid.store.copies`, when one of them is undated: the date rule is
  waived, and the place only has to agree where both copies name one; the type, modality, country and
  actor rules still hold; two dated copies follow the ordinary rules),
- their type family is compatible (`FAMILIES`), and planned events only link with planned events,
- both dates are known and at most one day apart,
- the place agrees: within 10 km when both are geocoded at town or near-town precision (two different
  named towns need to be within 1 km, i.e. the same place spelled twice); the same admin2 when either
  is only known at region precision; without admin2, only strong agreement (same admin1, same day,
  same non-empty actor pair) links them,
- the actors are compatible: one side's actor pair is contained in the other's actors (assoc actors
  included), unknown actors matching anything.

Clusters are built greedily from the best links (date gap, then same location name, then distance, then
mention keys) with complete linkage: two groups join only when every pair across them links (an undated
mention of a copy also passes through its dated twin in the other article of its story), so fighting
in one town on consecutive days never chains into one long event, and a cluster never holds two mentions
of one article. Two groups that each have several sources and no day in common stay apart (fighting
reported on 1 and on 2 November is two events); a lone report one day off joins the group. Comparisons
only happen within blocks (type family x day +- 1 x 0.1-degree geo cell, or admin2/admin1 for coarse
places, or the story for copies), so the work grows with block sizes, not with the square of the corpus.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from rasid.extract.notes import restate_modality
from rasid.geo.admin import COUNTRIES as ADMIN_COUNTRIES
from rasid.geo.admin import haversine_km
from rasid.models import REPORTABLE
from rasid.ontology import FAMILY, EventType, Family, disorder_type
from rasid.ontology import interaction as acled_interaction

Mention = dict[str, Any]

#: ACLED event type -> type family (plain strings: they go into block keys and stored records).
FAMILIES: dict[str, str] = {t.value: f.value for t, f in FAMILY.items()}
CELL_DEGREES = 0.1
MAX_KM = 10.0
SAME_PLACE_KM = 1.0
MAX_DAY_GAP = 1
MODALITY_ORDER = ("asserted", "claimed", "denied", "background", "planned")

#: ISO 3166 numeric -> (alpha-3, ACLED region), and country name -> ISO 3166 numeric
COUNTRIES: dict[int, tuple[str, str]] = {c.iso: (c.iso3, c.region) for c in ADMIN_COUNTRIES.values()}
COUNTRY_ISO = {c.name.casefold(): c.iso for c in ADMIN_COUNTRIES.values()}  # keys as `norm_name` writes them


def family_of(event_type: str | None) -> str:
    return FAMILIES.get(event_type or "", "other")


def day_of(event_date: str | None) -> int | None:
    if not event_date:
        return None
    try:
        return date.fromisoformat(event_date[:10]).toordinal()
    except ValueError:
        return None


def cell_of(lat: float | None, lon: float | None) -> tuple[int | None, int | None]:
    if lat is None or lon is None:
        return None, None
    return math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)


def lon_cell_span(lat: float) -> int:
    """How many 0.1-degree longitude cells 10 km can cross at this latitude."""
    km_per_cell = 111.32 * CELL_DEGREES * max(0.05, math.cos(math.radians(lat)))
    return max(1, math.ceil(MAX_KM / km_per_cell))


def norm_name(value: str | None) -> str:
    return " ".join((value or "").casefold().replace("-", " ").split())


def admin_key(value: str | None) -> str:
    """Admin names compare case-insensitively, exactly as the store's SQL `lower(admin)` does."""
    return (value or "").lower()


def _norm(m: Mention) -> dict[str, Any]:
    """Normalised names of a mention, computed once and cached in the dict under "_norm"."""
    cached = m.get("_norm")
    if cached is None:
        core = frozenset(norm_name(m.get(k)) for k in ("actor1", "actor2") if m.get(k))
        assoc: set[str] = set()
        for k in ("assoc_actor_1", "assoc_actor_2"):
            for part in (m.get(k) or "").split(";"):
                if part.strip():
                    assoc.add(norm_name(part))
        cached = {"core": core, "all": frozenset(core | assoc), "location": norm_name(m.get("location")),
                  "admin1": admin_key(m.get("admin1")), "admin2": admin_key(m.get("admin2")),
                  "country": norm_name(m.get("country")), "family": family_of(m.get("event_type"))}
        m["_norm"] = cached
    return cached


def _actors(m: Mention) -> tuple[frozenset[str], frozenset[str]]:
    n = _norm(m)
    return n["core"], n["all"]


def actors_compatible(a: Mention, b: Mention) -> tuple[bool, str]:
    core_a, all_a = _actors(a)
    core_b, all_b = _actors(b)
    if not core_a or not core_b:
        return True, "one side names no actors"
    if core_a == core_b:
        return True, "same actors"
    if core_a <= all_b or core_b <= all_a:
        return True, "actors contained"
    return False, "different actors"


def _precise(m: Mention) -> bool:
    return m.get("latitude") is not None and m.get("longitude") is not None and (m.get("geo_precision") or 1) <= 2


def _same_story(a: Mention, b: Mention) -> bool:
    return bool(a.get("story")) and a.get("story") == b.get("story")


def _copy_place(a: Mention, b: Mention, na: dict[str, Any], nb: dict[str, Any]) -> str | None:
    """Place rule between two copies of one story: they must not name two different places."""
    if na["location"] and na["location"] == nb["location"]:
        return "copies of one story, same location name"
    if _precise(a) and _precise(b):
        distance = haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
        return f"copies of one story, within {MAX_KM:g} km" if distance <= MAX_KM else None
    if na["admin2"] and nb["admin2"]:
        return "copies of one story, same admin2" if na["admin2"] == nb["admin2"] else None
    if na["admin1"] and nb["admin1"]:
        return "copies of one story, same admin1" if na["admin1"] == nb["admin1"] else None
    return "copies of one story, one names no place"


def link(a: Mention, b: Mention) -> dict[str, Any] | None:
    """Why `a` and `b` are the same event, or None when they are not."""
    if a["document_id"] == b["document_id"]:
        return None
    da, db = a.get("day"), b.get("day")
    gap: int | None = None
    copies = (da is None or db is None) and _same_story(a, b)
    if da is None or db is None:
        if not copies:
            return None
    else:
        gap = abs(da - db)
        if gap > MAX_DAY_GAP:
            return None
    na, nb = _norm(a), _norm(b)
    fam = na["family"]
    if fam != nb["family"]:
        return None
    if (a["modality"] == "planned") != (b["modality"] == "planned"):
        return None
    if na["country"] and nb["country"] and na["country"] != nb["country"]:
        return None
    ok, actor_reason = actors_compatible(a, b)
    if not ok:
        return None
    distance: float | None = None
    copy_place = _copy_place(a, b, na, nb) if copies else None
    if copies:
        if copy_place is None:
            return None
        place = copy_place
        if _precise(a) and _precise(b):
            distance = haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    elif _precise(a) and _precise(b):
        distance = haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
        if distance > MAX_KM:
            return None
        la, lb = na["location"], nb["location"]
        if (
            a.get("geo_precision") == 1 and b.get("geo_precision") == 1 and la and lb and la != lb
            and distance > SAME_PLACE_KM
        ):
            return None
        place = f"within {MAX_KM:g} km"
    elif na["admin2"] and nb["admin2"]:
        if na["admin2"] != nb["admin2"]:
            return None
        place = "same admin2 (coarse location)"
    else:
        core_a, core_b = na["core"], nb["core"]
        if not (na["admin1"] and na["admin1"] == nb["admin1"] and gap == 0 and core_a and core_a == core_b):
            return None
        place = "same admin1, same day, same actors (no precise location)"
    same_location = bool(na["location"]) and na["location"] == nb["location"]
    return {
        "type_family": fam,
        "event_types": sorted({a["event_type"], b["event_type"]}),
        "place": place,
        "same_location_name": same_location,
        "distance_km": None if distance is None else round(distance, 2),
        "date_gap_days": gap,
        "actors": actor_reason,
        "copies": copies,
    }


_BlockIndex = tuple[dict[tuple[Any, ...], list[int]], dict[tuple[Any, ...], list[int]],
                    dict[tuple[Any, ...], list[int]], dict[tuple[str, bool], list[int]]]


def _block_index(mentions: Sequence[Mention]) -> _BlockIndex:
    by_cell: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    by_admin2: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    by_admin1: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    by_story: dict[tuple[str, bool], list[int]] = defaultdict(list)  # (story, dated)
    for i, m in enumerate(mentions):
        d = m.get("day")
        if m.get("story"):
            by_story[(m["story"], d is not None)].append(i)
        if d is None:
            continue
        fam = _norm(m)["family"]
        if _precise(m):
            cl, cn = cell_of(m["latitude"], m["longitude"])
            by_cell[(fam, d, cl, cn)].append(i)
        if m.get("admin2"):
            by_admin2[(fam, d, admin_key(m["admin2"]))].append(i)
        if m.get("admin1"):
            by_admin1[(fam, d, admin_key(m["admin1"]))].append(i)
    return by_cell, by_admin2, by_admin1, by_story


def _probe(m: Mention, index: _BlockIndex) -> set[int]:
    """Indexes (into the indexed list) of the mentions in `m`'s neighbouring blocks."""
    by_cell, by_admin2, by_admin1, by_story = index
    out: set[int] = set()
    d = m.get("day")
    if m.get("story"):  # copies: an undated mention meets every copy, a dated one the undated copies
        out.update(by_story.get((m["story"], False), ()))
        if d is None:
            out.update(by_story.get((m["story"], True), ()))
    if d is None:
        return out
    fam = _norm(m)["family"]
    precise = _precise(m)
    cl = cn = span = 0
    if precise:
        c_lat, c_lon = cell_of(m["latitude"], m["longitude"])
        assert c_lat is not None and c_lon is not None
        cl, cn, span = c_lat, c_lon, lon_cell_span(m["latitude"])
    a2 = admin_key(m.get("admin2"))
    for dd in range(d - MAX_DAY_GAP, d + MAX_DAY_GAP + 1):
        if precise:
            for dl in (-1, 0, 1):
                for dn in range(-span, span + 1):
                    out.update(by_cell.get((fam, dd, cl + dl, cn + dn), ()))
        if a2:
            out.update(by_admin2.get((fam, dd, a2), ()))
    if m.get("admin1"):
        out.update(by_admin1.get((fam, d, admin_key(m["admin1"])), ()))
    return out


def _candidate_pairs(mentions: Sequence[Mention]) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth comparing: neighbouring blocks only, never two mentions of one article
    (they never link: a long article's mentions of one town would otherwise make a pair of every two)."""
    index = _block_index(mentions)
    pairs: set[tuple[int, int]] = set()
    for i, m in enumerate(mentions):
        doc = m["document_id"]
        for j in _probe(m, index):
            if mentions[j]["document_id"] == doc:
                continue
            if i < j:
                pairs.add((i, j))
            elif j < i:
                pairs.add((j, i))
    return pairs


def linked_to(frontier: Sequence[Mention], others: Sequence[Mention]) -> list[Mention]:
    """The mentions of `others` that link with at least one mention of `frontier`, in `others` order."""
    index = _block_index(others)
    hit: set[int] = set()
    for f in frontier:
        for j in _probe(f, index):
            if j not in hit and link(f, others[j]) is not None:
                hit.add(j)
    return [others[j] for j in sorted(hit)]


def cluster_key(member_keys: Iterable[str]) -> str:
    return "ev-" + hashlib.sha1(min(member_keys).encode()).hexdigest()[:12]


def cluster(mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    """Group mentions into resolved events: [{key, members: [mention], links: [(key_a, key_b, why)]}].

    Deterministic: the result depends only on the set of mentions, not on their order.
    """
    ms = sorted(mentions, key=lambda m: m["mention_key"])
    edges: list[tuple[tuple[Any, ...], int, int, dict[str, Any]]] = []
    for i, j in _candidate_pairs(ms):
        why = link(ms[i], ms[j])
        if why is not None:
            dist = why["distance_km"] if why["distance_km"] is not None else 99.0
            score = (why["date_gap_days"] or 0, 0 if why["same_location_name"] else 1, dist,
                     ms[i]["mention_key"], ms[j]["mention_key"])
            edges.append((score, i, j, why))
    edges.sort(key=lambda e: e[0])
    linked = {(i, j) for _s, i, j, _w in edges}

    parent = list(range(len(ms)))
    docs: list[set[int]] = [{m["document_id"]} for m in ms]
    members: list[list[int]] = [[i] for i in range(len(ms))]
    days: list[set[int]] = [{m["day"]} if m.get("day") is not None else set() for m in ms]
    rejected: set[tuple[int, int, int, int]] = set()
    links: list[list[tuple[str, str, dict[str, Any]]]] = [[] for _ in ms]
    story = [m.get("story") for m in ms]

    def pair_ok(x: int, y: int, gy: list[int]) -> bool:
        """x and y link, or y is undated and stands with a twin in its group (a copy of its article's story
        that x links with): an undated copy follows its dated twin, dated mentions must link themselves."""
        if (min(x, y), max(x, y)) in linked:
            return True
        if ms[y].get("day") is not None or story[y] is None:
            return False
        return any(t != y and story[t] == story[y] and (min(t, y), max(t, y)) in linked
                   and (min(x, t), max(x, t)) in linked for t in gy)

    def complete(gi: list[int], gj: list[int]) -> bool:
        """Complete linkage: every pair across the two groups links (see `pair_ok` for undated copies)."""
        return all(pair_ok(x, y, gj) or pair_ok(y, x, gi) for x in gi for y in gj)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _score, i, j, why in edges:
        ri, rj = find(i), find(j)
        if ri == rj or docs[ri] & docs[rj]:
            continue  # already together, or would put two mentions of one article in one event
        if len(docs[ri]) > 1 and len(docs[rj]) > 1 and days[ri] and days[rj] and not days[ri] & days[rj]:
            continue  # two well-sourced reports of different days are two events; a lone off-by-one joins
        lo, hi = (ri, rj) if ri < rj else (rj, ri)
        pair = (lo, hi, len(members[lo]), len(members[hi]))
        if pair in rejected:
            continue
        if not complete(members[ri], members[rj]):
            rejected.add(pair)  # until one of the groups grows (a twin joining can satisfy a pair)
            continue  # complete linkage: no chaining of daily clashes in one town into one long "event"
        if ri > rj:
            ri, rj = rj, ri
        parent[rj] = ri
        docs[ri] |= docs[rj]
        days[ri] |= days[rj]
        members[ri].extend(members[rj])
        links[ri].extend(links[rj])
        links[ri].append((ms[i]["mention_key"], ms[j]["mention_key"], why))

    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(ms):
        groups[find(i)].append(m)
    out: list[dict[str, Any]] = []
    for root, group in groups.items():
        out.append({"key": cluster_key(m["mention_key"] for m in group), "members": group,
                    "links": links[root]})
    out.sort(key=lambda c: str(c["key"]))
    return out


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]


def merge(members: Sequence[Mention], *, key: str, now: int = 0) -> dict[str, Any]:
    """The resolved event's ACLED fields, following ACLED's rules for multi-source events."""
    ms = sorted(members, key=lambda m: m["mention_key"])
    modalities = {m["modality"] for m in ms}
    modality = next((mo for mo in MODALITY_ORDER if mo in modalities), ms[0]["modality"])
    pool = [m for m in ms if m["modality"] in REPORTABLE] or ms

    dated = [m for m in pool if m.get("event_date")]
    event_date, time_precision = None, None
    if dated:
        best_tp = min(m.get("time_precision") or 1 for m in dated)
        candidates = [m for m in dated if (m.get("time_precision") or 1) == best_tp]
        counts = Counter(m["event_date"] for m in candidates)
        event_date = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        time_precision = best_tp

    event_type = _most_common(m["event_type"] for m in pool)
    sub_event_type = _most_common(m["sub_event_type"] for m in pool if m["event_type"] == event_type)

    def place_rank(m: Mention) -> tuple[Any, ...]:
        located = m.get("latitude") is not None
        return (0 if located else 1, m.get("geo_precision") or 9, m["mention_key"])

    loc_counts = Counter(norm_name(m.get("location")) for m in pool if m.get("location"))
    place = sorted(pool, key=lambda m: (place_rank(m)[:2], -loc_counts.get(norm_name(m.get("location")), 0),
                                        m["mention_key"]))[0]

    def actor_rank(m: Mention) -> tuple[Any, ...]:
        n = sum(1 for k in ("actor1", "actor2") if m.get(k))
        return (-n, -(m.get("confidence") or 0.0), m["mention_key"])

    actors = sorted(pool, key=actor_rank)[0]
    core = {norm_name(actors.get("actor1")), norm_name(actors.get("actor2"))}
    assoc: dict[str, list[str]] = {"assoc_actor_1": [], "assoc_actor_2": []}
    for k in assoc:
        for m in pool:
            for part in (m.get(k) or "").split(";"):
                part = part.strip()
                if part and norm_name(part) not in core and part not in assoc[k]:
                    assoc[k].append(part)

    per_source = [
        {"doc_id": m["doc_id"], "outlet": m.get("outlet"), "mention_key": m["mention_key"],
         "fatalities": int(m.get("fatalities") or 0), **({"story": m["story"]} if m.get("story") else {})}
        for m in ms
    ]
    reported = sorted({p["fatalities"] for p in per_source if p["fatalities"] > 0 and
                       next(x for x in ms if x["mention_key"] == p["mention_key"])["modality"] in REPORTABLE})
    fatalities = reported[0] if reported else 0

    iso = place.get("iso")
    if iso is None and place.get("country"):
        iso = COUNTRY_ISO.get(norm_name(place["country"]))
    iso3, region = COUNTRIES.get(iso or -1, ("XXX", ""))
    digest = hashlib.sha1(key.encode()).hexdigest()
    event_id_cnty = f"{iso3}{int(digest[:12], 16) % 10**12}"

    inter1, inter2 = actors.get("inter1"), actors.get("inter2")
    interaction = actors.get("interaction")
    if interaction is None and inter1 is not None:
        interaction = acled_interaction(inter1, inter2)
    civilian = ""
    if event_type == EventType.VAC or (
        family_of(event_type) == Family.VIOLENCE and 7 in (inter1, inter2)
    ):
        civilian = "Civilian targeting"

    outlets = sorted({m.get("outlet") or m["doc_id"] for m in ms})
    notes = restate_modality((actors.get("notes") or "").strip(), modality)
    if len(reported) > 1:
        figures = "; ".join(f"{p['outlet'] or p['doc_id']}: {p['fatalities']}" for p in per_source
                            if p["fatalities"] > 0)
        notes = (notes + " " if notes else "") + f"Fatality figures differ across sources ({figures})."
    if len(outlets) > 1:
        notes = (notes + " " if notes else "") + f"[{len(outlets)} sources]"
        stories = {m.get("story") or f"doc:{m['document_id']}" for m in ms}
        if len(stories) < len({m["document_id"] for m in ms}):
            notes += f" [{len(stories)} independent: the others are copies of one story]"

    return {
        "event_key": key,
        "event_id_cnty": event_id_cnty,
        "event_date": event_date,
        "year": int(event_date[:4]) if event_date else None,
        "time_precision": time_precision,
        "disorder_type": disorder_type(event_type, sub_event_type or ""),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actors.get("actor1"),
        "assoc_actor_1": "; ".join(assoc["assoc_actor_1"]) or None,
        "inter1": inter1,
        "actor2": actors.get("actor2"),
        "assoc_actor_2": "; ".join(assoc["assoc_actor_2"]) or None,
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": civilian,
        "iso": iso,
        "region": region,
        "country": place.get("country"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "admin3": None,
        "location": place.get("location"),
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "geo_precision": place.get("geo_precision"),
        "source": "; ".join(outlets),
        "source_scale": "Other",
        "notes": notes,
        "fatalities": fatalities,
        "tags": "",
        "timestamp": now,
        "modality": modality,
        "n_mentions": len(ms),
        "n_sources": len({m["document_id"] for m in ms}),
        "fatalities_by_source": per_source,
    }
