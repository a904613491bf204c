"""An image's alt text printed beside its caption (lynx, w3m and resiliparse print it, a browser's
copy does not) is no paragraph of the story (``lines.says_twice``, ``lines.mark_alt_texts``).
The pages are written for these tests (fictional text)."""

from __future__ import annotations

import pytest

from newsfold import extract_text
from newsfold.errors import InputError
from newsfold.extract.lines import Line, mark_alt_texts, says_twice


def _line(text: str) -> Line:
    return Line(0, text, len(text.split()))


def test_a_line_that_says_the_same_thing_twice() -> None:
    # a teaser's image alt text before its link's title, and an alt text before its caption
    assert says_twice(
        _line("Harbour ferry adds two evening sailings Harbour ferry adds two evening sailings")
    )
    assert says_twice(
        _line(
            "a heron: A heron waits for the tide at dawn. © Field Agency A heron "
            "waits for the tide at dawn."
        )
    )


def test_a_line_of_times_is_no_alt_text() -> None:
    lines = [_line("Published: 9th May 2024 10:15 AM | Last Updated: 9th May 2024 10:15 AM")]
    mark_alt_texts(lines)
    assert lines[0].label == ""


def test_a_long_bar_of_links_keeps_its_own_weight() -> None:
    # a bar of share links says "Send this page to" again and again: no alt text, and a
    # caption's label would make it weigh less against the body than it does
    bar = " ".join(f"Send this page to {name}" for name in ("Hubble", "Kestrel", "Lumen", "Marl"))
    lines = [_line(bar + " Send this page to Nimbus Send this page to Osprey")]
    mark_alt_texts(lines)
    assert lines[0].label == ""


def test_prose_that_repeats_a_few_words_is_no_alt_text() -> None:
    # a quote that comes back to its own words, and a line too short to say anything twice
    assert not says_twice(
        _line(
            '"We hear that you are tired of waiting," the mayor said. "We hear that you want '
            'the bridge open before the winter comes and the river rises again."'
        )
    )
    assert not says_twice(_line("Ferry news Ferry news"))


def test_a_story_printed_twice_in_one_line_is_no_alt_text() -> None:
    # a page's two copies of its text run into one line: longer than any alt text and caption
    story = " ".join(BODY)
    assert not says_twice(_line(story + " " + story))


def test_an_alt_text_over_the_caption_that_opens_with_it() -> None:
    lines = [
        _line("Crews clear the pass road after the storm"),
        _line("Crews clear the pass road after the storm (Photo: Valley Wire)"),
        _line("Road crews worked through the night to clear the pass before the morning traffic."),
    ]
    mark_alt_texts(lines)
    # the caption under it is left to the rest of the classifier (its credit, its place)
    assert [ln.label for ln in lines] == ["caption", "", ""]


BODY = [
    "Road crews on Tuesday reopened the mountain pass that a landslide had closed for nine "
    "days, the regional transport office said, ahead of the first snow of the season.",
    "Engineers had worried that more rock would come down after heavy rain last week, but "
    "sensors fitted to the slope showed no movement over the weekend.",
    "The pass carries most of the freight between the two valleys, and hauliers had faced a "
    "detour of more than three hours while it was shut.",
    "A second road over the northern ridge will stay closed until spring, officials said, as "
    "repairs to its retaining walls cannot be finished before the frost.",
]
# lynx's print of a photo between the second and third paragraphs: its alt text, then its caption
ALT = (
    "a yellow digger: A digger clears rock from the pass road on Monday "
    "evening. © Valley Wire A digger clears rock from the pass road on Monday evening."
)


def test_alt_text_between_paragraphs_is_not_kept() -> None:
    page = "\n\n".join(["Mountain pass reopens after landslide", *BODY[:2], ALT, *BODY[2:]])
    a = extract_text(page, outlet="valley-post")
    assert a.paragraphs == BODY
    assert any(r.text == ALT and r.reason == "caption" for r in a.removed)


