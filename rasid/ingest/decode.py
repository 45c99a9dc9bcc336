"""Bytes to text, honestly: what was damaged is counted, what cannot be read is refused with a reason.

1. A byte-order mark decides (UTF-8, UTF-16).
2. UTF-16 without a byte-order mark (every other byte NUL, or 0x06 for Arabic).
3. UTF-8, also when the bytes are UTF-8 but for a few invalid ones: those become U+FFFD and are counted
   in `problems` (a file cut mid-character says so). One bad byte never sends an article to Windows-1256.
4. Windows-1256 (older Arabic sites) when it gives plausible Arabic, else charset-normalizer's guess.

Whatever the route, the result must read as text (few control characters) and as plausible Arabic:
UTF-8 read as Windows-1256 (and maybe saved again as UTF-8) turns each Arabic letter into 'ط' or 'ظ'
(the lead byte) followed by one of the 64 characters of bytes 0x80-0xBF ('¨', 'ھ', '§', ...), a pair that
natural Arabic almost never writes; when such pairs make up a quarter of the Arabic letters, the text is
mojibake. It is repaired when reversing the mistake gives clean text, otherwise refused.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass, field


class DecodeError(ValueError):
    """The bytes are not text in an encoding we can read; the message is user-facing."""


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    problems: list[str] = field(default_factory=list)  # what was replaced or repaired, for `errors`


_ARABIC_LEGACY = ("cp1256", "iso8859_6", "mac_arabic")
#: `mojibake_share` above which a text is mojibake.
MOJIBAKE_SHARE = 0.25
#: At most one run of invalid bytes per this many valid multi-byte UTF-8 characters to stay UTF-8. One
#: damaged byte spoils up to four neighbours (a run); Windows-1256 Arabic read as UTF-8 is one run per
#: word with about one valid sequence per four words.
UTF8_GOOD_PER_BAD = 2


_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
#: A UTF-8 lead byte of Arabic (0xD8-0xDB) and a continuation byte (0x80-0xBF), both read as Windows-1256.
_MOJIBAKE_PAIR = re.compile("[\u0637\u0638\u0639\u063a][" + re.escape(bytes(range(0x80, 0xC0)).decode("cp1256"))
                            + "]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # not \t \n \f \r; replacements are counted apart


def mojibake_share(text: str) -> float:
    """Pairs of a UTF-8 Arabic byte pair read as Windows-1256, per Arabic-script letter of (a sample of)
    the text: about 0.5 in mojibake, about 0 in Arabic; 0 below three such pairs."""
    sample = text[:20000]
    pairs = len(_MOJIBAKE_PAIR.findall(sample))
    if pairs < 3:
        return 0.0
    return pairs / max(1, len(_ARABIC_LETTER.findall(sample)))


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample) < 0.01


_LOCAL = threading.local()


def _record_bad(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _LOCAL.bad.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("rasid-count", _record_bad)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, list[tuple[int, int]]]:
    """Decode with U+FFFD for invalid bytes; also return the (start, end) byte range of each invalid run."""
    _LOCAL.bad = []
    text = data.decode(encoding, errors="rasid-count")
    bad: list[tuple[int, int]] = _LOCAL.bad
    _LOCAL.bad = []
    return text, bad


def _describe_bad(bad: list[tuple[int, int]], n: int, encoding: str) -> str:
    n_bytes = sum(b - a for a, b in bad)
    what = f"{n_bytes} invalid {encoding} byte{'s' if n_bytes != 1 else ''} replaced with U+FFFD"
    if len(bad) == 1 and bad[0][1] == n:
        return f"{what}: the file ends in the middle of a character"
    return f"{what} (first at byte {bad[0][0]})"


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _utf8_multibyte(data: bytes) -> int:
    """Valid multi-byte UTF-8 characters (a lead byte followed by its continuation bytes); counted, not
    listed (a list of a 5 MB article's characters would take 100 MB)."""
    return sum(1 for _ in _UTF8_MULTIBYTE.finditer(data))


def _checked(decoded: Decoded) -> Decoded:
    """Refuse what is not text; repair or refuse implausible Arabic."""
    if not _looks_like_text(decoded.text):
        raise DecodeError("binary data, not text")
    share = mojibake_share(decoded.text)
    if share <= MOJIBAKE_SHARE:
        return decoded
    try:  # UTF-8 that was once read as Windows-1256: undo it
        raw = decoded.text.encode("cp1256")
        text, bad = _decode_counting(raw, "utf-8")
    except UnicodeEncodeError:
        text, bad = "", [(0, 1)]
    if text and len(bad) <= max(1, len(text) // 1000) and mojibake_share(text) <= MOJIBAKE_SHARE:
        problems = [*decoded.problems, "repaired mojibake: the text had been decoded as Windows-1256 "
                    "although it was UTF-8"]
        if bad:
            problems.append(_describe_bad(bad, len(raw), "UTF-8"))
        return Decoded(text, decoded.encoding, problems)
    raise DecodeError(f"the text looks garbled (as {decoded.encoding} it reads like mojibake: "
                      f"{share:.0%} of its Arabic letters start a UTF-8 byte pair read as Windows-1256); "
                      "check the file's encoding")


def decode(data: bytes) -> Decoded:
    """Decode article bytes or raise `DecodeError` saying why not."""
    if data.startswith(codecs.BOM_UTF8):
        text, bad = _decode_counting(data[len(codecs.BOM_UTF8):], "utf-8")
        problems = [_describe_bad(bad, len(data) - 3, "UTF-8")] if bad else []
        return _checked(Decoded(text, "utf-8", problems))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        text, bad = _decode_counting(data[2:], codec)
        return _checked(Decoded(text, "utf-16", [_describe_bad(bad, len(data) - 2, "UTF-16")] if bad else []))
    utf16 = _utf16_without_bom(data)  # Arabic in UTF-16 is all bytes below 0x80: valid UTF-8 as well
    if utf16 is not None:
        return utf16
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    text, bad = _decode_counting(data, "utf-8")
    runs = sum(1 for i, (a, _b) in enumerate(bad) if i == 0 or bad[i - 1][1] != a)
    if _utf8_multibyte(data) >= UTF8_GOOD_PER_BAD * runs:
        return _checked(Decoded(text, "utf-8", [_describe_bad(bad, len(data), "UTF-8")]))
    if data[:4000].count(0) > 0:
        raise DecodeError("binary data, not text")
    return _legacy(data)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    head = data[:4000]
    if len(head) < 4:
        return None
    for codec, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if (high.count(0) + high.count(6)) > 0.6 * len(high):
            text, bad = _decode_counting(data, codec)
            decoded = Decoded(text, codec, [_describe_bad(bad, len(data), "UTF-16")] if bad else [])
            try:
                return _checked(decoded)
            except DecodeError:
                continue
    return None


def _legacy(data: bytes) -> Decoded:
    """Windows-1256 when it gives Arabic (refused if that Arabic is implausible), else the first of
    charset-normalizer's guess and the other Arabic code pages that gives readable text."""
    text = data.decode("cp1256", errors="replace")
    if _mostly_arabic(text):
        return _checked(Decoded(text, "cp1256"))
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000], cp_isolation=["cp1256", "utf_16", "iso8859_6", "cp1252", "latin_1"]).best()
    candidates = ([best.encoding] if best is not None else []) + list(_ARABIC_LEGACY)
    for encoding in dict.fromkeys(candidates):
        try:
            return _checked(Decoded(data.decode(encoding), encoding))
        except (UnicodeDecodeError, LookupError, DecodeError):
            continue
    raise DecodeError("not text in UTF-8, UTF-16 or Windows-1256")


def _mostly_arabic(text: str) -> bool:
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff") > 0.5 * len(letters)


def decode_bytes(data: bytes) -> str:
    """The text only (see `decode` for what was replaced on the way)."""
    return decode(data).text
