"""The article's text under its byline and timestamp outweighs a somewhat longer block elsewhere
(extract/body.py: ``_credit_blocks``), where the dump does not print the page's title twice (lynx
and w3m leave out the title bar). The dump is written here."""

from __future__ import annotations

from newsfold.api import extract_text

TEXT = (
    "Harbour pilots in the northern port voted on Monday to accept a new roster that ends "
    "twelve-hour night shifts, after a dispute that delayed ships for three weeks, and the port "
    "authority said the first of the new crews would start work at the beginning of April."
)
FOOTER = (
    "The Portside Wire reader desk can be reached with any question about a subscription, a "
    "delivery or an archive search by telephone on weekdays between eight and six, by post at "
    "the address below, or through the form on the contact page, and it answers within a day "
    "and a half in most cases."
)


def test_the_text_under_the_credits_is_the_article() -> None:
    assert len(TEXT.split()) < len(FOOTER.split()) < 1.5 * len(TEXT.split())
    lines = [
        "Home | World | Business | Sport",
        "Pilots accept new night roster, ending port dispute",
        "By Jane Doe",
        "November 20, 2019 10:43",
        TEXT,
        "Ferry fares to rise in May",
        "11/20/2019 01:14 PM",
        "Council backs harbour cycle lanes",
        "11/20/2019 10:08 AM",
        "Fish market reopens after repairs",
        "11/19/2019 09:39 PM",
        "Reader services",
        FOOTER,
        "About us | Contact",
    ]
    article = extract_text("\n".join(lines))
    assert article.paragraphs == [TEXT]


def test_a_cloud_of_tags_is_no_text() -> None:
    # sixty words in lower case with not one mark between them: a list of the site's tags
    cloud = " ".join(
        f"{w} {w}s"
        for w in [
            "harbour",
            "ferry",
            "council",
            "market",
            "pilot",
            "roster",
            "port",
            "fish",
            "lane",
        ]
    )
    cloud = " ".join([cloud] * 4)
    article = extract_text("\n".join(["Archive | Tags", cloud, "Pilots accept new roster", TEXT]))
    assert article.paragraphs == [TEXT]
