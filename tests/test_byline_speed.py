"""The byline scorer reads only the lines that may hold the byline (issue 21), and chooses as if
it had scored every span of the page (fictional names and text)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfold import extract_text
from newsfold.extract import byline, text
from newsfold.extract.byline import Layout, byline_features, byline_score, choose_byline
from newsfold.extract.lines import Line, count_words

PROSE = (
    "The council met on Tuesday to hear Mara Quill and Oren Pike on the plans for the bridge.",
    "Crews from Kessel Works said the steel would arrive by barge before the end of May.",
    "Residents asked whether the old crossing would stay open while the new one is built.",
)


def _every_span(lines: list[Line], layout: Layout) -> str | None:
    """The choice of scoring every span of the page: the first of the best, if it clears the
    threshold."""
    best: tuple[float, str] | None = None
    for s, features in byline_features(lines, layout):
        score = byline_score(features)
        if best is None or score > best[0]:
            best = (score, s.printed)
    return best[1] if best is not None and best[0] >= byline._model()[1] else None


def _span_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lines the byline scorer reads spans of, from now on, in order."""
    read: list[int] = []
    original = byline.spans

    def counting(lines: list[Line], i: int) -> Any:
        read.append(i)
        return original(lines, i)

    monkeypatch.setattr(byline, "spans", counting)
    return read


