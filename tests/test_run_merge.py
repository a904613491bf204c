"""The body's runs joined across one light line (``run_merge.merge_runs``)."""

from __future__ import annotations

from newsfold.extract.run_merge import merge_runs

TOLERANCE, ACROSS, SIDE = 0.5, 20.0, 120.0


def _merged(runs: list[list[float]], gaps: list[float], light: list[bool]) -> list[list[float]]:
    merge_runs(runs, gaps, light, TOLERANCE, ACROSS, SIDE)
    return runs


def test_two_texts_join_across_a_light_line_between_two_links() -> None:
    """A product's name (one line, no running text, weight 5) between two texts, a line of
    chrome on either side (3 each): too light to join either text, it no longer cuts them."""
    runs = [[0, 9, 300.0], [11, 11, 5.0], [13, 30, 500.0]]
    assert _merged(runs, [3.0, 3.0], [False, True, False]) == [[0, 30, 805.0]]


def test_no_join_across_a_sentence_or_an_item_time() -> None:
    # the middle line is running text (a comment of one sentence): it stays a block
    runs = [[0, 9, 300.0], [11, 11, 5.0], [13, 30, 500.0]]
    assert len(_merged(runs, [3.0, 3.0], [False, False, False])) == 3
    # a time line among the gaps (each item of a thread carries one): the runs stay apart
    runs = [[0, 9, 300.0], [11, 11, 5.0], [13, 30, 500.0]]
    assert len(_merged(runs, [20.0, 3.0], [False, True, False])) == 3


def test_no_join_between_two_small_blocks() -> None:
    """A sidebar's widgets (a line or two of text each, a form's options between them) are
    not read across: each side must weigh a long paragraph's worth, else the widgets joined
    into a block that then joined the article above them."""
    runs = [[0, 9, 500.0], [20, 21, 46.0], [23, 23, 3.6], [25, 25, 44.0]]
    out = _merged(runs, [27.8, 4.8, 5.6], [False, False, True, False])
    assert [r[:2] for r in out] == [[0, 9], [20, 21], [23, 23], [25, 25]]


def test_neighbours_join_first_as_before() -> None:
    runs = [[0, 5, 100.0], [7, 9, 80.0], [30, 40, 90.0]]
    assert _merged(runs, [10.0, 60.0], [False, False, False]) == [[0, 9, 180.0], [30, 40, 90.0]]


def _long(topic: str, n: int, k: int) -> str:
    """A reader's comment of running text, ``n`` words of it, a different one for each ``k``."""
    words = (
        f"I have followed the story about {topic} for years and the council keeps promising "
        "money it never finds, while the rest of us pay for every delay and every new study "
        "that they order instead of simply getting on with the work they were elected to do"
    ).split()
    return " ".join((words * 4)[5 * k : 5 * k + n]) + "."


def test_a_comment_thread_is_not_joined_across_its_light_lines() -> None:
    """Below a comment heading, a thread's short lines (a reply of a few words without its
    stop) are as light as a product's name in an article: joined across them, the thread
    became one block that outweighed the story above it (issue 20, a thread of html2text)."""
    from newsfold import extract_text

    story = [
        "The harbour board agreed on Tuesday to rebuild the old swing bridge over the canal, "
        "closed since a barge struck it in the autumn, at a cost the board put at four million.",
        "Work is to begin in the spring and last about a year, the board's chairwoman said, and "
        "a ferry will carry cyclists and people on foot across the water in the meantime.",
        "Shop owners on both banks said the closure had cost them trade all winter, and asked "
        "the board to open the new bridge before the summer season if it could be done.",
    ]
    thread: list[str] = []
    for block, topic in enumerate(["the bridge", "the ferry", "the canal", "the harbour"]):
        if block:
            # a reply of a few words without its stop: a light line between two blocks
            reply = f"Agreed with every word of that, and I would add {topic} to the list too"
            thread += ["* *", "Reader", reply]
        for k in range(3):
            thread += ["* *", f"Reader {block}{k}", _long(topic, 60, k)]
    page = "\n".join(
        ["Home", "News", "Harbour", *story, "Comments are now closed for this story", *thread]
    )
    a = extract_text(page, outlet="t")
    assert a.paragraphs == story
