"""The HTML path's headline: the page's title element, its h1 headings and the title its
metadata declares, weighed against each other (``choose_headline``)."""

from __future__ import annotations

from .headline import _names_site, clean_headline
from .lines import _UNSPACED, _norm, count_words


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


def choose_headline(
    title: str | None,
    page_title: str | None,
    h1s: list[str],
    hints: frozenset[str],
    page_norms: frozenset[str],
) -> str | None:
    """The headline from trafilatura's title, the page's title element and its h1 headings.

    A page's only h1 that shares a word with its title element is the headline the reader
    sees: trafilatura's title comes first from the page's metadata (``og:title``), which is
    often a title written for search engines and sharing ("Hafen: Fährstreit geht weiter" over
    the heading "Der Streit um die neue Fähre im Hafen geht in eine neue Runde"). On half
    A of the metadata benchmark's pages this took trafilatura's set from 0.777 to 0.856 and cost
    readability's (whose gold is Readability.js's title) one page of 69.

    Where a page declares no title in its metadata, trafilatura takes its only h1 over the
    title element. An h1 that has nothing in common with the title element, and is shorter, is
    most often a section or site label ("Health Center"), a greeting or a banner rather than
    the headline: the title element (its site parts dropped) names the page then. The title
    element does not win where it only names the site, nor over an h1 as long as it (no cue
    then says which of the two is the headline). A headline that is only the site's name is
    none (``None``: the dump's then decides)."""
    if (
        len(h1s) == 1
        and page_title
        and _share_words(h1s[0], page_title)
        and not _names_site(h1s[0], hints)
    ):
        return clean_headline(h1s[0], hints, page_norms)
    if not title:
        headline = clean_headline(page_title, hints, page_norms) if page_title else None
        return None if headline is None or _names_site(headline, hints) else headline
    headline = clean_headline(title, hints, page_norms)
    # the same where trafilatura's title is no part of the title element (a category's or the
    # site's heading it took for the title: "Allgemein", "About Us")
    if page_title and (
        (len(h1s) == 1 and _norm(h1s[0]) == _norm(title)) or _norm(title) not in _norm(page_title)
    ):
        named = clean_headline(page_title, hints, page_norms)
        if (
            count_words(named) > count_words(headline)
            and not _names_site(named, hints)
            and not _share_words(named, headline)
        ):
            return named
    return None if _names_site(headline, hints) else headline
