"""The searches a page dump is read with at once give what the per-line tests they stand for
give: ``lines.scan_page`` (cue words and which lines may give a time) against ``cues.holds_word``
and ``lines._gives_time`` asked line by line, on Hypothesis pages written with the characters
that make those tests differ (the letters re.IGNORECASE folds, digits, dots, the words)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.extract import cues
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
LINE = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=8).map(
    lambda parts: " ".join("".join(parts).split())
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=10))
def test_scan_page_as_each_line(texts: list[str]) -> None:
    lines = [Line(n=k, text=t, words=count_words(t)) for k, t in enumerate(texts)]
    cue_words = scan_page(lines)
    for k, ln in enumerate(lines):
        assert (k in cue_words) == cues.holds_word(ln.text, cues.LINE_CUE_WORDS), ln.text
        if ln.time is not None:  # known without parsing: then it gives none
            assert ln.time is False
            assert not _gives_time(ln), ln.text


def test_scan_page_marks_lines() -> None:
    texts = ["By Jane Doe 2 hours ago", "Photo: \u0130stanbul", "A plain line", "x " * 30 + "2024"]
    lines = [Line(n=k, text=t, words=count_words(t)) for k, t in enumerate(texts)]
    assert scan_page(lines) == {1}
    assert [ln.time for ln in lines] == [None, False, False, False]
    assert scan_page([]) == set()
