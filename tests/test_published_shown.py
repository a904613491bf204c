"""Dates a page shows in forms the readers missed, and the day its URL names that it prints."""

from __future__ import annotations

import pytest

from newsfold.dates import find_datetimes
from newsfold.extract.lead_time import url_day_shown
from newsfold.extract.published import published_and_updated

BODY = [
    f"The council met on Tuesday and agreed part {n} of the new budget for the coming year."
    for n in ("one", "two", "three", "four", "five", "six")
]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("posted on 14 Feb ’20 | Filed under: Transport", "2020-02-14"),
        ("Feb 14, '20", "2020-02-14"),
        ("3 März ‘19, 10:05", "2019-03-03"),
    ],
)
def test_a_two_digit_year_after_an_apostrophe_is_read(text: str, day: str) -> None:
    found = [dt.date().isoformat() for _, dt in find_datetimes(text)]
    assert found == [day]


@pytest.mark.parametrize("text", ["music of the '90s", "March '20s fashion", "in May '20:30"])
def test_an_apostrophe_year_needs_its_day_and_stands_alone(text: str) -> None:
    assert list(find_datetimes(text)) == []


def test_a_stamp_glued_to_the_last_digit_of_another_is_read() -> None:
    # a template's two machine stamps, then the one shown to the reader glued to the second
    line = "2021-07-30 16:05:12 2021-05-14 08:40:0014.05.2021 08:40"
    days = [dt.date().isoformat() for _, dt in find_datetimes(line)]
    assert days == ["2021-07-30", "2021-05-14", "2021-05-14"]
    # the one the line writes twice is the one it shows: the publication
    assert (published_and_updated([line])[0] or "")[:10] == "2021-05-14"


def test_the_url_day_the_page_prints_beats_another_day() -> None:
    url_day = "2022-05-03T00:00:00+00:00"
    lines = ["Council agrees budget", "Tuesday 3 May 2022, 10:05"]
    assert url_day_shown("2022-05-04T00:00:00+00:00", url_day, lines, None) == (
        "2022-05-03T10:05:00+00:00"
    )
    # not printed, the same day, nothing chosen: as it was
    assert url_day_shown("2022-05-04T00:00:00+00:00", url_day, lines[:1], None) == (
        "2022-05-04T00:00:00+00:00"
    )
    assert url_day_shown("2022-05-03T18:00:00+00:00", url_day, lines, None) == (
        "2022-05-03T18:00:00+00:00"
    )
    assert url_day_shown(None, url_day, lines, None) is None
    # a URL's day after the fetch is none the page had
    assert url_day_shown("2022-05-01T00:00:00+00:00", url_day, lines, "2022-05-02T00:00:00Z") == (
        "2022-05-01T00:00:00+00:00"
    )


def test_a_page_printing_its_url_day_is_dated_by_it_not_by_a_teaser() -> None:
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.published import page_times
    from newsfold.records import Removed

    # the byline's line holds another story's day; the page prints its URL's day further down
    result = DumpResult("Council agrees budget", ["By Jo Reyes 4 May 2022"], [], BODY)
    removed = [Removed("Tuesday 3 May 2022", "short_line", 12)]
    url = "https://example.org/news/2022/05/03/council-budget/"
    published = page_times(result, BODY, removed, url, None, "en")[0] or ""
    assert published[:10] == "2022-05-03"


def _kicker_page(*under: str, above: str = "19.11.2021 in Politics, Europe") -> list:
    from newsfold.records import Removed

    # a date and its sections over the title; related stories with their days under it
    return [
        Removed("Home News Sport Culture", "before_body", 1),
        Removed(above, "timestamp", 2),
        Removed("Council agrees budget", "headline", 3),
        *[Removed(text, "timestamp", 4 + k) for k, text in enumerate(under)],
        Removed("18.11.2021 in Harbour, Transport", "timestamp", 9),
        Removed("17.11.2021 in Schools", "timestamp", 12),
    ]


def test_the_time_right_above_the_headline_beats_related_stories_under_it() -> None:
    from newsfold.extract.lead_time import kicker_time
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.published import page_times

    old = _kicker_page()
    assert kicker_time(old, None) == "2021-11-19T00:00:00+00:00"
    below = [r.text for r in old if r.line > 3]
    result = DumpResult("Council agrees budget", below, [old[1].text, *below], BODY)
    assert (page_times(result, BODY, old, None, None, "en")[0] or "")[:10] == "2021-11-19"


def test_no_kicker_time_where_the_byline_under_the_headline_has_one_or_it_is_an_update() -> None:
    from newsfold.extract.lead_time import kicker_time

    assert kicker_time(_kicker_page("By Jo Reyes, 18 November 2021"), None) is None
    assert kicker_time(_kicker_page(above="Updated 19.11.2021 10:05"), None) is None
    assert kicker_time(_kicker_page(above="Friday, 19 November 2021"), None) is None  # "today"


def test_a_date_a_sentence_mentions_comes_after_a_time_line_and_is_no_byline_time() -> None:
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.published import page_times, read_times

    caption = (
        "Figure: a satellite picture of the harbour of 31.05.2021 (left) and the new map (right)"
    )
    stamp = "14.01.2022 at 09:25"
    # the short line's time first, whatever their order
    assert (read_times([caption, stamp])[0] or "")[:10] == "2022-01-14"
    # a long line a cue labels states its times: first, before a footer's dated note
    labelled = "Dec. 6, 2024, 10:00 PM UTC / Updated Dec. 7, 2024, 12:43 PM UTC by the desk"
    assert (read_times([labelled, "Terms (Updated July 7, 2023)"])[0] or "")[:10] == "2024-12-06"
    # the caption under the headline is no byline's time line
    result = DumpResult("Council agrees budget", [caption], [caption, stamp], BODY)
    assert (page_times(result, BODY, [], None, None, "en")[0] or "")[:10] == "2022-01-14"
    # a long line a cue labels is one
    cued = "Published: 22:00 GMT, 26 September 2020 | Updated: 08:39 GMT, 28 September 2020"
    weather = "Thursday, Nov 5th 2020 7PM 6°C 10PM 7°C Forecast"
    result = DumpResult("Council agrees budget", [weather, cued], [weather, cued], BODY)
    assert (page_times(result, BODY, [], None, None, "en")[0] or "")[:10] == "2020-09-26"


@pytest.mark.parametrize(
    "line",
    [
        "Der Beitrag wurde am 27. November 2019 um 15:21 Uhr veroffentlicht",
        "Veroeffentlicht am 27.11.2019",
        "Eingetragen am 27. November 2019, aktualisiert am 3. Januar 2020 vom Team",
    ],
)
def test_a_cue_printed_without_its_umlaut_labels_the_publication(line: str) -> None:
    from newsfold.extract.published import cued_time

    assert (cued_time([line]) or "")[:10] == "2019-11-27"
