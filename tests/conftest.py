from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsfold.engine import fold
from newsfold.store import SQLiteStore, open_store

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


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return open_store(tmp_path / "t.db")


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


def rel_source(source: str) -> str:
    """A page's source relative to examples/corpus ("outlet/file.txt", "feed.jsonl#2")."""
    return Path(source.split("#")[0]).resolve().relative_to(EXAMPLES.resolve()).as_posix() + (
        "#" + source.split("#")[1] if "#" in source else ""
    )
