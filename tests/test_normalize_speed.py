"""The matching normalisation's fast paths give what their plain forms give: quotes and dashes
folded by replacement rather than ``str.translate``, thousands separators found from the
separator, and the -ise reading asked of words that hold "is" only."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.match import normalize
from newsfold.match.normalize import _QUOTES, _folded_quotes, american, fold_text, tokens

# the plain forms, as they were written before the fast paths
_PLAIN_THOUSANDS = re.compile(r"(?<=\d)[,  ](?=\d{3}\b)")
_PLAIN_ISE = r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$"


def _plain_fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = _PLAIN_THOUSANDS.sub("", text)
    table = normalize.abbreviation_table()
    return normalize._phrase_re().sub(lambda m: table[m.group(0)], text)


# the characters each rule reads, often, among any others
_TEXT = st.text(
    alphabet=st.sampled_from(list("ab1 2,3.0 4\u00a0\u202f‘’“”–—−«»-'\"U.S.é\n")) | st.characters(),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_fold_text_folds_as_the_plain_form(text: str) -> None:
    assert _folded_quotes(text) == text.translate(_QUOTES)
    assert fold_text(text) == _plain_fold(text)


def test_thousands_separators_as_before() -> None:
    for text in ("1,000,000", "a 12,345 b", "1,2,345", "1,23", ",123", "9 999 and 1 0000", "x,123"):
        assert fold_text(text) == _plain_fold(text)
    assert fold_text("1,000,000 people") == "1000000 people"


def _plain_ise(token: str) -> str | None:
    m = re.match(_PLAIN_ISE, token)
    return None if m is None else m.group(1) + "iz" + m.group(2)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[a-z]{0,8}(?:is)?(?:e|es|ed|ing|ation|ations|er|ers)?", fullmatch=True))
def test_ise_words_read_as_before(token: str) -> None:
    got = normalize._ISE.match(token) if "is" in token else None
    want = _plain_ise(token)
    assert (None if got is None else got.group(1) + "iz" + got.group(2)) == want


def test_tokens_of_british_spellings() -> None:
    assert tokens("The organisation’s “colour” – 1,200 organised") == [
        "the",
        "organization",
        "s",
        "color",
        "1200",
        "organized",
    ]
    assert american("realising") == "realizing"


# the phrases as their plain form: an alternation of them, longest first (what the prefix tree of
# ``dates.trie_alternation`` replaced in ``normalize._phrase_re``)
_KEYS = sorted(normalize.abbreviation_table(), key=len, reverse=True)
_PLAIN_PHRASES = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, _KEYS)) + r")(?![\w])")
# texts of the keys, their beginnings and the characters around them, as the phrases meet text
_PIECES = _KEYS + [k[:i] for k in _KEYS for i in range(1, len(k))] + [" ", ".", "a", "-", "e."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_phrases_found_by_the_prefix_tree_as_by_their_alternation(pieces: list[str]) -> None:
    text = "".join(pieces)
    tree = [m.span() for m in normalize._phrase_re().finditer(text)]
    assert tree == [m.span() for m in _PLAIN_PHRASES.finditer(text)]
