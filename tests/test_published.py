"""Which of a dump's dates is its publication: the chooser of ``extract/published.py``."""

from __future__ import annotations

import pytest

from newsfold.api import extract_text
from newsfold.extract.published import lead_time, url_date

# six sentences of their own: the body of every dump below
SENTENCES = [
    f"The council met on Tuesday and agreed part {n} of the new budget for the coming year."
    for n in ("one", "two", "three", "four", "five", "six")
]
SPANISH = [
    "El consejo se reunió el martes y aprobó el nuevo presupuesto para el año que viene.",
    "La alcaldesa dijo que las obras del puerto empezarán en cuanto llegue el dinero.",
    "Los vecinos del barrio norte pidieron más autobuses durante la sesión de la tarde.",
    "Tres concejales votaron en contra porque la deuda crece por segundo año seguido.",
    "El plan reserva una parte de los fondos para arreglar las escuelas más antiguas.",
    "La próxima sesión se celebrará en marzo, cuando se revise el gasto del invierno.",
]


def _dump(*above: str, body: list[str] = SENTENCES, below: tuple[str, ...] = ()) -> str:
    return "\n".join(["Council agrees budget", "", *above, "", *body, "", *below])


@pytest.mark.parametrize(
    ("url", "day", "month"),
    [
        ("https://example.org/news/2019/03/14/budget/", "2019-03-14", (2019, 3)),
        ("https://example.org/2019-03-14-budget.html", "2019-03-14", (2019, 3)),
        ("https://example.org/a/20080105-budget", "2008-01-05", (2008, 1)),
        ("https://example.org/news/29-10-2021", "2021-10-29", (2021, 10)),
        ("https://example.org/news/08112021-budget", "2021-11-08", (2021, 11)),
        ("https://example.org/2020/02/budget/", None, (2020, 2)),
        # an id, a host's digits, no date
        ("https://example.org/artikel/news-24356155.html", None, None),
        ("https://2019-03-14.example.org/budget", None, None),
        ("https://example.org/apps/news?pid=20601101&sid=a3w", None, None),
        ("https://example.org/view.php?path=/sport/2008/01/10/x.xml", "2008-01-10", (2008, 1)),
        ("https://example.org/news.asp?Fecha=20080107&n=1", "2008-01-07", (2008, 1)),
        (None, None, None),
    ],
)
def test_the_day_and_month_a_url_names(
    url: str | None, day: str | None, month: tuple[int, int] | None
) -> None:
    found, found_month = url_date(url)
    assert (found[:10] if found else None) == day
    assert found_month == month


def test_a_date_set_off_at_the_opening_of_the_text_is_a_dateline_s() -> None:
    opening = "(21. November 2022) Die Stadtwerke senken im Winter die Preise..."
    assert (lead_time([opening]) or "")[:10] == "2022-11-21"
    assert (lead_time(["Kiel, 29. November 2022. Die Fähren fahren wieder."]) or "")[:10] == (
        "2022-11-29"
    )
    assert (lead_time(["Press release of 25 January 2022 | Berlin - The"]) or "")[:10] == (
        "2022-01-25"
    )
    # a date the sentence runs on from is an event's; one far into the text is no dateline
    assert lead_time(["Am 19. Oktober 2019 gastiert Mönchengladbach in Dortmund."]) is None
    assert lead_time(["The games of the junior championship from 5 to 11 February 2022 in"]) is None
    assert (
        lead_time(
            ["The council, after a long night of talks in the town hall, agreed on 3 March 2022."]
        )
        is None
    )


def test_a_dateline_date_beats_the_masthead_s_today_above_the_headline() -> None:
    dump = "\n".join(
        [
            "Wednesday, 1 November 2023",  # the site's "today"
            "",
            _dump(body=["31 October 2023. " + SENTENCES[0], *SENTENCES[1:]]),
        ]
    )
    assert (extract_text(dump).published or "")[:10] == "2023-10-31"


def test_a_weekday_date_line_above_the_headline_is_the_post_s_where_the_page_is_later() -> None:
    # a blog's date line over its post; the comments under the text were written days later,
    # so that line cannot be the masthead's "today" (the day the page was served)
    comments = ("2 comments:", "Ann 8 June 2015 at 21:11", "Tom 9 June 2015 at 08:02")
    dump = "\n".join(["Friday, 5 June 2015", "", _dump(below=comments)])
    assert (extract_text(dump).published or "")[:10] == "2015-06-05"
    # a page whose other time is earlier may be showing "today" there: the other time stands
    earlier = ("Share this page", "30.05.2015 | Press")
    dump = "\n".join(["Friday, 5 June 2015", "", _dump(below=earlier)])
    assert (extract_text(dump).published or "")[:10] == "2015-05-30"


