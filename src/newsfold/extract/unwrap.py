"""Soft-wrapped dumps: the logical lines back from a dump that a renderer wrapped at a width.

lynx and w3m (80 columns) and html2text (78 columns) break every paragraph over several
physical lines; the text path classifies line by line, so a paragraph cut into 70-column pieces
reads as a run of short boxes and is lost. This module finds the width a page was wrapped at
from the page's own lines and joins each wrapped line to the next, before anything is
classified. A dump that shows no wrapping comes back as it came in, line for line.

The width: a line of a wrapped paragraph ends where the next word would not have fitted, so for
a width ``W`` the line's display width ``L`` and the width ``f`` of the next line's first word
satisfy ``L <= W < L + 1 + f``. The page's width is the ``W`` that the most lines agree with.
It is taken only when enough lines end close under it (``MIN_WRAPPED`` of them, and
``MIN_WRAPPED_SHARE`` of the lines of prose that could wrap), hardly any line runs past it
(``MAX_OVER_SHARE``), and the lines it would join go on in lower case often enough
(``MIN_LOWER_SHARE``): a dump that was never wrapped has paragraphs of every length, far past any
such width, and its line ends are spread out; a list of headlines of like lengths has its ends
close together, but each of its lines starts with a capital, where a wrap cuts sentences in the
middle; a letter of a script without case (Hangul, Han, Arabic) counts as lower case there, as
a wrap at a display width cuts such lines anywhere. An
indentation with enough lines of its own gets its own width near the page's: lynx wraps an
indented paragraph a few columns short of where it wraps a line at the left edge.

A line is joined to the next when it is such a wrapped line (within ``SLACK`` columns of the
width, and the next line's first word would not have fitted), the next line is not blank, does
not start a list item or a heading, and is indented as a continuation is (as the line itself,
or as the text after its list marker).

Markdown-ish dumps (html2text's) are read as a reader sees them (``markdown.py``).

lynx -dump -nolist prints no link numbers ("[12]"), so there are none to remove; the bracketed
numbers left in lynx dumps are the page's own footnote marks, which other renderers show too.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from itertools import compress, repeat

import numpy as np

from .columns import Chunk, column_chunks
from .lines import stop_at_end
from .markdown import is_markdown, joined_continuations, plain_markdown, unquoted
from .nodes import is_node_per_line, join_fragments
from .wrap_items import _field_rows, _image_items, _no_images
from .wrap_joins import CUT_FULL_SHARE as CUT_FULL_SHARE
from .wrap_joins import _cut_in_word, _cut_long_word, _cuts_words
from .wrap_joins import _join as _join
from .wrap_shape import (
    BULLET_RE,
    CELL_GAP,
    SLACK,
    Shape,
    best_widths,
    shape_of,
    widths_at,
    wrap_words,
    wrapped_pairs,
)

# this module's names before they moved (``headline_parts`` and the tests import them here)
from .wrap_shape import MAX_WIDTH as MAX_WIDTH
from .wrap_shape import MIN_WIDTH as MIN_WIDTH
from .wrap_shape import Wrap as Wrap
from .wrap_shape import display_width as display_width

# --- thresholds ---------------------------------------------------------------------------------
# Chosen on site half A (benchmarks/sites.py) of AEB and L3S-GN1 alone: the values that gave the
# best mean body F1 on the lynx, w3m and html2text dumps of half A, among those that change no
# html_text, chromium or resiliparse dump of half A (but one whose HTML is itself a press release
# hard-wrapped in <pre>). Half B was held out and is the reported figure.

# lines that end where the next word would not fit, for the wrap to be taken
MIN_WRAPPED = 3
# ... at one indentation, for it to have a width of its own
MIN_LEVEL_WRAPPED = 3
# ... as a share of the page's lines of several words that are longer than half the width
MIN_WRAPPED_SHARE = 0.15
# lines wider than the width, as a share of the non-blank lines (unbreakable addresses, <pre>)
MAX_OVER_SHARE = 0.05
# continuations in lower case, as a share of those starting with a cased letter
MIN_LOWER_SHARE = 0.1
# ... in a narrow column, for it to be prose, whose lines go on in capitals too
COLUMN_PROSE_SHARE = 0.5

# lines with a gap between cells, as a share of the non-blank lines, under which a dump without
# blank lines prints text nodes, not a table's cells side by side (half A: lxml_lines' dumps
# 0.07 at most, w3m's laid out without blank lines 0.51 at least)
MAX_NODE_GAP_SHARE = 0.25

_BULLET_RE = BULLET_RE
_CODE_INDENT = ("    ", "\t")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _first_word(line: str) -> str:
    parts = wrap_words(line, 1)
    return parts[0] if parts else ""


def _best_width(ends: list[tuple[int, int]], against: Sequence[int] = ()) -> tuple[int, int]:
    """The width most of ``ends`` (line width, next first word's width) agree with, and how
    many: a line of width ``L`` agrees with ``W`` when ``L <= W < L + 1 + f``, and each width of
    ``against`` (lines a wrap would have cut) speaks against every narrower width; the width
    taken has the most agreeing less contradicting lines (the narrowest of them). Where
    characters were taken out of a few wrapped lines after the wrap (the sanitiser's removal of
    the C1 controls lynx prints for ``&#145;``), those lines agree with a width a column or two
    narrower, and counting agreement alone chose that, so that the page's full lines ran past
    it and the wrap was refused. (``wrap_shape.best_widths`` for one group.)"""
    pairs = np.array(ends, dtype=np.int64).reshape(-1, 2)
    best, count = best_widths(
        np.zeros(len(pairs), dtype=np.int64),
        pairs[:, 0],
        pairs[:, 1],
        np.zeros(len(against), dtype=np.int64),
        np.array(against, dtype=np.int64),
        1,
    )
    return int(best[0]), int(count[0])


def wrap_of(lines: list[str], *, code_blocks: bool = False) -> Wrap | None:
    """The wrap of ``lines``, or None where they show no wrapping: it rests on lines that end
    where the next word would not fit (``agreeing``), few lines of prose wider than their width
    that a wrap would have broken (``over``) among those that could have been wrapped
    (``prose``), and continuations in lower case (``lower`` of the ``cased`` lines a join would
    start with): see the module. With ``code_blocks`` (a markdown dump), a line four columns in
    is no wrapper's to break: html2text prints a paragraph there (a ``<dd>``'s summary, a
    ``<pre>``) as it is, and a box of such summaries, each a long line, had the page's wrap
    refused (in lynx's and w3m's dumps such a margin is layout, and their lines are wrapped)."""
    if _too_many_over(lines, code_blocks):
        return None
    return _wrap_of(shape_of(lines), code_blocks)[0]


def _wrappable(shape: Shape, code_blocks: bool) -> np.ndarray:
    """The lines a wrap would have broken, were they wider than its width (see ``wrap_of``)."""
    if not code_blocks:
        return shape.filled
    code = map(str.startswith, shape.lines, repeat(_CODE_INDENT))
    wrappable: np.ndarray = shape.filled & ~np.fromiter(code, dtype=bool, count=len(shape.lines))
    return wrappable


def _too_many_over(lines: list[str], code_blocks: bool) -> bool:
    """More than ``wrap_of``'s ``over`` share of the non-blank lines are lines of ``lines``
    wider than any wrap's width and breakable at the narrowest, so ``wrap_of`` refuses whatever
    the width: settled line by line before anything is measured for a dump of one line a
    paragraph (html_text, a browser's copy), where the first few long lines settle it."""
    filled = [*filter(str.strip, lines)]
    allowed = MAX_OVER_SHARE * len(filled)
    over = 0
    # a character takes at most two columns: a line of MAX_WIDTH // 2 characters or fewer cannot
    # be wider than MAX_WIDTH (the longer lines picked at C speed, in their order)
    for line in compress(filled, map((MAX_WIDTH // 2).__lt__, map(len, filled))):
        if display_width(line.rstrip()) > MAX_WIDTH:
            if code_blocks and line.startswith(_CODE_INDENT):
                continue
            over += _breakable(line, MIN_WIDTH)
            if over > allowed:
                return True
    return False


def _breakable(line: str, width: int) -> bool:
    """A wrap at ``width`` would have broken ``line``: it has a space after a first word that
    fits (a line of one word too long for the width, an address, is left whole by wrappers), and
    it is not a list item or a table row (html2text leaves those whole). (``Shape.breakable``
    and ``Shape.head`` answer it for every line of a page at once.)"""
    # only its first word and whether it has a second are read, but where it may hold a "|"
    words = wrap_words(line) if "|" in line else wrap_words(line, 1)
    if _BULLET_RE.match(line) or "|" in words or "](" in line:
        return False  # list items, table rows, links: wrappers leave some of them whole
    if CELL_GAP in line.strip():
        # cells of a table laid side by side (w3m, lynx): each was wrapped in its own width,
        # and the row runs as wide as the table, past a narrower column's wrap; two such rows
        # (a footer's, a toolbar's) had the wrap of a short page's text refused. (Taking such
        # rows out of the lines that agree with a width too cost w3m's L3S dumps of half A.)
        return False
    return len(words) > 1 and display_width(line[: line.index(words[0]) + len(words[0])]) <= width


def _wrap_of(shape: Shape, code_blocks: bool) -> tuple[Wrap | None, np.ndarray]:
    """``wrap_of`` of the lines of ``shape`` (which ``_too_many_over`` let through), and the
    pairs of lines it joins (``wrap_shape.wrapped_pairs``; none where there is no wrap)."""
    none = (None, np.zeros(0, dtype=bool))
    filled, indent, length = shape.filled, shape.indent, shape.length
    wrappable = _wrappable(shape, code_blocks)
    breakable = wrappable & shape.breakable
    # each line's end and the next line's first word, by indentation; the lines a wrap would
    # have cut speak against narrower widths, down to where their first word ends
    ends = np.flatnonzero(filled[:-1] & filled[1:])
    cuttable = np.flatnonzero((breakable & (shape.head < length)) | (wrappable & shape.cjk))
    # (a right-aligned link under a short page's text, set far in, spoke against the page's
    # width and the wrap was refused: it speaks against wider widths only)
    since = np.where(shape.cjk[cuttable], MIN_WIDTH, np.maximum(shape.head[cuttable], MIN_WIDTH))
    levels, rows = np.unique(indent[ends], return_inverse=True)
    words = shape.first[ends + 1]
    (page_width,), (agreeing,) = best_widths(
        np.zeros(len(ends), dtype=np.int64),
        length[ends],
        words,
        0 * cuttable,
        length[cuttable],
        1,
        since,
    )
    if not agreeing:
        return none
    # an indentation with a width of its own near the page's (lynx's headings at the edge)
    at = np.searchsorted(levels, indent[cuttable])
    own = at < len(levels)
    own[own] = levels[at[own]] == indent[cuttable][own]
    best, count = best_widths(
        rows, length[ends], words, at[own], length[cuttable][own], len(levels), since[own]
    )
    near = (count >= MIN_LEVEL_WRAPPED) & (np.abs(best - page_width) <= SLACK)
    widths = dict(zip(levels[near].tolist(), best[near].tolist(), strict=True))
    wrap = Wrap(widths, int(page_width))
    pairs = wrapped_pairs(shape, wrap)
    joins = _joins(shape, pairs)
    # a list of headlines of like lengths at one indentation (lynx's "related" box, each
    # "Headline | date" a line) shows a width of its own short of the page's, but no join of it
    # goes on in lower case: its lines are joined at no width (they were glued into one line of
    # the body). At the page's width such lines are rows of a table laid out as text, which
    # joined carry the text's pieces together (taking them too cost w3m's dumps of half A 0.0005).
    # Never the left edge: lynx wraps its headings there at a width of their own, and a headline
    # in title case goes on in capitals (taking it split three headlines of half A's lynx dumps)
    lists = {
        k
        for k, w in widths.items()
        if k > 0 and w < page_width and (j := joins.get(k, (0, 0)))[1] < MIN_LOWER_SHARE * j[0]
    }
    if lists:
        widths = {k: w for k, w in widths.items() if k not in lists}
        wrap = Wrap(widths, int(page_width), frozenset(lists))
        pairs = wrapped_pairs(shape, wrap)
        joins = _joins(shape, pairs)
    cased, lower = sum(c for c, _ in joins.values()), sum(n for _, n in joins.values())
    width = widths_at(shape, wrap)
    over = np.count_nonzero(breakable & (length > width) & (shape.head <= width))
    prose = np.count_nonzero(wrappable & (length > width // 2) & shape.words4)
    taken = (
        agreeing >= MIN_WRAPPED
        and over <= MAX_OVER_SHARE * int(filled.sum())
        and agreeing >= MIN_WRAPPED_SHARE * prose
        and cased >= MIN_WRAPPED
        and lower >= MIN_LOWER_SHARE * cased
    )
    return (wrap, pairs | _goes_on_lower(shape, wrap)) if taken else none


def _goes_on_lower(shape: Shape, wrap: Wrap) -> np.ndarray:
    """For each line but the last, whether the next line goes on with its sentence in lower
    case where the line ends within ``SLACK`` columns under its width, though the next line's
    first word would have fitted after it (``wrapped_pairs`` asks that it would not): lynx
    keeps a link's last word and what follows the link together ("... eating" over "marmot
    [VIDEO]"), and wraps before the two where the word alone would fit, so that a box of links
    set in the text came out a line or two longer, past what a short box may hold. On half A,
    no line that goes on in lower case under a wrapped line of lynx's or w3m's dumps was apart
    from it in the articles' text."""
    width = widths_at(shape, wrap)[:-1]
    length, filled = shape.length[:-1], shape.filled
    # ... and the line ends no sentence (an alt text in lower case, "a man by a car: ...",
    # under a paragraph that ends with its stop)
    pairs: np.ndarray = (
        filled[:-1]
        & filled[1:]
        & (length >= width - SLACK)
        & (length <= width)
        & ~shape.breaks[1:]
        & (shape.indent[1:] <= shape.cont[:-1])
    )
    if wrap.lists:
        pairs &= ~np.isin(shape.indent[:-1], list(wrap.lists))
    # the text asked of the pairs left alone
    text = shape.text
    for k in np.flatnonzero(pairs).tolist():
        pairs[k] = text[k + 1][:1].islower() and not stop_at_end(text[k])
    return pairs


def _joins(shape: Shape, pairs: np.ndarray) -> dict[int, tuple[int, int]]:
    """By indentation, the joins of ``pairs`` (``wrapped_pairs``) whose next line opens with a
    letter, and how many of those open in lower case: a wrap cuts sentences, so most
    continuations do; a list of headlines of like lengths (each a capital) does not. A letter
    without case (Hangul, Han, Arabic...) goes on as lower case does: a wrap at a display width
    cuts such a line mid-word."""
    out: dict[int, tuple[int, int]] = {}
    text, indent = shape.text, shape.indent
    for k in np.flatnonzero(pairs).tolist():
        first = text[k + 1][:1]
        if first.isalpha():
            at = int(indent[k])
            cased, lower = out.get(at, (0, 0))
            low = first.islower() or first.lower() == first.upper()
            out[at] = (cased + 1, lower + low)
    return out


def unwrap(lines: list[str], wrap: Wrap) -> list[str]:
    """``lines`` with every line cut by ``wrap`` joined to the line it goes on with (at the
    wrap's width alone: ``unwrap_lines`` joins a line that goes on in lower case too,
    ``_goes_on_lower``)."""
    shape = shape_of(lines)
    pairs, width = wrapped_pairs(shape, wrap), widths_at(shape, wrap)
    return _unwrapped(shape, pairs, width, 0, len(lines), _cuts_words(shape, pairs, width))


def _unwrapped(
    shape: Shape, pairs: np.ndarray, width: np.ndarray, a: int, b: int, cuts: bool
) -> list[str]:
    """Lines ``a`` to ``b`` of ``shape`` with each line ``k`` where ``pairs[k]`` (in the span)
    joined to the next, ``width`` each line's; ``cuts``, the page's wrapper cut words of a
    script without case (``_cuts_words``)."""
    lines, length = shape.lines, shape.length
    out: list[str] = []
    last = a - 1  # the last line in ``out``
    for k in (np.flatnonzero(pairs[a : b - 1]) + a).tolist():
        if k != last:
            out.extend(lines[last + 1 : k + 1])
        nxt = lines[k + 1]
        in_word = cuts and _cut_in_word(lines[k], nxt, int(length[k]), int(width[k]))
        cut = in_word or _cut_long_word(shape.text[k], int(length[k]), int(width[k]))
        out[-1] = _join(out[-1], nxt, cut)
        last = k + 1
    out.extend(lines[last + 1 : b])
    return out


def _unwrap_column(lines: list[str], width: int) -> list[str]:
    """A column's lines with those cut at its width joined (a narrow column, a menu, wants a
    narrower slack, and there a line joins the one above only in lower case, or each item would
    join the next, but in a column of prose; the slack is as wide as the next line's first word
    where that is wider, as a narrow column's lines end ragged by a long word). A wide column's
    width is the one its line ends agree with, as a page's is: a line of another cell may run
    past it. A line cut at the column's own width (its widest line's) is joined too: a column
    holds the story wrapped at its width and, under it, a box of narrower cells that no gutter
    set apart, whose wrapped lines outnumber the story's."""
    ends = [
        (display_width(line.rstrip()), display_width(_first_word(nxt)))
        for line, nxt in itertools.pairwise(lines)
        if line.strip() and nxt.strip()
    ]
    widths = [width]
    agreed, count = _best_width(ends)
    if count >= MIN_WRAPPED and agreed < width:
        # no line of a column runs past its width (its widest line): more lines agree with a
        # wider width only because none of them speaks against it
        widths.append(agreed)
    # each line cut from the line above by the wrap: at a width of MIN_WIDTH or more (2), only
    # at a narrower one (1), or not (0)
    cut = [0] * len(lines)
    for k in range(1, len(lines)):
        last, line = lines[k - 1], lines[k]
        if last.strip() and line.strip() and not _BULLET_RE.match(line):
            length = display_width(last.rstrip())
            first = display_width(_first_word(line))
            at = [
                w
                for w in widths
                if w - min(SLACK, max(w // 4, first)) <= length <= w and length + 1 + first > w
            ]
            cut[k] = 2 if any(w >= MIN_WIDTH for w in at) else int(bool(at))
    # a narrow column's joins go on in lower case (a menu's items would join each other), but
    # in a column of prose (most of its joins go on in lower case), where a name goes on too
    opens = [lines[k].lstrip()[:1] for k in range(len(lines)) if cut[k]]
    cased = [c.islower() for c in opens if c.isalpha() and c.lower() != c.upper()]
    prose = len(cased) >= MIN_WRAPPED and sum(cased) >= COLUMN_PROSE_SHARE * len(cased)
    out: list[str] = []
    for k, line in enumerate(lines):
        if cut[k] == 2 or (cut[k] and (prose or line.lstrip()[:1].islower())):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line.strip())
    return out


# w3m draws the borders of a table that has them (``<table border>``) with box-drawing
# characters: "│" between cells, "─", "├" and the like for the rules between rows
_BOX_DRAWING = {code: " " for code in range(0x2500, 0x2580)}
_BOX_SIDES = ("│", "┃", "║")
MIN_BOXED_LINES = 3  # lines with a cell's side, for a page to be read as drawn tables


def _gapped_share(lines: list[str]) -> float:
    """The share of the non-blank ``lines`` holding a gap between cells (``CELL_GAP``)."""
    filled = [line.strip() for line in lines if line.strip()]
    return sum(CELL_GAP in line for line in filled) / len(filled) if filled else 0.0


def _unboxed(lines: list[str]) -> list[str]:
    """``lines`` with the borders of drawn tables blanked: a cell's side becomes a gutter that
    ``columns.py`` reads the cells by, as it reads a borderless table's, and a rule between
    rows a blank line. A page with fewer than ``MIN_BOXED_LINES`` lines holding a cell's side
    comes back as it is (one search, as most pages have none)."""
    text = "\n".join(lines)
    if not any(side in text for side in _BOX_SIDES):
        return lines
    boxed = sum(1 for line in lines if any(side in line for side in _BOX_SIDES))
    if boxed < MIN_BOXED_LINES:
        return lines
    return text.translate(_BOX_DRAWING).split("\n")


# w3m and lynx print an image as its alt text or its file's name in brackets
# ("[logo_120x60]", "[banner.gif]"), and w3m a box of teasers as a bullet, the image and the
# title on lines of their own: where a browser's copy shows nothing, such a line of images
# alone (a bullet before them included) cuts the story's first paragraph from the rest as
# chrome between them. A file's name: a letter and a digit, "_", ".", ":", "/" or "-" in
# brackets without a space; a word ("[VIDEO]", a link's tag), a footnote's number ("[1]") and
# a link's text ("[Read more]") are no image and stay. A name of digits alone is one where an
# underscore joins them ("[1203947_1]", an image's id and its size), as no footnote is written.
# w3m prints a teaser's bullet on a line of its own over its image: both go. The spaces after a
# bullet are one run, then a line's end and the next line's indent: written "[ \t]*\n?[ \t]*",
# a run of spaces could be split between the two in as many ways as it is long, at every bullet,
# and a line of spaced bullets over no image ("*  *  *  ...") was tried in exponential time.
_IMAGE = r"\[(?:(?=[^\]\s]*[A-Za-z])(?=[^\]\s]*[\d_.:/-])|(?=[^\]\s]*\d_\d))[^\]\s]{1,80}\][ \t]*"
_IMAGES_ALONE_RE = re.compile(rf"^[ \t]*(?:[•*+·][ \t]*(?:\n[ \t]*)?)*(?:{_IMAGE})+$", re.M)
_GONE = "\x00"  # what a line of images alone is replaced with, before it is dropped
# the shape of no lines, for a page without a wrap (a page's shape is read only with its wrap):
# made once, since making one costs some 90 us of small arrays
_NO_SHAPE = shape_of([])


def unwrap_lines(lines: list[str]) -> list[str]:
    """The dump's logical lines: columns laid side by side read one after the other
    (``columns.py``), wrapped lines joined, markdown marks read (see the module). A dump that
    shows none of these comes back unchanged (its lines of images alone dropped)."""
    text = "\n".join(lines)
    if "[" in text and _IMAGES_ALONE_RE.search(text):  # most pages: no bracket, no image
        lines = [line for line in _IMAGES_ALONE_RE.sub(_GONE, text).split("\n") if line != _GONE]
    markdown = is_markdown(lines)
    if markdown:
        lines = unquoted(lines)
    # a dump of text nodes lays out no cells side by side: a run of blanks in its line is the
    # page's source's (a text node's indentation after a line break it holds), no gutter. Told
    # from a laid-out dump without blank lines (w3m's, where images fill them) by its few lines
    # with such a run (``MAX_NODE_GAP_SHARE``)
    nodes = is_node_per_line(lines) and _gapped_share(lines) < MAX_NODE_GAP_SHARE
    chunks = [Chunk(lines)] if nodes else column_chunks(_unboxed(lines))
    # the page's wrap from its ordinary lines: a column's joined lines run past it
    ordinary = [
        line for chunk in chunks if chunk.width is None and not chunk.rows for line in chunk.lines
    ]
    shape = _NO_SHAPE  # read only where a wrap is found
    wrap, pairs = None, np.zeros(0, dtype=bool)
    if not _too_many_over(ordinary, markdown):
        shape = shape_of(ordinary)
        if "[" in text:
            _image_items(shape)
        if ":" in text:
            _field_rows(shape)
        wrap, pairs = _wrap_of(shape, markdown)
    width = widths_at(shape, wrap) if wrap is not None else shape.indent
    cuts = wrap is not None and not text.isascii() and _cuts_words(shape, pairs, width)
    out: list[str] = []
    at = 0  # where the chunk's lines start in ``ordinary``
    for chunk in chunks:
        if chunk.rows:  # a table of records: each row a line of its own
            out.extend([*chunk.lines, ""])
            continue
        if chunk.width is not None:  # a column wraps at its own width
            out.extend(_unwrap_column(chunk.lines, chunk.width))
            out.append("")
            continue
        end = at + len(chunk.lines)
        if wrap is None:
            out.extend(chunk.lines)
        else:
            out.extend(_unwrapped(shape, pairs, width, at, end, cuts))
        at = end
    lines = out
    if nodes or is_node_per_line(lines):
        lines = join_fragments(lines)
    if wrap is not None and "[" in "".join(lines):
        lines = [_no_images(line) if "[" in line else line for line in lines]
    if markdown:
        # html2text wraps a link with its address, and the wrap of the lines around a long one
        # is not found: the rest of a sentence is left under the link's line. Its blocks are
        # apart by blank lines, so a line under another that goes on in lower case goes on it
        lines = joined_continuations(plain_markdown(lines))
    return lines
