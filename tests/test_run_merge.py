"""The body's runs joined across one light line (``run_merge.merge_runs``)."""

from __future__ import annotations

from newsfold.extract.run_merge import merge_runs

TOLERANCE, ACROSS = 0.5, 20.0


def _merged(runs: list[list[float]], gaps: list[float], light: list[bool]) -> list[list[float]]:
    merge_runs(runs, gaps, light, TOLERANCE, ACROSS)
    return runs


def test_two_texts_join_across_a_light_line_between_two_links() -> None:
    """A product's name (one line, no running text, weight 5) between two texts, a line of
    chrome on either side (3 each): too light to join either text, it no longer cuts them."""
    runs = [[0, 9, 300.0], [11, 11, 5.0], [13, 30, 500.0]]
    assert _merged(runs, [3.0, 3.0], [False, True, False]) == [[0, 30, 805.0]]


def test_no_join_across_a_sentence_or_an_item_time() -> None:
    # the middle line is running text (a comment of one sentence): it stays a block
    runs = [[0, 9, 300.0], [11, 11, 5.0], [13, 30, 500.0]]
    assert len(_merged(runs, [3.0, 3.0], [False, False, False])) == 3
    # a time line among the gaps (each item of a thread carries one): the runs stay apart
    runs = [[0, 9, 300.0], [11, 11, 5.0], [13, 30, 500.0]]
    assert len(_merged(runs, [20.0, 3.0], [False, True, False])) == 3


def test_neighbours_join_first_as_before() -> None:
    runs = [[0, 5, 100.0], [7, 9, 80.0], [30, 40, 90.0]]
    assert _merged(runs, [10.0, 60.0], [False, False, False]) == [[0, 9, 180.0], [30, 40, 90.0]]
