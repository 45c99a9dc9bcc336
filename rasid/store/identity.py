"""What makes two inputs the same document (so a re-ingest replaces rather than adds) and what makes an
input a new version of it (its text, or the metadata given with it)."""

from __future__ import annotations

import hashlib
import json
import os
import re

from rasid.models import Document

_JSONL_LINE = re.compile(r"\.(?:jsonl|ndjson)(?:\.gz)?:\d+$", re.IGNORECASE)


def document_identity(doc_id: str, source_path: str | None) -> str:
    """A file is its absolute path; a JSONL record or a document from the Python API is its doc_id."""
    if source_path and not _JSONL_LINE.search(source_path):
        return "file:" + os.path.abspath(source_path)
    return "id:" + doc_id


def identity_of(doc: Document) -> str:
    return document_identity(doc.doc_id, doc.source_path)


def input_hash(doc: Document, content_hash: str) -> str:
    """The text and every piece of metadata the input gave: any correction changes it."""
    given = [content_hash, doc.doc_id, doc.title, doc.outlet, doc.published, doc.url]
    return hashlib.sha256(json.dumps(given, ensure_ascii=False).encode("utf-8")).hexdigest()