def test_a_slashed_date_of_either_order_is_read_as_the_page_s_language_writes_it() -> None:
    # "03/05/2022" alone on a line: the third of May on a Spanish page, where the old reader
    # left it in the body and gave no date
    dump = _dump("Por Ana Pérez", "03/05/2022 22:46", body=SPANISH)
    article = extract_text(dump)
    assert (article.published or "")[:10] == "2022-05-03"
    assert all("03/05/2022" not in p for p in article.paragraphs)
    # the URL's month settles it whatever the language
    dated = extract_text(dump, url="https://example.org/2022/03/consejo")
    assert (dated.published or "")[:10] == "2022-03-05"


def test_the_url_s_day_dates_a_page_that_prints_none() -> None:
    url = "https://example.org/news/2019/03/14/budget/"
    assert (extract_text(_dump(), url=url).published or "")[:10] == "2019-03-14"
    # never after the page was fetched
    early = extract_text(_dump(), url=url, fetched_at="2019-03-01T10:00:00Z")
    assert early.published is None


def test_a_date_label_states_the_page_s_date() -> None:
    from newsfold.extract.published import cued_time

    assert (cued_time(["Menu", "Datum: 19.11.2021"]) or "")[:10] == "2021-11-19"
    assert (cued_time(["Date 6 December 2022"]) or "")[:10] == "2022-12-06"
    assert (cued_time(["Publiziert am 13. Januar 2014 von Tom"]) or "")[:10] == "2014-01-13"
    assert cued_time(["Update your data by 6 December 2022"]) is None  # no label


def test_a_short_dated_line_dates_a_page_with_no_time_elsewhere() -> None:
    from newsfold.extract.published import dated_line

    lines = [
        "© 2024 Example Media",  # a copyright's year is no time
        "The council, after a long night of talks, agreed on 3 March 2022 to the plan.",
        "20.01.2022",
        "21.01.2022 Kategorie: Verband",
    ]
    assert (dated_line(lines, None) or "")[:10] == "2022-01-20"
    assert dated_line(lines, "2022-01-10T00:00:00Z") is None  # both after the fetch time
    dump = _dump(below=("Share this page", "20.01.2022 | Press", "Contact us"))
    assert (extract_text(dump).published or "")[:10] == "2022-01-20"


def test_a_dated_line_s_time_before_its_update_cue_is_the_publication() -> None:
    from newsfold.extract.published import dated_line

    assert (dated_line(["03.05.2022 | Updated 04.05.2022"], None) or "")[:10] == "2022-05-03"
    assert dated_line(["Updated 04.05.2022"], None) is None  # only an update: no publication


def test_a_labelled_date_below_the_text_beats_an_event_s_date_above_the_headline() -> None:
    # "Next meeting: ..." above the headline is an event's date; the page says which is its own
    dump = "\n".join(
        [
            "Next meeting: 21 February 2020",
            "",
            _dump(below=("Share this page", "Datum: 19.11.2019")),
        ]
    )
    assert (extract_text(dump).published or "")[:10] == "2019-11-19"


def test_the_url_s_day_beats_an_uncued_date_away_from_the_byline() -> None:
    # the masthead's "today" above the headline is no publication where the URL names the day
    dump = "\n".join(["Wednesday, 1 November 2023", "", _dump()])
    url = "https://example.org/news/2023/10/30/budget/"
    assert (extract_text(dump, url=url).published or "")[:10] == "2023-10-30"
    assert (extract_text(dump).published or "")[:10] == "2023-11-01"  # no URL: the only date


def test_a_weekday_and_a_date_alone_above_the_headline_is_the_masthead_s_today() -> None:
    from newsfold.extract.published import today_line

    assert today_line("Mittwoch, 26.02.2020") and today_line("Miércoles 4 de Mayo de 2022")
    assert not today_line("Monday 28 September 2020 19:27")  # a time of day: a story's stamp
    assert not today_line("Sonntag, 5. Mai 2019 | Politik")
    dump = "\n".join(
        ["Wednesday, 1 November 2023", "", _dump(below=("Share this page", "30.10.2023 | Press"))]
    )
    assert (extract_text(dump).published or "")[:10] == "2023-10-30"


