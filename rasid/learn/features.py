"""Features of one candidate event: what the rules decided, and the words around the event.

The learned layer sees only what the rules' `DocResult` and the original text give: the event record
(type, modality, the rules' confidence, actors, place precision, date, fatalities), its evidence spans
(the first is the sentence that reports it; the others are the trigger, place, date and count words),
the article's other events, and the sentence read with the project's lexicons (trigger kinds and cue
words: plan, claim, legal, generic, aggregate, commentary ...). Each feature is a name with a value
(1.0 for a binary one); a model keeps a weight per name and ignores names it never saw, so a new feature
never breaks an older model file. FEATURES_VERSION goes up when the meaning of existing names changes.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from rasid.lexicon.loader import Lexicon
from rasid.models import DocResult, Document
from rasid.text.matcher import Scan
from rasid.text.normalize import NormText
from rasid.text.windows import bmp_table, char_runs

if TYPE_CHECKING:
    from rasid.resources import Resources

FEATURES_VERSION = 2  # 2: evidence spans carry their kind (trigger, place, date, fatalities)

_WORD_CLASS = "[\u0621-\u064a0-9]"
_WORD = re.compile(_WORD_CLASS + _WORD_CLASS + "*")  # a run of word letters, a class first (the engine skips to it)
_PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_PROCLITIC_FIRST = frozenset(p[0] for p in _PROCLITICS)
_YEAR = re.compile(r"(?<![0-9])(19[4-9][0-9]|20[0-4][0-9])(?![0-9])")
_PRESENT = ("ي", "ت", "ن")
#: Sentence ends (or line breaks): counted to tell a lone sentence or headline from an article. That is
#: [.!?؟…]+(?=\s|$)|\n+ written to start with one character class (the regex engine then skips ahead).
_SENTENCE_END = re.compile(r"[.!?؟…\n](?:(?<=[.!?؟…])[.!?؟…]*(?=\s|$)|(?<=\n)\n*)")
_START = attrgetter("start")
#: Sentence ends counted at most: `doc_sents=>16` covers every count past 16.
_SENTENCES_SEEN = 17
#: How many characters before and after the trigger count as "near" it.
_NEAR = 40
#: Feature families a caller may leave out (their cost is the sentence's words).
BAG = "w="


def _sentence_count(text: str) -> int:
    """The number of sentence ends of `text` (at least 1), counted up to `_SENTENCES_SEEN`: all a feature
    reads of it (the domain: one sentence or more; the last bucket of `doc_sents=`: more than 16)."""
    ends = _SENTENCE_END.finditer(text.strip())
    return max(1, sum(1 for _ in islice(ends, _SENTENCES_SEEN)))


def _never(_char: str) -> bool:
    """No character past the BMP is one of `_WORD`'s."""
    return False


def stem(token: str) -> str:
    """A token without its longest proclitic chain (keeping at least three letters): a light, stable key."""
    if token[:1] not in _PROCLITIC_FIRST:
        return token  # no proclitic starts with its first letter
    for p in _PROCLITICS:
        if token.startswith(p) and len(token) - len(p) >= 3:
            return token[len(p):]
    return token


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


# Feature names are built once per process and value, not per event: a name is then the same string object
# every time (its hash computed once, the model's lookup an identity match) and no f-string is formatted in
# the loops over events. Each table gives exactly the string the f-string it replaces would give.


