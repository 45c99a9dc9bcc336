"""Everything the pipeline reads besides the article: every lexicon table, the gazetteer, the matchers.

`load_resources(path)` gives one `Resources`: the tables of the bundled lexicon folder with the files of
`path` (an override folder: same names and columns, read after the bundled ones) and the gazetteer.
Each table loads on first use and stays for the life of the object; two `Resources` share nothing but
the compiled gazetteer, so two lexicon versions can be compared in one process. `default_resources()`
is the shared one a plain `Pipeline()` uses (bundled files plus $RASID_LEXICON_DIR).

Layering: text -> lexicon -> geo -> resources -> extract -> pipeline. The extraction rules get their
tables from `doc.resources`, never from a module global.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rasid.lexicon.loader import DATA_DIR, Lexicon, LexiconFiles, build_lexicon
from rasid.lexicon.tables import (
    WORD_LIST_FILES,
    AttributionCues,
    WordLists,
    load_attribution,
    load_months,
    load_person_cues,
    load_units,
    load_word_lists,
)
from rasid.text.dates import DateReader
from rasid.text.matcher import ScanGroup
from rasid.text.numbers import NumberReader, Units

if TYPE_CHECKING:
    from rasid.geo.gazetteer import Gazetteer
    from rasid.geo.geoparser import Geoparser

R = TypeVar("R")


class Resources:
    """The tables of one lexicon folder (plus override) and the gazetteer, each loaded once on first use."""

    def __init__(self, files: LexiconFiles | None = None) -> None:
        self.files = files or LexiconFiles()
        self._derived: dict[Callable[[Resources], Any], Any] = {}
        self._words: dict[str, WordLists] = {}
        self._lock = threading.RLock()  # a derived table may read another table

    def __repr__(self) -> str:
        return f"Resources(base={str(self.files.base)!r}, extra={str(self.files.extra) if self.files.extra else None!r})"

    @cached_property
    def lexicon(self) -> Lexicon:
        """Actors, event triggers and cue words (actors.tsv, triggers.tsv, cues.tsv)."""
        return build_lexicon(self.files)

    @cached_property
    def units(self) -> Units:
        return load_units(self.files)

    @cached_property
    def dates(self) -> DateReader:
        """The date reader, with the month names of months.tsv."""
        return DateReader(load_months(self.files))

    @cached_property
    def numbers(self) -> NumberReader:
        """The number reader, with units.tsv's counted nouns and the Gregorian month names."""
        return NumberReader(self.units, self.dates.month_words)

    @cached_property
    def attribution(self) -> AttributionCues:
        """Reported-speech and stance cues, speaker nouns, propositions (attribution.tsv)."""
        return load_attribution(self.files)

    @cached_property
    def person_cues(self) -> dict[str, list[str]]:
        """Ranks, titles, offices and stop words around person names (person_cues.tsv)."""
        return load_person_cues(self.files)

    def words(self, filename: str) -> WordLists:
        """The word lists of one file of `WORD_LIST_FILES` (place_words.tsv, frame_words.tsv, ...)."""
        found = self._words.get(filename)
        if found is None:
            with self._lock:
                found = self._words.get(filename)
                if found is None:
                    found = self._words[filename] = load_word_lists(self.files, filename,
                                                                    WORD_LIST_FILES[filename])
        return found

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from rasid.geo.gazetteer import load

        return load()

    @cached_property
    def geoparser(self) -> Geoparser:
        from rasid.geo.geoparser import Geoparser

        return Geoparser(self.gazetteer, self.words("place_words.tsv"))

    @cached_property
    def scan_group(self) -> ScanGroup:
        """Every matcher that reads whole documents, merged: one automaton pass per document finds them all."""
        lexicon = self.lexicon
        return ScanGroup([self.gazetteer.matcher, lexicon.actor_matcher, lexicon.trigger_matcher,
                          lexicon.cue_matcher, self.attribution.triggers, self.attribution.others])

    def derived(self, build: Callable[[Resources], R]) -> R:
        """`build(self)`, worked out once per `Resources`: a stage's compiled form of its tables (regexes
        made from a word list, say), or a component's model."""
        found = self._derived.get(build)
        if found is None:
            with self._lock:
                found = self._derived.get(build)
                if found is None:
                    found = self._derived[build] = build(self)
        return found  # type: ignore[no-any-return]

    def load_all(self) -> Resources:
        """Load every table now (a batch run does, before forking workers or timing)."""
        _ = self.scan_group, self.units, self.numbers, self.dates, self.person_cues, self.geoparser
        for filename in WORD_LIST_FILES:
            self.words(filename)
        return self


def load_resources(path: str | Path | None = None) -> Resources:
    """The tables of the bundled lexicon folder, with the files of `path` read after them (same file
    names and columns; a file `path` lacks is simply not overridden). Loading is lazy; `LexiconError`
    (with the file and line) surfaces on first use, or at once with `.load_all()`."""
    return Resources(LexiconFiles(DATA_DIR, Path(path) if path is not None else None))


_DEFAULT: dict[str | None, Resources] = {}


def default_resources() -> Resources:
    """The shared resources of the bundled folder plus $RASID_LEXICON_DIR (one per value of it)."""
    extra = os.environ.get("RASID_LEXICON_DIR") or None
    found = _DEFAULT.get(extra)
    if found is None:
        found = _DEFAULT[extra] = load_resources(extra)
    return found
