"""Cards of other stories below the text across a stretch of chrome, with no heading over them
(extract/listed.py: ``_tail_cards``): each card a line, its headline run into its summary or
its summary cut short with an ellipsis. They become teasers, not paragraphs. Dumps written here."""

from __future__ import annotations

from newsfold.api import extract_text
from test_around_cards import BODY
from test_around_lists import HEADLINE

FORM = ["Email this story", "Your name:", "Your email:", "Friend's email:", "Send"]
CARDS = [
    "Tugboat crews back pay offer The union representing the harbour's tug crews said on "
    "Thursday that members would vote next week on a pay offer from the port company...",
    "Lighthouse keepers' cottages sold Two of the cottages on the headland were sold at auction "
    "to a local trust that plans to open them to visitors next summer.",
]


def _page(lines: list[str]) -> str:
    return "\n".join([HEADLINE, *BODY, *lines, "© 2024 Portside Wire", "About us | Contact"])


def test_cards_under_a_form_become_teasers() -> None:
    article = extract_text(_page([*FORM, *CARDS]))
    assert article.paragraphs == BODY
    assert [t.headline for t in article.teasers][-2:] == CARDS


def test_paragraphs_under_chrome_that_are_no_cards_stay() -> None:
    tail = [
        "Pilots who worked the night shifts during the dispute will be paid for the hours, "
        "the authority said in a statement after the vote.",
        "The agreement runs for three years and will be reviewed in the second year.",
    ]
    article = extract_text(_page([*FORM, *tail]))
    assert article.paragraphs[-2:] == tail
