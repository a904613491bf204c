"""What ``unwrap.py`` asks of every line of a dump, found for the page at once.

``unwrap.wrap_of`` weighs every line of a page against every width it tries, and ``unwrap``
asks of each pair of lines whether the first was cut by the wrap: the same few facts of each
line (its indentation, its display width, its first word's, whether it opens a list item) were
worked out again each time they were asked, a dozen times a line. Here they are worked out once
a page (``shape_of``): by string methods mapped over the lines at C speed, display widths from
the page's code points with numpy (``widths_of``), the list marks and headings with their
patterns on the few lines that can hold one; the widths every indentation agrees with
(``best_widths``) and the pairs of lines a wrap joins (``wrapped_pairs``) are array operations.
The answers are those of asking each line (tests/test_unwrap_pass.py keeps the code per line
as the reference).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

# ``unwrap.py``'s thresholds (chosen on site half A: see its note on them), kept here where the
# page pass reads them. Columns: the narrowest and widest wrap width looked for
MIN_WIDTH = 40
MAX_WIDTH = 200
# columns under the width within which a line counts as filled
SLACK = 20

# a list item's (w3m marks a nested list's items "□", then "☆")
_MARK = r"[*+\-•·◦▪■●○□☆]|\d{1,3}[.)]|[a-zA-Z][.)]"
_HEADING = r"#{1,6}\s"
_RULE = r"(?:[-*_=]\s*){3,}$"
BULLET_RE = re.compile(rf"^\s*(?:{_MARK})\s+")
HEADING_RE = re.compile(rf"^\s*{_HEADING}")
RULE_RE = re.compile(rf"^\s*{_RULE}")
CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
CELL_GAP = "   "  # blank between two cells of a row; a sentence's words have one or two
# the blanks a wrapper breaks a line at: not a no-break space (``&nbsp;``), which lynx, w3m and
# html2text (Python's textwrap) keep inside a word, so that "address\xa0its" over "rate\xa0of"
# is a cut line (the word "rate\xa0of" did not fit) where "rate" would have
_BREAKING_RE = re.compile(r"[^\S\xa0\u2007\u202f]+")


def wrap_words(text: str, maxsplit: int = 0) -> list[str]:
    """``text``'s words as a wrapper sees them (split at ``_BREAKING_RE``'s blanks only)."""
    return [w for w in _BREAKING_RE.split(text.strip(), maxsplit=maxsplit) if w]


class _Columns(dict[int, str]):
    """A code point to as many characters as the columns it takes ("", "x" or "xx"), looked up
    in ``unicodedata`` the first time it is met, so that ``str.translate`` measures a line at C
    speed. At most ``_COLUMNS_MAX`` code points are kept, however many a hostile page shows."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if unicodedata.combining(ch):
            cols = ""
        else:
            cols = "xx" if unicodedata.east_asian_width(ch) in "WF" else "x"
        if len(self) < _COLUMNS_MAX:
            self[code] = cols
        return cols


_COLUMNS_MAX = 65536
_COLUMNS = _Columns()


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide (CJK) characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return len(text.translate(_COLUMNS))


@dataclass(frozen=True, slots=True)
class Wrap:
    """The widths a dump was wrapped at: ``default``, the page's, and one per indentation where
    its lines show one of their own near it (lynx wraps an indented paragraph a few columns short
    of where it wraps a heading at the left edge); ``lists``: indentations whose lines are a list,
    never joined (``unwrap.wrap_of``)."""

    widths: dict[int, int]
    default: int
    lists: frozenset[int] = frozenset()

    def at(self, indent: int) -> int:
        return self.widths.get(indent, self.default)


@dataclass(slots=True)
class Shape:
    """What is asked of each line of ``lines`` (arrays of one entry a line): ``filled``, it has
    text; ``indent``, its blank columns before the text (``len(line) - len(line.lstrip())``,
    0 for a blank line, which nothing asks); ``length``, the display width of the line less its
    trailing blank; ``first``, of its first word; ``head``, of the line up to the end of its
    first word; ``cont``, the deepest indentation a continuation of it may have (the end of its
    list mark, else its indentation); ``breaks``, it opens a list item, a heading or a rule (no
    continuation); ``breakable``, a wrap at ``head`` columns or more would have broken it at a
    space (``unwrap._breakable``, less the width); ``cjk``, it holds a script written without
    spaces; ``words4``, it has four words or more; ``text``, its text less the blank around it."""

    lines: list[str]
    text: list[str]
    filled: np.ndarray
    indent: np.ndarray
    length: np.ndarray
    first: np.ndarray
    head: np.ndarray
    cont: np.ndarray
    breaks: np.ndarray
    breakable: np.ndarray
    cjk: np.ndarray
    words4: np.ndarray


