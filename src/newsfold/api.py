"""The library's one front door: module-level shortcuts in the manner of ``httpx.get``. The CLI
and the HTTP server call these and nothing deeper (``tests/test_architecture.py`` holds them to
it)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import InputError
from .extract import article_id, extract_page
from .match.compare import compare_articles
from .pipeline import Progress
from .read.files import read_jsonl
from .read.inputs import source_name
from .read.limits import Limits
from .read.pages import make_page
from .records import Article, CheckReport, FoldSummary, Page, PageKind, Rejection
from .run.local import extract_pages
from .run.local import fold as _fold
from .run.local import ingest as _ingest
from .run.local.check import check as _check
from .run.pool import default_workers
from .store import OnWait, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "FoldSummary",
    "Limits",
    "Progress",
    "Store",
    "__version__",
    "check",
    "compare",
    "extract",
    "extract_text",
    "fold",
    "fold_records",
    "open_store",
    "read_record",
    "rejected_under",
    "resolve",
]


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

    The page passes the input sanitiser as every read page does (``read.pages.make_page``).
    Raises ``InputError`` when the page holds no article."""
    page = make_page(source, kind, content, url, outlet, fetched_at)
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


def compare(
    a: Article | Page | str, b: Article | Page | str, *, store: Store | None = None
) -> dict[str, object]:
    """Relation, containment and classified edits between two articles. Each side is an
    ``Article``, a ``Page`` (extracted), or a string: the id of an article in ``store`` when
    one is given, else a page's text."""
    art_a, art_b = (_side(x, name, store) for x, name in ((a, "<a>"), (b, "<b>")))
    return compare_articles(art_a, art_b)


def _side(x: Article | Page | str, name: str, store: Store | None) -> Article:
    if isinstance(x, str) and store is None:
        return extract_text(x, source=name)
    return resolve(x, store)


def fold(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    db: str | Path | Store | None = "newsfold.db",
    *,
    engine: str = "local",
    outlet: str | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
    batch_size: int = 256,
    workers: int | None = None,
    embed: bool = False,
    on_wait: OnWait | None = None,
    out: str | os.PathLike[str] | None = None,
    base: str | os.PathLike[str] | None = None,
    master: str | None = None,
    spark: Any = None,
    timings: dict[str, float] | None = None,
) -> FoldSummary:
    """Fold the pages under ``paths`` into the store ``db`` (a path, URL or open store). Each
    stage commits every ``batch_size`` pages: a fold stopped at any moment keeps what it
    committed, and the same call again completes it. ``workers``: processes (default: one per
    core); the result does not depend on it. ``embed``: assign events with sentence embeddings
    too (extra ``[embed]``); the store keeps using them. ``on_wait``: told (a line) when the fold
    waits for another fold of the store to finish. The store's invariants are checked at the
    end, and what breaks them repaired (``summary.invariant``).

    ``engine="spark"`` runs the same stages as Spark jobs (extra ``[spark]``) into a Parquet
    index under ``out`` (against the index ``base``, if given), and into the store ``db`` unless
    it is None; ``master`` or an active session ``spark`` says where, ``timings`` receives the
    seconds of each stage."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    if engine == "spark":
        if embed:
            raise ValueError("embed is for the local engine (Spark assigns events without)")
        return _fold_spark(paths, db, out, base, outlet, limits, master, spark, timings)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: local or spark")
    if db is None:
        raise ValueError("the local engine folds into a store: db is None")
    options: dict[str, Any] = {
        "outlet": outlet,
        "limits": limits,
        "progress": progress,
        "batch_size": batch_size,
        "workers": workers,
        "embed": embed,
        "on_wait": on_wait,
    }
    if isinstance(db, Store):
        return _fold(paths, db, **options)
    with open_store(db) as store:
        return _fold(paths, store, **options)


def _fold_spark(
    paths: Iterable[str | os.PathLike[str]],
    db: str | Path | Store | None,
    out: str | os.PathLike[str] | None,
    base: str | os.PathLike[str] | None,
    outlet: str | None,
    limits: Limits | None,
    master: str | None,
    spark: Any,
    timings: dict[str, float] | None,
) -> FoldSummary:
    from .run import spark as spark_engine  # pyspark only where Spark is asked for

    if out is None:
        raise ValueError("the Spark engine needs out: a folder for its Parquet index")
    options: dict[str, Any] = {
        "base": base,
        "outlet": outlet,
        "limits": limits,
        "master": master,
        "spark": spark,
        "timings": timings,
    }
    if db is None:
        return spark_engine.fold(list(paths), out, **options)
    if isinstance(db, Store):
        return spark_engine.fold(list(paths), out, store=db, **options)
    with open_store(db) as store:
        return spark_engine.fold(list(paths), out, store=store, **options)


def read_record(line: str, source: str, limits: Limits | None = None) -> Page:
    """The page in one record of the JSONL form ``newsfold fold`` reads (``{"text"|"html",
    "url"?, "outlet"?, "fetched_at"?}``), its source ``source#1``. Raises ``InputError`` with
    the record's rejection."""
    got = next(read_jsonl(line, source, None, limits or Limits()))
    if not isinstance(got, Page):
        raise InputError(got.source, got.reason, got.message)
    return got


