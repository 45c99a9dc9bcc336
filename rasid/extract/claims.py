"""Quantity and proposition claims with their speaker, stance and evidence (issue 5).

Entry points for the extraction stage (normalised offsets in, original offsets in the records out), each
reading the document through its `ClaimText` (`claim_text(doc)`):

- `extract_claims(ct, sentences, events, published, outlet=None) -> list[Claim]`: once per document.
- `find_attribution(ct, sentence_span, previous_speaker) -> Attribution | None`: who says so and with which
  stance, from the cue lists in `rasid/data/lexicon/attribution.tsv`.

Units and casualty categories of counted nouns come from `rasid/data/lexicon/units.tsv`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from rasid.extract.gated import Gated
from rasid.lexicon.tables import AttributionCue
from rasid.models import Claim, Event, Evidence, Speaker
from rasid.text.dates import WEEKDAYS
from rasid.text.matcher import Scan
from rasid.text.normalize import NormText, normalize
from rasid.text.numbers import NumberMention, UnitEntry, attach_qualifier

if TYPE_CHECKING:
    from rasid.extract.doc import Doc
    from rasid.resources import Resources
    from rasid.text.dates import DateMention

_Cue = AttributionCue
#: a word (written to start with one character class: the engine then skips to the next word instead of trying
#: every position, as it does for a pattern that starts with a repeat)
_WORD = re.compile(r"[^\W_][^\W_]*")
PEOPLE_UNITS = frozenset({"person", "civilian", "fighter", "soldier"})  # units that count people


class ClaimWords(NamedTuple):
    """The word lists and patterns the claims rules read, made from claim_words.tsv (once per `Resources`)."""

    speaker_stop: frozenset[str]  # ends a speaker phrase
    speaker_skip: frozenset[str]  # left out at the start of a speaker phrase read backwards
    subset: frozenset[str]
    contrast: tuple[str, ...]
    generic_roles: frozenset[str]
    body_adjective: frozenset[str]  # "الاعلامي": an adjective when a body follows ("المركز الاعلامي للجيش")
    anaphoric: frozenset[str]
    source_head: frozenset[str]  # "مصدر في ...": the phrase goes on after "في"
    square: frozenset[str]  # "مربع" after a kilometre word
    distance_cue: frozenset[str]  # before a length ("يبعد 60 كلم")
    compass: frozenset[str]  # after a length ("60 كلم غرب بغداد")
    area_noun: frozenset[str]  # "مساحه" before a bare unit
    bare_unit: frozenset[str]  # "الكيلومتر" with no figure: one of it
    reject_cue: frozenset[str]  # "رفض" before a proposition: stance reject
    object_prep: dict[str, frozenset[str]]  # preposition -> the propositions whose object it introduces
    object_stop: frozenset[str]  # ends the object of a proposition
    others: frozenset[str]
    other_one: frozenset[str]  # "واصابه اخر": one more person after a casualty word
    qualifier_skip: frozenset[str]  # weekdays included
    time_words: tuple[str, ...]  # weekdays included
    aside: frozenset[str]  # "وأشار إلى أن": an aside, not a statement of its own
    relative: frozenset[str]  # "والذي": a verb after it, later than a figure, tells of a noun, sources nothing
    accuse: frozenset[str]  # "اتهم": what follows is a claim of blame, a statement even from a narrator
    count_noun: frozenset[str]  # "عدد", "حصيله": the noun after it says what a later bare figure counts
    clause_speculate: re.Pattern[str]  # "من المتوقع", "يبدو" inside a statement: it is speculation
    clause_deny: re.Pattern[str]  # "نافيه", "لم ترد انباء" inside a statement: it is a denial
    continuation: frozenset[str]  # "كما": the sentence goes on with the previous sentence's report
    not_speech: frozenset[str]  # "تابعون", "تابعة": spelled like a speech verb, not one
    needs_speaker: frozenset[str]  # "رصد", "نشر": speech only with a speaker noun after it
    outlet_host: dict[str, str]  # a name in an outlet's host -> the kind of source it is ("syriahr": activists)
    naming_verb: frozenset[str]  # "مواطنا يدعى فلان": "is named" after an indefinite noun
    estimated: frozenset[str]  # "تقدر": "is estimated" when "ب" follows ("تقدر بنحو 700")
    #: "مسيره" -> ("drone", {"aircraft"}): after a counted noun of one of the units, the noun is the new unit
    unit_modifier: dict[str, tuple[str, frozenset[str]]]
    ordinal: dict[str, float]  # "سابع" -> 7 ("الاستهداف السابع": the seventh strike, a running count)
    ordinal_pattern: Gated  # any ordinal of list `ordinal` (searched from where one of its words stands)
    running_unit: frozenset[str]  # the units an ordinal counts ("strike", "attack")
    no_casualties: Gated
    no_casualties_needles: tuple[str, ...]  # one of them is in any text the pattern matches
    damage_only: Gated  # "اضرار ماديه فقط": no casualties
    damage_only_needles: tuple[str, ...]
    singular_cue: Gated
    pronoun_death: Gated
    pronoun_death_needles: tuple[str, ...]
    both: re.Pattern[str]  # "بين قتيل وجريح"
    fall_cue: frozenset[str]  # "سقط": "سقط 10 من الجانبين" counts the killed
    partitive_stop: frozenset[str]  # "واحد من كل خمسه": a share, no group of people
    adds: frozenset[str]  # "واضاف": says the words before it were said too, by the same speaker
    death_noun_cue: frozenset[str]  # "استشهاد": before a definite civilian noun, one person ("باستشهاد الطفله")
    lead_time: frozenset[str]  # "امس", "الثلاثاء": between a verb and its subject ("وقالت امس الوزاره")
    passive_aux: frozenset[str]  # "تم": "وتم نقلهم" is no report


def compile_claim_words(resources: Resources) -> ClaimWords:
    """`ClaimWords` of the resources' claim_words.tsv (use `resources.derived(compile_claim_words)`)."""
    w = resources.words("claim_words.tsv")
    weekdays = tuple(WEEKDAYS)
    # The patterns read over the whole document start with their word list (no lookbehind or optional prefix):
    # `Gated.finditer` then tries them only where one of its words is found; the word boundary and clitics are
    # checked by `ClaimText.pattern_hits`.
    return ClaimWords(
        speaker_stop=w["speaker_stop"].words,
        speaker_skip=w["speaker_skip"].words,
        subset=w["subset"].words,
        contrast=w["contrast"].forms,
        generic_roles=w["generic_role"].words,
        body_adjective=w["body_adjective"].words,
        anaphoric=w["anaphoric_source"].words,
        source_head=w["source_head"].words,
        square=w["square"].words,
        distance_cue=w["distance_cue"].words,
        compass=w["compass"].words,
        area_noun=w["area_noun"].words,
        bare_unit=w["bare_unit"].words,
        reject_cue=w["reject_cue"].words,
        object_prep={f: frozenset(v.split()) for f, v in w["object_prep"].mapping().items()},
        object_stop=w["object_stop"].words | w["speaker_stop"].words - {"من", "في"},
        others=w["others"].words,
        other_one=w["other_one"].words,
        qualifier_skip=w["qualifier_skip"].words | frozenset(weekdays),
        continuation=w["continuation"].words,
        time_words=w["time_word"].forms + weekdays,
        aside=w["aside"].words,
        relative=w["relative"].words,
        accuse=w["accuse"].words,
        count_noun=w["count_noun"].words,
        clause_speculate=re.compile(rf"(?<!\w)[وف]?(?:{w.alt('clause_speculate')})(?!\w)"),
        clause_deny=re.compile(rf"(?<!\w)[وف]?(?:{w.alt('clause_deny')})(?!\w)"),
        not_speech=w["not_speech"].words,
        needs_speaker=w["needs_speaker"].words,
        outlet_host=w["outlet_host"].mapping(),
        naming_verb=w["naming_verb"].words,
        estimated=w["estimated"].words,
        unit_modifier={f: (v.split()[0], frozenset(v.split()[1:])) for f, v in w["unit_modifier"].mapping().items()},
        ordinal={f: float(v) for f, v in w["ordinal"].mapping().items()},
        ordinal_pattern=Gated("", w["ordinal"], "", 0),
        running_unit=w["running_unit"].words,
        no_casualties=Gated("", w["no_casualty_negation"], r"\s+(?:وقوع\s+|تسجيل\s+|سقوط\s+)?"
                            rf"(?:اي\s+)?(?:{w.alt('casualty_noun')})(?:\s+بشريه|\s+في\s+الارواح)?", 0),
        no_casualties_needles=w["casualty_noun"].forms,
        damage_only=Gated("", w["damage_only"], "", 0),
        damage_only_needles=tuple(f.split()[0] for f in w["damage_only"].forms),
        singular_cue=Gated("", w["singular_cue"], r"\s+([^\W\d_]+)", 0),
        pronoun_death=Gated("", w["death_noun"], r"(هما|ها|ه)(?![\w])", 0),
        pronoun_death_needles=tuple(f + "ه" for f in w["death_noun"].forms),
        both=re.compile(rf"\s*(?:ما\s+)?بين\s+(?:{w.alt('both_killed')})\S*\s+"
                        rf"و(?:{w.alt('both_wounded')})\S*"),
        fall_cue=w["fall_cue"].words,
        partitive_stop=w["partitive_stop"].words,
        adds=w["adds"].words,
        death_noun_cue=w["death_noun_cue"].words,
        lead_time=w["lead_time"].words | frozenset(weekdays),
        passive_aux=w["passive_aux"].words,
    )


class Attribution(NamedTuple):
    speaker: Speaker
    source_type: str  # official | spokesperson | local_sources | activists | agency | outlet | witness | unknown
    stance: str  # affirm | deny | speculate


