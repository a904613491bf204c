"""The per-page passes over a dump's lines (``wrap_shape.py``: ``unwrap.wrap_of`` and
``unwrap.unwrap`` on every line's features found at once; ``centred.centre_width``;
``text._dump_lines``) give exactly what the code per line they replace gave: each old
implementation is kept here as the reference and compared on Hypothesis lines and on the real
wrapped dumps of the renderers' cache (skipped where it is absent)."""

from __future__ import annotations

import itertools
import re
import sys
import textwrap
from collections import Counter
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from newsfold.extract import text as text_mod
from newsfold.extract.centred import (
    MIN_CENTRED,
    MIN_CENTRED_SHARE,
    MIN_MARGINS,
    _margins,
    centre_width,
)
from newsfold.extract.lines import Line, count_words, stop_at_end
from newsfold.extract.unwrap import (
    CUT_FULL_SHARE,
    MIN_LEVEL_WRAPPED,
    MIN_LOWER_SHARE,
    MIN_WRAPPED,
    MIN_WRAPPED_SHARE,
    _join,
    unwrap,
    wrap_of,
)
from newsfold.extract.wrap_shape import (
    MAX_WIDTH,
    MIN_WIDTH,
    SLACK,
    Wrap,
    display_width,
    shape_of,
)

# --- the reference implementations (the code per line, before the page passes) ------------------

_BULLET_RE = re.compile(r"^\s*(?:[*+\-•·◦▪■●○□☆]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")
_HEADING_RE = re.compile(r"^\s*#{1,6}\s")
_RULE_RE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_CJK_END = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]$")
_CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
MAX_OVER_SHARE = 0.05


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


# a wrapper breaks at blanks but a no-break space, which stays inside a word
_WRAP_BLANK = re.compile(r"[^\S\xa0\u2007\u202f]+")


def _wwords(line: str) -> list[str]:
    return [w for w in _WRAP_BLANK.split(line.strip()) if w]


def _first_word(line: str) -> str:
    parts = _wwords(line)
    return parts[0] if parts else ""


def old_best_width(
    ends: list[tuple[int, int]], against: Sequence[int | tuple[int, int]] = ()
) -> tuple[int, int]:
    """An ``against`` of ``(since, length)`` speaks against the widths from ``since`` on."""
    span = MAX_WIDTH - MIN_WIDTH + 2
    agree, over = [0] * span, [0] * span
    for length, word in ends:
        lo, hi = max(length, MIN_WIDTH), min(length + word, MAX_WIDTH)
        if lo <= hi:
            agree[lo - MIN_WIDTH] += 1
            agree[hi - MIN_WIDTH + 1] -= 1
    for one in against:
        since, length = one if isinstance(one, tuple) else (MIN_WIDTH, one)
        if length > MIN_WIDTH and since < length and since <= MAX_WIDTH:
            over[since - MIN_WIDTH] += 1
            over[min(length, MAX_WIDTH + 1) - MIN_WIDTH] -= 1
    best, best_count, best_score, running, cut = 0, 0, 0, 0, 0
    for k in range(span - 1):
        running += agree[k]
        cut += over[k]
        if running - cut > best_score:
            best, best_count, best_score = MIN_WIDTH + k, running, running - cut
    return best, best_count


def old_breakable(line: str, width: int) -> bool:
    words = _wwords(line)
    if _BULLET_RE.match(line) or "|" in words or "](" in line:
        return False
    if "   " in line.strip():
        return False
    return len(words) > 1 and display_width(line[: line.index(words[0]) + len(words[0])]) <= width


def old_wrapped(line: str, nxt: str, wrap: Wrap) -> bool:
    if not line.strip() or not nxt.strip() or _indent(line) in wrap.lists:
        return False
    width = wrap.at(_indent(line))
    length = display_width(line.rstrip())
    if length < width - SLACK or length > width:
        return False
    if length + 1 + display_width(_first_word(nxt)) <= width:
        return False
    if _BULLET_RE.match(nxt) or _HEADING_RE.match(nxt) or _RULE_RE.match(nxt):
        return False
    marker = _BULLET_RE.match(line)
    return _indent(nxt) <= (marker.end() if marker else _indent(line))


