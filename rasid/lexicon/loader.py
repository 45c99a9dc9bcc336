"""Load and validate the lexicons (actors, event triggers, cue words) from their TSV data files.

The files ship in `rasid/data/lexicon/`; an analyst can add entries there or in a directory named by
`RASID_LEXICON_DIR` (same file names, same columns), which is read after the bundled files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasid.lexicon.tsv import LexiconError, Row, has_arabic, read_tsv
from rasid.text.matcher import INFLECTION_SUFFIXES, LexiconMatcher
from rasid.text.normalize import normalize

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"

TRIGGER_KINDS = frozenset({
    "territory", "clash", "attack", "kill", "shoot", "strike_air", "shelling", "suicide", "ied", "grenade",
    "chemical", "assassination", "execution", "abduction", "sexual", "arrest", "agreement", "surrender",
    "withdraw", "looting", "base", "disrupted", "change", "protest", "riot", "mob",
})
TRIGGER_POS = ("verb", "present", "noun", "instrument")
CUE_KINDS = frozenset({"air", "deny", "plan", "attempt", "background", "claim", "both_sides", "intervention",
                       "anchor", "legal", "generic", "occur", "earlier", "aggregate",
                       "excessive", "commentary", "fire"})
ACTOR_KINDS = frozenset({"armed", "generic", "organization"})


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    canonical: str  # may hold {country}; "@state" means the state forces of the event's country
    inter: int
    kind: str
    country: str
    parent: str
    focus: str
    government_side: bool = False  # state forces, or a militia fighting in a government campaign


@dataclass(frozen=True, slots=True)
class ActorAlias:
    actor: Actor
    anaphoric: bool  # "التنظيم": refers to the actor of the same focus class last named


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: str
    kind: str
    pos: str
    weight: float


@dataclass(slots=True)
class Lexicon:
    actors: dict[str, Actor]
    actor_matcher: LexiconMatcher[ActorAlias]
    trigger_matcher: LexiconMatcher[Trigger]
    cue_matcher: LexiconMatcher[str]

    def state_actor(self, iso2: str | None) -> Actor | None:
        """The national armed forces of a country (first state actor listed for it)."""
        for actor in self.actors.values():
            if actor.country == iso2 and actor.inter == 1 and actor.kind == "armed":
                return actor
        return None


def _files(name: str, directory: Path | None) -> list[Path]:
    base = directory or DATA_DIR
    files = [base / name]
    extra = os.environ.get("RASID_LEXICON_DIR")
    if extra and directory is None and (Path(extra) / name).is_file():
        files.append(Path(extra) / name)
    return files


def _int(row: Row, column: str, low: int, high: int) -> int:
    try:
        value = int(row.get(column))
    except ValueError:
        raise row.error(f"'{column}' must be an integer, not {row.get(column)!r}") from None
    if not low <= value <= high:
        raise row.error(f"'{column}' must be between {low} and {high}, not {value}")
    return value


#: Head nouns that news puts outside the quotes of a group's name: تنظيم «الدولة», هيئة "تحرير الشام".
_GROUP_HEADS = frozenset(normalize(w) for w in (
    "تنظيم", "حركة", "هيئة", "جبهة", "قوات", "ميليشيا", "مليشيا", "لواء", "فصيل", "جيش", "كتائب", "حزب", "جماعة",
    "فرقة", "تجمع", "غرفة"))


def _load_actors(directory: Path | None) -> tuple[dict[str, Actor], list[tuple[str, ActorAlias]]]:
    actors: dict[str, Actor] = {}
    aliases: list[tuple[str, ActorAlias]] = []
    owner: dict[str, tuple[str, Row]] = {}
    parents: list[tuple[Row, str]] = []
    for path in _files("actors.tsv", directory):
        for row in read_tsv(path, ["id", "canonical", "inter", "kind", "aliases_ar"]):
            actor_id = row.get("id")
            if actor_id in actors:
                raise row.error(f"duplicate actor id '{actor_id}'")
            kind = row.get("kind")
            if kind not in ACTOR_KINDS:
                raise row.error(f"kind must be one of {sorted(ACTOR_KINDS)}, not {kind!r}")
            inter = _int(row, "inter", 0, 8)
            side = row.get("side")
            if side not in ("", "government"):
                raise row.error(f"side must be empty or 'government', not {side!r}")
            actor = Actor(actor_id, row.get("canonical"), inter, kind, row.get("country"), row.get("parent"),
                          row.get("focus") or actor_id, government_side=inter == 1 or side == "government")
            actors[actor_id] = actor
            if actor.parent:
                parents.append((row, actor.parent))
            for alias in row.many("aliases_ar") + row.many("aliases_en"):
                anaphoric = alias.startswith("~")
                surface = alias.lstrip("~").strip()
                key = normalize(surface)
                if alias in row.many("aliases_ar") and not has_arabic(surface):
                    raise row.error(f"Arabic alias {surface!r} has no Arabic letters")
                if key in owner and owner[key][0] != actor_id:
                    other = owner[key][1]
                    raise row.error(f"alias {surface!r} already belongs to '{owner[key][0]}' (line {other.line})")
                owner[key] = (actor_id, row)
                aliases.append((surface, ActorAlias(actor, anaphoric)))
                head, _, name = surface.partition(" ")
                if name and normalize(head) in _GROUP_HEADS:
                    aliases.append((f'{head} "{name}"', ActorAlias(actor, anaphoric)))  # تنظيم «الدولة»
    for row, parent in parents:
        if parent not in actors:
            raise row.error(f"parent '{parent}' is not a known actor id")
    return actors, aliases


def _load_triggers(directory: Path | None) -> list[tuple[str, Trigger]]:
    out: list[tuple[str, Trigger]] = []
    for path in _files("triggers.tsv", directory):
        for row in read_tsv(path, ["pattern", "kind", "pos", "weight"]):
            kind = row.get("kind")
            if kind not in TRIGGER_KINDS:
                raise row.error(f"unknown trigger kind {kind!r} (known: {', '.join(sorted(TRIGGER_KINDS))})")
            if row.get("pos") not in TRIGGER_POS:
                raise row.error(f"pos must be one of {', '.join(TRIGGER_POS)}")
            try:
                weight = float(row.get("weight"))
            except ValueError:
                raise row.error(f"weight must be a number, not {row.get('weight')!r}") from None
            if not 0 < weight <= 1:
                raise row.error("weight must be in (0, 1]")
            pattern = row.get("pattern")
            if not has_arabic(pattern):
                raise row.error(f"pattern {pattern!r} has no Arabic letters")
            out.append((pattern, Trigger(normalize(pattern), kind, row.get("pos"), weight)))
    return out


def _load_cues(directory: Path | None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for path in _files("cues.tsv", directory):
        for row in read_tsv(path, ["pattern", "cue"]):
            if row.get("cue") not in CUE_KINDS:
                raise row.error(f"unknown cue {row.get('cue')!r} (known: {', '.join(sorted(CUE_KINDS))})")
            out.append((row.get("pattern"), row.get("cue")))
    return out


def build_lexicon(directory: Path | None = None) -> Lexicon:
    """Load every lexicon file of `directory` (default: the bundled data), raising `LexiconError`."""
    actors, aliases = _load_actors(directory)
    return Lexicon(
        actors=actors,
        actor_matcher=LexiconMatcher(aliases, article=False),
        trigger_matcher=LexiconMatcher(_load_triggers(directory), article=True, suffixes=INFLECTION_SUFFIXES),
        cue_matcher=LexiconMatcher(_load_cues(directory), article=True, suffixes=INFLECTION_SUFFIXES),
    )


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The process-wide lexicon, loaded once on first use."""
    return build_lexicon()


__all__ = ["Actor", "ActorAlias", "Lexicon", "LexiconError", "Trigger", "build_lexicon", "get_lexicon"]