class ClaimText:
    """A document as the claims rules read it: its text, numbers and dates, and what the rules ask for
    more than once, worked out once (the attribution cue hits of a span, the quantities of a sentence, the
    hits of a casualty pattern). One per document: `claim_text(doc)`; the event builder shares it."""

    def __init__(self, nt: NormText, numbers: Sequence[NumberMention], dates: Sequence[DateMention],
                 resources: Resources, scan: Scan | None = None) -> None:
        self.nt = nt
        self.norm = nt.norm
        self.original = nt.original
        self.span = nt.span
        self.orig_index = nt.orig_index
        self.units = resources.units
        self.attribution = resources.attribution
        self.w = resources.derived(compile_claim_words)
        self.numbers = sorted(numbers, key=lambda m: m.start)
        self.number_starts = [m.start for m in self.numbers]
        self.dates = dates
        self._scan = scan
        self._hits: list[tuple[int, int, _Cue]] | None = None
        self._hit_starts: list[int] = []
        self._others: list[tuple[int, int, _Cue]] = []
        self._other_starts: list[int] = []
        self._cues_of: dict[tuple[int, int], list[tuple[int, int, _Cue]]] = {}
        self._quantities_of: dict[tuple[int, int], list[_Quantity]] = {}
        self._pattern_hits: dict[Gated, tuple[list[re.Match[str]], list[int]]] = {}
        #: `_phrase_after`'s spans by (pos, end, max_words)
        self.phrases_after: dict[tuple[int, int, int], tuple[int, int]] = {}
        #: the area nouns the text holds (as substrings: every word that is one holds it)
        self.area_nouns = tuple(noun for noun in self.w.area_noun if noun in self.norm)
        #: speakers met so far (name, role, affiliation) and the source type they were read with
        self.speaker_types: dict[tuple[str | None, str | None, str | None], str] = {}

    def cues(self, span: tuple[int, int]) -> list[tuple[int, int, _Cue]]:
        """Cue hits inside `span`, in text order; [] when the span has no trigger cue (verb, sourcing
        phrase, stance cue). Both cue matchers read the whole document once, on the first call."""
        if self._hits is None:
            scan = self._scan or Scan(self.norm)
            self._hits = [(m.start, m.end, cue) for m in self.attribution.triggers.find(scan) for cue in m.values
                          if cue.kind != "verb" or self._is_speech(m.start)]
            self._hit_starts = [h[0] for h in self._hits]
            if self._hits:
                self._others = [(m.start, m.end, cue) for m in self.attribution.others.find(scan)
                                for cue in m.values]
                self._other_starts = [h[0] for h in self._others]
        cached = self._cues_of.get(span)
        if cached is not None:
            return cached
        s, e = span
        hits, starts = self._hits, self._hit_starts
        found = [h for h in hits[bisect_left(starts, s):bisect_left(starts, e)] if h[1] <= e]
        if found:
            others, other_starts = self._others, self._other_starts
            found += [h for h in others[bisect_left(other_starts, s):bisect_left(other_starts, e)] if h[1] <= e]
            found.sort(key=lambda h: h[0])
        self._cues_of[span] = found
        return found

    def propositions_in(self, span: tuple[int, int], only: frozenset[str]) -> list[tuple[int, int, _Cue]]:
        """Proposition cues of the kinds `only` inside `span`, whether or not the span has a trigger cue."""
        self.cues(span)
        if not self._hits and not self._others:  # no trigger in the whole document: read the others once
            scan = self._scan or Scan(self.norm)
            self._others = [(m.start, m.end, cue) for m in self.attribution.others.find(scan) for cue in m.values]
            self._other_starts = [h[0] for h in self._others]
            self._hits = self._hits or []
        s, e = span
        lo, hi = bisect_left(self._other_starts, s), bisect_left(self._other_starts, e)
        return [h for h in self._others[lo:hi] if h[1] <= e and h[2].kind == "proposition" and h[2].value in only]

    def _is_speech(self, start: int) -> bool:
        """False for a verb hit whose word only looks like a speech verb: "مقاتلون تابعون للجماعه",
        "دوريات تابعه للامن" (affiliated), not "وتابع المسؤول" (went on); "شابا يدعي فلان" (is named: after
        an indefinite noun ending in tanween alif), not "يدعي التنظيم" (claims)."""
        m = _WORD.match(self.norm, start)
        word = m.group() if m else ""
        w0 = start
        while w0 > 0 and self.norm[w0 - 1].isalnum():
            w0 -= 1
        if self.norm[w0:start] in ("ل", "ول", "فل"):
            return False  # "لنشر نقاط مراقبه", "لتاكيد ...": a verb of purpose, no report
        before = self.norm[max(0, w0 - 12):w0].split()
        if before and before[-1] in self.w.passive_aux:
            return False  # "وتم نقلهم الي المستشفي": a passive with a verbal noun, no report
        if (word in self.w.estimated or word[1:] in self.w.estimated) and m is not None:
            nxt = _WORD.search(self.norm, m.end(), m.end() + 30)
            if nxt is not None and nxt.group().startswith("ب"):
                return False  # "مساحه تقدر بنحو 700 متر": "is estimated at", no one's estimate
        if word in self.w.naming_verb:
            before = self.norm[max(0, start - 20):start].split()
            if before and len(before[-1]) > 2 and before[-1].endswith("ا"):
                return False
        return word not in self.w.not_speech and word[1:] not in self.w.not_speech

    def quantities(self, sent: tuple[int, int], vague_zero: bool = False) -> list[_Quantity]:
        """Quantities of one sentence. With `vague_zero`, "عدد من" / "عدة" are kept with ACLED's figure for
        an unstated plural (10); claims leave them out (no figure was stated)."""
        cached = self._quantities_of.get(sent)
        if cached is None:
            cached = self._quantities_of[sent] = _compute_quantities(self, sent)
        return [q for q in cached if vague_zero or not q.unstated]

    def pattern_hits(self, pattern: Gated, sent: tuple[int, int],
                     needles: tuple[str, ...] = ()) -> list[re.Match[str]]:
        """Matches of `pattern` inside a sentence; the whole document is read once per pattern (not at
        all when it holds none of the `needles`, one of which is in any text the pattern matches)."""
        entry = self._pattern_hits.get(pattern)
        if entry is None:
            norm = self.norm
            if needles and not any(x in norm for x in needles):
                ms = []  # a substring test in C is much cheaper than a regex scan of the document
            else:
                ms = [m for m in pattern.finditer(norm) if _at_word_start(norm, m.start())]
            entry = self._pattern_hits[pattern] = (ms, [m.start() for m in ms])
        ms, starts = entry
        lo, hi = bisect_left(starts, sent[0]), bisect_left(starts, sent[1])
        return [m for m in ms[lo:hi] if m.end() <= sent[1]]


def claim_text(doc: Doc) -> ClaimText:
    """The document's `ClaimText`, made on first use from its numbers and dates."""
    if doc.claim_text is None:
        doc.claim_text = ClaimText(doc.text, doc.numbers, doc.dates, doc.resources, doc.scan)
    return doc.claim_text


def _orig(nt: ClaimText, start: int, end: int) -> str:
    a, b = nt.span(start, end)
    return nt.original[a:b].strip(" \"'،,.:()«»“”")


def _phrase_after(nt: ClaimText, pos: int, end: int, max_words: int = 6) -> tuple[int, int]:
    """Normalised span of the noun phrase starting at `pos`: up to a stop word, punctuation or `max_words`
    (once per document and arguments: a sentence's attribution and each of its figures' read the same cue)."""
    key = (pos, end, max_words)
    found = nt.phrases_after.get(key)
    if found is None:
        found = nt.phrases_after[key] = _read_phrase_after(nt, pos, end, max_words)
    return found


def _read_phrase_after(nt: ClaimText, pos: int, end: int, max_words: int) -> tuple[int, int]:
    norm = nt.norm
    stop = nt.w.speaker_stop
    while 0 < pos < end and norm[pos - 1].isalnum() and norm[pos].isalnum():  # cue ended inside its word
        pos += 1
    # "وقالت امس وزاره الصحه", "اعلنت، الثلاثاء، وزاره ...": a time between the verb and its subject
    lead = pos
    while (t := _LEAD_GAP.match(norm, lead, end)) is not None and (w := _WORD.match(norm, t.end(), end)) is not None \
            and w.group() in nt.w.lead_time:
        lead = w.end()
    if lead > pos and (nxt := _LEAD_GAP.match(norm, lead, end)) is not None and _WORD.match(norm, nxt.end(), end):
        pos = nxt.end()
    first = last = -1
    located = False  # "مصدر في قياده الشرطه": the phrase goes on after "في" and stops before "لوكاله ..."
    for count, m in enumerate(_WORD.finditer(norm, pos, end), start=1):
        gap = norm[(last if last >= 0 else pos):m.start()]
        if last >= 0 and gap != " " and any(c in gap for c in "،,.:؛()\n"):  # mostly one space
            break
        g = m.group()
        if located and g.startswith("ل") and nt.attribution.source_type_of(g[1:]) in ("agency", "outlet"):
            break  # "مصدر في بلده X لوكاله ...": the outlet it spoke to
        if g[0].isdigit() and norm[m.end():m.end() + 1] == '"':
            pass  # a name in quotes with digits: "درعا 24"
        elif g == "في" and not located and first >= 0 and norm[first:last] in nt.w.source_head:
            located = True
            max_words += 3
        elif g in stop or g.startswith(("ان", "بان")) and len(g) <= 5 or g[0].isdigit():
            break
        ue = nt.units.of(g)
        if ue is not None and ue.number == "cue":
            break
        if first < 0:
            first = m.start()
        last = m.end()
        if count >= max_words:
            break
    return (first, last) if first >= 0 else (pos, pos)


_LEAD_GAP = re.compile(r"[\s،,]*")


