"""Dumps that wrap text and mark it up (src/newsfold/extract/unwrap.py, markdown.py): lines a
wrapper leaves whole (markdown's code blocks, rows of cells side by side) say nothing against
the page's wrap, and a blockquote's wrapped lines join as a paragraph's do. Each dump is written
here in its renderer's layout."""

from __future__ import annotations

import textwrap

from newsfold.extract.unwrap import unwrap_lines, wrap_of
from test_unwrap import PARAGRAPHS

SUMMARIES = [
    "The island ferry company said on Friday that fares would rise by a tenth from May, blaming "
    "the price of fuel and the cost of the new terminal on the north quay.",
    "Councillors voted to paint cycle lanes along the harbour road, despite objections from "
    "traders who said the loss of parking would cost them customers over the summer.",
    "The covered fish market reopened this week after three months of repairs to the damage "
    "left by the winter floods, with most of its stalls trading again by Saturday.",
]


def _markdown_page(tail: list[str]) -> list[str]:
    """html2text's layout: a heading, a menu of links, the paragraphs wrapped at 78, ``tail``."""
    lines = ["# Ferry terminal to close", ""]
    lines += [f"  * [{w}](https://example.org/{w.lower()}/)" for w in ("Home", "News", "Sport")]
    lines.append("")
    for p in PARAGRAPHS:
        lines += [*textwrap.wrap(p, 78), ""]
    return lines + tail


def test_markdown_code_blocks_do_not_refuse_the_wrap() -> None:
    """html2text never wraps a paragraph it prints four columns in (a ``<dd>``): before, three
    such summaries, each wider than the wrap, had a markdown dump's wrap refused and its
    paragraphs came back cut into 78-column pieces. In a dump that is no markdown (lynx's,
    w3m's) such a line still speaks against the wrap."""
    tail: list[str] = []
    for k, text in enumerate(SUMMARIES):
        tail += [f"[Other story {k}](/story-{k}.html)", "", "    " + text, ""]
    lines = _markdown_page(tail)
    assert wrap_of(lines, code_blocks=True) is not None
    assert wrap_of(lines) is None
    out = unwrap_lines(lines)
    for p in PARAGRAPHS:
        assert p in out
    for text in SUMMARIES:
        assert "    " + text in out  # left whole, at its indentation


def test_a_blockquote_s_wrapped_lines_join_without_its_marks() -> None:
    """html2text prints "> " before every line of a quote, wrapped lines included: the lines
    join on the first word after the mark (before, a line whose next word would have fitted
    beside the mark was left cut, and a joined one kept a "> " in the middle of the sentence),
    and the quote is read at the left edge."""
    quote = PARAGRAPHS[1] + " " + PARAGRAPHS[2]
    wrapped = textwrap.wrap(quote, 78, initial_indent="> ", subsequent_indent="> ")
    lines = _markdown_page([*wrapped, ">", "> A second paragraph of the quote.", ""])
    out = unwrap_lines(lines)
    assert quote in out
    assert "A second paragraph of the quote." in out
    assert not any(">" in line for line in out)


def test_rows_of_cells_do_not_refuse_a_narrow_column_s_wrap() -> None:
    """w3m lays a page's cells side by side: the text wrapped at its cell's 62 columns, the
    toolbar and footer rows as wide as the table. Before, two such rows on a short page were
    lines a wrap would have broken, and the text's wrap was refused."""
    lines = ["Posted on: 31-12-2007", ""]
    for p in PARAGRAPHS:
        lines += [*textwrap.wrap(p, 62), ""]
    lines += [
        "Save & Share this Article                    Print this Article     EMail this Article",
        "HARBOUR GAZETTE    VIEW ALL TOPICS    TOP Copyright (C) the Harbour Gazette 2006-2007",
    ]
    out = unwrap_lines(lines)
    for p in PARAGRAPHS:
        assert p in out
    assert lines[-2] in out and lines[-1] in out
