"""The headline of a dump without a title bar (a browser's innerText, lynx, resiliparse): the
learned scorer of ``extract/headline.py`` (issue 20)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsfold.api import extract_text
from newsfold.extract.headline import FEATURES, clean_headline

BODY = [
    "The harbour board voted on Tuesday to spend four million dollars on a new sea wall for the"
    " town, after two winters of floods in the lower streets.",
    "Residents had asked for the work since the storms of last winter flooded the lower streets"
    " twice, and shops on the quay closed for weeks.",
    "The first stones will be laid in the spring, the board's chair said, and the work will take"
    " about a year to finish if the weather allows it.",
]
MENU = ["Home", "News", "Sport", "Business", "Opinion", "Weather", "Subscribe", "Sign in"]


def test_the_model_file_weighs_every_feature() -> None:
    raw = json.loads(
        resources.files("newsfold").joinpath("data/headline_model.json").read_text("utf-8")
    )
    assert set(raw["weights"]) == set(FEATURES)
    assert raw["trained_by"] == "benchmarks/train_headline.py" and raw["half"] in ("A", "B")


def test_headline_above_the_body_among_menus_and_teasers() -> None:
    dump = "\n".join(
        [
            *MENU,
            "Most read",
            "Council closes the old library for repairs",
            "Ferry timetable changes from next month",
            "Local team wins the regional cup final",
            "Search",
            "Harbour board approves a new sea wall after the winter floods",
            *BODY,
        ]
    )
    assert extract_text(dump).headline == (
        "Harbour board approves a new sea wall after the winter floods"
    )


def test_first_line_headline_with_the_body_straight_under_it() -> None:
    dump = "\n\n".join(["Harbour board approves a new sea wall after the winter floods", *BODY])
    article = extract_text(dump)
    assert article.headline == "Harbour board approves a new sea wall after the winter floods"
    assert article.paragraphs[0].startswith("The harbour board voted")


# a headline of twelve words or more weighs for the body as a line without a full stop does:
# it used to join the text under it and open the body, with no headline taken and no dateline read
LONG_HEADLINE = "Harbour board approves a new sea wall for the town after two winters of floods"


def test_long_first_line_headline_is_not_the_body_s_first_paragraph() -> None:
    article = extract_text("\n".join([LONG_HEADLINE, *BODY]))
    assert article.headline == LONG_HEADLINE
    assert article.paragraphs == BODY


def test_long_headline_above_a_dateline_under_a_menu() -> None:
    opening = "KINGSPORT, May 3 (Reuters) - " + BODY[0]
    article = extract_text("\n".join([*MENU, LONG_HEADLINE, opening, *BODY[1:]]))
    assert article.headline == LONG_HEADLINE
    assert article.paragraphs[0].startswith("KINGSPORT, May 3")
    assert article.dateline is not None and article.dateline.place == "Kingsport"
    assert len(article.paragraphs) == len(BODY)


def test_a_deck_under_the_title_bar_s_heading_stays_the_body_s_first_line() -> None:
    # the page prints its title bar's heading right over the long line: that line is its deck
    bar, heading = "Harbour board meeting | Harbour Herald", "Harbour board meeting"
    dump = "\n".join([bar, *MENU, heading, LONG_HEADLINE, *BODY])
    article = extract_text(dump)
    assert article.headline == "Harbour board meeting"
    assert article.paragraphs == [LONG_HEADLINE, *BODY]


def test_markdown_heading_marks_are_not_the_headline_s() -> None:
    assert clean_headline("# Harbour board approves a sea wall", frozenset(), frozenset()) == (
        "Harbour board approves a sea wall"
    )


def test_a_line_opening_with_a_form_s_box_is_scored_far_below_its_words() -> None:
    # the renderers print a form's check boxes as "[ ] label": such a line right above the text
    # was taken for the headline (about one page in a hundred). w3m's "□ label" is the mark of
    # a nested list's item (39,707 lines of its cached dumps open with it, 326 with "[ ]"): the
    # mark is taken off as a bullet (``text._BULLET``) and the item read as its words
    from newsfold.extract.headline import headline_features, headline_score
    from newsfold.extract.text import _labelled_lines

    def score(mark: str) -> float:
        lines = _labelled_lines(
            "\n".join([*MENU, f"{mark}Regional edition of the Herald", *BODY]), None
        )
        k = len(MENU)
        return next(headline_score(f) for i, f in headline_features(lines, k + 1) if i == k)

    assert score("[ ] ") < score("") - 1.0
    assert score("□ ") == score("")


HARBOUR = "Harbour board approves a new sea wall after the winter floods"


def test_a_trail_glued_before_the_headline_is_dropped_where_the_page_prints_it_bare() -> None:
    """A renderer glues a trail of sections ("Town Council ...") to the heading; where the page
    prints the headline bare too (the heading under a row of share buttons), the bare line is
    the headline: the model weighs a line printed as another's end up (``in_end``) and the line
    that holds one down (``holds_end``). A learned weight, not a rule."""
    from newsfold.extract.headline_facts import FEATURES, model

    weights = dict(zip(FEATURES, model(), strict=True))
    assert weights["in_end"] > 0 > weights["holds_end"]
    trail = [*MENU, HARBOUR, "Share on Facebook", "Share on X", f"Town Council {HARBOUR}"]
    dump = "\n".join([*trail, "12 March 2024", *BODY])
    assert extract_text(dump, kind="text").headline == HARBOUR, dump


@pytest.mark.xfail(
    strict=True,
    reason="known weakness, a learned outcome: the glued kicker line scores 0.02 over the bare "
    "copy under stop 30's models, under it under stop 31's, 0.10 over it under stop 32's "
    "(bfd2e1f); a rule taking the bare copy cost three half-B pages. Strict: a retrain that "
    "turns it fails here, so that the mark comes off rather than hiding the case either way",
)
def test_a_kicker_glued_before_the_headline_is_dropped_where_the_page_prints_it_bare() -> None:
    """A sticky bar prints the headline bare, and the heading has its kicker glued on
    ("Floods: ...") right over the date: the bare line is the headline. A learned outcome, not a
    rule (see the mark)."""
    kicker = [*MENU[:1], HARBOUR, *MENU[1:4], f"Floods: {HARBOUR}", "12 March 2024, 10:15"]
    dump = "\n".join([*kicker, *BODY])
    assert extract_text(dump, kind="text").headline == HARBOUR, dump


def test_a_kicker_on_its_own_line_over_the_headline_is_not_the_headline() -> None:
    """A short label over the heading ("Coastal works"), the heading right over the text: the
    heading is the headline. The model weighs a line under such a kicker up
    (``under_kicker``, ``headline_row.is_kicker``), a learned weight, not a rule."""
    from newsfold.extract.headline_facts import FEATURES, model
    from newsfold.extract.headline_row import is_kicker
    from newsfold.extract.lines import Line, count_words

    weights = dict(zip(FEATURES, model(), strict=True))
    assert weights["under_kicker"] > 0
    kicker, heading = (
        Line(n, t, count_words(t), "") for n, t in enumerate(["Coastal works", HARBOUR])
    )
    assert is_kicker(kicker, heading) and not is_kicker(heading, kicker)
    dump = "\n".join([*MENU, "Coastal works", HARBOUR, *BODY])
    assert extract_text(dump, kind="text").headline == HARBOUR, dump


def test_every_copy_of_a_line_gets_the_same_part_links() -> None:
    """The headline printed twice (a menu's copy, the heading) under a glued "Kicker: Headline":
    both copies are the glued line's end, not only the first (which gave a menu's copy the
    weight and took the headline away from the byline under the heading)."""
    from newsfold.extract.headline_parts import part_links
    from newsfold.extract.text import _labelled_lines

    headline = "Harbour board approves a new sea wall after the winter floods"
    text = "\n".join([*MENU, headline, f"Floods: {headline}", "Share", headline, *BODY])
    lines = _labelled_lines(text, None)
    copies = [i for i, ln in enumerate(lines) if ln.text == headline]
    glued = next(i for i, ln in enumerate(lines) if ln.text.startswith("Floods:"))
    links = part_links(lines, 0, len(lines) - len(BODY))
    assert len(copies) == 2
    assert all(links[i] == (0.0, 0.0, 0.0, 1.0) for i in copies)  # each is the glued line's end
    assert links[glued][1] == 1.0  # the glued line holds an end


# a headline of 104 characters that lynx prints centred, wrapped at 79 columns (the first line
# fills the width, the second is centred under it), the body indented and wrapped under it
WRAPPED_HEADLINE = (
    "Harbour board approves a new sea wall for the lower streets of the old town after two"
    " winters of floods"
)


def _lynx_like(headline_lines: list[str]) -> str:
    import textwrap

    body = [textwrap.indent(textwrap.fill(p, 76), "   ") + "\n" for _ in range(2) for p in BODY]
    menu = [f"     * {item}" for item in MENU]
    return "\n".join([*menu, "", *headline_lines, "", *body])


def test_a_centred_headline_wrapped_over_two_lines_is_read_whole() -> None:
    import textwrap

    first, second = textwrap.wrap(WRAPPED_HEADLINE, 79)  # the fixture is what lynx prints
    article = extract_text(_lynx_like([first, second.center(79).rstrip()]), kind="text")
    assert article.headline == WRAPPED_HEADLINE


def test_a_short_line_under_a_headline_is_no_wrap() -> None:
    from newsfold.extract.headline_parts import wrapped_span
    from newsfold.extract.lines import Line

    def line(n: int, text: str) -> Line:
        return Line(n=n, text=text, words=len(text.split()))

    head = "Harbour board approves a new sea wall after the winter floods"
    # the next word would have fitted at 78 columns: the line was ended, not wrapped
    lines = [line(0, head), line(1, "Work to start in spring")]
    assert wrapped_span(lines, 0) == (0, 1)
    # a line filled to the wrap band whose next word would not fit: wrapped, read either way
    long = "Harbour board approves a new sea wall for the lower streets of the old town"
    lines = [line(0, long), line(1, "after two winters of floods")]
    assert wrapped_span(lines, 0) == (0, 2) and wrapped_span(lines, 1) == (0, 2)
    # ... but not across a blank line, nor onto a sentence
    assert wrapped_span([line(0, long), line(2, "after two winters of floods")], 0) == (0, 1)
    assert wrapped_span([line(0, long), line(1, "The board met today.")], 0) == (0, 1)
    # a capital under a line of the band: a browser's standfirst or credit as likely as a wrap,
    # joined only where the page prints the joined text whole elsewhere
    lines = [line(0, long), line(1, "After Two Winters Of Floods")]
    assert wrapped_span(lines, 0) == (0, 1)
    lines.append(line(3, f"{long} - After Two Winters Of Floods"))  # a title bar's site name
    assert wrapped_span(lines, 0) == (0, 1)
    lines.append(line(4, f"Most read: {long} After Two Winters Of Floods"))
    assert wrapped_span(lines, 0) == (0, 2)


def test_a_bar_of_page_tools_is_never_the_headline() -> None:
    """A bar of tools printed above the headline and again under the text ("Page options: SAVE |
    PRINT | ..."): four or more short items between bars, no title (``headline._is_tool_bar``);
    a title bar of as many parts keeps the headline's words in one of them."""
    from newsfold.api import extract_text
    from newsfold.extract.headline import _is_tool_bar
    from test_around_cards import BODY

    bar = "Page options: SAVE | PRINT | Font size: A A A | CORRECTIONS | WRITE TO US"
    head = "Trim the hedges and compost the leaves"
    lines = ["Home", "Harbour", "Weather", "Ferries", "PORT | NORTH", bar, head]
    lines += ["Updated 4 March 2024, 10:56", "Portside Wire", *BODY]
    lines += ["See also", "Elsewhere", bar, "© 2024 Portside Wire"]
    assert extract_text("\n".join(lines)).headline == head
    assert _is_tool_bar(bar)
    assert not _is_tool_bar(
        "Pilots accept new night roster after a long dispute | Port | News | Wire"
    )
    assert not _is_tool_bar("Ferries | Fares")


def test_a_title_bar_part_that_is_a_web_address_is_the_site_s_name() -> None:
    # no URL given: the host's name is no hint, the address in the title bar is
    assert clean_headline(
        "Harbour board approves a sea wall | HarbourHerald.NET", frozenset(), frozenset()
    ) == ("Harbour board approves a sea wall")
    assert clean_headline(
        "Quayside-Post.co.uk - Ferry timetable changes next month", frozenset(), frozenset()
    ) == ("Ferry timetable changes next month")
    # a program's name is no address, nor are a version number and a phrase about an address
    for kept in (
        "Rewriting the ferry booking site | Node.js",
        "Ferry booking app - Version 2.0",
        "Why we moved - to harbour herald.com",
    ):
        assert clean_headline(kept, frozenset(), frozenset()) == kept


def test_a_title_bar_with_a_web_address_as_the_dump_s_first_line() -> None:
    dump = "\n\n".join(
        ["Harbour board approves a new sea wall after the floods | HarbourHerald.NET", *BODY]
    )
    assert extract_text(dump).headline == "Harbour board approves a new sea wall after the floods"


def test_a_subheading_under_the_text_s_first_paragraph_is_no_headline() -> None:
    # the body's start found under the text's first paragraph: the subheading right above it
    # stands under a paragraph (``prose_above``), the headline under the menus does not
    from newsfold.extract.headline import choose_headline_learned
    from newsfold.extract.headline_window import prose_above
    from newsfold.extract.text import _labelled_lines

    intro = (
        "The vote followed a long public meeting in the town hall, where fishermen and shop"
        " owners spoke for and against the plan until late in the evening."
    )
    dump = [
        *MENU,
        "Harbour board approves a new sea wall after the winter floods",
        "Share",
        intro,
        "Photo: harbour office",
        "Who will pay for the new wall",
        *BODY,
    ]
    lines = _labelled_lines("\n".join(dump), None)
    start = dump.index(BODY[0])
    assert prose_above(lines, start - 1) == 1.0 and prose_above(lines, len(MENU)) == 0.0
    assert lines[choose_headline_learned(lines, start) or 0].text == dump[len(MENU)]