def test_an_empty_dump_is_rejected_as_before() -> None:
    # a renderer that printed nothing (html2text after a <head> never closed): no lines at all
    mark_alt_texts([])
    with pytest.raises(InputError):
        extract_text("\n\n", kind="text")


def test_a_long_caption_printed_twice_without_a_stop_is_an_alt_text() -> None:
    # a gallery's caption printed twice and its credit (no stop at the end), on one wrapped line
    # of running text: it weighs for the body as a paragraph does, so it is read as an alt text
    from newsfold.extract.body import is_running_text

    caption = (
        "Road crews clear rock from the mountain pass road on Monday evening, two days after "
        "the landslide, in the northern valley."
    )
    lines = [_line(f"{caption} {caption} Photo: Valley Wire")]
    assert is_running_text(lines[0])
    mark_alt_texts(lines, is_running_text)
    assert lines[0].label == "caption"


def test_an_alt_text_with_its_credit_and_a_description_says_twice() -> None:
    # the alt text opens with a description of the picture, the credit stands between the copies
    assert says_twice(
        _line(
            "a yellow digger on a road in the hills: Road crews clear rock from the pass "
            "road on Monday. © Valley Wire Road crews clear rock from the pass road on Monday."
        )
    )


# lynx's print of a photo between two paragraphs: its alt text and its caption, the same words
TWICE = "Hauliers wait at the foot of the pass road for the barrier to lift on Monday morning"


def test_a_caption_printed_twice_in_a_row_is_not_kept() -> None:
    # both copies go, the first too (the second alone was dropped as a repeat before)
    page = "\n\n".join(
        ["Mountain pass reopens after landslide", *BODY[:2], TWICE, TWICE, *BODY[2:]]
    )
    a = extract_text(page, outlet="valley-post")
    assert a.paragraphs == BODY
    assert [r.reason for r in a.removed if r.text == TWICE] == ["caption", "caption"]


def test_a_sentence_printed_twice_apart_keeps_its_first_copy() -> None:
    # printed again further down (a pull quote), not in a row: the first copy is the text's
    page = "\n\n".join(["Mountain pass reopens after landslide", *BODY, BODY[1]])
    a = extract_text(page, outlet="valley-post")
    assert a.paragraphs == BODY


def test_a_timestamp_printed_twice_in_a_row_keeps_its_weight() -> None:
    # a header's time line and its copy: still a time line each, not two captions that a
    # photo's caption above them could join the text across
    from newsfold.extract.text import classify_dump

    stamp = "Valley Wire November 19, 2024, 9:02 AM"
    caption = (
        "Road crews clear rock from the mountain pass road on Monday evening, two days after "
        "the landslide, in the northern valley, as hauliers wait below."
    )
    page = "\n".join(["Mountain pass reopens after landslide", caption, stamp, stamp, *BODY])
    result = classify_dump(page)
    assert result.paragraphs == BODY


def test_a_caption_printed_twice_around_its_credit_is_not_kept() -> None:
    # alt text, the picture's credit, the caption: the credit is a short line of its own (left
    # to the rest of the classifier, which reads a short line between paragraphs as a heading)
    page = "\n\n".join(
        ["Mountain pass reopens after landslide", *BODY[:2], TWICE, "Valley Wire", TWICE, *BODY[2:]]
    )
    a = extract_text(page, outlet="valley-post")
    assert [p for p in a.paragraphs if p in BODY] == BODY
    assert TWICE not in a.paragraphs
    assert [r.reason for r in a.removed if r.text == TWICE] == ["caption", "caption"]


def test_a_headline_printed_twice_above_the_text_stays_the_headline() -> None:
    # a breadcrumb's last item and the heading, the same words, above the text (no running
    # text over them): the headline, not a caption
    headline = "Mountain pass reopens to freight after nine days of repairs"
    page = "\n".join(["Home", "Regional news", headline, headline, *BODY])
    from newsfold.extract.text import _labelled_lines

    lines = _labelled_lines(page, None)
    assert [ln.label for ln in lines if ln.text == headline] == ["", ""]
    assert extract_text(page, outlet="valley-post").headline == headline
