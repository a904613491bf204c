from __future__ import annotations

import json
from importlib import resources

import pytest

from newsfold.dates import MONTHS, find_datetimes, parse_datetime
from newsfold.extract.published import published_and_updated


def test_glued_iso_stamps_split_and_offsets_normalised() -> None:
    line = "PTIUpdated: March 2, 2024 10:05 IST2024-03-02T09:15:00+5:302024-03-02T10:05:10+5:30"
    stamps = [dt.isoformat() for _, dt in find_datetimes(line)]
    assert "2024-03-02T09:15:00+05:30" in stamps
    assert "2024-03-02T10:05:10+05:30" in stamps


def test_month_name_with_zone_abbreviation() -> None:
    assert parse_datetime("Mar 02, 2024 09:15 AM EST") == "2024-03-02T09:15:00-05:00"
    assert parse_datetime("2 March 2024, 09:15 GMT") == "2024-03-02T09:15:00+00:00"
    assert parse_datetime("March 2, 2024 10:05 KST") == "2024-03-02T10:05:00+09:00"


def test_relative_time_against_fetch_time() -> None:
    assert (
        parse_datetime("3 hours ago", now="2024-03-03T12:00:00+00:00")
        == "2024-03-03T09:00:00+00:00"
    )
    assert parse_datetime("3 hours ago") is None  # no fetch time: no guess


def test_updated_and_published_cues() -> None:
    pub, upd = published_and_updated(
        ["By Staff | Published: March 1, 2024 08:00 JST", "Updated: March 1, 2024 11:30 JST"]
    )
    assert pub == "2024-03-01T08:00:00+09:00"
    assert upd == "2024-03-01T11:30:00+09:00"


def test_unlabelled_pair_is_published_then_updated() -> None:
    pub, upd = published_and_updated(["2024-03-02T09:15:00+5:302024-03-02T10:05:10+5:30"])
    assert (pub, upd) == ("2024-03-02T09:15:00+05:30", "2024-03-02T10:05:10+05:30")


def test_the_stamp_a_line_also_shows_its_reader_is_the_publication() -> None:
    """A page's template prints the last save's stamp, then the first one's, on one line, and
    shows its reader the first one's again: that is the publication, the other the update. Two
    stamps alone keep their order (a scheduled post's save may come before it)."""
    line = "2021-07-30 16:05:12 2021-05-14 08:40:00 14.05.2021 08:40"
    pub, upd = published_and_updated([line])
    assert (pub, upd) == ("2021-05-14T08:40:00+00:00", "2021-07-30T16:05:12+00:00")
    assert published_and_updated(["17/03/2019 16/03/2019"])[0] == "2019-03-17T00:00:00+00:00"


def test_a_date_older_than_the_web_is_no_stamp() -> None:
    """A society's founding day glued into a menu line is history's, not the page's time."""
    lines = ["Harbour Society1887-04-12Annual Report", "4 March 2021"]
    assert published_and_updated(lines) == ("2021-03-04T00:00:00+00:00", None)


def test_nonsense_is_not_a_date() -> None:
    assert parse_datetime("No time here at all, 2024 apples") is None


# --- dates in other languages, numeric European dates, CJK dates ---------------------------------


