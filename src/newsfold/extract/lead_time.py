"""The dates that open or close the text, or stand over the headline: a dateline's
(``lead_time``), a time line glued onto the opening (``closing_time``), a kicker's
(``kicker_time``), and the URL's day shown on the page (``url_day_shown``). ``published.py``
chooses among a page's times with these; split from it to keep each module short. The cues that
label a time a publication's or an update's are ``date_cues``'."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..dates import find_datetimes, iso
from ..records import Removed
from .date_cues import PUBLISHED_CUE, UPDATED_CUE
from .page_clock import after_fetch, outside_head, stamps, today_line

# A date set off at the opening of the text, where a dateline puts it: "(21. November 2022)
# Energie...", "Pressemitteilung vom 25. Januar 2022 | Berlin -", "Berlin, 29. November 2022.
# Weihnachten...". A date the first sentence runs on from ("Am 19. Oktober 2019 gastiert",
# "vom 5. bis 11. Februar 2022 in") is an event's, not the article's.
LEAD_CHARS = 60
_RUNS_ON = re.compile(r"\s*[^\W\d_]", re.UNICODE)


def lead_time(paragraphs: list[str], fetched_at: str | None = None) -> str | None:
    """A time set off at the opening of the text, where a dateline puts it (``LEAD_CHARS``)."""
    if not paragraphs:
        return None
    opening = paragraphs[0][: LEAD_CHARS + 40]
    for pos, dt in find_datetimes(opening):
        if pos >= LEAD_CHARS or after_fetch(dt, fetched_at):
            continue
        if UPDATED_CUE.search(opening, 0, pos):
            continue  # "Aktualisiert am 19.02.2020": an update's time opening the text
        end = _date_end(opening, pos)
        after = _RUNS_ON.match(opening, end)
        if after and after.group(0).strip()[0].islower():
            continue
        return iso(dt)
    return None


_DATE_END = re.compile(r".{0,30}?(?<!\d)\d{4}(?!\d)(?:[ ,T]+\d{1,2}[:.]\d{2}(?::\d{2})?)?")


def _date_end(text: str, pos: int) -> int:
    """Where the date written at ``pos`` ends (the end of its last run of digits)."""
    m = _DATE_END.match(text, pos)
    return m.end() if m else pos


# A date a renderer ran onto the end of the standfirst or the opening paragraph, where the time
# line under them stood ("... its recovery?Monday, 6 January 2020", "... in March. 14 March
# 2023, 09:50"): right after a sentence's stop, a weekday between them at most, and nothing but
# the date and its time after it (``CLOSING_TAIL_WORDS``); a date a sentence writes is no such.
_CLOSES = re.compile(r"[.!?…]\s*(?:[^\W\d_]+day,?\s*|[^\W\d_]+,\s*)?$")
CLOSING_TAIL_WORDS = 6  # "6 January 2020 09:48 GMT", "Monday, March 2, 2024 at 10:05 a.m."
_TAIL_END = re.compile(r"[^\W\d_]{4,}\s+[^\W\d_]{4,}")  # two words of a sentence going on
# A date that ends the text with no stop after it, right after a capitalised word (a caption's
# credit, "... picture alliance | Jane Doe 03.11.2021"): a date line a renderer's wrapped lines
# ran onto it; a sentence that closes on a date ends with its stop ("... bis 03.11.2021."), and
# one that runs on to it from a preposition ("seit dem 03.11.2021") is lower-case there. Half A
# of trafilatura's set: +1 page (lynx), none lost.
_LAST_WORD = re.compile(r"(?<!\w)[^\W\d_]{2,}(?=\s+$)")  # capitalised: ``_closes_bare``
_BARE_END = re.compile(r"[\d\s:]*$")


def closing_time(texts: list[str], fetched_at: str | None = None) -> str | None:
    """The date that closes one of ``texts`` after a sentence (``_CLOSES``): a time line glued
    onto the standfirst or the opening. None after the fetch time."""
    for text in texts:
        end = text[-120:]
        found = list(find_datetimes(end))
        if not found:
            continue
        pos, dt = found[-1]
        tail = end[pos:]
        if (
            len(tail.split()) <= CLOSING_TAIL_WORDS
            and not _TAIL_END.search(tail)
            and (_CLOSES.search(end[:pos]) or _closes_bare(end, pos))
            and not after_fetch(dt, fetched_at)
        ):
            return iso(dt)
    return None


def _closes_bare(text: str, pos: int) -> bool:
    """Whether the date at ``pos`` ends ``text`` with nothing but digits after it, right
    after a capitalised word (``_LAST_WORD``; ``str.isupper``: "über" or "für" is lower-case
    too)."""
    end = _date_end(text, pos)
    if not _BARE_END.fullmatch(text, end):
        return False
    word = _LAST_WORD.search(text[:pos])
    return word is not None and word.group()[0].isupper()


# The line right above the headline, where a kicker or the time line of a layout that sets it
# over the title states the story's time ("19.11.2021 in Politik, Europa", "5 Min. 1. November
# 2023 Jo Reyes 1 Kommentar"): the article's own, over a time of the byline lines further under
# the headline (a list of related stories between the headline and the text), unless a line
# right under the headline states one. Not an update's, nor the masthead's "today", nor a lynx
# head link's. Half A of trafilatura's set: +7 pages over the seven renderers' dumps, none lost.
# "Right above": the nearest removed line, with a blank line between at most (lynx and w3m set
# one between blocks), its time not labelled another's (``_labelled_other``: a source's "(Stand:
# 28. November 2018)", which a headline misread under it took); half A: +2 pages (html_text,
# resiliparse), none lost.
KICKER_MAX_WORDS = 12
KICKER_GAP = 2  # lines from the kicker to the headline: right above it, or a blank line between
UNDER_HEADLINE = 2  # the lines right under the headline, where a byline's time stands


def kicker_time(
    old: Sequence[Removed], fetched_at: str | None, head: str = "", today: bool = False
) -> str | None:
    """The time on the removed line right above the headline (``old``, in the page's order),
    where none of the lines right under it states one; ``head``: a lynx dump's head links.
    With ``today``, only a line of a weekday and a date alone (``today_line``), else any but
    that: ``page_times`` tells a masthead's "today" from a story's date line."""
    heads = [r.line for r in old if r.reason == "headline"]
    if not heads:
        return None
    h = heads[0]
    if any(0 < r.line - h <= UNDER_HEADLINE and stamps(r.text) for r in old):
        return None
    above = max((r.line for r in old if r.line < h), default=-1)
    for r in old:
        text = r.text
        if (
            r.line != above
            or h - above > KICKER_GAP
            or len(text.split()) > KICKER_MAX_WORDS
            or not outside_head([text], head)
        ):
            continue
        if UPDATED_CUE.search(text) or today_line(text) != today:
            continue
        for pos, dt in stamps(text):
            if not after_fetch(dt, fetched_at) and not _labelled_other(text[:pos]):
                return iso(dt)
    return None


def _labelled_other(before: str) -> bool:
    """Whether what stands before a kicker's time labels it another's: a label's colon ("Next
    meeting: 21 February 2020", a source's "(Stand: 28. November 2018)") other than a
    publication's ("Veröffentlicht: ..."), or a bracket left open."""
    if before.count("(") > before.count(")"):
        return True
    return ":" in before and PUBLISHED_CUE.search(before) is None


def url_day_shown(
    published: str | None, url_day: str | None, lines: Sequence[str], fetched_at: str | None
) -> str | None:
    """The first time on the day the URL's path names that one of ``lines`` (the page's) writes,
    where ``published`` lies on another day: a path's day is set when the story is first put
    up, and a page that also prints it shows its reader the publication's day; the other was a
    teaser's, an event's, the masthead's "today" or a later save's. Else ``published``.
    (Half A of trafilatura's set: +1 page on two renderers' dumps, none lost; a page's declared
    time beats its URL's day, which may be the day before on the server's clock.)"""
    if published is None or url_day is None or published[:10] == url_day[:10]:
        return published
    if after_fetch(url_day, fetched_at):
        return published
    for line in lines:
        for _, dt in stamps(line):
            if iso(dt)[:10] == url_day[:10]:
                return iso(dt)
    return published
