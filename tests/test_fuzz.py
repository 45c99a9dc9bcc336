"""Fuzzing with a fixed time budget: decoding, HTML pages, the text layer, the extractor and a whole ingest
never raise, never hand back silent mojibake, never lose an input, and every offset they report is exact.

Each property is a Hypothesis test driven by random byte strings through `fuzz_one_input` until its
budget is spent (RASID_FUZZ_SECONDS per property, default 7 s; seed RASID_FUZZ_SEED); the number of
inputs is reported at the end of the run. A longer run: `python scripts/fuzz.py --minutes 30` (atheris
when installed, else the same driver).
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid.ingest.decode import MOJIBAKE_SHARE, DecodeError, decode, mojibake_share
from rasid.ingest.html import document_from_html, plain_text
from rasid.models import Document
from rasid.text.normalize import NormText, normalize
from rasid.text.sentences import split_sentences

SECONDS = float(os.environ.get("RASID_FUZZ_SECONDS", "7"))
SEED = int(os.environ.get("RASID_FUZZ_SEED", "11"))
FUZZ = settings(database=None, deadline=None, suppress_health_check=list(HealthCheck))

# Words written for these tests: places, forces, verbs, numbers and dates in the ways news writes them.
WORDS = ("قصفت", "طائرات", "حربية", "بلدة", "كفرنبل", "ريف", "إدلب", "اشتباكات", "بين", "قوات", "النظام", "فصائل",
         "المعارضة", "قرب", "مدينة", "الموصل", "هجين", "دير", "الزور", "مقتل", "ثلاثة", "مدنيين", "٣", "12", "أمس",
         "الجمعة", "15", "شباط", "2019", "وقال", "المرصد", "السوري", "إن", "عشرات", "تظاهروا", "في", "السويداء",
         "تنظيم", "داعش", "سيطرت", "على", "عبوة", "ناسفة", "انفجرت", "جنوب", "الرقة", "نحو", "أكثر", "من", "٥٠٠",
         "ألف", "نازح", "حزيران", "الماضي", "،", ".", "؟", "«", "»", "-", "\n", "\n\n", "ـ", "\u064e", "\u200f")
ODD = st.characters(blacklist_categories=["Cs"])  # anything but lone surrogates (the Document cleans those)
ARABIC_TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(ODD, max_size=3)), max_size=80).map(" ".join)


def _record(request: pytest.FixtureRequest, name: str, n: int) -> None:
    figures = request.config.__dict__.setdefault("rasid_figures", {})
    figures.setdefault("fuzz (inputs, no exception, no silent mojibake)", {})[name] = n


def _drive(prop: Any, seconds: float, seed: str) -> int:
    """Feed `prop` random buffers until the budget is spent; a failing input raises with its example.
    Returns the number of inputs tested (buffers too short to draw an example from are not counted)."""
    rng = random.Random(f"{SEED}-{seed}")
    run: Callable[[bytes], Any] = prop.hypothesis.fuzz_one_input
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        if run(rng.randbytes(rng.choice((16, 64, 256, 1024, 4096, 16384)))) is not None:
            n += 1
    return n


# --- decoding --------------------------------------------------------------------------------------


def _check_decoded(data: bytes) -> Any:
    try:
        d = decode(data)
    except DecodeError as exc:
        assert str(exc), "a refusal says why"
        return None
    assert not any("\ud800" <= ch <= "\udfff" for ch in d.text)
    assert mojibake_share(d.text) <= MOJIBAKE_SHARE, ("silent mojibake", d.encoding, d.text[:80])
    return d


@FUZZ
@given(st.binary(max_size=4096))
def decode_any_bytes(data: bytes) -> None:
    _check_decoded(data)


@FUZZ
@given(ARABIC_TEXT.filter(lambda t: len(t) > 40),
       st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=5),
       st.floats(0.5, 1.0))
def decode_damaged_utf8(text: str, edits: list[tuple[int, int]], keep: float) -> None:
    """A few bytes changed and maybe a cut: UTF-8 still, and every replacement is counted."""
    data = bytearray(text.encode("utf-8"))
    for pos, byte in edits:
        data[pos % len(data)] = byte
    data = data[: max(1, int(len(data) * keep))]
    d = _check_decoded(bytes(data))
    if d is None:
        return
    if mojibake_share(text) <= MOJIBAKE_SHARE and text.count(" ") < len(text) // 2:
        assert d.encoding in ("utf-8", "utf-16-le", "utf-16-be"), (d.encoding, bytes(data[:60]))
    if "\ufffd" in d.text and b"\xef\xbf\xbd" not in data:
        assert d.problems, "a replaced byte is counted"


@FUZZ
@given(st.lists(st.sampled_from(WORDS), min_size=8, max_size=80).map(" ".join),
       st.sampled_from(["cp1256", "utf-16", "utf-16-le", "utf-16-be", "utf-8", "utf-8-sig"]))
def decode_round_trip(text: str, encoding: str) -> None:
    """Arabic written in any encoding we claim to read comes back as it was."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    d = decode(data)
    clean = text.replace("\r", "")
    assert d.text.replace("\r", "") == clean, (encoding, d.encoding)


