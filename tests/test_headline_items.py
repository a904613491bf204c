"""A headline's text as a dump prints it: an ordered list's number before it (a breadcrumb
trail written as a numbered list ends in the headline) and a heading printed twice in a row
(``headline_parts.span_text``)."""

from __future__ import annotations

from newsfold.api import extract_text
from newsfold.extract.headline import clean_headline
from newsfold.extract.headline_parts import one_copy, span_text, unglued_headline, unnumbered
from newsfold.extract.lines import Line, _norm
from test_headline import BODY

HEADLINE = "Harbour board approves a new sea wall after the winter floods"


def _lines(texts: list[str]) -> list[Line]:
    return [Line(n=n, text=t, words=len(t.split())) for n, t in enumerate(texts)]


def test_a_numbered_trail_s_last_item_loses_its_number() -> None:
    lines = _lines(["You are here:", "1. Home", "2. Local news", f"3. {HEADLINE}", *BODY])
    assert span_text(lines, 3, 4) == HEADLINE
    # the first item, with the second under it
    lines = _lines([f"1. {HEADLINE}", "2. Local news", *BODY])
    assert span_text(lines, 0, 1) == HEADLINE


def test_a_headline_opening_with_its_own_number_keeps_it() -> None:
    text = "2. Division side signs a new goalkeeper for the spring"
    lines = _lines(["Sport", text, *BODY])
    assert unnumbered(lines, 1, text) == text
    # a neighbour numbered out of turn is no list of it
    lines = _lines(["5. Weather", text, *BODY])
    assert unnumbered(lines, 1, text) == text


def test_a_heading_printed_twice_in_a_row_is_taken_once() -> None:
    assert one_copy(f"{HEADLINE} {HEADLINE}") == HEADLINE
    assert one_copy(f"{HEADLINE}{HEADLINE}") == HEADLINE
    assert one_copy("Bye Bye") == "Bye Bye"  # one word said twice
    assert one_copy(HEADLINE) == HEADLINE


def test_a_dump_whose_headline_is_a_numbered_trail_s_end() -> None:
    dump = "\n".join(
        [
            "Search",
            "Menu",
            "You are here:",
            "1. Home",
            "2. Local news",
            f"3. {HEADLINE}",
            "",
            *BODY,
        ]
    )
    assert extract_text(dump).headline == HEADLINE


def test_a_question_after_a_dash_is_the_headline_s_own() -> None:
    # the page prints the headline's first part alone (a subheading): a site's name after the
    # dash goes, a question stays (a site's name asks nothing)
    norms = frozenset({_norm("Renting or buying a car")})
    said = "Renting or buying a car – which pays off?"
    assert clean_headline(said, frozenset(), norms) == said
    said = "Renting or buying a car – Money Pages"
    assert clean_headline(said, frozenset(), norms) == "Renting or buying a car"


DECK = "Residents Asked for Years and the Town Finally Listened"


def test_a_date_label_glued_before_the_headline_is_cut() -> None:
    assert unglued_headline(f"12.03.2024 - {HEADLINE}", "") == HEADLINE
    assert unglued_headline(f"Tuesday, 12 March 2024 | {HEADLINE}", "") == HEADLINE
    # a headline whose first part merely holds a number stays whole
    said = "Floods of 2023 - what the harbour board learnt"
    assert unglued_headline(said, "") == said


def test_a_deck_glued_after_the_headline_is_cut_where_the_title_bar_prints_it_alone() -> None:
    bar = f"{HEADLINE} | Coastal Herald"
    assert unglued_headline(f"{HEADLINE} {DECK}", bar) == HEADLINE
    # a title bar that shortens a longer headline: what goes on in a small word or after a
    # mark is the headline's own
    bar = "Harbour board approves a new sea wall | Coastal Herald"
    assert unglued_headline(HEADLINE, bar) == HEADLINE
    said = "Harbour board approves a new sea wall – Residents Cheer"
    assert unglued_headline(said, bar) == said
    # no title bar (the headline is the bar itself): nothing to cut by
    assert unglued_headline(f"{HEADLINE} {DECK}", "") == f"{HEADLINE} {DECK}"


def test_a_dump_whose_heading_line_holds_the_deck_too() -> None:
    # (the heading chosen over the title bar, a date under it; its deck glued on by a renderer)
    top = [f"{HEADLINE} | Coastal Herald", "Home", "News", "Sport"]
    dump = "\n".join([*top, f"{HEADLINE} {DECK}", "12 March 2024", *BODY])
    assert extract_text(dump, kind="text").headline == HEADLINE
