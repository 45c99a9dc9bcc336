"""Helpers for testing one extraction component at a time: a Doc run up to (and including) a component."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rasid.extract.doc import Doc
from rasid.models import Document
from rasid.pipeline import RULES, Pipeline

NAMES = [name for name, _ in RULES]


def doc_upto(text: str, last: str, *, published: str | None = "2021-03-10", pipeline: Pipeline | None = None) -> Doc:
    """The Doc of `text` after the rule components up to `last` ran (the later ones are switched off)."""
    later = NAMES[NAMES.index(last) + 1:]
    pipe = pipeline or Pipeline(disable=later)
    return pipe.run(Document(doc_id="t", text=text, published=published))


@pytest.fixture()
def upto() -> Callable[..., Doc]:
    return doc_upto
