"""The local engine's match stage: each pending article's candidates verified, best first,
from the store's index or, when a fold matches much of the store, from the index in memory
one connected set of candidates at a time, in forked workers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from ...match.compare import paragraph_tokens
from ...match.copies import (
    GROUPING_RELATIONS,
    MAX_POSTINGS,
    CandidateIndex,
    UnionFind,
    is_candidate,
)
from ...pipeline import Progress
from ...records import Article, Link, Stage
from ...steps import verify_candidates
from ...store import Store
from ..pool import _SHARED, _forked_pool, _worker_store

# The candidate index is read into memory when a fold matches at least this many articles, and
# at least a 1/IN_MEMORY_SHARE of the store: one pass over the index then costs less than a
# query per article.
IN_MEMORY_MIN = 1000
IN_MEMORY_SHARE = 20


class _Texts:
    """Articles and their paragraphs' matching tokens, each read and tokenised once a batch.
    The articles are read as the stories stage reads them (``Store.articles_for_stories``:
    without the lines their extraction removed and the teasers they listed, which no
    verification reads and which are half of an article's stored JSON on real pages)."""

    def __init__(self, store: Store, ids: Sequence[str]) -> None:
        self.store = store
        self.arts = store.articles_for_stories(ids)
        self.ptoks: dict[str, list[Sequence[str]]] = {}

    def article(self, aid: str) -> Article:
        if aid not in self.arts:
            self.arts.update(self.store.articles_for_stories([aid]))
        return self.arts[aid]

    def tokens(self, aid: str) -> list[Sequence[str]]:
        if aid not in self.ptoks:
            self.ptoks[aid] = paragraph_tokens(self.article(aid))
        return self.ptoks[aid]


def _ranked_candidates(store: Store, sizes: dict[str, int], aid: str) -> list[str]:
    """The candidates of ``aid`` in the store, most fingerprints shared first."""
    shared = store.candidates(store.fingerprints_of(aid), MAX_POSTINGS)
    sizes.update(store.fingerprint_counts([o for o in shared if o not in sizes]))
    return _rank(aid, shared, sizes[aid], sizes.__getitem__)


def _rank(
    aid: str, shared: Mapping[str, int], size: int, size_of: Callable[[str], int]
) -> list[str]:
    ranked = sorted(
        (-n, other)
        for other, n in shared.items()
        if other != aid and is_candidate(n, size, size_of(other))
    )
    return [other for _, other in ranked]


def _memory_index(store: Store, pending: int) -> CandidateIndex | None:
    """The whole index in memory when this fold matches enough of the store to repay reading
    it in one pass (``IN_MEMORY_MIN`` articles, and a ``1/IN_MEMORY_SHARE`` of the store);
    else None, and each article's candidates are queried from the store's index."""
    if pending < IN_MEMORY_MIN or pending * IN_MEMORY_SHARE < store.counts()["articles"]:
        return None
    return CandidateIndex.from_store_lists(store.fingerprint_lists())


def match_pending(store: Store, batch_size: int, progress: Progress, workers: int = 1) -> None:
    """Verify the candidates of every article not matched yet, best candidate first, in id
    order.

    A candidate already in the article's copy group (through a copy link verified before) is
    not verified again: the link would join nothing new. Groups are the connected components
    of copy links, and every link skipped lies inside a component, so the groups are those of
    verifying every candidate, whatever the order; a story told by a hundred outlets costs a
    few verifications per copy instead of a hundred.

    A fold that matches much of the store reads the index into memory and works one connected
    set of candidates at a time (``_match_in_memory``), in ``workers`` processes.

    The new articles' postings go into the store's index (``Store.index_fingerprints``) before
    they are matched; a fold that matches from the index in memory writes them while its
    workers rank candidates."""
    groups = UnionFind()
    for lk in store.links(list(GROUPING_RELATIONS)):
        groups.union(lk.a, lk.b)
    pending = store.articles_at_stage(Stage.TO_MATCH)
    index = _memory_index(store, len(pending))
    if index is not None:
        _match_in_memory(store, index, pending, groups, batch_size, progress, workers)
        return
    store.index_fingerprints()
    while ids := store.articles_at_stage(Stage.TO_MATCH, batch_size):
        texts = _Texts(store, ids)
        ranked = partial(_ranked_candidates, store, store.fingerprint_counts(ids))
        links = verify_candidates(ids, ranked, groups, texts.article, texts.tokens)
        with store.transaction():
            store.add_links(links)
            store.set_stage(ids, Stage.MATCHED)
        progress("match", len(ids))


RANK_CHUNK = 2048  # articles ranked per task


def _rank_task(rows: list[int]) -> list[np.ndarray]:
    index: CandidateIndex = _SHARED["index"]
    return index.ranked_many(rows, MAX_POSTINGS)


VerifyTask = tuple[list[str], dict[str, list[str]], dict[str, str]]


def _verify_task(task: VerifyTask) -> list[Link]:
    """``verify_candidates`` over some connected sets of candidates: their pending articles in
    id order, with their ranked candidates and the groups the store held for them."""
    order, ranked, roots = task
    groups = UnionFind()
    for x, root in roots.items():
        groups.union(x, root)
    texts = _Texts(_worker_store(), order)
    return verify_candidates(order, ranked.__getitem__, groups, texts.article, texts.tokens)


def _verify_tasks(
    index: CandidateIndex,
    rows: list[int],
    ranked_rows: dict[int, np.ndarray],
    groups: UnionFind,
    batch_size: int,
) -> list[VerifyTask]:
    """The connected sets of candidates of the pending ``rows``, whole sets to a task of about
    ``batch_size`` pending articles, each listed in id order."""
    n = len(index.ids)
    src = np.repeat(np.array(rows, dtype=np.int64), [len(ranked_rows[r]) for r in rows])
    dst = np.concatenate([ranked_rows[r] for r in rows] or [np.zeros(0, dtype=np.int32)])
    graph = csr_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    sets: dict[int, list[int]] = {}
    for r in rows:
        sets.setdefault(int(label[r]), []).append(r)
    ids = index.ids
    tasks: list[VerifyTask] = []
    members: list[int] = []
    for i, comp in enumerate(sorted(sets.values())):
        members.extend(comp)
        if len(members) >= batch_size or i == len(sets) - 1:
            order = [ids[r] for r in members]
            ranked = {ids[r]: [ids[c] for c in ranked_rows[r].tolist()] for r in members}
            involved = set(order).union(*ranked.values())
            roots = {x: root for x in involved if (root := groups.find(x)) != x}
            tasks.append((order, ranked, roots))
            members = []
    return tasks


def _match_in_memory(
    store: Store,
    index: CandidateIndex,
    pending: list[str],
    groups: UnionFind,
    batch_size: int,
    progress: Progress,
    workers: int,
) -> None:
    """Match ``pending`` against the index in memory, one connected set of candidates at a
    time: no candidate of one set is in another, so no link found in one changes what another
    verifies, and the links are those of verifying every pending article in id order (and the
    Spark engine's, which verifies the same sets). Each task of whole sets commits its links
    and its articles' stage together: a fold killed between two resumes with the next.

    The index in memory came from the articles' own fingerprints: the store's postings, which
    later folds query, are written here while the workers verify (in a transaction of its own,
    committed before the first task's links, as a fold without workers does)."""
    index.matrices(MAX_POSTINGS)  # made here, so that forked workers share it
    pool = _forked_pool(store, workers, index=index)
    try:
        rows = sorted(index.row[a] for a in pending if a in index)
        chunks = [rows[i : i + RANK_CHUNK] for i in range(0, len(rows), RANK_CHUNK)]
        ranked_rows: dict[int, np.ndarray] = {}
        for chunk, got in zip(chunks, (pool.map if pool else map)(_rank_task, chunks), strict=True):
            ranked_rows.update(zip(chunk, got, strict=True))
        tasks = _verify_tasks(index, rows, ranked_rows, groups, batch_size)
        # a pool's map submits every task now: the workers verify while the postings go in
        verified = (pool.map if pool else map)(_verify_task, tasks)
        store.index_fingerprints()
        for (order, _, _), links in zip(tasks, verified, strict=True):
            with store.transaction():
                store.add_links(links)
                store.set_stage(order, Stage.MATCHED)
            for lk in links:
                if lk.relation in GROUPING_RELATIONS:
                    groups.union(lk.a, lk.b)
            progress("match", len(order))
        # articles with no fingerprints (a text too short to shingle) have no candidates
        rest = [a for a in pending if a not in index]
        with store.transaction():
            store.set_stage(rest, Stage.MATCHED)
        progress("match", len(rest))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _SHARED.clear()
