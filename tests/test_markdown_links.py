"""html2text's links read as the words a reader sees (``extract/markdown.py``)."""

from __future__ import annotations

from newsfold.extract.markdown import plain_markdown


def test_a_link_glued_to_the_word_before_gets_its_space_back() -> None:
    # html2text drops the space between a word and the link after it
    lines = ['12. Mai 2024 * __von[Mara Quill](https://example.org/autor/mq/ "Beiträge")']
    assert plain_markdown(lines) == ["12. Mai 2024 * von Mara Quill"]


def test_links_with_their_space_and_links_in_unspaced_scripts_stay_as_printed() -> None:
    assert plain_markdown(["Read [the report](/r) now"]) == ["Read the report now"]
    # a word of a script written without spaces runs into its link
    assert plain_markdown(["新闻[报道](/r)"]) == ["新闻报道"]
    # back-to-back links stay a line each
    assert plain_markdown(["[Home](/)[News](/news)"]) == ["Home", "News"]


def test_cards_of_a_box_a_space_apart_are_a_line_each() -> None:
    # html2text prints a link around an image and a title ("[ ![](img) Title ](url)") with a
    # blank at its start, and a box of such cards on one line; links in a sentence stay on it
    line = (
        "[ ![pier](https://example.org/pier.jpg) Pier repairs begin in May ](https://example.org/a) "
        "[ ![boat](https://example.org/boat.jpg) New ferry named ](https://example.org/b)"
    )
    assert [t.strip() for t in plain_markdown([line])] == [
        "Pier repairs begin in May",
        "New ferry named",
    ]
    assert plain_markdown(["See [the pier](/p) [and the boat](/b) today"]) == [
        "See the pier and the boat today"
    ]


def test_only_a_sentence_left_under_a_link_joins_the_line_above() -> None:
    from newsfold.extract.markdown import joined_continuations

    lines = ["The board's report", "was read on Monday.", "", "Tide tables  ", "updated daily"]
    lines += ["Read the [notice](a b.html)", "in full", "The pier is shut.", "more soon"]
    assert joined_continuations(lines) == [
        "The board's report was read on Monday.",
        "",
        "Tide tables  ",  # a hard break (html2text's <br>) stays
        "updated daily",
        "Read the [notice](a b.html)",  # a link left unread stays
        "in full",
        "The pier is shut.",  # a sentence's end stays
        "more soon",
    ]


def test_a_link_with_a_long_title_reads_as_its_text() -> None:
    # a box of another site's posts carries each post's summary in the link's title attribute,
    # hundreds of characters long; the reader sees the link's text only, not the summary
    summary = " ".join(["The harbour board met again to talk about the ferry timetable."] * 8)
    assert len(summary) > 300
    lines = [f'  * [Ferry times change in May](https://example.org/ferry "{summary}")']
    assert plain_markdown(lines) == ["  • Ferry times change in May"]


def test_a_line_that_the_wrap_began_with_a_link_goes_back_on_the_line_above() -> None:
    # html2text cut the sentence before the link, its markdown too long to fit on the line
    address = "https://example.org/2024/05/harbour-pilots-accept-new-night-roster-after-talks"
    lines = [
        "The roster, which was first reported by",
        f"[Herald]({address}), starts in April.",
    ]
    assert plain_markdown(lines) == [
        "The roster, which was first reported by Herald, starts in April."
    ]
    # a citation under its sentence
    cite = ["Night crews were short of pilots", f"([1]({address}))."]
    assert plain_markdown(cite) == ["Night crews were short of pilots (1)."]


def test_a_link_after_a_finished_line_or_a_short_link_stays_on_its_own_line() -> None:
    address = "https://example.org/2024/05/harbour-pilots-accept-new-night-roster-after-talks"
    # the line above ends a sentence, or is a heading, or a list of links
    assert len(plain_markdown(["The pilots voted on Monday.", f"[Harbour Herald]({address})"])) == 2
    assert len(plain_markdown(["## More stories", f"[Harbour Herald]({address})"])) == 2
    assert len(plain_markdown([f"[Ferry news]({address}),", f"[Harbour Herald]({address})"])) == 2
    # a link that would have fitted after the line: the line was cut for another reason
    assert plain_markdown(["Share", "[Mail](/m)"]) == ["Share", "Mail"]


def test_a_line_of_several_links_stays_on_its_own_line() -> None:
    address = "https://example.org/2024/05/harbour-pilots-accept-new-night-roster-after-talks"
    lines = ["Posted on May 4 by Mara Quill", f"[Harbour]({address}), [Port]({address})"]
    assert plain_markdown(lines) == ["Posted on May 4 by Mara Quill", "Harbour, Port"]


def test_a_date_the_wrap_cut_goes_back_together() -> None:
    from newsfold.extract.markdown import joined_continuations

    # html2text broke the line after a long link, between a date's day and its month
    lines = ["Harbour news Ann Reed 14.", "März 2023 0", "", "Pier notes 3 May", "2021, 10:00"]
    lines += ["", "The pier opened 14.", "Boats came in."]
    assert joined_continuations(lines) == [
        "Harbour news Ann Reed 14. März 2023 0",
        "",
        "Pier notes 3 May 2021, 10:00",
        "",
        "The pier opened 14.",  # no date goes on: the line stays
        "Boats came in.",
    ]
    # markdown escapes a number's dot at a line's start: html2text writes "14\\." everywhere
    assert joined_continuations(["Harbour news 14\\.", "März 2023"]) == [
        "Harbour news 14\\. März 2023"
    ]
    # a date whole on the line above is no cut one ("2 May 2021" over "10:00")
    assert joined_continuations(["Posted 2 May 2021", "2022 Annual Report"]) == [
        "Posted 2 May 2021",
        "2022 Annual Report",
    ]
