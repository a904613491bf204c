"""Layout tables in w3m/lynx dumps (``columns.py``, ``unwrap.py``): gutters one column wide,
tables inside a column, a column holding cells of two widths, lines of image names alone.
The pages are made up here."""

from __future__ import annotations

import textwrap

from newsfold.extract.columns import column_chunks
from newsfold.extract.unwrap import unwrap_lines

STORY = [
    "The county library will stay open until midnight during the exam weeks, the board "
    "decided on Monday after a petition signed by more than four hundred students.",
    "Staff who work the late shifts will be paid at the evening rate, and two security "
    "guards will be hired for the reading rooms on the ground floor of the building.",
    "The trial runs until the end of the spring term, when the board will look at how many "
    "people came in after ten o'clock and decide whether to keep the longer hours.",
]
SIDEBAR = [
    "Weather: showers clearing by the afternoon with a fresh breeze from the west coast",
    "Road works close the river bridge to lorries for three nights from next Tuesday",
    "The town's brass band is looking for a tuba player and a second cornet this season",
]


def _fill(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def _side_by_side(left: list[str], right: list[str], left_width: int, gap: int) -> list[str]:
    rows = max(len(left), len(right))
    left = left + [""] * (rows - len(left))
    right = right + [""] * (rows - len(right))
    return [f"{a:<{left_width + gap}}{b}".rstrip() for a, b in zip(left, right, strict=True)]


def _story_column(width: int) -> list[str]:
    lines: list[str] = []
    for p in STORY:
        lines += [*_fill(p, width), ""]
    return lines[:-1]


def _sidebar_column(width: int) -> list[str]:
    lines: list[str] = []
    for item in SIDEBAR:
        lines += _fill(item, width)
    return lines


def _one_space_table() -> list[str]:
    """w3m's two-column table: the story's cell 40 wide, the box's cell one space after it, so
    that a line of the story that fills its cell leaves a gutter of one column."""
    story = ["By our staff reporter", "Monday", "", *_story_column(40)]
    assert any(len(line) == 40 for line in story)  # a full line: the gutter narrows to one
    return _side_by_side(story, _sidebar_column(36), 40, 1)


def test_a_gutter_narrowed_to_one_column_keeps_the_table_whole() -> None:
    """The table is read column by column although some lines leave one blank column between
    the cells (before, the block ended at the first such line and the story's lines below it
    came back mixed with the box's)."""
    out = [line for line in unwrap_lines(_one_space_table()) if line.strip()]
    for p in STORY:
        assert p in out
    assert " ".join(SIDEBAR) in " ".join(out)
    assert not any(any(item[:20] in line for item in SIDEBAR) for line in out if "library" in line)


def test_a_line_across_the_page_under_a_table_is_no_row_of_it() -> None:
    """A footer under a table, whose words leave one blank column inside the gutter but not
    at its right edge, is a line of its own, not a row split between the columns."""
    menu = ["Home", "News", "Sport", "Letters", "Contact", "Archive"]
    table = _side_by_side(menu, _story_column(44), 8, 4)
    # the footer's space falls inside the gutter (columns 7 to 11), not on its last column
    footer = "All text: the Valley Post's writers, (c) this year; reuse asks a permission."
    assert footer[9] == " " and footer[11] != " "
    lines = [*table, footer]
    out = unwrap_lines(lines)
    assert out[-1] == footer
    chunks = column_chunks(lines)
    assert chunks[-1].lines[-1] == footer and chunks[-1].width is None


def test_a_table_inside_a_column_is_read_by_its_own_columns() -> None:
    """A page's outer table (menu, main column) whose main column holds, under the story, a
    table of two boxes: the boxes' lines come back whole, not mixed row by row."""
    boxes = _side_by_side(_fill(SIDEBAR[0], 30), _fill(SIDEBAR[1], 30), 30, 4)
    main = [*_story_column(64), "", *boxes]
    menu = ["Home", "News", "Sport", "Letters", "Contact", "Archive", "Weather", "Jobs"]
    out = [line for line in unwrap_lines(_side_by_side(menu, main, 10, 4)) if line.strip()]
    for p in STORY:
        assert p in out
    assert SIDEBAR[0] in out and SIDEBAR[1] in out


def test_a_column_joins_the_story_wrapped_at_its_width_above_narrower_cells() -> None:
    """A column whose story is wrapped at the column's width and, under it, a box of narrower
    cells that no gutter sets apart (the box's other cell is empty), whose wrapped lines are
    the more: the story's lines are joined as well as the box's."""
    box: list[str] = []
    for item in [*SIDEBAR, *SIDEBAR, *SIDEBAR]:
        box += [*_fill(item, 44), ""]
    main = [*_story_column(76), "", *box]
    menu = ["Home", "News", "Sport", "Letters", "Contact", "Archive"]
    out = [line for line in unwrap_lines(_side_by_side(menu, main, 10, 3)) if line.strip()]
    for p in STORY:
        assert p in out
    assert SIDEBAR[2] in out


def test_lines_of_image_names_alone_are_dropped() -> None:
    """w3m prints an image as its name in brackets on a line of its own, a browser shows
    nothing there; a bracket holding words (a button's text) stays."""
    lines = [
        *_fill(STORY[0], 72),
        "",
        "  •  ",
        "    [library_front_2]",
        "    Opening hours over the holidays",
        "[Read more]",
        "",
        *_fill(STORY[1], 72),
    ]
    out = unwrap_lines(lines)
    assert not any("library_front_2" in line for line in out)
    assert "[Read more]" in out
    assert STORY[0] in out and STORY[1] in out


def test_a_paragraph_under_a_table_after_a_blank_line_is_no_row_of_it() -> None:
    """A story that starts under a menu table, after blank lines and a headline that fits the
    table's left column, and whose first line has a space on the gutter's last column (where
    the menu's right cells start): the story's lines are read whole, not cut at the gutter as
    a row of the table (a gutter narrows to one column only within a run of rows)."""
    icons = ["[arrow] Regional weather and travel", "[arrow] Letters to the editor page"]
    icons += ["[arrow] Photo galleries of the week", "[arrow] Notices and announcements"]
    table = _side_by_side(icons, ["Forecast", "Letters", "Galleries", "Notices"], 40, 4)
    first = "   The harbour boards agreed late on Monday to keep the ferry running on Sundays"
    assert first[43] == " " and first[42] != " " and first[44] != " "  # the gutter ends at 44
    second = "   through the winter, its chair said."
    lines = [*table, "", "   Ferry keeps Sunday runs", "", first, second]
    out = [line.strip() for line in unwrap_lines(lines) if line.strip()]
    assert f"{first.strip()} {second.strip()}" in out or first.strip() in out


def test_a_table_of_records_is_read_row_by_row() -> None:
    """A league table printed with its cells apart by gutters (a rank, a name of a few words,
    figures) is a table of records, not a layout of text columns: each row stays a line, as a
    browser copies it, where reading it column by column left the names and the figures
    apart, the figures a run of numbers of their own."""
    rows = [
        ("Rank", "Rower", "Points", "Wins"),
        ("1", "Ada Fenwick", "812", "6"),
        ("2", "Tomas Rey Jr.", "790", "5"),
        ("3", "Lin Okafor", "655", "2"),
        ("4", "Moss Abernethy", "601", "1"),
    ]
    table = [f"{a:<6}{b:<22}{c:>7}{d:>6}" for a, b, c, d in rows]
    lines = ["The standings after the autumn regatta:", "", *table, "", "Next race: May."]
    out = [" ".join(line.split()) for line in unwrap_lines(lines) if line.strip()]
    assert "2 Tomas Rey Jr. 790 5" in out
    assert "Rank Rower Points Wins" in out
    # a layout of a menu beside a story is still read column by column
    menu = ["Home", "News", "Sport", "Letters", "Contact", "Archive"]
    layout = [line for line in unwrap_lines(_side_by_side(menu, _story_column(44), 8, 4)) if line]
    for p in STORY:
        assert p in layout


NARROW_STORY = [
    "The harbour committee chose Maria Lindqvist, Tomas Berg and Ada Okafor to draw up the "
    "new mooring rules, which Councillor Henrik Aalto said would be ready before the summer.",
    "Boat owners who moor at the old quay will pay the same fee as before, and the fishing "
    "fleet keeps its berths along the north wall until the dredging is done in September.",
]


def test_a_narrow_column_of_prose_joins_its_lines_that_go_on_in_capitals() -> None:
    """A story in a cell narrower than MIN_WIDTH, beside a menu's cell: its lines are joined
    where the next one opens with a name, as most of them go on in lower case (a column of
    prose); the menu's items, each a capital, stay apart. A line left short by a long word
    after it is joined too."""
    story: list[str] = []
    for p in NARROW_STORY:
        story += [*_fill(p, 30), ""]
    assert any(line[:1].isupper() for line in story[1:] if line)  # a line goes on in capitals
    menu = ["Home", "News", "Sport", "Harbour", "Letters", "Weather", "Archive", "Contact"]
    out = [line.strip() for line in unwrap_lines(_side_by_side(menu, story, 10, 4))]
    for p in NARROW_STORY:
        assert p in out
    for item in menu:
        assert item in out
