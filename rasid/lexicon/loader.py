"""Load and validate the lexicons (actors, event triggers, cue words) from their TSV data files.

The files ship in `rasid/data/lexicon/`; an analyst can add entries there or in an override folder
(`RASID_LEXICON_DIR`, or `load_resources(path)`): same file names, same columns, read after the
bundled files. `LexiconFiles` says which files a table is read from; every table of the folder goes
through it (`rasid.lexicon.tables` for the word lists, months, units and cues of the other stages).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from rasid.lexicon.tsv import LexiconError, Row, has_arabic, read_tsv
from rasid.text.matcher import CLITIC_CLASSES, INFLECTION_SUFFIXES, LexiconMatcher
from rasid.text.normalize import normalize

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"

TRIGGER_KINDS = frozenset({
    "territory", "clash", "attack", "kill", "shoot", "strike_air", "shelling", "suicide", "ied", "grenade",
    "chemical", "assassination", "execution", "abduction", "sexual", "arrest", "agreement", "surrender",
    "withdraw", "looting", "base", "disrupted", "change", "protest", "riot", "mob",
})
TRIGGER_POS = ("verb", "present", "noun", "instrument")
CUE_KINDS = frozenset({"air", "deny", "plan", "attempt", "background", "claim", "both_sides", "intervention",
                       "anchor", "legal", "generic", "occur", "earlier", "earlier_of", "aggregate",
                       "excessive", "commentary", "was", "fire", "source", "none"})
#: "none": words spelled like an actor's alias that name something else ("القاعدة العسكرية", a military base, not
#: al-Qaeda); matched only so that the shorter alias inside them is not read, never a mention.
ACTOR_KINDS = frozenset({"armed", "generic", "organization", "none"})
#: Canonical names that stand for an actor of the event's country: its state forces, its police.
PLACEHOLDERS = ("@state", "@police")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


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
    country: str = ""  # ISO2: the alias means this actor only in events of that country ("الجيش الوطني@YE")


def pick_alias(aliases: Sequence[ActorAlias], country: str | None) -> ActorAlias:
    """The alias meant in a story of `country`: the one scoped to that country, else the unscoped one
    (else the first listed)."""
    if len(aliases) == 1:
        return aliases[0]
    unscoped = None
    for alias in aliases:
        if alias.country and alias.country == country:
            return alias
        if not alias.country and unscoped is None:
            unscoped = alias
    return unscoped or aliases[0]


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
    #: (placeholder, ISO2) -> the actor it stands for there (the `serves_as` column of actors.tsv)
    serves_as: dict[tuple[str, str], Actor] = field(default_factory=dict)
    #: actor id -> (the actor it is coded as, the ids of which one named in the article makes it so): the
    #: `coded_as` column of actors.tsv ("جبهة النصرة" in an article naming HTS or a later group is HTS)
    coded_as: dict[str, tuple[Actor, frozenset[str]]] = field(default_factory=dict)
    #: normalised aliases that open with a trigger word but are the tail of a longer name of the same actor
    #: ("تحرير الشام" of هيئة تحرير الشام): the word is part of a name there, not a trigger
    name_tails: frozenset[str] = frozenset()

    def state_actor(self, iso2: str | None) -> Actor | None:
        """The state forces of a country: the actor that `serves_as` '@state' there (Israel's forces in
        Palestinian news), else the first state actor listed for it."""
        if iso2 is None:
            return None
        found = self.serves_as.get(("@state", iso2))
        if found is not None:
            return found
        for actor in self.actors.values():
            if actor.country == iso2 and actor.inter == 1 and actor.kind == "armed":
                return actor
        return None

    def police_actor(self, iso2: str | None) -> Actor | None:
        """The police of a country (`serves_as` '@police'), else its state forces."""
        if iso2 is None:
            return None
        return self.serves_as.get(("@police", iso2)) or self.state_actor(iso2)

    def concrete(self, actor: Actor, iso2: str | None) -> Actor | None:
        """The actor a placeholder ('@state', '@police') stands for in `iso2`; None when unknown there.
        Any other actor is itself."""
        if actor.canonical == "@state":
            return self.state_actor(iso2)
        if actor.canonical == "@police":
            return self.police_actor(iso2)
        return actor


class LexiconFiles(NamedTuple):
    """Where the lexicon tables come from: a folder (`base`, default the bundled one) and an optional
    override folder (`extra`) whose files of the same name are read after it, adding entries."""

    base: Path = DATA_DIR
    extra: Path | None = None

    @classmethod
    def default(cls) -> LexiconFiles:
        """The bundled folder, with $RASID_LEXICON_DIR as the override folder when it is set."""
        extra = os.environ.get("RASID_LEXICON_DIR")
        return cls(DATA_DIR, Path(extra) if extra else None)

    def paths(self, name: str) -> list[Path]:
        """The files to read for table `name`, in order (a base folder without it falls back on the
        bundled file)."""
        base = self.base / name
        files = [base if base.is_file() or self.base == DATA_DIR else DATA_DIR / name]
        if self.extra is not None and (self.extra / name).is_file():
            files.append(self.extra / name)
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


#: Marks that enclose a name in the normalised text: quotes (every kind becomes " or ') and brackets.
_ENCLOSURES = (('"', '"'), ("'", "'"), ("(", ")"), ("[", "]"))


def _enclosed_forms(surface: str) -> list[str] | None:
    """The alias and, when it is written enclosed ('"الشباب"', '(فتح)': a word that names the group only
    when set off), the same name in every other kind of quotes and brackets; None when an alias opens
    with a mark it does not close."""
    for opening, closing in _ENCLOSURES:
        if surface.startswith(opening):
            if not (surface.endswith(closing) and len(surface) > 2):
                return None
            inner = surface[1:-1].strip()
            return [surface] + [f"{a}{inner}{b}" for a, b in _ENCLOSURES if (a, b) != (opening, closing)]
    return [surface]


def _load_actors(
    files: LexiconFiles,
) -> tuple[dict[str, Actor], list[tuple[str, ActorAlias]], dict[tuple[str, str], Actor],
           dict[str, tuple[Actor, frozenset[str]]]]:
    actors: dict[str, Actor] = {}
    coded: list[tuple[Row, str, str, frozenset[str]]] = []  # (row, actor id, coded as, in company of)
    aliases: list[tuple[str, ActorAlias]] = []
    owner: dict[tuple[str, str], tuple[str, Row]] = {}  # (normalised alias, country scope) -> actor id
    parents: list[tuple[Row, str]] = []
    serves: dict[tuple[str, str], Actor] = {}
    listed: set[tuple[tuple[str, str], ActorAlias]] = set()  # (form, scope) of each alias entry, once
    for path in files.paths("actors.tsv"):
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
            if row.get("coded_as"):
                target, sep, company = row.get("coded_as").partition(":")
                ids = frozenset(c.strip() for c in company.split(",") if c.strip())
                if not sep or not target.strip() or not ids:
                    raise row.error(f"coded_as takes ID:ID,ID (coded as the first in articles naming one of the "
                                    f"others), not {row.get('coded_as')!r}")
                coded.append((row, actor_id, target.strip(), ids))
            for role in row.many("serves_as"):
                placeholder, _, cc = role.partition(":")
                if placeholder not in PLACEHOLDERS or not _COUNTRY_CODE.match(cc):
                    raise row.error(f"serves_as takes {' or '.join(PLACEHOLDERS)}:CC (ISO2), not {role!r}")
                if (placeholder, cc) in serves:
                    raise row.error(f"{placeholder} of {cc} is already '{serves[placeholder, cc].id}'")
                serves[placeholder, cc] = actor
            for alias in row.many("aliases_ar") + row.many("aliases_en"):
                anaphoric = alias.startswith("~")
                surface, _, scope = alias.lstrip("~").partition("@")
                surface, scope = surface.strip(), scope.strip()
                if "@" in alias and not _COUNTRY_CODE.match(scope):
                    raise row.error(f"alias {alias!r}: the country after '@' must be an ISO2 code such as YE")
                key = normalize(surface)
                if alias in row.many("aliases_ar") and not has_arabic(surface):
                    raise row.error(f"Arabic alias {surface!r} has no Arabic letters")
                if (key, scope) in owner and owner[key, scope][0] != actor_id:
                    other_id, other = owner[key, scope]
                    where = f" in {scope}" if scope else ""
                    raise row.error(f"alias {surface!r}{where} already belongs to '{other_id}' (line {other.line})")
                owner[key, scope] = (actor_id, row)
                entry = ActorAlias(actor, anaphoric, scope)
                forms = _enclosed_forms(surface)
                if forms is None:
                    raise row.error(f"alias {surface!r}: unbalanced quotes or brackets")
                head, _, name = surface.partition(" ")
                if name and normalize(head) in _GROUP_HEADS:
                    forms += [f"{head} {form}" for form in _enclosed_forms(f'"{name}"') or []]  # تنظيم «الدولة»
                for form in forms:
                    form_key = (normalize(form), scope)
                    if form != surface and owner.setdefault(form_key, (actor_id, row))[0] != actor_id:
                        continue  # a variant that another actor lists itself
                    if (form_key, entry) not in listed:
                        listed.add((form_key, entry))
                        aliases.append((form, entry))
    for row, parent in parents:
        if parent not in actors:
            raise row.error(f"parent '{parent}' is not a known actor id")
    coded_as: dict[str, tuple[Actor, frozenset[str]]] = {}
    for row, actor_id, target, ids in coded:
        for known in (target, *sorted(ids)):
            if known not in actors:
                raise row.error(f"coded_as: '{known}' is not a known actor id")
        coded_as[actor_id] = (actors[target], ids)
    return actors, aliases, serves, coded_as


def _load_triggers(files: LexiconFiles) -> tuple[list[tuple[str, Trigger]], dict[str, str]]:
    """The trigger entries, and the forms with their own clitic class (optional column `clitics`)."""
    out: list[tuple[str, Trigger]] = []
    clitics: dict[str, str] = {}
    for path in files.paths("triggers.tsv"):
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
            read_clitics(row, pattern, clitics)
    return out, clitics


def read_clitics(row: Row, form: str, clitics: dict[str, str]) -> None:
    """The row's optional `clitics` column (a class of `rasid.text.matcher.CLITIC_CLASSES`) into `clitics`."""
    name = row.get("clitics")
    if name:
        if name not in CLITIC_CLASSES:
            raise row.error(f"unknown clitics {name!r} (known: {', '.join(CLITIC_CLASSES)})")
        clitics[form] = name


