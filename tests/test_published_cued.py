"""A time a line says is the publication's, where the page's other places give another
(``published.py``): a cue in the text's first paragraph (a footer's sentence a text read from
the wrong start opens with)."""

from __future__ import annotations

from newsfold.api import extract_text

SENTENCES = [
    f"The harbour board met on Monday and settled item {n} of the plan for the new quay and"
    " the long sea wall."
    for n in ("one", "two", "three", "four", "five", "six")
]


def test_a_publication_cue_in_the_first_paragraph_dates_the_page() -> None:
    footer = (
        "Die Meldung wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und"
        " unter Hafen, Stadt und Verkehr abgelegt; die Kommentare dazu lassen sich als Feed"
        " abonnieren."
    )
    dump = "\n".join(
        [
            "Board settles the quay plan",
            "",
            footer,
            "",
            *SENTENCES,
            "",
            "« Older story: the ferry timetable 14.12.2019, 19 Uhr",  # the links to other posts
            "",
            "Newer story: the sea wall 15.05.2020 »",
        ]
    )
    assert extract_text(dump).published == "2019-11-27T15:21:00+00:00"
