"""A time a line says is the publication's, where the page's other places give another
(``published.py``): a cued time line over a later byline time, a cue in the text's first or
last paragraph (a footer the body kept)."""

from __future__ import annotations

from newsfold.api import extract_text

SENTENCES = [
    f"The harbour board met on Monday and settled item {n} of the plan for the new quay and"
    " the long sea wall."
    for n in ("one", "two", "three", "four", "five", "six")
]


def test_a_cued_publication_beats_a_later_unlabelled_time_under_the_headline() -> None:
    dump = "\n".join(
        [
            "Harbour News",
            "",
            "Published on 16 August 2019",
            "",
            "Board settles the quay plan",
            "",
            "24 August 2019 at 03:36",  # a later time: a comment's, an update's
            "",
            *SENTENCES,
            "",
            "Contact us",
        ]
    )
    article = extract_text(dump)
    assert (article.published or "")[:10] == "2019-08-16"
    assert (article.updated or "")[:10] == "2019-08-24"


def test_a_publication_cue_in_the_last_paragraph_dates_the_page() -> None:
    footer = (
        "Die Meldung wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und"
        " unter Hafen, Stadt und Verkehr abgelegt; die Kommentare dazu lassen sich als Feed"
        " abonnieren."
    )
    dump = "\n".join(
        [
            "Board settles the quay plan",
            "",
            *SENTENCES,
            footer,
            "",
            "« Older story: the ferry timetable 14.12.2019, 19 Uhr",  # the links to other posts
            "",
            "Newer story: the sea wall 15.05.2020 »",
        ]
    )
    assert extract_text(dump).published == "2019-11-27T15:21:00+00:00"
