"""html2text's tables read as the blocks a reader sees (``extract/markdown.py``): a row's
cells and the blocks it ran together are apart again."""

from __future__ import annotations

from newsfold.extract.markdown import plain_markdown


def _blocks(lines: list[str]) -> list[str]:
    return [line.strip() for line in plain_markdown(lines) if line.strip()]


# a page laid out with a table, as html2text prints it: the menu's cell, then the article's
# cell (its paragraphs and the comment under it run together), then a side cell
ROW = [
    "Menu |   | Town news",
    "---|---|---  ",
    "[Home](/) | The ferry will sail twice a day from May.The harbour board voted on it"
    " last night.[Share](/share)[Comments (2)](/c)Posted by: Ann on Monday I hope it"
    " runs on time. | Weather today",
]


def test_a_rows_cells_and_glued_blocks_are_blocks_of_their_own() -> None:
    assert _blocks(ROW) == [
        "Menu |   | Town news",  # nothing glued, no menu: a row as it came
        "---|---|---",  # a rule stays, and a cell's "|" at a line's start or end
        "Home",
        "The ferry will sail twice a day from May.",
        "The harbour board voted on it last night.",
        "Share",
        "Comments (2)",
        "Posted by: Ann on Monday I hope it runs on time.",
        "Weather today",
    ]
    assert _blocks(["---|---", "| A side box's teaser, read as a cell of its own", "Menu |"]) == [
        "---|---",
        "| A side box's teaser, read as a cell of its own",
        "Menu |",
    ]


def test_a_data_tables_rows_stay_a_line_each_and_a_menus_cells_part() -> None:
    lines = [
        "Place | Rider | Points",
        "---|---|---",
        "1 | Ann Example | 120",
        "2 | Bo Sample Jr. | 98",
        "[Home](/) | [Results](/results) | [Riders](/riders)",
    ]
    assert _blocks(lines) == [
        "Place | Rider | Points",
        "---|---|---",
        "1 | Ann Example | 120",
        "2 | Bo Sample Jr. | 98",
        "Home",
        "Results",
        "Riders",
    ]


def test_without_a_table_a_pipe_and_a_writers_missing_space_stay() -> None:
    lines = [
        "[Home](/) [News](/news) [Sport](/sport)",
        "Posted by: Ann | Monday",
        "I liked the ferry.It was quick.",
    ]
    assert _blocks(lines) == [
        "Home News Sport",
        "Posted by: Ann | Monday",
        "I liked the ferry.It was quick.",
    ]


def test_a_line_outside_the_tables_rows_keeps_its_glued_sentences() -> None:
    # on a page with a table, a line with no cell in it is no row: a comment typed without
    # spaces after its stops stays one block
    lines = [*ROW, "", "I liked the ferry.It was quick.Thanks."]
    assert _blocks(lines)[-1] == "I liked the ferry.It was quick.Thanks."


def test_a_link_whose_address_has_spaces_reads_as_its_text() -> None:
    lines = [
        "[Email](mailto:?subject=Worth a read&body=I found this story on the harbour site)"
        " | [Print](javascript:window.print\\(\\))",
        "[Map](/map?at=51.5 -0.12&place=OLD",
        "PORT), Harbour news",
    ]
    assert plain_markdown(lines) == [
        "Email | Print",
        "Map, Harbour news",
    ]