def _phrase_before(nt: ClaimText, start: int, pos: int, max_words: int = 5) -> tuple[int, int]:
    """Normalised span of the words right before `pos` back to punctuation or the sentence start."""
    norm = nt.norm
    seg_start = start
    for ch in "،,.:؛\n":
        k = norm.rfind(ch, start, pos)
        if k + 1 > seg_start:
            seg_start = k + 1
    if seg_start > 0 and norm[seg_start - 1].isalnum():  # never start inside a word
        while seg_start < pos and norm[seg_start].isalnum():
            seg_start += 1
    words = list(_WORD.finditer(norm, seg_start, pos))
    skip = nt.w.speaker_skip
    words = [w for w in words if w.group() not in skip]
    if not words:
        return (pos, pos)
    words = words[-max_words:]
    return words[0].start(), words[-1].end()


def _speaker_from(nt: ClaimText, span: tuple[int, int], cues: list[tuple[int, int, _Cue]]) -> tuple[Speaker, str]:
    """Speaker record and source type of a speaker phrase (normalised span)."""
    s, e = span
    if e <= s:
        return Speaker(), "unknown"
    if not any(c.kind == "speaker" and s <= cs < e for cs, _, c in cues) and len(nt.norm[s:e].split()) > 3:
        return Speaker(), "unknown"  # a clause, not a speaker ("ضبط خلايا التنظيم النشطه")
    source_type = "unknown"
    inside = [(ce - cs, cs, cue) for cs, ce, cue in cues if cue.kind == "speaker" and s <= cs < e]
    adjective = [h for h in inside if h[1] > s and nt.norm[h[1]:h[1] + h[0]] in nt.w.body_adjective]
    for h in adjective:
        # "المركز الاعلامي للجيش", "الذراع الاعلامي لتنظيم ... وكاله اعماق": an adjective the body after it
        # types; "المركز الاعلامي لعمليه ..." speaks for the body it belongs to (an official one when untyped)
        inside.remove(h)
        if not any(o[1] > h[1] for o in inside):
            belongs = nt.norm.startswith("ل", h[1] + h[0] + 1) and h[1] + h[0] + 1 < e
            inside.append((h[0], h[1], AttributionCue("speaker", "official") if belongs else h[2]))
    specific = [h for h in inside if h[2].value != "unknown"]
    if specific or inside:
        # the head of the phrase decides: the earliest speaker noun, the longest one at that place
        # ("المتحدث باسم وزاره الداخليه" is a spokesperson, "مصدر في شرطه كركوك" an official)
        ordered = sorted(specific or inside, key=lambda h: (h[1], -h[0]))
        source_type = ordered[0][2].value
        head = nt.norm[ordered[0][1]:ordered[0][1] + ordered[0][0]]
        joined = next((h for h in ordered[1:] if nt.norm[h[1] - 2:h[1]] == " و"), None)
        if joined is not None and joined[2].value != source_type:
            # two speakers joined by "و": media and activists speak as activists ("وسائل اعلام عراقيه
            # وناشطون"), a spokesman and officials as officials ("متحدث باسم قوات الامن ومسؤولون بالقطاع")
            pair = {source_type, joined[2].value}
            if source_type in ("outlet", "unknown"):
                source_type = joined[2].value
            elif pair == {"spokesperson", "official"}:
                source_type = "official"
        if head in nt.w.generic_roles:
            # "مدير المرصد", "رئيس الشبكه": a generic role takes the type of the body it belongs to
            body = next((h for h in ordered[1:] if h[2].value not in ("official", "unknown")), None)
            if body is not None:
                source_type = body[2].value
    norm = nt.norm
    text = _orig(nt, s, e)
    name = None
    role: str | None = text
    affiliation = None
    # a name in parentheses right after the role: "المتحدث باسم ... (فلان الفلاني)"
    tail = norm[e:e + 60]
    par = re.match(r"\s*[(]([^()\"\n]{2,40})[)]", tail)
    if par and not any(w in par.group(1) for w in nt.w.time_words):
        name = _orig(nt, e + par.start(1), e + par.end(1))
    k = norm.find(" باسم ", s, e)
    if k >= 0:
        affiliation = _orig(nt, k + 6, e)
    elif source_type in ("agency", "outlet", "activists") or not inside:
        name, role = text, None  # a named body, or a bare name ("قال فلان")
    words = _WORD.findall(norm, s, e)
    if not inside:
        # a speaker named with no role or body word ("قال فلان الفلاني", "اعلنت الجماعه"): the role given
        # with the name earlier ("المتحدث باسم القوه، فلان الفلاني، ... وقال الفلاني"), else most often an
        # official or a party (in the gold, and on its validation part: speaker accuracy 0.750 -> 0.766)
        source_type = _appositive_type(nt, s, words) or _named_before(nt, words) or "official"
    elif len(words) > 1 and min(h[1] for h in inside) >= s + len(words[0]) + 1:
        # "واكد الحداد عثور قوات الفجر ...": a name met earlier with its role, the phrase running on after it
        source_type = _appositive_type_of(nt, s, words[0]) or source_type
    if source_type == "unknown" and inside and " في " in norm[s:e] and words[0] in nt.w.source_head:
        source_type = "local_sources"  # "مصدر في بلده X": a source in a place, with no body named
    nt.speaker_types[(name, role, affiliation)] = source_type
    return Speaker(name=name, role=role, affiliation=affiliation), source_type


def _named_before(nt: ClaimText, words: list[str]) -> str | None:
    """"واكدت اللجنه": a body named by its noun alone, with the article, is the one of that noun read as a
    speaker before ("لجنه اطباء السودان المركزيه"): its source type; None if none was."""
    if len(words) != 1 or not words[0].startswith("ال") or len(words[0]) < 5:
        return None
    head = words[0][2:]
    for (name, role, _), source_type in reversed(list(nt.speaker_types.items())):
        text = normalize(role or name or "")
        if source_type != "unknown" and text.split()[:1] == [head] and len(text.split()) > 1:
            return source_type
    return None


def _appositive_type(nt: ClaimText, start: int, words: list[str]) -> str | None:
    """Source type of the role named right before the first mention of a bare name's last word, in the
    same clause ("المتحدث باسم القوه المشتركه، احمد حسين مصطفي" for a later "واوضح مصطفي"); else of its
    first word (a name the phrase runs on after: "واكد الغصري عثور القوات ..."); None if none."""
    found = _appositive_type_of(nt, start, words[-1]) if words else None
    if found is None and len(words) > 1:
        found = _appositive_type_of(nt, start, words[0])
    return found


def _whole_word_before(norm: str, word: str, start: int) -> tuple[int, int] | None:
    """The span of the first place `word` stands as a whole word in `norm[:start]`: the first match of
    `(?<!\\w)word(?!\\w)` on that slice, found by `str.find` (the pattern opens with a look-behind, so the
    regex engine would try it at every position before `start`, and the slice copies the text)."""
    n = len(word)
    i = norm.find(word, 0, start)
    while i >= 0:
        e = i + n
        if (i == 0 or not _is_word_char(norm[i - 1])) and (e == start or not _is_word_char(norm[e])):
            return i, e
        i = norm.find(word, i + 1, start)
    return None


def _is_word_char(c: str) -> bool:
    """`\\w` of the regex engine for one character: a letter or digit of any script, or "_"."""
    return c.isalnum() or c == "_"


def _appositive_type_of(nt: ClaimText, start: int, word: str) -> str | None:
    if len(word) < 3:
        return None
    norm = nt.norm
    found = _whole_word_before(norm, word, start)
    if found is not None:
        ms, me = found
        lo = max(norm.rfind(".", 0, ms), norm.rfind("\n", 0, ms), ms - 80) + 1
        hi = min(x for x in (norm.find(".", me), norm.find("\n", me), len(norm)) if x >= 0)
        around = nt.cues((lo, hi))  # the cues of a span are read only when it holds a verb or sourcing phrase
        # a person's role, not the outlet that quotes them ("ونقل الموقع عن الناطق باسم ...، فلان")
        roles = [(cs, cue) for cs, ce, cue in around if ce <= ms and cue.kind == "speaker"
                 and cue.value not in ("unknown", "outlet", "agency")]
        if roles:
            return roles[0][1].value
        # "فلان الفلاني، المتحدث باسم الحركه": the role set after the name
        role = _role_after(nt, me, hi, around)
        return _speaker_from(nt, role, around)[1] if role is not None else None
    return None


def find_attribution(nt: ClaimText, sentence_span: tuple[int, int],
                     previous_speaker: Speaker | None = None) -> Attribution | None:
    """Who a sentence attributes its content to, and with which stance; None when it is plain narration.

    Reported-speech verbs (قال، أكد، نفى، زعم...) take the phrase after them as speaker ("قالت مصادر محلية
    إن"), or the one before them ("المرصد أكد أن"); a verb with no subject ("وأضاف أن") carries over
    `previous_speaker`. Sourcing phrases (حسب، وفق، نقلاً عن) take the phrase after them. A deny verb or cue
    (نفى، لا صحة) makes the stance "deny"; a speculation cue (رجح، ربما) "speculate".
    """
    cues = nt.cues(sentence_span)
    if not cues:
        return None
    for k, (_, _, cue) in enumerate(cues):
        if cue.kind in ("verb", "source"):
            return _from_cue(nt, sentence_span, cues, k, previous_speaker, _stance(cues, 0, len(cues)))
    stance = _stance(cues, 0, len(cues))
    if stance != "affirm":
        return Attribution(previous_speaker or Speaker(), "unknown", stance)
    return None


def _stance(cues: list[tuple[int, int, _Cue]], lo: int, hi: int) -> str:
    stance = "affirm"
    for _, _, cue in cues[lo:hi]:
        if cue.kind in ("deny", "verb") and cue.value == "deny":
            return "deny"
        if cue.kind in ("speculate", "verb") and cue.value == "speculate":
            stance = "speculate"
    return stance


