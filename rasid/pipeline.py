"""The library entry point: `Pipeline().process(document)` turns one `Document` into a `DocResult`.

A pipeline is its `Resources` (every table, loaded once: `rasid.resources`) and a named list of
components, each a callable that takes the article's `Doc` and fills one part of it (spaCy's design).
The rule components (`RULES`) run in order, then the learned layer:

    sentences -> places -> mentions -> dates -> numbers -> frames -> events -> entities -> claims -> learned

A component can be switched off (`Pipeline(disable=["claims"])`, `rasid extract --disable claims`),
replaced (`replace_component("frames", mine)`) or added (`add_component("learned", mine, after="frames")`);
see docs/architecture.md. Data flows one way: text -> lexicon -> geo -> extract -> resolve -> store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rasid.extract import components as rules
from rasid.extract.doc import Doc
from rasid.extract.language import detect_language
from rasid.ingest.readers import ReadFailure
from rasid.lexicon.tsv import LexiconError
from rasid.models import DocResult, Document
from rasid.resources import Resources, default_resources
from rasid.text.dates import parse_iso_date

#: Bumped whenever extraction output can change; the store re-extracts older articles.
EXTRACTOR_VERSION = "0.1.0"

#: A pipeline component: reads the `Doc` and adds to it (its return value is ignored).
Component = Callable[[Doc], object]

#: The rule components, in order.
RULES: tuple[tuple[str, Component], ...] = (
    ("sentences", rules.sentences),
    ("places", rules.places),
    ("mentions", rules.mentions),
    ("dates", rules.dates),
    ("numbers", rules.numbers),
    ("frames", rules.frames),
    ("events", rules.events),
    ("entities", rules.entities),
    ("claims", rules.claims),
)


#: The learned layer's name: after the rules, it drops talk, sets calibrated confidence (rasid/learn/).
LEARNED = "learned"
#: The default pipeline's component names, in order (what `--disable` accepts).
COMPONENT_NAMES: tuple[str, ...] = (*(name for name, _ in RULES), LEARNED)


def learned_component() -> Component:
    """The bundled learned layer (rasid/data/models/event_layer.json), loaded once per process."""
    from rasid.learn.layer import EventLayer

    return EventLayer.bundled()


def _bundled_learned(doc: Doc) -> None:
    """The default pipeline's `learned` until it is first needed: the model is read from disk only when the
    component runs or is asked for, so a pipeline with the layer disabled never loads it."""
    learned_component()(doc)


class Pipeline:
    def __init__(self, resources: Resources | None = None, *, disable: Iterable[str] = ()) -> None:
        """`resources`: the tables to use (default: the shared bundled ones plus $RASID_LEXICON_DIR, see
        `rasid.resources.load_resources`); `disable`: names of components to switch off (`learned` for
        the rules alone)."""
        self.resources = resources if resources is not None else default_resources()
        self._components: list[tuple[str, Component]] = [*RULES, (LEARNED, _bundled_learned)]
        self._disabled: set[str] = set()
        for name in disable:
            self.disable(name)

    # --- the component list ---------------------------------------------------------------------------
    @property
    def component_names(self) -> list[str]:
        """Every component, in order (disabled ones included)."""
        return [name for name, _ in self._components]

    @property
    def disabled(self) -> list[str]:
        return [name for name, _ in self._components if name in self._disabled]

    def get_component(self, name: str) -> Component:
        return self._component(self._index(name))

    def _component(self, i: int) -> Component:
        """The i-th component, the bundled learned layer loaded if it was not yet."""
        name, component = self._components[i]
        if component is _bundled_learned:
            component = learned_component()
            self._components[i] = (name, component)
        return component

    def add_component(self, name: str, component: Component, *, before: str | None = None,
                      after: str | None = None, first: bool = False) -> None:
        """Insert `component` under a new `name`: last by default, or before / after a named component."""
        if name in self.component_names:
            raise ValueError(f"a component named {name!r} exists already (replace_component replaces it)")
        if sum(x is not None and x is not False for x in (before, after, first)) > 1:
            raise ValueError("give at most one of before, after, first")
        if before is not None:
            at = self._index(before)
        elif after is not None:
            at = self._index(after) + 1
        else:
            at = 0 if first else len(self._components)
        self._components.insert(at, (name, component))

    def replace_component(self, name: str, component: Component) -> Component:
        """Put `component` in the place of the one called `name`; the old one is returned."""
        i = self._index(name)
        old = self._component(i)
        self._components[i] = (name, component)
        return old

    def remove_component(self, name: str) -> Component:
        i = self._index(name)
        self._disabled.discard(name)
        old = self._component(i)
        del self._components[i]
        return old

    def disable(self, name: str) -> None:
        """Switch a component off (it stays in the list: `enable` switches it back on)."""
        self._index(name)
        self._disabled.add(name)

    def enable(self, name: str) -> None:
        self._index(name)
        self._disabled.discard(name)

    def _index(self, name: str) -> int:
        for i, (n, _) in enumerate(self._components):
            if n == name:
                return i
        raise KeyError(f"no component named {name!r} (components: {', '.join(self.component_names)})")

    # --- running ----------------------------------------------------------------------------------------
    def make_doc(self, document: Document) -> Doc:
        """The `Doc` of a document before any component ran: language checked, publication date read."""
        doc = Doc(document, self.resources)
        language, problem = detect_language(document.text)
        doc.language = language
        if problem:
            doc.errors.append(problem)
            doc.readable = False  # only Arabic documents are extracted
            return doc
        if document.published:
            doc.published = parse_iso_date(document.published)
            if doc.published is None:
                doc.errors.append(f"publication date {document.published!r} is not YYYY-MM-DD; ignored")
                doc.published_text = None
        return doc

    def run(self, document: Document) -> Doc:
        """The document's `Doc` after every enabled component ran (exceptions propagate)."""
        doc = self.make_doc(document)
        if doc.readable:
            disabled = self._disabled
            for i, (name, component) in enumerate(self._components):
                if name not in disabled:
                    if component is _bundled_learned:
                        component = self._component(i)
                    component(doc)
        return doc

    def process(self, doc: Document) -> DocResult:
        """The result record of one document; an internal error becomes the record's `errors`."""
        try:
            return self.run(doc).to_result()
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


def extract_text(text: str, *, doc_id: str = "text", published: str | None = None,
                 disable: Iterable[str] = ()) -> DocResult:
    """Convenience for notebooks and tests: extract from a plain string (`disable=["learned"]`: the rules' reading)."""
    pipe = Pipeline(disable=disable) if disable else Pipeline()
    return pipe.process(Document(doc_id=doc_id, text=text, published=published))
