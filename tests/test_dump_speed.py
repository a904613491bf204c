"""The fast forms of the dump path's patterns and prefilters give what the plain forms give."""

from __future__ import annotations

import re

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
