"""The local engine: runs the pipeline's stages (``newsfold.pipeline.STAGES``) over batches and
keeps their results in the store.

Each stage works from what the store says is pending, in transactions of one batch, so a fold
that is killed can simply be run again: pages already stored are skipped, and the work left
pending is done. The steps themselves (extract, fingerprint, verify, group, merge) are pure
functions (``newsfold.steps`` and the stages' packages); ``run/pool.py`` runs them in worker
processes."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field, replace

from ...extract import extract_page, page_lines
from ...extract.templates import (
    OutletTemplate,
    TemplateStats,
    fewest_pages,
    line_key,
    page_line_keys,
)
from ...memo import TextMemo
from ...pipeline import Progress, StageSpec, walk
from ...read.files import ReadItem, read_paths
from ...read.limits import Limits
from ...read.pages import outlet_from_url, page_id
from ...records import Article, FeedTeaser, FoldSummary, Page, Rejection
from ...steps import Extracted, extract_batch
from ...store import OnWait, Store
from ..pool import _pool, _pool_context, default_workers
from .check import _check_locked
from .match import match_pending
from .stories import build_pending_stories


def _noop(stage: str, n: int) -> None:
    return None


# Each distinct line's template key, made once a process: an outlet's chrome is on most of its
# pages (70% of the lines of generated pages are lines met before), and a look-up costs a third
# of folding and hashing the line again. Bounded as every memo of texts is (``memo.TextMemo``):
# some 8 MB of lines at most.
_LINE_KEYS: TextMemo[int] = TextMemo(1 << 16, 1 << 23)


def _line_key(line: str) -> int:
    """``templates.line_key`` through ``_LINE_KEYS``."""
    key = _LINE_KEYS.get(line)
    return key if key is not None else _LINE_KEYS.keep(line, line_key(line))


def _page_line_keys(page: Page) -> set[int]:
    """``templates.page_line_keys(page_lines(page))``, each line's key through ``_LINE_KEYS``."""
    return page_line_keys(page_lines(page), _line_key)


def _line_keys_task(pages: list[Page]) -> list[set[int]]:
    """The distinct line keys of each page (its outlet's template counts them)."""
    return [_page_line_keys(p) for p in pages]


def ingest(
    store: Store,
    items: Iterable[ReadItem],
    summary: FoldSummary,
    batch_size: int,
    progress: Progress,
    workers: int = 1,
) -> None:
    """Store what ``items`` holds, a batch of ``batch_size`` a transaction: pages (new ones
    only: the first copy of a page read twice wins), rejections and feed teasers. A page's
    line keys (for its outlet's template; a page with no outlet has no template to count
    towards) are made in ``workers`` processes while the next batches are read; the batches
    are written in the order they were read, each checking again which of its pages are new,
    so the store is the same with any number of workers."""
    pool: ProcessPoolExecutor | None = None
    window = 2 * workers  # batches whose keys are being made while more are read
    in_flight: deque[tuple[list[ReadItem], list[Page], Future[list[set[int]]] | None]] = deque()

    def submit(batch: list[ReadItem]) -> None:
        nonlocal pool
        known = store.known_pages([x.id for x in batch if isinstance(x, Page)])
        new: dict[str, Page] = {}
        for x in batch:
            if isinstance(x, Page) and x.id not in known and x.outlet:
                new.setdefault(x.id, x)
        keyed = list(new.values())
        if pool is None and workers > 1 and in_flight:  # a second batch: worth the workers
            pool = _pool(workers, _pool_context())
        job = pool.submit(_line_keys_task, keyed) if pool and keyed else None
        in_flight.append((batch, keyed, job))
        # without workers each batch is written at once; with them, the first waits for the
        # second (which starts them) and then a window of batches is in flight
        while len(in_flight) > (window if pool else 1 if workers > 1 else 0):
            write(*in_flight.popleft())

    def write(batch: list[ReadItem], keyed: list[Page], job: Future[list[set[int]]] | None) -> None:
        keys = dict(zip((p.id for p in keyed), job.result(), strict=True)) if job else {}
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
            added = store.add_pages((p, _keys_of(p, keys)) for p in new.values())
            summary.added += len(added)
        progress("read", len(batch))

    batch: list[ReadItem] = []
    read = iter(items)
    try:
        while True:
            try:
                item = next(read)
            except StopIteration:
                break
            except Exception:  # what was read before stays stored, as it does without workers
                while in_flight:
                    write(*in_flight.popleft())
                raise
            batch.append(item)
            if len(batch) >= batch_size:
                submit(batch)
                batch = []
        if batch:
            submit(batch)
        while in_flight:
            write(*in_flight.popleft())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _keys_of(page: Page, made: dict[str, set[int]]) -> set[int]:
    """``page``'s line keys: made ahead where they were, none without an outlet (its lines
    count towards no template)."""
    if not page.outlet:
        return set()
    got = made.get(page.id)
    return got if got is not None else _page_line_keys(page)


