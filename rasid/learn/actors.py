"""The second actor of an article event, chosen by a learned ranker among the article's actors.

The rules give actor2 from the reporting sentence alone (role words, word order); where the sentence
names only the attacker ("قصفت القوات التركية قرى ..."), names the target indirectly ("مواقع لحزب الله",
"منازل المدنيين") or names a side only as who holds a place ("الخاضعة لسيطرة ..."), they leave actor2 out
or take the wrong one. The ranker scores every candidate for actor2 of an event whose actor1 is set:
no second actor, the civilians of the event's country, every actor the article names, and the rules'
own choice. Each candidate is described by where and how the article names it (in the event's sentence
or not, before or after the trigger, the word before it, how often, in the headline), its ACLED inter
code beside actor1's, and, for the civilians, the civilian words near the trigger and the deaths. The
highest score wins. Trained by `rasid train` on the rules' events that match a gold event whose actor
pair includes the rules' actor1 (rasid.learn.train.actor_check), shipped only when it beats the rules
out-of-fold.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rasid import ontology as o
from rasid.extract.frames import compile_frame_words, named_by_base
from rasid.learn.features import Buckets, DocContext, Names
from rasid.lexicon.loader import Lexicon
from rasid.models import Event
from rasid.text.normalize import normalize

if TYPE_CHECKING:
    from rasid.extract.frames import FrameWords
    from rasid.resources import Resources

#: The key of the "no second actor" candidate.
NONE = ""
_WORD = re.compile(r"[\u0621-\u064a][\u0621-\u064a]*")  # a run of letters; a class first: the engine skips to it
_CLAUSE_BREAK = re.compile(r"[،,.:;؛\n]")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_NEAR = 60  # characters around the trigger that count as "near" it
_TOP = 3  # the article's most named actors are candidates of every event; the others only in their paragraph


@lru_cache(maxsize=4096)
def actor_key(name: str | None) -> str:
    """Identity of an actor name as the evaluator compares names (rasid.eval.score.actor_key), worked out
    once per name in a process (the names are the lexicon's actors and the civilians of a country)."""
    from rasid.eval.score import actor_key as key

    return key(name)


# Feature names made once per value and process, not formatted per candidate (as in rasid.learn.features).
_OTHERS, _CIV_HERE = Buckets("k=none|others=", (0, 1, 2)), Buckets("civ_here=", (0, 1, 2))
_CIV_NEAR, _CIV_DOC = Buckets("civ_near=", (0, 1)), Buckets("civ_doc=", (0, 2, 5))
_N, _GAP = Buckets("n=", (0, 1, 2, 4)), Buckets("gap=", (1, 3, 6, 12))
_ROWS: dict[tuple[str, str, str | None, bool], dict[str, float]] = {}
_PAIRS: dict[tuple[str, str], str] = {}  # also the "-" of no second actor
_INTERS: dict[tuple[int, int], str] = {}
_KIND_I1: dict[tuple[str, int], str] = {}
_PRE: dict[tuple[str, str], tuple[str, str]] = {}
_OPEN = 100_000  # names kept in a table of open vocabulary (actor pairs, words) before it is emptied


def _row(kind: str, event_type: str, sub: str | None, rules: bool) -> dict[str, float]:
    """The features every candidate of its kind has (a shared dict: copy it)."""
    key = (kind, event_type, sub, rules)
    f = _ROWS.get(key)
    if f is None:
        f = _ROWS[key] = {f"type={event_type}": 1.0}
        f[f"k={kind}"] = 1.0
        f[f"k={kind}|type={event_type}"] = 1.0
        f[f"k={kind}|sub={sub}"] = 1.0
        if rules:
            f["rules"] = 1.0
            f[f"rules|k={kind}"] = 1.0
            f[f"rules|type={event_type}"] = 1.0
    return f


def _pair(k1: str, k2: str) -> str:
    name = _PAIRS.get((k1, k2))
    if name is None:
        if len(_PAIRS) >= _OPEN:
            _PAIRS.clear()
        name = _PAIRS[(k1, k2)] = f"pair={k1}|{k2}"
    return name


def _inters(i1: int, i2: int) -> str:
    name = _INTERS.get((i1, i2))
    if name is None:
        name = _INTERS[(i1, i2)] = f"i1={i1}|i2={i2}"
    return name


def _kind_i1(kind: str, i1: int) -> str:
    name = _KIND_I1.get((kind, i1))
    if name is None:
        name = _KIND_I1[(kind, i1)] = f"k={kind}|i1={i1}"
    return name


def _pre(word: str, event_type: str) -> tuple[str, str]:
    names = _PRE.get((word, event_type))
    if names is None:
        if len(_PRE) >= _OPEN:
            _PRE.clear()
        names = _PRE[(word, event_type)] = (f"pre={word}", f"pre={word}|type={event_type}")
    return names


_INTER_NAMES = Names("inter=")
_INTER: dict[int, tuple[Lexicon, dict[str, int]]] = {}
_PARENTS: dict[int, tuple[Lexicon, dict[str, str]]] = {}


def parent_names(lexicon: Lexicon) -> dict[str, str]:
    """A sub-unit's name -> its parent's, where the parent is of the same inter code (the Manbij Military Council
    -> the SDF, the West Coast Joint Forces -> Yemen's army): the rules code a sub-unit under its parent (the unit
    goes to assoc_actor), so the head's choice is coded so too (once per lexicon)."""
    cached = _PARENTS.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    out: dict[str, str] = {}
    for actor in lexicon.actors.values():
        parent = lexicon.actors.get(actor.parent) if actor.parent else None
        if parent is not None and parent.inter == actor.inter and "{" not in actor.canonical + parent.canonical:
            out.setdefault(actor.canonical, parent.canonical)
    _PARENTS[id(lexicon)] = (lexicon, out)
    return out


def inter_codes(lexicon: Lexicon) -> dict[str, int]:
    """Actor name without its bracket ("Military Forces of Syria") -> ACLED inter code (once per lexicon)."""
    cached = _INTER.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    out: dict[str, int] = {}
    for actor in lexicon.actors.values():
        out.setdefault(actor.canonical.split(" (")[0], actor.inter)
    _INTER[id(lexicon)] = (lexicon, out)
    return out


@dataclass(slots=True)
class ActorContext:
    """The article's actor mentions and civilian words, read once for all its events."""

    names: dict[str, list[tuple[int, int]]]  # actor name -> its mentions (original offsets), in order
    civilian_starts: list[int]  # original offsets of civilian words (the civilians' aliases)
    headline_end: int
    text: str
    inter: dict[str, int]
    keys: dict[str, str] = field(default_factory=dict)  # actor_key of each name, computed once
    by_count: list[tuple[int, str]] = field(default_factory=list)  # armed names, most often named first
    starts: dict[str, list[int]] = field(default_factory=dict)  # name -> its mention starts, sorted
    _others: dict[str, list[str]] = field(default_factory=dict)  # by_count's names without actor1's, per its key
    _named: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # names named in a span, per span
    _inters: dict[str, int] = field(default_factory=dict)  # inter_of each name, worked out once
    _before: dict[int, str] = field(default_factory=dict)  # the word before a mention, per mention start
    resources: Resources | None = None  # the tables the rules read with (None: the shared ones)

    @classmethod
    def read(cls, ctx: DocContext) -> ActorContext:
        """The actor context of a document already read for the event features (its lexicon scan reused)."""
        assert ctx.lexicon is not None
        ac = cls.of(ctx.doc.text, ctx.entities, inter_codes(ctx.lexicon))
        ac.resources = ctx.resources
        return ac

    def frame_words(self) -> FrameWords:
        """The rules' frame word patterns (frame_words.tsv: target_mark, no_one_hurt)."""
        return self._tables().derived(compile_frame_words)

    def near_cues(self) -> frozenset[str]:
        """The words that put a place's mention on its outskirts ("أطراف", "محيط": place_words.tsv near_cue)."""
        return self._tables().words("place_words.tsv")["near_cue"].words

    def _tables(self) -> Resources:
        if self.resources is None:
            from rasid.resources import default_resources

            self.resources = default_resources()
        return self.resources

    @classmethod
    def of(cls, text: str, entities: list[Any], inter: dict[str, int]) -> ActorContext:
        """From the rules' actor entities (civilian words are entities of the civilians, inter code 7): the
        records, or their fields as dicts (`DocContext.entities`)."""
        names: dict[str, list[tuple[int, int]]] = {}
        for e in entities:
            d = e if isinstance(e, dict) else e.__dict__  # fields read from the dict: see DocContext.of
            if d["kind"] == "actor" and d["canonical"]:
                names.setdefault(d["canonical"], []).append((d["start"], d["end"]))
        for mentions in names.values():
            mentions.sort()
        nl = text.find("\n")
        civilians = sorted(a for n, ms in names.items() if inter.get(n.split(" (")[0]) == 7 for a, _ in ms)
        ac = cls(names, civilians, nl if nl > 0 else min(len(text), 200), text, inter)
        ac.starts = {n: [m[0] for m in ms] for n, ms in names.items()}
        ac.by_count = sorted(((len(m), n) for n, m in names.items() if ac.inter_of(n) not in (0, 6, 7)), reverse=True)
        return ac

    def inter_of(self, name: str) -> int:
        found = self._inters.get(name)
        if found is None:
            found = self._inters[name] = self.inter.get(name.split(" (")[0], 0)
        return found

    def word_before(self, start: int) -> str:
        """`_word_before(text, start)`, once per mention."""
        found = self._before.get(start)
        if found is None:
            found = self._before[start] = _word_before(self.text, start)
        return found

    def key(self, name: str) -> str:
        found = self.keys.get(name)
        if found is None:
            found = self.keys[name] = actor_key(name)
        return found

    def others(self, k1: str) -> list[str]:
        """The armed names, most often named first, without those of actor1's key `k1` (once per key: do not
        change the list)."""
        found = self._others.get(k1)
        if found is None:
            key = self.key
            found = self._others[k1] = [n for _, n in self.by_count if key(n) != k1]
        return found

    def named_between(self, start: int, end: int) -> list[str]:
        """The names with a mention starting in [start, end), in the order of `starts` (once per span: the
        events of one paragraph share it; do not change the list)."""
        found = self._named.get((start, end))
        if found is None:
            found = self._named[(start, end)] = [name for name, starts in self.starts.items()
                                                 if bisect_left(starts, start) < bisect_left(starts, end)]
        return found

    def nearest(self, name: str, anchors: list[int]) -> tuple[int, int, int] | None:
        """(distance, mention start, anchor) of the mention of `name` nearest to one of the anchors (the least
        such triple: the mentions either side of each anchor, tried in order)."""
        starts = self.starts.get(name)
        if not starts:
            return None
        best: tuple[int, int, int] | None = None
        n = len(starts)
        for a in anchors:
            i = bisect_left(starts, a)
            if i > 0:  # the mention before the anchor (bisect_left: it starts before it)
                s = starts[i - 1]
                cand = (a - s, s, a)
                if best is None or cand < best:
                    best = cand
            if i < n:  # the mention at or after it
                s = starts[i]
                cand = (s - a, s, a)
                if best is None or cand < best:
                    best = cand
        return best


def _word_before(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 24):start])
    if not words:
        return "-"
    w = words[-1]
    for p in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p):]
    return w


