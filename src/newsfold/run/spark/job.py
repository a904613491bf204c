"""One Spark fold from input paths to the index under ``out`` (and, if given, the store): the
pipeline's stages (``newsfold.pipeline.STAGES``) walked as Spark jobs, each handing the next
what it made through a ``_Job``."""

from __future__ import annotations

import json
import math
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession

from ...pipeline import walk
from ...read.limits import Limits
from ...records import Article, FoldSummary, Link, Page, ReadStats, Rejection, Stage, Story
from ...store import Store
from ..local.check import _check_locked
from . import stages
from . import stories as event_stories
from .index import SCHEMAS, Index, write_manifest
from .read import first_read, plan, read_task, total_skipped

STORE_BATCH = 1000  # rows per store transaction
PAGES_PER_PARTITION = 2000  # enough work per task to hide its start-up, small enough to spread


@dataclass(slots=True)
class _Job:
    """One Spark fold as its stages hand it on: the input, the index it adds to (``old``), and
    what each stage leaves for the next (RDDs and DataFrames, typed ``Any``: pyspark's are
    loose)."""

    spark: SparkSession
    paths: Sequence[str | os.PathLike[str]]
    out: Path
    base: Path | None
    outlet: str | None
    limits: Limits
    timings: dict[str, float]
    old: Index
    summary: FoldSummary = field(default_factory=FoldSummary)
    clock: float = field(default_factory=time.perf_counter)
    pages: Any = None  # (page id, (order key, Page, line keys)), new pages only
    read_rejects: list[Rejection] = field(default_factory=list)
    extracted: Any = None  # (order key, Page, Article | Rejection, fingerprints)
    extract_rejects: list[tuple[Rejection, str | None]] = field(default_factory=list)
    new_ids: Any = None  # this fold's article ids
    articles: Any = None  # every article of the index
    new_links: Any = None
    links: Any = None

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self.clock
        self.clock = now

    def write(self, df: DataFrame, name: str) -> None:
        _write(df, self.out, name)

    def reread(self, name: str, schema: str | None = None) -> DataFrame:
        return _reread(self.spark, self.out, name, schema)


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
    old = Index.read(spark, base) if base else Index.empty(spark)
    job = _Job(spark, paths, out, base, outlet, limits, timings, old)
    walk(RUNNERS, job, "Spark")
    counts = _write_rest(job)
    if store is not None:
        with store.fold_lock(), store.processing():
            stories = job.reread("stories")
            to_store(store, job.pages, job.extracted, _rejects(job), job.new_links, stories)
            # the store's invariants, as after a local fold (a repair rebuilds locally)
            job.summary.invariant = _check_locked(store, repair_found=True)
        counts = store.counts()
        job.lap("store")
    job.summary.counts = counts
    job.extracted.unpersist()
    job.pages.unpersist()
    return job.summary


