"""The lines that say which time they state: a short line with a publication's cue or a date
label ("Veröffentlicht am 6. August 2009", "Datum: 19.11.2021", ``cued_time``), a label a
renderer set on the line above its time ("Erschienen am" over "15.12.2022", ``time_labels``),
and the first short removed line that states a time at all (``dated_line``). ``published.py``
chooses among a page's times with these; split from it to keep each module short.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from ..dates import find_datetimes, iso
from ..records import Removed
from .date_cues import PUBLISHED_CUE, UPDATED_CUE
from .line_words import few_words_holding, group_words, lines_holding
from .page_clock import after_fetch, stamps

# a capitalised word glued to what precedes it, as text from adjacent markup elements often is
UNGLUE = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z])")

# a line saying when the page was published, not a paragraph mentioning it; the cue must stand
# by the time it labels (``CUE_REACH``), so a footer's long sentence ("This entry was posted on
# Wednesday, 27 November 2019 at 15:21 and filed under ...") counts. Chosen on half A of
# trafilatura's set: 40 -> 60 words, html_text 287 -> 288 of 338, lynx the same; 100 the same.
CUED_LINE_MAX_WORDS = 60


# a line that labels the date it states: "Datum: 19.11.2021", "Date 6. Dezember 2022"; the page
# gives one date by that name, its own
DATE_LABEL = re.compile(r"^\W*(date|datum|fecha|data|datum van publicatie)\b\s*:?", re.I)
_CUED_WORDS = group_words(PUBLISHED_CUE) + group_words(DATE_LABEL)  # what each match holds


def cued_time(lines: Iterable[str], fetched_at: str | None = None) -> str | None:
    """The first time on a short line that says it is a publication ("Veröffentlicht am 6.
    August 2009", "Posted on 4 March 2021"): for a page whose timestamps stand away from its
    headline (under the text, in a footer), where no other time was found. An update's time is
    not a publication's (a page that states only when it was updated states no publication)."""
    lines = list(lines)
    may = lines_holding(lines, _CUED_WORDS)  # most lines hold no cue's word: not searched
    for line in (line for k, line in enumerate(lines) if k in may):
        if len(line.split()) > CUED_LINE_MAX_WORDS:
            continue
        cues = [m.span() for m in PUBLISHED_CUE.finditer(line)]
        cues += [m.span() for m in DATE_LABEL.finditer(line)]
        if not cues:
            continue
        for pos, dt in find_datetimes(line):
            if _labelled_by(cues, pos) and not after_fetch(dt, fetched_at):
                return iso(dt)
    return None


# A cue labels the time written at most this many characters after it ("Posted on 4 March",
# "Posted by Jane Doe-Smith on 4 March") or before it, where the verb ends the sentence ("am 27.
# November 2019 veröffentlicht"); a cue word further off is a sentence's ("... pratiques de
# publication des politistes, Congrès international ..., 7-9 septembre 2009")
CUE_REACH = 48


def _labelled_by(cues: list[tuple[int, int]], pos: int) -> bool:
    """Whether the time at ``pos`` stands within ``CUE_REACH`` characters of a cue's span."""
    return any(0 <= pos - end <= CUE_REACH or 0 <= start - pos <= CUE_REACH for start, end in cues)


CUE_LINE_MAX_WORDS = 4  # "Erschienen am", "Last updated on:": a label, not a sentence


def labelled_times(lines: list[str], old: list[Removed]) -> list[str]:
    """``lines``, each that stands right under a removed line that is only a label ("Erschienen
    am", "Published:", "Updated") with that label put back before it: a page that prints a
    label and its date in two elements may have them on two lines of its dump, and the label
    tells a publication from an update. ``old`` are the removed lines in the page's order."""
    return put_labels(lines, time_labels(old))


def time_labels(old: list[Removed]) -> dict[str, str]:
    """The label (``labelled_times``) of each removed line's text that has one: the line right
    over it, of CUE_LINE_MAX_WORDS words or fewer, a publication's or an update's label stating
    no time (``few_words_holding`` finds the few lines to search for the page at once)."""
    label_of: dict[str, str] = {}
    rows = [a.text if b.line == a.line + 1 else "" for a, b in pairwise(old)]  # right over b
    may = few_words_holding(rows, CUE_LINE_MAX_WORDS, PUBLISHED_CUE, UPDATED_CUE)
    for k, (above, below) in enumerate(pairwise(old)):
        text = above.text
        if (
            k in may
            and (PUBLISHED_CUE.search(text) or UPDATED_CUE.search(text))
            and next(iter(find_datetimes(text)), None) is None  # states no time
        ):
            label_of.setdefault(below.text, text)
    return label_of


def put_labels(lines: list[str], label_of: dict[str, str]) -> list[str]:
    return [f"{label_of[t]} {t}" if t in label_of else t for t in lines]


# A removed line of at most this many words that holds a date states a time ("20.01.2022",
# "14.01.2022 um 09:25", "01.02.2022 Kategorie: Verband"), a sentence mentions one. Chosen on
# half A of trafilatura's set (html_text dumps, 3 to 10 words tried: 3 0.820, 4 0.822, 6 0.825,
# 8 0.831, 10 0.831; lynx 0.784 at 8, 0.787 at 10).
DATED_LINE_MAX_WORDS = 8
_COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.I)


def dated_line(lines: list[str], fetched_at: str | None) -> str | None:
    """The time on the first short removed line that states one, not a copyright's nor an
    update's (a time before the update's cue is the publication's: "6 March 2024, 10:00 /
    Updated 7 March 2024"): where a page states no time in the places a time stands, the one
    its layout set apart. The line is read unglued (``UNGLUE``), as its cue is looked for."""
    for line in lines:
        if len(line.split()) > DATED_LINE_MAX_WORDS or _COPYRIGHT.search(line):
            continue
        line = UNGLUE.sub(" ", line)
        for pos, dt in stamps(line):
            if UPDATED_CUE.search(line, 0, pos):
                break  # an update's time is no publication's, nor any after its cue
            if not after_fetch(dt, fetched_at):
                return iso(dt)
    return None
