"""TF-IDF rows of texts' features (``events.features``), their terms numbered once a stage.

``events.tfidf`` numbers every (document, term) entry anew by a dictionary look-up a call, and
sorts the terms it keeps: over a corpus of a few thousand texts that is most of its time (the
look-ups touch a million strings spread over the heap). The stories stage makes several matrices
of the same features (the subject pass, each subject's event pass, the related stories, whose
texts are mostly the copy groups' word for word): ``TermIds`` numbers each features' terms once
and keeps the order of every term it has numbered, so that ``tfidf_of`` gives, to the bit, the
matrix ``events.tfidf`` gives of the same features, from arrays of numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import chain, count, islice
from typing import TYPE_CHECKING, Protocol

import numpy as np
from scipy.sparse import csr_matrix

if TYPE_CHECKING:
    from collections import Counter


class EventFeatures(Protocol):
    """What is read here of ``events.EventFeatures``: its terms, counted."""

    @property
    def terms(self) -> Counter[str]: ...


class TermIds:
    """Numbers of terms, and each features' terms as numbers (in the order of its ``terms``),
    made once for every matrix made with this object. It holds the features it numbered: keep
    one for a stage, not for good."""

    def __init__(self) -> None:
        self._number: defaultdict[str, int] = defaultdict(count().__next__)
        self._names: list[str] = []  # by number
        self._order: list[int] = []  # numbers in the order of their terms
        self._rank = np.zeros(0, dtype=np.int64)  # number -> its place in ``_order``
        self._made: dict[int, tuple[EventFeatures, np.ndarray]] = {}  # by ``id`` (held)

    def of(self, f: EventFeatures) -> np.ndarray:
        """``f``'s terms' numbers, in the order of its ``terms``."""
        got = self._made.get(id(f))
        if got is not None:
            return got[1]
        ids = np.fromiter(map(self._number.__getitem__, f.terms), np.int32, len(f.terms))
        self._made[id(f)] = (f, ids)
        return ids

    def ranks(self) -> np.ndarray:
        """Every number's place in the sorted order of the terms numbered so far: the terms
        numbered since the last call are merged into the order (a sorted run and a short
        tail, which ``list.sort`` merges rather than sorting all again)."""
        v = len(self._number)
        if len(self._rank) < v:
            self._names.extend(islice(self._number, len(self._names), None))
            self._order.extend(range(len(self._order), v))
            self._order.sort(key=self._names.__getitem__)
            rank = np.empty(v, dtype=np.int64)
            rank[np.array(self._order, dtype=np.int64)] = np.arange(v, dtype=np.int64)
            self._rank = rank
        return self._rank


def tfidf_of(
    feats: Sequence[EventFeatures], min_df: int = 1, ids: TermIds | None = None
) -> csr_matrix:
    """``events.tfidf([f.terms for f in feats], min_df)``, to the bit, with the terms numbered
    by ``ids`` (a fresh ``TermIds`` when None)."""
    ids = TermIds() if ids is None else ids
    per = [ids.of(f) for f in feats]
    every = np.concatenate(per) if per else np.zeros(0, dtype=np.int32)
    rank = ids.ranks()
    # the distinct terms (``seen``) and each entry's place among them
    if len(every) * 8 >= len(rank):  # many entries: counted over every number
        present = np.bincount(every, minlength=len(rank)) > 0
        seen = np.flatnonzero(present)
        place = np.cumsum(present) - 1
        first = place[every]
    else:
        seen, first = np.unique(every, return_inverse=True)
        first = first.reshape(-1)
    df = np.bincount(first, minlength=len(seen))
    kept = np.flatnonzero(df >= min_df)
    by_name = kept[np.argsort(rank[seen[kept]])]  # the kept terms in sorted order
    return weighted([f.terms for f in feats], first, df, by_name)


def weighted(
    docs: Sequence[Counter[str]], first: np.ndarray, df: np.ndarray, by_name: np.ndarray
) -> csr_matrix:
    """The sublinear TF-IDF rows of ``docs``, L2-normalised, each row's entries in its terms'
    order then sorted: ``first``, each (document, term) entry's term among the distinct terms;
    ``df``, their document frequencies; ``by_name``, the kept ones in the columns' order."""
    n = len(docs)
    column = np.full(len(df), -1, dtype=np.int64)
    column[by_name] = np.arange(len(by_name), dtype=np.int64)
    idf = np.log((1 + n) / (1 + df[by_name].astype(np.float64))) + 1
    lens = np.fromiter(map(len, docs), dtype=np.int64, count=n)
    cols = column[first]
    tf = np.fromiter(
        chain.from_iterable(d.values() for d in docs), dtype=np.float64, count=len(first)
    )
    if len(by_name) == len(df):
        sizes = lens
    else:  # terms dropped: their entries go, each row keeping the rest in order
        on = cols >= 0
        cols, tf = cols[on], tf[on]
        sizes = np.bincount(np.repeat(np.arange(n), lens)[on], minlength=n).astype(np.int64)
    indptr = np.concatenate(([0], np.cumsum(sizes)))
    w = (1 + np.log(tf)) * idf[cols]
    norm = np.sqrt(np.bincount(np.repeat(np.arange(n), sizes), weights=w * w, minlength=n))
    norm = np.where(norm > 0, norm, 1.0)
    out = csr_matrix((w / np.repeat(norm, sizes), cols, indptr), shape=(n, len(by_name)))
    out.sort_indices()
    return out
