"""Find and resolve place mentions in normalised Arabic text.

Offsets of `PlaceMention` are normalised offsets (see `rasid.text.numbers`).

How a mention is found and resolved:
1. every gazetteer name is matched with the clitic-aware Aho-Corasick `LexiconMatcher`
   ("وبالسوسة", "لدير الزور");
2. cue words before the name (قرية، بلدة، حي، ريف، محافظة، أطراف، بادية، طريق ...) and a direction after it
   ("ريف دير الزور الشرقي") decide what kind of place is meant and how precise it is; names that are also
   common words (stopnames.tsv) need a cue word or a preposition;
3. datelines ("السوسة (سوريا) -") and clock stamps ("12:02 دمشق") are kept with role dateline/clock;
4. each candidate place is scored (country, governorates named in the article, distance to the other
   places, "X في Y" containment, dateline, cue/feature agreement, population) and the reasons are kept
   in `why` for the debug view (`rasid gazetteer parse`).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from rasid.extract.gated import Gated
from rasid.geo.admin import FOCUS, ISO2_BY_NAME, SECONDARY, haversine_km
from rasid.text.normalize import NormText

if TYPE_CHECKING:
    from rasid.geo.gazetteer import Gazetteer, Place
    from rasid.lexicon.tables import WordLists
    from rasid.text.matcher import Match, Scan


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
    place_id: str | None = None  # gazetteer id of the resolved place
    qualifier: str = ""  # e.g. "eastern countryside", "outskirts", "desert", "road to X"
    surface: str = ""  # the normalised text of the name itself
    candidates: int = 0  # how many gazetteer places carry this name
    #: the gazetteer lacks the place ("قرية X بريف Y" with X unknown): `surface` is its name as written,
    #: the coordinates are those of its anchor Y (precision 2), or None when nothing anchors it
    unresolved: bool = False
    #: the explanation, or how to write it on first read (extraction never reads it: see `why`)
    _why: list[str] | Callable[[], list[str]] = field(default_factory=list, repr=False, compare=False)

    @property
    def why(self) -> list[str]:
        """Ranking explanation for debug views, written on first read (dozens of mentions per article
        would otherwise format strings nobody reads)."""
        if callable(self._why):
            self._why = self._why()
        return self._why


# --- the words around place names: place_words.tsv (`PlaceWords`) -------------------------------------------
#: one adjective between a place and its container: "قاعدة حرير الجوية شمال أربيل"
_ADJECTIVE_GAP = re.compile(r"\s+ال\w+\s*,?\s*")
_WORD = re.compile(r"\w\w*")  # `\w+`, written to start with a class (the engine skips to it)
_DIRECTION_AFTER = re.compile(r"\s+(ال\w+)(?:\s+(ال\w+))?")
_NBH_BEFORE_CITY = re.compile(
    r"(?:^|\s)(?:[وب]?ال)?(?:حي|احياء)\s+(\"?[\w ]{2,25}?\"?)\s+(?:في|ب|بمدينه|في مدينه)\s*$")
#: the same before "بمدينة X" / "في مدينة X", whose cue word is already part of the city's mention
_NBH_BEFORE_CUED_CITY = re.compile(r"(?:^|\s)(?:[وب]?ال)?(?:حي|احياء)\s+(\"?[\w ]{2,25}?\"?)\s+(?:في\s*)?$")
#: What ends a clause (a window looked back into stops after the last of them).
_CLAUSE_PUNCT = re.compile(r"[.،,؛;:\n!؟?]")
_CLOCK_BEFORE = re.compile(r"(\d{1,2}[:.]\d{2}\s*(ص|م|صباحا|مساء|am|pm)?\s*(بتوقيت\s*)?|بتوقيت\s*)$")
_CLOCK_AFTER = re.compile(r"\s*[-|،,]?\s*\d{1,2}:\d{2}(?!\d)")
#: "X -", "X (سوريا) -", "X/ الأناضول", "X (رويترز):"; a bare "X:" is a headline about X, not a dateline
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^()\n]{1,40}\)\s*[-/:|]|[-/|])")
_DATELINE_AFTER2 = re.compile(r"^\s*،\s*[^\n.]{0,40}?\([^()\n]{1,40}\)\s*(-|:)")
_NBH_LINK = re.compile(r"\s*(\"\s*)?(\)\s*)?(?:(?:في|وسط|ضمن|غرب|شرق|شمال|جنوب|غربي|شرقي|شمالي|جنوبي)"
                       r"(?:\s+(?:مدينه|بمدينه))?|بمدينه)\s*")
#: "حي " and "احياء " searched apart: each starts with a literal the engine skips to, while the alternation's
#: first-letter set (ح, ا) stops at every alef; neither can overlap the other, so their starts merged are the
#: alternation's matches
_NBH_WORDS = (re.compile(r"حي\s"), re.compile(r"احياء\s"))


def _unknown_nbh_matches(norm: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """`PlaceWords.unknown_nbh` matches, found from the (rare) places where "حي " or "احياء " occurs."""
    out = []
    for start in sorted([m.start() for m in _NBH_WORDS[0].finditer(norm)]
                        + [m.start() for m in _NBH_WORDS[1].finditer(norm)]):
        ws = start
        while ws > 0 and start - ws < 4 and norm[ws - 1] not in ' \n\t"(':
            ws -= 1
        m = pattern.match(norm, ws)
        if m:
            out.append(m)
    return out


_STRIP_CLITICS = ("وب", "فب", "ول", "فل", "وك", "و", "ف", "ب", "ل", "ك")


class PlaceWords(NamedTuple):
    """The word lists of place_words.tsv, as the geoparser reads them (a word may sit in several)."""

    cue_feature: dict[str, str]  # place cue -> the feature it implies ("" = any)
    near: frozenset[str]  # cues that make a mention "near X" (precision 2)
    vicinity: frozenset[str]  # "بين بلدتي X وY", "خارج X": words before a place (or its cue) that put the event around it
    prepositions: frozenset[str]  # let a weak name count as a place
    directions: dict[str, str]  # "الشرقي" -> "eastern"
    compass: dict[str, str]  # "شرق" -> "east"
    container_cues: frozenset[str]  # "قرية X شمال Y": the second contains the first
    list_cues: frozenset[str]  # plural/dual cues whose following "و"-joined names share them
    media: frozenset[str]  # "مراسل الميادين": the outlet, not the town
    not_nbh: frozenset[str]  # "الحي السكني": no neighbourhood's name
    settlement_cues: Gated  # "قرية X", "وبقرى X": a village name follows, known or not
    village_cues: frozenset[str]  # "بلدة X بريف Y": a village, not a far namesake of X
    anchored_cues: frozenset[str]  # "منطقة X شرق Y": an unknown name only with a container
    not_name: frozenset[str]  # "قرية صغيرة": a word after a settlement cue that names nothing
    name_head: frozenset[str]  # "تل X", "عين X": the first word of a two-word name
    name_tail: frozenset[str]  # "X الكبيرة", "X التحتاني": the last word of a two-word name
    same_place: Gated  # "في نفس المنطقة", "البلدة ذاتها": the place named last
    gap_contain: re.Pattern[str]  # "X بريف Y": the words between make Y contain X
    spelling_letters: dict[str, str]  # "ت" -> "ط": a letter of a village's name and the letters it may be written as
    spelling_vowels: frozenset[str]  # "ا", "و", "ي": long vowels a village's name may be written with or without
    unknown_nbh: re.Pattern[str]  # "حي <name>" where the gazetteer lacks the name
    side_words: frozenset[str]  # "الأطراف الغربية لبلدة X": a side or the outskirts of the place
    near_nouns: frozenset[str]  # "على مقربة من X": near X
    single_settlement_cues: frozenset[str]  # "جنوب مدينة X" / "شمال مخيم X": near the town or camp

    @classmethod
    def of(cls, words: WordLists) -> PlaceWords:
        return cls(
            cue_feature=words["place_cue"].mapping(),
            near=words["near_cue"].words,
            vicinity=words["vicinity_word"].words,
            prepositions=words["preposition"].words,
            directions=words["direction"].mapping(),
            compass=words["compass_cue"].mapping(),
            container_cues=words["container_cue"].words,
            list_cues=words["list_cue"].words,
            media=words["media"].words,
            not_nbh=words["not_neighbourhood"].words,
            settlement_cues=Gated("", words["settlement_cue"], r"(?!\w)", 0),
            village_cues=words["village_cue"].words,
            anchored_cues=words["anchored_cue"].words,
            not_name=words["not_name"].words,
            name_head=words["name_head"].words,
            name_tail=words["name_tail"].words,
            same_place=Gated("", words["same_place"], r"(?!\w)", 0),
            spelling_letters=words["spelling_letter"].mapping(),
            spelling_vowels=words["spelling_vowel"].words,
            gap_contain=re.compile(rf"^\s*(\"\s*)?(،\s*)?({words.alt('container_glue')})\s*$"),
            unknown_nbh=re.compile(
                r"(?:^|(?<=[\s\"(]))[وفبل]{0,2}(?:ال)?(?:حي|احياء)\s+\"?\s*((?:(?:"
                + words.alt("neighbourhood_head") + r")\s+)?ال\w{2,})"),
            side_words=words["side_word"].words,
            near_nouns=words["near_noun"].words,
            single_settlement_cues=words["single_settlement_cue"].words,
        )


#: How a vicinity word reads in a place's qualifier (others: "near").
_VICINITY_QUALIFIER = {"بين": "between", "خارج": "outside", "مفرق": "junction"}


def _vicinity(prev: list[str], after_cues: int, words: frozenset[str]) -> str | None:
    """The vicinity word right before a place's cue words, if any ("بين" of "بين بلدتي X", "خارج" of "خارج X")."""
    if len(prev) <= after_cues:
        return None
    word = prev[after_cues]
    for head in ("و", "ف", "ب"):
        if word not in words and word.startswith(head):
            word = word[len(head):]
    return word if word in words else None


