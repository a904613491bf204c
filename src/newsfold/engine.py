"""The local engine: runs the stages over batches and keeps their results in the store.

Each step works from what the store says is pending, in transactions of one batch, so a fold that
is killed can simply be run again: pages already stored are skipped, and the work left pending is
done. Stages themselves (extract, fingerprint, verify, group, merge) are pure functions.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from multiprocessing import get_context
from multiprocessing.context import BaseContext
from typing import Any, cast

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from .compare import Shingles, body_tokens, paragraph_tokens, shingles
from .copies import (
    GROUPING_RELATIONS,
    MAX_POSTINGS,
    CandidateIndex,
    UnionFind,
    copy_groups,
    is_candidate,
    verify,
)
from .embed import Embedder
from .events import EventUnit, assign_events
from .extract import extract_page, page_lines
from .extract.templates import OutletTemplate, TemplateStats, page_line_keys
from .fingerprint import fingerprints_batch
from .ingest import Limits, ReadItem, ReadStats, outlet_from_url, page_id, read_paths
from .invariant import CheckReport, _check_locked
from .records import Article, FeedTeaser, Link, Page, Rejection, Story
from .related import related_stories
from .store import OnWait, Store
from .stories import build_event_story, event_unit, story_id

Progress = Callable[[str, int], None]  # (stage, items done in this step)
MAX_WORKERS = 8  # extraction processes by default: one per core, up to this many
# The candidate index is read into memory when a fold matches at least this many articles, and
# at least a 1/IN_MEMORY_SHARE of the store: one pass over the index then costs less than a
# query per article.
IN_MEMORY_MIN = 1000
IN_MEMORY_SHARE = 20
SHINGLES_KEPT = 512  # articles whose shingles one verify_candidates call keeps (LRU)


@dataclass(slots=True)
class FoldSummary:
    added: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    read: ReadStats = field(default_factory=ReadStats)  # records read that are not pages
    teasers: int = 0  # summary-only feed items read in this run
    teasers_added: int = 0  # of which the store did not hold yet
    invariant: CheckReport | None = None  # the store's invariants checked after the fold

    def to_dict(self) -> dict[str, object]:
        """The JSON contract of ``newsfold fold --json``."""
        return {
            "added": self.added,
            "pages": self.counts.get("pages", 0),
            "articles": self.counts.get("articles", 0),
            "rejected": self.counts.get("rejected", 0),
            "copy_groups": self.counts.get("copy_groups", 0),
            "stories": self.counts.get("stories", 0),
            "rejected_this_run": len(self.rejected),
            "skipped_this_run": dict(sorted(self.read.skipped.items())),
            "teasers": self.counts.get("teasers", 0),
            "teasers_this_run": self.teasers,
            "teasers_added": self.teasers_added,
            **({"invariant": self.invariant.to_dict()} if self.invariant is not None else {}),
        }


def _noop(stage: str, n: int) -> None:
    return None


def ingest(
    store: Store,
    items: Iterable[ReadItem],
    summary: FoldSummary,
    batch_size: int,
    progress: Progress,
) -> None:
    batch: list[ReadItem] = []

    def flush() -> None:
        with store.transaction():
            known = store.known_pages([x.id for x in batch if isinstance(x, Page)])
            new: dict[str, Page] = {}
            for x in batch:
                if isinstance(x, Rejection):
                    store.add_rejection(x)
                    summary.rejected.append(x)
                elif isinstance(x, FeedTeaser):
                    summary.teasers += 1
                    summary.teasers_added += store.add_teaser(x)
                elif x.id not in known:
                    new.setdefault(x.id, x)  # the first copy of a page read twice wins
            added = store.add_pages((p, page_line_keys(page_lines(p))) for p in new.values())
            summary.added += len(added)
        progress("read", len(batch))
        batch.clear()

    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()


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


def _extract_task(args: tuple[list[Page], dict[str | None, OutletTemplate | None]]) -> Extracted:
    return extract_batch(*args)


def _pool_context() -> BaseContext:
    """Forked workers where the platform forks safely: they start at once and need no
    ``__main__`` guard in the caller's script. A forked worker never touches the store's
    connection it inherits: it only extracts, and exits without closing it."""
    if sys.platform == "linux":
        return get_context("fork")
    return get_context("spawn")


def _worker_init(parent: int) -> None:
    """Pool initializer. A forked worker inherits its parent's heap (a notebook or a
    benchmark may hold a whole crawl in it): ``gc.freeze()`` moves what it inherited out of the
    collector's reach, so that the worker's collections neither walk it nor, by touching it,
    copy its pages. And a worker whose fold is gone (killed with SIGKILL, which runs no
    clean-up) exits within a second, where it would wait for ever on a queue that the other
    workers hold open."""
    gc.freeze()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="newsfold-parent-watch").start()


def _pool(workers: int, context: BaseContext) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)
    )


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def extract_pending(
    store: Store,
    summary: FoldSummary,
    batch_size: int,
    progress: Progress,
    workers: int = 1,
) -> None:
    """Extract every stored page not extracted yet, committing one batch at a time. With
    ``workers`` > 1, batches are extracted in that many processes while this one writes the
    batches they finished (two batches a worker in flight); a store with too few pending pages
    to share is extracted here."""
    templates: dict[str | None, OutletTemplate | None] = {}

    def task(pages: list[Page]) -> tuple[list[Page], dict[str | None, OutletTemplate | None]]:
        for o in {p.outlet for p in pages} - templates.keys():
            templates[o] = store.template(o)
        return pages, {o: templates[o] for o in {p.outlet for p in pages}}

    pool: ProcessPoolExecutor | None = None
    in_flight: deque[tuple[list[Page], Future[Extracted] | Extracted]] = deque()
    busy: set[str] = set()  # ids of the pages in flight
    try:
        first = store.pending_pages(batch_size * 2 * workers)
        if workers > 1 and len(first) > batch_size:
            pool = _pool(workers, _pool_context())
        ahead = [first[i : i + batch_size] for i in range(0, len(first), batch_size)]
        window = 2 * workers if pool else 1
        while True:
            while len(in_flight) < window and (
                batch := ahead.pop(0) if ahead else store.pending_pages(batch_size, busy)
            ):
                busy.update(p.id for p in batch)
                job = task(batch)
                in_flight.append(
                    (batch, pool.submit(_extract_task, job) if pool else _extract_task(job))
                )
            if not in_flight:
                break
            batch, got = in_flight.popleft()
            results = got.result() if isinstance(got, Future) else got
            with store.transaction():
                for page, (res, prints) in zip(batch, results, strict=True):
                    if isinstance(res, Rejection):
                        store.add_rejection(res, page.id)
                        summary.rejected.append(res)
                    else:
                        store.add_article(res, prints)
            busy.difference_update(p.id for p in batch)
            progress("extract", len(batch))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


class _Texts:
    """Articles and their paragraphs' matching tokens, each read and tokenised once a batch."""

    def __init__(self, store: Store, ids: Sequence[str]) -> None:
        self.store = store
        self.arts = store.articles(ids)
        self.ptoks: dict[str, list[Sequence[str]]] = {}

    def article(self, aid: str) -> Article:
        if aid not in self.arts:
            self.arts.update(self.store.articles([aid]))
        return self.arts[aid]

    def tokens(self, aid: str) -> list[Sequence[str]]:
        if aid not in self.ptoks:
            self.ptoks[aid] = paragraph_tokens(self.article(aid))
        return self.ptoks[aid]


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
        for other in ranked(aid):
            pair = (min(aid, other), max(aid, other))
            if pair in done or groups.find(aid) == groups.find(other):
                continue
            done.add(pair)
            a, b = pair
            lk = verify(article(a), article(b), tokens(a), tokens(b), shingled(a), shingled(b))
            if lk.relation != "unrelated":
                links.append(lk)
            if lk.relation in GROUPING_RELATIONS:
                groups.union(lk.a, lk.b)
    return links


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
    pending = store.articles_at_stage(0)
    index = _memory_index(store, len(pending))
    if index is not None:
        _match_in_memory(store, index, pending, groups, batch_size, progress, workers)
        return
    store.index_fingerprints()
    while ids := store.articles_at_stage(0, batch_size):
        texts = _Texts(store, ids)
        ranked = partial(_ranked_candidates, store, store.fingerprint_counts(ids))
        links = verify_candidates(ids, ranked, groups, texts.article, texts.tokens)
        with store.transaction():
            store.add_links(links)
            store.set_stage(ids, 1)
        progress("match", len(ids))


