from __future__ import annotations

import pytest

from newsfold.extract.credits import credits_in_byline, credits_in_text, parse_dateline
from newsfold.records import Dateline


def test_byline_agencies() -> None:
    assert credits_in_byline("By PTI") == ["PTI"]
    assert credits_in_byline("By Mara Quill | Reuters") == ["Reuters"]
    assert credits_in_byline("By Staff Writer") == []


def test_dateline_with_agency() -> None:
    dl, credit = parse_dateline("LISBON, March 2 (Reuters) - Officials said on Saturday...")  # type: ignore[misc]
    assert dl.place == "Lisbon" and dl.date == "March 2" and credit == "Reuters"
    dl, credit = parse_dateline("SUVA (AP) -- A cyclone crossed the island overnight.")  # type: ignore[misc]
    assert dl.place == "Suva" and credit == "AP"
    dl, credit = parse_dateline("NEW DELHI: The ministry announced on Friday that...")  # type: ignore[misc]
    assert dl.place == "New Delhi" and credit is None


def test_ordinary_sentence_is_not_a_dateline() -> None:
    assert parse_dateline("The minister said - and repeated - that talks would go on.") is None


def test_credits_in_running_text() -> None:
    assert credits_in_text("The vessel was refloated, Kyodo News reported.") == ["Kyodo"]
    assert credits_in_text("Officials told AFP the road was closed.") == ["AFP"]
    assert credits_in_text("He said the pa and the ap were mixed up.") == []


def test_dateline_forms() -> None:
    # an agency credit with no dash after it
    assert parse_dateline("Ravipur, Apr 9 (PTI) The club said") == (
        Dateline(place="Ravipur", date="Apr 9"),
        "PTI",
    )
    # a press wire between double dashes, the city in capitals
    dl, credit = parse_dateline("SPRINGVALE, Ore.--(BUSINESS WIRE)--Acme today said") or (
        None,
        None,
    )
    assert dl == Dateline(place="Springvale, Ore.", date=None) and credit == "Business Wire"
    # the American form: a capitalised place set off by a long dash
    assert parse_dateline("Elm Hollow, Minn. — The mill closed") == (
        Dateline(place="Elm Hollow, Minn.", date=None),
        None,
    )
    # a sentence with a dash or a colon is not a dateline
    assert parse_dateline("Meanwhile, the council - it said - waited") is None
    assert parse_dateline("The mayor said: we will") is None


def test_names_byline_keeps_cue_and_names() -> None:
    from newsfold.extract.credits import names_byline

    assert names_byline("By Ann Lee and Bo Kim") == "By Ann Lee and Bo Kim"
    assert names_byline("Posted by Tomas de la Vega on") == "by Tomas de la Vega"
    assert (
        names_byline("Von Lisa Berg, Uwe Kahl und Eva Roth")
        == "Von Lisa Berg, Uwe Kahl und Eva Roth"
    )
    assert names_byline("Von Lisa Berg, dpa") == "Von Lisa Berg, dpa"


def test_names_byline_rejects_headings_and_labels() -> None:
    from newsfold.extract.credits import names_byline

    assert names_byline("Von Brot bis Kuchen") is None  # a heading: "bis" is no name particle
    assert names_byline("By Course/Ingredient:") is None
    assert names_byline("By the way, the road is closed") is None
    assert names_byline("Ann Lee") is None  # no cue
    assert names_byline("By One Two Three Four Five") is None


def test_clean_byline_drops_invisible_characters() -> None:
    from newsfold.extract.credits import clean_byline

    assert clean_byline(["Von Ju\u00adlia\u00adne Mertz"]) == "Von Juliane Mertz"


def test_clean_byline_cuts_a_verb_or_date_before_the_cue() -> None:
    from newsfold.extract.credits import clean_byline

    assert clean_byline(["Erschienen am 4. Mai 2023 von Lena Vogt"]) == "von Lena Vogt"
    assert clean_byline(["Written by Omar Haddad on June 2, 2021"]) == "by Omar Haddad"
    assert clean_byline(["Posted by Ilse Marren in Travel | Tags: ferries, weather"]) == (
        "by Ilse Marren"
    )
    # "von" is a name particle too: a given name before it stays
    assert clean_byline(["Kaspar von Aue 12. März 2022"]) == "Kaspar von Aue"
    assert clean_byline(["By Ann Lee | Photo by Bo Kim"]) == "By Ann Lee | by Bo Kim"


