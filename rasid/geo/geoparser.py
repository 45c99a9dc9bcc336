"""Find and resolve place mentions (interface; the gazetteer work fills it in).

Offsets of `PlaceMention` are normalised offsets (see `rasid.text.numbers`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rasid.text.normalize import NormText


@dataclass(slots=True)
class PlaceMention:
    start: int  # span of the whole mention incl. cue words ("ريف دير الزور الشرقي")
    end: int
    name: str  # ACLED `location` value (English), e.g. "Deir ez-Zor", "Hajin", "Deir ez-Zor - Hamidiyeh"
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1  # 1 town/village/neighbourhood, 2 near/small area, 3 region
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso: int | None = None  # ISO 3166 numeric (Syria 760, Iraq 368)
    feature: str = "populated"  # populated | neighbourhood | region | admin1 | country | camp | field | ...
    role: str = "mention"  # mention | dateline | clock  (datelines and clocks are never event places)
    why: list[str] = field(default_factory=list)  # ranking explanation for debug views


class Geoparser:
    def parse(self, nt: NormText) -> list[PlaceMention]:
        """Place mentions in document order, each resolved (or left unresolved: lat/lon None)."""
        return []


_INSTANCE: Geoparser | None = None


def get_geoparser() -> Geoparser:
    """The process-wide geoparser, loaded once on first use."""
    global _INSTANCE
    if _INSTANCE is None:
        _INSTANCE = Geoparser()
    return _INSTANCE