def _from_cue(nt: ClaimText, sent: tuple[int, int], cues: list[tuple[int, int, _Cue]], k: int,
              previous_speaker: Speaker | None, stance: str) -> Attribution:
    """The attribution introduced by the verb or sourcing phrase cues[k]."""
    s, e = sent
    cs, ce, cue = cues[k]
    if cue.kind == "source":
        # "وفق حصيله اوردها المرصد", "بحسب ما اكد المرصد": the verb right after names the speaker
        for j in range(k + 1, len(cues)):
            if cues[j][2].kind == "verb" and cues[j][0] - ce <= 25:
                return _from_cue(nt, sent, cues, j, previous_speaker, stance)
    after = _phrase_after(nt, ce, e)
    if cue.kind == "source" and after[1] > after[0] and not nt.norm[ce:after[0]].strip():
        # "بحسب مصادر محليه", "وفقا لمصادر فلسطينيه": the sourcing phrase ends with the speaker noun, which
        # heads the speaker phrase (else "محليه" alone reads as a name)
        head = [a for a, b, c in cues if c.kind == "speaker" and cs <= a < ce <= b]
        if head:
            after = (min(head), after[1])
    claimed = next((a for a, _, c in cues if c.kind == "proposition" and after[0] < a < after[1]), None)
    if claimed is not None:  # "اعلن التنظيم سيطرته على المدينه": the speaker ends before what it claims
        after = (after[0], len(nt.norm[:claimed].rstrip()))
    phrase = after
    if (cue.kind == "source" and nt.norm.startswith("لل", after[0]) and after[1] > after[0]
            and not _has_speaker_cue(cues, after)):
        return Attribution(Speaker(), "unknown", stance)  # "طبقا للقانون الدولي": a rule, not a source
    if cue.kind == "verb" and after[1] > after[0]:
        relay = _RELAY.match(nt.norm, after[1], e)
        if relay:  # "نقلت وكاله X عن متحدث باسم ...": the source the outlet relays speaks
            inner = _phrase_after(nt, relay.end(), e)
            if any(c.kind == "speaker" and c.value != "unknown" and inner[0] <= a < inner[1] for a, _, c in cues):
                after = phrase = inner
    if (cue.kind == "verb" and after[1] > after[0] and _verb_word(nt, cs) in nt.w.needs_speaker
            and not any(c.kind == "speaker" and after[0] <= a < after[1] for a, _, c in cues)):
        phrase = after = (ce, ce)  # "رصد عصر اليوم", "نشرت تعزيزات عسكريه": no speaker after the verb
    if cue.kind == "verb" and after[1] > after[0] and not _has_speaker_cue(cues, after):
        role = _role_after(nt, after[1], e, cues)
        if role is not None:  # "واضاف فلان الفلاني، المتحدث باسم الحركه، ...": the role after the name types it
            sp, source_type = _speaker_from(nt, role, cues)
            speaker = Speaker(name=_orig(nt, *after), role=sp.role or sp.name, affiliation=sp.affiliation)
            nt.speaker_types[(speaker.name, speaker.role, speaker.affiliation)] = source_type
            return Attribution(speaker, source_type, stance)
    if (cue.kind == "verb" and after[1] > after[0] and nt.norm.startswith("ل", after[0])
            and nt.attribution.source_type_of(nt.norm[after[0] + 1:after[1]]) in ("agency", "outlet")):
        after = (ce, ce)  # "مصادر محليه تحدثت لعنب بلدي", "وقال لوكاله ...": the outlet heard, it did not speak
    first_word = _WORD.match(nt.norm, after[0]) if after[1] > after[0] else None
    if (cue.kind == "verb" and first_word is not None and _accuses(nt, cs)
            and first_word.group() not in nt.w.anaphoric
            and not any(c.kind == "speaker" and a < first_word.end() <= b for a, b, c in cues)):
        # "واتهمت جهات مرتبطه بالحكومه بالمسؤوليه": the accused follows a passive verb; the accusers are unnamed
        return Attribution(Speaker(role="غير محدد"), "unknown", stance)
    if cue.kind == "verb":
        # "قالت مصادر" vs "المرصد قال ان" vs "واضاف ان"
        if after[1] <= after[0]:
            phrase = _phrase_before(nt, s, cs)
        elif not any(c.kind == "speaker" and after[0] <= a < after[1] for a, _, c in cues):
            before = _phrase_before(nt, s, cs)
            if any(c.kind == "speaker" and before[0] <= a < before[1] for a, _, c in cues):
                phrase = before
    if phrase[1] <= phrase[0]:
        for j in range(k - 1, -1, -1):
            # "ذكر المرصد انه رصد مساء اليوم ...": a verb with no subject inside what a named speaker says
            if cues[j][2].kind == "verb":
                earlier = _from_cue(nt, sent, cues, j, None, stance)
                if earlier.speaker.name or earlier.speaker.role:
                    return earlier
                break
        if previous_speaker is not None and (previous_speaker.name or previous_speaker.role):
            return Attribution(previous_speaker, _carried_type(nt, previous_speaker), stance)
        statement = _STATEMENT.match(nt.norm, ce, e)
        if statement:  # "وقالت في بيان": an unnamed body's statement is an official one
            return Attribution(Speaker(role=_orig(nt, statement.start(1), statement.end(1))), "official", stance)
        return Attribution(Speaker(), "unknown", stance)
    speaker, source_type = _speaker_from(nt, phrase, cues)
    first_words = nt.norm[phrase[0]:phrase[1]].split()
    if (first_words and first_words[0] in nt.w.anaphoric and previous_speaker is not None
            and (previous_speaker.name or previous_speaker.role)):
        # "واضافت المصادر": the sources named before
        return Attribution(previous_speaker, _carried_type(nt, previous_speaker), stance)
    return Attribution(speaker, source_type, stance)


_RELAY = re.compile(r"\s*(?:،|,)?\s*(?:نقلا\s+)?عن\s+")
_COMMA = re.compile(r"\s*[،,]\s*")


def _has_speaker_cue(cues: list[tuple[int, int, _Cue]], span: tuple[int, int]) -> bool:
    return any(c.kind == "speaker" and span[0] <= a < span[1] for a, _, c in cues)


def _role_after(nt: ClaimText, pos: int, end: int, cues: list[tuple[int, int, _Cue]]) -> tuple[int, int] | None:
    """The role set after a name by a comma ("فلان الفلاني، المتحدث باسم الحركه"): its phrase when it opens
    with a speaker noun of a known type, else None."""
    comma = _COMMA.match(nt.norm, pos, end)
    if comma is None or "،" not in comma.group() and "," not in comma.group():
        return None
    role = _phrase_after(nt, comma.end(), end)
    head = next((c for a, _, c in cues if c.kind == "speaker" and a == role[0]), None)
    return role if role[1] > role[0] and head is not None and head.value != "unknown" else None


def _verb_word(nt: ClaimText, start: int) -> str:
    """The word of a verb cue starting at `start`, without a leading "و" / "ف"."""
    m = _WORD.match(nt.norm, start)
    word = m.group() if m else ""
    return word[1:] if word[:1] in ("و", "ف") and word[1:] in nt.w.needs_speaker else word


def _accuses(nt: ClaimText, start: int) -> bool:
    """The verb cue at `start` is one of blame ("اتهم", list `accuse`)."""
    return _verb_word(nt, start) in nt.w.accuse


_STATEMENT = re.compile(r"\w*\s+(?:في|ب)\s*(بيان(?:\s+رسمي)?|تصريح\s+رسمي)")


def _says_more(nt: ClaimText, sent: tuple[int, int], ce: int) -> bool:
    """Words follow the speaker of a verb that are what it says ("واعلن الائتلاف تاييده ..."), not only where
    it said it ("واعلن المرصد في تقريره", "... عبر بيان")."""
    phrase = _phrase_after(nt, ce, sent[1])
    nxt = _WORD.search(nt.norm, max(ce, phrase[1]), sent[1])
    return nxt is not None and nxt.group() not in ("في", "عبر", "خلال") and not nxt.group().startswith("ب")


def _new_clause(norm: str, s: int, pos: int) -> bool:
    """The word at `pos` opens a coordinated clause: "و" glued to it, a comma before ("...، واعلن")."""
    w0 = pos
    while w0 > s and norm[w0 - 1].isalnum():
        w0 -= 1
    return norm.startswith("و", w0) and norm[s:w0].rstrip().endswith(("،", ",", "؛"))


_THAT = re.compile(r"\s*(?:،|,)?\s*(?:ان|انه|انها|انهم|بان|بانه|بانها|:)(?!\w)")


def _opens_clause(nt: ClaimText, sent: tuple[int, int], cues: list[tuple[int, int, _Cue]], k: int) -> bool:
    """A reported-speech verb followed by its speaker and "أن" / ":" introduces what comes after it only."""
    cs, ce, cue = cues[k]
    if cue.kind != "verb":
        return False
    ps, pe = _phrase_after(nt, ce, sent[1])
    return bool(_THAT.match(nt.norm, max(ce, pe), sent[1]))


