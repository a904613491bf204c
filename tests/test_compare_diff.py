"""The compiled diff (cydifflib) that ``word_edits`` uses gives difflib's very opcodes, so the
edits of a story's variant readings are what pure-Python difflib gives."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.match import edits

cydifflib = pytest.importorskip("cydifflib")

# a small vocabulary: many repeated words, so that the longest matches tie often
_WORDS = st.sampled_from(["the", "a", "said", "U.S.", "US", ",", ".", '"', "police", "1,200"])


@settings(max_examples=300, deadline=None)
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
