"""Articles from HTML: the body through trafilatura, the rest through our own readers.

trafilatura finds the main content from the markup; the page is also flattened into a text dump
so that our line classifier can say why each other line was removed, find teasers, and give the
byline and times where the markup does not.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from ..records import Removed
from .dates import ISO_RE, iso, to_datetime
from .templates import OutletTemplate
from .text import DumpResult, _norm, classify_dump, clean_headline, site_hints

_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}
_BLOCK = {
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table", "figure", "figcaption",
    "blockquote", "pre", "dd", "dt", "dl", "form", "button", "time", "address", "hr", "title",
}  # fmt: skip
MAX_HTML_CHARS = 5_000_000
MAX_DEPTH = 400
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
DATA_CELL_MAX_WORDS = 8  # the median cell of a data table is a name, a number, a short phrase

_META = re.compile(r"<meta\b[^>]{0,2000}>", re.I)
_ATTR = re.compile(r"""\b(property|name|itemprop|content)\s*=\s*["']([^"']*)["']""", re.I)
_PUBLISHED_KEYS = ("article:published_time", "datepublished", "pubdate", "publishdate", "date")
_UPDATED_KEYS = ("article:modified_time", "datemodified", "lastmod", "og:updated_time")
_LD_DATES = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"]{6,40})"')


def html_to_lines(html: str) -> list[str]:
    """The visible text of a page, one line per block element."""
    try:
        root = lxml.html.fromstring(html[:MAX_HTML_CHARS])
    except (etree.ParserError, ValueError):
        return []
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buf).split())
        if text:
            out.append(text)
        buf.clear()

    def walk(el: etree._Element, depth: int) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or depth > MAX_DEPTH:
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
        if tag and el.text:
            buf.append(el.text)
        for child in el:
            walk(child, depth + 1)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    walk(root, 0)
    flush()
    return out


def meta_times(html: str) -> tuple[str | None, str | None]:
    head = html[:300_000]
    published = updated = None
    for m in _META.finditer(head):
        attrs = {k.lower(): v for k, v in _ATTR.findall(m.group(0))}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = attrs.get("content", "")
        if not value or not ISO_RE.search(value):
            continue
        if key in _PUBLISHED_KEYS and published is None:
            published = value
        elif key in _UPDATED_KEYS and updated is None:
            updated = value
    for kind, value in _LD_DATES.findall(head):
        if kind == "datePublished" and published is None:
            published = value
        elif kind == "dateModified" and updated is None:
            updated = value
    p, u = to_datetime(published), to_datetime(updated)
    return (iso(p) if p else None, iso(u) if u else None)


def _find_date(html: str) -> str | None:
    """htmldate's own search, text patterns included, for a page whose markup names no date."""
    from htmldate import find_date

    try:
        found = find_date(html[:MAX_HTML_CHARS], extensive_search=True, original_date=True)
    except (ValueError, TypeError):
        return None
    return str(found) if found else None


def _agree(published: str | None, found: str | None) -> str | None:
    """The publication time: the page's own metadata where it has one, else the date htmldate
    (through trafilatura) finds in the page."""
    if not found or not DAY_RE.match(found):
        return published
    if published and published[:10] == found[:10]:
        return published
    return found[:10]


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _is_data_table(rows: list[str]) -> bool:
    """A table of data (results, schedules, figures: part of the story) rather than a table
    used for page layout, which puts a whole column of the page, chrome and all, in one cell.
    Data rows have several short cells."""
    filled = [[c for c in _cells(r) if c and set(c) - set("-:")] for r in rows]
    filled = [f for f in filled if f]
    if not filled:
        return False
    several = sum(1 for f in filled if len(f) >= 2) / len(filled)
    cells = sorted(len(c.split()) for f in filled for c in f)
    return several >= 0.6 and cells[len(cells) // 2] <= DATA_CELL_MAX_WORDS


def _body_lines(text: str) -> tuple[list[str], int]:
    """trafilatura's text as paragraphs: data tables kept a row per line, cells joined by " | ",
    layout tables dropped; and the number of words dropped with them."""
    out: list[str] = []
    table: list[str] = []
    dropped = 0

    def flush() -> None:
        nonlocal dropped
        if table and _is_data_table(table):
            for row in table:
                cells = [c for c in _cells(row) if c and set(c) - set("-:")]
                if cells:
                    out.append(" | ".join(cells))
        elif table:
            dropped += sum(len(row.split()) for row in table)
        table.clear()

    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line.startswith("|"):
            table.append(line)
            continue
        flush()
        if line:
            out.append(line)
    flush()
    return out, dropped


def _trafilatura(html: str, url: str | None) -> tuple[list[str], int, dict[str, str | None]]:
    """trafilatura's body paragraphs, the words of layout tables it dropped, and its metadata
    (title, author, date, sitename)."""
    doc = trafilatura.bare_extraction(
        html[:MAX_HTML_CHARS],
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,  # data tables are part of many stories; layout tables are dropped
        favor_precision=True,  # chrome left in a body makes unrelated pages look alike
        deduplicate=False,
    )
    if doc is None:
        return [], 0, {}
    fields = ("text", "title", "author", "date", "sitename")
    d = doc if isinstance(doc, dict) else {f: getattr(doc, f, None) for f in fields}
    paragraphs, dropped = _body_lines(d.get("text") or "")
    return paragraphs, dropped, {f: d.get(f) for f in fields[1:]}


def extract_html(
    html: str,
    url: str | None,
    template: OutletTemplate | None,
    fetched_at: str | None,
    outlet: str | None = None,
) -> DumpResult:
    lines = html_to_lines(html)
    paragraphs, dropped, meta = _trafilatura(html, url)
    hints = site_hints(url, meta.get("sitename"), outlet)
    dump = classify_dump("\n".join(lines), template, fetched_at, hints)
    title, author = meta.get("title"), meta.get("author")
    if not paragraphs or dropped > sum(len(p.split()) for p in paragraphs):
        # nothing found, or the article sat in a layout table: our line classifier reads it
        paragraphs = dump.paragraphs or paragraphs
    body = {_norm(p) for p in paragraphs}
    # every dump line that is not in the body is removed; keep the classifier's reason for it
    removed = [r for r in dump.removed if _norm(r.text) not in body]
    # lines our classifier took for body but the HTML extractor did not
    removed += [Removed(p, "not_main_content", 0) for p in dump.paragraphs if _norm(p) not in body]
    published, updated = meta_times(html)
    published = _agree(published, meta.get("date") or _find_date(html))
    page_norms = frozenset(_norm(line) for line in lines)
    headline = clean_headline(title, hints, page_norms) if title else dump.headline
    byline_lines = [f"By {author}"] if author else dump.byline_lines
    return DumpResult(
        headline=headline,
        byline_lines=byline_lines,
        time_lines=dump.time_lines,
        paragraphs=paragraphs,
        removed=sorted(removed, key=lambda r: r.line),
        teasers=dump.teasers,
        published=published,
        updated=updated,
    )
