"""The fold's results as Parquet tables under one folder: what a later fold is run against.

Each table is a folder of Parquet files named after it. Records that the engines share (articles,
stories) are kept as their JSON (``to_dict``) beside the columns that joins need, so a table read
back gives the very same records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from ...errors import NewsfoldError

FORMAT = 2  # of the folder's layout; another one is refused (2: stories of events, units)


def _schema(*fields: tuple[str, Any]) -> StructType:
    return StructType([StructField(name, typ, True) for name, typ in fields])


S = StringType()
SCHEMAS: dict[str, StructType] = {
    "pages": _schema(
        ("id", S),
        ("source", S),
        ("kind", S),
        ("url", S),
        ("outlet", S),
        ("fetched_at", S),
        ("encoding", S),
    ),
    "rejected": _schema(("source", S), ("reason", S), ("message", S), ("page_id", S)),
    "outlets": _schema(("outlet", S), ("pages", LongType())),
    # every line's count, not only the template's: tomorrow's pages add to them
    "lines": _schema(("outlet", S), ("key", LongType()), ("pages", LongType())),
    "articles": _schema(
        ("id", S),
        ("page_id", S),
        ("outlet", S),
        ("headline", S),
        ("published", S),
        ("n_fingerprints", IntegerType()),
        ("data", S),
    ),
    "fingerprints": _schema(("article_id", S), ("hash", LongType())),
    "links": _schema(
        ("a", S),
        ("b", S),
        ("relation", S),
        ("jaccard", DoubleType()),
        ("a_in_b", DoubleType()),
        ("b_in_a", DoubleType()),
    ),
    "groups": _schema(("article_id", S), ("label", S), ("group_id", S)),
    # what the event assignment sees of each copy group (stories.event_unit)
    "units": _schema(("group_id", S), ("text", S), ("published", S), ("place", S)),
    # event: the first copy group of the story's event
    "stories": _schema(
        ("id", S),
        ("event", S),
        ("headline", S),
        ("published", S),
        ("members", ArrayType(S)),
        ("data", S),
    ),
}
TABLES = tuple(SCHEMAS)
MANIFEST = "newsfold-index.json"


@dataclass(slots=True)
class Index:
    """The tables of one fold's results (``DataFrame`` per table name)."""

    tables: dict[str, DataFrame]

    def __getitem__(self, name: str) -> DataFrame:
        return self.tables[name]

    @classmethod
    def empty(cls, spark: SparkSession) -> Index:
        return cls({t: spark.createDataFrame([], SCHEMAS[t]) for t in TABLES})

    @classmethod
    def read(cls, spark: SparkSession, folder: str | Path) -> Index:
        folder = Path(folder)
        manifest = folder / MANIFEST
        if not manifest.exists():
            raise NewsfoldError(f"{folder}: not a newsfold index (no {MANIFEST})")
        fmt = json.loads(manifest.read_text("utf-8")).get("format")
        if fmt != FORMAT:
            raise NewsfoldError(f"{folder}: index format {fmt}, this newsfold reads {FORMAT}")
        return cls({t: spark.read.schema(SCHEMAS[t]).parquet(str(folder / t)) for t in TABLES})


def write_manifest(folder: str | Path, counts: dict[str, int]) -> None:
    doc = {"format": FORMAT, "counts": counts}
    (Path(folder) / MANIFEST).write_text(json.dumps(doc, indent=2) + "\n", "utf-8")


def read_counts(folder: str | Path) -> dict[str, int]:
    doc = json.loads((Path(folder) / MANIFEST).read_text("utf-8"))
    return dict(doc["counts"])
