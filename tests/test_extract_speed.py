"""The fast paths of the extraction hot spots give exactly what the plain code they replace
gave: each old implementation is kept here as the reference and compared on Hypothesis text and
on every line of real html-text dumps (``../shared/data``, rendered by ``benchmarks/renderers.py``;
skipped with a message where they are absent)."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import ROOT, shared_data
from newsfold.dates import RELATIVE_RE, find_datetimes
from newsfold.extract import cues, published
from newsfold.extract import headline as headline_mod
from newsfold.extract import lines as lines_mod
from newsfold.extract.headline import _headline_text, _strip_site_suffix
from newsfold.extract.line_words import DIGITS_END, digit_texts, few_words_holding
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
from newsfold.records import Removed

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
    assert lines_mod._NORMS.items[long] == old_norm(long)  # a paragraph is kept too
    for i in range(lines_mod._NORMS.max_items + 10):
        assert _norm(f"Line {i}!") == f"line {i}"
    assert len(lines_mod._NORMS.items) <= lines_mod._NORMS.max_items
    # bounded in characters: lines of a tenth of the bound each, ever fewer than ten kept
    tenth = lines_mod._NORMS.max_chars // 10
    for i in range(25):
        text = f"{i} " + "x" * tenth
        assert _norm(text) == old_norm(text)
        assert sum(map(len, lines_mod._NORMS.items)) <= lines_mod._NORMS.max_chars
    huge = "y" * (lines_mod._NORMS.max_chars + 1)
    assert _norm(huge) == "y" * len(huge) and huge not in lines_mod._NORMS.items


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


# --- line features of this session: digits, cues, title shape, breadcrumbs, words ----------------


def old_is_row_like_count(text: str) -> int:
    return sum(1 for t in text.split() if any(c.isdigit() for c in t))


def old_title_letters(text: str) -> int:
    return len([c for c in text if c.isalpha()])


def old_count_words(text: str) -> int:
    unspaced = len(lines_mod._UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    spaced = sum(1 for w in text.split() if not lines_mod._UNSPACED.search(w))
    return spaced + max(1, unspaced // lines_mod.CHARS_PER_WORD)


def old_debreadcrumb(text: str) -> str:
    parts = re.split(r"\s+[»›>/|]\s+", text)
    if len(parts) < 2 or any(len(p.split()) > 3 for p in parts[:-1]):
        return text
    return parts[-1] if len(parts[-1].split()) >= HEADLINE_MIN_WORDS else ""


def old_pre_label_cue(text: str) -> bool:
    """Whether any cue ``body._pre_label`` tests matches ``text`` (its words left aside)."""
    return any(p.match(text) for p in cues.LINE_CUES_AT_START) or any(
        p.search(text) for p in cues.LINE_CUES_ANYWHERE
    )


def old_pre_label(ln: Line, template: object = None) -> str:
    """``body._pre_label`` before the cues were tested at once (the template is left out)."""
    from newsfold.extract.body import _TAG, MARKUP_MIN_TAGS, STORY_NAV_MAX_WORDS

    text = ln.text
    if "<" in text and len(_TAG.findall(text)) >= MARKUP_MIN_TAGS:
        return "markup"
    if ln.words <= 40 and cues.CALL_TO_ACTION.match(text):
        return "call_to_action"
    for pattern, reason, most in [
        (cues.ADVERT.match, "advertisement", None),
        (cues.DISCLAIMER.match, "disclaimer", None),
        (cues.COPYRIGHT.match, "copyright", None),
        (cues.COMMENTS.search, "comment", 8),
        (cues.RELATED_HEADING.match, "related_heading", 8),
        (cues.AUTHOR_BOX.match, "author_bio", 6),
        (cues.NEWSLETTER.search, "call_to_action", 8),
        (cues.SITE_NOTICE.search, "site_notice", 60),
    ]:
        if (most is None or ln.words <= most) and pattern(text):
            return reason
    if (cues.INLINE_LINK.match(text) and ln.words <= 25) or (
        cues.STORY_NAV.match(text) and ln.words <= STORY_NAV_MAX_WORDS
    ):
        return "inline_link"
    if (ln.words <= 25 and cues.CAPTION.search(text)) or cues.GALLERY_CAPTION.match(text):
        return "caption"
    return ""


# the digits str.isdigit knows beyond \d, letters re.IGNORECASE folds, and cue words
ODD_CHARS = "²³¹፩⁰₉①⑴⒈⓵❶➀𐩀𑁒🄀٣߂İıſKß"
CUE_PIECES = [
    "Subscribe",
    "Advertisement",
    "Disclaimer:",
    "©",
    "(c) ",
    "Copyright",
    "5 Comments",
    "comment",
    "Related",
    "Read more",
    "More from World",
    "About the author",
    "Newsletter",
    "cookies",
    "site",
    "enable JavaScript",
    "Also read:",
    "(Photo: AP)",
    "Photo by",
    "Image caption",
    "Getty Images",
    "Credit: Jane",
    "file photo",
    "3 of 12",
    "1of4Grass",
    "Leia também",
    "ſubscribe",
    "cooKie",
    "fİle",
    "PHOTO",
    "x",
    ":",
    "-",
]
LINE_TEXT = st.lists(
    st.sampled_from(CUE_PIECES)
    | st.text(alphabet="0123456789abcXYZ .,:;-()" + ODD_CHARS, max_size=12)
    | st.text(max_size=6),
    max_size=10,
).map(" ".join)


def test_digit_class_every_code_point() -> None:
    digits = {chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp).isdigit()}
    found = set(lines_mod._ANY_DIGIT.findall("".join(map(chr, range(sys.maxunicode + 1)))))
    assert found == digits


def test_digit_texts_every_code_point() -> None:
    # the table of digits read at once stands for str.isdigit over every code point (the
    # surrogates and those past its end included), one code point a text and 61 a text
    assert not any(chr(cp).isdigit() for cp in range(DIGITS_END, sys.maxunicode + 1))
    points = list(map(chr, range(sys.maxunicode + 1)))
    for size in (1, 61):
        texts = ["".join(points[k : k + size]) for k in range(0, len(points), size)]
        assert digit_texts(texts) == [k for k, t in enumerate(texts) if any(map(str.isdigit, t))]
    ascii_texts = ["", "a1", "", "x", "9", "no digit", "0 and 1"]
    assert digit_texts(ascii_texts) == [1, 4, 6]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=" \t\u00a0ab1²①x.", max_size=12), max_size=8))
def test_digit_lines_text(texts: list[str]) -> None:
    # a page's lines holding a digit, found in one search, are those any(str.isdigit) finds
    lines = [Line(k, t, 1) for k, t in enumerate(texts)]
    assert lines_mod.digit_lines(lines) == [
        k for k, t in enumerate(texts) if any(c.isdigit() for c in t)
    ]


@settings(max_examples=200, deadline=None)
@given(st.one_of(LINE_TEXT, st.text(), st.text(alphabet=" \t\u00a0\u20031a²①x", max_size=30)))
def test_line_features_text(text: str) -> None:
    assert lines_mod.digit_tokens(text) == old_is_row_like_count(text)
    assert count_words(text) == old_count_words(text)
    assert _debreadcrumb(text) == old_debreadcrumb(text)
    t = " ".join(text.split())
    line = Line(n=0, text=t, words=count_words(t))
    assert lines_mod._title_like(line) == (
        HEADLINE_MIN_WORDS <= line.words <= lines_mod.HEADLINE_MAX_WORDS
        and not (t.endswith(".") and not t.endswith("..."))
        and old_title_letters(t) >= 10
    )
    for _ in range(2):  # the second time from what the line keeps
        assert lines_mod.ends_sentence(line) == bool(cues.SENTENCE_END.search(t))


@settings(max_examples=250, deadline=None)
@given(st.one_of(LINE_TEXT, st.text()))
def test_any_line_cue_text(text: str) -> None:
    from newsfold.extract.body import _pre_label

    if old_pre_label_cue(text):
        assert cues.any_line_cue(text)
    assert (cues._AT_START.match(text) is not None) == any(
        p.match(text) for p in cues.LINE_CUES_AT_START
    )
    for _ in range(2):  # the second time from the answers kept
        assert cues.cue_at_start(text) == (cues._AT_START.match(text) is not None)
    t = " ".join(text.split())
    line = Line(n=0, text=t, words=count_words(t))
    assert _pre_label(line, None) == old_pre_label(line)


def _top_level(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """``text`` split at its top-level "|", and the spans of its top-level groups."""
    parts, groups, depth, start, opened, i = [], [], 0, 0, 0, 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 1
        elif c == "[":  # a class: up to its closing bracket (one first is literal)
            i += 2 if text[i + 1 : i + 2] == "]" else 1
            while text[i] != "]":
                i += 2 if text[i] == "\\" else 1
        elif c == "(":
            depth += 1
            if depth == 1:
                opened = i
        elif c == ")":
            depth -= 1
            if depth == 0:
                groups.append((opened, i + 1))
        elif c == "|" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts, groups


def alternatives(pattern: re.Pattern[str]) -> list[re.Pattern[str]]:
    """The alternatives of ``pattern``, each compiled with its flags: its top-level ones, and
    those of a one group that holds all of one ("^\\W*(?:a|b)" gives "^\\W*(?:a)" and
    "^\\W*(?:b)"). Hypothesis then writes lines for each of them, the rare ones too."""
    out: list[str] = []
    for part in _top_level(pattern.pattern)[0]:
        groups = _top_level(part)[1]
        one = [g for g in groups if part[g[0] : g[0] + 3] == "(?:"]
        if len(groups) == 1 and one and "|" in part[one[0][0] : one[0][1]]:
            a, b = one[0]
            inner = _top_level(part[a + 3 : b - 1])[0]
            out += [f"{part[:a]}(?:{alt}){part[b:]}" for alt in inner]
        else:
            out.append(part)
    return [re.compile(p, pattern.flags) for p in out]


def prefiltered() -> list[tuple[re.Pattern[str], Callable[[str], object]]]:
    """Each alternative of each pattern read only where a cheaper test passes, with the test."""
    from newsfold.extract import around

    def cue(text: str) -> object:
        return cues.any_line_cue(text)

    def comment(text: str) -> object:
        return cues.holds_word(text, around.COMMENT_HEADING_WORDS)

    def digit(text: str) -> object:
        return around._DIGIT.search(text)

    return (
        [(a, cue) for p in cues.LINE_CUES_ANYWHERE for a in alternatives(p)]
        + [(a, comment) for a in alternatives(around.COMMENT_HEADING)]
        + [(a, digit) for a in alternatives(around._DATEISH)]
    )


@pytest.mark.parametrize(("pattern", "passes"), prefiltered(), ids=lambda x: str(x)[12:40])
@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_every_prefiltered_alternative(
    pattern: re.Pattern[str], passes: Callable[[str], object], data: st.DataObject
) -> None:
    """A line an alternative of a cue matches passes the cheaper test that lets it be read: an
    alternative added without its word in the list fails this."""
    text = data.draw(st.from_regex(pattern))
    assert passes(text), text


def test_union_refuses_other_flags() -> None:
    with pytest.raises(ValueError, match=r"only re\.I"):
        cues._union((re.compile("a", re.M),))
    with pytest.raises(ValueError, match="no groups"):
        cues._union((re.compile("(a)"),))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=" ab\t", max_size=12), max_size=8))
def test_gap_search_joined(lines: list[str]) -> None:
    from newsfold.extract.columns import _GAP_RE

    joined = _GAP_RE.search("\n".join(lines)) is not None
    assert joined == any(_GAP_RE.search(line) for line in lines)


def test_line_features_real_lines(real_lines: list[str]) -> None:
    from newsfold.extract.body import _pre_label

    lines = [Line(n=0, text=t, words=count_words(t)) for t in real_lines]
    assert [ln.words for ln in lines] == [old_count_words(t) for t in real_lines]
    assert [_pre_label(ln, None) for ln in lines] == [old_pre_label(ln) for ln in lines]
    assert [lines_mod.digit_tokens(t) for t in real_lines] == [
        old_is_row_like_count(t) for t in real_lines
    ]
    assert [_debreadcrumb(t) for t in real_lines] == [old_debreadcrumb(t) for t in real_lines]


def test_ignorecase_letters() -> None:
    """The letters re.IGNORECASE takes for an ASCII letter: its two cases, and U+0130, U+0131,
    U+017F, U+212A (what ``cues.any_line_cue`` and ``lines._may_give_time`` fold by hand)."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    extra = {"i": {"\u0130", "\u0131"}, "s": {"\u017f"}, "k": {"\u212a"}}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found = set(re.findall(f"(?i:{letter})", every))
        assert found == {letter, letter.upper()} | extra.get(letter, set()), letter
        assert all(c.translate(cues._IGNORECASE_ALIKE).lower() == letter for c in found)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_comment_heading_and_dateish_prefilters(data: st.DataObject) -> None:
    """around.py reads COMMENT_HEADING only in a line holding one of its words, and _DATEISH
    only in a line with a digit: every line they match passes those tests."""
    from newsfold.extract import around

    text = data.draw(st.from_regex(around.COMMENT_HEADING))
    assert cues.holds_word(text, around.COMMENT_HEADING_WORDS)
    dated = data.draw(st.from_regex(around._DATEISH))
    assert around._DIGIT.search(dated)


