from __future__ import annotations

from newsfold.extract.dates import find_datetimes, parse_datetime, published_and_updated


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


def test_nonsense_is_not_a_date() -> None:
    assert parse_datetime("No time here at all, 2024 apples") is None
