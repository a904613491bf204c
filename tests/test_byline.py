"""The byline scorer on dumps written for these tests (fictional names and text)."""

from __future__ import annotations

import sys

import pytest

from newsfold import extract_text
from newsfold.extract.byline import FEATURES, _model, spans
from newsfold.extract.lines import Line

BODY = [
    "Crews on Saturday finished the new footbridge over the Kessel river after eight months of "
    "work that closed the old crossing to walkers and cyclists, the town council said.",
    "The bridge, built from steel made in the region, is wide enough for two bicycles to pass "
    "and is lit at night by lamps powered by a small solar array on its roof.",
    "Residents had asked for a safer crossing since a flood damaged the old bridge three years "
    "ago, and the council set aside money for the work in its last budget.",
    "The old crossing will be taken down over the summer once the river is low enough for "
    "machines to reach its piers from the banks, the council's engineer said on Friday.",
]
HEADLINE = "New footbridge opens over the Kessel river after eight months"
MENU = ["Home", "News", "Sport", "Weather", "Contact"]


def _texts(line: str) -> list[str]:
    return [s.text for s in spans([Line(0, line, len(line.split()))], 0)]


def test_spans_read_names_glued_to_cues_dates_and_labels() -> None:
    # several names after a cue make one span, the cue outside it
    found = _texts("Von Lena Vogt und Tomas Brand")
    assert "Lena Vogt, Tomas Brand" in found
    assert not any(t.startswith("Von") for t in found)
    # a name between a date and a capitalised verb: the month is no name, the verb is cut off
    found = _texts("26. September 2019 Ilse Marren Schreibe einen Kommentar")
    assert "Ilse Marren" in found
    assert "September" not in found
    # a label after the name
    assert _texts("Oren Pike Autor") == ["Oren Pike"]
    # a user name in lower case after a cue
    assert "omarh" in _texts("Publiziert am 3. Mai 2021 von omarh")


def test_model_file_has_every_feature() -> None:
    weights, threshold = _model()
    assert len(weights) == len(FEATURES)
    assert any(weights) and isinstance(threshold, float)


def _page(*credit: str, tail: tuple[str, ...] = ()) -> str:
    return "\n".join([*MENU, HEADLINE, *credit, *BODY, *tail, "© 2024 Kessel Gazette"])


def test_byline_on_its_own_line_under_the_headline() -> None:
    a = extract_text(_page("By Mara Quill", "May 4, 2024"))
    assert a.byline == "By Mara Quill"


def test_byline_split_over_two_lines() -> None:
    # every text node on its own line: the cue on one line, the name on the next
    a = extract_text(_page("Von", "Lena Vogt", "4. Mai 2024"))
    assert a.byline is not None and "Lena Vogt" in a.byline


def test_name_glued_to_its_date() -> None:
    a = extract_text(_page("Ilse Marren | 18. Mai 2024"))
    assert a.byline == "Ilse Marren"


def test_name_between_a_date_and_a_verb() -> None:
    # between a date and a capitalised verb, no cue: the old rule found nothing
    a = extract_text(_page("26. September 2019 Ilse Marren Schreibe einen Kommentar"))
    assert a.byline is not None and a.byline.startswith("Ilse Marren")


@pytest.mark.parametrize(
    ("printed", "expected"), [("Elke Brandt", "Elke Brandt"), ("Weitere Artikel", None)]
)
def test_a_given_name_tells_a_name_from_a_heading(printed: str, expected: str | None) -> None:
    # a name alone on its line under the text, no cue, no date: its given name ("Elke") makes
    # it a byline (the model before ``byline_names`` gave none); two capitalised words of a
    # heading in the same place are not one
    assert extract_text(_page("May 4, 2024", tail=(printed,))).byline == expected


def test_author_box_under_the_text() -> None:
    # the name above a note that opens with it, under the body (the old rule found nothing)
    box = (
        "About the author",
        "Mara Quill",
        "Mara Quill is a reporter at the Kessel Gazette who covers the town council, transport "
        "and the river.",
    )
    assert extract_text(_page("May 4, 2024", tail=box)).byline == "Mara Quill"


def test_a_label_is_not_taken_for_a_name() -> None:
    # the old rule gave the verb before the date ("Publiziert am")
    byline = extract_text(_page("Publiziert am 3. Mai 2024 von omarh")).byline
    assert byline is None or "Publiziert" not in byline


def test_no_byline_invented_where_the_page_has_none() -> None:
    assert extract_text(_page("May 4, 2024")).byline is None


def test_given_names_from_the_table() -> None:
    from newsfold.extract.byline_names import is_given_name

    # Faker's tables of every locale, any case, romanised and other scripts too
    assert all(map(is_given_name, ["Elke", "TOMÁS", "jean", "Hiroshi", "Иван"]))
    assert not any(map(is_given_name, ["View", "Artikel", "Bibliothek", "Kategorie"]))


