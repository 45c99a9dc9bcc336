"""Person names next to the titles and roles Arab news attaches to them.

Arabic has no capital letters, so a name is found by its frame: a rank or a spokesman's title before it
("العميد يحيى رسول", "المتحدث باسم التحالف ريان ديلون"), an office with the name in brackets
("مدير الناحية (وصفي التميمي)") or an apposition after it ("فرهاد شامي، وهو مدير"). A candidate is two
or three words, none a stop word (`person_cues.tsv`), none taking the article, none part of an actor
or place name. Precision over recall: an unknown frame finds no name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rasid.text.normalize import NormText
from rasid.text.windows import literal_finditer

if TYPE_CHECKING:
    from rasid.resources import Resources

_CLITIC_ARTICLE = ("بال", "لل", "وال", "فال", "كال")
_NAME = r"(?<![\u0621-\u064a])((?:[\u0621-\u064a]{2,}\s){1,2}[\u0621-\u064a]{2,})"


@dataclass(slots=True)
class PersonMention:
    start: int  # normalised offsets of the name
    end: int
    name: str


@dataclass(frozen=True, slots=True)
class _Frames:
    after_title: re.Pattern[str]  # "العميد يحيى رسول"
    title_before: re.Pattern[str]  # a title ending right before a bracketed name
    stop: frozenset[str]
    ranks: frozenset[str]


def compile_frames(resources: Resources) -> _Frames:
    """The name frames built from person_cues.tsv (once per `Resources`: `resources.derived`)."""
    words = resources.person_cues

    def alt(items: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))

    rank = f"(?:{alt(words['rank'])})"
    spokesman = rf"(?:(?:{alt(words['spokesman'])}) \S+(?: \S+)??)"
    office = rf"(?:(?:{alt(words['office'])}) \S+(?: \S+)??)"
    return _Frames(
        after_title=re.compile(rf"(?:{rank}|{spokesman})(?:\s*[،,])?\s+\"?" + _NAME),
        title_before=re.compile(rf"(?:{rank}|{spokesman}|{office})\s*$"),
        stop=frozenset(words["stop"]),
        ranks=frozenset(words["rank"]),
    )


#: "فرهاد شامي، وهو مدير": the apposition is found first, the name is read backwards from it.
_APPOSITION = re.compile(r"[،,]\s*(?:وهو|وهي|الذي يشغل منصب)\s")
_APPOSITION_FIRST = ("،", ",")  # what each match starts with (it is matched only there: `literal_finditer`)
_NAME_BEFORE = re.compile(_NAME + r"\s*$")
#: "مدير الناحية (وصفي التميمي)": the bracketed name is found first, then the title before it.
_BRACKETED = re.compile(r"[(\"]\s*" + _NAME + r"\s*[)\"]")
_BRACKETED_FIRST = ("(", '"')


def _candidates(norm: str, frames: _Frames) -> list[re.Match[str]]:
    """Matches whose group 1 is a candidate name (cheap anchors first, costly patterns on a window)."""
    found = list(frames.after_title.finditer(norm))
    for b in literal_finditer(_BRACKETED, norm, _BRACKETED_FIRST):
        if frames.title_before.search(norm, max(0, b.start() - 60), b.start()):
            found.append(b)
    for a in literal_finditer(_APPOSITION, norm, _APPOSITION_FIRST):
        m = _NAME_BEFORE.search(norm, max(0, a.start() - 40), a.start())
        if m is not None:
            found.append(m)
    return found


def find_persons(nt: NormText, resources: Resources, reserved: bytearray | None = None) -> list[PersonMention]:
    """Person names in order; `reserved` marks normalised positions already taken by other names."""
    frames = resources.derived(compile_frames)
    norm = nt.norm
    out: dict[tuple[int, int], PersonMention] = {}
    for m in _candidates(norm, frames):
        start, end = m.span(1)
        words = norm[start:end].split()
        while words and words[-1] in frames.stop:
            end -= len(words.pop()) + 1
        while words and (words[0] in frames.stop or words[0] in frames.ranks):
            start += len(words.pop(0)) + 1
        if len(words) < 2 or words[0].startswith("ال") or any(
            w in frames.stop or w.startswith(_CLITIC_ARTICLE) for w in words
        ):
            continue  # "الإعلامي لقسد", "بالأسلحة الثقيلة": not a name
        if reserved is not None and reserved.find(1, start, end) != -1:
            continue  # part of it is an actor or a place
        out.setdefault((start, end), PersonMention(start, end, norm[start:end]))
    return sorted(out.values(), key=lambda p: p.start)
