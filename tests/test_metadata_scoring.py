"""The metadata benchmark's date scoring and its list of misses (``benchmarks/metadata.py``)."""

from __future__ import annotations

from datetime import date

import pytest
from benchmarks import metadata


def test_a_gold_date_written_with_a_dot_or_its_day_before_its_month_is_read_so() -> None:
    # three gold values of trafilatura's set write these: no system could match them as written
    assert metadata.calendar_date("2022-01.26") == date(2022, 1, 26)
    assert metadata.calendar_date("2022-29-11") == date(2022, 11, 29)
    assert metadata.calendar_date("2022-03-04T05:06:07Z") == date(2022, 3, 4)
    assert metadata.date_match("2022-11-29T00:00:00+00:00", "2022-29-11")
    assert not metadata.date_match("2022-11-28", "2022-29-11")
    assert not metadata.date_match(None, "2022-11-29")


def test_misses_lists_the_wrong_pages_with_their_half() -> None:
    pages = [
        metadata.Page(f"p{n}", f"https://site{n}.example/a", "", None, None, gold, f"site{n}")
        for n, gold in enumerate(["2022-01-05", "2022-01-06", None])
    ]
    predictions = {
        "p0": {"headline": None, "byline": None, "date": "2022-01-05T10:00:00+00:00"},
        "p1": {"headline": None, "byline": None, "date": "2022-01-07"},
        "p2": {"headline": None, "byline": None, "date": "2022-01-07"},
    }
    split = {"A": ["p0", "p1"], "B": ["p2"], "all": ["p0", "p1", "p2"]}
    result = metadata.DatasetResult(
        "trafilatura", 3, [], {"s": 1.0}, {"s": predictions}, pages, split=split
    )
    found = metadata.misses(result, "s", "date")
    assert [(half, page.id, got) for half, page, got in found] == [("A", "p1", "2022-01-07")]


def test_headline_in_dump_finds_a_line_or_a_wrapped_run_of_lines() -> None:
    dump = "Home\nNews\nHarbour board approves a new sea\nwall after the floods\nThe board voted."
    assert metadata.headline_in_dump(dump, "Harbour board approves a new sea wall after the floods")
    # a page whose gold headline is its <title> alone: a dump of the body does not print it
    assert not metadata.headline_in_dump(dump, "Sea wall test page")


def test_headline_ceilings_are_shares_of_the_gold_headlines_per_half() -> None:
    pages = [
        metadata.Page(id=i, url=None, html="", headline=h, byline=None, date=None)
        for i, h in (("p1", "Ferry timetable changes"), ("p2", "Sea wall test"), ("p3", None))
    ]
    dumps = {"lynx": {"p1": "Menu\nFerry timetable changes\nText.", "p2": "Text.", "p3": "x"}}
    split = {"A": ["p1", "p2"], "B": ["p3"], "all": ["p1", "p2", "p3"]}
    assert metadata.headline_ceilings(pages, dumps, split) == {
        "lynx": {"A": 0.5, "B": None, "all": 0.5}
    }


def test_a_soft_hyphen_or_zero_width_space_in_a_word_splits_no_token() -> None:
    # the page marks where a long word may break; the renderer drops the mark, the gold keeps it
    gold = "Minister: the water\u00adworks stay in public hands"
    assert metadata.tokens(gold) == metadata.tokens("Minister: the waterworks stay in public hands")
    assert metadata.headline_exact("Minister: the waterworks stay in public hands", gold)
    assert metadata.tokens("sea\u200bwall") == ["seawall"]


def test_the_l3s_headline_share_is_given_per_site_half_and_its_misses_listed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    check = metadata.L3sCheck(
        "newsfold (html)",
        pages=5,
        articles=5,
        no_date=0,
        outside_window=0,
        headline_pages=4,
        headline_correct=3,
        shared_headline=0,
        headline_pages_by_half={"A": 1, "B": 3},
        headline_correct_by_half={"A": 1, "B": 2},
        headline_misses=[("B", "p4", "Quay wall to be rebuilt", "Harbour News")],
    )
    assert [metadata._l3s_share(check, part) for part in ("A", "B", "all")] == [1.0, 2 / 3, 0.75]
    metadata.print_l3s([check], misses=True)
    printed = capsys.readouterr().out
    assert "A: 1, B: 3, all: 4" in printed
    assert "  B p4\n    gold 'Quay wall to be rebuilt'\n    got  'Harbour News'" in printed
