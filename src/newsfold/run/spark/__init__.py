"""The Spark engine: the same fold as the local engine (``run.local``), as Spark jobs (extra ``[spark]``).

``fold`` reads the pages in parallel, learns outlet templates over the whole input, extracts,
fingerprints, finds candidates by joining on fingerprints, verifies them, groups copies by a
deterministic connected-components step and builds each group's story, all with the local
engine's stage functions. Its results are Parquet tables under ``out`` (``index.py``); given the
``out`` of an earlier fold as ``base``, only the new pages are extracted and matched (against the
whole index) and only the groups they join get new stories. Given a store, the results go into it
too, as a local fold of the same pages would leave it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...errors import MissingExtraError, NewsfoldError
from ...read.limits import Limits
from ...records import FoldSummary
from ...store import Store

try:
    from pyspark.sql import SparkSession
except ImportError:  # pragma: no cover - exercised where the extra is missing
    SparkSession = None  # type: ignore[assignment,misc]


def session(master: str | None = None) -> Any:
    """The active Spark session, or a new one on ``master`` (default: ``local[*]``)."""
    if SparkSession is None:
        raise MissingExtraError("spark", "--engine spark")
    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    # executors run this interpreter locally; on a cluster PYSPARK_PYTHON says which
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("newsfold").config(
        "spark.executorEnv.PYTHONHASHSEED", "0"
    )
    master = master or os.environ.get("MASTER") or "local[*]"
    builder = builder.master(master)
    if master.startswith("local"):
        # a machine's cores: few partitions, no web UI, no progress bar on the terminal
        builder = (
            builder.config("spark.sql.shuffle.partitions", "8")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
        )
    return builder.getOrCreate()


def fold(
    paths: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    base: str | os.PathLike[str] | None = None,
    store: Store | None = None,
    outlet: str | None = None,
    limits: Limits | None = None,
    spark: Any = None,
    master: str | None = None,
    timings: dict[str, float] | None = None,
) -> FoldSummary:
    """Fold ``paths`` into a Parquet index under ``out`` (against the index ``base``, if given)
    and, when ``store`` is given, into that store. ``timings``, if given, receives the seconds
    spent in each stage."""
    spark = spark or session(master)
    from .job import run

    out, base = Path(out), Path(base) if base else None
    if base is not None and base.resolve() == out.resolve():
        raise NewsfoldError(f"{out}: --out must be a new folder, not the --base index")
    return run(
        spark,
        paths,
        out,
        base,
        store,
        outlet,
        limits or Limits(),
        timings if timings is not None else {},
    )