def _first(text: str) -> str | None:
    return parse_datetime(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German: "dd. Month yyyy", abbreviations, umlaut spelled out or dropped, any case
        ("Mittwoch, 23. März 2022", "2022-03-23T00:00:00+00:00"),
        ("23. MÄRZ 2022", "2022-03-23T00:00:00+00:00"),
        ("23. Maerz 2022", "2022-03-23T00:00:00+00:00"),
        ("23. Marz 2022", "2022-03-23T00:00:00+00:00"),
        ("23. Ma\u0308rz 2022", "2022-03-23T00:00:00+00:00"),  # decomposed umlaut
        ("veröffentlicht am 3. Mai 2021", "2021-05-03T00:00:00+00:00"),
        ("1. Okt. 2020, 14:05 Uhr", "2020-10-01T14:05:00+00:00"),
        ("12. Dez. 2019 um 9:30 Uhr", "2019-12-12T09:30:00+00:00"),
        ("7. Jänner 2018", "2018-01-07T00:00:00+00:00"),
        ("3 Mai 2021 10:00 MESZ", "2021-05-03T10:00:00+02:00"),
        # French
        ("le 5 janvier 2021 à 10h30", "2021-01-05T10:30:00+00:00"),
        ("le 1er février 2020", "2020-02-01T00:00:00+00:00"),
        ("15 août 2019 à 8h", "2019-08-15T08:00:00+00:00"),
        ("15 aout 2019", "2019-08-15T00:00:00+00:00"),
        ("jeudi 4 déc. 2014, 18:42", "2014-12-04T18:42:00+00:00"),
        # Spanish
        ("5 de enero de 2021", "2021-01-05T00:00:00+00:00"),
        ("domingo 08 de mayo del 2022 a las 10:30", "2022-05-08T10:30:00+00:00"),
        ("9 de setiembre de 2020", "2020-09-09T00:00:00+00:00"),
        # Italian
        ("12 gennaio 2021", "2021-01-12T00:00:00+00:00"),
        ("30 giugno 2018 alle 10.30", "2018-06-30T10:30:00+00:00"),
        ("2 ott 2019 ore 7:05", "2019-10-02T07:05:00+00:00"),
        # Portuguese
        ("1º de março de 2021 às 10h30", "2021-03-01T10:30:00+00:00"),
        ("14 de outubro de 2017", "2017-10-14T00:00:00+00:00"),
        # the day, the month's abbreviation and the year joined by dots, no space
        ("7.mar.2019 às 9h40", "2019-03-07T09:40:00+00:00"),
        ("02.Okt.2020", "2020-10-02T00:00:00+00:00"),
        # so with a two-digit year (90-99 the 1990s, 00-89 the 2000s)
        ("Datum: 04.Apr.21", "2021-04-04T00:00:00+00:00"),
        ("9.nov.97", "1997-11-09T00:00:00+00:00"),
        # Dutch
        ("3 januari 2021", "2021-01-03T00:00:00+00:00"),
        ("5 mrt. 2021 om 10:30 uur", "2021-03-05T10:30:00+00:00"),
        ("17 mei 2016", "2016-05-17T00:00:00+00:00"),
        # month first: English names, and foreign names that are not English words
        ("Juli 9, 2016 um 3:41 pm", "2016-07-09T15:41:00+00:00"),
        ("Okt 13, 2022", "2022-10-13T00:00:00+00:00"),
        ("Sept. 5th 2021 at 5 pm", "2021-09-05T17:00:00+00:00"),
    ],
)
def test_month_names_in_other_languages(text: str, expected: str) -> None:
    assert _first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23.03.2022", "2022-03-23T00:00:00+00:00"),
        ("23.03.2022, 14:05 Uhr", "2022-03-23T14:05:00+00:00"),
        ("Stand: 04.05.2021 12:00 Uhr", "2021-05-04T12:00:00+00:00"),
        ("Posted by Anna 7.2.2020", "2020-02-07T00:00:00+00:00"),
        ("par Jean D. le 14.09.2020 à 11h46", "2020-09-14T11:46:00+00:00"),
        ("06. 01. 2020, 14:00", "2020-01-06T14:00:00+00:00"),
        ("Meldung vom 30.11.2022 - 08:15", "2022-11-30T08:15:00+00:00"),
        ("Stand vom 02.01.2023 11.42 Uhr", "2023-01-02T11:42:00+00:00"),
        ("(Quelle: Archiv, 31.12.1999)", "1999-12-31T00:00:00+00:00"),
        # day first is impossible (no month 21): the US order
        ("01.21.2020 07:00 AM", "2020-01-21T07:00:00+00:00"),
        # two-digit years: "dd.mm.yy", or any "d.m.yy" with a time after it
        ("Von: Eva Beispiel | 31.10.23", "2023-10-31T00:00:00+00:00"),
        ("19.10.19, 18:56", "2019-10-19T18:56:00+00:00"),
        ("1.11.23 20:19 von Max", "2023-11-01T20:19:00+00:00"),
        ("Beitrag vom 01.02.99", "1999-02-01T00:00:00+00:00"),
    ],
)
def test_numeric_dates_with_dots_are_day_first(text: str, expected: str) -> None:
    assert _first(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "version 1.2.2021",
        "Version 1.2.2021 is out",
        "v1.2.2021",
        "release 3.4.2020",
        "costs 12.50 now",
        "12.50.2021",  # month 50
        "13.13.2021",
        "3.5.1",
        "Python 3.10.12",  # "d.m.yy" without a time: a version
        "192.168.1.1",
        "10.1.2.2021",  # glued to a number before
        "1.2.2021.3",  # a number glued after
        "1.2.20211",
        "31.02.2021",  # no such day
        "01.01.1850",  # year out of 1990-2100
        "01.01.2150",
        "00.01.2020",
        "05/06/2021",  # US or European: cannot tell
        "12/10/2020 by staff",
        "3/4/2021",  # ambiguous
        "page 1/2/2021/3",
        "Irene 5, 2021",  # "ene" glued to a word is no month
        "out 5, 2021",  # Portuguese "out" is an English word: not month first
        "Dezember 2019 September 2019 August 2019",  # month archive: no days
        "No time here at all, 2024 apples",
        "Jan.21",  # a month and a year's two digits: no day
        "3 Mar 19",  # a two-digit year counts only glued to the abbreviation's dot
    ],
)
def test_not_dates(text: str) -> None:
    assert [dt.isoformat() for _, dt in find_datetimes(text)] == []


