"""Articles from HTML: the body from the page's one parse, the rest through our own readers.

The page is parsed once into blocks (``blocks.py``); a learned classifier over each block's DOM
signals picks the body (``dom.py``), and trafilatura's body is asked for only on pages where that
classifier is unsure (``BODY_FROM_BLOCKS``; ``NEWSFOLD_HTML_BODY=trafilatura`` asks it on every
page). The page is also flattened into a text dump so that our line classifier can say why each
other line was removed, find teasers, and give the byline and times where the markup does not.
The metadata (headline, author, site name, times) is read from the same tree by ``html_meta.py``,
trafilatura's readers of the markup and htmldate asked only where the page declares none.
"""

from __future__ import annotations

import os
import re
from copy import deepcopy

import trafilatura
from lxml import etree

from ..dates import find_datetimes, to_datetime
from ..records import Removed
from .blocks import MAX_HTML_CHARS, blocks_of, parse, read_lines
from .credits import clean_byline, names_byline
from .dom import body_blocks
from .headline import site_hints
from .html_headline import choose_headline as choose_headline
from .html_headline import h1_text, text_of
from .html_meta import HtmlMeta, read_meta
from .lines import DumpResult, _norm
from .page_clock import short_lines
from .published import LEAD_CHARS, published_and_updated
from .related_cut import cut_related
from .templates import OutletTemplate
from .text import classify_dump

DATA_CELL_MAX_WORDS = 8  # the median cell of a data table is a name, a number, a short phrase
# Where our line classifier's body has more than this many times the words of trafilatura's, the
# classifier's is taken. Chosen on AEB's site half B (every factor from 4 to 10 scored the same
# there; below 4, pages where the classifier kept teaser cards or comments beside a short
# article flip the wrong way); reported on half A, where no page is that far apart.
CLASSIFIER_OVER_TRAFILATURA = 5
# The body from our own classifier over the blocks of the page's one parse (``dom.py``), trafilatura
# asked for its body only where that classifier is unsure (a third of the pages). On by default
# since 2026-12-05: with the model of ``benchmarks.train_blocks`` (fitted and its cut chosen on
# site half A) it scores, trafilatura 2.3.1 run live beside it, AEB 0.973 / 0.974 on halves A / B
# (trafilatura 0.950 / 0.954; trafilatura's body on every page 0.962 / 0.979), L3S-GN1 0.953 /
# 0.954 (0.902 / 0.888; 0.944 / 0.942), and costs a third less CPU a page. It meets issue 20's bar
# (trafilatura + 0.02) on every held-out half, which trafilatura's body does not (AEB half A); but
# narrowly on AEB's half B (0.9745 against 0.9743), and the same recipe fitted on half B scores
# 0.966 on half A, short of it. ``benchmarks.train_blocks`` and ``benchmarks.html_blocks --paths``
# give the figures each way. ``NEWSFOLD_HTML_BODY=trafilatura`` in the environment takes
# trafilatura's body on every page (``_trafilatura``) instead, for a process and the fold's
# workers it starts.
BODY_FROM_BLOCKS = os.environ.get("NEWSFOLD_HTML_BODY", "blocks") != "trafilatura"


def html_to_lines(html: str) -> list[str]:
    """The visible text of a page, one line per block element (``blocks.read_blocks``'s
    lines, read without their blocks: ``blocks.read_lines``)."""
    return read_lines(html)


def _title_and_h1s(root: etree._Element) -> tuple[str | None, list[str]]:
    """The page's title element and the texts of its level-one headings (without a kicker
    printed over the headline: ``html_headline.h1_text``)."""
    title = next((t for t in (text_of(el) for el in root.iter("title")) if t), None)
    return title, [t for t in (h1_text(el) for el in root.iter("h1")) if t]


