"""Classify every line of a plain-text page dump: headline, byline, body, teaser or chrome.

A dump has no markup, so the article is found by the shape of its lines: the body is the largest
run of long, sentence-punctuated lines (``body.py``); the headline is a title-shaped line above it,
often printed twice (``headline.py``); bylines and timestamps sit between them; a block of other
stories' teasers follows it, each item carrying its own source, time and headline (``around.py``).
Every line that is not body is kept in ``removed`` with the reason it went. Outlet templates
learnt from the corpus mark chrome first.
"""

from __future__ import annotations

import re
from collections import Counter

from ..records import Removed, Teaser
from . import cues
from .around import (
    card_teasers,
    comment_stops,
    credit_lines,
    mark_cards,
    removed_lines,
    split_teasers,
)
from .bars import split_glued_bar, weigh_split_bars
from .body import (
    CUE_WORD_MAX_WORDS,
    _body_clusters,
    _is_subheading,
    _main_cluster,
    _weight,
    comment_zone,
    is_running_text,
    pre_labels,
)
from .byline import byline_layout, choose_byline, unglued_lines
from .byline_facts import ABOVE_HEADLINE
from .byline_rule import rule_stands
from .credits import parse_dateline
from .gallery import mark_split_counters
from .headline import (
    _choose_headline,
    _headline_text,
    _title_parts,
    _title_repeats,
    clean_headline,
    line_headline_norm,
)
from .headline_parts import unglued_headline, wrapped_headline
from .indents import mark_indented_lists
from .lines import (
    _CLOSERS,
    _STOPS,
    BODY_MIN_WORDS,
    HEADLINE_MAX_WORDS,
    DumpResult,
    Line,
    _debreadcrumb,
    _is_byline,
    _is_sentence,
    _is_time_line,
    _norm,
    count_words,
    ends_sentence,
    line_norm,
    mark_alt_texts,
    mark_gallery_copies,
    page_norms,
    scan_page,
)
from .listed import list_teasers
from .short_boxes import _weigh_short_boxes
from .sitenames import slug_of
from .slug_heading import slug_headings, spells_slug
from .tables import _mark_numbered_lists, _mark_rows, _mark_shaped_lists
from .templates import OutletTemplate

AUTHOR_BIO_MAX_WORDS = 80
# a line of REPEAT_MIN_WORDS words printed this often on one page is no paragraph, and of a
# line printed twice the second copy is none. On half A, dropping both copies of a line
# printed twice gave a mean body F1 over the renderers 0.001 higher than this, but on half B
# it cost L3S-GN1 0.007-0.011 on five renderers and the HTML path 0.005 (AEB gained 0.004-0.010):
# this, the choice that changed no L3S-GN1 figure of half A, was taken after seeing half B.
# A title-shaped line's second copy is kept (the headline printed in the title bar and above
# the text): dropping it cost the headline from dumps 0.02 (trafilatura's set) and 0.04
# (readability's), while keeping every second copy of short unpunctuated lines cost AEB's
# lynx dumps 0.012 on half B; chosen after seeing those half-B figures too
REPEATS = 3
REPEAT_MIN_WORDS = 6
MAX_LINE_CHARS = 20_000  # longer lines are classified on their first characters only
# a list item's bullet as renderers print it (lynx: "*", "+", "o" by depth; w3m: "•", "□",
# "☆" by depth; html2text, read as markdown: "•"): the item's words are what the page says,
# the mark is the renderer's.
# Left on, it counts as a word and a mark of a list's layout (``tables._shape``), so that an
# archive's "* March (192)" reads as a list of the article's where html_text prints "March (192)"
_BULLET = re.compile(r"^(?:[*+•·◦▪■●○□☆]|o(?=\s+[A-ZÀ-Þ0-9]))\s+(?=\S)")
_BULLET_FIRST = frozenset("*+•·◦▪■●○□☆o")  # what a line _BULLET matches opens with
_BULLET_AT = re.compile(_BULLET.pattern.removeprefix("^"))  # _BULLET at a given place


