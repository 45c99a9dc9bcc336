"""Document-level extraction (filled in by the extraction work)."""

from __future__ import annotations

from rasid.models import DocResult, Document


def extract_document(doc: Document) -> DocResult:
    return DocResult(doc_id=doc.doc_id, title=doc.title, outlet=doc.outlet, published=doc.published, url=doc.url)
