"""One Spark fold from input paths to the index under ``out`` (and, if given, the store)."""

from __future__ import annotations

import json
import math
import os
import time
from collections import Counter
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession

from ..engine import FoldSummary
from ..ingest import Limits, ReadStats
from ..invariant import _check_locked
from ..records import Article, Link, Page, Rejection, Story
from ..store import Store
from . import stages
from . import stories as event_stories
from .index import SCHEMAS, Index, write_manifest
from .read import first_read, plan, read_task, total_skipped

STORE_BATCH = 1000  # rows per store transaction
PAGES_PER_PARTITION = 2000  # enough work per task to hide its start-up, small enough to spread


def run(
    spark: SparkSession,
    paths: Sequence[str | os.PathLike[str]],
    out: Path,
    base: Path | None,
    store: Store | None,
    outlet: str | None,
    limits: Limits,
    timings: dict[str, float],
) -> FoldSummary:
    sc = spark.sparkContext
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - clock
        clock = now

    old = Index.read(spark, base) if base else Index.empty(spark)
    summary = FoldSummary()

    # -- read: every file (or Parquet row group) a task; the first copy of a page wins
    tasks, missing = plan(paths)
    read: Any = (
        sc.parallelize(tasks, max(1, min(len(tasks), sc.defaultParallelism * 4)))
        .flatMap(partial(read_task, outlet=outlet, limits=limits))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    n_read = read.count()
    parts = max(sc.defaultParallelism * 2, math.ceil(n_read / PAGES_PER_PARTITION))
    spark.conf.set("spark.sql.shuffle.partitions", str(parts))
    summary.read = ReadStats(
        total_skipped(read.filter(lambda x: isinstance(x[1], Counter)).values().collect())
    )
    read_rejects: list[Rejection] = (
        missing + read.filter(lambda x: isinstance(x[1], Rejection)).values().collect()
    )
    unique: Any = read.filter(lambda x: isinstance(x[1], Page)).map(lambda x: (x[1].id, x))
    unique = unique.reduceByKey(first_read, parts)
    if base:
        known = old["pages"].select("id").rdd.map(lambda r: (r.id, None))
        unique = unique.subtractByKey(known, parts)
    pages: Any = unique.values().map(stages.with_line_keys).persist(StorageLevel.MEMORY_AND_DISK)
    summary.added = pages.count()
    read.unpersist()
    lap("read")

    # -- templates over the whole input (and yesterday's counts), before any extraction
    new_outlets, new_lines = stages.line_counts(pages, spark)
    outlets = stages.add_counts(new_outlets, old["outlets"], ["outlet"])
    lines = stages.add_counts(new_lines, old["lines"], ["outlet", "key"])
    _write(outlets, out, "outlets")
    _write(lines, out, "lines")
    outlets, lines = _reread(spark, out, "outlets"), _reread(spark, out, "lines")
    tmpl = sc.broadcast(stages.templates(outlets, lines))
    lap("templates")

    # -- extraction and fingerprints
    extracted: Any = pages.mapPartitions(partial(stages.extract_partition, tmpl=tmpl)).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    arts = extracted.filter(lambda x: isinstance(x[2], Article))
    new_articles = spark.createDataFrame(arts.map(stages.article_row), SCHEMAS["articles"])
    new_fps = spark.createDataFrame(
        arts.flatMap(lambda x: ((x[2].id, h) for h in x[3])), SCHEMAS["fingerprints"]
    )
    _write(new_articles.unionByName(old["articles"]), out, "articles")
    _write(new_fps.unionByName(old["fingerprints"]), out, "fingerprints")
    extract_rejects: list[tuple[Rejection, str | None]] = [
        (x[2], x[1].id) for x in extracted.filter(lambda x: isinstance(x[2], Rejection)).collect()
    ]
    articles, fps = _reread(spark, out, "articles"), _reread(spark, out, "fingerprints")
    new_ids = spark.createDataFrame(arts.map(lambda x: (x[2].id,)), "article_id string")
    new_ids = new_ids.localCheckpoint()
    lap("extract")

    # -- candidates by shared fingerprints, verified on the texts
    pairs = stages.candidates(fps, new_ids, articles.select("id", "n_fingerprints"))
    new_links = stages.verify_pairs(pairs, articles, new_ids, old["groups"], spark)
    _write(new_links.unionByName(old["links"]), out, "links")
    links = _reread(spark, out, "links")
    lap("match")

    # -- copy groups, their events, and the stories of the events that changed
    groups = stages.copy_groups(articles, links, old["groups"])
    _write(groups, out, "groups")
    groups = _reread(spark, out, "groups")
    lap("groups")
    touched = groups.join(new_ids, "article_id").select("label").distinct()
    _write(event_stories.event_units(groups, articles, touched, old["units"]), out, "units")
    events = event_stories.assign(_reread(spark, out, "units"))
    lap("events")
    built, kept = event_stories.build(groups, events, articles, links, new_ids, old["stories"])
    _write(built, out, "stories.new")
    built = _reread(spark, out, "stories.new", "stories")
    lap("stories")
    _write(event_stories.with_related(built.unionByName(kept)), out, "stories")
    lap("related")

    # -- the rest of the index, then the store
    page_rows = pages.map(
        lambda x: (x[1].id, x[1].source, x[1].kind, x[1].url, x[1].outlet, x[1].fetched_at,
                   x[1].encoding)
    )  # fmt: skip
    new_pages = spark.createDataFrame(page_rows, SCHEMAS["pages"])
    _write(new_pages.unionByName(old["pages"]), out, "pages")
    rejects: list[tuple[Rejection, str | None]] = [(r, None) for r in read_rejects]
    rejects += extract_rejects
    rej_rows = [(r.source, r.reason, r.message, pid) for r, pid in rejects]
    new_rej = spark.createDataFrame(rej_rows, SCHEMAS["rejected"])
    _write(
        new_rej.unionByName(old["rejected"]).dropDuplicates(["source", "reason"]), out, "rejected"
    )
    summary.rejected = [r for r, _ in rejects]
    counts = index_counts(spark, out)
    write_manifest(out, counts)
    lap("write")
    if store is not None:
        with store.fold_lock(), store.processing():
            stories = _reread(spark, out, "stories")
            to_store(store, pages, extracted, rejects, new_links, stories)
            # the store's invariants, as after a local fold (a repair rebuilds locally)
            summary.invariant = _check_locked(store, repair_found=True)
        counts = store.counts()
        lap("store")
    summary.counts = counts
    extracted.unpersist()
    pages.unpersist()
    return summary


def _write(df: DataFrame, out: Path, name: str) -> None:
    df.write.mode("overwrite").parquet(str(out / name))


def _reread(spark: SparkSession, out: Path, name: str, schema: str | None = None) -> DataFrame:
    return spark.read.schema(SCHEMAS[schema or name]).parquet(str(out / name))


def index_counts(spark: SparkSession, out: Path) -> dict[str, int]:
    """The counts ``FoldSummary`` reports, as ``store.counts`` gives them for a store."""
    return {
        "pages": _reread(spark, out, "pages").count(),
        "articles": _reread(spark, out, "articles").count(),
        "rejected": _reread(spark, out, "rejected").count(),
        "copy_groups": _reread(spark, out, "groups").select("group_id").distinct().count(),
        "stories": _reread(spark, out, "stories").count(),
    }


def to_store(
    store: Store,
    pages: Any,
    extracted: Any,
    rejects: list[tuple[Rejection, str | None]],
    new_links: DataFrame,
    stories: DataFrame,
) -> None:
    """This fold's pages, articles, links and stories into the store, in batches. Stories go
    in event order, as the local engine replaces them (an old id that does not live on becomes
    an alias of the new story holding most of its articles); one the store holds as it is
    stays untouched."""
    rows = pages.sortBy(lambda x: x[0]).toLocalIterator()
    _batched(store, rows, lambda x: store.add_page(x[1], x[2]))
    _batched(
        store,
        extracted.toLocalIterator(),
        lambda x: store.add_article(x[2], x[3]) if isinstance(x[2], Article) else None,
    )
    store.index_fingerprints()  # the postings a later local fold queries
    with store.transaction():
        for r, pid in rejects:
            store.add_rejection(r, pid)
    _batched(
        store,
        new_links.toLocalIterator(),
        lambda r: store.add_links([Link(r.a, r.b, r.relation, r.jaccard, r.a_in_b, r.b_in_a)]),
    )

    # as the local engine's pass: an id that names a story after this pass is never deleted by
    # it, and an old id that does not live on is retired as an alias of the story that holds
    # most of its articles at the end of the pass (from before it began: ``before``)
    placed = {m: r.id for r in stories.select("id", "members").toLocalIterator() for m in r.members}
    before = {a: sid for a, (sid, _, _) in store.placements().items()}
    held: dict[str, list[str]] = {}
    for a, sid in before.items():
        held.setdefault(sid, []).append(a)
    live = set(placed.values())
    retired: set[str] = set()

    def put(r: Any) -> None:
        story = Story.from_dict(json.loads(r.data))
        old = {before[m] for m in r.members if m in before}
        if old == {story.id} and store.get_story(story.id) == story:
            return
        gone = sorted(old - live - retired)
        store.retire_stories({sid: held[sid] for sid in gone}, placed)
        retired.update(gone)
        store.write_stories([story])
        store.set_stage(r.members, 2)

    _batched(store, stories.orderBy("event").toLocalIterator(), put)


def _batched(store: Store, rows: Any, put: Any) -> None:
    done = 0
    it = iter(rows)
    while True:
        with store.transaction():
            n = 0
            for row in it:
                put(row)
                n += 1
                if n >= STORE_BATCH:
                    break
        done += n
        if n < STORE_BATCH:
            return