def old_is_row_like(ln: Line) -> bool:
    from newsfold.extract.body import _dated
    from newsfold.extract.tables import _CODE, ROW_DIGIT_SHARE, ROW_MAX_TOKENS, ROW_MIN_TOKENS

    if ln.label or not ROW_MIN_TOKENS <= ln.words <= ROW_MAX_TOKENS or _CODE.search(ln.text):
        return False
    if _dated(ln):
        return False
    toks = ln.text.split()
    return sum(1 for t in toks if any(c.isdigit() for c in t)) >= ROW_DIGIT_SHARE * len(toks)


def old_shape(ln: Line) -> tuple[str, bool] | None:
    from newsfold.extract.body import _dated
    from newsfold.extract.tables import _CODE, _SHAPE_MARKS, ROW_MAX_TOKENS, ROW_MIN_TOKENS

    if ln.label or not ROW_MIN_TOKENS <= ln.words <= ROW_MAX_TOKENS or lines_mod._is_sentence(ln):
        return None
    if _dated(ln) or _CODE.search(ln.text):
        return None
    if ln.text.endswith(("...", "…")):
        return None
    marks = "".join(sorted({c for c in ln.text if c in _SHAPE_MARKS}))
    return (marks, ln.text[0].isdigit()) if len(marks) >= 2 else None


