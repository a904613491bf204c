"""The body's candidate blocks joined across what stands between them (``body._body_clusters``):
moved out of ``body.py`` whole, which is at its size limit."""

from __future__ import annotations


def merge_runs(
    runs: list[list[float]],
    gaps: list[float],
    light: list[bool],
    tolerance: float,
    across_max: float,
    side_min: float,
) -> None:
    """Join neighbouring runs ``[first, last, weight]`` whose gap weighs less than
    ``tolerance`` of the smaller run. Where no two neighbours join, a run of one line that is
    no running text (``light``: a product's name, a caption's long line, a few more words than
    a caption) and too light to join either neighbour is read with the lines around it: the
    runs on either side join across it where the two gaps weigh more than it, less than
    ``across_max`` together (no item's time line among them: comments and teasers carry one)
    and less than ``tolerance`` of the smaller of the two, each of the two weighing
    ``side_min`` at least (a long paragraph's weight). Else such a line cut a text in two
    (AEB half A, lxml_lines 0.409 -> 0.912 on a page of deals, a product's name between two
    paragraphs with a link of chrome on either side). Without ``side_min``, a sidebar's widgets
    (a line or two of text each, a form's options between them) joined into a block that then
    joined the article above it (L3S-GN1 half A, a page of html2text 1.00 -> 0.90; on AEB half
    A, side_min 120 against none: +0.0003..+0.004 on every renderer, 60 and 240 a little less)."""
    while len(runs) > 1:
        k = next(
            (k for k in range(len(gaps)) if gaps[k] < min(runs[k][2], runs[k + 1][2]) * tolerance),
            None,
        )
        if k is not None:
            runs[k][1], runs[k][2] = runs[k + 1][1], runs[k][2] + runs[k + 1][2]
            del runs[k + 1], gaps[k], light[k + 1]
            light[k] = False
            continue
        k = next(
            (
                k
                for k in range(len(gaps) - 1)
                if light[k + 1]
                and runs[k + 1][2] < gaps[k] + gaps[k + 1] < across_max
                and min(runs[k][2], runs[k + 2][2]) >= side_min
                and gaps[k] + gaps[k + 1] < min(runs[k][2], runs[k + 2][2]) * tolerance
            ),
            None,
        )
        if k is None:
            return
        runs[k][1] = runs[k + 2][1]
        runs[k][2] += runs[k + 1][2] + runs[k + 2][2]
        del runs[k + 1 : k + 3], gaps[k : k + 2], light[k + 1 : k + 3]
        light[k] = False
