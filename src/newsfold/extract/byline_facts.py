"""The facts of a page's lines that every name-shaped span of a line shares (``byline.py``'s
line features): where the line stands against the headline and the body, its label, the cues,
dates and marks on it and on the lines around it. One row a line, worked out with no pass of
Python over the lines but for their labels, so that ``byline.line_bounds`` bounds each line's
best score from them before any span is read."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .byline_page import PageText
from .lines import _is_byline

AFTER_BODY = 25  # lines under the body's end an author box may stand in
NEAR_HEADLINE = 8  # lines under the headline its byline stands in
ABOVE_HEADLINE = 3  # lines over the headline a byline printed above it stands in


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the page's parts stand: the headline's index (-1 for none), the body's first and
    last, and the headline's and the site's words."""

    head: int
    body_start: int
    body_end: int
    headline_words: frozenset[str]
    site_words: frozenset[str]


_CHROME_LABELS = frozenset({"", "body", "byline", "timestamp", "short_line"})  # not "labelled"
# the features of a line that all its spans share, in the order of ``_line_facts``' columns
LINE_FEATURES = (
    "cue_line_above",
    "date_on_line",
    "time_beside",
    "below_headline",
    "above_headline",
    "before_body",
    "in_body",
    "after_body",
    "labelled",
    "comment",
    "rule_byline",
    "copyright",
    "sentence",
    "credit_line",
    "cue_end_above",
    "time_near",
    "just_above_headline",
    "photo_line",
    "label_line_below",
    "author_box_above",
)


def indicator(found: set[int] | list[int], n: int) -> np.ndarray:
    out = np.zeros(n)
    out[list(found)] = 1.0
    return out


def _shift(a: np.ndarray, k: int) -> np.ndarray:
    """Line ``i + k``'s value at each line ``i`` (0 where there is no such line): ``k`` -1 the
    line above, 1 the line below."""
    out = np.zeros(len(a))
    if k > 0:
        out[:-k] = a[k:]
    elif k < 0:
        out[-k:] = a[:k]
    return out


def line_facts(page: PageText, layout: Layout) -> np.ndarray:
    """Every line's features that its spans share (``LINE_FEATURES``), one row a line, from
    the page's facts (``PageText``) and its layout, with no pass of Python over its lines but
    for their labels."""
    lines, n = page.lines, len(page.lines)
    cued = page.cue | page.label
    idx = np.arange(n)
    head, start, end = layout.head, layout.body_start, layout.body_end
    labels = [ln.label for ln in lines]
    time = indicator(page.time, n)
    beside = np.maximum(_shift(time, -1), _shift(time, 1))
    near = np.maximum(_shift(time, -2), _shift(time, 2))
    cue_above = _shift(indicator(page.cue_line, n), -1)
    cue_end_above = _shift(indicator(page.cue_end, n), -1)
    # the line under it is only a label ("Autor", "Reporter"): "Jane Doe Autor" split over lines
    label_below = _shift(indicator(page.cue_line - page.cue_end, n), 1)
    # one of the two lines over it is an author box's heading ("About the author")
    box = indicator([k for k, lab in enumerate(labels) if lab == "author_bio"], n)
    box_above = np.maximum(_shift(box, -1), _shift(box, -2))
    return np.column_stack(
        [
            cue_above,
            # a time line with a digit, or a line split from one with its name's (``joined_dated``)
            indicator(page.digit | page.joined_dated, n),
            beside,
            (head >= 0) & (idx - head > 0) & (idx - head <= NEAR_HEADLINE),
            idx < head,
            (head <= idx) & (idx < start),
            (start <= idx) & (idx <= end),
            (idx - end > 0) & (idx - end <= AFTER_BODY),
            [lab not in _CHROME_LABELS for lab in labels],
            [lab == "comment" for lab in labels],
            indicator([k for k in cued if _is_byline(lines[k])], n),
            indicator(page.copyright, n),
            indicator(page.sentence, n),
            [lab == "byline" for lab in labels],
            cue_end_above,
            near,
            (head >= 0) & (head - idx > 0) & (head - idx <= ABOVE_HEADLINE),
            indicator(page.photo, n),
            label_below,
            box_above,
        ]
    ).astype(float)
