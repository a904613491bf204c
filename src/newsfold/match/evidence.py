"""What copy evidence is made of: the article text of a body (lists of teasers set aside) and
whether two texts stand under one headline. Matching only; the stored text stays as published.

Lists of teasers are not copy evidence. A section page or a sidebar taken for the article is a
run of teaser cards, each a headline-like line (short, no sentence end) over at most a summary of
a sentence or two; two pages of one site share such a list word for word whatever their stories.
The text a copy is judged on is what lies outside every list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .normalize import cached_tokens

HEADLINE_LINE_WORDS = 16  # a headline is rarely longer; a sentence of prose often is
TEASER_SUMMARY_WORDS = 50  # a teaser's summary: a sentence or two
TEASER_RUN_HEADLINES = 3  # headline-like lines of a list, at least (two could be subheads)
TEASER_GAP = 3  # short paragraphs between two headline-like lines of one list, at most
TEASER_DENSITY = 0.4  # share of a list's paragraphs that are headline-like, at least
SAME_HEADLINE_WORDS = 5  # a real headline's words, at least (a site's or section's name is shorter)
ARTICLE_CACHE = 4096  # articles whose lists of teasers are kept, per process


_OPEN_END = re.compile(r"[-–—]\s*$")  # a dateline's dash: the paragraph goes on below
_SENTENCE_END = re.compile(r"[.!,;:]['\"’”)\]]*$")


def _ends_sentence(text: str) -> bool:
    """Ends as a sentence or a clause does (a question mark ends many headlines too)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def _headline_like(text: str, n_words: int) -> bool:
    """A line a headline could be: a few words, not ending as a sentence does."""
    return 0 < n_words <= HEADLINE_LINE_WORDS and not _ends_sentence(text)


def teaser_paragraphs(paragraphs: Sequence[str]) -> list[bool]:
    """Which paragraphs lie in lists of teasers (see ``TEASER_RUN_HEADLINES``).

    Paragraphs are first joined where a renderer's wrapping split them (a line that starts in
    lower case goes on the line above, a line under a dash on the line with the dash), so that wrapped prose is never a run of short lines.
    Each is then a headline-like line, a short paragraph (``TEASER_SUMMARY_WORDS``) or a long
    one. A list is a run of headline-like lines, at most ``TEASER_GAP`` short paragraphs apart
    (a card's summary, a time line, a card whose headline the dump lost), with no long one
    between, and at least ``TEASER_DENSITY`` of its paragraphs headline-like (an article's
    subheads stand over sections of several paragraphs). The list takes in the summary under
    its last headline, short lines after it that end no sentence (headlines a dump glued
    together), and a short first paragraph of the page when the list starts right under
    it: the summary of the card whose headline the page's headline took."""
    blocks: list[list[int]] = []
    for i, p in enumerate(paragraphs):
        if blocks and (p.lstrip()[:1].islower() or _OPEN_END.search(paragraphs[i - 1])):
            blocks[-1].append(i)
        else:
            blocks.append([i])
    words = [sum(len(cached_tokens(paragraphs[i])) for i in b) for b in blocks]
    head = [
        len(b) == 1 and _headline_like(paragraphs[b[0]], n)
        for b, n in zip(blocks, words, strict=True)
    ]
    short = [n <= TEASER_SUMMARY_WORDS for n in words]
    out = [False] * len(paragraphs)
    j, n_blocks = 0, len(blocks)
    while j < n_blocks:
        if not head[j]:
            j += 1
            continue
        heads = [j]  # the headline-like lines of one run
        k = j + 1
        while k < n_blocks and short[k] and k - heads[-1] <= TEASER_GAP + 1:
            if head[k]:
                heads.append(k)
            k += 1
        start, end = heads[0], heads[-1] + 1
        if end < n_blocks and short[end] and not head[end]:
            end += 1  # the last card's summary
        while end < n_blocks and short[end] and not _ends_sentence(paragraphs[blocks[end][-1]]):
            end += 1  # more headlines, glued on one line by the dump
        if start == 1 and short[0]:
            start = 0
        if len(heads) >= TEASER_RUN_HEADLINES and len(heads) >= TEASER_DENSITY * (end - start):
            for b in blocks[start:end]:
                for i in b:
                    out[i] = True
        j = heads[-1] + 1
    return out


def same_headline(short: str | None, long: str | None) -> bool:
    """The shorter text's headline is the longer text's, or its start (a wrapped dump cuts a
    long headline), with ``SAME_HEADLINE_WORDS`` words at least. A headline with words added
    (a part number, another title) is not the same."""
    ts, tl = cached_tokens(short or ""), cached_tokens(long or "")
    n = len(ts)
    return n >= SAME_HEADLINE_WORDS and tl[:n] == ts


def article_text(paragraphs: Sequence[str]) -> list[int]:
    """The indices of the paragraphs outside lists of teasers."""
    return list(_article_text(tuple(paragraphs)))


@lru_cache(maxsize=ARTICLE_CACHE)
def _article_text(paragraphs: tuple[str, ...]) -> tuple[int, ...]:
    # an article is verified against each of its candidates: its lists are found once
    return tuple(i for i, t in enumerate(teaser_paragraphs(paragraphs)) if not t)
