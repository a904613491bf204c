"""Fingerprints of article text, computed in vectorised batches with numpy.

Each text becomes the hashes of its k-word shingles over matching tokens (``normalize.tokens``).
Winnowing keeps the minimum hash of every window of ``w`` shingles: any passage the two texts
share of at least ``w + k - 1`` words yields a fingerprint in common, however long the rest of
either text is. That makes the index find a short copy inside a long one (containment), which a
Jaccard threshold over whole texts misses.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np
import xxhash
from numpy.typing import NDArray

from .normalize import tokens

K = 5  # words per shingle
WINDOW = 8  # shingles per winnowing window: shared passages of 12+ words always meet
_MASK = np.uint64(0x7FFF_FFFF_FFFF_FFFF)  # stored as signed 64-bit in SQL
_MULT = np.uint64(0x9E37_79B9_7F4A_7C15)
_SHIFT = np.uint64(29)

U64 = NDArray[np.uint64]


class _HashCache(dict[str, int]):
    """Token -> 64-bit hash, computed once per distinct token (a corpus has far fewer distinct
    tokens than tokens, and a dict lookup is cheaper than hashing)."""

    def __missing__(self, token: str) -> int:
        if len(self) > 2_000_000:
            self.clear()
        h: int = xxhash.xxh64_intdigest(token.encode("utf-8", "surrogatepass"))
        self[token] = h
        return h


_HASHES = _HashCache()


def token_hashes(toks: list[str]) -> U64:
    return np.fromiter(map(_HASHES.__getitem__, toks), dtype=np.uint64, count=len(toks))


def shingle_hashes(toks: list[str], k: int = K) -> U64:
    """One hash per k-word shingle, order-sensitive, vectorised over the text."""
    th = token_hashes(toks)
    if len(th) < k:
        if len(th) == 0:
            return np.zeros(0, dtype=np.uint64)
        k = len(th)
    n = len(th) - k + 1
    # in place, each step on one array (unsigned arrays wrap silently: no errstate); the first
    # step's ``0 * _MULT + th`` is ``th``
    h = th[:n].copy()
    h ^= h >> _SHIFT
    for j in range(1, k):
        h *= _MULT
        h += th[j : j + n]
        h ^= h >> _SHIFT
    h &= _MASK
    return h


def winnow(h: U64, w: int = WINDOW) -> U64:
    if len(h) <= w:
        return np.unique(h)
    windows = np.lib.stride_tricks.sliding_window_view(h, w)
    return np.unique(windows.min(axis=1))


def fingerprints(text: str) -> U64:
    """The winnowed fingerprints of a text: what the candidate index stores."""
    return winnow(shingle_hashes(tokens(text)))


def fingerprints_batch(docs: Sequence[Sequence[str]], k: int = K, w: int = WINDOW) -> list[U64]:
    """``winnow(shingle_hashes(toks))`` for many token lists at once, equal to it doc by doc.

    The whole batch is one array: tokens hashed through a cache, shingles hashed and windows
    reduced across the batch in a few numpy passes, and the windows that straddle two documents
    dropped. This removes the per-document numpy overhead that dominates on news-sized texts."""
    n_docs = len(docs)
    lens = np.fromiter((len(d) for d in docs), dtype=np.int64, count=n_docs)
    out: list[U64] = [np.zeros(0, dtype=np.uint64)] * n_docs
    short = np.flatnonzero((lens < k) & (lens > 0))
    for i in short:  # shorter than a shingle: one shingle of the whole text
        out[i] = winnow(shingle_hashes(list(docs[int(i)]), k), w)
    total = int(lens.sum())
    if total < k:
        return out
    get = _HASHES.__getitem__
    th = np.fromiter(map(get, chain.from_iterable(docs)), dtype=np.uint64, count=total)
    n = total - k + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _MULT + th[j : j + n]
            h ^= h >> np.uint64(29)
    h &= _MASK
    starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    m = np.maximum(lens - k + 1, 0)  # shingles of each doc
    # docs with at most w shingles keep all of them; the others keep their window minima
    doc_parts: list[np.ndarray] = []
    val_parts: list[np.ndarray] = []
    small = np.flatnonzero((m > 0) & (m <= w))
    if len(small):
        idx = np.concatenate([np.arange(starts[i], starts[i] + m[i]) for i in small])
        doc_parts.append(np.repeat(small, m[small]))
        val_parts.append(h[idx])
    big = np.flatnonzero(m > w)
    if len(big) and n >= w:
        mins = h[: n - w + 1].copy()
        for j in range(1, w):
            np.minimum(mins, h[j : j + len(mins)], out=mins)
        n_win = m[big] - w + 1
        offs = np.repeat(starts[big] - np.concatenate(([0], np.cumsum(n_win)[:-1])), n_win)
        idx = np.arange(int(n_win.sum())) + offs
        wd, wv = np.repeat(big, n_win), mins[idx]
        # neighbouring windows mostly share their minimum: drop those repeats before sorting
        step = np.ones(len(wv), dtype=bool)
        step[1:] = (wv[1:] != wv[:-1]) | (wd[1:] != wd[:-1])
        doc_parts.append(wd[step])
        val_parts.append(wv[step])
    if not doc_parts:
        return out
    doc_ids = np.concatenate(doc_parts)
    vals = np.concatenate(val_parts)
    order = np.lexsort((vals, doc_ids))
    doc_ids, vals = doc_ids[order], vals[order]
    keep = np.ones(len(vals), dtype=bool)
    keep[1:] = (doc_ids[1:] != doc_ids[:-1]) | (vals[1:] != vals[:-1])
    doc_ids, vals = doc_ids[keep], vals[keep]
    bounds = np.searchsorted(doc_ids, np.arange(n_docs + 1))
    for i in np.flatnonzero(m > 0):
        out[i] = vals[bounds[i] : bounds[i + 1]]
    return out


def hash_array(prints: str) -> np.ndarray:
    """A stored fingerprint list (comma-separated) as an int64 array, parsed in C (four times
    faster than ``int`` a hash)."""
    if not prints:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(prints, dtype=np.int64, sep=",")
