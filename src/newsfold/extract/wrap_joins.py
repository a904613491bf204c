"""Where ``unwrap.py`` joins a wrapped line to the next: with a space, or without one where the
wrapper cut inside a word (a script without spaces, a word of a script without case cut by a
wrapper that counts columns, a word too long for any line, a word broken after its hyphen, an
address after a slash). Moved out of ``unwrap.py``, which is at its size limit."""

from __future__ import annotations

import re

import numpy as np

from .wrap_shape import Shape, wrap_words

# scripts written without spaces (Han, kana, full-width forms): a wrapped line joins the next
# without one. Hangul puts spaces between words: a wrapper that breaks at spaces (lynx,
# html2text) lost one there, one that counts columns (w3m) may cut a word (``_cut_in_word``)
_CJK_END = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]$")
_CJK_START = re.compile(r"^[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_ADDRESS_END = re.compile(r"(?<!\S)(?:\w+://)?\w[\w-]*(?:\.[\w-]+)+/(?:[^\s/]+/)*$")

# joined lines that end and go on in a script without case and fill their width to a column, as
# a share of those that end and go on so, for the page's wrapper to have cut words there
# (``_cuts_words``): on half A's two pages of Hangul, w3m's 0.93, lynx's 0.3
CUT_FULL_SHARE = 0.6


def _cuts_words(shape: Shape, pairs: np.ndarray, width: np.ndarray) -> bool:
    """Whether the page's wrapper cut words of a script without case (w3m, which counts
    columns) rather than broke lines at spaces (lynx, which counts characters, so that a line of
    Hangul ends anywhere up to several columns short of the width): of the joined lines that end
    and go on with such letters, ``CUT_FULL_SHARE`` fill their width to a column
    (``_cut_in_word``). A page with no such line cuts none."""
    text, length = shape.text, shape.length
    seen = full = 0
    for k in np.flatnonzero(pairs).tolist():
        # most lines end with an ASCII character, none of a script without case
        if not text[k][-1:].isascii() and _caseless_pair(text[k], text[k + 1]):
            seen += 1
            full += int(length[k]) >= int(width[k]) - 1
    return seen > 0 and full >= CUT_FULL_SHARE * seen


def _caseless_pair(line: str, nxt: str) -> bool:
    """The line ends and the next goes on with a letter of a script without case (Hangul,
    Thai...; not Han or kana, which join without a space anyway)."""
    head, tail = line.rstrip()[-1:], nxt.lstrip()[:1]
    return all(c.isalpha() and c.lower() == c.upper() for c in (head, tail)) and not (
        _CJK_END.search(head)
    )


def _cut_in_word(line: str, nxt: str, length: int, width: int) -> bool:
    """A wrapper that counts columns (w3m) cuts a word of a script without case where the
    line is full: the line (``length`` columns without its trailing blank, wrapped at
    ``width``) fills its width to a column and both sides are such letters."""
    return length >= width - 1 and _caseless_pair(line, nxt)


def _cut_long_word(text: str, length: int, width: int) -> bool:
    """A word too long for a line, cut where the line is full (lynx breaks an image's file name,
    an address, at its width and goes on with the rest of it on the next line; w3m and html2text
    leave it whole): the line (``text``, ``length`` columns, wrapped at ``width``) is that one
    word and fills its width to the column."""
    return length == width and len(wrap_words(text, 1)) == 1


def _join(head: str, tail: str, in_word: bool = False) -> str:
    head, tail = head.rstrip(), tail.strip()
    if in_word:
        return head + tail
    # a word broken after its hyphen (textwrap, as html2text uses, breaks there)
    if len(head) >= 2 and head[-1] == "-" and head[-2].isalnum() and tail[:1].isalnum():
        return head + tail
    # a web address broken after a slash (w3m breaks a word too long for the rest of the line
    # there: "www.example.org/" over "news"): one word, as every other renderer prints it
    if head[-1:] == "/" and tail[:1].isalnum() and _ADDRESS_END.search(head):
        return head + tail
    if _CJK_END.search(head) and _CJK_START.match(tail):
        return head + tail
    return head + " " + tail