def _load_cues(files: LexiconFiles) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The cue entries, and the forms with their own clitic class (optional column `clitics`)."""
    out: list[tuple[str, str]] = []
    clitics: dict[str, str] = {}
    for path in files.paths("cues.tsv"):
        for row in read_tsv(path, ["pattern", "cue"]):
            if row.get("cue") not in CUE_KINDS:
                raise row.error(f"unknown cue {row.get('cue')!r} (known: {', '.join(sorted(CUE_KINDS))})")
            out.append((row.get("pattern"), row.get("cue")))
            read_clitics(row, row.get("pattern"), clitics)
    return out, clitics


def build_lexicon(directory: Path | LexiconFiles | None = None) -> Lexicon:
    """Load the actors, triggers and cues of `directory` (a folder, or `LexiconFiles`; default: the
    bundled data with the $RASID_LEXICON_DIR override), raising `LexiconError` on a bad entry."""
    if isinstance(directory, LexiconFiles):
        files = directory
    else:
        files = LexiconFiles(directory) if directory is not None else LexiconFiles.default()
    actors, aliases, serves, coded_as = _load_actors(files)
    cues, cue_clitics = _load_cues(files)
    triggers, trigger_clitics = _load_triggers(files)
    trigger_matcher = LexiconMatcher(triggers, article=True, suffixes=INFLECTION_SUFFIXES, duals=True,
                                     clitics=trigger_clitics)
    return Lexicon(
        actors=actors,
        actor_matcher=LexiconMatcher(aliases, article=False),
        trigger_matcher=trigger_matcher,
        cue_matcher=LexiconMatcher(cues, article=True, suffixes=INFLECTION_SUFFIXES, clitics=cue_clitics),
        serves_as=serves,
        coded_as=coded_as,
        name_tails=_name_tails(aliases, trigger_matcher),
    )


def _name_tails(aliases: list[tuple[str, ActorAlias]], triggers: LexiconMatcher[Trigger]) -> frozenset[str]:
    """Aliases that open with a trigger word and are the name of a group of the same actor without its head
    word: "تحرير الشام" (هيئة تحرير الشام), not "مسيرة تركية" (طائرة مسيرة تركية: a drone told with its
    owner, an event of its own)."""

    def opens_with_trigger(key: str) -> bool:
        return any(t.start == len(t.prefix) for t in triggers.find(key))

    by_actor: dict[str, set[str]] = {}
    for surface, alias in aliases:
        by_actor.setdefault(alias.actor.id, set()).add(" ".join(normalize(surface).split()))
    out: set[str] = set()
    for keys in by_actor.values():
        for key in keys:
            if not opens_with_trigger(key):
                continue
            if any(f"{head} {key}" in keys for head in _GROUP_HEADS):
                out.add(key)
    return frozenset(out)


__all__ = ["PLACEHOLDERS", "Actor", "ActorAlias", "pick_alias", "Lexicon", "LexiconError", "LexiconFiles", "Trigger", "build_lexicon"]
