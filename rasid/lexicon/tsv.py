"""Reviewable tab-separated lexicon files: one entry per line, `#` comments, a header row.

Every error names the file and the line, so an analyst who edits a lexicon knows what to fix.
Multi-valued cells separate values with `|`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


class LexiconError(ValueError):
    """A lexicon file is malformed; the message starts with `path:line:`."""


@dataclass(slots=True)
class Row:
    path: Path
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")  # cells are stripped when read

    def many(self, column: str) -> list[str]:
        return [v.strip() for v in self.get(column).split("|") if v.strip()]

    def error(self, message: str) -> LexiconError:
        return LexiconError(f"{self.path}:{self.line}: {message}")


def read_tsv(path: Path, required: Sequence[str]) -> Iterator[Row]:
    """Rows of a lexicon TSV with the `required` columns present and non-empty."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}:1: not UTF-8 ({exc.reason})") from exc
    header: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise LexiconError(f"{path}:{number}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise LexiconError(f"{path}:{number}: {len(cells)} cells but the header has {len(header)}")
        row = Row(path, number, dict(zip(header, [c.strip() for c in cells], strict=False)))
        for column in required:
            if not row.get(column):
                raise row.error(f"empty required column '{column}'")
        yield row
    if header is None:
        raise LexiconError(f"{path}:1: empty lexicon file (no header)")


_ARABIC = re.compile("[\u0600-\u06ff]")


def has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None
