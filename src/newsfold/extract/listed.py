"""Other stories listed under the article's text with no time line: a headline over one summary
paragraph each (``list_teasers``), the items one under another, a few short lines between them
or none (an image, a rule, a "More »" link, a box's name)."""

from __future__ import annotations

from ..records import Teaser
from .around import _card_class
from .body import RELATED_HEADING_COST, RESUME_LINES, _is_prose
from .glued import glued
from .indents import headline_start
from .lines import BODY_MIN_WORDS, Line, _is_sentence

TEASER_LIST_MIN_ITEMS = 2  # one headline over a paragraph is a subheading; two in a row a list
# a teaser's summary is a paragraph of at most this many words; an article's section under its
# subheading may be longer. Chosen on half A (40, 60, 100: 100 kept AEB's html_text and lynx
# dumps 0.005 higher, L3S-GN1 the same)
TEASER_TEXT_MAX_WORDS = 100
# short lines (no paragraph) that may stand between an item's headline and its summary, and
# between two items: an image's name, a rule, a "More »" link under each summary, the name of
# the box the next item opens. A box of other stories sets each item off so; an article's
# sections follow one another. Chosen on half A of L3S-GN1 among 2, 3 and 4 (2 lost lynx
# 0.0004; 4 gained html2text 0.0001 over 3, the smaller taken)
TEASER_GAP_LINES = 3
# ... and the summaries of a list whose items are set apart so are a teaser's, a sentence or
# two: a press release's closing sections ("About the company" over its profile, a link
# under it) are longer. Chosen on half A of L3S-GN1 among 35, 50, 70 and 100 (50 and 70 the
# same; 100 lost lxml_lines 0.0008 on press releases, 35 w3m 0.0001)
LOOSE_TEXT_MAX_WORDS = 50

# lines of chrome (a form, a share bar, a box's name) between the article's text and a run of
# other stories' cards the span reached across them (``_tail_cards``): more than a line or
# two of chrome, which a paragraph's own furniture may be. Not tuned (half A of L3S-GN1 has no
# such cards); at 3 no page of half A moved (page_diff, every renderer)
TAIL_GAP_LINES = 3

_Item = tuple[int, int]  # (headline, summary) line numbers


def _opens_box(ln: Line) -> bool:
    """A related-stories heading over a box; the same words ending in an arrow ("More Harbour
    News »") are the link under a box to more of its section, which closes the box (the next
    box may follow) rather than opening one."""
    return ln.label == "related_heading" and not ln.text.endswith(("»", ">"))


def _summary(lines: list[Line], classes: list[str], t: int) -> bool:
    """Line ``t`` a summary: a paragraph, or a line of text cut short ("... Full story"), of at
    most ``TEASER_TEXT_MAX_WORDS`` words."""
    c, words = classes[t], lines[t].words
    if lines[t].row:
        return False  # a row of a table or list of the article's (``tables._as_rows``)
    return (c == "L" or (c == "H" and words >= BODY_MIN_WORDS)) and words <= TEASER_TEXT_MAX_WORDS


def _teaser(lines: list[Line], classes: list[str], t: int) -> bool:
    """Summary ``t`` a teaser's, what an item set apart from its headline or from the item
    above must have: short, and running text (a line without a stop that is no running text
    is a bar of links)."""
    ln = lines[t]
    return ln.words <= LOOSE_TEXT_MAX_WORDS and (classes[t] == "L" or _is_prose(ln.text))


def _head(lines: list[Line], classes: list[str], t: int, lo: int) -> int | None:
    """The headline of summary ``t``: the nearest line above it (not above ``lo``) that may
    start a headline, with at most ``TEASER_GAP_LINES`` short lines between them (none of
    them a paragraph or a headline's start), shorter than the summary."""
    for h in range(t - 1, max(lo, t - 1 - TEASER_GAP_LINES) - 1, -1):
        if classes[h] in "HS" and headline_start(lines[h].text):
            return h if lines[h].words < lines[t].words else None
        if classes[h] not in "HSx" or lines[h].words >= BODY_MIN_WORDS:
            return None  # a paragraph, or a line of text: the summary goes on from it
        if _opens_box(lines[h]):
            return None  # a box opens under its heading: the lines above it are no item's
    return None