def _attribution_for(nt: ClaimText, sent: tuple[int, int], pos: int,
                     previous_speaker: Speaker | None) -> Attribution | None:
    """Attribution of a figure at normalised offset `pos`: the last verb or sourcing phrase before it in the
    sentence; else a sentence-final one ("..., وفق حصيلة أوردها المرصد"), unless that one opens a clause of
    its own ("..., وأكدت مصادر أن ...")."""
    cues = nt.cues(sent)
    speech = [k for k, (_, _, c) in enumerate(cues) if c.kind in ("verb", "source")]
    if not speech:
        stance = _stance(cues, 0, len(cues))
        return Attribution(previous_speaker or Speaker(), "unknown", stance) if stance != "affirm" else None
    before = [k for k in speech if cues[k][0] < pos]
    if before:
        upto = next((i for i, h in enumerate(cues) if h[0] >= pos), len(cues))
        last = _from_cue(nt, sent, cues, before[-1], previous_speaker, _stance(cues, before[-1], upto))
        if cues[before[-1]][2].kind == "source" and len(before) > 1 and not _names_a_source(nt, last.speaker):
            # 'وقال الناطق باسم الوزاره إن "الشرطه ... وفق معلومات استخباراتيه، القت القبض على 20"': a sourcing
            # phrase over no source noun inside what a speaker reports leaves the figure to that speaker
            for k in reversed(before[:-1]):
                if cues[k][2].kind == "verb":
                    earlier = _from_cue(nt, sent, cues, k, previous_speaker, _stance(cues, k, upto))
                    if _names_a_source(nt, earlier.speaker):
                        return earlier
                    break
        if last.speaker.name or last.speaker.role or last.stance != "affirm":
            return last
        # "واشار المصدر الي ان ... من شخص تبني عمليه خطفه ... لاختطاف ثلاثه مدنيين": a verb inside what
        # the sentence's speaker reports, with no speaker of its own, leaves the figure to that speaker
        for k in reversed(before[:-1]):
            earlier = _from_cue(nt, sent, cues, k, previous_speaker, _stance(cues, k, upto))
            if earlier.speaker.name or earlier.speaker.role:
                return earlier
        return last
    k = speech[0]
    if _opens_clause(nt, sent, cues, k):
        return None
    if (cues[k][2].kind == "verb" and _new_clause(nt.norm, sent[0], cues[k][0])
            and _verb_word(nt, cues[k][0]) not in nt.w.adds and _says_more(nt, sent, cues[k][1])):
        return None  # "قتل 36 من عناصر التنظيم في اشتباكات، واعلن الائتلاف تاييده ...": a new clause of its own
    before_verb = list(_WORD.finditer(nt.norm, max(sent[0], cues[k][0] - 25), cues[k][0]))[-2:]
    if any(w.group() in nt.w.relative for w in before_verb):
        return None  # "... في تفجير مقديشو، والذي أعلنت الحركة مسؤوليتها عنه": a relative clause tells of the noun
    return _from_cue(nt, sent, cues, k, previous_speaker, _stance(cues, 0, len(cues)))


def _names_a_source(nt: ClaimText, sp: Speaker) -> bool:
    """The speaker's words hold a speaker noun ("الناطق باسم الوزاره"), not only a name or a thing."""
    text = " ".join(x for x in (sp.role, sp.name) if x)
    return bool(text) and nt.attribution.source_type_of(normalize(text)) != "unknown"


def _carried_type(nt: ClaimText, sp: Speaker) -> str:
    """Source type of a speaker carried over from an earlier sentence (as it was read, else from its words)."""
    known = nt.speaker_types.get((sp.name, sp.role, sp.affiliation))
    if known is not None and known != "unknown":
        return known
    return nt.attribution.source_type_of(normalize(" ".join(x for x in (sp.role, sp.name) if x)))


# --- quantities -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Quantity:
    mention: NumberMention
    unit: str
    category: str  # killed | wounded | captured | displaced | surrendered | area | casualties | ""
    end: int  # end of the counted noun (normalised)
    cue_start: int
    subset: bool  # "بينهم 3 اطفال": part of a figure given just before
    unstated: bool = False  # "عدد من": no figure stated (10 for fatalities, no claim)
    distant: bool = False  # counted by a casualty word further back in the clause ("وقتل ضابط ... و7 من الحشد")
    of_them: bool = False  # "مصرع اثنين منهم": people of a group named before, with no figure of their own


def _cue_right_before(nt: ClaimText, s: int, pos: int) -> bool:
    """A casualty cue ("قتل", "مقتل", "اصابه") is the word just before `pos` (qualifiers skipped)."""
    words = [w.group() for w in _WORD.finditer(nt.norm, max(s, pos - 45), pos)]
    skip = nt.w.qualifier_skip
    while words and words[-1] in skip:
        words.pop()
    if not words:
        return False
    e = nt.units.of(words[-1])
    return e is not None and e.number == "cue" and e.category in ("killed", "wounded", "captured", "displaced")


def _words_after(norm: str, pos: int, limit: int = 45) -> list[re.Match[str]]:
    return list(_WORD.finditer(norm, pos, min(len(norm), pos + limit)))


def _quantity(nt: ClaimText, m: NumberMention, sent: tuple[int, int], last_unit: str | None,
              last_category: str | None = None) -> _Quantity | None:
    norm = nt.norm
    units = nt.units
    s, e = sent
    unit = ""
    category = ""
    end = m.end
    after = [w for w in _words_after(norm, m.end) if w.start() < e]
    if m.num_end > 0 and m.num_end != m.end:
        after = [w for w in after if w.start() >= m.num_end]
    of_them = False
    # dual noun: the mention is the noun itself
    entry = units.of(norm[m.start:m.end]) if m.value == 2 and not norm[m.start].isdigit() else None
    idx = 0
    if entry is None:
        while idx < len(after) and after[idx].group() in ("من", "الف", "مئه", "اخرين") and idx < 2:
            if after[idx].group() == "اخرين":
                break
            idx += 1
        if idx < len(after):
            w = after[idx].group()
            entry = units.of(w)
            if entry is not None and entry.number == "cue":
                entry = None
            if entry is not None:
                end = after[idx].end()
                if entry.unit == "km" and idx + 1 < len(after) and after[idx + 1].group() in nt.w.square:
                    end = after[idx + 1].end()  # "كيلومتر مربع", "كيلومترات مربعه"
                    entry = type(entry)("km2", entry.category, entry.number)
                elif idx + 1 < len(after) and (kind := nt.w.unit_modifier.get(after[idx + 1].group())):
                    mod_unit, bases = kind
                    # "20 طائره مسيره": drones; "7 عربات مفخخه": car bombs; "5 عمليات اغتيال": assassinations
                    if entry.unit in bases:
                        end = after[idx + 1].end()
                        entry = type(entry)(mod_unit, entry.category, entry.number)
            elif w in nt.w.others:
                unit = last_unit if last_unit in PEOPLE_UNITS else "person"
                end = after[idx].end()
            elif idx == 0 and w in nt.w.subset and w.startswith("من") and w.endswith(("هم", "هن")):
                # "قتل اكثر من 300 منهم", "دخل 33 منهم العنايه": people of a group named before
                unit = last_unit if last_unit in PEOPLE_UNITS else "person"
                end = after[idx].end()
                of_them = True
            elif not _cue_right_before(nt, s, m.start):
                # no counted noun and no cue before: a casualty verb shortly after that refers back to the
                # figure ("ان 5 قتلوا", "40 بجروح", "نحو 40 الفا معظمهم من النساء نزحوا"), never the
                # start of the next clause ("... وأصيب")
                for k in range(idx, min(len(after), idx + 6)):
                    gap = norm[after[k - 1].end():after[k].start()] if k > idx else " "
                    if gap != " " and any(c in gap for c in "،,.:؛"):
                        break
                    g = after[k].group()
                    ce = units.of(g)
                    if ce is not None and ce.number == "cue" and ce.category in ("killed", "wounded", "captured",
                                                                                 "displaced", "surrendered"):
                        if g.endswith(("وا", "ون")) or g in ("بجروح", "بجراح"):
                            unit, category, end = "person", ce.category, after[k].end()
                        break
    if entry is not None:
        unit, category = entry.unit, entry.category
        if idx > 0 and unit not in PEOPLE_UNITS and _cue_right_before(nt, s, m.start):
            # "اعتقال 16 من مناطق الرحيبه": people from a place, not places
            unit, category, end = "person", "", m.end
    # "طفلا واحدا" / "شخصين اثنين" / "كيلومتر مربع واحد": the number word follows its noun
    if not unit and m.value <= 2 and not norm[m.num_start].isdigit():
        prev = list(_WORD.finditer(norm, max(s, m.start - 30), m.start))
        square = len(prev) >= 2 and prev[-1].group() in nt.w.square
        noun = prev[-2] if square else prev[-1] if prev else None
        if noun is not None:
            pe = units.of(noun.group())
            if pe is not None and pe.number != "cue" and (not square or pe.unit == "km"):
                unit, category = ("km2" if square else pe.unit), pe.category
                end = m.end
                m = NumberMention(noun.start(), m.end, m.value, m.high, m.qualifier, m.vague, m.kind,
                                  m.num_start, m.num_end)
    if not unit and _cue_right_before(nt, s, m.start):
        unit = "person"  # "مقتل 9 بينهم قياديان", "قتل 29 عراقيا"
        if after[idx:idx + 1] and after[idx].group().endswith(("يا", "يين", "يون")):
            end = after[idx].end()
    if not unit and not norm[m.end:m.end + 1].isalnum():
        counted = _counted_before(nt, s, m.start)
        if counted is not None:  # "ارتفع عدد القتلى الى 12", "بلغ عدد الجرحى 40": the noun counted before
            unit, category = counted
    partitive_category = ""
    if (not unit and entry is None and idx == 1 and len(after) > 1 and after[0].group() == "من"
            and after[1].group() not in nt.w.partitive_stop):
        # "سقط 10 من الجانبين", "وقتل ضابط وجندي ... و7 من الحشد": people of a group, counted by a casualty
        # word earlier in the clause
        partitive_category = _casualty_in_clause(nt, s, m.start)
        if partitive_category:
            unit, end = "person", after[1].end()
    if not unit and m.value >= 1000 and norm[m.num_start:m.num_end].split()[-1:] in (["الف"], ["الفا"], ["الاف"]):
        unit = "person"  # "نزح 40 الفا", "عددهم 35 الفا": thousands with no noun are people
    if not unit:
        return None
    if unit in ("duration", "operation"):
        return None  # "عامين"; "5 عمليات" with no kind named ("عمليات اغتيال" are assassinations)
    # category from a cue word shortly before the number ("مقتل 5 مدنيين", "اصابه 10 اخرين")
    before = list(_WORD.finditer(norm, max(s, m.start - 40), m.start))[-4:]
    cue_start = m.start
    subset = False
    for wb in reversed(before):
        g = wb.group()
        if g in nt.w.subset:
            subset = True
            continue
        ce = units.of(g)
        if ce is not None and ce.number == "cue":
            # the cue wins over a non-casualty noun category ("قتل لاجئين" are killed, not displaced)
            if not category or (category == "displaced" and ce.category in ("killed", "wounded", "captured")):
                category = ce.category
            cue_start = wb.start()
            break
    if partitive_category and not category:
        category = partitive_category
    if unit in nt.w.running_unit:
        category = ""  # "مقتل 5 في 3 غارات", "عدد عمليات الاغتيال الى 15": incidents, not people killed
    subset = subset or of_them  # part of a group: never added to a toll
    if subset and not category:
        category = last_category or ""
    if not category:
        # "5 مدنيين قتلوا" / "10 اشخاص بجروح" / "12 عنصرا من التنظيم قتلوا" (verbs after the noun or after
        # a partitive "من ...", not the next item's noun)
        reach = idx + 5 if idx + 1 < len(after) and after[idx + 1].group() == "من" else idx + 3
        for wa in after[idx + 1:reach]:
            if not (wa.group().endswith(("وا", "ون")) or wa.group() in ("بجروح", "بجراح")):
                continue
            ce = units.of(wa.group())
            if ce is not None and ce.number == "cue" and ce.category in ("killed", "wounded", "captured", "displaced"):
                category = ce.category
                end = wa.end()
                break
            if wa.group() in ("بجروح", "بجراح"):
                category = "wounded"
                end = wa.end()
                break
    # "20 شخصا بين قتيل وجريح": a casualty total, never deaths
    both = nt.w.both.match(norm, end, min(e, end + 40))
    if both:
        category = "casualties"
        end = both.end()
    if unit == "km" and _area_cue_before(nt, s, m.start):
        unit = "km2"  # "مساحه 4 كيلومترات": an area, however the unit is written
    if unit == "km" and not category and _is_distance(nt, s, m.start, end, e):
        category = "distance"  # "يبعد 60 كلم غرب بغداد"
    if unit in ("km", "km2", "hectare") and not category:
        category = "area"
    return _Quantity(m, unit, category, end, cue_start, subset, distant=bool(partitive_category), of_them=of_them)


