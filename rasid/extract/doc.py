"""`Doc`: one article on its way through the pipeline, and everything worked out about it.

A `Doc` holds the input record, the original and normalised text with the offset map between them,
and what each pipeline component adds: sentences, places, lexicon mentions, dates, numbers, frames,
events, entities, claims. Components take the `Doc` and fill their own attribute; what several of them
read (the word set, the lexicon scan, the document's country, the claims' cue hits) is worked out once,
on first use, and kept here: no stage keeps per-document state anywhere else. Offsets in the analyses
are normalised offsets (`text.span` maps them back); records (`events`, `entities`, `claims`) carry
original offsets.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING, Any

from rasid.geo.admin import ISO2_BY_NAME
from rasid.models import Claim, DocResult, Document, Entity, Event
from rasid.text.matcher import Scan
from rasid.text.normalize import NormText
from rasid.text.windows import DigitRuns, digit_runs, words_of

if TYPE_CHECKING:
    from rasid.extract.claims import ClaimText
    from rasid.extract.frames import Frame
    from rasid.extract.mentions import SentenceMentions
    from rasid.geo.geoparser import PlaceMention
    from rasid.resources import Resources
    from rasid.text.dates import DateMention
    from rasid.text.numbers import NumberMention
    from rasid.text.sentences import Sentence


class Doc:
    def __init__(self, document: Document, resources: Resources) -> None:
        self.document = document
        self.resources = resources
        # set by `Pipeline.make_doc`: the components run only on a readable (Arabic) document
        self.language: str | None = None
        self.readable = True
        self.published: dt.date | None = None  # the publication date, when `document.published` is valid
        self.published_text = document.published  # what the result reports (None once found invalid)
        self.errors: list[str] = []
        # set by the components (empty when a component is disabled)
        self.sentences: list[Sentence] = []
        self.places: list[PlaceMention] = []
        self.mentions: list[SentenceMentions] = []  # one per sentence: actors, triggers, cues
        self.dates: list[DateMention] = []
        self.numbers: list[NumberMention] = []
        self.frames: list[list[Frame]] = []  # one list per sentence
        self.events: list[Event] = []
        self.entities: list[Entity] = []
        self.claims: list[Claim] = []
        #: free room for components added to the pipeline (a learned model's features, say)
        self.user_data: dict[str, Any] = {}
        self.claim_text: ClaimText | None = None  # the claims rules' view, made by `claims.claim_text`

    def __repr__(self) -> str:
        return f"Doc({self.document.doc_id!r}, {len(self.sentences)} sentences, {len(self.events)} events)"

    @cached_property
    def text(self) -> NormText:
        """The original text, its normalised form and the offset map between them."""
        return NormText.of(self.document.text)

    @cached_property
    def words(self) -> frozenset[str]:
        """The distinct words of the normalised text (numbers and dates look their anchors up here)."""
        return words_of(self.text.norm)

    @cached_property
    def digit_runs(self) -> DigitRuns:
        """The runs of digits of the normalised text (numbers and dates both read them)."""
        return digit_runs(self.text.norm)

    @cached_property
    def scan(self) -> Scan:
        """The word bounds and the hits of every whole-document matcher (one automaton pass)."""
        return Scan(self.text.norm, self.resources.scan_group)

    @cached_property
    def country(self) -> str | None:
        """ISO2 code of the country most of the story's places lie in (datelines count when nothing else does)."""
        counts = Counter(p.country for p in self.places if p.country and p.role == "mention")
        if not counts:
            counts = Counter(p.country for p in self.places if p.country)
        return ISO2_BY_NAME.get(counts.most_common(1)[0][0]) if counts else None

    def to_result(self) -> DocResult:
        """The public record of this document (`rasid extract` JSON)."""
        d = self.document
        result = DocResult(doc_id=d.doc_id, title=d.title, outlet=d.outlet, published=d.published, url=d.url)
        result.language = self.language
        if self.published_text != d.published:
            result.published = self.published_text
        result.events = self.events
        result.entities = self.entities
        result.claims = self.claims
        result.errors = self.errors
        return result