def _chains(lines: list[Line], classes: list[str], start: int) -> list[list[_Item]]:
    """Runs of items from line ``start`` down: each item a headline over one summary, the next
    item's headline right under the summary, or at most ``TEASER_GAP_LINES`` lines under it
    (chrome aside) where both summaries are a teaser's (``LOOSE_TEXT_MAX_WORDS``)."""
    chains: list[list[_Item]] = []
    last = start - 1  # the last paragraph or summary seen
    for t in range(start, len(lines)):
        summary = _summary(lines, classes, t)
        if classes[t] != "L" and not summary:
            continue
        h = _head(lines, classes, t, last + 1) if summary else None
        if h is not None and t - h > 1 and not _teaser(lines, classes, t):
            h = None  # set apart from its headline: a teaser's
        if h is None and classes[t] != "L":
            continue  # a long line of no item (the headline of the next, say)
        if h is None:
            chains.append([])  # a paragraph of the text: no item, and the run before it ends
            last = t
            continue
        between = range(last + 1, h)
        gap = sum(classes[k] != "x" for k in between)
        if any(
            (classes[k] != "x" and lines[k].words >= BODY_MIN_WORDS) or _opens_box(lines[k])
            for k in between
        ):
            # a line of text between: the items are no list's; a related-content heading:
            # the item above it is the article's (a section under its subheading)
            gap = TEASER_GAP_LINES + 1
        near = gap == 0 or (
            gap <= TEASER_GAP_LINES and _teaser(lines, classes, t) and _teaser(lines, classes, last)
        )
        if chains and chains[-1] and near:
            chains[-1].append((h, t))
        else:
            chains.append([(h, t)])
        last = t
    return [c for c in chains if c]


def list_teasers(lines: list[Line], body_start: int, body_end: int) -> tuple[int, list[Teaser]]:
    """A list of other stories closing the body's span: where it starts (``body_end + 1``
    where there is none), and its items as teasers (their lines labelled ``teaser``). Such a
    list is two or more items in a row at the span's end (``_chains``), going on below it or
    not, set off from the article's text by a line of something else (a form, a heading,
    chrome). An article's subheading sits right under its paragraph, or has paragraphs under
    it; a list of other stories has one summary an item and no time line (the cards of
    ``card_spans`` have one)."""
    none: tuple[int, list[Teaser]] = (body_end + 1, [])
    _boxes_inside(lines, body_start, body_end)
    headed = _headed_list(lines, body_start, body_end) or _tail_cards(lines, body_start, body_end)
    if headed is not None:
        return headed
    # read from the span's first line down only: the lines above it are never asked
    classes = [""] * body_start + [_card_class(ln) for ln in lines[body_start:]]
    for chain in _chains(lines, classes, body_start):
        first = chain[0][0]
        if first > body_end:
            # under the span: the list a related-stories heading that closed the text opens
            if _under_heading(lines, chain, body_end):
                return body_end + 1, _teasers(lines, chain)
            break
        inside = [t for _, t in chain if t <= body_end]
        # the chain holds the span's last paragraphs: none of the text's below its first item
        if any(classes[t] == "L" and t not in inside for t in range(first + 1, body_end + 1)):
            continue
        before = classes[body_start:first]
        if (
            len(chain) < TEASER_LIST_MIN_ITEMS
            or not before
            or before[-1] == "L"
            or lines[first - 1].words >= BODY_MIN_WORDS  # text without a stop
            or "L" not in before
        ):
            return none
        return first, _teasers(lines, chain)
    return none


def _teasers(lines: list[Line], chain: list[_Item]) -> list[Teaser]:
    """The items of ``chain`` as teasers, their lines labelled ``teaser``."""
    teasers: list[Teaser] = []
    for h, t in chain:
        teasers.append(Teaser(lines[h].text, text=lines[t].text))
        lines[h].label = lines[t].label = "teaser"
    return teasers


def _under_heading(lines: list[Line], chain: list[_Item], body_end: int) -> bool:
    """Whether ``chain``, below the span, is the list of other stories under the heading that
    ends the text: two or more items, the first at most ``TEASER_GAP_LINES`` lines under a
    related-stories heading, with only chrome (no line of text) between the span and it."""
    first = chain[0][0]
    heading = next((g for g in range(first - 1, body_end, -1) if _opens_box(lines[g])), None)
    return (
        len(chain) >= TEASER_LIST_MIN_ITEMS
        and heading is not None
        and first - heading <= TEASER_GAP_LINES + 1
        and all(ln.label or ln.weight <= 0 for ln in lines[body_end + 1 : first])
    )