# What a forked worker inherits from the stage that forked it (the index in memory, the
# articles): read, never written, so the pages stay shared with the parent.
_SHARED: dict[str, Any] = {}
RANK_CHUNK = 2048  # articles ranked per task


def _worker_store() -> Store:
    """The store, through this process's own connection when it is a forked worker (a forked
    process never uses its parent's)."""
    if os.getpid() == _SHARED["pid"]:
        return cast(Store, _SHARED["store"])
    st = _SHARED.get("own_store")
    if st is None:
        st = _SHARED["own_store"] = _SHARED["store"].reopen()
    return cast(Store, st)


def _rank_task(rows: list[int]) -> list[np.ndarray]:
    index: CandidateIndex = _SHARED["index"]
    return [index.ranked_rows(r, MAX_POSTINGS).astype(np.int32) for r in rows]


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


def _forked_pool(store: Store, workers: int, **shared: Any) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` processes forked now, so that they share ``shared`` with this one
    (copy-on-write) and each opens its own connection to ``store``; None where one process is
    asked for, where the platform cannot fork, or where the store cannot be opened twice (an
    in-memory SQLite). The work is the same either way: only where it runs changes."""
    _SHARED.clear()
    _SHARED.update(shared, store=store, pid=os.getpid())
    if workers < 2 or sys.platform != "linux" or not store.can_reopen():
        return None
    return _pool(workers, get_context("fork"))


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
    and its articles' stage together: a fold killed between two resumes with the next."""
    pool = _forked_pool(store, workers, index=index)
    try:
        rows = sorted(index.row[a] for a in pending if a in index)
        chunks = [rows[i : i + RANK_CHUNK] for i in range(0, len(rows), RANK_CHUNK)]
        ranked_rows: dict[int, np.ndarray] = {}
        ranking = (pool.map if pool else map)(_rank_task, chunks)
        # the index in memory came from the articles' own fingerprints: the store's postings,
        # which later folds query, are written here while the workers rank
        store.index_fingerprints()
        for chunk, got in zip(chunks, ranking, strict=True):
            ranked_rows.update(zip(chunk, got, strict=True))
        # connected sets of candidates, each listed by its pending rows (in id order)
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
        for (order, _, _), links in zip(
            tasks, (pool.map if pool else map)(_verify_task, tasks), strict=True
        ):
            with store.transaction():
                store.add_links(links)
                store.set_stage(order, 1)
            for lk in links:
                if lk.relation in GROUPING_RELATIONS:
                    groups.union(lk.a, lk.b)
            progress("match", len(order))
        # articles with no fingerprints (a text too short to shingle) have no candidates
        rest = [a for a in pending if a not in index]
        with store.transaction():
            store.set_stage(rest, 1)
        progress("match", len(rest))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _SHARED.clear()


STORY_CHUNK = 32  # events built per task
UNIT_CHUNK = 256  # copy groups summarised per task


def _members_key(members: Sequence[str]) -> str:
    return hashlib.sha1("\n".join(sorted(members)).encode()).hexdigest()


def _units_task(gids: list[str]) -> list[EventUnit]:
    """What the event assignment sees of each copy group in ``gids``, from the articles read
    by this process."""
    groups: dict[str, list[str]] = _SHARED["groups"]
    arts = _worker_store().articles([m for g in gids for m in groups[g]])
    return [event_unit(g, [arts[m] for m in groups[g]]) for g in gids]


def _story_task(events: list[list[str]]) -> list[Story]:
    """The stories of ``events`` (each a list of copy groups), from the articles and the links
    between them read by this process."""
    groups: dict[str, list[str]] = _SHARED["groups"]
    stored: set[str] = _SHARED["ids"]
    store = _worker_store()
    arts = store.articles([m for event in events for g in event for m in groups[g]])
    out: list[Story] = []
    for event in events:
        members = sorted(m for gid in event for m in groups[gid])
        links = [lk for lk in store.links_of(members) if lk.a in stored and lk.b in stored]
        out.append(build_event_story({gid: [arts[m] for m in groups[gid]] for gid in event}, links))
    return out


def _remember_embed(store: Store, embed: bool) -> None:
    if embed and store.setting("embed") != "1":
        with store.transaction():
            store.set_setting("embed", "1")


def _embedder(store: Store, embed: bool) -> Embedder | None:
    """Sentence embeddings for the event assignment, where this fold asks for them or the
    store was folded with them before (the store keeps using them: a fold without them would
    regroup its stories); their vectors are kept in the store."""
    _remember_embed(store, embed)
    if store.setting("embed") != "1":
        return None
    from .embed import StoredEmbedder, load_embedder  # the extra only where it is used

    return StoredEmbedder(load_embedder(), store)


def build_pending_stories(
    store: Store, progress: Progress, workers: int = 1, embed: bool = False
) -> None:
    """Group copy groups into events and (re)build the stories that changed.

    The event assignment runs over every copy group in the store (``events.assign_events`` is a
    pure, order-free function), so a new batch joins the stories it reports on or opens new ones,
    and the stories are the same whatever the order or batching of the input. A story whose
    members did not change keeps its stored id and text; one that gains or loses members is
    rebuilt, and its old id lives on as an alias. The copy groups' summaries and the stories are
    made in ``workers`` processes, each reading the articles it needs; this one assigns events
    and writes. ``embed``: weigh sentence embeddings in the assignment (extra ``[embed]``), from
    now on for this store.
    """
    pending = set(store.articles_at_stage(1))
    if not pending:
        _remember_embed(store, embed)  # for the folds to come; no model to load now
        return
    embedder = _embedder(store, embed)
    ids = store.all_article_ids()
    groups = copy_groups(ids, store.links(["identical", "copy"]))
    current = store.story_of(ids)
    held: dict[str, set[str]] = {}
    for aid, sid in current.items():
        held.setdefault(sid, set()).add(aid)
    gids = list(groups)
    pool = _forked_pool(
        store, workers if len(gids) > UNIT_CHUNK else 1, groups=groups, ids=set(ids)
    )
    built: dict[str, Story] = {}
    try:
        run = pool.map if pool else map
        # a copy group's summary is made once, and again only when its members change
        keys = {g: _members_key(groups[g]) for g in gids}
        kept = store.event_units()
        cached = {g: u for g, (key, u) in kept.items() if keys.get(g) == key}
        todo_units = [g for g in gids if g not in cached]
        parts = [todo_units[i : i + UNIT_CHUNK] for i in range(0, len(todo_units), UNIT_CHUNK)]
        made = {u.id: u for part in run(_units_task, parts) for u in part}
        if made or len(kept) != len(cached):
            with store.transaction():
                store.put_event_units(((keys[g], u) for g, u in made.items()), set(gids))
        units = [cached.get(g) or made[g] for g in gids]
        todo: list[tuple[list[str], set[str], int]] = []  # (copy groups, old story ids, articles)
        placed: dict[str, str] = {}  # article -> the story it is in once this pass is done
        for event in assign_events(units, embedder):
            members = sorted(m for gid in event for m in groups[gid])
            old = {current[m] for m in members if m in current}
            sid = story_id(members)
            # kept as it is: one old story of these very members, under the id they give (so
            # that no two events of this pass ever name one story)
            unchanged = old == {sid} and held[sid] == set(members)
            if not pending & set(members) and unchanged:
                placed.update(dict.fromkeys(members, sid))
                continue
            placed.update(dict.fromkeys(members, sid))
            todo.append((event, old, len(members)))
        # Ids that name a story after this pass are never deleted by it: an event rebuilt into
        # a story keeping an old id X is written once, and a later event that drew articles
        # from the old X leaves it alone. An old id that does not live on is retired when the
        # first event drawing on it is written, as an alias of the story that holds most of
        # its articles at the end of the pass (whatever the order events are written in).
        live = set(placed.values())
        retired: set[str] = set()
        chunks = [todo[i : i + STORY_CHUNK] for i in range(0, len(todo), STORY_CHUNK)]
        tasks = [[event for event, _, _ in chunk] for chunk in chunks]
        for chunk, stories in zip(chunks, run(_story_task, tasks), strict=True):
            with store.transaction():
                for (_, old, _), story in zip(chunk, stories, strict=True):
                    assert placed[story.members[0].article] == story.id, story.id
                    gone = sorted(old - live - retired)
                    store.retire_stories({sid: held[sid] for sid in gone}, placed)
                    retired.update(gone)
                    store.write_stories([story])
                    built[story.id] = story
            progress("stories", sum(n for _, _, n in chunk))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _SHARED.clear()
    # the pending articles leave stage 1 only with the related lists that include their stories:
    # a fold killed before this commit redoes the stories (same result) and then this
    rest = store.stories([sid for sid in store.story_ids() if sid not in built])
    every = [*built.values(), *rest]
    related = related_stories(every)
    with store.transaction():
        store.set_related([(s.id, related[s.id]) for s in every if s.related != related[s.id]])
        store.set_stage(sorted(pending), 2)


def fold(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    outlet: str | None = None,
    limits: Limits | None = None,
    batch_size: int = 256,
    progress: Progress | None = None,
    workers: int | None = None,
    embed: bool = False,
    on_wait: OnWait | None = None,
) -> FoldSummary:
    """Ingest ``paths``, extract articles, find copies and build stories, all into ``store``,
    then check the store's invariants (``newsfold.invariant``), repairing what breaks them:
    ``summary.invariant`` says what was found.
    ``embed``: assign events with sentence embeddings too (extra ``[embed]``; the store keeps
    using them).
    ``workers``: processes for extraction, matching and stories (default: one per core, up to
    ``MAX_WORKERS``); the result is the same with any number.
    ``on_wait``: told (a line) when the fold waits for another fold of the store to finish."""
    progress = progress or _noop
    summary = FoldSummary()
    n = workers or default_workers()
    with store.fold_lock(on_wait):
        ingest(
            store, read_paths(paths, outlet, limits, summary.read), summary, batch_size, progress
        )
        # one fold at a time works through what is pending; pages go in without waiting for it
        with store.processing(on_wait):
            extract_pending(store, summary, batch_size, progress, n)
            match_pending(store, batch_size, progress, n)
            build_pending_stories(store, progress, n, embed)
            summary.invariant = _check_locked(store, repair_found=True, workers=n)
    summary.counts = store.counts()
    return summary


def extract_pages(
    paths: Iterable[str | os.PathLike[str]],
    *,
    outlet: str | None = None,
    url: str | None = None,
    fetched_at: str | None = None,
    limits: Limits | None = None,
) -> Iterator[Article | Rejection]:
    """Articles of the pages under ``paths`` without storing anything. Templates are learnt
    from these pages alone, so a single page is extracted on general cues only."""
    pages: list[Page] = []
    for x in read_paths(paths, outlet, limits):
        if isinstance(x, Rejection):
            yield x
            continue
        if isinstance(x, FeedTeaser):
            continue  # a teaser holds no article
        if url or fetched_at:
            new_url = url or x.url
            new_outlet = outlet_from_url(new_url) or x.outlet
            x = replace(
                x,
                id=page_id(x.kind, x.content, new_url, new_outlet),
                url=new_url,
                outlet=new_outlet,
                fetched_at=fetched_at or x.fetched_at,
            )
        pages.append(x)
    stats = TemplateStats.learn((p.outlet, page_lines(p)) for p in pages)
    for p in pages:
        yield extract_page(p, stats.for_outlet(p.outlet))
