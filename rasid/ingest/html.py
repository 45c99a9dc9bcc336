"""HTML pages: main text via trafilatura (boilerplate dropped), metadata from the page's meta tags.

When trafilatura finds nothing (lxml gives up on pages nested deeper than about 255 tags), or picks a
block with next to none of the page's Arabic (a script, a menu on an odd page), the page's visible text is
taken with the standard library's tolerant parser instead: furniture stays, nothing is lost, and the
reader says so in the document's problems.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from rasid.models import Document

_BLOCK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
                    "header", "footer", "blockquote", "pre", "table", "ul", "ol", "title"})
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """The visible text of a page, one paragraph per block element."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def _lost_arabic(main: str, visible: str) -> bool:
    """True when the main text is empty, or holds under 20 Arabic letters while the page shows more than
    twice as many: a wrong pick, not boilerplate removal."""
    if not main.strip():
        return True
    found = len(_ARABIC_LETTER.findall(main))
    return found < min(20, len(_ARABIC_LETTER.findall(visible)) / 2)


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
    problems = []
    visible = plain_text(html)
    if _lost_arabic(text, visible):
        text = visible
        if text:
            problems.append("the page's main text could not be told from its furniture (menus, links); "
                            "all its visible text was read")
    doc = Document(doc_id=doc_id, text=text, title=title, outlet=outlet, url=url, source_path=source_path,
                   problems=problems)
    from rasid.ingest.metadata import fill_metadata

    fill_metadata(doc, html=html)
    return doc