_QUOTES = "\"'«»“”"
_QUOTE = re.compile("[" + _QUOTES + "]")


def _quoted_outlet(norm: str, start: int, end: int, media: frozenset[str]) -> bool:
    """The name stands inside quotes opened right after a media word ('موقع "عين الفرات" المحلي') and closed
    within a few words after it."""
    lo = max(0, start - 25)
    if _QUOTE.search(norm, lo, start) is None:
        return False  # no quote opened before the name (most names): one search, not one per quote mark
    opened = max(norm.rfind(q, lo, start) for q in _QUOTES)
    if opened < 0 or any(c in ".،,؛:\n" for c in norm[opened:start]):
        return False
    closed = min((i for i in (norm.find(q, end, end + 25) for q in _QUOTES) if i >= 0), default=-1)
    if closed < 0 or any(c in ".،,؛:\n" for c in norm[end:closed]):
        return False
    words = _WORD.findall(norm[max(0, opened - 20):opened])
    return bool(words) and words[-1] in media


def _prev_words(norm: str, pos: int, n: int = 3) -> list[str]:
    """Up to `n` words before `pos` in the same clause, nearest first."""
    return _WORD.findall(_clause_tail(norm, max(0, pos - 45), pos))[-1:-n - 1:-1]


def _clause_tail(norm: str, lo: int, hi: int) -> str:
    """The end of `norm[lo:hi]` after its last clause mark, exactly what `re.search(r"[^.،,؛;:\\n!؟?]*$")`
    gives on that window (a final line break is left out, as `$` matches before it), found in one
    linear pass: that regex backtracks quadratically from every start before a mark."""
    last = second = -1
    for m in _CLAUSE_PUNCT.finditer(norm, lo, hi):
        second, last = last, m.start()
    if last < 0:
        return norm[lo:hi]
    if last == hi - 1 and norm[last] == "\n":
        return norm[second + 1 if second >= 0 else lo:last]
    return norm[last + 1:hi]


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    name_start: int
    name_end: int
    key: str
    cands: list[int]
    prefix: str
    cue: str | None = None
    cues: list[str] = field(default_factory=list)
    direction: str | None = None
    vicinity: str | None = None  # "بين", "خارج": the word before the place or its cues that puts the event around it
    role: str = "mention"
    container: int | None = None  # index of a following raw this one lies in ("X في Y")
    nbh_city: int | None = None  # "حي Y في X": index of X
    road_to: int | None = None
    unknown_nbh: str | None = None  # "حي <unknown> في X": the neighbourhood's text
    unknown_span: tuple[int, int] = (0, 0)
    consumed: bool = False
    namesake: bool = False  # dropped as a small foreign namesake: to the unknown-village reader, an unknown name
    inner: _Raw | None = None  # a known place named inside "حي <name> في X"
    side: bool = False  # "الأطراف الغربية لبلدة X", "الطرف الجنوبي من X": a side or the outskirts of the place
    best: int | None = None
    scores: dict[int, tuple[float, list[str]]] = field(default_factory=dict)


@dataclass(slots=True)
class _Unknown:
    """"قرية X" where the gazetteer lacks X: the cue and name span, and the place that anchors it."""

    start: int  # the cue word (or the name, for the later names of a list)
    end: int
    name_start: int
    name_end: int
    anchor: int | None = None  # index of the raw that contains it ("X بريف Y") or is named nearest to it
    contained: bool = False  # the anchor contains it (not only named nearby)
    listed: bool = False  # the anchor is a known village of its list ("قرى X وY بريف Z", Y known)


#: how far from the place anchoring an unknown name its spelling variant may lie (`Geoparser._variant_place`)
_VARIANT_KM = 40.0
#: one word of a place name: Arabic letters only ("ال" included)
_NAME_WORD = re.compile(r"[\u0621-\u064a]{2,}")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
#: between the two ends of a road ("طريق حلب السفيرة", "طريق حلب - السفيرة")
_ROAD_GAP = re.compile(r"\s*[-–/]?\s*")
#: "مديريات X (Z) وY": another name of X in brackets, inside a list
_ASIDE = re.compile(r"\s*\([^()\n]{1,30}\)\s*")
#: a compass word glued to the next word ("جنوببغداد"): the compass word, its "ي", the rest of the word. The
#: no-word-before test comes after each word's first letter (`(?<!\wش)` there is `(?<!\w)` before it), so the
#: pattern starts with a set of letters the engine skips to instead of trying every position of the text
_COMPASS_GLUED = re.compile(r"(ش(?<!\wش)مال|ج(?<!\wج)نوب|ش(?<!\wش)رق|غ(?<!\wغ)رب)(ي)?\w{3,}")
_AND_NEXT = re.compile(r"\s*(?:،\s*)?و ?(?=[\u0621-\u064a])")  # "قرى X وY", also "X و Y"
#: "من تشاد وسرف عمرة وزالنجي": the words before a name that ends a "و"-joined list of one- or two-word items
#: opened by a preposition word (group 1); the text looked at ends with the "و" that joins the name
_LIST_BEFORE = re.compile(r"\w+(?:\s+\w+)?(?:\s+و\s?\w+(?:\s+\w+)?){0,3}\s+و\s?$")
_OPEN_QUOTE = re.compile(r"[ \t]*([\"«“]?)[ \t]*")
_QUOTED = re.compile(r"([^\"»”\n]{2,30}?)[\"»”]")
#: "مخيم X" / "معسكر X": a camp's name with its own cue word
_SELF_CUED_CAMP = frozenset({"مخيم", "معسكر"})
#: a word and the word right after it (a space between, nothing else)
_TWO_WORDS = re.compile(r"([\u0621-\u064a]+)(?![\u0621-\u064a])(?:[ \t]+([\u0621-\u064a]+)(?![\u0621-\u064a]))?")


