"""Other stories under the article set apart by short lines (extract/listed.py: ``_chains``):
boxes of the site's sections under the text, each a box name, a headline, an image, one
summary and a "More ... »" link; and a "most read" list whose second item is as long as a
paragraph (extract/body.py: ``_mark_numbered_lists``). The pages are written here."""

from __future__ import annotations

from newsfold.api import extract_text
from test_around_cards import BODY

HEADLINE = "Pilots accept new night roster, ending port dispute"

BOXES = [
    (
        "HARBOUR NEWS",
        "Ferry operator orders two electric boats",
        "[ferry_small.jpg]",
        "WESTPORT -- The island ferry company said on Tuesday it had ordered two electric "
        "boats for the short crossing, to enter service within three years.",
        "More Harbour News »",
    ),
    (
        "BUSINESS",
        "Fish processor to add a night shift",
        "[plant.jpg]",
        "EASTBAY -- The largest fish processor on the coast will add a night shift in the "
        "spring and hire about forty people, its manager told the chamber of commerce.",
        "Markets | Local business | Jobs »",
    ),
    (
        "WEATHER",
        "Gale warning lifted for the northern coast",
        "[storm.jpg]",
        "The forecaster lifted its gale warning on Wednesday morning, a day earlier than "
        "expected, and said calmer weather would hold until the weekend.",
        "More Weather »",
    ),
]


def boxed_page() -> str:
    lines = [HEADLINE, "By Dana Reyes", *BODY, "Print this | E-mail this"]
    for box in BOXES:
        lines += list(box)
    lines += ["© 2024 Portside Wire", "About us | Contact"]
    return "\n\n".join(lines)  # a blank line between blocks, as a browser prints them


def test_boxes_of_other_stories_under_the_text_are_teasers() -> None:
    article = extract_text(boxed_page())
    assert article.paragraphs == BODY
    assert [(t.headline, t.text) for t in article.teasers] == [(b[1], b[3]) for b in BOXES]


def test_an_articles_sections_under_images_stay_its_text() -> None:
    # an article's own sections, each several paragraphs and a picture between them: no box
    lines = [HEADLINE, *BODY[:2]]
    for head, _, image, text, _ in BOXES:
        lines += [image, head.title(), text, f"{BODY[3]} {head.title()}."]
    article = extract_text("\n".join(lines))
    assert all(text in article.paragraphs for _, _, _, text, _ in BOXES)
    assert article.teasers == []


MOST_READ = [
    "1. Council to vote on harbour parking",
    "2. Lifeboat crew rescues two walkers cut off by the tide below the cliffs (14)",
    "3. Bakery closes after sixty years (9)",
    "4. School wins county chess title (8)",
    "5. Road works on the bridge delayed (7)",
    "6. New bus timetable from Monday (6)",
]


def test_a_most_read_list_above_the_text_is_no_text_of_the_article() -> None:
    # the box opens with a note on what it lists, then items; the second is twelve words long
    lines = [
        HEADLINE,
        "Most Read Stories",
        "Our readers' top five, refreshed every hour.",
        *MOST_READ,
        *BODY,
        "© 2024 Portside Wire",
    ]
    article = extract_text("\n".join(lines))
    assert article.paragraphs == BODY


def test_the_section_above_a_related_heading_stays_the_articles() -> None:
    # the text's sections, each closing on a short line, the last one a subheading over a
    # paragraph; then the site's "Related stories" box, its first item under an author's name
    _, _, _, text, _ = BOXES[0]
    lines = [
        HEADLINE,
        *BODY,
        "The pilots start on Monday.",
        "FERRIES NEXT",
        text,
        "Ferries ran late on Sunday.",
        "Related stories",
        "Anna Berg",
        BOXES[1][1],
        BOXES[1][3],
        BOXES[2][1],
        BOXES[2][3],
        "© 2024 Portside Wire",
    ]
    article = extract_text("\n\n".join(lines))
    assert text in article.paragraphs
