"""Where the article's text is in a dump: each line weighed for or against the body around it
(sentences for, chrome and timestamps against), tables and lists kept whole, and the heaviest
run of lines under the page's heading chosen."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import cues
from .grid import TEASER_GRID_MIN_ITEMS, headed_items
from .lines import (
    BODY_MIN_WORDS,
    LONG_LINE_WORDS,
    Line,
    _is_byline,
    _is_sentence,
    _is_time_line,
    bar_items,
    ends_sentence,
)
from .run_merge import merge_runs
from .templates import OutletTemplate

HEADING_REACH = 30  # lines from the article's heading to its text (byline, dateline, photo)
GAP_TOLERANCE = 0.5


SUBHEADING_MAX_WORDS = 12
MAX_LINE_WEIGHT = 120  # a paragraph is rarely longer; one huge line counts as a long paragraph
PROSE_LOWER_SHARE = 0.4
HEADING_BONUS = 3.0  # text under the page's own heading outweighs a bigger block elsewhere
HEADER_BONUS = 10.0  # ... and more so under a heading with its byline or timestamp
COMMENT_ZONE_PENALTY = 3.0  # a block below a comment widget is most likely a comment
TIME_LINE_COST = 20.0
RELATED_HEADING_COST = 40.0  # two text runs join when the lines between weigh less than this share
# sentences in a row below a box of links set inside an article: its text goes on
# (``short_boxes.py``)
RESUME_LINES = 2
# sentences above a comment heading before it can close the article's text. (Counting also the
# lines that weigh for the body without a stop, a paragraph that runs into an advert, took one
# more comment heading on half A, but cost body F1 0.002-0.004 on half B's chromium, lynx, w3m
# and resiliparse dumps: left out after seeing half B)
TEXT_ABOVE = 2


# HTML tags or comment marks printed as text: a page whose markup broke (an unclosed comment, a
# script written out) dumps its source; two tags on one line are never the story's words
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|<!--|-->")
MARKUP_MIN_TAGS = 2
# the most words of a line that a cue found anywhere in it is read in (``_pre_label``: the
# cookie notice's; the others' are fewer): a longer line's label is the same whether it holds a
# word of ``cues.LINE_CUE_WORDS`` or not, so that those words are looked for in shorter ones only
CUE_WORD_MAX_WORDS = 60
# links to the outlet's story before and after this one (``cues.STORY_NAV``): a renderer may
# print both on one line, two headlines' words
STORY_NAV_MAX_WORDS = 2 * 25
# the most words of a line that ``_pre_label`` reads these cues of ``cues.LINE_CUES_AT_START`` in
# (the others: in any line)
CALL_TO_ACTION_MAX_WORDS = 40
RELATED_HEADING_MAX_WORDS = 8
AUTHOR_BOX_MAX_WORDS = 6
INLINE_LINK_MAX_WORDS = 25
_AT_START_MAX_WORDS = {
    cues.CALL_TO_ACTION: CALL_TO_ACTION_MAX_WORDS,
    cues.RELATED_HEADING: RELATED_HEADING_MAX_WORDS,
    cues.AUTHOR_BOX: AUTHOR_BOX_MAX_WORDS,
    cues.INLINE_LINK: INLINE_LINK_MAX_WORDS,
    cues.STORY_NAV: STORY_NAV_MAX_WORDS,
}


# the marks running text of LONG_LINE_WORDS words has one of at least (a comma, a stop)
_PUNCTUATION = re.compile(r"[,.;:!?()\"'“”‘’«»、，。；：！？।۔،]")


def _is_prose(text: str) -> bool:
    """Running text rather than a list of names: in cased scripts, a good share of its words
    start in lower case (menus, tag lists and option lists are mostly capitalised)."""
    tokens = text.split()
    if len(tokens) >= LONG_LINE_WORDS and not _PUNCTUATION.search(text):
        return False  # many words and not one mark between them: a tag cloud, a menu
    words = [w for w in tokens if w[:1].isalpha()]
    if len(words) < len(tokens) / 2:
        return False  # mostly numbers or symbols: a price list, a table row, a list of years
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    if len(cased) < len(words) / 2:
        return True  # a script without case
    return sum(1 for w in cased if w[0].islower()) >= PROSE_LOWER_SHARE * len(cased)


# a bar of links (share tools, "email this page | digg | reddit | ...", a menu row) costs as
# much as a related-stories heading: an article's paragraphs are not split by one, and what
# follows one under the text is the page's other stories (a promoted story's headline and
# summary). Chosen on half A of L3S-GN1 between 20 and 40: 40 cut the related leak of html_text,
# chromium, lynx and resiliparse 0.027 -> 0.002 and raised body F1 0.0001-0.001 but lynx's
# (-0.0001); 20 split no such page. (How many items make a bar: ``lines.BAR_MIN_ITEMS``)
LINK_BAR_COST = RELATED_HEADING_COST
LINK_BAR_ITEM_WORDS = 3  # words of letters in each item ("» email this page" has three)


def is_link_bar(text: str) -> bool:
    """``BAR_MIN_ITEMS`` or more short items between bars ("|", ``lines.bar_items``), each a
    link's words: one to three words of letters (a run of numbers between bars is an ad
    server's tag or a table's row, "[adserv|3.0|340|...]", no bar of links)."""
    items = bar_items(text)
    return bool(items) and all(
        1 <= sum(1 for w in x.split() if w[-1:].isalpha()) <= LINK_BAR_ITEM_WORDS for x in items
    )


def _weight(ln: Line) -> float:
    """How much a line argues for the body around it: sentences for it, by their length; short
    lines, chrome and timestamps against it, a little each, so that a caption or a few links
    inside an article do not split it while a long menu between two texts does."""
    if label := ln.label:
        if label in ("related_heading", "author_bio"):
            return -RELATED_HEADING_COST  # other stories follow, unless a long text resumes after
        return -4.0
    words = ln.words
    if is_link_bar(ln.text):
        return -LINK_BAR_COST
    if _is_time_line(ln) or _is_byline(ln):
        return -TIME_LINE_COST  # items of a list (comments, teasers) each carry a time
    if is_running_text(ln):
        # a whole text on one line is a hidden copy (metadata, a script's data) as often as not
        return float(min(words, MAX_LINE_WEIGHT))
    if words >= 6 and (ends_sentence(ln) or BODY_MIN_WORDS <= words < LONG_LINE_WORDS):
        # a short sentence, or a line without a full stop; a long one that is not running
        # text is a list (a form's options, a row of names) and weighs against the body
        return 0.3 * words
    return -2.0 - 0.2 * words


def _dated(ln: Line) -> bool:
    """A timestamp or byline line (``_weight`` gives both the same cost)."""
    return ln.weight == -TIME_LINE_COST


def _body_clusters(
    lines: list[Line], stops: set[int] | None = None, zone: int | None = None
) -> list[tuple[int, int, float]]:
    """Candidate body blocks ``(first, last, words of sentences)``.

    Runs of sentence lines are found first; two neighbouring runs are joined when the lines
    between them weigh less against it than half the smaller run weighs for it: one caption, a
    pull quote or a "most read" box does not cut an article in two, but a menu, a list of teasers
    (each with its time) or a comment thread (each comment with its time) between two texts does.
    The lines in ``stops`` are never crossed."""
    runs: list[list[float]] = []  # [first, last, positive weight]
    gaps: list[float] = []  # cost of the lines between runs[i] and runs[i + 1] (inf: a stop)
    cost = 0.0
    for i, ln in enumerate(lines):
        if stops and i in stops:
            cost = float("inf")
            continue
        w = ln.weight
        if w > 0 and (ln.words >= BODY_MIN_WORDS or ln.row):
            if runs and cost == 0:
                runs[-1][1] = i
                runs[-1][2] += w
            else:
                if runs:
                    gaps.append(cost)
                runs.append([i, i, w])
            cost = 0.0
        elif cost != float("inf"):
            cost += -w if w < 0 else 0.0
    # a light line is read across above the comments only: a thread's lines (a name, a short
    # reply between two long ones) are as light, and joined a whole thread into one block
    zone = comment_zone(lines) if zone is None else zone  # (the caller's, read once a page)
    nexts = [r[0] for r in runs[1:]] + [zone]  # one too many where there are no runs
    light = [
        r[0] == r[1] and after < zone and not is_running_text(lines[int(r[0])])
        for r, after in zip(runs, nexts, strict=False)
    ]
    merge_runs(runs, gaps, light, GAP_TOLERANCE, TIME_LINE_COST, MAX_LINE_WEIGHT)
    return [(int(a), int(b), w) for a, b, w in runs]


def _is_subheading(span: list[Line], k: int) -> bool:
    """A short heading inside the text: title-shaped, between two paragraphs of it (two links
    set apart by a bar, "Harbour homepage | Ferry homepage", are no heading)."""
    ln = span[k]
    if not 2 <= ln.words <= SUBHEADING_MAX_WORDS or ln.weight <= -TIME_LINE_COST:
        return False
    if " | " in ln.text:
        return False
    before = next((x for x in reversed(span[:k]) if not x.label or x.label == "body"), None)
    after = next((x for x in span[k + 1 :] if not x.label), None)
    return (
        before is not None
        and after is not None
        and _is_sentence(after)
        and (before.label == "body" or _is_sentence(before))
    )


# a block starting this few lines under a byline printed with its timestamp counts
# CREDIT_BONUS times: the article's header, where a dump (lynx's, w3m's) does not print the
# page's title twice. Chosen on half A among 1.5, 3 and 10 (3 and 10 lost 0.003-0.011 there,
# letting a caption under the credits outweigh the text; 1.5 changed no figure of half A)
CREDIT_REACH = 4
CREDIT_BONUS = 1.5
# a heading guessed from the URL's slug may be a teaser's or a related box's, or stand above
# the upper part of a text that a gallery or an embedded post cuts in two: its bonus never
# turns the choice to a block lighter than this share of the one chosen without it. (On AEB's
# half A any share up to 0.39 changes no page: the one page the guess rightly turns, from a
# footer of legal notices to the text, turns to a block 0.39 of the footer's weight)
GUESSED_FLIP_SHARE = 0.3


def _credit_blocks(lines: list[Line]) -> list[int]:
    """The last line of each byline printed with a timestamp next to it ("By Jane Doe" over
    "November 20, 2019 10:43", or the other way round)."""
    # each line asked once (each was asked twice, as either line of a pair); whether a line is
    # a byline only where a line next to it gives a time (few: most lines know they give none)
    timed = [not ln.label and _is_time_line(ln) for ln in lines]
    byline = [False] * len(lines)
    for i in [i for i, t in enumerate(timed) if t]:
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and not byline[j]:
                byline[j] = not lines[j].label and _is_byline(lines[j])
    return [
        i + 1
        for i in range(len(lines) - 1)
        if (byline[i] and timed[i + 1]) or (timed[i] and byline[i + 1])
    ]


def comment_zone(lines: list[Line]) -> int:
    """Where the comments open: the first line labelled ``comment`` with ``TEXT_ABOVE`` sentences
    above it, as ``around.comment_stops`` reads a comment heading (``len(lines)`` for none). A
    comment link above the article ("Comment | Read Comments (1)" by the byline, "Comments" in
    the menu) opens no zone: counted from it, the article and the comments under it were both
    "below the comments" and the longer won."""
    labels = [ln.label for ln in lines]
    if "comment" not in labels:  # most pages: no comment line, no zone (no sentence counted)
        return len(lines)
    seen = 0
    for i, ln in enumerate(lines):
        if labels[i] == "comment" and seen >= TEXT_ABOVE:
            return i
        seen += text_sentences(ln)
    return len(lines)


_INNER_STOP = re.compile(r"[.!?][\"'”’)]*\s+[\"“‘]?[A-Z]")  # a stop, a capital after it


def is_running_text(ln: Line) -> bool:
    """A sentence, or a long line of prose without its stop: what ``_weight`` weighs in full."""
    return _is_sentence(ln) or (ln.words >= LONG_LINE_WORDS and _is_prose(ln.text))


def text_sentences(ln: Line) -> int:
    """The sentences a line counts for ``TEXT_ABOVE``: one for a sentence; for a long line of
    running text without a final stop (a renderer that ran the page's paragraphs into one
    line, cut where the markup is), those it holds; a bar of links ("A | B") none."""
    if _is_sentence(ln):
        return 1
    if ln.words < LONG_LINE_WORDS or "|" in ln.text or not _is_prose(ln.text):
        return 0
    return len(_INNER_STOP.findall(ln.text))


def _main_cluster(
    lines: list[Line],
    clusters: list[tuple[int, int, float]],
    repeats: list[int],
    zone: int,
    own_text: Callable[[int, int], bool] | None = None,
    guessed: bool = False,
) -> tuple[int, int]:
    """The article's text among the candidate blocks: the heaviest, where a block printed under
    the page's own heading counts ``HEADING_BONUS`` times (``HEADER_BONUS`` when a byline or
    timestamp sits under that heading) and any block below the comments (``zone``,
    ``comment_zone``) a third. ``own_text`` tells the blocks that write the URL's slug (the
    article's own text, ``slug_heading.spells_slug``): where the heading's bonus turned the
    choice from one such block to another above it, close above, the text is both (a gallery
    or an embedded post cut it in two). Headings ``guessed`` from the slug (``slug_heading.py``)
    never turn the choice away from a block that writes the slug, nor to a block under
    ``GUESSED_FLIP_SHARE`` of the one chosen without them."""
    bonus = _credit_bonus(lines, clusters)
    plain = dict(bonus)
    for r in repeats:
        # a heading with its byline or timestamp right under it is the article's own header
        header = any(_is_time_line(ln) or _is_byline(ln) for ln in lines[r + 1 : r + 4])
        for c in clusters:
            if 0 < c[0] - r <= HEADING_REACH:
                bonus[c[0]] = max(bonus.get(c[0], 1.0), HEADER_BONUS if header else HEADING_BONUS)

    # what each block's weight is divided by, read once (the choice is made twice where a slug
    # heading is weighed): a block that holds several items each with its own time is a thread
    # or a list of teasers (an article carries its time above the text, not between its
    # paragraphs), a grid of headed items is teasers, and a block below the comments a comment
    divisors: dict[int, list[float]] = {}
    for c in clusters:
        inner_times = sum(1 for ln in lines[c[0] : c[1] + 1] if _dated(ln))
        items = headed_items(lines, c[0], c[1])
        divisors[c[0]] = [
            max(1, inner_times),
            *([items] if items >= TEASER_GRID_MIN_ITEMS else []),
            *([COMMENT_ZONE_PENALTY] if c[0] > zone else []),
        ]

    def score(c: tuple[int, int, float], bonus: dict[int, float]) -> tuple[float, int]:
        w = c[2] * bonus.get(c[0], 1.0)
        for d in divisors[c[0]]:  # one by one, in this order, as they were
            w /= d
        return w, -c[0]

    best = max(clusters, key=lambda c: score(c, bonus))
    if own_text is None:
        return best[0], best[1]
    unheaded = max(clusters, key=lambda c: score(c, plain))
    if best == unheaded:
        return best[0], best[1]
    if guessed and best[2] < GUESSED_FLIP_SHARE * unheaded[2]:
        return unheaded[0], unheaded[1]
    if own_text(unheaded[0], unheaded[1]):
        # the article's text, which a gallery or an embedded post cut in two under the
        # heading: both parts where the lower one follows close under
        if 0 < unheaded[0] - best[1] <= HEADING_REACH and own_text(best[0], best[1]):
            return best[0], unheaded[1]
        if guessed:
            return unheaded[0], unheaded[1]
    return best[0], best[1]


def _credit_bonus(lines: list[Line], clusters: list[tuple[int, int, float]]) -> dict[int, float]:
    """``CREDIT_BONUS`` of each block (by its first line) under a byline and a timestamp."""
    bonus: dict[int, float] = {}
    for i in _credit_blocks(lines):
        # a byline and a timestamp together: the article's own header, whether or not the
        # page prints its title twice (lynx and w3m do not print the title bar)
        for c in clusters:
            if 0 < c[0] - i <= CREDIT_REACH:
                bonus[c[0]] = CREDIT_BONUS
    return bonus


def pre_labels(
    lines: list[Line], template: OutletTemplate | None, cue_words: set[int]
) -> list[str]:
    """``_pre_label`` of every line, ``cue_words`` the lines that hold a word of
    ``cues.LINE_CUE_WORDS`` (``lines.scan_page``): without a template, a line with no "<", no
    such word and no cue at its start (most) has none, known without the call."""
    at_start = _cue_at_start
    out: list[str] = []
    for k, ln in enumerate(lines):
        text = ln.text
        if template is None and "<" not in text and k not in cue_words and not at_start(ln):
            out.append("")
        else:
            out.append(_pre_label(ln, template, k in cue_words))
    return out


def _at_start_for(words: int) -> re.Pattern[str]:
    """``cues.LINE_CUES_AT_START``'s union less the cues ``_pre_label`` reads in lines of fewer
    than ``words`` words only: where it does not match a line of ``words`` words, no cue that
    the full union finds there (``cues.cue_at_start``) gives the line a label."""
    kept = [p for p in cues.LINE_CUES_AT_START if _AT_START_MAX_WORDS.get(p, words) >= words]
    return cues._union(tuple(kept))


# the union for a line of each count of words (the last for any longer line), five patterns
_AT_START_BY_WORDS = [_at_start_for(w) for w in range(max(_AT_START_MAX_WORDS.values()) + 2)]
_ALL_AT_START_WORDS = min(_AT_START_MAX_WORDS.values())  # up to these, every cue is read


def _cue_at_start(ln: Line) -> bool:
    """Whether a cue of ``cues.LINE_CUES_AT_START`` that ``_pre_label`` reads in a line of its
    words matches at the start of its text: the full union's answer (kept for the lines met
    lately) for a line of a few words, a smaller union's for a longer one (a paragraph: the
    related-stories heading's pattern, the costliest, is read in short lines only)."""
    words = ln.words
    if words <= _ALL_AT_START_WORDS:
        return cues.cue_at_start(ln.text)
    by_words = _AT_START_BY_WORDS
    return by_words[min(words, len(by_words) - 1)].match(ln.text) is not None


