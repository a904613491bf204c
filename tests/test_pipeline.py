"""The one description of the stages (``newsfold.pipeline``) and the engines that walk it."""

from __future__ import annotations

import itertools

import pytest

from newsfold.pipeline import NAMES, STAGES, check, walk
from newsfold.records import Stage


def test_the_stages_in_order_and_the_articles_they_hand_on() -> None:
    assert NAMES == ("read", "extract", "match", "stories")
    # each stage takes the articles where the one before left them
    done = [s.done for s in STAGES if s.done is not None]
    assert done == [Stage.TO_MATCH, Stage.MATCHED, Stage.IN_STORY]
    for before, stage in itertools.pairwise(STAGES):
        if stage.pending is not None:
            assert stage.pending == before.done
    assert [s.exclusive for s in STAGES] == [False, True, True, True]
    assert [int(s) for s in Stage] == [0, 1, 2]  # the stored values of article_stages.stage


def test_walk_runs_every_stage_in_order_and_refuses_a_partial_engine() -> None:
    ran: list[str] = []
    runners = {n: (lambda ctx, n=n: ran.append(n)) for n in reversed(NAMES)}
    walk(runners, None, "test")
    assert ran == list(NAMES)
    del runners["match"]
    with pytest.raises(ValueError, match=r"test engine.*missing \['match'\]"):
        walk(runners, None, "test")
    with pytest.raises(ValueError, match=r"unknown \['dedupe'\]"):
        check({**{n: None for n in NAMES}, "dedupe": None}, "test")


def test_the_spark_engine_has_a_runner_for_each_stage() -> None:
    pytest.importorskip("pyspark", reason="the [spark] extra is not installed")
    from newsfold.run.spark.job import RUNNERS

    check(RUNNERS, "Spark")
    assert list(RUNNERS) == list(NAMES)


def test_the_local_engine_has_a_runner_for_each_stage() -> None:
    from newsfold.run.local import RUNNERS

    check(RUNNERS, "local")
    assert list(RUNNERS) == list(NAMES)
