"""A 500 on any input is a bug: schemathesis draws requests from the server's own OpenAPI spec,
every operation, and each must answer below 500, as JSON and (for a GET) as the reader's page.

Bounded for CI: a fixed number of examples an operation, derandomized (the same requests each
run), on a copy of the example corpus's store with rejections and teasers."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the [server] extra is not installed")
schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is not installed (the [test] extra)"
)
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsfold.server import create_app  # noqa: E402
from newsfold.store.sqlite import SQLiteStore  # noqa: E402
from reader_store import reader_store  # noqa: E402

# more for a deeper search, as run before each release: NEWSFOLD_FUZZ_EXAMPLES=300
EXAMPLES_PER_OPERATION = int(os.environ.get("NEWSFOLD_FUZZ_EXAMPLES", "10"))


@pytest.fixture(scope="module")
def app(demo_store: SQLiteStore, tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = reader_store(demo_store, tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    return create_app(db, allowed_hosts=("testserver", "localhost"))


@pytest.fixture(scope="module")
def api_schema(app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_operation_is_drawn(api_schema: Any) -> None:
    drawn = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert {("GET", "/stories"), ("GET", "/rejected"), ("POST", "/pages")} <= drawn
    assert len(drawn) == len(OPERATIONS)


OPERATIONS = [
    ("GET", "/stories"),
    ("GET", "/search"),
    ("GET", "/stories.csv"),
    ("GET", "/search.csv"),
    ("GET", "/stories/{story_id}"),
    ("GET", "/articles/{article_id}"),
    ("GET", "/teasers"),
    ("GET", "/teasers.csv"),
    ("GET", "/rejected"),
    ("GET", "/rejected.csv"),
    ("POST", "/extract"),
    ("POST", "/compare"),
    ("POST", "/pages"),
]


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[" ".join(o) for o in OPERATIONS])
def test_no_request_is_answered_500(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]
    statuses: set[int] = set()

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        response = case.call()
        statuses.add(response.status_code)
        assert response.status_code < 500, (case.method, case.path, response.text[:500])
        if case.method == "GET":
            page = case.call(headers={"accept": "text/html"})
            assert page.status_code < 500, (case.formatted_path, page.text[:500])

    check()
    # the requests reached the routes (not all refused at the door, by Host or body type)
    assert statuses & {200, 404, 422}, statuses


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(
    when=st.datetimes(
        min_value=datetime(1, 1, 1),
        max_value=datetime(9999, 12, 31, 23, 59, 59),
        timezones=st.none() | st.timezones(),
    ),
    date_only=st.booleans(),
)
@example(when=datetime(9999, 12, 31), date_only=True)
@example(when=datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))), date_only=False)
@example(
    when=datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-1))), date_only=False
)
def test_any_time_as_a_bound_is_no_500(app: Any, when: datetime, date_only: bool) -> None:
    """Random strings seldom parse as times: these are times, the calendar's ends included
    (``until=9999-12-31`` and ``since=0001-01-01T00:00:00+01:00`` answered 500)."""
    value = when.date().isoformat() if date_only else when.isoformat()
    client = TestClient(app)
    for name in ("since", "until"):
        r = client.get("/stories.json", params={name: value})
        assert r.status_code == 200, (name, value, r.text[:300])