ROW_TEXT = st.lists(
    st.sampled_from(["1", "2-1", "x", "Team", "@", "–", "|", "(3)", "{a}", "f(x)", "²", "...", "…"])
    | st.text(max_size=5),
    min_size=1,
    max_size=12,
).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(ROW_TEXT, st.sampled_from([0.0, -20.0, 5.0]), st.sampled_from(["", "template"]))
def test_row_and_shape(text: str, weight: float, label: str) -> None:
    from newsfold.extract.tables import _is_row_like, _shape

    t = " ".join(text.split()) or "x"
    line = Line(n=0, text=t, words=count_words(t), label=label, weight=weight)
    assert _is_row_like(line) == old_is_row_like(line)
    assert _shape(line) == old_shape(line)


def test_row_and_shape_real_lines(real_lines: list[str]) -> None:
    from newsfold.extract.tables import _is_row_like, _shape

    lines = [Line(n=0, text=t, words=count_words(t)) for t in real_lines]
    assert [_is_row_like(ln) for ln in lines] == [old_is_row_like(ln) for ln in lines]
    assert [_shape(ln) for ln in lines] == [old_shape(ln) for ln in lines]


# --- time_labels: the lines to search found for the page at once --------------------------------


def old_time_labels(old: list[Removed]) -> dict[str, str]:
    label_of: dict[str, str] = {}
    for above, below in pairwise(old):
        t = above.text
        if (
            below.line == above.line + 1
            and len(t.split()) <= published.CUE_LINE_MAX_WORDS
            and (published.PUBLISHED_CUE.search(t) or published.UPDATED_CUE.search(t))
            and next(iter(find_datetimes(t)), None) is None
        ):
            label_of.setdefault(below.text, t)
    return label_of


