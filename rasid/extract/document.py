"""Document-level extraction: sentences -> mentions -> frames -> ACLED events with evidence."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from rasid.extract.claims import cue_matchers, extract_claims
from rasid.extract.events import COUNTRY_NAMES, EventBuilder
from rasid.extract.language import detect_language
from rasid.extract.mentions import SentenceMentions, find_mentions
from rasid.extract.persons import find_persons
from rasid.geo.admin import ISO2_BY_NAME
from rasid.geo.geoparser import PlaceMention, get_geoparser
from rasid.lexicon.loader import Lexicon, get_lexicon
from rasid.models import Claim, DocResult, Document, Entity, Event, trusted
from rasid.text.boilerplate import boilerplate_spans
from rasid.text.dates import DateMention, find_dates, parse_iso_date
from rasid.text.matcher import scan_together
from rasid.text.normalize import NormText
from rasid.text.numbers import find_numbers
from rasid.text.sentences import Sentence, split_sentences


def extract_document(doc: Document, lexicon: Lexicon | None = None) -> DocResult:
    lexicon = lexicon or get_lexicon()
    result = DocResult(doc_id=doc.doc_id, title=doc.title, outlet=doc.outlet, published=doc.published, url=doc.url)
    language, problem = detect_language(doc.text)
    result.language = language
    if problem:
        result.errors.append(problem)
        return result
    published = parse_iso_date(doc.published) if doc.published else None
    if doc.published and published is None:
        result.errors.append(f"publication date {doc.published!r} is not YYYY-MM-DD; ignored")
        result.published = None
    nt = NormText.of(doc.text)
    sentences = split_sentences(nt, skip=boilerplate_spans(nt))
    geoparser = get_geoparser()
    # every lexicon reads the document in one automaton pass (once grouped, this is a no-op)
    scan_together([geoparser.gazetteer.matcher, lexicon.actor_matcher, lexicon.trigger_matcher,
                   lexicon.cue_matcher, *cue_matchers()])
    places = geoparser.parse(nt)
    mentions = find_mentions(nt, sentences, lexicon, [(p.start, p.end) for p in places])
    dates = find_dates(nt, published)
    numbers = find_numbers(nt)
    country = _document_country(places)

    builder = EventBuilder(nt, lexicon, mentions, places, dates, numbers, published, country)
    drafts = builder.run()
    result.events = [builder.to_event(d) for d in drafts]
    result.entities = _entities(nt, mentions, places, dates, numbers, lexicon, country)
    result.claims = _claims(nt, sentences, result.events, published, doc.outlet)
    return result


def _document_country(places: list[PlaceMention]) -> str | None:
    counts = Counter(p.country for p in places if p.country and p.role == "mention")
    if not counts:
        counts = Counter(p.country for p in places if p.country)
    return ISO2_BY_NAME.get(counts.most_common(1)[0][0]) if counts else None



def _entities(nt: NormText, mentions: list[SentenceMentions], places: list[PlaceMention],
              dates: list[DateMention], numbers: list, lexicon: Lexicon, country: str | None) -> list[Entity]:
    out: list[Entity] = []

    def span(start: int, end: int) -> tuple[int, int, str]:
        a, b = nt.span(start, end)
        return a, b, nt.original[a:b]

    for sm in mentions:
        for m in sm.actors:
            a, b, text = span(m.start, m.end)
            canonical = m.actor.canonical
            if canonical == "@state":
                state = lexicon.state_actor(country)
                canonical = state.canonical if state else "State forces"
            canonical = canonical.replace("{country}", COUNTRY_NAMES.get(country or "", "International"))
            kind = "organization" if m.actor.kind == "organization" else "actor"
            out.append(trusted(Entity, kind=kind, text=text, start=a, end=b, canonical=canonical))
    named = bytearray(len(nt.norm) + 1)
    for sm in mentions:
        for m in sm.actors:
            named[m.start:m.end] = b"\x01" * (m.end - m.start)
    for p in places:
        named[p.start:p.end] = b"\x01" * (p.end - p.start)
    for person in find_persons(nt, named):
        a, b, text = span(person.start, person.end)
        out.append(trusted(Entity, kind="person", text=text, start=a, end=b, canonical=text))
    for p in places:
        a, b, text = span(p.start, p.end)
        out.append(trusted(Entity, kind="place", text=text, start=a, end=b, canonical=p.name,
                                   latitude=p.latitude, longitude=p.longitude))
    for d in dates:
        a, b, text = span(d.start, d.end)
        when = d.date.isoformat() if d.date else (str(d.year_only) if d.year_only else None)
        out.append(trusted(Entity, kind="date", text=text, start=a, end=b, canonical=when))
    for n in numbers:
        if getattr(n, "kind", "count") != "count":
            continue
        a, b, text = span(n.start, n.end)
        value = f"{n.value:g}" if n.high is None else f"{n.value:g}-{n.high:g}"
        out.append(trusted(Entity, kind="quantity", text=text, start=a, end=b, canonical=value))
    out.sort(key=lambda e: (e.start, e.end))
    return out


def _claims(nt: NormText, sentences: list[Sentence], events: list[Event], published: dt.date | None,
            outlet: str | None) -> list[Claim]:
    spans = [(s.start, s.end) for s in sentences]
    return extract_claims(nt, spans, events, published, outlet=outlet)
