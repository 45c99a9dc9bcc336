"""Turn paths (txt, html, jsonl, directories) into `Document`s, one failure never stopping the rest.

Each input unit yields either a `Document` or a `ReadFailure` with a one-line reason, in input order,
so the CLI can report every problem and still process the rest of the batch.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rasid.ingest.decode import DecodeError, decode
from rasid.models import Document

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: Compressed corpora (an archive's usual form), read line by line without unpacking to disk.
GZIP_SUFFIXES = (".jsonl.gz", ".ndjson.gz")


def input_kind(path: Path) -> str | None:
    """txt | html | jsonl | jsonl.gz, or None for a file type rasid does not read."""
    if path.name.lower().endswith(GZIP_SUFFIXES):
        return "jsonl.gz"
    return SUFFIXES.get(path.suffix.lower())
#: Largest single article file read whole; bigger ones are refused with a clear message.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(slots=True)
class ReadFailure:
    doc_id: str
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def read_paths(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | ReadFailure]:
    """Documents from files and directories (recursive), in the order given, then sorted within folders.

    A missing or unreadable path, file or subfolder is a `ReadFailure`: reported, never fatal."""
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except FileNotFoundError:
            yield ReadFailure(path.name or str(path), str(path), "no such file or directory")
            continue
        except OSError as exc:
            yield ReadFailure(path.name or str(path), str(path), f"cannot read: {exc.strerror or exc}")
            continue
        if not is_dir:
            yield from read_file(path, published=published, max_bytes=max_bytes)
            continue
        files, failures = list_folder(path)
        yield from failures
        if not files and not failures:
            yield ReadFailure(path.name, str(path), "directory holds no .txt, .html, .jsonl or .jsonl.gz files")
        for file in files:
            yield from read_file(file, published=published, max_bytes=max_bytes)


def list_folder(folder: Path) -> tuple[list[Path], list[ReadFailure]]:
    """Article files under `folder` (sorted), and a failure for each subfolder that cannot be read."""
    failures: list[ReadFailure] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename or folder)
        failures.append(ReadFailure(where.name or str(where), str(where),
                                    f"cannot read folder: {exc.strerror or exc}"))

    files: list[Path] = []
    for root, _dirs, names in os.walk(folder, onerror=unreadable):
        files.extend(Path(root) / n for n in names if input_kind(Path(n)))
    return sorted(files), sorted(failures, key=lambda f: f.source)


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many items `read_paths` will yield (files, JSONL lines), cheaply: the progress bar's total."""
    n = 0
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            files, failures = list_folder(path)
            n += len(failures) + (_count_files(files) if files else 0 if failures else 1)
        else:
            n += _count_files([path])
    return n


def _count_files(files: list[Path]) -> int:
    import gzip

    n = 0
    for file in files:
        kind = input_kind(file)
        if kind not in ("jsonl", "jsonl.gz"):
            n += 1
            continue
        try:
            with (gzip.open(file, "rb") if kind == "jsonl.gz" else file.open("rb")) as fh:
                lines = sum(1 for line in fh if line.strip())
        except (OSError, EOFError):
            lines = 0
        n += max(1, lines)
    return n


def read_file(path: Path, *, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[
    Document | ReadFailure
]:
    kind = input_kind(path) or "txt"
    doc_id = path.stem
    if kind in ("jsonl", "jsonl.gz"):
        yield from read_jsonl(path, max_bytes=max_bytes)
        return
    try:
        size = path.stat().st_size
        if size == 0:
            yield ReadFailure(doc_id, str(path), "empty file")
            return
        if size > max_bytes:
            yield ReadFailure(
                doc_id, str(path),
                f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB); split it or raise --max-bytes",
            )
            return
        decoded = decode(path.read_bytes())
    except DecodeError as exc:
        yield ReadFailure(doc_id, str(path), str(exc))
        return
    except OSError as exc:
        yield ReadFailure(doc_id, str(path), f"cannot read: {exc.strerror or exc}")
        return
    text = decoded.text
    if kind == "html":
        from rasid.ingest.html import document_from_html

        doc = document_from_html(text, doc_id=doc_id, source_path=str(path))
    else:
        doc = document_from_text(text, doc_id=doc_id, source_path=str(path))
    doc.problems[:0] = decoded.problems
    if not doc.text.strip():
        yield ReadFailure(doc_id, str(path), "no article text found")
        return
    if published:
        doc.published = published
    del decoded, text  # an HTML page's source would otherwise stay while its article is extracted
    yield doc


