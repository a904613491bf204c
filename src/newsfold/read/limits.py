"""Bounds on untrusted input, and the checks that hold a page to them.

Every breach is a ``Rejection`` with its own reason code and a message stating the numbers, never
a silent truncation: the page is listed in the store's ``rejected`` table, and a fold with larger
limits (the ``fold`` flags) takes it in. What each limit guards:

- ``max_page_bytes`` (characters of a page's text): the extractor's work and the store's rows.
- ``max_file_bytes`` (bytes of a file once decompressed): work; a decompression bomb stops here.
  A file that is one page (text, HTML) stops already at four bytes a character of the page limit,
  and a line of a JSONL file (one record) at six (``\\uXXXX``, JSON's widest escape): files are
  read in chunks, and neither a page nor a record is held past its limit.
- ``max_feed_bytes`` (bytes of an RSS or Atom feed once decompressed): a feed is parsed whole
  (feedparser reads no stream), in memory and time that grow with its markup (about 1.5 s a
  megabyte of dense markup on one core), so it has a bound of its own, far below the file limit.
- ``max_line_chars`` and ``max_lines`` (text dumps): the line classifier works line by line; a
  megabyte "line" is an encoded blob or a dump with its line breaks lost, not an article.
- ``max_depth`` (HTML): elements nested deeper than the HTML parser follows: libxml2 (under lxml
  and trafilatura) stops at 256 levels and drops the rest of the document, so the page would be
  extracted from a part of itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import PageKind, Rejection
from .sanitize import CONTROL_SAMPLE, CONTROLS_ALLOWED, has_text, too_many_controls


@dataclass(slots=True, frozen=True)
class Limits:
    """Bounds on untrusted input (see the module's docstring for what each guards)."""

    max_page_bytes: int = 5_000_000
    max_file_bytes: int = 2_000_000_000
    max_line_chars: int = 100_000
    max_lines: int = 100_000
    max_depth: int = 256
    max_feed_bytes: int = 20_000_000

    @property
    def max_record_bytes(self) -> int:
        """The longest line of a JSONL file: one record, its page escaped at six bytes a
        character (``\\uXXXX``) at worst, and room for its other fields."""
        return min(self.max_file_bytes, 6 * self.max_page_bytes + 65_536)

    @property
    def max_single_page_file_bytes(self) -> int:
        """The most bytes a file holding one page may decompress to: four bytes a character
        (UTF-8's widest) of the page limit, within the file limit."""
        return min(self.max_file_bytes, 4 * self.max_page_bytes)


# Elements that never hold others, and those whose end tag HTML lets a page leave out (a new one
# closes the open one): counting them as nested would call every sloppy list deep.
# fmt: off
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "keygen", "command", "basefont", "frame"})
_OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb",
                           "rt", "rtc", "rp", "thead", "tbody", "tfoot", "colgroup"})
# fmt: on
# comments and the text of raw-text elements hold no elements, whatever they look like. A page is
# untrusted, and a pattern searched over it (``<a`` then 100,000 letters and no ``>``) can take
# time quadratic in its length: tags are searched only up to the page's last ``>`` (a tag that
# starts before it ends at or before it, so ``[^>]*>`` never runs past it to fail), and the
# end of a comment or a raw-text element with ``str.find`` and a search for its end tag.
# Groups: a comment's "!--"; a raw-text element's name (in ASCII letters of either case, as an
# HTML tokenizer folds them); a tag's "/" (an end tag), its name, its attributes (a "/" last:
# self-closed).
_RAW_NAMES = ("script", "style", "textarea", "title")
_TOKEN = re.compile(
    r"<(?:(!--)|("
    + "|".join("".join(f"[{c.upper()}{c}]" for c in name) for name in _RAW_NAMES)
    + r")\b[^>]*>|(/?)([A-Za-z][\w:-]*)([^>]*)>)"
)
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in _RAW_NAMES}


