"""extract.date_cues: each cue listed once, spelt properly, matches its words with their accents
or without, at the text's own positions (one fold of the text, of the same length)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.extract.date_cues import (
    _FOLD,
    EVENT_BOUND,
    PUBLISHED_CUE,
    UPDATED_CUE,
    WEEKDAY,
    cue,
    fold,
)
from newsfold.extract.line_words import group_words, lines_holding
from newsfold.extract.page_clock import event_bound, today_line
from newsfold.extract.published import cued_time, read_times


def test_fold_takes_accents_off_and_keeps_length() -> None:
    assert fold("Veröffentlicht am") == "Veroffentlicht am"
    assert fold("MIS À JOUR, publié, Publicação, miércoles, terça") == (
        "MIS A JOUR, publie, Publicacao, miercoles, terca"
    )
    assert fold("plain ASCII 12:05") == "plain ASCII 12:05"
    assert fold("ß ø æ 年") == "ß ø æ 年"  # no base letter of one character: left as it is


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_fold_keeps_every_position(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert all(a == b for a, b in zip(text, folded, strict=True) if a.isascii())


# Latin letters with and without accents, other scripts, ASCII: the fold's table and around it
_MIXED = st.text(
    st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x2FF), st.characters()),
    max_size=60,
)


@settings(max_examples=500, deadline=None)
@given(_MIXED)
def test_fold_is_the_tables_translation(text: str) -> None:
    # the fold replaces the few letters it folds where they stand: what translating every
    # character by its table gives
    assert fold(text) == text.translate(_FOLD)


@pytest.mark.parametrize(
    "line",
    [
        "Veröffentlicht am 6. August 2009",
        "Veroffentlicht am 6. August 2009",  # a renderer that prints ASCII only
        "Veroeffentlicht am 6. August 2009",  # the umlaut spelt out
        "VERÖFFENTLICHT AM 6. August 2009",
        "Publié le 6 août 2009",
        "Publie le 6 aout 2009",
        "Publicación: 6 de agosto de 2009",
        "Publicacion: 6 de agosto de 2009",
    ],
)
def test_a_publication_cue_matches_either_spelling(line: str) -> None:
    assert PUBLISHED_CUE.search(line) is not None
    assert lines_holding(["Home", line], group_words(PUBLISHED_CUE)) == {1}
    assert cued_time(["Home", line]) == "2009-08-06T00:00:00+00:00"


@pytest.mark.parametrize(
    "label", ["Mis à jour le", "Mis a jour le", "Geändert am", "Geandert am", "Geaendert am"]
)
def test_an_update_cue_matches_either_spelling(label: str) -> None:
    published, updated, _ = read_times([f"3 May 2021 | {label} 5 May 2021"])
    assert (published, updated) == ("2021-05-03T00:00:00+00:00", "2021-05-05T00:00:00+00:00")


def test_a_match_stands_where_the_words_stand() -> None:
    line = "Über uns · Aktualisiert: 5. März 2021 · Veröffentlicht: 3. März 2021"
    m = UPDATED_CUE.search(line)
    assert m is not None and line[m.start() : m.end()] == "Aktualisiert"
    m = PUBLISHED_CUE.search(line)
    assert m is not None and line[m.start() : m.end()] == "Veröffentlicht"
    published, updated, cued = read_times([line])
    assert (published, updated, cued) == (
        "2021-03-03T00:00:00+00:00",
        "2021-03-05T00:00:00+00:00",
        True,
    )


def test_weekdays_and_period_bounds_in_either_spelling() -> None:
    for day in ("Miércoles", "Miercoles", "Sábado", "Sabado", "Terça-feira", "Terca-feira"):
        assert WEEKDAY.match(f"{day}, 4 de mayo de 2022")
        assert today_line(f"{day}, 4 de mayo de 2022")
    for bound in ("jusqu'à", "jusqu'a", "à partir du", "a partir du"):
        line = f"Exposition {bound} 5 mars 2021"
        assert EVENT_BOUND.search(line[: line.index("5 mars")])
        assert event_bound(line, line.index("5 mars"))


def test_a_cue_lists_each_word_once_in_its_folded_spellings() -> None:
    made = cue(r"\b({})\b", ["geändert", "publié", "posted"])
    assert made.pattern == r"\b(geandert|geaendert|publie|posted)\b"
    assert made.flags & re.I
    assert group_words(made) == ("geandert", "geaendert", "publie", "posted")
    with pytest.raises(ValueError):
        group_words(re.compile(r"\b(publié)\b", re.I))  # a folded text never holds it
