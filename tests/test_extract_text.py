"""The line classifier on page dumps written for these tests (fictional text)."""

from __future__ import annotations

import re

import xxhash
from hypothesis import given
from hypothesis import strategies as st

from newsfold import extract_text
from newsfold.extract.templates import TemplateStats, line_key
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
        "The independent voice of the fjord towns since 1902, read along the whole coast.",
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
    # without the corpus the long tagline is not known to be chrome
    alone = classify_dump(pages[0], None)
    assert chrome[1] not in {r.text for r in alone.removed if r.reason == "template"}


def test_page_without_article_is_rejected() -> None:
    import pytest

    from newsfold.errors import InputError

    with pytest.raises(InputError) as e:
        extract_text("Home\nNews\nSport\nContact us", source="menu.txt")
    assert e.value.reason == "no_article" and "menu.txt" in str(e.value)


def test_title_bar_suffixes_and_breadcrumbs() -> None:
    from newsfold.extract.headline import _strip_site_suffix
    from newsfold.extract.lines import _debreadcrumb

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


# --- the article's block: threads, tables, lists, boxes set inside the text -----------------

_STORY = [
    "The county council voted on Tuesday to rebuild the old swing bridge over the Marrow canal, "
    "ending a dispute that had kept the crossing closed to traffic for almost three years.",
    "Engineers will replace the rusted turning gear and the timber deck, and the council expects "
    "the bridge to open again for cyclists and walkers by the end of next summer.",
    "Residents on both banks had campaigned for the repair, saying the detour through the "
    "industrial estate added twenty minutes to the school run every morning.",
]

_HEAD = ["Swing bridge to be rebuilt - Canal Gazette", "Swing bridge to be rebuilt", "By Ana Ruiz"]


def _reasons(page: str) -> dict[str, str]:
    return {r.text: r.reason for r in extract_text(page, outlet="t").removed}


def test_a_comment_thread_under_the_heading_is_not_the_article() -> None:
    thread = []
    for k, name in enumerate(["Priya N.", "Tomas B.", "Edda K.", "Ruth L."]):
        thread += [
            f"{name} on March {k + 3}, 2024 at 4:1{k} pm said:",
            "I cycle over that bridge every day and the detour has been miserable, so this is "
            "good news, though I will believe the opening date when I actually see it myself.",
            "The council promised the same thing two years ago and nothing happened, which is "
            "why so many of us stopped going to the public meetings about the canal crossings.",
        ]
    page = "\n".join(
        [
            "Swing bridge to be rebuilt - Canal Gazette",
            "Swing bridge to be rebuilt",
            "March 2, 2024 | by Ana Ruiz",
            _STORY[0],
            "3 Comments",
            *thread,
        ]
    )
    a = extract_text(page, outlet="canal-gazette")
    assert a.paragraphs == [_STORY[0]]


def test_a_data_table_is_part_of_the_article() -> None:
    rows = [f"{i} Team {name} {30 - i} {20 - i} {i} {60 - 2 * i}" for i, name in
            enumerate(["Alder", "Birch", "Cedar", "Damson", "Elm"], start=1)]  # fmt: skip
    page = "\n".join(
        [
            "League table | Canal Gazette | Sport | Results | Fixtures",
            "Home",
            "Sport",
            "League table",
            "Updated March 2, 2024",
            "Here is the league table after the twentieth round of the regional amateur league.",
            "Pos Team Played Won Drawn Points",
            *rows,
            "Menu",
            "Contact us",
        ]
    )
    a = extract_text(page, outlet="canal-gazette")
    assert all(row in a.paragraphs for row in rows)
    assert "Menu" not in a.paragraphs


def test_a_numbered_list_after_a_paragraph_is_text_but_a_most_read_list_is_not() -> None:
    items = ["1) A spare inner tube", "2) A pump that fits the valve", "3) Tyre levers"]
    most_read = ["1 Council budget set", "2 Library hours cut", "3 Fog delays ferries"]
    page = "\n".join(
        [
            "What to carry on a long ride - Canal Gazette",
            "What to carry on a long ride",
            "By Ana Ruiz",
            "Before a long ride along the towpath, check that you carry the few things that "
            "will get you home after a puncture, whatever the weather does:",
            items[0],
            "https://shop.example/tube",
            items[1],
            items[2],
            "Most read",
            *most_read,
        ]
    )
    a = extract_text(page, outlet="canal-gazette")
    assert all(item in a.paragraphs for item in items)
    assert not any(item in a.paragraphs for item in most_read)


