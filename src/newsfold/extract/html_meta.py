"""A page's metadata from its one lxml tree: title, author, site name, published and modified
times, from the places publishers declare them (JSON-LD, ``<meta>`` tags, microdata, ``<time>``
elements, ``rel=author`` links), read by name: the names are the published vocabularies
(schema.org, Open Graph, Dublin Core, and the analytics tags most CMSs write), none a site's own.

A time is read from its ISO form where it has one, else from the date forms ``dates.py`` reads;
a slashed date whose order its numbers do not tell ("05/01/2008") is settled by the page's other
dates, its fetch time and its language (``published.settle_order``). No time is taken that lies
after the page's fetch time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from ..dates import ambiguous_slashed, find_datetimes, iso, to_datetime
from .page_clock import FETCH_SLACK, after_fetch, settle_order

# The ``<meta>`` names (``property``, ``name`` or ``itemprop``, lower-cased) of each field, in
# the order of trust: the Open Graph and schema.org names first (what a page declares for
# sharing and search engines), then Dublin Core, then the analytics tags (Parse.ly, Sailthru).
TITLE_KEYS = ("og:title", "twitter:title", "headline", "dc.title", "parsely-title")
PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "date",
)
# Dublin Core's "date" is any date of the resource's life (its creation in the CMS, a
# revision), not its publication: these keys are taken after every name that says published
GENERIC_KEYS = ("dc.date", "dcterms.date", "date")
MODIFIED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "article.updated",
    "dc.date.modified",
    "dcterms.modified",
    "lastmod",
)
AUTHOR_KEYS = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
)
SITE_KEYS = ("og:site_name", "application-name")
# JSON-LD types of the page's own piece, best first (a ``WebPage`` node names the page, which a
# publisher may date apart from its article)
_ARTICLE_TYPES = ("article", "posting", "report", "creativework", "webpage")
# a ``<time>`` element this many elements after the page's first h1 or less: the one printed by
# the headline, the article's own (further down, times belong to comments and other stories)
TIME_NEAR_H1 = 60
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
LD_MAX_CHARS = 200_000  # a JSON-LD block larger than this is a data dump, not the page's metadata


@dataclass(frozen=True, slots=True)
class HtmlMeta:
    """What the page declares about itself (``None``: it declares nothing of that)."""

    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    published: str | None = None  # ISO 8601
    modified: str | None = None


def _meta_tags(root: etree._Element) -> dict[str, list[str]]:
    """Every ``<meta>``'s content by its lower-cased name, in the page's order."""
    tags: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        value = " ".join((el.get("content") or "").split())
        if key and value:
            tags.setdefault(key.strip().lower(), []).append(value)
    return tags


def _ld_nodes(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD document: its top level, its lists and its ``@graph``."""
    if depth > 4:
        return
    if isinstance(value, list):
        for item in value:
            yield from _ld_nodes(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(value.get(key), list | dict):
                yield from _ld_nodes(value[key], depth + 1)


def _ld_type(node: dict[str, Any]) -> int:
    """The rank of a node's type among ``_ARTICLE_TYPES`` (lower is better; past the end: none)."""
    types = node.get("@type")
    names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    ranks = [
        i
        for t in names
        if isinstance(t, str)
        for i, a in enumerate(_ARTICLE_TYPES)
        if a in t.lower()
    ]
    return min(ranks, default=len(_ARTICLE_TYPES))


def _json_ld(root: etree._Element) -> list[dict[str, Any]]:
    """The page's JSON-LD objects of an article's or a page's type, best type first."""
    nodes: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        # a block wrapped as character data for XHTML ("<![CDATA[ {...} ]]>") holds JSON all
        # the same
        text = _CDATA.sub("", script.text or "").strip()
        if not text or len(text) > LD_MAX_CHARS:
            continue
        try:
            doc = json.loads(text, strict=False)
        except ValueError:  # malformed (a trailing comma, a stray character): untrusted input
            continue
        nodes.extend(n for n in _ld_nodes(doc) if _ld_type(n) < len(_ARTICLE_TYPES))
    return sorted(nodes, key=_ld_type)


def _names(value: Any) -> list[str]:
    """The names in a JSON-LD ``author``: a string, a person, or a list of either; an
    organisation is the publisher, not a byline."""
    if isinstance(value, str):
        return [value] if value.strip() and "://" not in value else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    if isinstance(value, dict) and "organization" not in str(value.get("@type", "")).lower():
        return _names(value.get("name"))
    return []


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _language(root: etree._Element, tags: dict[str, list[str]]) -> str | None:
    """The page's language, two letters, from ``<html lang>`` or its locale."""
    lang = root.get("lang") or next(iter(tags.get("og:locale", [])), None)
    return lang[:2].lower() if lang and len(lang) >= 2 else None


def _read_time(
    value: str, others: list[datetime], fetched_at: str | None, language: str | None
) -> datetime | None:
    """The time ``value`` states: ISO, else a written date, else a slashed one of either order
    settled by the page (``settle_order``); none after the fetch time."""
    dt = to_datetime(value)
    if dt is None:
        dt = next((d for _, d in find_datetimes(value)), None)
    if dt is None:
        readings = next((r for _, r in ambiguous_slashed(value)), None)
        dt = settle_order(readings, others, fetched_at, language) if readings else None
    return None if dt is None or after_fetch(dt, fetched_at) else dt


def _attr_time(el: etree._Element) -> str | None:
    """The time a microdata or ``<time>`` element states: its machine-readable attribute, else
    its text."""
    value = el.get("datetime") or el.get("content") or " ".join(el.text_content().split())
    return value or None


_NEAR_H1 = etree.XPath(f"(//h1)[1]/following::*[position() <= {TIME_NEAR_H1}][self::time]")
_ITEMPROPS = etree.XPath("//*[@itemprop][not(self::meta)]")


def _near_h1_times(root: etree._Element) -> list[str]:
    """The times of the ``<time>`` elements printed by the headline: within ``TIME_NEAR_H1``
    elements after the page's first h1."""
    found = _NEAR_H1(root)
    return [v for el in found if isinstance(el, etree._Element) for v in [_attr_time(el)] if v]


def _itemprops(root: etree._Element) -> dict[str, list[etree._Element]]:
    """The elements (``<meta>`` aside: ``_meta_tags`` reads those) of each microdata property."""
    props: dict[str, list[etree._Element]] = {}
    found = _ITEMPROPS(root)
    for el in found if isinstance(found, list) else []:
        if isinstance(el, etree._Element):
            props.setdefault((el.get("itemprop") or "").strip().lower(), []).append(el)
    return props


def _local_day(
    published: datetime | None, printed: list[str], fetched_at: str | None
) -> datetime | None:
    """The time printed by the headline where the declared one is a UTC stamp of the same
    instant give or take a time zone (``FETCH_SLACK``) but of another calendar day: the reader
    was shown the local day, which a UTC stamp does not state (no later than the fetch)."""
    if published is None or published.utcoffset() or not (published.hour or published.minute):
        return published  # a local time, or a day without its time
    shown = to_datetime(printed[0]) if printed else None
    if shown is None or after_fetch(shown, fetched_at) or shown.date() == published.date():
        return published
    return shown if abs(shown - published) <= FETCH_SLACK else published


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _first(tags: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    return next((tags[k][0] for k in keys if k in tags), None)


def _ld_first(nodes: list[dict[str, Any]], *keys: str) -> str | None:
    return next((t for n in nodes for k in keys for t in [_text(n.get(k))] if t), None)


def _time_values(
    nodes: list[dict[str, Any]],
    tags: dict[str, list[str]],
    props: dict[str, list[etree._Element]],
    near_h1: list[str],
) -> list[str]:
    """The published times the page declares, best first: the ``<meta>`` tags' (by name,
    ``PUBLISHED_KEYS``' order), JSON-LD's, microdata's, and the ``<time>`` by the headline.

    The ``<meta>`` tags before JSON-LD: on half A of the metadata benchmark's trafilatura set
    (human gold) 287 of 338 dates against 285 the other way; on half A of the Readability.js
    set (whose gold is Readability.js's own reading, JSON-LD first) 16 of 18 against 18, a tie
    over both; the human gold decides."""
    values = [tags[k][0] for k in PUBLISHED_KEYS if k in tags and k not in GENERIC_KEYS]
    values += [t for n in nodes for t in [_text(n.get("datePublished"))] if t]
    values += [v for el in props.get("datepublished", []) for v in [_attr_time(el)] if v]
    values += [tags[k][0] for k in GENERIC_KEYS if k in tags]
    return values + near_h1


def _author(nodes: list[dict[str, Any]], tags: dict[str, list[str]]) -> str | None:
    """The author's names: JSON-LD's persons, else a ``<meta>`` author (not a profile's URL nor
    a social handle), in trafilatura's normal form ("A; B", no "By", no e-mail)."""
    from trafilatura.json_metadata import normalize_authors

    for node in nodes:
        names = list(dict.fromkeys(_names(node.get("author"))))
        if names and (found := normalize_authors(None, "; ".join(names))):
            return found
    for key in AUTHOR_KEYS:
        for value in tags.get(key, []):
            usable = "://" not in value and not value.startswith("@")
            if usable and (found := normalize_authors(None, value)):
                return found
    return None


def read_meta(root: etree._Element, url: str | None, fetched_at: str | None) -> HtmlMeta:
    """What the page at ``url`` declares about itself, from its parsed tree ``root``."""
    from .page_clock import url_date

    tags = _meta_tags(root)
    nodes = _json_ld(root)
    props = _itemprops(root)
    title = _first(tags, TITLE_KEYS) or _ld_first(nodes, "headline", "name")
    language = _language(root, tags)
    near_h1 = _near_h1_times(root)
    values = _time_values(nodes, tags, props, near_h1)
    modified_values = [t for n in nodes for t in [_text(n.get("dateModified"))] if t]
    modified_values += [tags[k][0] for k in MODIFIED_KEYS if k in tags]
    # the page's unambiguous times, and the middle of the month its URL names: what settles a
    # slashed date of either order
    others = [_aware(d) for v in values + modified_values for d in [to_datetime(v)] if d]
    _, month = url_date(url)
    others += [datetime(month[0], month[1], 15, tzinfo=UTC)] if month else []
    published, modified = (
        next((d for v in vs for d in [_read_time(v, others, fetched_at, language)] if d), None)
        for vs in (values, modified_values)
    )
    published = _local_day(published, near_h1, fetched_at)
    publisher = next(
        (n.get("publisher") for n in nodes if isinstance(n.get("publisher"), dict)), None
    )
    sitename = _first(tags, SITE_KEYS) or (_text(publisher.get("name")) if publisher else None)
    return HtmlMeta(
        title=title,
        author=_author(nodes, tags),
        sitename=sitename,
        published=iso(published) if published else None,
        modified=iso(modified) if modified else None,
    )
