"""Shortcuts of matching and merging that must give what the plain computation gives: the
compiled diff (cydifflib) of ``word_edits``, the pruned alignment, the first shared run."""

from __future__ import annotations

import difflib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.match import align, compare, edits

cydifflib = pytest.importorskip("cydifflib")

# a small vocabulary: many repeated words, so that the longest matches tie often
_WORDS = st.sampled_from(["the", "a", "said", "U.S.", "US", ",", ".", '"', "police", "1,200"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=40), st.lists(_WORDS, max_size=40))
def test_compiled_opcodes_are_difflibs(a: list[str], b: list[str]) -> None:
    want = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    got = cydifflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    assert [tuple(o) for o in got] == [tuple(o) for o in want]


def test_word_edits_uses_the_compiled_matcher(monkeypatch: pytest.MonkeyPatch) -> None:
    a = 'The U.S. organisation said on Monday that 1,200 people "left early."'
    b = "The US organization said on Tuesday that 1200 people left."
    assert edits.SequenceMatcher is cydifflib.SequenceMatcher
    got = edits.word_edits(a, b)
    monkeypatch.setattr(edits, "SequenceMatcher", difflib.SequenceMatcher)
    assert edits.word_edits(a, b) == got
    assert {e.kind for e in got} >= {"abbreviation", "spelling", "number_format", "word"}


_PARA = st.lists(
    st.sampled_from(["police", "said", "the", "fire", "on", "monday", "in", "city", "a", "mayor"]),
    max_size=14,
).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(st.lists(_PARA, max_size=7), st.lists(_PARA, max_size=7))
def test_align_pruned_is_align_in_full(a: list[str], b: list[str]) -> None:
    got = align.align(a, b)
    pruned = align._may_reach
    align._may_reach = lambda *_: True  # type: ignore[assignment]  # every sharing pair measured
    try:
        assert align.align(a, b) == got
    finally:
        align._may_reach = pruned  # type: ignore[assignment]


@given(st.lists(st.booleans(), max_size=30), st.integers(1, 12))
def test_first_run_is_the_convolved_first_run(covered: list[bool], n: int) -> None:
    c = np.array(covered, dtype=bool)
    want = len(c)
    if c.any():
        runs = np.convolve(c.astype(np.int32), np.ones(n, dtype=np.int32), "valid")
        hits = np.flatnonzero(runs >= n)
        want = int(hits[0]) if len(hits) else int(np.argmax(c))
    assert compare._first_run(c, n) == want


@given(st.lists(st.text(alphabet=" \n\tab.", max_size=12), max_size=5))
def test_body_words_are_the_bodys_split(paragraphs: list[str]) -> None:
    assert list(compare._body_words(tuple(paragraphs))) == "\n\n".join(paragraphs).split()
