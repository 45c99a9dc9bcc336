"""Long documents in bounded segments: cut at paragraph (else sentence, else word) boundaries, extract
each segment on its own, shift its offsets back and merge, so memory follows the segment size and not
the document's (extraction holds about 100 bytes per character of text while it works).

Documents up to `LONG_DOCUMENT` characters are processed whole, exactly as `Pipeline.process` does.
Meant to move into the `Pipeline` itself; until then every runner calls `process_document`.

A consumer that writes a long document's records out one by one (the store) asks for a `PackedResult`:
the merged result kept as its segments' records, each segment pickled once its offsets are shifted, so
that the document's result is never held as models all at once (a 5 MB article: 18 MB pickled, 160 MB
as models).
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from rasid.models import DocResult, Document

#: Documents longer than this (characters) are cut into segments; shorter ones are processed whole.
LONG_DOCUMENT = 60_000
#: Target segment length (characters): a long news article; ~2 MB of working memory while extracted.
SEGMENT = 20_000

_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_LINE = re.compile(r"\n\s*")
_SENTENCE = re.compile(r"""[.!?؟…]+["')\]»”]*\s+""")
_SPACE = re.compile(r"\s+")


class _Processor(Protocol):
    def process(self, doc: Document) -> DocResult: ...


def segment_bounds(text: str, size: int = SEGMENT, limit: int = LONG_DOCUMENT) -> list[tuple[int, int]]:
    """(start, end) of consecutive segments covering `text`; one segment when it is at most `limit` long.

    Each cut falls in the last half of a `size` window: after a blank line if there is one, else after
    a line break, a sentence end, whitespace, or (a text without any) at the window's end.
    """
    n = len(text)
    if n <= limit:
        return [(0, n)]
    bounds = []
    start = 0
    while n - start > size:
        lo, hi = start + size // 2, start + size
        cut = hi
        for pattern in (_PARAGRAPH, _LINE, _SENTENCE, _SPACE):
            last = None
            for m in pattern.finditer(text, lo, hi):
                last = m
            if last is not None:
                cut = last.end()
                break
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def segments(doc: Document, bounds: list[tuple[int, int]]) -> Iterator[Document]:
    """The segment documents (lazily: a 50 MB text is not copied all at once); only the first has the title."""
    for i, (a, b) in enumerate(bounds):
        yield doc.model_copy(update={"text": doc.text[a:b], "title": doc.title if i == 0 else None})


@dataclass(slots=True)
class PackedResult:
    """A long document's result as its segments' records, each segment pickled with its offsets (and
    event indexes) already those of the whole document. `head` has the document's fields and errors and
    no records; `parts()` gives the segments' records one at a time, in order (as results without
    fields), `unpack()` the whole `DocResult`."""

    head: DocResult
    packed: list[bytes] = field(default_factory=list)
    n_events: int = 0
    n_entities: int = 0
    n_claims: int = 0

    def add(self, part: DocResult) -> None:
        self.packed.append(pickle.dumps((part.events, part.entities, part.claims), pickle.HIGHEST_PROTOCOL))
        self.n_events += len(part.events)
        self.n_entities += len(part.entities)
        self.n_claims += len(part.claims)

    def parts(self) -> Iterator[DocResult]:
        for blob in self.packed:
            events, entities, claims = pickle.loads(blob)
            yield DocResult.model_construct(doc_id=self.head.doc_id, events=events, entities=entities,
                                            claims=claims)

    def unpack(self) -> DocResult:
        result = self.head.model_copy(deep=True)
        for part in self.parts():
            result.events.extend(part.events)
            result.entities.extend(part.entities)
            result.claims.extend(part.claims)
        return result

    @property
    def empty(self) -> bool:
        return not (self.n_events or self.n_entities or self.n_claims)


def head_of(result: DocResult | PackedResult) -> DocResult:
    """The document's fields and errors (with its records, unless packed)."""
    return result.head if isinstance(result, PackedResult) else result


def parts_of(result: DocResult | PackedResult) -> Iterator[DocResult]:
    """A result's records in document order: the result itself, or a packed one's segments one at a time."""
    if isinstance(result, PackedResult):
        yield from result.parts()
    else:
        yield result


def is_empty(result: DocResult | PackedResult) -> bool:
    """No event, entity or claim."""
    if isinstance(result, PackedResult):
        return result.empty
    return not (result.events or result.entities or result.claims)


