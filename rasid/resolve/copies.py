"""Same story, many copies: near-duplicate articles (wire copies, aggregator reposts) found by shingling.

An article is the set of its word 3-grams (normalised Arabic), each hashed to 32 bits. Candidates come from
MinHash LSH (datasketch's MinHash, 192 permutations cut into 96 bands of 2 rows), so finding the copies of
an article costs one index look-up per band, not a comparison with every stored article. A candidate is
a copy when the exact shingle sets agree (`is_copy`): Jaccard >= 0.15, or one text contains >= 40 % of
the other's shingles (excerpts cut at different lengths; only for texts of >= 20 shingles).

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
from collections.abc import Sequence

import numpy as np

from rasid.text.normalize import normalize

SHINGLE_WORDS = 3
NUM_PERM = 192
BANDS = 96
ROWS = NUM_PERM // BANDS
MIN_JACCARD = 0.15
MIN_CONTAINMENT = 0.4
MIN_SHINGLES = 20
SEED = 1

_WORD = re.compile(r"[^\W_]+")


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted, distinct 32-bit hashes of the text's word 3-grams (uint32 array; empty for a wordless text)."""
    words = _WORD.findall(normalize(text))
    if not words:
        return np.zeros(0, dtype=np.uint32)
    k = min(SHINGLE_WORDS, len(words))
    grams = {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}
    values = [int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "little") for g in grams]
    return np.unique(np.array(values, dtype=np.uint32))


def to_bytes(hashes: np.ndarray) -> bytes:
    return hashes.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def band_keys(hashes: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (the band number is part of the key); [] for an empty text."""
    if hashes.size == 0:
        return []
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")
    mh.update_batch(hashes.tolist())
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


def is_copy(jaccard: float, containment: float, sizes: Sequence[int]) -> bool:
    if min(sizes) < MIN_SHINGLES:
        return False
    return jaccard >= MIN_JACCARD or containment >= MIN_CONTAINMENT


def story_key(content_hashes: Sequence[str]) -> str:
    """Deterministic key of a story: its smallest member content hash (independent of ingest order)."""
    return "st-" + min(content_hashes)[:16]
