"""A list of dated lines under the headline (related stories, an author's other pieces) is not
the byline's time; a date a renderer ran into the headline, or wrote in markdown's escape, is
the article's."""

from __future__ import annotations

from newsfold.dates import find_datetimes
from newsfold.extract.lines import DumpResult
from newsfold.extract.page_clock import headline_time
from newsfold.extract.published import page_times
from newsfold.records import Removed

SENTENCES = [
    f"The harbour board met on Monday and agreed stage {n} of the plan for the inner channel."
    for n in ("one", "two", "three", "four", "five")
]
LIST = [
    "Ferry fares rise in spring 02.03.2022",
    "Lighthouse reopens to visitors 24.02.2022",
    "New crane arrives at the quay 17.02.2022",
]


def _published(byline_lines: list[str], paragraphs: list[str]) -> str:
    result = DumpResult("Harbour board agrees channel plan", byline_lines, byline_lines, paragraphs)
    return (page_times(result, paragraphs, [], None, None, "en")[0] or "")[:10]


def test_a_dateline_beats_a_list_of_dated_lines_under_the_headline() -> None:
    dated = ["(14. March 2022) The harbour board met on Monday.", *SENTENCES]
    # three days under the headline: other stories' list; the text's dateline is the article's
    assert _published(LIST, dated) == "2022-03-14"
    # one or two days: the byline's time, as before
    assert _published(LIST[:1], dated) == "2022-03-02"
    assert _published(LIST[:2], dated) == "2022-03-02"
    # a list and nothing else that dates the page: the line right under the headline
    assert _published(LIST, SENTENCES) == "2022-03-02"


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


def test_the_kicker_over_the_headline_across_a_blank_line() -> None:
    from newsfold.extract.lead_time import kicker_time

    def old(kicker: str, gap: int) -> list[Removed]:
        return [
            Removed("Home News Sport", "navigation", 1),
            Removed(kicker, "timestamp", 10 - gap),
            Removed("Harbour board agrees channel plan", "headline", 10),
        ]

    # a text dump that sets a blank line between each block (lynx, w3m) and one that does not
    for gap in (1, 2):
        assert kicker_time(old("Port news 19.11.2021", gap), None) == "2021-11-19T00:00:00+00:00"
    assert kicker_time(old("Port news 19.11.2021", 3), None) is None  # not right above it
    # a date in brackets is a source's or a figure's; one after a label's colon is what the
    # label names, a publication's label aside
    assert kicker_time(old("Harbour survey (as of 28.11.2018)", 2), None) is None
    assert kicker_time(old("Next meeting: 21.02.2022", 2), None) is None
    assert kicker_time(old("Published: 19.11.2021", 2), None) == "2021-11-19T00:00:00+00:00"


def test_a_label_over_times_of_several_days_is_a_list_s() -> None:
    from newsfold.extract.date_cues import time_label
    from newsfold.extract.published import listed_labels, read_times

    assert time_label("Concert: ") == "concert"
    assert time_label("**Latest reply: ") == "reply"
    # a publication's, an update's or a date's label, a compound too, labels the page's own
    for label in ("Posted: ", "Last updated: ", "Erstveröffentlichung: ", "Datum: "):
        assert time_label(label) is None
    assert time_label("Jo Reyes Stand: ") is None
    # no label right before the time: a sentence's colon further back, or none
    assert time_label("The board met again: on ") is None
    assert time_label("By Jo Reyes | ") is None
    events = ["Open day: 12.05.2022, 10:00", "Open day: 19.05.2022, 10:00"]
    assert listed_labels([*events, "Written: 03.05.2022 09:15"]) == {"day"}
    # the items of a list of events give way to the page's own time, labelled once
    assert read_times([*events, "Written: 03.05.2022 09:15"])[0] == "2022-05-03T09:15:00+00:00"
    assert read_times([*events, "03.05.2022 09:15"])[0] == "2022-05-03T09:15:00+00:00"
    # one label, one day: the page's own, whatever its word
    assert read_times(["Open day: 12.05.2022, 10:00"])[0] == "2022-05-12T10:00:00+00:00"
    assert read_times(["Edited: 04.02.2022", "Edited: 04.02.2022 08:27"])[0][:10] == "2022-02-04"


def test_a_title_bar_s_slashed_date_is_settled_by_the_page_s_language() -> None:
    title = (
        "Harbour board agrees the channel plan after a long night - Port news - 11/05/2022 - Coast"
    )
    paragraphs = SENTENCES
    old = [Removed(title, "headline_repeat", 0), Removed("Home News Sport", "navigation", 1)]
    result = DumpResult("Harbour board agrees the channel plan", [], [], paragraphs)

    def published(language: str) -> str | None:
        return page_times(result, paragraphs, old, None, None, language)[0]

    # a title bar of any length writes the page's own day: day first in Spanish, month in English
    assert (published("es") or "")[:10] == "2022-05-11"
    assert (published("en") or "")[:10] == "2022-11-05"
    # a long removed line that is no title bar is a sentence: its date is not read
    old[0] = Removed(title, "teaser", 0)
    assert published("es") is None
