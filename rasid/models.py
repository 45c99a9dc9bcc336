"""Records that cross stage boundaries.

The field names of `Event`, `Entity`, `Claim` and `DocResult` are the public output contract
(`rasid extract` JSONL, the store, evaluation): ACLED names where ACLED has one.
Offsets are always character offsets into the *original* document text (`Document.text`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Modality = Literal["asserted", "claimed", "denied", "planned", "background"]
EntityKind = Literal["actor", "person", "place", "organization", "date", "quantity"]
Qualifier = Literal["exact", "more_than", "about", "up_to", "less_than", "at_least"]
Stance = Literal["affirm", "deny", "speculate"]
SourceType = Literal["official", "spokesperson", "local_sources", "activists", "agency", "outlet", "witness", "unknown"]

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


class Evidence(BaseModel):
    start: int
    end: int
    text: str


class Entity(BaseModel):
    kind: EntityKind
    text: str
    start: int
    end: int
    canonical: str | None = None
    latitude: float | None = None
    longitude: float | None = None


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
