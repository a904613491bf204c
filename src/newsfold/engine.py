"""The local engine: runs the stages over batches and keeps their results in the store.

Each step works from what the store says is pending, in transactions of one batch, so a fold that
is killed can simply be run again: pages already stored are skipped, and the work left pending is
done. Stages themselves (extract, fingerprint, verify, group, merge) are pure functions.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from multiprocessing import get_context
from multiprocessing.context import BaseContext

from .compare import paragraph_tokens
from .copies import (
    GROUPING_RELATIONS,
    MAX_POSTINGS,
    UnionFind,
    copy_groups,
    is_candidate,
    verify,
)
from .events import assign_events
from .extract import extract_page, page_lines
from .extract.templates import OutletTemplate, TemplateStats, page_line_keys
from .fingerprint import fingerprints_batch
from .ingest import Limits, ReadItem, ReadStats, outlet_from_url, page_id, read_paths
from .normalize import tokens
from .records import Article, FeedTeaser, Link, Page, Rejection
from .related import related_stories
from .store import Store
from .stories import build_event_story, event_unit

Progress = Callable[[str, int], None]  # (stage, items done in this step)
MAX_WORKERS = 8  # extraction processes by default: one per core, up to this many


@dataclass(slots=True)
class FoldSummary:
    added: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    read: ReadStats = field(default_factory=ReadStats)  # records read that are not pages
    teasers: int = 0  # summary-only feed items read in this run
    teasers_added: int = 0  # of which the store did not hold yet

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
            for x in batch:
                if isinstance(x, Rejection):
                    store.add_rejection(x)
                    summary.rejected.append(x)
                elif isinstance(x, FeedTeaser):
                    summary.teasers += 1
                    summary.teasers_added += store.add_teaser(x)
                elif x.id not in known and store.add_page(x, page_line_keys(page_lines(x))):
                    known.add(x.id)
                    summary.added += 1
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
    process: the local engine's workers, or another engine's."""
    results = [extract_page(p, templates.get(p.outlet)) for p in pages]
    arts = [r for r in results if isinstance(r, Article)]
    prints = iter(fingerprints_batch([tokens(a.body) for a in arts]))
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
    ``workers`` > 1, batches are extracted in that many processes while this one writes; a
    store with too few pending pages to share is extracted here."""
    pool: ProcessPoolExecutor | None = None
    try:
        while pages := store.pending_pages(batch_size * max(1, workers) * 2):
            templates = {o: store.template(o) for o in {p.outlet for p in pages}}
            batches = [pages[i : i + batch_size] for i in range(0, len(pages), batch_size)]
            tasks = [(b, {o: templates[o] for o in {p.outlet for p in b}}) for b in batches]
            if workers > 1 and len(batches) > 1 and pool is None:
                pool = ProcessPoolExecutor(workers, mp_context=_pool_context())
            done: Iterable[Extracted] = (
                pool.map(_extract_task, tasks) if pool else map(_extract_task, tasks)
            )
            for batch, results in zip(batches, done, strict=True):
                with store.transaction():
                    for page, (res, prints) in zip(batch, results, strict=True):
                        if isinstance(res, Rejection):
                            store.add_rejection(res, page.id)
                            summary.rejected.append(res)
                        else:
                            store.add_article(res, prints)
                progress("extract", len(batch))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


class _Texts:
    """Articles and their paragraphs' matching tokens, each read and tokenised once a batch."""

    def __init__(self, store: Store, ids: Sequence[str]) -> None:
        self.store = store
        self.arts = store.articles(ids)
        self.ptoks: dict[str, list[list[str]]] = {}

    def article(self, aid: str) -> Article:
        if aid not in self.arts:
            self.arts.update(self.store.articles([aid]))
        return self.arts[aid]

    def tokens(self, aid: str) -> list[list[str]]:
        if aid not in self.ptoks:
            self.ptoks[aid] = paragraph_tokens(self.article(aid))
        return self.ptoks[aid]


