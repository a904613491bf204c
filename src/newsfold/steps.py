"""The pure per-batch steps both engines run: the local engine in its worker processes, the
Spark engine in its tasks. No I/O, no global state: the same input gives the same output in any
process."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from .extract import extract_page
from .extract.templates import OutletTemplate
from .match.compare import Shingles, body_tokens, shingles
from .match.copies import GROUPING_RELATIONS, UnionFind, verify
from .match.fingerprint import fingerprints_batch
from .records import Article, Link, Page, Rejection

SHINGLES_KEPT = 512  # articles whose shingles one verify_candidates call keeps (LRU)


Extracted = list[tuple[Article | Rejection, list[int]]]  # with the article's fingerprints


def extract_batch(
    pages: Sequence[Page], templates: dict[str | None, OutletTemplate | None]
) -> Extracted:
    """The articles of ``pages`` with their fingerprints. Pure, so that it runs in any
    process: the local engine's workers, or another engine's. A page whose extraction fails
    (any exception: a parser's recursion, a library's bug) is that page's rejection
    (``extract_failed``), and the batch goes on."""
    results: list[Article | Rejection] = []
    for p in pages:
        try:
            results.append(extract_page(p, templates.get(p.outlet)))
        except Exception as e:  # one page's failure is that page's rejection
            what = f"{type(e).__name__}: {e}"[:500]
            results.append(
                Rejection(p.source, "extract_failed", f"{p.source}: extraction failed ({what})")
            )
    arts = [r for r in results if isinstance(r, Article)]
    prints = iter(fingerprints_batch([body_tokens(a) for a in arts]))
    return [(r, next(prints).tolist() if isinstance(r, Article) else []) for r in results]


def verify_candidates(
    order: Iterable[str],
    ranked: Callable[[str], Iterable[str]],
    groups: UnionFind,
    article: Callable[[str], Article],
    tokens: Callable[[str], list[Sequence[str]]],
) -> list[Link]:
    """The links found verifying each article's candidates (``ranked``: best first), article
    by article in ``order``. A pair verified already, or already in one copy group, is skipped;
    ``groups`` grows with every copy link. Pure: the local engine runs it over its batches, the
    Spark engine over each connected set of candidates (groups never join across those sets)."""
    done: set[tuple[str, str]] = set()
    links: list[Link] = []

    # an article is verified against several others (the original of a story against its
    # copies): its shingles are made once, for the last SHINGLES_KEPT articles met
    @lru_cache(maxsize=SHINGLES_KEPT)
    def shingled(x: str) -> Shingles:
        return shingles([t for p in tokens(x) for t in p])

    for aid in order:
        # most candidates of a story told many times are in the article's group already: its
        # root is found once, and again only after a union (the one thing that changes it)
        root = groups.find(aid)
        for other in ranked(aid):
            if groups.find(other) == root:
                continue
            pair = (aid, other) if aid < other else (other, aid)
            if pair in done:
                continue
            done.add(pair)
            a, b = pair
            lk = verify(article(a), article(b), tokens(a), tokens(b), shingled(a), shingled(b))
            if lk.relation != "unrelated":
                links.append(lk)
            if lk.relation in GROUPING_RELATIONS:
                groups.union(lk.a, lk.b)
                root = groups.find(aid)
    return links
