"""The read stage's cache of template line keys: the same keys as ``templates.line_key``, and
bounded (only short lines kept, at most ``LINE_KEYS_KEPT`` of them)."""

from __future__ import annotations

from newsfold.extract.templates import line_key, page_line_keys
from newsfold.run import local


def test_cached_keys_are_the_line_keys_and_long_lines_are_not_kept() -> None:
    keys = local._LineKeys()
    short = "Share this story (12 comments)"
    long = "A reporter wrote a long paragraph of prose. " * 10
    assert keys[short] == line_key(short)
    assert keys[long] == line_key(long)
    assert short in keys
    assert long not in keys
    lines = [short, "  ", long, "Comments (3)", "Comments (14)"]
    assert page_line_keys(lines, keys.__getitem__) == page_line_keys(lines)
    assert len(page_line_keys(lines)) == 3  # the two comment counters are one widget


def test_cache_is_emptied_when_full(monkeypatch) -> None:
    monkeypatch.setattr(local, "LINE_KEYS_KEPT", 3)
    keys = local._LineKeys()
    for n in range(7):
        assert keys[f"menu item {chr(97 + n)}"] == line_key(f"menu item {chr(97 + n)}")
        assert len(keys) <= 3
