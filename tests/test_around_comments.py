"""Comments under an article stay out of its body (extract/around.py: ``comment_stops``): a
comment section's heading, or a thread of dated posts each with its text, ends the article's
text even where a comment is as long as a paragraph of it. Dumps written here."""

from __future__ import annotations

import pytest

from newsfold.api import extract_text
from newsfold.extract.around import comment_stops
from newsfold.extract.text import _labelled_lines

BODY = [
    "The county council agreed on Tuesday to keep the lido open for another summer after a "
    "petition signed by four thousand residents asked it to delay the closure.",
    "Councillors said the pool would need new filters before it could open in May, and that "
    "the work would be paid for from the leisure budget.",
    "A report to the council had put the cost of keeping the lido open at about ninety "
    "thousand pounds a year, most of it for heating and staff.",
]
COMMENT = (
    "I have swum there every summer since I was a child and I think the council should have "
    "found the money years ago instead of letting the place run down the way it did."
)


def page(between: list[str]) -> str:
    return "\n".join(["Lido saved for another summer", *BODY, *between, "© 2024 County Echo"])


def test_a_comment_heading_ends_the_text() -> None:
    for heading in ("Have your say", "Comments are now closed for this story", "Add your comment"):
        article = extract_text(page([heading, COMMENT, "Jo, Millbrook"]))
        assert article.paragraphs == BODY, heading


def test_a_thread_of_dated_posts_ends_the_text() -> None:
    thread = []
    for who, when in (
        ("Dom, Millbrook", "5:19pm Tue 1 Jan 08"),
        ("Al, Eastfield", "6:02pm Tue 1 Jan 08"),
    ):
        thread += [f"Posted by: {who} on {when}", COMMENT, "Quote | Report this post"]
    article = extract_text(page(thread))
    assert article.paragraphs == BODY


MORE = [
    "Swimming clubs that train at the lido said they would start fundraising at once so that "
    "the council could not say again that nobody was willing to help with the running costs.",
    "The council will look again at the pool's future next winter, when a study of the site's "
    "old pipes is due, and officials said that no decision beyond this summer had been made.",
]


def test_dated_lines_inside_an_article_do_not_cut_it() -> None:
    # a list of dates (a tour) and embedded posts closing with a dated credit are the article's
    tour = [f"June {d} – Millbrook, ST @ The Riverside Hall" for d in (9, 10, 12, 14, 15)]
    embeds = [
        "— Ann Lee (@annlee) November 18, 2019",
        "The queue for the lido's last open day stretched round the block.",
        "— Bo Kim (@bokim) November 19, 2019",
    ]
    for inner in (tour, embeds):
        lines = _labelled_lines(
            "\n".join(["Lido saved for another summer", *BODY, *inner, *MORE]), None
        )
        assert not comment_stops(lines), inner[0]
    # the text goes on below a tour list (other sentences: a paragraph printed twice counts once)
    assert extract_text("\n".join([*BODY, *tour, *MORE])).paragraphs[-1] == MORE[-1]


@pytest.mark.xfail(
    strict=True,
    reason="known weakness, older than the comment stops (dc97678 does the same): the body's "
    "clusters end at embedded posts' dated credit lines, so the text below them is lost",
)
def test_the_text_goes_on_below_embedded_posts() -> None:
    embeds = [
        "— Ann Lee (@annlee) November 18, 2019",
        "The queue for the lido's last open day stretched round the block.",
        "— Bo Kim (@bokim) November 19, 2019",
    ]
    assert extract_text("\n".join([*BODY, *embeds, *MORE])).paragraphs[-1] == MORE[-1]


LONG_COMMENT = [
    "I have swum there every summer since I was a child and I think the council should have "
    "found the money years ago instead of letting the place run down the way it did, because "
    "a town of this size needs somewhere for children to learn to swim in the open air.",
    "The filters were broken when my own children were small and nothing was done about them "
    "then either, so forgive me if I do not believe a word of what the leisure committee says "
    "about new filters by May, or about any of the other promises made in the report.",
    "If the council wants people to believe it this time it should publish the figures for "
    "the last ten summers and let the swimming clubs see where the money for the lido went.",
]


def test_a_comment_link_above_the_text_opens_no_comment_zone() -> None:
    """A "Comment | Read Comments (1)" link by the byline is a comment widget above the article:
    the comments open at the heading under the text, so a comment longer than the article is
    below the comments and the article is not."""
    text = "\n".join(
        [
            "Lido saved for another summer",
            "Jo Bloggs, Staff Reporter | January 01 2008",
            "Comment | Read Comments (1)",
            *BODY,
            "Add Comment",
            "Posted by: Dom, Millbrook on 4:05pm Tue 1 Jan 08",
            *LONG_COMMENT,
            "Quote | Report this post",
        ]
    )
    assert extract_text(text).paragraphs == BODY


REPLIES = [
    COMMENT,
    "Better late than never, and I hope the clubs get their lanes back before the warm weather "
    "comes round again, because the indoor pool is far too crowded in June.",
    "Ninety thousand pounds a year is a lot of money for a pool that opens three months a year "
    "and I would rather see it spent on the library.",
]
SIGNATURES = ["Jo Bloggs, Millbrook", "Al, Eastfield, UK", "sam ray, leeds,"]


def test_a_thread_of_signed_comments_ends_the_text() -> None:
    """Comments signed under their text with a name and a place, no time, no heading above
    them (a renderer that drops it, printed in a ``noscript``) and the form to add one under
    them: the first comment, right under the article's last paragraph, is not taken for one
    more paragraph of it."""
    for n in (2, 3):
        thread = [x for pair in zip(REPLIES[:n], SIGNATURES[:n], strict=True) for x in pair]
        article = extract_text(page([*thread, "Have your say", "Name", "Town"]))
        assert article.paragraphs == BODY, n


def test_readers_letters_signed_alike_stay_in_the_article() -> None:
    # the same shape with no comment form under it: letters the article prints, its own text
    letters = [x for pair in zip([*MORE, REPLIES[1]], SIGNATURES, strict=True) for x in pair]
    text = "\n".join(["Lido saved for another summer", *BODY, *letters, "© 2024 County Echo"])
    assert extract_text(text).paragraphs[-1] == REPLIES[1]


def test_one_signed_quote_in_an_article_does_not_cut_it() -> None:
    # a caption or a quote's source under a paragraph, once, is the article's: no thread
    inner = [MORE[0], "Jo Bloggs, Millbrook"]
    article = extract_text("\n".join(["Lido saved for another summer", *BODY, *inner, MORE[1]]))
    assert article.paragraphs[-1] == MORE[1]


def test_text_run_into_one_line_counts_above_a_comment_heading() -> None:
    """A renderer that runs the article's paragraphs into one line and breaks it where the
    markup does, mid-sentence: the line holds the sentences a comment heading needs above it
    to close the text, so the notice under the heading is no paragraph of the article."""
    run_on = " ".join(BODY)[:-1] + " and the pool"
    notice = (
        "Readers may post comments about this article below, and should include their full "
        "name and town when commenting, as it may take several minutes for them to appear."
    )
    text = "\n".join(
        ["Lido saved for another summer", run_on, "reopens in May.", "Article Comments", notice]
    )
    assert notice not in extract_text(text).paragraphs
