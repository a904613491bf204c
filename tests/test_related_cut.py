"""The boxes of other stories cut from an HTML extractor's paragraphs (``related_cut.py``)."""

from newsfold.extract.lines import _norm
from newsfold.extract.related_cut import cut_related

STORY = [
    "The harbour board voted on Tuesday to close the old ferry pier for repairs this spring.",
    "Repairs are expected to take four months and will cost the town about two million.",
]


def _body(*paragraphs: str) -> frozenset[str]:
    return frozenset(_norm(p) for p in paragraphs)


def test_box_under_related_heading_is_cut() -> None:
    paragraphs = [
        *STORY,
        "Related Posts:",
        "Ferry fares go up again",
        "New timetable for the island route starts in May, the operator said on its site...",
    ]
    assert cut_related(paragraphs, _body(*STORY)) == STORY


def test_text_resumes_where_the_dump_took_a_paragraph() -> None:
    closing = "The board will meet again in March to choose a builder for the new landing."
    paragraphs = [*STORY, "More from this section", "Ferry fares go up again", closing]
    assert cut_related(paragraphs, _body(*STORY, closing)) == [*STORY, closing]


def test_text_resumes_at_two_sentences_after_a_heading() -> None:
    # the dump classifier missed the text after the box: two sentences in a row are the text
    rest = [
        "Fishermen who moor at the pier will be moved to the north quay until the work is done.",
        "The council said the quay has room for thirty boats and will charge no extra fee.",
    ]
    paragraphs = [*STORY, "Most read in local news", *rest]
    assert cut_related(paragraphs, _body(*STORY)) == [*STORY, *rest]


def test_heading_the_dump_took_for_text_is_kept() -> None:
    paragraphs = [*STORY, "Related news", "A short note the article itself printed."]
    assert cut_related(paragraphs, _body(*paragraphs)) == paragraphs


def test_lone_web_address_is_dropped() -> None:
    paragraphs = [STORY[0], "http://www.example.org/news/story?id=1234&page=full", STORY[1]]
    assert cut_related(paragraphs, _body(*STORY)) == STORY
