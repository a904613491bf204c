"""Every regular expression that reads scraped text finishes on hostile text.

A pattern whose repeated groups can share characters ("[ \\t]*\\n?[ \\t]*" inside a repeat) is
tried in time exponential in the input: a page of forty spaced bullets stalled the extractor
(6b8a3bc). Each module-level pattern of the stages that read pages is run here over runs of the
units such patterns repeat (spaces, bullets, marks, digits, words, brackets) with endings that
make a match fail late. Nothing is timed: a pattern that backtracks exponentially does not
finish, and the suite with it. Patterns made inside functions are not seen here.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

# the packages and modules that read what was scraped
READERS = ("newsfold.extract", "newsfold.read", "newsfold.match", "newsfold.stories")
UNITS = ("*  ", "• ", " ", "\t", "a ", "A ", "Aa ", "[a1]", "[", "](", "-", "— ", ". ", ", ")
UNITS += (" | ", "1", "1 ", "1.", "12:", "a", "ab.", "A. ", ":", "/", "a-", "é ", "\n", " \n")
UNITS += ("a\n", "((", "**", "__")
ENDINGS = ("", "!", "x", "\n#", " [a]", "a")
REPEATS = 40  # 2**40 steps: never done, where the same run in linear time is instant


def _modules() -> list[str]:
    names = ["newsfold.dates"]
    for pkg in READERS:
        module = importlib.import_module(pkg)
        names.append(pkg)
        names += [m.name for m in pkgutil.walk_packages(module.__path__, pkg + ".")]
    return names


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    seen: dict[int, tuple[str, re.Pattern[str]]] = {}
    for name in _modules():
        for attr, value in vars(importlib.import_module(name)).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                seen.setdefault(id(value), (f"{name}.{attr}", value))
    return sorted(seen.values(), key=lambda item: item[0])


PATTERNS = _patterns()


def test_the_scan_sees_the_patterns_of_every_stage() -> None:
    names = {n for n, _ in PATTERNS}
    assert len(PATTERNS) > 100
    assert "newsfold.extract.unwrap._IMAGES_ALONE_RE" in names
    assert any(n.startswith("newsfold.dates.") for n in names)


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_a_pattern_finishes_on_hostile_runs(name: str, pattern: re.Pattern[str]) -> None:
    for unit in UNITS:
        for ending in ENDINGS:
            text = unit * REPEATS + ending
            pattern.search(text)
            pattern.sub("", text)
