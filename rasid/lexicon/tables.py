"""The lexicon folder's other tables: months, counted units, attribution cues, person-name cues.

Each loader reads the files `LexiconFiles.paths` names (bundled, then the override folder), checks
every row and raises `LexiconError` with the file and line; the text and extraction stages get typed
tables and never read a file themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rasid.lexicon.loader import LexiconFiles, read_clitics
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
PROPOSITIONS = ("negotiations", "truce", "agreement", "control", "withdrawal", "weapon_use", "responsibility")
#: The cue kinds that open an attribution (the other kinds are only read in sentences with one of them).
_TRIGGER_KINDS = frozenset({"verb", "source", "deny", "speculate"})


@dataclass(slots=True)
class AttributionCue:
    kind: str  # one of ATTRIBUTION_KINDS
    value: str  # a stance, a source type (speaker) or a proposition


class AttributionCues:
    """Reported-speech verbs, sourcing phrases, stance cues, speaker nouns and propositions."""

    def __init__(self, entries: list[tuple[str, AttributionCue]], clitics: dict[str, str] | None = None) -> None:
        """`clitics`: form -> its own clitic class (`rasid.text.matcher.CLITIC_CLASSES`)."""
        self.entries = entries
        # verbs and sourcing phrases never take the article ("بالاضافه" is not "اضاف")
        self.triggers: LexiconMatcher[AttributionCue] = LexiconMatcher(
            [e for e in entries if e[1].kind in _TRIGGER_KINDS], article=False, suffixes=INFLECTION_SUFFIXES,
            clitics=clitics)
        #: speaker nouns and propositions: read only in sentences where `triggers` found something
        self.others: LexiconMatcher[AttributionCue] = LexiconMatcher(
            [e for e in entries if e[1].kind not in _TRIGGER_KINDS], article=True, suffixes=INFLECTION_SUFFIXES,
            clitics=clitics)
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
    clitics: dict[str, str] = {}
    for path in files.paths("attribution.tsv"):
        for row in read_tsv(path, ("form", "kind", "value")):
            kind, value = row.get("kind"), row.get("value")
            if kind not in ATTRIBUTION_KINDS:
                raise row.error(f"kind must be one of {', '.join(ATTRIBUTION_KINDS)}")
            allowed = {"speaker": SOURCE_TYPES, "proposition": PROPOSITIONS}.get(kind, STANCES)
            if value not in allowed:
                raise row.error(f"value {value!r} is not one of {', '.join(allowed)}")
            entries.append((row.get("form"), AttributionCue(kind, value)))
            read_clitics(row, row.get("form"), clitics)
    return AttributionCues(entries, clitics)


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


# --- word lists (place_words.tsv, frame_words.tsv, event_words.tsv, claim_words.tsv) ------------------------
_REGEX_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_FORBIDDEN = _REGEX_SPECIAL - {"*"}  # in a word-list form


def form_regex(form: str) -> str:
    """The regular expression of a word-list form: the letters as written, a final `*` for any word
    letters after them (an inflected verb: "استهدف*")."""
    wild = form.endswith("*")
    body = "".join("\\" + c if c in _REGEX_SPECIAL else c for c in (form[:-1] if wild else form))
    return body + ("\\w*" if wild else "")


class WordList(NamedTuple):
    """One named list of a word-list file: its forms (normalised, in file order) and their values."""

    name: str
    forms: tuple[str, ...]
    values: tuple[str, ...]

    @property
    def words(self) -> frozenset[str]:
        return frozenset(self.forms)

    def mapping(self) -> dict[str, str]:
        """form -> value (the first row of a form wins)."""
        out: dict[str, str] = {}
        for form, value in zip(self.forms, self.values, strict=True):
            out.setdefault(form, value)
        return out

    def alternation(self) -> str:
        """The forms as one regex alternation, in file order (the rules wrap it in their own pattern)."""
        return "|".join(form_regex(f) for f in self.forms)


class ListSpec(NamedTuple):
    """What a list holds (the file's comment says it too) and the values its rows may carry."""

    doc: str
    values: tuple[str, ...] | None = None  # None: no value; (): any non-empty value; else one of these ("" = none)
    wildcard: bool = False  # forms may end in `*`


class WordLists:
    """The lists of one word-list file, by name."""

    def __init__(self, lists: dict[str, WordList]) -> None:
        self._lists = lists

    def __getitem__(self, name: str) -> WordList:
        return self._lists[name]

    def alt(self, name: str) -> str:
        """`self[name].alternation()`: the list as a regex alternation, for the rules' patterns."""
        return self._lists[name].alternation()

    def __len__(self) -> int:
        return sum(len(w.forms) for w in self._lists.values())


def load_word_lists(files: LexiconFiles, filename: str, specs: dict[str, ListSpec]) -> WordLists:
    """Rows `list<TAB>form[<TAB>value]`: every list of `specs`, checked (known list, letters and spaces, no
    duplicate, the values the list allows); forms are normalised as the text is; a list with no row is an
    error too."""
    forms: dict[str, list[str]] = {name: [] for name in specs}
    values: dict[str, list[str]] = {name: [] for name in specs}
    for path in files.paths(filename):
        for row in read_tsv(path, ("list", "form")):
            name, value = row.get("list"), row.get("value")
            form = " ".join(normalize(row.get("form")).split())  # "قرية" is read as "قريه", as in the text
            spec = specs.get(name)
            if spec is None:
                raise row.error(f"unknown list {name!r} (known: {', '.join(sorted(specs))})")
            if "*" in form[:-1] or (form.endswith("*") and not spec.wildcard):
                raise row.error(f"'*' is only allowed at the end of a form of a list that allows it, not in {form!r}")
            if not _FORBIDDEN.isdisjoint(form):
                raise row.error(f"{form!r}: write letters and spaces only")
            if form in forms[name]:
                raise row.error(f"{form!r} is already in list {name!r}")
            if spec.values is None and value:
                raise row.error(f"list {name!r} takes no value")
            if spec.values == () and not value:
                raise row.error(f"list {name!r} needs a value")
            if spec.values and value not in spec.values:
                raise row.error(f"value {value!r} is not one of {', '.join(v or '(empty)' for v in spec.values)}")
            forms[name].append(form)
            values[name].append(value)
    first = files.paths(filename)[0]
    for name in specs:
        if not forms[name]:
            from rasid.lexicon.tsv import LexiconError

            raise LexiconError(f"{first}:1: list {name!r} has no entries")
    return WordLists({n: WordList(n, tuple(forms[n]), tuple(values[n])) for n in specs})


#: Gazetteer features a place cue can imply ("" = any); the same set as `rasid.geo.gazetteer.FEATURES`.
PLACE_FEATURES = ("populated", "neighbourhood", "admin1", "country", "region", "camp", "field", "crossing", "base",
                  "airport", "desert", "road", "river", "dam", "bridge", "mountain", "prison", "lake", "landmark")

#: Every word-list file and its lists (each file's comments say what the lists do).
WORD_LIST_FILES: dict[str, dict[str, ListSpec]] = {
    "place_words.tsv": {
        "place_cue": ListSpec("a word before a place name and the feature it implies", ("", *PLACE_FEATURES)),
        "near_cue": ListSpec("a place cue that makes the mention 'near X'"),
        "vicinity_word": ListSpec("a word before a place (or its cue) that puts the event around it, not in it"),
        "preposition": ListSpec("lets a weak name count as a place"),
        "direction": ListSpec("an adjective after a place", ("eastern", "western", "northern", "southern")),
        "compass_cue": ListSpec("a direction cue before a place", ("east", "west", "north", "south")),
        "container_cue": ListSpec("a cue that makes the second of two places contain the first"),
        "container_glue": ListSpec("words between two places that make the second contain the first"),
        "list_cue": ListSpec("a plural cue shared by the و-joined names after it"),
        "media": ListSpec("a word that makes the name after it a media outlet"),
        "neighbourhood_head": ListSpec("a first word of an unknown neighbourhood's name"),
        "not_neighbourhood": ListSpec("a word after حي that names no neighbourhood"),
        "settlement_cue": ListSpec("a word before a village or town name, known or not"),
        "anchored_cue": ListSpec("a settlement cue whose unknown name counts only where the glue places it in a "
                                 "known place"),
        "village_cue": ListSpec("a cue that names a village or small town (a namesake far from where the text "
                                "puts it is not that village)"),
        "not_name": ListSpec("a word after a settlement cue that names no place"),
        "name_head": ListSpec("the first word of a two-word place name"),
        "name_tail": ListSpec("the last word of a two-word place name"),
        "same_place": ListSpec("a phrase naming the place named last"),
        "spelling_letter": ListSpec("a letter of a village's name that may be written as one of the "
                                    "value's letters", ()),
        "spelling_vowel": ListSpec("a long vowel a village's name may be written with or without"),
        "side_word": ListSpec("a side or the outskirts of a place, before a direction adjective and ل/من"),
        "near_noun": ListSpec("a noun of nearness before من ('على مقربة من X')"),
        "single_settlement_cue": ListSpec("a singular town, village or camp cue: a compass word before it puts "
                                          "the event near the place"),
    },
    "frame_words.tsv": {
        "actor2_mark": ListSpec("before an actor: the target", wildcard=True),
        "target_mark": ListSpec("before an actor: surely what was hit, never the attacker", wildcard=True),
        "perpetrator_mark": ListSpec("before a group: the one behind an attack"),
        "suspected": ListSpec("'يعتقد انهم من': the suspected group"),
        "associate_mark": ListSpec("before an actor: a backer", wildcard=True),
        "backer_mark": ListSpec("a word or two before an actor: a backer", wildcard=True),
        "holder_mark": ListSpec("before an actor: who holds the place a strike hit"),
        "protest_target": ListSpec("before an actor: what a protest is against", wildcard=True),
        "protest_gather": ListSpec("a protest trigger itself: people gathering or marching", wildcard=True),
        "protest_chant": ListSpec("a protest trigger itself: chanting or banners", wildcard=True),
        "negation": ListSpec("before a cue: negates it"),
        "planted": ListSpec("before an IED word: planted, not exploded"),
        "failed": ListSpec("before an interception word of its clause: the interception failed"),
        "crowd_control": ListSpec("after a bomb word: a crowd-control device (tear gas, stun grenade), not an explosive"),
        "future_word": ListSpec("before a trigger: planned"),
        "future_after": ListSpec("right after a trigger noun: a future verb of happening, planned"),
        "plot": ListSpec("between 'محاولة' and a trigger: a plot"),
        "control_state": ListSpec("before 'سيطرة': who holds a place"),
        "battle_name": ListSpec("before a takeover word: a battle's name"),
        "partial": ListSpec("after a takeover word: part of a place"),
        "rescue": ListSpec("after 'حرر': people freed", wildcard=True),
        "release": ListSpec("a word of freeing before a relative abduction: a release is told, not the abduction"),
        "hostage": ListSpec("a few words after an arrest word: the people held are hostages, an abduction"),
        "former_mark": ListSpec("before an actor: a former or alleged member, not a party"),
        "former_after": ListSpec("right after an actor: a former member of it, not a party"),
        "relative": ListSpec("before a present-tense trigger: a description, not an event"),
        "seized_object": ListSpec("after a takeover word: things seized, not a place"),
        "no_resistance": ListSpec("in a takeover sentence: no fight"),
        "raid": ListSpec("a takeover word that is a raid when a foreign force does it", wildcard=True),
        "charge_mark": ListSpec("before a trigger: what someone is charged with", wildcard=True),
        "generic_quantifier": ListSpec("before a trigger noun: every or any such event"),
        "halt": ListSpec("before a trigger noun: stopping, ending or banning such violence, no event"),
        "interception": ListSpec("near a clash word: air defence meeting a strike, not a battle"),
        "march_lead": ListSpec("before 'مسيرة': people or a verb that make it a march", wildcard=True),
        "drone_mark": ListSpec("near 'مسيرة': a word that keeps it a drone", wildcard=True),
        "other_clause": ListSpec("between an aircraft word and a bombardment word: another strike"),
        "cause_mark": ListSpec("before a takeover word: what the fighting was about, not the event"),
        "no_one_hurt": ListSpec("in a strike's sentence: no one was hurt, or no human loss is known"),
        "base_alias": ListSpec("first word of an actor's alias that names its base: what was hit, the target"),
        "origin_mark": ListSpec("right before an actor named by its base: where the attack came from"),
        "loss_word": ListSpec("after an actor, before its members: a death or a wound ('مقتل أحد عناصره')"),
        "mourn": ListSpec("before an actor: it mourns (its members were killed: 'نعى X أحد مقاتليه')"),
        "member_noun": ListSpec("members of a force, written with a possessive pronoun after it ('عناصره')"),
    },
    "event_words.tsv": {
        "list_noun": ListSpec("a settlement noun inside a list of places"),
        "coordinated_area": ListSpec("area words before a coordinated place group"),
        "coordinated_noun": ListSpec("settlement nouns of a coordinated place group"),
        "nesting_glue": ListSpec("between two places: the second says where the first is"),
        "compass": ListSpec("directions of 'شمال X'"),
        "container_noun": ListSpec("the area noun before a containing place"),
        "list_intro_noun": ListSpec("a plural place noun introducing the event's places"),
        "list_intro_verb": ListSpec("a verb introducing the event's places"),
        "weapon_held": ListSpec("before a weapon word: carried, found or seized", wildcard=True),
        "about": ListSpec("qualifiers of a figure of years"),
        "years": ListSpec("plural and dual of 'year'"),
        "origin": ListSpec("before a place: where the attack came from", wildcard=True),
        "other_clause": ListSpec("between a trigger and a place: the place is another clause's"),
        "again_clause": ListSpec("just before a second trigger of the event's kind: the same kind of event at another place"),
        "context_clause": ListSpec("between a trigger and a year after it: the year is a side clause's history"),
        "another": ListSpec("right after a trigger word: another event of its kind ('هجوم مماثل', 'غارة أخرى')"),
        "ground_fire": ListSpec("in a bombardment word: artillery, mortars or rockets, a means of its own", wildcard=True),
        "opinion": ListSpec("generic cues that judge what was told: after the trigger, in a clause of their own, no talk"),
        "death_word": ListSpec("a word of dying right before a singular victim: one death"),
        "death_skip": ListSpec("a time word between a death word and its victim"),
        "died": ListSpec("one person died, where nothing is counted (a pronoun after it: 'هما' two)"),
        "vague_victim": ListSpec("a victims noun that covers the wounded: a vague count of it is no deaths"),
        "period_before": ListSpec("before a count of days: the sentence's toll is over that period"),
        "since": ListSpec("right before a date: the sentence's toll is a total since then"),
        "short_period": ListSpec("a duration too short for a toll over several events (hours, minutes)"),
    },
    "sentence_words.tsv": {
        "open_end": ListSpec("a line ending with it goes on in the next line"),
    },
    "claim_words.tsv": {
        "speaker_stop": ListSpec("ends a speaker phrase"),
        "speaker_skip": ListSpec("left out at the start of a speaker phrase read backwards"),
        "subset": ListSpec("the figure after it is part of the one before"),
        "contrast": ListSpec("between two figures: rival reports"),
        "generic_role": ListSpec("a head noun that takes the type of its body"),
        "body_adjective": ListSpec("a speaker noun that is an adjective after a word when a body follows it"),
        "anaphoric_source": ListSpec("the sources named before"),
        "source_head": ListSpec("a source noun whose phrase goes on after 'في'"),
        "square": ListSpec("'مربع' after a kilometre word"),
        "distance_cue": ListSpec("a word before a length"),
        "compass": ListSpec("a direction after a length"),
        "area_noun": ListSpec("an area noun before a bare unit"),
        "bare_unit": ListSpec("a unit with no figure: one of it"),
        "reject_cue": ListSpec("before a proposition: stance reject"),
        "object_prep": ListSpec("introduces the object of the propositions in its value", ()),
        "object_stop": ListSpec("ends the object of a proposition"),
        "others": ListSpec("more people of the unit counted before"),
        "other_one": ListSpec("one more person of the unit counted before ('واصابه اخر')"),
        "qualifier_skip": ListSpec("between a casualty cue and its figure"),
        "time_word": ListSpec("a bracket holding it is a time, not a name"),
        "aside": ListSpec("after a speech verb: an aside, not a statement"),
        "relative": ListSpec("a relative pronoun: a verb of saying after it sources no earlier figure"),
        "accuse": ListSpec("a verb of blame: a statement even from a narrator"),
        "count_noun": ListSpec("before a counted noun: a later figure with no noun counts it ('عدد القتلى')"),
        "clause_speculate": ListSpec("inside a reported statement: the statement is speculation"),
        "clause_deny": ListSpec("inside a reported statement: the statement is a denial"),
        "continuation": ListSpec("opens a sentence that goes on with the previous sentence's report"),
        "not_speech": ListSpec("spelled like a reported-speech verb, not one"),
        "unit_modifier": ListSpec("an adjective after a counted noun that makes it another unit (value: 'new old')", ()),
        "ordinal": ListSpec("an ordinal (no article) and its number: a running count of incidents", ()),
        "fall_cue": ListSpec("'fell': before 'N من' + a group, the people killed ('سقط 10 من الجانبين')"),
        "partitive_stop": ListSpec("after 'N من': a share or a total, not a group of people ('واحد من كل خمسة')"),
        "adds": ListSpec("'added': a verb of saying after a figure that says the figure was said too ('، وأضاف')"),
        "death_noun_cue": ListSpec("a verbal noun of death: before a definite civilian noun it counts one ('باستشهاد الطفلة')"),
        "lead_time": ListSpec("a time word between a verb of saying and its subject ('وقالت أمس الوزارة'; weekdays added)"),
        "passive_aux": ListSpec("before a verbal noun spelled like a speech verb: a passive, no report ('وتم نقلهم')"),
        "running_unit": ListSpec("a unit of incidents an ordinal counts ('الاستهداف السابع')"),
        "needs_speaker": ListSpec("a verb that reports speech only with a speaker noun after it"),
        "outlet_host": ListSpec("an outlet's host that is itself a source of another kind (value: its source type)",
                                ("activists", "agency", "official")),
        "estimated": ListSpec("'is estimated at' when a word in 'ب' follows ('تقدر بنحو'), not a speech verb"),
        "naming_verb": ListSpec("'is named' after an indefinite noun ('مواطنا يدعى'), spelled like a speech verb"),
        "no_casualty_negation": ListSpec("negates a casualty noun"),
        "casualty_noun": ListSpec("the casualty nouns it negates"),
        "damage_only": ListSpec("only material damage: no casualties"),
        "singular_cue": ListSpec("a casualty word before a singular counted noun"),
        "death_noun": ListSpec("a death noun that takes a pronoun"),
        "both_killed": ListSpec("'بين قتيل وجريح': the killed word"),
        "both_wounded": ListSpec("'بين قتيل وجريح': the wounded word"),
    },
}
