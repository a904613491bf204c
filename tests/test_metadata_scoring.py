"""The metadata benchmark's date scoring and its list of misses (``benchmarks/metadata.py``)."""

from __future__ import annotations

from datetime import date

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
