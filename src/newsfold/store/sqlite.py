"""The SQLite store: one file in WAL mode, so readers see a consistent store while a fold writes."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: folds are not locked there
    fcntl = None  # type: ignore[assignment]

from ..errors import StoreError
from .base import OnWait, Rows
from .interface import Store


class SQLiteStore(Store):
    """One SQLite file in WAL mode (or ``:memory:``)."""

    def __init__(self, path: str) -> None:
        self.path = self.label = path
        self._fold_depth = 0
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{path}: cannot open as a newsfold store ({e})") from e

    def _exec(self, sql: str, args: Sequence[Any] = ()) -> Rows:
        return self.db.execute(sql, args)

    def _exec_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    def _has_table(self, name: str) -> bool:
        q = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        return self.db.execute(q, (name,)).fetchone() is not None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.db.in_transaction:
            yield
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.db.execute("COMMIT")
            except BaseException:
                # SQLite rolls back by itself on some errors (a full disk): roll back only what
                # is still open, so that the error raised is the one that happened
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as e:
            err = _store_error(self.path, e)
            if err is None:
                raise
            raise err from e

    @contextmanager
    def fold_lock(self, on_wait: OnWait | None = None) -> Iterator[None]:
        """An exclusive ``flock`` on ``<store>.lock`` beside the file (none for ``:memory:``):
        SQLite lets one writer in at a time, and a fold's longest transactions outlast its busy
        timeout, so a second fold waits for the whole first one. The lock goes with the process
        (a killed fold holds nothing); the file stays, empty. A folder that takes no new file
        takes no fold either (SQLite's journal fails first, with its own error): reading and
        checking a store there go on without the lock."""
        fd = -1
        if not self._fold_depth and self.path != ":memory:" and fcntl is not None:
            try:
                fd = os.open(self.path + ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError:
                fd = -1
        try:
            if fd >= 0:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    if on_wait is not None:
                        on_wait(self.waiting_message())
                    fcntl.flock(fd, fcntl.LOCK_EX)
            self._fold_depth += 1
            try:
                yield
            finally:
                self._fold_depth -= 1
        finally:
            if fd >= 0:
                fcntl.flock(fd, fcntl.LOCK_UN)  # for forked workers sharing the descriptor too
                os.close(fd)

    def close(self) -> None:
        self.db.close()

    def can_reopen(self) -> bool:
        return self.path != ":memory:"

    def reopen(self) -> SQLiteStore:
        return SQLiteStore(self.path)


def _store_error(path: str, e: sqlite3.Error) -> StoreError | None:
    """A write that failed as a ``StoreError`` naming the store, where the cause is the
    store's and not a bug: a full disk, a store busy past the timeout, a file gone read-only.
    The transaction was rolled back: the store holds what it held before it."""
    code = getattr(e, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL:
        return StoreError(
            f"{path}: the disk is full ({e}); nothing of the batch was written and the store "
            "is intact: free some space and run the fold again to complete it"
        )
    if code == sqlite3.SQLITE_BUSY:
        return StoreError(f"{path}: the store stayed busy (locked by another process): {e}")
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
        return StoreError(f"{path}: cannot write to the store ({e})")
    return None