# --- HTML pages ----------------------------------------------------------------------------------

TAGS = ("div", "p", "span", "section", "article", "b", "i", "td", "tr", "table", "li", "ul", "font", "center",
        "blockquote", "a", "h2")
ARABIC_LETTERS = re.compile("[\u0621-\u064a]")


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    """A page nested 0-30 or 200-1500 tags deep (lxml gives up past about 255), paragraphs of Arabic at
    random depths, closing tags sometimes left out, maybe a script, maybe cut, in UTF-8 or Windows-1256."""
    rng = draw(st.randoms(use_true_random=False))
    depth = draw(st.one_of(st.integers(0, 30), st.integers(200, 1500)))
    paragraphs = draw(st.lists(ARABIC_TEXT, min_size=1, max_size=6))
    title = draw(st.one_of(st.just(""), st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)))
    opened = [rng.choice(TAGS) for _ in range(depth)]
    at = sorted(rng.randrange(depth + 1) for _ in paragraphs)
    parts = [f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"]
    for level, tag in enumerate(opened):
        while at and at[0] == level:
            at.pop(0)
            parts.append(f"<p>{html.escape(paragraphs[len(paragraphs) - len(at) - 1])}</p>")
        parts.append(f"<{tag} class='c{level % 7}'>")
        if rng.random() < 0.01:
            parts.append("<script>var x = '<p>';</script>")
    for _ in at:
        parts.append(f"<p>{html.escape(paragraphs[-1])}</p>")
    parts.extend(f"</{tag}>" for tag in reversed(opened) if rng.random() < 0.9)
    parts.append("</body></html>")
    page = "".join(parts)
    if rng.random() < 0.2:
        page = page[: rng.randrange(len(page) + 1)]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "cp1256"]))
    return page.encode(encoding, errors="replace")


@FUZZ
@given(html_pages())
def html_page(data: bytes) -> None:
    """Any page: a document or a reason; a page with Arabic text to show never reads as empty."""
    d = _check_decoded(data)
    if d is None:
        return
    doc = document_from_html(d.text, doc_id="fuzz")
    visible = plain_text(d.text)
    if len(ARABIC_LETTERS.findall(visible)) >= 20:
        assert len(ARABIC_LETTERS.findall(doc.text)) >= 10, ("page text lost", visible[:200], doc.text[:200])
    assert mojibake_share(doc.text) <= MOJIBAKE_SHARE


# --- the text layer --------------------------------------------------------------------------------


