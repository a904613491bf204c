"""The body of an HTML page from its blocks: a learned classifier over the DOM's signals.

The page's one parse gives its blocks (``blocks.py``): each line of its visible text with the tag
and depth of the block element holding it, its own and its containers' class and id tokens, and
how much of it is link text. The dump classifier (``text.classify_dump``) reads the same lines
as a text dump and finds the run of sentence lines that is the article; here each block is
described by that verdict beside the markup's signals (tag, link density, words, sentence end,
class/id words of content and of chrome, whether it sits in the container that holds the most of
the dump classifier's body, its neighbours), and a logistic model trained by
``benchmarks/train_blocks.py`` on site half A of the AEB and L3S-GN1 pages scores it. The blocks
whose score clears the model's threshold (chosen on half A too) are the body, but for a block
whose whole text is a chrome word, a slot's label (``pick``). The weights live
in ``data/dom_model.json``: a general mechanism over the markup rather than a rule per site, in
the way of Dragnet's and boilerpipe's block classifiers.
"""

from __future__ import annotations

import functools
import json
import math
import operator
import re
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from typing import NamedTuple

from .blocks import Block
from .lines import _norm

# Words of class and id attributes that name the article's text, and ones that name the page's
# chrome (navigation, other stories, comments, sharing, advertising): the vocabulary of
# boilerplate detectors (readability's "unlikely candidates" and "positive" patterns), not words
# of any one site. The model weighs them; none decides alone.
_CONTENT = frozenset(
    """article articles content story body text entry post main paragraph detail prose copy
    blog news single""".split()  # noqa: SIM905
)
_CHROME = frozenset(
    """nav navigation navbar menu footer header sidebar side aside comment comments related share
    sharing social ad ads advert advertisement promo widget breadcrumb breadcrumbs copyright
    tags tag caption meta newsletter subscribe login search cookie banner teaser teasers
    recommended popular trending most links sponsor sponsored rail more outbrain taboola
    byline author date masthead toolbar pagination disqus footnote credit credits""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[a-z]+")
_LONG_CONTENT = tuple(w for w in _CONTENT if len(w) >= 5)
_LONG_CHROME = tuple(w for w in _CHROME if len(w) >= 5)
_HEADING = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CELL = frozenset({"td", "th", "tr", "table"})
_CONTAINER = frozenset({"div", "section", "article", "main", "blockquote", "pre"})
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)]\s*$")
NEIGHBOURS = 2  # blocks on each side whose verdict and shape describe a block


FEATURES: tuple[str, ...] = (
    "bias",
    "dump_body",  # the dump classifier took the line for body
    "dump_body_near",  # share of the NEIGHBOURS blocks each side it took for body
    "log_words",
    "link_density",
    "sentence_end",
    "tag_p",
    "tag_heading",
    "tag_li",
    "tag_cell",
    "tag_container",
    "own_content",  # the block element's own class/id names content
    "own_chrome",  # ... names chrome
    "short_chrome",  # ... and it holds SHORT_WORDS words or fewer ("Advertisement", "Share")
    "outer_content",  # a container around it does
    "outer_chrome",
    "main_container",  # it sits where the dump classifier's body mostly sits (same path)
    "main_depth_gap",  # log(1 + |depth - that container's depth|)
    "under_main",  # it sits inside that container's parent (a table, a list in the text)
    "prose_container",  # it sits where the page's prose (long sentence lines, few links) mostly sits
    "under_prose",  # inside that container's parent
    "container_prose",  # share of the page's prose its own container holds
    "near_words",  # log(1 + mean words of the neighbours)
    "near_links",  # mean link density of the neighbours
    "position",  # where on the page, 0 at the top, 1 at the foot
    "repeated",  # the text stands more than once on the page
    "digits",  # share of its characters that are digits
    "main_rejected",  # in the dump body's container, but the dump classifier left it out
    "path_links",  # link density of all the text of its container (teaser lists are half links)
    "repeated_prose",  # a sentence line that stands twice on the page (a teaser list shown twice)
)


@functools.cache
def _words_of(attrs: str) -> tuple[bool, bool]:
    """Whether class/id text names content, and whether it names chrome: a word of it is one
    of the lists', or holds one of five letters or more ("articlebody", "sidebarleft")."""
    words = set(_WORD.findall(attrs.lower()))
    content = bool(words & _CONTENT) or any(c in w for w in words for c in _LONG_CONTENT)
    chrome = bool(words & _CHROME) or any(c in w for w in words for c in _LONG_CHROME)
    return content, chrome


SHORT_WORDS = 3  # a label, a button, a slot's word rather than a sentence
PROSE_MIN_WORDS = 8  # a line of prose: this many words, a sentence's end, mostly no links


def _under(outer: str, path: tuple[str, int] | None) -> float:
    """Whether a block whose enclosing class/id text is ``outer`` sits in the container of
    ``path`` or one inside it."""
    if path is None:
        return 0.0
    return 1.0 if outer == path[0] or outer.startswith(path[0] + " ") else 0.0


def _paths(blocks: Sequence[Block]) -> list[tuple[str, int]]:
    """Each block's container: the class/id text of the block elements around it, its depth."""
    return [(b.frame.outer, b.frame.depth) for b in blocks]


class _Page(NamedTuple):
    """What a page's blocks are read against: each block's dump verdict, words, link density,
    container and sentence end; the container holding most of the dump classifier's body
    (``main``) and most of the page's prose (``top``), the prose words of each container and
    their total, the link density of each container's text, and how often each text stands."""

    verdicts: list[float]
    words: list[int]
    density: list[float]
    paths: list[tuple[str, int]]
    ends: list[bool]
    main: tuple[str, int] | None
    top: tuple[str, int] | None
    prose: Counter[tuple[str, int]]
    total: int
    path_links: dict[tuple[str, int], float]
    texts: Counter[str]


def _page(blocks: Sequence[Block], dump_body: frozenset[str]) -> _Page:
    verdicts = [1.0 if _norm(b.text) in dump_body else 0.0 for b in blocks]
    words = [len(b.text.split()) for b in blocks]
    density = [b.link_density for b in blocks]
    paths = _paths(blocks)
    held: Counter[tuple[str, int]] = Counter()
    chars: Counter[tuple[str, int]] = Counter()
    links: Counter[tuple[str, int]] = Counter()
    for b, path, v, w in zip(blocks, paths, verdicts, words, strict=True):
        if v:
            held[path] += w
        chars[path] += len(b.text)
        links[path] += b.link_chars
    ends = [_SENTENCE_END.search(b.text) is not None for b in blocks]
    prose: Counter[tuple[str, int]] = Counter()
    for path, w, d, e in zip(paths, words, density, ends, strict=True):
        if w >= PROSE_MIN_WORDS and e and d < 0.5:
            prose[path] += w
    return _Page(
        verdicts,
        words,
        density,
        paths,
        ends,
        held.most_common(1)[0][0] if held else None,
        prose.most_common(1)[0][0] if prose else None,
        prose,
        sum(prose.values()) or 1,
        {path: links[path] / n for path, n in chars.items() if n},
        Counter(b.text for b in blocks),
    )


def _chrome_text(text: str) -> bool:
    """Whether every word of a block's text is a word of the chrome vocabulary: the slot's own
    label ("Advertisement", "Share", "Related", "Comments"), which no sentence of an article is."""
    words = _WORD.findall(text.lower())
    return bool(words) and len(words) <= SHORT_WORDS and all(w in _CHROME for w in words)


@functools.cache
def _frame_features(tag: str, attrs: str) -> tuple[float, ...]:
    """A block element's own features: its tag's five, and whether its class/id names content
    and chrome (``_words_of``); the same for every block of one element (a frame)."""
    content, chrome = _words_of(attrs)
    return (
        1.0 if tag == "p" else 0.0,
        1.0 if tag in _HEADING else 0.0,
        1.0 if tag == "li" else 0.0,
        1.0 if tag in _CELL else 0.0,
        1.0 if tag in _CONTAINER else 0.0,
        float(content),
        float(chrome),
    )


def _path_features(pg: _Page, path: tuple[str, int]) -> tuple[float, ...]:
    """The features a block has of its container (``outer_content`` to ``container_prose``):
    the same for every block of one container."""
    outer_content, outer_chrome = _words_of(path[0])
    main, top = pg.main, pg.top
    return (
        float(outer_content),
        float(outer_chrome),
        1.0 if path == main else 0.0,
        math.log1p(abs(path[1] - main[1])) if main is not None else 0.0,
        _under(path[0], main),
        1.0 if path == top else 0.0,
        _under(path[0], top),
        pg.prose[path] / pg.total,
    )


def block_features(blocks: Sequence[Block], dump_body: frozenset[str]) -> list[list[float]]:
    """Each block's features (``FEATURES``), given the normalised lines the dump classifier took
    for body. The neighbours' sums add the same numbers in the same order as a sum over their
    indices would, so each row is the same to the last bit."""
    n = len(blocks)
    if not n:
        return []
    pg = _page(blocks, dump_body)
    verdicts, words, density, main = pg.verdicts, pg.words, pg.density, pg.main
    rows: list[list[float]] = []
    held: dict[tuple[str, int], tuple[float, ...]] = {}  # the features of each container
    for i, b in enumerate(blocks):
        frame, text, path = b.frame, b.text, pg.paths[i]
        lo, hi = max(0, i - NEIGHBOURS), min(n, i + NEIGHBOURS + 1)
        near = hi - lo - 1
        tags = _frame_features(frame.tag, f"{frame.cls} {frame.ident}")
        around = held.get(path)
        if around is None:
            around = held[path] = _path_features(pg, path)
        repeated = pg.texts[text] > 1
        rows.append(
            [
                1.0,
                verdicts[i],
                sum(verdicts[lo:i] + verdicts[i + 1 : hi]) / near if near else 0.0,
                math.log1p(words[i]),
                density[i],
                1.0 if pg.ends[i] else 0.0,
                *tags,
                1.0 if tags[6] and words[i] <= SHORT_WORDS else 0.0,
                *around,
                math.log1p(sum(words[lo:i] + words[i + 1 : hi]) / near) if near else 0.0,
                sum(density[lo:i] + density[i + 1 : hi]) / near if near else 0.0,
                i / n,
                1.0 if repeated else 0.0,
                sum(map(str.isdigit, text)) / len(text),
                1.0 if path == main and not verdicts[i] else 0.0,
                pg.path_links.get(path, 0.0),
                1.0 if repeated and words[i] >= PROSE_MIN_WORDS and pg.ends[i] else 0.0,
            ]
        )
    return rows


@functools.cache
def _model() -> tuple[tuple[float, ...], float, float]:
    raw = json.loads(
        resources.files("newsfold.data").joinpath("dom_model.json").read_text(encoding="utf-8")
    )
    weights = raw["weights"]
    return (
        tuple(float(weights.get(name, 0.0)) for name in FEATURES),
        float(raw["threshold"]),
        float(raw["unsure"]),
    )


def scores(rows: list[list[float]]) -> list[float]:
    """The model's log-odds that each block is body."""
    weights = _model()[0]
    # the same products summed in the same order as a generator over ``zip`` would, at C speed
    return [sum(map(operator.mul, weights, row)) for row in rows]


# log-odds either side of the threshold within which the model's verdict on a block is unsure
MARGIN = 1.5


def unsure_share(blocks: Sequence[Block], scored: Sequence[float], threshold: float) -> float:
    """How unsure the model is of a page: the words of the blocks scored within ``MARGIN`` of
    the threshold, as a share of those and the body's words."""
    body = unsure = 0
    for b, s in zip(blocks, scored, strict=True):
        words = len(b.text.split())
        if abs(s - threshold) < MARGIN:
            unsure += words
        elif s >= threshold:
            body += words
    return unsure / (body + unsure) if body + unsure else 1.0


def pick(blocks: Sequence[Block], scored: Sequence[float], threshold: float) -> list[Block]:
    """The blocks whose score clears the threshold, but for a slot's own label (``_chrome_text``):
    an "Advertisement" or "Share" line between two paragraphs sits where the article does and
    scores as it does (the model weighs a block by its words, so one word of chrome inside the
    text costs it almost nothing to learn), yet is no part of the article in any page."""
    return [
        b
        for b, s in zip(blocks, scored, strict=True)
        if s >= threshold and not _chrome_text(b.text)
    ]


def body_blocks(blocks: Sequence[Block], dump_body: frozenset[str]) -> tuple[list[Block], bool]:
    """The blocks the model takes for the article's body, in reading order (``pick``), and
    whether it is unsure of them (``unsure_share`` above the model's cut, chosen on the training
    half)."""
    _, threshold, cut = _model()
    scored = scores(block_features(blocks, dump_body))
    return pick(blocks, scored, threshold), unsure_share(blocks, scored, threshold) > cut