def _printed_byline(author: str | None, lines: list[str]) -> str | None:
    """The byline printed above the text where it outranks the author trafilatura read.

    trafilatura's author comes from the page's metadata or from an element the markup calls the
    author's; on many pages that is the site, the publisher or a placeholder ("Admin"). A
    printed byline that is a cue and names only (``names_byline``), and that shares no word
    with that author, is what the page tells its reader: it wins."""
    if not author:
        return None
    for line in lines:
        cleaned = clean_byline([line])
        cleaned = names_byline(cleaned) if cleaned else None
        if cleaned:
            if set(_norm(author).split()) & set(_norm(cleaned).split()):
                return None
            return cleaned
    return None


# htmldate's search of the page's text patterns too (``extensive_search``), for a page that
# declares no date. It costs 8-17 ms a page where it runs, against 2.6 without. Without it, half A
# of the metadata benchmark's pages keeps every date (trafilatura's set 287 of 338, Readability.js's
# 16 of 18) and dates 7 fewer of the 60 pages that have none, but trafilatura's set as a whole
# falls below its pinned minimum (0.872 -> 0.867, ``tests/test_benchmarks.py``; half B 0.892 ->
# 0.882): kept on until that trade is decided.
HTMLDATE_EXTENSIVE = True


def _find_date(html: str | etree._Element, fetched_at: str | None = None) -> str | None:
    """htmldate's search of the markup (``HTMLDATE_EXTENSIVE``) for a page that declares no
    date; no later than the page's fetch time where it is known (htmldate's own bound is
    today)."""
    from htmldate import find_date

    fetched = to_datetime(fetched_at)
    try:
        found = find_date(
            _without_expiry(html[:MAX_HTML_CHARS] if isinstance(html, str) else html),
            extensive_search=HTMLDATE_EXTENSIVE,
            original_date=True,
            max_date=fetched.date().isoformat() if fetched else None,
        )
    except (ValueError, TypeError):
        return None
    return str(found) if found else None


# <meta http-equiv="expires" content="Mon, 30 May 2005 00:00:00 GMT">: when a cache's copy goes
# stale (often a fixed day long past, to forbid caching), never when the page was written; htmldate
# takes it for the page's date
_EXPIRES = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?expires\b[^>]*>", re.I)
_EXPIRES_XPATH = etree.XPath(
    "//meta[translate(@http-equiv, 'EXPIRS', 'expirs') = 'expires']", smart_strings=False
)


def _without_expiry(html: str | etree._Element) -> str | etree._Element:
    """``html`` without its cache-expiry meta elements (``_EXPIRES``); a tree that has one is
    copied first (it is the page's, read elsewhere)."""
    if isinstance(html, str):
        return _EXPIRES.sub("", html)
    if not _EXPIRES_XPATH(html):
        return html
    copy = deepcopy(html)
    for meta in _EXPIRES_XPATH(copy):
        meta.getparent().remove(meta)
    return copy


_URL_DAY = re.compile(r"(?<!\d)(\d{4})[-/_.]?(\d{2})[-/_.]?(\d{2})(?!\d)")


def _searched_date(
    html: str | etree._Element,
    lines: list[str],
    url: str | None,
    fetched_at: str | None,
    time_lines: list[str],
) -> str | None:
    """For a page that declares no publication time: the date htmldate finds in its markup,
    where the page writes that day, else the time printed by the headline; a guess of a
    month's first day that the page does not write is none."""
    found = _find_date(html, fetched_at)
    if found and not _corroborated(found, lines, url):
        # a date htmldate guessed from the page's furniture (a copyright year, a month and year
        # read as the month's first day, a date in a script, a caption's or a teaser's date):
        # the time printed by the headline where the page has one (a short line's first: a
        # sentence's date is more often a caption's), else nothing where the guess is of a day
        # not written anywhere
        printed = _printed(short_lines(time_lines), fetched_at) or _printed(time_lines, fetched_at)
        found = printed or (None if found[8:10] == "01" else found)
    return found


def _not_teasers(lines: list[str], removed: list[Removed]) -> list[str]:
    """``lines``, less those the dump's classifier took only for teasers (another story's)."""
    reasons: dict[str, set[str]] = {}
    for r in removed:
        reasons.setdefault(r.text, set()).add(r.reason)
    return [ln for ln in lines if reasons.get(ln) != {"teaser"}]


