"""Which line of a dump is the headline: the line above the text a learned scorer rates best
(the page's title printed again, a title-shaped line its URL's slug spells, ...), never the
site's own name; the site's name dropped from a title bar."""

from __future__ import annotations

import functools
import heapq
import operator
import re

from . import cues
from .headline_facts import (
    BOUND_MARGIN,
    FACTS_MEMO_CHARS,
    facts_known,
    text_facts,
)
from .headline_facts import FEATURES as FEATURES
from .headline_facts import model as _model
from .headline_row import line_features
from .headline_window import (
    HEADLINE_WINDOW as HEADLINE_WINDOW,
)
from .headline_window import (
    REPEAT_MIN_SHARE,
    _Window,
    make_window,
)
from .headline_window import _place_bounds as _place_bounds
from .headline_window import _text_bound as _text_bound
from .headline_window import _title_parts as _title_parts
from .headline_window import _words_bound as _words_bound
from .line_words import lines_matching
from .lines import (
    HEADLINE_MAX_WORDS,
    HEADLINE_MIN_WORDS,
    Line,
    _debreadcrumb,
    _is_name_line,
    _is_time_line,
    _norm,
    bar_items,
    line_norm,
)
from .sitenames import SiteHints as SiteHints
from .sitenames import _names_site as _names_site
from .sitenames import names_a_domain
from .sitenames import site_hints as site_hints
from .sitenames import slug_forms as slug_forms
from .sitenames import url_slug as url_slug

_SITE_SEP = re.compile(r"\s+([|–—-])\s+")
_SITE_SEP_MARK = re.compile(r"[|–—-]")
# the results for the lines met lately (a page asks for each line's several times, an outlet's
# chrome comes back on each of its pages): short lines only, a bounded count, emptied when full
_MEMO_MAX = 32768
_MEMO_CHARS = 300
_STRIPPED: dict[str, str] = {}


def _strip_site_suffix(text: str) -> str:
    """ "Headline | Site" or "Headline - Site": the title bar adds the site's name."""
    done = _STRIPPED.get(text)
    if done is not None:
        return done
    if _SITE_SEP_MARK.search(text) is None:  # no separator: nothing to strip (most lines)
        return text
    parts = _SITE_SEP.split(text)  # [text, sep, text, sep, ...]
    # drop short trailing parts ("- World - Sport") while a title-sized head remains
    while (
        len(parts) > 2
        and len(parts[-1].split()) <= 4
        and len(" ".join(parts[:-2]).split()) >= HEADLINE_MIN_WORDS
    ):
        parts = parts[:-2]
    return _remember(
        _STRIPPED, text, "".join(p if i % 2 == 0 else f" {p} " for i, p in enumerate(parts))
    )


def _remember(memo: dict[str, str], text: str, done: str) -> str:
    """``done``, kept in ``memo`` for ``text`` where the text is short, the memo emptied when
    full."""
    if len(text) <= _MEMO_CHARS:
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[text] = done
    return done


_HEADING_MARK = re.compile(r"^#{1,6}\s+")
# a title bar's last part written in brackets at its end ("Headline [Site]", "Headline (Site)")
_TRAILING_BRACKETS = re.compile(r"\s*[\[(]([^\[\]()]+)[\])]\s*$")
# the separators of a title bar's parts ("Headline | Site", "Site - Headline"), kept by ``split``
TITLE_SEP = re.compile(r"\s+([|–—-])\s+")


def bracketed_tail(text: str) -> tuple[str, str] | None:
    """A title's text before a last part written in brackets, and that part ("Headline [Site]":
    "Headline", "Site"); None where it has none, or nothing before it."""
    found = _TRAILING_BRACKETS.search(text)
    return (text[: found.start()], found.group(1)) if found and found.start() > 0 else None


def clean_headline(text: str, hints: frozenset[str], page_norms: frozenset[str]) -> str:
    """A title bar's headline: the parts that name the site dropped ("Headline | Site",
    "Site - Headline"; a part that is a web address, "Headline | example.com", names the site
    too). A part that names nothing known is dropped only when the page prints
    the headline without it (its heading), so that a subtitle ("Headline - and what it means")
    stays. A markdown heading's marks ("# Headline", html2text) go, and so does a last part in
    brackets that names the site ("Headline [Site]")."""
    text = _HEADING_MARK.sub("", text)
    head = text
    bracketed = bracketed_tail(text) if text.endswith(("]", ")")) else None
    if bracketed and (_names_site(bracketed[1], hints) or names_a_domain(bracketed[1])):
        head = bracketed[0]
    parts = TITLE_SEP.split(head)  # [text, sep, text, sep, ...]
    while len(parts) > 2 and (_names_site(parts[-1], hints) or names_a_domain(parts[-1])):
        parts = parts[:-2]
    while len(parts) > 2 and (_names_site(parts[0], hints) or names_a_domain(parts[0])):
        parts = parts[2:]
    cleaned = "".join(p if i % 2 == 0 else f" {p} " for i, p in enumerate(parts))
    # (a site's name asks nothing: a last part that ends in a question mark is the subtitle's,
    # "Headline – what it means for you?")
    if cleaned == text and not text.endswith("?"):
        short = _strip_site_suffix(text)
        if short != text and _norm(short) in page_norms:
            return short
    return cleaned


