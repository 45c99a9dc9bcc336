"""Is this Arabic? Script counts decide the common cases at no cost; lingua names other languages."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

#: (low, high) code point ranges counted as letters of some script.
_ARABIC = ((0x0621, 0x064A), (0x0671, 0x06D3), (0x0750, 0x077F))
_OTHER = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x370, 0x5FF), (0x900, 0x1FFF), (0x3040, 0x9FFF),
          (0xAC00, 0xD7AF))
_PERSIAN = np.array([0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC], dtype=np.uint32)


def _count(codes: np.ndarray, ranges: tuple[tuple[int, int], ...]) -> int:
    return int(sum(np.count_nonzero((codes >= lo) & (codes <= hi)) for lo, hi in ranges))


def detect_language(text: str) -> tuple[str | None, str | None]:
    """(language code, problem message or None). Only Arabic documents are extracted."""
    sample = text[:3000]
    codes = np.frombuffer(sample.encode("utf-32-le"), dtype=np.uint32)
    arabic = _count(codes, _ARABIC)
    letters = arabic + _count(codes, _OTHER)
    if letters < 20:
        return None, "too little text to read (fewer than 20 letters)"
    if arabic / letters >= 0.5:
        persian = int(np.isin(codes, _PERSIAN).sum())
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
