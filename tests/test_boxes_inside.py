"""A long box of other stories inside the text's span, under a related-stories heading, the
article's text resuming below it (extract/listed.py: ``_boxes_inside``): a line of the box that
reads as a sentence is still no paragraph. Lines written here."""

from __future__ import annotations

from newsfold.extract.lines import Line
from newsfold.extract.listed import _boxes_inside

TEXT = [
    "Harbour pilots in the northern port voted on Monday to accept a new night roster.",
    "The port authority said four pilots would join each night crew from April onwards.",
]
BOX = [
    "Harbour master",
    "Photo essay",
    "A look back at forty years of the harbour master's office.",
    "Pilots threaten overtime ban",
    "Port queue grows to twelve ships",
    "Ferry timetable changes in spring",
]
RESUMED = [
    "Shipping agents said it would take about a week to clear the queue outside the wall.",
    "The pilots' association said the roster was the first change to night crews in years.",
]


def _lines(texts: list[str]) -> list[Line]:
    out = []
    for n, text in enumerate(texts):
        words = len(text.split())
        weight = float(words) if text.endswith(".") else -2.5
        out.append(Line(n, text, words, weight=weight))
    return out


def test_a_sentence_in_a_long_box_inside_the_span_is_no_text() -> None:
    lines = _lines([*TEXT, "Related", *BOX, *RESUMED])
    lines[len(TEXT)].label, lines[len(TEXT)].weight = "related_heading", -40.0
    _boxes_inside(lines, 0, len(lines) - 1)
    sentence = lines[len(TEXT) + 3]
    assert sentence.text.startswith("A look back") and sentence.label == "inline_link"
    assert not any(ln.label for ln in lines[-len(RESUMED) :])
    assert not any(ln.label for ln in lines[: len(TEXT)])


def test_a_box_the_text_does_not_resume_under_is_left_alone() -> None:
    lines = _lines([*TEXT, "Related", *BOX])
    lines[len(TEXT)].label, lines[len(TEXT)].weight = "related_heading", -40.0
    _boxes_inside(lines, 0, len(lines) - 1)
    assert not any(ln.label for ln in lines[len(TEXT) + 1 :])