@FUZZ
@given(st.one_of(ARABIC_TEXT, st.text(ODD, max_size=300)))
def text_layer(text: str) -> None:
    nt = NormText.of(text)
    assert nt.norm == normalize(text)
    previous = -1
    for i in range(len(nt.norm) + 1):
        o = nt.orig_index(i)
        assert previous < o <= len(text)
        previous = o
    for i, ch in enumerate(nt.norm):
        assert normalize(text[nt.orig_index(i)]) == ch
    for s in split_sentences(nt):
        a, b = nt.span(s.start, s.end)
        assert 0 <= a < b <= len(text)


# --- the extractor ---------------------------------------------------------------------------------

_PIPELINE: Any = None


@FUZZ
@given(ARABIC_TEXT, st.one_of(st.none(), st.sampled_from(["2019-02-16", "2016-05-11", "1999-12-31"])))
def extractor(text: str, published: str | None) -> None:
    global _PIPELINE
    if _PIPELINE is None:
        from rasid.pipeline import Pipeline

        _PIPELINE = Pipeline().warm()
    doc = Document(doc_id="fuzz", text=text, published=published)
    r = _PIPELINE.process(doc)
    assert not any("internal error" in e for e in r.errors), r.errors
    for e in [*r.entities, *(ev for x in r.events for ev in x.evidence), *(ev for c in r.claims for ev in c.evidence)]:
        assert doc.text[e.start:e.end] == e.text, (e, doc.text)
    for c in r.claims:
        assert c.event_index is None or 0 <= c.event_index < len(r.events)


# --- a whole ingest: every input accounted for ----------------------------------------------------

#: Files bigger than this are refused ("file too large"); small so that the fuzzer reaches the cap.
MAX_BYTES = 64 * 1024


