"""The store: pages, articles, the candidate index, copy links, stories. SQLite by default.

One file in WAL mode, so readers see a consistent store while a fold writes. The schema carries a
version and is brought up to date by ``MIGRATIONS`` when opened. Stores are chosen by URL
(``sqlite:///path`` or a bare path); other backends implement the same methods.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import MissingExtraError, NotFoundError, StoreError
from .extract.dates import utc_key
from .extract.templates import MIN_PAGES, OutletTemplate
from .records import Article, FeedTeaser, Link, Page, Rejection, Story

SCHEMA_VERSION = 3

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
    CREATE TABLE fingerprints (hash INTEGER NOT NULL, article_id TEXT NOT NULL);
    CREATE INDEX fingerprints_hash ON fingerprints(hash);
    CREATE INDEX fingerprints_article ON fingerprints(article_id);
    CREATE TABLE links (
        a TEXT NOT NULL, b TEXT NOT NULL, relation TEXT NOT NULL, jaccard REAL NOT NULL,
        a_in_b REAL NOT NULL, b_in_a REAL NOT NULL, PRIMARY KEY (a, b)
    );
    CREATE INDEX links_b ON links(b);
    CREATE TABLE rejected (
        source TEXT NOT NULL, reason TEXT NOT NULL, message TEXT NOT NULL, page_id TEXT,
        added_at TEXT NOT NULL, PRIMARY KEY (source, reason)
    );
    CREATE TABLE outlet_pages (outlet TEXT PRIMARY KEY, pages INTEGER NOT NULL);
    CREATE TABLE outlet_lines (
        outlet TEXT NOT NULL, key INTEGER NOT NULL, pages INTEGER NOT NULL,
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
}


def open_store(url: str | Path) -> SQLiteStore:
    """A store from a URL: ``sqlite:///path/to.db``, a bare path, or ``:memory:``."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        raise MissingExtraError("postgres", "a PostgreSQL store")
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        raise StoreError(f"unknown store URL {text!r}: use sqlite:///path or a file path")
    return SQLiteStore(text)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class SQLiteStore:
    def __init__(self, path: str) -> None:
        self.path = path
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

    # -- schema ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this newsfold "
                f"({SCHEMA_VERSION}); upgrade newsfold"
            )
        for v in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for stmt in MIGRATIONS[v].split(";"):
                    if stmt.strip():
                        self.db.execute(stmt)
                self.db.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(v),)
                )

    @property
    def schema_version(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all (a killed fold leaves no half batch)."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- pages and templates -----------------------------------------------------------------
    def known_pages(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids), 500):
            q = f"SELECT id FROM pages WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(q, chunk))
        return found

    def add_page(self, page: Page, line_keys: Iterable[int]) -> bool:
        """Store a new page and count its lines towards its outlet's template. False if the
        page was already stored (nothing changes)."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO pages"
            " (id, source, kind, url, outlet, fetched_at, content, encoding)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                page.id,
                page.source,
                page.kind,
                page.url,
                page.outlet,
                page.fetched_at,
                page.content,
                page.encoding,
            ),
        )
        if cur.rowcount == 0:
            return False
        # what was rejected from this source before (over a limit since raised, a file since
        # fixed) is used now: it is no longer on the rejected list
        self.db.execute("DELETE FROM rejected WHERE source = ? AND page_id IS NULL", (page.source,))
        if page.outlet:
            self.db.execute(
                "INSERT INTO outlet_pages VALUES (?, 1) ON CONFLICT(outlet) DO UPDATE SET pages = pages + 1",
                (page.outlet,),
            )
            self.db.executemany(
                "INSERT INTO outlet_lines VALUES (?, ?, 1) ON CONFLICT(outlet, key) DO UPDATE SET pages = pages + 1",
                ((page.outlet, k) for k in line_keys),
            )
        return True

    def pending_pages(self, limit: int) -> list[Page]:
        rows = self.db.execute(
            "SELECT id, source, kind, content, url, outlet, fetched_at, encoding FROM pages"
            " WHERE state = 'new' ORDER BY rowid LIMIT ?",
            (limit,),
        ).fetchall()
        return [Page(*r) for r in rows]

    def template(self, outlet: str | None) -> OutletTemplate | None:
        if not outlet:
            return None
        row = self.db.execute(
            "SELECT pages FROM outlet_pages WHERE outlet = ?", (outlet,)
        ).fetchone()
        if not row:
            return None
        t = OutletTemplate(pages=row[0])
        for key, n in self.db.execute(
            "SELECT key, pages FROM outlet_lines WHERE outlet = ? AND pages >= ?",
            (outlet, MIN_PAGES),
        ):
            t.lines[key] = n
        return t

    # -- rejections --------------------------------------------------------------------------
    def add_rejection(self, rej: Rejection, page_id: str | None = None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO rejected VALUES (?, ?, ?, ?, ?)",
            (rej.source, rej.reason, rej.message, page_id, _now()),
        )
        if page_id:
            self.db.execute("UPDATE pages SET state = 'rejected' WHERE id = ?", (page_id,))

    def rejected(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT source, reason, message, page_id, added_at FROM rejected ORDER BY added_at, source"
        )
        keys = ("source", "reason", "message", "page_id", "added_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # -- feed teasers -----------------------------------------------------------------------
    def add_teaser(self, teaser: FeedTeaser) -> bool:
        """Keep a summary-only feed item; False if the store holds it already (the same item
        read again, from this feed or another snapshot of it)."""
        cur = self.db.execute(
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
        total = int(
            self.db.execute(f"SELECT COUNT(*) FROM feed_teasers {cond}", args).fetchone()[0]
        )
        # feed times are UTC, so the ISO strings sort as the times do
        q = (
            f"SELECT {', '.join(_TEASER_FIELDS)} FROM feed_teasers {cond}"
            " ORDER BY COALESCE(published, updated, feed_updated, '') DESC, id"
        )
        if limit is not None:
            q += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        rows = self.db.execute(q, args).fetchall()
        return [FeedTeaser(*r) for r in rows], total

    # -- articles and fingerprints -----------------------------------------------------------
    def add_article(self, article: Article, fingerprints: Iterable[int]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO articles (id, page_id, outlet, headline, published, data, stage)"
            " VALUES (?, ?, ?, ?, ?, ?, 0)",
            (
                article.id,
                article.page_id,
                article.outlet,
                article.headline,
                article.published,
                json.dumps(article.to_dict(), ensure_ascii=False),
            ),
        )
        self.db.execute("DELETE FROM fingerprints WHERE article_id = ?", (article.id,))
        self.db.executemany(
            "INSERT INTO fingerprints VALUES (?, ?)", ((int(h), article.id) for h in fingerprints)
        )
        self.db.execute("UPDATE pages SET state = 'extracted' WHERE id = ?", (article.page_id,))

    def get_article(self, article_id: str) -> Article:
        row = self.db.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        if not row:
            raise NotFoundError("article", article_id)
        return Article.from_dict(json.loads(row[0]))

    def articles(self, ids: Sequence[str]) -> dict[str, Article]:
        out: dict[str, Article] = {}
        for chunk in _chunks(list(ids), 500):
            q = f"SELECT id, data FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            for aid, data in self.db.execute(q, chunk):
                out[aid] = Article.from_dict(json.loads(data))
        return out

    def articles_at_stage(self, stage: int, limit: int | None = None) -> list[str]:
        """Ids of articles waiting at ``stage`` (0: to match, 1: story to build)."""
        q = "SELECT id FROM articles WHERE stage = ? ORDER BY id"
        args: tuple[int, ...] = (stage,)
        if limit is not None:
            q += " LIMIT ?"
            args = (stage, limit)
        return [r[0] for r in self.db.execute(q, args)]

    def set_stage(self, ids: Iterable[str], stage: int) -> None:
        self.db.executemany("UPDATE articles SET stage = ? WHERE id = ?", ((stage, i) for i in ids))

    def fingerprints_of(self, article_id: str) -> list[int]:
        rows = self.db.execute("SELECT hash FROM fingerprints WHERE article_id = ?", (article_id,))
        return [r[0] for r in rows]

    def fingerprint_counts(self, ids: Sequence[str]) -> dict[str, int]:
        """How many fingerprints each article has in the index."""
        out = dict.fromkeys(ids, 0)
        out.update(
            self._pairs_in(
                "SELECT article_id, COUNT(*) FROM fingerprints WHERE article_id IN ({})"
                " GROUP BY article_id",
                ids,
            )
        )
        return out

    def candidates(self, hashes: Sequence[int], max_postings: int) -> Counter[str]:
        """Articles sharing fingerprints with ``hashes``, with how many they share. A fingerprint
        held by more than ``max_postings`` articles is boilerplate and ignored. Both counts run
        inside SQLite, on the hash index: a story carried by a hundred outlets has a hundred
        postings per fingerprint, too many rows to count in Python."""
        shared: Counter[str] = Counter()
        for chunk in _chunks(sorted(set(hashes)), 500):
            marks = ",".join("?" * len(chunk))
            common = [
                h
                for h, n in self.db.execute(
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
            for aid, n in self.db.execute(q, common):
                shared[aid] += n
        return shared

    # -- links, groups, stories --------------------------------------------------------------
    def add_links(self, links: Iterable[Link]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?, ?)",
            ((lk.a, lk.b, lk.relation, lk.jaccard, lk.a_in_b, lk.b_in_a) for lk in links),
        )

    def links(self, relations: Sequence[str] | None = None) -> list[Link]:
        q = "SELECT a, b, relation, jaccard, a_in_b, b_in_a FROM links"
        args: list[str] = []
        if relations:
            q += f" WHERE relation IN ({','.join('?' * len(relations))})"
            args = list(relations)
        return [Link(*r) for r in self.db.execute(q + " ORDER BY a, b", args)]

    def links_of(self, ids: Sequence[str]) -> list[Link]:
        out: dict[tuple[str, str], Link] = {}
        for chunk in _chunks(list(ids), 400):
            marks = ",".join("?" * len(chunk))
            q = (
                "SELECT a, b, relation, jaccard, a_in_b, b_in_a FROM links"
                f" WHERE a IN ({marks}) OR b IN ({marks})"
            )
            for r in self.db.execute(q, chunk + chunk):
                out[(r[0], r[1])] = Link(*r)
        return [out[k] for k in sorted(out)]

    def all_article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY id")]

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
            out.update(dict(self.db.execute(q, chunk).fetchall()))
        return out

    def replace_stories(self, old_ids: Iterable[str], stories: Sequence[Story]) -> None:
        """Swap old stories for new ones. An old id that does not live on becomes an alias of
        the new story holding most of its articles, so links to it keep working."""
        new_ids = {s.id for s in stories}
        member_story = {m.article: s.id for s in stories for m in s.members}
        for sid in sorted(set(old_ids)):
            members = [
                r[0]
                for r in self.db.execute(
                    "SELECT article_id FROM story_articles WHERE story_id = ?", (sid,)
                )
            ]
            self.db.execute("DELETE FROM stories WHERE id = ?", (sid,))
            self.db.execute("DELETE FROM story_articles WHERE story_id = ?", (sid,))
            if sid in new_ids:
                continue
            votes = Counter(member_story[a] for a in members if a in member_story)
            if votes:
                target = min(votes, key=lambda t: (-votes[t], t))
                self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (sid, target))
                self.db.execute("UPDATE aliases SET new_id = ? WHERE new_id = ?", (target, sid))
        for s in stories:
            ids = [m.article for m in s.members]
            outlets: set[str | None] = set()
            for chunk in _chunks(ids, 500):
                q = f"SELECT DISTINCT outlet FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
                outlets.update(r[0] for r in self.db.execute(q, chunk))
            self.db.execute(
                "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)",
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
            self.db.execute("DELETE FROM aliases WHERE old_id = ?", (s.id,))
            self.db.executemany(
                "INSERT OR REPLACE INTO story_articles VALUES (?, ?, ?, ?)",
                ((m.article, s.id, m.relation, m.copy_group) for m in s.members),
            )

    def get_story(self, story_id: str) -> Story:
        row = self.db.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        if not row:
            alias = self.db.execute(
                "SELECT new_id FROM aliases WHERE old_id = ?", (story_id,)
            ).fetchone()
            if alias:
                return self.get_story(alias[0])
            raise NotFoundError("story", story_id)
        return Story.from_dict(json.loads(row[0]))

    def stories(self) -> list[Story]:
        rows = self.db.execute(
            "SELECT data FROM stories ORDER BY published_utc = '~', published_utc DESC, id"
        ).fetchall()
        return [Story.from_dict(json.loads(r[0])) for r in rows]

    # -- counts ------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        def one(q: str) -> int:
            return int(self.db.execute(q).fetchone()[0])

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
            where.append(
                "(s.headline LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM"
                " json_each(s.data, '$.paragraphs') p"
                " WHERE json_extract(p.value, '$.text') LIKE ? ESCAPE '\\'))"
            )
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
        total = int(self.db.execute(f"SELECT COUNT(*) FROM stories s{cond}", args).fetchone()[0])
        rows = self.db.execute(
            f"SELECT s.data FROM stories s{cond}"
            " ORDER BY s.published_utc = '~', s.published_utc DESC, s.id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return [Story.from_dict(json.loads(r[0])) for r in rows], total

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with an article in a story, and how many stories it carried."""
        rows = self.db.execute(
            "SELECT a.outlet, COUNT(DISTINCT sa.story_id) FROM story_articles sa"
            " JOIN articles a ON a.id = sa.article_id WHERE a.outlet IS NOT NULL"
            " GROUP BY a.outlet ORDER BY a.outlet"
        )
        return [(r[0], int(r[1])) for r in rows]


_TEASER_FIELDS = tuple(f.name for f in dataclasses.fields(FeedTeaser))


def _chunks(items: list[Any], n: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]
