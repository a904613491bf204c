"""A memo of values computed from texts, bounded so that no input makes it large.

A page asks several times for the same line's normal form or times (several passes read its
lines), and an outlet's chrome comes back on each of its pages: keeping the answers for the
texts met lately saves the work, but a memo that grows with its input is a way to exhaust a
machine's memory. ``TextMemo`` holds at most ``max_items`` texts and ``max_chars`` characters of
them, and is emptied when the next text would pass either bound; a text longer than
``max_chars`` is never kept.
"""

from __future__ import annotations

from typing import Generic, TypeVar

V = TypeVar("V")


class TextMemo(Generic[V]):
    """``get(text)`` (None where not kept) and ``keep(text, value)``. ``get`` is the bound
    ``dict.get`` of ``items``, emptied in place, so a hit costs one look-up."""

    __slots__ = ("chars", "get", "items", "max_chars", "max_items")

    def __init__(self, max_items: int, max_chars: int) -> None:
        self.items: dict[str, V] = {}
        self.get = self.items.get
        self.max_items = max_items
        self.max_chars = max_chars
        self.chars = 0  # characters of the texts kept now

    def keep(self, text: str, value: V) -> V:
        """``value``, kept for ``text`` (emptying the memo first where it is full)."""
        n = len(text)
        if len(self.items) >= self.max_items or self.chars + n > self.max_chars:
            self.clear()
        if n <= self.max_chars:
            self.items[text] = value
            self.chars += n
        return value

    def clear(self) -> None:
        self.items.clear()
        self.chars = 0
