"""Copies: verify candidate pairs on the real texts, and group copies into copy groups.

Pure functions over articles and links; the engine feeds them from the store's candidate index.
Only ``identical`` and ``copy`` links join a group: a ``partial`` (a roundup carrying one item of a
story, or a shared boilerplate paragraph) never chains two stories together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.sparse import csr_matrix

from ..records import Article, Link
from .compare import Shingles, measure_articles
from .fingerprint import hash_array

GROUPING_RELATIONS = ("identical", "copy")
MIN_SHARED_FINGERPRINTS = 2  # one shared passage can be chance; two are a candidate
MIN_SHARED_SHARE = 0.2  # of the smaller text's fingerprints
MAX_POSTINGS = 1000  # a fingerprint on more articles than this is boilerplate, not a story


def verify(
    a: Article,
    b: Article,
    pta: Sequence[Sequence[str]] | None = None,
    ptb: Sequence[Sequence[str]] | None = None,
    sha: Shingles | None = None,
    shb: Shingles | None = None,
) -> Link:
    """The relation between two articles, measured on their full texts (a final paragraph both
    end on set aside: see ``compare.without_shared_tail``). ``pta``/``ptb``: their paragraphs'
    matching tokens, ``sha``/``shb`` their texts' ``Shingles``, when the caller has them."""
    if b.id < a.id:
        a, b, pta, ptb, sha, shb = b, a, ptb, pta, shb, sha
    m = measure_articles(a, b, pta, ptb, sha, shb)
    return Link(a.id, b.id, m.relation, m.jaccard, m.a_in_b, m.b_in_a)


def is_candidate(shared: int, n_a: int, n_b: int) -> bool:
    """Enough fingerprints in common to be worth verifying: at least two, and a real share of
    the smaller text's (a cut copy shares nearly all of its own; two stories that share one
    sign-off paragraph or a stock phrase share a small part of either)."""
    smaller = min(n_a, n_b)
    # a text of a sentence or two has a fingerprint or two: all of them shared is enough
    return shared >= min(MIN_SHARED_FINGERPRINTS, smaller) > 0 and shared >= (
        MIN_SHARED_SHARE * smaller
    )


