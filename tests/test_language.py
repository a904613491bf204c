"""``language.classify`` gives py3langid's answer: its automaton forgets its start after
``_LOCAL`` bytes (checked over every pair of states), and on texts of many scripts, cases and
lengths the answers are the same (issue 21)."""

from __future__ import annotations

import numpy as np
import py3langid
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.extract import language


def _identifier():  # type: ignore[no-untyped-def]
    from py3langid import langid

    return langid._get_identifier()


def test_the_automaton_forgets_its_start() -> None:
    """From every state, every string of ``_LOCAL`` bytes leads where it leads from the root:
    the pairs (from a state, from the root) that still differ after k bytes, none after
    ``_LOCAL`` (and some after one byte fewer: the walk needs all of them)."""
    rows, starts = language.transitions(_identifier())
    rows = rows.astype(np.int64)
    n = len(starts)
    a, b = np.arange(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    left = []
    for _ in range(language._LOCAL):
        keys = []
        for first in range(0, 256, 32):  # 32 bytes at a time: a few hundred MB at most
            byte = np.arange(first, first + 32)
            na = rows[(starts[a][:, None] + byte).ravel()]
            nb = rows[(starts[b][:, None] + byte).ravel()]
            differ = na != nb
            keys.append(np.unique(na[differ] * n + nb[differ]))
        key = np.unique(np.concatenate(keys))
        a, b = key // n, key % n
        left.append(len(key))
    assert left[-1] == 0
    assert left[-2] > 0


ALPHABET = st.sampled_from(
    [*"abcdeéßxyz ABCDEZ İıΣσςЖжд中文日本語한국어 ,.!?\n0123456789'\"-", "\ud800"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "und", "les", "der", "в", "της", "de"]) | ALPHABET))
def test_same_answer_as_py3langid(parts: list[str]) -> None:
    text = "".join(parts)
    assert language.classify(text) == py3langid.classify(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1234",
        "THE COUNCIL MET ON TUESDAY TO HEAR THE PLANS FOR THE BRIDGE",
        "Der Rat traf sich am Dienstag, um die Pläne für die Brücke zu hören.",
        "Совет собрался во вторник, чтобы выслушать планы строительства моста.",
    ],
)
def test_same_answer_on_sentences(text: str) -> None:
    assert language.classify(text) == py3langid.classify(text)[0]


def test_another_model_is_read_by_py3langid(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model the walk was not checked on (another version or file) gets py3langid's own call."""
    monkeypatch.setattr(language, "_CHECKED", ("0.4.0", "0" * 64))
    language._fast.cache_clear()
    try:
        assert language._fast() is None
        text = "Der Rat traf sich am Dienstag, um die Pläne für die Brücke zu hören."
        assert language.classify(text) == py3langid.classify(text)[0]
    finally:
        language._fast.cache_clear()  # the checked model's fast path again after the test
