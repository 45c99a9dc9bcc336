"""Features of one candidate event: what the rules decided, and the words around the event.

The learned layer sees only what the rules' `DocResult` and the original text give: the event record
(type, modality, the rules' confidence, actors, place precision, date, fatalities), its evidence spans
(the first is the sentence that reports it; the others are the trigger, place, date and count words)
and the sentence text read with the project's lexicons (trigger kinds and cue words: plan, claim,
legal, generic, aggregate, commentary ...). Each feature is a name with a value (1.0 for a binary one);
a model keeps a weight per name and ignores names it never saw, so adding a feature never breaks an
older model file. FEATURES_VERSION goes up when the meaning of existing names changes.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasid.models import DocResult, Document, Event
from rasid.text.normalize import normalize

FEATURES_VERSION = 1

_WORD = re.compile(r"[\u0621-\u064a0-9]+")
_PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_YEAR = re.compile(r"(?<![0-9])(19[4-9][0-9]|20[0-4][0-9])(?![0-9])")
_FUTURE = ("س", "وس", "فس")
_PRESENT = ("ي", "ت", "ن")
#: How many characters before and after the trigger count as "near" it.
_NEAR = 40


def stem(token: str) -> str:
    """A token without its longest proclitic chain (keeping at least three letters): a light, stable key."""
    for p in _PROCLITICS:
        if token.startswith(p) and len(token) - len(p) >= 3:
            return token[len(p):]
    return token


@lru_cache(maxsize=1)
def _matchers() -> tuple[Any, Any]:
    from rasid.lexicon.loader import get_lexicon

    lex = get_lexicon()
    return lex.trigger_matcher, lex.cue_matcher


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    norm: str
    tokens: list[tuple[int, int, str]]  # (start, end, stem) in the normalised sentence
    triggers: list[Any]  # matcher hits (normalised offsets)
    cues: list[Any]


@dataclass(slots=True)
class DocContext:
    """What several events of one document share: its sentences read once, and the events side by side."""

    doc: Document
    result: DocResult
    line_starts: list[int]
    sentences: dict[tuple[int, int], _Sentence] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document, result: DocResult) -> DocContext:
        starts = [0] + [m.end() for m in re.finditer(r"\n", doc.text)]
        return cls(doc, result, starts)

    def sentence(self, start: int, end: int) -> _Sentence:
        key = (start, end)
        s = self.sentences.get(key)
        if s is None:
            norm = normalize(self.doc.text[start:end])
            trig, cues = _matchers()
            tokens = [(m.start(), m.end(), stem(m.group())) for m in _WORD.finditer(norm)]
            s = _Sentence(start, end, norm, tokens, trig.find(norm), cues.find(norm))
            self.sentences[key] = s
        return s


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _span_kinds(ctx: DocContext, ev: Event) -> dict[tuple[int, int], str]:
    """Evidence spans named after the entity they are (place, date, quantity); the rest are trigger words."""
    kinds = {(e.start, e.end): e.kind for e in ctx.result.entities if e.kind in ("place", "date", "quantity")}
    return {(s.start, s.end): kinds.get((s.start, s.end), "trigger") for s in ev.evidence[1:]}


def event_features(ctx: DocContext, index: int) -> dict[str, float]:
    """Feature name -> value for event `index` of the document's result."""
    ev = ctx.result.events[index]
    text = ctx.doc.text
    f: dict[str, float] = {}

    def on(name: str, value: float = 1.0) -> None:
        f[name] = value

    # --- the rules' own decisions
    on(f"type={ev.event_type}")
    on(f"sub={ev.sub_event_type}")
    on(f"rmod={ev.modality}")
    on("rconf", ev.confidence)
    on(f"rconf>={min(int(ev.confidence * 10), 9) / 10:.1f}")
    on(f"type={ev.event_type}|rmod={ev.modality}")
    if ev.fatalities:
        on("fatal")
        on("log_fatal", min(math.log1p(ev.fatalities) / 5.0, 1.0))
    on("a1" if ev.actor1 else "no_a1")
    on("a2" if ev.actor2 else "no_a2")
    on(f"i1={ev.inter1}")
    on(f"i2={ev.inter2}")
    if ev.assoc_actor_1 or ev.assoc_actor_2:
        on("assoc")
    on(f"geo={ev.geo_precision}")
    if ev.location is None:
        on("no_place")
    elif ev.location == ev.country:
        on("place_is_country")
    on("date" if ev.event_date else "no_date")
    on(f"tp={ev.time_precision}")

    # --- evidence: which sentence, and what in it supports the event
    if not ev.evidence:
        on("no_evidence")
        return f
    sent = ev.evidence[0]
    spans = _span_kinds(ctx, ev)
    inside = [k for (a, b), k in spans.items() if sent.start <= a and b <= sent.end]
    outside = [k for (a, b), k in spans.items() if not (sent.start <= a and b <= sent.end)]
    for k in set(inside):
        on(f"here={k}")
    if outside:
        on("merged")
        on("merged_n", min(len(outside), 5) / 5.0)
    on(f"nspans={_bucket(len(spans), (1, 2, 3, 5))}")

    # position in the article
    line = bisect_right(ctx.line_starts, sent.start) - 1
    on(f"line={_bucket(line, (0, 1, 2, 4, 8))}")
    on("pos", sent.start / max(len(text), 1))
    n_lines = len(ctx.line_starts)
    on(f"doc_lines={_bucket(n_lines, (1, 2, 4, 8, 16))}")
    on(f"doc_chars={_bucket(len(text) // 100, (2, 5, 10, 20, 40))}")

    # the other events of the article: copies of this one, a finer place for the same type
    same_type = [o for j, o in enumerate(ctx.result.events) if j != index and o.event_type == ev.event_type]
    on(f"n_events={_bucket(len(ctx.result.events), (1, 2, 3, 5, 8))}")
    on(f"n_same_type={_bucket(len(same_type), (0, 1, 2, 4))}")
    if any(o.location == ev.location for o in same_type):
        on("dup_location")
    if any(o.admin1 and o.admin1 == ev.admin1 for o in same_type):
        on("dup_admin1")
    if ev.geo_precision and any(o.admin1 == ev.admin1 and (o.geo_precision or 9) < ev.geo_precision for o in same_type):
        on("finer_sibling")
    if any(o.evidence and o.evidence[0].start == sent.start for o in same_type):
        on("same_sentence_sibling")

    # --- the words
    s = ctx.sentence(sent.start, sent.end)
    norm = s.norm
    trig_spans = [(a - sent.start, b - sent.start) for (a, b), k in spans.items()
                  if k == "trigger" and sent.start <= a and b <= sent.end]
    t0 = trig_spans[0][0] if trig_spans else 0
    t1 = trig_spans[0][1] if trig_spans else 0
    hits = [h for h in s.triggers if any(h.start < b and a < h.end for a, b in trig_spans)]
    for h in hits:
        on(f"tw={h.key}")
        for t in h.values:
            on(f"tk={t.kind}")
            on(f"tpos={t.pos}")
            on(f"tk={t.kind}|tpos={t.pos}")
        if h.prefix:
            on(f"tpre={h.prefix}")
        if h.suffix:
            on(f"tsuf={h.suffix}")
    if trig_spans:
        tok = next((t for t in _WORD.finditer(norm) if t.start() <= t0 < t.end()), None)
        word = tok.group() if tok else ""
        bare = word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
        if word.startswith(_FUTURE) and len(word) > 3 and word[1:2] in _PRESENT + ("ت",):
            on("tense=future")
        elif bare.startswith(_PRESENT) and not bare.startswith("تم"):
            on("tense=present")
        elif bare.startswith("ال") or bare.startswith(("بال", "لل")):
            on("tense=definite")
        else:
            on("tense=other")
    other_triggers = len(s.triggers) - len(hits)
    on(f"other_triggers={_bucket(other_triggers, (0, 1, 2, 4))}")
    for c in s.cues:
        on(f"cue={c.values[0]}")
        if t0 - _NEAR <= c.start < t0:
            on(f"cue_pre={c.values[0]}")
        elif t1 <= c.start < t1 + _NEAR:
            on(f"cue_post={c.values[0]}")
    if "؟" in norm or "?" in norm:
        on("question")
    quotes = norm.count('"')
    if quotes >= 2:
        on("quotes")
        if norm[:t0].count('"') % 2 == 1:
            on("trigger_in_quotes")
    if any(ch.isdigit() for ch in norm):
        on("digits")
    years = {int(y) for y in _YEAR.findall(norm)}
    if years:
        on("year")
        pub = int(ctx.doc.published[:4]) if ctx.doc.published else None
        if pub is not None and any(y < pub for y in years):
            on("year_before_publication")
    on(f"sent_words={_bucket(len(s.tokens), (8, 15, 25, 40, 60))}")
    # words: the sentence's bag and the trigger's neighbours
    ti = next((i for i, (a, b, _) in enumerate(s.tokens) if a <= t0 < b), None)
    for i, (_a, _b, w) in enumerate(s.tokens):
        if w.isdigit():
            continue
        on(f"w={w}")
        if ti is not None and 0 < abs(i - ti) <= 3:
            on(f"w{'-' if i < ti else '+'}={w}")
    return f


def with_domain(features: dict[str, float], domain: str) -> dict[str, float]:
    """The features plus a copy of each under the input's domain ('sentence' or 'article'): one model learns
    what holds for both and what differs between a lone sentence and an article (Daume's feature
    augmentation), so benchmark sentences and gold articles can train it together."""
    prefix = "S|" if domain == "sentence" else "A|"
    out = dict(features)
    for name, value in features.items():
        out[prefix + name] = value
    return out


def document_features(doc: Document, result: DocResult) -> list[dict[str, float]]:
    """Features of every event of a result, in order."""
    ctx = DocContext.of(doc, result)
    return [event_features(ctx, i) for i in range(len(result.events))]
