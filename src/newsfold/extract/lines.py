"""The lines of a page dump, and what every pass over them asks of a line: its words, whether
it is a sentence, a time, a byline or a name. Shared by the body, headline and credits passes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import RELATIVE_RE, find_datetimes
from ..records import Removed, Teaser
from . import cues
from .credits import credits_in_byline

BODY_MIN_WORDS = 12  # a body paragraph is a sentence or more; chrome lines are rarely this long


HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30


_TIME_LINE_MAX_WORDS = 20
_CLOCK_END = re.compile(r"\b[ap]\.m\.$", re.I)
# Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
CHARS_PER_WORD = 2  # in unspaced scripts, about two characters make a word's worth of text


def count_words(text: str) -> int:
    """Words in a line, where text written without spaces counts a word per two characters."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    spaced = sum(1 for w in text.split() if not _UNSPACED.search(w))
    return spaced + max(1, unspaced // CHARS_PER_WORD)


@dataclass(slots=True)
class Line:
    n: int
    text: str
    words: int
    label: str = ""  # body, headline, or a removal reason
    weight: float = 0.0  # how much the line argues for the body around it (``_weight``)
    row: bool = False  # a row of a data table or list printed a line per row (``_mark_rows``)


@dataclass(slots=True)
class DumpResult:
    headline: str | None
    byline_lines: list[str]
    time_lines: list[str]
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    teasers: list[Teaser] = field(default_factory=list)
    published: str | None = None  # from page metadata, where the page has any (HTML)
    updated: str | None = None
    # the byline chosen among the page's name-shaped spans (``byline.py``): "" where the page
    # has none, ``None`` where it was not chosen so (read ``byline_lines`` then)
    byline: str | None = None


def _is_sentence(line: Line) -> bool:
    return line.words >= BODY_MIN_WORDS and bool(
        cues.SENTENCE_END.search(line.text) or line.text.endswith((":", ";", ","))
    )


def _has_time(text: str) -> bool:
    return any(True for _ in find_datetimes(text[:300]))


# What every form ``find_datetimes`` reads has (``dates.py``): a four-digit year (ISO, written
# month, numeric and CJK dates) or a dotted date with a two-digit year ("19.10.19"). A line
# without one gives no time, and is not parsed (tests/test_extract_speed.py checks the two agree).
_MAY_HAVE_DATE = re.compile(r"\d{4}|\d\.\d{1,2}\.\d\d")


def _is_time_line(line: Line) -> bool:
    """A short line that gives a time: a timestamp, a byline with its times, a teaser's age."""
    if line.words > _TIME_LINE_MAX_WORDS:
        return False
    text = line.text
    if line.words > 8 and cues.SENTENCE_END.search(text) and not _CLOCK_END.search(text):
        return False  # a sentence that mentions a date
    return bool(RELATIVE_RE.search(text)) or (
        _MAY_HAVE_DATE.search(text, 0, 300) is not None and _has_time(text)
    )


def _title_like(line: Line) -> bool:
    if not HEADLINE_MIN_WORDS <= line.words <= HEADLINE_MAX_WORDS:
        return False
    text = line.text
    if text.endswith(".") and not text.endswith("..."):
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 10


_NON_WORD = re.compile(r"\W+")
# ``_norm`` of the lines met lately: a page asks for the same line's several times, and an
# outlet's chrome comes back on each of its pages. Short lines only, and a bounded count, so
# that no input makes it large (it is emptied when full).
_NORMS: dict[str, str] = {}
_NORMS_MAX = 32768
_NORM_CACHED_CHARS = 300


def _norm(text: str) -> str:
    norm = _NORMS.get(text)
    if norm is None:
        norm = _NON_WORD.sub(" ", text.lower()).strip()
        if len(text) <= _NORM_CACHED_CHARS:
            if len(_NORMS) >= _NORMS_MAX:
                _NORMS.clear()
            _NORMS[text] = norm
    return norm


def _is_byline(ln: Line) -> bool:
    """ "By Jane Doe", "Von Anna Schmidt | dpa": a short line, not a sentence."""
    return (
        ln.words <= 16
        and bool(cues.BYLINE.match(ln.text))
        and not (ln.words > 6 and cues.SENTENCE_END.search(ln.text))
    )


_CRUMB_SPLIT = re.compile(r"\s+[»›>/|]\s+")


def _debreadcrumb(text: str) -> str:
    """ "Sport » Football » Headline": a breadcrumb trail, with the headline at its end or not.
    Returns the headline part ("" for a trail of section names only)."""
    parts = _CRUMB_SPLIT.split(text)
    if len(parts) < 2 or any(len(p.split()) > 3 for p in parts[:-1]):
        return text
    return parts[-1] if len(parts[-1].split()) >= HEADLINE_MIN_WORDS else ""


def _is_name_line(lines: list[Line], k: int, body_start: int) -> bool:
    """A byline printed without "By": an agency's name, or a short capitalised name or desk
    ("Staff Writer") right above the page's timestamp."""
    ln = lines[k]
    if ln.words > 6 or cues.SENTENCE_END.search(ln.text) or _debreadcrumb(ln.text) != ln.text:
        return False
    if credits_in_byline(ln.text):
        return True
    words = [w for w in re.split(r"[\s,|]+", ln.text) if w]
    if not all(w[0].isupper() for w in words if w[0].isalpha()):
        return False
    return k + 1 < body_start and _is_time_line(lines[k + 1])
