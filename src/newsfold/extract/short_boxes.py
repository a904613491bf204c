"""Boxes of a few links set inside an article's text under a related-stories heading ("Read
more:", "Related"), moved out of ``body.py`` whole (at its size limit): weighed so that the text
on either side of the box stays one article."""

from __future__ import annotations

from collections.abc import Iterator

from .body import RESUME_LINES
from .glued import glued
from .lines import Line, _is_sentence

SHORT_BOX_LINES = 5  # lines of links in a box set inside an article
SHORT_BOX_COST = 20.0


def _weigh_short_boxes(lines: list[Line]) -> None:
    """A related-stories heading with only a few lines under it before the text resumes is a
    box set inside the article (two or three links), not the list of other stories that
    follows it: it costs less, so that the text on either side of it stays one article. A
    heading over one link ("Read more:" over a story's headline) is that link's label, printed
    on a line of its own where a renderer prints each link so (lxml's text nodes; html_text
    prints "Read more: Headline" on one line, an ``inline_link``): it costs nothing, the link
    under it as much as an inline link (AEB half A, a page of lxml_lines 0.876 -> 0.989 recall,
    its last two paragraphs under such a heading; no other page of AEB or L3S-GN1 half A moved)."""
    for i, ln in enumerate(lines):
        if ln.label != "related_heading":
            continue
        for k in _box_reach(lines, i):
            # the text resumes with paragraphs, where a list of teasers has a line of text each
            # (a headline glued to its summary is no paragraph, ``glued.py``)
            if all(_is_sentence(x) and not glued(x) for x in lines[k : k + RESUME_LINES]):
                links = sum(1 for x in lines[i + 1 : k] if x.words > 1)
                ln.weight = 0.0 if links == 1 else -SHORT_BOX_COST
                for item in lines[i + 1 : k]:  # links to other stories, never the article's text
                    if not item.label:
                        item.label, item.weight = "inline_link", min(item.weight, -4.0)
                break


def _box_reach(lines: list[Line], i: int) -> Iterator[int]:
    """The lines under the heading at ``i`` where the text may resume after a short box: up
    to ``SHORT_BOX_LINES`` lines of it and the line after them. A line of one word (an
    image's name, a bullet, a rule, as lynx prints a box's spacers) is no link and is not
    counted, up to as many such lines again."""
    counted = 0
    for k in range(i + 1, min(len(lines), i + 1 + 2 * (SHORT_BOX_LINES + 1))):
        yield k
        if lines[k].words > 1:
            counted += 1
            if counted > SHORT_BOX_LINES:
                return
