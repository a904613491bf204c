"""Dumps of text nodes, one a line (``nodes.py``): a sentence cut at a quoted link, a dash or
a bracketed name is joined again."""

from __future__ import annotations

import textwrap

from newsfold.extract.nodes import join_repeated_groups
from newsfold.extract.unwrap import unwrap_lines

MENU = ["Home", "News", "Harbour", "Ferries", "Weather", "Letters", "Contact", "About us"]


def _joined(lines: list[str]) -> list[str]:
    return unwrap_lines([*MENU, "Ferry terminal to close", *lines, *MENU[:4] * 3])


def test_a_quoted_link_rejoins_its_sentence() -> None:
    """A title in quotes printed as a link: the line ends on the opening quote, the title is a
    node of its own, and the closing quote opens the rest of the sentence."""
    out = _joined(["The board's report, titled “", "Wharf Works", "”, was read out on Tuesday."])
    assert "The board's report, titled “Wharf Works”, was read out on Tuesday." in out


def test_a_dash_or_a_bracketed_name_goes_on_in_lower_case() -> None:
    lines = ["The crews favour the largest boats in the fleet, the old ferry", "— not the new"]
    lines[1] += " pontoon shuttles the board bought last spring."
    lines += ["Boats will use the new Northern Pontoon", "(NP) until the wharf reopens."]
    out = _joined(lines)
    assert (
        "The crews favour the largest boats in the fleet, the old ferry — not the new pontoon "
        "shuttles the board bought last spring." in out
    )
    assert "Boats will use the new Northern Pontoon (NP) until the wharf reopens." in out


def test_a_capitalised_item_after_a_dash_keeps_its_line() -> None:
    """A list's items printed with a dash ("– Harbour") are no continuation: only a word in
    lower case after the dash or the bracket carries the sentence on."""
    lines = ["Services (winter)", "– Harbour tours", "– Night ferries", "(Updated) Today"]
    out = _joined(lines)
    assert "– Harbour tours" in out and "– Night ferries" in out and "(Updated) Today" in out


def test_a_share_bar_printed_under_each_item_is_one_line() -> None:
    """A group of short nodes the page prints under every item (a share bar's buttons) is put
    on one line, as a renderer that keeps blocks prints it; a menu printed once keeps a line
    an item."""
    bar = ["Share", "Post", "Save"]
    items = [
        "The ferry leaves the northern pontoon at six and the crossing takes an hour.",
        "Tickets are sold on board and bicycles travel free all winter long.",
        "The board says the timetable will stay the same until the wharf reopens.",
    ]
    lines = [*MENU, "Ferry terminal to close"]
    for item in items:
        lines += [item, *bar]
    out = join_repeated_groups(unwrap_lines([*lines, "Contact us today.", *MENU[:4] * 3]))
    assert out.count("Share Post Save") == 3
    assert out[: len(MENU)] == MENU


def test_a_heading_over_a_list_of_linked_headlines_keeps_its_line() -> None:
    """A heading of capitalised words is no sentence cut at a link: the first headline under
    it (printed in two nodes, "The new pontoon and" over "what it means for you") is not
    joined to it, so that the heading is still read as the list's heading."""
    lines = ["The ferry will run every hour until the bridge reopens in the spring."]
    lines += ["More Stories From The Harbour", "The new pontoon and", "what it means for you"]
    out = _joined(lines)
    assert "More Stories From The Harbour" in out
    assert "The new pontoon and what it means for you" in out
    # a sentence cut before its link still joins: its line holds words in lower case
    out = _joined(["Tickets are sold by the", "Harbour Board", "office on the quay."])
    assert "Tickets are sold by the Harbour Board office on the quay." in out


def test_a_byline_cue_alone_keeps_off_the_headline() -> None:
    """ "von" over its linked name: the cue opens the byline, it is not the headline's last
    word (nor is the headline a link inside the line above it), and a user name in lower case
    goes on the cue."""
    out = _joined(["Neue Fähre für den Hafen", "von", "hafenblog", "12. März 2024"])
    assert "Neue Fähre für den Hafen" in out
    assert "von hafenblog" in out


def test_a_byline_cue_alone_over_a_capitalised_name_stands_alone() -> None:
    out = _joined(["Harbour board meets on the wharf", "By", "Jane Holm", "March 12, 2024"])
    assert out[len(MENU) + 1 : len(MENU) + 4] == [
        "Harbour board meets on the wharf",
        "By",
        "Jane Holm",
    ]


def test_names_around_a_joiner_are_one_line() -> None:
    """ "Von" / "Jane Holm" / "und" / "Tom Berg": the joiner goes on the first name (lower case)
    and the second name goes on the joiner, the cue reads as a link's sentence goes on."""
    out = _joined(["Neue Fähre für den Hafen", "Von", "Jane Holm", "und", "Tom Berg", "12. März"])
    assert "Neue Fähre für den Hafen" in out
    assert "Von Jane Holm und Tom Berg" in out


def test_a_long_capitalised_line_after_a_joiner_keeps_its_line() -> None:
    """More words than a name after a line that ends on "and": a heading of its own."""
    out = _joined(["Ferries, boats and", "Harbour News From The Whole Coast Today"])
    assert "Harbour News From The Whole Coast Today" in out


def test_a_node_s_source_indentation_is_no_gutter() -> None:
    """Text nodes that keep their source's line breaks as runs of blanks (a paragraph written
    at 60 columns in the page's source, each break and the next line's indentation printed as
    blanks): each is one line of text, though the runs fall near the same column from line to
    line, as a gutter between two cells would; a dump of text nodes lays out no columns."""
    paragraphs = [
        "The ferry left the northern pontoon at six and reached the island an hour later, "
        "the board said on Monday after the first crossing of the winter timetable.",
        "Passengers were asked to keep to the upper deck while the crew checked the hatches "
        "and the cars were lashed down for the crossing to the island harbour.",
        "The harbour master said the crossing would run again on Tuesday if the wind drops "
        "below the limit the crews keep to in the winter months of the year.",
    ]
    lines = ["        ".join(textwrap.wrap(p, 60)) for p in paragraphs]
    out = _joined(lines)
    for line in lines:
        assert line in out
