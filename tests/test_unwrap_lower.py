"""A line of a wrapped dump that goes on in lower case under a line the wrap cut short, though
its first word would have fitted (lynx keeps a link's last word with what follows the link):
joined to it (``unwrap._goes_on_lower``). Text written for these tests."""

from __future__ import annotations

import textwrap

from newsfold.extract.unwrap import unwrap_lines
from test_unwrap import PARAGRAPHS as _PARAGRAPHS

PARAGRAPHS = _PARAGRAPHS[:3]
# a box of links as lynx prints it: "harbour [VIDEO]" kept together, moved under the line
BOX = [
    "   MORE FROM THE COAST",
    "   Storm damage closes the coastal path between two of the lighthouses",
    "   near [VIDEO]",
    "   Fishing fleet returns early as the gales sweep in across the north",
    "   coast [PICTURES]",
]


def _dump(box: list[str]) -> list[str]:
    lines: list[str] = []
    for p in PARAGRAPHS[:2]:
        lines += [*textwrap.wrap(p, 76, initial_indent="   ", subsequent_indent="   "), ""]
    lines += [*box, ""]
    lines += textwrap.wrap(PARAGRAPHS[2], 76, initial_indent="   ", subsequent_indent="   ")
    return lines


def test_a_link_cut_before_its_last_word_is_one_line() -> None:
    out = [line.strip() for line in unwrap_lines(_dump(BOX)) if line.strip()]
    assert all(p in out for p in PARAGRAPHS)
    assert "Storm damage closes the coastal path between two of the lighthouses near [VIDEO]" in out
    assert (
        "Fishing fleet returns early as the gales sweep in across the north coast [PICTURES]" in out
    )


def test_a_capital_or_a_stop_keeps_the_lines_apart() -> None:
    box = [
        "   MORE FROM THE COAST",
        "   Storm damage closes the coastal path between two of the lighthouses",
        "   Pier [VIDEO]",
        "   Fishing fleet returns early as the gales sweep in across the north.",
        "   a gull on a post: A gull waits on the harbour wall",
    ]
    out = [line.strip() for line in unwrap_lines(_dump(box)) if line.strip()]
    assert [line for line in out if line not in PARAGRAPHS] == [b.strip() for b in box]