def _casualty_in_clause(nt: ClaimText, s: int, pos: int, reach: int = 8) -> str:
    """Category of the nearest casualty word ("قتل", "اصابه", "اعتقال"; list `fall_cue`: "سقط" counts the
    killed) among the `reach` words before `pos` in its clause (no punctuation in between); "" if none."""
    words = list(_WORD.finditer(nt.norm, max(s, pos - 90), pos))[-reach:]
    for w in reversed(words):
        if any(c in nt.norm[w.end():pos] for c in "،,.:؛()"):
            return ""
        g = w.group()
        for form in (g, g[1:] if g[:1] in ("و", "ف") else ""):
            if not form:
                continue
            if form in nt.w.fall_cue:
                return "killed"
            ce = nt.units.of(form)
            if ce is not None and ce.number == "cue" and ce.category in ("killed", "wounded", "captured"):
                return ce.category
    return ""


def _counted_before(nt: ClaimText, s: int, pos: int) -> tuple[str, str] | None:
    """Unit and category of the noun after "عدد" / "حصيله" (list `count_noun`) shortly before a figure with
    no noun of its own, in the same clause ("ارتفع عدد القتلى في القصف الى 12"); None if there is none."""
    words = list(_WORD.finditer(nt.norm, max(s, pos - 120), pos))[-14:]
    for i in range(len(words) - 2, -1, -1):
        g = words[i].group()
        if g not in nt.w.count_noun and g[1:] not in nt.w.count_noun:
            continue
        if any(c in nt.norm[words[i].start():pos] for c in "،,.:؛()"):
            return None
        if words[i + 1].group() in nt.w.relative:
            return "person", ""  # "عدد الذين قتلوا ... بلغ 1062": the people counted
        entry = nt.units.of(words[i + 1].group())
        if entry is None or entry.number == "cue":
            return None
        kind = _incident_kind(nt, entry.unit, words[i + 2].group() if i + 2 < len(words) else "")
        if kind is not None:  # "عدد عمليات الاغتيال": assassinations
            return kind, ""
        return entry.unit, entry.category
    return None


def _incident_kind(nt: ClaimText, unit: str, word: str) -> str | None:
    """The unit an incident noun after an operation or a case names ("عمليات اغتيال", "حالات الخطف"), else None."""
    if unit not in ("operation", "case") or not word:
        return None
    kind = nt.w.unit_modifier.get(word) or (nt.w.unit_modifier.get(word[2:]) if word.startswith("ال") else None)
    if kind is None:
        return None
    new, bases = kind
    return new if unit in bases else None


def _area_cue_before(nt: ClaimText, s: int, pos: int) -> bool:
    """An area noun ("مساحه") among the three words before `pos` (qualifiers in between)."""
    for w in list(_WORD.finditer(nt.norm, max(s, pos - 40), pos))[-3:]:
        ce = nt.units.of(w.group())
        if ce is not None and ce.number == "cue" and ce.category == "area":
            return True
    return False


def _is_distance(nt: ClaimText, s: int, pos: int, end: int, e: int) -> bool:
    """A length, not an area: a distance word just before the figure ("يبعد", "على بعد", "مسافه") or a
    direction right after it ("60 كلم غرب بغداد")."""
    before = [w.group() for w in _WORD.finditer(nt.norm, max(s, pos - 25), pos)][-2:]
    if any(w in nt.w.distance_cue for w in before):
        return True
    nxt = _WORD.search(nt.norm, end, min(e, end + 20))
    return bool(nxt and nxt.group() in nt.w.compass)


_SUBJECT = {"killed": "killed", "wounded": "wounded", "captured": "captured", "displaced": "displaced",
            "surrendered": "surrendered", "area": "area", "distance": "distance", "casualties": "killed_or_wounded"}


def _compute_quantities(nt: ClaimText, sent: tuple[int, int]) -> list[_Quantity]:
    out: list[_Quantity] = []
    last_unit: str | None = None
    last_category: str | None = None
    numbers, starts = nt.numbers, nt.number_starts
    for m in numbers[bisect_left(starts, sent[0]):bisect_left(starts, sent[1])]:
        if m.kind not in ("count", "percent"):
            continue
        if m.kind == "percent":
            out.append(_Quantity(m, "percent", "", m.end, m.start, False))
            continue
        unstated = m.vague and m.value == 0
        if unstated:
            m = NumberMention(m.start, m.end, 10.0, None, m.qualifier, True, m.kind, m.num_start, m.num_end)
        q = _quantity(nt, m, sent, last_unit, last_category)
        if q is not None:
            q.unstated = unstated
            out.append(q)
            last_unit, last_category = q.unit, q.category
    out.extend(_singular_casualties(nt, sent, out))
    out.extend(_running_counts(nt, sent))
    out.extend(_bare_unit_areas(nt, sent, out))
    for z in (*nt.pattern_hits(nt.w.no_casualties, sent, nt.w.no_casualties_needles),
              *nt.pattern_hits(nt.w.damage_only, sent, nt.w.damage_only_needles)):
        nm = NumberMention(z.start(), z.end(), 0.0, num_start=z.start(), num_end=z.end())
        out.append(_Quantity(nm, "person", "casualties", z.end(), z.start(), False))
    out.sort(key=lambda q: q.mention.start)
    return out


_CLITIC_LETTERS = "وفبل"


def _at_word_start(norm: str, i: int) -> bool:
    """Position i starts a word, allowing one proclitic letter (و ف ب ل) before it."""
    if i == 0 or not norm[i - 1].isalnum():
        return True
    return norm[i - 1] in _CLITIC_LETTERS and (i == 1 or not norm[i - 2].isalnum())


def _running_counts(nt: ClaimText, sent: tuple[int, int]) -> list[_Quantity]:
    """An ordinal of an incident is a running count of them: "الاستهداف السابع" / "عمليه الاستهداف هذه
    السادسه" / "رابع انفجار" (the 7th strike, the 6th attack, the 4th explosion) count 7, 6 and 4. Only
    the units of list `running_unit` are counted ("الفرقه السابعه", "للمره الثانيه" are no counts)."""
    norm = nt.norm
    out: list[_Quantity] = []
    if nt.w.ordinal_pattern.search(norm, sent[0], sent[1]) is None:
        return out
    words = list(_WORD.finditer(norm, sent[0], sent[1]))
    for i, w in enumerate(words):
        g = w.group()
        defined = g.startswith("ال")
        value = nt.w.ordinal.get(g[2:] if defined else g)
        if value is None:
            continue
        if defined:  # the noun before it: "الاستهداف السابع", "الاستهداف هذه السادسه"
            k = i - 2 if i >= 2 and words[i - 1].group() in ("هذه", "هذا") else i - 1
            noun = words[k] if k >= 0 and words[k].group().startswith("ال") else None
            key = noun.group()[2:] if noun is not None else ""
        else:  # the noun after it: "رابع انفجار"
            noun = words[i + 1] if i + 1 < len(words) else None
            key = noun.group() if noun is not None else ""
        entry = nt.units.of(key) if key else None
        kind = nt.w.unit_modifier.get(key) if entry is None or entry.number == "cue" else None
        if kind is not None:  # "عمليه الاغتيال الرابعه": a noun that names the kind of an operation
            entry = UnitEntry(kind[0], "", "sg")
        if noun is None or entry is None or entry.number != "sg" or entry.unit not in nt.w.running_unit:
            continue
        a, b = min(noun.start(), w.start()), max(noun.end(), w.end())
        if any(c in norm[a:b] for c in "،,.:؛"):
            continue
        nm = NumberMention(a, b, value, num_start=w.start(), num_end=w.end())
        out.append(_Quantity(nm, entry.unit, "", b, a, False))
    return out


