"""A small store for the reader's tests: the example corpus folded once a session (conftest's
``demo_store``), copied, with rejections and feed teasers added, hostile ones among them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import EXAMPLES
from newsfold.api import open_store
from newsfold.records import FeedTeaser, Rejection
from newsfold.store.sqlite import SQLiteStore

FERRY = "s_ceeefb1ba40ce615"  # the ferry story: 4 copies and 1 independent report
XSS = '<img src=x onerror=alert("rejected")><script>alert(1)</script>'


def rejections() -> list[Rejection]:
    """Three rejections of files under the folded root, one of a hostile name."""
    out = []
    for name, reason in (("bin/blob.bin", "binary"), ("web/empty.html", "empty")):
        source = f"{EXAMPLES}/{name}"
        out.append(Rejection(source, reason, f"{source}: {reason} (a test rejection)"))
    source = f"{EXAMPLES}/web/{XSS}.html"
    out.append(Rejection(source, "no_article", f"{source}: no article text found on the page"))
    return out


TEASERS = [
    FeedTeaser(
        id=f"t_test{i}",
        source=f"{EXAMPLES}/feed.rss#{i}",
        outlet=outlet,
        headline=headline,
        url=f"https://{outlet}.example/{i}",
        summary="A summary only.",
        published=f"2024-03-0{i + 1}T08:00:00+00:00",
    )
    for i, (outlet, headline) in enumerate(
        [
            ("harbour-herald", "Harbour teaser one"),
            ("harbour-herald", "Harbour teaser two"),
            ("meridian-daily", 'Meridian teaser <script>alert("teaser")</script>'),
        ]
    )
]


def reader_store(demo_store: SQLiteStore, path: Path) -> str:
    """A copy of the demo store at ``path`` with the rejections and teasers above."""
    src = sqlite3.connect(demo_store.path)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    with open_store(str(path)) as store, store.transaction():
        for r in rejections():
            store.add_rejection(r)
        for t in TEASERS:
            store.add_teaser(t)
    return str(path)
