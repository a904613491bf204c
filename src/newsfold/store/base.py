"""The store's plumbing: what a backend supplies (``_exec``, ``transaction``, ``close`` ...), the
hooks it may override (``processing``, ``_lock``), migrations, settings and counts. The tables'
queries are the mixins of ``pages.py``, ``articles.py`` and ``stories.py`` over this."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import Any, Protocol, Self

from ..errors import StoreError
from ..records import Page
from .schema import BACKEND_MIGRATIONS, MIGRATIONS, SCHEMA_VERSION

OnWait = Callable[[str], None]  # told, once, that a lock is held elsewhere and waited for


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _upsert(table: str, columns: str, key: str) -> str:
    """``INSERT OR REPLACE`` in SQL both backends read: a row whose ``key`` is stored already
    takes the new values."""
    cols = [c.strip() for c in columns.split(",")]
    keys = {k.strip() for k in key.split(",")}
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in keys)
    marks = ", ".join("?" * len(cols))
    return (
        f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT ({key}) DO UPDATE SET {sets}"
    )


def _chunks(items: list[Any], n: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


class Rows(Protocol):
    """What a query gives back, on either backend (a DB-API cursor)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchmany(self, size: int) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class StoreBase:
    """What every store has: a connection, its transactions and locks, the schema brought up to
    date, settings and counts. A backend implements ``_exec``,
    ``_exec_many``, ``transaction``, ``close`` and ``_has_table``; it may override the hooks
    (``processing``, ``_lock``) and the clauses (``_LIKE``, ``_PARAGRAPH_LIKE``,
    ``_SET_RELATED``)."""

    label: str  # what error messages name: a path, or a URL without its password
    # term search: ASCII case-insensitive on both backends (SQLite's LIKE; ILIKE on PostgreSQL)
    _LIKE = "LIKE"
    _PARAGRAPH_LIKE = (
        "EXISTS (SELECT 1 FROM json_each(s.data, '$.paragraphs') p"
        " WHERE json_extract(p.value, '$.text') LIKE ? ESCAPE '\\')"
    )
    _SET_RELATED = "UPDATE stories SET data = json_set(data, '$.related', json(?)) WHERE id = ?"
    _MEMBERS = "json_extract(data, '$.members')"  # a story's members, as JSON text
    _BACKEND = "sqlite"  # which of ``BACKEND_MIGRATIONS`` this backend runs

    # -- what a backend supplies -------------------------------------------------------------
    def _exec(self, sql: str, args: Sequence[Any] = ()) -> Rows:
        raise NotImplementedError

    def _exec_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def can_reopen(self) -> bool:
        """Whether ``reopen`` can give another connection to the same store."""
        return False

    def reopen(self) -> Self:
        """Another connection to the same store (for a worker process)."""
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all (a killed fold leaves no half batch).
        A transaction inside a transaction is part of the outer one."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _has_table(self, name: str) -> bool:
        raise NotImplementedError

    def _ddl(self, stmt: str) -> str:
        """A migration statement as this backend reads it."""
        return stmt

    def _lock(self, name: str) -> None:
        """Inside a transaction: wait until no other writer holds ``name``, and hold it until the
        transaction ends. SQLite needs none (a write transaction holds the whole file)."""

    @contextmanager
    def processing(self, on_wait: OnWait | None = None) -> Iterator[None]:
        """Held while a fold works through what is pending (extract, match, stories), so that
        two folds sharing a store (a ``serve`` taking pages while a ``fold`` runs) never work on
        the same pending items at once: the second waits (``on_wait`` is told so first), then
        completes what is left. Adding pages does not wait for it. On SQLite this holds
        nothing: ``fold_lock`` holds the whole fold."""
        yield

    @contextmanager
    def fold_lock(self, on_wait: OnWait | None = None) -> Iterator[None]:
        """Held by a fold from its first write to its last, where the backend lets only one
        writer at a time in (SQLite): a second fold of the store waits its turn (``on_wait`` is
        told so first, with ``waiting_message``) instead of failing on a busy store. Readers
        never wait for it. Held again by the same store object, it is the same hold. On a
        backend several writers share (PostgreSQL) this holds nothing: ``processing`` orders
        the folds' stages."""
        yield

    def waiting_message(self) -> str:
        return f"waiting for another fold of {self.label} to finish…"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------------
    def _version(self) -> int:
        if not self._has_table("meta"):
            return 0
        row = self._exec("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        version = self._version()
        if version < SCHEMA_VERSION:
            with self.transaction():
                # two processes opening a new store at once: the second sees the first's work
                self._lock("schema")
                self._exec(
                    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
                )
                version = self._version()
                for v in range(version + 1, SCHEMA_VERSION + 1):
                    for stmt in MIGRATIONS[v].split(";"):
                        if stmt.strip():
                            self._exec(self._ddl(stmt))
                    for stmt in BACKEND_MIGRATIONS[self._BACKEND].get(v, []):
                        self._exec(stmt)
                    self._exec(
                        "INSERT INTO meta VALUES ('schema_version', ?)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (str(v),),
                    )
                self._migrated(version)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.label}: schema version {version} is newer than this newsfold "
                f"({SCHEMA_VERSION}); upgrade newsfold"
            )

    def _migrated(self, old: int) -> None:
        """Called inside the migration's transaction once a store at version ``old`` is
        brought up to date: what a migration needs beyond SQL (filling a new index)."""

    @property
    def schema_version(self) -> int:
        return self._version()

    def _pairs_in(self, query: str, ids: Sequence[str]) -> dict[Any, Any]:
        """``query`` (two columns, ``{}`` where the ids go) run over ``ids`` in chunks that
        SQLite's limit on parameters allows, as one dict."""
        out: dict[Any, Any] = {}
        for chunk in _chunks(list(ids), 500):
            q = query.format(",".join("?" * len(chunk)))
            out.update(dict(self._exec(q, chunk).fetchall()))
        return out

    def setting(self, key: str) -> str | None:
        """A setting the store keeps for every fold into it (``meta``)."""
        row = self._exec("SELECT value FROM meta WHERE key = ?", (f"setting:{key}",)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        self._exec(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (f"setting:{key}", value),
        )

    # -- counts ------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        def one(q: str) -> int:
            return int(self._exec(q).fetchone()[0])

        return {
            "pages": one("SELECT COUNT(*) FROM pages"),
            "articles": one("SELECT COUNT(*) FROM articles"),
            "rejected": one("SELECT COUNT(*) FROM rejected"),
            "copy_groups": one("SELECT COUNT(DISTINCT copy_group) FROM story_articles"),
            "stories": one("SELECT COUNT(*) FROM stories"),
            "teasers": one("SELECT COUNT(*) FROM feed_teasers"),
        }


def _page(row: Sequence[Any]) -> Page:
    """A page from its row. A row stored before schema 6 has no basis: its encoding reads
    "cp1252 (detected)" where it was detected."""
    pid, source, kind, content, url, outlet, fetched_at, encoding, basis, sanitized = row
    if encoding and basis is None and encoding.endswith(" (detected)"):
        encoding, basis = encoding.removesuffix(" (detected)"), "detected"
    return Page(
        pid,
        source,
        kind,
        content,
        url,
        outlet,
        fetched_at,
        encoding,
        basis,
        json.loads(sanitized) if sanitized else {},
    )