def test_a_related_box_inside_the_text_does_not_cut_it() -> None:
    page = "\n".join(
        [
            *_HEAD,
            _STORY[0],
            _STORY[1],
            "Related articles",
            "Canal towpath to close for winter repairs",
            _STORY[2],
            "The council will publish the contract for the works next month, and a public "
            "meeting on the timetable is planned for April at the town hall.",
        ]
    )
    a = extract_text(page, outlet="canal-gazette")
    assert _STORY[2] in a.paragraphs
    assert "Canal towpath to close for winter repairs" not in a.paragraphs


def test_calls_to_action_notices_and_author_notes_are_removed() -> None:
    extras = {
        "Ana Ruiz is a reporter for the Canal Gazette covering transport and the council.": (
            "author_bio"
        ),
        "Sign up for our morning newsletter and get the day's news in your inbox.": (
            "call_to_action"
        ),
        "Follow the Canal Gazette on Twitter and Facebook for more local news.": "call_to_action",
        "We use cookies to give you the best experience on our website.": "site_notice",
    }
    page = "\n".join([*_HEAD, *_STORY, *extras])
    a = extract_text(page, outlet="canal-gazette")
    assert a.paragraphs == _STORY
    reasons = {r.text: r.reason for r in a.removed}
    for line, reason in extras.items():
        assert reasons[line] == reason


def test_photo_credits_and_gallery_counters_are_captions() -> None:
    captions = [
        "The bridge has been closed since 2021. (AP Photo/Jo Bell)",
        "Photo by Jo Bell/Getty Images",
        "2 of 5 Workers inspect the turning gear of the bridge on Tuesday morning before the "
        "council meeting, where the final vote on the repair took place after a long debate.",
    ]
    page = "\n".join([*_HEAD, _STORY[0], *captions, _STORY[1], _STORY[2]])
    reasons = _reasons(page)
    assert all(reasons[c] == "caption" for c in captions)


def test_gallery_captions_printed_again_and_again_are_not_the_body() -> None:
    """A slideshow prints each caption once per slide, in its index and under its thumbnail (a
    browser's innerText glues the counter on: "1of4Workers ..."); an article prints each
    paragraph once, and a paragraph printed twice (a summary above the text) counts once."""
    caption = (
        "Workers inspect the turning gear of the bridge on Tuesday morning, before the council "
        "met for the final vote on the repair."
    )
    story = [_STORY[0], caption, "1of4" + caption, _STORY[1], caption, _STORY[2], caption]
    page = "\n".join([*_HEAD, *story, _STORY[1]])
    reasons = _reasons(page)
    assert reasons[caption] == "repeated"
    assert reasons["1of4" + caption] == "caption"
    body = extract_text(page, kind="text").paragraphs
    assert caption not in body and body.count(_STORY[1]) == 1
    assert all(p in body for p in _STORY[:3])


def test_read_also_in_other_languages() -> None:
    from newsfold.extract import cues

    assert cues.RELATED_HEADING.match("Lesen Sie auch")
    assert cues.RELATED_HEADING.match("Leia também:")
    assert cues.INLINE_LINK.match("Lire aussi : Le pont rouvrira en été")
    assert not cues.INLINE_LINK.match("Lire un livre sur le pont")


def test_a_short_headline_under_a_title_bar_of_many_parts() -> None:
    page = "\n".join(
        [
            "Swing bridge works | Canal Gazette | News | Sport | Weather",
            "Home",
            "News",
            "A very long teaser paragraph about something else entirely that sits in the "
            "sidebar of the page and goes on long enough to look like text of some kind.",
            "Swing bridge works",
            "March 2, 2024 10:00",
            *_STORY,
        ]
    )
    a = extract_text(page, outlet="canal-gazette")
    assert a.paragraphs == _STORY
    assert a.headline == "Swing bridge works"


def test_site_hints_come_from_the_host_of_a_url() -> None:
    from newsfold.extract.headline import site_hints

    hints = site_hints("https://www.canal-gazette.example/news/bridge-works.html", None)
    assert hints == frozenset({"canalgazette"})


