"""A related-stories heading over a few links inside the text (extract/short_boxes.py): a box
of several links costs less than a list of other stories, a heading over one link costs
nothing (the link's label, printed on a line of its own). Lines written here."""

from __future__ import annotations

from newsfold.extract.lines import Line
from newsfold.extract.short_boxes import SHORT_BOX_COST, _weigh_short_boxes
from test_boxes_inside import RESUMED, TEXT, _lines


def _weighed(box: list[str]) -> list[Line]:
    lines = _lines([*TEXT, "Read more:", *box, *RESUMED])
    lines[len(TEXT)].label, lines[len(TEXT)].weight = "related_heading", -40.0
    _weigh_short_boxes(lines)
    return lines


def test_a_heading_over_one_link_is_the_links_label() -> None:
    lines = _weighed(["Pilots threaten overtime ban"])
    heading, link = lines[len(TEXT)], lines[len(TEXT) + 1]
    assert heading.weight == 0.0
    assert link.label == "inline_link" and link.weight <= -4.0
    assert not any(ln.label for ln in lines[-len(RESUMED) :])


def test_a_heading_over_a_few_links_is_a_short_box() -> None:
    lines = _weighed(["Pilots threaten overtime ban", "Port queue grows to twelve ships"])
    assert lines[len(TEXT)].weight == -SHORT_BOX_COST
    assert [ln.label for ln in lines[len(TEXT) + 1 : len(TEXT) + 3]] == ["inline_link"] * 2


def test_a_heading_the_text_does_not_resume_under_keeps_its_cost() -> None:
    lines = _lines([*TEXT, "Read more:", "Pilots threaten overtime ban"])
    lines[len(TEXT)].label, lines[len(TEXT)].weight = "related_heading", -40.0
    _weigh_short_boxes(lines)
    assert lines[len(TEXT)].weight == -40.0