def old_joins(lines: list[str], wrap: Wrap) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for line, nxt in itertools.pairwise(lines):
        first = nxt.lstrip()[:1]
        if first.isalpha() and old_wrapped(line, nxt, wrap):
            cased, lower = out.get(_indent(line), (0, 0))
            low = first.islower() or first.lower() == first.upper()
            out[_indent(line)] = (cased + 1, lower + low)
    return out


def old_wrap_of(lines: list[str], code_blocks: bool = False) -> Wrap | None:
    filled = [line for line in lines if line.strip()]
    wrappable = (
        [ln for ln in filled if not ln.startswith(("    ", "\t"))] if code_blocks else filled
    )
    over = sum(
        display_width(ln.rstrip()) > MAX_WIDTH and old_breakable(ln, MIN_WIDTH) for ln in wrappable
    )
    if over > MAX_OVER_SHARE * len(filled):
        return None
    by_indent: dict[int, list[tuple[int, int]]] = {}
    for line, nxt in itertools.pairwise(lines):
        if line.strip() and nxt.strip():
            end = (display_width(line.rstrip()), display_width(_first_word(nxt)))
            by_indent.setdefault(_indent(line), []).append(end)
    # a line speaks against the widths its first word fits in
    against: dict[int, list[int | tuple[int, int]]] = {}
    for line in wrappable:
        length = display_width(line.rstrip())
        head = display_width(line[: line.index(_first_word(line)) + len(_first_word(line))])
        since = MIN_WIDTH if _CJK_RE.search(line) else max(head, MIN_WIDTH)
        if _CJK_RE.search(line) or old_breakable(line, length - 1):
            against.setdefault(_indent(line), []).append((since, length))
    page_width, agreeing = old_best_width(
        [e for ends in by_indent.values() for e in ends], [x for xs in against.values() for x in xs]
    )
    if not agreeing:
        return None
    widths: dict[int, int] = {}
    for indent, ends in by_indent.items():
        width, count = old_best_width(ends, against.get(indent, ()))
        if count >= MIN_LEVEL_WRAPPED and abs(width - page_width) <= SLACK:
            widths[indent] = width
    wrap = Wrap(widths, page_width)
    joins = old_joins(lines, wrap)
    lists = {
        k
        for k, w in widths.items()
        if k > 0 and w < page_width and (j := joins.get(k, (0, 0)))[1] < MIN_LOWER_SHARE * j[0]
    }
    if lists:
        wrap = Wrap(
            {k: w for k, w in widths.items() if k not in lists}, page_width, frozenset(lists)
        )
        joins = old_joins(lines, wrap)
    cased, lower = sum(c for c, _ in joins.values()), sum(n for _, n in joins.values())
    over = prose = 0
    for line in wrappable:
        width = wrap.at(_indent(line))
        length = display_width(line.rstrip())
        over += length > width and old_breakable(line, width)
        prose += length > width // 2 and len(_wwords(line)) >= 4
    taken = (
        agreeing >= MIN_WRAPPED
        and over <= MAX_OVER_SHARE * len(filled)
        and agreeing >= MIN_WRAPPED_SHARE * prose
        and cased >= MIN_WRAPPED
        and lower >= MIN_LOWER_SHARE * cased
    )
    return wrap if taken else None


def old_caseless_full(last: str, line: str, wrap: Wrap) -> tuple[bool, bool]:
    """Whether the line ends and the next goes on with a letter of a script without case, and
    whether the line then fills its width to a column."""
    head, tail = last.rstrip()[-1:], line.lstrip()[:1]
    caseless = all(c.isalpha() and c.lower() == c.upper() for c in (head, tail)) and not (
        _CJK_END.search(head)
    )
    return caseless, caseless and display_width(last.rstrip()) >= wrap.at(_indent(last)) - 1


def old_cuts_words(lines: list[str], wrap: Wrap) -> bool:
    pairs = [
        old_caseless_full(a, b, wrap)
        for a, b in itertools.pairwise(lines)
        if old_wrapped(a, b, wrap)
    ]
    seen = sum(c for c, _ in pairs)
    return seen > 0 and sum(f for _, f in pairs) >= CUT_FULL_SHARE * seen


