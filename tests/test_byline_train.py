"""The byline trainer's choices that need no data: its threshold rule, its page-level loss and
its file's text."""

from __future__ import annotations

import json

import pytest
from benchmarks import train_byline
from benchmarks.train_byline import (
    NONE_WEIGHT,
    THRESHOLDS,
    Example,
    best_span,
    choose_threshold,
    right,
)

PAGES = 3300  # about as many pages as half A gives (every renderer)


def _curve(edge: float, plateau: dict[float, int]) -> list[int]:
    """Right pages by threshold: rising 40 a step up to ``edge``, 1,000 there, then the
    plateau's counts (980 where not given), falling slowly far above it."""
    out = []
    for t in THRESHOLDS:
        if t <= edge:
            out.append(1000 - int(40 * (edge - t) * 4))
        else:
            out.append(plateau.get(t, 980 - int(10 * max(0.0, t - edge - 1.5) * 4)))
    return out


def test_threshold_is_the_steep_edge_not_a_lucky_point_of_the_flat_part() -> None:
    # one point of the flat part beats the edge by a few pages: the argmax would take it
    counts = _curve(-1.5, {-1.0: 1004})
    assert max(THRESHOLDS, key=lambda t: counts[THRESHOLDS.index(t)]) == -1.0
    assert choose_threshold(counts, PAGES) == -1.5


def test_threshold_stays_when_the_flat_part_moves_by_a_few_pages() -> None:
    chosen = {
        choose_threshold(_curve(-1.5, plateau), PAGES)
        for plateau in ({}, {-1.0: 1004}, {-0.5: 1003, -1.25: 990}, {-0.75: 1006}, {0.0: 1002})
    }
    assert chosen == {-1.5}


def test_threshold_follows_a_real_move_of_the_edge() -> None:
    assert choose_threshold(_curve(-0.5, {}), PAGES) == -0.5


def test_committed_model_is_in_the_trainers_format() -> None:
    text = train_byline.MODEL_PATH.read_text(encoding="utf-8")
    raw = json.loads(text)
    how = (raw["loss"], raw["C"])
    rewritten = train_byline.model_text(
        raw["half"], raw["renderers"], how, raw["weights"], raw["threshold"]
    )
    assert rewritten == text
    assert raw["threshold"] in THRESHOLDS and how in train_byline.GRID


def test_check_refuses_what_would_train_otherwise() -> None:
    """``--check`` trains as the committed model was: a cache of another tree's examples, the
    other half or a subset of renderers would compare another model with it."""
    for extra in (
        ["--cache", "x.pkl"],
        ["--half", "B"],
        ["--renderers", "lynx"],
        ["--fit", "span:1"],
    ):
        with pytest.raises(SystemExit):
            train_byline.main(["--check", *extra])


def _page(pid: str, gold: str | None, spans: list[tuple[float, float, bool]]) -> Example:
    """A page of spans, each (its cue feature, its place feature, whether it matches)."""
    return ("d", "r", pid, gold, [(f"s{k}", [1.0, a, b], m) for k, (a, b, m) in enumerate(spans)])


def _made_up_pages() -> list[Example]:
    """Pages with a byline: its span has a cue (feature 1), beside many spans near the top of the
    page (feature 2) without one; pages without a byline: a few spans near the top."""
    pages = []
    for k in range(40):
        others = [(0.0, 1.0, False)] * (2 + k % 7)
        pages.append(_page(f"g{k}", "Jane Doe", [(1.0, float(k % 2), True), *others]))
        pages.append(_page(f"n{k}", None, [(0.0, 1.0, False)] * (1 + k % 3)))
    return pages


def test_page_loss_fits_each_pages_choice() -> None:
    """The conditional logit over a page's spans and "none" makes every page right: the cued
    span wins where there is one, and no span clears the threshold where there is none."""
    pages = _made_up_pages()
    w, threshold, counts = train_byline.fit(pages, ("page", 1.0))
    assert w[1] > 0  # the cue counts for a span
    assert max(counts) == pytest.approx(40 + 40 * NONE_WEIGHT)
    assert all(right(e, best_span(e, w), threshold) for e in pages)
