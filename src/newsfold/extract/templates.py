"""Outlet templates learnt from the corpus: lines that recur across many pages of one outlet.

A line that one outlet prints on most of its pages (its menu, app banner, footer, disclaimer) is
that outlet's chrome, whatever words it uses. ``TemplateStats`` counts, per outlet, on how many
distinct pages each line appears; the store keeps the counts so later batches use them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import xxhash

_DIGITS = re.compile(r"\d+")

# A line is template when it is on at least this share of an outlet's pages, and on at least
# MIN_PAGES of them. Chrome (menus, footers, banners) is on nearly every page; a popular story's
# headline in a "most read" box is on many pages too, and is also the headline of its own page,
# so the share must be well above what such teasers reach.
MIN_SHARE = 0.6
MIN_PAGES = 3
# Long lines are almost never chrome unless they are very frequent (a disclaimer on every page),
# so they must clear a higher share: a running story's paragraph repeated on several pages of an
# outlet is not its template.
LONG_LINE_WORDS = 25
LONG_LINE_SHARE = 0.8
# ...or be a sign-off: a disclaimer or corrections notice an outlet prints word for word under a
# good share of its stories (its wire copy, say) but not all. Counted over many pages only, so
# a small corpus's few updates of one story sharing a background paragraph stay text.
SIGNOFF_MIN_PAGES = 10
SIGNOFF_SHARE = 0.3
# no line on a smaller share of an outlet's pages is template, whatever rule above it meets (the
# Spark engine ships executors only the lines above it)
LOWEST_SHARE = min(MIN_SHARE, LONG_LINE_SHARE, SIGNOFF_SHARE)


def fewest_pages(outlet_pages: int) -> int:
    """The fewest pages of an outlet a line must be on to be template, whatever rule it meets
    (rounded down, so never too few): what a template needs to keep of the outlet's lines."""
    return max(MIN_PAGES, math.floor(LOWEST_SHARE * outlet_pages))


def line_key(line: str) -> int:
    """Key of a line for template counting: case, spacing and numbers do not matter
    ("Comments (14)" and "Comments (3)" are the same widget)."""
    # spacing folded by split/join (on str.isspace, as ``\s+`` is), not a regex replacement
    # per space: the same key, several times faster
    norm = " ".join(_DIGITS.sub("#", line.lower()).split())
    return xxhash.xxh64_intdigest(norm.encode("utf-8", "surrogatepass")) & 0x7FFF_FFFF_FFFF_FFFF


def page_line_keys(lines: Iterable[str], key: Callable[[str], int] = line_key) -> set[int]:
    """The distinct keys of a page's non-blank lines; ``key`` may be ``line_key`` through a
    cache (the read stage's)."""
    return {key(ln) for ln in lines if ln.strip()}


@dataclass(slots=True)
class OutletTemplate:
    pages: int = 0
    lines: Counter[int] = field(default_factory=Counter)

    @classmethod
    def from_counts(cls, counts: tuple[int, dict[int, int]] | None) -> OutletTemplate | None:
        """The template of an outlet from its stored rows (``Store.template_counts``)."""
        if counts is None:
            return None
        return cls(pages=counts[0], lines=Counter(counts[1]))

    def is_template(self, line: str) -> bool:
        if self.pages < MIN_PAGES:
            return False
        n = self.lines.get(line_key(line), 0)
        if n < MIN_PAGES:
            return False
        if len(line.split()) < LONG_LINE_WORDS:
            return n / self.pages >= MIN_SHARE
        if n >= SIGNOFF_MIN_PAGES and n / self.pages >= SIGNOFF_SHARE:
            return True
        return n / self.pages >= LONG_LINE_SHARE


@dataclass(slots=True)
class TemplateStats:
    outlets: dict[str, OutletTemplate] = field(default_factory=dict)

    def add_page(self, outlet: str | None, lines: Iterable[str]) -> set[int]:
        keys = page_line_keys(lines)
        if outlet:
            t = self.outlets.setdefault(outlet, OutletTemplate())
            t.pages += 1
            t.lines.update(keys)
        return keys

    def for_outlet(self, outlet: str | None) -> OutletTemplate | None:
        return self.outlets.get(outlet) if outlet else None

    @classmethod
    def learn(cls, pages: Iterable[tuple[str | None, Iterable[str]]]) -> TemplateStats:
        stats = cls()
        for outlet, lines in pages:
            stats.add_page(outlet, lines)
        return stats