# A bar of links or tools ("Page options: Save | Print | Font size: A A A | Corrections"):
# items between bars (``lines.bar_items``), none longer than a menu item's words. A title bar
# has the headline's words in one of its parts, a bar of tools in none; a page may print the bar
# twice (above and below the text), so that the scorer read it as the page's own heading.
TOOL_ITEM_MAX_WORDS = 6


def _is_tool_bar(text: str) -> bool:
    items = bar_items(text)
    return bool(items) and all(len(x.split()) <= TOOL_ITEM_MAX_WORDS for x in items)


# The text of an image, not the article's: a caption with its credit, which a copyright mark
# opens ("... © Agency/Name"; no headline carries one), or the image's file name, printed where
# its alternative text is missing ("[harbour-at-night.jpg]"). Lynx and w3m print both just above
# the heading, where the scorer took them for it. (A name joined by underscores alone,
# "harbour_at_night", is no mark: a title bar in Chinese joins its parts so.)
_IMAGE_TEXT = re.compile(r"©|[\w-]\.(?:jpe?g|png|gif|webp|svg)\]?\s*$", re.I)


def _is_image_text(text: str) -> bool:
    return _IMAGE_TEXT.search(text) is not None


_TITLE_BAR_SPLIT = re.compile(r"\s+[|–—-]\s+")


def _title_repeats(lines: list[Line]) -> list[int]:
    """Lines that print the page's title again: the article's own heading, under which its text
    begins. A dump opens with the title bar (``<title>``, site name appended) where it has one."""
    if len(lines) < 3 or lines[0].words > HEADLINE_MAX_WORDS:
        return []
    title = line_headline_norm(lines[0])
    # a short headline under a title bar of many parts ("Headline | Site | Section | ..."):
    # the heading prints one of the bar's leading parts exactly
    parts = _TITLE_BAR_SPLIT.split(lines[0].text)
    heads = {_norm(" ".join(parts[:i])) for i in range(1, len(parts))}
    heads = {h for h in heads if len(h) >= 15 and len(h.split()) >= 2}
    fuzzy = len(title) >= 15 and len(title.split()) >= HEADLINE_MIN_WORDS
    if not fuzzy and not heads:
        return []
    same = heads | {title}  # printed exactly
    shortest, longest = _repeat_sizes(len(title)) if fuzzy else (1, 0)
    most = HEADLINE_MAX_WORDS + 5
    # the lines a glue mark may be on (one search of the page): every other one's headline
    # norm is its norm (``line_headline_norm``)
    glued = lines_matching(_GLUE_MARK, [ln.text for ln in lines])
    found = []
    for k in range(1, len(lines)):
        ln = lines[k]
        if ln.words > most:
            continue
        other = ln.hnorm
        if other is None:
            other = line_headline_norm(ln) if k in glued else line_norm(ln)
            ln.hnorm = other
        if other and (
            other in same
            or (shortest <= len(other) <= longest and (other in title or title in other))
        ):
            found.append(k)
    return found


@functools.lru_cache(maxsize=1024)
def _repeat_sizes(size: int) -> tuple[int, int]:
    """The lengths a text may have to repeat a title of ``size`` characters, shortened or
    lengthened: those whose shorter of the two is ``REPEAT_MIN_SHARE`` of the longer at least
    (the share test itself, run on every length up to past the longest that may pass): a
    range, as the share falls off either side of ``size``."""
    fits = [
        n
        for n in range(1, int(size / REPEAT_MIN_SHARE) + 3)
        if min(n, size) >= REPEAT_MIN_SHARE * max(n, size)
    ]
    return (fits[0], fits[-1]) if fits else (1, 0)


_HEADLINE_TEXTS: dict[str, str] = {}


def _headline_text(text: str) -> str:
    done = _HEADLINE_TEXTS.get(text)
    if done is None:
        done = _remember(_HEADLINE_TEXTS, text, _strip_site_suffix(_debreadcrumb(text)))
    return done


_HEADLINE_NORMS: dict[str, str] = {}


def headline_norm(text: str) -> str:
    """``_norm(_headline_text(text))``: the form lines are compared in as headlines, with a
    memo of its own (one look-up where the two memos took two calls)."""
    done = _HEADLINE_NORMS.get(text)
    if done is None:
        done = _remember(_HEADLINE_NORMS, text, _norm(_headline_text(text)))
    return done


