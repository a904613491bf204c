"""What the headline scorer (``headline.py``) reads of a line's text alone: its length, case,
marks and long words, worked out once a text. A page's window holds up to 400 lines, and an
outlet's menus come back on each of its pages, so the same texts are read again and again."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues
from .lines import _debreadcrumb

_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_BULLET = re.compile(r"^(?:[*+•·▪►-]\s|\d{1,2}[.)]\s)")
_LINK_MARK = re.compile(r"\]\(|^\[[^\]]*\]$")
_QUOTES = "\"'“”„«»‘’‚‹›¿¡"
_SYMBOL = re.compile(r"[^\w\s.,:;!?'\"()“”„«»‘’…&%/–—-]|_")


def words_of(text: str) -> set[str]:
    return {w.casefold() for w in _WORD_RE.findall(text)}


@dataclass(frozen=True, slots=True)
class TextFacts:
    """A line's features that its text (and word count) alone decide, in ``FEATURES``'s
    terms; ``text`` is the line without its heading marks, ``long_words`` its words of four
    letters or more, case-folded."""

    raw: str
    n_words: int
    text: str
    long_words: frozenset[str]
    title_sized: float
    words: float
    too_short: float
    byline: float
    sentence: float
    capitalised: float
    digits: float
    breadcrumb: float
    heading_mark: float
    all_caps: float
    colon_end: float
    lower_start: float
    link_mark: float
    bullet: float
    one_word: float
    h1_mark: float
    symbols: float
    mark_start: float


# the facts of the texts met lately: short lines only, a bounded count, emptied when full
_MEMO_MAX = 32768
_MEMO_CHARS = 300
_FACTS: dict[str, TextFacts | None] = {}


def text_facts(raw: str, n_words: int) -> TextFacts | None:
    """The facts of a line of ``n_words`` words; ``None`` where it has no letter (no
    headline)."""
    done = _FACTS.get(raw, False)
    if done is None or (done is not False and done.n_words == n_words):
        return done
    facts = _text_facts(raw, n_words)
    if len(raw) <= _MEMO_CHARS:
        if len(_FACTS) >= _MEMO_MAX:
            _FACTS.clear()
        _FACTS[raw] = facts
    return facts


def _text_facts(raw: str, n_words: int) -> TextFacts | None:
    text = raw.lstrip("#").strip()
    if not text or not any(c.isalpha() for c in text):
        return None
    alpha = [w for w in text.split() if w[0].isalpha()]
    first_alpha = next((c for c in text if c.isalpha()), "")
    return TextFacts(
        raw=raw,
        n_words=n_words,
        text=text,
        long_words=frozenset(words_of(text)),
        title_sized=float(4 <= n_words <= 20),
        words=min(n_words, 30) / 30,
        too_short=float(n_words < 3),
        byline=float(bool(cues.BYLINE.match(text))),
        sentence=float(
            bool(cues.SENTENCE_END.search(text)) and not text.endswith(("?", "!", "..."))
        ),
        capitalised=sum(1 for w in alpha if w[0].isupper()) / len(alpha) if alpha else 0.0,
        digits=sum(map(str.isdigit, text)) / len(text),
        breadcrumb=float(_debreadcrumb(raw) != raw),
        heading_mark=float(raw.startswith("#")),
        all_caps=float(text.isupper()),
        colon_end=float(text.endswith(":")),
        lower_start=float(first_alpha.islower()),
        link_mark=float(bool(_LINK_MARK.search(text))),
        bullet=float(bool(_BULLET.match(text))),
        one_word=float(n_words == 1),
        h1_mark=float(raw.startswith("# ")),
        symbols=len(_SYMBOL.findall(text)) / len(text),
        mark_start=float(not (text[0].isalnum() or text[0] in _QUOTES)),
    )