def classify_dump(
    text: str,
    template: OutletTemplate | None = None,
    fetched_at: str | None = None,
    hints: frozenset[str] = frozenset(),
    score_byline: bool = True,
) -> DumpResult:
    """Every line of a dump classified; ``hints`` are the site's names (``site_hints``), used to
    drop them from a title-bar headline. ``score_byline`` off, the scorer's byline is not asked
    (``byline`` is None: a caller that has the author from elsewhere, ``html.extract_html``)."""
    lines = _labelled_lines(text, template)
    repeats = _title_repeats(lines)
    found = text_bounds(lines, repeats, hints)
    if found is None:
        return DumpResult(
            None, [], [], [], [Removed(ln.text, ln.label or "no_body", ln.n) for ln in lines]
        )
    body_start, body_end, paragraphs, listed = found
    # after the paragraphs are labelled: the scorer reads which lines are the text's
    h = _headline_line(lines, repeats, body_start, hints)
    headline = None
    if h is not None:
        headline = _mark_headline(lines, h, hints)
    byline_lines, time_lines = credit_lines(lines, body_start, lines[h].n if h is not None else -1)
    # the scorer's choice (``byline.py``), where the credit rule's byline does not stand
    byline = None
    if score_byline and not rule_stands(byline_lines):
        layout = byline_layout(lines, h, body_start, body_end, hints)
        first = (h if h is not None else 0) - ABOVE_HEADLINE
        byline = choose_byline(unglued_lines(lines, first, body_start + 1), layout) or ""
    tail = lines[body_end + 1 :]
    teasers = card_teasers(lines, fetched_at) + listed + split_teasers(tail, fetched_at)
    for ln in tail:
        if ln.label == "" and _is_time_line(ln):
            ln.label = "timestamp"
            time_lines.append(ln.text)
    removed = removed_lines(lines, body_end)
    return DumpResult(
        headline, byline_lines, time_lines, paragraphs, removed, teasers, byline=byline
    )


def text_bounds(
    lines: list[Line], repeats: list[int], hints: frozenset[str]
) -> tuple[int, int, list[str], list[Teaser]] | None:
    """The body's first and last lines, its paragraphs (labelled) and the teasers of a list of
    other stories the text ran into; ``None`` where the dump has no body. The lines are then
    labelled as the headline scorer reads them (``benchmarks/train_headline.py`` trains it on
    lines brought to this point by this function)."""
    # the lines the text never runs across: the title's repeats, comments and dated lists below it
    stops = set(repeats) | comment_stops(lines)  # (which labels comments: before the zone)
    zone = comment_zone(lines)  # where the comments open: both read it
    clusters = _body_clusters(lines, stops, zone)
    if not clusters:
        return None
    # without a title bar, the lines that spell the URL's slug are the heading
    slug = slug_of(hints)
    headings = repeats or slug_headings(lines, slug)
    own_text = spells_slug(lines, slug) if slug else None
    body_start, body_end = _main_cluster(lines, clusters, headings, zone, own_text, not repeats)
    # a list of other stories (a headline and a summary each) the text ran into
    list_start, listed = list_teasers(lines, body_start, body_end)
    body_end = list_start - 1
    body_start = _below_opening_title(lines, repeats, body_start, body_end, hints)
    return body_start, body_end, _body_paragraphs(lines, body_start, body_end), listed


def _labelled_lines(text: str, template: OutletTemplate | None) -> list[Line]:
    """The dump's non-blank lines, chrome the template knows labelled, each weighed for or
    against the body, and tables, lists and boxes of links marked."""
    lines = _dump_lines(text)
    cue_words = scan_page(lines, CUE_WORD_MAX_WORDS)
    page_norms(lines)
    keys = [ln.norm or "" if ln.words >= REPEAT_MIN_WORDS else "" for ln in lines]
    printed = Counter(keys)
    seen: set[str] = set()
    for ln, key, label in zip(lines, keys, pre_labels(lines, template, cue_words), strict=True):
        ln.label = label
        if (
            not ln.label
            and key
            and (printed[key] >= REPEATS or (key in seen and not _title_shaped(ln)))
        ):
            # a gallery's captions or a slideshow's teasers, printed once per slide and view;
            # a paragraph printed twice (a summary above the text, a print view) counts once
            ln.label = "repeated"
        seen.add(key)
    # an image's alt text printed beside its caption (lynx, w3m); a long line of them, running
    # text without its stop, weighs for the body as a paragraph does
    mark_alt_texts(lines, is_running_text)
    mark_gallery_copies(lines)  # a gallery's caption printed again without its counter
    mark_split_counters(lines)  # a counter printed on lines of its own above its caption
    mark_cards(lines)  # runs of other stories' cards (around.py), before the body is weighed
    mark_indented_lists(lines)  # other stories' headlines, a summary indented under each
    _mark_printed_twice(lines, keys)  # after the cards: a card's title may be printed twice
    for ln in lines:
        ln.weight = _weight(ln)
    weigh_split_bars(lines)
    _mark_rows(lines)
    _mark_numbered_lists(lines)
    _mark_shaped_lists(lines)
    _weigh_short_boxes(lines)
    return lines


