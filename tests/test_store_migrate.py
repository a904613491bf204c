"""A store made before schema 9 (each article's stage and postings' flag on its own row) opens
and keeps folding: no article lost, none folded twice, the same stories as a fold of everything
at once. On SQLite and on PostgreSQL (which skips where no server is set)."""

from __future__ import annotations

from pathlib import Path

from newsfold.read.files import read_paths
from newsfold.run import local as engine
from newsfold.store import SCHEMA_VERSION, Store, open_store
from test_copies import _corpus

# schema 9 undone: the stages and flags back on the article rows, as schema 8 kept them (the
# tests of older stores start from here too: ``back_to_schema_8``)
_TO_SCHEMA_8 = (
    "ALTER TABLE articles ADD COLUMN stage INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE articles ADD COLUMN indexed INTEGER NOT NULL DEFAULT 1",
    "UPDATE articles SET"
    " stage = (SELECT s.stage FROM article_stages s WHERE s.id = articles.id),"
    " indexed = (SELECT s.indexed FROM article_stages s WHERE s.id = articles.id)",
    "DROP TABLE article_stages",
    "CREATE INDEX articles_stage ON articles(stage)",
    "CREATE INDEX articles_unindexed ON articles(id) WHERE indexed = 0",
    "UPDATE meta SET value = '8' WHERE key = 'schema_version'",
)


def back_to_schema_8(store: Store) -> None:
    """Undo schema 9 on a store made by this newsfold: what any older schema starts from."""
    for stmt in _TO_SCHEMA_8:
        store._exec(stmt)


def _flags(store: Store, table: str) -> dict[str, tuple[int, int]]:
    rows = store._exec(f"SELECT id, stage, indexed FROM {table}")
    return {aid: (int(stage), int(indexed)) for aid, stage, indexed in rows}


def _extract_only(store: Store, paths: list[Path]) -> None:
    """A fold stopped after extraction: its articles wait to be matched, their postings
    unwritten."""
    summary = engine.FoldSummary()
    engine.ingest(store, read_paths(paths, stats=summary.read), summary, 256, engine._noop, 1)
    with store.processing():
        engine.extract_pending(store, summary, 256, engine._noop, 1)


def _members(store: Store) -> dict[str, list[str]]:
    return {s.id: sorted(m.article for m in s.members) for s in store.stories()}


def test_a_version_8_store_keeps_folding(store_url: str, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    files = sorted(p for ps in corpus.values() for p in ps)
    first = [p for p in files if p.name.endswith("-0.txt")]
    second = [p for p in files if p.name.endswith("-1.txt")]
    rest = [p for p in files if p not in first and p not in second]
    with open_store(store_url) as store:
        engine.fold(first, store, workers=1)
        _extract_only(store, second)
        before = _flags(store, "article_stages")
        back_to_schema_8(store)
        assert store.schema_version == 8
        # what schema 8 held: stories built, and a batch waiting with no postings
        assert _flags(store, "articles") == before
        assert {f for f in before.values()} == {(2, 1), (0, 0)}
    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert _flags(store, "article_stages") == before
        engine.fold(rest, store, workers=1)
        assert {f for f in _flags(store, "article_stages").values()} == {(2, 1)}
        got, n = _members(store), store.counts()["articles"]
    with open_store(tmp_path / "all.db") as store:
        engine.fold(files, store, workers=1)
        assert store.counts()["articles"] == n == len(files)
        assert _members(store) == got