@pytest.mark.parametrize(
    ("credit", "published", "updated"),
    [
        ("By Jane Doe | 3 hours ago", "2024-03-12T12:00:00+00:00", None),
        ("3 hours ago", "2024-03-12T12:00:00+00:00", None),
        ("Posted 5 days ago by Jane Doe", "2024-03-07T15:00:00+00:00", None),
        ("Updated 2 hours ago", None, "2024-03-12T13:00:00+00:00"),
    ],
)
def test_a_relative_time_under_the_headline_counts_back_from_the_fetch_time(
    credit: str, published: str | None, updated: str | None
) -> None:
    """ "3 hours ago" on the byline states a time only with the fetch time, and never one after
    it; without the fetch time the page states none."""
    fetched = "2024-03-12T15:00:00Z"
    article = extract_text(_dump(credit), kind="text", fetched_at=fetched)
    assert (article.published, article.updated) == (published, updated)
    assert extract_text(_dump(credit), kind="text").published is None


def test_a_comment_s_relative_time_below_the_text_is_no_publication() -> None:
    """A comment's (or a card's) "2 hours ago" under the text is not the article's time."""
    below = ("12 Comments", "harbourfan", "2 hours ago", "About time they did it.", "Reply")
    dump = _dump("By Jane Doe", below=below)
    assert extract_text(dump, kind="text", fetched_at="2024-03-12T15:00:00Z").published is None


@pytest.mark.parametrize(
    ("above", "published", "updated"),
    [
        (("Updated", "5 March 2023", "Published", "3 March 2023"), "2023-03-03", "2023-03-05"),
        (
            ("Aktualisiert am", "5. März 2023", "Erschienen am", "3. März 2023"),
            "2023-03-03",
            "2023-03-05",
        ),
        (("Last updated on:", "5 March 2023", "By Jane Doe"), None, "2023-03-05"),
    ],
)
def test_a_label_on_the_line_above_its_date_labels_it(
    above: tuple[str, ...], published: str | None, updated: str | None
) -> None:
    """A renderer sets a label and its date on two lines ("Updated" over "5 March 2023"): the
    label still tells the update from the publication, and a page that states only its update
    states no publication (the old chooser took the first date for the publication)."""
    article = extract_text(_dump(*above), kind="text")
    assert (article.published or "")[:10] == (published or "")
    assert (article.updated or "")[:10] == (updated or "")


def test_a_publication_cue_labels_only_a_time_written_near_it() -> None:
    from newsfold.extract.published import cued_time

    sentence = (
        "Notes on the publication practices of the members, presented at the regional congress"
        " of the harbour boards in the old town hall, 7-9 September 2009."
    )
    assert cued_time([sentence]) is None  # a noun in a sentence, far from the date
    assert cued_time(["Posted by Jane Doe-Smith on 4 March 2021"]) == "2021-03-04T00:00:00+00:00"


def test_an_update_opening_the_text_is_not_its_dateline() -> None:
    assert lead_time(["Updated 19.02.2020. The council met on Tuesday and agreed."]) is None
    assert lead_time(["Berlin, 29. November 2022. The council met."]) == "2022-11-29T00:00:00+00:00"
    dump = _dump("Jane Doe", "26 September 2019", body=["Updated 19.02.2020", *SENTENCES])
    assert extract_text(dump).published == "2019-09-26T00:00:00+00:00"


def test_an_ambiguous_slashed_date_keeps_its_time_of_day() -> None:
    from newsfold.extract.published import ambiguous_dates

    [(_, readings)] = list(ambiguous_dates("Jo Reyes 3/5/2022 22:41"))
    assert [r.isoformat() for r in readings] == [
        "2022-03-05T22:41:00+00:00",
        "2022-05-03T22:41:00+00:00",
    ]


def test_an_ambiguous_byline_date_is_settled_by_the_page_s_other_dates() -> None:
    # English, so the language alone would read month first (10 February); the text's own
    # date, four days earlier, says 2 October
    body = ["The board first met on Sept. 28, 2020 to weigh the plan.", *SENTENCES]
    dump = _dump("The Harbour Post 02/10/2020 Jane Doe", body=body)
    assert extract_text(dump).published == "2020-10-02T00:00:00+00:00"


def test_an_ambiguous_dashed_byline_date_is_settled_by_the_page_s_other_dates() -> None:
    # as the slashed one above: a dashed date of either order is left to the page too
    body = ["The board first met on Sept. 28, 2020 to weigh the plan.", *SENTENCES]
    dump = _dump("The Harbour Post 02-10-2020 Jane Doe", body=body)
    assert extract_text(dump).published == "2020-10-02T00:00:00+00:00"


