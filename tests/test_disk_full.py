"""A disk that fills during a fold: a clear error naming the store (no traceback, no "cannot
rollback"), the store intact, and the same fold run again completes it, as if never stopped.

The full disk is SQLite's ``PRAGMA max_page_count`` on the fold's connection: a write past it
fails with SQLITE_FULL, exactly as a write to a full disk does."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from newsfold import StoreError, cli, open_store
from newsfold.run.local import fold
from newsfold.run.local.check import find_violations
from newsfold.store import SQLiteStore


def _state(db: Path) -> dict[str, Any]:
    with open_store(db) as store:
        return {
            "counts": store.counts(),
            "stories": {s.id: s.to_dict() for s in store.stories()},
            "placed": store.placements(),
            "stages": store.article_stages(),
        }


def _pages(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(con.execute("PRAGMA page_count").fetchone()[0])
    finally:
        con.close()


def _limited(db: Path, pages: int) -> SQLiteStore:
    store = SQLiteStore(str(db))
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    return store


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], int]:
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    with open_store(db) as store:
        fold([EXAMPLES], store, batch_size=8, workers=1)
    return _state(db), _pages(db)


def test_a_full_disk_stops_the_fold_cleanly_and_the_rerun_completes(
    reference: tuple[dict[str, Any], int], tmp_path: Path
) -> None:
    want, size = reference
    db = tmp_path / "t.db"
    open_store(db).close()
    stopped = 0
    # the disk fills at a few sizes in turn: the fold stops at different stages each time
    for share in (0.3, 0.5, 0.7, 0.9):
        with _limited(db, int(size * share)) as store:
            try:
                fold([EXAMPLES], store, batch_size=8, workers=1)
            except StoreError as e:
                stopped += 1
                assert str(db) in str(e) and "disk is full" in str(e)
                assert "run the fold again" in str(e)
                assert isinstance(e.__cause__, sqlite3.OperationalError)
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    assert stopped >= 3
    with open_store(db) as store:  # room again
        summary = fold([EXAMPLES], store, batch_size=8, workers=1)
        assert summary.invariant is not None and summary.invariant.violations == []
        assert find_violations(store) == []
    assert _state(db) == want


def test_the_cli_says_the_disk_is_full(
    reference: tuple[dict[str, Any], int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, size = reference
    db = tmp_path / "t.db"
    open_store(db).close()
    monkeypatch.setattr(cli.folding, "_open", lambda path: _limited(Path(path), int(size * 0.5)))
    got = CliRunner().invoke(cli.main, ["fold", str(EXAMPLES), "--db", str(db), "--workers", "1"])
    assert got.exit_code == 1
    assert f"Error: {db}: the disk is full" in got.output
    assert "Traceback" not in got.output and "cannot rollback" not in got.output
    assert not isinstance(got.exception, sqlite3.Error)
