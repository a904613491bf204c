"""The fast forms of the dump path's patterns and prefilters give what the plain forms give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# a few letters, the blanks a dump holds, and the brackets an image's name is printed in
_CHARS = " ab\t\n\u00a0\u3000[]_1."


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=30))
def test_gap_pattern(text: str) -> None:
    from newsfold.extract.columns import _GAP_RE

    plain = re.compile(r"\S {3,}\S")
    assert (_GAP_RE.search(text) is None) == (plain.search(text) is None)


def test_gap_pattern_known() -> None:
    from newsfold.extract.columns import _GAP_RE

    assert _GAP_RE.search("News    Sport")
    assert _GAP_RE.search("a   b")
    assert not _GAP_RE.search("a  b")
    assert not _GAP_RE.search("    indented line")
    assert not _GAP_RE.search("text ending in blanks    ")
    assert not _GAP_RE.search("a\n   b")


def test_datetimes_read_once_same_answer() -> None:
    from newsfold import dates

    text = "Posted 12 March 2021 10:15, updated 2021-03-13T08:00:00Z"
    dates._FOUND.clear()
    first = list(dates.find_datetimes(text))
    assert text in dates._FOUND.items  # read once, kept
    assert list(dates.find_datetimes(text)) == first == list(dates._read_datetimes(text))
    assert [dt.day for _, dt in first] == [12, 13]
    assert list(dates.find_datetimes("no digit here")) == []


def test_datetimes_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsfold import dates

    monkeypatch.setattr(dates._FOUND, "max_items", 10)
    dates._FOUND.clear()
    for day in range(1, 29):
        assert next(dates.find_datetimes(f"{day} March 2021"))[1].day == day
        assert len(dates._FOUND.items) <= 10
    monkeypatch.setattr(dates._FOUND, "max_chars", 40)
    long = "5 May 2020 " + "x" * 50
    assert next(dates.find_datetimes(long))[1].month == 5
    assert long not in dates._FOUND.items  # a text longer than the memo's bound is read, not kept
    assert sum(map(len, dates._FOUND.items)) <= 40


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aİıſKé\u0130x ", max_size=20))
def test_unlowered(text: str) -> None:
    from newsfold.extract import cues

    assert cues.unlowered(text) == (re.search("[\u0130\u0131\u017f]", text) is not None)