class Names(dict[Any, str]):
    """Feature name of each value of one family (`prefix` + the value's text), made on first use. For values
    from closed sets (the ontology's, the lexicons'); words go through `_Stems`, which bounds its size."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, value: Any) -> str:
        name = self[value] = f"{self.prefix}{value}"
        return name


class Buckets(dict[int, str]):
    """Names of one bucketed count, indexed by the count n: `prefix` + `_bucket(n, edges)`."""

    __slots__ = ("prefix", "edges")

    def __init__(self, prefix: str, edges: tuple[int, ...]) -> None:
        super().__init__()
        self.prefix = prefix
        self.edges = edges
        names: dict[str, str] = {}  # one string per bucket, shared by all the counts that fall in it
        for n in range(edges[-1] + 2):
            self[n] = names.setdefault(_bucket(n, edges), f"{prefix}{_bucket(n, edges)}")

    def __missing__(self, n: int) -> str:  # a count past the last edge, or a negative one (kept: they are few)
        name = self[n] = self[self.edges[-1] + 1] if n > 0 else f"{self.prefix}{_bucket(n, self.edges)}"
        return name


_WORDS = 200_000  # names kept per word family before it is emptied
_CUE, _CUE_PRE, _CUE_POST = Names("cue="), Names("cue_pre="), Names("cue_post=")
_SENT_WORDS = Buckets("sent_words=", (8, 15, 25, 40, 60))
_TYPE, _SUB, _RMOD = Names("type="), Names("sub="), Names("rmod=")
_RCONF = [f"rconf>={k / 10:.1f}" for k in range(10)]
_I1, _I2, _GEO, _TP = Names("i1="), Names("i2="), Names("geo="), Names("tp=")
_DOC_SENTS, _DOC_CHARS = Buckets("doc_sents=", (2, 4, 8, 16)), Buckets("doc_chars=", (2, 5, 10, 20, 40))
_N_EVENTS, _N_SAME_TYPE = Buckets("n_events=", (1, 2, 3, 5, 8)), Buckets("n_same_type=", (0, 1, 2, 4))
_HERE, _TW, _TPRE, _TSUF = Names("here="), Names("tw="), Names("tpre="), Names("tsuf=")
_NSPANS, _LINE = Buckets("nspans=", (1, 2, 3, 5)), Buckets("line=", (0, 1, 2, 4, 8))
_PLACES_IN_SENTENCE = Buckets("places_in_sentence=", (0, 1, 2, 4))
_OTHER_TRIGGERS, _PLACE_GAP = Buckets("other_triggers=", (0, 1, 2, 4)), Buckets("place_gap=", (1, 3, 6, 12))
_TYPE_RMOD: dict[tuple[str, str], str] = {}
_TK_TPOS: dict[tuple[str, str], tuple[str, str, str]] = {}


class _Stems(dict[str, str]):
    """`prefix` + the stem of a word, per word (open vocabulary: emptied at _WORDS names)."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, token: str) -> str:
        if len(self) >= _WORDS:
            self.clear()
        name = self[token] = f"{self.prefix}{stem(token)}"
        return name


_W_BAG, _W_BEFORE, _W_AFTER = _Stems("w="), _Stems("w-="), _Stems("w+=")


@dataclass(slots=True)
class _Sentence:
    """What the events of one sentence share: its words, lexicon hits and sentence-level features.

    Its words are what `_WORD.finditer` finds in the sentence's normalised text [s0, s1): the runs of word
    characters of the document (`DocContext.word_runs`, found once per document) from `first` to `last`
    (exclusive), the first and last cut at the sentence's ends; a word is sliced out of the text only when a
    feature reads it (the trigger's and its neighbours'), not made for every word of every sentence."""

    s0: int
    s1: int
    first: int  # index of the sentence's first word run in `DocContext.word_runs`
    last: int  # one past its last
    triggers: list[Any]
    cues: list[Any]
    features: dict[str, float]
    _bag: dict[str, float] | None = None

    @classmethod
    def read(cls, ctx: DocContext, s0: int, s1: int) -> _Sentence:
        norm = ctx.nt.norm[s0:s1]
        starts, ends = ctx.word_runs()
        first = bisect_right(ends, s0)  # the first run that ends inside the sentence
        last = max(first, bisect_left(starts, s1)) if s1 > s0 else first  # one past the last that starts inside it
        cues = ctx.hits("cue", s0, s1)
        f: dict[str, float] = {_CUE[c.values[0]]: 1.0 for c in cues}
        if "؟" in norm or "?" in norm:
            f["question"] = 1.0
        if norm.count('"') >= 2:
            f["quotes"] = 1.0
        # the pattern starts with a look-behind, so the engine would try it at every position: a year has "19" or "20"
        years = {int(y) for y in _YEAR.findall(norm)} if "19" in norm or "20" in norm else None
        if years:
            f["year"] = 1.0
            if ctx.doc.published and any(y < int(ctx.doc.published[:4]) for y in years):
                f["year_before_publication"] = 1.0
        f[_SENT_WORDS[last - first]] = 1.0
        return cls(s0, s1, first, last, ctx.hits("trigger", s0, s1), cues, f)

    def bag(self, norm: str) -> dict[str, float]:
        """The sentence's bag of words (one dict for all its events: do not change it); `norm`: the document's
        normalised text."""
        if self._bag is None:
            self._bag = {_W_BAG[token]: 1.0 for token in _WORD.findall(norm, self.s0, self.s1) if not token.isdigit()}
        return self._bag