def _headed_list(
    lines: list[Line], body_start: int, body_end: int
) -> tuple[int, list[Teaser]] | None:
    """A box of other stories the text ran into under a related-stories heading (one that no
    text resumes below, ``short_boxes._weigh_short_boxes``), where each story is one line, its
    headline and the start of its summary run together and cut short, as a box of
    headlines with summaries is dumped without line breaks (lynx): a paragraph of the text
    ends with a stop, a summary cut short does not; where the summaries end with theirs, most
    lines show where the headline ends and the summary starts (``glued.glued``). Two or more
    such lines from the heading to the span's end, text above the heading: where the list
    starts, and its teasers."""
    for h in range(body_start + 1, body_end):
        head = lines[h]
        if not _opens_box(head) or head.weight > -RELATED_HEADING_COST:
            continue
        items = [ln for ln in lines[h + 1 : body_end + 1] if not ln.label and ln.weight > 0]
        if (
            len(items) < TEASER_LIST_MIN_ITEMS
            or any(ln.words > TEASER_TEXT_MAX_WORDS for ln in items)
            or not any(not ln.label and ln.weight > 0 for ln in lines[body_start:h])
        ):
            return None
        if any(ln.stop for ln in items) and 2 * sum(map(glued, items)) <= len(items):
            return None  # paragraphs: the text goes on under the heading
        for ln in items:
            ln.label = "teaser"
        return h, [Teaser(ln.text) for ln in items]
    return None


def _cut_short(ln: Line) -> bool:
    """A card's line: its headline glued to its summary (``glued.glued``), or a summary cut
    short with an ellipsis, as a teaser's is and a paragraph of the text never is."""
    return glued(ln) or ln.text.rstrip().endswith(("...", "…"))


def _tail_cards(
    lines: list[Line], body_start: int, body_end: int
) -> tuple[int, list[Teaser]] | None:
    """Cards of other stories the span reached across a stretch of chrome below the text, with
    no heading over them: at the span's end, two or more lines of text (each a card, its
    headline and summary on one line, at most ``TEASER_TEXT_MAX_WORDS`` words), half of them
    or more cut short or glued (``_cut_short``), under at least ``TAIL_GAP_LINES`` lines of
    chrome, text above those. Where they start, and their teasers."""
    start = body_end
    while start > body_start and not lines[start - 1].label and lines[start - 1].weight > 0:
        start -= 1
    items = lines[start : body_end + 1]
    gap = start
    while gap > body_start and lines[gap - 1].weight <= 0:
        gap -= 1
    if (
        len(items) < TEASER_LIST_MIN_ITEMS
        or any(ln.label or ln.weight <= 0 or ln.words > TEASER_TEXT_MAX_WORDS for ln in items)
        or start - gap < TAIL_GAP_LINES
        or gap <= body_start
        or 2 * sum(map(_cut_short, items)) < len(items)
    ):
        return None
    for ln in items:
        ln.label = "teaser"
    return start, [Teaser(ln.text) for ln in items]


def _boxes_inside(lines: list[Line], body_start: int, body_end: int) -> None:
    """A box of other stories the span runs across, a related-stories heading over it and the
    text resuming below it (``RESUME_LINES`` sentences in a row, as ``short_boxes._weigh_short_boxes``
    reads a short box, but of any length): its lines are links to other stories, never the
    article's text, though a line among them reads as a sentence ("A look at the life of ...")."""
    h = body_start + 1
    while h < body_end:
        if not _opens_box(lines[h]) or not any(ln.weight > 0 for ln in lines[body_start:h]):
            h += 1
            continue
        k = h + 1
        while k <= body_end and not all(
            _is_sentence(x) and not glued(x) for x in lines[k : k + RESUME_LINES]
        ):
            k += 1
        if k <= body_end:
            for item in lines[h + 1 : k]:
                if not item.label and item.weight > 0:
                    item.label, item.weight = "inline_link", min(item.weight, -4.0)
        h = k
