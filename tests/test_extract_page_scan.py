"""The searches a page dump is read with at once give what the per-line tests they stand for
give: ``lines.scan_page`` (cue words and which lines may give a time) against ``cues.holds_word``
and ``lines._gives_time`` asked line by line, on Hypothesis pages written with the characters
that make those tests differ (the letters re.IGNORECASE folds, digits, dots, the words)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.extract import cues
from newsfold.extract.body import CUE_WORD_MAX_WORDS, _pre_label
from newsfold.extract.lines import Line, _gives_time, count_words, scan_page

# pieces of lines: the words the scans look for, their neighbours, and the letters str.lower
# and re.IGNORECASE treat apart (U+0130 lengthens under str.lower, and would move offsets)
PIECES = st.sampled_from(
    [
        *cues.LINE_CUE_WORDS,
        "Comment",
        "PHOTO",
        "\u0130mage",
        "f\u0131le",
        "ago",
        "AGO",
        "just now",
        "Ye\u017fterday",
        "today",
        "2024",
        "19.10.19",
        "3.4.22",
        "12",
        ".",
        "\u0130",
        "\u0131",
        "\u017f",
        "\u212a",
        "\u00e9",
        "\u4e2d\u6587",
        "a",
        "x",
        " ",
    ]
)
# a line of a few words, or one of TIME_LINE_MAX_WORDS or CUE_WORD_MAX_WORDS words or more,
# around the limits of the two scans
LINE = st.tuples(
    st.sampled_from([0, 15, 20, 55, 60]),
    st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=8),
).map(lambda x: " ".join(("w " * x[0] + "".join(x[1])).split()))


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=10))
def test_scan_page_as_each_line(texts: list[str]) -> None:
    lines = [Line(n=k, text=t, words=count_words(t)) for k, t in enumerate(texts)]
    cue_words = scan_page(lines, CUE_WORD_MAX_WORDS)
    for k, ln in enumerate(lines):
        holds = cues.holds_word(ln.text, cues.LINE_CUE_WORDS)
        assert (k in cue_words) == (holds and ln.words <= CUE_WORD_MAX_WORDS), ln.text
        # a longer line's label is the same without its cue words
        assert _pre_label(ln, None, k in cue_words) == _pre_label(ln, None), ln.text
        if ln.time is not None:  # known without parsing: then it gives none
            assert ln.time is False
            assert not _gives_time(ln), ln.text


def test_scan_page_marks_lines() -> None:
    texts = ["By Jane Doe 2 hours ago", "Photo: \u0130stanbul", "A plain line", "x " * 30 + "2024"]
    lines = [Line(n=k, text=t, words=count_words(t)) for k, t in enumerate(texts)]
    assert scan_page(lines, CUE_WORD_MAX_WORDS) == {1}
    assert [ln.time for ln in lines] == [None, False, False, False]
    assert scan_page([], CUE_WORD_MAX_WORDS) == set()
    with pytest.raises(ValueError, match="cue_max_words=5"):
        scan_page(lines, 5)
