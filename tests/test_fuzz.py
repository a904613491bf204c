"""Arbitrary input never crashes the readers, the extractor or compare: every input gives a page,
a feed teaser, an article or a rejection with a reason (Hypothesis)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfold import compare, extract_text
from newsfold.errors import InputError
from newsfold.read.files import read_file
from newsfold.records import Article, FeedTeaser, Page, ReadStats, Rejection

SUFFIXES = [".txt", ".html", ".jsonl", ".warc", ".rss", ".xml", ".txt.gz", ".txt.bz2", ".txt.zst"]
# text with the shapes pages have: lines, markup, dates, bylines, separators
_LINE = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["By Ana Ruiz", "March 2, 2024 10:05 IST", "Related articles", "<p>", "| Home |",
                     "1 of 4", "Comments (3)", "Subscribe now", "2024-03-02T09:15:00+5:30"]),
)  # fmt: skip
PAGES = st.lists(_LINE, max_size=40).map("\n".join)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_read_as_pages_or_rejections(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"input{suffix}"
        path.write_bytes(data)
        for item in read_file(path, stats=ReadStats()):
            assert isinstance(item, Page | FeedTeaser | Rejection)
            if isinstance(item, Rejection):
                assert item.reason and str(path) in item.message


@FUZZ
@given(page=PAGES, kind=st.sampled_from(["text", "html"]))
def test_any_page_extracts_or_says_why_not(page: str, kind: str) -> None:
    try:
        article = extract_text(page, kind=kind)  # type: ignore[arg-type]
    except InputError as e:
        assert "<text>" in str(e)
        return
    assert isinstance(article, Article) and article.paragraphs
    assert all(r.reason for r in article.removed)


@FUZZ
@given(a=PAGES, b=PAGES)
def test_compare_any_two_pages(a: str, b: str) -> None:
    try:
        result = compare(a, b)
    except InputError:
        return
    assert result["relation"] in ("identical", "copy", "partial", "same_event", "unrelated")
    assert 0.0 <= float(result["jaccard"]) <= 1.0  # type: ignore[arg-type]
