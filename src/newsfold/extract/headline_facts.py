"""What the headline scorer (``headline.py``) reads of a line's text alone: its length, case,
marks and long words, worked out once a text. A page's window holds up to 400 lines, and an
outlet's menus come back on each of its pages, so the same texts are read again and again."""

from __future__ import annotations

import functools
import json
import operator
import re
from dataclasses import dataclass
from importlib import resources

from . import cues
from .lines import _ANY_DIGIT, _debreadcrumb
from .sitenames import _SLUG_WORD, slug_forms

FEATURES: tuple[str, ...] = (
    "bias",
    "log_distance",  # log(1 + lines between the line and the body start)
    "title_sized",  # 4-20 words
    "words",  # words / 30, capped at 1
    "too_short",  # under 3 words
    "template",  # the outlet prints it on most of its pages (``templates.py``)
    "labelled",  # already labelled chrome of another kind
    "time_line",
    "byline",
    "sentence",  # ends with a stop: a standfirst or a caption more than a headline
    "capitalised",  # share of its words starting with a capital
    "repeated",  # the page prints it again (title bar, heading, breadcrumb, share text)
    "in_title_bar",  # it matches a part of the dump's first line, the title bar, where there is one
    "first_line",  # it is the dump's first line
    "body_overlap",  # share of its long words found in the body's opening paragraphs
    "credit_below",  # a byline or a time within the three lines under it
    "credit_above",  # a time or byline right above it: a teaser's headline, not the page's
    "digits",  # share of its characters that are digits
    "breadcrumb",  # a trail of section names ending in it
    "heading_mark",  # a markdown heading mark ("# "), the one trace of an <h1> a dump keeps
    "title_lines_between",  # title-shaped lines between it and the body, / 10
    "all_caps",
    "short_neighbours",  # share of the three lines either side under 4 words: a menu's item
    "prose_below",  # the next line has 15 words or more (a standfirst, the body's start)
    "colon_end",  # ends with a colon: a label ("Search for:"), not a headline
    "body_next",  # the body starts right under it
    # the URL's slug, where the page has a URL: most sites write it from the headline
    "slug_cover",  # share of its words the slug writes
    "slug_recall",  # share of the slug's words it holds
    "repeat_count",  # log(copies of it on the page): a headline runs in the title, the heading,
    # the share text; a menu item runs in the top and the bottom menus too
    "title_above",  # the line above is title-shaped: a standfirst sits under its headline
    "title_neighbours",  # share of the three lines either side that are title-shaped: a list
    # of other stories' headlines
    "lower_start",  # starts with a small letter: a fragment, a link's text
    "link_mark",  # a markdown link ("[text](url)") or a bracketed link: a menu's item
    "bullet",  # a list item's mark ("* ", "- ", "•")
    "one_word",
    "h1_mark",  # "# Headline": html2text's mark of an <h1> (a "#" without a space opens lynx's
    # list of the page's feeds, "##" a lower heading)
    "symbols",  # share of its characters that are neither letters, digits, spaces nor the
    # punctuation of a sentence: a form's field ("____"), a button's mark, a menu's separators
    "mark_start",  # it opens with a mark that is no letter, digit or quote: a form's box
    # ("□", "[ ]"), an icon, a menu's arrow
    # another line of the window printed inside this one, or this one inside another, as the
    # start or the end of it (``headline_parts``): a renderer glues a kicker, a breadcrumb or a date
    # before the headline ("Kicker: Headline"), a title bar the site's name after it; the
    # page's other printing of the bare headline, or of the kicker, tells which part is which
    "holds_start",  # another line is this one's start: a kicker, a section glued before
    "holds_end",  # another line is this one's end: the headline with words glued before it
    "in_start",  # this line starts another: a headline with the site's name after it
    "in_end",  # this line ends another: the headline another line glues a kicker to
    "prose_above",  # a paragraph (15 words or more, a stop at its end) within the five lines
    # above it: a subheading or a deck inside text that has begun, where the body start was
    # found too low, not the heading above the text
    "under_kicker",  # the line right above is a kicker over it (``headline_row.is_kicker``):
    # a short line, no sentence, over this longer one
)


