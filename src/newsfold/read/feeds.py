"""RSS and Atom feeds, read with feedparser.

An item that carries its full text (``content:encoded``, Atom ``content``, or a description long
enough to be the article) becomes an HTML page: the item's text under its title, with its link as
the page's URL and its published and updated times as page metadata, so that extraction reads
them as it reads any page's. An item with only a summary is a teaser of its outlet, not a page: it
becomes a ``FeedTeaser`` (headline, link, summary, times, and the feed's own URL and update time),
stored as such and never folded as an article. An item with neither text nor a title is counted
as skipped. A feed that cannot be parsed at all is rejected as ``malformed``.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import FeedTeaser, Page, Rejection
from .sanitize import sanitize_field

if TYPE_CHECKING:
    from .limits import Limits

FEED_SUFFIXES = {".rss", ".atom"}
FULL_TEXT_MIN_WORDS = 80  # shorter than this, an item's text is a summary of the article
# what may come before a feed's root element: a byte order mark, the XML declaration, processing
# instructions (a stylesheet), comments, and a DOCTYPE (RSS 0.91's names its DTD), its internal
# subset included. Matched on the file's head only, and each part can match one way only (no
# lazy ".*?" that a failed match would stretch, comment after comment, to a later "-->").
_FEED_HEAD = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*"
    rb"(?:(?:<\?[^>]*>|<!--(?:(?!-->).)*-->|<!DOCTYPE\s[^>\[]*(?:\[[^\]]*\])?\s*>)\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b",
    re.S,
)
FEED_HEAD_BYTES = 16_384
_TAGS = re.compile(r"<[^>]+>")


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` (an ``.xml`` file) is an RSS, RDF or Atom feed, by its root element."""
    return bool(_FEED_HEAD.match(data[:FEED_HEAD_BYTES]))


def _time(entry: Any, key: str) -> str | None:
    name = f"{key}_parsed"
    # feedparser maps a missing "updated" to "published" with a warning; ask only for what is there
    parsed = dict.get(entry, name)
    if not parsed:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()


def _untag(fragment: str) -> str:
    """``fragment`` with its tags made spaces. Only up to its last ">": a "<" with no ">" after
    it ends no tag, and searching for one from each of thousands would be quadratic."""
    end = fragment.rfind(">") + 1
    return _TAGS.sub(" ", fragment[:end]) + fragment[end:]


def _words(fragment: str) -> int:
    return len(_untag(fragment).split())


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


def teaser_id(outlet: str | None, url: str | None, headline: str | None, summary: str) -> str:
    """Stable teaser id: the same item read from two snapshots of a feed is one teaser."""
    h = hashlib.sha1()
    for part in (outlet or "", url or "", headline or "", summary):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return "t_" + h.hexdigest()[:16]


def plain_text(fragment: str) -> str:
    """A feed's HTML fragment as one line of plain text."""
    return " ".join(html.unescape(_untag(fragment)).split())


def _feed_url(feed: Any) -> str | None:
    for link in feed.get("links", []):
        if link.get("rel") == "self" and link.get("href"):
            return str(link["href"])
    link = feed.get("link")
    return str(link) if link else None


def read_feed(
    data: bytes, path: Path, outlet: str | None, limits: Limits, skipped: Counter[str]
) -> Iterator[Page | Rejection | FeedTeaser]:
    """The items of one feed (``path#N`` is its N-th item): full-text items as pages,
    summary-only items as teasers."""
    import feedparser

    from .inputs import source_name
    from .limits import check_text
    from .pages import make_page, outlet_from_url

    source = source_name(path)
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        yield Rejection(
            source, "malformed", f"{source}: not a readable RSS or Atom feed ({reason})"
        )
        return
    kept = 0
    feed_link = parsed.feed.get("link")
    feed_url = _feed_url(parsed.feed)
    feed_updated = _time(parsed.feed, "updated") or _time(parsed.feed, "published")
    feed_outlet = outlet_from_url(feed_link) or outlet_from_url(feed_url) or outlet
    for n, entry in enumerate(parsed.entries, start=1):
        src = f"{source}#{n}"
        contents = [c.get("value", "") for c in entry.get("content", [])]
        body = max(contents, key=_words) if contents else entry.get("summary", "")
        link = entry.get("link") or None
        if _words(body) < FULL_TEXT_MIN_WORDS:
            teaser = _teaser(entry, body, src, link, feed_outlet, feed_url, feed_updated, limits)
            if teaser is None:
                skipped["feed item with no title or text"] += 1
                continue
            kept += isinstance(teaser, FeedTeaser)
            yield teaser
            continue
        page_html = item_html(
            entry.get("title", ""),
            body,
            link,
            _time(entry, "published"),
            _time(entry, "updated"),
        )
        bad = check_text(page_html, src, limits, "html")
        if bad:
            yield bad
            continue
        kept += 1
        yield make_page(src, "html", page_html, link, feed_outlet, None, "utf-8")
    if parsed.get("bozo") and not kept:
        reason = parsed.get("bozo_exception")
        yield Rejection(
            source, "malformed", f"{source}: a broken feed with no usable item ({reason})"
        )


def _teaser(
    entry: Any,
    body: str,
    src: str,
    link: str | None,
    outlet: str | None,
    feed_url: str | None,
    feed_updated: str | None,
    limits: Limits,
) -> FeedTeaser | Rejection | None:
    from .pages import outlet_from_url

    # the input sanitiser, as every page passes it in make_page: a teaser is printed and served
    done: dict[str, int] = {}
    headline = sanitize_field(plain_text(entry.get("title", "")), done) or None
    summary = sanitize_field(plain_text(body), done) or ""
    link = sanitize_field(link, done)
    if not headline and not summary:
        return None
    size = len(summary) + len(headline or "")
    if size > limits.max_line_chars:
        # under the word count of an article yet this long: one giant "word", not a summary
        return Rejection(
            src,
            "line_too_long",
            f"{src}: feed item of {size:,} characters in under {FULL_TEXT_MIN_WORDS} words "
            f"exceeds the line limit of {limits.max_line_chars:,}",
        )
    item_outlet = outlet_from_url(link) or outlet
    return FeedTeaser(
        id=teaser_id(item_outlet, link, headline, summary),
        source=src,
        outlet=item_outlet,
        headline=headline,
        url=link,
        summary=summary,
        published=_time(entry, "published"),
        updated=_time(entry, "updated"),
        feed_url=feed_url,
        feed_updated=feed_updated,
    )