def _read(job: _Job) -> None:
    """Every file (or Parquet row group) a task; the first copy of a page wins."""
    spark, sc = job.spark, job.spark.sparkContext
    tasks, missing = plan(job.paths)
    read: Any = (
        sc.parallelize(tasks, max(1, min(len(tasks), sc.defaultParallelism * 4)))
        .flatMap(partial(read_task, outlet=job.outlet, limits=job.limits))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    n_read = read.count()
    parts = max(sc.defaultParallelism * 2, math.ceil(n_read / PAGES_PER_PARTITION))
    spark.conf.set("spark.sql.shuffle.partitions", str(parts))
    job.summary.read = ReadStats(
        total_skipped(read.filter(lambda x: isinstance(x[1], Counter)).values().collect())
    )
    job.read_rejects = (
        missing + read.filter(lambda x: isinstance(x[1], Rejection)).values().collect()
    )
    unique: Any = read.filter(lambda x: isinstance(x[1], Page)).map(lambda x: (x[1].id, x))
    unique = unique.reduceByKey(first_read, parts)
    if job.base:
        known = job.old["pages"].select("id").rdd.map(lambda r: (r.id, None))
        unique = unique.subtractByKey(known, parts)
    job.pages = unique.values().map(stages.with_line_keys).persist(StorageLevel.MEMORY_AND_DISK)
    job.summary.added = job.pages.count()
    read.unpersist()
    job.lap("read")


def _extract(job: _Job) -> None:
    """Templates over the whole input (and the base's counts) before any extraction; then the
    articles and their fingerprints."""
    spark, old = job.spark, job.old
    new_outlets, new_lines = stages.line_counts(job.pages, spark)
    job.write(stages.add_counts(new_outlets, old["outlets"], ["outlet"]), "outlets")
    job.write(stages.add_counts(new_lines, old["lines"], ["outlet", "key"]), "lines")
    outlets, lines = job.reread("outlets"), job.reread("lines")
    tmpl = spark.sparkContext.broadcast(stages.templates(outlets, lines))
    job.lap("templates")

    extracted: Any = job.pages.mapPartitions(partial(stages.extract_partition, tmpl=tmpl)).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    arts = extracted.filter(lambda x: isinstance(x[2], Article))
    new_articles = spark.createDataFrame(arts.map(stages.article_row), SCHEMAS["articles"])
    new_fps = spark.createDataFrame(
        arts.flatMap(lambda x: ((x[2].id, h) for h in x[3])), SCHEMAS["fingerprints"]
    )
    job.write(new_articles.unionByName(old["articles"]), "articles")
    job.write(new_fps.unionByName(old["fingerprints"]), "fingerprints")
    job.extract_rejects = [
        (x[2], x[1].id) for x in extracted.filter(lambda x: isinstance(x[2], Rejection)).collect()
    ]
    job.extracted = extracted
    job.articles = job.reread("articles")
    new_ids = spark.createDataFrame(arts.map(lambda x: (x[2].id,)), "article_id string")
    job.new_ids = new_ids.localCheckpoint()
    job.lap("extract")


def _match(job: _Job) -> None:
    """Candidates by shared fingerprints, verified on the texts."""
    fps = job.reread("fingerprints")
    pairs = stages.candidates(fps, job.new_ids, job.articles.select("id", "n_fingerprints"))
    job.new_links = stages.verify_pairs(
        pairs, job.articles, job.new_ids, job.old["groups"], job.spark
    )
    job.write(job.new_links.unionByName(job.old["links"]), "links")
    job.links = job.reread("links")
    job.lap("match")


def _stories(job: _Job) -> None:
    """Copy groups, their events, and the stories of the events that changed."""
    old = job.old
    groups = stages.copy_groups(job.articles, job.links, old["groups"])
    job.write(groups, "groups")
    groups = job.reread("groups")
    job.lap("groups")
    touched = groups.join(job.new_ids, "article_id").select("label").distinct()
    job.write(event_stories.event_units(groups, job.articles, touched, old["units"]), "units")
    events = event_stories.assign(job.reread("units"))
    job.lap("events")
    built, kept = event_stories.build(
        groups, events, job.articles, job.links, job.new_ids, old["stories"]
    )
    job.write(built, "stories.new")
    built = job.reread("stories.new", "stories")
    job.lap("stories")
    job.write(event_stories.with_related(built.unionByName(kept)), "stories")
    job.lap("related")


RUNNERS: dict[str, Callable[[_Job], None]] = {
    "read": _read,
    "extract": _extract,
    "match": _match,
    "stories": _stories,
}


def _rejects(job: _Job) -> list[tuple[Rejection, str | None]]:
    return [(r, None) for r in job.read_rejects] + job.extract_rejects


def _write_rest(job: _Job) -> dict[str, int]:
    """The rest of the index (pages, rejections, manifest); its counts."""
    page_rows = job.pages.map(
        lambda x: (x[1].id, x[1].source, x[1].kind, x[1].url, x[1].outlet, x[1].fetched_at,
                   x[1].encoding)
    )  # fmt: skip
    new_pages = job.spark.createDataFrame(page_rows, SCHEMAS["pages"])
    job.write(new_pages.unionByName(job.old["pages"]), "pages")
    rejects = _rejects(job)
    rej_rows = [(r.source, r.reason, r.message, pid) for r, pid in rejects]
    new_rej = job.spark.createDataFrame(rej_rows, SCHEMAS["rejected"])
    job.write(
        new_rej.unionByName(job.old["rejected"]).dropDuplicates(["source", "reason"]), "rejected"
    )
    job.summary.rejected = [r for r, _ in rejects]
    counts = index_counts(job.spark, job.out)
    write_manifest(job.out, counts)
    job.lap("write")
    return counts


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
        if old == {story.id} and store.stories([story.id]) == [story]:
            return
        gone = sorted(old - live - retired)
        store.retire_stories({sid: held[sid] for sid in gone}, placed)
        retired.update(gone)
        store.write_stories([story])
        store.set_stage(r.members, Stage.IN_STORY)

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
