"""A Doc run up to (and including) one extraction component, for testing one component at a time.

A module of its own (not conftest): tests import it by name, and `conftest` is ambiguous when pytest loads
several folders' conftest files.
"""

from __future__ import annotations

from rasid.extract.doc import Doc
from rasid.models import Document
from rasid.pipeline import RULES, Pipeline

NAMES = [name for name, _ in RULES]


def doc_upto(text: str, last: str, *, published: str | None = "2021-03-10", pipeline: Pipeline | None = None) -> Doc:
    """The Doc of `text` after the rule components up to `last` ran (the later ones are switched off)."""
    later = NAMES[NAMES.index(last) + 1:]
    pipe = pipeline or Pipeline(disable=later)
    return pipe.run(Document(doc_id="t", text=text, published=published))
