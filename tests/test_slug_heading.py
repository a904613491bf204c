"""A dump without a title bar: the line that spells the URL's slug is the article's heading, and
the text under it outweighs a bigger block elsewhere (extract/slug_heading.py). Pages written
here."""

from __future__ import annotations

from newsfold.api import extract_text
from newsfold.extract.lines import Line
from newsfold.extract.slug_heading import slug_headings

URL = "https://news.example.org/2024/05/harbour-pilots-accept-new-night-roster"
HEADING = "Harbour pilots accept new night roster"
ARTICLE = [
    "Harbour pilots in the northern port voted on Monday to accept a new night roster after "
    "three months of talks with the port authority.",
    "The port authority said four pilots would join each night crew from April, and that ships "
    "waiting outside the wall would be brought in within a week.",
    "Shipping agents welcomed the vote, saying the queue had cost their clients dearly.",
]
# a footer of notices, longer than the article: without a heading it outweighs the text
FOOTER = [
    "The material on this site is provided for general information only and is not intended "
    "to be relied upon as advice of any kind, and no warranty is given as to its accuracy.",
    "Readers who wish to reproduce any part of the content must first obtain written consent "
    "from the publisher, who reserves every right not expressly granted in these terms.",
    "Advertising on this site is sold by a third party, and the publisher accepts no "
    "responsibility for the content of advertisements or of the sites that they link to.",
    "Personal data submitted through the forms on this site is handled according to the "
    "privacy notice, which explains how long it is kept and how it may be corrected.",
]
MENU = ["Home", "News", "Sport", "Weather", "Contact us"]
# the site's map between the text and the footer: enough lines of links to part the two, and
# to set the footer further under the heading than a text under it starts (``HEADING_REACH``)
SITE_MAP = [f"{part} {section}" for part in ("Local", "World", "Region") for section in MENU * 2]


def _line(n: int, text: str) -> Line:
    return Line(n, text, len(text.split()))


def test_the_line_that_spells_the_slug_is_found() -> None:
    lines = [_line(n, t) for n, t in enumerate([*MENU, HEADING, *ARTICLE])]
    slug = frozenset({"harbour", "pilots", "accept", "new", "night", "roster"})
    assert slug_headings(lines, slug) == [len(MENU)]
    assert slug_headings(lines, frozenset()) == []
    # a line holding a few of the slug's words is no heading
    assert slug_headings([_line(0, "Harbour news and pilots")], slug) == []


def test_the_text_under_the_slug_heading_outweighs_a_longer_footer() -> None:
    dump = "\n".join([*MENU, HEADING, "By Mara Quill", *ARTICLE, *SITE_MAP, *FOOTER])
    body = extract_text(dump, url=URL).paragraphs
    assert body[0].startswith("Harbour pilots in the northern port")
    assert not any(p.startswith("The material on this site") for p in body)
    # without the URL the footer, the heavier block, is taken
    assert extract_text(dump).paragraphs[0].startswith("The material on this site")


# the article's text under its heading, cut in two by a box of other stories: the upper part
# short, the lower part longer and set further under the heading than a text under it starts
# (``body.HEADING_REACH``), both of them about the harbour pilots
UPPER = ARTICLE
BOX = ["More from the region"] + [
    line
    for place in (
        "Ferry",
        "Council",
        "Museum",
        "Rail",
        "Library",
        "Market",
        "Bridge",
        "Park",
        "School",
    )
    for line in ("*", f"{place} reopens after winter works", f"{place} news")
]
LOWER = [
    "The pilots had refused overtime since January, and the night roster had left the harbour "
    "with two crews where it needed four.",
    "Under the new roster the night crews work four nights in eight, and the port authority "
    "pays for a second pilot boat to be kept ready at the wall.",
    "The harbour pilots' union said its members would review the roster after six months, and "
    "that the vote had been close.",
    "The port authority said the queue of ships waiting outside the harbour should be gone "
    "before the end of the month, once the new crews are trained.",
    "Shipping agents said the night roster would bring back the ferries that had moved to the "
    "southern port, where pilots work through the night.",
]


def test_a_text_cut_in_two_under_the_slug_heading_is_taken_whole() -> None:
    dump = "\n".join([*MENU, HEADING, "By Mara Quill", *UPPER, *BOX, *LOWER[:4], *SITE_MAP])
    body = extract_text(dump, url=URL).paragraphs
    assert body[0].startswith("Harbour pilots in the northern port")
    assert body[-1].startswith("The port authority said the queue")


def test_a_teaser_that_spells_the_slug_does_not_outvote_the_article() -> None:
    # the article's own heading is not printed; a box of teasers below prints it, a line of
    # summary under it
    teaser = [
        HEADING,
        "Pilots vote on the night roster after months of talks with the port authority.",
        "Four pilots will join each night crew from April, and ships will wait less.",
    ]
    dump = "\n".join([*MENU, *ARTICLE, *SITE_MAP, *teaser, *SITE_MAP])
    body = extract_text(dump, url=URL).paragraphs
    assert body[0].startswith("Harbour pilots in the northern port")
    assert not any(p.startswith("Pilots vote on the night roster") for p in body)


def test_a_text_cut_in_two_under_the_title_bars_repeat_is_taken_whole() -> None:
    # a dump that opens with the title bar (html_text's, lxml's text nodes): the heading is
    # known by its repeat, and both parts still write the slug
    dump = "\n".join(
        [HEADING, *MENU, HEADING, "By Mara Quill", *UPPER, *BOX, *LOWER[:4], *SITE_MAP]
    )
    body = extract_text(dump, url=URL).paragraphs
    assert body[0].startswith("Harbour pilots in the northern port")
    assert body[-1].startswith("The port authority said the queue")
