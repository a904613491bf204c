"""The byline of a page dump, chosen among the name-shaped spans of its lines by a learned scorer.

A dump prints its byline in many shapes: "By Jane Doe" on its own line, "Jane Doe | Reporter",
a name glued to the date ("Jane Doe 06 PM | 18 Mai", "26. September 2019 Jane Doe Schreibe einen
Kommentar"), "Von" on one line and the name on the next (every text node on its own line), an
author box under the text ("Jane Doe" above "Jane Doe is a reporter ..."). Hand cues tuned to one
of these break the others, so each line is read for spans of one to four capitalised words (name
particles inside, several names joined by commas or "and"), and each span is described by
layout-free features: the cue before it, how much else its line holds, dates on or beside it,
where it stands against the headline and the body, how often the page prints it, whether its
words are ordinary words elsewhere on the page. A logistic model trained by
``benchmarks/train_byline.py`` on one site half of the metadata benchmark's dumps (every
renderer) scores the spans; the best one is the byline where its score clears the model's
threshold, chosen on the training half. The weights live in ``data/byline_model.json``.

The spans are found by ``byline_spans.py``. A dump that puts every text node on its own line
prints "Von" and the name, or two names and their "und", on lines of their own: a line under one
that ends with a cue is read joined with that cue and the names printed under it
(``byline_spans.joined_spans``), and three features give the facts of the lines around a
name's line (a cue ending the line above, a time two lines off, the headline just under it).

A page is not read span by span: the facts of its lines are found in a few passes over its
text (``byline_page.py``) and its lines' shared features from them (``byline_facts.py``),
each line's highest possible score follows from them
(``line_bounds``), and ``choose_byline`` reads only the lines that may hold a span beating the
best one found and clearing the threshold, from the highest bound down: the same choice as
scoring every span (``byline_features``, what the model is trained on), at the cost of a few
lines a page.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import operator
from importlib import resources

import numpy as np

from . import cues
from .byline_facts import LINE_FEATURES, Layout, indicator, line_facts
from .byline_names import (
    family_share,
    first_given_locales,
    given_first,
    is_given_name,
    several_given,
)
from .byline_page import LINE_MAX_WORDS, PageText, unglued
from .byline_spans import (
    _INITIAL,
    _WORDS,
    NAME_MAX_WORDS,
    Span,
    joined_spans,
    spans,
    word_count,
)
from .lines import Line

_NOT_THIS_PAGE = frozenset({"card", "signoff"})  # labels of lines (``around``, ``text``)
REPEATS_MAX = 4  # a name printed this often is printed as often as a byline gets (byline, box, bio)
# log(repeats) for 0 (a name printed otherwise than on its line, counted once) to REPEATS_MAX
_LOG_REPEATS = [0.0, *(math.log(k) for k in range(1, REPEATS_MAX + 1))]


FEATURES: tuple[str, ...] = (
    "bias",
    "cue",  # "by", "von", ... right before the name
    "label",  # "Author:", "Text:", "Posted" within the two words before it
    "cue_line_above",  # the line above is only a cue or a label ("Von", "Geschrieben von")
    "alone",  # the name is all its line holds, but for cues, labels, dates and separators
    "rest_words",  # log(1 + the line's other words, cues, labels and dates left out)
    "line_start",  # only cues, labels, dates and separators stand before it on its line
    "label_after",  # a label right after it ("Jane Doe Autor")
    "cut",  # the first words of a longer run of capitalised words
    "date_on_line",
    "time_beside",  # the line above or below gives a time
    "one_word",
    "three_plus_words",
    "several_names",
    "lower_case",  # a user name in lower case after a cue ("von uriebe")
    "ordinary_words",  # share of its words that the page also prints in lower case
    "in_headline",  # share of its words in the headline
    "site_name",  # share of its words in the site's names (``headline.site_hints``)
    "log_repeats",  # log of how many lines print it
    "below_headline",  # within NEAR_HEADLINE lines under the headline
    "above_headline",
    "before_body",  # between the headline (or the top) and the body
    "in_body",
    "after_body",  # within AFTER_BODY lines under the body
    "labelled",  # its line is chrome the classifier labelled (template, menu, comment, ...)
    "comment",  # its line is labelled a comment
    "rule_byline",  # its line is a byline by ``lines._is_byline``
    "bio_below",  # the next line is prose that opens with the name: an author box
    "copyright",  # © or (c) on its line
    "sentence",  # its line ends with a stop
    "all_caps",
    "credit_line",  # its line is one the credit pass took for a byline (``around.credit_lines``)
    "initial",  # it holds an initial ("Michael L. Anderson"), a mark of a person's name
    "title_case",  # each of its words a capital and then lower-case letters only
    "given_name",  # its first word is a person's given name (``byline_names``)
    # a dump that puts every text node on its own line splits "By Jane Doe | May 5" into lines:
    # the facts of the lines around the name, read as one line with it
    "cue_end_above",  # the line above ends with a cue ("Ein Film von", "Posted by")
    "time_near",  # the second line above or below gives a time ("Jane Doe", "|", "May 5")
    "just_above_headline",  # within ABOVE_HEADLINE lines over the headline
    # a name of two words or more alone on its line between the headline and the body, the
    # byline many outlets print with no cue: the features above only add up, and "alone" is as
    # common in menus and headings as under a headline
    "alone_under_headline",
    # several names right after a cue ("Von Jane Doe und John Roe"): ``several_names`` alone
    # is mostly a menu's or a list's capitalised items; chosen on half A (same bylines right
    # within a page, fewer bylines given on pages that have none)
    "cue_names",
    # a picture's credit on the line ("Foto: Jane Doe", "© Jane Doe / Agency", "Getty Images"):
    # the commonest false byline of half A's pages without one, printed as a byline is
    "photo_line",
    # a word closed by a colon right before the name ("Interview: Jane Doe"): a role, as the
    # labels are, in words no list holds ("Lage: Google Maps" too, so a weight of its own)
    "colon_before",
    # its last word is printed in the text's prose: a name the story speaks of (a minister, an
    # actor), where its author's name is seldom in the text but for an author box
    "in_prose",
    # the share of its several names that open with a given name ("Jane Doe; John Roe"):
    # ``several_names`` alone is mostly a menu's items, whose words are no given names
    "several_given",
    # a picture's credit word or "©" within the three tokens before it ("Foto: Jane Doe",
    # "© Agency | Jane Doe"): a name the picture is credited to; ``photo_line`` holds for the
    # whole line, where a byline and a picture's credit often share one ("By Jane Doe | Photo:
    # John Roe"), and so weighed little (half A's false bylines: "Foto: ..." under headlines)
    "credited",
    # the line under it is only a label ("Jane Doe" / "Autor"): a dump that puts every text
    # node on its own line splits "Jane Doe Autor" (``label_after``) as it splits "Von" / "Jane
    # Doe" (``cue_line_above``)
    "label_line_below",
    # one of the two lines over it is an author box's heading ("About the author", labelled
    # ``author_bio``): the name of the box, printed under the text where no byline is above it
    "author_box_above",
    # how widely its first name's given name is one (``byline_names.given_locales``): a word of
    # one locale's table ("Red", "Press", "Beste") opens half A's headings that won as bylines
    "given_locales",
    # the share of its names that end with a family name of the tables ("Jane Doe"): a
    # heading's second word ("Center", "Installation") is none
    "family_name",
)


def _line_spans(
    page: PageText, layout: Layout, facts: list[float], i: int
) -> list[tuple[Span, list[float]]]:
    """Every span of line ``i`` with its feature vector in ``FEATURES`` order (none on a card,
    a sign-off or a line of more than LINE_MAX_WORDS words); ``facts``: the line's row of
    ``line_facts``."""
    lines = page.lines
    ln = lines[i]
    # another story's card, and a wire's sign-off under the text ("Reporting by ..."), name
    # no author of this page (the examples' expectations)
    if ln.words > LINE_MAX_WORDS or ln.label in _NOT_THIS_PAGE or cues.SIGNOFF.match(ln.text):
        return []
    found = spans(lines, i) if i not in page.cue_below else joined_spans(lines, i)
    if not found:
        return []
    cue_above, dated, time_beside, *position = facts[:8]
    labelled, comment, rule, copyright, sentence, credit = facts[8:14]
    joined = facts[14:17]  # the facts of the lines around it (``cue_end_above``, ...)
    photo, label_below, box_above = facts[17:20]
    below = lines[i + 1] if i + 1 < len(lines) else None
    # a note under the line that may open with the name: an author box
    note = below.text.lower() if below is not None and below.words >= 12 else None
    headline_words, site_words = layout.headline_words, layout.site_words
    out: list[tuple[Span, list[float]]] = []
    for s in found:
        raw = _WORDS.findall(s.text)
        if not raw:
            continue
        words = [w.lower() for w in raw]
        n = len(words)
        features = [
            1.0,
            float(s.cue),
            float(s.label or (cue_above > 0 and not s.cue)),
            cue_above,
            float(s.rest == 0),
            math.log1p(s.rest),
            float(s.line_start),
            float(s.label_after),
            float(s.cut),
            dated,
            time_beside,
            float(s.words == 1),
            float(s.words >= 3),
            float(s.names > 1),
            float(s.lower),
            sum(map(page.prints_lower, words)) / n,
            sum(map(headline_words.__contains__, words)) / n,
            sum(map(site_words.__contains__, words)) / n,
            _LOG_REPEATS[min(page.repeats(s.text), REPEATS_MAX)],
            *position,
            labelled,
            comment,
            rule,
            float(note is not None and note.startswith(s.text.lower())),
            copyright,
            sentence,
            float(s.all_caps),
            credit,
            float("." in s.text and any(map(_INITIAL.match, s.text.replace(",", " ").split()))),
            float(all(w[1:].islower() for w in raw if len(w) > 1)),
            float(given_first(s.text)),
            *joined,
            float(s.rest == 0 and s.words > 1 and position[0] > 0 and position[2] > 0),
            float(s.cue and s.names > 1),
            photo,
            float(s.colon),
            float(page.in_prose(raw[-1])),
            several_given(s.text) if s.names > 1 else 0.0,
            float(s.credited),
            label_below,
            box_above,
            first_given_locales(s.text),
            family_share(s.text),
        ]
        out.append((s, features))
    return out


def byline_features(lines: list[Line], layout: Layout) -> list[tuple[Span, list[float]]]:
    """Every span of the page with its feature vector in ``FEATURES`` order: what the model is
    trained on (``choose_byline`` reads only the lines whose spans may win)."""
    page = PageText(lines, layout.site_words)
    facts = line_facts(page, layout).tolist()
    return [f for i in range(len(lines)) for f in _line_spans(page, layout, facts[i], i)]


def line_bounds(page: PageText, layout: Layout, facts: np.ndarray) -> np.ndarray:
    """Each line's highest possible score of a span on it (-inf where it can hold none): the
    line's own features (``facts``) as they are, and each feature of a span at its value most
    in its favour that the line's facts allow (a cue before the name only on a line that holds
    a cue word, a site's word only on a line that holds one, ...). A line whose bound is under
    the threshold, or under the score of a span found, holds no span the model would choose."""
    lines, n = page.lines, len(page.lines)
    own, most, cue, label, after, site, initial, bio, rest, colon = _bound_weights()
    bound = facts @ own + most
    # ``alone_under_headline`` only on a line near under the headline and above the body
    bound += _under_headline(facts) * _positive_weight("alone_under_headline")
    cued = indicator(page.cue | page.cue_below, n)
    # a line read with the cue above it and the names under it (``joined_spans``): its spans
    # may hold those lines' words, a label after them, a site's word or an initial among them
    below = indicator(page.cue_below, n)
    labelled = np.maximum(indicator(page.label, n), below)
    bound += cued * cue + np.maximum(labelled, facts[:, 0]) * label + labelled * after
    bound += np.maximum(indicator(page.site, n), below) * site
    bound += np.maximum(indicator(page.initial, n), below) * initial
    bound += indicator(page.colon, n) * colon  # a colon on the line: ``colon_before``
    # a picture's word or "©" on the line: ``credited`` (``byline_spans._credited``)
    bound += indicator(page.photo | page.copyright, n) * _positive_weight("credited")
    words = page.words
    bound[:-1] += (words[1:] >= 12) * bio
    if rest > 0:  # a span's other words on its line: at most the line's characters
        bound += np.log1p([len(ln.text) for ln in lines]) * rest
    shown = words <= LINE_MAX_WORDS
    shown &= np.fromiter((ln.label not in _NOT_THIS_PAGE for ln in lines), bool, n)
    return np.where(shown, bound, -np.inf)


@functools.cache
def _bound_weights() -> tuple[
    np.ndarray, float, float, float, float, float, float, float, float, float
]:
    """The model's weights as ``line_bounds`` adds them: the line's own features', the most
    the features that any span may have add (the bias, the span's shape and words, its repeats
    at REPEATS_MAX), and each feature of a span that a fact of its line allows, where positive:
    a cue (and a user name, or several names, after it), a label (or a cue line above), a label after the name, a
    site's word, an initial, a note below that opens with the name, the line's other words."""
    weights = dict(zip(FEATURES, _model()[0], strict=True))
    pos = {name: max(0.0, w) for name, w in weights.items()}
    anywhere: tuple[str, ...] = (
        "alone",
        "line_start",
        "cut",
        "one_word",
        "three_plus_words",
    )
    anywhere += ("ordinary_words", "in_headline", "all_caps", "title_case", "given_name")
    anywhere += ("in_prose", "given_locales", "family_name")
    most = weights["bias"] + sum(pos[f] for f in anywhere) + _several_weight()
    most += pos["log_repeats"] * math.log(REPEATS_MAX)
    return (
        np.array([weights[f] for f in LINE_FEATURES]),
        most,
        pos["cue"] + pos["lower_case"] + pos["cue_names"],
        pos["label"],
        pos["label_after"],
        pos["site_name"],
        pos["initial"],
        pos["bio_below"],
        pos["rest_words"],
        pos["colon_before"],
    )


@functools.cache
def _prune_weights() -> tuple[float, float]:
    """What ``line_bounds`` counts that a line's words may rule out: the weight of a span's
    repeats at REPEATS_MAX, and what the shape features (``one_word``, ``three_plus_words``,
    ``several_names``, ``cut``) add at most beyond what a span of one word gets (it has
    ``one_word`` and none of the others, nor ``alone_under_headline``: ``_under_headline``)."""
    weights = dict(zip(FEATURES, _model()[0], strict=True))
    shape = ("one_word", "three_plus_words", "cut")
    most = sum(max(0.0, weights[f]) for f in shape) + _several_weight()
    return max(0.0, weights["log_repeats"]), most - weights["one_word"]


@functools.cache
def _several_weight() -> float:
    """What the features of a span of several names add to a bound at most: ``several_names``
    and ``several_given`` at its most (a share, 1), where their sum is positive. Neither holds
    for a span of one name, so that they are bounded together, not each at its own most: a
    bound that counted ``several_given`` for every line (+1.87 in the model of b293149, where
    ``several_names`` takes 2.25) had the scorer read 11 lines a page where it now reads 5
    (300 html_text dumps)."""
    weights = dict(zip(FEATURES, _model()[0], strict=True))
    return max(0.0, weights["several_names"] + max(0.0, weights["several_given"]))


def _rest_less(words: int, several: bool, capitals: int) -> float:
    """What a line's other words take from each of its spans at least, which the bound left out
    (``line_bounds`` took no other words): a span of one name holds at most NAME_MAX_WORDS of
    the line's ``words`` (one where the line has one capitalised word at most), leaving the rest
    to ``rest_words``; a span of several names (where ``several``: the line has a comma or a
    joiner between words, and two capitalised words) may hold them all, but has
    ``several_names``."""
    rest_weight, several_weight = _rest_weights()
    one_name = rest_weight * math.log1p(max(0, words - (1 if capitals <= 1 else NAME_MAX_WORDS)))
    return min(one_name, several_weight) if several and capitals > 1 else one_name


def _under_headline(facts: np.ndarray) -> np.ndarray:
    """1 where a span may have ``alone_under_headline``: near under the headline, above the body."""
    return ((facts[:, 3] > 0) & (facts[:, 5] > 0)).astype(float)


@functools.cache
def _positive_weight(feature: str) -> float:
    """What ``feature`` adds to a bound: its weight, where positive ("credited",
    "alone_under_headline": features of a span that a line's facts bound alone)."""
    return max(0.0, dict(zip(FEATURES, _model()[0], strict=True))[feature])


@functools.cache
def _rest_weights() -> tuple[float, float]:
    """How much ``rest_words`` takes a span for each log of its line's other words, and
    ``several_names`` for several names (0 where the model's weight adds)."""
    weights = dict(zip(FEATURES, _model()[0], strict=True))
    several = weights["several_names"] + max(0.0, weights["several_given"])
    return max(0.0, -weights["rest_words"]), max(0.0, -several)


@functools.cache
def _given_weight() -> float:
    """What ``given_name`` and ``given_locales`` add to a bound: a span has them only where its
    first word is a given name, so a line none of whose words that may open a span is one
    cannot have them."""
    weights = dict(zip(FEATURES, _model()[0], strict=True))
    return max(0.0, weights["given_name"]) + max(0.0, weights["given_locales"])


@functools.cache
def _model() -> tuple[tuple[float, ...], float]:
    raw = json.loads(
        resources.files("newsfold").joinpath("data/byline_model.json").read_text("utf-8")
    )
    weights: dict[str, float] = raw["weights"]
    return tuple(float(weights[name]) for name in FEATURES), float(raw["threshold"])


def byline_score(features: list[float]) -> float:
    """The model's log-odds that a span with these features is the page's byline."""
    weights = _model()[0]
    if len(weights) != len(features):
        raise ValueError(f"{len(features)} features for a model of {len(weights)}")
    return float(sum(map(operator.mul, weights, features)))


_SLACK = 1e-9  # a bound summed in another order than a score may fall short of it by rounding


def choose_byline(lines: list[Line], layout: Layout) -> str | None:
    """The best-scored span where its score clears the model's threshold, as printed with its
    cue ("By Jane Doe"), else ``None``. The lines are read from the highest bound of a span's
    score (``line_bounds``) down, until no line left may beat the best span found or clear
    the threshold: the same choice as scoring every span of the page (the first in reading
    order among equal scores), at the cost of the few lines that can hold a byline."""
    threshold = _model()[1]
    page = PageText(lines, layout.site_words)
    facts = line_facts(page, layout)
    bounds = line_bounds(page, layout, facts).tolist()
    # the part of a bound that a span's repeats may add, taken at REPEATS_MAX there, and the
    # part that a span's shape may add beyond what a span of one word gets
    repeats_weight, one_word_less = _prune_weights()
    given_weight = _given_weight()
    under = _under_headline(facts).tolist()
    best: tuple[float, int, int, Span] | None = None  # score, line, place on the line, span
    for i in np.argsort(-np.array(bounds), kind="stable").tolist():
        limit = threshold if best is None else max(threshold, best[0])
        if bounds[i] + _SLACK < limit:
            break
        capitals = page.capitals(i)
        # every name word begins a run of letters with a capital: with one at most, every span
        # of the line is one word (a user name after a cue too)
        less = (
            one_word_less + under[i] * _positive_weight("alone_under_headline")
            if len(capitals) <= 1
            else 0.0
        )
        cued = i in page.cue or i in page.cue_below  # a user name after a cue may begin a span
        if not cued and not capitals:
            continue  # no word of the line may begin a name: it holds no span
        # a span's first word is one of these: where none is a given name, no span of the line
        # has ``given_name`` (the bound counted it for every line)
        starts = _WORDS.findall(page.lines[i].text) if cued else capitals
        if not any(map(is_given_name, starts)):
            less += given_weight
        if bounds[i] - less + _SLACK < limit:
            continue  # the cheap facts rule it out: its names' repeats need not be counted
        if not cued:  # every span begins with a name word, and is printed at most as often
            most = page.most_repeats(i, capitals, REPEATS_MAX)
            less += repeats_weight * (_LOG_REPEATS[REPEATS_MAX] - _LOG_REPEATS[most])
            if bounds[i] - less + _SLACK < limit:
                continue
        if i not in page.cue_below:  # (a joined line's spans count the words of its cue's too)
            less += _rest_less(*word_count(page.lines[i].text), len(capitals))
            if bounds[i] - less + _SLACK < limit:
                continue
        for k, (s, features) in enumerate(_line_spans(page, layout, facts[i].tolist(), i)):
            score = byline_score(features)
            if best is None or score > best[0] or (score == best[0] and (i, k) < best[1:3]):
                best = (score, i, k, s)
    if best is None or best[0] < threshold:
        return None
    return best[3].printed


def unglued_lines(lines: list[Line], first: int, last: int) -> list[Line]:
    """``lines`` with the words a renderer glued read apart (``byline_page.unglued``:
    "2019AuthorJane Doe4") on the lines ``first`` to ``last`` (the byline's place, from just
    over the headline to the body's start: reading every line of a page so cost as much as the
    rest of its extraction): a copy of each that holds such words, the others as they are. On
    site half A of the trafilatura set: byline w3m 0.653 -> 0.657, lynx 0.673 -> 0.677,
    chromium 0.681 -> 0.685, resiliparse 0.673 -> 0.677, the others unchanged."""
    out = list(lines)
    for i in range(max(first, 0), min(last, len(lines))):
        ln = lines[i]
        text = unglued(ln.text) if ln.words <= LINE_MAX_WORDS else ln.text
        if text != ln.text:
            # (its words as the line printed them: a line just over LINE_MAX_WORDS when read
            # apart, an image's credit glued to its caption's last word, held a byline on half A)
            out[i] = dataclasses.replace(ln, text=text, time=None, stop=None, norm=None, hnorm=None)
    return out


def byline_layout(
    lines: list[Line], head: int | None, body_start: int, body_end: int, hints: frozenset[str]
) -> Layout:
    """The ``Layout`` of a classified dump: ``head`` is the headline's index or ``None``."""
    headline = lines[head].text if head is not None else ""
    return Layout(
        head=head if head is not None else -1,
        body_start=body_start,
        body_end=body_end,
        headline_words=frozenset(w.lower() for w in _WORDS.findall(headline)),
        site_words=frozenset(w.lower() for h in hints for w in _WORDS.findall(h)),
    )