def test_scorer_left_out_where_the_rule_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the credit rule's byline reads as names, ``merge_byline`` keeps it: the scorer is
    not run, and the byline is the same."""
    body = [
        f"The council met on day {k} to hear the plans for the bridge, the mayor said."
        for k in range(5)
    ]
    page = "\n".join(["New footbridge opens over the Kessel river", "By Mara Quill", *body])
    read = _span_reads(monkeypatch)
    assert extract_text(page).byline == "By Mara Quill"
    assert read == []
    monkeypatch.setattr(text, "rule_stands", lambda byline_lines: False)
    assert extract_text(page).byline == "By Mara Quill"
    assert read


def test_only_the_lines_that_may_win_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # a page of 150 short lines of prose under its headline and byline: scoring every span of
    # every line of 25 words or fewer read all 150 (issue 21's profile: half of the extraction)
    read = _span_reads(monkeypatch)
    # the scorer runs although the credit rule's "By Mara Quill" stands (``byline_rule.rule_stands``)
    monkeypatch.setattr(text, "rule_stands", lambda byline_lines: False)
    body = [
        f"{PROSE[k % len(PROSE)][:-1]}, report number {k} of the town said." for k in range(150)
    ]
    page = "\n".join(["New footbridge opens over the Kessel river", "By Mara Quill", *body])
    assert extract_text(page).byline == "By Mara Quill"
    assert 0 < len(read) <= 15


# cues, labels, names, particles, dates, times, separators, site words, quotes, initials, letters
# that lowering lengthens or that re.IGNORECASE reads as others, and a cue glued to a digit
TOKENS = st.sampled_from(
    """By by VON von Author: Text: Reporter and und , | • / Mara Quill Oren Pike J. de van Kessel
    Gazette GAZETTE council bridge quill river the May Mai 4, 2024 3. 12:30 ago yesterday © (c)
    "Mara Pike" omarh İstanbul Straße 2By Schreibe einen Kommentar reporting . Mara-the O'kessel
    Jean_gazette la Le the. THE""".split()  # noqa: SIM905
)
LINE_TEXT = st.lists(TOKENS, min_size=1, max_size=30).map(" ".join)
LABELS = st.sampled_from(["", "", "", "body", "byline", "timestamp", "card", "comment", "menu"])


@st.composite
def pages(draw: st.DrawFn) -> tuple[list[Line], Layout]:
    texts = draw(st.lists(LINE_TEXT, min_size=1, max_size=30))
    lines = [Line(k, t, count_words(t), label=draw(LABELS)) for k, t in enumerate(texts)]
    n = len(lines)
    head = draw(st.integers(-1, n - 1))
    start = draw(st.integers(0, n))
    end = draw(st.integers(start, n))
    words = st.frozensets(st.sampled_from(["kessel", "gazette", "the", "mara", "istanbul", "le"]))
    return lines, Layout(head, start, end, draw(words), draw(words))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=pages())
def test_the_choice_is_that_of_scoring_every_span(page: tuple[list[Line], Layout]) -> None:
    lines, layout = page
    assert choose_byline(lines, layout) == _every_span(lines, layout)


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="aAjJé_1. \n-'İ", max_size=30), min_size=1, max_size=4),
    word=st.text(alphabet="ajé_1.'i̇", min_size=1, max_size=3),
)
def test_prints_lower_as_a_word_of_its_own(texts: list[str], word: str) -> None:
    """``PageText.prints_lower``: ``word`` printed with no letter before or after it, whatever
    way it is searched (a single letter by a pattern, a longer word by ``str.find``)."""
    import re

    from newsfold.extract.byline_page import PageText

    lines = [Line(k, t, count_words(t)) for k, t in enumerate(texts)]
    page = PageText(lines, frozenset())
    alone = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])")
    expected = word.islower() and alone.search("\n".join(texts)) is not None
    assert page.prints_lower(word) == expected


@settings(max_examples=300, deadline=None)
@given(
    low=st.text(alphabet="abyvotéß_1. \n-'", max_size=60),
    words=st.lists(st.text(alphabet="abyvoté", min_size=1, max_size=3), min_size=1, max_size=5),
)
def test_words_at_finds_what_the_pattern_finds(low: str, words: list[str]) -> None:
    """``byline_page.words_at`` (each word by ``str.find``) finds the words where
    ``words_pattern`` of them does: whole runs of letters, words that are parts of others too
    ("by" and "bye", "aa" inside "aaa")."""
    from newsfold.extract.byline_page import words_at, words_pattern

    found = sorted(words_at(low, tuple(dict.fromkeys(words))))
    pattern = words_pattern(frozenset(words))
    assert found == sorted((m.start(), m.group()) for m in pattern.finditer(low))


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="aAjJé_1. \n-'İ", max_size=30), min_size=1, max_size=4),
    word=st.text(alphabet="aAjé_1.'i̇", min_size=1, max_size=3),
)
def test_in_prose_as_a_word_of_its_own(texts: list[str], word: str) -> None:
    """``PageText.in_prose``: ``word`` printed with no letter before or after it in the lines
    of more than LINE_MAX_WORDS words, as the pattern finds it (a longer word by ``str.find``)."""
    import re

    from newsfold.extract.byline_page import LINE_MAX_WORDS, PageText

    lines = [Line(k, t, LINE_MAX_WORDS + 1 - k % 2) for k, t in enumerate(texts)]
    page = PageText(lines, frozenset())
    alone = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])")
    prose = "\n".join(t for k, t in enumerate(texts) if k % 2 == 0)
    assert page.in_prose(word) == (alone.search(prose) is not None)


def test_a_joined_line_is_bounded_with_the_lines_around_it() -> None:
    """A line under one that ends with a cue is read joined with it ("By" / "the": a user name
    after a cue), and a site's word on it counts although the line alone is no name: its bound
    had left the site's word out, and the scorer chose a lower span than scoring every span
    does (Hypothesis's example; which span wins is the model's, the two must agree)."""
    texts = ["By By By By", "the", "By", "Mara Mara"]
    lines = [Line(k, t, count_words(t)) for k, t in enumerate(texts)]
    layout = Layout(0, 0, 0, frozenset(), frozenset({"gazette", "the", "kessel"}))
    assert choose_byline(lines, layout) == _every_span(lines, layout)


@settings(max_examples=300, deadline=None)
@given(
    low=st.text(alphabet="abyvotéß_1. \n-'i\u0307", max_size=60),
    words=st.lists(
        st.text(alphabet="abyvoti\u0307", min_size=1, max_size=3), min_size=1, max_size=5
    ),
)
def test_site_finds_what_the_pattern_finds(low: str, words: list[str]) -> None:
    """``byline_page.site_finds`` finds a site's words where ``words_pattern`` of them does:
    by ``str.find`` where each is a run of letters, by the pattern where one holds a mark (a
    lowered "İ")."""
    from newsfold.extract.byline_page import site_finds, words_pattern

    found = sorted(site_finds(low, frozenset(words)))
    pattern = words_pattern(frozenset(words))
    assert found == sorted((m.start(), m.group()) for m in pattern.finditer(low))
