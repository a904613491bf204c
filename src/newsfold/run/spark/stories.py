"""Stories of events on Spark, as ``run.local.stories.build_pending_stories`` makes them in a store.

Each copy group's event unit (``stories.event_unit``) is made by a task of its own, and kept in
the index so that tomorrow's fold makes only those of the groups new articles joined. The event
assignment (``events.assign_events``) then runs on the driver over every group's unit, old and
new, as the local engine runs it over the whole store: it is one order-free function of all
the units, small records (a copy group's fullest text, time and place). Each event's story is
built by a task of its own (``stories.build_event_story``, over its groups' articles and every
link that touches one of them, as ``Store.links_of`` gives them), except an event that holds
exactly yesterday's members of one story and no new article: that story is kept as it was, as
the local engine keeps it. ``related.related_stories`` runs on the driver over every story.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from pyspark import RDD
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from ...records import Article, EventUnit, Link, Origin, Story, StoryParagraph
from ...stories.build import build_event_story, event_unit
from ...stories.events import assign_events
from ...stories.related import related_stories
from .index import SCHEMAS


def _unit(item: tuple[str, Iterable[str]]) -> tuple[Any, ...]:
    gid, datas = item
    arts = sorted((Article.from_dict(json.loads(d)) for d in datas), key=lambda a: a.id)
    u = event_unit(gid, arts)
    return (u.id, u.text, u.published, u.place)


def event_units(
    groups: DataFrame, articles: DataFrame, touched: DataFrame, old_units: DataFrame
) -> DataFrame:
    """(group_id, text, published, place) of every copy group: made again, a task per group,
    for the groups that new articles joined (``touched`` labels); yesterday's for the others,
    whose members are as they were."""
    spark = groups.sparkSession
    members = groups.join(touched, "label").select("article_id", "group_id")
    arts = members.join(articles.select(F.col("id").alias("article_id"), "data"), "article_id")
    made = arts.rdd.map(lambda r: (r.group_id, r.data)).groupByKey().map(_unit)
    untouched = groups.select("group_id").distinct().join(members, "group_id", "left_anti")
    kept = old_units.join(untouched, "group_id")
    return spark.createDataFrame(made, SCHEMAS["units"]).unionByName(kept)


def assign(units: DataFrame) -> DataFrame:
    """(group_id, event) for every copy group, by ``assign_events`` on the driver; an event is
    named by its first copy group."""
    found = assign_events(
        EventUnit(r.group_id, r.text, r.published, r.place) for r in units.collect()
    )
    rows = [(gid, event[0]) for event in found for gid in event]
    return units.sparkSession.createDataFrame(rows, "group_id string, event string")


def _story(item: tuple[str, tuple[Iterable[Any], Iterable[Any]]]) -> tuple[Any, ...]:
    event, (arts, links) = item
    by_group: dict[str, list[Article]] = {}
    for gid, data in arts:
        by_group.setdefault(gid, []).append(Article.from_dict(json.loads(data)))
    groups: dict[str, Sequence[Article]] = {
        gid: sorted(members, key=lambda a: a.id) for gid, members in by_group.items()
    }
    # as Store.links_of gives them: each link once, in (a, b) order
    touching = [Link(*lk) for lk in sorted(set(links))]
    story = build_event_story(groups, touching)
    ids = sorted(m.article for m in story.members)
    data = json.dumps(story.to_dict(), ensure_ascii=False)
    return (story.id, event, story.headline, story.published, ids, data)


def build(
    groups: DataFrame,
    events: DataFrame,
    articles: DataFrame,
    links: DataFrame,
    new_ids: DataFrame,
    old_stories: DataFrame,
) -> tuple[DataFrame, DataFrame]:
    """(built, kept): the stories built again, a task per event, and yesterday's stories kept
    as they were (an event of exactly one old story's members, none of them new)."""
    spark = groups.sparkSession
    members = groups.select("article_id", "group_id").join(events, "group_id")
    held = old_stories.select(
        F.col("id").alias("sid"),
        F.size("members").alias("size"),
        F.explode("members").alias("article_id"),
    )
    new = new_ids.select("article_id", F.lit(1).alias("new"))
    flags = (
        members.join(new, "article_id", "left")
        .join(held, "article_id", "left")
        .groupBy("event")
        .agg(
            F.count("*").alias("n"),
            F.count("sid").alias("n_old"),
            F.countDistinct("sid").alias("n_sids"),
            F.max("sid").alias("sid"),
            F.max("size").alias("size"),
            F.max("new").alias("new"),
        )
    )
    same = (
        F.col("new").isNull()
        & (F.col("n_sids") == 1)
        & (F.col("n_old") == F.col("n"))
        & (F.col("size") == F.col("n"))
    )
    unchanged = flags.where(same).select(F.col("sid").alias("id"), "event")
    kept = old_stories.drop("event").join(unchanged, "id").select(*SCHEMAS["stories"].names)
    todo = members.join(unchanged.select("event"), "event", "left_anti")
    arts = todo.join(articles.select(F.col("id").alias("article_id"), "data"), "article_id")
    art_kv = arts.rdd.map(lambda r: (r.event, (r.group_id, r.data)))
    ea = todo.select(F.col("article_id").alias("a"), F.col("event").alias("ea"))
    eb = todo.select(F.col("article_id").alias("b"), F.col("event").alias("eb"))
    touching = (
        links.join(ea, "a", "left")
        .join(eb, "b", "left")
        .where(F.col("ea").isNotNull() | F.col("eb").isNotNull())
    )
    link_kv = touching.rdd.flatMap(
        lambda r: [
            (e, (r.a, r.b, r.relation, r.jaccard, r.a_in_b, r.b_in_a))
            for e in {r.ea, r.eb}
            if e is not None
        ]
    )
    built: RDD[Any] = art_kv.cogroup(link_kv).map(_story)
    return spark.createDataFrame(built, SCHEMAS["stories"]), kept


def _for_related(data: str) -> tuple[Any, ...]:
    d = json.loads(data)
    return (d["id"], d.get("headline"), [p["text"] for p in d.get("paragraphs") or []],
            d.get("entities") or {})  # fmt: skip


def with_related(stories: DataFrame) -> DataFrame:
    """Every story with its related list, by ``related_stories`` on the driver over all of
    them. The driver gets only what that function reads of a story: its id, headline,
    paragraphs' texts and entities."""
    spark = stories.sparkSession
    light = [
        Story(sid, headline, [], None, [StoryParagraph(t, []) for t in texts], [],
              Origin(None, None, []), entities)
        for sid, headline, texts, entities in stories.rdd.map(lambda r: _for_related(r.data)).collect()
    ]  # fmt: skip
    related = spark.sparkContext.broadcast(related_stories(light))

    def put(r: Any) -> tuple[Any, ...]:
        d = json.loads(r.data)
        d["related"] = related.value[r.id]
        data = json.dumps(d, ensure_ascii=False)
        return (r.id, r.event, r.headline, r.published, r.members, data)

    return spark.createDataFrame(stories.rdd.map(put), SCHEMAS["stories"])
