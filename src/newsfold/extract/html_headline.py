"""The HTML path's headline: the page's title element, its h1 headings and the title its
metadata declares, weighed against each other (``choose_headline``)."""

from __future__ import annotations

import re

from lxml import etree

from .headline import TITLE_SEP, _names_site, bracketed_tail, clean_headline
from .lines import _UNSPACED, _norm, count_words

_NON_NAME = re.compile(r"\W|_")
MIN_TITLE_LINE_WORDS = 3


def _share_words(a: str, b: str) -> bool:
    """Whether two names share a word (a character, in scripts written without spaces), or one
    sits inside the other ("Geschichte" in "Chorgeschichte")."""
    words: list[set[str]] = []
    for text in (a, b):
        out: set[str] = set()
        for word in _norm(text).split():
            out.update(word if _UNSPACED.search(word) else [word])
        words.append(out)
    compact = [_norm(a).replace(" ", ""), _norm(b).replace(" ", "")]
    return bool(words[0] & words[1]) or compact[0] in compact[1] or compact[1] in compact[0]


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def text_of(el: etree._Element) -> str:
    """An element's text, its white space collapsed."""
    return _words(el.text_content())


def h1_text(h1: etree._Element) -> str:
    """An h1's text, without the kicker its first element prints over the headline (a
    dateline, a topic: ``<h1><span>Harbour works</span> Dredging to start in May</h1>``).
    Wrappers that hold the whole heading are looked through; the first element is a kicker
    where the heading's text starts with it and more text follows, of no fewer words than it
    (a headline styled in parts rarely opens with its shorter part)."""
    el = h1
    while True:
        kids = [k for k in el if isinstance(k.tag, str)]
        if _words(el.text) or not kids:
            return text_of(h1)
        if len(kids) == 1 and not _words(kids[0].tail):
            el = kids[0]  # a wrapper of the whole heading
            continue
        break
    kicker = text_of(kids[0])
    rest = _words(
        " ".join([kids[0].tail or ""] + [k.text_content() + " " + (k.tail or "") for k in kids[1:]])
    ).lstrip(":|–—-· ")
    # (a rest that opens in lower case goes on the first element's sentence: "<b>Row</b> over
    # the harbour fees")
    fits = count_words(rest) >= 2 and not rest[:1].islower()
    if kicker and fits and count_words(kicker) <= count_words(rest):
        return rest
    return text_of(h1)


def title_site_names(page_title: str | None, h1s: list[str]) -> frozenset[str]:
    """The site's name where the title element ends in it and an h1 of the page prints it (the
    site's logo, "Harbour Archive beta" over "Dredging to start | Harbour Archive"): the compact
    forms of the title element's last part (after a separator, or in brackets at its end) that
    an h1 names (``_names_site``). Only a part of fewer words than the title before it counts:
    in "Site | Headline" or "Section - Headline" the headline is the longer side, and an h1
    that prints it is the page's heading, not its logo."""
    if not page_title or not h1s:
        return frozenset()
    tails = []  # (the part, the title before it)
    head = page_title
    bracketed = bracketed_tail(head)
    if bracketed:
        head = bracketed[0]
        tails.append((bracketed[1], head))
    parts = TITLE_SEP.split(head)[::2]  # the parts without their separators
    if len(parts) > 1:
        tails.append((parts[-1], " ".join(parts[:-1])))
    names = set()
    for tail, before in tails:
        compact = _compact(tail)
        if (
            len(compact) >= 3
            and count_words(tail) < count_words(before)
            and any(_names_site(h1, frozenset([compact])) for h1 in h1s)
        ):
            names.add(compact)
    return frozenset(names)


def _title_h1(page_title: str | None, h1s: list[str], hints: frozenset[str]) -> str | None:
    """The h1 that prints the page's title: of the h1s that do not name the site, the only one
    sharing a word with the title element, where it is the only one, or where the title
    element holds it whole (a second h1 is then a box's heading: "Subscribe")."""
    if not page_title:
        return None
    mine = [h1 for h1 in h1s if not _names_site(h1, hints)]
    shared = [h1 for h1 in mine if _share_words(h1, page_title)]
    if len(shared) != 1:
        return None
    held = _norm(shared[0])
    if len(h1s) == 1 or (len(held) >= 15 and count_words(held) >= 3 and held in _norm(page_title)):
        return shared[0]
    return None


