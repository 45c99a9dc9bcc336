"""ACLED vocabulary and name normalisation shared by the gold validator and the scorer."""

from __future__ import annotations

import math
import re
import unicodedata

from rasid.extract.ontology import SUB_EVENT_TYPES

EVENT_TYPES: dict[str, tuple[str, ...]] = SUB_EVENT_TYPES
MODALITIES = ("asserted", "claimed", "denied", "planned", "background")
STANCES = ("affirm", "deny", "speculate")
QUALIFIERS = ("exact", "more_than", "about", "up_to", "less_than", "at_least")
SOURCE_TYPES = ("official", "spokesperson", "local_sources", "activists", "agency", "outlet", "witness", "unknown")

#: Sentence benchmark families (arabic_event_gsr): which ACLED event types make a positive sentence.
GSR_FAMILIES: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"}),
    "PROTEST": frozenset({"Protests", "Riots"}),
}

#: Bounding boxes (lat_min, lat_max, lon_min, lon_max), with a small margin, of the countries rasid codes.
BBOXES: dict[str, tuple[float, float, float, float]] = {
    "SY": (32.2, 37.6, 35.5, 42.5), "IQ": (29.0, 37.6, 38.6, 48.8), "LB": (33.0, 34.8, 35.0, 36.7),
    "PS": (31.1, 32.6, 34.1, 35.7), "YE": (12.0, 19.2, 41.7, 54.7), "LY": (19.4, 33.3, 9.2, 25.3),
    "SD": (8.6, 22.3, 21.7, 38.7), "SO": (-1.8, 12.1, 40.9, 51.5), "EG": (21.9, 31.8, 24.6, 37.0),
}

_ADMIN1_ALIASES = {
    "deirezzor": "deirezzor", "deirzor": "deirezzor", "deiralzor": "deirezzor", "dayrazzawr": "deirezzor", "deirezzour": "deirezzor",
    "hasakah": "hasakah", "alhasakah": "hasakah", "hassakeh": "hasakah", "hasaka": "hasakah", "alhasaka": "hasakah",
    "raqqa": "raqqa", "arraqqa": "raqqa", "alraqqa": "raqqa", "raqqah": "raqqa",
    "idlib": "idlib", "idleb": "idlib", "aleppo": "aleppo", "halab": "aleppo",
    "rifdimashq": "rifdimashq", "rifdimashk": "rifdimashq", "damascuscountryside": "rifdimashq",
    "ruraldamascus": "rifdimashq", "damascus": "damascus", "daraa": "daraa", "dara": "daraa", "deraa": "daraa",
    "homs": "homs", "hama": "hama", "suwayda": "suwayda", "assuwayda": "suwayda", "sweida": "suwayda",
    "alsuwayda": "suwayda", "quneitra": "quneitra", "latakia": "latakia", "lattakia": "latakia",
    "tartus": "tartus", "nineveh": "nineveh", "ninawa": "nineveh", "ninewa": "nineveh",
    "anbar": "anbar", "alanbar": "anbar", "salahaldin": "salahaldin", "salahdin": "salahaldin", "salahuddin": "salahaldin",
    "saladin": "salahaldin", "salahaddin": "salahaldin", "baghdad": "baghdad", "diyala": "diyala",
    "kirkuk": "kirkuk", "erbil": "erbil", "arbil": "erbil", "duhok": "duhok", "dohuk": "duhok",
    "babil": "babil", "babylon": "babil", "basra": "basra", "basrah": "basra",
}


def fold(name: str | None) -> str:
    """A loose key for English place/actor names: no accents, case, article or punctuation."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b(al|el|ar|as|ad|az|ash|at|an|ez|es|ed|ul)[-\s]", "", text)
    return re.sub(r"[^a-z0-9\u0600-\u06ff]", "", text)


def admin1_key(name: str | None) -> str:
    key = fold(name)
    return _ADMIN1_ALIASES.get(key, key)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def in_bbox(lat: float, lon: float) -> bool:
    """Inside one of the countries rasid codes (a typo such as swapped latitude/longitude lands outside)."""
    return any(b[0] <= lat <= b[1] and b[2] <= lon <= b[3] for b in BBOXES.values())
