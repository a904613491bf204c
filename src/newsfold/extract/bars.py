"""Bars of links (share tools, "email this page | digg | reddit") in the two shapes a renderer
may print them other than a line of their own (``body.is_link_bar``): glued to the end of the
text above them, where the text and the bar sat in one block of the page (html2text prints a
block's text and links on one line), or one item a line, each text node on its own line
(lxml_lines: "» email this page", "| digg", "| reddit"). Either way the bar weighs against the
body as a bar on a line of its own does, so that what follows it under the text (another
story's promotion, a summary under its headline) is no paragraph of the article."""

from __future__ import annotations

import re

from . import cues
from .body import LINK_BAR_COST, LINK_BAR_ITEM_WORDS, is_link_bar
from .lines import BAR_MIN_ITEMS, BODY_MIN_WORDS, Line

# a stop, a closing quote or bracket after it, then blank: what follows the line's last one
# (no stop in it) may be a bar glued to the text
_STOP = re.compile(r"[.!?…][\"'”’)\]]*\s+")
BOX_LABEL_WORDS = 4  # the most words of a related-stories heading read at a cell's end
# a stop, then up to BOX_LABEL_WORDS words, the last ending in a colon, then more text
_LABEL_AFTER_STOP = re.compile(
    r"[.!?…][\"'”’)\]]*\s+((?:[^\s.!?…:|]+\s+){0,"
    + str(BOX_LABEL_WORDS - 1)
    + r"}[^\s.!?…:|]+:)(?=\s+\S)"
)


def split_glued_bar(text: str) -> tuple[str, ...] | None:
    """The parts of a line of running text that ends, after its last stop, in a bar of links
    (``BAR_MIN_ITEMS`` items or more): the text and the bar; or in a box of links, cells after
    a related-stories heading (html2text prints a table's row on one line, its cells between
    bars: "... the text. Related stories: | | <headline> | <headline>"): the text, what stood
    before the heading in its cell (a date line), the heading and the box; or in a box whose
    heading follows a stop in the cell's text (``_glued_label``). None for any other line
    (most)."""
    if "|" not in text:
        return None  # asked first: most lines have no bars
    return _bar_or_box(text) or _glued_label(text)


def _glued_label(text: str) -> tuple[str, ...] | None:
    """A table cell's text (html2text prints a cell's paragraphs on one line, its bars after)
    running on, after a stop, into a related-stories heading with its colon ("... the text.
    Read on: <links to other pieces> | |"): the text, the heading and what follows it. The
    last such heading, where the text before it is running text."""
    found = None
    for m in _LABEL_AFTER_STOP.finditer(text):
        if cues.RELATED_HEADING.match(m.group(1)):
            found = m
    if found is None:
        return None
    head, label, rest = text[: found.start(1)].rstrip(), found.group(1), text[found.end(1) :]
    if head.count(" ") + 1 < BODY_MIN_WORDS:
        return None
    return head, label, rest.strip()


def _bar_or_box(text: str) -> tuple[str, ...] | None:
    # the last stop (a lookahead from each stop to the line's end would be quadratic)
    stops = list(_STOP.finditer(text))
    stop = stops[-1] if stops else None
    if stop is None or any(c in text[stop.end() :] for c in ".!?…"):
        return None
    head, tail = text[: stop.end()].rstrip(), text[stop.end() :].strip()
    if head.count(" ") + 1 < BODY_MIN_WORDS:
        return None  # no running text before the bar: a table's row ("Pos. | Name | Points")
    if text.count("|") >= BAR_MIN_ITEMS - 1 and is_link_bar(tail):
        return head, tail
    cell, _, box = tail.partition("|")
    box = " | ".join(x for x in (c.strip() for c in box.split("|")) if x)
    words = cell.split()
    for k in range(1, min(len(words), BOX_LABEL_WORDS) + 1):
        label = " ".join(words[-k:])
        if box and cues.RELATED_HEADING.match(label):
            return tuple(x for x in (head, " ".join(words[:-k]), label, box) if x)
    return None


def _bar_piece(ln: Line) -> bool:
    """A line that may be one item of a bar printed an item a line: a link's few words, the
    bar's mark at its start or end."""
    text = ln.text
    return (
        not ln.label
        and ln.words <= LINK_BAR_ITEM_WORDS + 1
        and (text.startswith("|") or text.endswith("|"))
    )


def weigh_split_bars(lines: list[Line]) -> None:
    """A bar of links printed an item a line (a run of lines each opening or closing with the
    bar's mark, and the item before the first mark) weighs as much against the body as the
    bar on one line: its first line costs ``LINK_BAR_COST``."""
    i = 0
    while i < len(lines):
        if not _bar_piece(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and _bar_piece(lines[j]):
            j += 1
        above = lines[i - 1] if i > 0 else None
        first = i - 1 if above and not above.label and above.words <= LINK_BAR_ITEM_WORDS + 1 else i
        run = lines[first:j]
        if len(run) >= BAR_MIN_ITEMS and is_link_bar(" ".join(ln.text for ln in run)):
            run[0].weight = min(run[0].weight, -LINK_BAR_COST)
        i = j