_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_ASCII_WORD_RE = re.compile(r"[a-z]{4,}")  # ``_WORD_RE`` in lowered ASCII text, twice as fast
_BULLET = re.compile(r"^(?:[*+•·▪►-]\s|\d{1,2}[.)]\s)")
_LINK_MARK = re.compile(r"\]\(|^\[[^\]]*\]$")
_QUOTES = "\"'“”„«»‘’‚‹›¿¡"
_SYMBOL = re.compile(r"[^\w\s.,:;!?'\"()“”„«»‘’…&%/–—-]|_")
_ANY_WORD = re.compile(r"\w+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def words_of(text: str) -> set[str]:
    """The words of four letters or more in ``text``, each case-folded."""
    if text.isascii():  # lowered first (ASCII folds letter by letter), its letters a-z
        return set(_ASCII_WORD_RE.findall(text.lower()))
    # folding reads no context (unlike ``str.lower``'s final sigma): the words folded at once
    found = _WORD_RE.findall(text)
    return set("\n".join(found).casefold().split("\n")) if found else set()


@dataclass(slots=True)
class TextFacts:
    """A line's features that its text (and word count) alone decide, in ``FEATURES``'s
    terms; ``text`` is the line without its heading marks, ``long_words`` its words of four
    letters or more, case-folded, ``forms`` the slug-style forms of each of its words
    (``slug_forms``) and ``any_form`` all of them (an ASCII line's set before its ``forms``,
    which only a line meeting the slug needs), ``few_words`` whether it has few enough words
    to be the site's name (``_names_site`` asks no more of a longer one)."""

    raw: str
    n_words: int
    text: str
    long_words: frozenset[str]
    few_words: bool
    title_sized: float
    words: float
    too_short: float
    byline: float
    sentence: float
    capitalised: float
    digits: float
    breadcrumb: float
    heading_mark: float
    all_caps: float
    colon_end: float
    lower_start: float
    link_mark: float
    bullet: float
    one_word: float
    h1_mark: float
    symbols: float
    mark_start: float
    forms: tuple[frozenset[str], ...] | None = None  # worked out where a page has a slug
    any_form: frozenset[str] = frozenset()
    # what the features above add to the score (the model's weights), read by the scorer's
    # bound (``headline._text_bound``)
    lean: float = 0.0


# the facts of the texts met lately: short lines only, a bounded count, emptied when full
_MEMO_MAX = 32768
_MEMO_CHARS = 300
_FACTS: dict[str, TextFacts | None] = {}
FACTS_MEMO_CHARS = _MEMO_CHARS  # the facts of a longer text are never kept


def text_facts(raw: str, n_words: int) -> TextFacts | None:
    """The facts of a line of ``n_words`` words; ``None`` where it has no letter (no
    headline)."""
    if raw in _FACTS:
        done = _FACTS[raw]
        if done is None or done.n_words == n_words:  # no letter, whatever its word count
            return done
    facts = _text_facts(raw, n_words)
    if len(raw) <= _MEMO_CHARS:
        if len(_FACTS) >= _MEMO_MAX:
            _FACTS.clear()
        _FACTS[raw] = facts
    return facts


def facts_known(raw: str) -> bool:
    """Whether ``text_facts`` has the facts of ``raw`` kept (of a word count, maybe another)."""
    return raw in _FACTS


def heading_text(raw: str) -> str:
    """A line's text as its facts read it: a markdown heading's marks and the edges' blanks off."""
    return raw.lstrip("#").strip()


def misses_slug(raw: str, slug: frozenset[str]) -> bool:
    """Whether an ASCII line surely holds no word of the URL's ``slug`` (``slug_match``'s first
    test, without the line's facts: most lines of a page)."""
    text = heading_text(raw)
    return text.isascii() and slug.isdisjoint(_SLUG_WORD.findall(text.lower()))


def _text_facts(raw: str, n_words: int) -> TextFacts | None:
    text = heading_text(raw)
    if text.isascii():  # an ASCII letter is what ``str.isalpha`` takes of ASCII: one search
        found = _ASCII_LETTER.search(text)
        first_alpha = found.group() if found is not None else ""
    else:
        first_alpha = next((c for c in text if c.isalpha()), "")
    if not first_alpha:
        return None
    words = text.split()
    alpha = [w for w in words if w[0].isalpha()]
    size = len(text)
    facts = TextFacts(
        raw=raw,
        n_words=n_words,
        text=text,
        long_words=frozenset(words_of(text)),
        few_words=len(words) <= 6,
        title_sized=float(4 <= n_words <= 20),
        words=min(n_words, 30) / 30,
        too_short=float(n_words < 3),
        # the cheap tests first, at C speed (most lines: no byline's first letter, no digit)
        byline=float(text[0] in cues.BYLINE_FIRST and cues.BYLINE.match(text) is not None),
        sentence=float(
            cues.SENTENCE_END.search(text) is not None and not text.endswith(("?", "!", "..."))
        ),
        capitalised=sum([w[0].isupper() for w in alpha]) / len(alpha) if alpha else 0.0,
        digits=sum(map(str.isdigit, text)) / size if _ANY_DIGIT.search(text) else 0.0,
        breadcrumb=float(_debreadcrumb(raw) != raw),
        heading_mark=float(raw.startswith("#")),
        all_caps=float(text.isupper()),
        colon_end=float(text.endswith(":")),
        lower_start=float(first_alpha.islower()),
        link_mark=float(_LINK_MARK.search(text) is not None),
        bullet=float(_BULLET.match(text) is not None),
        one_word=float(n_words == 1),
        h1_mark=float(raw.startswith("# ")),
        symbols=len(_SYMBOL.findall(text)) / size,
        mark_start=float(not (text[0].isalnum() or text[0] in _QUOTES)),
    )
    # ``lean_weights``' sum, in its order: the values read at once (``_LEAN_VALUES``)
    facts.lean = sum(map(operator.mul, lean_values(), _LEAN_VALUES(facts)))
    return facts


def slug_match(facts: TextFacts, slug: frozenset[str]) -> tuple[float, float]:
    """The share of a line's words that its URL's slug writes, and of the slug's words the line
    holds."""
    if not slug:
        return 0.0, 0.0
    if facts.forms is None:
        text = facts.text
        if text.isascii():
            # an ASCII line's forms, all of them, are the slug words of its lowered text (what
            # ``slug_forms`` gives each of its words, in one pass); each word's own are read
            # where the slug meets the line
            if not facts.any_form:
                facts.any_form = frozenset(_SLUG_WORD.findall(text.lower()))
            if facts.any_form.isdisjoint(slug):  # most lines: no word of the slug
                return 0.0, 0.0
        facts.forms = tuple(slug_forms(word) for word in _ANY_WORD.findall(text))
        facts.any_form = frozenset().union(*facts.forms)
    if facts.any_form.isdisjoint(slug):  # most lines: no word of the slug
        return 0.0, 0.0
    found: set[str] = set()
    hits = 0
    for word_forms in facts.forms:
        forms = word_forms & slug
        if forms:
            hits += 1
            found |= forms
    return hits / len(facts.forms), len(found) / len(slug)


@functools.cache
def model() -> tuple[float, ...]:
    raw = json.loads(
        resources.files("newsfold").joinpath("data/headline_model.json").read_text("utf-8")
    )
    weights: dict[str, float] = raw["weights"]
    return tuple(float(weights[name]) for name in FEATURES)


# the features a bound reads exactly: the line's word count, label, place and copies, what
# stands right around it, the slug's, title bar's and body's words it holds, and those of its
# text alone (``TextFacts.lean``, worked out once a text); the others (the neighbours' shapes,
# the glued parts: read of the few lines scored in full; looking a line up in a window of 400
# cost more than it saved) lie in [0, 1], and add at most their weight where that is
# positive. The margin covers the rounding of sums in another order
_LEAN = (
    *("title_sized", "words", "too_short", "one_word"),
    *("byline", "sentence", "capitalised", "digits", "breadcrumb", "heading_mark", "all_caps"),
    *("colon_end", "lower_start", "link_mark", "bullet", "h1_mark", "symbols", "mark_start"),
)
_EXACT = frozenset(
    {
        *("bias", "log_distance", "template", "labelled", "time_line", "repeated"),
        *("first_line", "credit_below", "credit_above", "title_lines_between", "prose_below"),
        *("body_next", "repeat_count"),
        *("in_title_bar", "body_overlap", "slug_cover", "slug_recall"),
        *_LEAN,
    }
)
BOUND_MARGIN = 1e-9


@functools.cache
def lean_weights() -> tuple[tuple[str, float], ...]:
    """(name, weight) of each feature that ``TextFacts.lean`` adds up."""
    wt = dict(zip(FEATURES, model(), strict=True))
    return tuple((name, wt[name]) for name in _LEAN)


_LEAN_VALUES = operator.attrgetter(*_LEAN)  # a TextFacts' values of ``_LEAN``, in its order


@functools.cache
def lean_values() -> tuple[float, ...]:
    """The weights of ``lean_weights``, in its order."""
    return tuple(weight for _, weight in lean_weights())


@functools.cache
def bound_weights() -> tuple[dict[str, float], float, list[float], float]:
    """The model's weights by name; the most that the features a bound does not read add; for
    a line whose text's facts are not read yet, by its word count (capped at 31), what its word
    count adds with the most that the features of its text and those a bound does not read add
    on a page without a URL slug; and the most that the slug's features add."""
    wt = dict(zip(FEATURES, model(), strict=True))
    slack = wt["bias"] + sum(max(0.0, wt[name]) for name in FEATURES if name not in _EXACT)
    texts = ("body_overlap", *_LEAN[4:])
    text_slack = slack + sum(max(0.0, wt[name]) for name in texts)
    by_words = [
        text_slack
        + wt["title_sized"] * float(4 <= n <= 20)
        + wt["words"] * min(n, 30) / 30
        + wt["too_short"] * float(n < 3)
        + wt["one_word"] * float(n == 1)
        for n in range(32)
    ]
    return wt, slack, by_words, max(0.0, wt["slug_cover"]) + max(0.0, wt["slug_recall"])