def test_given_names_without_faker_name_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsfold.extract import byline_names

    monkeypatch.setitem(sys.modules, "faker.providers.person", None)  # as if not installed
    byline_names.given_names.cache_clear()
    byline_names.name_tables.cache_clear()
    try:
        with pytest.raises(ModuleNotFoundError, match="pip install 'faker"):
            byline_names.given_names()
    finally:
        byline_names.given_names.cache_clear()
        byline_names.name_tables.cache_clear()


def test_names_printed_over_lines_make_one_span() -> None:
    # every text node on its own line: the cue ending the line above, the names and their
    # joiner on lines of their own (the old code read each line alone: no cue, one name)
    from newsfold.extract.byline_spans import joined_spans

    lines = ["A report by", "Mara Quill", "and", "Oren Pike", "May 4, 2024"]
    found = joined_spans([Line(k, t, len(t.split())) for k, t in enumerate(lines)], 1)
    assert {s.printed for s in found} == {"by Mara Quill", "by Mara Quill, Oren Pike"}
    assert all(s.cue and s.i == 1 for s in found)
    # a span that begins on a later line is that line's own
    assert "Oren Pike" not in {s.text for s in found}


def test_user_name_under_its_cue() -> None:
    # "Posted by" on one line, the user name in lower case on the next (the old code took a
    # user name only after a cue on its own line: no byline)
    assert extract_text(_page("Posted by", "kesselfan", "May 4, 2024")).byline == "by kesselfan"


@pytest.mark.parametrize(
    "credit",
    [
        # the date over the cue: "May 4, 2024 by Kesseldesk" with each text node on its line
        ("May 4, 2024", "by", "Kesseldesk"),
        # the date under the name, a separator between
        ("von", "Kesseldesk", "·", "4. Mai 2024"),
    ],
)
def test_one_word_name_split_from_its_dated_line(credit: tuple[str, ...]) -> None:
    # a renderer that puts every text node on its own line splits a dated byline line into
    # lines: read as one, the name has its date on its line (the old code saw the date only
    # beside the name, and a one-word name under its cue fell under the threshold); the name
    # printed again under the text, as a page's author box and its replies to comments print it
    byline = extract_text(_page(*credit, tail=("Kesseldesk", "Kesseldesk replied"))).byline
    assert byline is not None and byline.endswith("Kesseldesk")


def test_a_hash_is_no_user_name() -> None:
    # a hash printed where a user's picture stands is no user name after a cue
    assert "a3f09c41d2" not in _texts("4. Mai 2024 11:46 von a3f09c41d2")
    assert "omarh" in _texts("4. Mai 2024 11:46 von omarh")


def test_name_alone_between_headline_and_text() -> None:
    # no cue, no date: a name of two words on its own line under the headline and over the
    # text (the old model summed "alone" and "under the headline" as it does for a menu's
    # entry, and left the name under its threshold)
    a = extract_text(_page("Mara Quill"))
    assert a.byline == "Mara Quill"


def test_names_go_on_after_a_joiner_that_ends_the_line() -> None:
    # a dump that joined the "und" line to the name above it: "Von" / "Lena Vogt und" /
    # "Tomas Brand" (the old code stopped at the first line: one author of two)
    from newsfold.extract.byline_spans import joined_spans

    lines = ["Von", "Lena Vogt und", "Tomas Brand", "4. Mai 2024"]
    found = joined_spans([Line(k, t, len(t.split())) for k, t in enumerate(lines)], 1)
    assert "Von Lena Vogt, Tomas Brand" in {s.printed for s in found}
    assert all(s.cue and s.i == 1 for s in found)


def test_a_name_after_von_inside_a_run_of_capitalised_words() -> None:
    # German capitalises its nouns: "Ein Bericht von Lena Vogt" is one run of capitalised
    # words with "von" inside it as in a name; the name after the cue is a span with its cue
    found = {s.printed: s for s in spans([Line(0, "Ein Bericht von Lena Vogt", 5)], 0)}
    assert found["von Lena Vogt"].cue
    # a given name before "von" makes it a name's particle, not a cue
    assert "von Ritter" not in {s.printed for s in spans([Line(0, "Anna von Ritter", 3)], 0)}


def test_a_label_and_a_count_glued_to_the_name_are_read_apart() -> None:
    """ "2024AuthorMara Quill3 Kommentare": the words the elements held, glued by a renderer."""
    from newsfold.extract.byline_page import unglued

    assert unglued("Posted on4. Mai 2024AuthorMara Quill3 Kommentare") == (
        "Posted on4. Mai 2024 Author Mara Quill 3 Kommentare"
    )
    assert unglued("Profilbild MaraQuill") == "Profilbild MaraQuill"  # a user name keeps its case
    # an abbreviation glued after a name ("RSS" in a link of its own), not a surname in capitals
    assert unglued("Von Mara QuillRSS-Feed") == "Von Mara Quill RSS-Feed"
    assert unglued("Ewan McLEOD") == "Ewan McLEOD"
    a = extract_text(_page("Posted on4. Mai 2024AuthorMara Quill3 Kommentare"))
    assert a.byline is not None and "Mara Quill" in a.byline
    assert "3" not in a.byline
