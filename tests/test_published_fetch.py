"""A published or updated time never lies after the page's fetch time, whatever zone it writes."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# the forms a page writes its times in, each a time that may lie after the fetch below
_TIMES = [
    "March 2, 2024 10:05 CET",
    "2 March 2024",
    "02/03/2024 22:41",
    "03/02/2024",
    "2024-03-02T18:45:00+01:00",
    "2024-03-09T09:15Z",
    "Posted on 9 March 2024",
    "Updated 3 hours ago",
    "Mittwoch, 6. März 2024",
    "1. März 2024 Harbour board backs longer pier",
]
_PLACES = st.sampled_from(["above", "under", "below"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_TIMES), _PLACES), min_size=1, max_size=4),
    st.integers(0, 10 * 24 * 60),
)
def test_no_published_or_updated_time_lies_after_the_fetch(
    times: list[tuple[str, str]], minutes: int
) -> None:
    from datetime import UTC, timedelta

    fetched = datetime(2024, 3, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    at = {place: [t for t, p in times if p == place] for place in ("above", "under", "below")}
    dump = "\n\n".join(
        [*at["above"], "Harbour board backs longer pier", *at["under"], *PARAGRAPHS, *at["below"]]
    )
    article = extract_text(dump, kind="text", fetched_at=fetched.isoformat())
    for value in (article.published, article.updated):
        if value is not None:
            assert datetime.fromisoformat(value) <= fetched
