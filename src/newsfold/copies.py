"""Copies: verify candidate pairs on the real texts, and group copies into copy groups.

Pure functions over articles and links; the engine feeds them from the store's candidate index.
Only ``identical`` and ``copy`` links join a group: a ``partial`` (a roundup carrying one item of a
story, or a shared boilerplate paragraph) never chains two stories together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from .compare import measure_articles
from .records import Article, Link

GROUPING_RELATIONS = ("identical", "copy")
MIN_SHARED_FINGERPRINTS = 2  # one shared passage can be chance; two are a candidate
MIN_SHARED_SHARE = 0.2  # of the smaller text's fingerprints
MAX_POSTINGS = 1000  # a fingerprint on more articles than this is boilerplate, not a story


def verify(
    a: Article,
    b: Article,
    pta: Sequence[Sequence[str]] | None = None,
    ptb: Sequence[Sequence[str]] | None = None,
) -> Link:
    """The relation between two articles, measured on their full texts (a final paragraph both
    end on set aside: see ``compare.without_shared_tail``). ``pta``/``ptb``: their paragraphs'
    matching tokens, when the caller has them."""
    if b.id < a.id:
        a, b, pta, ptb = b, a, ptb, pta
    m = measure_articles(a, b, pta, ptb)
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


class UnionFind:
    def __init__(self, items: Iterable[str] = ()) -> None:
        self.parent: dict[str, str] = {}
        for x in items:
            self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
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
