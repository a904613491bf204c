"""Issue 21's page-level forms of the dump classifier's first passes give what the line-by-line
code they replaced gave: ``text._dump_lines`` (a dump's lines, their words, indentation and stop)
against the loop it came from, ``body.pre_labels`` against ``_pre_label`` of each line,
``body._weight`` against the form that asked ``_is_time_line``, ``_is_byline`` and
``_is_sentence`` in full, ``body._credit_blocks`` against its pairwise definition and
``around.comment_stops`` against ``cues.holds_word`` asked line by line. Pages are written by
Hypothesis from the characters that make the fast paths differ: bullets, blanks other than the
space, CJK, the letters re.IGNORECASE folds, stops and closing marks, cue words and dates."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.extract import around, body, cues, lines, text
from newsfold.extract.lines import Line, count_words, ends_sentence, scan_page

PIECES = st.sampled_from(
    [
        "* ",
        "o ",
        "o Item",
        "• ",
        "+",
        "\t",
        "\u3000",
        "\u00a0",
        "  ",
        " ",
        "\u4e2d\u6587\u6587",
        "\u0130",
        "\u017f",
        ".",
        "!”",
        ")",
        "|",
        " | ",
        "<b>",
        "</b>",
        "By Jane Doe",
        "by",
        "Subscribe",
        "Comments",
        "Leave a comment",
        "Photo: ",
        "Related",
        "2 hours ago",
        "November 20, 2019 10:43",
        "2019",
        "the text goes on",
        "Word",
        "a",
        "12",
    ]
)
RAW_LINE = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=10).map("".join)
DUMP = st.lists(RAW_LINE, max_size=12).map("\n".join)


def _dump_lines_reference(dump: str) -> list[Line]:
    """The loop ``_labelled_lines`` ran before issue 21's ``_dump_lines``."""
    out: list[Line] = []
    for n, raw in enumerate(dump.splitlines()):
        t = " ".join(raw[: text.MAX_LINE_CHARS].split())
        if t and t[0] in text._BULLET_FIRST:
            t = text._BULLET.sub("", t)
        if t:
            stripped = raw.lstrip()
            mark = text._BULLET.match(stripped) if stripped[:1] in text._BULLET_FIRST else None
            indent = len(raw) - len(stripped) + (mark.end() if mark else 0)
            stop = lines.stop_at_end(t)
            out.append(Line(n=n, text=t, words=count_words(t), indent=indent, stop=stop))
    return out


def _fields(page: list[Line]) -> list[tuple[object, ...]]:
    return [(ln.n, ln.text, ln.words, ln.indent, ln.stop, ln.label, ln.weight) for ln in page]


@settings(max_examples=100, deadline=None)
@given(DUMP)
def test_dump_lines_as_the_loop_it_replaced(dump: str) -> None:
    assert _fields(text._dump_lines(dump)) == _fields(_dump_lines_reference(dump))


def _weight_reference(ln: Line) -> float:
    """``body._weight`` as it was before issue 21's inlined checks."""
    if ln.label in ("related_heading", "author_bio"):
        return -body.RELATED_HEADING_COST
    if ln.label:
        return -4.0
    if body.is_link_bar(ln.text):
        return -body.LINK_BAR_COST
    if lines._is_time_line(ln) or lines._is_byline(ln):
        return -body.TIME_LINE_COST
    if lines._is_sentence(ln) or (ln.words >= body.LONG_LINE_WORDS and body._is_prose(ln.text)):
        return float(min(ln.words, body.MAX_LINE_WEIGHT))
    if ln.words >= 6 and (
        ends_sentence(ln)
        or lines.BODY_MIN_WORDS <= ln.words < body.LONG_LINE_WORDS
        or (ln.words >= body.LONG_LINE_WORDS and body._is_prose(ln.text))
    ):
        return 0.3 * ln.words
    return -2.0 - 0.2 * ln.words


# longer lines too, around the word limits the passes read (sentences, long lines, bylines)
LONG_DUMP = st.lists(
    st.tuples(st.sampled_from([0, 5, 11, 16, 24, 30]), RAW_LINE).map(
        lambda x: "the " * x[0] + x[1]
    ),
    max_size=12,
).map("\n".join)


@settings(max_examples=100, deadline=None)
@given(LONG_DUMP)
def test_page_passes_as_line_by_line(dump: str) -> None:
    page = text._dump_lines(dump)
    cue_words = scan_page(page, body.CUE_WORD_MAX_WORDS)
    labels = body.pre_labels(page, None, cue_words)
    assert labels == [body._pre_label(ln, None) for ln in page]
    for ln, label in zip(page, labels, strict=True):
        ln.label = label
    # the page's lines, as scan_page left them, and fresh copies with nothing known of them
    fresh = [Line(ln.n, ln.text, ln.words, ln.label) for ln in page]
    assert [body._weight(ln) for ln in page] == [_weight_reference(ln) for ln in fresh]
    pairs = [
        i + 1
        for i in range(len(fresh) - 1)
        if not fresh[i].label
        and not fresh[i + 1].label
        and (
            (lines._is_byline(fresh[i]) and lines._is_time_line(fresh[i + 1]))
            or (lines._is_time_line(fresh[i]) and lines._is_byline(fresh[i + 1]))
        )
    ]
    assert body._credit_blocks(page) == pairs


SENTENCE = "The council met on Monday and voted to keep the library open for another year."


@settings(max_examples=80, deadline=None)
@given(LONG_DUMP)
def test_comment_stops_as_holds_word(dump: str) -> None:
    """The comment headings ``comment_stops`` finds with the page's words searched at once are
    those that asking ``cues.holds_word`` of each line finds."""
    # two sentences first: a comment heading is read below them
    page = text._dump_lines(SENTENCE + "\n" + SENTENCE + "\n" + dump)
    fresh = [Line(ln.n, ln.text, ln.words) for ln in page]
    stops = around.comment_stops(page)
    expected = set()
    sentences = 0
    for i, ln in enumerate(fresh):
        if sentences < body.TEXT_ABOVE:
            sentences += body.text_sentences(ln)
            continue
        if (
            ln.words <= around.COMMENT_HEADING_MAX_WORDS
            and cues.holds_word(ln.text, around.COMMENT_HEADING_WORDS)
            and around.COMMENT_HEADING.search(ln.text)
        ):
            expected.add(i)
    assert {i for i in stops if page[i].label == "comment"} == expected


# lines that open with a cue read at a line's start, then words enough to cross each word limit
# ``_pre_label`` reads a cue under (``body._cue_at_start`` reads a longer line with fewer cues)
AT_START_OPENINGS = [
    "Related stories",
    "More stories from the desk",
    "About the author",
    "Read more: the rest of the week",
    "Subscribe to the morning letter",
    "Advertisement",
    "Disclaimer: views are the writer's",
    "Copyright 2024 the paper",
    "3 of 12 A crowd at the fair",
    "Next story: a bridge reopens",
    "The other stories",
    "Plain words of a paragraph",
]


def test_pre_labels_at_start_by_words() -> None:
    for opening in AT_START_OPENINGS:
        for extra in range(0, 60, 1):
            t = " ".join([opening, *["word"] * extra])
            ln = Line(0, t, count_words(t))
            assert body.pre_labels([ln], None, set()) == [body._pre_label(ln, None, False)], t
