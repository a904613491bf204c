"""The window a dump's headline is chosen in (the lines above the body, with what the scorer
reads of the page as a whole, worked out once a page) and the bounds of a line's score over it
(``headline.choose_headline_learned`` takes the lines from the highest bound down)."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from . import cues
from .headline_facts import TextFacts, bound_weights, slug_match, words_of
from .headline_parts import PartIndex
from .lines import (
    HEADLINE_MAX_WORDS,
    HEADLINE_MIN_WORDS,
    Line,
    _is_time_line,
    _norm,
    ends_sentence,
)
from .sitenames import _SLUG_WORD, slug_of

REPEAT_MIN_SHARE = 0.6  # a shortened or lengthened heading still repeats the title

HEADLINE_WINDOW = 400
_BODY_OPENING = 3  # body paragraphs whose words the headline's words are looked up in


def _title_parts(text: str) -> set[str]:
    """The normalised parts of a title bar ("Headline | Site" gives both and the whole)."""
    parts = [p for p in re.split(r"\s+[|–—:»-]\s+", text) if p]
    return {_norm(p) for p in parts if len(_norm(p)) >= 10} | {_norm(text)}


@dataclass(frozen=True, slots=True)
class _Window:
    """What ``headline_features`` reads of the page as a whole, computed once a page."""

    lo: int
    slug: frozenset[str]
    opening: set[str]
    norms: list[str]
    counts: Counter[str]
    bar: set[str]
    bar_text: str  # the title bar's parts a line each: a line no part holds is in none
    title_like_below: list[int]
    first: int
    credit: list[bool]
    parts: PartIndex


# a line in the scorer's heap: (minus its bound, its index, what its place adds, how far it is
# read: None its place, False its words too (``_words_bound``), else its text's facts)
Bounded = tuple[float, int, float, TextFacts | Literal[False] | None]

_LOG1P = [math.log1p(d) for d in range(HEADLINE_WINDOW)]  # of a line's distance to the body


def make_window(
    lines: list[Line], body_start: int, hints: frozenset[str], norms: list[str]
) -> _Window:
    """The window of ``lines`` above ``body_start``; ``norms``: each line's headline form
    (``headline.line_headline_norm``)."""
    lo = max(0, body_start - HEADLINE_WINDOW)
    counts = Counter(norms)
    # title-shaped lines from each line to the body start (a running count from the body up)
    shaped = [
        HEADLINE_MIN_WORDS <= ln.words <= HEADLINE_MAX_WORDS and ln.label in ("", "template")
        for ln in lines[lo:body_start]
    ]
    title_like_below = [*itertools.accumulate(reversed(shaped), initial=0)][::-1]
    # a byline or a time on each line from the one above the window to the body start
    first = max(0, lo - 1)
    bar = (
        _title_parts(lines[0].text)
        if lines and lines[0].words <= HEADLINE_MAX_WORDS + 10
        else set()
    )
    return _Window(
        lo=lo,
        slug=slug_of(hints),
        opening=words_of(
            " ".join(ln.text for ln in lines[body_start : body_start + _BODY_OPENING])
        ),
        norms=norms,
        counts=counts,
        bar=bar,
        bar_text="\n".join(bar),
        title_like_below=title_like_below,
        first=first,
        credit=[
            (ln.time if ln.time is not None else _is_time_line(ln))
            or (ln.text[:1] in cues.BYLINE_FIRST and cues.BYLINE.match(ln.text) is not None)
            for ln in lines[first:body_start]
        ],
        parts=PartIndex(lines, lo, body_start),
    )


# lines above a line read for a paragraph (``prose_above``): a deck or a subheading sits under
# one within a few lines; the headline, under the menus, has none (on half A of the metadata
# benchmark's dumps the scorer took a subheading of a text whose start was found too low, or a
# deck under a standfirst, on 63 of 372 pages it missed with the right line a candidate)
PROSE_ABOVE = 5


def prose_above(lines: list[Line], i: int) -> float:
    """1.0 where a paragraph's line (15 words or more, a stop at its end) stands within the
    ``PROSE_ABOVE`` lines above line ``i``, else 0.0."""
    return float(
        any(ln.words >= 15 and ends_sentence(ln) for ln in lines[max(0, i - PROSE_ABOVE) : i])
    )


def _in_title_bar(i: int, mine: str, bar: set[str]) -> bool:
    """Line ``i`` (normalised ``mine``) prints a part of the title bar, ``bar``, or the whole of
    it, at least ``REPEAT_MIN_SHARE`` of its length; the title bar's own line (0) never."""
    return (
        i > 0
        and bool(mine)
        and len(mine) >= 10
        and any(mine == p or (len(mine) >= REPEAT_MIN_SHARE * len(p) and mine in p) for p in bar)
    )


