"""Person names by their frames (titles, brackets, appositions), on their own."""

from __future__ import annotations

from rasid.extract.persons import find_persons
from rasid.resources import default_resources
from rasid.text.normalize import NormText


def names(text: str, reserved: bytearray | None = None) -> list[str]:
    nt = NormText.of(text)
    return [p.name for p in find_persons(nt, default_resources(), reserved)]


def test_rank_and_bracketed_name() -> None:
    assert names("وقال العميد سامر الخطيب إن القوات تقدمت.") == ["سامر الخطيب"]
    assert names("وأكد مدير الناحية (فادي العلي) أن الوضع هادئ.") == ["فادي العلي"]


def test_reserved_positions_and_stop_words_are_not_names() -> None:
    text = "وقال العميد سامر الخطيب إن القوات تقدمت."
    nt = NormText.of(text)
    reserved = bytearray(len(nt.norm) + 1)
    start = nt.norm.index("سامر")
    reserved[start:start + 4] = b"\x01" * 4
    assert names(text, reserved) == []
    assert names("وقال العميد إن القوات تقدمت.") == []
