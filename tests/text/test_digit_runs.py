"""The shared digit runs: the numeric dates found inside them are those found over the whole text."""

from __future__ import annotations

import random

from rasid.geo.geoparser import _NBH_WORDS
from rasid.resources import default_resources
from rasid.text.dates import _NUMDATE
from rasid.text.normalize import NormText
from rasid.text.windows import digit_runs


def _dates_in_runs(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for a, b, _ in digit_runs(text) if b - a >= 6
            for m in _NUMDATE.finditer(text, a, b)]


def test_numeric_dates_inside_runs_equal_the_whole_text_search() -> None:
    rng = random.Random(15)
    alphabet = "0123456789./-,: قتل"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _dates_in_runs(text) == [(m.start(), m.end(), m.group()) for m in _NUMDATE.finditer(text)], text


def test_digit_runs_from_first_to_last_digit() -> None:
    assert digit_runs("في 12/3/2019، و5 قتلى و1,200. جرحى") == [(3, 12, "12/3/2019"), (15, 16, "5"), (23, 28, "1,200")]


def test_dates_given_runs_equal_dates_found_alone() -> None:
    reader = default_resources().dates
    nt = NormText.of("قتل ثلاثة مدنيين في 12/03/2019 وجرح آخرون يوم 2019-03-14 في 15.3.2019.")
    alone = reader.find(nt, None)
    assert [d.start for d in alone] == [d.start for d in reader.find(nt, None, runs=digit_runs(nt.norm))]
    assert len(alone) == 3


def test_neighbourhood_anchor_starts_equal_the_alternation() -> None:
    import re

    alternation = re.compile(r"(?:حي|احياء)\s")
    rng = random.Random(15)
    for _ in range(2000):
        text = "".join(rng.choice(["حي", "احياء", " ", "ا", "ح", "ي", "ء", "\n"]) for _ in range(rng.randint(0, 20)))
        merged = sorted([m.start() for m in _NBH_WORDS[0].finditer(text)]
                        + [m.start() for m in _NBH_WORDS[1].finditer(text)])
        assert merged == [m.start() for m in alternation.finditer(text)], text
