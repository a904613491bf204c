"""What sits around the article's text in a dump: its credits (bylines, timestamps) above it,
other stories' teasers below it (each with its own time and headline), and the reason each line
that is not body went."""

from __future__ import annotations

import re
from datetime import datetime
from itertools import pairwise

from ..dates import RELATIVE_RE, find_datetimes, iso, parse_relative, to_datetime
from ..records import Removed, Teaser
from . import cues
from .body import TEXT_ABOVE, TIME_LINE_COST, is_running_text, text_sentences
from .indents import indented_teasers
from .lines import (
    HEADLINE_MAX_WORDS,
    Line,
    _holding,
    _is_byline,
    _is_name_line,
    _is_sentence,
    _is_time_line,
    _lowered,
    _title_like,
    ends_sentence,
)

_TEASER_LABELS = ("", "timestamp", "template")


def _teaser_time(line: Line, now: datetime | None) -> str | None:
    rel = parse_relative(line.text, now) if now else None
    if rel:
        return iso(rel)
    for _, dt in find_datetimes(line.text):
        return iso(dt)
    return None


def _teaser_from(item: list[Line], time_line: Line, now: datetime | None) -> Teaser | None:
    """One related-story item: a short source line, a headline, a text (any order of source
    and time around them)."""
    source = None
    headline = None
    text: list[str] = []
    for ln in item:
        if ln is time_line:
            continue
        if headline is None and ln.words <= 4 and not _is_sentence(ln):
            if any(c.isalpha() for c in ln.text):
                source = ln.text  # a bare number ("1", "2") is a rank, not a source
            continue
        if headline is None:
            headline = ln.text
        elif ln.words >= 4:
            text.append(ln.text)
    # "Kyodo | 1 day ago": the source shares the time line
    if source is None:
        rest = RELATIVE_RE.sub("", time_line.text).strip(" |·•-–—,")
        if rest and len(rest.split()) <= 4 and rest != time_line.text.strip():
            source = rest
    if not headline:
        return None
    return Teaser(
        headline=headline,
        outlet=source,
        published=_teaser_time(time_line, now),
        text=" ".join(text),
    )


def split_teasers(region: list[Line], fetched_at: str | None) -> list[Teaser]:
    """Teasers in the lines after the body, anchored on each item's time line (relative or
    absolute). Sites print the time before the headline or after the text; which one is read
    off the first item."""
    now = to_datetime(fetched_at)
    usable = [k for k, ln in enumerate(region) if ln.label in _TEASER_LABELS]
    anchors = [k for k in usable if _is_time_line(region[k]) and region[k].words <= 8]
    if not anchors:
        return []
    first = anchors[0]
    nxt = first + 1
    time_first = (
        nxt < len(region)
        and region[nxt].label in _TEASER_LABELS
        and (_title_like(region[nxt]) and not _is_time_line(region[nxt]))
    )
    teasers: list[Teaser] = []
    for idx, a in enumerate(anchors):
        if time_first:
            lo = (
                a - 1
                if a > 0 and region[a - 1].words <= 4 and not _is_sentence(region[a - 1])
                else a
            )
            hi = (anchors[idx + 1] - 1) if idx + 1 < len(anchors) else len(region)
            if hi > lo and idx + 1 < len(anchors) and not (region[anchors[idx + 1] - 1].words <= 4):
                hi = anchors[idx + 1]
        else:
            lo = anchors[idx - 1] + 1 if idx > 0 else max(0, a - 4)
            hi = a + 1
        item: list[Line] = []
        for ln in region[lo:hi]:
            if ln.label not in _TEASER_LABELS or (
                ln is not region[a] and cues.RELATED_HEADING.match(ln.text)
            ):
                if item:
                    break
                continue
            item.append(ln)
        teaser = _teaser_from(item, region[a], now)
        if teaser is None:
            continue
        teasers.append(teaser)
        for ln in item:
            if ln.label in ("", "timestamp"):
                ln.label = "teaser"
    return teasers


# --- cards: other stories laid out alike, each with its own time and a text ---------------------

