"""The byline spans and features that tell a name's role: a picture's credit, a role closed by a
colon, a title before the given name, a name the text speaks of (fictional names and text)."""

from __future__ import annotations

from newsfold.extract.byline import FEATURES, Layout, byline_features, spans
from newsfold.extract.lines import Line

PROSE = (
    "The council met on Tuesday to hear the engineers explain why the footbridge over the "
    "river will stay closed for another month, and Oskar Lindqvist told them the work was late."
)


def _lines(*texts: str) -> list[Line]:
    return [Line(k, t, len(t.split())) for k, t in enumerate(texts)]


def _texts(line: str) -> list[str]:
    return [s.text for s in spans(_lines(line), 0)]


def _features(*texts: str) -> dict[str, dict[str, float]]:
    """Each span's features (by name) on a page of ``texts``, the first line its headline and
    the last its body."""
    lines = _lines(*texts)
    layout = Layout(0, len(lines) - 1, len(lines) - 1, frozenset(), frozenset())
    return {s.text: dict(zip(FEATURES, f, strict=True)) for s, f in byline_features(lines, layout)}


def test_a_pictures_credit_word_is_no_part_of_a_name() -> None:
    # "Foto" was read as the name's first word ("Foto Ada Korn"), a span no byline is
    assert _texts("Foto: Ada Korn") == ["Ada Korn"]
    assert _texts("Photo © Ada Korn / Kessel Images") == ["Ada Korn", "Kessel"]
    found = _features("A bridge reopens", "Foto: Ada Korn", "By Mara Quill", PROSE)
    assert found["Ada Korn"]["photo_line"] == 1.0
    assert found["Mara Quill"]["photo_line"] == 0.0


def test_a_role_closed_by_a_colon_ends_the_run_before_the_name() -> None:
    # "Interview: Ada Korn" was one run of three capitalised words
    found = _texts("Interview: Ada Korn")
    assert "Ada Korn" in found
    assert "Interview Ada Korn" not in found
    features = _features("A bridge reopens", "Interview: Ada Korn", PROSE)
    assert features["Ada Korn"]["colon_before"] == 1.0
    assert features["Interview"]["colon_before"] == 0.0


def test_a_title_before_the_given_name() -> None:
    found = _features("A bridge reopens", "Dr. Mara Quill", "Prof. Zzyx Quill", PROSE)
    assert found["Dr. Mara Quill"]["given_name"] == 1.0
    assert found["Prof. Zzyx Quill"]["given_name"] == 0.0


def test_a_name_the_text_speaks_of() -> None:
    found = _features("A bridge reopens", "Oskar Lindqvist", "Mara Quill", PROSE)
    assert found["Oskar Lindqvist"]["in_prose"] == 1.0
    assert found["Mara Quill"]["in_prose"] == 0.0


def test_several_names_that_open_with_given_names() -> None:
    found = _features("A bridge reopens", "Mara Quill; Ada Korn", "News, Sport, Weather", PROSE)
    assert found["Mara Quill, Ada Korn"]["several_given"] == 1.0
    assert found["News, Sport, Weather"]["several_given"] == 0.0


def test_the_rules_capitalised_words_stand_with_a_given_name_among_them() -> None:
    from newsfold.extract.byline_rule import _clean_rule

    # a section's or a menu's words above the text were kept as the byline, unread by the scorer
    assert not _clean_rule("Garden & Home")
    assert not _clean_rule("Weather | Sport")
    assert _clean_rule("Mara Quill | Politics")


def test_a_name_the_text_speaks_of_is_a_whole_word_of_it() -> None:
    # "Lind" is printed inside "Lindqvist" only: the substring test took her for a name the
    # text speaks of
    found = _features("A bridge reopens", "Ada Lind", PROSE)
    assert found["Ada Lind"]["in_prose"] == 0.0


def test_a_name_a_picture_is_credited_to() -> None:
    found = _features(
        "A bridge reopens", "By Mara Quill | Photo: Ada Korn", "© Kessel Images | Oren Pike", PROSE
    )
    assert found["Mara Quill"]["credited"] == 0.0
    assert found["Ada Korn"]["credited"] == 1.0
    assert found["Oren Pike"]["credited"] == 1.0


def test_a_label_under_the_name_and_an_author_box_over_it() -> None:
    # a dump with every text node on its own line prints "Mara Quill Autor" over two lines
    found = _features("A bridge reopens", "Mara Quill", "Autor", "Ada Korn", PROSE)
    assert found["Mara Quill"]["label_line_below"] == 1.0
    assert found["Ada Korn"]["label_line_below"] == 0.0
    lines = _lines(
        "A bridge reopens", PROSE, "About the author", "Mara Quill", "Writer", "Ada Korn"
    )
    lines[2].label = "author_bio"
    layout = Layout(0, 1, 1, frozenset(), frozenset())
    box = {s.text: dict(zip(FEATURES, f, strict=True)) for s, f in byline_features(lines, layout)}
    assert box["Mara Quill"]["author_box_above"] == 1.0
    assert box["Ada Korn"]["author_box_above"] == 0.0  # three lines under it


def test_how_widely_a_given_name_is_one_and_a_family_name_after_it() -> None:
    # a heading's first word that one locale's table holds as a given name ("Press") is read
    # as less of a name than one that many locales hold ("Claudia"); a family name closes a
    # person's name, a heading's second word is none
    found = _features("A bridge reopens", "Press Center", "Claudia Weber", PROSE)
    press, claudia = found["Press Center"], found["Claudia Weber"]
    assert press["given_name"] == claudia["given_name"] == 1.0
    assert 0.0 < press["given_locales"] < claudia["given_locales"] == 1.0
    assert (press["family_name"], claudia["family_name"]) == (0.0, 1.0)


def test_given_locales_and_family_names_of_a_span() -> None:
    from newsfold.extract.byline_names import family_share, first_given_locales

    assert first_given_locales("Dr. Anna Weber") == 1.0  # the title is passed over
    assert first_given_locales("Zzyx Quill") == 0.0  # no given name
    assert family_share("Anna Weber, Zzyx Qwoph") == 0.5  # one name of two
    assert family_share("Weber") == 0.0  # a family name needs a name before it
