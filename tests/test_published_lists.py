"""A list of dated lines under the headline (related stories, an author's other pieces) is not
the byline's time; a date a renderer ran into the headline, or wrote in markdown's escape, is
the article's."""

from __future__ import annotations

from newsfold.dates import find_datetimes
from newsfold.extract.page_clock import headline_time
from newsfold.records import Removed


def test_a_date_that_opens_the_headline_dates_the_page() -> None:
    def old(headline: str) -> list[Removed]:
        return [Removed("Home News Sport", "navigation", 1), Removed(headline, "headline", 3)]

    assert headline_time(old("1. February 2022 Board agrees channel plan"), None) == (
        "2022-02-01T00:00:00+00:00"
    )
    # a date a sentence of the title writes further in is the event's
    assert headline_time(old("Board to vote on 1 February 2022"), None) is None
    # none after the fetch time
    assert headline_time(old("1. February 2022 Board agrees plan"), "2021-06-01T00:00Z") is None


def test_markdown_s_escaped_day_reads_as_a_date() -> None:
    # html2text writes "1\\. February" where a line opens with a number and a stop
    [(_, dt)] = list(find_datetimes("1\\. Februar 2022 , Jo Reyes"))
    assert dt.isoformat()[:10] == "2022-02-01"