class Geoparser:
    def __init__(self, gazetteer: Gazetteer | None = None, words: WordLists | None = None) -> None:
        """`words`: place_words.tsv's lists (default: the bundled file)."""
        self._gaz = gazetteer
        if words is None:
            from rasid.lexicon.loader import LexiconFiles
            from rasid.lexicon.tables import WORD_LIST_FILES, load_word_lists

            words = load_word_lists(LexiconFiles(), "place_words.tsv", WORD_LIST_FILES["place_words.tsv"])
        self.words = PlaceWords.of(words)
        self._cue_of: dict[str, str | None] = {}  # token -> the cue word it is (a memo, bounded)

    def _cue_base(self, tok: str) -> str | None:
        """The cue word a token is, allowing و/ف/ب/ل/ك and ال before it ("بريف", "والقرى")."""
        found = self._cue_of.get(tok, "")
        if found != "":
            return found
        found = self._cue_base_uncached(tok)
        if len(self._cue_of) < 50_000:
            self._cue_of[tok] = found
        return found

    def _cue_base_uncached(self, tok: str) -> str | None:
        cands = [tok]
        for p in _STRIP_CLITICS:
            if tok.startswith(p) and len(tok) > len(p) + 1:
                cands.append(tok[len(p):])
        for c in list(cands):
            if c.startswith("ال") and len(c) > 3:
                cands.append(c[2:])
            if c.startswith("لل") and len(c) > 3:
                cands.append(c[2:])
        cue_feature = self.words.cue_feature
        for c in cands:
            if c in cue_feature:
                return c
        return None

    def _cue_is(self, cue: str | None, feature: str) -> bool:
        """The cue names places of this feature ("حي" a neighbourhood, "محافظة" a governorate ...)."""
        return cue is not None and self.words.cue_feature.get(cue) == feature

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            from rasid.geo.gazetteer import load

            self._gaz = load()
        return self._gaz

    # ---- finding -------------------------------------------------------------------------------
    def _find(self, norm: str, scan: Scan | None) -> list[_Raw]:
        gaz = self.gazetteer
        w = self.words
        raws: list[_Raw] = []
        nbh_named: dict[str, bool] = {}  # neighbourhood name -> its city is named in this text
        last_accepted: _Raw | None = None
        pending: list[tuple[Match[int], int, list[str]]] = []  # weak names waiting for a partner
        gated: list[tuple[Match[int], int]] = []  # weak names kept if their governorate is named (`_named_admin`)
        listed: set[int] = set()  # gated names that end a list opened by a preposition (their country will do)
        for m in gaz.matcher.find(scan if scan is not None else norm):
            key = m.key
            ws = m.start - len(m.prefix)
            prev = _prev_words(norm, ws)
            cues: list[str] = []
            if len(prev) > 1 and prev[0] == "من" and self._cue_base(prev[1]) == "قرب":
                prev = prev[1:]  # "بالقرب من X"
            for tok in prev[:2]:
                c = self._cue_base(tok)
                if c is None:
                    break
                cues.append(c)
            cue = cues[0] if cues else None
            if prev and prev[0] in w.media and not m.prefix:
                continue  # "مراسل الميادين": the outlet, not the town
            if _quoted_outlet(norm, ws, m.end, w.media):
                continue  # 'موقع "عين الفرات"', 'مراسل "حلب اليوم"': a quoted outlet's name, not the place
            vicinity = _vicinity(prev, len(cues) if cues else 0, w.vicinity) if not m.prefix.startswith("و") else None
            and_before = m.prefix.startswith("و") or (not m.prefix and bool(prev) and prev[0] == "و")  # "X و Y"
            joined = and_before and last_accepted is not None and (
                ws - last_accepted.end <= 3 or _ASIDE.fullmatch(norm, last_accepted.end, ws) is not None)
            if cue is None and joined and last_accepted is not None and last_accepted.cue in w.list_cues:
                # "محافظات الرقة ودير الزور والحسكة", "ريفي حلب وإدلب", "أطراف قرى X وY" (every cue is shared)
                cue = last_accepted.cue
                cues = list(last_accepted.cues) or [cue]
                vicinity = last_accepted.vicinity
                inherited = True
            else:
                inherited = False
                if cue is None and joined and last_accepted is not None and last_accepted.vicinity == "بين":
                    vicinity = "بين"  # "بين X وY"
            is_cue_only = key in gaz.cue_only
            is_weak = key in gaz.weak or is_cue_only
            if is_weak and cue is None:
                linked = last_accepted is not None and and_before and ws - last_accepted.end <= 3
                cont = linked and last_accepted is not None and last_accepted.cue is not None
                prep = bool(prev) and prev[0] in w.prepositions or m.prefix.rstrip("ال")[-1:] in ("ب", "ل")
                nbh_ok = self._neighbourhood_with_city(key, norm, nbh_named)
                # "طريق حلب السفيرة", "طريق حلب - السفيرة": the road's other end
                road_end = (last_accepted is not None and self._cue_is(last_accepted.cue, "road")
                            and not m.prefix and _ROAD_GAP.fullmatch(norm, last_accepted.end, ws) is not None)
                if not (cont or nbh_ok or road_end or (not is_cue_only and (prep or linked))):
                    if not is_cue_only:
                        pending.append((m, ws, prev))
                    core = key[2:] if key.startswith("ال") else key
                    if len(core) > 2 and (not is_cue_only or bool(prev) and prev[0] in w.prepositions):
                        gated.append((m, ws))  # a cue-only name needs a preposition word, not a clitic ("باب")
                        if and_before and not is_cue_only and self._listed_after_preposition(norm, ws, m.prefix):
                            listed.add(ws)
                    continue
                if cont and last_accepted is not None:
                    cue = last_accepted.cue
            raw = _Raw(ws, m.end + len(m.suffix), m.start, m.end, key, m.values, m.prefix, cue, cues,
                       vicinity=vicinity)
            raw.side = last_accepted.side if inherited and last_accepted is not None else \
                self._side_of(norm, ws, m.prefix, len(cues))  # "بالقرب من منطقتي X وY": both
            # extend the span over the cue words
            if cues and not inherited:
                s = ws
                for _ in cues:
                    j = norm.rfind(" ", 0, max(0, s - 1))
                    s = j + 1
                    while s < ws and not norm[s].isalnum():
                        s += 1
                raw.start = s
            # direction after ("ريف دير الزور الشرقي", "بادية حمص الشرقية")
            after = norm[raw.end:raw.end + 30]
            mdir = _DIRECTION_AFTER.match(after) if after[:3].lstrip().startswith("ال") else None
            if mdir and mdir.group(1) in w.directions:
                raw.direction = w.directions[mdir.group(1)]
                end = raw.end + mdir.end(1)
                if mdir.group(2) in w.directions:
                    raw.direction += "-" + w.directions[mdir.group(2) or ""]
                    end = raw.end + mdir.end(2)
                raw.end = end
            raws.append(raw)
            last_accepted = raw
        # a weak name joined by "و" to a following place ("القائم وراوة") is a place too
        taken: set[int] = set()
        for m, ws, _prev in pending:
            end = m.end + len(m.suffix)
            if any(r.start - end <= 2 and r.start >= end and r.prefix.startswith("و") for r in raws):
                raws.append(_Raw(ws, end, m.start, m.end, m.key, list(dict.fromkeys(m.values)), m.prefix))
                taken.add(ws)
        # a weak name (or a cue-only one after a preposition) that the article names as a place elsewhere ("في
        # سرت" after "مدينة سرت"), or whose governorate or district it names ("إدارة أمن عدن" in Aden's story)
        if gated:
            admins, countries = self._named_admins(raws)
            keys = {r.key for r in raws}
            for m, ws in gated:
                if ws not in taken and (m.key in keys or self._admin_named(m.values, admins, countries) or (
                        ws in listed and self._country_named(m.values, countries))):
                    raws.append(_Raw(ws, m.end + len(m.suffix), m.start, m.end, m.key, list(dict.fromkeys(m.values)),
                                     m.prefix))
        raws.extend(self._glued_compass(norm, raws))
        raws.sort(key=lambda r: r.start)
        return raws

    def _glued_compass(self, norm: str, raws: list[_Raw]) -> list[_Raw]:
        """"جنوببغداد", "شمالالموصل": a compass word written without its space before a place name the usual
        rules match (a weak or cue-only name stays a word); the compass word is the mention's cue."""
        gaz = self.gazetteer
        out: list[_Raw] = []
        for t in _COMPASS_GLUED.finditer(norm):
            word_end = t.end()
            if any(r.start < word_end and t.start() < r.end for r in raws):
                continue
            compass = t.group(1)
            rest_at = t.end(1)
            hit = None
            for at in ((rest_at + 1, rest_at) if t.group(2) else (rest_at,)):
                token = norm[at:word_end]
                found = [m for m in gaz.matcher.find(token) if m.start == len(m.prefix)
                         and m.end + len(m.suffix) == len(token) and m.key not in gaz.weak
                         and m.key not in gaz.cue_only]
                if found:
                    hit, compass = (found[0], at), norm[t.start():at]
                    break
            if hit is None or compass not in self.words.compass:
                continue
            m, at = hit
            out.append(_Raw(t.start(), word_end, at + m.start, at + m.end, m.key, list(dict.fromkeys(m.values)),
                            m.prefix, compass, [compass]))
        return out

    def _named_admins(self, raws: list[_Raw]) -> tuple[set[tuple[str, str]], set[str]]:
        """The governorates and districts (country, name) and the countries that the accepted mentions name
        without ambiguity."""
        places = self.gazetteer.places
        admins: set[tuple[str, str]] = set()
        countries: set[str] = set()
        for r in raws:
            cands = [places[i] for i in r.cands]
            if len({p.country for p in cands}) == 1:
                countries.add(cands[0].country)
            for level in ("admin1", "admin2"):
                named = {(p.country, getattr(p, level)) for p in cands if getattr(p, level)}
                if len(named) == 1:
                    admins.update(named)
        return admins, countries

    def _listed_after_preposition(self, norm: str, ws: int, prefix: str) -> bool:
        """The name at `ws` ends a "و"-joined list that a preposition word opens, within its clause ("قادمة من
        تشاد وسرف عمرة وزالنجي"): the preposition that lets a weak name count reaches the list's last item."""
        tail = _clause_tail(norm, max(0, ws - 60), ws) + ("و" if prefix.startswith("و") else "")
        for wm in _WORD.finditer(tail):
            word = wm.group(0)
            for head in ("و", "ف"):
                if word not in self.words.prepositions and word.startswith(head):
                    word = word[len(head):]
            if word in self.words.prepositions and _LIST_BEFORE.fullmatch(tail, wm.end() + 1):
                return True
        return False

    def _country_named(self, cands: list[int], countries: set[str]) -> bool:
        """A town candidate lies in a country the article's other places name without ambiguity."""
        for i in cands:
            p = self.gazetteer.places[i]
            if p.feature not in ("country", "admin1", "region") and p.country in countries:
                return True
        return False

    def _admin_named(self, cands: list[int], admins: set[tuple[str, str]], countries: set[str]) -> bool:
        """A candidate lies in a governorate or district the article names (a big city: in a named country)."""
        for i in cands:
            p = self.gazetteer.places[i]
            if p.feature in ("country", "admin1") or (p.feature == "region" and not p.source.startswith("admin:")):
                continue  # (a district or sub-district of the admin layer counts: "قرى في الوازعية" in Taiz)
            if (p.country, p.admin1) in admins or (p.country, p.admin2) in admins:
                return True
            if p.population >= 500_000 and p.country in countries:
                return True
        return False

    def _neighbourhood_with_city(self, key: str, norm: str, known: dict[str, bool]) -> bool:
        """A neighbourhood name counts without a cue when its city is named in the text (`known`: the
        answers for this text so far)."""
        if key not in known:
            known[key] = self._nbh_city_named(key, norm)
        return known[key]

    def _nbh_city_named(self, key: str, norm: str) -> bool:
        gaz = self.gazetteer
        for p in gaz.candidates(key):
            if p.feature == "neighbourhood" and p.parent:
                city = gaz.get(p.parent)
                if city and any(_contains_name(norm, n) for n in city.names_ar):
                    return True
        return False

    # ---- roles and structure -------------------------------------------------------------------
    def _structure(self, norm: str, raws: list[_Raw]) -> None:
        w = self.words
        for r in raws:
            line_start = norm.rfind("\n", max(0, r.start - 60), r.start) + 1
            if line_start == 0 and r.start > 60:
                line_start = r.start - 60  # a long line: only its last 60 characters matter here
            before = norm[line_start:r.start]
            if ((":" in before or "." in before or "بتوقيت" in before) and _CLOCK_BEFORE.search(before)) or (
                    ":" in norm[r.end:r.end + 12] and _CLOCK_AFTER.match(norm, r.end)):
                r.role = "clock"
                continue
            if not (line_start == 0 or norm[line_start - 1] == "\n") or r.start - line_start > 40:
                continue
            head = before.strip()
            after = norm[r.end:r.end + 80]
            if len(head) <= 25 and len(_WORD.findall(head)) <= 2 and (
                _DATELINE_AFTER.match(after) or _DATELINE_AFTER2.match(after)
            ):
                r.role = "dateline"
                continue
        for a, b in zip(raws, raws[1:], strict=False):
            # "السوسة (سوريا) -": the country in the dateline's parentheses is part of it
            if a.role == "dateline" and b.role == "mention" and norm[a.end:b.start].strip() == "(":
                b.role = "dateline"
            # "رأس العين (سري كانيه)", "عين العرب (كوباني)": the other name of the same place
            elif (norm[a.end:b.start].strip() == "(" and norm[b.end:b.end + 2].strip().startswith(")")
                  and set(a.cands) & set(b.cands)):
                b.consumed = True
        for i in range(len(raws) - 1):
            a, b = raws[i], raws[i + 1]
            gap = norm[a.end:b.start]
            if len(gap) > 20:
                continue
            if (self._cue_is(a.cue, "neighbourhood") or (self._is_nbh(a) and a.cue is None)) and (
                    b.cue in (None, "مدينه") or b.cue in w.compass):
                linked = bool(_NBH_LINK.fullmatch(gap)) or (gap.strip(' "()') == "" and (
                    b.prefix.startswith("ب") or b.cue in w.compass))
                if linked and self._is_city(b):
                    a.nbh_city = i + 1
                    b.consumed = True
                    continue
            if self._cue_is(a.cue, "road") and gap.strip() in ("", "-", "/", "–"):
                a.road_to = i + 1
                continue
            # "X التابعة لبلدة Y": the glue's "ل" is a clitic of Y's cue word, inside Y's span
            clitic = "ل" if b.cues and norm.startswith("ل", b.start) and b.start < b.name_start else ""
            if w.gap_contain.match(gap + " ") or w.gap_contain.match(gap) or (
                clitic and w.gap_contain.match(gap.rstrip() + " " + clitic)) or (
                (gap.strip(' "()،') == "" or _ADJECTIVE_GAP.fullmatch(gap))
                and (b.cue in w.container_cues or b.prefix.startswith("ب"))
            ):
                a.container = i + 1  # "قرية X شمال Y", "X بريف Y", "X بدير الزور"
        # "حي <unknown> في X"
        for r in raws:
            if r.consumed or r.cue not in (None, "مدينه"):
                continue
            before = norm[max(0, r.start - 40):r.start]
            pattern = _NBH_BEFORE_CITY if r.cue is None else _NBH_BEFORE_CUED_CITY
            m = pattern.search(before) if "حي" in before else None
            if m and self._is_city(r):
                off = max(0, r.start - 40)
                r.unknown_nbh = m.group(1).strip('" ')
                r.unknown_span = (off + m.start(1), off + m.end(1))
                r.start = max(0, r.start - 40) + m.start() + (1 if m.group(0)[:1].isspace() else 0)
                for inner in raws:
                    if inner is not r and r.start <= inner.start < r.name_start:
                        inner.consumed = True
                        r.inner = inner

    def _names_its_city(self, key: str, parent: str) -> bool:
        """"درعا البلد", "حلب الجديدة": a neighbourhood whose name carries its city's is no namesake elsewhere."""
        from rasid.geo.gazetteer import name_key

        city = self.gazetteer.get(parent)
        return city is not None and any(f" {name_key(n)} " in f" {key} " for n in city.names_ar)

    def _is_nbh(self, r: _Raw) -> bool:
        return any(self.gazetteer.places[i].feature == "neighbourhood" for i in r.cands)

    def _is_city(self, r: _Raw) -> bool:
        return any(self.gazetteer.places[i].feature in ("populated", "admin1") for i in r.cands)

    # ---- scoring -------------------------------------------------------------------------------
    def _score(self, r: _Raw, i: int, ctx: _Context, raws: list[_Raw], idx: int,
               explain: bool = True, group: int = -1) -> tuple[float, list[str]]:
        """`group`: the mentions of this name (they do not support each other)."""
        p = self.gazetteer.places[i]
        why: list[str] = []
        s = 0.0
        if ctx.elsewhere and p.country in ctx.elsewhere:
            s += 1.0
            if explain:
                why.append(f"+1 the article's places lie in {p.country_name}")
        elif p.country in FOCUS and not ctx.elsewhere:
            s += 2.0
            if explain:
                why.append(f"+2 in {p.country_name}")
        elif p.country not in FOCUS:
            s -= 2.0
            if explain:
                why.append(f"-2 outside Syria/Iraq ({p.country})")
        if p.source == "supplement":
            s += 0.5
            if explain:
                why.append("+0.5 curated supplement")
        if p.population > 0:
            pop = 0.4 * math.log10(p.population + 1)
            s += pop
            if explain:
                why.append(f"+{pop:.1f} population {p.population}")
        cue_feat = self.words.cue_feature.get(r.cue or "", "")
        if p.feature == "admin1":
            if self._cue_is(r.cue, "admin1"):
                s += 8
                if explain:
                    why.append("+8 'محافظة' names a governorate")
            elif self._cue_is(r.cue, "region"):
                s += 0.5
            else:
                capital = any(self.gazetteer.places[j].feature == "populated"
                              and self.gazetteer.places[j].admin1 == p.admin1
                              and self.gazetteer.places[j].country == p.country for j in r.cands if j != i)
                if capital:
                    s -= 2
                    if explain:
                        why.append("-2 bare name: the city, not the governorate")
                else:
                    s += 3
                    if explain:
                        why.append("+3 governorate name (no city of that name)")
        elif p.feature == "neighbourhood":
            if self._cue_is(r.cue, "neighbourhood"):
                s += 2
                if explain:
                    why.append("+2 'حي' cue")
            else:
                s -= 1
                if explain:
                    why.append("-1 a neighbourhood named without 'حي'")
            if p.parent and p.parent in ctx.named_ids:
                s += 3
                if explain:
                    why.append(f"+3 its city ({p.parent}) is named")
            elif p.parent:
                s -= 4
                if explain:
                    why.append(f"-4 its city ({p.parent}) is not named")
        elif p.feature == "country":
            s += 1
        if self._cue_is(r.cue, "neighbourhood") and p.feature not in ("neighbourhood", "populated"):
            s -= 5
            if explain:
                why.append("-5 'حي' names a neighbourhood")
        if cue_feat and cue_feat not in ("region", "road", "admin1") and p.feature == cue_feat:
            s += 2
            if explain:
                why.append(f"+2 cue '{r.cue}' fits feature {p.feature}")
        elif cue_feat == "populated" and p.feature not in ("populated", "admin1"):
            s -= 1
            if explain:
                why.append(f"-1 cue '{r.cue}' names a town, not a {p.feature}")
        if p.admin1 and (p.country, p.admin1) in ctx.admins and p.feature != "admin1":
            own = ctx.admin_by.get((p.country, p.admin1), {}).get(group, 0)  # not its own votes
            w = 3.0 if ctx.admins[(p.country, p.admin1)] - own > 0 else 0.0
            if w:
                s += w
                if explain:
                    why.append(f"+{w:.0f} article names {p.admin1}")
        # distance to other places of the article
        d = ctx.nearest_km(i, p.lat, p.lon, group) if p.feature not in ("country", "admin1") else None
        if d is not None:
            if d < 30:
                s += 3
            elif d < 75:
                s += 2
            elif d < 150:
                s += 1
            elif d > 400:
                s -= 1
            if explain:
                why.append(f"nearest other place {d:.0f} km")
        if ctx.dateline is not None:
            d = haversine_km(p.lat, p.lon, *ctx.dateline)
            if d < 200:
                w = 2.5 if d < 100 else 1.0
                s += w
                if explain:
                    why.append(f"+{w:g} {d:.0f} km from the dateline")
        # "X في Y": X lies in Y
        if r.container is not None:
            c = raws[r.container]
            cb = c.best if c.best is not None else (c.cands[0] if c.cands else None)
            if cb is not None:
                cp = self.gazetteer.places[cb]
                if cp.admin1 == p.admin1 and cp.country == p.country:
                    s += 3
                    if explain:
                        why.append(f"+3 said to be in {cp.name} ({cp.admin1})")
                if cp.feature != "admin1" and haversine_km(p.lat, p.lon, cp.lat, cp.lon) < 60:
                    s += 2
                    if explain:
                        why.append(f"+2 within 60 km of {cp.name}")
        return s, why

    def parse(self, nt: NormText, *, explain: bool = False, scan: Scan | None = None) -> list[PlaceMention]:
        """Place mentions in document order, each resolved (or left unresolved: lat/lon None).

        `why` always names the choice and the rejected candidates; with `explain=True` it also lists
        every score term of places that had no rival (the debug view uses this). `scan`: the document's
        matcher hits, when a pipeline has them."""
        norm = nt.norm
        raws = self._find(norm, scan)
        if not raws:
            return [self._unresolved(nt, u, raws) for u in self._unknown_places(nt, raws, [])]
        self._structure(norm, raws)
        gaz = self.gazetteer
        per_country = Counter(c for r in raws for c in {gaz.places[i].country for i in r.cands})
        for r in raws:
            # a small Yemeni/Libyan/... place counts when the article names another place of that country
            # ("منطقة همدان" in a Sinjar story is not Yemen's district); a name with its own cue word
            # ("مخيم عين الحلوة") says what it is
            cc = {gaz.places[i].country for i in r.cands}
            if len(cc) == 1 and cc <= SECONDARY and per_country[next(iter(cc))] < 2 and all(
                    gaz.places[i].population < 100_000 and gaz.places[i].source != "supplement"
                    and gaz.places[i].feature not in ("country", "admin1") for i in r.cands) \
                    and r.key.split(" ", 1)[0] not in _SELF_CUED_CAMP:
                r.consumed = r.namesake = True
                if r.nbh_city is not None and raws[r.nbh_city].unknown_nbh is None:
                    # "حي الجديدة في الموصل": the city named after it stays, with a neighbourhood the gazetteer lacks
                    c = raws[r.nbh_city]
                    c.consumed = False
                    c.unknown_nbh = norm[r.name_start:r.name_end]
                    c.unknown_span = (r.name_start, r.name_end)
                    c.start = r.start
                    r.nbh_city = None
        extra = self._unknown_neighbourhoods(norm, raws)
        unknown = self._unknown_places(nt, raws, extra)
        ctx = _Context()
        # winners' score terms, worked out only if read (kept off the raws: a closure there would make a
        # reference cycle of every raw, left to the cyclic garbage collector)
        explainers: dict[int, Callable[[], list[str]]] = {}
        for r in raws:
            for i in r.cands:
                ctx.named_ids.add(gaz.places[i].id)
        towns = {(gaz.places[i].country, gaz.places[i].admin1) for r in raws if not r.consumed for i in r.cands
                 if gaz.places[i].feature in ("populated", "camp")}
        for r in raws:
            # "أحياء النهضة والقاهرة" in a Mosul story are not Raqqa's, "حي حطين" in Ain al-Hilweh is not: a
            # neighbourhood whose city goes unnamed, in an article whose towns and camps all lie in other
            # governorates, is a namesake the gazetteer lacks: coded at the city or camp named before it
            if len(r.cands) == 1 and not r.consumed:
                p = gaz.places[r.cands[0]]
                if p.feature == "neighbourhood" and p.parent and p.parent not in ctx.named_ids and towns \
                        and (p.country, p.admin1) not in towns and not self._names_its_city(r.key, p.parent):
                    r.consumed = True
                    if self._cue_is(r.cue, "neighbourhood"):
                        stray = _Raw(r.start, r.end, r.name_start, r.name_end, r.key, [], r.prefix, r.cue, r.cues)
                        stray.unknown_nbh = norm[r.name_start:r.name_end]
                        stray.unknown_span = (r.name_start, r.name_end)
                        extra.append(stray)
        # the countries whose places the article names without ambiguity (one vote per name): a story whose
        # places all lie in Sudan reads "الجنينة" as El Geneina, not as the Syrian village
        gid = {k: n for n, k in enumerate(dict.fromkeys(r.key for r in raws))}  # mentions of one name: one voice
        votes: Counter[str] = Counter()
        for _key, country in {(r.key, gaz.places[r.cands[0]].country) for r in raws if r.role == "mention" and r.cands
                              and len({gaz.places[i].country for i in r.cands}) == 1}:
            votes[country] += 1
        if votes and not any(votes[c] for c in FOCUS):
            ctx.elsewhere = frozenset(votes)
        # pass 1: unambiguous places anchor the article
        for r in raws:
            if r.role == "clock" or not r.cands:
                continue
            focus = r.cands if ctx.elsewhere else [i for i in r.cands if gaz.places[i].country in FOCUS] or r.cands
            kinds = {(gaz.places[i].country, gaz.places[i].admin1) for i in focus}
            if len(kinds) == 1:
                p = gaz.places[focus[0]]
                if r.role == "dateline":  # where the report was filed: a hint, not a place of the story
                    ctx.dateline = (p.lat, p.lon)
                    continue
                if p.admin1 and p.feature != "country":
                    ctx.vote((p.country, p.admin1), gid[r.key])
                if len(focus) == 1 and p.feature not in ("country", "admin1", "river", "region", "desert"):
                    ctx.anchors.append((gid[r.key], p.lat, p.lon))
        # pass 2 and 3: score, then rescore with the chosen places as anchors
        # (with anchors from unambiguous places already, one round is enough)
        for round_ in range(0 if not ctx.anchors else 1, 2):
            last = round_ == 1
            for idx in reversed(range(len(raws))):  # containers (later) first
                r = raws[idx]
                if not r.cands:
                    continue
                if len(r.cands) == 1 and not (last and explain):
                    r.best = r.cands[0]
                    r.scores = {r.best: (0.0, ["the only place with this name"])}
                    continue
                scored = {i: self._score(r, i, ctx, raws, idx, explain=explain, group=gid[r.key]) for i in r.cands}
                best = max(scored, key=lambda i: (scored[i][0], gaz.places[i].population, -i))
                if last and not explain:  # explain the winner only, and only if asked (`PlaceMention.why`)
                    explainers[idx] = _explainer(self, r, best, ctx, raws, idx, gid[r.key])
                r.scores = scored
                r.best = best
            if round_ == 0:
                ctx.anchors = []
                ctx.admins = {}
                ctx.admin_by = {}
                ctx._points = None
                ctx._near = {}
                for r in raws:
                    if r.best is None or r.role == "clock":
                        continue
                    p = gaz.places[r.best]
                    if r.role == "dateline":
                        ctx.dateline = (p.lat, p.lon)
                        continue
                    if p.admin1 and p.feature != "country":
                        ctx.vote((p.country, p.admin1), gid[r.key])
                    if p.feature not in ("country", "admin1", "river", "region", "desert"):
                        ctx.anchors.append((gid[r.key], p.lat, p.lon))
        unknown += self._misplaced(norm, raws)
        kept = [(r, self._mention(nt, r, raws, explainers.get(idx))) for idx, r in enumerate(raws) if not r.consumed]
        out = self._one_sense(kept)
        for r in extra:  # "حي <unknown>": coded at the last city named before it
            city = self._city_before(r, raws)
            if city is None:
                continue
            r.best = gaz.by_id[city.id]
            r.scores = {r.best: (0.0, [f"unknown neighbourhood; {city.name} is the last city named before it"])}
            out.append(self._mention(nt, r, raws, None))
        for u in unknown:
            out.append(self._unresolved(nt, u, raws))
        if extra or unknown:
            out.sort(key=lambda m: m.start)
        return self._same_place(nt, out)

    def _one_sense(self, kept: list[tuple[_Raw, PlaceMention]]) -> list[PlaceMention]:
        """One place per name in an article: a bare mention of a name that another mention places by its own
        words ("حي الزهراء في حمص", "قرية X بريف Y") is that place, not a namesake elsewhere ("دوار الزهراء"
        read alone would be Aleppo's)."""
        said: dict[str, PlaceMention] = {}
        for r, m in kept:
            if r.inner is not None and r.unknown_nbh and m.latitude is not None:
                said.setdefault(r.inner.key, m)  # "حي الزهراء الموالي في حمص": the known name inside
            if (r.nbh_city is not None or r.container is not None) and r.role == "mention" \
                    and m.latitude is not None and r.key not in said:
                said[r.key] = m
        if not said:
            return [m for _, m in kept]
        out = []
        for r, m in kept:
            c = said.get(r.key)
            if c is not None and r.nbh_city is None and r.container is None and r.role == "mention" \
                    and m.latitude is not None and m.longitude is not None and c.latitude is not None \
                    and c.longitude is not None and haversine_km(m.latitude, m.longitude, c.latitude, c.longitude) > 10:
                m = dataclasses.replace(
                    m, name=c.name, latitude=c.latitude, longitude=c.longitude, admin1=c.admin1, admin2=c.admin2,
                    country=c.country, iso=c.iso, feature=c.feature, place_id=c.place_id,
                    geo_precision=c.geo_precision if c.feature == "neighbourhood" else m.geo_precision,
                    _why=[f"the article places '{r.key}' by its words elsewhere: {c.name}"])
            out.append(m)
        return out

    def _misplaced(self, norm: str, raws: list[_Raw]) -> list[_Unknown]:
        """Towns the text places in another one ("بلدة X بريف Y", "X غرب Y") whose every namesake lies outside
        it (another governorate and over 60 km away): the gazetteer lacks this X, so it is coded at Y, as an
        unknown village would be (a Daraa village is not Lebanon's Sidon)."""
        gaz = self.gazetteer
        out: list[_Unknown] = []
        for r in raws:
            if r.container is None or r.best is None or r.consumed or r.role != "mention" \
                    or r.cue not in self.words.village_cues:
                continue
            if norm[r.name_start:r.name_end] in self.words.not_name:
                r.consumed = True  # "قرى جديدة": an adjective after the cue, neither this village nor a namesake
                continue
            c = raws[r.container]
            if c.best is None or c.consumed or gaz.places[r.best].feature != "populated":
                continue
            cp = gaz.places[c.best]
            if cp.feature == "admin1" and c.cue is None:
                continue  # a bare governorate name read as such: too loose a container to overrule the name
            if _lies_in(gaz.places[r.best], cp):
                continue
            fits = [i for i in r.cands if _lies_in(gaz.places[i], cp)]
            if fits:
                r.best = max(fits, key=lambda i: (r.scores.get(i, (0.0, []))[0], gaz.places[i].population))
                continue
            r.consumed = True
            out.append(_Unknown(r.start, r.end, r.name_start, r.name_end, r.container, True))
        return out

    def _same_place(self, nt: NormText, out: list[PlaceMention]) -> list[PlaceMention]:
        """"في نفس المنطقة", "البلدة ذاتها": a mention of the place named last (a town, camp, neighbourhood or
        area, not a governorate or country), so that the sentence's event is not placed at the story's city."""
        found = [m for m in self.words.same_place.finditer(nt.norm) if _clitics_before(nt.norm, m.start(), "وفبل")] \
            if out and ("نفس" in nt.norm or "ذات" in nt.norm) else []
        if not found:
            return out
        added = []
        for m in found:
            before = [p for p in out if p.end <= m.start() and p.role == "mention" and p.latitude is not None
                      and p.feature not in ("country", "admin1")]
            if not before or any(p.start < m.end() and m.start() < p.end for p in out):
                continue
            # the sentence that named it: its most precise place, the first of them ("جبل أولياء جنوب الخرطوم":
            # the place, not the city that locates it)
            cut = max((x.end() for x in _SENTENCE_END.finditer(nt.norm, 0, before[-1].start)), default=0)
            ante = min((p for p in before if p.start >= cut), key=lambda p: (p.geo_precision, p.start))
            added.append(dataclasses.replace(
                ante, start=m.start(), end=m.end(), surface=m.group(0),
                _why=[f"'{m.group(0)}': the place named last, {ante.name}"]))
        return sorted(out + added, key=lambda p: p.start) if added else out

    def _unknown_places(self, nt: NormText, raws: list[_Raw], extra: list[_Raw]) -> list[_Unknown]:
        """Villages the gazetteer lacks, named after a settlement cue ("قرية X", "قرى X وY بريف Z"), each with
        the place that anchors it: the one said to contain it, else the nearest one of its sentence."""
        norm = nt.norm
        w = self.words
        taken = [(r.start, r.end) for r in raws if not r.namesake] + [(r.start, r.end) for r in extra]
        # a name dropped as a small foreign namesake ("قرية الطيرة" in a Suwayda story) is an unknown village here
        known_at = {r.name_start for r in raws if r.key not in w.name_head and not r.namesake}
        out: list[_Unknown] = []
        for m in w.settlement_cues.finditer(norm):
            if not _clitics_before(norm, m.start(), "وفبلك"):
                continue  # inside a word, or "القرية X": a definite cue takes an adjective, not a name
            if m.end() + 1 in known_at and m.group(0) not in w.list_cues:
                continue  # "مدينة حلب": a known place follows (fast path)
            cue = self._cue_base(m.group(0))
            before = _prev_words(norm, m.start(), 1)
            if before and (before[0].isdigit() or before[0] in w.not_name):
                continue  # "3 قرى اشتباكات", "عشرات القرى": a count of villages, no name follows
            pos = m.end()
            names: list[tuple[int, int]] = []
            first_at = -1
            neighbours: list[int] = []  # the known villages of the list
            first = True
            while True:
                span = self._unknown_name(nt, pos, first, cue in w.list_cues)
                if span is None:
                    break
                s, e = span
                at = next((i for i, r in enumerate(raws) if r.name_start <= s < r.end and not r.namesake), -1)
                known = raws[at] if at >= 0 else None
                if known is not None and e > known.name_end and known.name_start == s:
                    known.consumed = True  # "تل" of "تل حمدون": a fragment of the longer, unknown name
                    known = None
                elif known is None and any(a < e and s < b for a, b in taken):
                    break  # an unknown neighbourhood, a media name ...
                if known is None:
                    names.append((s, e))
                    if first:
                        first_at = s  # the cue's own name: its mention starts at the cue ("قرية X")
                    pos = e
                elif any(self.gazetteer.places[i].feature == "populated" and self.gazetteer.places[i].population
                         < 100_000 for i in known.cands):
                    pos = known.end  # a known village inside the list: the list goes on after it
                    neighbours.append(at)
                else:
                    break  # "قرى الموصل": the villages of a city, which is no list item
                first = False
                more = _AND_NEXT.match(norm, pos)
                if not more or cue not in w.list_cues:
                    break  # only a plural cue is shared by the names after it ("قرى X وY"; not "قرية X وهجوم")
                pos = more.end()
            if not names:
                continue
            anchor, contained = self._anchor(norm, pos, names[0][0], raws)
            # "قرى X وY وZ بريف W" with Y known: Y, of their own list, is next to X and Z; the countryside of W is
            # wide, "شمال W" is a direction from a town, and with no container the sentence's other places are farther
            wide = bool(neighbours)
            if cue in w.anchored_cues and not contained:
                continue  # "منطقة منزوعة السلاح": only "منطقة X بريف Y" names an unknown place
            for s, e in names:
                start = m.start() if s == first_at else s  # a later name of the list starts at itself
                if wide:
                    near = min(neighbours, key=lambda i: abs(raws[i].start - s))
                    out.append(_Unknown(start, e, s, e, near, True, listed=True))
                else:
                    out.append(_Unknown(start, e, s, e, anchor, contained))
                taken.append((start, e))
        return out

    def _unknown_name(self, nt: NormText, pos: int, first: bool, listed: bool = False) -> tuple[int, int] | None:
        """The span of the place name that starts at `pos` (after spaces and a quote): one word, two when the
        first is a name head ("تل", "عين") or the second a name tail ("الكبيرة"), or the words in quotes (the
        first of them only, when a plural cue lists "X وY" inside one pair of quotes: `listed`)."""
        norm = nt.norm
        w = self.words
        m = _OPEN_QUOTE.match(norm, pos)
        assert m is not None
        at = m.end()
        if m.group(1):
            q = _QUOTED.match(norm, at)
            words_q = q.group(1).split() if q else []
            if q and len(words_q) <= 3 and all(_NAME_WORD.fullmatch(t) for t in words_q):
                if listed:  # 'قريتي "X وY"': two names in one pair of quotes
                    cut = next((k for k in range(1, len(words_q)) if words_q[k].startswith("و")
                                and len(words_q[k]) > 3), None)
                    if cut is not None:
                        return at, at + len(" ".join(words_q[:cut]))
                return at, at + len(q.group(1).rstrip())  # '" X "': the name without the space before the quote
            return None
        words = _TWO_WORDS.match(norm, at)
        if not words:
            return None
        w1 = words.group(1)
        core = w1[2:] if w1.startswith("ال") else w1
        if not _NAME_WORD.fullmatch(w1) or len(core) < 2 or self._not_a_name(w1):
            return None
        if first and w1.startswith("و") and w1 not in w.name_head:
            return None  # "من ناحية وحزب الله": a conjunction, not a name
        end = words.end(1)
        w2 = words.group(2) or ""
        if w1 in w.name_head:
            if not w2 or (self._not_a_name(w2) and not self._name_ali(nt, words.start(2), w2)):
                return None  # "قرية أبو" alone names nothing
            end = words.end(2)
        elif w2 in w.name_tail:
            end = words.end(2)
        return at, end

    @staticmethod
    def _name_ali(nt: NormText, pos: int, word: str) -> bool:
        """"الحاج علي": the name علي, which normalisation writes like the preposition على (the original tells)."""
        if word != "علي":
            return False
        s, e = nt.span(pos, pos + 3)
        return nt.original[s:e].endswith("ي")

    def _not_a_name(self, word: str) -> bool:
        """A word after a settlement cue that names no place: an adjective, a number word, a preposition, a
        cue word ("قرية صغيرة", "قرى عدة", "بلدة في", "قرى ريف")."""
        w = self.words
        return (word in w.not_name or word in w.prepositions or word in w.directions
                or self._cue_base(word) is not None)

    def _anchor(self, norm: str, after: int, start: int, raws: list[_Raw]) -> tuple[int | None, bool]:
        """The known place anchoring unknown names that end at `after`: the one whose glue says it contains them
        ("بريف Y", "شرق Y", "في Y"), else the nearest one named in the same sentence."""
        w = self.words
        following = next((i for i, r in enumerate(raws) if r.start >= after and not r.namesake), None)
        if following is not None:
            b = raws[following]
            gap = norm[after:b.start]
            if len(gap) <= 20 and (w.gap_contain.match(gap + " ") or w.gap_contain.match(gap) or (
                    (gap.strip(' "()،') == "" or _ADJECTIVE_GAP.fullmatch(gap))
                    and (b.cue in w.container_cues or b.prefix.startswith("ب")))):
                return following, True
        lo = max((m.end() for m in _SENTENCE_END.finditer(norm, max(0, start - 300), start)), default=0)
        hi_m = _SENTENCE_END.search(norm, after)
        hi = hi_m.start() if hi_m else len(norm)
        near = [(min(abs(r.start - after), abs(start - r.end)), i) for i, r in enumerate(raws)
                if lo <= r.start < hi and r.role == "mention" and r.cands and not r.namesake]
        return (min(near)[1], False) if near else (None, False)

    def _unresolved(self, nt: NormText, u: _Unknown, raws: list[_Raw]) -> PlaceMention:
        """The mention of an unknown village: coded at its anchor with precision 2 (ACLED: a village that
        cannot be located takes the nearest named town's coordinates), or without coordinates."""
        gaz = self.gazetteer
        s, e = nt.span(u.name_start, u.name_end)
        label = nt.original[s:e].strip()
        a = raws[u.anchor] if u.anchor is not None else None
        if a is None or a.best is None or a.consumed or a.role != "mention":
            return PlaceMention(start=u.start, end=u.end, name=label, geo_precision=2, role="unresolved",
                                surface=nt.norm[u.name_start:u.name_end], unresolved=True,
                                _why=["not in the gazetteer; no known place anchors it"])
        p = gaz.places[a.best]
        surface = nt.norm[u.name_start:u.name_end]
        q = self._variant_place(surface, p)
        if q is not None:  # "قرية عانين غرب جنين": the known village "عنين", written another way
            return PlaceMention(
                start=u.start, end=u.end, name=q.name, latitude=q.lat, longitude=q.lon,
                geo_precision=2 if q.coarse else 1, admin1=q.admin1, admin2=q.admin2, country=q.country_name,
                iso=q.iso, feature=q.feature, role="mention", place_id=q.id, surface=surface, candidates=1,
                _why=[f"not in the gazetteer as written; '{q.names_ar[0]}' ({q.id}) is its spelling variant within "
                      f"{_VARIANT_KM:.0f} km of {p.name}"])
        precision = 3 if p.feature in ("country", "admin1") else 2
        if u.listed:
            how, role = "listed beside", "mention"
        elif u.contained:
            how, role = "said to lie in", "mention"
        else:  # only named near it: listed at that place, but events keep the place actually named
            how, role = "not said to lie anywhere; nearest place named in its sentence:", "unresolved"
        return PlaceMention(
            start=u.start, end=u.end, name=label, latitude=p.lat, longitude=p.lon, geo_precision=precision,
            admin1=None if p.feature == "country" else p.admin1, admin2=p.admin2, country=p.country_name,
            iso=p.iso, feature="populated", role=role, place_id=None, qualifier=f"near {p.name}",
            surface=nt.norm[u.name_start:u.name_end], unresolved=True,
            _why=[f"not in the gazetteer; {how} {p.name} ({p.id}): coded there, precision {precision}"],
        )

    def _variant_place(self, surface: str, anchor: Place) -> Place | None:
        """The known village or town that one spelling change of an unknown name names ("عانين" / "عنين", "تيما" /
        "طيما", "بافلور" / "بفلور", with or without "ال"), when it lies within `_VARIANT_KM` of the place that
        anchors the name (the nearest such place); None when there is none. A change is a letter of
        `spelling_letter` written as another, or a long vowel of `spelling_vowel` added or dropped inside a word."""
        gaz = self.gazetteer
        w = self.words
        words = surface.split(" ")
        variants: set[str] = set()
        for k, word in enumerate(words):
            core = word[2:] if word.startswith("ال") else word
            lead = word[: len(word) - len(core)]
            forms = {("ال" + core) if not lead else core} if k == 0 else set()
            for i, ch in enumerate(core):
                for alt in w.spelling_letters.get(ch, ""):
                    forms.add(lead + core[:i] + alt + core[i + 1:])
                if i == 0:
                    continue  # a vowel only inside the word: "اسقاط" is no variant of "سقاط"
                if ch in w.spelling_vowels and i < len(core) - 1 and len(core) > 3:
                    forms.add(lead + core[:i] + core[i + 1:])
                for v in w.spelling_vowels:
                    forms.add(lead + core[:i] + v + core[i:])
            for f in forms:
                variants.add(" ".join([*words[:k], f, *words[k + 1:]]))
        variants.discard(surface)
        best: tuple[float, Place] | None = None
        for v in variants:
            for i in gaz.names.get(v, ()):
                q = gaz.places[i]
                if q.country != anchor.country or q.feature not in ("populated", "camp"):
                    continue
                d = haversine_km(q.lat, q.lon, anchor.lat, anchor.lon)
                if d <= _VARIANT_KM and (anchor.feature not in ("admin1", "country") or q.admin1 == anchor.admin1) \
                        and (best is None or d < best[0]):
                    best = (d, q)
        return best[1] if best else None

    def _unknown_neighbourhoods(self, norm: str, raws: list[_Raw]) -> list[_Raw]:
        """"حي <name>" mentions whose name the gazetteer lacks (resolved to the city named before)."""
        added: list[_Raw] = []
        if "حي" not in norm:
            return added
        for m in _unknown_nbh_matches(norm, self.words.unknown_nbh):
            s, e = m.span(1)
            if m.group(1).split()[-1] in self.words.not_nbh:
                continue
            if any(r.start < e and s < r.end for r in raws):
                continue
            raw = _Raw(m.start(0) + len(m.group(0)) - len(m.group(0).lstrip()), e, s, e, m.group(1), [], "", "حي",
                       ["حي"])
            raw.unknown_nbh = m.group(1)
            raw.unknown_span = (s, e)
            added.append(raw)
        return added

    def _city_before(self, r: _Raw, raws: list[_Raw]) -> Place | None:
        """The camp named last before `r` (a camp story's "حي X" is the camp's), else the last city (populated,
        50,000 people or more) named before it."""
        gaz = self.gazetteer
        city = None
        for q in reversed(raws):
            if q.start >= r.start or q.best is None or q.consumed:
                continue
            c = gaz.places[q.best]
            if c.feature == "camp":
                return c
            if city is None and c.feature == "populated" and c.population >= 50_000:
                city = c
        return city

    def rank(self, name: str, context: str = "") -> list[tuple[Place, float, list[str]]]:
        """Every place called `name` (optionally after a cue word: "محافظة دير الزور"), best first, scored
        as the geoparser would in an article whose other places are those of `context`."""
        from rasid.text.normalize import normalize

        gaz = self.gazetteer
        words = normalize(name).split()
        cue = self._cue_base(words[0]) if len(words) > 1 else None
        rest = " ".join(words[1:]) if cue else " ".join(words)
        idx = {gaz.by_id[p.id]: None for p in gaz.lookup(rest)}
        raw = _Raw(0, len(rest), 0, len(rest), rest, list(idx), "", cue, [cue] if cue else [])
        ctx = _Context()
        if context.strip():
            for m in self.parse(NormText.of(context)):
                if m.role == "clock" or m.latitude is None or m.longitude is None:
                    continue
                if m.admin1 and m.feature != "country":
                    key = (ISO2_BY_NAME.get(m.country or "", ""), m.admin1)
                    ctx.admins[key] = ctx.admins.get(key, 0) + 1
                if m.feature not in ("country", "admin1", "river", "region", "desert"):
                    ctx.anchors.append((-2, m.latitude, m.longitude))  # not the name ranked (group -1)
                if m.place_id:
                    ctx.named_ids.add(m.place_id)
        scored = [(gaz.places[i], *self._score(raw, i, ctx, [raw], 0)) for i in raw.cands]
        scored.sort(key=lambda t: (-t[1], -t[0].population))
        return scored

    def _mention(self, nt: NormText, r: _Raw, raws: list[_Raw],
                 explain_best: Callable[[], list[str]] | None) -> PlaceMention:
        gaz = self.gazetteer
        assert r.best is not None
        p = gaz.places[r.best]
        why: list[str] = []  # the coding's reasons, read after the ranking's (`_ranking_why`)
        name, feature, precision, qualifier = p.name, p.feature, 1, ""
        lat, lon, admin1, admin2, country, iso = p.lat, p.lon, p.admin1, p.admin2, p.country_name, p.iso
        start, end = r.start, r.end
        if p.feature == "country":
            admin1 = admin2 = None  # coded at the capital, but no governorate is claimed
        if p.parent and p.feature in ("neighbourhood", "landmark", "bridge", "prison"):
            city = gaz.get(p.parent)
            if city is not None:
                name = f"{city.name} - {p.name}"
                lat, lon, admin2 = city.lat, city.lon, city.admin2 or admin2
                why.append(f"{p.feature} in {city.name}: coded at the city")
        if r.nbh_city is not None:
            c = raws[r.nbh_city]
            if c.best is not None:
                city = gaz.places[c.best]
                nb = p.name if p.feature == "neighbourhood" and p.parent == city.id else _surface(nt, r)
                name, lat, lon = f"{city.name} - {nb}", city.lat, city.lon
                admin1, admin2, feature = city.admin1, city.admin2, "neighbourhood"
                country, iso = city.country_name, city.iso
                end = c.end
                why.append(f"'حي ... في {city.name}': coded at the city")
        if (self._cue_is(r.cue, "neighbourhood") and r.nbh_city is None and not r.unknown_nbh
                and not (p.feature == "neighbourhood" and p.parent)):
            city = self._city_before(r, raws)
            if city is not None and haversine_km(city.lat, city.lon, p.lat, p.lon) > 20:
                name, lat, lon = f"{city.name} - {_surface(nt, r)}", city.lat, city.lon
                admin1, admin2, feature = city.admin1, city.admin2, "neighbourhood"
                country, iso = city.country_name, city.iso
                why.append(f"'حي' not known in {city.name}, the city named before: coded at the city")
        if r.unknown_nbh:
            us, ue = nt.span(*r.unknown_span)
            label = nt.original[us:ue].strip('"“”«» ')
            if r.inner is not None:
                near = [gaz.places[i] for i in r.inner.cands
                        if haversine_km(gaz.places[i].lat, gaz.places[i].lon, p.lat, p.lon) < 20]
                if near:
                    label = near[0].name
            name = f"{p.name} - {label}"
            feature = "neighbourhood"
            why.append("unknown neighbourhood kept in the name")
        if feature == "neighbourhood":
            precision = 1
        elif p.feature in ("admin1", "country"):
            precision = 3
        elif p.feature in ("region", "desert", "river", "mountain", "road", "lake"):
            precision = 2 if p.feature != "river" else 3
        if p.coarse and precision < 2:
            precision = 2
            why.append("coded at its sub-district's seat (its own point is not known): precision 2")
        if p.feature == "admin1" and r.direction and r.cue is None and p.names_ar[0].startswith("ريف"):
            # "ريف دمشق الجنوبي": a part of the countryside governorate, coded at its city
            feature, precision, qualifier = "region", 2, f"{r.direction} countryside"
            why.append("countryside governorate with a direction: precision 2")
        w = self.words
        if self._cue_is(r.cue, "region"):
            feature = "region"  # "ريفي حلب وإدلب": both are regions
            qualifier = f"{r.direction} countryside" if r.direction else "countryside"
            precision = 2 if r.direction else 3
            why.append(f"'ريف' region: precision {precision}")
        elif self._cue_is(r.cue, "desert") and p.feature not in ("desert",):
            feature, qualifier, precision = "desert", "desert", 2
        elif self._cue_is(r.cue, "admin1"):
            feature, precision = "admin1", 3
            if p.admin1:
                name = p.admin1
        elif r.cue in w.near or any(c in w.near for c in r.cues):
            qualifier, precision = "outskirts" if r.cue != "قرب" else "near", max(precision, 2)
        elif r.cue in ("ناحيه", "ناحيتي", "ناحيتا") and p.feature == "populated" and precision == 1:
            qualifier = "sub-district of it"  # "ناحية جلولاء": the sub-district, not only its seat (events: precision 2)
            why.append("'ناحية X': the sub-district around X; its events are coded at precision 2")
        elif r.side and p.feature in ("populated", "camp"):
            qualifier = "outskirts of it"  # the mention ranks as the town, its events are coded at precision 2
            why.append("a side of the place or its outskirts ('الأطراف الغربية ل...', 'بالقرب من بلدة ...'): "
                       "its events are coded at precision 2")
        elif self._cue_is(r.cue, "road"):
            feature, precision = "road", 2
            qualifier = "road"
            if r.road_to is not None and raws[r.road_to].best is not None:
                other = gaz.places[raws[r.road_to].best]  # type: ignore[index]
                qualifier = f"road to {other.name}"
        elif r.cue in w.compass and p.feature in ("populated", "admin1") and not any(
                q.container is not None and raws[q.container] is r for q in raws):
            # "اشتباكات شرق دير الزور": near the place, not in it ("قرية X شرق دير الزور" only locates X)
            qualifier, precision = f"{w.compass[r.cue]} of", max(precision, 2)
            why.append(f"'{r.cue} X': near X, precision {precision}")
        elif len(r.cues) > 1 and r.cues[1] in w.compass and r.cue in w.single_settlement_cues \
                and p.feature in ("populated", "camp") \
                and not any(q.container is not None and raws[q.container] is r for q in raws) \
                and not self._compass_list(nt.norm, r.start):
            # "اشتباكات جنوب مدينة الموصل", "شمال مخيم X": near the town or camp, as "جنوب الموصل" is ("حي X غرب
            # مدينة حمص" only locates the neighbourhood, and "قرية X شرق مدينة Y" the village)
            qualifier = f"{w.compass[r.cues[1]]} of it"
            why.append(f"'{r.cues[1]} {r.cue} X': near X; its events are coded at precision 2")
        elif any(self._cue_is(c, "region") for c in r.cues[1:]) and p.feature in ("populated", "camp"):
            qualifier, precision = "countryside", max(precision, 2)  # "بريف مدينة البوكمال"
            why.append(f"the countryside of {p.name}: precision {precision}")
        elif r.vicinity is not None:
            qualifier, precision = _VICINITY_QUALIFIER.get(r.vicinity, "near"), max(precision, 2)
            why.append(f"'{r.vicinity} X': around X, not in it, precision {precision}")
        elif r.direction and p.feature in ("populated", "admin1") and r.cue in (None, "منطقه"):
            # "دير الزور الشرقي" without ريف is unusual; keep the place, note the direction
            qualifier = r.direction
        return PlaceMention(
            start=start, end=end, name=name, latitude=lat, longitude=lon, geo_precision=precision,
            admin1=admin1, admin2=admin2, country=country, iso=iso, feature=feature, role=r.role,
            place_id=p.id, qualifier=qualifier, surface=nt.norm[r.name_start:r.name_end],
            candidates=len(r.cands), _why=lambda: self._ranking_why(r, explain_best) + why,
        )

    def _side_of(self, norm: str, ws: int, prefix: str, n_cues: int) -> bool:
        """"الأطراف الغربية لبلدة X", "الطرف الجنوبي من الفلوجة", "بالقرب من بلدة X": the words before the place
        (and its cue word) name a side of it or its outskirts, joined by "ل" or "من"."""
        prev = _prev_words(norm, ws, n_cues + 4)
        if len(prev) <= n_cues:
            return False
        k = n_cues
        linked = (prev[0].startswith("ل") and n_cues > 0) or (n_cues == 0 and "ل" in prefix)
        if len(prev) > k and prev[k] == "من":
            linked, k = True, k + 1
        if not linked:
            return False
        adjectives = 0
        while len(prev) > k and prev[k] in self.words.directions and adjectives < 2:
            adjectives, k = adjectives + 1, k + 1
        if len(prev) <= k:
            return False
        word = prev[k][2:] if prev[k].startswith("ال") else prev[k]
        if word in self.words.side_words:
            return adjectives > 0  # "الطرف الجنوبي من X" (a bare "طرف من" is no side)
        return adjectives == 0 and (self._cue_base(prev[k]) == "قرب" or prev[k] in self.words.near_nouns)  # "بالقرب من X"

    def _compass_list(self, norm: str, start: int) -> bool:
        """"شرق وجنوب مدينة الحديدة": directions joined by "و" name parts of the city, not a place near it."""
        lead = norm[start:start + 12].split(" ", 1)[0]
        return lead.startswith("و") and lead[1:] in self.words.compass

    def _ranking_why(self, r: _Raw, explain_best: Callable[[], list[str]] | None) -> list[str]:
        """The ranking part of a mention's `why`: the winner's score and terms (from `explain_best` when
        `scores` lacks them), the best rejected rivals."""
        gaz = self.gazetteer
        assert r.best is not None
        score, why = r.scores[r.best]
        if explain_best is not None:
            why = explain_best()
        why = [f"score {score:.1f} ({len(r.cands)} candidate(s))", *why] if len(r.scores) > 1 or why[:1] != [
            "the only place with this name"] else list(why)
        others = sorted(((s, i) for i, (s, _) in r.scores.items() if i != r.best), reverse=True)[:3] if len(
            r.scores) > 1 else []
        for s, i in others:
            q = gaz.places[i]
            why.append(f"rejected {q.name} ({q.admin1 or '?'}, {q.country}, {q.feature}) score {s:.1f}")
        return why


