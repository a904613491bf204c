"""The store keeps every field, migrates, and refuses what it cannot read, on both backends:
each test taking ``store`` or ``store_url`` runs on SQLite and on PostgreSQL (which skips, saying
so, where $NEWSFOLD_TEST_PG names no server)."""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from newsfold.errors import MissingExtraError, NotFoundError, StoreError
from newsfold.records import Article, Dateline, Page, Removed, Teaser
from newsfold.run.local import fold, stored_template
from newsfold.store import MIGRATIONS, SCHEMA_VERSION, SQLiteStore, Store, open_store

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
opt_text = st.none() | text

articles = st.builds(
    Article,
    id=st.from_regex(r"a_[0-9a-f]{16}", fullmatch=True),
    page_id=st.from_regex(r"p_[0-9a-f]{16}", fullmatch=True),
    source=text,
    outlet=opt_text,
    url=opt_text,
    headline=opt_text,
    byline=opt_text,
    credits=st.lists(text, max_size=3),
    dateline=st.none() | st.builds(Dateline, place=opt_text, date=opt_text),
    published=opt_text,
    updated=opt_text,
    language=opt_text,
    paragraphs=st.lists(text, min_size=1, max_size=5),
    removed=st.lists(
        st.builds(Removed, text=text, reason=text, line=st.integers(0, 10_000)), max_size=4
    ),
    teasers=st.lists(
        st.builds(Teaser, headline=text, outlet=opt_text, published=opt_text, text=text), max_size=3
    ),
    fetched_at=opt_text,
)


@settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(article=articles, fps=st.lists(st.integers(0, 2**63 - 1), max_size=20))
def test_article_round_trip_keeps_every_field(
    store: Store, article: Article, fps: list[int]
) -> None:
    with store.transaction():
        store.add_article(article, fps)
    assert store.get_article(article.id) == article
    assert sorted(store.fingerprints_of(article.id)) == sorted(fps)


@settings(
    max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(article=articles)
def test_the_stories_stage_reads_every_field_but_removed_lines_and_teasers(
    store: Store, article: Article
) -> None:
    with store.transaction():
        store.add_article(article, [])
    got = store.articles_for_stories([article.id, "a_missing"])
    assert got == {article.id: dataclasses.replace(article, removed=[], teasers=[])}


def test_schema_version_and_reopen(store_url: str) -> None:
    with open_store(store_url) as s:
        assert s.schema_version == SCHEMA_VERSION
    with open_store(store_url) as s:
        assert s.schema_version == SCHEMA_VERSION


def test_newer_schema_is_refused(store_url: str) -> None:
    with open_store(store_url) as s:
        s._exec(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    with pytest.raises(StoreError, match="newer"):
        open_store(store_url)


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match=r"bad\.db"):
        open_store(bad)


def test_postgres_needs_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # as where psycopg is not installed: importing it fails
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "newsfold.store.postgres", raising=False)
    with pytest.raises(MissingExtraError, match=r"\[postgres\]"):
        open_store("postgresql://localhost/news")


def test_an_unknown_url_is_refused() -> None:
    with pytest.raises(StoreError, match="mysql://"):
        open_store("mysql://localhost/news")