def test_slashed_dates_only_when_unambiguous() -> None:
    assert _first("21/10/2019") == "2019-10-21T00:00:00+00:00"  # day first: 21 > 12
    assert _first("10/21/2019 at 9:05 am") == "2019-10-21T09:05:00+00:00"  # US order
    assert _first("Le 24/11/2019 à 17:08:41") == "2019-11-24T17:08:41+00:00"
    assert _first("05/06/2021") is None
    assert _first("13/13/2021") is None
    assert _first("21/10/1989") is None  # year out of range


def test_dashed_and_two_digit_year_slashed_dates_when_unambiguous() -> None:
    assert _first("Posted on: 17-01-2008") == "2008-01-17T00:00:00+00:00"  # day first: 17 > 12
    assert _first("15/01/08 15:46") == "2008-01-15T15:46:00+00:00"  # a time after the year
    assert _first("01/13/08 5:10 pm") == "2008-01-13T17:10:00+00:00"  # 13: US order
    assert _first("01/13/08 - Harbour League") is None  # no time: a stat row's figures too
    assert _first("Posted 13-01-08 10:15") is None  # a dashed two-digit year: a score line's
    assert _first("01-08-2008") is None  # either order: the page settles it
    assert _first("5/13/08") is None  # one figure before the slash: a score, a fraction
    assert _first("call 030-12-2008") is None  # a longer run of dashed figures
    from newsfold.dates import ambiguous_slashed

    readings = [r for _, r in ambiguous_slashed("Posted 01-08-2008")]
    assert [(a.day, b.day) for a, b in readings] == [(8, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021年3月2日", "2021-03-02T00:00:00+00:00"),
        ("2021年3月2日(火) 14:05", "2021-03-02T14:05:00+00:00"),
        ("2021 年 12 月 24 日 09:30 JST", "2021-12-24T09:30:00+09:00"),
        ("发布时间：2020年11月5日 8时15分", "2020-11-05T08:15:00+00:00"),
        ("2021년 3월 2일 14시 5분", "2021-03-02T14:05:00+00:00"),
    ],
)
def test_cjk_dates(text: str, expected: str) -> None:
    assert _first(text) == expected


def test_cjk_date_must_exist() -> None:
    assert _first("2021年2月30日") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 mars 2021 à 10h30", "2021-03-03T10:30:00+00:00"),
        ("3 mars 2021 à 10 h", "2021-03-03T10:00:00+00:00"),
        ("3. März 2021, 14 Uhr", "2021-03-03T14:00:00+00:00"),
        ("3. März 2021, 14:05:09 Uhr", "2021-03-03T14:05:09+00:00"),
        ("3 March 2021, 12:30 a.m.", "2021-03-03T00:30:00+00:00"),
        ("3 March 2021, 12 pm", "2021-03-03T12:00:00+00:00"),
        ("3 March 2021, 25:70", "2021-03-03T00:00:00+00:00"),  # no such time: the date stands
        ("3 March 2021, 15 people", "2021-03-03T00:00:00+00:00"),  # a bare number is no time
    ],
)
def test_times_after_a_date(text: str, expected: str) -> None:
    assert _first(text) == expected


