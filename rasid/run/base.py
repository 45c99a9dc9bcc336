"""What every runner yields and accepts (the local process pool today, a Dask cluster later)."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rasid.ingest.readers import ReadFailure
from rasid.models import DocResult, Document
from rasid.run.segments import PackedResult, head_of, is_empty

if TYPE_CHECKING:
    from rasid.run.progress import Progress

#: Called with a chunk of documents in input order; True = extract it, False = skip (result None).
Select = Callable[[Sequence[Document]], Sequence[bool]]


@dataclass(slots=True)
class Outcome:
    """One input's fate, in input order: a read failure, a skipped document, or its extraction result."""

    index: int
    item: Document | ReadFailure
    #: None: skipped by `select`; a read failure has a result with only `errors`; packed: asked for (`pack`)
    result: DocResult | PackedResult | None

    @property
    def failed(self) -> bool:
        """Nothing usable came out: a read failure, or errors, nothing extracted and no Arabic text found
        (an Arabic article with warnings and no event is still an article)."""
        if isinstance(self.item, ReadFailure):
            return True
        r = self.result
        return (r is not None and bool(head_of(r).errors) and is_empty(r) and head_of(r).language != "ar")


class Runner(Protocol):
    def process_many(self, items: Iterable[Document | ReadFailure], *, select: Select | None = None,
                     progress: Progress | None = None, entities: bool = True,
                     pack: bool = False) -> Iterator[Outcome]:
        """Every input's outcome, in input order; `entities=False`: results without entities; `pack`: a
        document long enough to be cut into segments has a `PackedResult` (for a consumer that writes its
        records out segment by segment)."""
        ...


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Ctrl-C waits for the end of the block (a commit, a record written), so that what was saved or
    written is whole and known for sure."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


#: Characters that reorder or hide text in a terminal or a spreadsheet (bidi controls, C0/C1 controls).
_INVISIBLE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(message: str) -> str:
    """An error message with its direction and control characters written out (\\u202e): shown, not
    obeyed, so a file name cannot reverse or hide the rest of the line."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", message)


def failure_result(failure: ReadFailure) -> DocResult:
    return DocResult(doc_id=failure.doc_id, errors=[visible(failure.message)])
