"""The `upto` fixture: a Doc run up to (and including) a component (tests/extract/extract_helpers.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from extract_helpers import doc_upto

from rasid.extract.doc import Doc


@pytest.fixture()
def upto() -> Callable[..., Doc]:
    return doc_upto