def _bare_unit_areas(nt: ClaimText, sent: tuple[int, int], found: list[_Quantity]) -> list[_Quantity]:
    """"مساحه لا تتجاوز الكيلومتر": a unit with no figure after an area noun is one of it (an area: km2)."""
    norm = nt.norm
    out: list[_Quantity] = []
    if not any(norm.find(noun, sent[0], sent[1]) >= 0 for noun in nt.area_nouns):
        return out  # no area noun in the sentence (in most documents, none at all): no need to read its words
    words = list(_WORD.finditer(norm, sent[0], sent[1]))
    for i, w in enumerate(words):
        if w.group() not in nt.w.area_noun:
            continue
        for u in words[i + 1:i + 5]:
            if u.group() not in nt.w.bare_unit:
                continue
            if any(q.mention.start < u.end() and u.start() < q.end for q in found):
                break  # the unit of a figure ("مساحه 4 كيلومترات")
            m = NumberMention(u.start(), u.end(), 1.0, num_start=u.start(), num_end=u.end())
            attach_qualifier(norm, m)
            if norm[w.end():m.start].strip():
                break  # other words between the area noun and the unit: not "an area of a kilometre"
            end = u.end()
            sq = _WORD.match(norm, end + 1) if norm[end:end + 1] == " " else None
            if sq and sq.group() in nt.w.square:
                end = sq.end()
            out.append(_Quantity(m, "km2", "area", end, w.start(), False))
            break
    return out


def _singular_casualties(nt: ClaimText, sent: tuple[int, int], found: list[_Quantity]) -> list[_Quantity]:
    """"مقتل مدني" / "استشهاد طفل": a singular counted noun right after a casualty cue counts 1."""
    out = []
    for m in nt.pattern_hits(nt.w.pronoun_death, sent, nt.w.pronoun_death_needles):
        if any(q.category == "killed" for q in found):
            break  # the pronoun refers to people already counted
        value = 2.0 if m.group(1) == "هما" else 1.0
        nm = NumberMention(m.start(), m.end(), value, num_start=m.start(), num_end=m.end())
        out.append(_Quantity(nm, "person", "killed", m.end(), m.start(), False))
    for m in nt.pattern_hits(nt.w.singular_cue, sent):
        noun = m.group(1)
        entry = nt.units.of(noun)
        if noun in nt.w.other_one:  # "مقتل شرطي واصابه اخر": one more of the people counted before
            people = [q.unit for q in (*found, *out) if q.unit in PEOPLE_UNITS and q.mention.start < m.start()]
            entry = UnitEntry(people[-1] if people else "person", "", "sg")
        if entry is None or entry.number != "sg" or entry.unit not in PEOPLE_UNITS:
            continue
        definite = noun.startswith(("ال", "وال"))
        if definite and not (entry.unit == "civilian" and m.group().split()[0].lstrip("وب") in nt.w.death_noun_cue):
            continue  # "مقتل القائد": a known person, not a count; "باستشهاد الطفلة": one child
        if any(q.mention.start <= m.start(1) < q.end for q in found):
            continue
        cue = nt.units.of(m.group().split()[0])
        category = cue.category if cue is not None else ""
        unit, count, end = entry.unit, 1.0, m.end(1)
        # "مقتل امراه وطفل", "قتل ضابط وجندي": singular nouns joined by "و" count one each
        while (w := _WORD.match(nt.norm, end + 1)) and nt.norm[end:end + 1] == " " and w.group().startswith("و"):
            more = nt.units.of(w.group()[1:])
            if more is None or more.number != "sg" or more.unit not in PEOPLE_UNITS:
                break
            unit = unit if more.unit == unit else "person"
            count += 1
            end = w.end()
        running = False
        if count == 1 and (w := _WORD.match(nt.norm, end + 1)) and nt.norm[end:end + 1] == " " and \
                (nth := nt.w.ordinal.get(w.group())) is not None:
            # "مقتل متظاهر ثان", "سقوط قتيل ثالث": the second, the third: a running toll (the event's own is one)
            count, end, running = nth, w.end(), True
        nm = NumberMention(m.start(1), end, count, num_start=m.start(1), num_end=end)
        out.append(_Quantity(nm, unit, category, end, m.start(), False, distant=running or definite))
    return out


def _value(m: NumberMention) -> float | list[float]:
    if m.high is not None:
        return [m.value, m.high]
    return m.value


class _EvidenceIndex:
    """The events' evidence spans (original offsets) as (start, end, event index), in event then evidence
    order, and those of each sentence asked about: the claims of a sentence share one pass over them."""

    def __init__(self, events: Sequence[Event]) -> None:
        self._spans = [(evd.start, evd.end, i) for i, ev in enumerate(events) for evd in ev.evidence]
        self._by_sentence: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        # the spans' positions in start order, to look at only those that can reach a sentence
        self._order = sorted(range(len(self._spans)), key=lambda k: self._spans[k][0])
        self._starts = [self._spans[k][0] for k in self._order]
        self._longest = max((h[1] - h[0] for h in self._spans), default=0)

    def in_sentence(self, a: int, b: int) -> list[tuple[int, int, int]]:
        found = self._by_sentence.get((a, b))
        if found is None:
            spans, order, starts = self._spans, self._order, self._starts
            # a span that ends after `a` starts after `a - longest`; back in event then evidence order
            near = order[bisect_right(starts, a - self._longest):bisect_left(starts, b)]
            found = self._by_sentence[(a, b)] = [spans[k] for k in sorted(near) if a < spans[k][1]]
        return found


def _event_for(nt: ClaimText, events: _EvidenceIndex, sent: tuple[int, int], pos: int) -> int | None:
    """The event whose evidence in the sentence lies nearest `pos` (the first one on a tie)."""
    a, b = nt.span(sent[0], sent[1])
    p = nt.orig_index(pos)
    best: tuple[int, int] | None = None
    for start, end, i in events.in_sentence(a, b):
        dist = 0 if start <= p < end else min(abs(start - p), abs(end - p))
        if best is None or dist < best[0]:
            best = (dist, i)
    return best[1] if best else None


def _evidence(nt: ClaimText, start: int, end: int) -> Evidence:
    a, b = nt.span(start, end)
    return Evidence(start=a, end=b, text=nt.original[a:b])


def extract_claims(nt: ClaimText, sentences: Sequence[tuple[int, int]], events: Sequence[Event],
                   published: dt.date | None, outlet: str | None = None) -> list[Claim]:
    """Quantity claims (every counted figure with a unit) and attributed propositions of one document.

    `sentences` are normalised (start, end) spans in order; `events` carry original-offset evidence. A
    claim gets `event_index` when an event's evidence lies in the same sentence (the nearest one). Figures
    with no attribution are the outlet's own (source_type "outlet", speaker name = `outlet`).
    """
    # without a publication date, only a date that names its year dates a claim ("2 آذار 2019")
    dates = nt.dates if published is not None else [d for d in nt.dates if d.kind == "absolute"]
    event_spans = _EvidenceIndex(events)
    pub_iso = published.isoformat() if published else None
    claims: list[Claim] = []
    previous: Speaker | None = None
    atts: list[Attribution | None] = []
    previous_by_sentence: list[Speaker | None] = []
    for index, sent in enumerate(sentences):
        previous_by_sentence.append(previous)
        a = find_attribution(nt, sent, previous)
        if a is not None and (a.speaker.name or a.speaker.role):
            previous = a.speaker
        elif a is not None and a.stance == "affirm":
            a = None  # a cue with no speaker at all: the outlet's own statement
        if a is None and index and atts[-1] is not None and _open_quote(nt.norm, sentences[index - 1]):
            a = atts[-1]  # 'وقال المحافظ "انفجرت سياره ... . وتسببت بسقوط ...": the quote goes on
        elif a is None and index and atts[-1] is not None and _goes_on(nt, sent):
            a = atts[-1]  # "وقال المرصد ان ... . كما قتلت الغارات 20 مسلحا": the same report goes on
        atts.append(a)
    headline = _headline_source(nt, sentences, atts)
    own_type = _outlet_type(nt, outlet)
    own_name = outlet
    relayed = _dateline_agency(nt)
    if relayed is not None:  # "صنعاء - (د ب ا)", "كتب: وكالات": the article relays an agency's report
        own_name, own_type = relayed, "agency"
    for index, sent in enumerate(sentences):
        sent_att = atts[index]
        if index == 0 and sent_att is None and headline is not None:
            sent_att = headline
        quantities = nt.quantities(sent)
        if sent_att is None and not quantities and not nt.propositions_in(sent, _OWN_VOICE):
            continue
        # a sentence with no attribution of its own is the outlet's, even a lead followed by "قالت مصادر ..."
        # or a sentence after reported speech (the gold codes both as the outlet's; taking the next or the
        # previous sentence's speaker lowered speaker accuracy on both parts of the gold)
        claim_date = pub_iso
        if sent_att is not None or published is None:
            for d in dates:
                if sent[0] <= d.start < sent[1] and d.date is not None and d.precision == 1:
                    claim_date = d.date.isoformat()
                    break
        has_speech = any(c.kind in ("verb", "source") for _, _, c in nt.cues(sent))
        prev_for_sent = previous_by_sentence[index]
        for q in quantities:
            if has_speech:
                att = _attribution_for(nt, sent, q.mention.start, prev_for_sent)
                if att is not None and not (att.speaker.name or att.speaker.role) and att.stance == "affirm":
                    att = None
            else:
                att = sent_att
            if att is None:
                speaker, source_type, stance = Speaker(name=own_name), own_type, "affirm"
            else:
                speaker, source_type, stance = att.speaker, att.source_type, att.stance
                if source_type == "unknown" and own_type not in ("outlet", "agency"):
                    source_type = own_type  # a monitor's site citing unnamed "مصادر": the monitor's own sources
            subject = _SUBJECT.get(q.category) or q.unit
            qualifier = q.mention.qualifier
            if q.mention.vague and qualifier == "exact":
                qualifier = "at_least"  # "عشرات": ten or more, not exactly ten
            claims.append(Claim(
                subject=subject, value=_value(q.mention), unit=q.unit,
                qualifier=qualifier,  # type: ignore[arg-type]
                stance=stance, speaker=speaker, source_type=source_type,  # type: ignore[arg-type]
                claim_date=claim_date, event_index=_event_for(nt, event_spans, sent, q.mention.start),
                evidence=[_evidence(nt, min(q.cue_start, q.mention.start), q.end)],
            ))
        if sent_att is not None:
            props = _propositions(nt, sent, sent_att, claim_date, event_spans)
            if not props and not quantities:
                props = _statement(nt, sent, sent_att, claim_date, event_spans)
            claims.extend(props)
        else:  # "ولم تعلن أي جهة مسؤوليتها عن الهجوم": who is responsible, in the outlet's own voice
            own = Attribution(Speaker(name=own_name), own_type, "affirm")
            claims.extend(_propositions(nt, sent, own, claim_date, event_spans, only=_OWN_VOICE))
    return claims


