"""Fast paths give exactly what the plain code they replace gives (random inputs, both ways)."""

from __future__ import annotations

import random
import re
from types import SimpleNamespace
from typing import Any, cast

from rasid.extract.claims import _EvidenceIndex
from rasid.extract.gated import Gated
from rasid.geo.geoparser import _clause_tail
from rasid.lexicon.tables import WordList


def test_clause_tail_is_the_regex_it_replaces() -> None:
    tail = re.compile(r"[^.،,؛;:\n!؟?]*$")
    rng = random.Random(1)
    letters = "اب ت.،,؛;:\n!؟?ج"
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 20)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        found = tail.search(text, lo, hi)
        assert found is not None
        assert _clause_tail(text, lo, hi) == found.group(0), (text, lo, hi)


def test_gated_search_is_the_whole_pattern_search() -> None:
    rng = random.Random(3)

    def forms(*words: str) -> WordList:
        return WordList("test", words, ("",) * len(words))

    cases = [(r"(?:^|\s)", forms("بتهم", "متهم*", "المتهم*", "مدان", "اب"), r"(?:\s|$)", 1),
             (r"(?:^|\s)(?:ال)?", forms("ب", "ابت", "تب*"), "", 3),
             (r"(?:^|\s)\S{0,3}", forms("ت", "باب"), "", 4),
             (r"(?:^|\s)(?:[وف]?", forms("اب*", "ت", "تم د"), r")(?:\s+\S+){0,1}\s*\S{0,2}$", 2)]
    letters = "ابتهمدنلوف \n"
    for head, words, tail, back in cases:
        gated = Gated(head, words, tail, back)
        whole = re.compile(f"{head}(?:{words.alternation()}){tail}")
        assert gated.pattern.pattern == whole.pattern
        for _ in range(2_000):
            text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 24)))
            for _window in range(4):  # windows of one text one after another, as the rules search sentences
                lo = rng.randint(0, len(text))
                hi = rng.randint(lo, len(text) + 2)
                a, b = gated.search(text, lo, hi), whole.search(text, lo, hi)
                assert (a and a.span()) == (b and b.span()), (head, text, lo, hi)
            c, d = gated.search(text), whole.search(text)
            assert (c and c.span()) == (d and d.span()), (head, text)


def test_gated_finditer_is_the_whole_pattern_finditer() -> None:
    rng = random.Random(4)
    forms = WordList("test", ("قري", "قريه", "قريتي", "بلد", "مخيم*", "نفس المنطقه", "ه"), ("",) * 7)
    for tail in (r"(?!\w)", r"\s+(\w+)", ""):
        gated = Gated("", forms, tail, 0)
        letters = "قريهتبلدمخنفس المنطقه ابو\n"
        for _ in range(5_000):
            text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 40)))
            assert [m.span() for m in gated.finditer(text)] == [m.span() for m in gated.pattern.finditer(text)], text
            assert [m.groups() for m in gated.finditer(text)] == [m.groups() for m in gated.pattern.finditer(text)]


def test_gated_finditer_with_a_head_is_the_whole_pattern_finditer() -> None:
    rng = random.Random(5)
    forms = WordList("test", ("قتل", "مقتل", "قتلت", "لقي حتف", "اغتيل"), ("",) * 5)
    for head, tail, back in (("[وف]?", r"\s+(?:(?:اليوم|امس)[\s،,]+)*([^\W\d_]+)", 1),
                             ("[وف]?", r"(هما|ها|ه)?(?!\w)", 1), (r"(?:و|ف|وب)?", "", 2)):
        gated = Gated(head, forms, tail, back)
        letters = "قتلمغيحفوهاامسليوم ،\n"
        for _ in range(5_000):
            text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 40)))
            assert [m.span() for m in gated.finditer(text)] == [m.span() for m in gated.pattern.finditer(text)], text
            assert [m.groups() for m in gated.finditer(text)] == [m.groups() for m in gated.pattern.finditer(text)]