def _extract_task(args: tuple[list[Page], dict[str | None, OutletTemplate | None]]) -> Extracted:
    return extract_batch(*args)


def stored_template(store: Store, outlet: str | None) -> OutletTemplate | None:
    """The template learnt from the pages the store holds of ``outlet`` (None for none)."""
    return OutletTemplate.from_counts(store.template_counts(outlet, fewest_pages))


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
            templates[o] = stored_template(store, o)
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


@dataclass(slots=True)
class _Fold:
    """One local fold as its stages see it."""

    store: Store
    paths: Iterable[str | os.PathLike[str]]
    outlet: str | None
    limits: Limits | None
    batch_size: int
    progress: Progress
    workers: int
    embed: bool
    summary: FoldSummary = field(default_factory=FoldSummary)
    locked: bool = False  # holds the store's processing lock


def _read(f: _Fold) -> None:
    items = read_paths(f.paths, f.outlet, f.limits, f.summary.read)
    ingest(f.store, items, f.summary, f.batch_size, f.progress, f.workers)


def _extract(f: _Fold) -> None:
    extract_pending(f.store, f.summary, f.batch_size, f.progress, f.workers)


def _match(f: _Fold) -> None:
    match_pending(f.store, f.batch_size, f.progress, f.workers)


def _stories(f: _Fold) -> None:
    build_pending_stories(f.store, f.progress, f.workers, f.embed)


# the runner of each stage of ``newsfold.pipeline.STAGES``, which ``fold`` walks in order
RUNNERS: dict[str, Callable[[_Fold], None]] = {
    "read": _read,
    "extract": _extract,
    "match": _match,
    "stories": _stories,
}


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
    """Ingest ``paths``, extract articles, find copies and build stories, all into ``store``
    (the pipeline's stages in order: ``RUNNERS``), then check the store's invariants
    (``run.local.check``), repairing what breaks them: ``summary.invariant`` says what was found.
    ``embed``: assign events with sentence embeddings too (extra ``[embed]``; the store keeps
    using them).
    ``workers``: processes for extraction, matching and stories (default: one per core, up to
    ``MAX_WORKERS``); the result is the same with any number.
    ``on_wait``: told (a line) when the fold waits for another fold of the store to finish."""
    n = workers or default_workers()
    f = _Fold(store, paths, outlet, limits, batch_size, progress or _noop, n, embed)
    with store.fold_lock(on_wait), ExitStack() as held:

        def before(stage: StageSpec) -> None:
            # one fold at a time works through what is pending; pages go in without waiting
            if stage.exclusive and not f.locked:
                held.enter_context(store.processing(on_wait))
                f.locked = True

        walk(RUNNERS, f, "local", before)
        f.summary.invariant = _check_locked(store, repair_found=True, workers=n)
    f.summary.counts = store.counts()
    return f.summary


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