def _mark_printed_twice(lines: list[Line], keys: list[str]) -> None:
    """Label ``caption`` both copies of a line of REPEAT_MIN_WORDS words or more printed twice
    in a row, or with one shorter line between: an image's alt text and its caption with the
    same words (lynx, w3m and resiliparse print both; html_text one), the picture's credit
    between them or not. A paragraph is never printed twice so: on half A, of the 164 pairs
    in a row in AEB's seven dumps and the 193 in L3S-GN1's, one and five were the article's
    text; of the 84 and 58 pairs around a short line, none. The copies are the same character
    for character, as a renderer prints one string twice: a page that printed a paragraph
    again with its stop (L3S-GN1 half A, html_text 0.91 -> 0.79 when the words alone were
    compared) keeps its first copy. A byline or timestamp printed twice (a header's line and
    its copy in the share bar) keeps its weight against the body, else a photo's caption above
    it joined the text (AEB half A). A title-shaped pair without a stop inside it counts only
    under running text (two lines above it): above the text it is the headline printed twice,
    as a breadcrumb's last item and the heading (trafilatura's set, half A: one page of
    chromium lost its headline), where a caption over the text has its credit after a stop.
    ``keys``: each line's norm, "" for a shorter line."""
    last = len(lines) - 1
    for k in range(last):
        key = keys[k]
        if not key:
            continue  # most lines: short, or no copy under them (asked next)
        if keys[k + 1] == key:
            j = k + 1
        elif k + 1 < last and keys[k + 2] == key and lines[k + 1].words < REPEAT_MIN_WORDS:
            j = k + 2  # the picture's credit between the copies
        else:
            continue
        first = lines[k]
        if lines[j].text != first.text or _is_time_line(first) or _is_byline(first):
            continue
        if (
            _title_shaped(first)
            and not _INNER_STOP.search(first.text)
            and not any(map(is_running_text, lines[max(0, k - 2) : k]))
        ):
            continue  # a heading printed twice (a breadcrumb's last item over the headline)
        for ln in (first, lines[j]):
            if ln.label in ("", "repeated"):
                ln.label = "caption"


def _dump_lines(text: str) -> list[Line]:
    """The dump's non-blank lines, each with its words one space apart (a list item's bullet
    taken off), its count of words, its indentation and whether it ends with a stop. Most of a
    page's lines are ASCII: their words are the spaces between them plus one, counted without
    splitting the line again (``count_words`` for the others). Most lines have their words one
    space apart already: a line without two blanks in a row or a blank but the space inside it
    (``str.isprintable``) is its words as they are, without splitting it."""
    lines: list[Line] = []
    append = lines.append
    for n, raw in enumerate(text.splitlines()):
        t = raw.strip()
        if not t:
            continue
        if "  " in t or len(raw) > MAX_LINE_CHARS or not t.isprintable():
            t = " ".join(raw[:MAX_LINE_CHARS].split())
            if not t:
                continue
        # the column the line's words start at, a list item's bullet counted as indentation
        # (``indents.py``): an item's text goes on under its words, not under its bullet. Only
        # blank stands before the first word, so its first character's first place is it
        indent = raw.find(t[0])
        if t[0] in _BULLET_FIRST:
            mark = _BULLET_AT.match(raw, indent)
            if mark is not None:
                indent = mark.end()
            t = _BULLET.sub("", t)
            if not t:
                continue
        # a bar of links at the end of the text: a line of its own (``bars.py``)
        for part in split_glued_bar(t) or (t,):
            words = part.count(" ") + 1 if part.isascii() else count_words(part)
            # ``stop_at_end`` (``ends_sentence``, which most lines are asked), inlined
            body = part.rstrip(_CLOSERS)
            stop = body != "" and body[-1] in _STOPS
            # Line's fields in their order: n, text, words, label, weight, row, indent, time, stop
            append(Line(n, part, words, "", 0.0, False, indent, None, stop))
    return lines


def _title_shaped(ln: Line) -> bool:
    """A line a headline could be (at most HEADLINE_MAX_WORDS words, no stop at its end): its
    second copy is kept, since a page prints its headline in the title bar and above the text."""
    return ln.words <= HEADLINE_MAX_WORDS and not ends_sentence(ln)