def test_no_zone_is_utc_and_lower_case_words_are_not_zones() -> None:
    # "et" is French for "and", not US Eastern Time; a zone counts only in capitals
    assert _first("2 mars 2024 à 10h30 et 11h") == "2024-03-02T10:30:00+00:00"
    assert _first("2 März 2024 10:30 MEZ") == "2024-03-02T10:30:00+01:00"


def test_positions_and_order_across_forms() -> None:
    line = "Erstellt 01.02.2021 | 3. Februar 2021 | 2021-02-05T10:00:00Z | 2021年2月7日"
    found = list(find_datetimes(line))
    assert [dt.date().isoformat() for _, dt in found] == [
        "2021-02-01",
        "2021-02-03",
        "2021-02-05",
        "2021-02-07",
    ]
    assert [pos for pos, _ in found] == sorted(pos for pos, _ in found)
    assert line[found[0][0] :].startswith("01.02.2021")


def test_cues_in_other_languages() -> None:
    pub, upd = published_and_updated(
        ["Aktualisiert am 4. Mai 2021, 08:15 Uhr | Veröffentlicht am 3. Mai 2021, 10:00 Uhr"]
    )
    assert (pub, upd) == ("2021-05-03T10:00:00+00:00", "2021-05-04T08:15:00+00:00")
    pub, upd = published_and_updated(
        ["Publié le 5 janvier 2021 à 10h30", "Mis à jour le 6 janvier 2021 à 09h00"]
    )
    assert (pub, upd) == ("2021-01-05T10:30:00+00:00", "2021-01-06T09:00:00+00:00")
    # "Stand:" ("as of") is not an update cue: on its own it is the best publication time
    assert published_and_updated(["Stand: 04.05.2021 12:00 Uhr"]) == (
        "2021-05-04T12:00:00+00:00",
        None,
    )


def test_month_table_is_consistent() -> None:
    raw = resources.files("newsfold").joinpath("data/months.json").read_text("utf-8")
    table = json.loads(raw)
    assert {"en", "de", "fr", "es", "it", "pt", "nl"} <= set(table["languages"])
    seen: dict[str, int] = {}
    for lang, forms in table["languages"].items():
        for kind in ("full", "abbr"):
            assert len(forms[kind]) == 12, (lang, kind)
            for number, names in enumerate(forms[kind], start=1):
                for name in names:
                    assert name == name.lower(), name
                    assert seen.setdefault(name, number) == number, f"{name} names two months"
    assert MONTHS["märz"] == MONTHS["maerz"] == MONTHS["marz"] == MONTHS["mrz"] == 3
    assert MONTHS["aout"] == MONTHS["août"] == 8
    assert MONTHS["mei"] == MONTHS["mai"] == MONTHS["may"] == 5


def test_a_date_range_is_two_dates_not_a_date_and_a_time() -> None:
    found = [dt.isoformat() for _, dt in find_datetimes("01.02.2021 - 03.02.2021")]
    assert found == ["2021-02-01T00:00:00+00:00", "2021-02-03T00:00:00+00:00"]


def test_every_month_form_in_the_table_is_read() -> None:
    raw = resources.files("newsfold").joinpath("data/months.json").read_text("utf-8")
    table = json.loads(raw)
    exclude = set(table["month_first_exclude"])
    for forms in table["languages"].values():
        for kind in ("full", "abbr"):
            for number, names in enumerate(forms[kind], start=1):
                for name in names:
                    expected = f"2021-{number:02d}-05T00:00:00+00:00"
                    for written in (name, name.upper(), name.capitalize() + "."):
                        assert _first(f"5 {written} 2021") == expected, written
                    month_first = _first(f"{name.capitalize()} 5, 2021")
                    assert month_first == (None if name in exclude else expected), name


