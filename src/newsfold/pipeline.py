"""The pipeline, described once: its stages in order, what each reads and what it writes.

    files --read--> pages --extract--> articles --match--> copy groups --stories--> stories

Both engines walk ``STAGES``: the local engine (``run/local.py``) runs each stage over batches
of what the store holds pending, the Spark engine (``run/spark/job.py``) as Spark jobs over the
whole input. Each engine maps every stage's name to its runner and ``walk`` runs them in this
order, refusing a map that misses a stage or has one more; so a new stage is an entry here and
its runner in each engine, and an engine without it fails at once. The pure functions a stage
calls live in its package (``steps``), the per-batch ones both engines share in ``steps.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from .records import Stage

Progress = Callable[[str, int], None]  # (stage, items done in this step): a fold's progress


@dataclass(frozen=True, slots=True)
class StageSpec:
    name: str  # also the progress label of the local engine's batches
    reads: str
    writes: str
    steps: str  # the package of its pure functions
    pending: Stage | None = None  # the articles it takes (by ``article_stages.stage``), if any
    done: Stage | None = None  # where it leaves them
    exclusive: bool = True  # works on what the store holds pending: one fold at a time


STAGES: tuple[StageSpec, ...] = (
    StageSpec(
        "read",
        reads="files and folders: text, HTML, JSONL, Parquet, feeds, WARC (compressed or not)",
        writes="pages (new ones only; the first copy of a page read twice wins), rejections, "
        "feed teasers",
        steps="newsfold.read",
        exclusive=False,  # pages go in without waiting for a fold working through the store
    ),
    StageSpec(
        "extract",
        reads="pages not extracted yet, and their outlets' templates (learnt from every page)",
        writes="articles with their fingerprints, rejections (no_article, ...)",
        steps="newsfold.extract",
        done=Stage.TO_MATCH,
    ),
    StageSpec(
        "match",
        reads="articles to match, the fingerprint index, the copy groups so far",
        writes="links (identical, copy, partial, same_event), hence copy groups",
        steps="newsfold.match",
        pending=Stage.TO_MATCH,
        done=Stage.MATCHED,
    ),
    StageSpec(
        "stories",
        reads="copy groups, their articles and links; events over every copy group",
        writes="stories (a changed story's old id an alias), related stories",
        steps="newsfold.stories",
        pending=Stage.MATCHED,
        done=Stage.IN_STORY,
    ),
)
NAMES: tuple[str, ...] = tuple(s.name for s in STAGES)

C = TypeVar("C")


def check(runners: Mapping[str, object], engine: str) -> None:
    """Raise ``ValueError`` unless ``runners`` has a runner for each stage and no other."""
    missing = [n for n in NAMES if n not in runners]
    extra = sorted(set(runners) - set(NAMES))
    if missing or extra:
        raise ValueError(
            f"the {engine} engine's stages do not match newsfold.pipeline.STAGES: "
            f"missing {missing}, unknown {extra}"
        )


def walk(
    runners: Mapping[str, Callable[[C], None]],
    ctx: C,
    engine: str,
    before: Callable[[StageSpec], None] | None = None,
) -> None:
    """Run each stage's runner over ``ctx``, in pipeline order; ``before`` is called with each
    stage's description first (the local engine takes its fold lock before the first
    exclusive one)."""
    check(runners, engine)
    for stage in STAGES:
        if before is not None:
            before(stage)
        runners[stage.name](ctx)