def _explainer(gp: Geoparser, r: _Raw, best: int, ctx: _Context, raws: list[_Raw],
               idx: int, group: int) -> Callable[[], list[str]]:
    """The score terms of `best` for `r`, worked out when asked (the context no longer changes then)."""
    return lambda: gp._score(r, best, ctx, raws, idx, explain=True, group=group)[1]


def _lies_in(p: Place, container: Place) -> bool:
    """`p` can be in `container`: the same country (a country), the same governorate, or within 60 km of a town
    ("تدمر بريف حمص" is 150 km from Homs, in its governorate)."""
    if container.feature == "country":
        return p.country == container.country
    return (p.country, p.admin1) == (container.country, container.admin1) or (
        container.feature != "admin1" and haversine_km(p.lat, p.lon, container.lat, container.lon) <= 60)


def _clitics_before(norm: str, pos: int, letters: str) -> bool:
    """The word that `pos` is in starts at `pos`, or after at most two proclitics of `letters` ("وب", "ف")."""
    i = pos
    while i > 0 and pos - i < 3 and norm[i - 1] in letters:
        i -= 1
    return i == 0 or not (norm[i - 1].isalnum() or norm[i - 1] == "_")


def _surface(nt: NormText, r: _Raw) -> str:
    s, e = nt.span(r.name_start, r.name_end)
    return nt.original[s:e]