def _body_paragraphs(lines: list[Line], body_start: int, body_end: int) -> list[str]:
    """The body's paragraphs between ``body_start`` and ``body_end`` (each line labelled), less
    a closing note on the author, plus a short closing paragraph right after it."""
    paragraphs: list[str] = []
    span = lines[body_start : body_end + 1]
    for k, ln in enumerate(span):
        if ln.label:
            continue
        if ln.weight > 0 or _is_subheading(span, k):
            if cues.SIGNOFF.match(ln.text):
                ln.label = "signoff"
                continue
            ln.label = "body"
            paragraphs.append(ln.text)
        elif cues.SIGNOFF.match(ln.text):
            ln.label = "signoff"
        else:
            ln.label = "short_line"

    # a note on the author closes the text without being part of it
    bio = next((ln for ln in reversed(span) if ln.label == "body"), None)
    if bio is not None and bio.words <= AUTHOR_BIO_MAX_WORDS and cues.AUTHOR_BIO.match(bio.text):
        bio.label = "author_bio"
        paragraphs.pop()

    # a short closing paragraph right after the body ("He declined to comment.")
    k = body_end + 1
    while (
        k < len(lines)
        and lines[k].label == ""
        and 4 <= lines[k].words < BODY_MIN_WORDS
        and ends_sentence(lines[k])
        and not cues.SIGNOFF.match(lines[k].text)
        and not _is_time_line(lines[k])
    ):
        lines[k].label = "body"
        paragraphs.append(lines[k].text)
        k += 1
    return paragraphs


def _headline_line(
    lines: list[Line], repeats: list[int], body_start: int, hints: frozenset[str] = frozenset()
) -> int | None:
    """The headline's line (``_choose_headline``: ``hints`` are the site's names and URL slug,
    ``repeats`` the lines that print the title bar again), else the title bar when only it
    names the article."""
    h = _choose_headline(lines, body_start, hints, repeats)
    if h is None and repeats and lines[0].label == "":
        h = 0
    return h


# a stop closing a word inside a line, a sentence going on after it: a caption with its credit
# ("... in the square on Monday. Reuters"), two sentences, never a headline ("U.S." is no word)
_INNER_STOP = re.compile(r"[^\W\d_]{2}[.!?…]\s+\S")


def _below_opening_title(
    lines: list[Line], repeats: list[int], body_start: int, body_end: int, hints: frozenset[str]
) -> int:
    """The body's start, one line lower where its first line is the headline: a title-shaped
    line (no stop at its end or inside it, at most HEADLINE_MAX_WORDS words) right above a
    sentence or a dateline. A headline of BODY_MIN_WORDS words or more weighs for the body as
    any line without a full stop does (``body._weight``), so it joins the text under it when
    nothing stands between them (a bare dump, an aggregator's copy that opens with the
    headline); so does a first paragraph without a stop, or a standfirst. The headline scorer
    decides which it is: the line is the headline where, counted above the text, the scorer
    chooses it over every line above it."""
    if body_start >= body_end:
        return body_start
    first, nxt = lines[body_start], lines[body_start + 1]
    if (
        first.label
        or nxt.label
        or first.words > HEADLINE_MAX_WORDS
        or ends_sentence(first)
        or _INNER_STOP.search(first.text)
        or first.text.endswith((":", ";", ","))
        or _is_time_line(first)
        or _is_byline(first)
        or not (_is_sentence(nxt) or parse_dateline(nxt.text))
        or _headline_line(lines, repeats, body_start + 1, hints) != body_start
    ):
        return body_start
    above = _headline_line(lines, repeats, body_start, hints)
    if above is not None:
        said = _norm(_headline_text(lines[above].text))
        # the title bar's heading right over the line: the line is its deck
        if 0 < above == body_start - 1 and said in _title_parts(lines[0].text):
            return body_start
        # the line prints the headline above it again (a renderer's join of the title bar
        # and the heading, "Headline Headline"): that headline stands, the line is its repeat
        if len(said) > 15 and _norm(first.text).count(said) >= 2:
            return body_start
    return body_start + 1


def _mark_headline(lines: list[Line], h: int, hints: frozenset[str]) -> str:
    """Label line ``h`` the headline and its other printings repeats; the headline's text."""
    lines[h].label = "headline"
    norms = frozenset(map(line_norm, lines))
    headline = clean_headline(_debreadcrumb(wrapped_headline(lines, h)), hints, norms)
    headline = unglued_headline(headline, lines[0].text if h > 0 else "")
    hn = line_headline_norm(lines[h])
    for ln in lines:
        if ln.label == "" and ln is not lines[h]:
            other = line_headline_norm(ln)
            if other and (other == hn or (len(other) > 15 and (other in hn or hn in other))):
                ln.label = "headline_repeat"
    return headline
