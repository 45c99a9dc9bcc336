"""Is this Arabic? Script counts decide the common cases at no cost; lingua names other languages."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

#: (low, high) code point ranges counted as letters of some script.
_ARABIC = ((0x0621, 0x064A), (0x0671, 0x06D3), (0x0750, 0x077F))
_OTHER = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x370, 0x5FF), (0x900, 0x1FFF), (0x3040, 0x9FFF),
          (0xAC00, 0xD7AF))
_PERSIAN = np.array([0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC], dtype=np.uint32)

# BMP code point -> 0 no letter, 1 Arabic, 2 other script, 3 Persian letter (inside the Arabic ranges):
# one table lookup and one bincount replace a comparison pass per range.
_SCRIPT = np.zeros(0x10000, dtype=np.uint8)
for _lo, _hi in _OTHER:
    _SCRIPT[_lo:_hi + 1] = 2
for _lo, _hi in _ARABIC:
    _SCRIPT[_lo:_hi + 1] = 1
_SCRIPT[_PERSIAN] = 3
assert _SCRIPT[0xFFFF] == 0  # code points above the BMP are clipped to it


def _script_counts(codes: np.ndarray) -> tuple[int, int, int]:
    """(Arabic letters, letters of other scripts, Persian letters) of the code points."""
    counts = np.bincount(_SCRIPT[np.minimum(codes, 0xFFFF)], minlength=4).tolist()
    return counts[1] + counts[3], counts[2], counts[3]


def detect_language(text: str) -> tuple[str | None, str | None]:
    """(language code, problem message or None). Only Arabic documents are extracted."""
    sample = text[:3000]
    codes = np.frombuffer(sample.encode("utf-32-le"), dtype=np.uint32)
    arabic, other, persian = _script_counts(codes)
    letters = arabic + other
    if letters < 20:
        return None, "too little text to read (fewer than 20 letters)"
    if arabic / letters >= 0.5:
        if persian / max(arabic, 1) > 0.02:
            return "fa", "text is in Persian (or Kurdish/Urdu), not Arabic; not extracted"
        return "ar", None
    name = _name_language(sample)
    return name, f"text is not Arabic (detected: {name or 'unknown'}); not extracted"


def _name_language(sample: str) -> str | None:
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.ARABIC, Language.ENGLISH, Language.FRENCH, Language.TURKISH, Language.GERMAN,
                 Language.SPANISH, Language.RUSSIAN, Language.PERSIAN, Language.HEBREW, Language.URDU]
    return LanguageDetectorBuilder.from_languages(*languages).build()