def candidates(ac: ActorContext, ev: Event,
               evidence: list[tuple[int, int, str | None]] | None = None) -> list[tuple[str, dict[str, float]]]:
    """(actor2 name or NONE, features) for every candidate second actor of `ev` (its actor1 is set).
    `evidence`: the event's evidence spans as (start, end, kind), if at hand (`DocContext.evidence`)."""
    d = ev.__dict__  # the event's fields (see DocContext.of)
    if evidence is None:
        evidence = [(e.start, e.end, e.kind) for e in d["evidence"]]
    a1 = d["actor1"] or ""
    actor2, country = d["actor2"], d["country"]
    k1 = ac.key(a1)
    s0, s1 = evidence[0][:2] if evidence else (0, 0)
    rest = evidence[1:]
    t0 = next((a for a, _b, k in rest if k == "trigger" and s0 <= a < s1), s0)
    other_spans = [(a, b) for a, b, _k in rest if not (s0 <= a < s1)]
    civ_name = f"Civilians ({country})" if country else None
    i1 = d["inter1"] or 0
    names: dict[str, None] = {}
    if actor2:
        names[actor2] = None
    if civ_name:
        names[civ_name] = None
    counts = ac.others(k1)
    top = counts[0] if counts else None
    paragraph = ac.text.rfind("\n", 0, s0) + 1
    end = ac.text.find("\n", s1)
    end = len(ac.text) if end < 0 else end
    for name in counts[:_TOP]:
        names[name] = None
    for name in ac.named_between(paragraph, end):  # the others only where the event's paragraph names them
        names[name] = None
    out: list[tuple[str, dict[str, float]]] = []
    event_type, sub = d["event_type"], d["sub_event_type"]
    fatal, assoc1 = d["fatalities"], d["assoc_actor_1"]

    # no second actor
    f = dict(_row("none", event_type, sub, actor2 is None))
    f[_kind_i1("none", i1)] = 1.0
    f[_OTHERS[len(counts)]] = 1.0
    f[_pair(k1, "-")] = 1.0
    out.append((NONE, f))
    anchors = [a for a, _b, k in rest if k in ("trigger", "fatalities")] or [t0]
    civ = ac.civilian_starts
    civ_here = bisect_right(civ, s1) - bisect_left(civ, s0)
    civ_near = sum(bisect_right(civ, a + _NEAR) - bisect_left(civ, a - _NEAR) for a in anchors)
    for name in names:
        key = ac.key(name)
        if key == k1:
            continue
        inter = 7 if name == civ_name else ac.inter_of(name)
        if inter == 0:
            continue
        kind = "civ" if inter == 7 else "armed"
        f = dict(_row(kind, event_type, sub, name == actor2))
        f[_inters(i1, inter)] = 1.0
        f[_pair(k1, key)] = 1.0  # sides that fight each other (learned where frequent)
        f[_kind_i1(kind, i1)] = 1.0
        if kind == "civ":
            f[_CIV_HERE[civ_here]] = 1.0
            f[_CIV_NEAR[civ_near]] = 1.0
            f[_CIV_DOC[len(ac.civilian_starts)]] = 1.0
            if fatal:
                f["civ|fatal"] = 1.0
        mentions = ac.names.get(name, [])
        if kind == "armed":
            f[_INTER_NAMES[inter]] = 1.0
            f[_N[len(mentions)]] = 1.0
            if name == top:
                f["top_other"] = 1.0
            if assoc1 and name in assoc1:
                f["assoc1"] = 1.0
        if not mentions:
            f["unnamed"] = 1.0
            out.append((name, f))
            continue
        starts = ac.starts[name]  # sorted: each test below is a bisection, not a walk over the mentions
        if starts[0] < ac.headline_end:
            f["in_headline"] = 1.0
        if bisect_left(starts, s0) < bisect_left(starts, s1):  # named in the sentence
            f["in_sentence"] = 1.0
        gap, near, anchor = ac.nearest(name, anchors) or (len(ac.text), 0, 0)
        if gap <= 2 * _NEAR:
            f["near_trigger"] = 1.0
            f["after_trigger" if near >= anchor else "before_trigger"] = 1.0
            f[_GAP[gap // 10]] = 1.0
            pre, pre_type = _pre(ac.word_before(near), event_type)
            f[pre] = 1.0
            f[pre_type] = 1.0
        elif bisect_left(starts, paragraph) < bisect_left(starts, s0):
            f["earlier_same_paragraph"] = 1.0
        for sa, sb in other_spans:
            if bisect_left(starts, sa) < bisect_left(starts, sb):
                f["in_merged_evidence"] = 1.0
                break
        if starts[0] < s0:
            f["named_before"] = 1.0
        out.append((name, f))
    return out


class ActorHead:
    """Linear ranker of actor2 candidates: weights per feature name, the highest-scoring candidate wins."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.weights: dict[str, float] = {str(k): float(v) for k, v in data["weights"].items()}

    def score(self, features: dict[str, float]) -> float:
        get = self.weights.get
        # a list, not a generator: the same terms added in the same order (the same float), faster
        return sum([get(name, 0.0) * value for name, value in features.items()])

    def choose(self, cands: list[tuple[str, dict[str, float]]]) -> str:
        """The highest-scoring candidate (the first of equal ones, as `max` gives)."""
        get = self.weights.get
        best, best_score = NONE, 0.0
        for i, (name, features) in enumerate(cands):
            # the sum of `score`, inline (the same terms in the same order)
            score = sum([get(k, 0.0) * value for k, value in features.items()])
            if i == 0 or score > best_score:
                best, best_score = name, score
        return best


def applies(ev: Event) -> bool:
    """Events whose actor2 the head decides: an actor1 is set, and not a protest (a peaceful one has no
    actor2 by convention; the others take the intervening force from their sentence)."""
    return bool(ev.actor1) and ev.event_type not in (o.PROTESTS, o.RIOTS)


def unhurt_civilians(ac: ActorContext, ev: Event, name: str) -> bool:
    """The head's civilians for a strike on a place's outskirts (geo_precision 2, its place named after a near
    cue: "استهدف قصف أطراف قرى ...", "محيط مدينة") that kills no one and whose sentence names no civilians: no
    civilian is its victim, so, as ACLED codes it, the civilians are not its actor 2 (the rules' choice stands)."""
    if not name or ev.event_type != o.EXPLOSIONS or ev.fatalities or ev.geo_precision != 2:
        return False
    if ac.inter_of(name) != 7 and not (ev.country and name == f"Civilians ({ev.country})"):
        return False
    sent = ev.evidence[0] if ev.evidence else None
    if sent is None:
        return False
    place = next((e for e in ev.evidence[1:] if e.kind == "place"), None)
    words = normalize(place.text).split() if place is not None else []
    near = ac.near_cues()
    if not words or (words[0] not in near and words[0].lstrip("وب") not in near):
        return False  # the place itself (a village the gazetteer lacks is precision 2 too), not its outskirts
    civ = ac.civilian_starts
    return bisect_right(civ, sent.end) == bisect_left(civ, sent.start)


def marked_target(ac: ActorContext, ev: Event, chosen: str) -> bool:
    """The head chose the civilians (`chosen`) where the rules' actor 2 of an explosion is a named armed side that
    its reporting sentence names as what was hit, right after a target word, in one clause with the event's place
    ("استهدف القصف مواقع لحزب الله في منطقة السيدة زينب", "انفجرت عبوة بمدينة درعا ما بين نقطة للأمن العسكري ...":
    frame_words.tsv target_mark): the side hit is the event's second actor, not the civilians around it."""
    name = ev.actor2
    if not chosen or not _civilian(ac, ev, chosen):
        return False
    if not name or ev.event_type != o.EXPLOSIONS or ac.inter_of(name) in (0, 6, 7) or _civilian(ac, ev, name):
        return False
    sent = ev.evidence[0] if ev.evidence else None
    if sent is None:
        return False
    place = next((e for e in ev.evidence[1:] if e.kind == "place"), None)
    if place is None:
        return False
    fw = ac.frame_words()
    words = normalize(place.text).split()
    name_word = _bare(words[-1]) if words else ""
    for s, e in ac.names.get(name, []):
        if not sent.start <= s < sent.end:
            continue
        before = normalize(ac.text[max(0, s - 30):s])
        if named_by_base(fw, ac.inter_of(name), normalize(ac.text[s:e]), before):
            return True  # named by its base ("قاعدة تركية"): the place hit, wherever the sentence puts it
        if not fw.target_mark.search(before):
            continue
        # the side hit at the event's place, in one clause ("مواقع لحزب الله في منطقة السيدة زينب"); not "نقطة
        # عسكرية لقوات النظام قرب عامودا، ومحيط قرى ..." for the villages
        gap = ac.text[e:place.start] if e <= place.start else ac.text[place.end:s]
        if len(gap) <= _NEAR and not _CLAUSE_BREAK.search(gap):
            return True
        # or the place named again in the side's clause ("حاجزا لقوات الأمن المصرية في مدينة العريش", the event's
        # place read from "بالعريش" in another clause)
        clause = _CLAUSE_BREAK.split(ac.text[e:e + _NEAR], maxsplit=1)[0]
        if name_word and name_word in normalize(clause).split():
            return True
    return False


def _bare(word: str) -> str:
    """A place word without a clitic before its article ("بالعريش" -> "العريش")."""
    return word[1:] if len(word) > 4 and word[0] in "وبلف" and word[1:3] == "ال" else word


def no_one_hurt(ac: ActorContext, ev: Event, name: str) -> bool:
    """The head's civilians for a strike that kills no one, whose sentence says no one was hurt or no human loss is
    known ("ما أدى إلى أضرار مادية، دون أن ترد معلومات عن خسائر بشرية": frame_words.tsv no_one_hurt) and names no
    civilians: no civilian is its victim, so, as ACLED codes it, the civilians are not its actor 2."""
    if not name or ev.event_type != o.EXPLOSIONS or ev.fatalities or not _civilian(ac, ev, name):
        return False
    civ = ac.civilian_starts
    said = False
    for e in ev.evidence:
        # the reporting sentence, and the rest of the sentence of each word that reports the strike elsewhere
        end = e.end if e.kind == "sentence" else _sentence_end(ac.text, e.start)
        if bisect_right(civ, end) != bisect_left(civ, e.start):
            return False  # civilians named there
        said = said or ac.frame_words().no_one_hurt.search(normalize(ac.text[e.start:end])) is not None
    return said


def no_civilians_named(ac: ActorContext, ev: Event, name: str) -> bool:
    """The head's civilians for a strike that kills no one in an article that names no civilians anywhere
    ("قصفت المدفعية مواقع في محيط البلدة" and nothing about residents, children or the wounded): nothing says a
    civilian was its victim, so, as ACLED codes it, the civilians are not its actor 2."""
    return bool(name) and ev.event_type == o.EXPLOSIONS and not ev.fatalities and _civilian(ac, ev, name) \
        and not ac.civilian_starts


def _sentence_end(text: str, start: int) -> int:
    found = _SENTENCE_END.search(text, start)
    return found.start() if found else len(text)


def second_side(ac: ActorContext, ev: Event, name: str) -> str:
    """The second side of an event by ACLED's definitions, given the head's choice `name`. Violence against
    civilians targets civilians: its actor 2 is the civilians of the event's country (a "former fighter"
    killed is one). A battle is fought between two armed groups: its actor 2 is never the civilians ("اشتباك
    بين عناصر من فتح وآخرين ... فزادت مخاوف السكان") and never missing: the rules' armed side stands, else a
    side the article does not name is the country's unidentified armed group. Other events keep `name`."""
    if ev.event_type == o.VAC and ev.country and not (name and _civilian(ac, ev, name)):
        return f"Civilians ({ev.country})"
    if ev.event_type != o.BATTLES or not ev.country or (name and not _civilian(ac, ev, name)):
        return name
    rules = ev.actor2
    if rules and not _civilian(ac, ev, rules):
        return rules
    return f"Unidentified Armed Group ({ev.country})"


def _civilian(ac: ActorContext, ev: Event, name: str) -> bool:
    return ac.inter_of(name) == 7 or bool(ev.country and name == f"Civilians ({ev.country})")


def set_actor2(ev: Event, name: str, ac: ActorContext) -> bool:
    """Give `ev` the chosen actor2 (inter code and interaction follow); True when it changed."""
    new = name or None
    if new == ev.actor2:
        return False
    civ = ev.country and new == f"Civilians ({ev.country})"
    ev.actor2 = new
    ev.inter2 = (7 if civ else ac.inter_of(new) or None) if new else None
    ev.interaction = o.interaction(ev.inter1, ev.inter2)
    return True
