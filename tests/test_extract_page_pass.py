"""What the dump classifier works out for a whole page in one pass gives, for every line, what
the per-line code it replaces gave: on Hypothesis pages (scripts whose lowering reads a word's
context, the Greek final sigma, the dotted capital I) and on the pages of real html-text dumps
(``../shared/data``; skipped with a message where they are absent)."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, shared_data
from newsfold.extract import cues
from newsfold.extract.headline import headline_norm, line_headline_norm
from newsfold.extract.lines import Line, _norm, line_norm, page_norms, stop_at_end


def old_norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def page_of(texts: list[str]) -> list[Line]:
    """The non-blank lines of ``texts``, whitespace folded as the text path folds a line."""
    folded = [" ".join(t.split()) for t in texts]
    return [Line(n, t, len(t.split())) for n, t in enumerate(folded) if t]


# words of scripts whose lowering depends on the letters around (a final sigma) or lengthens a
# letter (U+0130), beside marks, digits and separators
LINE_TEXT = st.lists(
    st.sampled_from(["ΟΔΟΣ", "Σ", "ΣΑΣ.", "İstanbul", "ǅ", "x", "- |", "’s", "1,5", "·", "ß"])
    | st.text(max_size=6),
    max_size=8,
).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(LINE_TEXT, st.text()), max_size=8))
def test_page_norms_text(texts: list[str]) -> None:
    lines = page_of(texts)
    page_norms(lines)
    assert [ln.norm for ln in lines] == [old_norm(ln.text) for ln in lines]
    fresh = page_of(texts)  # asked line by line, without the page's pass
    assert [line_norm(ln) for ln in fresh] == [_norm(ln.text) for ln in fresh]


def test_page_norms_of_no_line() -> None:
    page_norms([])  # a page of blank lines has none: nothing to split


def test_final_sigma_read_within_its_line() -> None:
    """A sigma that ends a line lowers to a final sigma although the page goes on after it."""
    lines = page_of(["ΟΔΟΣ", "ΑΛΦΑ ΟΔΟΣ."])
    page_norms(lines)
    assert [ln.norm for ln in lines] == ["οδος", "αλφα οδος"]


# line ends: stops, closing marks after them, and the characters around
END_TEXT = st.text(alphabet=".!?…。！？\"'”’)]」』）(a 1", max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.tuples(st.text(max_size=8), END_TEXT).map("".join), st.text()))
def test_stop_at_end_text(text: str) -> None:
    text = " ".join(text.split())  # a line's text: no newline
    assert stop_at_end(text) == (cues.SENTENCE_END.search(text) is not None)


def test_stop_at_end_known() -> None:
    assert stop_at_end("He said so.”)") and stop_at_end("是的。") and stop_at_end("Why?")
    assert not stop_at_end("”)") and not stop_at_end("") and not stop_at_end("U.S. (AP")


@settings(max_examples=150, deadline=None)
@given(st.one_of(LINE_TEXT, st.text(), st.just("Headline of the day | Site")))
def test_line_headline_norm_text(text: str) -> None:
    lines = page_of([text])
    page_norms(lines)
    for ln in lines:
        assert line_headline_norm(ln) == headline_norm(ln.text)
        assert line_headline_norm(ln) == headline_norm(ln.text)  # from the line


@pytest.fixture(scope="module")
def real_pages() -> list[list[Line]]:
    """The pages of real html-text dumps as lines."""
    shared_data("scrapinghub-aeb")
    pytest.importorskip("html_text", reason="html-text (the renderer of the dumps) is absent")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.renderers import RenderError
    from benchmarks.speed import load_html, text_dumps

    docs = [d for docs in load_html(25).values() for d in docs]
    try:
        dumps = text_dumps(docs)
    except RenderError as e:
        pytest.skip(f"real dumps not available: {e}")
    return [page_of(d.content.splitlines()) for d in dumps]


def test_page_pass_real_pages(real_pages: list[list[Line]]) -> None:
    assert sum(map(len, real_pages)) > 1000
    for lines in real_pages:
        page_norms(lines)
        assert [ln.norm for ln in lines] == [old_norm(ln.text) for ln in lines]
        assert [line_headline_norm(ln) for ln in lines] == [headline_norm(ln.text) for ln in lines]
        stops = [cues.SENTENCE_END.search(ln.text) is not None for ln in lines]
        assert [stop_at_end(ln.text) for ln in lines] == stops


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            LINE_TEXT,
            st.text(st.characters(exclude_characters="\n"), max_size=20),
            st.sampled_from(["a\ud800b", "\udfff \u2019s", "x\xa0\u2014y"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_spaced_is_the_patterns_replacement(texts: list[str]) -> None:
    """``lines._spaced`` (string methods over the UTF-8 bytes), each line's spaces folded, gives
    what replacing each run of non-word characters by a space and stripping each line gives,
    lone surrogates too."""
    from newsfold.extract.lines import _NON_WORD_IN_LINE, _spaced

    low = "\n".join(texts).lower()
    expected = [x.strip(" ") for x in _NON_WORD_IN_LINE.sub(" ", low).split("\n")]
    assert [" ".join(x.split()) for x in _spaced(low).split("\n")] == expected
