"""Lists of other stories that a text-mode browser shows only by indentation
(src/newsfold/extract/indents.py): each headline with its summary indented under it, as lynx and
w3m print a ``<dl>``. Each item becomes a teaser and never a paragraph of the body, even where the
list outweighs the article; an article's own headings and lists stay in it. The dumps are written
here, in each renderer's layout."""

from __future__ import annotations

import textwrap

from newsfold.api import extract_text
from test_around_cards import BODY

HEADLINE = "Pilots accept new night roster, ending port dispute"
ITEMS = [
    (
        "Ferry fares to rise in May",
        "The island ferry company said on Friday that fares would rise by a tenth from May, "
        "blaming the price of fuel and the cost of the new terminal on the north quay.",
    ),
    (
        "Council backs harbour cycle lanes",
        "Councillors voted to paint cycle lanes along the harbour road, despite objections from "
        "traders who said the loss of parking would cost them customers over the summer.",
    ),
    (
        "Fish market reopens after repairs",
        "The covered fish market reopened this week after three months of repairs to the damage "
        "left by the winter floods, with most of its stalls trading again by Saturday.",
    ),
    (
        "Lighthouse keepers' cottages sold",
        "The row of cottages beside the old lighthouse has been sold to a housing trust, which "
        "plans to let them to families who work in the port at rents below the market.",
    ),
    (
        "Dredging to start in the outer basin",
        "Work to deepen the outer basin will start next month and last until the autumn, so that "
        "the larger container ships can berth at any state of the tide without waiting.",
    ),
    (
        "Sea wall repairs cost more than planned",
        "The bill for repairing the sea wall along the promenade has risen by a third since the "
        "spring, the council's engineers told a meeting of the harbour committee on Tuesday.",
    ),
    (
        "Rowing club wins coastal regatta",
        "The town's rowing club won four of the six races at the coastal regatta on Sunday, its "
        "best result since the club was founded by a group of fishermen ninety years ago.",
    ),
]


def _wrap(text: str, indent: int, width: int) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(text, width, initial_indent=pad, subsequent_indent=pad)


def lynx_page(items: list[tuple[str, str]]) -> str:
    """lynx -dump: section headings at the edge, paragraphs three columns in and wrapped at 74,
    a ``<dt>`` three columns in with its ``<dd>`` ten columns in right under it; the list in two
    sections, which outweigh the article."""
    lines = [HEADLINE, ""]
    for p in BODY:
        lines += [*_wrap(p, 3, 74), ""]
    lines += ["   Advertisement", "", "World »", ""]
    for k, (head, text) in enumerate(items):
        lines += ["   " + head, *_wrap(text, 10, 74), ""]
        if k == 3:
            lines += ["more »", "", "Business »", ""]
    return "\n".join([*lines, "more »"])


def w3m_page(items: list[tuple[str, str]]) -> str:
    """w3m -dump: everything at the edge, wrapped at 80, a ``<dd>`` four columns in under its
    ``<dt>``, no blank line between the items."""
    lines = [HEADLINE, ""]
    for p in BODY:
        lines += [*_wrap(p, 0, 80), ""]
    lines += ["Advertisement", "", "World »", ""]
    for k, (head, text) in enumerate(items):
        lines += [head, *_wrap(text, 4, 80)]
        if k == 3:
            lines += ["", "more »", "", "Business »", ""]
    return "\n".join([*lines, "", "more »"])


def test_an_indented_list_of_other_stories_becomes_teasers() -> None:
    for page in (lynx_page, w3m_page):
        art = extract_text(page(ITEMS), url="https://portside.example/pilots")
        assert art.paragraphs == BODY, page.__name__
        assert [(t.headline, t.text) for t in art.teasers] == ITEMS, page.__name__


def test_an_article_with_headings_and_a_list_keeps_them() -> None:
    """lynx prints an article's subheadings at the edge over paragraphs three columns in, but
    with a blank line between; a bulleted list's items go on under their words. Neither is a
    list of other stories."""
    lines = [HEADLINE, ""]
    for k, p in enumerate(BODY):
        lines += [f"Part {k + 1} of the story", "", *_wrap(p, 3, 74), ""]
    for head, text in ITEMS[:3]:
        lines += textwrap.wrap(
            f"{head}: {text}", 74, initial_indent="   * ", subsequent_indent="     "
        )
    lines += [""]
    art = extract_text("\n".join(lines), url="https://portside.example/pilots")
    assert all(p in art.paragraphs for p in BODY)
    assert not art.teasers


def html2text_page(items: list[tuple[str, str]]) -> str:
    """html2text: markdown wrapped at 78, a ``<dt>``'s link at the edge and its ``<dd>`` a
    paragraph of its own four columns in, after a blank line and never wrapped (markdown's code
    block), which is wider than the page's wrap."""
    lines = [f"# {HEADLINE}", ""]
    for p in BODY:
        lines += [*_wrap(p, 0, 78), ""]
    lines += ["Advertisement", "", "## World", ""]
    for k, (head, text) in enumerate(items):
        lines += [f"[{head}](/world/story-{k}.html)", "", "    " + text]
    return "\n".join([*lines, "", "[more](/world/)"])


def test_an_html2text_definition_list_becomes_teasers() -> None:
    """Before: the summaries, long lines four columns in, had the page's wrap refused (the
    article came apart into its physical lines) and, a blank line under each headline, were no
    item of a list: the list was taken for the body."""
    art = extract_text(html2text_page(ITEMS), url="https://portside.example/pilots")
    assert art.paragraphs == BODY
    assert [(t.headline, t.text) for t in art.teasers] == ITEMS