def test_text_dump_takes_the_date_on_the_byline_over_the_page_header_date() -> None:
    from newsfold import extract_text

    body = [
        "The harbour board met on Tuesday evening and agreed, after a long debate, to dredge "
        "the inner channel before the winter storms arrive.",
        "Work is expected to start in May and to last about six weeks, the board's chair told "
        "reporters after the meeting ended.",
        "Fishing crews have complained for years that the channel silts up each spring, forcing "
        "larger boats to wait for high tide.",
        "The cost is still to be settled, but the board said it would seek help from the "
        "regional council and the port's users.",
    ]
    page = "\n".join(
        [
            "Home | News | Sport",
            "Wednesday, 10 July 2024",  # the site's "today", printed on every page
            "Board agrees to dredge the inner channel before winter",
            "By Ann Lee | 3 July 2024",
            *body,
        ]
    )
    article = extract_text(page)
    assert article.byline == "By Ann Lee"
    assert article.published == "2024-07-03T00:00:00+00:00"


def test_a_display_time_gives_way_to_the_same_time_to_the_second() -> None:
    line = "Updated: Mar 3, 2024 10:05 IST 2024-03-03T10:05:10+05:30"
    assert published_and_updated(["Published: Mar 3, 2024 09:00 IST", line]) == (
        "2024-03-03T09:00:00+05:30",
        "2024-03-03T10:05:10+05:30",
    )
    # a stamp a minute or more away is another time, not the same one given more finely
    assert (
        published_and_updated(["Updated: Mar 3, 2024 10:05 IST 2024-03-03T10:07:10+05:30"])[0]
        == "2024-03-03T10:05:00+05:30"
    )


# --- fetch time and ambiguous day/month (issue 20) ----------------------------------------------


def test_a_time_after_the_fetch_time_is_not_the_published_time() -> None:
    from newsfold.extract.published import after_fetch

    fetched = "2008-01-20T10:00:00+00:00"
    lines = ["Posted 14 August 2008", "January 18, 2008 9:15 a.m."]
    assert published_and_updated(lines, fetched)[0] == "2008-01-18T09:15:00+00:00"
    assert published_and_updated(lines)[0] == "2008-08-14T00:00:00+00:00"  # no fetch time known
    # a local stamp of the fetch day ahead of UTC is no later than the fetch
    assert not after_fetch("2008-01-20T23:00:00+13:00", fetched)
    assert after_fetch("2008-01-22T00:00:00+00:00", fetched)


def test_ambiguous_day_and_month_settled_by_fetch_time_then_language() -> None:
    line = ["Published 05/01/2008"]
    # May 1 lies after a fetch of January 20: the fifth of January
    assert published_and_updated(line, "2008-01-20T10:00:00Z")[0] == "2008-01-05T00:00:00+00:00"
    # both before the fetch: the reading nearest below it
    assert published_and_updated(line, "2008-05-03T10:00:00Z")[0] == "2008-05-01T00:00:00+00:00"
    # no fetch time: English pages write month first, others day first; unknown: unread
    assert published_and_updated(line, None, "en")[0] == "2008-05-01T00:00:00+00:00"
    assert published_and_updated(line, None, "de")[0] == "2008-01-05T00:00:00+00:00"
    assert published_and_updated(line) == (None, None)


def test_ambiguous_order_settled_by_the_page_s_other_dates() -> None:
    from datetime import UTC, datetime

    from newsfold.extract.published import ambiguous_dates, settle_order

    [(_, readings)] = list(ambiguous_dates("on 05/01/2008"))
    others = [datetime(2008, 1, 3, tzinfo=UTC), datetime(2008, 1, 7, tzinfo=UTC)]
    assert settle_order(readings, others, language="en") == datetime(2008, 1, 5, tzinfo=UTC)
    assert list(ambiguous_dates("21/10/2019 and 3.5.1")) == []  # not ambiguous: read elsewhere


