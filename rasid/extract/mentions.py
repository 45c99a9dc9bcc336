"""Mentions of actors, triggers and cues over a whole document, resolved once and bucketed by sentence.

Anaphoric aliases ("التنظيم", "الهيئة") resolve to the actor of the same focus class named last in the
document, else to the one actor of that class the document names later ("مقاتلي العشائر" before "العكيدات"), else
to their own entry; both-sides cues ("الطرفين") are kept for the event builder.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rasid.lexicon.loader import Actor, Lexicon, Trigger, pick_alias
from rasid.text.matcher import Scan
from rasid.text.normalize import NormText
from rasid.text.sentences import Sentence

#: Past plural and dual endings: "خطفوا" is a verb even where the entry "خطف" is the masdar.
_VERBAL_SUFFIXES = frozenset({"وا", "تا"})


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    actor: Actor
    anaphoric: bool
    prefix: str


@dataclass(slots=True)
class TriggerMention:
    start: int
    end: int
    kinds: list[Trigger]
    prefix: str
    suffix: str
    kind_names: frozenset[str] = frozenset()
    weight: float = 0.0

    def __post_init__(self) -> None:
        kinds = self.kinds  # list comprehensions: generators cost more than the work here
        self.kind_names = frozenset([t.kind for t in kinds])
        self.weight = max([t.weight for t in kinds]) if kinds else 0.0


@dataclass(slots=True)
class CueMention:
    start: int
    end: int
    cue: str
    prefix: str = ""


@dataclass(slots=True)
class SentenceMentions:
    sentence: Sentence
    index: int
    actors: list[ActorMention] = field(default_factory=list)
    triggers: list[TriggerMention] = field(default_factory=list)
    cues: list[CueMention] = field(default_factory=list)
    _cue_names: set[str] | None = None

    def has_cue(self, cue: str) -> bool:
        if self._cue_names is None:
            self._cue_names = {c.cue for c in self.cues}
        return cue in self._cue_names

    def cues_of(self, cue: str) -> list[CueMention]:
        return [c for c in self.cues if c.cue == cue]


def _bucket(starts: list[int], pos: int) -> int:
    return bisect_right(starts, pos) - 1


def find_mentions(nt: NormText, sentences: list[Sentence], lexicon: Lexicon,
                  names: Sequence[tuple[int, int]] = (), scan: Scan | None = None,
                  countries: Sequence[str | None] | None = None) -> list[SentenceMentions]:
    """Mentions per sentence, in document order; one matcher pass per lexicon over the whole text (or
    the hits of the document's `scan`, when given).

    `names` are spans already known to be names (places): a trigger or cue word inside one
    ("بيان" in بيانون, "تحرير" in a group's name) is not read as a word. `countries` (ISO2, one per
    sentence) says which country each sentence is about: an alias that means different actors in different
    countries ("الجيش الوطني") takes the one of that country ('@state' and '@police' are resolved later,
    with the event's country).
    """
    text: str | Scan = scan if scan is not None else nt.norm
    out = [SentenceMentions(s, i) for i, s in enumerate(sentences)]
    if not sentences:
        return out
    named = bytearray(len(nt.norm) + 1)  # 1 where a known name covers the text
    for a, b in names:
        named[a:b] = b"\x01" * (b - a)
    starts = [s.start for s in sentences]

    def target(start: int, end: int) -> SentenceMentions | None:
        i = _bucket(starts, start)
        if i < 0 or end > sentences[i].end:
            return None
        return out[i]

    last_by_focus: dict[str, Actor] = {}
    first_armed: dict[int, Actor] = {}  # sentence index -> the first armed group it names (its likely agent)
    for m in lexicon.actor_matcher.find(text):
        bucket = target(m.start, m.end)
        if bucket is None:
            continue
        country = countries[bucket.index] if countries is not None else None
        alias = pick_alias(m.values, country)
        actor = alias.actor
        if actor.kind == "none":
            continue  # "القاعدة العسكرية": a base, not al-Qaeda
        if alias.anaphoric and actor.focus == "armed":
            # "القوات": the forces that lead this or the previous sentence (Arabic news names the agent
            # first: "اعتقلت قوات الأسايش ... خلايا تابعة لداعش. ... القوات اقتادت"), else the state's
            leader = first_armed.get(bucket.index) or first_armed.get(bucket.index - 1)
            actor = leader or last_by_focus.get("state", actor)
        elif alias.anaphoric and alias.actor.focus in last_by_focus:
            actor = last_by_focus[alias.actor.focus]
        elif not alias.anaphoric:
            last_by_focus[actor.focus] = actor
            if actor.kind == "armed":
                first_armed.setdefault(bucket.index, actor)
        bucket.actors.append(ActorMention(m.start, m.end, actor, alias.anaphoric, m.prefix))
    _resolve_forward(out)
    if lexicon.coded_as:
        _code_in_company(out, lexicon.coded_as)
    for bucket in out:
        bucket.actors = _drop_vague_before_named(nt.norm, bucket.actors)
    for t in lexicon.trigger_matcher.find(text):
        bucket = target(t.start, t.end)
        if bucket is not None and not _inside(t.start, t.end, bucket.actors, named) \
                and not _opens_name_tail(t.start - len(t.prefix), bucket.actors, nt.norm, lexicon.name_tails):
            # a word inside a name ("تحرير" in هيئة تحرير الشام) is not a trigger
            kinds = list(t.values)
            if t.suffix in _VERBAL_SUFFIXES:
                kinds = [replace(k, pos="verb") if k.pos == "noun" else k for k in kinds]
            bucket.triggers.append(TriggerMention(t.start, t.end, kinds, t.prefix, t.suffix))
    for c in lexicon.cue_matcher.find(text):
        bucket = target(c.start, c.end)
        if bucket is not None and not _inside(c.start, c.end, [], named):
            for cue in dict.fromkeys(c.values):
                if cue == "none":
                    continue  # a blocker: "بالإضافة" keeps "أضاف" from matching inside it
                bucket.cues.append(CueMention(c.start, c.end, cue, c.prefix))
    return out


def _resolve_forward(out: list[SentenceMentions]) -> None:
    """An anaphoric word read before any actor of its class ("مقاتلي العشائر" opening a story whose later
    sentences name the Uqaydat) means the one actor of that class the document names, when it names one only."""
    named: dict[str, set[Actor]] = {}
    for b in out:
        for a in b.actors:
            if not a.anaphoric:
                named.setdefault(a.actor.focus, set()).add(a.actor)
    for b in out:
        for i, a in enumerate(b.actors):
            if a.anaphoric and a.actor.focus != "armed":
                found = named.get(a.actor.focus, set())
                if len(found) == 1 and a.actor not in found:
                    b.actors[i] = replace(a, actor=next(iter(found)))


def _code_in_company(out: list[SentenceMentions], coded_as: dict[str, tuple[Actor, frozenset[str]]]) -> None:
    """An actor coded as another in an article that names one of a set of actors (actors.tsv `coded_as`): "جبهة
    النصرة" in an article that names HTS, or a group formed after al-Nusra joined HTS (the Syrian Liberation
    Front), is HTS; the Free Syrian Army beside Turkey's forces or the SNA is the SNA, as ACLED codes them."""
    named = {a.actor.id for b in out for a in b.actors}
    for b in out:
        for i, a in enumerate(b.actors):
            found = coded_as.get(a.actor.id)
            if found is not None and found[1] & named:
                b.actors[i] = replace(a, actor=found[0])


def _inside(start: int, end: int, actors: list[ActorMention], named: bytearray) -> bool:
    """Strictly inside an actor's name ("تحرير" in هيئة تحرير الشام; a name that starts with the word,
    "طائرة مسيرة تركية", still lets it count) or anywhere inside a place name."""
    for a in actors:  # a plain loop: a generator costs more than the few actors of a sentence
        if a.start < start and end <= a.end:
            return True
    return named.find(0, start, end) == -1


def _opens_name_tail(start: int, actors: list[ActorMention], norm: str, tails: frozenset[str]) -> bool:
    """The word at `start` opens an alias that is the tail of a longer name ("«تحرير الشام»")."""
    return bool(tails) and any(a.start == start and norm[a.start:a.end] in tails for a in actors)


_PARTITIVE = re.compile(r"^[\s\"'()\[\]«»]*(?:من|في|ينتمون ل|ل)?[\s\"'()\[\]«»]*$")
_SUBUNIT = re.compile(r"^[\s\"'()«»]*(?:التابع|التابعه|التابعين|التابعون|المنضوي|المنضويه|المرتبط|المرتبطه)"
                      r"[\s\"'()«»]*(?:ل|الي|تحت)?[\s\"'()«»]*$")


def _drop_vague_before_named(norm: str, actors: list[ActorMention]) -> list[ActorMention]:
    """The first of two adjacent mentions gives way to the second when the second says who it is:
    "مسلحين من تنظيم داعش", "فصائل المعارضة "هيئة تحرير الشام"", "الأمن العام التابع لهيئة تحرير الشام"."""
    keep: list[ActorMention] = []
    for i, a in enumerate(actors):
        nxt = actors[i + 1] if i + 1 < len(actors) else None
        if nxt is not None and nxt.actor != a.actor and nxt.actor.kind != "organization":
            glue = norm[a.end:nxt.start]
            if _SUBUNIT.match(glue) and a.actor.kind != "organization":
                continue
            if a.actor.kind == "generic" and nxt.actor.kind == "armed" and _PARTITIVE.match(glue):
                continue
        keep.append(a)
    return keep