def _title_holds(line: str | None, page_title: str | None, hints: frozenset[str]) -> bool:
    """Whether the title element holds ``line`` whole, a line of ``MIN_TITLE_LINE_WORDS`` words
    or more that is not the site's name (a shorter line held in a title bar is as often its
    section's or site's part as the headline)."""
    return bool(
        line
        and page_title
        and count_words(line) >= MIN_TITLE_LINE_WORDS
        and not _names_site(line, hints)
        and _compact(line) in _compact(page_title)
    )


def _compact(text: str) -> str:
    """The text's letters and digits only, in lower case: a title bar that drops a headline's
    apostrophes and currency signs and capitalises each word ("Pace Star Sajs Bollywood
    Adventure") still holds it."""
    return _NON_NAME.sub("", text.lower())


def choose_headline(
    title: str | None,
    page_title: str | None,
    h1s: list[str],
    hints: frozenset[str],
    page_norms: frozenset[str],
    line: str | None = None,
) -> str | None:
    """The headline from trafilatura's title, the page's title element and its h1 headings.

    The h1 that prints the page's title (``_title_h1``: a page's only h1 that shares a word
    with its title element, or of several h1s the only one that does and that the title
    element holds whole) is the headline the reader sees: trafilatura's title comes first
    from the page's metadata (``og:title``), which is often a title written for search engines
    and sharing ("Hafen: Fährstreit geht weiter" over the heading "Der Streit um die neue
    Fähre im Hafen geht in eine neue Runde"). On half A of the metadata benchmark's pages this
    took trafilatura's set from 0.777 to 0.856 and cost readability's (whose gold is
    Readability.js's title) one page of 69.

    Where a page declares no title in its metadata, trafilatura takes its only h1 over the
    title element. An h1 that has nothing in common with the title element, and is shorter, is
    most often a section or site label ("Health Center"), a greeting or a banner rather than
    the headline: the title element (its site parts dropped) names the page then. The title
    element does not win where it only names the site, nor over an h1 as long as it (no cue
    then says which of the two is the headline). A headline that is only the site's name is
    none (``None``: the dump's then decides). The site's names are ``hints`` and those its title
    element ends in where an h1 prints them as its logo (``title_site_names``).

    On site half A of the metadata benchmark, the several h1s, the site's name from the title
    element and an h1's kicker (``h1_text``) took trafilatura's set from 0.848 to 0.871 and
    readability's from 0.783 to 0.797 (``choose_headline`` alone, without the dump's).

    Where no h1 prints the title, ``line`` (the headline the page's own lines give: the line the
    text path's scorer finds over the body's start) is the headline when the title element holds
    it whole (``_title_holds``): the page prints it above its text and its title bar names it,
    two pieces of evidence that agree, where metadata's title is often the site's or a
    section's name ("Local News", "Sports Wire") or keeps the title bar's section and site parts
    that the cleaning does not cut ("- Travel-News-The Daily"). On site half A of L3S-GN1 this
    took the HTML headline from 0.775 to 0.873 (B 0.784 to 0.841), trafilatura's set 0.876 to
    0.878 (B 0.889 to 0.898), and cost readability's one page a half (0.797 to 0.783, 0.759 to
    0.741: a headline's first part before a colon that Readability.js keeps)."""
    hints = hints | title_site_names(page_title, h1s)
    printed = _title_h1(page_title, h1s, hints)
    if printed is not None:
        return clean_headline(printed, hints, page_norms)
    if _title_holds(line, page_title, hints):
        return line
    if not title:
        headline = clean_headline(page_title, hints, page_norms) if page_title else None
        return None if headline is None or _names_site(headline, hints) else headline
    headline = clean_headline(title, hints, page_norms)
    # the same where trafilatura's title is no part of the title element (a category's or the
    # site's heading it took for the title: "Allgemein", "About Us"), unless the page prints it
    # over its body (``line``): the title element is then a site's description
    if (
        page_title
        and not (
            line and count_words(line) >= MIN_TITLE_LINE_WORDS and _compact(line) == _compact(title)
        )
        and (
            (len(h1s) == 1 and _norm(h1s[0]) == _norm(title))
            or _norm(title) not in _norm(page_title)
        )
    ):
        named = clean_headline(page_title, hints, page_norms)
        if (
            count_words(named) > count_words(headline)
            and not _names_site(named, hints)
            and not _share_words(named, headline)
        ):
            return named
    return None if _names_site(headline, hints) else headline
