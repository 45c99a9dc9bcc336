"""What every runner yields and accepts (the local process pool today, a Dask cluster later)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rasid.ingest.readers import ReadFailure
from rasid.models import DocResult, Document

if TYPE_CHECKING:
    from rasid.run.progress import Progress

#: Called with a chunk of documents in input order; True = extract it, False = skip (result None).
Select = Callable[[Sequence[Document]], Sequence[bool]]


@dataclass(slots=True)
class Outcome:
    """One input's fate, in input order: a read failure, a skipped document, or its extraction result."""

    index: int
    item: Document | ReadFailure
    result: DocResult | None  # None: skipped by `select`; a read failure has a result with only `errors`

    @property
    def failed(self) -> bool:
        """Nothing usable came out: a read failure, or errors, nothing extracted and no Arabic text found
        (an Arabic article with warnings and no event is still an article)."""
        if isinstance(self.item, ReadFailure):
            return True
        r = self.result
        return (r is not None and bool(r.errors) and not (r.events or r.entities or r.claims)
                and r.language != "ar")


class Runner(Protocol):
    def process_many(self, items: Iterable[Document | ReadFailure], *, select: Select | None = None,
                     progress: Progress | None = None, entities: bool = True) -> Iterator[Outcome]:
        """Every input's outcome, in input order; `entities=False`: results without entities."""
        ...


def failure_result(failure: ReadFailure) -> DocResult:
    return DocResult(doc_id=failure.doc_id, errors=[failure.message])