def _marked_title(root: etree._Element | None) -> str | None:
    """The title trafilatura reads from the markup (a lone h1, a title-classed element, the
    title element's first part), for a page that declares none in its metadata."""
    from trafilatura.metadata import extract_title

    return extract_title(root) if root is not None else None


# What an element needs for one of trafilatura's author XPaths (``trafilatura.xpaths.AUTHOR_XPATHS``)
# to match it, looser than each XPath (no tag tested, a value that must equal a part only
# holding it) and as case-sensitive as they are: a class holding one of ``_AUTHOR_CLASS`` or
# equal to one of ``_AUTHOR_CLASSES``, an id holding one of ``_AUTHOR_ID``, an itemprop holding
# "author", a data-component holding "Byline", rel "author", data-testid "AuthorCard" or
# "AuthorURL", or an ``author`` element or one with a ``rel`` child (``rel='me'``). A page with no
# such element has none on trafilatura's pruned copy of it either (pruning only removes
# elements), so that its reader finds no author there.
_CLASSES = etree.XPath("//@class", smart_strings=False)
_IDS = etree.XPath("//@id", smart_strings=False)
_AUTHOR_OTHER = etree.XPath("//@rel|//@itemprop|//@data-testid|//@data-component")
_AUTHOR_CLASS = re.compile(
    r"author|Author|screenname|writer|byline|Byline|channel-name|zuozhe|bianji|xiaobian"
    r"|submitted-by|posted-by|journalist-name"
)
_AUTHOR_CLASSES = frozenset({"username", "byl", "BBL"})
_AUTHOR_ID = re.compile(r"author|Author|zuozhe|bianji|xiaobian")


def _author_value(name: str, value: str) -> bool:
    """Whether an attribute of ``_AUTHOR_OTHER`` could make an author XPath match."""
    if name == "itemprop":
        return "author" in value
    if name == "data-component":
        return "Byline" in value
    if name == "rel":
        return value == "author"
    return value in ("AuthorCard", "AuthorURL")  # data-testid


def _texts(found: object) -> list[str]:
    return [str(v) for v in found] if isinstance(found, list) else []


def _may_name_author(root: etree._Element) -> bool:
    """Whether an element of the page could be one trafilatura's author XPaths match: false
    only where none can, so that ``extract_author`` (a copy of the tree, pruned, and three
    XPaths of regular expressions run in Python: 4-5 ms a page) would find none."""
    classes = _texts(_CLASSES(root))
    if _AUTHOR_CLASS.search("\n".join(classes)) or not _AUTHOR_CLASSES.isdisjoint(classes):
        return True
    if _AUTHOR_ID.search("\n".join(_texts(_IDS(root)))):
        return True
    others = _AUTHOR_OTHER(root)
    for value in others if isinstance(others, list) else []:
        if isinstance(value, etree._ElementUnicodeResult) and _author_value(
            str(value.attrname), str(value)
        ):
            return True
    return next(root.iter("author", "rel"), None) is not None


def _marked_author(root: etree._Element | None) -> str | None:
    """The author an element of the page's markup names (``rel=author``, an element whose class
    or id says author: trafilatura's reading), for a page that declares none in its metadata."""
    from .html_author import marked_author  # trafilatura's extract_author, made faster

    if root is None or not _may_name_author(root):
        return None
    return marked_author(root)


def _printed(time_lines: list[str], fetched_at: str | None) -> str | None:
    return published_and_updated(time_lines, fetched_at)[0]


def _corroborated(found: str, lines: list[str], url: str | None) -> bool:
    """Whether the page states the day ``found`` names: on a line of its text (any form
    ``find_datetimes`` reads; ``lines``, a teaser's left out) that is short or that the date
    opens (``LEAD_CHARS``), not further into a sentence that mentions it (a caption's "photo
    of 9 March 2016"), or in its URL ("/2008/01/05/", "20080105")."""
    day = found[:10]
    if url and any(f"{y}-{m}-{d}" == day for y, m, d in _URL_DAY.findall(url)):
        return True
    short = set(short_lines(lines))
    return any(
        dt.date().isoformat() == day and (ln in short or pos < LEAD_CHARS)
        for ln in lines
        for pos, dt in find_datetimes(ln)
    )


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


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


