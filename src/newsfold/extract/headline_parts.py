"""Which lines of a headline's window print another line of it as their start or end: the
parts a renderer glued together ("Kicker: Headline", "Section Section Headline", "Headline |
Site"), read by the headline scorer (``headline.py``) as features."""

from __future__ import annotations

import functools
import re

from . import cues
from .lines import (
    HEADLINE_MAX_WORDS,
    HEADLINE_MIN_WORDS,
    Line,
    _has_time,
    _is_time_line,
    _norm,
    ends_sentence,
    line_norm,
)
from .unwrap import display_width

_PART_MIN_CHARS = 4  # a part shorter than this (a word of three letters) links nothing
NO_PARTS = (0.0, 0.0, 0.0, 0.0)


def part_links(
    lines: list[Line], lo: int, body_start: int
) -> dict[int, tuple[float, float, float, float]]:
    """For each line of the window (and the title bar) that holds another as its start or end,
    or is another's start or end, at a word boundary: (holds a start, holds an end, is a start,
    is an end). Each line's normalised text is cut at each of its spaces, and the cuts looked up
    among the window's lines: linear in the window's words."""
    rows = [0, *range(max(1, lo), body_start)] if lines else []
    index: dict[str, list[int]] = {}  # every copy of a line links alike
    norms: list[tuple[int, str]] = []
    for i in rows:
        if lines[i].words > HEADLINE_MAX_WORDS + 10:
            continue
        norm = line_norm(lines[i])
        if len(norm) >= _PART_MIN_CHARS:
            index.setdefault(norm, []).append(i)
            norms.append((i, norm))
    links: dict[int, list[float]] = {}
    sizes = {len(norm) for norm in index}  # a cut of no line's length is no line: not looked up
    for i, norm in norms:
        space = norm.find(" ")
        while space > 0:
            if space in sizes:
                for j in index.get(norm[:space], ()):
                    links.setdefault(i, [0.0] * 4)[0] = 1.0
                    links.setdefault(j, [0.0] * 4)[2] = 1.0
            if len(norm) - space - 1 in sizes:
                for j in index.get(norm[space + 1 :], ()):
                    links.setdefault(i, [0.0] * 4)[1] = 1.0
                    links.setdefault(j, [0.0] * 4)[3] = 1.0
            space = norm.find(" ", space + 1)
    return {i: (v[0], v[1], v[2], v[3]) for i, v in links.items()}


class PartIndex:
    """``part_links`` asked one line at a time, for a scorer that reads the links of a few
    lines only: the window's lines (and the title bar) that may link, by their normalised
    text, and all of them in one string, a line each, where a line that is another's start or
    end is found by one search (a normalised text holds no newline)."""

    __slots__ = ("_joined", "_known", "_norms")

    def __init__(self, lines: list[Line], lo: int, body_start: int) -> None:
        rows = [0, *range(max(1, lo), body_start)] if lines else []
        self._norms: dict[int, str] = {}
        most = HEADLINE_MAX_WORDS + 10
        for i in rows:
            ln = lines[i]
            if ln.words <= most:
                norm = ln.norm if ln.norm is not None else line_norm(ln)
                if len(norm) >= _PART_MIN_CHARS:
                    self._norms[i] = norm
        self._known = frozenset(self._norms.values())
        self._joined = "\n" + "\n".join(self._norms.values()) + "\n"

    def is_part(self, i: int) -> tuple[bool, bool]:
        """Whether line ``i`` is another line's start, and another's end (``part_links``'s
        last two)."""
        norm = self._norms.get(i)
        if norm is None:
            return False, False
        joined = self._joined
        return f"\n{norm} " in joined, f" {norm}\n" in joined

    def links(self, i: int) -> tuple[float, float, float, float]:
        """``part_links(lines, lo, body_start).get(i, NO_PARTS)``."""
        norm = self._norms.get(i)
        if norm is None:
            return NO_PARTS
        known = self._known
        holds_start = holds_end = False
        space = norm.find(" ")
        while space > 0 and not (holds_start and holds_end):
            holds_start = holds_start or norm[:space] in known
            holds_end = holds_end or norm[space + 1 :] in known
            space = norm.find(" ", space + 1)
        in_start, in_end = self.is_part(i)
        return (float(holds_start), float(holds_end), float(in_start), float(in_end))