def test_words_of_are_the_regex_splits_pieces() -> None:
    from rasid.text.windows import _SPLIT, words_of

    rng = random.Random(6)
    letters = "ابت 3٣_-.,،؛;:!?؟\"'()[]{}/\\<>|*+=%\n\t\u00a0\u2003\u200fـ«»\U0001F600x"
    for _ in range(5_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 30)))
        assert words_of(text) == frozenset(_SPLIT.split(text)) - {""}, text


def test_literal_finditer_is_the_patterns_finditer() -> None:
    from rasid.extract.persons import _APPOSITION, _APPOSITION_FIRST, _BRACKETED, _BRACKETED_FIRST
    from rasid.text.sentences import _BOUNDARY, _BOUNDARY_FIRST
    from rasid.text.windows import literal_finditer

    rng = random.Random(8)
    pieces = ["علي", "حسن", "وهو", "وهي", "الذي يشغل منصب", " ", " ", "\n", "،", ",", ".", "..", "!", "؟", "…",
              "(", ")", '"', "»", "ا", "3.5"]
    for pattern, first in ((_BOUNDARY, _BOUNDARY_FIRST), (_APPOSITION, _APPOSITION_FIRST),
                           (_BRACKETED, _BRACKETED_FIRST)):
        for _ in range(3_000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
            assert [m.span() for m in literal_finditer(pattern, text, first)] == \
                [m.span() for m in pattern.finditer(text)], (pattern.pattern, text)


def test_layer_sentence_words_are_the_regex_words() -> None:
    """The learned layer's words of a sentence (the document's runs of word characters, cut at the sentence's
    ends) are `_WORD.finditer`'s in the sentence, and the run at the trigger is the word the trigger starts in."""
    from bisect import bisect_left, bisect_right

    from rasid.learn.features import _WORD, _WORD_CLASS, _never
    from rasid.text.windows import bmp_table, char_runs

    rng = random.Random(9)
    letters = "ابتوال 3٣٤_-.,،؛!؟\"\n\u00a0ـ«»\u064b\U0001F600x"
    for _ in range(3_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 40)))
        starts, ends = char_runs(text, bmp_table(_WORD_CLASS), _never)
        s0 = rng.randint(0, len(text))
        s1 = rng.randint(s0, len(text))
        first = bisect_right(ends, s0)
        last = max(first, bisect_left(starts, s1)) if s1 > s0 else first
        words = [text[max(a, s0):min(b, s1)] for a, b in zip(starts[first:last], ends[first:last], strict=True)]
        tokens = [(m.start() + s0, m.group()) for m in _WORD.finditer(text[s0:s1])]
        assert words == [w for _, w in tokens], (text, s0, s1)
        for t0 in range(s0, s1):
            i = bisect_right(tokens, (t0, "\uffff")) - 1
            expected = tokens[i][1] if i >= 0 and tokens[i][0] <= t0 < tokens[i][0] + len(tokens[i][1]) else None
            ti = bisect_right(starts, t0) - 1
            found = text[max(starts[ti], s0):min(ends[ti], s1)] if ti >= 0 and t0 < ends[ti] else None
            assert found == expected, (text, s0, s1, t0)
            if found is not None:
                assert ti - first == i  # the neighbours are the same words too


def test_layer_sentence_count_is_the_capped_count() -> None:
    from rasid.learn.features import _SENTENCE_END, _SENTENCES_SEEN, _sentence_count

    rng = random.Random(10)
    pieces = ["علي", " ", " ", "\n", "\n\n", "،", ".", "..", "!", "؟", "…", '"', "3.5"]
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 80)))
        full = max(1, len(_SENTENCE_END.findall(text.strip())))
        assert _sentence_count(text) == min(full, _SENTENCES_SEEN), text


def test_evidence_index_finds_what_a_full_scan_finds() -> None:
    rng = random.Random(5)
    for _ in range(2_000):
        events = []
        for _e in range(rng.randint(0, 6)):
            spans = []
            for _s in range(rng.randint(0, 5)):
                start = rng.randint(0, 200)
                spans.append(SimpleNamespace(start=start, end=start + rng.randint(0, 60)))
            events.append(SimpleNamespace(evidence=spans))
        index = _EvidenceIndex(cast(Any, events))
        every = [(s.start, s.end, i) for i, ev in enumerate(events) for s in ev.evidence]
        for _q in range(10):
            a = rng.randint(0, 250)
            b = a + rng.randint(0, 80)
            assert index.in_sentence(a, b) == [h for h in every if h[0] < b and a < h[1]]