def _body_lines(text: str) -> tuple[list[str], list[str]]:
    """trafilatura's text as paragraphs: data tables kept a row per line, cells joined by " | ",
    layout tables dropped; and the layout tables' rows, as trafilatura wrote them."""
    out: list[str] = []
    table: list[str] = []
    layout: list[str] = []

    def flush() -> None:
        if table and _is_data_table(table):
            for row in table:
                cells = [c for c in _cells(row) if c and set(c) - set("-:")]
                if cells:
                    out.append(" | ".join(cells))
        elif table:
            layout.extend(table)
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
    return out, layout


def _trafilatura_input(html: str, root: etree._Element | None) -> str | etree._Element:
    """What trafilatura is given: the page's one parse (``bare_extraction`` copies a tree before
    it cleans it, and ``blocks.parse`` uses its parser's settings), so that it does not parse the
    markup again; the markup where trafilatura would reject the tree it makes of it (a page
    whose opening does not say "html", read to a single element: the one of AEB's and L3S-GN1's
    802 pages where trafilatura's body differs given our tree; on every other it is the same),
    or where there is no tree."""
    from trafilatura.utils import is_dubious_html

    if root is None or (is_dubious_html(html[:50].lower()) and len(root) < 2):
        return html
    return root


def _trafilatura(
    html: str | etree._Element, url: str | None, with_metadata: bool = True
) -> tuple[list[str], list[str], dict[str, str | None]]:
    """trafilatura's body paragraphs, the rows of the layout tables it kept, and its metadata
    (title, author, date, sitename; none ``with_metadata`` off), from the markup or its tree."""
    doc = trafilatura.bare_extraction(
        html[:MAX_HTML_CHARS] if isinstance(html, str) else html,
        url=url,
        with_metadata=with_metadata,
        include_comments=False,
        include_tables=True,  # data tables are part of many stories; layout tables are dropped
        favor_precision=True,  # chrome left in a body makes unrelated pages look alike
        deduplicate=False,
        # not ``fast``: its skipping the comparison with readability and justext (about 40% of
        # trafilatura's time here) moved the HTML body F1 (2026-12-07, on the unsure pages
        # only) AEB 0.973 / 0.974 -> 0.978 / 0.973 and L3S-GN1 0.960 / 0.955 -> 0.957 / 0.951
        # on halves A / B: lower on three of the four
    )
    if doc is None:
        return [], [], {}
    fields = ("text", "title", "author", "date", "sitename")
    d = doc if isinstance(doc, dict) else {f: getattr(doc, f, None) for f in fields}
    paragraphs, layout = _body_lines(d.get("text") or "")
    return paragraphs, layout, {f: d.get(f) for f in fields[1:]}


def _trafilatura_body_lines(
    html: str, root: etree._Element | None, url: str | None
) -> tuple[list[str], list[str]]:
    """trafilatura's body paragraphs and layout-table rows, read from the page's one parse where
    it can be (``_trafilatura_input``), without its metadata (``html_meta.py`` reads that)."""
    paragraphs, layout, _ = _trafilatura(_trafilatura_input(html, root), url, with_metadata=False)
    return paragraphs, layout


def trafilatura_body(paragraphs: list[str], layout: list[str], classified: list[str]) -> list[str]:
    """The body from trafilatura's paragraphs and layout-table rows, and our classifier's
    paragraphs (``classified``) where trafilatura's are none or the wrong block."""
    if not paragraphs or _words(layout) > _words(paragraphs):
        # nothing found, or the article sat in a layout table: our line classifier reads it;
        # where it finds nothing, the table's cells are what trafilatura took for the content
        cells = [c for row in layout for c in _cells(row) if c and set(c) - set("-:")]
        return classified or paragraphs or cells
    if _words(classified) > CLASSIFIER_OVER_TRAFILATURA * _words(paragraphs):
        # trafilatura's precision mode kept one small block (a reprint notice, a caption, a
        # standfirst) where our classifier reads a whole article: the block it chose was not
        # the article's
        return classified
    return paragraphs