# a mark that a breadcrumb trail (``_debreadcrumb``) or a title bar (``_strip_site_suffix``) is
# split at, a space either side: a line without one is its own headline text (most lines). The
# mark is looked for first, the spaces around it after (a search twice as fast as "\s" first).
# One character, a newline standing for the blank on either side: searched in a page's lines
# joined, it finds every line it finds alone (``line_words.lines_matching``)
_GLUE_MARK = re.compile(r"[»›>/|–—-](?<=\s.)(?=\s)")


def line_headline_norm(ln: Line) -> str:
    """``headline_norm(ln.text)``, worked out once a line: the line's ``line_norm`` where its
    headline text is its text (most lines: one search finds that)."""
    done = ln.hnorm
    if done is None:
        text = ln.text
        if _GLUE_MARK.search(text) is None:
            done = ln.norm
            if done is None:
                done = line_norm(ln)
        else:
            said = _headline_text(text)
            done = line_norm(ln) if said == text else _norm(said)
        ln.hnorm = done
    return done


def page_headline_norms(lines: list[Line]) -> list[str]:
    """``line_headline_norm`` of every line of a page."""
    return [ln.hnorm if ln.hnorm is not None else line_headline_norm(ln) for ln in lines]


_LABEL = operator.attrgetter("label")


def _choose_headline(
    lines: list[Line],
    body_start: int,
    hints: frozenset[str] = frozenset(),
    repeats: list[int] | None = None,
) -> int | None:
    """Index of the headline: the line the learned scorer rates best
    (``choose_headline_learned``), a copy of the title bar (``repeats``) among its features.
    Where the outlet's template (learnt from a corpus) labels lines above the body, the
    hand-tuned rules still decide (the page's own heading, under the title bar's copy, else
    ``_choose_headline_by_cues``): the model was trained on single pages, with no template, and
    has learnt no weight for a headline that also runs in the outlet's "most read" box. (Taking
    the last copy of the title bar above the body first, on every page, was 0.01-0.03 below the
    learned choice on half A of trafilatura's set, every renderer, and 0.00-0.03 above it on
    readability's, whose gold is the title bar's.)"""
    if "template" in map(_LABEL, lines[:body_start]):
        above = [r for r in repeats or [] if r < body_start and lines[r].label in ("", "template")]
        return above[-1] if above else _choose_headline_by_cues(lines, body_start)
    return choose_headline_learned(lines, body_start, hints)


def _is_candidate(ln: Line) -> bool:
    """Title-shaped, and not a breadcrumb trail (which may end in a short form of the headline:
    it counts as a repeat of the headline, never as the headline)."""
    if ln.label not in ("", "template") or _is_time_line(ln) or cues.BYLINE.match(ln.text):
        return False
    if _debreadcrumb(ln.text) != ln.text or _is_tool_bar(ln.text) or _is_image_text(ln.text):
        return False
    text = _strip_site_suffix(ln.text)
    words = sum(1 for w in text.split() if any(c.isalpha() for c in w))
    if not HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS:
        return False
    return sum(c.isalpha() for c in text) >= 10


def _choose_headline_by_cues(lines: list[Line], body_start: int) -> int | None:
    """Index of the headline: a title-shaped line above the body. The page often prints it
    twice (title bar, breadcrumb, heading); it opens the heading block, a standfirst may follow
    it, and a byline or timestamp closes the block."""
    lo = max(0, body_start - 30)
    norms = list(map(line_headline_norm, lines))
    cands = {i for i in range(lo, body_start) if _is_candidate(lines[i])}

    def opens_article(i: int) -> bool:
        nxt = lines[i + 1] if i + 1 < body_start else None
        return nxt is not None and (
            (i + 1 in cands and nxt.label != "template")
            or bool(cues.BYLINE.match(nxt.text))
            or _is_time_line(nxt)
            or _is_name_line(lines, i + 1, body_start)
        )

    # a line the outlet prints on most pages is chrome, unless a standfirst, byline or timestamp
    # follows it: then it is a popular story's headline that also runs in the "most read" box
    cands = {i for i in cands if lines[i].label != "template" or opens_article(i)}
    best: tuple[float, int] | None = None
    for i in sorted(cands):
        ln = lines[i]
        score = 1.0 - (body_start - i) / 40.0 + min(ln.words, 12) / 24.0
        if ln.label == "template":
            # a popular story's headline recurs in the outlet's "most read" box on other pages:
            # still this page's headline where it stands above the byline
            score -= 0.25
        mine = norms[i]
        if any(
            j != i and other and (other == mine or (len(other) > 15 and other in mine))
            for j, other in enumerate(norms)
        ):
            score += 1.5
        prev = next(
            (k for k in range(i - 1, lo - 1, -1) if lines[k].label != "template" or k in cands),
            None,
        )
        if prev is not None and prev in cands and norms[prev] != mine:
            score -= 1.0  # a standfirst under the headline
        for k in range(i + 1, min(body_start, i + 4)):
            if cues.BYLINE.match(lines[k].text) or _is_time_line(lines[k]):
                score += 0.5
                break
        if best is None or score >= best[0]:
            best = (score, i)
    return best[1] if best else None


