"""An image's text printed above the article (a caption with its credit, the image's file name)
is never the headline (``headline._is_image_text``)."""

from __future__ import annotations

from newsfold.api import extract_text
from newsfold.extract.headline import _is_image_text

HEADLINE = "Ferry service to the islands resumes after the winter storms"
BODY = [
    "The ferry to the outer islands sailed again on Monday for the first time since January,"
    " after repairs to the pier that the storms had broken in two places.",
    "Islanders had relied on a small supply boat for six weeks, and the school on the largest"
    " island had closed because its teachers could not cross.",
    "The operator said the timetable would be back to normal by the end of the month, with two"
    " extra crossings on Saturdays until the backlog of freight is cleared.",
]


def test_image_texts() -> None:
    assert _is_image_text("[ferry-at-the-pier-2024.jpg]")
    assert _is_image_text("The ferry leaves the pier at dawn © Coast Agency/J. Doe")
    # a headline that names a format; a title bar whose parts underscores join (Chinese)
    assert not _is_image_text("Why the web is moving to .webp images")
    assert not _is_image_text("海外的新闻_频道_网站")
    assert not _is_image_text(HEADLINE)


CAPTION = "The ferry leaves the pier at dawn © Coast Agency/J. Doe"


def test_a_credited_caption_over_the_text_is_not_the_headline() -> None:
    # share buttons and the date between the headline and the picture's caption (main took the
    # caption: the body's next line, title-sized)
    dump = [
        *["Home", "Islands", "Weather", "Islands", HEADLINE],
        *["Facebook", "WhatsApp", "Twitter", "Email", "7 March 2024", CAPTION, *BODY],
    ]
    assert extract_text("\n".join(dump)).headline == HEADLINE
    # a menu between them
    dump = ["Home", HEADLINE, "Politics", "Sport", "Culture", "Islands", CAPTION, *BODY]
    assert extract_text("\n".join(dump)).headline == HEADLINE
