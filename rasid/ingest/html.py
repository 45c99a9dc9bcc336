"""HTML pages: main text via trafilatura (boilerplate dropped), metadata from the page's meta tags.

When trafilatura finds nothing (lxml gives up on pages nested deeper than about 255 tags), or picks a
block with next to none of the page's Arabic (a script, a menu on an odd page), the page's visible text is
taken with the standard library's tolerant parser instead: furniture stays, nothing is lost, and the
reader says so in the document's problems.
"""

from __future__ import annotations

import contextlib
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


def _arabic_letters(text: str, at_most: int) -> int:
    """How many Arabic letters `text` has, counted up to `at_most` (a list of every letter of a long page
    would take 60 bytes a letter)."""
    n = 0
    for _ in _ARABIC_LETTER.finditer(text):
        n += 1
        if n >= at_most:
            break
    return n


def _lost_arabic(main: str, visible: str) -> bool:
    """True when the main text is empty, or holds under 20 Arabic letters while the page shows more than
    twice as many: a wrong pick, not boilerplate removal."""
    if not main.strip():
        return True
    found = _arabic_letters(main, 20)
    return found < 20 and _arabic_letters(visible, 2 * found + 1) > 2 * found


#: Pages longer than this (characters) give the C heap's freed memory back to the system once parsed:
#: the trees lxml and trafilatura build for a 5 MB page take about 150 MB, which the C library would
#: otherwise keep for the rest of the run (the extraction that follows would come on top of it).
LARGE_PAGE = 1_000_000


def _give_back_freed_memory() -> None:
    """glibc's `malloc_trim(0)`; nothing where there is none (it only lowers the resident size)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


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
        del extracted, data  # they hold the page's trees
    if len(html) > LARGE_PAGE:
        _give_back_freed_memory()
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
