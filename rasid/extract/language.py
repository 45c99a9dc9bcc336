"""Is this Arabic? Script counts decide the common cases at no cost; lingua names other languages."""

from __future__ import annotations

import re
from functools import lru_cache

_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u0750-\u077f]")
_PERSIAN = re.compile("[پچژگکی]")


def detect_language(text: str) -> tuple[str | None, str | None]:
    """(language code, problem message or None). Only Arabic documents are extracted."""
    sample = text[:5000]
    letters = len(_LETTER.findall(sample))
    if letters < 20:
        return None, "too little text to read (fewer than 20 letters)"
    arabic = len(_ARABIC_LETTER.findall(sample))
    if arabic / letters >= 0.5:
        persian = len(_PERSIAN.findall(sample))
        if persian / max(arabic, 1) > 0.02:
            return "fa", "text is in Persian (or Kurdish/Urdu), not Arabic; not extracted"
        return "ar", None
    name = _name_language(sample)
    return name, f"text is not Arabic (detected: {name or 'unknown'}); not extracted"


def _name_language(sample: str) -> str | None:
    detector = _detector()
    found = detector.detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.ARABIC, Language.ENGLISH, Language.FRENCH, Language.TURKISH, Language.GERMAN,
                 Language.SPANISH, Language.RUSSIAN, Language.PERSIAN, Language.HEBREW, Language.URDU]
    return LanguageDetectorBuilder.from_languages(*languages).build()
