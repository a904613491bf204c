"""One sanitiser for the text of every page, whatever path it came in by (a file, a JSONL line, a
feed item, a WARC record, ``POST /pages``): ``make_page`` passes every page's content through
``sanitize``, after ``limits.check_text`` has refused (as ``binary``) a text of more controls
than a page holds (``too_many_controls``), so that a page is kept or refused alike on every
path.

What it does, each counted under its code in ``Page.sanitized``:

- ``nul``: NUL characters, removed.
- ``control``: the other C0 and C1 control characters and DEL, removed, except tab, line feed and
  carriage return (kept); form feed, vertical tab and NEL become a line feed, as a page break is
  one.
- ``bidi``: the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069), removed: they reorder what a reader displays ("Trojan Source"), so a copy's
  reading could be shown reversed. The marks (U+200E, U+200F, U+061C) are kept: they change no
  order beyond their own position, and right-to-left text uses them. In HTML their numeric
  character references (``&#x202E;``) are removed too, as the extractor would decode them.
- ``surrogate``: lone surrogates (a JSON ``"\\ud800"``), replaced with U+FFFD: they are no
  Unicode text, and no store can encode them.

A page with more control characters (NUL included) than ``CONTROLS_ALLOWED`` and than 1 % of its
first 8,192 characters is not a text page at all: ``limits.check_text`` rejects it as ``binary``,
and ``pages.looks_binary`` applies the same rule to bytes before they are decoded.
"""

from __future__ import annotations

import re
from collections import Counter

CONTROLS_ALLOWED = 8  # stray NULs and controls a page may carry and still be text
CONTROL_SAMPLE = 8192
# the C0 and C1 controls, DEL, the bidi controls and lone surrogates: all that is ever touched
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# as HTML parsers read a reference: all its digits, the semicolon optional
_BIDI_REF = re.compile(
    r"&#(?:[xX]0*(?:202[a-eA-E]|206[6-9])(?![0-9a-fA-F])|0*(?:823[4-8]|829[4-7])(?![0-9]));?"
)
_NEWLINE = frozenset("\x0b\x0c\x85")
_VISIBLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _code(ch: str) -> str:
    if ch == "\x00":
        return "nul"
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        return "bidi"
    if "\ud800" <= ch <= "\udfff":
        return "surrogate"
    return "control"


def _replacement(ch: str) -> str:
    if ch in _NEWLINE:
        return "\n"
    return "\ufffd" if "\ud800" <= ch <= "\udfff" else ""


def sanitize(text: str, kind: str = "text") -> tuple[str, dict[str, int]]:
    """``text`` with NUL, control, bidi-control and lone-surrogate characters dealt with (see
    the module's docstring), and how many of each were (by code; empty when none)."""
    done: Counter[str] = Counter()
    if kind == "html" and "&#" in text:
        text, n = _BIDI_REF.subn("", text)
        if n:
            done["bidi"] += n
    if not _SUSPECT.search(text):
        return text, dict(done)

    def fix(m: re.Match[str]) -> str:
        ch = m.group(0)
        done[_code(ch)] += 1
        return _replacement(ch)

    return _SUSPECT.sub(fix, text), dict(sorted(done.items()))


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def control_count(sample: str | bytes) -> int:
    """The control characters (or bytes) of ``sample`` other than tab, LF, FF and CR."""
    if isinstance(sample, bytes):
        return len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return len(_CONTROL_CHARS.findall(sample))


def too_many_controls(sample: str | bytes) -> bool:
    """Whether ``sample`` (the start of a page: its first ``CONTROL_SAMPLE`` characters or bytes
    are looked at) holds more controls than a text page does: the one rule of ``binary``."""
    sample = sample[:CONTROL_SAMPLE]
    return control_count(sample) > max(CONTROLS_ALLOWED, len(sample) // 100)


def has_text(text: str) -> bool:
    """Whether anything is left of ``text`` once the sanitiser and whitespace are done with it
    (a page of NULs and spaces is empty, on every path)."""
    return _VISIBLE.search(text) is not None


def sanitize_field(value: str | None, done: dict[str, int]) -> str | None:
    """A page's URL or outlet sanitised as its content is (and trimmed), adding what was done
    to ``done``; None where nothing is left."""
    if value is None:
        return None
    clean, counts = sanitize(value)
    for code, n in counts.items():
        done[code] = done.get(code, 0) + n
    return clean.strip() or None