def test_a_slashed_date_with_a_two_digit_year_and_a_time_is_read() -> None:
    dump = _dump("By Jane Doe • 11/08/23 5:19pm")
    url = "https://example.org/2023/11/council-agrees-budget/"
    assert extract_text(dump, url=url).published == "2023-11-08T17:19:00+00:00"
    assert extract_text(_dump("By Jane Doe • 11/08/23")).published is None  # no time: unread


def test_a_long_footer_sentence_with_a_publication_cue_dates_the_page() -> None:
    from newsfold.extract.published import cued_time

    footer = (
        "This entry was posted on Wednesday, 27 November 2019 at 15:21 and is filed under the"
        " harbour, the council, the budget, the channel, the dredging, the winter storms, the"
        " quay, the ferries and the fishing fleet. You can follow any responses to this entry"
        " through the feed, leave a response, or trackback from your own site."
    )
    assert 40 < len(footer.split()) <= 60
    assert cued_time([footer]) == "2019-11-27T15:21:00+00:00"


def test_the_markup_search_s_date_settles_an_ambiguous_byline_date() -> None:
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.published import page_times

    byline = "By Jo Reyes | Monday | 07/01/2008"
    result = DumpResult(
        "Council agrees budget", [byline], [byline], SENTENCES, guessed="2008-01-07"
    )
    # English alone would read month first (1 July); htmldate's day, 7 January, settles it
    published, _ = page_times(result, SENTENCES, [], None, None, "en")
    assert published == "2008-01-07T00:00:00+00:00"
    alone = DumpResult("Council agrees budget", [byline], [byline], SENTENCES)
    assert page_times(alone, SENTENCES, [], None, None, "en")[0] == "2008-07-01T00:00:00+00:00"


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Neue Preise für Monatskarten ab 01.01.2024", None),  # when prices start
        ("Der Pachtvertrag (zum 28.02.2017 gekündigt)", None),  # a deadline
        ("Offer valid until March 5, 2021", None),
        ("Bischöfin seit dem 1. Dezember 2019", None),
        ("Pressemitteilung vom 25. Januar 2022", "2022-01-25"),  # "vom": a stamp's label
        ("Posted on 4 March 2021", "2021-03-04"),
        ("20.01.2022", "2022-01-20"),
    ],
)
def test_a_period_s_bound_or_a_deadline_is_no_stamp(line: str, day: str | None) -> None:
    from newsfold.extract.published import dated_line

    assert (dated_line([line], None) or "")[:10] == (day or "")


def test_a_date_a_period_starts_from_does_not_date_the_page() -> None:
    # the byline's "ab 01.01.2024" is when the fares change; the page's own date stands below
    dump = _dump(
        "By Jo Reyes",
        "New fares apply from 1 January 2024",
        below=("Share this page", "6 November 2023"),
    )
    assert (extract_text(dump).published or "")[:10] == "2023-11-06"


def test_the_one_day_the_page_shows_beats_another_day_its_markup_declares() -> None:
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.published import page_times

    def published(time_lines: list[str], declared: str = "2021-11-29T14:05:12+00:00") -> str:
        byline = ["By Jo Reyes"]
        result = DumpResult(
            "Council agrees budget", byline, time_lines, SENTENCES, published=declared
        )
        return page_times(result, SENTENCES, [], None, None, "en")[0] or ""

    # the markup's day (a CMS's first draft) is not what the reader was shown
    assert published(["12 January 2022"])[:10] == "2022-01-12"
    # the declared day stands where the page shows it too, where it shows several days (a
    # teaser's, an event's), or where the day shown is an update's
    assert published(["29 November 2021", "12 January 2022"])[:10] == "2021-11-29"
    assert published(["12 January 2022", "3 February 2022"])[:10] == "2021-11-29"
    assert published(["Updated 12 January 2022"])[:10] == "2021-11-29"
    assert published([])[:10] == "2021-11-29"


