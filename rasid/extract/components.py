"""The rule components of the pipeline: each reads the `Doc` and fills one attribute of it.

In pipeline order (`rasid.pipeline.RULES`): sentences -> places -> mentions -> dates -> numbers -> frames
-> events -> entities -> claims. A component reads what earlier ones wrote and the tables of
`doc.resources`; a disabled one leaves its attribute empty, and the later ones work with that.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from rasid.extract.claims import claim_text, extract_claims
from rasid.extract.doc import Doc
from rasid.extract.events import COUNTRY_NAMES, EventBuilder
from rasid.extract.frames import build_frames, compile_frame_words
from rasid.extract.mentions import find_mentions
from rasid.extract.persons import find_persons
from rasid.geo.admin import ISO2_BY_NAME
from rasid.models import Entity, trusted
from rasid.text.boilerplate import boilerplate_spans
from rasid.text.sentences import split_sentences

if TYPE_CHECKING:
    from rasid.resources import Resources


def sentences(doc: Doc) -> None:
    """Sentences of the text, page furniture (share buttons, related-article lists) left out."""
    doc.sentences = split_sentences(doc.text, skip=boilerplate_spans(doc.text),
                                    open_end=doc.resources.derived(_open_end_words))


def _open_end_words(resources: Resources) -> frozenset[str]:
    return resources.words("sentence_words.tsv")["open_end"].words


def places(doc: Doc) -> None:
    """Place mentions, resolved against the gazetteer (datelines and clock stamps kept, with their role)."""
    doc.places = doc.resources.geoparser.parse(doc.text, scan=doc.scan)


def mentions(doc: Doc) -> None:
    """Actors, event triggers and cue words of each sentence (none inside a place name)."""
    doc.mentions = find_mentions(doc.text, doc.sentences, doc.resources.lexicon,
                                 [(p.start, p.end) for p in doc.places], scan=doc.scan,
                                 countries=sentence_countries(doc))


def sentence_countries(doc: Doc) -> list[str | None]:
    """The country (ISO2) each sentence is about: the one most of its places lie in, when the lexicon
    knows that country's forces; else the article's country."""
    with_forces = doc.resources.derived(_countries_with_forces)
    starts = [s.start for s in doc.sentences]
    counts: list[Counter[str]] = [Counter() for _ in starts]
    for p in doc.places:
        cc = ISO2_BY_NAME.get(p.country) if p.country and p.role == "mention" else None
        i = bisect_right(starts, p.start) - 1
        if cc and i >= 0:
            counts[i][cc] += 1
    out: list[str | None] = []
    for c in counts:
        best = c.most_common(1)[0][0] if c else None
        out.append(best if best in with_forces else doc.country)
    return out


def _countries_with_forces(resources: Resources) -> frozenset[str]:
    """The countries (ISO2) whose state forces the lexicon knows."""
    lexicon = resources.lexicon
    return frozenset(a.country for a in lexicon.actors.values() if a.country and lexicon.state_actor(a.country))


#: How many sentences of an undated article's lead may hold the day it tells of.
_LEAD_SENTENCES = 3


def dates(doc: Doc) -> None:
    """Date expressions, resolved against the publication date. An article without one that writes its day
    in full in its lead ("الجنينة 27 أبريل 2023 ...") has its weekdays and relative days read against that
    day ("الخميس", "والاثنين": the last such weekday up to it)."""
    reader = doc.resources.dates
    found = reader.find(doc.text, doc.published, doc.words, doc.digit_runs)
    if doc.published is None and doc.sentences:
        lead_end = doc.sentences[min(_LEAD_SENTENCES, len(doc.sentences)) - 1].end
        day = next((d.date for d in found if d.date is not None and d.start < lead_end and d.precision == 1
                    and d.kind == "absolute"), None)
        if day is not None:
            found = reader.find(doc.text, day, doc.words, doc.digit_runs)
    doc.dates = found


def numbers(doc: Doc) -> None:
    """Number expressions: counts, ranges, vague quantities (years, dates, times and percentages marked)."""
    doc.numbers = doc.resources.numbers.find(doc.text, doc.words, doc.digit_runs)


def frames(doc: Doc) -> None:
    """Each sentence's event frames: type, sub-type, trigger, actors, modality, weight."""
    norm = doc.text.norm
    words = doc.resources.derived(compile_frame_words)
    doc.frames = [build_frames(norm, sm, words) for sm in doc.mentions]


def events(doc: Doc) -> None:
    """ACLED events: frames placed, dated, counted and merged (rasid.extract.events)."""
    builder = EventBuilder(doc)
    doc.events = [builder.to_event(d) for d in builder.run()]


def entities(doc: Doc) -> None:
    """Actors, organisations, persons, places, dates and counts, with original offsets and canonical values."""
    nt = doc.text
    lexicon = doc.resources.lexicon
    country = doc.country
    out: list[Entity] = []

    def span(start: int, end: int) -> tuple[int, int, str]:
        a, b = nt.span(start, end)
        return a, b, nt.original[a:b]

    for sm in doc.mentions:
        for m in sm.actors:
            a, b, text = span(m.start, m.end)
            actor = lexicon.concrete(m.actor, country)
            canonical = actor.canonical if actor else "State forces"
            canonical = canonical.replace("{country}", COUNTRY_NAMES.get(country or "", "International"))
            kind = "organization" if m.actor.kind == "organization" else "actor"
            out.append(trusted(Entity, kind=kind, text=text, start=a, end=b, canonical=canonical))
    named = bytearray(len(nt.norm) + 1)
    for sm in doc.mentions:
        for m in sm.actors:
            named[m.start:m.end] = b"\x01" * (m.end - m.start)
    for p in doc.places:
        named[p.start:p.end] = b"\x01" * (p.end - p.start)
    for person in find_persons(nt, doc.resources, named):
        a, b, text = span(person.start, person.end)
        out.append(trusted(Entity, kind="person", text=text, start=a, end=b, canonical=text))
    for p in doc.places:
        a, b, text = span(p.start, p.end)
        out.append(trusted(Entity, kind="place", text=text, start=a, end=b, canonical=p.name,
                           latitude=p.latitude, longitude=p.longitude, place_id=p.place_id,
                           geo_precision=p.geo_precision if p.latitude is not None else None,
                           unresolved=True if p.unresolved else None))
    for d in doc.dates:
        a, b, text = span(d.start, d.end)
        when = d.date.isoformat() if d.date else (str(d.year_only) if d.year_only else None)
        out.append(trusted(Entity, kind="date", text=text, start=a, end=b, canonical=when))
    for n in doc.numbers:
        if n.kind != "count":
            continue
        a, b, text = span(n.start, n.end)
        value = f"{n.value:g}" if n.high is None else f"{n.value:g}-{n.high:g}"
        out.append(trusted(Entity, kind="quantity", text=text, start=a, end=b, canonical=value))
    out.sort(key=lambda e: (e.start, e.end))
    doc.entities = out


def claims(doc: Doc) -> None:
    """Quantity and proposition claims with speaker, stance and the event they belong to."""
    spans = [(s.start, s.end) for s in doc.sentences]
    doc.claims = extract_claims(claim_text(doc), spans, doc.events, doc.published, outlet=doc.document.outlet)
