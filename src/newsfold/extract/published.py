"""Which of the times a page writes is its publication, and which its update.

The readers of ``dates.py`` find every time a line writes; this module chooses among them: a
time after an "Updated" cue is the update, after a "Published" cue the publication; a time after
the page's fetch time (a WARC date, a JSONL field; a file's mtime is no fetch time) is neither;
an ambiguous slashed date ("05/01/2008") is read in the order its page settles (``settle_order``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from ..dates import NUMERIC_YEARS, find_datetimes, iso, to_datetime

# Cues in the same languages as the month names. German "Stand:" ("as of") is deliberately not an
# update cue: on many pages it is the only time shown, and it is then the best publication time.
UPDATED_CUE = re.compile(
    r"\b(updated|modified|last updated|edited|revised|aktualisiert|geändert|mis à jour|"
    r"mise à jour|actualizado|actualización|aggiornato|aggiornamento|atualizado|atualização|"
    r"bijgewerkt)\b",
    re.I,
)
PUBLISHED_CUE = re.compile(
    r"\b(published|posted|first published|created|released|veröffentlicht|veröffentlichung|"
    r"erschienen|erstellt|publié|publication|publicado|publicación|pubblicato|publicação|"
    r"gepubliceerd|geplaatst)\b",
    re.I,
)


# a capitalised word glued to what precedes it, as text from adjacent markup elements often is
_UNGLUE = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z])")


def published_and_updated(
    lines: list[str], fetched_at: str | None = None, language: str | None = None
) -> tuple[str | None, str | None]:
    """Published and updated times from the byline/timestamp lines of a page.

    A time after an "Updated" cue is the update; after a "Published" cue, the publication. Unlabelled
    times fill published first, then updated (pages print them in that order). A time after the
    fetch time (``after_fetch``) is none of them. Where no other time is found, an ambiguous
    slashed date ("05/01/2008") is read in the order ``settle_order`` settles.
    """
    published: datetime | None = None
    updated: datetime | None = None
    unlabelled: list[datetime] = []
    for line in lines:
        line = _UNGLUE.sub(" ", line)  # "PTIUpdated: ..." -> "PTI Updated: ..."
        last_cue_end = 0
        for pos, dt in find_datetimes(line):
            if after_fetch(dt, fetched_at):
                continue
            before = line[last_cue_end:pos]
            cues = [(m.end(), "u") for m in UPDATED_CUE.finditer(before)]
            cues += [(m.end(), "p") for m in PUBLISHED_CUE.finditer(before)]
            if cues:
                kind = max(cues)[1]
                if kind == "u" and updated is None:
                    updated = dt
                elif kind == "p" and published is None:
                    published = dt
                else:
                    unlabelled.append(dt)
            else:
                unlabelled.append(dt)
            last_cue_end = pos + 1
    if published is None and updated is None and not unlabelled:
        for line in lines:
            for _, readings in ambiguous_dates(line):
                settled = settle_order(readings, [], fetched_at, language)
                if settled is not None:
                    unlabelled.append(settled)
    for dt in unlabelled:
        if published is None:
            published = dt
        elif updated is None and dt > published:  # an earlier date below is another story's
            updated = dt
    if published and updated and updated < published:
        published, updated = updated, published
    every = unlabelled + [dt for dt in (published, updated) if dt is not None]
    published = _finest(published, every)
    updated = _finest(updated, every)
    return (iso(published) if published else None, iso(updated) if updated else None)


def _finest(dt: datetime | None, others: list[datetime]) -> datetime | None:
    """The same time given to the second elsewhere on the page (a display time "10:05 IST" and
    the machine stamp "10:05:10+05:30" beside it): the finer one."""
    if dt is None or dt.second or dt.microsecond:
        return dt
    for other in others:
        if timedelta(0) < other - dt < timedelta(minutes=1) and other.utcoffset() == dt.utcoffset():
            return other
    return dt


# --- fetch time and ambiguous dates ------------------------------------------------------------

# A page's local time may run ahead of UTC by up to 14 hours (UTC+14), and a fetch time is often
# the UTC instant; a published time later than that past the fetch is one the page cannot have
# had when it was fetched: a date misread, or another story's.
FETCH_SLACK = timedelta(hours=14)
# "05/01/2008": day or month first. An order is settled by the page's other dates only where one
# reading lies within this of them and the other does not.
SETTLE_NEAR = timedelta(days=45)
_AMBIGUOUS_SLASH_RE = re.compile(r"(?<![\d./])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])")


def after_fetch(value: str | datetime | None, fetched_at: str | None) -> bool:
    """Whether ``value`` lies after the fetch time ``fetched_at`` by more than time zones can
    explain (``FETCH_SLACK``); ``False`` when either is unknown."""
    when = to_datetime(value) if isinstance(value, str | None) else value
    fetched = to_datetime(fetched_at)
    if when is None or fetched is None:
        return False
    return when - fetched > FETCH_SLACK


def settle_order(
    readings: tuple[datetime, datetime],
    others: list[datetime],
    fetched_at: str | None = None,
    language: str | None = None,
) -> datetime | None:
    """One of two readings of an ambiguous date (month first, day first): the one not after the
    fetch time; else the one near the page's other dates when only one is; else the one nearest
    below the fetch time; else by the page's language (English pages writing "05/01/2008" mostly
    mean month first, as the US web does; nearly every other language writes the day first);
    ``None`` when nothing settles it."""
    if readings[0] == readings[1]:  # "05/05/2008"
        return None if after_fetch(readings[0], fetched_at) else readings[0]
    fetched = to_datetime(fetched_at)
    kept = [r for r in readings if not after_fetch(r, fetched_at)]
    if len(kept) == 1:
        return kept[0]
    if not kept:
        return None
    if others:
        ordered = sorted(others)
        median = ordered[len(ordered) // 2]
        near = [r for r in kept if abs(r - median) <= SETTLE_NEAR]
        if len(near) == 1:
            return near[0]
    if fetched is not None:
        return min(kept, key=lambda r: fetched - r)
    if language == "en":
        return readings[0]
    if language:
        return readings[1]
    return None


def ambiguous_dates(text: str) -> Iterator[tuple[int, tuple[datetime, datetime]]]:
    """Each slashed date whose order cannot be told from its numbers ("05/01/2008"), with its
    position and its two readings (month first, day first). ``find_datetimes`` leaves them out."""
    if "/" not in text:
        return
    for m in _AMBIGUOUS_SLASH_RE.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 or b > 12 or a < 1 or b < 1 or year not in NUMERIC_YEARS:
            continue
        yield m.start(), (datetime(year, a, b, tzinfo=UTC), datetime(year, b, a, tzinfo=UTC))


CUED_LINE_MAX_WORDS = 40  # a line saying when the page was published, not a paragraph mentioning it


def cued_time(lines: Iterable[str], fetched_at: str | None = None) -> str | None:
    """The first time on a short line that says it is a publication ("Veröffentlicht am 6.
    August 2009", "Posted on 4 March 2021"): for a page whose timestamps stand away from its
    headline (under the text, in a footer), where no other time was found. An update's time is
    not a publication's (a page that states only when it was updated states no publication)."""
    for line in lines:
        if len(line.split()) > CUED_LINE_MAX_WORDS or not PUBLISHED_CUE.search(line):
            continue
        for _, dt in find_datetimes(line):
            if not after_fetch(dt, fetched_at):
                return iso(dt)
    return None
