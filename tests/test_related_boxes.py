"""Boxes of other stories in the shapes text renderers print them (extract/cues.py:
``RELATED_HEADING``; extract/listed.py: ``_headed_list``; extract/short_boxes.py: ``_box_reach``):
a heading named by a word of relation and a noun of the trade, a list of headlines glued to
their summaries and cut short under it (lynx), and a short box inside the text whose spacer
images each print a line of their own. The pages are written here."""

from __future__ import annotations

import pytest

from newsfold.api import extract_text
from newsfold.extract import cues
from newsfold.extract.bars import split_glued_bar
from test_around_cards import BODY

HEADLINE = "Pilots accept new night roster, ending port dispute"


@pytest.mark.parametrize(
    "line",
    [
        "Also in the news",
        "Latest related coverage",
        "Recent related articles",
        "Local top stories",
        "Past coverage",
        "Most viewed articles",
        "Other stories in Business",
        "On this topic",
        "Read on:",
        "MORE HARBOUR NEWS »",
        # a kind, source or place of up to three words before the noun, little words before it
        "More Island Ferry Business News",
        "Latest shipping industry news",
        "Also in North Coast news",
        "Also read these articles:",
        "More ferry & harbour news",  # two kinds joined
        "Latest photos and stories",
    ],
)
def test_box_headings_are_read_by_their_words(line: str) -> None:
    assert cues.RELATED_HEADING.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "Top story",  # above the article's own headline
        "Harbour news",  # a section's name: no word of relation
        "The latest news is that the ferry will run.",  # a sentence
        "More money for the harbour",  # no noun of the trade
        "Previous stories of the strike ended the same way, the union said today",
        # an article's subheadings that hold a word of relation and a noun of the trade, with a
        # phrase of their own between them: a noun or verb, then a little word
        "More cuts to local news",
        "Top officials criticised the news",
        "Other papers carried the stories",
        "Latest fare rises in headlines",
    ],
)
def test_lines_that_are_no_box_heading(line: str) -> None:
    assert not cues.RELATED_HEADING.match(line)


GLUED = [
    # headline, summary and the start of the story, on one line and cut short (lynx)
    "Ferry fares to rise in May The island ferry company is to raise its fares by a tenth "
    "from the start of May, and said on Friday that the price of fuel and the cost of the",
    "Council backs cycle lanes Councillors have voted to paint cycle lanes along the harbour "
    "road, although traders said that the loss of parking spaces would cost them a lot of",
    "Fish market reopens The covered fish market reopened this week after three months of "
    "repairs to the damage that was left by the winter floods, and most of its stalls are",
]


def test_glued_items_under_a_box_heading_are_teasers() -> None:
    lines = [HEADLINE, "By Dana Reyes", *BODY, "More harbour news...", "Past coverage", *GLUED]
    article = extract_text("\n\n".join([*lines, "© 2024 Portside Wire | Privacy"]))
    assert article.paragraphs == BODY
    assert [t.headline for t in article.teasers] == GLUED


def test_glued_items_with_their_stops_are_no_text() -> None:
    # the same, each summary whole and ending with its stop: the items, not the text resuming
    # under the heading, for most show where the headline ends ("... in May The island ...")
    items = [g.rsplit(" ", 6)[0] + "." for g in GLUED]
    lines = [HEADLINE, "By Dana Reyes", *BODY, "Past coverage", *items]
    article = extract_text("\n\n".join([*lines, "© 2024 Portside Wire | Privacy"]))
    assert article.paragraphs == BODY


def test_paragraphs_under_a_box_heading_stay_the_text() -> None:
    # the text goes on under the heading: its paragraphs end with a stop, no list of stories
    lines = [HEADLINE, "By Dana Reyes", *BODY[:2], "Past coverage", *BODY[2:]]
    article = extract_text("\n\n".join([*lines, "© 2024 Portside Wire | Privacy"]))
    assert article.paragraphs == BODY


def test_a_subheading_with_words_of_a_box_keeps_its_section() -> None:
    # the article's last section under a subheading that names news: its short paragraph is
    # the text's, not a box of other stories
    section = (
        "The harbour's own weekly paper will close in June, the third local title to go this "
        "year, and its two reporters will move to the regional desk."
    )
    subheading = "More cuts to local news"
    lines = [HEADLINE, "By Dana Reyes", *BODY, subheading, section]
    article = extract_text("\n\n".join([*lines, "© 2024 Portside Wire | Privacy"]))
    assert article.paragraphs == [*BODY, subheading, section]


