"""Normalisation for matching only: the stored text always stays as published.

Copies of one story differ in Unicode forms, quotes and dashes, case, British/American spelling,
abbreviations ("U.S."/"US", "New Zealand"/"NZ") and number forms ("1,200"/"1200"). Matching
folds all of these away; the tables live in ``data/`` as plain JSON.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from ..dates import trie_alternation

_QUOTES = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
        "«": '"', "»": '"', "–": "-", "—": "-", "―": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " ",
    }
)  # fmt: skip
_QUOTE_PAIRS = tuple((chr(k), v) for k, v in _QUOTES.items())


def _folded_quotes(text: str) -> str:
    """``text.translate(_QUOTES)``, by a replacement of each of its characters the text holds:
    ten times faster (translate looks each character of a non-ASCII text up in the table), and
    the same, since no character is mapped to one that the table maps."""
    for char, to in _QUOTE_PAIRS:
        if char in text:
            text = text.replace(char, to)
    return text


# the separator first and the digit before it looked behind for: the matches of
# "(?<=\d)[,  ](?=\d{3}\b)", found by skipping to commas and spaces where that pattern was tried
# at every character (a third less time on a page's paragraphs)
_THOUSANDS = re.compile(r"[,  ](?<=\d[,  ])(?=\d{3}\b)")
_TOKEN = re.compile(r"\w+")
TOKEN_CACHE = 32768  # paragraphs whose tokens are kept, per process
_SUFFIXES = ("s", "es", "d", "ed", "ing", "er", "ers", "ment", "ments", "ly")


@cache
def spelling_table() -> dict[str, str]:
    """British -> American spellings (base forms; inflections are derived)."""
    data = resources.files("newsfold").joinpath("data/spelling.json").read_text("utf-8")
    return dict(json.loads(data))


@cache
def abbreviation_table() -> dict[str, str]:
    """Written variants -> one canonical form ("u.s." -> "us", "new zealand" -> "nz")."""
    data = resources.files("newsfold").joinpath("data/abbreviations.json").read_text("utf-8")
    table = dict(json.loads(data))
    # multi-word spellings ("per cent") are phrases too
    table.update({k: v for k, v in spelling_table().items() if " " in k})
    return table


@cache
def _phrase_re() -> re.Pattern[str]:
    # a phrase starts no word's tail and no abbreviation's ("u.s." inside "e.u.s."), and ends
    # where a word does; the phrases as a prefix tree: a third less time than their alternation
    return re.compile(r"(?<![\w.])" + trie_alternation(abbreviation_table()) + r"(?![\w])")


# an -ise/-isation word ("organised"); compiled once (``american`` is asked of each new word)
_ISE = re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$")


@cache
def american(token: str) -> str:
    """The American spelling of a lower-case word, inflections included."""
    table = spelling_table()
    if token in table:
        return table[token]
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) > len(suffix) + 3:
            stem = token[: -len(suffix)]
            for base in (stem, stem + "e"):
                if base in table:
                    us = table[base]
                    if base.endswith("e") and not stem.endswith("e") and us.endswith("e"):
                        us = us[:-1]
                    return us + suffix
    # -isation/-ise families not listed: organisation, -ising
    m = _ISE.match(token) if "is" in token else None
    if m and m.group(1) + "iz" + m.group(2) != token and m.group(1)[-1] not in "aeiouw":
        candidate = m.group(1) + "iz" + m.group(2)
        if m.group(1) + "ise" in table or m.group(1) + "isation" in table:
            return candidate
    return token


def fold_text(text: str) -> str:
    """Unicode, quotes, dashes, case and thousands separators folded; phrases canonicalised."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():  # (every character _QUOTES maps is outside ASCII)
        text = _folded_quotes(text)
    text = text.lower()
    text = _THOUSANDS.sub("", text)
    table = abbreviation_table()
    return _phrase_re().sub(lambda m: table[m.group(0)], text)


def tokens(text: str) -> list[str]:
    """Matching tokens of ``text``: folded, then each word in American spelling."""
    return list(map(american, _TOKEN.findall(fold_text(text))))


@lru_cache(maxsize=TOKEN_CACHE)
def cached_tokens(text: str) -> tuple[str, ...]:
    """``tokens`` of a paragraph, remembered: copies of a story share most paragraphs word for
    word, and verification, alignment and merging each need their tokens."""
    return tuple(tokens(text))


@cache
def _multiword_spellings() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """The spelling table's phrases of several words ("per cent"), in its order, each with its
    American spelling and its pattern: the few ``_spelled`` looks for, not the whole table a
    call."""
    table = spelling_table()
    return tuple((k, v, re.compile(rf"\b{re.escape(k)}\b")) for k, v in table.items() if " " in k)


def _spelled(text: str) -> list[str]:
    text = text.lower()
    for phrase, us, pattern in _multiword_spellings():
        if phrase in text:
            text = pattern.sub(us, text)
    return [american(t) for t in _TOKEN.findall(text)]


def same_modulo_spelling(a: str, b: str) -> bool:
    """True when two readings differ only in British/American spelling."""
    return _spelled(a) == _spelled(b)
