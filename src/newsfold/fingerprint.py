"""Fingerprints of article text, computed in vectorised batches with numpy.

Each text becomes the hashes of its k-word shingles over matching tokens (``normalize.tokens``).
Winnowing keeps the minimum hash of every window of ``w`` shingles: any passage the two texts
share of at least ``w + k - 1`` words yields a fingerprint in common, however long the rest of
either text is. That makes the index find a short copy inside a long one (containment), which a
Jaccard threshold over whole texts misses.
"""

from __future__ import annotations

import numpy as np
import xxhash
from numpy.typing import NDArray

from .normalize import tokens

K = 5  # words per shingle
WINDOW = 8  # shingles per winnowing window: shared passages of 12+ words always meet
_MASK = np.uint64(0x7FFF_FFFF_FFFF_FFFF)  # stored as signed 64-bit in SQL
_MULT = np.uint64(0x9E37_79B9_7F4A_7C15)

U64 = NDArray[np.uint64]


def token_hashes(toks: list[str]) -> U64:
    return np.fromiter(
        (xxhash.xxh64_intdigest(t.encode("utf-8", "surrogatepass")) for t in toks),
        dtype=np.uint64,
        count=len(toks),
    )


def shingle_hashes(toks: list[str], k: int = K) -> U64:
    """One hash per k-word shingle, order-sensitive, vectorised over the text."""
    th = token_hashes(toks)
    if len(th) < k:
        if len(th) == 0:
            return np.zeros(0, dtype=np.uint64)
        k = len(th)
    n = len(th) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _MULT + th[j : j + n]
            h ^= h >> np.uint64(29)
    return h & _MASK


def winnow(h: U64, w: int = WINDOW) -> U64:
    if len(h) <= w:
        return np.unique(h)
    windows = np.lib.stride_tricks.sliding_window_view(h, w)
    return np.unique(windows.min(axis=1))


def fingerprints(text: str) -> U64:
    """The winnowed fingerprints of a text: what the candidate index stores."""
    return winnow(shingle_hashes(tokens(text)))
