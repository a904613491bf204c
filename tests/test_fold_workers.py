"""The same store whatever the number of workers: the read stage's line keys made in worker
processes ahead of the writes, and the stories stage's chunks written at once with the
articles their workers read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from benchmarks.stories_stage import tables

from conftest import EXAMPLES
from newsfold.run.local import fold
from newsfold.store import SQLiteStore, open_store


def test_the_same_store_whatever_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsfold.run.local.stories as stage
    import newsfold.stories.events as events

    # small tasks, so that the examples' 26 copy groups take the stories stage's pool too
    monkeypatch.setattr(stage, "UNIT_CHUNK", 4)
    monkeypatch.setattr(stage, "STORY_CHUNK", 3)
    monkeypatch.setattr(events, "FEATURES_CHUNK", 5)
    # a copy of the examples with one page twice (the first copy read wins) and one file that
    # is no page (a rejection), folded in two steps: the second rewrites stories the first made
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    texts = sorted(corpus.rglob("*.txt"))
    shutil.copy(texts[0], texts[0].with_name("again-" + texts[0].name))
    (corpus / "empty.txt").write_text("\n", encoding="utf-8")
    first = sorted(p for p in corpus.rglob("*") if p.is_file())[::2]
    got = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            fold(first, store, workers=workers, batch_size=3)
            fold([corpus], store, workers=workers, batch_size=3)
            assert isinstance(store, SQLiteStore)
        got.append(tables(tmp_path / f"w{workers}.db"))
    one, two = got
    assert one["stories"] and one["outlet_lines"] and one["rejected"]
    assert {k: len(v) for k, v in one.items()} == {k: len(v) for k, v in two.items()}
    for name in one:
        assert one[name] == two[name], name