def old_unwrap(lines: list[str], wrap: Wrap) -> list[str]:
    out: list[str] = []
    current: str | None = None
    last = ""
    cuts = old_cuts_words(lines, wrap)
    for line in lines:
        if current is not None and old_wrapped(last, line, wrap):
            length = display_width(last.rstrip())
            in_word = cuts and old_caseless_full(last, line, wrap)[1]
            # a word too long for a line, the line that one word and full to its width
            long_word = length == wrap.at(_indent(last)) and len(_wwords(last)) == 1
            current = _join(current, line, in_word or long_word)
        else:
            if current is not None:
                out.append(current)
            current = line
        last = line
    if current is not None:
        out.append(current)
    return out


def old_centre_width(lines: list[str]) -> int | None:
    indented = [line for line in lines if line.startswith("   ")]
    if len(indented) < MIN_CENTRED:
        return None
    centres: Counter[int] = Counter()
    at_least: Counter[int] = Counter()
    lefts: dict[int, set[int]] = {}
    margined = 0
    for line in indented:
        left, end = _margins(line)
        if left < 3:
            continue
        margined += 1
        centres[end + left] += 1
        lefts.setdefault(end + left, set()).add(left)
        if left == 3:
            at_least[end + left] += 1
    votes = {
        width: centres[width - 1] + centres[width] + centres[width + 1] - at_least[width + 1]
        for width in {c + d for c in centres for d in (-1, 0, 1)}
        if MIN_WIDTH <= width <= MAX_WIDTH
    }
    if not votes:
        return None
    width, count = max(votes.items(), key=lambda item: (item[1], -item[0]))
    if count < MIN_CENTRED or count < MIN_CENTRED_SHARE * margined:
        return None
    margins = set().union(*(lefts.get(width + d, set()) for d in (-1, 0, 1)))
    return width if len(margins) >= MIN_MARGINS else None


def old_dump_lines(text: str) -> list[tuple[int, str, int, int, bool]]:
    out = []
    for n, raw in enumerate(text.splitlines()):
        tokens = raw[: text_mod.MAX_LINE_CHARS].split()
        if not tokens:
            continue
        t = " ".join(tokens)
        indent = raw.find(tokens[0])
        if t[0] in text_mod._BULLET_FIRST:
            mark = text_mod._BULLET_AT.match(raw, indent)
            if mark is not None:
                indent = mark.end()
            t = text_mod._BULLET.sub("", t)
            if not t:
                continue
        words = t.count(" ") + 1 if t.isascii() else count_words(t)
        out.append((n, t, words, indent, stop_at_end(t)))
    return out


def new_dump_lines(text: str) -> list[tuple[int, str, int, int, bool]]:
    lines: list[Line] = text_mod._dump_lines(text)
    return [(ln.n, ln.text, ln.words, ln.indent, bool(ln.stop)) for ln in lines]


# --- the lines compared ----------------------------------------------------------------------

# words of every kind a dump's line holds: prose, marks of lists, headings and rules, table bars,
# links, blanks other than the space, wide and combining characters, scripts without case
WORDS = st.sampled_from(
    [
        "the", "harbour", "Board", "voted", "to", "close", "it.", "ferry,", "*", "-", "+", "•",
        "1.", "12)", "a.", "#", "##", "---", "* * *", "|", "](x)", "[1]", "www.example.org/",
        "日本語の", "文章", "한국어", "e\u0301t\u00e9", "\u00a0", "\t", "x\u3000y", "«»", "A",
        "well-", "known", "ÉTÉ", "word" * 6,
    ]
)  # fmt: skip
LINE = st.tuples(
    st.sampled_from(["", " ", "  ", "   ", "     ", "       ", "\t", "\u3000"]),
    st.lists(WORDS, max_size=14).map(" ".join),
    st.sampled_from(["", "", " ", "   "]),
).map("".join)


