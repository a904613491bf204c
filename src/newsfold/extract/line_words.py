"""Which of a page's lines hold a pattern's words, or its matches, found for the page at once
instead of asking each line: a line found by neither holds no match, and is not asked.

``lines_holding``: the lines joined and lowered once, each word looked for with ``str.find``
over them, instead of the pattern run over each line (a case-insensitive alternation is tried
at every character of every line), for a pattern whose every match holds one of the words
(``group_words``). ``lines_matching``: one search of the lines joined by newlines, for a
pattern whose match on a line alone is a match at the same place in the page."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate, repeat
from operator import add
from typing import Protocol

import numpy as np

from . import cues
from .date_cues import fold


class Worded(Protocol):
    """A pattern (``re.Pattern``, ``date_cues.Cue``) whose first group's words ``group_words``
    reads."""

    @property
    def pattern(self) -> str: ...

    @property
    def flags(self) -> int: ...

    def __hash__(self) -> int: ...  # ``group_words`` is cached by pattern


# an alternative of plain words: what it matches (re.IGNORECASE) a lowered line holds as it is
_PLAIN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")
_GROUP = re.compile(r"\(([^()]*)\)")


@cache
def group_words(pattern: Worded) -> tuple[str, ...]:
    """The alternatives of ``pattern``'s first group, lowered: where the group is no optional
    part of the pattern (every match holds the group's), a text the pattern matches holds one of
    them as ``lines_holding`` reads it. Raises where they are not plain words."""
    group = _GROUP.search(pattern.pattern)
    if group is None or not pattern.flags & re.I:
        raise ValueError(f"{pattern.pattern!r}: no group of words read case-insensitively")
    words = tuple(w.lower() for w in group.group(1).split("|"))
    if not all(_PLAIN.fullmatch(w) for w in words):
        raise ValueError(f"{pattern.pattern!r}: its group's alternatives are not plain words")
    if any(fold(w) != w for w in words):  # ``lines_holding`` reads a folded text
        raise ValueError(f"{pattern.pattern!r}: its group's words are not folded (``Cue``)")
    return words


def few_words_holding(texts: list[str], most: int, *patterns: Worded) -> set[int]:
    """The indices of ``texts`` of ``most`` words or fewer (``str.split``) that hold a word of one
    of ``patterns``' groups (``group_words``) as ``lines_holding`` reads them: where none of
    those matches a text of more words, none of them matches one outside the set. The words of
    a long text past the first ``most + 1`` are not split off, nor is it searched."""
    few = [k for k, t in enumerate(texts) if len(t.split(None, most)) <= most]
    words = tuple(w for p in patterns for w in group_words(p))
    return {few[j] for j in lines_holding([texts[k] for k in few], words)}


def lines_holding(texts: list[str], words: tuple[str, ...]) -> set[int]:
    """The indices of ``texts`` that hold one of ``words`` (lower case and folded, no newline)
    as ``cues.holds_word`` reads a text (lowered, the letters re.IGNORECASE reads as ASCII ones
    made those first) and its accents folded (``date_cues.fold``, as a ``Cue`` reads it: the
    words of a plain pattern, which a fold leaves alone, are ASCII)."""
    low, starts = lowered(texts)
    return holding(words, fold(low), starts)


def lowered(texts: list[str]) -> tuple[str, list[int]]:
    """``texts`` joined by newlines and lowered as ``cues.holds_word`` lowers a text, and where
    each begins in it."""
    joined = "\n".join(texts)
    if not joined.isascii() and cues.unlowered(joined):
        # U+0130 is the one letter str.lower lengthens: folded first, the offsets hold
        joined = joined.translate(cues._IGNORECASE_ALIKE)
    # each text's start: the lengths of the texts above it, a newline each, summed at C speed
    return joined.lower(), list(accumulate(map(add, map(len, texts[:-1]), repeat(1)), initial=0))


def holding(words: tuple[str, ...], low: str, starts: list[int]) -> set[int]:
    """The index of each text of ``low`` (``lowered``; ``starts``, where each begins) that holds
    one of ``words`` (none holds a newline, so each is found inside a text): each word found
    with ``str.find`` over them all, from the next text on once a text holds it."""
    found: set[int] = set()
    last = len(starts) - 1
    for word in words:
        p = low.find(word)
        while p >= 0:
            j = bisect_right(starts, p) - 1
            found.add(j)
            if j == last:
                break
            p = low.find(word, starts[j + 1])
    return found


def lines_matching(pattern: re.Pattern[str], texts: list[str]) -> set[int]:
    """The indices of ``texts`` where a match of ``pattern`` in the texts joined by newlines
    starts: every text ``pattern`` matches on its own, where a match on a text alone is one at
    the same place among the others and no match overlaps the next (``pattern`` matches a
    character, and what it asserts of the characters around it a newline may stand for)."""
    starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    return {bisect_right(starts, m.start()) - 1 for m in pattern.finditer("\n".join(texts))}


# no code point from here on is a digit (``str.isdigit``; tests/test_extract_speed.py): the
# table below stops there, its last entry (False) standing for every code point past it
DIGITS_END = 0x20000


@cache
def _digit_table() -> np.ndarray:
    """``str.isdigit`` of every code point under DIGITS_END, and False for DIGITS_END: one
    boolean each (made on first use, some 20 ms)."""
    return np.fromiter(
        map(str.isdigit, map(chr, range(DIGITS_END + 1))), dtype=bool, count=DIGITS_END + 1
    )


def digit_texts(texts: list[str]) -> list[int]:
    """The indices of ``texts`` that hold a digit (``str.isdigit``), in order: the texts' code
    points read at once as an array (an ASCII page's as bytes, whose digits are "0" to "9"), each
    looked up in ``_digit_table``, and each digit's text found from where the texts end. (A
    search of the texts joined by newlines for each one's first digit, the class of every digit
    tried at each character and each match asked for its text, took twice as long on 600
    html_text dumps, most of which hold some non-ASCII text.)"""
    if not texts:
        return []
    joined = "".join(texts)
    if joined.isascii():
        codes = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
        digits = np.flatnonzero((codes - 48) < 10)  # "0" to "9" (the others wrap round above)
    else:
        # UTF-32: a code point an entry (a lone surrogate too, which no digit is): "0" to "9"
        # compared, the few code points past ASCII looked up in the table
        wide = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        other = np.flatnonzero(wide > 127)
        other = other[_digit_table()[np.minimum(wide[other], DIGITS_END)]]
        digits = np.flatnonzero((wide - 48) < 10)
        if len(other):
            digits = np.sort(np.concatenate((digits, other)))
    if not len(digits):
        return []
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
    # the text each digit is in: the first whose end lies past it (an empty text's end is the
    # next one's start, and holds none)
    at = np.searchsorted(ends, digits, side="right")
    found: list[int] = at[np.concatenate(([True], at[1:] != at[:-1]))].tolist()  # once each
    return found
