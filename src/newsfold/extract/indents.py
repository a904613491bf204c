"""Lists that a dump shows only by indentation: other stories' headlines, each with its
summary indented under it.

A page's "More headlines" box is often a definition list (``<dl>``: the headline a ``<dt>``,
its summary a ``<dd>``) or a list laid out the same way. Text-mode browsers print a ``<dd>``
deeper than its ``<dt>``, right under it (w3m four columns deeper, lynx seven; html2text four,
after a blank line), where html_text and a browser's "select all, copy" print both at the edge.
Read without its indentation, such a list is a run of title-shaped lines over sentences, which
weighs for the body as much as the article does and may be taken for it. With it, the layout
says what it is: a short line, a deeper line (or lines) of text under it with at most one blank
line between, and again, at least ``LIST_MIN_ITEMS`` times, each item's headline at the same
column.

An article's text never has that shape: lynx prints its headings at the edge and its paragraphs
three columns in (less than ``MIN_DEPTH``); w3m prints both at the edge; a quotation is
indented under a paragraph, not under a title-shaped line, and a list of the article's, laid out
with bullets, has no deeper text under each item. A dump without indentation (html_text,
chromium, lxml_lines) is not touched.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left

from ..records import Teaser
from .lines import BODY_MIN_WORDS, HEADLINE_MAX_WORDS, Line, _is_sentence, ends_sentence

LIST_MIN_ITEMS = 2  # one headline over a deeper paragraph is a quote under a title; two a list
MIN_DEPTH = 4  # columns a summary sits deeper than its headline (w3m: 4, lynx: 7); a list
# nested in a list sits two or three deeper (html2text, w3m: 2, lynx: 3), and is no such item
MAX_GAP = 1  # blank lines between two items
# blank lines between a headline and its summary: html2text prints a ``<dd>`` as a paragraph of
# its own (a blank line above it), four columns in
HEAD_GAP = 1
HEAD_MIN_WORDS = 2  # words of letters in a headline ("___" and "[ CNN ]" are none)
TEXT_MAX_WORDS = 100  # a summary is a paragraph; an article's section is longer
SENTENCE_MIN_WORDS = 6  # a summary's shortest sentence; a menu's items have no stop
_LIST_MARKS = ("-", "–", "—", "*", "+", "•", "·", "o ")  # the marks renderers print items with
HEAD = "listed_head"  # the labels of an item's lines until ``indented_teasers`` reads them
TEXT = "listed"


def headline_start(text: str) -> bool:
    """A line a headline could be: ``HEAD_MIN_WORDS`` words of letters at least, and not going
    on from the line above (its first letter no lower-case one)."""
    first = next((c for c in text if c.isalpha()), "")
    if first.islower():
        return False
    # (letters counted at C speed)
    return sum(1 for w in text.split() if sum(map(str.isalpha, w)) >= 2) >= HEAD_MIN_WORDS


def _item(lines: list[Line], i: int) -> int:
    """The end of the item whose headline is line ``i`` (``i`` where there is none): the
    headline, title-shaped, and the lines under it (at most ``HEAD_GAP`` blank lines between,
    none within the summary) that sit ``MIN_DEPTH`` columns deeper, a summary's worth of words
    in all."""
    head = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is None or nxt.n - head.n > HEAD_GAP + 1 or nxt.indent < head.indent + MIN_DEPTH:
        return i  # asked first: most lines have no deeper line right under them
    if (
        head.label
        or head.words > HEADLINE_MAX_WORDS
        or _is_sentence(head)
        or head.text.endswith((",", ";"))  # a wrapped line whose rest is under it
        or head.text.startswith(_LIST_MARKS)  # an item of a list of the article's
        or not headline_start(head.text)
    ):
        return i
    j, words = i + 1, 0
    while (
        j < len(lines)
        and (j == i + 1 or lines[j].n == lines[j - 1].n + 1)
        and lines[j].indent >= head.indent + MIN_DEPTH
        and not lines[j].label
    ):
        words += lines[j].words
        j += 1
    if j == i + 1 or not head.words < words <= TEXT_MAX_WORDS:
        return i
    if not any(_is_text(ln) for ln in lines[i + 1 : j]):
        return i  # a menu nested under a heading, an item a line: no summary
    # a summary opens as a sentence does; a line going on in lower case is the rest of the
    # headline's sentence (a paragraph whose first words a page set apart), and one opening
    # with a list's mark an item of a list nested in another
    text = lines[i + 1].text
    first = next((c for c in text if c.isalpha()), "")
    return j if first and not first.islower() and not text.startswith(_LIST_MARKS) else i


def _is_text(line: Line) -> bool:
    """A line of a summary: a sentence, or a long line of words."""
    return line.words >= BODY_MIN_WORDS or (
        line.words >= SENTENCE_MIN_WORDS and ends_sentence(line)
    )


def mark_indented_lists(lines: list[Line]) -> None:
    """Label the lines of every such list (see the module): each headline ``HEAD``, the
    summary under it ``TEXT``, before the body is looked for. A list starts only at a line
    with a deeper line right under it (``_item`` asks that first): the others are passed over
    at once, found in one pass over the page."""
    deeper = [
        k
        for k, (head, nxt) in enumerate(itertools.pairwise(lines))
        if nxt.n - head.n <= HEAD_GAP + 1 and nxt.indent >= head.indent + MIN_DEPTH
    ]
    i = 0
    while i < len(lines):
        at = bisect_left(deeper, i)
        if at == len(deeper):
            break
        i = deeper[at]
        items: list[tuple[int, int]] = []
        k = i
        while k < len(lines):
            end = _item(lines, k)
            if end == k or (items and lines[k].indent != lines[items[0][0]].indent):
                break
            items.append((k, end))
            if end >= len(lines) or lines[end].n - lines[end - 1].n > MAX_GAP + 1:
                break
            k = end
        if len(items) >= LIST_MIN_ITEMS:
            for a, b in items:
                lines[a].label = HEAD
                for ln in lines[a + 1 : b]:
                    ln.label = TEXT
            i = items[-1][1]
        else:
            i += 1


def indented_teasers(lines: list[Line]) -> list[Teaser]:
    """A teaser for each item ``mark_indented_lists`` labelled (its headline and summary), its
    lines then labelled ``teaser``."""
    teasers: list[Teaser] = []
    for i, ln in enumerate(lines):
        if ln.label != HEAD:
            continue
        j = i + 1
        while j < len(lines) and lines[j].label == TEXT:
            j += 1
        teasers.append(Teaser(ln.text, text=" ".join(x.text for x in lines[i + 1 : j])))
        for x in lines[i:j]:
            x.label = "teaser"
    return teasers