def test_an_app_banner_on_every_page_is_not_the_headline() -> None:
    """The banner is template on every page and title-shaped; the headline under it has the
    byline under it."""
    pages = []
    for i, title in enumerate(["Swing bridge to be rebuilt", "Towpath closed for repairs",
                               "Lock keeper retires", "Ferry fares frozen"]):  # fmt: skip
        pages.append(
            "\n".join(
                [
                    "The Canal Gazette",
                    "Home | News | Sport | Weather",
                    "Get the Canal Gazette app for breaking news alerts and live coverage",
                    title,
                    "By Ana Ruiz",
                    f"{i + 2} March 2026, 09:00",
                    *(f"{title}: {p}" for p in _STORY),
                ]
            )
        )
    stats = TemplateStats.learn(("gazette", p.splitlines()) for p in pages)
    result = classify_dump(pages[0], stats.for_outlet("gazette"))
    assert result.headline == "Swing bridge to be rebuilt"


def test_sign_off_under_some_of_an_outlet_stories_is_template() -> None:
    """A long notice printed word for word under a third of an outlet's many stories is its
    sign-off; the same share on a handful of pages (updates of one story) is not."""
    from newsfold.extract.templates import OutletTemplate

    sign_off = (
        "The Fjord Courier is committed to accurate reporting; if you have spotted an error in "
        "this story, write to our corrections desk and an editor will reply within two days."
    )

    def stats(n_pages: int, with_sign_off: int) -> OutletTemplate:
        pages = [
            [f"Story {i} headline", f"Story {i} text about the harbour."]
            + ([sign_off] if i < with_sign_off else [])
            for i in range(n_pages)
        ]
        t = TemplateStats.learn(("fjord", p) for p in pages).for_outlet("fjord")
        assert t is not None
        return t

    assert stats(40, 14).is_template(sign_off)  # 35% of 40 pages
    assert not stats(40, 6).is_template(sign_off)  # 15%: a story's paragraph, not a sign-off
    assert not stats(8, 3).is_template(sign_off)  # 3 of 8 pages: too few to tell


def test_markup_printed_as_text_is_not_the_article() -> None:
    """A page whose markup broke dumps its source: lines carrying HTML tags are removed as
    ``markup``, and a page that is nothing else has no article."""
    story = (
        "The regional council agreed on Tuesday to extend the night bus service to the airport, "
        "after a year in which passenger numbers on the late routes doubled."
    )
    source = '<div class="nav"><a href="/">Home</a></div> <script src="/js/menu.js"></script>'
    result = classify_dump(f"Night buses reach the airport\n\n{story}\n\n{source}\n")
    assert story in result.paragraphs
    assert {r.text: r.reason for r in result.removed}[source] == "markup"
    # a sentence that mentions one tag is still text
    one = "The page told readers to paste the <br> tag where they wanted a line break in the text."
    assert classify_dump(f"How to edit\n\n{story}\n\n{one}\n").paragraphs[-1] == one


def test_a_forms_long_option_lists_are_not_the_body() -> None:
    """A search form under the article prints its drop-down lists as long lines: one of
    capitalised names, one of prices. Neither is running text, and neither outweighs it."""
    kinds = " ".join(f"Trade{i} Works & Supplies{i}" for i in range(30))
    towns = " ".join(f"Town{i}ville" for i in range(40))
    prices = " ".join(f"{20 + 5 * i},000" for i in range(45))
    page = "\n".join(
        [
            "Home | News | Sport | Jobs | Motors",
            "Rescuers reach stranded hikers on Varden ridge",
            "17:20, May 4 2024",
            *BODY,
            "Top | Back | E-mail to a friend | Printable version",
            "Find your new job:",
            "Industry",
            kinds,
            "Location",
            towns,
            "Find your new home:",
            "Minimum price £",
            prices,
            "Maximum price £",
            prices,
        ]
    )
    r = classify_dump(page)
    assert r.paragraphs == [p for p in BODY if not p.startswith("Also read")]
    assert {x.text for x in r.removed} >= {kinds, towns, prices}


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_line_keys_fold_case_spacing_and_numbers_as_their_definition(line: str) -> None:
    """``line_key`` folds spacing without a regex; the key is the one its definition gives
    (the store keeps the counts, so the key must never change)."""
    norm = re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))
    want = xxhash.xxh64_intdigest(norm.encode("utf-8", "surrogatepass")) & 0x7FFF_FFFF_FFFF_FFFF
    assert line_key(line) == want
    assert line_key(f"  {line.upper()}\u00a0") == line_key(line.upper())
