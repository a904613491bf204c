from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from newsfold.run.local import fold
from newsfold.store import SQLiteStore, Store, open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
EXPECTED = ROOT / "examples" / "expected.json"
SHARED = ROOT.parent / "shared" / "data"


def shared_data(sub: str) -> Path:
    """A folder of ../shared/data, or skip the test saying what is missing."""
    path = SHARED / sub
    if not path.exists():
        pytest.skip(f"real data not available: {path} is absent (see ../shared/DATA.md)")
    return path


def pg_server() -> str:
    """The PostgreSQL server the tests may use ($NEWSFOLD_TEST_PG), or skip saying why."""
    url = os.environ.get("NEWSFOLD_TEST_PG")
    if not url:
        pytest.skip(
            "no PostgreSQL server for the tests: $NEWSFOLD_TEST_PG is not set "
            "(.ci/run starts one with .ci/pg-start; see README, Storage)"
        )
    pytest.importorskip("psycopg", reason="the [postgres] extra is not installed")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A store URL of its own on the test server: a new schema, dropped afterwards."""
    import psycopg

    server = pg_server()
    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in server else "?"
    yield f"{server}{sep}options={quote('-csearch_path=' + schema)}"
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store's URL on each backend (PostgreSQL skips where no server is set)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 't.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    return json.loads(EXPECTED.read_text("utf-8"))


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    """The example corpus folded once for the whole session (read-only for tests)."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    s = open_store(db)
    fold([EXAMPLES], s)
    return s


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session for every Spark test module (starting one takes seconds).

    Settings for test-sized inputs only (the engine's own are ``newsfold.run.spark.session``'s):
    one default partition per stage instead of two (the fold still splits its shuffles in two),
    no whole-stage code generation (each of the fold's many small queries would compile Java
    code that runs for milliseconds) and the JVM's quick compiler only, on a machine's few
    shared cores."""
    pytest.importorskip("pyspark", reason="the [spark] extra is not installed")
    from newsfold.run import spark as nfspark

    jvm = {
        "spark.default.parallelism": "1",
        "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
    }
    args = " ".join(f'--conf "{k}={v}"' for k, v in jvm.items())
    before = os.environ.get("PYSPARK_SUBMIT_ARGS")
    os.environ["PYSPARK_SUBMIT_ARGS"] = f"{args} pyspark-shell"  # read as the JVM starts
    try:
        session = nfspark.session("local[2]")  # the engine's own settings, the test's beside them
    finally:
        if before is None:
            del os.environ["PYSPARK_SUBMIT_ARGS"]
        else:
            os.environ["PYSPARK_SUBMIT_ARGS"] = before
    conf = session.sparkContext.getConf()
    assert all(v in (conf.get(k) or "") for k, v in jvm.items()), "test settings not applied"
    session.conf.set("spark.sql.codegen.wholeStage", "false")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def rel_source(source: str) -> str:
    """A page's source relative to examples/corpus ("outlet/file.txt", "feed.jsonl#2")."""
    return Path(source.split("#")[0]).resolve().relative_to(EXAMPLES.resolve()).as_posix() + (
        "#" + source.split("#")[1] if "#" in source else ""
    )
