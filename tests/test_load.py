"""A short run of the load benchmark (``python -m benchmarks.load``): the server under
concurrent ingest and reads from several processes answers every request, and the store holds
every page sent exactly once. No timing is asserted; the benchmark reports those."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

pytest.importorskip("fastapi", reason="the [server] extra is not installed")
pytest.importorskip("uvicorn", reason="the [server] extra is not installed")

from benchmarks.load import READ_KINDS, run_load

from newsfold.server.pages import request_source


def test_the_server_under_load_answers_everything_and_loses_nothing() -> None:
    result = run_load(seconds=3, writers=2, readers=2, batch=4)
    assert result["errors"] == 0, result["error_samples"]
    store = result["store"]
    assert store["consistent"], store["problems"]
    assert store["pages_sent"] == store["pages_stored"] > 0
    assert store["empty_sent"] == store["empty_listed_in_rejected"]
    assert store["stories_of_several_copies"] > 0  # copies were found while readers read
    kinds = {r["endpoint"] for r in result["rows"] if r["phase"] == "reads + ingest"}
    assert kinds == {*READ_KINDS, "post /pages"}


def test_requests_within_one_second_get_their_own_sources() -> None:
    # two requests' sources must differ, or one's rejections (kept by source and reason)
    # replace the other's: the load benchmark found rejections lost this way
    t = datetime(2024, 3, 2, 10, 0, 0, 1000, tzinfo=UTC)
    assert request_source(t) == "api/2024-03-02T10:00:00.001000Z"
    assert request_source(t) != request_source(t + timedelta(milliseconds=1))
