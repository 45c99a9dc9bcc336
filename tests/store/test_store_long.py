"""A long document goes into the store segment by segment (its result packed, its records written a
segment at a time, so memory follows the segment) and the store then holds exactly what writing its whole
result at once holds: on SQLite every table is equal (bench/compare_stores.py), on both databases the
article's entities, places, mentions and claims."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from rasid.models import DocResult, Document
from rasid.pipeline import Pipeline
from rasid.run import LocalRunner, process_document
from rasid.run.segments import LONG_DOCUMENT, PackedResult, segment_bounds
from rasid.store import Store
from rasid.store import api as store_api
from rasid.store.schema import claims, document_texts, mentions, place_mentions

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline().warm()


@pytest.fixture(scope="module")
def long_doc() -> Document:
    parts = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "examples").glob("*.txt"))]
    paragraphs: list[str] = []
    i = 0
    while sum(map(len, paragraphs)) < LONG_DOCUMENT + 5_000:
        paragraphs.append(parts[i % len(parts)] + f"\nالخبر رقم {i}.")
        i += 1
    return Document(doc_id="long", text="\n\n".join(paragraphs), published="2019-03-22", title="عنوان")


@pytest.fixture(scope="module")
def whole(pipeline: Pipeline, long_doc: Document) -> DocResult:
    return process_document(pipeline, long_doc)


@pytest.fixture
def packed_writes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The kinds of result the store wrote records from ("packed" or "whole")."""
    seen: list[str] = []
    real = store_api.parts_of

    def spy(result: DocResult | PackedResult) -> Iterator[DocResult]:
        seen.append("packed" if isinstance(result, PackedResult) else "whole")
        return real(result)

    monkeypatch.setattr(store_api, "parts_of", spy)
    yield seen


def _ingest_in_parts(url: str, doc: Document, pipeline: Pipeline) -> None:
    with Store(url) as store:
        summary = store.ingest([doc], runner=LocalRunner(1, pipeline=pipeline))
    assert summary.new == 1 and not summary.failed


def test_stored_in_parts_equals_stored_whole(tmp_path: Path, long_doc: Document, whole: DocResult,
                                             pipeline: Pipeline, packed_writes: list[str]) -> None:
    assert len(segment_bounds(long_doc.text)) >= 3
    parts, at_once = f"sqlite:///{tmp_path / 'parts.db'}", f"sqlite:///{tmp_path / 'whole.db'}"
    _ingest_in_parts(parts, long_doc, pipeline)
    assert set(packed_writes) == {"packed"}
    with Store(at_once) as store:
        store.add_results([(long_doc, whole)])
    assert packed_writes[-1] == "whole"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "compare_stores.py"), parts, at_once],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "place_mentions: 0 rows" not in proc.stdout and "claims: 0 rows" not in proc.stdout


def test_records_of_a_long_document_on_both_databases(store_url: str, long_doc: Document, whole: DocResult,
                                                      pipeline: Pipeline, packed_writes: list[str]) -> None:
    _ingest_in_parts(store_url, long_doc, pipeline)
    assert set(packed_writes) == {"packed"}
    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as conn:
            entities = conn.execute(sa.select(document_texts.c.entities)).scalar_one()
            assert entities == [e.model_dump() for e in whole.entities]
            places = conn.execute(sa.select(place_mentions.c.idx, place_mentions.c.start)
                                  .order_by(place_mentions.c.idx)).all()
            assert places == list(enumerate(e.start for e in whole.entities if e.kind == "place"))
            idx = conn.execute(sa.select(mentions.c.idx, mentions.c.place_idx).order_by(mentions.c.idx)).all()
            assert [i for i, _p in idx] == list(range(len(whole.events))) and any(p is not None for _i, p in idx)
            n_claims = conn.execute(sa.select(sa.func.count()).select_from(claims)).scalar_one()
            assert n_claims == len(whole.claims) > 0
    finally:
        engine.dispose()
