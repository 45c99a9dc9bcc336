"""The lexicon folder's other tables: months, counted units, attribution cues, person-name cues.

Each loader reads the files `LexiconFiles.paths` names (bundled, then the override folder), checks
every row and raises `LexiconError` with the file and line; the text and extraction stages get typed
tables and never read a file themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasid.lexicon.loader import LexiconFiles
from rasid.lexicon.tsv import read_tsv
from rasid.text.dates import MonthTable
from rasid.text.matcher import INFLECTION_SUFFIXES, LexiconMatcher
from rasid.text.normalize import normalize
from rasid.text.numbers import UnitEntry, Units


def load_months(files: LexiconFiles) -> MonthTable:
    """months.tsv: normalised token tuple -> (month number, family)."""
    table: MonthTable = {}
    for path in files.paths("months.tsv"):
        for row in read_tsv(path, ("form", "month", "family")):
            try:
                month = int(row.get("month"))
            except ValueError:
                raise row.error("month must be a number 1-12") from None
            if not 1 <= month <= 12:
                raise row.error("month must be 1-12")
            key = tuple(normalize(row.get("form")).split())
            fam = row.get("family")
            if key in table and (table[key][1] == "hijri") != (fam == "hijri"):
                raise row.error(f"{row.get('form')} is both a Hijri and a Gregorian month")
            table.setdefault(key, (month, fam))
    return table


def load_units(files: LexiconFiles) -> Units:
    """units.tsv: counted nouns and category cue words (normalised, without article or clitics)."""
    table: dict[str, UnitEntry] = {}
    for path in files.paths("units.tsv"):
        for row in read_tsv(path, ("form", "unit", "category", "number")):
            number = row.get("number")
            if number not in ("sg", "pl", "dual", "cue"):
                raise row.error(f"number must be sg|pl|dual|cue, not {number!r}")
            unit = row.get("unit")
            cat = row.get("category")
            table[normalize(row.get("form"))] = UnitEntry("" if unit == "-" else unit, "" if cat == "-" else cat,
                                                          number)
    return Units(table)


# --- attribution.tsv ---------------------------------------------------------------------------------------
ATTRIBUTION_KINDS = ("verb", "source", "deny", "speculate", "speaker", "proposition")
STANCES = ("affirm", "deny", "speculate")
SOURCE_TYPES = ("official", "spokesperson", "local_sources", "activists", "agency", "outlet", "witness", "unknown")
PROPOSITIONS = ("negotiations", "truce", "agreement", "control", "weapon_use")
#: The cue kinds that open an attribution (the other kinds are only read in sentences with one of them).
_TRIGGER_KINDS = frozenset({"verb", "source", "deny", "speculate"})


@dataclass(slots=True)
class AttributionCue:
    kind: str  # one of ATTRIBUTION_KINDS
    value: str  # a stance, a source type (speaker) or a proposition


class AttributionCues:
    """Reported-speech verbs, sourcing phrases, stance cues, speaker nouns and propositions."""

    def __init__(self, entries: list[tuple[str, AttributionCue]]) -> None:
        self.entries = entries
        # verbs and sourcing phrases never take the article ("بالاضافه" is not "اضاف")
        self.triggers: LexiconMatcher[AttributionCue] = LexiconMatcher(
            [e for e in entries if e[1].kind in _TRIGGER_KINDS], article=False, suffixes=INFLECTION_SUFFIXES)
        #: speaker nouns and propositions: read only in sentences where `triggers` found something
        self.others: LexiconMatcher[AttributionCue] = LexiconMatcher(
            [e for e in entries if e[1].kind not in _TRIGGER_KINDS], article=True, suffixes=INFLECTION_SUFFIXES)
        forms = [(" ".join(normalize(f).split()), c.value) for f, c in entries if c.kind == "speaker"]
        self._speaker_forms = sorted(forms, key=lambda fv: -len(fv[0]))
        self.source_type_of = lru_cache(maxsize=4096)(self._source_type_of)

    def _source_type_of(self, text: str) -> str:
        """Source type named in a (normalised) speaker text: its longest speaker noun's, else "unknown"."""
        # plain substring tests, longest speaker noun first (the matcher is kept for document texts)
        padded = f" {text} "
        for form, value in self._speaker_forms:
            if f" {form} " in padded or f" ال{form} " in padded or f" و{form} " in padded:
                return value
        return "unknown"


def load_attribution(files: LexiconFiles) -> AttributionCues:
    entries: list[tuple[str, AttributionCue]] = []
    for path in files.paths("attribution.tsv"):
        for row in read_tsv(path, ("form", "kind", "value")):
            kind, value = row.get("kind"), row.get("value")
            if kind not in ATTRIBUTION_KINDS:
                raise row.error(f"kind must be one of {', '.join(ATTRIBUTION_KINDS)}")
            allowed = {"speaker": SOURCE_TYPES, "proposition": PROPOSITIONS}.get(kind, STANCES)
            if value not in allowed:
                raise row.error(f"value {value!r} is not one of {', '.join(allowed)}")
            entries.append((row.get("form"), AttributionCue(kind, value)))
    return AttributionCues(entries)


# --- person_cues.tsv ---------------------------------------------------------------------------------------
PERSON_ROLES = ("rank", "spokesman", "office", "stop")


def load_person_cues(files: LexiconFiles) -> dict[str, list[str]]:
    """person_cues.tsv: role -> normalised words (ranks, spokesman titles, offices, stop words)."""
    words: dict[str, list[str]] = {role: [] for role in PERSON_ROLES}
    for path in files.paths("person_cues.tsv"):
        for row in read_tsv(path, ["word", "role"]):
            if row.get("role") not in PERSON_ROLES:
                raise row.error(f"role must be one of {', '.join(PERSON_ROLES)}")
            words[row.get("role")].append(normalize(row.get("word")))
    return words
