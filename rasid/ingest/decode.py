"""Bytes to text: UTF-8 first, then UTF-16 and Windows-1256 (common in older Arabic sites), never junk.

charset-normalizer guesses; we accept its guess only when the result is readable text, so binary
files are refused with a clear reason instead of being turned into mojibake.
"""

from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """The bytes are not text in an encoding we can read; the message is user-facing."""


_ARABIC_LEGACY = ("cp1256", "iso8859_6", "mac_arabic")


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    return bad / len(sample) < 0.01


def decode_bytes(data: bytes) -> str:
    """Decode article bytes or raise `DecodeError` saying why not."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"broken UTF-16 text ({exc.reason})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    else:
        if _looks_like_text(text):
            return text
        raise DecodeError("binary data, not text")
    # UTF-16 without BOM: every other byte is NUL (or 0x06 for Arabic).
    head = data[:4000]
    if len(head) >= 4 and (head[1::2].count(0) + head[1::2].count(6)) > 0.4 * len(head[1::2]):
        try:
            text = data.decode("utf-16-le")
            if _looks_like_text(text):
                return text
        except UnicodeDecodeError:
            pass
    if head.count(0) > 0:
        raise DecodeError("binary data, not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000], cp_isolation=["cp1256", "utf_16", "iso8859_6", "cp1252", "latin_1"]).best()
    candidates = ([best.encoding] if best is not None else []) + list(_ARABIC_LEGACY)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text
    raise DecodeError("not text in UTF-8, UTF-16 or Windows-1256")
