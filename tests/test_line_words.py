"""extract.line_words: the lines a pattern's words are found on hold every line the pattern
matches (``published.cued_time`` asks only those)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.extract.headline import _GLUE_MARK
from newsfold.extract.line_words import group_words, lines_holding, lines_matching
from newsfold.extract.published import DATE_LABEL, PUBLISHED_CUE, UPDATED_CUE, cued_time

CUES = (PUBLISHED_CUE, DATE_LABEL, UPDATED_CUE)


def test_group_words_reads_the_alternatives() -> None:
    assert group_words(re.compile(r"\b(Posted|filed under)\b", re.I)) == ("posted", "filed under")
    with pytest.raises(ValueError):
        group_words(re.compile(r"\b(post\w*|filed)\b", re.I))  # not plain words
    with pytest.raises(ValueError):
        group_words(re.compile(r"\b(posted)\b"))  # read with its case


_PIECES = "Posted POSTED po\u017fted Ver\u00f6ffentlicht \u0130 date Datum: x upDATED postedx de ."
PIECES = st.sampled_from([*_PIECES.split(), "mis \u00e0 jour", "--", " ", "\t", "12 May 2021"])
LINES = st.lists(st.lists(PIECES, max_size=6).map(" ".join), max_size=8)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_every_line_a_cue_matches_is_held(lines: list[str]) -> None:
    for pattern in CUES:
        held = lines_holding(lines, group_words(pattern))
        assert {k for k, t in enumerate(lines) if pattern.search(t)} <= held


def test_cued_time_reads_the_held_lines() -> None:
    lines = ["Home", "Sport", "Po\u017fted on 4 March 2021", "Weather"]
    assert lines_holding(lines, group_words(PUBLISHED_CUE)) == {2}
    assert cued_time(lines) == cued_time(lines[2:3]) is not None
    assert cued_time(["Home", "Filed 4 March 2021"]) is None


MARKED = st.lists(
    st.lists(st.sampled_from(["|", "»", "-", "–", " ", "a", "Headline", "/", ">"]), max_size=8).map(
        "".join
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(MARKED)
def test_every_line_a_glue_mark_is_on_is_matched(lines: list[str]) -> None:
    found = lines_matching(_GLUE_MARK, lines)
    assert {k for k, t in enumerate(lines) if _GLUE_MARK.search(t)} <= found
