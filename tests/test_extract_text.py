"""The line classifier on page dumps written for these tests (fictional text)."""

from __future__ import annotations

from newsfold import extract_text
from newsfold.extract.templates import TemplateStats
from newsfold.extract.text import classify_dump

BODY = [
    "OSLOVIK, May 4 (Reuters) - Rescue crews on Saturday reached the last of 14 hikers stranded "
    "on the Varden ridge after a late snowstorm closed the mountain road, regional officials said.",
    "The hikers, part of a guided group from three countries, had sheltered overnight in a stone "
    "hut below the summit while winds gusted above 90 kilometres per hour.",
    '"They did everything right, they stayed together and they stayed put," said rescue '
    "coordinator Ilse Marren, adding that two of the group were treated for mild hypothermia.",
    "Also read: Storm warnings issued for northern coast",
    "The mountain road is expected to reopen on Monday once ploughs clear drifts that reached "
    "two metres in places, the regional transport office said in a statement.",
    "Snowfall this late in spring is unusual but not unheard of in the range, according to the "
    "national weather service, which recorded a similar storm eleven years ago.",
]

PAGE = "\n".join(
    [
        "Home | News | World | Sport | Weather",
        "Sign in",
        "Open in app",
        "Rescuers reach stranded hikers on Varden ridge - The Fjord Courier",
        "Rescuers reach stranded hikers on Varden ridge after late snowstorm",
        "By Reuters | Updated: May 4, 2024 14:20 CEST",
        *BODY,
        "Disclaimer: This story is published from a syndicated wire feed and was not edited by our staff.",
        "Comments (12)",
        "Post a comment",
        "Related articles",
        "Coastal Wire",
        "2 hours ago",
        "Storm warnings issued for northern coast",
        "Forecasters expect gales along the northern coast through Sunday night.",
        "Valley News",
        "1 day ago",
        "Ferry timetable changes announced for summer",
        "The operator will add two evening sailings from June.",
        "© 2024 The Fjord Courier. All rights reserved.",
    ]
)


def test_body_headline_byline_and_times() -> None:
    a = extract_text(PAGE, outlet="fjord-courier", fetched_at="2024-05-05T10:00:00+00:00")
    assert a.headline == "Rescuers reach stranded hikers on Varden ridge after late snowstorm"
    assert a.paragraphs == [p for p in BODY if not p.startswith("Also read")]
    assert a.credits == ["Reuters"]
    assert a.dateline is not None and a.dateline.place == "Oslovik" and a.dateline.date == "May 4"
    assert a.updated == "2024-05-04T14:20:00+02:00"
    assert a.byline == "By Reuters"
    assert a.language == "en"


def test_every_removed_line_has_a_reason() -> None:
    a = extract_text(PAGE, outlet="fjord-courier", fetched_at="2024-05-05T10:00:00+00:00")
    reasons = {r.text: r.reason for r in a.removed}
    kept = set(a.paragraphs)
    for line in PAGE.splitlines():
        assert line in kept or line in reasons, line
    assert reasons["Also read: Storm warnings issued for northern coast"] == "inline_link"
    assert reasons["Comments (12)"] == "comment"
    assert reasons["Related articles"] == "related_heading"
    assert reasons[PAGE.splitlines()[6 + len(BODY)]] == "disclaimer"
    assert (
        reasons["Rescuers reach stranded hikers on Varden ridge - The Fjord Courier"]
        == "headline_repeat"
    )


def test_related_block_becomes_teasers_not_body() -> None:
    a = extract_text(PAGE, outlet="fjord-courier", fetched_at="2024-05-05T10:00:00+00:00")
    assert [t.headline for t in a.teasers] == [
        "Storm warnings issued for northern coast",
        "Ferry timetable changes announced for summer",
    ]
    assert a.teasers[0].outlet == "Coastal Wire"
    assert a.teasers[0].published == "2024-05-05T08:00:00+00:00"
    assert a.teasers[1].text == "The operator will add two evening sailings from June."
    assert not any("Forecasters" in p for p in a.paragraphs)


def test_outlet_template_learnt_from_corpus() -> None:
    chrome = [
        "Fjord Courier Daily Briefing",
        "Get our newsletter every morning, free of charge, in your inbox today.",
    ]
    pages = []
    for i in range(5):
        body = [
            f"Story number {i} tells of a council meeting where members debated the harbour budget "
            f"for the {i}th time this year, without reaching agreement on the final figure."
        ] * 3
        pages.append("\n".join([f"Council debates budget again, round {i}", *body, *chrome]))
    stats = TemplateStats.learn(("fjord", p.splitlines()) for p in pages)
    result = classify_dump(pages[0], stats.for_outlet("fjord"))
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons[chrome[1]] == "template"
    # without the corpus the long newsletter line is not known to be chrome
    alone = classify_dump(pages[0], None)
    assert chrome[1] not in {r.text for r in alone.removed if r.reason == "template"}


def test_page_without_article_is_rejected() -> None:
    import pytest

    from newsfold.errors import InputError

    with pytest.raises(InputError) as e:
        extract_text("Home\nNews\nSport\nContact us", source="menu.txt")
    assert e.value.reason == "no_article" and "menu.txt" in str(e.value)


def test_title_bar_suffixes_and_breadcrumbs() -> None:
    from newsfold.extract.text import _debreadcrumb, _strip_site_suffix

    assert (
        _strip_site_suffix("Quarry expansion approved - Region - The Valley Post")
        == "Quarry expansion approved"
    )
    assert (
        _strip_site_suffix("Mayor, council agree on budget | Valley Post")
        == "Mayor, council agree on budget"
    )
    assert _strip_site_suffix("Up - Down") == "Up - Down"  # nothing title-sized would be left
    assert _debreadcrumb("News » Region » Quarry expansion approved after long hearing") == (
        "Quarry expansion approved after long hearing"
    )
    assert _debreadcrumb("News / Region") == ""
    assert _debreadcrumb("Quarry expansion approved after a hearing that ran for days") == (
        "Quarry expansion approved after a hearing that ran for days"
    )


def test_editors_note_under_the_text_is_removed() -> None:
    from newsfold.api import extract_text

    dump = "\n".join(
        [
            "Tram line to reopen after repairs",
            "By Staff Writer",
            "The tram line through the old quarter will reopen on Monday after three weeks of "
            "repairs to the overhead wires, the city said.",
            "Crews replaced more than two kilometres of cable and renewed the poles along the "
            "river, officials told reporters on Friday.",
            "This article was supplied by a news agency and has not been edited by our staff.",
        ]
    )
    a = extract_text(dump)
    assert len(a.paragraphs) == 2
    assert any(r.reason == "editors_note" for r in a.removed)


def test_byline_cleaned_of_times_and_addresses() -> None:
    from newsfold.extract import clean_byline

    assert clean_byline(["2.4.24 09:10 von Jana Rolf Lesezeit: 3 Min."]) == "von Jana Rolf"
    assert clean_byline(["Ilse Brandt 3.11.2023"]) == "Ilse Brandt"
    assert clean_byline(["By Oren Pike | opike@example.org"]) == "By Oren Pike"
    assert clean_byline(["By Mara Quill | Reuters"]) == "By Mara Quill | Reuters"
    assert clean_byline(["Posted 3 hours ago"]) is None
