"""Publication date and outlet from the article itself (filled in by the dates/claims work)."""

from __future__ import annotations

from rasid.models import Document


def fill_metadata(doc: Document, html: str | None = None) -> None:
    """Set `doc.published` and `doc.outlet` from the text when the input did not give them."""
    return None