def resolve(
    side: Article | Page | str | os.PathLike[str],
    store: Store | None = None,
    *,
    limits: Limits | None = None,
) -> Article:
    """The article ``side`` names: an ``Article`` as it is; a ``Page`` extracted; a path
    (``os.PathLike``) the first article of that file; a string the id of an article in
    ``store``. A string is never read as a path, so ids from the web stay ids. Raises
    ``InputError`` (no article in the page or file) or ``NotFoundError``."""
    if isinstance(side, Article):
        return side
    if isinstance(side, Page):
        result = extract_page(side)
        if isinstance(result, Rejection):
            raise InputError(result.source, result.reason, result.message)
        return result
    if isinstance(side, os.PathLike):
        got = list(extract([side], limits=limits))
        for r in got:
            if isinstance(r, Article):
                return r
        if got and isinstance(got[0], Rejection):
            raise InputError(got[0].source, got[0].reason, got[0].message)
        raise InputError(os.fspath(side), "no_article", "no article")
    if store is None:
        raise ValueError(f"no store given to look up the article {side!r} in")
    return store.get_article(side)


def fold_records(store: Store, text: str, source: str, limits: Limits) -> dict[str, Any]:
    """Fold JSONL records (one page record a line) into ``store``, as the lines of a ``.jsonl``
    file given to ``newsfold fold`` are folded. The answer is ``newsfold fold --json``'s, plus
    ``results``: for each record in order, its ``source``, ``status`` (``added``, ``known``:
    the store held it already, or ``rejected`` with ``reason`` and ``message``), and its
    ``page``, ``article`` and ``story`` ids where it has them."""
    items = list(read_jsonl(text, source, None, limits))
    pages = [x for x in items if isinstance(x, Page)]
    known = store.known_pages([p.id for p in pages])
    summary = FoldSummary()
    # the records go in as the engine's ingest takes any page; the rest of the fold (extract,
    # match, stories) is the engine's fold over what is pending, as after ``newsfold fold``
    _ingest(store, items, summary, 256, lambda stage, n: None)
    rest = _fold([], store, limits=limits)
    summary.rejected += rest.rejected
    summary.counts = rest.counts
    failed = {r.source: r for r in rest.rejected}
    aids = [article_id(p.id) for p in pages]
    stored = set(store.articles(aids))
    story_of = store.story_of(aids)
    results: list[dict[str, Any]] = []
    seen: set[str] = set()
    for x in items:
        if isinstance(x, Rejection):
            results.append(_rejected(x, None))
            continue
        aid = article_id(x.id)
        if x.source in failed:
            results.append(_rejected(failed[x.source], x.id))
            continue
        status = "known" if x.id in known or x.id in seen else "added"
        seen.add(x.id)
        results.append(
            {
                "source": x.source,
                "status": status,
                "page": x.id,
                "article": aid if aid in stored else None,
                "story": story_of.get(aid),
            }
        )
    out = summary.to_dict()
    out["results"] = results
    return out


def _rejected(r: Rejection, page: str | None) -> dict[str, Any]:
    return {
        "source": r.source,
        "status": "rejected",
        "reason": r.reason,
        "message": r.message,
        "page": page,
    }


def check(
    db: str | Path | Store = "newsfold.db",
    *,
    repair: bool = False,
    workers: int | None = None,
    on_wait: OnWait | None = None,
) -> CheckReport:
    """Check the store's invariants (``run.local.check``): every article that reached the
    stories stage is in exactly one story, every story's members exist and match its list,
    copy groups and stories agree, aliases name stored stories. With ``repair``, what breaks
    them is rebuilt and checked again. Waits for a fold of the store in progress (``on_wait``
    is told)."""
    if isinstance(db, Store):
        return _check(db, repair, workers or default_workers(), on_wait)
    with open_store(db) as store:
        return _check(store, repair, workers or default_workers(), on_wait)


def rejected_under(store: Store, paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many rejections ``store`` holds of inputs under ``paths``: a fold resumed after one
    that was killed reads again only what it had not stored, so its rejections of what it had
    are in the store alone, and still the fold's."""
    roots = [os.path.abspath(source_name(p)) for p in paths]

    def under(source: str) -> bool:
        name, sep, n = source.rpartition("#")
        path = os.path.abspath(name if sep and n.isdigit() else source)
        return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    return sum(1 for r in store.rejected() if under(r["source"]))