def verify_candidates(
    order: Iterable[str],
    ranked: Callable[[str], Iterable[str]],
    groups: UnionFind,
    article: Callable[[str], Article],
    tokens: Callable[[str], list[list[str]]],
) -> list[Link]:
    """The links found verifying each article's candidates (``ranked``: best first), article
    by article in ``order``. A pair verified already, or already in one copy group, is skipped;
    ``groups`` grows with every copy link. Pure: the local engine runs it over its batches, the
    Spark engine over each connected set of candidates (groups never join across those sets)."""
    done: set[tuple[str, str]] = set()
    links: list[Link] = []
    for aid in order:
        for other in ranked(aid):
            pair = (min(aid, other), max(aid, other))
            if pair in done or groups.find(aid) == groups.find(other):
                continue
            done.add(pair)
            a, b = pair
            lk = verify(article(a), article(b), tokens(a), tokens(b))
            if lk.relation != "unrelated":
                links.append(lk)
            if lk.relation in GROUPING_RELATIONS:
                groups.union(lk.a, lk.b)
    return links


def _ranked_candidates(store: Store, sizes: dict[str, int], aid: str) -> list[str]:
    """The candidates of ``aid`` in the store, most fingerprints shared first."""
    shared = store.candidates(store.fingerprints_of(aid), MAX_POSTINGS)
    sizes.update(store.fingerprint_counts([o for o in shared if o not in sizes]))
    ranked = sorted(
        (-n, other)
        for other, n in shared.items()
        if other != aid and is_candidate(n, sizes[aid], sizes[other])
    )
    return [other for _, other in ranked]


def match_pending(store: Store, batch_size: int, progress: Progress) -> None:
    """Verify the candidates of every article not matched yet, best candidate first.

    A candidate already in the article's copy group (through a copy link verified before) is
    not verified again: the link would join nothing new. Groups are the connected components
    of copy links, and every link skipped lies inside a component, so the groups are those of
    verifying every candidate, whatever the order; a story told by a hundred outlets costs a
    few verifications per copy instead of a hundred."""
    groups = UnionFind()
    for lk in store.links(list(GROUPING_RELATIONS)):
        groups.union(lk.a, lk.b)
    while ids := store.articles_at_stage(0, batch_size):
        sizes = store.fingerprint_counts(ids)
        texts = _Texts(store, ids)

        ranked = partial(_ranked_candidates, store, sizes)
        links = verify_candidates(ids, ranked, groups, texts.article, texts.tokens)
        with store.transaction():
            store.add_links(links)
            store.set_stage(ids, 1)
        progress("match", len(ids))


def build_pending_stories(store: Store, progress: Progress) -> None:
    """Group copy groups into events and (re)build the stories that changed.

    The event assignment runs over every copy group in the store (``events.assign_events`` is a
    pure, order-free function), so a new batch joins the stories it reports on or opens new ones,
    and the stories are the same whatever the order or batching of the input. A story whose
    members did not change keeps its stored id and text; one that gains or loses members is
    rebuilt, and its old id lives on as an alias.
    """
    pending = set(store.articles_at_stage(1))
    if not pending:
        return
    ids = store.all_article_ids()
    groups = copy_groups(ids, store.links(["identical", "copy"]))
    arts = store.articles(ids)
    units = [event_unit(gid, [arts[m] for m in members]) for gid, members in groups.items()]
    current = store.story_of(ids)
    held: dict[str, set[str]] = {}
    for aid, sid in current.items():
        held.setdefault(sid, set()).add(aid)
    for event in assign_events(units):
        members = sorted(m for gid in event for m in groups[gid])
        old = {current[m] for m in members if m in current}
        if not pending & set(members) and len(old) == 1 and held[next(iter(old))] == set(members):
            continue
        links = [lk for lk in store.links_of(members) if lk.a in arts and lk.b in arts]
        story = build_event_story({gid: [arts[m] for m in groups[gid]] for gid in event}, links)
        with store.transaction():
            store.replace_stories(old, [story])
        progress("stories", len(members))
    # the pending articles leave stage 1 only with the related lists that include their stories:
    # a fold killed before this commit redoes the stories (same result) and then this
    stories = store.stories()
    related = related_stories(stories)
    with store.transaction():
        for s in stories:
            if s.related != related[s.id]:
                s.related = related[s.id]
                store.replace_stories([s.id], [s])
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
) -> FoldSummary:
    """Ingest ``paths``, extract articles, find copies and build stories, all into ``store``.
    ``workers``: extraction processes (default: one per core, up to ``MAX_WORKERS``)."""
    progress = progress or _noop
    summary = FoldSummary()
    ingest(store, read_paths(paths, outlet, limits, summary.read), summary, batch_size, progress)
    # one fold at a time works through what is pending; pages go in without waiting for it
    with store.processing():
        extract_pending(store, summary, batch_size, progress, workers or default_workers())
        match_pending(store, batch_size, progress)
        build_pending_stories(store, progress)
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