def _text_bound(place: float, f: TextFacts, w: _Window) -> float:
    """The most a line may score whose features of its place add up to ``place``
    (``_place_bounds``) and whose text's facts are ``f``: every feature read exactly but the
    neighbours' shapes and the glued parts (``headline_facts._EXACT``)."""
    wt, slack, _, _ = bound_weights()
    bound = place + slack + f.lean
    long_words = f.long_words
    if long_words:
        bound += wt["body_overlap"] * len(long_words & w.opening) / len(long_words)
    slug = w.slug
    if slug and (f.forms is None or not f.any_form.isdisjoint(slug)):
        cover, recall = slug_match(f, slug)
        bound += wt["slug_cover"] * cover + wt["slug_recall"] * recall
    return bound


def _words_bound(bound: float, raw: str, w: _Window) -> float:
    """The most a line of text ``raw`` may score whose place bound (``_place_bounds``: the
    features of its text at their most) is ``bound``, with its words read: how many of them the
    body's opening holds (exact), and, for an ASCII line, whether it holds a slug's word (none:
    the slug's features are 0). Most lines a place bound lets through end here, their other
    facts never worked out (``text_facts``)."""
    wt, _, _, slug_slack = bound_weights()
    text = raw.lstrip("#").strip()  # ``TextFacts.text``
    long_words = words_of(text)
    overlap = wt["body_overlap"]
    bound += overlap * len(long_words & w.opening) / len(long_words) if long_words else 0.0
    bound -= max(0.0, overlap)
    if w.slug and text.isascii() and w.slug.isdisjoint(_SLUG_WORD.findall(text.lower())):
        bound -= slug_slack  # (``slug_match``'s shortcut)
    return bound


def _place_bounds(lines: list[Line], body_start: int, w: _Window) -> list[Bounded]:
    """(minus the most line ``i`` may score, ``i``, what the features of its place add, ``None``)
    for each line of the window: a heap's items, the highest bound first. The features of a
    line's place (its distance to the body, its label, copies, what stands right around it, its
    word count, whether the title bar prints it) are read exactly; those of its text add the
    most they may."""
    wt, _, by_words, slug_slack = bound_weights()
    if w.slug:  # else the slug's features are 0
        by_words = [x + slug_slack for x in by_words]
    lo, norms, counts, first, credit = w.lo, w.norms, w.counts, w.first, w.credit
    bar, bar_text = w.bar, w.bar_text
    w_template, w_labelled, w_time = wt["template"], wt["labelled"], wt["time_line"]
    w_repeated, w_count, w_bar = wt["repeated"], wt["repeat_count"], wt["in_title_bar"]
    w_below, w_above, w_prose = wt["credit_below"], wt["credit_above"], wt["prose_below"]
    w_distance, w_between = wt["log_distance"], wt["title_lines_between"]
    title_like_below = w.title_like_below
    # a byline or a time within the three lines under each line (the body start ends the
    # list: the window's last lines have fewer under them), and right above it
    if body_start <= lo:
        return []
    pad = credit[lo + 1 - first :] + [False] * 3
    below = [a or b or c for a, b, c in zip(pad[:-2], pad[1:-1], pad[2:], strict=True)]
    above = (credit if lo > 0 else [False, *credit])[: body_start - lo]
    prose = [ln.words >= 15 for ln in lines[lo + 1 : body_start + 1]]
    prose += [False] * (body_start - lo - len(prose))  # no line under the last
    w_first, w_next = wt["first_line"], wt["body_next"]
    out: list[Bounded] = []
    for i, ln, mine, below_i, above_i, prose_i in zip(
        range(lo, body_start),
        lines[lo:body_start],
        norms[lo:body_start],
        below,
        above,
        prose,
        strict=True,
    ):
        place = (
            w_distance * _LOG1P[body_start - i - 1] + w_between * title_like_below[i + 1 - lo] / 10
        )
        if ln.label:
            place += w_template if ln.label == "template" else w_labelled
        if ln.time if ln.time is not None else _is_time_line(ln):
            place += w_time
        if mine:
            count = counts[mine]
            if count > 1:
                place += w_repeated + w_count * math.log(count)
            if len(mine) >= 10 and mine in bar_text and _in_title_bar(i, mine, bar):
                place += w_bar
        if i == 0:
            place += w_first
        if below_i:
            place += w_below
        if above_i:
            place += w_above
        if prose_i:
            place += w_prose
        if i + 1 == body_start:
            place += w_next
        out.append((-(place + by_words[min(ln.words, 31)]), i, place, None))
    return out
