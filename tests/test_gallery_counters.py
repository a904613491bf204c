"""A gallery's counter printed on lines of its own ("2", "of", "3") above each caption, as a
renderer that prints each text node on a line prints it: the counter and the caption under it
are a caption, and the caption's copies with them (``gallery.mark_split_counters``)."""

from __future__ import annotations

from newsfold.api import extract_text
from newsfold.extract.text import _labelled_lines

CAPTIONS = [
    "A ferry waits at the northern pontoon while crews inspect the old wharf on Tuesday.",
    "Engineers measure the rotten pilings under the main wharf at low tide, Tuesday, in the rain.",
    "Commuters queue for the first boat from the temporary pontoon before dawn on Wednesday.",
]
TEXT = [
    "The harbour board voted on Tuesday to close the old ferry terminal for the winter, after "
    "an inspection found that a third of the pilings under the main wharf had rotted through.",
    "Commuters will be moved to a temporary pontoon on the northern bank of the river, where "
    "the first boat will leave at six in the morning from next Monday until the spring.",
    "A local skipper said the crews had warned the board about the state of the wharf for "
    "years, and that the closure came as no surprise to anyone who works on the river.",
    "The board said the terminal would reopen in April if the repairs kept to their schedule.",
]


def _gallery(counter: list[str] | None = None) -> list[str]:
    lines = ["Ferry terminal to close for the winter", "Share", "3"]
    for k, caption in enumerate(CAPTIONS, 1):
        lines += [*(counter or [str(k), "of", str(len(CAPTIONS))]), caption]
    return lines


def test_a_counter_over_three_lines_labels_the_caption_under_it() -> None:
    labelled = _labelled_lines("\n".join([*_gallery(), *TEXT]), None)
    by_text = {ln.text: ln.label for ln in labelled}
    assert all(by_text[c] == "caption" for c in CAPTIONS)
    assert all(by_text[t] == "" for t in TEXT)
    assert by_text["of"] == "caption"


def test_a_copy_of_the_caption_without_its_counter_is_a_caption() -> None:
    """The picture's own slide prints the first caption, without the counter, above the
    gallery (the copy under the counter is then a repeat)."""
    labelled = _labelled_lines("\n".join([CAPTIONS[0], *_gallery(), *TEXT]), None)
    assert labelled[0].text == CAPTIONS[0] and labelled[0].label == "caption"


def test_the_body_leaves_the_gallery_out() -> None:
    """Through the whole path, where the unwrapping joins "1" and "of" into one line."""
    body = extract_text("\n".join([*_gallery(), *TEXT]), kind="text").body
    assert TEXT[0] in body and TEXT[-1] in body
    assert not any(c in body for c in CAPTIONS)


def test_a_link_under_a_counter_and_a_lone_number_keep_no_label() -> None:
    """A counter over a short link ("Back to gallery") and a number alone above the text are
    no caption: only a caption of ALT_MIN_WORDS words or more under a whole counter is."""
    lines = ["1 / 1", "Back to gallery", "2", "of", *TEXT]
    labelled = _labelled_lines("\n".join(lines), None)
    assert all(ln.label == "" for ln in labelled)


def test_a_date_alone_above_a_paragraph_is_no_counter() -> None:
    """ "11/19" reads as "11 of 19" only with a blank either side of the slash."""
    labelled = _labelled_lines("\n".join(["Ferry terminal to close", "11/19", *TEXT]), None)
    assert all(ln.label == "" for ln in labelled if ln.text in TEXT)