def _pre_label(ln: Line, template: OutletTemplate | None, cue_word: bool | None = None) -> str:
    """The label the line's own text gives it ("" for none); ``cue_word``: whether it holds a
    word of ``cues.LINE_CUE_WORDS``, where the caller knows (``lines.scan_page``; False is
    as good for a line of more than CUE_WORD_MAX_WORDS words)."""
    text = ln.text
    if "<" in text and len(_TAG.findall(text)) >= MARKUP_MIN_TAGS:
        return "markup"
    if not cues.any_line_cue(text, cue_word):  # most lines: none of the cues below, tested at once
        return "template" if template is not None and template.is_template(text) else ""
    if ln.words <= CALL_TO_ACTION_MAX_WORDS and cues.CALL_TO_ACTION.match(text):
        return "call_to_action"  # before templates: an app banner on every page is still one
    if template is not None and template.is_template(text):
        return "template"
    if cues.ADVERT.match(text):
        return "advertisement"
    if cues.DISCLAIMER.match(text):
        return "disclaimer"
    if cues.COPYRIGHT.match(text):
        return "copyright"
    if ln.words <= 8 and cues.COMMENTS.search(text):
        return "comment"
    if ln.words <= RELATED_HEADING_MAX_WORDS and cues.RELATED_HEADING.match(text):
        return "related_heading"
    if ln.words <= AUTHOR_BOX_MAX_WORDS and cues.AUTHOR_BOX.match(text):
        return "author_bio"
    if ln.words <= 8 and cues.NEWSLETTER.search(text):
        return "call_to_action"
    if ln.words <= CUE_WORD_MAX_WORDS and cues.SITE_NOTICE.search(text):
        return "site_notice"
    if (cues.INLINE_LINK.match(text) and ln.words <= INLINE_LINK_MAX_WORDS) or (
        cues.STORY_NAV.match(text) and ln.words <= STORY_NAV_MAX_WORDS
    ):
        return "inline_link"
    if (ln.words <= 25 and cues.CAPTION.search(text)) or cues.GALLERY_CAPTION.match(text):
        return "caption"
    return ""
