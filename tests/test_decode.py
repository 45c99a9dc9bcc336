"""Honest decoding: a few bad bytes in UTF-8 are replaced and counted, never a silent switch to
Windows-1256; a decoding that yields implausible Arabic is repaired or refused, never accepted quietly."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from rasid.ingest.decode import DecodeError, decode, decode_bytes, mojibake_share
from rasid.ingest.readers import ReadFailure, read_paths
from rasid.models import Document

TITLE = "اشتباكات عنيفة في ريف دير الزور الشرقي"
BODY = [
    "اندلعت اشتباكات عنيفة أمس بين قوات سوريا الديمقراطية وعناصر تنظيم داعش قرب بلدة هجين.",
    "وقالت مصادر محلية إن ثلاثة مقاتلين قتلوا وأصيب آخرون في المواجهات التي استمرت ساعات.",
    "وشن طيران التحالف الدولي غارات على مواقع التنظيم في محيط البلدة، بحسب المرصد.",
    "ونزح عشرات العائلات من القرى القريبة باتجاه مخيمات في ريف الحسكة الجنوبي.",
]
ARTICLE = TITLE + "\n\n" + "\n".join(BODY * 3) + "\n"


def test_one_bad_byte_stays_utf8_and_is_counted() -> None:
    data = bytearray(ARTICLE.encode("utf-8"))
    data[500] = 0xFF
    d = decode(bytes(data))
    assert d.encoding == "utf-8"
    assert d.text.startswith(TITLE)
    assert d.text.count("\ufffd") >= 1
    assert len(d.problems) == 1 and "invalid UTF-8" in d.problems[0] and "byte 500" in d.problems[0]


def test_a_file_cut_mid_character() -> None:
    data = ARTICLE.encode("utf-8")[:-3]  # "...ي.\n": the last letter loses its second byte
    assert data[-1] >= 0xC0
    d = decode(data)
    assert d.encoding == "utf-8" and d.text.startswith(TITLE)
    assert d.problems and "ends in the middle of a character" in d.problems[0]


def test_lightly_damaged_files_never_pass_as_another_encoding() -> None:
    """1-4 random bytes changed, sometimes cut short: UTF-8 every time, every replacement counted."""
    rng = random.Random(11)
    clean = ARTICLE.encode("utf-8")
    for _ in range(300):
        data = bytearray(clean)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(len(data) // 2, len(data))]
        d = decode(bytes(data))
        assert d.encoding == "utf-8", d.encoding
        assert ("\ufffd" in d.text) == bool(d.problems), d.problems
        assert d.text[:10] == ARTICLE[:10] or d.problems or data[:30] != clean[:30]


def test_windows_1256_and_utf16_without_bom() -> None:
    assert decode(ARTICLE.encode("cp1256")).text == ARTICLE
    assert decode(ARTICLE.encode("cp1256")).encoding == "cp1256"
    for codec in ("utf-16-le", "utf-16-be"):
        d = decode(ARTICLE.encode(codec))
        assert d.text == ARTICLE and not d.problems, codec
    d = decode(ARTICLE.encode("utf-16-le")[:-1])  # odd length: cut mid-character
    assert d.text.startswith(TITLE) and d.problems


def test_mojibake_is_repaired_or_refused() -> None:
    garbled = ARTICLE.encode("utf-8").decode("cp1256", errors="replace")  # UTF-8 read as Windows-1256...
    assert mojibake_share(garbled) > 0.3 and mojibake_share(ARTICLE) < 0.05
    data = garbled.encode("utf-8")  # ...and saved again as UTF-8: valid UTF-8, implausible Arabic
    d = decode(data)
    assert d.text == ARTICLE
    assert d.problems and "mojibake" in d.problems[0]
    hopeless = "".join(ch for ch in garbled if ch != "\ufffd")[::-1].encode("utf-8")
    with pytest.raises(DecodeError, match="garbled"):
        decode(hopeless)


def test_decode_bytes_keeps_its_contract() -> None:
    assert decode_bytes(ARTICLE.encode("utf-8")) == ARTICLE
    with pytest.raises(DecodeError):
        decode_bytes(bytes(range(256)) * 40)


def test_reader_puts_decoding_problems_in_the_result(tmp_path: Path) -> None:
    data = bytearray(ARTICLE.encode("utf-8"))
    data[500] = 0xFF
    (tmp_path / "damaged.txt").write_bytes(bytes(data))
    (doc,) = read_paths([tmp_path / "damaged.txt"])
    assert not isinstance(doc, ReadFailure)
    assert doc.title == TITLE and doc.problems
    proc = subprocess.run([sys.executable, "-m", "rasid", "extract", str(tmp_path / "damaged.txt")],
                          capture_output=True, text=True, timeout=120)
    record = json.loads(proc.stdout)
    assert record["title"] == TITLE and record["language"] == "ar"
    assert any("invalid UTF-8" in e for e in record["errors"])
    assert "invalid UTF-8" in proc.stderr


def test_lone_surrogates_through_the_python_api() -> None:
    from rasid.pipeline import Pipeline
    from rasid.run import process_document

    doc = Document(doc_id="s", text=BODY[0] + "\ud800" + BODY[1])
    assert "\ud800" not in doc.text and doc.problems and "surrogate" in doc.problems[0]
    result = Pipeline().process(doc)
    assert not any("internal error" in e for e in result.errors)
    assert result.events
    assert any("surrogate" in e for e in process_document(Pipeline(), doc).errors)
