"""A published or updated time never lies after the page's fetch time, whatever zone it writes."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsfold.api import extract_text
from newsfold.extract.page_clock import at_or_before_fetch
from texts import PIER as PARAGRAPHS

FETCHED = "2024-03-02T07:00:00+00:00"


def test_a_zoned_time_after_the_fetch_keeps_its_wall_clock_on_a_clock_that_fits() -> None:
    # 10:00 at +02:00 is 08:00 UTC, an hour after the fetch: the offset is not the page's
    # clock's; the least one a zone uses that puts 10:00 at or before the fetch is +03:00
    assert at_or_before_fetch("2024-03-02T10:00:00+02:00", FETCHED) == "2024-03-02T10:00:00+03:00"
    # west of UTC the same way: 02:30 at -05:00 is 07:30 UTC
    assert at_or_before_fetch("2024-03-02T02:30:00-05:00", FETCHED) == "2024-03-02T02:30:00+00:00"
    # a wall clock no zone puts before the fetch (later than 07:00 at UTC+14) is no time at all
    assert at_or_before_fetch("2024-03-02T22:30:00+09:00", FETCHED) is None
    # at or before the fetch, a time keeps its own offset
    assert at_or_before_fetch("2024-03-02T08:00:00+02:00", FETCHED) == "2024-03-02T08:00:00+02:00"


def _page(declared: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<html><head><meta property="article:published_time" content="{declared}">'
        "<title>Harbour board backs longer pier</title></head><body><article>"
        f"<h1>Harbour board backs longer pier</h1>{paragraphs}</article></body></html>"
    )


@pytest.mark.parametrize(
    "declared", ["2024-03-02T10:00:00+02:00", "2024-03-02T18:45:00+01:00", "2024-03-02T09:15Z"]
)
def test_html_declaring_a_publication_after_its_fetch_is_dated_before_it(declared: str) -> None:
    article = extract_text(
        _page(declared), kind="html", url="https://example.org/pier", fetched_at=FETCHED
    )
    assert article.published is not None
    assert datetime.fromisoformat(article.published) <= datetime.fromisoformat(FETCHED)
    assert article.published[:16] == declared[:16]  # the day and the wall clock it shows


def test_a_dump_s_zoned_byline_time_after_its_fetch_is_dated_before_it() -> None:
    dump = "\n\n".join(
        ["Harbour board backs longer pier", "By Ivo Marsh | March 2, 2024 10:05 CET", *PARAGRAPHS]
    )
    article = extract_text(dump, kind="text", url="https://example.org/pier", fetched_at=FETCHED)
    assert article.published is not None
    assert datetime.fromisoformat(article.published) <= datetime.fromisoformat(FETCHED)
    assert article.published[:16] == "2024-03-02T10:05"
