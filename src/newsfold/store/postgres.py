"""The PostgreSQL store (extra ``[postgres]``): the schema, migrations and queries of ``Store``,
on a server that several writers share.

What several writers at once rely on:

- Statements run in autocommit; ``transaction()`` is one ``READ COMMITTED`` transaction, so a
  reader sees each committed batch whole and never a half batch.
- Pages go in with ``ON CONFLICT (id) DO NOTHING``: two writers sending the same page store it
  once, and only the one that stored it counts its lines towards the outlet's template. Page
  writers also take a transaction-scoped advisory lock (``_lock("pages")``), so that batches
  counting the same template lines in different orders queue instead of deadlocking.
- A fold works through what is pending under a session advisory lock (``processing()``): a
  second fold, or a ``serve`` folding the pages it was sent, waits for it and then completes
  what is left, so no pending page or article is worked on twice and no stage undoes another's
  (a story built from links that a concurrent match was still adding).
- A new store is migrated under an advisory lock, so two processes opening it at once agree.

Advisory lock keys are drawn from the schema's name, so stores in different schemas of one
database (``?options=-csearch_path%3Dname``) do not wait for each other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import MissingExtraError, StoreError
from .base import OnWait, Rows
from .interface import Store
from .schema import INSERTION_ORDERED

try:
    import psycopg
except ImportError as e:  # pragma: no cover - depends on what is installed
    raise MissingExtraError("postgres", "a PostgreSQL store") from e


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"^(\w+://[^:/@]*):[^@]*@", r"\1:***@", url)


def render_ddl(stmt: str) -> str:
    """A statement of ``MIGRATIONS`` as PostgreSQL reads it."""
    stmt = stmt.replace("WITHOUT ROWID", "")
    stmt = stmt.replace("group_concat(hash)", "string_agg(hash::text, ',')")
    # byte order, as SQLite compares text, so every ORDER BY gives SQLite's order
    stmt = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', stmt)
    for table in INSERTION_ORDERED:
        stmt = re.sub(
            rf"(CREATE TABLE {table} \()", r"\1rowid BIGSERIAL NOT NULL, ", stmt, flags=re.I
        )
    return stmt


def _clean(value: Any) -> Any:
    # PostgreSQL text cannot hold U+0000. Articles and stories are stored as JSON, which escapes
    # it, and keep it; in the other columns (a page's content) it becomes U+FFFD.
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


class PostgresStore(Store):
    """A newsfold store in a PostgreSQL database (``postgresql://user@host/db``)."""

    _LIKE = "ILIKE"  # SQLite's LIKE folds ASCII case; PostgreSQL's LIKE folds none
    _BACKEND = "postgresql"  # its full-text search: a tsvector column (``search.py``)
    _PARAGRAPH_LIKE = (
        "EXISTS (SELECT 1 FROM json_array_elements(s.data::json -> 'paragraphs') p"
        " WHERE p ->> 'text' ILIKE ? ESCAPE '\\')"
    )
    _MEMBERS = "(data::json -> 'members')::text"
    # the whole JSON: jsonb, which could drop the keys, cannot hold the U+0000 that JSON escapes
    _STORY_ARTICLE = "data"
    _SET_RELATED = (
        "UPDATE stories SET data = jsonb_set(data::jsonb, '{related}', ?::jsonb)::text WHERE id = ?"
    )

    def __init__(self, url: str) -> None:
        self.url = url
        self.label = redact(url)
        self._sql: dict[tuple[str, bool], str] = {}
        self._depth = 0
        try:
            self.db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as e:
            raise StoreError(f"{self.label}: cannot connect to PostgreSQL ({e})") from e
        try:
            schema = self.db.execute("SELECT current_schema()").fetchone()
            if not schema or schema[0] is None:
                raise StoreError(f"{self.label}: no schema to create the store in (search_path)")
            self.schema = str(schema[0])
            self._migrate()
        except psycopg.Error as e:
            self.db.close()
            raise StoreError(f"{self.label}: cannot open as a newsfold store ({e})") from e
        except BaseException:
            self.db.close()
            raise

    # -- SQL ---------------------------------------------------------------------------------
    def _render(self, sql: str, has_args: bool) -> str:
        key = (sql, has_args)
        out = self._sql.get(key)
        if out is None:
            # Store writes ``?`` placeholders and no literal ``?`` or ``%``; psycopg reads
            # ``%s`` and, where arguments are given, ``%%`` for a percent sign
            out = sql.replace("%", "%%").replace("?", "%s") if has_args else sql
            self._sql[key] = out
        return out

    def _exec(self, sql: str, args: Sequence[Any] = ()) -> Rows:
        if not args:
            return self.db.execute(self._render(sql, False))
        return self.db.execute(self._render(sql, True), [_clean(a) for a in args])

    def _exec_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [[_clean(a) for a in r] for r in rows]
        if batch:
            with self.db.cursor() as cur:
                cur.executemany(self._render(sql, True), batch)

    def _ddl(self, stmt: str) -> str:
        return render_ddl(stmt)

    def _has_table(self, name: str) -> bool:
        row = self.db.execute("SELECT to_regclass(%s) IS NOT NULL", [name]).fetchone()
        return bool(row and row[0])

    # -- transactions and locks --------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        self._depth = 1
        try:
            with self.db.transaction():
                yield
        except psycopg.errors.DiskFull as e:
            raise StoreError(
                f"{self.label}: the server's disk is full ({e}); nothing of the batch was "
                "written and the store is intact: free some space and run the fold again"
            ) from e
        finally:
            self._depth = 0

    def _key(self, name: str) -> int:
        digest = hashlib.blake2b(f"newsfold:{self.schema}:{name}".encode(), digest_size=8)
        return int.from_bytes(digest.digest(), "big", signed=True)

    def _lock(self, name: str) -> None:
        if self._depth:
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", [self._key(name)])

    @contextmanager
    def processing(self, on_wait: OnWait | None = None) -> Iterator[None]:
        key = self._key("processing")
        got = self.db.execute("SELECT pg_try_advisory_lock(%s)", [key]).fetchone()
        if not (got and got[0]):
            if on_wait is not None:
                on_wait(self.waiting_message())
            self.db.execute("SELECT pg_advisory_lock(%s)", [key])
        try:
            yield
        finally:
            if not self.db.closed:
                self.db.execute("SELECT pg_advisory_unlock(%s)", [key])

    def close(self) -> None:
        self.db.close()

    def can_reopen(self) -> bool:
        return True

    def reopen(self) -> PostgresStore:
        return PostgresStore(self.url)
