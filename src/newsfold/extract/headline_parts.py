"""Which lines of a headline's window print another line of it as their start or end: the
parts a renderer glued together ("Kicker: Headline", "Section Section Headline", "Headline |
Site"), read by the headline scorer (``headline.py``) as features."""

from __future__ import annotations

from .lines import HEADLINE_MAX_WORDS, Line, line_norm

_PART_MIN_CHARS = 4  # a part shorter than this (a word of three letters) links nothing
NO_PARTS = (0.0, 0.0, 0.0, 0.0)


def part_links(
    lines: list[Line], lo: int, body_start: int
) -> dict[int, tuple[float, float, float, float]]:
    """For each line of the window (and the title bar) that holds another as its start or end,
    or is another's start or end, at a word boundary: (holds a start, holds an end, is a start,
    is an end). Each line's normalised text is cut at each of its spaces, and the cuts looked up
    among the window's lines: linear in the window's words."""
    rows = [0, *range(max(1, lo), body_start)] if lines else []
    index: dict[str, list[int]] = {}  # every copy of a line links alike
    norms: list[tuple[int, str]] = []
    for i in rows:
        if lines[i].words > HEADLINE_MAX_WORDS + 10:
            continue
        norm = line_norm(lines[i])
        if len(norm) >= _PART_MIN_CHARS:
            index.setdefault(norm, []).append(i)
            norms.append((i, norm))
    links: dict[int, list[float]] = {}
    sizes = {len(norm) for norm in index}  # a cut of no line's length is no line: not looked up
    for i, norm in norms:
        space = norm.find(" ")
        while space > 0:
            if space in sizes:
                for j in index.get(norm[:space], ()):
                    links.setdefault(i, [0.0] * 4)[0] = 1.0
                    links.setdefault(j, [0.0] * 4)[2] = 1.0
            if len(norm) - space - 1 in sizes:
                for j in index.get(norm[space + 1 :], ()):
                    links.setdefault(i, [0.0] * 4)[1] = 1.0
                    links.setdefault(j, [0.0] * 4)[3] = 1.0
            space = norm.find(" ", space + 1)
    return {i: (v[0], v[1], v[2], v[3]) for i, v in links.items()}


class PartIndex:
    """``part_links`` asked one line at a time, for a scorer that reads the links of a few
    lines only: the window's lines (and the title bar) that may link, by their normalised
    text, and all of them in one string, a line each, where a line that is another's start or
    end is found by one search (a normalised text holds no newline)."""

    __slots__ = ("_joined", "_known", "_norms")

    def __init__(self, lines: list[Line], lo: int, body_start: int) -> None:
        rows = [0, *range(max(1, lo), body_start)] if lines else []
        self._norms: dict[int, str] = {}
        for i in rows:
            if lines[i].words <= HEADLINE_MAX_WORDS + 10:
                norm = line_norm(lines[i])
                if len(norm) >= _PART_MIN_CHARS:
                    self._norms[i] = norm
        self._known = frozenset(self._norms.values())
        self._joined = "\n" + "\n".join(self._norms.values()) + "\n"

    def is_part(self, i: int) -> tuple[bool, bool]:
        """Whether line ``i`` is another line's start, and another's end (``part_links``'s
        last two)."""
        norm = self._norms.get(i)
        if norm is None:
            return False, False
        joined = self._joined
        return f"\n{norm} " in joined, f" {norm}\n" in joined

    def links(self, i: int) -> tuple[float, float, float, float]:
        """``part_links(lines, lo, body_start).get(i, NO_PARTS)``."""
        norm = self._norms.get(i)
        if norm is None:
            return NO_PARTS
        known = self._known
        holds_start = holds_end = False
        space = norm.find(" ")
        while space > 0 and not (holds_start and holds_end):
            holds_start = holds_start or norm[:space] in known
            holds_end = holds_end or norm[space + 1 :] in known
            space = norm.find(" ", space + 1)
        in_start, in_end = self.is_part(i)
        return (float(holds_start), float(holds_end), float(in_start), float(in_end))