CARD = "card"  # the label of a card's lines until ``card_teasers`` reads them
CARD_MIN_ITEMS = 2  # one item is no layout; two alike are
CARD_MAX_TEXT_LINES = 2  # a card's text is a paragraph or two; an article's is longer
CARD_MAX_OTHER_LINES = 6  # its source, time, headline lines (and a kicker or two)
CARD_TIME_MAX_WORDS = 8
CARD_SOURCE_MAX_WORDS = 4  # "Kestrel Bay Times"; a headline is longer
_CARD_LABELS = ("", "timestamp", "template")
_SOURCE_MARKS = " -–—|·•:"


def _card_class(ln: Line) -> str:
    """A line's part in a card: ``T`` its time, ``L`` its text, ``H`` a headline, ``S`` a short
    line (a source, a kicker), ``x`` a line no card holds (chrome already labelled)."""
    if ln.label not in _CARD_LABELS:
        return "x"
    if ln.words <= CARD_TIME_MAX_WORDS and _is_time_line(ln):
        return "T"
    if _is_sentence(ln) or ln.words > HEADLINE_MAX_WORDS:
        return "L"
    return "H" if ln.words > CARD_SOURCE_MAX_WORDS and _title_like(ln) else "S"


def _card_times(lines: list[Line]) -> int:
    """How many lines ``_card_class`` reads as a time (``T``), counted at the cost of a look
    at ``Line.time`` for most lines (``lines.scan_page`` knows most give none)."""
    return sum(
        1
        for ln in lines
        if ln.time is not False
        and ln.words <= CARD_TIME_MAX_WORDS
        and ln.label in _CARD_LABELS
        and _is_time_line(ln)
    )


def _segments(classes: list[str]) -> list[tuple[int, int]]:
    """``(first, end)`` of each stretch of lines that closes with a run of text lines: the
    lines of one item of a list whose items end with their text (a card, a comment)."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, c in enumerate(classes):
        if c == "x":
            start = i + 1
        elif c == "L" and (i + 1 == len(classes) or classes[i + 1] != "L"):
            out.append((start, i + 1))
            start = i + 1
    return out


def _shape(classes: list[str]) -> tuple[str, ...]:
    """A card's layout: the classes of its lines, its text counted once however many lines."""
    shape: list[str] = []
    for c in classes:
        if not (c == "L" and shape and shape[-1] == "L"):
            shape.append(c)
    return tuple(shape)


def _is_card(classes: list[str]) -> bool:
    texts = classes.count("L")
    return (
        classes.count("T") == 1
        and "H" in classes
        and 0 < texts <= CARD_MAX_TEXT_LINES
        and len(classes) - texts <= CARD_MAX_OTHER_LINES
    )


def card_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """``(first, end)`` of each card of a run of cards: items laid out alike (the same order of
    source, time, headline and text lines), two or more in a row, each with one time line, a
    headline and a paragraph or two of text ("Kestrel Bay Times / 11 hours ago / - Kestrel Bay
    Times / headline / a summary of several hundred words"). What makes them cards is the
    repeated layout, not their words: an article has one time line above many paragraphs, and
    a comment thread has no headlines. The first card may follow chrome that is not labelled
    (a menu, the site's name): it is cut to the layout of the cards after it."""
    if _card_times(lines) < CARD_MIN_ITEMS:
        return []  # each card has a time line of its own: fewer, no run of cards
    classes = [_card_class(ln) for ln in lines]
    segs = _segments(classes)
    shapes = [_shape(classes[a:b]) if _is_card(classes[a:b]) else None for a, b in segs]
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(segs):
        shape = shapes[k]
        j = k + 1
        while (
            shape is not None
            and j < len(segs)
            and shapes[j] == shape
            and segs[j][0] == segs[j - 1][1]
        ):
            j += 1
        if shape is not None and j - k >= CARD_MIN_ITEMS:
            run = list(segs[k:j])
            before = segs[k - 1] if k > 0 else None
            if before and before[1] == run[0][0]:
                # the card just before the run, behind the chrome that opens its stretch
                lead = len(shape) - 1  # its lines before the text, as in the run's layout
                a, b = before
                texts = [i for i in range(a, b) if classes[i] == "L"]
                first = texts[0] - lead if texts and len(texts) <= CARD_MAX_TEXT_LINES else -1
                if first >= a and _shape(classes[first:b]) == shape:
                    run.insert(0, (first, b))
            spans.extend(run)
            k = j
        else:
            k += 1
    return spans