def test_html_metadata_time_after_the_fetch_time_is_dropped() -> None:
    from newsfold.api import extract_text

    body = "The council met on Tuesday and agreed the new budget for the year, after a long debate."
    more = "Members said the plan would cut waiting lists and keep the two libraries open."
    html = (
        '<html><head><title>Council agrees budget</title><meta property="article:published_time"'
        ' content="2009-06-01T10:00:00Z"></head><body><h1>Council agrees budget</h1>'
        f"<p>January 18, 2008</p><p>{body} {more}</p><p>{more} {body}</p></body></html>"
    )
    late = extract_text(html, kind="html", fetched_at="2008-01-20T10:00:00Z")
    assert late.published is None or late.published[:10] <= "2008-01-20"
    # no fetch time: the one day the page shows its reader beats the other its markup declares
    # (``published._shown_over_declared``)
    assert extract_text(html, kind="html").published == "2008-01-18T00:00:00+00:00"


def test_a_footer_s_publication_line_dates_a_dump_without_a_timestamp_above_the_text() -> None:
    from newsfold.api import extract_text
    from newsfold.extract.published import cued_time

    assert cued_time(["Menu", "Der Beitrag wurde am 27. November 2019 veröffentlicht"]) == (
        "2019-11-27T00:00:00+00:00"
    )
    assert cued_time(["Aktualisiert: 30.12.2016", "Published on 2 May 2016"]) == (
        "2016-05-02T00:00:00+00:00"
    )
    assert cued_time(["Aktualisiert: 30.12.2016"]) is None  # an update is no publication
    assert cued_time(["We met on 2 May 2016 and talked."]) is None  # no cue
    # six sentences of their own (a line printed three times or more is a gallery's, not body)
    sentences = [
        f"The council met on Tuesday and agreed part {n} of the new budget for the coming year."
        for n in ("one", "two", "three", "four", "five", "six")
    ]
    dump = "\n".join(
        [
            "Council agrees budget",
            "",
            *sentences,
            "",
            "Veröffentlicht: 27. November 2019 | Kategorie: Allgemein | Tags: Haushalt, Rat, Stadt,"
            " Finanzen, Steuern, Gebühren | Kommentare (3) | Teilen | Drucken | Mail | Facebook |"
            " Twitter | WhatsApp",
        ]
    )
    assert (extract_text(dump).published or "")[:10] == "2019-11-27"  # read as no date before


def test_a_guessed_html_date_written_nowhere_on_the_page_yields_to_the_printed_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsfold.api import extract_text
    from newsfold.extract import html as html_module

    def guessed(html: object, fetched_at: str | None = None) -> str:
        return "2008-08-01"  # htmldate's guess: a month read as its first day

    monkeypatch.setattr(html_module, "_find_date", guessed)
    body = " ".join(["The council met on Tuesday and agreed the new budget for the year."] * 4)
    page = (
        "<html><head><title>Council agrees budget</title></head><body><h1>Council agrees budget"
        f"</h1><p>January 18, 2008</p><p>{body}</p><p>{body}</p></body></html>"
    )
    assert (extract_text(page, kind="html").published or "")[:10] == "2008-01-18"
    bare = page.replace("<p>January 18, 2008</p>", "")
    assert extract_text(bare, kind="html").published is None  # no day written: no date
    # written in the URL: kept
    dated = extract_text(bare, kind="html", url="https://example.org/2008/08/01/budget")
    assert (dated.published or "")[:10] == "2008-08-01"


def test_the_unix_epoch_is_no_time_a_page_states() -> None:
    from newsfold.dates import find_datetimes

    # a cookie's expiry left in a script's text, a CMS's empty date
    assert (
        list(find_datetimes("document.cookie = 'a=; expires=Thu, 01 Jan 1970 00:00:00 UTC;'")) == []
    )
    assert list(find_datetimes("Datum: 01.01.1970")) == []
    # a time of day on that day is a time all the same
    assert [dt.hour for _, dt in find_datetimes("1 January 1970 at 10:00")] == [10]


