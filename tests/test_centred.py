"""Centred dumps (``extract/centred.py``): a page whose text a renderer centred (w3m and lynx
honour ``<center>``) gets its lines back at the left edge, and its paragraphs come out whole."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.api import extract_text
from newsfold.extract.centred import centre_width, uncentred

PARAGRAPHS = [
    "The county council agreed on Thursday to rebuild the old stone bridge over the river "
    "before the winter floods, after divers found that two of its piers had been scoured "
    "much deeper than the survey of three years ago had shown.",
    "Drivers will be sent along the valley road while the work goes on, which the council "
    "says adds about twelve minutes to the journey into town and will be lit and gritted "
    "every night until the bridge opens again in the spring.",
    "A farmer whose land lies on both banks said that people in the village had asked for "
    "the repairs for years and that the river had been eating at the footings every time "
    "it rose after a week of heavy rain in the hills.",
    "The engineers expect to take the damaged piers down to the rock and to face them in "
    "granite from the quarry up the valley, so that the bridge looks as it did when it was "
    "built, with a wider footway on the downstream side.",
]


def _centre(line: str, width: int) -> str:
    """As w3m centres a line: the blank split in two, the odd column after the text."""
    return " " * ((width - len(line)) // 2) + line


def _centred_page(width: int = 79, text_width: int | None = None) -> list[str]:
    """A page centred in ``width`` columns, its paragraphs wrapped at ``text_width`` (``width``
    where not given) and then centred line by line."""
    lines = [_centre("Home | News | Sport | Weather | Contact", width), ""]
    lines += [_centre("Council to rebuild the stone bridge", width), ""]
    lines += [_centre("12 March 2008, 09:40", width), ""]
    for p in PARAGRAPHS:
        wrapped = textwrap.wrap(p, text_width or width)
        lines += [_centre(line, width) for line in wrapped] + [""]
    lines += [_centre("Send us your news | Subscribe | Terms of use", width)]
    return lines


def test_centred_page_is_found_and_moved_to_the_left_edge() -> None:
    lines = _centred_page()
    assert centre_width(lines) in (78, 79, 80)
    out = uncentred(lines)
    assert len(out) == len(lines)  # the lines' number and order are kept
    assert all(line == line.lstrip() for line in out)
    assert [line.strip() for line in out] == [line.strip() for line in lines]


def test_centred_dump_is_extracted_paragraph_by_paragraph() -> None:
    """Before, each centred line kept its own margin: the wrapped paragraphs did not join and
    came out in fragments (or not at all)."""
    article = extract_text("\n".join(_centred_page()), kind="text")
    for p in PARAGRAPHS:
        assert p in article.paragraphs


def test_indented_paragraphs_and_lists_are_not_centring() -> None:
    """lynx's paragraphs three columns in, with a nested list: nothing is moved."""
    lines = ["Council to rebuild the stone bridge", ""]
    for p in PARAGRAPHS:
        lines += [*textwrap.wrap(p, 76, initial_indent="   ", subsequent_indent="   "), ""]
    lines += ["     * Valley road lit and gritted", "     * Footway on the downstream side"]
    assert centre_width(lines) is None
    assert uncentred(lines) is lines


def test_a_drawn_table_is_not_centring() -> None:
    """A table drawn with box characters in the middle of the page is read as a column by
    ``unwrap.py``: its margin is the table's place, not centring."""
    cell = [line.ljust(40) for p in PARAGRAPHS for line in textwrap.wrap(p, 40)]
    lines = [" " * 20 + "│ " + line + " │" for line in cell]
    assert centre_width(lines) is None


def test_like_items_at_one_margin_are_not_centring() -> None:
    """A markdown list of like items, all at one margin and of one length, agrees with one
    width by its sameness: centred lines of different lengths stand at different margins."""
    codes = ("EN", "ES", "IT", "PT", "FI")
    lines = [f"    * [ {code} ](https://{code.lower()}.example.org/news/)" for code in codes] * 3
    assert centre_width(lines) is None


@settings(max_examples=30, deadline=None)
@given(
    st.integers(min_value=60, max_value=120),
    st.integers(min_value=6, max_value=20),
    st.integers(min_value=0, max_value=3),
)
def test_centring_at_any_width_is_undone(width: int, narrower: int, cut: int) -> None:
    """Text centred in a cell ``narrower`` columns narrower than the page (so that most of its
    lines have a margin on each side), any page width, the first lines cut or not."""
    lines = _centred_page(width, width - narrower)[cut:]
    assert centre_width(lines) is not None
    out = uncentred(lines)
    assert [line.strip() for line in out] == [line.strip() for line in lines]
    assert sum(line != line.lstrip() for line in out) == 0
