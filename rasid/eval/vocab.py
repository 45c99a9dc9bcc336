"""ACLED vocabulary and name normalisation shared by the gold validator and the scorer."""

from __future__ import annotations

import re
import unicodedata

from rasid.geo.admin import COUNTRIES, canonical_admin1
from rasid.ontology import DEMONSTRATIONS, SUB_EVENT_TYPES, VIOLENT

EVENT_TYPES: dict[str, tuple[str, ...]] = {t.value: tuple(s.value for s in subs) for t, subs in SUB_EVENT_TYPES.items()}
MODALITIES = ("asserted", "claimed", "denied", "planned", "background")
STANCES = ("affirm", "deny", "reject", "speculate")
QUALIFIERS = ("exact", "more_than", "about", "up_to", "less_than", "at_least")
SOURCE_TYPES = ("official", "spokesperson", "local_sources", "activists", "agency", "outlet", "witness", "unknown")

#: Sentence benchmark families (arabic_event_gsr): which ACLED event types make a positive sentence.
GSR_FAMILIES: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset(t.value for t in VIOLENT),
    "PROTEST": frozenset(t.value for t in DEMONSTRATIONS),
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
    """One key per governorate, whatever the spelling: the gold's GeoNames/OCHA names ("Muhafazat al
    Hudaydah", "Liban-Sud", "Shamal Kurdufan") and rasid's ACLED names ("Al Hudaydah", "South", "North
    Kordofan") go through `canonical_admin1` first."""
    key = fold(canonical_admin1(name))
    return _ADMIN1_ALIASES.get(key, key)


def in_bbox(lat: float, lon: float) -> bool:
    """Inside one of the countries rasid codes (a typo such as swapped latitude/longitude lands outside)."""
    return any(c.contains(lat, lon, margin=0.2) for c in COUNTRIES.values() if c.coded)
