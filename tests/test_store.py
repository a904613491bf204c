"""The store keeps every field, migrates, and refuses what it cannot read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfold.errors import MissingExtraError, NotFoundError, StoreError
from newsfold.records import Article, Dateline, Removed, Teaser
from newsfold.store import SCHEMA_VERSION, open_store

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
    tmp_path: Path, article: Article, fps: list[int]
) -> None:
    with open_store(tmp_path / "rt.db") as store:
        with store.transaction():
            store.add_article(article, fps)
        assert store.get_article(article.id) == article
        assert sorted(store.fingerprints_of(article.id)) == sorted(fps)


def test_schema_version_and_reopen(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    with open_store(db) as s:
        assert s.schema_version == SCHEMA_VERSION
    with open_store(f"sqlite:///{db}") as s:
        assert s.schema_version == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    open_store(db).close()
    con = sqlite3.connect(db)
    con.execute(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
    )
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(db)


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match=r"bad\.db"):
        open_store(bad)


def test_postgres_needs_its_extra() -> None:
    with pytest.raises(MissingExtraError, match=r"\[postgres\]"):
        open_store("postgresql://localhost/news")


def test_missing_ids(tmp_path: Path) -> None:
    with open_store(tmp_path / "m.db") as s:
        with pytest.raises(NotFoundError):
            s.get_story("s_nope")
        with pytest.raises(NotFoundError):
            s.get_article("a_nope")


def test_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    from newsfold.records import Page

    with open_store(tmp_path / "tx.db") as s:
        page = Page("p_1", "x.txt", "text", "hello world", None, "o", None)
        with pytest.raises(RuntimeError), s.transaction():
            s.add_page(page, [1, 2])
            raise RuntimeError("killed")
        assert s.counts()["pages"] == 0
        assert s.template("o") is None


def test_a_version_1_store_is_migrated_and_keeps_its_pages(tmp_path: Path) -> None:
    from newsfold.store import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[1])
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    db.execute(
        "INSERT INTO pages (id, source, kind, content) VALUES ('p_1', 'a.txt', 'text', 'hello')"
    )
    db.commit()
    db.close()
    with open_store(f"sqlite:///{path}") as store:
        assert store.schema_version == SCHEMA_VERSION
        (page,) = store.pending_pages(10)
        assert page.content == "hello" and page.encoding is None


def test_the_page_encoding_is_stored(tmp_path: Path) -> None:
    from newsfold import fold

    text = "Le café de la gare rouvre après les travaux — les habitués sont ravis. " * 4
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.txt").write_bytes(text.encode("cp1252"))
    db = tmp_path / "s.db"
    fold([tmp_path / "site"], str(db))
    with open_store(f"sqlite:///{db}") as store:
        (enc,) = store.db.execute("SELECT encoding FROM pages").fetchone()
    assert enc.endswith("(detected)")
