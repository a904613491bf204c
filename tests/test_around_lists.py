"""Lists of other stories under an article with no time line (extract/listed.py:
``list_teasers``): a headline over one summary paragraph each, set off from the text. Each item
becomes a teaser and leaves the body; an article's own subheadings stay in it. The dumps are
written here."""

from __future__ import annotations

import pytest

from newsfold.api import extract_text
from test_around_cards import BODY

HEADLINE = "Pilots accept new night roster, ending port dispute"
ITEMS = [
    (
        "Ferry fares to rise in May",
        "The island ferry company said on Friday that fares would rise by a tenth from May, "
        "blaming the price of fuel and the cost of the new terminal.",
    ),
    (
        "Council backs harbour cycle lanes",
        "Councillors voted to paint cycle lanes along the harbour road, despite objections from "
        "traders who said the loss of parking would cost them customers.",
    ),
    (
        "Fish market reopens after repairs",
        "The covered fish market reopened this week after three months of repairs to the damage "
        "left by the winter floods, with most of its stalls trading again.",
    ),
]

SECTION_TAILS = [
    "Regular travellers said they would still take the ferry, since the coast road is closed "
    "for most of the winter and the bus takes twice as long.",
    "The work is due to start in the autumn and will be paid for from the transport budget "
    "that the council set aside after last year's consultation.",
    "Stallholders said trade had been slow in the first days but that regular customers were "
    "coming back now that word of the reopening had spread.",
]


def page(items: list[tuple[str, str]], separator: list[str]) -> str:
    lines = [HEADLINE, *BODY, *separator]
    for head, text in items:
        lines += [head, text]
    lines += ["© 2024 Portside Wire", "About us | Contact"]
    return "\n".join(lines)


def test_a_list_of_other_stories_under_the_text_becomes_teasers() -> None:
    for separator in (["Also in the news"], ["Share this story", "Print | Email"]):
        article = extract_text(page(ITEMS, separator))
        assert article.paragraphs == BODY, separator
        assert [(t.headline, t.text) for t in article.teasers] == ITEMS
        assert {r.reason for r in article.removed if "Ferry fares" in r.text} == {"teaser"}


def test_two_items_are_a_list() -> None:
    article = extract_text(page(ITEMS[:2], ["Share this story"]))
    assert article.paragraphs == BODY
    assert [t.headline for t in article.teasers] == [h for h, _ in ITEMS[:2]]


def test_subheadings_of_the_article_stay_in_its_text() -> None:
    # an article's sections: a subheading right under the paragraph above it
    article = extract_text(page(ITEMS, []))
    assert article.paragraphs == [*BODY, *(x for item in ITEMS for x in item)]
    assert article.teasers == []
    # ... or sections of several paragraphs each, set off by rules (each section's second
    # paragraph its own: a paragraph printed on the page again is dropped as a repeat, which
    # left each section one paragraph long, the shape of a list)
    sections = [(h, f"{t} It was the third such change this year.") for h, t in ITEMS]
    lines = [HEADLINE, *BODY]
    for (head, text), tail in zip(sections, SECTION_TAILS, strict=True):
        lines += ["___", head, text, tail]
    article = extract_text("\n".join(lines))
    assert all(text in article.paragraphs for _, text in sections)


def test_one_item_is_no_list() -> None:
    article = extract_text(page(ITEMS[:1], ["Share this story"]))
    assert not any(t.headline == ITEMS[0][0] for t in article.teasers)


def test_a_summary_longer_than_a_teasers_stays() -> None:
    long = [(h, " ".join([t] * 5)) for h, t in ITEMS]  # about 130 words each
    article = extract_text(page(long, ["Share this story"]))
    assert not any(t.headline == ITEMS[0][0] for t in article.teasers)


def test_links_to_the_previous_and_next_story_are_no_paragraph() -> None:
    nav = [
        "Previous story: Ferry fares to rise in May as the island company blames fuel costs",
        "Next story: Council backs harbour cycle lanes despite objections from the traders",
    ]
    for lines in (nav, [" ".join(nav)]):  # a renderer may print both links on one line
        article = extract_text("\n".join([HEADLINE, *BODY, *lines, "© 2024 Portside Wire"]))
        assert article.paragraphs == BODY


PROMO = (
    "A special report examines two hundred harbour accidents around the coast and finds that "
    "slack inspections and muddled records come at a high price. Read the findings, search "
    "the database of every accident and share your own stories with our reporters."
)


def test_a_story_promoted_under_a_bar_of_links_is_no_paragraph() -> None:
    """A bar of share links closes the text; the one promoted story under it (a headline and a
    long summary, then links) is not the article's, though one item is no list."""
    text = "\n".join(
        [
            HEADLINE,
            *BODY,
            "» email this page | print | digg | reddit",
            "Harbour Watch: Exposing the Accidents on Our Coast",
            PROMO,
            "Enter Harbour Watch",
            "© 2024 Portside Wire",
        ]
    )
    assert extract_text(text).paragraphs == BODY


@pytest.mark.parametrize(
    "line",
    [
        "Photo | Portside Wire | File",  # three items: a photo's credits
        "[adsrv|2.1|728|4410982|0|225|ADNET;pos=100]",  # numbers between bars: an ad's tag
    ],
)
def test_bars_that_are_no_bar_of_links_do_not_cut_the_text(line: str) -> None:
    """A line of three short items between bars (a photo's credits), or of numbers between
    bars (an ad server's tag printed as text), sits inside the text."""
    text = "\n".join([HEADLINE, *BODY[:2], line, *BODY[2:]])
    assert extract_text(text).paragraphs == BODY


# a portal's grid of its sections' latest stories, far below the article: each item a headline
# line over a one-line summary, more words in all than the article has
GRID_TOPICS = [
    "bridge tolls",
    "school meals",
    "river levels",
    "tram drivers",
    "library hours",
    "harbour dredging",
    "market rents",
]


def grid_page(blank_lines: bool) -> str:
    gap = [""] if blank_lines else []
    lines = ["Home", "Harbour", "Weather", "Ferries", "Save | Send | Listen | Print"]
    lines += [HEADLINE, "Updated 4 March 2024, 10:56", "Portside Wire", *gap]
    for para in BODY:
        lines += [para, *gap]
    lines += ["See also", "Elsewhere", "Podcasts", "Puzzles", "Letters", "Archive"]
    lines += ["Save | Send | Listen | Print | Comment", "Around the port"]
    for topic in GRID_TOPICS:
        lines += [
            f"City weighs new plan for {topic} after months of complaints",
            f"Officials in the northern port said on Tuesday that the plan for {topic} would be "
            "put to councillors next month, after a consultation that drew more than two "
            "thousand replies from residents and traders across the city.",
        ]
    lines += ["All port stories", "© 2024 Portside Wire"]
    return "\n".join(lines)


@pytest.mark.parametrize("blank_lines", [True, False])
def test_a_grid_of_teasers_far_below_the_article_is_not_its_text(blank_lines: bool) -> None:
    """Seven headline-over-summary items outweigh the article's four paragraphs, but a block
    whose paragraphs each stand alone under a headline line is a list of other stories: the
    article under the page's header is the body (``body._headed_items``)."""
    article = extract_text(grid_page(blank_lines))
    assert article.paragraphs == BODY
    assert not any("City weighs" in p for p in article.paragraphs)
