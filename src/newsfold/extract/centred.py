"""Centred text in a dump: the margins a renderer put around lines it centred, taken off.

A page that centres its text (``<center>``, ``align="center"`` on a table or a cell) comes out of
a renderer that honours the alignment (w3m does) with every line wrapped first and then centred
in the terminal's width: each line has as many columns of blank before it as are left after it,
give or take one. Those margins say nothing about the page's structure, but the rest of
extraction reads indentation as structure: a wrapped paragraph's lines, each at its own
margin, do not join (``unwrap.py``), and a deeper line reads as an item under the line above
(``indents.py``). On such pages the article's paragraphs came apart into fragments and the
page's prose-like footer was taken for the body.

So the terminal's width is found from the lines themselves, as the width ``W`` that most
indented lines are centred in (left margin ``l``, line end ``e``: ``|l - (W - e)| <= 1``), and
where enough lines, and most indented lines, are centred in it, every line centred in ``W`` is
moved to the left edge. Lines at their own indentation (a list under a heading, a quote) are
not centred in the page's width and keep their margin. Only the line's blank is touched: its
text, and the lines' number and order, are as they were (removed lines' numbers keep
counting the same lines).

The two numbers below were chosen on half A of the benchmarks' site split (``benchmarks/
sites.py``), from the counts of centred lines on the dumps of every renderer: pages a
renderer centres show dozens of centred lines that make most of their indented lines, while
other pages' indented lines (lynx's paragraphs at three columns, nested lists) agree with one
width by chance only a few times.
"""

from __future__ import annotations

import re
from itertools import compress, repeat

import numpy as np

from .wrap_shape import MAX_WIDTH, MIN_WIDTH, display_width

# a line counts towards a width only with a margin of this many columns on each side: a
# wrapped line filling the width with a short indentation is "centred" in it by chance
MIN_MARGIN = 3
# a page is read as centred with at least this many centred lines...
MIN_CENTRED = 8
# ...making at least this share of its lines with a margin of MIN_MARGIN or more
MIN_CENTRED_SHARE = 0.6
_MARGIN = " " * MIN_MARGIN
# ...at at least this many different margins (see ``centre_width``)
MIN_MARGINS = 3


# box-drawing characters: a line holding one is a drawn table's (``unwrap.py`` reads those as
# columns), whose margins are the table's place on the page, not centring
_BOX_RE = re.compile("[\u2500-\u257f]")


def _margins(line: str) -> tuple[int, int]:
    """(left margin, end column) of ``line``; (0, 0) for a blank line or a drawn table's."""
    text = line.rstrip()
    stripped = text.lstrip()
    if not stripped or _BOX_RE.search(stripped):
        return 0, 0
    left = len(text) - len(stripped)
    return left, left + display_width(stripped)


def centre_width(lines: list[str]) -> int | None:
    """The width ``lines`` were centred in, or None where the page does not centre its text."""
    # most dumps have few lines with a margin: settled by one C-level test a line
    indented = list(compress(lines, map(str.startswith, lines, repeat(_MARGIN))))
    if len(indented) < MIN_CENTRED:
        return None
    # a line of margin ``left`` ending at column ``end`` is centred in W when the blank after it
    # (W - end) is the blank before it, give or take one: it votes for W = end + left - 1, ...,
    # end + left + 1, each keeping a margin of MIN_MARGIN after it (so a line at exactly
    # MIN_MARGIN does not vote for end + left - 1)
    joined = "\n".join(indented)
    n = len(indented)
    if joined.isascii() or _BOX_RE.search(joined) is None:  # most pages: no drawn table
        text = list(map(str.rstrip, indented))
        stripped = list(map(str.lstrip, text))
        sizes = np.fromiter(map(len, stripped), dtype=np.int64, count=n)
        lefts = np.fromiter(map(len, text), dtype=np.int64, count=n) - sizes
        if not joined.isascii():  # an ASCII line is as wide as it is long
            sizes = np.fromiter(map(display_width, stripped), dtype=np.int64, count=n)
        totals = 2 * lefts + sizes
    else:
        margins = list(map(_margins, indented))
        lefts = np.array([left for left, _ in margins], dtype=np.int64).reshape(-1)
        totals = np.array([end for _, end in margins], dtype=np.int64).reshape(-1) + lefts
    # each line's total (its end plus its margin) counted at once: a width's votes are the
    # counts at its total and its two neighbours, less the lines at exactly MIN_MARGIN one past it
    kept = lefts >= MIN_MARGIN
    lefts, totals = lefts[kept], totals[kept]
    margined = len(totals)
    # totals past MAX_WIDTH + 1 vote for no width looked for
    near = totals <= MAX_WIDTH + 1
    size = MAX_WIDTH + 3
    centres = np.bincount(totals[near], minlength=size)
    at_least = np.bincount(totals[near & (lefts == MIN_MARGIN)], minlength=size)
    # votes[w - MIN_WIDTH] for each width w from MIN_WIDTH to MAX_WIDTH
    span = slice(MIN_WIDTH, MAX_WIDTH + 1)
    votes = centres[MIN_WIDTH - 1 : MAX_WIDTH] + centres[span] + centres[MIN_WIDTH + 1 : size - 1]
    votes -= at_least[MIN_WIDTH + 1 : size - 1]
    best = int(np.argmax(votes))  # the first, the narrowest, of the most voted
    width, count = best + MIN_WIDTH, int(votes[best])
    if count < MIN_CENTRED or count < MIN_CENTRED_SHARE * margined:
        return None
    # centred lines of different lengths stand at different margins; lines of one margin and
    # one length (a list of like items, source-indented text) agree with a width by their sameness
    margins_at = np.unique(lefts[np.abs(totals - width) <= 1])
    return width if len(margins_at) >= MIN_MARGINS else None


def uncentred(lines: list[str]) -> list[str]:
    """``lines`` with every line centred in the page's width moved to the left edge; the lines
    as they are where the page shows no centring (see the module)."""
    width = centre_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    for line in lines:
        left, end = _margins(line)
        # give or take two: a renderer centres each table cell in its own width, and the
        # cells of one page differ by a column or two from the width most lines agree with
        if left and abs(left - (width - end)) <= 2:
            out.append(line.lstrip())
        else:
            out.append(line)
    return out