def test_a_time_line_that_names_the_byline_s_author_is_the_byline_s_time() -> None:
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.page_clock import named_time_lines
    from newsfold.extract.published import page_times

    # the author read from the markup ("By Dana Whitfield"), the page printing the date and the
    # name in one line under the headline; a teaser's date above it, and the markup search's
    # guess of the teaser's day
    byline = ["By Dana Whitfield"]
    times = ["Pier reopens after repairs 21 January 2022", "1 February 2022 , Dana Whitfield"]
    assert named_time_lines(times, byline) == [times[1]]
    assert named_time_lines(times, ["By Dana"]) == []  # one word is no name to find
    assert named_time_lines(["1 February 2022, Dana Reyes"], byline) == []
    # the words before a name are the byline scorer's (``byline_page.CUES``): a German "Durch"
    # is no word of the name
    german = ["1. Februar 2022, Dana Whitfield"]
    assert named_time_lines(german, ["Durch Dana Whitfield"]) == german
    result = DumpResult(
        "Council agrees budget", byline, times, SENTENCES, guessed="2022-01-21T00:00:00+00:00"
    )
    published = page_times(result, SENTENCES, [], None, None, "en")[0] or ""
    assert published[:10] == "2022-02-01"


def test_a_declared_time_the_page_prints_as_its_update_is_no_publication() -> None:
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.published import page_times

    def published(time_lines: list[str], declared: str = "2023-03-05T11:20:31Z") -> str:
        byline = ["By Jo Reyes"]
        result = DumpResult(
            "Council agrees budget", byline, time_lines, SENTENCES, published=declared
        )
        return page_times(result, SENTENCES, [], None, None, "en")[0] or ""

    # the markup declares the last save; the page prints it as the update, after the publication
    line = "March 4, 2023, 9:02 PM UTC / Updated March 5, 2023, 11:20 AM UTC"
    assert published([line])[:16] == "2023-03-04T21:02"
    # an update of another minute: the declared time stands
    assert published([line.replace("11:20", "11:50")])[:10] == "2023-03-05"


def test_a_date_line_a_renderer_ran_into_the_opening_text_dates_it() -> None:
    from newsfold.extract.page_clock import glued_time

    # a wrapping renderer's lines ran the time line under the lead into the first paragraph
    # (the two sentences differ: a line that says the same thing twice is an image's alt text)
    lead = SENTENCES[0] + " 14.03.2023 10.15 Officials expect the plan to start in the spring."
    assert (extract_text(_dump(body=[lead, *SENTENCES[2:]])).published or "")[:16] == (
        "2023-03-14T10:15"
    )
    assert glued_time(["It rained. 14.03.2023, 09:50 / Updated 15.03.2023"])[:10] == "2023-03-14"
    # a date a sentence writes is no time line's
    assert glued_time(["The vote on 14.03.2023 was close."]) is None
    assert glued_time(["It rained. 14.03.2023 was the wettest day."]) is None
    assert glued_time(["It rained. 14.03.2023 10.15"], "2023-03-01T00:00:00Z") is None


def test_a_date_opening_the_standfirst_above_the_text_dates_it() -> None:
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.published import page_times
    from newsfold.records import Removed

    standfirst = (
        "Press release of 25 January 2022 | Oslo - The harbour board has agreed a new plan for"
        " the inner channel"
    )
    removed = [
        Removed("Home News Sport Weather", "before_body", 1),
        Removed(standfirst, "before_body", 3),
    ]
    result = DumpResult("Council agrees budget", [], [], SENTENCES, removed)
    assert (page_times(result, SENTENCES, removed, None, None, "en")[0] or "")[:10] == (
        "2022-01-25"
    )
    # a caption's dateline further down, among other stories' lines, is not the standfirst
    removed = [
        Removed(f"Line {n} of another story runs on for a while here", "before_body", n)
        for n in range(2)
    ] + [Removed(standfirst, "before_body", 3)]
    result = DumpResult("Council agrees budget", [], [], SENTENCES, removed)
    assert page_times(result, SENTENCES, removed, None, None, "en")[0] is None


def test_a_date_far_from_the_url_s_month_gives_way_to_one_of_the_page_s_in_it() -> None:
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.published import page_times
    from newsfold.records import Removed

    url = "https://example.org/2020/09/okra-stir-fry.html"
    # a sidebar's date was read as the time line; the page's own stands on a removed line
    removed = [Removed("September 15, 2020 by Jo Reyes Post a Comment", "comment", 4)]

    def published(declared: str | None = None, address: str = url) -> str:
        result = DumpResult(
            "Okra stir fry", [], ["April 09, 2019"], SENTENCES, removed, published=declared
        )
        return page_times(result, SENTENCES, removed, address, None, "en")[0] or ""

    assert published()[:10] == "2020-09-15"
    # no month in the URL, or a time the markup declares: the time stands
    assert published(address="https://example.org/okra-stir-fry.html")[:10] == "2019-04-09"
    assert published("2019-04-09T10:00:00Z")[:10] == "2019-04-09"


