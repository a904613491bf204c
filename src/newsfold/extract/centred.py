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
from collections import Counter
from operator import sub

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
    indented = [line for line in lines if line.startswith(_MARGIN)]
    if len(indented) < MIN_CENTRED:
        return None
    # a line of margin ``left`` ending at column ``end`` is centred in W when the blank after it
    # (W - end) is the blank before it, give or take one: it votes for W = end + left - 1, ...,
    # end + left + 1, each keeping a margin of MIN_MARGIN after it (so a line at exactly
    # MIN_MARGIN does not vote for end + left - 1)
    if _BOX_RE.search("\n".join(indented)) is None:  # most pages: no drawn table
        text = list(map(str.rstrip, indented))
        stripped = list(map(str.lstrip, text))
        lefts = list(map(sub, map(len, text), map(len, stripped)))
        widths = [len(s) if s.isascii() else display_width(s) for s in stripped]
        margins = [(left, left + width) for left, width in zip(lefts, widths, strict=True)]
    else:
        margins = list(map(_margins, indented))
    kept = [(left, end + left) for left, end in margins if left >= MIN_MARGIN]
    margined = len(kept)
    centres = Counter(total for _, total in kept)
    at_least = Counter(total for left, total in kept if left == MIN_MARGIN)
    votes = {
        width: centres[width - 1] + centres[width] + centres[width + 1] - at_least[width + 1]
        for width in {c + d for c in centres for d in (-1, 0, 1)}
        if MIN_WIDTH <= width <= MAX_WIDTH
    }
    if not votes:
        return None
    width, count = max(votes.items(), key=lambda item: (item[1], -item[0]))
    if count < MIN_CENTRED or count < MIN_CENTRED_SHARE * margined:
        return None
    # centred lines of different lengths stand at different margins; lines of one margin and
    # one length (a list of like items, source-indented text) agree with a width by their sameness
    margins_at = {left for left, total in kept if abs(total - width) <= 1}
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