def test_missing_ids(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_story("s_nope")
    with pytest.raises(NotFoundError):
        store.get_article("a_nope")


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    page = Page("p_1", "x.txt", "text", "hello world", None, "o", None)
    with pytest.raises(RuntimeError), store.transaction():
        store.add_page(page, [1, 2])
        raise RuntimeError("killed")
    assert store.counts()["pages"] == 0
    assert stored_template(store, "o") is None


def test_a_page_is_stored_once_and_counted_once(store: Store) -> None:
    page = Page("p_1", "x.txt", "text", "hello world", None, "o", None)
    with store.transaction():
        assert store.add_page(page, [1, 2, 2**62])
        assert not store.add_page(page, [1, 2, 2**62])
    assert not store.add_page(page, [1, 2])
    t = stored_template(store, "o")
    assert t is not None and t.pages == 1
    assert [p.id for p in store.pending_pages(10)] == ["p_1"]


def test_pending_pages_come_in_the_order_they_were_added(store: Store) -> None:
    ids = ["p_9", "p_1", "p_5", "p_3"]
    for i in ids:
        with store.transaction():
            store.add_page(Page(i, f"{i}.txt", "text", "x", None, None, None), [])
    assert [p.id for p in store.pending_pages(10)] == ids
    assert [p.id for p in store.pending_pages(2)] == ids[:2]


def test_a_version_1_store_is_migrated_and_keeps_its_pages(store_url: str, tmp_path: Path) -> None:
    if store_url.startswith("sqlite:///"):
        db = sqlite3.connect(store_url[len("sqlite:///") :])
        db.executescript(MIGRATIONS[1])
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        db.execute(
            "INSERT INTO pages (id, source, kind, content) VALUES ('p_1', 'a.txt', 'text', 'hello')"
        )
        db.commit()
        db.close()
    else:
        import psycopg

        from newsfold.store.postgres import render_ddl

        with psycopg.connect(store_url, autocommit=True) as pg:
            for stmt in MIGRATIONS[1].split(";"):
                if stmt.strip():
                    pg.execute(render_ddl(stmt))  # type: ignore[call-overload]
            pg.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            pg.execute("INSERT INTO meta VALUES ('schema_version', '1')")
            pg.execute(
                "INSERT INTO pages (id, source, kind, content) VALUES ('p_1', 'a.txt', 'text', 'hello')"
            )
    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        (page,) = store.pending_pages(10)
        assert page.content == "hello" and page.encoding is None


def test_the_page_encoding_is_stored(store_url: str, tmp_path: Path) -> None:
    from newsfold import fold

    text = "Le café de la gare rouvre après les travaux — les habitués sont ravis. " * 4
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.txt").write_bytes(text.encode("cp1252"))
    fold([tmp_path / "site"], store_url)
    with open_store(store_url) as store:
        row = store._exec("SELECT encoding, encoding_basis FROM pages").fetchone()
    assert tuple(row) == ("cp1252", "detected")


# -- the same fold on both backends ------------------------------------------------------------
def _rejected(store: Store) -> list[tuple[Any, ...]]:
    return [(r["source"], r["reason"], r["message"]) for r in store.rejected()]


def test_a_fold_gives_the_same_stories_on_both_backends(
    pg_url: str, demo_store: SQLiteStore
) -> None:
    with open_store(pg_url) as pg:
        fold([EXAMPLES], pg)
        assert pg.counts() == demo_store.counts()
        assert [s.to_dict() for s in pg.stories()] == [s.to_dict() for s in demo_store.stories()]
        assert pg.links() == demo_store.links()
        assert _rejected(pg) == _rejected(demo_store)
        assert pg.outlets() == demo_store.outlets()
        ids = demo_store.all_article_ids()
        assert pg.all_article_ids() == ids
        assert pg.articles(ids) == demo_store.articles(ids)
        for outlet in {a.outlet for a in demo_store.articles(ids).values()}:
            assert stored_template(pg, outlet) == stored_template(demo_store, outlet)
        # folding again adds nothing and changes nothing
        again = fold([EXAMPLES], pg)
        assert again.added == 0 and pg.counts() == demo_store.counts()


@pytest.mark.parametrize(
    "query",
    [
        {"terms": ["ferry"]},
        {"terms": ["FERRY", "tory"]},
        {"terms": ["100%"]},
        {"terms": ["a_b"]},
        {"outlet": "harbour-herald"},
        {"since_utc": "2024-03-01T00:00:00+00:00", "until_utc": "2024-03-03T00:00:00+00:00"},
        {"limit": 3, "offset": 2},
    ],
)
def test_search_finds_the_same_stories_on_both_backends(
    pg_url: str, demo_store: SQLiteStore, query: dict[str, Any]
) -> None:
    with open_store(pg_url) as pg:
        fold([EXAMPLES], pg)
        found, total = pg.find_stories(**query)
        want, want_total = demo_store.find_stories(**query)
    assert total == want_total
    assert [s.id for s in found] == [s.id for s in want]


def test_a_nul_in_a_page_does_not_stop_the_fold(store: Store, tmp_path: Path) -> None:
    good = "The harbour board met on Tuesday and approved a new breakwater for the marina. " * 3
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.jsonl").write_text(
        '{"text": "' + good + '\\u0000 and a stray NUL"}\n{"text": "' + good[::-1] + '"}\n',
        "utf-8",
    )
    summary = fold([tmp_path / "site"], store)
    assert summary.added == 2 and store.counts()["pages"] == 2
    assert not store.pending_pages(10)
    assert store.counts()["articles"] + store.counts()["rejected"] >= 2


