"""Layout tables printed side by side: each column's text back as lines of its own.

w3m (and lynx on some pages) lays a page built of tables out as the browser would: the menu in a
left column, the story in the middle and a box of links on the right, all on the same physical
lines. Read line by line, every line then mixes a menu item, eleven words of the story and a
piece of an advert, and none of them is a sentence. This module finds such blocks by their
gutters, runs of columns that are blank on every line of the block with text on both sides, and
returns each column's text in turn, top to bottom, as a browser's "select all, copy" would.

A block starts at a line with a gap of ``MIN_GUTTER`` spaces inside its text and grows line by
line while one gutter at least stays blank; it is taken when its gutters have text on both
sides on ``MIN_ROWS`` lines each. Prose is set with single spaces, so no run of lines of a
paragraph keeps a two-column gutter: a dump without tables comes back as it came in. A dump
with no line holding such a gap is not looked at further (the check costs one search).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MIN_GUTTER = 2  # blank columns between two table columns
MARKER_WIDTH = 3  # a column no wider than this on each line holds a list's bullets or numbers
MIN_ROWS = 3  # lines with text on each side of a gutter, for it to divide columns
# a block whose cells all hold this few words is a table of records (a league table, a price
# list: "3    Jane Doe    5033    4"), read row by row as a browser copies it, not a layout of
# columns of text; a layout's story or box column holds lines of many words
TABLE_CELL_MAX_WORDS = 4
MAX_DEPTH = 2  # tables inside a column read for their own columns, and inside those
START_TRIES = 6  # lines with a gap tried as the first of a block (see _best_block)
MAX_LINE = 400
# A terminal dump's lines fit its width but for an address or two; a dump with more lines
# than this share past TERMINAL_WIDTH keeps each paragraph on a line and has no columns
TERMINAL_WIDTH = 250
MAX_WIDE_SHARE = 0.01  # longer lines are no layout of columns (a terminal is narrower)

# a gap a block of columns starts at: three spaces or more between two non-spaces ("\S {3,}\S"),
# written from its three spaces on, so that the search skips to them at C speed (a pattern
# opening with "\S" is tried at every character: seven times slower on a page without a gap)
_GAP_RE = re.compile(r"   (?<=\S   ) *\S")
_NONSPACE_RE = re.compile(r"[^ ]")
_ASCII_OCCUPIED = bytes(48 if b == 32 else 49 for b in range(256))  # " " to "0", else "1"


@dataclass(slots=True)
class Chunk:
    """Lines of the dump as they come (``width`` None), or one column of a table, whose lines
    were wrapped at ``width`` (the widest of them), or a table of records (``rows``), whose
    lines are its rows, each read as it is (no wrap is looked for in them)."""

    lines: list[str]
    width: int | None = None
    rows: bool = False  # a table of records (``TABLE_CELL_MAX_WORDS``): its rows as printed


def _occupied(line: str) -> int:
    """Bit ``c`` set where column ``c`` of ``line`` holds a character other than a space."""
    if not line:
        return 0
    if line.isascii():  # most lines: a byte each, made "0" or "1" by ``bytes.translate``
        return int(line.encode("ascii").translate(_ASCII_OCCUPIED)[::-1], 2)
    return int(_NONSPACE_RE.sub("1", line).replace(" ", "0")[::-1], 2)


def _at_least(n: int, hits: Iterator[bool]) -> bool:
    for hit in hits:
        if hit:
            n -= 1
            if n <= 0:
                return True
    return False


def _gaps(
    union: int, occs: list[int], min_rows: int, min_width: int = MIN_GUTTER
) -> list[tuple[int, int]]:
    """Runs ``[start, end)`` of ``min_width`` or more columns blank in ``union`` with text on
    both sides on ``min_rows`` of ``occs`` (the lines' occupied columns) each."""
    out: list[tuple[int, int]] = []
    width = union.bit_length()
    c = (union & -union).bit_length()  # one past the lowest occupied column
    while c < width:
        if union >> c & 1:
            c += 1
            continue
        start = c
        while c < width and not union >> c & 1:
            c += 1
        if c - start < min_width:
            continue
        if min_rows <= 1:  # the union has text on both sides of any gap inside it
            out.append((start, c))
            continue
        left_mask = (1 << start) - 1
        if _at_least(min_rows, (bool(o & left_mask) for o in occs)) and _at_least(
            min_rows, (bool(o >> c) for o in occs)
        ):
            out.append((start, c))
    return out


def _block_end(occs: list[int], i: int) -> tuple[int, list[tuple[int, int]]]:
    """The end of the block of columns that starts at line ``i``, and its gutters: it grows
    while every gutter it has established (``MIN_ROWS`` lines of text each side) stays blank,
    since a table whose columns change is another table. An established gutter may narrow to
    one column: w3m and lynx set cells one space apart, so the gutter left of a cell is as
    wide as its neighbour's shortest line leaves it, and a line that fills the neighbour's
    width (a table's column width, which that line itself set) leaves one. (Asking two blank
    columns on every line cut such tables at their first full line, and the story's lines
    after it came back mixed with the sidebar's.)"""
    union = occs[i]
    held: list[tuple[int, int]] = []  # the gutters established so far
    gaps = _gaps(union, [], 1)
    j = i + 1
    while j < len(occs):
        grown = union | occs[j]
        if grown != union:
            narrow = _gaps(grown, [], 1, 1)
            gaps = [g for g in narrow if g[1] - g[0] >= MIN_GUTTER]
            if held:
                # narrowed only within a run of rows: after a blank line a gutter must be
                # as wide as ever (a paragraph under a table has a space somewhere)
                kept = [_narrowed(narrow if occs[j - 1] else gaps, g) for g in held]
                if any(k is None for k in kept):
                    break
                held = [k for k in kept if k is not None]
            elif not gaps:
                break
            union = grown
        j += 1
        # a blank line adds no text beside a gap: the gutters established stay as they were
        if occs[j - 1] and any(_overlap(held, g) is None for g in gaps):
            wide = _gaps(union, occs[i:j], MIN_ROWS)
            held = wide + [g for g in held if _overlap(wide, g) is None]
    return _trim(occs, i, j, union, held)


def _overlap(gaps: list[tuple[int, int]], gutter: tuple[int, int]) -> tuple[int, int] | None:
    """The first of ``gaps`` that shares a column with ``gutter``."""
    start, end = gutter
    for gap in gaps:
        if gap[0] < end and start < gap[1]:
            return gap
    return None


def _narrowed(gaps: list[tuple[int, int]], gutter: tuple[int, int]) -> tuple[int, int] | None:
    """What is left of ``gutter`` among ``gaps``: a gap ``MIN_GUTTER`` wide sharing a column
    with it, or one column wide where the cell right of it starts (a line of a left-aligned
    cell that fills its width). A one-column gap elsewhere is a space between two words of a
    line across the page (a footer under the table): the table has ended."""
    start, end = gutter
    for gap in gaps:
        if gap[0] < end and start < gap[1] and (gap[1] - gap[0] >= MIN_GUTTER or gap[1] == end):
            return gap
    return None


def _trim(
    occs: list[int], i: int, j: int, union: int, held: list[tuple[int, int]]
) -> tuple[int, list[tuple[int, int]]]:
    """The block without its trailing blank lines, and the gutters that divide columns of words
    set side by side on ``MIN_ROWS`` lines: gaps ``MIN_GUTTER`` wide, or narrowed from an
    established one (``held``). (Asking also that the cells right of a gutter start at its
    edge, as left-aligned cells do, lost the centred boxes: body F1 on half A fell.)"""
    while j > i and not occs[j - 1]:
        j -= 1  # blank lines after the block belong to what follows
    block = occs[i:j]
    return j, [
        (start, end)
        for start, end in _gaps(union, block, MIN_ROWS, 1)
        if (end - start >= MIN_GUTTER or _overlap(held, (start, end)) is not None)
        and _worded(block, start)
        and _at_least(MIN_ROWS, (bool(o & ((1 << start) - 1) and o >> end) for o in block))
    ]


def _worded(occs: list[int], start: int) -> bool:
    """Text left of a gutter on ``MIN_ROWS`` lines wider than a list's marks ("-", "12.")."""
    return _at_least(MIN_ROWS, ((o & ((1 << start) - 1)).bit_count() > MARKER_WIDTH for o in occs))


def _best_block(
    occs: list[int],
    gapped: list[bool],
    i: int,
    blocks: dict[int, tuple[int, list[tuple[int, int]]]],
) -> tuple[int, int, list[tuple[int, int]]]:
    """The block of columns starting at line ``i`` or at one of the next lines with a gap
    (``gapped``: a form or a title bar above a table crosses its gutters): the one that covers
    the most lines times gutters. ``(start, end, gutters)``. ``blocks`` keeps the block that
    starts at each line tried (``_block_end``, which reads the lines alone), as the next line's
    search tries most of the same starts again."""
    best: tuple[int, int, list[tuple[int, int]]] = (i, i, [])
    score = 0
    tried = 0
    k = i
    while k < len(occs) and tried < START_TRIES:
        if gapped[k]:
            tried += 1
            block = blocks.get(k)
            if block is None:
                block = blocks[k] = _block_end(occs, k)
            end, gutters = block
            if gutters and (end - k) * len(gutters) > score:
                best, score = (k, end, gutters), (end - k) * len(gutters)
        k += 1
    return best


def column_chunks(lines: list[str], width: int | None = None, depth: int = 0) -> list[Chunk]:
    """``lines`` as chunks: runs of ordinary lines, and the columns of each block of columns
    in reading order (see the module). One chunk of all lines where there is no such block.
    A column is read again for the tables inside it (``MAX_DEPTH`` deep): a page's outer
    table holds the menu, the story and its boxes, and a box under the story is a table of
    its own, whose cells would come back mixed line by line. ``width``: the width the lines
    were wrapped at, where they are a column's (None for the page's own lines)."""
    if not _GAP_RE.search("\n".join(lines)):  # one search: no gap spans a line break
        return [Chunk(lines, width)]
    if sum(1 for line in lines if len(line) > TERMINAL_WIDTH) > MAX_WIDE_SHARE * len(lines):
        return [Chunk(lines, width)]  # paragraphs on a line each: never laid out on a screen
    expanded = [line.expandtabs() if "\t" in line else line for line in lines]
    full = (1 << MAX_LINE) - 1  # a line too long for a column layout crosses every gutter
    occs = [_occupied(line.rstrip()) if len(line) <= MAX_LINE else full for line in expanded]
    # the lines a block may start at: text with a gap in it, and not too long for a layout
    gapped = [
        bool(occ) and occ != full and _GAP_RE.search(line.strip()) is not None
        for occ, line in zip(occs, expanded, strict=True)
    ]
    blocks: dict[int, tuple[int, list[tuple[int, int]]]] = {}
    chunks: list[Chunk] = []
    plain: list[str] = []
    i = 0
    while i < len(lines):
        if not gapped[i]:
            plain.append(lines[i])
            i += 1
            continue
        start, end, gutters = _best_block(occs, gapped, i, blocks)
        if not gutters:
            plain.append(lines[i])
            i += 1
            continue
        plain.extend(lines[i:start])
        i = start
        if plain:
            chunks.append(Chunk(plain, width))
            plain = []
        if _is_record_table(expanded[start:end], gutters):
            chunks.append(Chunk(lines[start:end], width, rows=True))  # read row by row
            i = end
            continue
        bounds = [0] + [c for g in gutters for c in g] + [MAX_LINE]
        for start, stop in zip(bounds[::2], bounds[1::2], strict=True):
            column = [line[start:stop].rstrip() for line in expanded[i:end]]
            if any(column) and depth < MAX_DEPTH:
                chunks.extend(column_chunks(column, max(len(x) for x in column), depth + 1))
            elif any(column):
                chunks.append(Chunk(column, max(len(x) for x in column)))
        i = end
    if plain:
        chunks.append(Chunk(plain, width))
    return chunks


def _is_record_table(block: list[str], gutters: list[tuple[int, int]]) -> bool:
    """The block's columns are cells of a few words each (``TABLE_CELL_MAX_WORDS``): a table of
    records, whose rows are read as they are printed."""
    bounds = [0] + [c for g in gutters for c in g] + [MAX_LINE]
    return all(
        len(line[start:stop].split()) <= TABLE_CELL_MAX_WORDS
        for line in block
        for start, stop in zip(bounds[::2], bounds[1::2], strict=True)
    )
