"""A gallery's caption printed twice, once with its counter ("2of3") and once without, is a
caption both times (``lines.mark_gallery_copies``)."""

from __future__ import annotations

from newsfold.extract.text import _labelled_lines

CAPTIONS = [
    "A ferry waits at the northern pontoon while crews inspect the old wharf on Tuesday.",
    "Engineers measure the rotten pilings under the main wharf at low tide.",
    "Commuters queue for the first boat from the temporary pontoon.",
]
TEXT = [
    "The harbour board voted on Tuesday to close the old ferry terminal for the winter.",
    "Commuters will be moved to a temporary pontoon on the northern bank of the river.",
    "A local skipper said the crews had warned about the state of the wharf for years.",
]


def test_a_caption_printed_again_without_its_counter_is_a_caption() -> None:
    lines = ["Ferry terminal to close"]
    for k, caption in enumerate(CAPTIONS, 1):
        lines += [caption, f"{k}of{len(CAPTIONS)}{caption}"]
    labelled = _labelled_lines("\n".join([*lines, *TEXT]), None)
    by_text = {ln.text: ln.label for ln in labelled}
    assert all(by_text[c] == "caption" for c in CAPTIONS)
    assert all(by_text[t] == "" for t in TEXT)


def test_a_paragraph_without_a_counted_copy_keeps_no_label() -> None:
    """Without a gallery's counted copy on the page, the same lines are the text's."""
    labelled = _labelled_lines("\n".join(["Ferry terminal to close", *CAPTIONS, *TEXT]), None)
    assert all(ln.label == "" for ln in labelled if ln.text in CAPTIONS)
