"""The store: pages, articles, the candidate index, copy links, stories. SQLite by default.

``Store`` is the interface the engine, the CLI, the HTTP API and the server type against: every
query is written once here in SQL that SQLite and PostgreSQL both read (``?`` placeholders,
``INSERT ... ON CONFLICT``), and a backend supplies the connection, its transactions, its locks
and the few clauses that differ. ``SQLiteStore`` is one file in WAL mode, so readers see a
consistent store while a fold writes; ``PostgresStore`` (``postgres.py``, extra ``[postgres]``) is a
shared server several writers use at once. The schema carries a version and is brought up to date
by ``MIGRATIONS`` when opened, the same list for both backends. Stores are chosen by URL
(``sqlite:///path``, a bare path, or ``postgresql://...``).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import OnWait, Rows, StoreBase
from .interface import Store
from .schema import INSERTION_ORDERED, MIGRATIONS, SCHEMA_VERSION
from .sqlite import SQLiteStore

__all__ = [
    "INSERTION_ORDERED",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "OnWait",
    "Rows",
    "SQLiteStore",
    "Store",
    "StoreBase",
    "open_store",
]


def open_store(url: str | Path) -> Store:
    """A store from a URL: ``sqlite:///path/to.db``, a bare path, ``:memory:``, or
    ``postgresql://user@host/db`` (extra ``[postgres]``)."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # psycopg only where a PostgreSQL store is asked for

        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        raise StoreError(
            f"unknown store URL {text!r}: use sqlite:///path, a file path or postgresql://..."
        )
    return SQLiteStore(text)
