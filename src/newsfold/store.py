"""The store: pages, articles, the candidate index, copy links, stories. SQLite by default.

``Store`` is the interface the engine, the CLI, the HTTP API and the server type against: every
query is written once here in SQL that SQLite and PostgreSQL both read (``?`` placeholders,
``INSERT ... ON CONFLICT``), and a backend supplies the connection, its transactions, its locks
and the few clauses that differ. ``SQLiteStore`` is one file in WAL mode, so readers see a
consistent store while a fold writes; ``PostgresStore`` (``store_pg``, extra ``[postgres]``) is a
shared server several writers use at once. The schema carries a version and is brought up to date
by ``MIGRATIONS`` when opened, the same list for both backends. Stores are chosen by URL
(``sqlite:///path``, a bare path, or ``postgresql://...``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: folds are not locked there
    fcntl = None  # type: ignore[assignment]

from .dates import utc_key
from .errors import NotFoundError, StoreError
from .extract.templates import OutletTemplate, fewest_pages
from .records import Article, EventUnit, FeedTeaser, Link, Page, Rejection, Story

SCHEMA_VERSION = 6

# Written in SQL both backends read: BIGINT and DOUBLE PRECISION (64-bit on PostgreSQL, the same
# INTEGER and REAL affinities on SQLite), ``;`` only between statements. ``PostgresStore`` renders
# the few differences (``WITHOUT ROWID``, a ``rowid`` column, byte-order collation) itself, so a
# migration added here lands in both backends.
MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE pages (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL,
        url TEXT, outlet TEXT, fetched_at TEXT, content TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'new'  -- new | extracted | rejected
    );
    CREATE INDEX pages_state ON pages(state);  -- rowid keeps the order pages came in
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, page_id TEXT NOT NULL, outlet TEXT, headline TEXT, published TEXT,
        data TEXT NOT NULL,
        stage INTEGER NOT NULL DEFAULT 0  -- 0 to match, 1 matched (story pending), 2 in a story
    );
    CREATE INDEX articles_stage ON articles(stage);
    CREATE TABLE fingerprints (hash BIGINT NOT NULL, article_id TEXT NOT NULL);
    CREATE INDEX fingerprints_hash ON fingerprints(hash);
    CREATE INDEX fingerprints_article ON fingerprints(article_id);
    CREATE TABLE links (
        a TEXT NOT NULL, b TEXT NOT NULL, relation TEXT NOT NULL, jaccard DOUBLE PRECISION NOT NULL,
        a_in_b DOUBLE PRECISION NOT NULL, b_in_a DOUBLE PRECISION NOT NULL, PRIMARY KEY (a, b)
    );
    CREATE INDEX links_b ON links(b);
    CREATE TABLE rejected (
        source TEXT NOT NULL, reason TEXT NOT NULL, message TEXT NOT NULL, page_id TEXT,
        added_at TEXT NOT NULL, PRIMARY KEY (source, reason)
    );
    CREATE TABLE outlet_pages (outlet TEXT PRIMARY KEY, pages INTEGER NOT NULL);
    CREATE TABLE outlet_lines (
        outlet TEXT NOT NULL, key BIGINT NOT NULL, pages INTEGER NOT NULL,
        PRIMARY KEY (outlet, key)
    ) WITHOUT ROWID;
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, headline TEXT, published TEXT, published_utc TEXT NOT NULL,
        n_articles INTEGER NOT NULL,
        n_outlets INTEGER NOT NULL, data TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, relation TEXT NOT NULL,
        copy_group TEXT NOT NULL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE aliases (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);
    """,
    # how each page's bytes were decoded: UTF-8, a declared charset, or a detected one
    2: "ALTER TABLE pages ADD COLUMN encoding TEXT",
    # summary-only feed items, kept as teasers of their outlet (plain SQL: PostgreSQL runs it too)
    3: """
    CREATE TABLE feed_teasers (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, outlet TEXT, headline TEXT, url TEXT,
        summary TEXT NOT NULL, published TEXT, updated TEXT, feed_url TEXT, feed_updated TEXT,
        added_at TEXT NOT NULL
    );
    CREATE INDEX feed_teasers_outlet ON feed_teasers(outlet);
    """,
    # what the event assignment sees of each copy group, kept until its members change; and
    # the sentence embeddings of texts (extra [embed]), made once each
    4: """
    CREATE TABLE event_units (group_id TEXT PRIMARY KEY, members TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE embeddings (text_key TEXT PRIMARY KEY, vector TEXT NOT NULL);
    """,
    # each article's fingerprints on its row ("h1,h2,..."), and the postings (hash -> article)
    # filled in sorted bulk from the articles not indexed yet: kept in step batch by batch, two
    # indexes of random keys rewrote most of their pages at every commit
    5: """
    ALTER TABLE articles ADD COLUMN prints TEXT;
    ALTER TABLE articles ADD COLUMN indexed INTEGER NOT NULL DEFAULT 1;
    UPDATE articles SET prints = (
        SELECT group_concat(hash) FROM fingerprints WHERE fingerprints.article_id = articles.id
    );
    DROP INDEX fingerprints_article;
    CREATE INDEX articles_unindexed ON articles(id) WHERE indexed = 0;
    """,
    # whether each page's encoding was declared, detected or assumed, and what the input
    # sanitiser removed from it (JSON: {"nul": 3, "bidi": 1}); NULL on pages stored before
    6: """
    ALTER TABLE pages ADD COLUMN encoding_basis TEXT;
    ALTER TABLE pages ADD COLUMN sanitized TEXT
    """,
}