# --- a headline wrapped over two lines ---------------------------------------------------------
#
# lynx prints a heading at the left edge (or centred) and wraps it there at the page's width,
# and a page has too few lines at that edge for ``unwrap.py`` to find a width of its own: a long
# headline reaches the scorer as two lines, and the chosen one is half of it. Without the page's
# width, a line is taken to wrap into the next where it ends in the wrap band of the renderers
# that wrap (html2text at 78 columns, lynx at 79, w3m at 80): it fills at most
# ``WRAP_MAX_COLUMNS``, and the next line's first word would have run past
# ``WRAP_MIN_COLUMNS``; nothing stands between the two (no blank line), neither is a sentence,
# a byline or a time, and the whole stays title-sized. A dump that was never wrapped (a
# browser's text, lxml's) ends many a headline in that band too, with a standfirst, a
# credit or a second copy of it right under it; so the join also needs what only a wrap gives:
# the next line goes on a sentence cut in the middle (it opens with a small letter or a digit,
# the share of continuations ``unwrap.py`` asks of a wrap), or the page prints the joined text
# whole on another line (a teaser, a breadcrumb's end), as written.
WRAP_MIN_COLUMNS = 78
WRAP_MAX_COLUMNS = 80
_WRAPPED_MAX_LINES = 3  # a headline of HEADLINE_MAX_WORDS words fills three lines at most


def _wraps_into(upper: Line, lower: Line) -> bool:
    """``upper`` ends where a renderer's wrap ends a line, and ``lower`` may go on it (see
    above); their labels are not read."""
    if lower.n != upper.n + 1:
        return False
    if ends_sentence(upper) or ends_sentence(lower) or upper.text.endswith(("?", "!")):
        return False
    if _is_time_line(lower) or cues.BYLINE.match(lower.text):
        return False
    width = upper.indent + display_width(upper.text)
    first = lower.text.split(maxsplit=1)[0]
    return width <= WRAP_MAX_COLUMNS and width + 1 + display_width(first) > WRAP_MIN_COLUMNS


def _goes_on(lower: Line) -> bool:
    """``lower`` opens in the middle of a sentence: a small letter or a digit first."""
    first = lower.text.lstrip()[:1]
    return first.islower() or first.isdigit()


def _spaced(text: str) -> str:
    return " ".join(text.casefold().split())


def wrapped_span(lines: list[Line], h: int) -> tuple[int, int]:
    """The lines ``[start, end)`` that headline line ``h`` is part of where a renderer wrapped
    it (see above), each line added unlabelled (chrome's, the body's are not the headline's):
    the line itself where it is whole."""
    start, end = h, h + 1
    while (
        start > 0
        and end - start < _WRAPPED_MAX_LINES
        and lines[start - 1].label == ""
        and _wraps_into(lines[start - 1], lines[start])
    ):
        start -= 1
    while (
        end < len(lines)
        and end - start < _WRAPPED_MAX_LINES
        and lines[end].label == ""
        and _wraps_into(lines[end - 1], lines[end])
    ):
        end += 1
    if end - start == 1 or sum(ln.words for ln in lines[start:end]) > HEADLINE_MAX_WORDS:
        return h, h + 1
    if all(_goes_on(ln) for ln in lines[start + 1 : end]):
        return start, end
    # as written, but for case and spaces: a title bar's "Headline - Site" holds the normalised
    # join of a headline and a line of the site's name under it
    joined = _spaced(" ".join(ln.text for ln in lines[start:end]))
    others = (_spaced(ln.text) for k, ln in enumerate(lines) if not start <= k < end)
    if len(joined) >= 15 and any(joined in other for other in others):
        return start, end
    return h, h + 1


def wrapped_headline(lines: list[Line], h: int) -> str:
    """The text of headline line ``h`` with the lines it was wrapped over (``wrapped_span``),
    which are labelled the headline too."""
    start, end = wrapped_span(lines, h)
    for k in range(start, end):
        if k != h:
            lines[k].label = "headline"
    return span_text(lines, start, end)


def span_text(lines: list[Line], start: int, end: int) -> str:
    """The headline's text of lines ``[start, end)``: joined, an ordered list's number dropped
    (``unnumbered``), a text printed twice in a row taken once (``one_copy``)."""
    return one_copy(unnumbered(lines, start, " ".join(ln.text for ln in lines[start:end])))