def test_a_short_box_with_spacer_lines_is_no_text() -> None:
    # a box of links under the text's first lines, each spacer image a line of its own (lynx):
    # the text resumes under it, and the box's last line, a promotion without a stop, is no
    # paragraph of the text
    promo = "Practical tips, tide tables and the best harbour photographs of the week [spacer.gif]"
    lines = [
        HEADLINE,
        "By Dana Reyes",
        "The long dispute over night shifts in the port is over, the pilots said.",
        "On this topic",
        "[spacer.gif]",
        "[spacer.gif]",
        "[news_line.gif]",
        "Pilots threaten overtime ban",
        "Ships queue outside the breakwater",
        "Port authority names new harbour master",
        "[spacer.gif]",
        promo,
        *BODY,
        "© 2024 Portside Wire | Privacy",
    ]
    article = extract_text("\n\n".join(lines))
    assert article.paragraphs[-len(BODY) :] == BODY
    assert promo not in article.paragraphs
    assert not any("breakwater" in p for p in article.paragraphs if p not in BODY)


PROMO = [
    "Tide tables for the whole coast",
    "Our new guide lists every high and low tide for the year, with charts of the harbour "
    "approaches and the times the ferries keep in bad weather, and you can print it at home.",
]


def test_a_bar_glued_to_the_text_ends_it() -> None:
    # html2text prints a block's text and its bar of share links on one line: the bar still
    # ends the text, and the promotion under it is no paragraph
    last = BODY[-1] + " » email this story | print | share | save"
    lines = [HEADLINE, "By Dana Reyes", *BODY[:-1], last, *PROMO, "© 2024 Portside Wire"]
    article = extract_text("\n\n".join(lines))
    assert article.paragraphs == BODY


def test_a_bar_printed_an_item_a_line_ends_the_text() -> None:
    # every text node on its own line (lxml_lines): the bar's items one under another
    bar = ["» email this story", "| print", "| share", "| save"]
    lines = [HEADLINE, "By Dana Reyes", *BODY, *bar, *PROMO, "© 2024 Portside Wire"]
    article = extract_text("\n".join(lines))
    assert article.paragraphs == BODY


def test_a_box_glued_to_the_text_after_its_heading_is_no_text() -> None:
    # a table's row on one line (html2text): the text's cell, then the box's cells
    last = BODY[-1] + " Posted 12/03/2024 Related stories: | | Ferry fares to rise in May"
    lines = [HEADLINE, "By Dana Reyes", *BODY[:-1], last, "© 2024 Portside Wire"]
    article = extract_text("\n\n".join(lines))
    assert article.paragraphs == BODY


@pytest.mark.parametrize(
    "link",
    ["Harbour homepage | Ferry homepage", "Click for the harbour gallery"],
)
def test_links_between_paragraphs_are_no_subheading(link: str) -> None:
    # two links set apart by a bar, a request to click: short lines between two paragraphs,
    # but no heading of the text's
    lines = [HEADLINE, "By Dana Reyes", *BODY[:2], link, *BODY[2:], "© 2024 Portside Wire"]
    article = extract_text("\n\n".join(lines))
    assert article.paragraphs == BODY


def test_a_caption_request_glued_to_the_first_sentence_stays_text() -> None:
    # a photo's "Click to enlarge" printed on the line of the text's first sentence: the
    # sentence is the text's, though the line opens with a request to click
    first = "Click to enlarge " + BODY[0]
    lines = [HEADLINE, "By Dana Reyes", first, *BODY[1:], "© 2024 Portside Wire"]
    article = extract_text("\n\n".join(lines))
    assert article.paragraphs == [first, *BODY[1:]]


def test_a_table_row_after_an_abbreviation_is_no_glued_bar() -> None:
    # a table's header row opening with an abbreviation's stop: no text before the bars
    row = "Pos. | Skipper | Points | Wins | Podiums"
    lines = [HEADLINE, "By Dana Reyes", *BODY[:2], row, *BODY[2:], "© 2024 Portside Wire"]
    assert split_glued_bar(row) is None
    assert split_glued_bar(BODY[0] + " | email | print | share | save") is not None
    assert extract_text("\n\n".join(lines)).paragraphs[:2] == BODY[:2]


def test_a_box_heading_after_a_stop_in_the_texts_cell_is_no_text() -> None:
    # a table cell's paragraphs on one line (html2text), the cell's box of further reading
    # after the text's last stop and the row's bars at the end
    box = "Read on: Harbour issues: ferries and fares (1) Port accounts, Gazette | |"
    last = BODY[-1] + " " + box
    lines = [HEADLINE, "By Dana Reyes", *BODY[:-1], last, "© 2024 Portside Wire"]
    assert split_glued_bar(last) == (BODY[-1], "Read on:", box.removeprefix("Read on: "))
    assert extract_text("\n\n".join(lines)).paragraphs == BODY


def test_a_colon_after_a_stop_that_names_no_box_splits_nothing() -> None:
    last = BODY[-1] + " The harbour master said: more pilots will follow | |"
    assert split_glued_bar(last) is None
