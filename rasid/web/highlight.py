"""Highlighted article text: labelled character spans cut into segments the templates render (escaped).

The extractor labels each evidence span (`Evidence.kind`: sentence, trigger, place, date, fatalities).
Spans stored before it did have no label: the first is the sentence, and the others are labelled by the
entities they overlap (a date entity -> date, a place -> place, a quantity -> casualty words, nothing
-> the trigger). The actors are the actor entities in the evidence sentences that name the event's
actors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Drawing order: a later kind is drawn over an earlier one where they overlap.
KINDS = ("sentence", "claim", "entity-organization", "entity-person", "entity-actor", "entity-place",
         "entity-unresolved", "entity-date", "entity-quantity", "actor", "place", "date", "casualty", "trigger")
LABELS = {"sentence": "evidence sentence", "trigger": "event words", "actor": "actor", "place": "place",
          "date": "date", "casualty": "casualty words", "claim": "claim"}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str
    title: str = ""
    anchor: str = ""  # an id to link to (the first segment of the span carries it)


@dataclass(slots=True)
class Segment:
    text: str
    kinds: tuple[str, ...]
    title: str
    anchor: str

    @property
    def css(self) -> str:
        return " ".join(f"hl-{k}" for k in self.kinds)


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """Cut `text` at every span boundary; each piece lists the kinds covering it (in drawing order)."""
    order = {k: i for i, k in enumerate(KINDS)}
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    starts: dict[int, list[Span]] = {}
    for s in valid:
        starts.setdefault(s.start, []).append(s)
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        cover = [s for s in valid if s.start <= a and b <= s.end]
        kinds = tuple(sorted({s.kind for s in cover}, key=lambda k: order.get(k, 99)))
        titles = [s.title for s in sorted(cover, key=lambda s: order.get(s.kind, 99)) if s.title]
        anchor = next((s.anchor for s in starts.get(a, []) if s.anchor), "")
        out.append(Segment(text[a:b], kinds, " · ".join(dict.fromkeys(titles)), anchor))
    return out


def _overlaps(a: int, b: int, entities: Sequence[Mapping[str, Any]], kind: str) -> bool:
    return any(e.get("kind") == kind and e["start"] < b and a < e["end"] for e in entities)


#: The extractor's evidence kinds as drawn here.
EVIDENCE_KINDS = {"sentence": "sentence", "trigger": "trigger", "place": "place", "date": "date",
                  "fatalities": "casualty"}


def _guess_kind(a: int, b: int, entities: Sequence[Mapping[str, Any]]) -> str:
    """The kind of an unlabelled evidence span (stored before evidence had kinds)."""
    if _overlaps(a, b, entities, "date"):
        return "date"
    if _overlaps(a, b, entities, "place"):
        return "place"
    if _overlaps(a, b, entities, "quantity"):
        return "casualty"
    return "trigger"


def mention_spans(mention: Mapping[str, Any], entities: Sequence[Mapping[str, Any]], *,
                  anchor: str = "") -> list[Span]:
    """The labelled evidence of one stored mention (see the module's docstring)."""
    evidence = mention.get("evidence") or []
    if not evidence:
        return []
    out = [Span(evidence[0]["start"], evidence[0]["end"], "sentence", LABELS["sentence"], anchor)]
    windows = [(e["start"], e["end"]) for e in evidence]
    for e in evidence[1:]:
        a, b = e["start"], e["end"]
        kind = EVIDENCE_KINDS.get(e.get("kind") or "") or _guess_kind(a, b, entities)
        if kind == "sentence":
            continue
        title = {"place": f"place: {mention.get('location') or '?'}",
                 "date": f"date: {mention.get('event_date') or 'undated'}",
                 "casualty": f"fatalities: {mention.get('fatalities') or 0}"}.get(kind, LABELS[kind])
        out.append(Span(a, b, kind, title))
    names = {mention.get(k) for k in ("actor1", "actor2")} - {None}
    for k in ("assoc_actor_1", "assoc_actor_2"):
        names.update(x.strip() for x in (mention.get(k) or "").split(";") if x.strip())
    for ent in entities:
        if ent.get("kind") in ("actor", "organization") and ent.get("canonical") in names and any(
                a <= ent["start"] and ent["end"] <= b for a, b in windows):
            out.append(Span(ent["start"], ent["end"], "actor", f"actor: {ent['canonical']}"))
    return out


def article_spans(mentions: Sequence[Mapping[str, Any]], entities: Sequence[Mapping[str, Any]],
                  claims: Sequence[Mapping[str, Any]]) -> list[Span]:
    """Everything found in an article: entities by kind, each event's words, each claim's words."""
    out: list[Span] = []
    for ent in entities:
        label = ent.get("canonical") or ent.get("text") or ""
        kind = f"entity-{ent.get('kind')}"
        if ent.get("kind") == "place" and ent.get("latitude") is None:
            kind, label = "entity-unresolved", f"{label} (not resolved)"
        out.append(Span(ent["start"], ent["end"], kind, f"{ent.get('kind')}: {label}"))
    for m in mentions:
        evidence = m.get("evidence") or []
        if evidence:
            first = evidence[0]
            out.append(Span(first["start"], first["end"], "sentence",
                            f"event {m['idx'] + 1}: {m.get('sub_event_type')}", f"m{m['idx']}"))
        for s in mention_spans(m, entities)[1:]:
            if s.kind == "trigger":
                out.append(Span(s.start, s.end, "trigger", f"event {m['idx'] + 1}: {m.get('sub_event_type')}"))
    for c in claims:
        for i, e in enumerate(c.get("evidence") or []):
            out.append(Span(e["start"], e["end"], "claim", f"claim: {c.get('subject')} = {c.get('value')}",
                            f"c{c['idx']}" if i == 0 else ""))
    return out