def _ints(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64)


# the blanks ``str.split`` splits at but the space and the line break
_ASCII_BLANKS = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
_WIDE_BLANKS = frozenset(c for c in range(0x80, 0x3001) if chr(c).isspace())
_CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))  # CJK_RE's
_FEW_CHARS = 400  # characters other than ASCII below which each is looked up on its own


@dataclass(slots=True)
class _Chars:
    """The characters of a page's text other than ASCII: where each stands and its code point;
    ``odd``, the places of those that take other than one column, and ``extra``, the columns
    each takes less one, summed up to it (0 first)."""

    at: np.ndarray
    codes: np.ndarray
    odd: np.ndarray
    extra: np.ndarray
    plain: bool  # no blank in the text but the space and the line break (``_words``)
    has_cjk: bool = False  # a character CJK_RE matches

    @classmethod
    def of(cls, text: str, breaks: int) -> _Chars:
        """The text's; ``breaks``, how many line breaks it has between its lines (one fewer
        than its lines): a line holding one is not ``plain``."""
        if text.isascii():
            none = np.zeros(0, dtype=np.int64)
            plain = text.count("\n") == breaks and not any(b in text for b in _ASCII_BLANKS)
            return cls(none, none, none, np.zeros(1, dtype=np.int64), plain, False)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        # every control character (below U+0020) a line break between two lines
        plain = bool(np.count_nonzero(codes < 0x20) == breaks)
        at = np.flatnonzero(codes > 0x7F)
        codes = codes[at]
        if len(codes) <= _FEW_CHARS:  # most pages: a few quotes and dashes, looked up one by one
            listed = codes.tolist()
            found = set(listed)
            cols = _ints([len(_COLUMNS[c]) for c in listed])
        else:  # each distinct character measured once
            distinct, where = np.unique(codes, return_inverse=True)
            found = set(distinct.tolist())
            cols = _ints([len(_COLUMNS[c]) for c in distinct.tolist()])[where.reshape(-1)]
        odd = cols != 1
        extra = np.zeros(np.count_nonzero(odd) + 1, dtype=np.int64)
        np.cumsum(cols[odd] - 1, out=extra[1:])
        plain = bool(plain) and _WIDE_BLANKS.isdisjoint(found)
        cjk = max(found, default=0) >= _CJK_RANGES[0][0] and any(
            lo <= c <= hi for c in found for lo, hi in _CJK_RANGES
        )
        return cls(at, codes, at[odd], extra, plain, cjk)

    def widths(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """The display width of each span of the text from ``start`` to ``end`` (``display_width``
        of it): its characters, plus the columns more or less than one that the odd ones take."""
        if len(self.odd) == 0:
            plain: np.ndarray = end - start
            return plain
        extra = self.extra
        widths: np.ndarray = (
            end
            - start
            + extra[np.searchsorted(self.odd, end)]
            - extra[np.searchsorted(self.odd, start)]
        )
        return widths

    def cjk_lines(self, starts: np.ndarray) -> np.ndarray:
        """The lines (each starting at ``starts``) that hold a character CJK_RE matches (a
        line as often as it holds one)."""
        codes = self.codes
        found = np.zeros(len(codes), dtype=bool)
        if self.has_cjk:
            for lo, hi in _CJK_RANGES:
                found |= (codes >= lo) & (codes <= hi)
        lines: np.ndarray = np.searchsorted(starts, self.at[found], side="right") - 1
        return lines


def _lines_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[int]:
    """The lines (each starting at ``starts`` in ``text``) where ``pattern`` matches, each once."""
    found = [bisect_right(starts, m.start()) - 1 for m in pattern.finditer(text)]
    return list(dict.fromkeys(found))


# where a line's text (each line's after a line break) may hold what BULLET_RE, HEADING_RE or
# RULE_RE match: a list mark or a heading's, a decimal digit, anything before a "." or a ")"
_MAY_MARK = re.compile(r"\n(?:[*+\-•·◦▪■●○□☆#_=\d]|[^\n][.)])")
_CELL_GAP_RE = re.compile(CELL_GAP)
_LINK_RE = re.compile(re.escape("]("))
_BAR_RE = re.compile(re.escape("|"))


# BULLET_RE, HEADING_RE and RULE_RE in one: each needs all of a line's leading blank before
# its first character (none is a blank), so the first of them that matches a line matches here
_MARKS_RE = re.compile(rf"^\s*(?:({_MARK})\s+|{_HEADING}|{_RULE})")


def _marked(lines: list[str], may: list[int]) -> tuple[dict[int, int], list[int]]:
    """``{line: end of its list mark}`` (BULLET_RE) and the lines that open an item, a heading
    or a rule, of the lines ``may`` (the others open none)."""
    bullets: dict[int, int] = {}
    breaks: list[int] = []
    match = _MARKS_RE.match
    for k in may:
        mark = match(lines[k])
        if mark is not None:
            breaks.append(k)
            if mark.group(1) is not None:
                bullets[k] = mark.end()
    return bullets, breaks


def _words(
    text: list[str], joined: str, start: np.ndarray, size: np.ndarray, plain: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Of each line's text (``text``; found in ``joined`` from ``start``, ``size`` characters):
    the length of its first word, whether it has two words and whether four. Where no blank but
    the space stands inside a line (``plain``), the first word ends at the first space, and a
    line has as many words as runs of spaces and one: found for the page at once from where
    ``joined`` has a space and where two in a row (a line's text has none at its ends)."""
    if plain:
        if joined.isascii():
            codes = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
        else:
            codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        space = codes == 32
        spaces = np.flatnonzero(space)
        if len(spaces) == 0:
            none = np.zeros(len(text), dtype=bool)
            return size, none, none
        doubled = np.flatnonzero(space[:-1] & space[1:])  # the first space of two in a row
        end = start + size
        before, upto = np.searchsorted(spaces, start), np.searchsorted(spaces, end)
        two = upto > before  # a space inside the text: a second word
        first = np.where(two, spaces[np.minimum(before, len(spaces) - 1)] - start, size)
        runs = upto - before - (np.searchsorted(doubled, end) - np.searchsorted(doubled, start))
        return first, two, runs >= 3
    tokens = [wrap_words(t, 3) for t in text]
    first = _ints([len(w[0]) if w else 0 for w in tokens])
    count = _ints(list(map(len, tokens)))
    return first, count > 1, count >= 4


def shape_of(lines: list[str]) -> Shape:
    """The ``Shape`` of ``lines`` (see the class)."""
    n = len(lines)
    right = list(map(str.rstrip, lines))
    text = list(map(str.lstrip, right))
    sizes = _ints(list(map(len, text)))
    indent = _ints(list(map(len, right))) - sizes
    filled = sizes > 0
    starts = np.zeros(n + 1, dtype=np.int64)  # where each line starts in ``joined``
    np.cumsum(_ints(list(map(len, lines))) + 1, out=starts[1:])
    starts = starts[:-1]
    joined = "\n".join(lines)
    chars = _Chars.of(joined, n - 1)
    lead_end = starts + indent
    first_len, two, words4 = _words(text, joined, lead_end, sizes, chars.plain)
    word_end = lead_end + first_len
    length = chars.widths(starts, lead_end + sizes)
    first = chars.widths(lead_end, word_end)
    head = chars.widths(starts, word_end)
    # each line's text after a line break, and where each starts there
    texts = "\n" + "\n".join(text)
    before = np.zeros(n, dtype=np.int64)  # the line break before each text
    np.cumsum(sizes[:-1] + 1, out=before[1:])
    breaks_at = before.tolist()
    text_starts = (before + 1).tolist()
    bullets, broken = _marked(lines, _lines_at(_MAY_MARK, texts, breaks_at))
    cont = indent.copy()
    bullet = np.zeros(n, dtype=bool)
    breaks = np.zeros(n, dtype=bool)
    breaks[broken] = True
    if bullets:
        keys = _ints(list(bullets))
        cont[keys] = _ints(list(bullets.values()))
        bullet[keys] = True
    # a list item, a table row or a link: wrappers leave some of them whole (``_breakable``)
    breakable = filled & two & ~bullet
    if CELL_GAP in texts:
        breakable[_lines_at(_CELL_GAP_RE, texts, text_starts)] = False
    if "|" in texts:  # a "|" standing as a word of its own: the lines holding one asked
        bars = [k for k in _lines_at(_BAR_RE, texts, text_starts) if "|" in text[k].split()]
        breakable[bars] = False
    if "](" in texts:
        breakable[_lines_at(_LINK_RE, texts, text_starts)] = False
    cjk = np.zeros(n, dtype=bool)
    cjk[chars.cjk_lines(starts)] = True
    return Shape(
        lines, text, filled, indent, length, first, head, cont, breaks, breakable, cjk, words4
    )


_SPAN = MAX_WIDTH - MIN_WIDTH + 2  # the widths looked for, and one past the widest


def best_widths(
    rows: np.ndarray,
    ends: np.ndarray,
    words: np.ndarray,
    against_rows: np.ndarray,
    against: np.ndarray,
    count: int,
    against_from: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``unwrap._best_width`` of each of ``count`` groups of line ends at once: line ``k`` of
    group ``rows[k]`` is ``ends[k]`` wide and the next line's first word ``words[k]``; each width
    of ``against`` (of group ``against_rows``) speaks against every narrower width (from
    ``against_from`` on, where given: a line whose first word ends far in fits no narrower
    width, and speaks against none). The width
    each group agrees with most (0 where none), and how many of its lines agree with it: the
    difference arrays of the agreeing and the contradicting lines over the widths, summed."""
    lo, hi = np.maximum(ends, MIN_WIDTH), np.minimum(ends + words, MAX_WIDTH)
    ok = lo <= hi
    size = count * _SPAN
    base = rows[ok] * _SPAN - MIN_WIDTH
    agree = np.bincount(base + lo[ok], minlength=size)
    agree -= np.bincount(base + hi[ok] + 1, minlength=size)
    cut = against > MIN_WIDTH
    base = against_rows[cut] * _SPAN
    if against_from is not None:  # each line speaks against the widths from its own on
        cut &= (against_from < against) & (against_from <= MAX_WIDTH)
        base = against_rows[cut] * _SPAN
        over = np.bincount(base + against_from[cut] - MIN_WIDTH, minlength=size)
    else:
        over = np.bincount(base, minlength=size)
    over -= np.bincount(base + np.minimum(against[cut], MAX_WIDTH + 1) - MIN_WIDTH, minlength=size)
    running = np.cumsum(agree.reshape(count, _SPAN), axis=1)[:, :-1]
    score = running - np.cumsum(over.reshape(count, _SPAN), axis=1)[:, :-1]
    best = np.argmax(score, axis=1)  # the first, the narrowest, of the best
    every = np.arange(count)
    taken = score[every, best] > 0
    return np.where(taken, best + MIN_WIDTH, 0), np.where(taken, running[every, best], 0)


def widths_at(shape: Shape, wrap: Wrap) -> np.ndarray:
    """``wrap.at`` of each line's indentation."""
    width = np.full(len(shape.lines), wrap.default, dtype=np.int64)
    for indent, w in wrap.widths.items():
        width[shape.indent == indent] = w
    return width


def wrapped_pairs(shape: Shape, wrap: Wrap) -> np.ndarray:
    """For each line but the last, whether it was cut by ``wrap`` and the next line goes on with
    its text (``unwrap._wrapped`` of the two): both have text, the line is not at an indentation
    of a list (``Wrap.lists``), it ends within ``SLACK`` columns under its width and the next
    line's first word would not have fitted after it, the next line opens no item, heading or
    rule, and it is indented no deeper than the line's text (under a list mark's end)."""
    width = widths_at(shape, wrap)[:-1]
    length, indent, filled = shape.length[:-1], shape.indent, shape.filled
    pairs: np.ndarray = (
        filled[:-1]
        & filled[1:]
        & (length >= width - SLACK)
        & (length <= width)
        & (length + 1 + shape.first[1:] > width)
        & ~shape.breaks[1:]
        & (indent[1:] <= shape.cont[:-1])
    )
    if wrap.lists:
        pairs &= ~np.isin(indent[:-1], list(wrap.lists))
    return pairs
