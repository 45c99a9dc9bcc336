"""Same story, many copies: near-duplicate articles (wire copies, aggregator reposts) found by shingling.

An article is the set of its word 3-grams (normalised Arabic), each hashed to 32 bits. Candidates come from
MinHash LSH (datasketch's MinHash, 192 permutations cut into 96 bands of 2 rows), so finding the copies of
an article costs one index look-up per band, not a comparison with every stored article. A candidate is
a copy when the exact shingle sets agree (`is_copy`): Jaccard >= 0.15, or one text contains >= 40 % of
the other's shingles (excerpts cut at different lengths). Texts of fewer than 20 shingles (a headline, a
caption) are never copies: too little text to tell a republished story from a shared phrase; nor are two
articles whose publication dates are both known and more than 3 days apart (republication happens within
days; an outlet's daily bulletin written from one template is many stories, not one). Copies join into
stories, strongest link first, as long as a story spans at most those 3 days of publication dates.

Why these numbers (measured on the development corpora, 353 excerpts, every pair compared exactly once
to label them, `bench/bench_copies.py`): the six wire copies there are lightly edited rewrites of one
agency text (spelling, a word changed every line, a different headline or cut), with Jaccard 0.18-0.33
and containment 0.42-0.68; the most similar pairs that are not copies (one article quoting a wire
sentence, two rewrites of one event) reach Jaccard 0.13 and containment 0.33. 2-row bands catch a pair
of Jaccard J with probability 1 - (1 - J^2)^96: 0.96 at 0.18, 0.9997 at 0.3, 0.04 at 0.02; over all the
pairs of those corpora 0.06 % become candidates (64 bands: recall 0.88 at 0.18; 3-row bands: 0.52).

Pure functions: the store keeps the shingle hashes and band keys (`rasid/store/copies.py`).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from rasid.text.normalize import normalize

SHINGLE_WORDS = 3
NUM_PERM = 192
BANDS = 96
ROWS = NUM_PERM // BANDS
MIN_JACCARD = 0.15
MIN_CONTAINMENT = 0.4
MIN_SHINGLES = 20
MAX_COPY_DAYS = 3
#: candidates verified per article, those sharing most bands first (a template repeated every day would
#: otherwise make every article a candidate of every other)
MAX_CANDIDATES = 50
SEED = 1

_WORD = re.compile(r"[^\W_]+")


#: `shingle_hashes` normalises a long text this many characters at a time.
_TEXT_PIECE = 1 << 16


def _gram_hash(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=4).digest(), "little")


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted, distinct 32-bit hashes of the text's word 3-grams (uint32 array; empty for a wordless text;
    one gram of all its words when it has fewer than three). Words are read one by one and each gram
    hashed at once, so a long article costs 4 bytes per word, not a list of its words and grams."""
    values = array("I")
    window: deque[str] = deque(maxlen=SHINGLE_WORDS)
    start, n = 0, len(text)
    while start < n:  # normalised in pieces cut at white space (normalising is character by character)
        end = min(n, start + _TEXT_PIECE)
        while end < n and not text[end].isspace():
            end += 1
        for m in _WORD.finditer(normalize(text[start:end])):
            window.append(m.group())
            if len(window) == SHINGLE_WORDS:
                values.append(_gram_hash(" ".join(window)))
        start = end
    if not window:
        return np.zeros(0, dtype=np.uint32)
    if len(window) < SHINGLE_WORDS:
        values.append(_gram_hash(" ".join(window)))
    return np.unique(np.frombuffer(values, dtype=np.uint32) if values.itemsize == 4 else np.array(values, dtype=np.uint32))


def to_bytes(hashes: np.ndarray) -> bytes:
    return hashes.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


@lru_cache(maxsize=1)
def _permutations() -> Any:
    """The MinHash permutations for NUM_PERM and SEED, drawn once (drawing them costs 3/4 of a sketch)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32").permutations


#: `band_keys` feeds MinHash this many hashes at a time: it holds a few arrays of NUM_PERM x that many
#: 64-bit values (1.5 MB each), where a long article's 500,000 distinct grams at once took gigabytes.
_MINHASH_PIECE = 1024


def band_keys(hashes: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (the band number is part of the key); [] for an empty text."""
    if hashes.size == 0:
        return []
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32", permutations=_permutations())
    for start in range(0, hashes.size, _MINHASH_PIECE):  # the minimum over pieces: the same signature
        mh.update_batch(hashes[start:start + _MINHASH_PIECE].tolist())
    values = np.asarray(mh.hashvalues, dtype="<u8")
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=8,
                                 person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) of two shingle-hash sets."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    inter = int(np.intersect1d(a, b, assume_unique=True).size)
    return inter / (a.size + b.size - inter), inter / min(a.size, b.size)


def is_copy(jaccard: float, containment: float, sizes: Sequence[int],
            published: Sequence[str | None] = (None, None)) -> bool:
    if min(sizes) < MIN_SHINGLES:
        return False
    days = [day_number(p) for p in published]
    if days[0] is not None and days[1] is not None and abs(days[0] - days[1]) > MAX_COPY_DAYS:
        return False
    return jaccard >= MIN_JACCARD or containment >= MIN_CONTAINMENT


def day_number(value: str | None) -> int | None:
    """Ordinal of a YYYY-MM-DD date, None when missing or malformed."""
    try:
        return date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


def story_key(content_hashes: Iterable[str]) -> str:
    """Deterministic key of a story: its smallest member content hash (independent of ingest order)."""
    return "st-" + min(content_hashes)[:16]


def join_stories(units: Mapping[int, str], info: Mapping[int, tuple[str, str | None]],
                 links: Iterable[tuple[int, int, float]]) -> dict[int, str]:
    """Story key of every article of `units` (article -> the group it starts in) once `links` (a, b,
    Jaccard) join groups, strongest link first; a join that would make a story span more than
    `MAX_COPY_DAYS` of publication dates is skipped (no chaining of a daily template into one story).
    `info` gives each article's (content hash, published)."""
    parent = {u: u for u in units.values()}
    span: dict[str, tuple[int, int] | None] = dict.fromkeys(parent)
    for pk, unit in units.items():
        d = day_number(info[pk][1])
        if d is not None:
            cur = span[unit]
            span[unit] = (d, d) if cur is None else (min(cur[0], d), max(cur[1], d))

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _jac in sorted(links, key=lambda e: (-e[2], e[0], e[1])):
        ra, rb = find(units[a]), find(units[b])
        if ra == rb:
            continue
        sa_, sb_ = span[ra], span[rb]
        joined = sa_ if sb_ is None else sb_ if sa_ is None else (min(sa_[0], sb_[0]), max(sa_[1], sb_[1]))
        if joined is not None and joined[1] - joined[0] > MAX_COPY_DAYS:
            continue
        keep, drop = min(ra, rb), max(ra, rb)
        parent[drop] = keep
        span[keep] = joined
    hashes: dict[str, list[str]] = {}
    for pk, unit in units.items():
        hashes.setdefault(find(unit), []).append(info[pk][0])
    return {pk: story_key(hashes[find(unit)]) for pk, unit in units.items()}
