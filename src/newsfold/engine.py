"""The local engine: runs the stages over batches and keeps their results in the store.

Each step works from what the store says is pending, in transactions of one batch, so a fold that
is killed can simply be run again: pages already stored are skipped, and the work left pending is
done. Stages themselves (extract, fingerprint, verify, group, merge) are pure functions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from .compare import paragraph_tokens
from .copies import MAX_POSTINGS, copy_groups, is_candidate, verify
from .extract import extract_page, page_lines
from .extract.templates import TemplateStats, page_line_keys
from .fingerprint import fingerprints_batch
from .ingest import Limits, ReadStats, outlet_from_url, page_id, read_paths
from .normalize import tokens
from .records import Article, Link, Page, Rejection
from .store import SQLiteStore
from .stories import build_story

Progress = Callable[[str, int], None]  # (stage, items done in this step)


@dataclass(slots=True)
class FoldSummary:
    added: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    read: ReadStats = field(default_factory=ReadStats)  # records read that are not pages

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
        }


def _noop(stage: str, n: int) -> None:
    return None


def ingest(
    store: SQLiteStore,
    items: Iterable[Page | Rejection],
    summary: FoldSummary,
    batch_size: int,
    progress: Progress,
) -> None:
    batch: list[Page | Rejection] = []

    def flush() -> None:
        with store.transaction():
            known = store.known_pages([x.id for x in batch if isinstance(x, Page)])
            for x in batch:
                if isinstance(x, Rejection):
                    store.add_rejection(x)
                    summary.rejected.append(x)
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


def extract_pending(
    store: SQLiteStore, summary: FoldSummary, batch_size: int, progress: Progress
) -> None:
    while pages := store.pending_pages(batch_size):
        templates = {o: store.template(o) for o in {p.outlet for p in pages}}
        results = [extract_page(p, templates.get(p.outlet)) for p in pages]
        arts = [r for r in results if isinstance(r, Article)]
        prints = dict(
            zip(
                (a.id for a in arts),
                fingerprints_batch([tokens(a.body) for a in arts]),
                strict=True,
            )
        )
        with store.transaction():
            for page, res in zip(pages, results, strict=True):
                if isinstance(res, Rejection):
                    store.add_rejection(res, page.id)
                    summary.rejected.append(res)
                else:
                    store.add_article(res, prints[res.id].tolist())
        progress("extract", len(pages))


def match_pending(store: SQLiteStore, batch_size: int, progress: Progress) -> None:
    """Verify every candidate pair that involves an article not matched yet."""
    while ids := store.articles_at_stage(0, batch_size):
        pairs: set[tuple[str, str]] = set()
        sizes = store.fingerprint_counts(ids)
        for aid in ids:
            shared = store.candidates(store.fingerprints_of(aid), MAX_POSTINGS)
            others = store.fingerprint_counts([o for o in shared if o not in sizes])
            sizes.update(others)
            for other, n in shared.items():
                if other != aid and is_candidate(n, sizes[aid], sizes[other]):
                    pairs.add((min(aid, other), max(aid, other)))
        needed = sorted({x for p in pairs for x in p})
        arts = store.articles(needed)
        ptoks = {aid: paragraph_tokens(a) for aid, a in arts.items()}
        links: list[Link] = []
        for a, b in sorted(pairs):
            lk = verify(arts[a], arts[b], ptoks[a], ptoks[b])
            if lk.relation != "unrelated":
                links.append(lk)
        with store.transaction():
            store.add_links(links)
            store.set_stage(ids, 1)
        progress("match", len(ids))


def build_pending_stories(store: SQLiteStore, progress: Progress) -> None:
    pending = set(store.articles_at_stage(1))
    if not pending:
        return
    groups = copy_groups(store.all_article_ids(), store.links(["identical", "copy"]))
    touched = [(gid, members) for gid, members in sorted(groups.items()) if pending & set(members)]
    for gid, members in touched:
        arts = store.articles(members)
        links = [lk for lk in store.links_of(members) if lk.a in arts and lk.b in arts]
        story = build_story(gid, [arts[m] for m in members], links)
        old = set(store.story_of(members).values())
        with store.transaction():
            store.replace_stories(old, [story])
            store.set_stage(members, 2)
        progress("stories", len(members))


def fold(
    paths: Iterable[str | os.PathLike[str]],
    store: SQLiteStore,
    *,
    outlet: str | None = None,
    limits: Limits | None = None,
    batch_size: int = 256,
    progress: Progress | None = None,
) -> FoldSummary:
    """Ingest ``paths``, extract articles, find copies and build stories, all into ``store``."""
    progress = progress or _noop
    summary = FoldSummary()
    ingest(store, read_paths(paths, outlet, limits, summary.read), summary, batch_size, progress)
    extract_pending(store, summary, batch_size, progress)
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
