"""Long documents in segments: cuts at paragraph boundaries, offsets exact in the whole text, the same
result in-process and through worker processes, short documents untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.models import Document
from rasid.pipeline import Pipeline
from rasid.run import LocalRunner, process_document
from rasid.run.segments import LONG_DOCUMENT, SEGMENT, PackedResult, segment_bounds, segments

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline().warm()


@pytest.fixture(scope="module")
def long_doc() -> Document:
    parts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    paragraphs = []
    i = 0
    while sum(map(len, paragraphs)) < 3 * LONG_DOCUMENT:
        paragraphs.append(parts[i % len(parts)].strip() + f"\nالخبر رقم {i}.")
        i += 1
    return Document(doc_id="long", text="\n\n".join(paragraphs), published="2019-03-22", title="عنوان")


def test_short_text_is_one_segment() -> None:
    assert segment_bounds("نص قصير.") == [(0, len("نص قصير."))]
    assert segment_bounds("") == [(0, 0)]


def test_cuts_follow_paragraphs_then_sentences_then_words() -> None:
    para = "جملة أولى في الفقرة. " * 40
    text = "\n\n".join([para] * 200)
    bounds = segment_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))  # contiguous, no gap
    assert all(0 < b - a <= SEGMENT for a, b in bounds)
    assert all(text[b - 2:b] == "\n\n" for _a, b in bounds[:-1])  # after a blank line
    one_paragraph = "جملة أولى في الفقرة. " * 8000
    cuts = [b for _a, b in segment_bounds(one_paragraph)[:-1]]
    assert all(one_paragraph[c - 2:c] == ". " for c in cuts)  # after a sentence
    no_space = "ب" * (3 * LONG_DOCUMENT)
    assert all(b - a <= SEGMENT for a, b in segment_bounds(no_space))


def test_segments_carry_metadata_and_title_once(long_doc: Document) -> None:
    bounds = segment_bounds(long_doc.text)
    segs = list(segments(long_doc, bounds))
    assert "".join(s.text for s in segs) == long_doc.text
    assert segs[0].title == "عنوان" and all(s.title is None for s in segs[1:])
    assert all(s.published == "2019-03-22" and s.doc_id == "long" for s in segs)


def test_long_document_offsets_are_exact(long_doc: Document, pipeline: Pipeline) -> None:
    done: list[tuple[int, int]] = []
    result = process_document(pipeline, long_doc, lambda d, t: done.append((d, t)))
    bounds = segment_bounds(long_doc.text)
    assert len(bounds) > 3 and done[-1] == (len(bounds), len(bounds))
    expected = [pipeline.process(s) for s in segments(long_doc, bounds)]
    assert len(result.events) == sum(len(r.events) for r in expected) > 0
    assert len(result.claims) == sum(len(r.claims) for r in expected)
    text = long_doc.text
    for ev in result.events:
        for e in ev.evidence:
            assert text[e.start:e.end] == e.text
    for ent in result.entities:
        assert text[ent.start:ent.end] == ent.text
    for c in result.claims:
        for e in c.evidence:
            assert text[e.start:e.end] == e.text
        if c.event_index is not None:
            ev = result.events[c.event_index]
            # the claim's event is in the same segment as the claim
            seg = next(i for i, (a, b) in enumerate(bounds) if a <= c.evidence[0].start < b)
            a, b = bounds[seg]
            assert all(a <= e.start < b for e in ev.evidence)
    assert result.language == "ar" and result.title == "عنوان" and not result.errors


def test_pooled_equals_in_process(long_doc: Document, pipeline: Pipeline) -> None:
    short = Document(doc_id="short", text="قصفت طائرات حربية أمس بلدة كفرنبل في ريف إدلب.", published="2019-03-22")
    with LocalRunner(2, window=3) as runner:
        out = list(runner.process_many([short, long_doc, short]))
    assert [o.item.doc_id for o in out] == ["short", "long", "short"]  # type: ignore[union-attr]
    assert out[1].result == process_document(pipeline, long_doc)
    assert out[0].result == out[2].result == pipeline.process(short)


def test_packed_result_is_the_merged_result_in_parts(long_doc: Document, pipeline: Pipeline) -> None:
    """`pack=True` (the store's way): a long document's result comes as its segments' records, offsets
    already the whole document's, in process and through workers; a short document's as it is."""
    short = Document(doc_id="short", text="قصفت طائرات حربية أمس بلدة كفرنبل في ريف إدلب.", published="2019-03-22")
    whole = process_document(pipeline, long_doc)
    in_process = list(LocalRunner(1, pipeline=pipeline).process_many([short, long_doc], pack=True))
    with LocalRunner(2, window=3) as runner:
        pooled = list(runner.process_many([short, long_doc], pack=True))
    for out in (in_process, pooled):
        assert out[0].result == pipeline.process(short)
        packed = out[1].result
        assert isinstance(packed, PackedResult)
        assert len(packed.packed) == len(segment_bounds(long_doc.text))
        assert (packed.n_events, packed.n_entities, packed.n_claims) == (
            len(whole.events), len(whole.entities), len(whole.claims))
        assert [e for part in packed.parts() for e in part.entities] == whole.entities
        assert packed.unpack() == whole
        assert not out[1].failed
