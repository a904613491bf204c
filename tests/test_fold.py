"""The whole fold on the example corpus: expected stories, idempotence, order, bad input."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, rel_source
from newsfold.run.local import fold
from newsfold.store import SQLiteStore, open_store


def _story_of_page(store: SQLiteStore) -> dict[str, str]:
    """{page path relative to examples/corpus: story id}."""
    rows = store.db.execute(
        "SELECT p.source, sa.story_id FROM story_articles sa"
        " JOIN articles a ON a.id = sa.article_id JOIN pages p ON p.id = a.page_id"
    )
    return {rel_source(src): sid for src, sid in rows}


def test_every_wire_story_is_one_story_with_all_its_copies(
    demo_store: SQLiteStore, expected: dict[str, Any]
) -> None:
    story_of = _story_of_page(demo_store)
    for story in expected["stories"]:
        ids = {story_of[c] for c in story["copies"]}
        assert len(ids) == 1, f"{story['name']}: copies split over {len(ids)} stories"


def test_different_events_stay_apart(demo_store: SQLiteStore, expected: dict[str, Any]) -> None:
    story_of = _story_of_page(demo_store)
    by_name = {s["name"]: story_of[s["copies"][0]] for s in expected["stories"]}
    assert len(set(by_name.values())) == len(by_name), "two expected stories were merged"
    for s in expected["stories"]:
        for other in s.get("must_not_merge_with", []):
            assert by_name[s["name"]] != by_name[other]
    singles = [story_of[p] for p in expected["singles"]]
    assert len(set(singles)) == len(singles)
    assert not set(singles) & set(by_name.values())


def test_story_headline_and_canonical_text(
    demo_store: SQLiteStore, expected: dict[str, Any]
) -> None:
    story_of = _story_of_page(demo_store)
    for s in expected["stories"]:
        story = demo_store.get_story(story_of[s["copies"][0]])
        text = (story.headline or "") + " " + " ".join(p.text for p in story.paragraphs)
        for word in s["headline_words"]:
            assert word.lower() in text.lower(), (s["name"], word)
        if len(s["copies"]) > 1:
            members = {m.article for m in story.members}
            # every paragraph is sourced by articles of the story, and some by several
            assert all(set(p.sources) <= members for p in story.paragraphs)
            assert any(len(p.sources) > 1 for p in story.paragraphs)
            assert story.origin.credit == s["agency"]


def test_refold_adds_nothing_and_changes_no_id(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        first = fold([EXAMPLES], store)
        before = {s.id: s.to_dict() for s in store.stories()}
        again = fold([EXAMPLES], store)
        assert first.added > 30 and again.added == 0
        assert again.counts == first.counts
        assert {s.id: s.to_dict() for s in store.stories()} == before


def test_same_stories_whatever_the_order_or_batching(
    tmp_path: Path, demo_store: SQLiteStore
) -> None:
    files = sorted(p for p in EXAMPLES.rglob("*") if p.is_file())
    with open_store(tmp_path / "b.db") as store:
        # reversed order, in three separate folds, tiny batches
        chunks = [files[::-1][i::3] for i in range(3)]
        for chunk in chunks:
            fold(chunk, store, batch_size=4)
        got = {s.id: sorted(m.article for m in s.members) for s in store.stories()}
    want = {s.id: sorted(m.article for m in s.members) for s in demo_store.stories()}
    assert got == want


def test_bad_files_are_rejected_and_the_rest_folds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    (corpus / "harbour-herald" / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff" * 50)
    (corpus / "harbour-herald" / "empty.txt").write_text("")
    (corpus / "harbour-herald" / "latin1.txt").write_bytes(b"caf\xe9 au lait \x81\x8d\x8f")
    with open_store(tmp_path / "c.db") as store:
        summary = fold([corpus], store)
        reasons = {Path(r["source"]).name: r["reason"] for r in store.rejected()}
        assert reasons == {
            "broken.txt": "binary",
            "empty.txt": "empty",
            "latin1.txt": "undecodable",
        }
        assert summary.counts["articles"] == len([p for p in EXAMPLES.rglob("*.txt")]) + 3 + 3
        assert summary.counts["rejected"] == 3


def test_killed_fold_resumes(tmp_path: Path, demo_store: SQLiteStore) -> None:
    """A fold stopped after ingest (pages stored, nothing extracted) completes when run again."""
    from newsfold.read.files import read_paths
    from newsfold.records import FoldSummary
    from newsfold.run.local import ingest

    with open_store(tmp_path / "d.db") as store:
        ingest(store, read_paths([EXAMPLES]), FoldSummary(), 8, lambda s, n: None)
        assert store.counts()["articles"] == 0
        fold([EXAMPLES], store)
        got = {s.id for s in store.stories()}
    assert got == {s.id for s in demo_store.stories()}


def test_a_forked_worker_leaves_its_inherited_heap_to_the_collector_s_frozen_set() -> None:
    # The heap a worker inherits (a notebook's crawl) must not be walked by the worker's
    # collections: walking it costs time and, by writing to each object's header, copies pages
    # that fork shared.
    import gc

    from newsfold.run.pool import _pool, _pool_context

    if sys.platform != "linux":
        pytest.skip("workers are spawned, not forked, off Linux: they inherit no heap")
    held = [[i] for i in range(50_000)]  # noqa: F841  (the parent's heap)
    with _pool(2, _pool_context()) as pool:
        frozen = pool.submit(gc.get_freeze_count).result(timeout=60)
    assert frozen >= 50_000
    assert gc.get_freeze_count() == 0  # the parent's own collector is left as it was