@dataclass(slots=True)
class DocContext:
    """What the events of one document share, computed once: the normalised text and its lexicon hits
    (one scan of the whole text), the entity spans, and the events side by side."""

    doc: Document
    result: DocResult
    nt: NormText
    n_sentences: int  # sentence ends, at least 1, counted up to _SENTENCES_SEEN
    line_starts: list[int]
    triggers: list[Any]  # matcher hits, normalised offsets, sorted by start
    cues: list[Any]
    entity_kind: dict[tuple[int, int], str]
    places: list[tuple[int, int]]  # original offsets, sorted
    by_type: dict[str, list[int]]
    finest_geo: int | None
    _trigger_starts: list[int] = field(default_factory=list)
    _cue_starts: list[int] = field(default_factory=list)
    _sentences: dict[tuple[int, int], _Sentence] = field(default_factory=dict)
    lexicon: Lexicon | None = None  # the lexicon the hits come from (actor features: inter codes)
    resources: Resources | None = None  # the tables the rules read with (the actor rules' word lists)
    entities: list[dict[str, Any]] = field(default_factory=list)  # the result's entities' fields (their __dict__)
    events: list[dict[str, Any]] = field(default_factory=list)  # the result's events' fields (their __dict__)
    _evidence: dict[int, list[tuple[int, int, str | None]]] = field(default_factory=dict)
    _word_runs: tuple[list[int], list[int]] | None = None
    _actors: Any = None
    _siblings: _Siblings | None = None

    def siblings(self) -> _Siblings:
        """The events counted by type and place (their places and sentences do not change while they are scored)."""
        if self._siblings is None:
            self._siblings = _Siblings.of(self.events)
        return self._siblings

    def actors(self) -> Any:
        """The article's actor mentions (rasid.learn.actors.ActorContext), read once."""
        if self._actors is None:
            from rasid.learn.actors import ActorContext

            self._actors = ActorContext.read(self)
        return self._actors

    @classmethod
    def of(cls, doc: Document, result: DocResult, lexicon: Lexicon | None = None, *, nt: NormText | None = None,
           scan: Scan | None = None, resources: Resources | None = None) -> DocContext:
        """`resources`: the tables the rules read with (default: the shared `Resources`), `lexicon` theirs
        unless given; `nt` and `scan`: the pipeline's normalised text and lexicon scan of this document, when
        at hand (`Doc.text`, `Doc.scan`), so that nothing is read twice."""
        if resources is None:
            from rasid.resources import default_resources

            resources = default_resources()
        if lexicon is None:
            lexicon = resources.lexicon
        text = doc.text
        nt = nt or NormText.of(text)
        scan = scan or Scan(nt.norm)  # one set of word bounds for both matchers
        triggers = sorted(lexicon.trigger_matcher.find(scan), key=_START)
        cues = sorted(lexicon.cue_matcher.find(scan), key=_START)
        # the records' fields read from their __dict__ (a pydantic record's attribute read costs about ten dict
        # lookups: its class defines __getattr__, so the interpreter cannot specialise it)
        entities = [e.__dict__ for e in result.entities]
        entity_kind: dict[tuple[int, int], str] = {}
        places: list[tuple[int, int]] = []
        for e in entities:
            kind = e["kind"]
            if kind in ("place", "date", "quantity"):
                entity_kind[(e["start"], e["end"])] = kind
                if kind == "place":
                    places.append((e["start"], e["end"]))
        places.sort()
        events = _as_ranked([ev.__dict__ for ev in result.events], entities)
        by_type: dict[str, list[int]] = defaultdict(list)
        for i, ev in enumerate(events):
            by_type[ev["event_type"]].append(i)
        return cls(
            doc, result, nt, _sentence_count(text),
            [0] + [m.end() for m in re.finditer(r"\n", text)], triggers, cues, entity_kind, places, by_type,
            min((e["geo_precision"] for e in events if e["geo_precision"]), default=None),
            [h.start for h in triggers], [h.start for h in cues], lexicon=lexicon, resources=resources,
            entities=entities, events=events,
        )

    def word_runs(self) -> tuple[list[int], list[int]]:
        """(starts, ends) of the runs of `_WORD`'s characters in the normalised text, in one vectorised pass
        (what `_WORD.finditer` finds in the whole text)."""
        if self._word_runs is None:
            self._word_runs = char_runs(self.nt.norm, bmp_table(_WORD_CLASS), _never)
        return self._word_runs

    def evidence(self, index: int) -> list[tuple[int, int, str | None]]:
        """(start, end, kind) of each evidence span of event `index`, read once (do not change the list)."""
        found = self._evidence.get(index)
        if found is None:
            found = self._evidence[index] = [(s["start"], s["end"], s["kind"])
                                              for s in (e.__dict__ for e in self.events[index]["evidence"])]
        return found

    @property
    def domain(self) -> str:
        """'sentence' for an input of one sentence (as the benchmark's),
        else 'article'. Each has its own model: what makes a lone sentence a report differs from what makes
        an article's event right (its place, copies, position)."""
        return "sentence" if self.n_sentences <= 1 else "article"

    def hits(self, which: str, start: int, end: int) -> list[Any]:
        """Trigger or cue hits inside the normalised span [start, end)."""
        items, starts = (self.triggers, self._trigger_starts) if which == "trigger" else (self.cues, self._cue_starts)
        return items[bisect_left(starts, start):bisect_left(starts, end)]

    def sentence(self, s0: int, s1: int) -> _Sentence:
        """The sentence at normalised [s0, s1), read once for all the events it reports."""
        key = (s0, s1)
        sentence = self._sentences.get(key)
        if sentence is None:
            sentence = self._sentences[key] = _Sentence.read(self, s0, s1)
        return sentence

    def places_in(self, start: int, end: int) -> int:
        """How many place mentions lie inside the original span [start, end)."""
        return bisect_left(self.places, (end, -1)) - bisect_left(self.places, (start, -1))