def test_a_server_that_cannot_be_reached_is_named_without_its_password() -> None:
    pytest.importorskip("psycopg", reason="the [postgres] extra is not installed")
    url = "postgresql://news:s3cret@/nodb?host=/nonexistent-socket-dir&connect_timeout=2"
    with pytest.raises(StoreError, match="cannot connect") as err:
        open_store(url)
    assert "s3cret" not in str(err.value) and "news:***@" in str(err.value)


def _article(aid: str) -> Article:
    none = dict.fromkeys(["outlet", "url", "headline", "byline", "published", "updated"])
    return Article(
        id=aid, page_id=f"p_{aid}", source=f"{aid}.txt", paragraphs=["text"], credits=[],
        dateline=None, language=None, **none,
    )  # fmt: skip


def test_postings_are_written_in_bulk_and_follow_a_new_extraction(store: Store) -> None:
    with store.transaction():
        store.add_article(_article("a_1"), [5, 7, 9])
        store.add_article(_article("a_2"), [7, 9, 11])
        store.add_article(_article("a_3"), [])
    # the fingerprints are on the articles at once; the postings wait for index_fingerprints
    assert store.fingerprint_counts(["a_1", "a_2", "a_3"]) == {"a_1": 3, "a_2": 3, "a_3": 0}
    assert store.candidates([7, 9], 100) == {}
    assert store.index_fingerprints() == 2 and store.index_fingerprints() == 0
    assert store.candidates([7, 9], 100) == {"a_1": 2, "a_2": 2}
    with store.transaction():  # extracted again, with other fingerprints
        store.add_article(_article("a_1"), [9, 13])
    assert store.candidates([5, 7, 9, 13], 100) == {"a_2": 2}
    store.index_fingerprints()
    assert store.candidates([5, 7, 9, 13], 100) == {"a_1": 2, "a_2": 2}
    assert sorted(store.fingerprints_of("a_1")) == [9, 13]
    assert dict(store.fingerprint_lists()) == {"a_1": "9,13", "a_2": "7,9,11"}


def test_postings_into_an_empty_index_keep_its_hash_index(tmp_path: Path) -> None:
    """SQLite: the first postings go into the table without its hash index, made again once
    they are in; a fold dying meanwhile leaves the table and its index as they were."""
    index = "SELECT sql FROM sqlite_master WHERE name = 'fingerprints_hash'"
    with SQLiteStore(str(tmp_path / "s.db")) as store:
        made = store._exec(index).fetchall()
        with store.transaction():
            store.add_article(_article("a_1"), [5, 7, 9])
            store.add_article(_article("a_2"), [7, 9, 11])
        real = store._exec

        def dying(sql: str, args: Any = ()) -> Any:
            if sql.startswith("UPDATE article_stages SET indexed"):
                raise OSError("killed")
            return real(sql, args)

        store._exec = dying  # type: ignore[method-assign]
        with pytest.raises(OSError):
            store.index_fingerprints()
        store._exec = real  # type: ignore[method-assign]
        assert store._exec(index).fetchall() == made
        assert store._exec("SELECT COUNT(*) FROM fingerprints").fetchone() == (0,)
        assert store.index_fingerprints() == 2
        assert store._exec(index).fetchall() == made
        plan = store._exec("EXPLAIN QUERY PLAN SELECT * FROM fingerprints WHERE hash = 7")
        assert "fingerprints_hash" in str(plan.fetchall())
        assert store.candidates([7, 9], 100) == {"a_1": 2, "a_2": 2}