#: A first line with more words than this is the lead paragraph of an article without a headline.
HEADLINE_WORDS = 20


def headline(text: str) -> str | None:
    """The first non-empty line when it reads as a headline (short), else None."""
    for line in text[:4000].splitlines():
        line = line.strip()
        if line:
            return line if len(line.split()) <= HEADLINE_WORDS and len(line) <= 200 else None
    return None


def document_from_text(text: str, *, doc_id: str, source_path: str | None = None) -> Document:
    """A plain-text article: the first non-empty line is the title when it is short enough to be one;
    the text is kept whole for offsets."""
    doc = Document(doc_id=doc_id, text=text, title=headline(text), source_path=source_path)
    from rasid.ingest.metadata import fill_metadata

    fill_metadata(doc)
    return doc


def read_jsonl(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadFailure]:
    """One article per line (`.jsonl`, or `.jsonl.gz` decompressed on the fly); a malformed line is reported
    and skipped, and a file damaged part-way keeps the articles before the damage."""
    import gzip
    import zlib

    try:
        handle = gzip.open(path, "rb") if input_kind(path) == "jsonl.gz" else path.open("rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        yield ReadFailure(path.stem, str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        last = 0
        blank = True
        numbered = enumerate(handle, start=1)
        while True:
            try:
                last, raw = next(numbered)
            except StopIteration:
                break
            except (OSError, EOFError, zlib.error) as exc:
                yield ReadFailure(path.stem, str(path), f"file damaged after line {last}: {exc}")
                return
            blank = blank and not raw.strip()
            yield from parse_jsonl_lines(path, [(last, raw)], max_bytes=max_bytes)
        if blank:  # a file of blank lines is as empty as an empty file (and counts as one input)
            yield ReadFailure(path.stem, str(path), "empty file" if not last else "empty file (blank lines only)")


def parse_jsonl_lines(
    path: Path, numbered_lines: Iterable[tuple[int, bytes]], *, max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | ReadFailure]:
    """Documents from (line number, raw line) pairs of a JSONL file: the one parser of corpus lines, shared
    by `read_jsonl` and the batch runner's tasks (which read a byte range of a file)."""
    from rasid.ingest.metadata import fill_metadata

    for number, raw in numbered_lines:
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        fallback_id = f"{path.stem}:{number}"
        if len(raw) > max_bytes:
            yield ReadFailure(fallback_id, where, f"line too large ({len(raw) / 1e6:.1f} MB)")
            continue
        try:
            decoded = decode(raw)
            record = json.loads(decoded.text)
        except (DecodeError, json.JSONDecodeError) as exc:
            yield ReadFailure(fallback_id, where, f"malformed JSON line ({exc})")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(fallback_id, where, "JSON line is not an object")
            continue
        doc_id = str(record.get("id") or record.get("doc_id") or fallback_id)
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield ReadFailure(doc_id, where, "missing or empty 'text' field")
            continue
        doc = Document(
            doc_id=doc_id,
            text=text,
            title=_str_or_none(record.get("title")),
            outlet=_str_or_none(record.get("outlet")),
            published=_str_or_none(record.get("published")),
            url=_str_or_none(record.get("url")),
            source_path=where,
            problems=decoded.problems,
        )
        fill_metadata(doc)
        yield doc


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
