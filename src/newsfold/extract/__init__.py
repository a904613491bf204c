"""Extraction: a page in, the clean article out (or a rejection saying why there is none)."""

from __future__ import annotations

import re

from ..records import Article, Dateline, Page, Rejection, Removed
from . import cues
from .byline_rule import merge_byline
from .centred import uncentred
from .credits import (
    clean_byline,
    credits_in_byline,
    credits_in_text,
    parse_dateline,
    without_time_labels,
)
from .headline import site_hints
from .html import extract_html, html_to_lines
from .language import classify as classify_language
from .nodes import join_repeated_groups
from .page_clock import head_links
from .published import page_times
from .templates import OutletTemplate, TemplateStats
from .text import classify_dump
from .unwrap import unwrap_lines

__all__ = ["TemplateStats", "article_id", "clean_byline", "extract_page", "page_lines"]


_NON_WORD = re.compile(r"\W+")


def _same_line(a: str, b: str) -> bool:
    return _NON_WORD.sub(" ", a).strip().lower() == _NON_WORD.sub(" ", b).strip().lower()


def page_lines(page: Page) -> list[str]:
    """The page as text lines: what templates are learnt from and lines are classified on. A
    dump wrapped at a width (lynx, w3m, html2text) gets its logical lines back first, so a
    removed line's number counts those (``unwrap.py``), after the margins of centred lines are
    taken off (``centred.py``); any other dump is split as it is. Then a group of short lines
    the page prints again and again (a share bar under each item) is one line in every dump
    (``nodes.join_repeated_groups``): no wrap's joining, so it runs after ``unwrap_lines``."""
    if page.kind == "html":
        return html_to_lines(page.content)
    return join_repeated_groups(unwrap_lines(uncentred(page.content.splitlines())))


def article_id(page_id: str) -> str:
    return "a_" + page_id.removeprefix("p_")


# characters: a paragraph. The classifier's time grows with the length and is a third of an
# extraction at 600; on 181 articles in eight languages 300 gave the same answers as 600
LANGUAGE_SAMPLE = 300


def detect_language(text: str) -> str | None:
    if len(text) < 40:
        return None
    # the language shows in the first paragraphs; the classifier's time grows with the length
    return classify_language(text[:LANGUAGE_SAMPLE])


def extract_page(page: Page, template: OutletTemplate | None = None) -> Article | Rejection:
    """The article on ``page``. Pure: everything it needs comes in as arguments."""
    if page.kind == "html":
        result = extract_html(page.content, page.url, template, page.fetched_at, page.outlet)
    else:
        hints = site_hints(page.url, page.outlet)
        result = classify_dump("\n".join(page_lines(page)), template, page.fetched_at, hints)
    paragraphs = list(result.paragraphs)
    removed = list(result.removed)
    # the heading often sits inside the article markup (or repeats above the text)
    while paragraphs and result.headline and _same_line(paragraphs[0], result.headline):
        removed.append(Removed(paragraphs.pop(0), "headline_repeat", 0))
    # an editor's note about the text, under its last paragraph, is not part of it
    while paragraphs and cues.EDITORS_NOTE.match(paragraphs[-1]):
        removed.append(Removed(paragraphs.pop(), "editors_note", 0))
    if not paragraphs:
        return Rejection(
            page.source, "no_article", f"{page.source}: no article text found on the page"
        )
    byline = clean_byline(result.byline_lines)
    if result.byline is not None:  # the byline scorer's choice (``byline.py``)
        byline = merge_byline(byline, result.byline or None)
    byline = without_time_labels(byline) if byline else byline
    credits = credits_in_byline(byline) if byline else []
    dateline: Dateline | None = None
    parsed = parse_dateline(paragraphs[0])
    if parsed:
        dateline, credit = parsed
        if credit and credit not in credits:
            credits.append(credit)
    for c in credits_in_text(" ".join(paragraphs[:2]) + "\n" + paragraphs[-1]):
        if c not in credits:
            credits.append(c)
    body = "\n\n".join(paragraphs)
    language = detect_language(body)
    fetched = page.fetched_at
    head = head_links(page.content) if page.kind != "html" else ""
    published, updated = page_times(result, paragraphs, removed, page.url, fetched, language, head)
    return Article(
        id=article_id(page.id),
        page_id=page.id,
        source=page.source,
        outlet=page.outlet,
        url=page.url,
        headline=result.headline,
        byline=byline,
        credits=credits,
        dateline=dateline,
        published=published,
        updated=updated,
        language=language,
        paragraphs=paragraphs,
        removed=sorted(removed, key=lambda r: r.line),
        teasers=result.teasers,
        fetched_at=page.fetched_at,
    )
