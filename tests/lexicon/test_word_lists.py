"""Word lists are data: the bundled files load, every bad row names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.geo.gazetteer import FEATURES
from rasid.lexicon.loader import LexiconFiles
from rasid.lexicon.tables import PLACE_FEATURES, WORD_LIST_FILES, form_regex, load_word_lists
from rasid.lexicon.tsv import LexiconError


def load(tmp: Path, filename: str, rows: str):  # type: ignore[no-untyped-def]
    (tmp / filename).write_text("list\tform\tvalue\n" + rows, encoding="utf-8")
    return load_word_lists(LexiconFiles(extra=tmp), filename, WORD_LIST_FILES[filename])


def test_bundled_word_lists_load_and_place_features_match_the_gazetteer() -> None:
    for filename, specs in WORD_LIST_FILES.items():
        lists = load_word_lists(LexiconFiles(), filename, specs)
        assert all(lists[name].forms for name in specs), filename
    assert set(PLACE_FEATURES) == FEATURES


def test_override_adds_forms_normalised_and_in_order(tmp_path: Path) -> None:
    lists = load(tmp_path, "frame_words.tsv", "negation\tلَيْسَ\n")
    assert lists["negation"].forms[-1] == "ليس"
    assert lists["negation"].alternation().endswith("|ليس")
    assert form_regex("استهدف*") == "استهدف\\w*"


@pytest.mark.parametrize(("rows", "message"), [
    ("nothing\tكلمه\n", r"frame_words.tsv:2: unknown list 'nothing'"),
    ("negation\tلم\n", r"frame_words.tsv:2: 'لم' is already in list 'negation'"),
    ("negation\tلم*\n", r"frame_words.tsv:2: '\*' is only allowed"),
    ("negation\tل(م\n", r"frame_words.tsv:2: .* letters and spaces only"),
    ("negation\tابدا\tx\n", r"frame_words.tsv:2: list 'negation' takes no value"),
])
def test_bad_rows_name_file_and_line(tmp_path: Path, rows: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        load(tmp_path, "frame_words.tsv", rows)


def test_values_are_checked(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"place_words.tsv:2: value 'upward' is not one of"):
        load(tmp_path, "place_words.tsv", "direction\tالعلوي\tupward\n")
    lists = load(tmp_path, "place_words.tsv", "place_cue\tكفر\tpopulated\n")
    assert lists["place_cue"].mapping()["كفر"] == "populated"