def html_depth(html: str, stop_at: int | None = None) -> int:
    """How deeply the page's elements nest, as a browser would build them, near enough: end
    tags close back to their element, optional end tags are implied, void and self-closed
    elements hold nothing. Where this differs from a parser it counts fewer levels, never more,
    so a page is never called deep for being sloppy. Stops counting past ``stop_at``. Comments
    and the text of raw-text elements are passed over; a ``<`` that starts no tag is text, and
    so is a tag that no ``>`` ends. In time linear in the page's length: each character is
    looked at a bounded number of times."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest, pos, last = 0, 0, html.rfind(">") + 1  # no tag ends after the last ">"
    while True:
        for m in _TOKEN.finditer(html, pos, last):
            comment, raw, is_end, name, attributes = m.groups()
            if name is None:  # a comment or a raw-text element: read on past its end
                if comment:
                    end = html.find("-->", m.start() + 4)
                    pos = end + 3
                else:  # one level, nothing inside
                    deepest = max(deepest, len(stack) + 1)
                    close = _RAW_END[raw.lower()].search(html, m.end())
                    end = -1 if close is None else close.end()
                    pos = end
                if end < 0:
                    return deepest  # a comment or raw text to the end of the page
                break
            name = name.lower()
            if is_end:
                if open_count.get(name):
                    _pop_to(stack, open_count, name)
                continue
            if name in _VOID or attributes.endswith("/"):
                deepest = max(deepest, len(stack) + 1)
                continue
            if name in _OPTIONAL_END and open_count.get(name):
                _pop_to(stack, open_count, name)
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            if len(stack) > deepest:
                deepest = len(stack)
                if stop_at is not None and deepest > stop_at:
                    return deepest
        else:
            return deepest


def _pop_to(stack: list[str], open_count: dict[str, int], name: str) -> None:
    while stack:
        top = stack.pop()
        open_count[top] -= 1
        if top == name:
            return


def check_text(
    text: str, source: str, limits: Limits, kind: PageKind | None = None
) -> Rejection | None:
    """Why the page ``text`` cannot be used (empty, or over a limit), or None. The line limits
    hold for text dumps, the nesting limit for HTML; ``kind`` None checks size alone."""
    if not has_text(text):
        return Rejection(source, "empty", f"{source}: empty page")
    if too_many_controls(text[:CONTROL_SAMPLE]):
        # the one rule of every path (ingest.looks_binary holds bytes to it): fewer are removed
        return Rejection(
            source,
            "binary",
            f"{source}: binary data, not a text or HTML page (more than "
            f"{CONTROLS_ALLOWED} control characters, and over 1 % of its start)",
        )
    if len(text) > limits.max_page_bytes:
        return Rejection(
            source,
            "too_large",
            f"{source}: page of {len(text):,} characters exceeds the limit of "
            f"{limits.max_page_bytes:,}",
        )
    if kind == "text":
        return _check_lines(text, source, limits)
    if kind == "html" and text.count("<") > limits.max_depth:  # fewer tags cannot nest deeper
        depth = html_depth(text, stop_at=limits.max_depth)
        if depth > limits.max_depth:
            return Rejection(
                source,
                "too_deep",
                f"{source}: HTML nested more than {limits.max_depth:,} elements deep",
            )
    return None


def _check_lines(text: str, source: str, limits: Limits) -> Rejection | None:
    if len(text) <= min(limits.max_lines, limits.max_line_chars):
        return None  # a page of n characters has at most n lines, none longer than itself
    lines = text.splitlines()
    if len(lines) > limits.max_lines:
        return Rejection(
            source,
            "too_many_lines",
            f"{source}: {len(lines):,} lines exceeds the limit of {limits.max_lines:,}",
        )
    if len(text) <= limits.max_line_chars:
        return None  # no line can be longer than the page
    for n, line in enumerate(lines, start=1):
        if len(line) > limits.max_line_chars:
            return Rejection(
                source,
                "line_too_long",
                f"{source}: line {n} has {len(line):,} characters, over the limit of "
                f"{limits.max_line_chars:,}",
            )
    return None