class Merger:
    """Folds segment results, in order, into one result with offsets into the whole document (`pack`: a
    `PackedResult`)."""

    def __init__(self, doc: Document, n_segments: int, *, pack: bool = False) -> None:
        self.result = DocResult(doc_id=doc.doc_id, title=doc.title, outlet=doc.outlet,
                                published=doc.published, url=doc.url)
        self.packed = PackedResult(self.result) if pack else None
        self.n_segments = n_segments
        self.added = 0
        self._errors: dict[str, int] = {}
        self._languages: list[str | None] = []

    def add(self, start: int, part: DocResult) -> None:
        n_events = len(self.result.events) if self.packed is None else self.packed.n_events
        seen: set[int] = set()
        for record in (*part.events, *part.entities, *part.claims):
            _shift(record, start, n_events, seen)
        if self.packed is None:
            self.result.events.extend(part.events)
            self.result.entities.extend(part.entities)
            self.result.claims.extend(part.claims)
        else:
            self.packed.add(part)
        if self.added == 0:
            self.result.title = part.title
            self.result.published = part.published
        for e in part.errors:
            self._errors[e] = self._errors.get(e, 0) + 1
        self._languages.append(part.language)
        self.added += 1

    def finish(self) -> DocResult | PackedResult:
        r = self.result
        langs = self._languages
        r.language = "ar" if "ar" in langs else (langs[0] if langs else None)
        r.errors = [e if n == 1 or self.n_segments == 1 else f"{e} (in {n} of {self.n_segments} segments)"
                    for e, n in self._errors.items()]
        return r if self.packed is None else self.packed


def _shift(obj: Any, by: int, events_before: int, seen: set[int]) -> None:
    """Move every (start, end) span of `obj` and the models inside it by `by`; re-point event indexes."""
    if isinstance(obj, BaseModel):
        if id(obj) in seen:  # one Evidence shared by an event and a claim moves once
            return
        seen.add(id(obj))
        fields = type(obj).model_fields
        span: Any = obj
        if "start" in fields and "end" in fields:
            span.start += by
            span.end += by
        if "event_index" in fields and span.event_index is not None:
            span.event_index += events_before
        for name in fields:
            value = getattr(obj, name)
            if isinstance(value, BaseModel | list | tuple):
                _shift(value, by, events_before, seen)
    elif isinstance(obj, list | tuple):
        for item in obj:
            _shift(item, by, events_before, seen)


def process_document(pipeline: _Processor, doc: Document,
                     on_segment: Callable[[int, int], None] | None = None, *, entities: bool = True) -> DocResult:
    """`pipeline.process(doc)` for a document of any length, in segments when it is long; the problems
    met while reading it (bad bytes replaced, ...) come first in the result's errors. `entities=False`
    leaves the entities out (for callers that keep none: they are most of a long document's result)."""
    result = process_long_document(pipeline, doc, on_segment, entities=entities)
    assert isinstance(result, DocResult)
    return result


def process_long_document(pipeline: _Processor, doc: Document,
                          on_segment: Callable[[int, int], None] | None = None, *, entities: bool = True,
                          pack: bool = False) -> DocResult | PackedResult:
    """`process_document`; `pack`: a document long enough to be cut into segments gives a `PackedResult`."""
    bounds = segment_bounds(doc.text)
    result: DocResult | PackedResult
    if len(bounds) == 1:
        result = pipeline.process(doc)
        if not entities:
            result.entities = []
    else:
        merger = Merger(doc, len(bounds), pack=pack)
        for (a, _b), seg in zip(bounds, segments(doc, bounds), strict=True):
            part = pipeline.process(seg)
            if not entities:
                part.entities = []
            merger.add(a, part)
            if on_segment is not None:
                on_segment(merger.added, len(bounds))
        result = merger.finish()
    return with_read_problems(doc, result)


_R = TypeVar("_R", bound="DocResult | PackedResult")


def with_read_problems(doc: Document, result: _R) -> _R:
    """The last step of every document: reading problems first, every message visible (no raw controls)."""
    from rasid.run.base import visible

    head = head_of(result)
    problems = getattr(doc, "problems", None)
    if problems:
        head.errors = [*problems, *(e for e in head.errors if e not in problems)]
    if head.errors:
        head.errors = [visible(e) for e in head.errors]
    return result
