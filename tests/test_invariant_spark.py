"""The Spark engine's story pass into a store keeps the store's invariants too: day one's pairs,
then day two's fillers against day one's index, split yesterday's stories as the local engine
does (see ``test_invariant``), with every article in one story and nothing to repair."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from newsfold import open_store
from newsfold.run.local import fold as local_fold
from newsfold.run.local.check import find_violations
from test_invariant import stories_of, write_corpora

pytest.importorskip("pyspark", reason="the [spark] extra is not installed")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17: no `java` on PATH", allow_module_level=True)

from newsfold.run import spark as nfspark


def test_spark_next_day_keeps_the_invariants(spark: Any, tmp_path: Path) -> None:
    corpus = write_corpora(tmp_path / "c")
    with open_store(tmp_path / "local.db") as local:
        local_fold([*corpus["pairs"], *corpus["fillers"]], local, workers=1)
        want = stories_of(local)
    with open_store(tmp_path / "spark.db") as store:
        first = nfspark.fold(corpus["pairs"], tmp_path / "out1", store=store, spark=spark)
        yesterday = stories_of(store)
        got = nfspark.fold(
            corpus["fillers"], tmp_path / "out2", base=tmp_path / "out1", store=store, spark=spark
        )
        for summary in (first, got):
            assert summary.invariant is not None and summary.invariant.violations == []
        assert find_violations(store) == []
        today = stories_of(store)
    assert any(len(m) == 2 for m in yesterday.values())  # the pairs were stories of two
    assert today == want