# Tables read back in the order their rows came in (``ORDER BY rowid``): SQLite keeps a rowid for
# every table; the PostgreSQL store gives these a ``rowid`` column of its own.
INSERTION_ORDERED = ("pages",)

OnWait = Callable[[str], None]  # told, once, that a lock is held elsewhere and waited for


def open_store(url: str | Path) -> Store:
    """A store from a URL: ``sqlite:///path/to.db``, a bare path, ``:memory:``, or
    ``postgresql://user@host/db`` (extra ``[postgres]``)."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        from .store_pg import PostgresStore  # psycopg only where a PostgreSQL store is asked for

        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        raise StoreError(
            f"unknown store URL {text!r}: use sqlite:///path, a file path or postgresql://..."
        )
    return SQLiteStore(text)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Rows(Protocol):
    """What a query gives back, on either backend (a DB-API cursor)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchmany(self, size: int) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Store:
    """The store interface, with every query written once. A backend implements ``_exec``,
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

    # -- what a backend supplies -------------------------------------------------------------
    def _exec(self, sql: str, args: Sequence[Any] = ()) -> Rows:
        raise NotImplementedError

    def _exec_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def can_reopen(self) -> bool:
        """Whether ``reopen`` can give another connection to the same store."""
        return False

    def reopen(self) -> Store:
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

    def __enter__(self) -> Store:
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
                    self._exec(
                        "INSERT INTO meta VALUES ('schema_version', ?)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (str(v),),
                    )
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.label}: schema version {version} is newer than this newsfold "
                f"({SCHEMA_VERSION}); upgrade newsfold"
            )

    @property
    def schema_version(self) -> int:
        return self._version()

    # -- pages and templates -----------------------------------------------------------------
    def known_pages(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids), 500):
            q = f"SELECT id FROM pages WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self._exec(q, chunk))
        return found

    def add_page(self, page: Page, line_keys: Iterable[int]) -> bool:
        """Store a new page and count its lines towards its outlet's template. False if the
        page was already stored (nothing changes)."""
        return page.id in self.add_pages([(page, line_keys)])

    def add_pages(self, items: Iterable[tuple[Page, Iterable[int]]]) -> set[str]:
        """Store the new pages of ``items`` (each with its distinct line keys) and count their
        lines towards their outlets' templates, summed over the batch (an outlet's chrome
        lines recur on every page: one update each, not one a page). The ids of the pages
        stored; one already stored changes nothing: two writers adding the same page at once
        store it once, and count its lines once."""
        self._lock("pages")
        added: set[str] = set()
        outlet_pages: Counter[str] = Counter()
        outlet_lines: Counter[tuple[str, int]] = Counter()
        for page, line_keys in items:
            cur = self._exec(
                "INSERT INTO pages (id, source, kind, url, outlet, fetched_at, content, encoding,"
                " encoding_basis, sanitized) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (
                    page.id,
                    page.source,
                    page.kind,
                    page.url,
                    page.outlet,
                    page.fetched_at,
                    page.content,
                    page.encoding,
                    page.encoding_basis,
                    json.dumps(page.sanitized, sort_keys=True) if page.sanitized else None,
                ),
            )
            if cur.rowcount == 0:
                continue
            added.add(page.id)
            # what was rejected from this source before (over a limit since raised, a file
            # since fixed) is used now: it is no longer on the rejected list
            self._exec("DELETE FROM rejected WHERE source = ? AND page_id IS NULL", (page.source,))
            if page.outlet:
                outlet_pages[page.outlet] += 1
                outlet_lines.update((page.outlet, k) for k in set(line_keys))
        self._exec_many(
            "INSERT INTO outlet_pages VALUES (?, ?) ON CONFLICT (outlet)"
            " DO UPDATE SET pages = outlet_pages.pages + excluded.pages",
            sorted(outlet_pages.items()),
        )
        self._exec_many(
            "INSERT INTO outlet_lines VALUES (?, ?, ?) ON CONFLICT (outlet, key)"
            " DO UPDATE SET pages = outlet_lines.pages + excluded.pages",
            ((o, k, n) for (o, k), n in sorted(outlet_lines.items())),
        )
        return added

    def pending_pages(self, limit: int, skip: Collection[str] = ()) -> list[Page]:
        """The first ``limit`` pages not extracted yet, in the order they came in, less those
        in ``skip`` (pages being extracted now)."""
        q = "SELECT id, source, kind, content, url, outlet, fetched_at, encoding,"
        q += " encoding_basis, sanitized FROM pages WHERE state = 'new'"
        if skip:
            q += f" AND id NOT IN ({','.join('?' * len(skip))})"
        rows = self._exec(q + " ORDER BY rowid LIMIT ?", (*skip, limit)).fetchall()
        return [_page(r) for r in rows]

    def template(self, outlet: str | None) -> OutletTemplate | None:
        if not outlet:
            return None
        row = self._exec("SELECT pages FROM outlet_pages WHERE outlet = ?", (outlet,)).fetchone()
        if not row:
            return None
        t = OutletTemplate(pages=row[0])
        # only lines that can be template (a corpus repeating stories has many more on a few
        # pages each, which every extraction task would otherwise carry)
        for key, n in self._exec(
            "SELECT key, pages FROM outlet_lines WHERE outlet = ? AND pages >= ?",
            (outlet, fewest_pages(t.pages)),
        ):
            t.lines[key] = n
        return t

    # -- rejections --------------------------------------------------------------------------
    def add_rejection(self, rej: Rejection, page_id: str | None = None) -> None:
        self._lock("pages")
        self._exec(
            _upsert("rejected", "source, reason, message, page_id, added_at", "source, reason"),
            (rej.source, rej.reason, rej.message, page_id, _now()),
        )
        if page_id:
            self._exec("UPDATE pages SET state = 'rejected' WHERE id = ?", (page_id,))

    def rejected(self) -> list[dict[str, Any]]:
        rows = self._exec(
            "SELECT source, reason, message, page_id, added_at FROM rejected ORDER BY added_at, source"
        )
        keys = ("source", "reason", "message", "page_id", "added_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # -- feed teasers -----------------------------------------------------------------------
    def add_teaser(self, teaser: FeedTeaser) -> bool:
        """Keep a summary-only feed item; False if the store holds it already (the same item
        read again, from this feed or another snapshot of it)."""
        cur = self._exec(
            "INSERT INTO feed_teasers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING",
            (*(getattr(teaser, f) for f in _TEASER_FIELDS), _now()),
        )
        return cur.rowcount > 0

    def teasers(
        self, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[list[FeedTeaser], int]:
        """Feed teasers (of one outlet, or all), newest first, and how many there are."""
        cond = "WHERE outlet = ?" if outlet else ""
        args: list[Any] = [outlet] if outlet else []
        total = int(self._exec(f"SELECT COUNT(*) FROM feed_teasers {cond}", args).fetchone()[0])
        # feed times are UTC, so the ISO strings sort as the times do
        q = (
            f"SELECT {', '.join(_TEASER_FIELDS)} FROM feed_teasers {cond}"
            " ORDER BY COALESCE(published, updated, feed_updated, '') DESC, id"
        )
        if limit is not None:
            q += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        rows = self._exec(q, args).fetchall()
        return [FeedTeaser(*r) for r in rows], total

    # -- articles and fingerprints -----------------------------------------------------------
    def add_article(self, article: Article, fingerprints: Iterable[int]) -> None:
        """Store an article (replacing an earlier extraction of it) with its fingerprints. The
        postings of the candidate index are written for many articles at once, sorted, by
        ``index_fingerprints``, which matching calls first."""
        old = self._exec("SELECT prints, indexed FROM articles WHERE id = ?", (article.id,))
        row = old.fetchone()
        if row and row[0] and row[1]:
            self._drop_postings(article.id, _hashes(row[0]))
        prints = ",".join(str(int(h)) for h in fingerprints)
        self._exec(
            _upsert(
                "articles",
                "id, page_id, outlet, headline, published, data, stage, prints, indexed",
                "id",
            ),
            (
                article.id,
                article.page_id,
                article.outlet,
                article.headline,
                article.published,
                json.dumps(article.to_dict(), ensure_ascii=False),
                0,
                prints,
                0 if prints else 1,
            ),
        )
        self._exec("UPDATE pages SET state = 'extracted' WHERE id = ?", (article.page_id,))

    def _drop_postings(self, article_id: str, hashes: Sequence[int]) -> None:
        for chunk in _chunks(sorted(set(hashes)), 500):
            self._exec(
                f"DELETE FROM fingerprints WHERE article_id = ? AND hash IN "
                f"({','.join('?' * len(chunk))})",
                (article_id, *chunk),
            )

    def index_fingerprints(self, chunk: int = 20_000) -> int:
        """Write the postings of every article not in the candidate index yet, ``chunk``
        articles at a time in hash order, in one transaction; the number of articles."""
        rows = self._exec("SELECT id, prints FROM articles WHERE indexed = 0 ORDER BY id")
        ids: list[str] = []
        with self.transaction():
            while part := rows.fetchmany(chunk):
                lists = [np.array(_hashes(p or ""), dtype=np.int64) for _, p in part]
                hashes = np.concatenate(lists)
                owner = np.repeat(np.arange(len(part)), [len(x) for x in lists])
                order = np.argsort(hashes, kind="stable")
                self._exec_many(
                    "INSERT INTO fingerprints VALUES (?, ?)",
                    (
                        (h, part[o][0])
                        for h, o in zip(hashes[order].tolist(), owner[order].tolist(), strict=True)
                    ),
                )
                ids += [aid for aid, _ in part]
            self._exec_many("UPDATE articles SET indexed = 1 WHERE id = ?", ((i,) for i in ids))
        return len(ids)

    def get_article(self, article_id: str) -> Article:
        row = self._exec("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        if not row:
            raise NotFoundError("article", article_id)
        return Article.from_dict(json.loads(row[0]))

    def articles(self, ids: Sequence[str]) -> dict[str, Article]:
        out: dict[str, Article] = {}
        for chunk in _chunks(list(ids), 500):
            q = f"SELECT id, data FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            for aid, data in self._exec(q, chunk):
                out[aid] = Article.from_dict(json.loads(data))
        return out

    def articles_at_stage(self, stage: int, limit: int | None = None) -> list[str]:
        """Ids of articles waiting at ``stage`` (0: to match, 1: story to build)."""
        q = "SELECT id FROM articles WHERE stage = ? ORDER BY id"
        args: tuple[int, ...] = (int(stage),)  # a plain int: drivers may write an enum's name
        if limit is not None:
            q += " LIMIT ?"
            args = (int(stage), limit)
        return [r[0] for r in self._exec(q, args)]

    def set_stage(self, ids: Iterable[str], stage: int) -> None:
        n = int(stage)  # a plain int: drivers may write an enum's name
        self._exec_many("UPDATE articles SET stage = ? WHERE id = ?", ((n, i) for i in ids))

    def fingerprints_of(self, article_id: str) -> list[int]:
        row = self._exec("SELECT prints FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _hashes(row[0]) if row and row[0] else []

    def fingerprint_counts(self, ids: Sequence[str]) -> dict[str, int]:
        """How many fingerprints each article has in the index."""
        out = dict.fromkeys(ids, 0)
        got = self._pairs_in("SELECT id, prints FROM articles WHERE id IN ({})", ids)
        for aid, prints in got.items():
            out[aid] = prints.count(",") + 1 if prints else 0
        return out

    def fingerprint_lists(self) -> Iterator[tuple[str, str]]:
        """Every article's fingerprints as ``(article id, "h1,h2,...")``, one row an article: the
        whole index read in one pass, for a fold large enough to hold it in memory."""
        return iter(self._exec("SELECT id, prints FROM articles WHERE prints <> '' ORDER BY id"))

    def candidates(self, hashes: Sequence[int], max_postings: int) -> Counter[str]:
        """Articles sharing fingerprints with ``hashes``, with how many they share, among the
        articles indexed (``index_fingerprints``). A fingerprint
        held by more than ``max_postings`` articles is boilerplate and ignored. Both counts run
        inside SQLite, on the hash index: a story carried by a hundred outlets has a hundred
        postings per fingerprint, too many rows to count in Python."""
        shared: Counter[str] = Counter()
        for chunk in _chunks(sorted(set(hashes)), 500):
            marks = ",".join("?" * len(chunk))
            common = [
                h
                for h, n in self._exec(
                    f"SELECT hash, COUNT(*) FROM fingerprints WHERE hash IN ({marks})"
                    " GROUP BY hash",
                    chunk,
                )
                if n <= max_postings
            ]
            if not common:
                continue
            q = (
                "SELECT article_id, COUNT(DISTINCT hash) FROM fingerprints WHERE hash IN "
                f"({','.join('?' * len(common))}) GROUP BY article_id"
            )
            for aid, n in self._exec(q, common):
                shared[aid] += n
        return shared

    # -- links, groups, stories --------------------------------------------------------------
    def add_links(self, links: Iterable[Link]) -> None:
        self._exec_many(
            _upsert("links", "a, b, relation, jaccard, a_in_b, b_in_a", "a, b"),
            ((lk.a, lk.b, lk.relation, lk.jaccard, lk.a_in_b, lk.b_in_a) for lk in links),
        )

    def links(self, relations: Sequence[str] | None = None) -> list[Link]:
        q = "SELECT a, b, relation, jaccard, a_in_b, b_in_a FROM links"
        args: list[str] = []
        if relations:
            q += f" WHERE relation IN ({','.join('?' * len(relations))})"
            args = list(relations)
        return [Link(*r) for r in self._exec(q + " ORDER BY a, b", args)]

    def links_of(self, ids: Sequence[str]) -> list[Link]:
        out: dict[tuple[str, str], Link] = {}
        for chunk in _chunks(list(ids), 400):
            marks = ",".join("?" * len(chunk))
            q = (
                "SELECT a, b, relation, jaccard, a_in_b, b_in_a FROM links"
                f" WHERE a IN ({marks}) OR b IN ({marks})"
            )
            for r in self._exec(q, chunk + chunk):
                out[(r[0], r[1])] = Link(*r)
        return [out[k] for k in sorted(out)]

    def all_article_ids(self) -> list[str]:
        return [r[0] for r in self._exec("SELECT id FROM articles ORDER BY id")]

    def story_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        return self._pairs_in(
            "SELECT article_id, story_id FROM story_articles WHERE article_id IN ({})",
            article_ids,
        )

    def _pairs_in(self, query: str, ids: Sequence[str]) -> dict[Any, Any]:
        """``query`` (two columns, ``{}`` where the ids go) run over ``ids`` in chunks that
        SQLite's limit on parameters allows, as one dict."""
        out: dict[Any, Any] = {}
        for chunk in _chunks(list(ids), 500):
            q = query.format(",".join("?" * len(chunk)))
            out.update(dict(self._exec(q, chunk).fetchall()))
        return out

    def replace_stories(self, old_ids: Iterable[str], stories: Sequence[Story]) -> None:
        """Swap old stories for new ones. An old id that does not live on becomes an alias of
        the new story holding most of its articles, so links to it keep working."""
        new_ids = {s.id for s in stories}
        gone = sorted(set(old_ids) - new_ids)
        held = {sid: self.story_members(sid) for sid in gone}
        self.retire_stories(held, {m.article: s.id for s in stories for m in s.members})
        self.write_stories(stories)

    def story_members(self, story_id: str) -> list[str]:
        """The articles ``story_articles`` places in ``story_id``."""
        q = "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id"
        return [r[0] for r in self._exec(q, (story_id,))]

    def retire_stories(
        self, held: Mapping[str, Collection[str]], placed: Mapping[str, str]
    ) -> None:
        """Delete the stories of ``held`` (story id -> the articles it held), which do not live
        on: each id becomes an alias of the story that ``placed`` (article -> its story now)
        gives most of its articles (ties: the smallest id), and aliases to it follow. Rows of
        ``story_articles`` still placing an article in a retired story go with it; an article
        written into another story already keeps that one."""
        for sid in sorted(held):
            self._exec("DELETE FROM stories WHERE id = ?", (sid,))
            self._exec("DELETE FROM story_articles WHERE story_id = ?", (sid,))
            votes = Counter(placed[a] for a in held[sid] if a in placed and placed[a] != sid)
            if votes:
                target = min(votes, key=lambda t: (-votes[t], t))
                self._exec(_upsert("aliases", "old_id, new_id", "old_id"), (sid, target))
                self._exec("UPDATE aliases SET new_id = ? WHERE new_id = ?", (target, sid))

    def write_stories(self, stories: Sequence[Story]) -> None:
        """Write ``stories``, each in place of what the store held under its id: an article
        it no longer holds leaves it (it is, or will be, written into another story), and an
        alias of its id is dropped (the id names a story again)."""
        for s in stories:
            ids = [m.article for m in s.members]
            outlets: set[str | None] = set()
            for chunk in _chunks(ids, 500):
                q = f"SELECT DISTINCT outlet FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
                outlets.update(r[0] for r in self._exec(q, chunk))
            self._exec(
                _upsert(
                    "stories",
                    "id, headline, published, published_utc, n_articles, n_outlets, data",
                    "id",
                ),
                (
                    s.id,
                    s.headline,
                    s.published,
                    utc_key(s.published),
                    len(ids),
                    len(outlets),
                    json.dumps(s.to_dict(), ensure_ascii=False),
                ),
            )
            self._exec("DELETE FROM aliases WHERE old_id = ?", (s.id,))
            keep = set(ids)
            stale = [(a,) for a in self.story_members(s.id) if a not in keep]
            self._exec_many("DELETE FROM story_articles WHERE article_id = ?", stale)
            self._exec_many(
                _upsert(
                    "story_articles", "article_id, story_id, relation, copy_group", "article_id"
                ),
                ((m.article, s.id, m.relation, m.copy_group) for m in s.members),
            )

    # -- what the invariant check reads and repairs (``newsfold.invariant``) ---------------
    def article_stages(self) -> dict[str, int]:
        return {aid: int(st) for aid, st in self._exec("SELECT id, stage FROM articles")}

    def placements(self) -> dict[str, tuple[str, str, str]]:
        """Every row of ``story_articles``: article -> (story, relation, copy group)."""
        rows = self._exec("SELECT article_id, story_id, relation, copy_group FROM story_articles")
        return {a: (s, r, g) for a, s, r, g in rows}

    def story_member_lists(self) -> Iterator[tuple[str, list[dict[str, str]]]]:
        """Each story's id and the members its stored record lists (only that part of it)."""
        for sid, members in self._exec(f"SELECT id, {self._MEMBERS} FROM stories ORDER BY id"):
            yield sid, json.loads(members) if members else []

    def aliases(self) -> dict[str, str]:
        return dict(self._exec("SELECT old_id, new_id FROM aliases ORDER BY old_id").fetchall())

    def set_alias(self, old_id: str, new_id: str) -> None:
        self._exec(_upsert("aliases", "old_id, new_id", "old_id"), (old_id, new_id))

    def drop_aliases(self, old_ids: Iterable[str]) -> None:
        self._exec_many("DELETE FROM aliases WHERE old_id = ?", ((i,) for i in old_ids))

    def drop_placements(self, article_ids: Iterable[str]) -> None:
        """Delete the ``story_articles`` rows of ``article_ids``."""
        self._exec_many(
            "DELETE FROM story_articles WHERE article_id = ?", ((i,) for i in article_ids)
        )

    def get_story(self, story_id: str) -> Story:
        row = self._exec("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        if not row:
            alias = self._exec(
                "SELECT new_id FROM aliases WHERE old_id = ?", (story_id,)
            ).fetchone()
            if alias:
                return self.get_story(alias[0])
            raise NotFoundError("story", story_id)
        return Story.from_dict(json.loads(row[0]))

    def stories(self, ids: Sequence[str] | None = None) -> list[Story]:
        """Every story, newest first; or those of ``ids``, in id order."""
        if ids is None:
            rows = self._exec(
                "SELECT data FROM stories ORDER BY published_utc = '~', published_utc DESC, id"
            ).fetchall()
            return [Story.from_dict(json.loads(r[0])) for r in rows]
        got = self._pairs_in("SELECT id, data FROM stories WHERE id IN ({})", ids)
        return [Story.from_dict(json.loads(got[k])) for k in sorted(got)]

    def event_units(self) -> dict[str, tuple[str, EventUnit]]:
        """The copy groups' summaries kept for the event assignment: {group id: (the key of
        its members when it was made, the summary)}."""
        return {
            gid: (key, EventUnit(**json.loads(data)))
            for gid, key, data in self._exec("SELECT group_id, members, data FROM event_units")
        }

    def put_event_units(self, units: Iterable[tuple[str, EventUnit]], keep: set[str]) -> None:
        """Store ``units`` (each with the key of its group's members) and forget the summaries
        of groups not in ``keep`` (merged into others since)."""
        self._exec_many(
            _upsert("event_units", "group_id, members, data", "group_id"),
            (
                (u.id, key, json.dumps(dataclasses.asdict(u), ensure_ascii=False))
                for key, u in units
            ),
        )
        gone = [(g,) for (g,) in self._exec("SELECT group_id FROM event_units") if g not in keep]
        self._exec_many("DELETE FROM event_units WHERE group_id = ?", gone)

    def setting(self, key: str) -> str | None:
        """A setting the store keeps for every fold into it (``meta``)."""
        row = self._exec("SELECT value FROM meta WHERE key = ?", (f"setting:{key}",)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        self._exec(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (f"setting:{key}", value),
        )

    def embeddings(self, keys: Sequence[str]) -> dict[str, list[float]]:
        got = self._pairs_in("SELECT text_key, vector FROM embeddings WHERE text_key IN ({})", keys)
        return {k: json.loads(v) for k, v in got.items()}

    def put_embeddings(self, vectors: Iterable[tuple[str, list[float]]]) -> None:
        self._exec_many(
            "INSERT INTO embeddings VALUES (?, ?) ON CONFLICT (text_key) DO NOTHING",
            ((k, json.dumps(v)) for k, v in vectors),
        )

    def story_ids(self) -> list[str]:
        return [r[0] for r in self._exec("SELECT id FROM stories ORDER BY id")]

    def set_related(self, items: Iterable[tuple[str, list[dict[str, Any]]]]) -> None:
        """Replace the related lists of stories, leaving the rest of each story as stored."""
        self._exec_many(
            self._SET_RELATED,
            ((json.dumps(rel, ensure_ascii=False), sid) for sid, rel in items),
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

    # -- reading for the web reader and the HTTP API -----------------------------------------
    def find_stories(
        self,
        *,
        terms: Sequence[str] = (),
        outlet: str | None = None,
        since_utc: str | None = None,
        until_utc: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Story], int]:
        """One page of stories, newest first, and how many match in all. Every term must occur
        (LIKE, case-insensitive for ASCII) in the headline or a canonical paragraph; ``outlet``
        must carry the story; ``since_utc`` <= published (UTC ISO) < ``until_utc``."""
        where: list[str] = []
        args: list[str | int] = []
        for term in terms:
            pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(f"(s.headline {self._LIKE} ? ESCAPE '\\' OR {self._PARAGRAPH_LIKE})")
            args += [pattern, pattern]
        if outlet:
            where.append(
                "EXISTS (SELECT 1 FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
                " WHERE sa.story_id = s.id AND a.outlet = ?)"
            )
            args.append(outlet)
        if since_utc:
            where.append("s.published_utc != '~' AND s.published_utc >= ?")
            args.append(since_utc)
        if until_utc:
            where.append("s.published_utc < ?")
            args.append(until_utc)
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        total = int(self._exec(f"SELECT COUNT(*) FROM stories s{cond}", args).fetchone()[0])
        rows = self._exec(
            f"SELECT s.data FROM stories s{cond}"
            " ORDER BY s.published_utc = '~', s.published_utc DESC, s.id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return [Story.from_dict(json.loads(r[0])) for r in rows], total

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with an article in a story, and how many stories it carried."""
        rows = self._exec(
            "SELECT a.outlet, COUNT(DISTINCT sa.story_id) FROM story_articles sa"
            " JOIN articles a ON a.id = sa.article_id WHERE a.outlet IS NOT NULL"
            " GROUP BY a.outlet ORDER BY a.outlet"
        )
        return [(r[0], int(r[1])) for r in rows]


_TEASER_FIELDS = tuple(f.name for f in dataclasses.fields(FeedTeaser))


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


def _hashes(prints: str) -> list[int]:
    """An article's fingerprints from their stored form, ``"h1,h2,..."``."""
    return [int(h) for h in prints.split(",") if h]


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


def _chunks(items: list[Any], n: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]
