"""The read stage's memo of template line keys: the same keys as ``templates.line_key``,
bounded as ``memo.TextMemo`` bounds it."""

from __future__ import annotations

import pytest

from newsfold.extract.templates import line_key, page_line_keys
from newsfold.memo import TextMemo
from newsfold.run import local


def test_memo_keys_are_the_line_keys_and_the_memo_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(local, "_LINE_KEYS", TextMemo(3, 60))
    lines = [f"Menu item {chr(97 + n)} (12 comments)" for n in range(7)]
    lines += ["A reporter wrote a long paragraph of prose. " * 3, "  ", *lines[:2]]
    for line in lines:
        assert local._line_key(line) == line_key(line)
        assert len(local._LINE_KEYS.items) <= 3
        assert local._LINE_KEYS.chars <= 60
    assert page_line_keys(lines, local._line_key) == page_line_keys(lines)
    assert local._line_key("Comments (3)") == local._line_key("Comments (14)")  # one widget
