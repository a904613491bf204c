"""A page's time where a renderer ran the time line onto the end of the standfirst or the
opening paragraph (``extract/lead_time.py``'s ``closing_time``, asked by ``published.py``)."""

from __future__ import annotations

from newsfold.api import extract_text
from newsfold.extract.lead_time import closing_time

SENTENCES = [
    f"The harbour board met on Monday and settled item {n} of the plan for the new quay."
    for n in ("one", "two", "three", "four", "five", "six")
]


def test_a_date_run_onto_the_end_of_the_standfirst_is_the_page_s() -> None:
    closing = "What did the board decide for the quay?Monday, 6 March 2023"
    assert closing_time([closing]) == "2023-03-06T00:00:00+00:00"
    assert closing_time(["The board met. 6 March 2023, 09:50"]) == "2023-03-06T09:50:00+00:00"
    # a date a sentence writes, at its end or with the sentence going on after it
    assert closing_time(["The board will meet again on 6 March 2023"]) is None
    assert closing_time(["The board met. On 6 March 2023 the members agreed"]) is None
    assert closing_time([closing], "2023-03-01T00:00:00Z") is None  # after the fetch
    standfirst = (
        "The board has argued over the new quay, its cost and its place on the old harbour front"
        " for many years, and the town has waited as long. What did it decide in the end?"
    )
    dump = "\n".join(
        [
            "Board settles the quay plan",
            "",
            f"{standfirst}Monday, 6 March 2023",
            "",
            "By Jane Doe",
            "",
            *SENTENCES,
        ]
    )
    assert (extract_text(dump).published or "")[:10] == "2023-03-06"


def test_a_date_alone_run_onto_a_caption_s_credit_is_the_page_s() -> None:
    caption = "The new quay at dusk. Harbour Photo | Jane Doe 03.11.2021"
    assert closing_time([caption]) == "2021-11-03T00:00:00+00:00"
    # a sentence closing on a date ends with its stop; one running on to it is lower-case there
    assert closing_time(["The quay opened. It stays closed until Sunday 03.11.2021."]) is None
    assert closing_time(["The quay opened. The rule holds since 03.11.2021"]) is None
    # lower-case in any script: a preposition opening with a letter outside ASCII
    assert closing_time(["Der Kai ist offen. Die Frist endet über 03.11.2021"]) is None
    assert closing_time(["Der Kai ist offen. Foto: Hafen | Émile Durand 03.11.2021"]) == (
        "2021-11-03T00:00:00+00:00"
    )
