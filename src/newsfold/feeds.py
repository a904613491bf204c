"""RSS and Atom feeds, read with feedparser.

An item that carries its full text (``content:encoded``, Atom ``content``, or a description long
enough to be the article) becomes an HTML page: the item's text under its title, with its link as
the page's URL and its published and updated times as page metadata, so that extraction reads
them as it reads any page's. An item with only a summary is a teaser of its outlet, not a page: it
is counted, never folded as an article. A feed that cannot be parsed at all is rejected as
``malformed``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .records import Page, Rejection

if TYPE_CHECKING:
    from .ingest import Limits

FEED_SUFFIXES = {".rss", ".atom"}
FULL_TEXT_MIN_WORDS = 80  # shorter than this, an item's text is a summary of the article
_FEED_HEAD = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)
_TAGS = re.compile(r"<[^>]+>")


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_HEAD.match(data[:2000]))


def _time(entry: Any, key: str) -> str | None:
    name = f"{key}_parsed"
    # feedparser maps a missing "updated" to "published" with a warning; ask only for what is there
    parsed = dict.get(entry, name)
    if not parsed:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()


def _words(fragment: str) -> int:
    return len(_TAGS.sub(" ", fragment).split())


def item_html(title: str, body: str, link: str | None, published: str | None,
              updated: str | None) -> str:  # fmt: skip
    """The item as a small HTML page; the feed's text is HTML already and stays as it is."""
    meta = []
    if link:
        meta.append(f'<link rel="canonical" href="{html.escape(link, quote=True)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if updated:
        meta.append(f'<meta property="article:modified_time" content="{updated}">')
    t = html.escape(title)
    return (
        f"<html><head><title>{t}</title>{''.join(meta)}</head>"
        f"<body><article><h1>{t}</h1>{body}</article></body></html>"
    )


def read_feed(
    data: bytes, path: Path, outlet: str | None, limits: Limits, skipped: Counter[str]
) -> Iterator[Page | Rejection]:
    """The full-text items of one feed (``path#N`` is its N-th item)."""
    import feedparser

    from .ingest import check_text, make_page, outlet_from_url

    source = str(path)
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        yield Rejection(
            source, "malformed", f"{source}: not a readable RSS or Atom feed ({reason})"
        )
        return
    pages = 0
    feed_link = parsed.feed.get("link")
    feed_outlet = outlet_from_url(feed_link) or outlet
    for n, entry in enumerate(parsed.entries, start=1):
        src = f"{source}#{n}"
        contents = [c.get("value", "") for c in entry.get("content", [])]
        body = max(contents, key=_words) if contents else entry.get("summary", "")
        if _words(body) < FULL_TEXT_MIN_WORDS:
            skipped["feed item with a summary only"] += 1
            continue
        page_html = item_html(
            entry.get("title", ""),
            body,
            entry.get("link"),
            _time(entry, "published"),
            _time(entry, "updated"),
        )
        bad = check_text(page_html, src, limits)
        if bad:
            yield bad
            continue
        pages += 1
        yield make_page(src, "html", page_html, entry.get("link"), feed_outlet, None, "utf-8")
    if parsed.get("bozo") and not pages:
        reason = parsed.get("bozo_exception")
        yield Rejection(
            source, "malformed", f"{source}: a broken feed with no full item ({reason})"
        )
