"""Teaser grids: other stories listed one under another in a dump, each a headline line over
a one-sentence summary, told from an article's paragraphs (``body._main_cluster`` shares such a
block's weight among its items)."""

from __future__ import annotations

import re

from .lines import BODY_MIN_WORDS, Line, _is_sentence, _title_like

# Other stories listed one under another, each a headline line over a one-line summary (a
# portal's grid of its sections' latest stories): an article's paragraphs follow one
# another, and its subheadings each head a few of them. A block in which this many paragraphs,
# and most of its paragraphs, stand alone under a headline line is such a list, and its weight
# is shared among its items as a thread's is among its times (``body._main_cluster``).
# A teaser's summary is one sentence; a listicle's items (a product's name over its review)
# run to several, and stay the article's text.
TEASER_GRID_MIN_ITEMS = 3
TEASER_GRID_SHARE = 0.5
_INNER_STOP = re.compile(r"[.!?][\"'”’)]?\s+[\"“‘(]?[A-Z]")


def _paragraph(ln: Line) -> bool:
    return ln.weight > 0 and ln.words >= BODY_MIN_WORDS and not ln.row


def headed_items(lines: list[Line], first: int, last: int) -> int:
    """How many of the block's paragraphs stand alone under a headline line (not a sentence,
    title-shaped), each of one sentence, or 0 where fewer than ``TEASER_GRID_SHARE`` of its
    paragraphs do."""
    paragraphs = items = 0
    for k in range(first, last + 1):
        if not _paragraph(lines[k]):
            continue
        paragraphs += 1
        head = lines[k - 1] if k else None
        after = lines[k + 1] if k + 1 < len(lines) else None
        if (
            head is not None
            and not head.label
            and not _paragraph(head)
            and _title_like(head)
            and not _is_sentence(head)
            and (after is None or not _paragraph(after))
            and not _INNER_STOP.search(lines[k].text)
        ):
            items += 1
    return items if items >= TEASER_GRID_SHARE * paragraphs else 0