def _goes_on(nt: ClaimText, sent: tuple[int, int]) -> bool:
    """The sentence opens with a word that continues the report before it ("كما", list `continuation`)."""
    m = _WORD.search(nt.norm, sent[0], sent[1])
    return m is not None and m.group() in nt.w.continuation


_DATELINE = re.compile(r"(?:(?:كتب|المصدر)\s*:\s*(وكالات)(?!\w))|(?:[-–]\s*[(]([^()\n]{2,30})[)])|(?:^|\n)\s*[(](وكالات)[)]"
                       r"|(?:^|\n)[^\n().،,]{2,25}[(]([^()\n]{2,30})[)]\s*[-–:]")


def _dateline_agency(nt: ClaimText) -> str | None:
    """The agency an article's dateline or byline credits ("صنعاء - (د ب ا)", "كتب: وكالات"), within its
    first lines; None if there is none. The article then relays that agency's report: what it says with no
    attribution of its own is the agency's."""
    head = nt.norm[:250]
    for m in _DATELINE.finditer(head):
        name = next(g for g in m.groups() if g)
        if name == "وكالات" or nt.attribution.source_type_of(name) == "agency":
            return _orig(nt, m.start(m.lastindex or 0), m.end(m.lastindex or 0))
    return None


def _outlet_type(nt: ClaimText, outlet: str | None) -> str:
    """Source type of what the outlet says itself: "outlet", or the kind of source its host is (list
    `outlet_host`: a monitor's own site publishes the monitor's figures)."""
    for label in (outlet or "").lower().split("."):
        if label in nt.w.outlet_host:
            return nt.w.outlet_host[label]
    return "outlet"


def _headline_source(nt: ClaimText, sentences: Sequence[tuple[int, int]],
                     atts: list[Attribution | None]) -> Attribution | None:
    """The source of a headline: the article's first named source of a known type, when the first sentence
    is a headline (a short line of its own, with no full stop and no attribution of its own); else None."""
    if len(sentences) < 2 or atts[0] is not None:
        return None
    s, e = sentences[0]
    line = nt.norm[s:e].strip()
    if "\n" in line or line.endswith((".", "،", ":")) or len(line.split()) > 16:
        return None
    if "\n" not in nt.norm[s:sentences[1][0] + 1]:
        return None  # the line goes on: a first sentence, not a headline
    return next((a for a in atts[1:] if a is not None and (a.speaker.name or a.speaker.role)
                 and a.source_type != "unknown"), None)


def _open_quote(norm: str, sent: tuple[int, int]) -> bool:
    """A quotation opened in the sentence is still open at its end (the next sentence goes on quoting)."""
    text = norm[sent[0]:sent[1]]
    if text.count("«") > text.count("»") or text.count("“") > text.count("”"):
        return True
    if text.count('"') % 2 == 0:
        return False
    # 'وتكبيدهم خسائر".': a quote mark closing the sentence closes a quotation (one opened earlier, or a stray
    # mark), it opens none
    return any(c.isalnum() for c in text[text.rfind('"') + 1:])


#: Sources whose reported words, when they are no figure or typed proposition, narrate the incident (a
#: monitor's or agency's account): the event records that, and the gold never lists it as a claim (train:
#: 0 of 53 such statements over a gold claim; validation: 0 of 15).
_NARRATORS = frozenset({"activists", "agency"})


def _statement(nt: ClaimText, sent: tuple[int, int], att: Attribution, claim_date: str | None,
               events: _EvidenceIndex) -> list[Claim]:
    """What a speaker says when it is neither a figure nor a typed proposition: subject "statement", the
    reported words as value (after "إن" / ":" when there is one: "قال المسؤول إن الانفجار كان عرضيا"; else
    after the speaker: "نفى الجيش وقوع اي اصابات"), with the speaker's stance. Statements are grouped by
    story on the claims board (compared with nothing).

    Not a statement: a narrator's account (`_NARRATORS`; its accusations are, list `accuse`) and an aside
    ("وأشار إلى أن ...", list `aside`), which adds detail to what was said before."""
    if not (att.speaker.name or att.speaker.role):
        return []
    cues = nt.cues(sent)
    k = next((i for i, (_, _, c) in enumerate(cues) if c.kind == "verb"), None)
    if k is None:
        return []
    cs, ce, _ = cues[k]
    accuses = _accuses(nt, cs)
    if att.source_type in _NARRATORS and not accuses:
        return []  # a monitor's account of the incident (the event records it), not its accusation
    ps, pe = _phrase_after(nt, ce, sent[1])
    that = _THAT.match(nt.norm, max(ce, pe), sent[1])
    words = list(_WORD.finditer(nt.norm, that.end() if that else max(ce, pe), sent[1]))[:20]
    if accuses and not that:  # "اتهم ناشطون الفصائل بالوقوف وراء ...": what they are accused of, after "ب"
        blame = next((w for w in _WORD.finditer(nt.norm, ce, sent[1]) if w.group().startswith("بال")), None)
        if blame is not None:
            words = list(_WORD.finditer(nt.norm, blame.start(), sent[1]))[:20]
    if len(words) < 3 or words[0].group() in nt.w.aside:
        return []
    stance = att.stance
    said = (words[0].start(), words[-1].end())
    if stance != "deny" and nt.w.clause_deny.search(nt.norm, *said):
        stance = "deny"  # "... نافيه وقوع انفجار ثان", "لم ترد انباء عن سقوط ضحايا"
    elif stance == "affirm" and nt.w.clause_speculate.search(nt.norm, *said):
        stance = "speculate"  # "... ومن المتوقع أن تصل", "ويبدو أنها كانت المستهدفة": what is said is a guess
    return [Claim(
        subject="statement", value=_orig(nt, words[0].start(), words[-1].end()), unit=None,
        stance=stance, speaker=att.speaker, source_type=att.source_type,  # type: ignore[arg-type]
        claim_date=claim_date, event_index=_event_for(nt, events, sent, words[0].start()),
        evidence=[_evidence(nt, sent[0], sent[1])],
    )]


#: propositions the gold also lists in the outlet's own voice (a sentence with no attribution)
_OWN_VOICE = frozenset({"responsibility"})


def _propositions(nt: ClaimText, sent: tuple[int, int], att: Attribution, claim_date: str | None,
                  events: _EvidenceIndex, only: frozenset[str] | None = None) -> list[Claim]:
    """Attributed propositions (negotiations, truce, agreement, control, withdrawal, weapon use,
    responsibility) with their stance; the value runs from the cue to its object ("انسحبت من بلده X",
    "مفاوضات مع التنظيم")."""
    out: list[Claim] = []
    seen: set[str] = set()
    if only is None and not (att.speaker.name or att.speaker.role) and att.stance == "affirm":
        return out
    for cs, ce, cue in (nt.cues(sent) if only is None else nt.propositions_in(sent, only)):
        if cue.kind != "proposition" or cue.value in seen:
            continue
        seen.add(cue.value)
        end = _object_end(nt, cue.value, ce, sent[1])
        if end <= ce:
            ps, pe = _phrase_after(nt, ce, sent[1], max_words=5)
            end = max(ce, pe)
        stance = att.stance
        if stance != "deny" and any(w.group() in nt.w.reject_cue
                                    for w in list(_WORD.finditer(nt.norm, max(sent[0], cs - 60), cs))[-7:]):
            stance = "reject"  # "رفضت طلبا تقدم به التنظيم للتفاوض"
        out.append(Claim(
            subject=cue.value, value=_orig(nt, cs, end), unit=None, stance=stance,  # type: ignore[arg-type]
            speaker=att.speaker, source_type=att.source_type,  # type: ignore[arg-type]
            claim_date=claim_date, event_index=_event_for(nt, events, sent, cs),
            evidence=[_evidence(nt, sent[0], sent[1])],
        ))
    return out


def _object_end(nt: ClaimText, subject: str, pos: int, end: int) -> int:
    """End (normalised) of the object of a proposition cue ending at `pos`: the words after the preposition
    that introduces it ("على" for control, "من" for withdrawal, "مع" / "بين" for talks), which comes within
    four words; `pos` when there is none."""
    words = list(_WORD.finditer(nt.norm, pos, min(end, pos + 160)))
    preps = nt.w.object_prep
    for k, w in enumerate(words[:5]):
        if nt.norm[pos if k == 0 else words[k - 1].end():w.start()].strip(" "):
            return pos  # punctuation before the preposition
        if subject not in preps.get(w.group(), ()):
            continue
        last = w.end()
        for o in words[k + 1:k + 7]:
            if nt.norm[last:o.start()].strip(" ") or o.group() in nt.w.object_stop:
                break
            last = o.end()
        return last if last > w.end() else pos
    return pos
