"""The fold's stages as Spark jobs. Every decision is taken by the local engine's own functions
(``extract_page``, ``fingerprints_batch``, ``is_candidate``, ``verify``, ``group_id``,
``build_story``); Spark only moves the records to them and joins on keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from pyspark import RDD, Broadcast
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import BooleanType, StringType

from ...extract import page_lines
from ...extract.templates import LOWEST_SHARE, MIN_PAGES, OutletTemplate, page_line_keys
from ...match.compare import paragraph_tokens
from ...match.copies import GROUPING_RELATIONS, MAX_POSTINGS, UnionFind, group_id, is_candidate
from ...records import Article, Link, Page, Rejection, Story
from ...steps import extract_batch, verify_candidates
from ...stories.build import build_story
from .index import SCHEMAS
from .read import OrderKey

BATCH = 256  # pages a task extracts at a time, as the local engine's batches

# (order, page, line keys)
KeyedPage = tuple[OrderKey, Page, list[int]]


def with_line_keys(item: tuple[OrderKey, Page]) -> KeyedPage:
    order, page = item
    return order, page, sorted(page_line_keys(page_lines(page)))


def line_counts(pages: RDD[KeyedPage], spark: SparkSession) -> tuple[DataFrame, DataFrame]:
    """Per outlet, its pages and on how many of them each line is: (outlets, lines)."""
    with_outlet = pages.filter(lambda x: bool(x[1].outlet))
    outlets = with_outlet.map(lambda x: (x[1].outlet, 1)).reduceByKey(lambda a, b: a + b)
    lines = (
        with_outlet.flatMap(lambda x: (((x[1].outlet, k), 1) for k in x[2]))
        .reduceByKey(lambda a, b: a + b)
        .map(lambda kv: (kv[0][0], kv[0][1], kv[1]))
    )
    return (
        spark.createDataFrame(outlets, SCHEMAS["outlets"]),
        spark.createDataFrame(lines, SCHEMAS["lines"]),
    )


def add_counts(new: DataFrame, base: DataFrame, keys: list[str]) -> DataFrame:
    return new.unionByName(base).groupBy(*keys).agg(F.sum("pages").cast("long").alias("pages"))


def templates(outlets: DataFrame, lines: DataFrame) -> dict[str, OutletTemplate]:
    """The outlet templates as ``store.template`` gives them: without the lines that cannot be
    template (on fewer than ``templates.fewest_pages`` of the outlet's pages), which change no
    ``is_template`` answer; every executor gets a copy of what is kept."""
    out = {r.outlet: OutletTemplate(pages=int(r.pages)) for r in outlets.collect()}
    share = LOWEST_SHARE
    kept = lines.join(outlets.select("outlet", F.col("pages").alias("outlet_pages")), "outlet")
    kept = kept.where(
        (F.col("pages") >= MIN_PAGES) & (F.col("pages") >= F.col("outlet_pages") * share)
    )
    for r in kept.toLocalIterator():
        out[r.outlet].lines[int(r.key)] = int(r.pages)
    return out


Extracted = tuple[OrderKey, Page, Article | Rejection, list[int]]


def extract_partition(
    items: Iterable[KeyedPage], tmpl: Broadcast[dict[str, OutletTemplate]]
) -> Iterator[Extracted]:
    it = iter(items)
    while chunk := list(islice(it, BATCH)):
        batch = [p for _, p, _ in chunk]
        outlets = {p.outlet: tmpl.value.get(p.outlet or "") for p in batch}
        for (order, page, _), (res, fps) in zip(chunk, extract_batch(batch, outlets), strict=True):
            yield order, page, res, fps


def article_row(x: Extracted) -> tuple[Any, ...]:
    a = x[2]
    assert isinstance(a, Article)
    data = json.dumps(a.to_dict(), ensure_ascii=False)
    return (a.id, a.page_id, a.outlet, a.headline, a.published, len(x[3]), data)


def candidates(fps: DataFrame, new_ids: DataFrame, sizes: DataFrame) -> DataFrame:
    """Pairs (a < b, shared) with at least one new article that share enough fingerprints,
    counted as the store counts them: a fingerprint on more than ``MAX_POSTINGS`` articles is
    skipped."""
    kept = (
        fps.groupBy("hash")
        .count()
        .where(F.col("count") <= MAX_POSTINGS)
        .select("hash")
        .join(fps, "hash")
        .join(new_ids.withColumn("new", F.lit(True)), "article_id", "left")
        .fillna(False, ["new"])
    )
    x, y = kept.alias("x"), kept.alias("y")
    # each (fingerprint, pair) once: x is the new side; two new articles meet only with x < y
    pairs = (
        x.where(F.col("x.new"))
        .join(y, F.col("x.hash") == F.col("y.hash"))
        .where(
            (F.col("x.article_id") != F.col("y.article_id"))
            & (~F.col("y.new") | (F.col("x.article_id") < F.col("y.article_id")))
        )
        .select(
            F.least("x.article_id", "y.article_id").alias("a"),
            F.greatest("x.article_id", "y.article_id").alias("b"),
        )
        .groupBy("a", "b")
        .agg(F.count("*").alias("shared"))
    )
    na = sizes.select(F.col("id").alias("a"), F.col("n_fingerprints").alias("na"))
    nb = sizes.select(F.col("id").alias("b"), F.col("n_fingerprints").alias("nb"))
    worth = F.udf(is_candidate, BooleanType())
    return pairs.join(na, "a").join(nb, "b").where(worth("shared", "na", "nb"))


def _verify_component(item: tuple[str, tuple[Iterable[Any], Iterable[Any]]]) -> list[Link]:
    """The local engine's matching over one connected set of candidates: its new articles in
    id order, each one's candidates best first, yesterday's groups already joined."""
    _, (members, pairs) = item
    arts: dict[str, Article] = {}
    new: list[str] = []
    groups = UnionFind()
    for aid, data, is_new, label in members:
        arts[aid] = Article.from_dict(json.loads(data))
        if is_new:
            new.append(aid)
        elif label is not None:
            groups.union(aid, label)
    ranked: dict[str, list[tuple[int, str]]] = {}
    for a, b, n in pairs:
        ranked.setdefault(a, []).append((-n, b))
        ranked.setdefault(b, []).append((-n, a))
    toks: dict[str, list[Sequence[str]]] = {}

    def tokens_of(aid: str) -> list[Sequence[str]]:
        if aid not in toks:
            toks[aid] = paragraph_tokens(arts[aid])
        return toks[aid]

    return verify_candidates(
        sorted(new),
        lambda aid: [o for _, o in sorted(ranked.get(aid, []))],
        groups,
        arts.__getitem__,
        tokens_of,
    )


def verify_pairs(
    pairs: DataFrame,
    articles: DataFrame,
    new_ids: DataFrame,
    base_groups: DataFrame,
    spark: SparkSession,
) -> DataFrame:
    """Candidates verified as the local engine verifies them, one connected set of candidates
    a task (a pair inside a copy group already is not verified)."""
    nodes = pairs.select(F.col("a").alias("id")).unionByName(pairs.select(F.col("b").alias("id")))
    sets = components(
        nodes.distinct(), pairs.select(F.col("a").alias("src"), F.col("b").alias("dst"))
    )
    members = (
        sets.join(articles.select("id", "data"), "id")
        .join(
            new_ids.select(F.col("article_id").alias("id"), F.lit(True).alias("new")), "id", "left"
        )
        .join(
            base_groups.select(F.col("article_id").alias("id"), F.col("label").alias("old")),
            "id",
            "left",
        )
    )
    member_kv = members.rdd.map(lambda r: (r.label, (r.id, r.data, bool(r.new), r.old)))
    pair_kv = pairs.join(sets.select(F.col("id").alias("a"), "label"), "a").rdd.map(
        lambda r: (r.label, (r.a, r.b, int(r.shared)))
    )
    links = (
        member_kv.cogroup(pair_kv)
        .flatMap(_verify_component)
        .map(lambda lk: (lk.a, lk.b, lk.relation, lk.jaccard, lk.a_in_b, lk.b_in_a))
    )
    return spark.createDataFrame(links, SCHEMAS["links"])


def components(nodes: DataFrame, edges: DataFrame) -> DataFrame:
    """Connected components by min-label propagation: (id, label), label the smallest id of its
    component. The result is a function of the graph alone, whatever the partitioning."""
    e = edges.select("src", "dst")
    e = e.unionByName(e.select(F.col("dst").alias("src"), F.col("src").alias("dst"))).distinct()
    e = e.localCheckpoint()
    labels = nodes.select("id", F.col("id").alias("label")).localCheckpoint()
    while True:
        reached = e.join(labels, e.src == labels.id).select(F.col("dst").alias("id"), "label")
        nxt = (
            labels.unionByName(reached).groupBy("id").agg(F.min("label").alias("label"))
        ).localCheckpoint()
        changed = (
            nxt.alias("n")
            .join(labels.alias("o"), "id")
            .where(F.col("n.label") != F.col("o.label"))
            .count()
        )
        labels = nxt
        if changed == 0:
            return labels


def copy_groups(articles: DataFrame, links: DataFrame, base_groups: DataFrame) -> DataFrame:
    """(article_id, label, group_id) for every article. Yesterday's groups enter as one edge
    from each member to its group's smallest member, so they are not traced again."""
    grouping = links.where(F.col("relation").isin(*GROUPING_RELATIONS)).select(
        F.col("a").alias("src"), F.col("b").alias("dst")
    )
    old = base_groups.where(F.col("article_id") != F.col("label")).select(
        F.col("article_id").alias("src"), F.col("label").alias("dst")
    )
    labels = components(articles.select("id"), grouping.unionByName(old))
    gid = F.udf(lambda first: group_id([first]), StringType())
    return labels.select(F.col("id").alias("article_id"), "label", gid("label").alias("group_id"))


def _story(item: tuple[str, tuple[Iterable[Any], Iterable[Any]]]) -> tuple[Any, ...]:
    _, (arts, links) = item
    members = [Article.from_dict(json.loads(d)) for d in arts]
    gid = group_id([a.id for a in members])
    story: Story = build_story(gid, members, sorted((Link(*lk) for lk in links), key=_pair))
    ids = sorted(m.article for m in story.members)
    data = json.dumps(story.to_dict(), ensure_ascii=False)
    return (story.id, gid, story.headline, story.published, ids, data)


def _pair(lk: Link) -> tuple[str, str]:
    return lk.a, lk.b


def build_stories(
    groups: DataFrame,
    articles: DataFrame,
    links: DataFrame,
    touched: DataFrame,
    spark: SparkSession,
) -> DataFrame:
    """The story of every touched group (label), from its members and the links among them."""
    members = groups.join(touched, "label").select("article_id", "label")
    arts = members.join(articles.select(F.col("id").alias("article_id"), "data"), "article_id")
    la = members.select(F.col("article_id").alias("a"), F.col("label").alias("la"))
    lb = members.select(F.col("article_id").alias("b"), F.col("label").alias("lb"))
    inner = links.join(la, "a").join(lb, "b").where(F.col("la") == F.col("lb"))
    art_kv = arts.rdd.map(lambda r: (r.label, r.data))
    link_kv = inner.rdd.map(lambda r: (r.la, (r.a, r.b, r.relation, r.jaccard, r.a_in_b, r.b_in_a)))
    stories = art_kv.cogroup(link_kv).map(_story)
    return spark.createDataFrame(stories, SCHEMAS["stories"])
