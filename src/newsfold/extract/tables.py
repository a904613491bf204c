"""The article's own tables and lists in a dump: a run of rows of figures (standings, a
schedule), a numbered list that goes on from a paragraph, items laid out alike line after line.
Their lines are text of the article however short each is (``_as_rows``), where a menu or a list
of teasers has few figures and no common layout. (Moved from body.py, which weighs the lines.)"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import groupby

from .body import _dated
from .lines import BODY_MIN_WORDS, Line, _is_sentence, digit_lines, digit_tokens

ROW_MIN_TOKENS = 3
ROW_MAX_TOKENS = 30
ROW_DIGIT_SHARE = 0.3  # a row of figures; a headline or menu item rarely has one number in three
ROW_MIN_RUN = 4  # a table has a few rows at least; two dated lines are a list of teasers
ROW_WEIGHT = 0.5  # per word: a row counts as a short sentence does
LIST_MIN_ITEMS = 3
SHAPED_LIST_MIN_ITEMS = 5
LIST_ITEM_GAP = 2  # lines between two items of a numbered list (a link, a price)
_CODE = re.compile(r"[<>{}=;\\]|\w\(")  # markup or a script's code, not a table row


def _as_rows(lines: list[Line]) -> None:
    """Lines of a table or list of the article's: each weighs for the body by its length, as a
    short sentence does, and may carry a body block however short it is."""
    for ln in lines:
        if not ln.label:
            ln.row = True
            ln.weight = max(ln.weight, ROW_WEIGHT * ln.words)


def _runs(keys: Sequence[object]) -> Iterator[tuple[int, int]]:
    """``(first, end)`` of every maximal run of equal keys that are not None (the runs grouped
    at C speed: most keys of a page are None)."""
    i = 0
    for key, run in groupby(keys):
        j = i + sum(1 for _ in run)
        if key is not None:
            yield i, j
        i = j


def _is_row_like(ln: Line) -> bool:
    """A row of figures: standings, results, a schedule; several tokens, many of them numbers."""
    if ln.label or not ROW_MIN_TOKENS <= ln.words <= ROW_MAX_TOKENS:
        return False
    digits = digit_tokens(ln.text)  # asked first: most lines have no digit
    if not digits or _CODE.search(ln.text):
        return False
    if _dated(ln):
        return False  # a list of dated lines is an archive or a list of teasers
    return digits >= ROW_DIGIT_SHARE * len(ln.text.split())


def _mark_rows(lines: list[Line]) -> None:
    """A data table in a dump is a run of row-like lines: its rows are text of the article (a
    standings table, a calendar), however short each one, where a menu or a list of teasers has
    few figures."""
    # the lines of too few or too many tokens (most), or labelled, are left out before the call
    lo, hi = ROW_MIN_TOKENS, ROW_MAX_TOKENS
    rows: list[bool | None] = [None] * len(lines)
    for k in digit_lines(lines):  # a line without a digit is no row (most: found for the page)
        ln = lines[k]
        if lo <= ln.words <= hi and not ln.label and _is_row_like(ln):
            rows[k] = True
    for i, j in _runs(rows):
        if j - i >= ROW_MIN_RUN:
            _as_rows(lines[i:j])


_ITEM_NUMBER = re.compile(r"^#?(\d{1,3})(?:[.):\]]|\s+[–—-])?\s+\S")


def _after_prose(lines: list[Line], i: int, reach: int = 1) -> bool:
    """A paragraph within ``reach`` lines above line ``i``: a list there goes on from the text,
    as a list in an article does; the list of the most read stories opens under a heading or a
    row of tabs instead."""
    return any(x.weight > 0 and x.words >= BODY_MIN_WORDS for x in lines[max(0, i - reach) : i])


def _mark_numbered_lists(lines: list[Line]) -> None:
    """A numbered list (items 1, 2, 3, ... with at most a line or two between them, such as a
    link under each item) that follows a paragraph is text of the article, as a table is: a
    ranking, the steps of a how-to, the items of a listicle."""
    numbers = [
        int(m.group(1)) if (m := _ITEM_NUMBER.match(ln.text)) and not ln.label else None
        for ln in lines
    ]
    i = 0
    while i < len(lines):
        first = numbers[i]
        if first is None:
            i += 1
            continue
        items, expected = [i], first + 1
        j = i + 1
        while j < len(lines) and j - items[-1] <= LIST_ITEM_GAP + 1:
            if numbers[j] == expected:
                items.append(j)
                expected += 1
            elif lines[j].label or _dated(lines[j]):
                break
            j += 1
        # a run that goes on from the item right above it (numbered one less) is the tail of
        # a list that opened there, not after a paragraph: an item of twelve words (a "most
        # read" story's headline) is no paragraph for the items under it to follow. A list
        # opened by a line of its own ("Our picks:") follows the paragraph above that line
        opened_above = i > 0 and numbers[i - 1] == first - 1
        reach = 2 if i > 0 and lines[i - 1].text.endswith(":") else 1
        if len(items) >= LIST_MIN_ITEMS and not opened_above and _after_prose(lines, i, reach):
            _as_rows(lines[items[0] : items[-1] + 1])
            i = items[-1] + 1
        else:
            i += 1


_SHAPE_MARKS = frozenset("–—-@|:;/()•·#$%€£+")


def _shape(ln: Line) -> tuple[str, bool] | None:
    """The marks a list item is laid out with ("June 9 – City, ST @ Venue" has "–" and "@")
    and whether it opens with a figure; None for a line that is no such item."""
    if ln.label or not ROW_MIN_TOKENS <= ln.words <= ROW_MAX_TOKENS or _is_sentence(ln):
        return None
    if len(_SHAPE_MARKS.intersection(ln.text)) < 2:
        return None  # asked first, as most lines have no two marks (see below)
    if _dated(ln) or _CODE.search(ln.text):
        return None  # dated lines are an archive or teasers; code is no list
    if ln.text.endswith(("...", "…")):
        return None  # a teaser cut short
    marks = "".join(sorted(_SHAPE_MARKS.intersection(ln.text)))  # the set, at C speed
    # one mark alone is too common a layout ("Kicker: headline" teasers)
    return (marks, ln.text[0].isdigit()) if len(marks) >= 2 else None


def _mark_shaped_lists(lines: list[Line]) -> None:
    """Items laid out alike, line after line (tour dates, a schedule, a list of results), right
    under a paragraph or under a subheading that follows one: a list of the article's. Menus
    have no marks and teaser lists no common layout."""
    lo, hi = ROW_MIN_TOKENS, ROW_MAX_TOKENS  # what _shape asks first, before the call
    shapes = [_shape(ln) if lo <= ln.words <= hi and not ln.label else None for ln in lines]
    for i, j in _runs(shapes):
        if j - i >= SHAPED_LIST_MIN_ITEMS and _after_prose(lines, i, reach=2):
            _as_rows(lines[i:j])
