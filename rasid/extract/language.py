"""Is this Arabic? Script counts decide the common cases at no cost; lingua names other languages."""

from __future__ import annotations

from functools import lru_cache

_PERSIAN_LETTERS = frozenset("پچژگکی")


def detect_language(text: str) -> tuple[str | None, str | None]:
    """(language code, problem message or None). Only Arabic documents are extracted."""
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return None, "too little text to read (fewer than 20 letters)"
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f")
    if arabic / len(letters) >= 0.5:
        persian = sum(1 for ch in letters if ch in _PERSIAN_LETTERS)
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