WIRE_DATELINES = [
    # (paragraph, place, date, agency): the forms wires and outlets print
    ("WASHINGTON (AP) — The committee met behind closed doors.", "Washington", None, "AP"),
    ("LONDON, Jan 5 (Reuters) - Shares in the grocer fell.", "London", "Jan 5", "Reuters"),
    ("LONDON, 5 Jan (Reuters) - Shares in the grocer fell.", "London", "5 Jan", "Reuters"),
    ("NEW DELHI: The panel will meet again on Friday.", "New Delhi", None, None),
    ("Seoul, July 18 (Yonhap) -- Senior diplomats of the two", "Seoul", "July 18", "Yonhap"),
    ("Seoul, July 18 Senior diplomats of the two countries met", "Seoul", "July 18", None),
    (
        "Port Ardmore, Oct. 2, 2024 Fishing crews returned early",
        "Port Ardmore",
        "Oct. 2, 2024",
        None,
    ),
    ("Rio de Janeiro, Jan 5 Organisers of the parade said", "Rio de Janeiro", "Jan 5", None),
]


def test_wire_dateline_forms() -> None:
    for paragraph, place, date, agency in WIRE_DATELINES:
        assert parse_dateline(paragraph) == (Dateline(place=place, date=date), agency), paragraph


def test_sentence_opening_with_a_date_is_not_a_bare_dateline() -> None:
    # a capitalised word and a date, then a capitalised word: ordinary sentences, not datelines
    for sentence in (
        "On Jan 5 The council voted to close the pool.",
        "Monday, Jan 5 The council met for an hour.",
        "Since March 3 Officials have kept the road shut.",
        "In Paris, March 3 Officials said nothing.",
        "Last year, March 3 Voters stayed at home.",
        "The council, March 3 Members agreed.",
        "Paris, March 3 is when the fair opens.",  # the text goes on in lower case
        "Seoul, July 18 2024 was a hot day.",  # a year, not the text, after the date
    ):
        assert parse_dateline(sentence) is None, sentence


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Lokales aus dem Kreis | von Hanna Weidmann", "von Hanna Weidmann"),
        ("Technik & Alltag | von Olaf Brenner", "von Olaf Brenner"),
        ("JURISTE | Par Paul Lemaire le", "Par Paul Lemaire"),
        ("By Ruth Cole | Ben Ortiz/Photo Agency", "By Ruth Cole"),
        ("Deportes - Por Ana Ruiz", "Por Ana Ruiz"),
    ],
)
def test_clean_byline_keeps_the_cued_part_of_a_line(line: str, expected: str) -> None:
    """A section, a label or a photo credit printed beside "by"/"von"/"par" and the name, cut
    off at the separator; a trailing preposition goes with it."""
    from newsfold.extract.credits import clean_byline

    assert clean_byline([line]) == expected


@pytest.mark.parametrize("line", ["Christoph von Ritter", "Jane Doe | Reporter"])
def test_clean_byline_keeps_a_line_without_a_leading_cue(line: str) -> None:
    from newsfold.extract.credits import clean_byline

    assert clean_byline([line]) == line


@pytest.mark.parametrize(
    "address", ["desk@harbourpost.example", "[email protected]", "https://harbourpost.example/desk"]
)
def test_clean_byline_drops_an_address_after_a_dash(address: str) -> None:
    """A credit printed twice, once with the desk's address after a spaced dash, is one credit."""
    from newsfold.extract.credits import clean_byline

    assert clean_byline(["AFP/Harbour Post", f"AFP/Harbour Post - {address}"]) == (
        "AFP/Harbour Post"
    )
    assert clean_byline(["Nina Holt - Reuters"]) == "Nina Holt - Reuters"


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Marta Soler | Economía | Actualizado al", "Marta Soler | Economía"),
        ("Jonas Keller Aktualisiert am 2. März 2023", "Jonas Keller"),
        ("Léa Morel mis à jour le 5 avril", "Léa Morel"),
        ("Actualizado el", None),
        ("Erstellt von Tilda Braun", "Erstellt von Tilda Braun"),  # a name after the cue
        ("By Tilda Braun", "By Tilda Braun"),
    ],
)
def test_a_chosen_byline_loses_a_time_label_in_any_language(
    byline: str, expected: str | None
) -> None:
    """An update's or a publication's cue in the languages of the month names, with the time
    after it or at the part's end, is a time's label, not part of a name."""
    from newsfold.extract.credits import without_time_labels

    assert without_time_labels(byline) == expected


def test_clean_byline_cuts_a_time_label_after_the_name() -> None:
    """A name with its time labelled after it in German or Spanish reads as the name; a line
    that is only a labelled time is left to the chosen byline's cleaning."""
    from newsfold.extract.credits import clean_byline

    assert clean_byline(["Tilda Braun aktualisiert am 3.5.2024"]) == "Tilda Braun"
    assert clean_byline(["Marta Soler, actualizado el 14/06/2021"]) == "Marta Soler"
    assert clean_byline(["Aktualisiert am 3.5.2024"]) == "Aktualisiert am"