class CandidateIndex:
    """The fingerprint index in memory, for matching many articles at once: sorted arrays of
    (hash, article), so a batch's candidates come from a few binary searches and one count
    instead of a query per article. It gives exactly the candidates and counts the store's
    index gives (``Store.candidates``): a fingerprint on more than ``max_postings`` articles is
    ignored, and each article counts the distinct fingerprints it shares."""

    def __init__(self, lists: Iterable[tuple[str, Sequence[int] | np.ndarray]]) -> None:
        by_id = sorted(lists, key=lambda x: x[0])
        # rows in id order, so that sorting rows sorts ids
        self.ids = [aid for aid, _ in by_id]
        parts = [np.unique(np.asarray(h, dtype=np.int64)) for _, h in by_id]
        self.row = {aid: i for i, aid in enumerate(self.ids)}
        self.sizes = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
        self.own = parts
        flat = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        docs = np.repeat(np.arange(len(self.ids), dtype=np.int64), self.sizes)
        order = np.argsort(flat, kind="stable")
        self.hashes, self.docs = flat[order], docs[order]
        self._matrices: dict[int, tuple[csr_matrix, csr_matrix]] = {}

    @classmethod
    def from_store_lists(cls, rows: Iterable[tuple[str, str]]) -> CandidateIndex:
        """From ``Store.fingerprint_lists`` (comma-separated hashes)."""
        return cls((aid, hash_array(text)) for aid, text in rows if text)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.row

    def size(self, article_id: str) -> int:
        i = self.row.get(article_id)
        return 0 if i is None else int(self.sizes[i])

    def shared_rows(self, row: int, max_postings: int) -> tuple[np.ndarray, np.ndarray]:
        """The rows sharing fingerprints with ``row`` (itself included, as in the store's
        query), and how many each shares."""
        h = self.own[row]
        lo = np.searchsorted(self.hashes, h, "left")
        hi = np.searchsorted(self.hashes, h, "right")
        n = hi - lo
        keep = n <= max_postings
        lo, n = lo[keep], n[keep]
        if not len(n):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        offsets = np.repeat(lo - np.concatenate(([0], np.cumsum(n)[:-1])), n)
        rows, counts = np.unique(self.docs[np.arange(int(n.sum())) + offsets], return_counts=True)
        return rows, counts

    def candidates(self, article_id: str, max_postings: int) -> dict[str, int]:
        """``Store.candidates`` for a stored article: the articles sharing its fingerprints,
        itself included, with how many they share."""
        i = self.row.get(article_id)
        if i is None:
            return {}
        rows, counts = self.shared_rows(i, max_postings)
        ids = self.ids
        return {ids[d]: int(c) for d, c in zip(rows.tolist(), counts.tolist(), strict=True)}

    def ranked_rows(self, row: int, max_postings: int) -> np.ndarray:
        """The rows worth verifying against ``row`` (``is_candidate``), most fingerprints
        shared first, then in id order: the engine's ranking, vectorised."""
        rows, counts = self.shared_rows(row, max_postings)
        smaller = np.minimum(self.sizes[rows], self.sizes[row])
        ok = (
            (rows != row)
            & (smaller > 0)
            & (counts >= np.minimum(MIN_SHARED_FINGERPRINTS, smaller))
            & (counts >= MIN_SHARED_SHARE * smaller)
        )
        rows, counts = rows[ok], counts[ok]
        ranked: np.ndarray = rows[np.lexsort((rows, -counts))]
        return ranked

    def matrices(self, max_postings: int) -> tuple[csr_matrix, csr_matrix]:
        """The index as a binary article x fingerprint matrix and its transpose, the
        fingerprints on more than ``max_postings`` articles left out; made once. Build it
        before forking workers, which then share it."""
        got = self._matrices.get(max_postings)
        if got is None:
            n = len(self.ids)
            starts = np.flatnonzero(np.r_[True, self.hashes[1:] != self.hashes[:-1]])
            postings = np.diff(np.r_[starts, len(self.hashes)])
            column = np.repeat(np.arange(len(starts)), postings)
            keep = np.repeat(postings <= max_postings, postings)
            ones = np.ones(int(keep.sum()), dtype=np.int32)
            shape = (n, len(starts))
            a = csr_matrix((ones, (self.docs[keep], column[keep])), shape=shape)
            got = self._matrices[max_postings] = (a, a.T.tocsr())
        return got

    def ranked_many(self, rows: Sequence[int], max_postings: int) -> list[np.ndarray]:
        """``ranked_rows`` of each of ``rows``, from one sparse product for them all (the
        fingerprints each pair shares, counted in C) instead of a search and a count per row."""
        if not len(self.hashes) or not len(rows):
            return [np.zeros(0, dtype=np.int32) for _ in rows]
        a, at = self.matrices(max_postings)
        shared = (a[np.asarray(rows)] @ at).tocoo()
        i, other, counts = shared.row, shared.col, shared.data
        row = np.asarray(rows, dtype=np.int64)[i]
        smaller = np.minimum(self.sizes[other], self.sizes[row])
        ok = (
            (other != row)
            & (smaller > 0)
            & (counts >= np.minimum(MIN_SHARED_FINGERPRINTS, smaller))
            & (counts >= MIN_SHARED_SHARE * smaller)
        )
        i, other, counts = i[ok], other[ok], counts[ok]
        order = np.lexsort((other, -counts.astype(np.int64), i))
        i, other = i[order], other[order].astype(np.int32)
        bounds = np.searchsorted(i, np.arange(len(rows) + 1))
        return [other[bounds[k] : bounds[k + 1]] for k in range(len(rows))]


class UnionFind:
    def __init__(self, items: Iterable[str] = ()) -> None:
        self.parent: dict[str, str] = {}
        for x in items:
            self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        parent = self.parent
        root = parent.get(x)
        if root is None:  # a new item: its own group
            parent[x] = x
            return x
        if root == x or parent[root] == root:  # a root, or one step under it: most items
            return root
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id is the root: the result does not depend on the order of unions
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in sorted(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return out


def group_id(members: Iterable[str]) -> str:
    """A copy group's id: derived from its smallest member, so it is the same whatever order or
    batches the articles came in."""
    first = min(members)
    return "g_" + hashlib.sha1(first.encode()).hexdigest()[:16]


def copy_groups(article_ids: Iterable[str], links: Iterable[Link]) -> dict[str, list[str]]:
    """Copy groups as {group id: sorted member ids}; every article is in exactly one group."""
    uf = UnionFind(article_ids)
    for lk in links:
        if lk.relation in GROUPING_RELATIONS:
            uf.union(lk.a, lk.b)
    return {group_id(members): members for members in uf.groups().values()}
