"""bench/actor_errors.py: the kind of each actor pair error of a matched event (compared as `rasid eval` compares
names: no acronym, no period)."""

from __future__ import annotations

import sys

from bench_scripts import ROOT, load_bench_script

sys.path.insert(0, str(ROOT / "bench"))  # the script imports bench/matched_events.py as a sibling
actor_errors = load_bench_script("actor_errors")

SYRIA = "Military Forces of Syria (2000-)"
IS = "IS: Islamic State"
CIV = "Civilians (Syria)"


def kind(gold: tuple[str | None, str | None], pred: tuple[str | None, str | None]) -> str | None:
    return actor_errors.error_kind({"actor1": gold[0], "actor2": gold[1]}, {"actor1": pred[0], "actor2": pred[1]})


def test_error_kinds_of_actor_pairs() -> None:
    assert kind((SYRIA, IS), ("Military Forces of Syria (2000-2024)", "IS: Islamic State")) is None
    assert kind((SYRIA, IS), (IS, SYRIA)) is None  # the pair has no direction
    assert kind((SYRIA, CIV), (None, CIV)) == "actor1 missing"
    assert kind((SYRIA, CIV), ("Opposition Rebels (Syria)", CIV)) == "actor1 wrong"
    assert kind(("Military Forces of Israel (2022-)", "Hezbollah"), ("Hezbollah", None)) == \
        "actor1 is gold's actor2, actor2 missing"
    assert kind((SYRIA, IS), (SYRIA, None)) == "actor2 missing (group)"
    assert kind((SYRIA, None), (SYRIA, CIV)) == "actor2 extra (civilians)"
    assert kind((SYRIA, IS), (SYRIA, CIV)) == "actor2 civilians for a group"
    assert kind((SYRIA, CIV), (SYRIA, IS)) == "actor2 a group for the civilians"
    assert kind((SYRIA, IS), (SYRIA, "HTS: Hayat Tahrir al-Sham")) == "actor2 another group"


def test_what_a_lacking_gold_side_is() -> None:
    named = {actor_errors.actor_key(IS)}
    assert actor_errors.lacking_kind("Unidentified Armed Group (Egypt)", named) == "unidentified armed group"
    assert actor_errors.lacking_kind(CIV, named) == "civilians"
    assert actor_errors.lacking_kind(IS, named) == "an actor the article names"
    assert actor_errors.lacking_kind("Hezbollah", named) == "an actor the article does not name"


def test_the_note_says_what_the_gold_sides_lacking_are() -> None:
    note = actor_errors._note({"lacking": {"civilians": 2, "unidentified armed group": 1}})
    assert note == "gold sides lacking: civilians 2, unidentified armed group 1"