def one_copy(text: str) -> str:
    """``text`` once where it is the same text two times in a row, with or without a space
    between ("Headline Headline", "HeadlineHeadline": a renderer joins a heading's text with an
    image's alternative text or a link's title that repeats it, or two copies of the heading,
    one of them hidden on a small screen), else ``text``. A copy of two words or more only: a
    headline may say one word twice ("Bye Bye")."""
    size = len(text)
    if size % 2 == 1 and text[size // 2] == " ":
        first, second = text[: size // 2], text[size // 2 + 1 :]
    elif size % 2 == 0:
        first, second = text[: size // 2], text[size // 2 :]
    else:
        return text
    if first == second and len(first.split()) >= 2:
        return first
    return text


_ITEM_NUMBER = re.compile(r"(\d{1,3})[.)]\s+(?=\S)")
_ANY_ITEM_NUMBER = re.compile(r"(\d{1,3})[.)](?:\s|$)")  # a neighbour's: its text may be empty


def unnumbered(lines: list[Line], i: int, text: str) -> str:
    """``text`` (line ``i``'s, or its span's) without the number an ordered list's item opens
    with, where the line above or under it is the list's item before or after it ("3. Section",
    "4. Headline"): a renderer numbers each item of an <ol> (lynx, w3m, html2text, resiliparse),
    and a breadcrumb trail, written as one, ends in the page's headline. A headline that opens
    with a number of its own (a list's rank, a league) stands alone and keeps it."""
    m = _ITEM_NUMBER.match(text)
    if m is None:
        return text
    n = int(m.group(1))
    for k, other in ((i - 1, n - 1), (i + 1, n + 1)):
        if 0 <= k < len(lines) and other > 0:
            o = _ANY_ITEM_NUMBER.match(lines[k].text)
            if o is not None and int(o.group(1)) == other:
                return text[m.end() :]
    return text


# --- a label or a deck glued to the headline's line --------------------------------------------
#
# A renderer that prints a heading's parts on one line glues to it what stands beside it in the
# markup. Where the line itself shows the cut, the headline's text is cut there:
# - a date alone before the line's first separator ("12.03.2024 - Headline");
# - a deck after it where the title bar prints the line's start as a part of its own
#   (``_bar_heads``: "Headline | Site") and the rest goes on with a capital letter and no mark
#   between (a new element: the title bar's shortened form of a longer headline, "Headline in
#   Town" under "Headline | Site", goes on in a small word, or after a mark, "Headline – and
#   why").
_LABEL_SEP = re.compile(r"\s+[-–—|]\s+")
_LABEL_MAX_WORDS = 4  # "Monday, 12 March 2024"
_BAR_SEP = re.compile(r"\s+[|–—:»-]\s+")  # as ``headline_window._title_parts``


def _date_label_cut(text: str) -> str:
    m = _LABEL_SEP.search(text)
    if m is not None:
        head, rest = text[: m.start()], text[m.end() :]
        if (
            len(head.split()) <= _LABEL_MAX_WORDS
            and len(rest.split()) >= HEADLINE_MIN_WORDS
            and _has_time(head)
            and not _has_time(rest)
        ):
            return rest
    return text


@functools.lru_cache(maxsize=64)
def _bar_heads(bar: str) -> frozenset[str]:
    """The normalised runs of consecutive parts of a title bar ("Kicker: Headline | Site"
    gives "kicker", "kicker headline", "headline", ..., and the whole)."""
    parts = [p for p in _BAR_SEP.split(bar) if p.strip()]
    return frozenset(
        _norm(" ".join(parts[i:j])) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)
    )


def _bar_deck_cut(text: str, bar: str) -> str:
    words = list(re.finditer(r"\S+", text))
    if not bar or len(words) <= HEADLINE_MIN_WORDS:
        return text
    heads = _bar_heads(bar)
    if _norm(text) in heads:
        return text
    for k in range(len(words) - 1, HEADLINE_MIN_WORDS - 1, -1):  # the longest start first
        before, after = words[k - 1].group(), words[k].group()
        if before[-1].isalnum() and after[0].isupper():
            start = text[: words[k - 1].end()]
            if _norm(start) in heads:
                return start
    return text


def unglued_headline(text: str, bar: str) -> str:
    """``text``, the chosen headline's, without a label or a deck glued to it (see
    above); ``bar``: the title bar's text, empty where the headline is the title bar."""
    return _bar_deck_cut(_date_label_cut(text), bar)