def _contains_name(norm: str, name: str) -> bool:
    from rasid.geo.gazetteer import name_key

    return name_key(name) in norm


@dataclass(slots=True)
class _Context:
    anchors: list[tuple[int, float, float]] = field(default_factory=list)  # (name group, lat, lon)
    admins: dict[tuple[str, str], int] = field(default_factory=dict)
    admin_by: dict[tuple[str, str], dict[int, int]] = field(default_factory=dict)  # admin -> votes per name group
    named_ids: set[str] = field(default_factory=set)
    elsewhere: frozenset[str] = frozenset()  # the article's unambiguous places all lie in these other countries
    dateline: tuple[float, float] | None = None
    _points: list[tuple[float, float, float]] | None = None  # distinct anchors: lat, lon, cos(lat)
    _solo: dict[int, int] = field(default_factory=dict)  # name group -> the anchor only it put there
    _points_of: int = -1
    _near: dict[tuple[int, int], float | None] = field(default_factory=dict)

    def vote(self, admin: tuple[str, str], group: int) -> None:
        """A mention of name group `group` names governorate `admin`."""
        self.admins[admin] = self.admins.get(admin, 0) + 1
        by = self.admin_by.setdefault(admin, {})
        by[group] = by.get(group, 0) + 1

    def _refresh(self) -> None:
        if self._points is not None and self._points_of == len(self.anchors):
            return
        who: dict[tuple[float, float], set[int]] = {}
        for j, lat, lon in self.anchors:
            who.setdefault((round(lat, 2), round(lon, 2)), set()).add(j)
        self._points = [(lat, lon, math.cos(math.radians(lat))) for lat, lon in who]
        self._solo = {next(iter(js)): k for k, js in enumerate(who.values()) if len(js) == 1}
        self._points_of = len(self.anchors)
        self._near = {}

    def nearest_km(self, place: int, lat: float, lon: float, mention: int) -> float | None:
        """Distance to the nearest anchor not put there by the name group `mention` alone (None: no such anchor).

        Equirectangular distance: within a few km of the great-circle one at these ranges."""
        self._refresh()
        assert self._points is not None
        skip = self._solo.get(mention, -1)
        key = (place, skip)
        if key in self._near:
            return self._near[key]
        best = None
        for k, (a, b, c) in enumerate(self._points):
            if k == skip:
                continue
            dx = (lon - b) * c * 111.32
            dy = (lat - a) * 110.57
            d2 = dx * dx + dy * dy
            if best is None or d2 < best:
                best = d2
        out = None if best is None else math.sqrt(best)
        self._near[key] = out
        return out


def explain(mentions: list[PlaceMention]) -> str:
    """A plain-text debug view of resolved mentions."""
    lines = []
    for m in mentions:
        at = f"({m.latitude:.3f}, {m.longitude:.3f})" if m.latitude is not None and m.longitude is not None \
            else "(no coordinates)"
        lines.append(
            f"[{m.start}:{m.end}] {m.surface} -> {m.name} {at} "
            f"{m.admin1}/{m.admin2}, {m.country}; {m.feature}, precision {m.geo_precision}"
            + (f", {m.qualifier}" if m.qualifier else "") + (f" [{m.role}]" if m.role != "mention" else "")
        )
        for w in m.why:
            lines.append(f"    {w}")
    return "\n".join(lines)
