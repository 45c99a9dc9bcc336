"""Place search over the offline gazetteer, for correcting an event's place (Arabic or English names)."""

from __future__ import annotations

import unicodedata
from typing import Any

from rasid.geo import gazetteer
from rasid.lexicon.tsv import has_arabic

#: ACLED geo precision of a gazetteer feature when it is the event's place (1 = the town or site itself).
_PRECISION = {"admin1": 3, "region": 3, "country": 3, "desert": 3, "river": 2, "lake": 2, "mountain": 2}


def _english(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    return "".join(c for c in s if c.isalnum() and not unicodedata.combining(c)).lower()


def search(query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Places whose Arabic or English name matches the query: exact names first, then names that start
    with it, then names containing it; larger places first within each."""
    q = " ".join(query.split())[:100]
    if len(q) < 2:
        return []
    gaz = gazetteer.load()
    arabic = has_arabic(q)
    key = gazetteer.name_key(q) if arabic else _english(q)
    if not key:
        return []
    scored: list[tuple[int, int, str, Any]] = []
    for p in gaz.places:
        names = [gazetteer.name_key(n) for n in p.names_ar] if arabic else [_english(p.name)]
        rank = min((0 if n == key else 1 if n.startswith(key) else 2 if key in n else 9 for n in names), default=9)
        if rank < 9:
            scored.append((rank, -p.population, p.name, p))
    scored.sort(key=lambda t: t[:3])
    out = []
    for _rank, _pop, _name, p in scored[:limit]:
        out.append({"id": p.id, "location": p.name, "name_ar": p.names_ar[0] if p.names_ar else None,
                    "admin1": p.admin1, "admin2": p.admin2, "country": p.country_name, "iso": p.iso,
                    "latitude": p.lat, "longitude": p.lon, "feature": p.feature,
                    "geo_precision": _PRECISION.get(p.feature, 1)})
    return out