def test_patterns_rewritten_to_start_with_a_class_match_as_before() -> None:
    from rasid.learn.features import _SENTENCE_END
    from rasid.text.sentences import _BOUNDARY

    before = {
        _BOUNDARY: re.compile(r"""(?:[.!?؟…]+["')\]»”]*(?=\s)|\.(?=[\u0621-\u064a]{2})|\n+)"""),
        _SENTENCE_END: re.compile(r"[.!?؟…]+(?=\s|$)|\n+"),
    }
    rng = random.Random(2)
    letters = "اب ج.!?؟…\"')]»”\n\t"
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 18)))
        for now, old in before.items():
            assert [m.span() for m in now.finditer(text)] == [m.span() for m in old.finditer(text)], text


def test_class_led_word_patterns_match_as_the_repeats_they_replace() -> None:
    from rasid.extract.claims import _WORD as claims_word
    from rasid.geo.geoparser import _COMPASS_GLUED
    from rasid.geo.geoparser import _WORD as geo_word
    from rasid.learn.actors import _WORD as actors_word
    from rasid.learn.features import _WORD as layer_word

    before = {
        claims_word: re.compile(r"[^\W_]+"),
        geo_word: re.compile(r"\w+"),
        actors_word: re.compile(r"[\u0621-\u064a]+"),
        layer_word: re.compile(r"[\u0621-\u064a0-9]+"),
        _COMPASS_GLUED: re.compile(r"(?<!\w)(شمال|جنوب|شرق|غرب)(ي)?\w{3,}"),
    }
    rng = random.Random(5)
    pieces = ["شمال", "جنوب", "شرق", "غرب", "ي", "ش", "ج", "غ", "ب", "ال", "_", "1", "٣", " ", "\n", ".", "،", "x"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        for now, old in before.items():
            assert [(m.span(), m.groups()) for m in now.finditer(text)] == \
                [(m.span(), m.groups()) for m in old.finditer(text)], text
            assert [(m.span(), m.groups()) for m in now.finditer(text, lo, hi)] == \
                [(m.span(), m.groups()) for m in old.finditer(text, lo, hi)], (text, lo, hi)
            assert now.findall(text, lo, hi) == old.findall(text, lo, hi), (text, lo, hi)
            a, b = now.match(text, lo, hi), old.match(text, lo, hi)
            assert (a and a.span()) == (b and b.span()), (text, lo, hi)


def test_whole_word_before_is_the_first_lookaround_match() -> None:
    from rasid.extract.claims import _whole_word_before

    rng = random.Random(6)
    letters = "ابت _1.\n"
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 16)))
        word = "".join(rng.choice("ابت_1") for _ in range(rng.randint(1, 3)))
        start = rng.randint(0, len(text))
        m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text[:start])
        assert _whole_word_before(text, word, start) == (m and m.span()), (text, word, start)


def test_strays_are_the_all_pairs_strays() -> None:
    from rasid.extract.events import _STRAY_KM, _strays
    from rasid.geo.admin import haversine_km

    def every_pair(places: list[Any]) -> set[int]:
        located = [p for p in places if p.latitude is not None and p.feature not in ("country", "admin1")]
        if len({p.name for p in located}) < 3:
            return set()
        return {id(p) for p in located
                if not any(o.name != p.name and haversine_km(p.latitude, p.longitude, o.latitude, o.longitude) <= _STRAY_KM
                           for o in located)}

    rng = random.Random(7)
    for _ in range(3_000):
        places = []
        for _ in range(rng.randint(0, 12)):
            lat = rng.choice([None, 33.0 + rng.uniform(-4, 4), 36.0 + rng.choice([-1.799, 1.8, 1.9, 1.91])])
            places.append(SimpleNamespace(name=rng.choice("abcdef"), latitude=lat,
                                          longitude=None if lat is None else 40.0 + rng.uniform(-3, 3),
                                          feature=rng.choice(["village", "city", "admin1", "country"])))
        assert _strays(cast(Any, places)) == every_pair(places)