# --- the learned headline scorer ---------------------------------------------------------------
#
# A dump without a title bar (a browser's innerText, lynx, resiliparse) gives the headline no
# mark: it is one short line among the menus above the body. Which one is learnt: each line in a
# window above the body start is described by layout-free features (its distance to the body,
# its length and case, whether the page prints it twice or in its title bar, how many of its
# words the body's opening repeats, how much of the URL's slug it spells, what stands around it),
# and a linear model trained by ``benchmarks/train_headline.py`` on one site half of the
# metadata benchmark's dumps (every renderer) scores them: a conditional logit, fitted to make
# the page's headline the best-scored of its candidates, which is how it is used. The weights
# live in ``data/headline_model.json``, small enough to read in a diff.


# lines above the body start a headline is looked for in: a page's menus may run to hundreds of
# lines, and where the body start is found too low the headline stands far above it. 400 was
# 0.00-0.04 above 60 and 150 on half A of the metadata benchmark's dumps, for about 1 ms a page
def _window(lines: list[Line], body_start: int, hints: frozenset[str]) -> _Window:
    """The page's headline window (``headline_window.make_window``), with every line's headline
    form (``page_headline_norms``)."""
    return make_window(lines, body_start, hints, page_headline_norms(lines))


def headline_features(
    lines: list[Line], body_start: int, hints: frozenset[str] = frozenset()
) -> list[tuple[int, list[float]]]:
    """(index, feature vector in ``FEATURES`` order) of each line a headline may be, in the
    window above ``body_start``; ``hints`` are the site's names and its URL's slug
    (``site_hints``)."""
    w = _window(lines, body_start, hints)
    out: list[tuple[int, list[float]]] = []
    for i in range(w.lo, body_start):
        ln = lines[i]
        f = text_facts(ln.text, ln.words)
        if f is None or (f.few_words and _names_site(f.text, hints)):
            continue  # the site's name (from its host, or the name it declares) is no headline
        if _is_tool_bar(ln.text) or _is_image_text(ln.text):
            continue  # as ``choose_headline_learned``
        out.append((i, line_features(lines, i, body_start, w, f)))
    return out


def headline_score(features: list[float]) -> float:
    """The model's score of a line with these features: the higher, the likelier the headline
    (a softmax over a page's candidates gives the chance of each)."""
    return sum(w * x for w, x in zip(_model(), features, strict=True))


def choose_headline_learned(
    lines: list[Line], body_start: int, hints: frozenset[str] = frozenset()
) -> int | None:
    """The best-scored line above the body (the first of equals), or ``None`` where no line may
    be a headline. Lines are taken from the highest bound down, and the scoring stops where no
    bound left reaches the best score: the lines it leaves unscored score below it, so the
    choice is the one scoring every line gives. A line's first bound reads its place alone
    (``_place_bounds``); taken, it is bounded again with its text's facts (``_text_bound``),
    and taken again, scored: most lines' texts are never read. A text whose facts are not
    known yet has its words read first (``_words_bound``): most lines end there."""
    w = _window(lines, body_start, hints)
    weights = _model()
    best: tuple[float, int] | None = None
    heap = _place_bounds(lines, body_start, w)
    heapq.heapify(heap)
    while heap:
        neg_bound, i, place, f = heapq.heappop(heap)
        if best is not None and -neg_bound < best[0] - BOUND_MARGIN:
            break
        ln = lines[i]
        if f is None:  # its place read, and its text's facts where they are known
            if not facts_known(ln.text):
                heapq.heappush(heap, (-_words_bound(-neg_bound, ln.text, w), i, place, False))
                continue
            f = False
        if f is False:  # its place and its words read
            f = text_facts(ln.text, ln.words)
            if f is None:
                continue  # no letter: no headline
            if len(ln.text) <= FACTS_MEMO_CHARS:  # else its facts are not kept: score it now
                heapq.heappush(heap, (-_text_bound(place, f, w), i, place, f))
                continue
        if f.few_words and _names_site(f.text, hints):
            continue  # as ``headline_features``
        if _is_tool_bar(ln.text) or _is_image_text(ln.text):
            continue
        features = line_features(lines, i, body_start, w, f)
        score = sum(map(operator.mul, weights, features))  # ``headline_score``, inlined
        if best is None or score > best[0] or (score == best[0] and i < best[1]):
            best = (score, i)
    return best[1] if best else None