def event_features(ctx: DocContext, index: int, *, exclude: tuple[str, ...] = ()) -> dict[str, float]:
    """Feature name -> value for event `index` of the document's result (without the families in `exclude`)."""
    ev = ctx.events[index]  # the event's fields (its __dict__: see DocContext.of)
    text = ctx.doc.text
    f: dict[str, float] = {}  # the order of insertion is the order the model's logit adds the terms in
    # --- the rules' own decisions
    event_type, modality, confidence = ev["event_type"], ev["modality"], ev["confidence"]
    f[_TYPE[event_type]] = 1.0
    f[_SUB[ev["sub_event_type"]]] = 1.0
    f[_RMOD[modality]] = 1.0
    f["rconf"] = confidence
    f[_rconf(confidence)] = 1.0
    type_rmod = _TYPE_RMOD.get((event_type, modality))
    if type_rmod is None:
        type_rmod = _TYPE_RMOD[(event_type, modality)] = f"type={event_type}|rmod={modality}"
    f[type_rmod] = 1.0
    fatalities = ev["fatalities"]
    if fatalities:
        f["fatal"] = 1.0
        f["log_fatal"] = min(math.log1p(fatalities) / 5.0, 1.0)
    f["a1" if ev["actor1"] else "no_a1"] = 1.0
    f["a2" if ev["actor2"] else "no_a2"] = 1.0
    f[_I1[ev["inter1"]]] = 1.0
    f[_I2[ev["inter2"]]] = 1.0
    if ev["assoc_actor_1"] or ev["assoc_actor_2"]:
        f["assoc"] = 1.0
    f[_GEO[ev["geo_precision"]]] = 1.0
    location = ev["location"]
    if location is None:
        f["no_place"] = 1.0
    elif location == ev["country"]:
        f["place_is_country"] = 1.0
    elif location == ev["admin1"]:
        f["place_is_admin1"] = 1.0
    f["date" if ev["event_date"] else "no_date"] = 1.0
    f[_TP[ev["time_precision"]]] = 1.0
    f[_DOC_SENTS[ctx.n_sentences]] = 1.0
    f[_DOC_CHARS[len(text) // 100]] = 1.0
    evidence = ctx.evidence(index)
    _siblings(ctx, ev, evidence, f)
    if not evidence:
        f["no_evidence"] = 1.0
        return f
    _evidence(ctx, evidence, f, exclude)
    return f


def _as_ranked(events: list[dict[str, Any]], entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events as the layer was trained to read them: an event coded near a town its place mention ranks as
    the town ("جنوب مدينة X": mention precision 1, event precision 2; docs/geo.md) carries the mention's
    precision here, so that the coding precision, written for the analyst, does not change the layer's judgement."""
    mention = {(e["start"], e["end"]): e["geo_precision"] for e in entities
               if e["kind"] == "place" and e["geo_precision"]}
    out = events
    for i, ev in enumerate(events):
        precision = ev["geo_precision"]
        if not precision or precision == 1:
            continue
        ranked = min((mention.get((x.start, x.end)) or 9 for x in ev["evidence"] if x.kind == "place"), default=9)
        if ranked < precision:
            if out is events:
                out = list(events)
            out[i] = {**ev, "geo_precision": ranked}
    return out


@dataclass(slots=True)
class _Siblings:
    """The document's events counted by type and place, by type and sentence: each event's tests against the
    other events of its type are then lookups. Counts include the event itself."""

    location: Counter[tuple[str, str | None]]
    admin1: Counter[tuple[str, str]]  # events with an admin1
    finest: dict[tuple[str, str | None], int]  # the finest precision (or 9) of the type in the admin1
    sentence: Counter[tuple[str, int]]  # events with evidence, by the start of their sentence

    @classmethod
    def of(cls, events: list[dict[str, Any]]) -> _Siblings:
        """From the events' fields (their __dict__)."""
        finest: dict[tuple[str, str | None], int] = {}
        location: Counter[tuple[str, str | None]] = Counter()
        admin1: Counter[tuple[str, str]] = Counter()
        sentence: Counter[tuple[str, int]] = Counter()
        for o in events:
            t, a1 = o["event_type"], o["admin1"]
            key, p = (t, a1), o["geo_precision"] or 9
            if p < finest.get(key, 10):
                finest[key] = p
            location[(t, o["location"])] += 1
            if a1:
                admin1[(t, a1)] += 1
            if o["evidence"]:
                sentence[(t, o["evidence"][0].start)] += 1
        return cls(location, admin1, finest, sentence)


def _siblings(ctx: DocContext, ev: dict[str, Any], evidence: list[tuple[int, int, str | None]],
              f: dict[str, float]) -> None:
    """The article's other events: copies of this one, a finer place for the same type."""
    sib = ctx.siblings()
    t, admin1, precision = ev["event_type"], ev["admin1"], ev["geo_precision"]
    f[_N_EVENTS[len(ctx.events)]] = 1.0
    f[_N_SAME_TYPE[len(ctx.by_type[t]) - 1]] = 1.0
    if sib.location[(t, ev["location"])] > 1:  # another event of the type at the same location (None too)
        f["dup_location"] = 1.0
    if admin1 and sib.admin1[(t, admin1)] > 1:
        f["dup_admin1"] = 1.0
    if precision and sib.finest[(t, admin1)] < precision:  # not the event itself: p < p
        f["finer_sibling"] = 1.0
    if evidence and sib.sentence[(t, evidence[0][0])] > 1:
        f["same_sentence_sibling"] = 1.0
    if ctx.finest_geo is not None and precision and precision > ctx.finest_geo:
        f["coarser_than_article"] = 1.0


def _evidence(ctx: DocContext, evidence: list[tuple[int, int, str | None]], f: dict[str, float],
              exclude: tuple[str, ...]) -> None:
    """The sentence that reports the event, where it stands, and its words around the trigger."""
    text, nt = ctx.doc.text, ctx.nt
    sent_start, sent_end, _kind = evidence[0]
    entity_kind = ctx.entity_kind
    spans = {(a, b): k or entity_kind.get((a, b), "trigger") for a, b, k in evidence[1:]}
    inside = {k for (a, b), k in spans.items() if sent_start <= a and b <= sent_end}
    outside = [k for (a, b), k in spans.items() if not (sent_start <= a and b <= sent_end)]
    for k in inside:
        f[_HERE[k]] = 1.0
    if outside:
        f["merged"] = 1.0
        f["merged_n"] = min(len(outside), 5) / 5.0
    f[_NSPANS[len(spans)]] = 1.0
    f[_LINE[bisect_right(ctx.line_starts, sent_start) - 1]] = 1.0
    f["pos"] = sent_start / max(len(text), 1)
    f[_PLACES_IN_SENTENCE[ctx.places_in(sent_start, sent_end)]] = 1.0

    # normalised coordinates from here on
    norm_index = nt.norm_index
    s0, s1 = norm_index(sent_start), norm_index(sent_end)
    sentence = ctx.sentence(s0, s1)
    trig_spans = sorted((norm_index(a), norm_index(b)) for (a, b), k in spans.items()
                        if k == "trigger" and sent_start <= a and b <= sent_end)
    t0, t1 = trig_spans[0] if trig_spans else (s0, s0)
    if len(trig_spans) == 1:  # the usual case: the same test as below, without a generator per hit
        hits = [h for h in sentence.triggers if h.start < t1 and t0 < h.end]
    else:
        hits = [h for h in sentence.triggers if any(h.start < b and a < h.end for a, b in trig_spans)]
    for h in hits:
        f[_TW[h.key]] = 1.0
        for t in h.values:
            names = _TK_TPOS.get((t.kind, t.pos))
            if names is None:
                names = _TK_TPOS[(t.kind, t.pos)] = (f"tk={t.kind}", f"tpos={t.pos}", f"tk={t.kind}|tpos={t.pos}")
            f[names[0]] = 1.0
            f[names[1]] = 1.0
            f[names[2]] = 1.0
        if h.prefix:
            f[_TPRE[h.prefix]] = 1.0
        if h.suffix:
            f[_TSUF[h.suffix]] = 1.0
    f[_OTHER_TRIGGERS[len(sentence.triggers) - len(hits)]] = 1.0
    place_starts = [norm_index(a) for (a, b), k in spans.items() if k == "place" and sent_start <= a < sent_end]
    if place_starts and trig_spans:
        f[_PLACE_GAP[min(abs(a - t0) for a in place_starts) // 10]] = 1.0
        if all(a < t0 for a in place_starts):
            f["place_before_trigger"] = 1.0
    for c in sentence.cues:
        if t0 - _NEAR <= c.start < t0:
            f[_CUE_PRE[c.values[0]]] = 1.0
        elif t1 <= c.start < t1 + _NEAR:
            f[_CUE_POST[c.values[0]]] = 1.0
    f.update(sentence.features)
    if "quotes" in sentence.features and nt.norm[s0:t0].count('"') % 2 == 1:
        f["trigger_in_quotes"] = 1.0
    # the words: the trigger's tense and neighbours, and (unless excluded) the sentence's bag of words
    if trig_spans and s0 <= t0 < s1:
        norm = nt.norm
        starts, ends = ctx.word_runs()
        ti = bisect_right(starts, t0) - 1  # the run the trigger starts in, if it starts in one
        if ti >= 0 and t0 < ends[ti]:
            # a trigger whose lexicon form opens with س (سيطر، سقط، سحب) has no future prefix: the س is its own
            own_s = any(h.start == t0 and h.key.startswith("س") for h in hits)
            f[_tense(norm[max(starts[ti], s0):min(ends[ti], s1)], own_s)] = 1.0
            for i in range(max(sentence.first, ti - 3), min(sentence.last, ti + 4)):
                if i != ti:
                    word = norm[max(starts[i], s0):min(ends[i], s1)]
                    if not word.isdigit():
                        f[(_W_BEFORE if i < ti else _W_AFTER)[word]] = 1.0
    if BAG not in exclude:
        f.update(sentence.bag(nt.norm))


def _rconf(confidence: float) -> str:
    """The name of the rules' confidence in tenths: f"rconf>={min(int(confidence * 10), 9) / 10:.1f}"."""
    k = int(confidence * 10)
    return _RCONF[k if k < 9 else 9] if k >= 0 else f"rconf>={k / 10:.1f}"


def _tense(word: str, own_s: bool = False) -> str:
    """The tense of the trigger's word: future (س + a present prefix), present, definite (the article) or other.
    `own_s`: the trigger's lexicon form opens with the word's س ("سيطرت" is a past verb, not س + يطرت)."""
    bare = word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
    if not own_s and bare.startswith("س") and len(bare) > 3 and bare[1:2] in _PRESENT:
        return "tense=future"
    if bare.startswith(_PRESENT) and not bare.startswith("تم"):
        return "tense=present"
    if bare.startswith(("ال", "بال", "لل")):
        return "tense=definite"
    return "tense=other"


def document_features(doc: Document, result: DocResult, lexicon: Lexicon | None = None) -> list[dict[str, float]]:
    """Features of every event of a result, in order (every family: training chooses per domain)."""
    ctx = DocContext.of(doc, result, lexicon)
    return [event_features(ctx, i) for i in range(len(result.events))]
