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
