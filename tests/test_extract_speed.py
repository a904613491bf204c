"""The fast paths of the extraction hot spots give exactly what the plain code they replace
gave: each old implementation is kept here as the reference and compared on Hypothesis text and
on every line of real html-text dumps (``../shared/data``, rendered by ``benchmarks/renderers.py``;
skipped with a message where they are absent)."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, shared_data
from newsfold.dates import RELATIVE_RE
from newsfold.extract import cues
from newsfold.extract import headline as headline_mod
from newsfold.extract import lines as lines_mod
from newsfold.extract.headline import _headline_text, _strip_site_suffix
from newsfold.extract.lines import (
    _CLOCK_END,
    _TIME_LINE_MAX_WORDS,
    HEADLINE_MIN_WORDS,
    Line,
    _debreadcrumb,
    _has_time,
    _is_time_line,
    _norm,
    count_words,
)
from newsfold.extract.unwrap import display_width

# --- the reference implementations (the code before the fast paths) ---------------------------


def old_display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def old_norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def old_strip_site_suffix(text: str) -> str:
    parts = re.split(r"\s+([|–—-])\s+", text)  # [text, sep, text, sep, ...]
    while (
        len(parts) > 2
        and len(parts[-1].split()) <= 4
        and len(" ".join(parts[:-2]).split()) >= HEADLINE_MIN_WORDS
    ):
        parts = parts[:-2]
    return "".join(p if i % 2 == 0 else f" {p} " for i, p in enumerate(parts))


def old_headline_text(text: str) -> str:
    return old_strip_site_suffix(_debreadcrumb(text))


def old_is_time_line(line: Line) -> bool:
    if line.words > _TIME_LINE_MAX_WORDS:
        return False
    text = line.text
    if line.words > 8 and cues.SENTENCE_END.search(text) and not _CLOCK_END.search(text):
        return False
    return bool(RELATIVE_RE.search(text)) or _has_time(text)


# --- real dumps --------------------------------------------------------------------------------

REAL_PAGES = 50  # of each source: 200 pages, 23,000 distinct lines, in a few seconds


@pytest.fixture(scope="module")
def real_lines() -> list[str]:
    """The distinct non-blank lines of real html-text dumps, whitespace folded as the text path
    does."""
    shared_data("scrapinghub-aeb")
    pytest.importorskip("html_text", reason="html-text (the renderer of the dumps) is absent")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.renderers import RenderError
    from benchmarks.speed import load_html, text_dumps

    docs = [d for docs in load_html(REAL_PAGES).values() for d in docs]
    try:
        dumps = text_dumps(docs)
    except RenderError as e:
        pytest.skip(f"real dumps not available: {e}")
    lines = [" ".join(raw.split()) for d in dumps for raw in d.content.splitlines()]
    return sorted({t for t in lines if t})


# --- display_width -----------------------------------------------------------------------------


def test_display_width_every_code_point() -> None:
    chars = [chr(cp) for cp in range(sys.maxunicode + 1)]
    assert list(map(display_width, chars)) == list(map(old_display_width, chars))
    # a code point met again (now from the table) measures the same
    assert list(map(display_width, chars[:70000])) == list(map(old_display_width, chars[:70000]))


def test_display_width_known_widths() -> None:
    assert display_width("abc") == 3
    assert display_width("日本語") == 6
    assert display_width("e\u0301") == 1  # a combining acute accent takes no column
    assert display_width("«\u00a0x»") == 4


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_display_width_text(text: str) -> None:
    assert display_width(text) == old_display_width(text)


def test_display_width_real_lines(real_lines: list[str]) -> None:
    assert [display_width(t) for t in real_lines] == [old_display_width(t) for t in real_lines]
    for t in real_lines:  # the ends of lines and first words, as wrap_of measures them
        w = t.split(maxsplit=1)[0]
        assert display_width(w) == old_display_width(w)


# --- _norm -------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_norm_text(text: str) -> None:
    assert _norm(text) == old_norm(text)
    assert _norm(text) == old_norm(text)  # again, from the memo where it was kept


def test_norm_memo_is_bounded() -> None:
    long = "Word, " * 200
    assert _norm(long) == old_norm(long)
    assert long not in lines_mod._NORMS  # a long line is not kept
    for i in range(lines_mod._NORMS_MAX + 10):
        assert _norm(f"Line {i}!") == f"line {i}"
    assert len(lines_mod._NORMS) <= lines_mod._NORMS_MAX


def test_norm_real_lines(real_lines: list[str]) -> None:
    expected = [old_norm(t) for t in real_lines]
    assert [_norm(t) for t in real_lines] == expected
    assert [_norm(t) for t in real_lines] == expected  # from the memo


# --- _strip_site_suffix, _headline_text ------------------------------------------------------

# titles: words and the separators a title bar and a breadcrumb use, in any order
TITLE_TEXT = st.lists(
    st.sampled_from(["|", "–", "—", "-", "»", "›", ">", "/", "News", "World", "a", "x y"])
    | st.text(max_size=8),
    max_size=14,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(TITLE_TEXT, st.text()))
def test_headline_text_text(text: str) -> None:
    for _ in range(2):  # the second time from the memo where it was kept
        assert _strip_site_suffix(text) == old_strip_site_suffix(text)
        assert _headline_text(text) == old_headline_text(text)


def test_headline_memo_is_bounded() -> None:
    long = "Headline of the day " * 20 + "| Site"
    assert _strip_site_suffix(long) == old_strip_site_suffix(long)
    assert _headline_text(long) == old_headline_text(long)
    assert long not in headline_mod._STRIPPED and long not in headline_mod._HEADLINE_TEXTS
    for i in range(headline_mod._MEMO_MAX + 10):
        assert _headline_text(f"The title number {i} - Site") == f"The title number {i}"
    assert len(headline_mod._STRIPPED) <= headline_mod._MEMO_MAX
    assert len(headline_mod._HEADLINE_TEXTS) <= headline_mod._MEMO_MAX


def test_headline_text_real_lines(real_lines: list[str]) -> None:
    stripped = [old_strip_site_suffix(t) for t in real_lines]
    texts = [old_headline_text(t) for t in real_lines]
    for _ in range(2):  # the second time from the memo
        assert [_strip_site_suffix(t) for t in real_lines] == stripped
        assert [_headline_text(t) for t in real_lines] == texts


# --- _is_time_line -----------------------------------------------------------------------------

# lines of date pieces in every form find_datetimes reads, and near misses
DATE_PIECES = [
    "2021",
    "2024-03-05",
    "2024-03-05T14:05:00+01:00",
    "19.10.19",
    "5.3.2021",
    "21/10/2019",
    "10/21/2019",
    "2021年3月2日",
    "2021년 3월 2일",
    "March",
    "Sept.",
    "Mär",
    "janvier",
    "de",
    "5",
    "05",
    "1er",
    "2nd",
    ",",
    ".",
    "/",
    "at",
    "um",
    "10:30",
    "9:15 a.m.",
    "5 pm",
    "Uhr",
    "CET",
    "(GMT)",
    "2 hours ago",
    "yesterday",
    "By",
    "Updated",
    "|",
    "-",
    "x",
]
DATE_TEXT = st.lists(
    st.sampled_from(DATE_PIECES)
    | st.text(alphabet="0123456789./-:年월 ", max_size=10)
    | st.text(max_size=6),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(DATE_TEXT, st.text()))
def test_is_time_line_text(text: str) -> None:
    t = " ".join(text.split())
    line = Line(n=0, text=t, words=count_words(t))
    assert _is_time_line(line) == old_is_time_line(line)


def test_is_time_line_known() -> None:
    for text, expected in [
        ("5 March 2024, 14:05", True),
        ("Published 19.10.19", True),
        ("2021年3月2日", True),
        ("2 hours ago", True),
        ("Page 12 of 340", False),
        ("Call 555 0123", False),
    ]:
        assert _is_time_line(Line(n=0, text=text, words=count_words(text))) is expected, text


def test_is_time_line_real_lines(real_lines: list[str]) -> None:
    lines = [Line(n=0, text=t, words=count_words(t)) for t in real_lines]
    assert [_is_time_line(ln) for ln in lines] == [old_is_time_line(ln) for ln in lines]