def mark_cards(lines: list[Line]) -> None:
    """Label every line of every card (``card_spans``) ``card``, before the body is looked for,
    so that the cards' long summaries never join the article's text."""
    for a, b in card_spans(lines):
        for ln in lines[a:b]:
            ln.label = CARD


def card_teasers(lines: list[Line], fetched_at: str | None) -> list[Teaser]:
    """The teaser of each card ``mark_cards`` labelled: its source (the first short line, less
    the marks around it: "- Kestrel Bay Times"), time, headline and text; its lines are then
    labelled ``teaser``."""
    now = to_datetime(fetched_at)
    teasers: list[Teaser] = []
    for a, b in card_spans_of_label(lines):
        item = lines[a:b]
        kinds = [_card_class(Line(ln.n, ln.text, ln.words)) for ln in item]
        time_line = next(ln for ln, c in zip(item, kinds, strict=True) if c == "T")
        headline = next(ln.text for ln, c in zip(item, kinds, strict=True) if c == "H")
        source = next(
            (
                ln.text.strip(_SOURCE_MARKS)
                for ln, c in zip(item, kinds, strict=True)
                if c == "S" and any(ch.isalpha() for ch in ln.text)
            ),
            None,
        )
        text = " ".join(ln.text for ln, c in zip(item, kinds, strict=True) if c == "L")
        teasers.append(Teaser(headline, source, _teaser_time(time_line, now), text))
        for ln in item:
            ln.label = "teaser"
    return teasers + indented_teasers(lines)