LABEL_TEXT = st.one_of(
    st.sampled_from(
        [
            "Published:",
            "Last UPDATED on",
            "Erschienen am",
            "Posted by",
            "Mis à jour le",
            "Mis\xa0à jour",
            "4 May 2024",
            "Updated 4 May 2024 10:00",
            "Aktualisiert:",
            "Share this story with your friends",
            "Posted in five short words here",
            "  posted  \t on  ",
        ]
    ),
    st.from_regex(published.PUBLISHED_CUE.regex),
    st.from_regex(published.UPDATED_CUE.regex),
    st.text(max_size=30),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(LABEL_TEXT, st.integers(1, 2)), max_size=8))
def test_time_labels(rows: list[tuple[str, int]]) -> None:
    old, line = [], 0
    for text, gap in rows:
        line += gap
        old.append(Removed(text, "removed", line))
    assert list(published.time_labels(old).items()) == list(old_time_labels(old).items())


def test_few_words_holding() -> None:
    texts = ["Posted on", "one two three four posted", "a b c d e posted", "nothing", ""]
    found = few_words_holding(texts, 4, published.PUBLISHED_CUE)
    assert found == {0}
    assert few_words_holding(texts, 5, published.PUBLISHED_CUE) == {0, 1}


# --- unwrap._breakable: a line split at its first blank only where it holds no "|" --------------


def old_breakable(line: str, width: int) -> bool:
    from newsfold.extract.wrap_shape import BULLET_RE, CELL_GAP, wrap_words

    words = wrap_words(line)
    if BULLET_RE.match(line) or "|" in words or "](" in line:
        return False
    if CELL_GAP in line.strip():
        return False
    return len(words) > 1 and display_width(line[: line.index(words[0]) + len(words[0])]) <= width


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=" \t\xa0\u2007\u3000ab|*-]([)", max_size=30) | st.text(max_size=30),
    st.sampled_from([1, 2, 3, 40]),
)
@example("a | b", 40)  # a table's row: split whole, its "|" a word
@example("a\xa0b c", 3)  # a no-break space inside the first word
def test_breakable_text(line: str, width: int) -> None:
    from newsfold.extract.unwrap import _breakable

    assert _breakable(line, width) == old_breakable(line, width)


def test_breakable_real_lines(real_lines: list[str]) -> None:
    from newsfold.extract.unwrap import _breakable

    for width in (10, 40):
        assert [_breakable(t, width) for t in real_lines] == [
            old_breakable(t, width) for t in real_lines
        ]