def test_a_version_4_store_keeps_its_fingerprints(store_url: str) -> None:
    """Schema 5 moved each article's fingerprints onto its row: a store made before keeps them,
    and its postings."""
    with open_store(store_url) as store:
        store.db.execute("DELETE FROM meta")  # schema 4 by hand: the tables as version 4 had
        for stmt in (
            "DROP TABLE IF EXISTS story_fts",  # schema 7's
            "DROP TABLE story_search",
            "DROP TABLE story_facets",
            "ALTER TABLE pages DROP COLUMN sanitized",  # schema 6's
            "ALTER TABLE pages DROP COLUMN encoding_basis",
            "DROP TABLE article_stages",  # schema 9's
            "ALTER TABLE articles DROP COLUMN prints",  # schema 5's
            "ALTER TABLE articles ADD COLUMN stage INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX articles_stage ON articles(stage)",
            "CREATE INDEX fingerprints_article ON fingerprints(article_id)",
            "INSERT INTO meta VALUES ('schema_version', '4')",
            "INSERT INTO articles (id, page_id, data) VALUES ('a_1', 'p_1', '{}')",
            "INSERT INTO articles (id, page_id, data) VALUES ('a_2', 'p_2', '{}')",
            "INSERT INTO fingerprints VALUES (5, 'a_1'), (7, 'a_1'), (7, 'a_2')",
        ):
            store.db.execute(stmt)
        if isinstance(store, SQLiteStore):
            store.db.commit()
    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert sorted(store.fingerprints_of("a_1")) == [5, 7] and store.fingerprints_of("a_2") == [
            7
        ]
        assert store.index_fingerprints() == 0  # their postings were there already
        assert store.candidates([7], 100) == {"a_1": 1, "a_2": 1}


def test_sqlite_postings_are_the_chunked_writer_s(tmp_path: Path) -> None:
    """``index_fingerprints`` on SQLite splits the stored lists inside SQLite (``json_each``);
    other backends write them from Python (``_index_in_chunks``): the same rows, in the same
    order, with the same types, negative and 64-bit hashes included, an article without
    fingerprints and a second fold's articles too."""
    lists = {
        "a_1": [5, -7, 2**63 - 1, 9],
        "a_2": [9, 5, -(2**63)],
        "a_3": [],
        "a_4": [9, 9_007_199_254_740_993],  # past a double's exact integers
    }
    rows = []
    for chunked in (False, True):
        with SQLiteStore(str(tmp_path / f"{chunked}.db")) as store:
            for batch in (["a_1", "a_2"], ["a_3", "a_4"]):  # two folds
                with store.transaction():
                    for aid in batch:
                        store.add_article(_article(aid), lists[aid])
                if chunked:  # as a PostgreSQL store writes them, two articles a chunk
                    with store.transaction():
                        store._index_in_chunks(2)
                else:
                    store.index_fingerprints()
            rows.append(
                store._exec(
                    "SELECT hash, typeof(hash), article_id FROM fingerprints ORDER BY rowid"
                ).fetchall()
            )
            assert store._exec(
                "SELECT COUNT(*) FROM article_stages WHERE indexed = 0"
            ).fetchone() == (0,)
    assert rows[0] == rows[1]
    assert sorted(h for h, _, _ in rows[0]) == sorted(h for v in lists.values() for h in v)