def card_spans_of_label(lines: list[Line]) -> list[tuple[int, int]]:
    """The cards among the lines labelled ``card``, split as ``card_spans`` split them."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if lines[i].label != CARD:
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].label == CARD:
            j += 1
        block = [Line(ln.n, ln.text, ln.words) for ln in lines[i:j]]
        out.extend((i + a, i + b) for a, b in card_spans(block))
        i = j
    return out


# --- where the article's text ends: comments and dated lists below it ----------------------------

# A comment section's heading, printed under the article: the site asks for comments or says
# they are closed ("Have your say", "Comments are now closed", "Discuss this article").
COMMENT_HEADING = re.compile(
    r"^\W*(?:tell us what you think|discuss this\b|(?:article|reader'?s?'?|user) comments\b"
    r"|(?:add|post|leave|write|submit) (?:a |your )?(?:comment|reply)\b|\d+ comments?\b"
    r"|comments? (?:are (?:now )?closed|closed)\b|your (?:thoughts|views|comments)\b)"
    r"|\b(?:have your say|what do you think|comments? on this (?:story|article|post)"
    r"|(?:comments|feedback|discussion) (?:is|are) (?:now )?closed)\b",
    re.I,
)
# a word of each alternative of COMMENT_HEADING: a line without one is no such heading
COMMENT_HEADING_WORDS = ("think", "discuss", "comment", "reply", "your", "closed")
COMMENT_HEADING_MAX_WORDS = 12
DATED_ALIKE = 2  # dated lines opening the same way, each over text: a list of items
DATED_TEXT_REACH = 3  # lines from an item's dated line to its text


# a clock time, or a month and a number: enough to date an item's header, in forms the date
# reader need not resolve ("1:19pm Thu 17 Jan 08")
_DATEISH = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\.?(?!\w)"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.I,
)


_DIGIT = re.compile(r"\d")


def _dated_key(ln: Line) -> str | None:
    """How a short dated line opens ("posted", "comment", "january"), or None for a line that
    is no item's header (no time, a sentence, a long line, a row of a list or table, a line
    opening with a mark: "— Name (@handle) November 18, 2019" closes an embedded post)."""
    if ln.label not in ("", "comment", "timestamp") or ln.row or _is_sentence(ln) or ln.words > 20:
        return None
    # every form _DATEISH reads has a digit; most lines have none
    if not ((_DIGIT.search(ln.text) and _DATEISH.search(ln.text)) or _is_time_line(ln)):
        return None
    first = ln.text.split()[0].lower().strip(":,.")
    return first if first.isalpha() else None


# A comment signed under its text, as some sites print their readers' comments: a name, a
# comma and a place ("Jo Bloggs, Leeds, UK"), no time. A short line of a few words (an
# article's paragraphs are never signed so) with a comma after the first name
SIGNATURE_MAX_WORDS = 8
_SIGNATURE = re.compile(r"^[^\W\d_][^,.!?:;|]*,\s*[^\W\d_]")
# signatures in a row each under text of its own: a thread (one such line under a paragraph
# is an article's quote or caption, "Jo Bloggs, a farmer"). Chosen on half A of L3S-GN1 between
# 2 and 3: without FORM_REACH, 2 cut the text of five more pages (body F1 0.0006-0.0018 lower
# on five renderers); with it, 2 took one more thread (resiliparse's comment leak 0.032 ->
# 0.001) and changed no other page of half A
SIGNED_ALIKE = 2
# lines from a thread's last signature to the comment form's heading under it ("Have your
# say", "Post a comment"): a thread of readers' comments closes with the form to add one,
# where readers' letters that an article prints, signed alike, do not
FORM_REACH = 3


def _signature(ln: Line) -> bool:
    """A line that may sign a comment: a name, a comma, a place; no sentence, no row."""
    return (
        ln.label == ""
        and ln.words >= 2
        and not ln.row
        and not ends_sentence(ln)
        and _SIGNATURE.match(ln.text) is not None
    )


def _comment_text(between: list[Line]) -> bool:
    """The lines between two signatures a comment's text (a comment may be three words):
    some, and none that sets them apart (a labelled line, a heading, a dated line: a byline
    signing the article and a reader's signature under the comments are no thread)."""
    return bool(between) and all(not x.label and x.weight > -TIME_LINE_COST for x in between)


def _signed_thread(lines: list[Line], signed: list[int]) -> int | None:
    """The first line of a thread of comments each signed under its text (``signed``: the
    signature lines, in order): ``SIGNED_ALIKE`` or more signatures in a row, the first right
    under a line of text (the first comment), each other one under a comment's text
    (``_comment_text``), the last with the comment form's heading under it (``FORM_REACH``).
    The first comment's text is as many lines as the shortest other comment's (at least
    one), so that the article's text right above it is not taken for it. Each signature of
    the thread then weighs as a time line (a block holding several is a thread,
    ``body._main_cluster``); ``None`` for no thread."""
    j = 0
    while j < len(signed):
        first, k = signed[j], j + 1
        while k < len(signed) and _comment_text(lines[signed[k - 1] + 1 : signed[k]]):
            k += 1
        run, last = signed[j:k], signed[k - 1]
        j = k
        if len(run) < SIGNED_ALIKE or not (first > 0 and is_running_text(lines[first - 1])):
            continue
        if not any(ln.label == "comment" for ln in lines[last + 1 : last + 1 + FORM_REACH]):
            continue
        top = first - 1
        reach = max(1, min(b - a - 1 for a, b in pairwise(run)))
        while top - 1 >= 0 and first - top < reach and is_running_text(lines[top - 1]):
            top -= 1
        for i in run:
            lines[i].weight = min(lines[i].weight, -TIME_LINE_COST)
        return top
    return None


def comment_stops(lines: list[Line]) -> set[int]:
    """Lines the article's text never runs across, below its first sentences: a comment
    section's heading (labelled ``comment``), and the first of a list's dated headers (two or
    more dated lines opening alike, each followed by sentences of its own before the next:
    comments, posts), whose headers then weigh as time lines. Only the first is a stop: a stop
    at every header leaves each long comment a block of its own, heavier than a short article
    (a blog's open thread). An article carries its time above its text, not between its
    paragraphs; a list of teasers (a time and a title each) or of dates (a tour) has no
    sentences between its items. Comments signed under their text with no time (a name and a
    place each) open at their first comment (``_signed_thread``)."""
    stops: set[int] = set()
    sentences = 0
    seen: dict[str, list[int]] = {}
    signed: list[int] = []
    # the short lines that hold a word of COMMENT_HEADING (``cues.holds_word``), found for the
    # page in one lowered text: most lines hold none, and are not searched
    short = [i for i, ln in enumerate(lines) if ln.words <= COMMENT_HEADING_MAX_WORDS]
    worded = _holding(COMMENT_HEADING_WORDS, *_lowered(lines, short), short) if short else set()
    for i, ln in enumerate(lines):
        if sentences < TEXT_ABOVE:
            sentences += text_sentences(ln)
            continue
        if (
            ln.label in ("", "comment")
            and ln.words <= COMMENT_HEADING_MAX_WORDS
            and (ln.label == "comment" or (i in worded and COMMENT_HEADING.search(ln.text)))
        ):
            ln.label = "comment"
            stops.add(i)
            continue
        # (what _dated_key asks first, asked before the call: most lines are longer)
        key = _dated_key(ln) if ln.words <= 20 else None
        if key is not None:
            seen.setdefault(key, []).append(i)
        elif ln.words <= SIGNATURE_MAX_WORDS and _signature(ln):
            signed.append(i)
    thread = _signed_thread(lines, signed)
    if thread is not None:
        stops.add(thread)
    for idx in seen.values():
        # items with text: sentences between each header and the next (the last: just under it)
        ends = [*idx[1:], min(len(lines), idx[-1] + 1 + DATED_TEXT_REACH)]
        texts = [
            any(_is_sentence(x) for x in lines[a + 1 : b]) for a, b in zip(idx, ends, strict=True)
        ]
        if sum(texts) >= DATED_ALIKE and texts[0]:
            stops.add(idx[0])
            for i in idx:
                # each header weighs as a time line: a block holding several is a thread
                # (``body._main_cluster``), never heavier than the article for its length
                lines[i].weight = min(lines[i].weight, -TIME_LINE_COST)
    return stops


def credit_lines(lines: list[Line], body_start: int, head_n: int) -> tuple[list[str], list[str]]:
    """The byline and time lines above the body (each labelled): ``head_n`` is the headline's
    line number (-1 for none); the lines below it carry the article's own credits."""
    byline_lines: list[str] = []
    time_lines: list[str] = []
    for k, ln in enumerate(lines[:body_start]):
        if ln.label not in ("", "template"):
            continue
        if ln.label == "" and _is_byline(ln):
            ln.label = "byline"
            byline_lines.append(ln.text)
            time_lines.append(ln.text)
        elif _is_time_line(ln):
            # timestamps of an outlet look alike on every page and may be learnt as template;
            # their times are still this page's
            time_lines.append(ln.text)
            if ln.label == "":
                ln.label = "timestamp"
                if ln.n > head_n >= 0:
                    byline_lines.append(ln.text)  # bylines glued to their timestamps
        elif ln.label == "" and ln.n > head_n >= 0 and _is_name_line(lines, k, body_start):
            ln.label = "byline"
            byline_lines.append(ln.text)
    return byline_lines, time_lines


def removed_lines(lines: list[Line], body_end: int) -> list[Removed]:
    """Every line that is not body, with the reason it went: its label, else where it stood."""
    removed: list[Removed] = []
    for i, ln in enumerate(lines):
        if ln.label == "body":
            continue
        reason = ln.label
        if not reason:
            stop = ln.stop  # ``ends_sentence``, known for most lines
            if ln.words <= 5 and not (ends_sentence(ln) if stop is None else stop):
                reason = "navigation"
            elif i > body_end:
                reason = "after_body"
            else:
                reason = "before_body"
        removed.append(Removed(ln.text, reason, ln.n))
    return removed