@st.composite
def wrapped_pages(draw: st.DrawFn) -> list[str]:
    """Paragraphs wrapped at a width (some indented, some list items), among lines of any
    shape."""
    width = draw(st.integers(35, 110))
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            lines += draw(st.lists(LINE, max_size=6))
            continue
        words = draw(st.lists(WORDS, min_size=5, max_size=80))
        indent = draw(st.sampled_from(["", "   ", "     * ", "  1. "]))
        rest = " " * len(indent) if draw(st.booleans()) else indent
        text = " ".join(w for w in words if w.strip())
        lines += textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=rest)
        lines += draw(st.sampled_from([[""], [], ["", ""]]))
    return lines


def _same_wrap(lines: list[str], code_blocks: bool = False) -> None:
    wrap = wrap_of(lines, code_blocks=code_blocks)
    assert wrap == old_wrap_of(lines, code_blocks)
    if wrap is not None:
        assert unwrap(lines, wrap) == old_unwrap(lines, wrap)


@settings(max_examples=300, deadline=None)
@given(wrapped_pages(), st.booleans())
def test_wrap_of_and_unwrap_pages(lines: list[str], code_blocks: bool) -> None:
    _same_wrap(lines, code_blocks)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(LINE, st.text(max_size=30)), max_size=30),
    st.integers(MIN_WIDTH, 100),
    st.dictionaries(st.integers(0, 8), st.integers(MIN_WIDTH, 100), max_size=3),
    st.frozensets(st.integers(0, 8), max_size=2),
)
def test_unwrap_any_lines_any_wrap(
    lines: list[str], width: int, widths: dict[int, int], lists: frozenset[int]
) -> None:
    """Every line's features and every pair's join against the code per line, whatever the
    wrap (``st.text`` brings line breaks, surrogates and controls inside lines)."""
    wrap = Wrap(widths, width, lists)
    assert unwrap(lines, wrap) == old_unwrap(lines, wrap)
    shape = shape_of(lines)
    assert shape.length.tolist() == [display_width(ln.rstrip()) for ln in lines]
    assert shape.first.tolist() == [display_width(_first_word(ln)) for ln in lines]
    assert shape.filled.tolist() == [bool(ln.strip()) for ln in lines]
    assert shape.words4.tolist() == [len(_wwords(ln)) >= 4 for ln in lines]
    assert wrap_of(lines) == old_wrap_of(lines)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=40), st.integers(0, 30))
def test_centre_width_lines(lines: list[str], shift: int) -> None:
    centred = [" " * ((80 - len(ln.strip())) // 2 + shift % 3) + ln.strip() for ln in lines]
    for page in (lines, centred, [*centred, "   │ a drawn cell │"]):
        assert centre_width(page) == old_centre_width(page)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LINE, st.text(max_size=40)), max_size=30))
def test_dump_lines_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert new_dump_lines(text) == old_dump_lines(text)


def test_dump_lines_long_line() -> None:
    text = " " * (text_mod.MAX_LINE_CHARS + 5) + "late words\n  " + "word " * 5000
    assert new_dump_lines(text) == old_dump_lines(text)


# --- real dumps ---------------------------------------------------------------------------------

REAL_PAGES = 40  # AEB pages rendered by each wrapping renderer


def _real_dumps() -> list[str]:
    """The first ``REAL_PAGES`` AEB pages as each wrapping renderer installed here dumps them
    (from the renderers' cache, rendered into it where missing), so that the test does not
    depend on another test having filled the cache first."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks import extraction, renderers

    if not extraction.DATA_DIR.exists():
        pytest.skip(f"AEB pages absent ({extraction.DATA_DIR}): see ../shared/DATA.md")
    ids = sorted(extraction.load_truth())[:REAL_PAGES]
    htmls = {pid: extraction.load_html(pid) for pid in ids}
    found: list[str] = []
    for renderer in renderers.select(["lynx", "w3m", "html2text"]):
        found += [d for d in renderers.render_all(renderer, htmls).values() if d]
    if not found:
        pytest.skip("none of lynx, w3m and html2text is installed")
    return found


def test_real_wrapped_dumps() -> None:
    for dump in _real_dumps():
        lines = dump.splitlines()
        _same_wrap(lines)
        _same_wrap(lines, code_blocks=True)
        assert centre_width(lines) == old_centre_width(lines)
        assert new_dump_lines(dump) == old_dump_lines(dump)