@st.composite
def input_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """One input file of any kind rasid reads: damaged text in any encoding, a page, a JSONL corpus with
    malformed and blank lines, binary junk, empty or whitespace, over the size cap."""
    kind = draw(st.sampled_from(["txt", "txt", "html", "jsonl", "junk", "empty", "huge"]))
    text = draw(ARABIC_TEXT)
    if kind == "txt":
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1256", "utf-16", "utf-16-le", "utf-16-be"]))
        data = bytearray(text.encode(encoding, errors="replace"))
        for pos, byte in draw(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4)):
            if data:
                data[pos % len(data)] = byte
        return "txt", bytes(data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data)
    if kind == "html":
        return "html", draw(html_pages())
    if kind == "jsonl":
        lines = draw(st.lists(st.one_of(
            st.builds(lambda i, t, p: json.dumps({"id": f"r{i}", "text": t, "published": p}, ensure_ascii=False),
                      st.integers(0, 5), ARABIC_TEXT, st.sampled_from([None, "2019-02-16", "not a date", 7])),
            st.just("{not json"), st.just(""), st.just("   "), st.just("[1, 2]"), st.just('{"id": "x"}'),
            st.text(ODD, max_size=40)), max_size=6))
        data = "\n".join(lines).encode("utf-8")
        if draw(st.booleans()) and data:
            data = data[: draw(st.integers(0, len(data)))]
        return "jsonl", data
    if kind == "junk":
        return "txt", draw(st.binary(min_size=1, max_size=2048))
    if kind == "empty":
        return draw(st.sampled_from(["txt", "html", "jsonl"])), draw(st.sampled_from([b"", b" ", b"\n\n", b"\t \r\n"]))
    return "txt", (text or "كلمة").encode("utf-8") * (MAX_BYTES // max(1, len(text.encode("utf-8"))) + 2)


_STORE: Any = None
_RUNNER: Any = None
_FOLDERS = iter(range(10**9))


def _store() -> tuple[Any, Any]:
    """One SQLite store and one in-process runner for the session (a fresh folder of inputs per example)."""
    global _STORE, _RUNNER
    if _STORE is None:
        import tempfile

        from rasid.run import LocalRunner
        from rasid.store import Store

        folder = Path(tempfile.mkdtemp(prefix="rasid-fuzz-"))
        _RUNNER = LocalRunner(1).start()
        _STORE = Store(f"sqlite:///{folder / 'fuzz.db'}")
    return _STORE, _RUNNER


@FUZZ
@given(st.lists(input_files(), min_size=1, max_size=5))
def ingest_files(files: list[tuple[str, bytes]]) -> None:
    """Every input unit (a file, a JSONL line) comes out as exactly one of new, updated, unchanged or failed
    with a reason; the store gains one document per new one; nothing raises."""
    import sqlalchemy as sa

    from rasid.ingest.readers import count_inputs, read_paths
    from rasid.store.schema import documents

    store, runner = _store()
    folder = Path(store.engine.url.database).parent / f"in{next(_FOLDERS)}"
    folder.mkdir()
    for i, (suffix, data) in enumerate(files):
        (folder / f"f{i}.{suffix}").write_bytes(data)
    with store.engine.connect() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()
    summary = store.ingest(read_paths([folder], max_bytes=MAX_BYTES), runner=runner)
    with store.engine.connect() as conn:
        after = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()
    expected = count_inputs([folder])
    assert summary.total == expected, ("inputs lost or doubled", summary.as_dict(), expected)
    assert after - before == summary.new, (summary.as_dict(), after - before)
    for doc_id, reason in summary.failed:
        assert doc_id and reason.strip() and "Traceback" not in reason and "internal error" not in reason, reason


# --- what the fuzzer found, kept as plain tests ------------------------------------------------------


def test_a_jsonl_file_of_blank_lines_is_reported(tmp_path: Path) -> None:
    """It yielded nothing at all (counted as one input by the progress bar): a silent loss."""
    from rasid.ingest.readers import ReadFailure, count_inputs, read_paths

    (tmp_path / "blank.jsonl").write_bytes(b" \n\n\t\n")
    items = list(read_paths([tmp_path]))
    assert len(items) == count_inputs([tmp_path]) == 1
    assert isinstance(items[0], ReadFailure) and "empty file" in items[0].message


def test_a_main_text_without_the_pages_arabic_falls_back_to_the_visible_text() -> None:
    """trafilatura picked a script's text on an odd page and dropped every paragraph."""
    from rasid.ingest.html import _lost_arabic

    page_text = "اندلعت اشتباكات عنيفة أمس بين فصائل المعارضة وقوات النظام قرب بلدة كفرنبل"
    assert _lost_arabic("var x = '<p>'; من", page_text)
    assert _lost_arabic("", page_text)
    assert not _lost_arabic(page_text[:40], page_text * 10), "20 letters or more: boilerplate removal, kept"
    assert not _lost_arabic("Clashes near the town", "Clashes near the town. Menu. Contact."), "not Arabic"


def test_short_damaged_utf8_of_four_byte_characters_stays_utf8() -> None:
    """Four edits spoiled ten bytes of 77 (a damaged four-byte character is a run of bad bytes): counted
    byte by byte, that sent the text to Windows-1256; runs of bad bytes are what is counted now."""
    data = bytes.fromhex("2020f189adbaf0be8d8ef2969fbb2020f09f82a9f48caa8820202020323031e120d88c20e2808f20f0b79393203230313920eafabdf2ad8e9b20f2ab97d5f2bda2bc20f2999db0f0b48896f398")
    d = decode(data)
    assert d.encoding == "utf-8" and "10 invalid UTF-8 bytes" in d.problems[0]


PROPERTIES = ["decode_any_bytes", "decode_damaged_utf8", "decode_round_trip", "html_page", "text_layer",
              "extractor", "ingest_files"]


@pytest.mark.parametrize("name", PROPERTIES)
def test_fuzz(name: str, request: pytest.FixtureRequest) -> None:
    n = _drive(globals()[name], SECONDS, name)
    _record(request, name, n)
    assert n > 0
