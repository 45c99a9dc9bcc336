"""The library entry point: `Pipeline().process(doc)` turns one `Document` into a `DocResult`.

Data flows one way: document -> sentences -> mentions -> events (-> resolved events in the store).
Big resources (lexicons, gazetteer) load once, lazily, and are shared by every call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rasid.ingest.readers import ReadFailure
from rasid.lexicon.tsv import LexiconError
from rasid.models import DocResult, Document

#: Bumped whenever extraction output can change; the store re-extracts older articles.
EXTRACTOR_VERSION = "0.1.0"


class Pipeline:
    def warm(self, *, freeze: bool = False) -> Pipeline:
        """Load every resource now rather than on the first document.

        With `freeze`, a batch run (the CLI, store workers) also moves everything loaded so far out of the
        garbage collector's sight (CPython's `gc.freeze`): the lexicons and gazetteer are hundreds of
        thousands of long-lived objects that every full collection would otherwise re-scan (about 8% of
        extraction time on 1,000-word articles). Objects alive at that moment are never collected as cycles
        afterwards, so a host program that keeps creating cyclic garbage should leave it off.
        """
        self.process(Document(doc_id="warm", text="سيطرت قوات النظام أمس على بلدة في ريف حلب بعد اشتباكات."))
        if freeze:
            import gc

            gc.collect()
            gc.freeze()
        return self

    def process(self, doc: Document) -> DocResult:
        from rasid.extract.document import extract_document

        try:
            return extract_document(doc)
        except LexiconError:
            raise  # a broken lexicon file is the installation's problem, not this document's
        except Exception as exc:  # a document never crashes the run
            return DocResult(
                doc_id=doc.doc_id, title=doc.title, outlet=doc.outlet, published=doc.published, url=doc.url,
                errors=[f"internal error while extracting: {type(exc).__name__}: {exc}"],
            )

    def process_many(self, items: Iterable[Document | ReadFailure]) -> Iterator[DocResult]:
        """Results in input order; read failures become results with only `errors`."""
        for item in items:
            if isinstance(item, ReadFailure):
                yield DocResult(doc_id=item.doc_id, errors=[item.message])
            else:
                yield self.process(item)


def extract_text(text: str, *, doc_id: str = "text", published: str | None = None) -> DocResult:
    """Convenience for notebooks and tests: extract from a plain string."""
    return Pipeline().process(Document(doc_id=doc_id, text=text, published=published))
