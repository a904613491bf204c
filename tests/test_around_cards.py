"""Runs of other stories' cards under an article (extract/around.py: ``card_spans``): each card
a teaser with its outlet, time, headline and text, never a paragraph of the body. The dumps are
written here, in the layouts renderers give (a line per block, or blank lines between)."""

from __future__ import annotations

from newsfold.api import extract_text

FETCHED = "2024-03-18T12:00:00+00:00"

BODY = [
    "Harbour pilots in the northern port voted on Monday to accept a new roster that ends "
    "twelve-hour night shifts, after a dispute that delayed ships for three weeks.",
    "The port authority said the roster would add four pilots to each night crew and that the "
    "first of them would start work at the beginning of April.",
    "A spokesperson for the pilots said members had backed the deal by a wide margin and that "
    "the overtime ban would be lifted at midnight.",
    "Shipping agents said it would take about a week to clear the queue of vessels waiting "
    "outside the breakwater for a pilot to take them in.",
]


def summary(topic: str) -> str:
    """A long teaser text, as card blocks print them: several hundred words in one line."""
    sentence = (
        f"The {topic} was discussed at length by residents, officials and traders, who said "
        "that the plans published last week left several questions open about cost and timing. "
    )
    return sentence * 12  # about 300 words


CARDS = [
    (
        "Kestrel Bay Times",
        "11 hours ago",
        "Ferry fares to rise in May as fuel costs climb",
        "ferry",
    ),
    ("Inland Courier", "1 day ago", "Council approves new cycle lanes on the harbour road", "lane"),
    (
        "Morrow Valley News",
        "2 days ago",
        "Fish market to reopen after flood repairs are done",
        "market",
    ),
]


def page(cards: list[list[str]], *, blank: bool = False, header: list[str] | None = None) -> str:
    lines = [*(header or ["Pilots accept new night roster, ending port dispute"]), *BODY]
    lines += ["Portside Wire", "Home | World | Business | Sport", "Related Articles"]
    for card in cards:
        lines += card
    lines += ["© 2024 Portside Wire", "About us | Contact"]
    return ("\n\n" if blank else "\n").join(lines)


def outlet_cards() -> list[list[str]]:
    return [[o, t, f"- {o}", h, summary(s)] for o, t, h, s in CARDS]


def test_cards_become_teasers_with_outlet_time_and_headline() -> None:
    for blank in (False, True):
        article = extract_text(page(outlet_cards(), blank=blank), fetched_at=FETCHED)
        assert article.paragraphs == BODY
        assert [(t.outlet, t.headline) for t in article.teasers] == [(o, h) for o, _, h, _ in CARDS]
        assert [t.published for t in article.teasers] == [
            "2024-03-18T01:00:00+00:00",
            "2024-03-17T12:00:00+00:00",
            "2024-03-16T12:00:00+00:00",
        ]
        assert article.teasers[0].text == summary("ferry").strip()
        assert {r.reason for r in article.removed if "Ferry fares" in r.text} == {"teaser"}


def test_cards_in_other_layouts() -> None:
    # the time first, the source on the time's line, no source at all: any layout that repeats
    layouts = [
        [[t, h, summary(s)] for _, t, h, s in CARDS],
        [[f"{o} | {t}", h, summary(s)] for o, t, h, s in CARDS],
        [[h, o, t, summary(s)] for o, t, h, s in CARDS[:2]],  # two cards are a run
    ]
    for cards in layouts:
        article = extract_text(page(cards), fetched_at=FETCHED)
        assert article.paragraphs == BODY, cards[0][:2]
        assert [t.headline for t in article.teasers] == [h for _, _, h, _ in CARDS][: len(cards)]


def test_one_card_alone_or_a_comment_thread_is_not_a_run_of_cards() -> None:
    # one item is no layout: the text under a lone time line is left to the body rules
    lone = extract_text(page(outlet_cards()[:1]), fetched_at=FETCHED)
    assert not any(t.outlet == "Kestrel Bay Times" and t.text for t in lone.teasers)
    # comments (a name, a time, a text) have no headline: no teasers are made of them
    thread = [[f"Posted by reader{k}", f"{k} hours ago", summary("roster")] for k in (1, 2, 3)]
    article = extract_text(page(thread), fetched_at=FETCHED)
    assert all("reader" not in (t.outlet or "") for t in article.teasers)


def test_an_article_under_a_card_like_header_keeps_its_text() -> None:
    # the article's own header has a card's layout (outlet, time, headline), but many
    # paragraphs follow it where a card has one
    header = ["Portside Wire", "3 hours ago", "Pilots accept new night roster, ending port dispute"]
    article = extract_text(page(outlet_cards(), header=header), fetched_at=FETCHED)
    assert article.paragraphs == BODY
    assert len(article.teasers) == len(CARDS)
