"""Arabic normalisation that never loses the way back to the original text.

Matching runs on normalised text (one alef, dotless ya = ya, taa marbuta = ha, no diacritics or
tatweel, Western digits, one kind of quote); every span found there maps back to the original with
`NormText.span`. Substitutions are one character for one character and the only other operation is
deletion, so the map is a plain list of original indices.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy as np

_SUBSTITUTE = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ێ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه",
    "ک": "ك", "گ": "ك",
    "“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‛": "'", "`": "'",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ", "\t": " ",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-",
    "\u066b": ".", "\u066c": ",",
}
for _c in range(ord("A"), ord("Z") + 1):
    _SUBSTITUTE[chr(_c)] = chr(_c + 32)  # ASCII only: str.lower() can change length
for _i in range(10):
    _SUBSTITUTE[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _SUBSTITUTE[chr(0x06F0 + _i)] = str(_i)  # Extended (Persian) digits

#: Characters dropped by normalisation: harakat, superscript alef, tatweel, direction marks, ZW(N)J.
DROPPED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff",
       "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)

_TABLE = str.maketrans({**_SUBSTITUTE, **{c: None for c in DROPPED}})


_DELETED = 0xFFFFFFFF
_LUT = np.arange(0x10000, dtype=np.uint32)  # code point -> normalised code point (BMP)
for _src, _dst in _SUBSTITUTE.items():
    _LUT[ord(_src)] = ord(_dst)
for _src in DROPPED:
    _LUT[ord(_src)] = _DELETED


def normalize(text: str) -> str:
    """Normalised form of a string (lexicon entries and queries go through the same function)."""
    return text.translate(_TABLE)


@dataclass(slots=True)
class NormText:
    """A text and its normalised form, with the offset map between them."""

    original: str
    norm: str
    _offsets: list[int] | None  # None when nothing was deleted (identity map)

    @classmethod
    def of(cls, original: str) -> NormText:
        """Vectorised over code points: a document is normalised in tens of microseconds."""
        codes = np.frombuffer(original.encode("utf-32-le"), dtype=np.uint32)
        mapped = codes.copy()
        small = codes < _LUT.size
        mapped[small] = _LUT[codes[small]]
        keep = mapped != _DELETED
        if keep.all():
            return cls(original, mapped.tobytes().decode("utf-32-le"), None)
        norm = mapped[keep].tobytes().decode("utf-32-le")
        offsets = np.flatnonzero(keep).tolist()
        offsets.append(len(original))
        return cls(original, norm, offsets)

    def orig_index(self, i: int) -> int:
        """Original index of normalised index `i` (i may equal len(norm))."""
        if self._offsets is None:
            return i
        return self._offsets[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised span [start, end)."""
        if self._offsets is None:
            return start, end
        if end <= start:
            s = self._offsets[start]
            return s, s
        return self._offsets[start], self._offsets[end - 1] + 1

    def norm_index(self, orig: int) -> int:
        """Normalised index of the first kept character at or after original index `orig`."""
        if self._offsets is None:
            return orig
        return bisect_left(self._offsets, orig)
