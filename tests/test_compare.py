"""Relations and classified edits between copies (texts written for these tests)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.match.align import _covered_share
from newsfold.match.compare import (
    _covered,
    _share,
    explain_paragraphs,
    measure,
    shingles_of,
    word_edits,
)
from newsfold.records import Edit

STORY = [
    "The harbour authority said on Tuesday it would spend 1,200 million on a new container "
    "terminal, the largest investment in the port's history, to be finished by 2029.",
    "The organisation expects the terminal to double the port's capacity and create about "
    "3,000 jobs during construction, chief executive Tomas Ferrer told reporters.",
    "Environmental groups have criticised the plan, saying dredging the channel would damage "
    "seagrass beds that shelter juvenile fish and wading birds along the estuary.",
    "Ferrer said the authority would fund a restoration programme for the seagrass and "
    "monitor water quality for ten years after the work is completed.",
    "The U.S. shipping line that operates most services from the port welcomed the decision "
    "and said it would move two more weekly routes there once the terminal opens.",
    "Shares in listed companies with interests in the port rose about 2 per cent after the "
    "announcement, while the regional government said it backed the project.",
]
OTHER = [
    "A pianist from the northern valley won the national competition on Sunday with a program "
    "of late romantic works, the jury announced after three days of performances.",
    "She will tour twelve cities next spring and record an album with the state orchestra, "
    "organisers said, adding that ticket sales for the final had broken records.",
]


def test_identical() -> None:
    assert measure("\n".join(STORY), "\n".join(STORY)).relation == "identical"


def test_edited_copy_is_a_copy() -> None:
    edited = [p.replace("organisation", "organization").replace("U.S.", "US") for p in STORY]
    m = measure("\n".join(STORY), "\n".join(edited))
    assert m.relation == "copy"
    assert m.a_in_b > 0.95 and m.b_in_a > 0.95


def test_cut_copy_is_a_copy_with_containment() -> None:
    m = measure("\n".join(STORY[:2]), "\n".join(STORY))
    assert m.relation == "copy"
    assert m.a_in_b == 1.0 and m.b_in_a < 0.5
    assert m.jaccard < 0.5  # what a Jaccard threshold would miss


def test_roundup_carrying_one_paragraph_is_partial() -> None:
    roundup = "\n".join([*OTHER, STORY[2], *OTHER[::-1]])
    assert measure(roundup, "\n".join(STORY)).relation == "partial"


def test_unrelated() -> None:
    assert measure("\n".join(OTHER), "\n".join(STORY)).relation == "unrelated"


def test_word_edits_are_classified() -> None:
    a = "The U.S. organisation said 1,200 jobs, up 2 per cent, in New Zealand."
    b = "The US organization said 1200 jobs, up 2 percent, in NZ."
    kinds = {(e.kind, e.a, e.b) for e in word_edits(a, b)}
    assert ("abbreviation", "U.S.", "US") in kinds
    assert ("spelling", "organisation", "organization") in kinds
    assert ("number_format", "1,200", "1200") in kinds
    assert ("spelling", "per cent", "percent") in kinds
    assert ("abbreviation", "New Zealand", "NZ") in kinds
    assert word_edits("Said the Minister.", "said the minister.") == [
        Edit("case", "Said", "said"),
        Edit("case", "Minister", "minister"),
    ]
    assert [e.kind for e in word_edits("rose sharply on Monday", "fell sharply on Monday")] == [
        "word"
    ]


def test_paragraph_level_edits_and_truncation() -> None:
    extended = [
        *STORY[:3],
        "Local fishermen said they had not been consulted about the dredging plan at all.",
        *STORY[3:],
    ]
    ex = explain_paragraphs(STORY, extended, "Port to build terminal", "Port plans new terminal")
    kinds = [e.kind for e in ex.edits]
    assert kinds.count("paragraph_added") == 1 and "headline" in kinds
    assert ex.only_in_b == [extended[3]]
    cut = explain_paragraphs(STORY, STORY[:3])
    assert [e.kind for e in cut.edits] == ["truncation"]
    assert cut.edits[0].a.startswith(STORY[3][:30]) and cut.edits[0].b == ""
    removed = explain_paragraphs(STORY, [*STORY[:2], *STORY[3:]])
    assert [e.kind for e in removed.edits] == ["paragraph_removed"]


def test_sentence_removed_inside_a_paragraph() -> None:
    a = "The council met on Monday. It approved the budget after a long debate over the road repairs. Members then left."
    b = "The council met on Monday. Members then left."
    assert [e.kind for e in word_edits(a, b)] == ["sentence_removed"]


def test_cut_copy_with_its_own_sign_off_is_a_truncation() -> None:
    """A copy cut after two paragraphs that prints one paragraph of its own under the cut (a
    corrections notice, say) is a truncation plus an added paragraph, not four removed ones."""
    sign_off = (
        "Readers who spot an error in this report can write to the corrections desk, which "
        "answers every message within two working days."
    )
    ex = explain_paragraphs(STORY, [*STORY[:2], sign_off])
    kinds = sorted(e.kind for e in ex.edits)
    assert kinds == ["paragraph_added", "truncation"]
    assert next(e for e in ex.edits if e.kind == "truncation").a == "\n\n".join(STORY[2:])
    # one paragraph of its own under each side's text: nothing is cut
    ex = explain_paragraphs([*STORY[:3], OTHER[0]], [*STORY[:3], OTHER[1]])
    assert sorted(e.kind for e in ex.edits) == ["paragraph_added", "paragraph_removed"]


@given(
    st.lists(st.integers(0, 5), min_size=1, max_size=40),
    st.sets(st.integers(0, 5)),
    st.integers(0, 3),
)
@settings(max_examples=150, deadline=None)
def test_paragraph_share_is_the_arrays_share_to_the_bit(
    h: list[int], other: set[int], extra: int
) -> None:
    """``align``'s coverage of a paragraph, counted in plain Python, is the float that the
    numpy coverage (``_covered`` then ``_share``) gives: the stories it merges stay the same."""
    n = len(h) + extra  # a shingle spans extra + 1 tokens
    mine, theirs = frozenset(h), frozenset(other)
    # the reference: each token covered when a shared shingle spans it, as numpy counts it
    common = np.array([x in theirs for x in h], dtype=np.int32)
    covered = np.convolve(common, np.ones(extra + 1, dtype=np.int32))[:n] > 0
    want = float(covered.mean())
    arrays = (np.array(h, dtype=np.uint64), np.array(sorted(other), dtype=np.uint64))
    a, b = shingles_of([], arrays[0]), shingles_of([], arrays[1])
    assert (_covered(a, b, n) == covered).all()
    assert _share(_covered(a, b, n)) == want
    got = _covered_share(tuple(h), mine, theirs, n)
    assert got == want
    assert type(got) is float