def test_an_unzoned_time_after_the_fetch_is_the_wall_clock_of_a_zone_ahead_of_utc() -> None:
    from newsfold.extract.page_clock import at_or_before_fetch

    fetched = "2023-07-09T01:00:00+00:00"
    # 04:40 read as UTC is after a fetch at 01:00 UTC: the least offset a zone uses that puts
    # it at or before the fetch is +04:00 (+03:30 leaves it ten minutes after)
    assert at_or_before_fetch("2023-07-09T04:40:00+00:00", fetched) == "2023-07-09T04:40:00+04:00"
    assert at_or_before_fetch("2023-07-09T00:20:00+00:00", fetched) == "2023-07-09T00:20:00+00:00"
    # a page's own offset is kept, and nothing is moved without a fetch time
    assert at_or_before_fetch("2023-07-09T09:40:00+09:00", fetched) == "2023-07-09T09:40:00+09:00"
    assert at_or_before_fetch("2023-07-09T04:40:00+00:00", None) == "2023-07-09T04:40:00+00:00"
    assert at_or_before_fetch(None, fetched) is None


def test_a_dump_s_unzoned_publication_never_lies_after_its_fetch_time() -> None:
    from datetime import datetime

    from newsfold.api import extract_text

    body = "\n".join(
        [
            "The ferry service to the outer islands resumed on Saturday after two weeks of storms"
            " kept every boat in the harbour and left the smaller villages short of supplies.",
            "Crews spent Friday checking the hulls and the loading ramps, the operator said, and"
            " the first sailing left the mainland pier shortly after dawn with a full deck.",
            "Shopkeepers on the largest island said fresh bread and milk had run out by midweek,"
            " and that a fishing boat had brought medicine across for the clinic on Thursday.",
            "The operator expects the timetable to return to normal by the end of next week,"
            " although the evening crossing will stay cancelled until the forecast improves.",
        ]
    )
    dump = (
        "Island Gazette\nFerries sail again after the storms\nBy Mara Quill\n"
        "Posted: 9 July 2023 7:05 AM | Updated: 9 July 2023 7:50 AM\n" + body
    )
    fetched = "2023-07-09T02:30:00+00:00"
    article = extract_text(dump, kind="text", fetched_at=fetched)
    assert article.published and article.updated
    for value, wall in ((article.published, "07:05"), (article.updated, "07:50")):
        when = datetime.fromisoformat(value)
        assert when <= datetime.fromisoformat(fetched), value
        assert value[:16] == f"2023-07-09T{wall}", value  # the wall clock the page shows


def test_a_text_of_many_dates_reads_each_once_in_order() -> None:
    """Every form read, each date once, in the text's order, none read twice where two forms
    overlap (an ISO stamp's day is no numeric date too): ``_read_datetimes`` keeps the spans it
    read sorted and asks each new match by bisection (it walked them all: quadratic)."""
    unit = "12 March 2024 10:15, 2024-03-13T10:15:00 and 14.03.2024 then "
    found = list(find_datetimes(unit * 500))
    days = [dt.day for _, dt in found]
    assert days == [12, 13, 14] * 500
    positions = [pos for pos, _ in found]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert [dt.hour for _, dt in found[:3]] == [10, 10, 0]


def test_a_time_of_day_glued_to_its_date_is_read_with_it() -> None:
    from newsfold.dates import find_datetimes

    # a forum's markup printed the poster, the date and the time without spaces between them
    assert [dt.isoformat() for _, dt in find_datetimes("harbourfan14.03.2412:05")] == [
        "2024-03-14T12:05:00+00:00"
    ]
    assert [dt.isoformat() for _, dt in find_datetimes("am 14.03.202412:05 Uhr")] == [
        "2024-03-14T12:05:00+00:00"
    ]
    # a year out of range is still none, and a year's colon after it no clock
    assert list(find_datetimes("14.03.1912")) == []
    assert [dt.isoformat() for _, dt in find_datetimes("Stand 14.03.2024:")] == [
        "2024-03-14T00:00:00+00:00"
    ]


def test_a_dotted_dates_four_digit_years_are_numeric_years() -> None:
    """NUMERIC_DATE_RE writes ``NUMERIC_YEARS`` out as a pattern (so that two digits after a
    two-digit year may be a glued hour): the two say the same years."""
    from newsfold.dates import NUMERIC_DATE_RE, NUMERIC_YEARS

    read = {
        year
        for year in range(1000, 3000)
        if (m := NUMERIC_DATE_RE.fullmatch(f"3.4.{year}")) and m.group("y") == str(year)
    }
    assert read == set(NUMERIC_YEARS)
