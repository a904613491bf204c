"""Issue 21's fast paths give what the code they stand for gave: ``lines.scan_page`` (cue words
and which lines may give a time, searched over the page) against ``cues.holds_word`` and
``lines._gives_time`` asked line by line, on Hypothesis pages written with the characters that
make those tests differ (the letters re.IGNORECASE folds, digits, dots, the words); the initial
pattern of ``byline_page`` against the one it replaced; the byline scorer's bound for lines of
one capitalised word against scoring every span."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.extract import byline_page, cues, text
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


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="aZé_1. \n-", max_size=40))
def test_initial_found_from_its_stop(text: str) -> None:
    """``byline_page._INITIAL`` (from the stop) finds a stop where the pattern that opened with
    the letter found the letter before it."""
    old = re.compile(r"(?<![^\W\d_])[^\W\d_]\.")
    assert [m.start() + 1 for m in old.finditer(text)] == [
        m.start() for m in byline_page._INITIAL.finditer(text)
    ]


def test_one_word_byline_is_still_read() -> None:
    """A line with one capitalised word holds only spans of one word, which ``choose_byline``
    bounds lower (``byline._prune_weights``), yet such a span still wins where its score says
    so: a site's name after a lower-case cue under the headline, beside the time (alone on its
    line, "Gazette" no longer clears the threshold of the model with given names, s22-byline)."""
    from newsfold.extract.byline import Layout, byline_features, byline_score, choose_byline

    texts = [
        "New footbridge opens over the Kessel river",
        "by Gazette",
        "4 May 2024 12:30",
        *["The council met on Tuesday to hear the plans for the new bridge in town."] * 3,
    ]
    lines = [Line(n=k, text=t, words=count_words(t)) for k, t in enumerate(texts)]
    layout = Layout(0, 3, 5, frozenset({"kessel", "river"}), frozenset({"gazette"}))
    scored = max(byline_features(lines, layout), key=lambda sf: byline_score(sf[1]))
    assert scored[0].printed == "by Gazette"
    assert choose_byline(lines, layout) == "by Gazette"


def old_runs(keys: list[object]) -> list[tuple[int, int]]:
    """``tables._runs`` before it grouped with itertools.groupby."""
    out, i = [], 0
    while i < len(keys):
        j = i
        while j < len(keys) and keys[j] is not None and keys[j] == keys[i]:
            j += 1
        if j > i:
            out.append((i, j))
        i = max(j, i + 1)
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([None, True, ("-|", True), ("-|", False), ("@:", True)])))
def test_runs_as_before(keys: list[object]) -> None:
    from newsfold.extract.tables import _runs

    assert list(_runs(keys)) == old_runs(keys)


@settings(max_examples=60, deadline=None)
@given(st.from_regex(text._BULLET))
def test_bullet_opens_with_its_first_characters(line: str) -> None:
    """``text._labelled_lines`` strips a bullet only from a line opening with _BULLET_FIRST."""
    assert line[0] in text._BULLET_FIRST


def old_slug_forms(text: str) -> frozenset[str]:
    """``sitenames.slug_forms`` before its ASCII fast path."""
    import unicodedata

    from newsfold.extract.sitenames import _SLUG_WORD, _TRANSLIT

    def fold(word: str) -> str:
        decomposed = unicodedata.normalize("NFKD", word)
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    low = text.lower()
    forms = set(_SLUG_WORD.findall(fold(low.translate(_TRANSLIT))))
    forms.update(_SLUG_WORD.findall(fold(low)))
    return frozenset(forms)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet="aZ9-_ .äÖßé\u0130\u212a\ufb01")))
def test_slug_forms_as_before(text: str) -> None:
    from newsfold.extract.sitenames import slug_forms

    assert slug_forms(text) == old_slug_forms(text)


@settings(max_examples=80, deadline=None)
@given(st.from_regex(cues.BYLINE))
def test_byline_opens_with_its_first_letters(line: str) -> None:
    """``lines._is_byline`` reads BYLINE only in a line opening with BYLINE_FIRST."""
    assert line[0] in cues.BYLINE_FIRST


def old_has_time(text: str) -> bool:
    from newsfold.dates import ambiguous_slashed, find_datetimes

    return any(True for _ in find_datetimes(text[:300])) or any(
        True for _ in ambiguous_slashed(text[:300])
    )


DATE_PIECES = st.sampled_from(
    [
        "2024-05-04",
        "2024-13-40T10:00Z",
        "4",
        "May",
        "2024",
        "May",
        "4,",
        "2024",
        "31",
        "Feb",
        "2023",
        "19.10.19",
        "3.10.12",
        "05/06/2021",
        "13/06/2021",
        "2024年5月4日",
        "12:30",
        "v1.2.2024",
        ".",
        "/",
        "年",
        "UTC",
        "+0200",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(DATE_PIECES, st.text(alphabet="0123456789./-: aMy", max_size=6))))
def test_has_time_as_before(parts: list[str]) -> None:
    from newsfold.extract.lines import _has_time

    line = " ".join(parts)
    assert _has_time(line) == old_has_time(line), line
