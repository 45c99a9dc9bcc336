"""Records that cross stage boundaries.

The field names of `Event`, `Entity`, `Claim` and `DocResult` are the public output contract
(`rasid extract` JSONL, the store, evaluation): ACLED names where ACLED has one.
Offsets are always character offsets into the *original* document text (`Document.text`).
`ResolvedEvent` is what the store gives back after resolution across sources (store queries, exports,
the web app).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from functools import partial
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field, model_validator

_SURROGATE = re.compile("[\ud800-\udfff]")

Modality = Literal["asserted", "claimed", "denied", "planned", "background"]
EntityKind = Literal["actor", "person", "place", "organization", "date", "quantity"]
Qualifier = Literal["exact", "more_than", "about", "up_to", "less_than", "at_least"]
Stance = Literal["affirm", "deny", "reject", "speculate"]  # reject: turned down ("rejected a request for talks")
SourceType = Literal["official", "spokesperson", "local_sources", "activists", "agency", "outlet", "witness", "unknown"]
#: auto = as resolved; confirmed / rejected / edited by an analyst.
ReviewStatus = Literal["auto", "confirmed", "rejected", "edited"]

#: Modalities that become ACLED rows by default (see docs/annotation.md).
REPORTABLE: frozenset[str] = frozenset({"asserted", "claimed"})


class Document(BaseModel):
    """One input article after reading (text is the article body as the reader produced it)."""

    doc_id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    source_path: str | None = None
    #: What reading it met (bad bytes replaced, lone surrogates replaced...); runners copy it to `errors`.
    problems: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _no_lone_surrogates(self) -> Document:
        """Text from Python may hold lone surrogates (no such character exists; nothing can encode it)."""
        n = len(_SURROGATE.findall(self.text))
        if n:
            self.text = _SURROGATE.sub("\ufffd", self.text)
            self.problems.append(f"{n} lone surrogate code point{'s' if n != 1 else ''} replaced with U+FFFD")
        return self


EvidenceKind = Literal["sentence", "trigger", "place", "date", "fatalities"]


class Evidence(BaseModel):
    """Words that support a record: offsets into the original text and what they show (for an event: its
    sentence first, then the trigger, place, date and casualty words; None for a claim's sentence)."""

    start: int
    end: int
    text: str
    kind: EvidenceKind | None = None


class Entity(BaseModel):
    kind: EntityKind
    text: str
    start: int
    end: int
    canonical: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    # places only: the gazetteer id, the ACLED geo_precision, and True when the gazetteer lacks the place
    # (its name as written is `canonical`; the coordinates are the nearest named place's, if any)
    place_id: str | None = None
    geo_precision: int | None = None
    unresolved: bool | None = None


class Speaker(BaseModel):
    name: str | None = None
    role: str | None = None
    affiliation: str | None = None


class Claim(BaseModel):
    subject: str
    value: float | list[float] | str | None = None
    unit: str | None = None
    qualifier: Qualifier = "exact"
    stance: Stance = "affirm"
    speaker: Speaker = Field(default_factory=Speaker)
    source_type: SourceType = "unknown"
    claim_date: str | None = None
    event_index: int | None = None  # index into DocResult.events when tied to an event
    evidence: list[Evidence] = Field(default_factory=list)


class Event(BaseModel):
    event_date: str | None = None
    time_precision: int | None = None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    location: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    notes: str = ""
    modality: Modality = "asserted"
    confidence: float = 0.5
    evidence: list[Evidence] = Field(default_factory=list)


class DocResult(BaseModel):
    doc_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    events: list[Event] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)


#: ACLED's export columns, in ACLED's order (docs/domain.md): the one list that the store, the exports and
#: the web app share. `ResolvedEvent` declares these fields in this order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


class EventSource(BaseModel):
    """One article's report of a resolved event (one stored mention)."""

    doc_id: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    mention: str  # the mention key: "<content hash[:16]>:<index>"
    modality: Modality = "asserted"
    fatalities: int = 0
    evidence: list[str] = Field(default_factory=list)  # the evidence words (offsets: the article page)


class SourceFatalities(BaseModel):
    """The death toll one source gives (ACLED keeps the lowest; the others stay visible)."""

    doc_id: str
    outlet: str | None = None
    mention_key: str
    fatalities: int = 0


class ResolvedEvent(BaseModel):
    """One real-world event after resolution across sources: `event_id`, the ACLED columns in ACLED's order,
    then rasid's own fields. Edited fields hold the analyst's value (`status` says so)."""

    event_id: str  # "ev-" + 12 hex, stable while the event keeps its smallest mention
    event_id_cnty: str
    event_date: str | None = None
    year: int | None = None
    time_precision: int | None = None
    disorder_type: str | None = None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    iso: int | None = None
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int = 0
    tags: str | None = None
    timestamp: int | None = None
    modality: Modality = "asserted"
    status: ReviewStatus = "auto"
    n_sources: int = 0
    n_mentions: int = 0
    fatalities_by_source: list[SourceFatalities] = Field(default_factory=list)
    sources: list[EventSource] = Field(default_factory=list)

    def acled_row(self) -> list[Any]:
        """The ACLED columns' values, in ACLED's order."""
        return [getattr(self, c) for c in ACLED_COLUMNS]


_M = TypeVar("_M", bound=BaseModel)
_IMMUTABLE = (type(None), bool, int, float, str)
_set = object.__setattr__
#: Per model class: every field in declaration order with its plain default (required ones included, to
#: keep the order), and the fields whose default must be made fresh for each instance.
_TEMPLATES: dict[type, tuple[dict[str, Any], list[tuple[str, Callable[[], Any]]]]] = {}


def _template(cls: type[BaseModel]) -> tuple[dict[str, Any], list[tuple[str, Callable[[], Any]]]]:
    template: dict[str, Any] = {}
    fresh: list[tuple[str, Callable[[], Any]]] = []
    for name, info in cls.model_fields.items():
        template[name] = None
        if info.default_factory is not None:
            fresh.append((name, info.default_factory))  # type: ignore[arg-type]
        elif not info.is_required():
            if isinstance(info.default, _IMMUTABLE):
                template[name] = info.default
            else:
                fresh.append((name, partial(copy.deepcopy, info.default)))
    _TEMPLATES[cls] = (template, fresh)
    return template, fresh


def trusted(cls: type[_M], /, **values: Any) -> _M:
    """`cls.model_construct(**values)` for a record the extractor built itself, in a fraction of the time.

    The instance is the same: fields in declaration order, defaults for the ones not given (fresh lists
    for default factories), `model_fields_set` = the names given, no validation. Every required field
    must be given and every name must be a field (model_construct would drop an unknown one).
    """
    spec = _TEMPLATES.get(cls) or _template(cls)
    data = spec[0].copy()
    data.update(values)
    for name, factory in spec[1]:
        if name not in values:
            data[name] = factory()
    m = cls.__new__(cls)
    _set(m, "__dict__", data)
    _set(m, "__pydantic_fields_set__", set(values))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m
