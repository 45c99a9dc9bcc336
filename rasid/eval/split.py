"""The train/validation split of the gold: a fixed share of articles, chosen by a hash of the doc id.

Look at per-case errors only on `train`; report `val` as aggregate figures only (docs/quality.md). The
split depends on nothing but the doc id, so every gold file (news_dev, news_more and any later one) gets
its validation share without a list to maintain, and an article never changes side.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any, Literal

Split = Literal["train", "val", "all"]
SPLITS: tuple[str, ...] = ("train", "val", "all")
#: Share of gold articles in the validation part.
VAL_SHARE = 0.30
_SALT = "rasid-split-v1:"


def unit_hash(key: str, salt: str = _SALT) -> float:
    """A stable number in [0, 1) for a key (the same on every machine and Python version)."""
    return int(hashlib.sha256((salt + key).encode("utf-8")).hexdigest()[:12], 16) / float(16**12)


def split_of(doc_id: str) -> str:
    """'val' for about 30% of doc ids, 'train' for the rest."""
    return "val" if unit_hash(str(doc_id)) < VAL_SHARE else "train"


def select(records: Iterable[Mapping[str, Any]], split: str) -> list[Any]:
    """The gold records of one split ('all' keeps every record)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    return [r for r in records if split == "all" or split_of(str(r["doc_id"])) == split]
