"""The Spark engine gives what the local engine gives: the same articles, links, copy groups
and stories (events across copy groups, with their reports, canonical texts and related lists),
in its Parquet index and in a store; incrementally against an earlier index too.

Spark runs in local mode, one session for the whole test session (``conftest.spark``).
The generated-corpus check folds ``NEWSFOLD_SPARK_PAGES`` pages (600 by default, to keep a
local ``make test`` short; CI, ``.ci/run``, and ``make test-spark-scale`` run it on 20,000), a
fifth of whose stories are also reported in other words: events join copy groups, and
organisations relate stories."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from benchmarks.scale_gen import pages as generated_pages
from benchmarks.scale_gen import write_corpus
from click.testing import CliRunner

from conftest import EXAMPLES
from newsfold.cli import main
from newsfold.errors import MissingExtraError
from newsfold.match.copies import copy_groups
from newsfold.run.local import fold as local_fold
from newsfold.store import SQLiteStore, open_store

pyspark = pytest.importorskip("pyspark", reason="the [spark] extra is not installed")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17: no `java` on PATH", allow_module_level=True)

from newsfold.run import spark as nfspark  # noqa: E402


def stories_of(store: SQLiteStore) -> dict[str, dict[str, Any]]:
    return {s.id: s.to_dict() for s in store.stories()}


def index_stories(spark: Any, out: Path) -> dict[str, dict[str, Any]]:
    rows = spark.read.parquet(str(out / "stories")).collect()
    return {r.id: json.loads(r.data) for r in rows}


def index_groups(spark: Any, out: Path) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for r in spark.read.parquet(str(out / "groups")).collect():
        groups.setdefault(r.group_id, []).append(r.article_id)
    return {g: sorted(m) for g, m in groups.items()}


def store_groups(store: SQLiteStore) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for s in store.stories():
        for m in s.members:
            groups.setdefault(m.copy_group, []).append(m.article)
    return {g: sorted(m) for g, m in groups.items()}


def articles_of(store: SQLiteStore) -> dict[str, dict[str, Any]]:
    ids = store.all_article_ids()
    return {i: a.to_dict() for i, a in store.articles(ids).items()}


def local_groups(store: SQLiteStore) -> dict[str, list[str]]:
    return copy_groups(store.all_article_ids(), store.links(["identical", "copy"]))


def aliases_of(store: SQLiteStore) -> dict[str, str]:
    with sqlite3.connect(f"file:{store.label}?mode=ro", uri=True) as db:
        return dict(db.execute("SELECT old_id, new_id FROM aliases").fetchall())


def assert_same(spark: Any, local: SQLiteStore, out: Path, other: SQLiteStore | None) -> None:
    """Same copy groups (ids and members) and stories (ids, members, texts, related), and in
    the store the same articles, links, stories and aliases of old story ids."""
    want = local_groups(local)
    assert want, "the local fold made no copy groups"
    assert index_groups(spark, out) == want
    stories = stories_of(local)
    assert len(stories) > 1 and any(s["related"] for s in stories.values())
    assert index_stories(spark, out) == stories
    if other is not None:
        assert local_groups(other) == want
        assert articles_of(other) == articles_of(local)
        assert other.links() == local.links()
        assert stories_of(other) == stories
        assert aliases_of(other) == aliases_of(local)
        for key in ("pages", "articles", "rejected", "copy_groups", "stories"):
            assert other.counts()[key] == local.counts()[key]


def unrelated(story: dict[str, Any]) -> dict[str, Any]:
    """A story without its related list (which changes with every other story)."""
    return {k: v for k, v in story.items() if k != "related"}


def reports(stories: dict[str, dict[str, Any]]) -> list[str]:
    """The articles that are reports (of another copy group than the story's main one)."""
    return sorted(
        m["article"] for s in stories.values() for m in s["members"] if m["relation"] == "report"
    )


def test_example_corpus_and_bad_inputs_as_locally(spark: Any, tmp_path: Path) -> None:
    """The example corpus with unreadable files and lines beside it: the same stories, links and
    reports as locally, and the same rejections (the bad inputs add no article)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    (corpus / "harbour-herald" / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff" * 50)
    (corpus / "harbour-herald" / "empty.txt").write_text("")
    (corpus / "feed2.jsonl").write_text('{"text": "x"}\nnot json\n{"url": "https://a.example/1"}\n')
    with open_store(tmp_path / "local.db") as local, open_store(tmp_path / "spark.db") as other:
        want = local_fold([corpus], local)
        got = nfspark.fold([corpus], tmp_path / "out", store=other, spark=spark)
        # events join copy groups: fewer stories than groups, and some members are reports
        assert want.counts["stories"] < want.counts["copy_groups"]
        assert reports(stories_of(local))
        assert_same(spark, local, tmp_path / "out", other)
        for key in ("copy_groups", "stories"):
            assert got.counts[key] == want.counts[key]
        for key in ("added", "pages", "articles", "rejected", "rejected_this_run"):
            assert got.to_dict()[key] == want.to_dict()[key]
        assert sorted(r.source for r in got.rejected) == sorted(r.source for r in want.rejected)
        assert {(r["source"], r["reason"]) for r in other.rejected()} == {
            (r["source"], r["reason"]) for r in local.rejected()
        }
    manifest = json.loads((tmp_path / "out" / "newsfold-index.json").read_text())
    assert manifest["counts"]["articles"] == want.counts["articles"]


def test_next_day_folds_against_yesterdays_index(spark: Any, tmp_path: Path) -> None:
    files = sorted(p for p in EXAMPLES.rglob("*") if p.is_file())
    day1, day2 = tmp_path / "day1", tmp_path / "day2"
    for i, f in enumerate(files):
        dest = (day1 if i % 2 else day2) / f.relative_to(EXAMPLES)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dest)
    with open_store(tmp_path / "local.db") as local, open_store(tmp_path / "spark.db") as other:
        local_fold([day1], local)
        nfspark.fold([day1], tmp_path / "out1", store=other, spark=spark)
        assert_same(spark, local, tmp_path / "out1", other)
        yesterday = stories_of(local)
        want = local_fold([day2], local)
        # yesterday's pages are gone: whatever of them the fold needs comes from the index
        shutil.rmtree(day1)
        got = nfspark.fold(
            [day2], tmp_path / "out2", base=tmp_path / "out1", store=other, spark=spark
        )
        assert got.added == want.added > 0
        assert_same(spark, local, tmp_path / "out2", other)
        # the event assignment ran over old and new groups: some of yesterday's stories took
        # today's articles (an old id lives on as an alias), others were kept as they were
        today = stories_of(local)
        kept = [
            i for i in yesterday if i in today and unrelated(yesterday[i]) == unrelated(today[i])
        ]
        built = spark.read.parquet(str(tmp_path / "out2" / "stories.new")).count()
        assert 0 < len(kept) < len(yesterday) and aliases_of(local)
        assert built == len(today) - len(kept)
    with pytest.raises(Exception, match="must be a new folder"):
        nfspark.fold([day2], tmp_path / "out2", base=tmp_path / "out2", spark=spark)


def test_generated_corpus_as_locally(spark: Any, tmp_path: Path) -> None:
    n = int(os.environ.get("NEWSFOLD_SPARK_PAGES", "300"))
    corpus = write_corpus(tmp_path / "crawl", n, seed=8, per_file=max(100, n // 16), reports=0.2)
    with open_store(tmp_path / "local.db") as local:
        want = local_fold([corpus], local)
        assert want.counts["pages"] == n and 0 < want.counts["copy_groups"] < n
        assert want.counts["stories"] < want.counts["copy_groups"] and reports(stories_of(local))
        got = nfspark.fold([corpus], tmp_path / "out", spark=spark)
        for key in ("articles", "copy_groups", "stories"):
            assert got.counts[key] == want.counts[key]
        assert_same(spark, local, tmp_path / "out", None)


def test_parquet_input_and_cli(spark: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = list(generated_pages(150, seed=3))
    pq.write_table(pa.Table.from_pylist(recs), tmp_path / "crawl.parquet", row_group_size=40)
    (tmp_path / "crawl.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    db = tmp_path / "cli.db"
    res = CliRunner().invoke(
        main,
        ["fold", str(tmp_path / "crawl.parquet"), "--engine", "spark", "--out",
         str(tmp_path / "out"), "--db", str(db), "--json"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["engine"] == "spark" and out["added"] == 150
    with open_store(tmp_path / "local.db") as local, open_store(db) as other:
        want = local_fold([tmp_path / "crawl.jsonl"], local)
        assert (out["added"], out["articles"]) == (want.added, want.counts["articles"])
        # the same pages, read from Parquet rows instead of JSONL lines
        assert local_groups(other) == local_groups(local)
        sources = {a["source"] for a in articles_of(other).values()}
        assert f"{tmp_path / 'crawl.parquet'}#150" in sources


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(nfspark, "SparkSession", None)
    with pytest.raises(MissingExtraError, match=r"\[spark\]"):
        nfspark.session()
    res = CliRunner().invoke(
        main, ["fold", str(EXAMPLES), "--engine", "spark", "--out", str(tmp_path / "o")]
    )
    assert res.exit_code != 0 and "pip install 'newsfold[spark]'" in res.output


def test_cli_options_checked(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["fold", str(EXAMPLES), "--engine", "spark"])
    assert res.exit_code != 0 and "--out" in res.output
    res = CliRunner().invoke(
        main, ["fold", str(EXAMPLES), "--db", str(tmp_path / "x.db"), "--out", str(tmp_path)]
    )
    assert res.exit_code != 0 and "--engine spark" in res.output