def extract_html(
    html: str,
    url: str | None,
    template: OutletTemplate | None,
    fetched_at: str | None,
    outlet: str | None = None,
) -> DumpResult:
    root, _ = parse(html)  # a page nested too deep was rejected when it was read
    blocks = blocks_of(root) if root is not None else []
    lines = [b.text for b in blocks]
    page_title, h1s = _title_and_h1s(root) if root is not None else (None, [])
    paragraphs: list[str] = []
    layout: list[str] = []
    meta = read_meta(root, url, fetched_at) if root is not None else HtmlMeta()
    if not BODY_FROM_BLOCKS:
        paragraphs, layout = _trafilatura_body_lines(html, root, url)
    hints = site_hints(url, meta.sitename, outlet)
    title, author = meta.title or _marked_title(root), meta.author or _marked_author(root)
    dump = classify_dump("\n".join(lines), template, fetched_at, hints, score_byline=not author)
    if BODY_FROM_BLOCKS:
        chosen, unsure = body_blocks(blocks, frozenset(_norm(p) for p in dump.paragraphs))
        if unsure:  # the model's verdict is close on much of the page: trafilatura's path
            paragraphs, layout = _trafilatura_body_lines(html, root, url)
            paragraphs = trafilatura_body(paragraphs, layout, dump.paragraphs)
            # without the boxes of other stories it kept under a related-stories heading
            paragraphs = cut_related(paragraphs, frozenset(_norm(p) for p in dump.paragraphs))
        else:
            paragraphs = [b.text for b in chosen]
    else:
        paragraphs = trafilatura_body(paragraphs, layout, dump.paragraphs)
    body = {_norm(p) for p in paragraphs}
    # every dump line that is not in the body is removed; keep the classifier's reason for it
    removed = [r for r in dump.removed if _norm(r.text) not in body]
    # lines our classifier took for body but the HTML extractor did not
    removed += [Removed(p, "not_main_content", 0) for p in dump.paragraphs if _norm(p) not in body]
    # htmldate's search also where the time lines print a date: its day is what settles which
    # of several printed times is the publication (``published.page_times``' ``page_dates``).
    # Asked only where they print none (half the searches), trafilatura's set's HTML dates
    # (2026-12-07) stayed 308 of 338 on half A and fell 358 -> 353 of 390 on half B; left out
    # only where they print exactly one day and the page no slashed date of either order, 357
    # (that second rule was tried after half B's figure of the first had been seen): not taken.
    guessed = (  # htmldate's search: not for a page without body (rejected: ``extract_page``)
        None
        if meta.published or not paragraphs
        else _searched_date(
            html if root is None else root,
            _not_teasers(lines, dump.removed),
            url,
            fetched_at,
            dump.time_lines,
        )
    )
    updated = meta.modified
    page_norms = frozenset(_norm(line) for line in lines)
    headline = (
        choose_headline(title, page_title, h1s, hints, page_norms, line=dump.headline)
        or dump.headline
    )
    printed = _printed_byline(author, dump.byline_lines)
    byline_lines = [printed] if printed else [f"By {author}"] if author else dump.byline_lines
    return DumpResult(
        headline=headline,
        byline_lines=byline_lines,
        time_lines=dump.time_lines,
        paragraphs=paragraphs,
        removed=sorted(removed, key=lambda r: r.line),
        teasers=dump.teasers,
        published=meta.published,
        updated=updated,
        guessed=guessed,
        # no author in the markup: the byline the dump's scorer chose (``byline.py``; asked only
        # then: ``score_byline``)
        byline=None if author else dump.byline,
    )
