"""Module-level shortcuts over the library, in the manner of ``httpx.get``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .compare import compare_articles
from .engine import FoldSummary, Progress, default_workers, extract_pages
from .engine import fold as _fold
from .errors import InputError
from .extract import extract_page
from .ingest import Limits, outlet_from_url, page_id
from .invariant import CheckReport
from .invariant import check as _check
from .records import Article, Page, PageKind, Rejection
from .store import OnWait, Store, open_store


def extract_text(
    content: str,
    *,
    kind: PageKind = "text",
    url: str | None = None,
    outlet: str | None = None,
    fetched_at: str | None = None,
    source: str = "<text>",
) -> Article:
    """The article in one page given as a string (a text dump, or HTML with ``kind="html"``).

    Raises ``InputError`` when the page holds no article."""
    outlet = outlet_from_url(url) or outlet
    page = Page(page_id(kind, content, url, outlet), source, kind, content, url, outlet, fetched_at)
    result = extract_page(page)
    if isinstance(result, Rejection):
        raise InputError(result.source, result.reason, result.message)
    return result


def extract(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    outlet: str | None = None,
    url: str | None = None,
    fetched_at: str | None = None,
    limits: Limits | None = None,
) -> Iterator[Article | Rejection]:
    """Articles (or rejections) of every page under ``paths``, without storing them."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    yield from extract_pages(paths, outlet=outlet, url=url, fetched_at=fetched_at, limits=limits)


def compare(a: Article | str, b: Article | str) -> dict[str, object]:
    """Relation, containment and classified edits between two articles (or two page texts)."""
    art_a = a if isinstance(a, Article) else extract_text(a, source="<a>")
    art_b = b if isinstance(b, Article) else extract_text(b, source="<b>")
    return compare_articles(art_a, art_b)


def fold(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    db: str | Path | Store = "newsfold.db",
    *,
    outlet: str | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
    batch_size: int = 256,
    workers: int | None = None,
    embed: bool = False,
    on_wait: OnWait | None = None,
) -> FoldSummary:
    """Fold the pages under ``paths`` into the store ``db`` (a path, URL or open store). Each
    stage commits every ``batch_size`` pages: a fold stopped at any moment keeps what it
    committed, and the same call again completes it. ``workers``: processes (default: one per
    core); the result does not depend on it. ``embed``: assign events with sentence embeddings
    too (extra ``[embed]``); the store keeps using them. ``on_wait``: told (a line) when the fold
    waits for another fold of the store to finish. The store's invariants are checked at the
    end, and what breaks them repaired (``summary.invariant``)."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    if isinstance(db, Store):
        return _fold(
            paths,
            db,
            outlet=outlet,
            limits=limits,
            progress=progress,
            batch_size=batch_size,
            workers=workers,
            embed=embed,
            on_wait=on_wait,
        )
    with open_store(db) as store:
        return _fold(
            paths,
            store,
            outlet=outlet,
            limits=limits,
            progress=progress,
            batch_size=batch_size,
            workers=workers,
            embed=embed,
            on_wait=on_wait,
        )


def check(
    db: str | Path | Store = "newsfold.db",
    *,
    repair: bool = False,
    workers: int | None = None,
    on_wait: OnWait | None = None,
) -> CheckReport:
    """Check the store's invariants (``newsfold.invariant``): every article that reached the
    stories stage is in exactly one story, every story's members exist and match its list,
    copy groups and stories agree, aliases name stored stories. With ``repair``, what breaks
    them is rebuilt and checked again. Waits for a fold of the store in progress (``on_wait``
    is told)."""
    if isinstance(db, Store):
        return _check(db, repair, workers or default_workers(), on_wait)
    with open_store(db) as store:
        return _check(store, repair, workers or default_workers(), on_wait)
