"""HTML pages: main text via trafilatura (boilerplate dropped), metadata from the page's meta tags."""

from __future__ import annotations

from rasid.models import Document


def document_from_html(html: str, *, doc_id: str, source_path: str | None = None) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
    )
    text = ""
    title = None
    outlet = None
    url = None
    if extracted is not None:
        data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
        text = data.get("text") or ""
        title = data.get("title")
        outlet = data.get("sitename")
        url = data.get("url")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else ""
    doc = Document(doc_id=doc_id, text=text, title=title, outlet=outlet, url=url, source_path=source_path)
    from rasid.ingest.metadata import fill_metadata

    fill_metadata(doc, html=html)
    return doc
