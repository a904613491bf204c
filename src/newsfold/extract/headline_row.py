"""One line's features for the headline scorer (``headline.py``): what its text says
(``headline_facts``), where it stands in the page's window (``headline_window``), what stands
around it, in ``FEATURES`` order."""

from __future__ import annotations

import math

from . import cues
from .headline_facts import TextFacts, slug_match
from .headline_window import _in_title_bar, _Window, prose_above
from .lines import (
    HEADLINE_MAX_WORDS,
    Line,
    _debreadcrumb,
    _is_time_line,
    ends_sentence,
)


def line_features(
    lines: list[Line], i: int, body_start: int, w: _Window, f: TextFacts
) -> list[float]:
    """Line ``i``'s feature vector, in ``FEATURES`` order."""
    lo, norms, counts, first, credit = w.lo, w.norms, w.counts, w.first, w.credit
    ln = lines[i]
    mine = norms[i]
    long_words = f.long_words
    near = lines[max(0, i - 3) : i] + lines[i + 1 : i + 4]
    # the title-shaped lines of the three either side, within the window and the four lines
    # under it (the only lines a score reads it of: worked out for them alone)
    near_shaped = [
        title_shaped(lines[k])
        for k in (*range(max(lo, i - 3), i), *range(i + 1, min(i + 4, len(lines))))
    ]
    cover, recall = slug_match(f, w.slug)
    return [
        1.0,
        math.log1p(body_start - i - 1),
        f.title_sized,
        f.words,
        f.too_short,
        float(ln.label == "template"),
        float(ln.label not in ("", "template")),
        float(_is_time_line(ln)),
        f.byline,
        f.sentence,
        f.capitalised,
        float(bool(mine) and counts.get(mine, 0) > 1),
        float(_in_title_bar(i, mine, w.bar)),
        float(i == 0),
        len(long_words & w.opening) / len(long_words) if long_words else 0.0,
        float(any(credit[i + 1 - first : min(body_start, i + 4) - first])),
        float(i > 0 and credit[i - 1 - first]),
        f.digits,
        f.breadcrumb,
        f.heading_mark,
        w.title_like_below[i + 1 - lo] / 10,
        f.all_caps,
        sum(1 for x in near if x.words < 4) / len(near) if near else 0.0,
        float(i + 1 < len(lines) and lines[i + 1].words >= 15),
        f.colon_end,
        float(i + 1 == body_start),
        cover,
        recall,
        math.log(counts.get(mine, 1)) if mine else 0.0,
        float(i > 0 and title_shaped(lines[i - 1])),
        sum(near_shaped) / len(near_shaped) if near_shaped else 0.0,
        f.lower_start,
        f.link_mark,
        f.bullet,
        f.one_word,
        f.h1_mark,
        f.symbols,
        f.mark_start,
        *w.parts.links(i),
        prose_above(lines, i),
        float(i > 0 and is_kicker(lines[i - 1], ln)),
    ]


# A kicker: a short label printed over the headline ("Floods", "Opinion", "Town hall row"),
# which a dump gives a line of its own. Its shape alone is a short title's, and its place right
# over the heading is the headline's own; what tells the two apart is the pair: a short line,
# no sentence, over a longer line that may be a headline. On half A of trafilatura's set the
# scorer took a short line right over the headline on 63 of its 2,765 dumps (395 pages, seven
# renderers; chromium 13), a kicker on most of them.
KICKER_MAX_WORDS = 6


def is_kicker(upper: Line, lower: Line) -> bool:
    """``upper`` may be a kicker over ``lower``: an unlabelled line of 1 to
    ``KICKER_MAX_WORDS`` words, fewer than ``lower``'s, that ends no sentence."""
    return (
        upper.label == ""
        and 1 <= upper.words <= KICKER_MAX_WORDS
        and upper.words < lower.words
        and not ends_sentence(upper)
    )


def title_shaped(ln: Line) -> bool:
    """A line that may be a headline above another: 4-30 words, no stop at its end, not chrome."""
    text = ln.text
    return (
        ln.label == ""
        and 4 <= ln.words <= HEADLINE_MAX_WORDS
        and not ends_sentence(ln)
        and not _is_time_line(ln)
        and not cues.BYLINE.match(text)
        and _debreadcrumb(text) == text
    )