def test_a_dated_line_that_repeats_the_headline_dates_the_page() -> None:
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.published import page_times
    from newsfold.records import Removed

    # the site's list of its stories names this one with its day, above two others
    removed = [
        Removed("Harbour fees to rise 14.03.2022", "teaser", 3),
        Removed("Council agrees budget 02.03.2022", "headline_repeat", 4),
        Removed("Library opens on Sundays 21.02.2022", "teaser", 5),
    ]
    result = DumpResult("Council agrees budget", [], [], SENTENCES)
    published = page_times(result, SENTENCES, removed, None, None, "en")[0] or ""
    assert published[:10] == "2022-03-02"


def test_a_time_far_from_the_day_the_url_names_gives_way_to_that_day() -> None:
    from newsfold.extract.published import url_day_time

    day = "2017-07-12T00:00:00+00:00"
    # a republication's save two years on: the path's day stands
    assert url_day_time("2019-06-17T18:28:00+02:00", day, None) == day
    # a day or a week off (a time zone, a late edit): the time stands
    assert url_day_time("2017-07-19T08:00:00+00:00", day, None) == "2017-07-19T08:00:00+00:00"
    assert url_day_time("2019-06-17T18:28:00+02:00", None, None) == "2019-06-17T18:28:00+02:00"
    # a URL's day after the fetch is none the page had
    assert url_day_time("2017-07-01T00:00:00+00:00", day, "2017-07-02T00:00:00Z")[:10] == (
        "2017-07-01"
    )


def test_a_shown_day_that_is_one_item_of_a_list_does_not_beat_the_declared_day() -> None:
    from newsfold.extract.lines import DumpResult
    from newsfold.extract.published import page_times
    from newsfold.records import Removed

    declared = "2020-02-11T00:00:00+00:00"
    shown = ["09.05.2020 18:00 Uhr Tasting of island wines"]
    events = [
        Removed("29.02.2020 18:00 Uhr Tasting of mountain wines", "before_body", 2),
        Removed("04.04.2020 18:00 Uhr Tasting of coast wines", "before_body", 3),
    ]

    def published(removed: list[Removed]) -> str:
        result = DumpResult("Council agrees budget", [], shown, SENTENCES, published=declared)
        return page_times(result, SENTENCES, removed, None, None, "de")[0] or ""

    # the line shown is one of a list of events in one shape: the declared day stands
    assert published(events)[:10] == "2020-02-11"
    # alone, the one day the page shows beats the markup's (a CMS's draft)
    assert published([])[:10] == "2020-05-09"
    # the declared day is one of the list's own: the markup took an item's time, not the page's
    listed = [*events, Removed("11.02.2020 18:00 Uhr Tasting of river wines", "teaser", 4)]
    assert published(listed)[:10] == "2020-05-09"


def test_a_date_a_sentence_mentions_does_not_vouch_for_the_markup_search_s_guess() -> None:
    from newsfold.extract.html import _corroborated

    caption = (
        "Figure: the glacier's tongue as an aerial survey photographed it on 9 March 2016,"
        " with the lines of the older surveys drawn over it in red and blue"
    )
    assert not _corroborated("2016-03-09", [caption], None)
    assert _corroborated("2016-03-09", ["9 March 2016"], None)
    # a date that opens a long line is a dateline's
    assert _corroborated("2016-03-09", ["9 March 2016 " + caption[:60] + " and more words"], None)
    assert _corroborated("2016-03-09", [caption], "https://example.org/2016/03/09/glacier")


def test_a_compound_noun_labels_a_publication_date() -> None:
    """German labels a date with one compound noun ("Erscheinungsdatum": publication date). A
    page that also prints the same day further down under "Aktualisiert" still states it as the
    publication (the first label above the day's text is the one read)."""
    from newsfold.extract.published import labelled_times, published_and_updated
    from newsfold.records import Removed

    old = [
        Removed("Erscheinungsdatum", "before_body", 5),
        Removed("3. März 2023", "timestamp", 6),
        Removed("Aktualisiert", "after_body", 40),
        Removed("3. März 2023", "after_body", 41),
    ]
    lines = labelled_times(["3. März 2023"], old)
    assert published_and_updated(lines) == ("2023-03-03T00:00:00+00:00", None)
