"""Which of the times a page writes is its publication, and which its update.

The readers of ``dates.py`` find every time a line writes; this module chooses among them: a
time after an "Updated" cue is the update, after a "Published" cue the publication; a time after
the page's fetch time (a WARC date, a JSONL field; a file's mtime is no fetch time) is neither;
an ambiguous slashed date ("05/01/2008") is read in the order its page settles (``settle_order``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial

from ..dates import RELATIVE_RE, find_datetimes, iso, parse_relative, to_datetime, utc_key
from ..records import Removed
from .date_cues import PUBLISHED_CUE, UPDATED_CUE, time_label
from .lead_time import (  # re-exported: the dateline's reader was here
    LEAD_CHARS,
    closing_time,
    kicker_time,
    lead_time,
    url_day_shown,
)
from .lines import DumpResult
from .page_clock import (  # re-exported: the readers of a page's times ask this module
    FETCH_SLACK,
    SETTLE_NEAR,
    SHORT_LINE_WORDS,
    after_fetch,
    ambiguous_dates,
    ambiguous_time,
    at_or_before_fetch,
    glued_time,
    headline_time,
    listed,
    local_time,
    month_dates,
    named_time_lines,
    outside_head,
    same_day,
    same_minute,
    settle_order,
    short_lines,
    stamp_days,
    stamps,
    standfirst_lines,
    today_line,
    url_date,
    url_day_time,
    url_month_time,
)
from .time_labels import (  # re-exported: the readers of labelled lines were here
    CUE_LINE_MAX_WORDS,
    DATE_LABEL,
    UNGLUE,
    cued_time,
    dated_line,
    labelled_times,
    put_labels,
    time_labels,
)

__all__ = [
    "CUE_LINE_MAX_WORDS",
    "DATE_LABEL",
    "FETCH_SLACK",
    "LEAD_CHARS",
    "PUBLISHED_CUE",
    "SETTLE_NEAR",
    "UPDATED_CUE",
    "after_fetch",
    "ambiguous_dates",
    "cued_time",
    "dated_line",
    "labelled_times",
    "lead_time",
    "local_time",
    "page_times",
    "published_and_updated",
    "read_times",
    "settle_order",
    "time_labels",
    "today_line",
    "url_date",
]


def published_and_updated(
    lines: list[str], fetched_at: str | None = None, language: str | None = None
) -> tuple[str | None, str | None]:
    """Published and updated times from the byline/timestamp lines of a page (``read_times``)."""
    published, updated, _ = read_times(lines, fetched_at, language)
    return published, updated


def read_times(
    lines: list[str],
    fetched_at: str | None = None,
    language: str | None = None,
    url_month: tuple[int, int] | None = None,
    relative: bool = False,
    page_dates: Sequence[datetime] = (),
) -> tuple[str | None, str | None, bool]:
    """Published and updated times from the byline/timestamp lines of a page, and whether the
    publication's came after a "Published" cue. With ``relative``, a line that writes only a
    relative time ("3 hours ago") states that time counted back from the fetch time: for the
    lines around the headline, not those below the text (a comment's, a card's "2 hours ago").

    A time after an "Updated" cue is the update; after a "Published" cue, the publication. Unlabelled
    times fill published first, then updated (pages print them in that order). A time after the
    fetch time (``after_fetch``) is none of them. Where no other time is found, an ambiguous
    slashed date ("05/01/2008") is read in the order ``settle_order`` settles by the URL's
    month, the page's other dates (``page_dates``), the fetch time and the language.
    """
    published: datetime | None = None
    updated: datetime | None = None
    unlabelled: list[datetime] = []
    prose: list[bool] = []  # whether each of ``unlabelled`` stands on a long line
    cued = False
    fetched = to_datetime(fetched_at) if relative else None
    items = listed_labels(lines)
    for line in lines:
        line = UNGLUE.sub(" ", line)  # "PTIUpdated: ..." -> "PTI Updated: ..."
        last_cue_end = 0
        on_line = len(unlabelled)
        for pos, dt in _times_on(line, fetched):
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
                    cued = True
                else:
                    unlabelled.append(dt)
            elif not items or time_label(line[:pos]) not in items:  # "Termin: 12.03.2021"
                unlabelled.append(dt)
            last_cue_end = pos + 1
        unlabelled[on_line:] = _shown_first(unlabelled[on_line:])
        if len(unlabelled) > len(prose):
            prose += [not _states_time(line)] * (len(unlabelled) - len(prose))
    # a time a sentence mentions (a caption's "... of 31.05.2021 (left) and ...") after the
    # times the lines that state one give (``_stating``)
    unlabelled = [dt for dt, _ in sorted(zip(unlabelled, prose, strict=True), key=lambda x: x[1])]
    if published is None and updated is None and not unlabelled:
        for line in lines:
            for _, readings in ambiguous_dates(line):
                month = month_dates(url_month)
                settled = settle_order(readings, month, fetched_at, language, page_dates)
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
    return (iso(published) if published else None, iso(updated) if updated else None, cued)


def listed_labels(lines: list[str]) -> set[str]:
    """The labels (``time_label``) that stand before times of two days or more on ``lines``: a
    list's items ("Termin: 12.03.2021" over "Termin: 19.03.2021", "Latest reply: ..."), each
    an event's or another page's time, not the page's stamp, which its page labels once."""
    days: dict[str, set[str]] = {}
    for line in lines:
        if ":" not in line:  # every label ends with one
            continue
        line = UNGLUE.sub(" ", line)
        for pos, dt in stamps(line):
            label = time_label(line[:pos])
            if label is not None:
                days.setdefault(label, set()).add(dt.date().isoformat())
    return {label for label, seen in days.items() if len(seen) > 1}


def _shown_first(times: list[datetime]) -> list[datetime]:
    """One line's times, the one it writes twice first: a template that prints its stamps
    ("2021-07-30 16:05:12 2021-05-14 08:40:00") and the one it shows its reader ("14.05.2021
    08:40") shows the publication, whatever the order of the stamps."""
    shown = Counter(t.replace(second=0, microsecond=0) for t in times)  # once a line, not a time
    return sorted(times, key=lambda t: shown[t.replace(second=0, microsecond=0)] < 2)


def _times_on(line: str, fetched: datetime | None) -> list[tuple[int, datetime]]:
    """The times a line writes, with their positions; where it writes none but a relative one
    ("3 hours ago", "Updated yesterday", "By Jane Doe | 5 mins ago") and ``fetched``, the fetch
    time, is given, that time counted back from it. A relative time means nothing without the
    fetch time (a file's mtime is none): then the line states no time."""
    found = stamps(line)
    if found or fetched is None:
        return found
    match = RELATIVE_RE.search(line)
    when = parse_relative(line, fetched) if match else None
    return [(match.start(), when)] if match and when else []


def _finest(dt: datetime | None, others: list[datetime]) -> datetime | None:
    """The same time given to the second elsewhere on the page (a display time "10:05 IST" and
    the machine stamp "10:05:10+05:30" beside it): the finer one."""
    if dt is None or dt.second or dt.microsecond:
        return dt
    for other in others:
        if timedelta(0) < other - dt < timedelta(minutes=1) and other.utcoffset() == dt.utcoffset():
            return other
    return dt


# --- the page's publication time, from every place a page states one ------------------------


def page_times(
    result: DumpResult,
    paragraphs: list[str],
    removed: list[Removed],
    url: str | None,
    fetched_at: str | None,
    language: str | None,
    head: str = "",
) -> tuple[str | None, str | None]:
    """The article's published and updated times, from the places a page states them, in the
    order of trust (none after the fetch time: an unzoned one is ``at_or_before_fetch``):

    1. the page's metadata (HTML), a UTC stamp as the page's local clock shows it
       (``local_time``: "3/5/2022 22:41" printed for "2022-05-04T02:41Z"), unless the page
       shows its reader one other day by its headline (``_declared_or_shown``);
    2. a time printed on the byline (under the headline): the article's own, a relative one
       ("3 hours ago") counted back from the fetch time; unless the byline lines are a list
       of dated lines (``_a_list``) and 3 gives a time;
    3. a dateline's date opening the text or the standfirst (``lead_time``), a date line a
       renderer's wrapped lines ran into either (``glued_time``), a short removed line that
       says it states the publication ("Posted on ...", "Datum: ...", ``cued_time``), the
       URL's day ("/2019/03/14/"), the date a search of the markup guessed for a page that
       declares none (HTML: htmldate's), unless a time line says it is the publication's:
       other time lines may be the page's "today", a ticker's, an event's or another story's
       (half A of trafilatura's set: html_text 0.837 -> 0.843, lynx 0.775 -> 0.784; htmldate's
       guess first took a comment's, a masthead's or an event's date: HTML 287 -> 294 of 338);
    4. the time lines above and below the text (``read_times``);
    5. where none of these gives a publication: a removed line that says it states one (a
       footer's "Posted on ...", "Datum: ..."); a slashed date of either order on a short
       removed line ("03/05/2022 22:46") or the title bar, as the URL's month, the fetch time
       or the language settle it; the URL's day; last the first short removed line's time;
       a time far from the URL's month or day gives way (``url_month_time``, ``url_day_time``).

    A time a period's preposition opens ("ab 01.01.2024") is no stamp (``event_bound``). A
    weekday and a date alone ("Mittwoch, 26.02.2020") may be the masthead's "today": taken last,
    or right above the headline where no later day is given (``_weekday_kicker``). A label a
    renderer set over its time ("Erschienen am" over "15.12.2022") labels it (``labelled_times``).
    A page stating only its update states no publication (``examples/README.md``).
    """
    old = sorted(removed, key=lambda r: r.line)
    labels = time_labels(old)  # worked out once: three lists ask
    old_texts = put_labels(outside_head([r.text for r in old], head), labels)
    url_day, url_month = url_date(url)
    today, time_lines, byline_lines = _time_lines(result, labels, head)
    dates = _page_dates([*byline_lines, *time_lines, *old_texts], paragraphs)
    guessed = None if after_fetch(result.guessed, fetched_at) else result.guessed
    # the date a search of the markup found settles a slashed one of either order before the
    # text's other dates do ("07/01/2008" under the byline, htmldate's 2008-01-07)
    dates = [d for d in [to_datetime(guessed)] if d] or dates
    published, updated, cued = read_times(
        time_lines, fetched_at, language, url_month, page_dates=dates
    )
    printed_time, printed_update = published, updated
    opening = partial(_opening_time, paragraphs, old, old_texts, fetched_at)
    on_byline, updated_on_byline = _byline_time(
        byline_lines, (fetched_at, language), url_month, dates, opening
    )
    on_byline = kicker_time(old, fetched_at, head) or on_byline
    if on_byline and on_byline != published:
        published = on_byline
        later = updated and utc_key(updated) > utc_key(on_byline)
        updated = updated_on_byline or (updated if later else None)
    elif not on_byline and not cued:
        published = opening() or (url_day if not after_fetch(url_day, fetched_at) else None)
        published = published or guessed or printed_time
    updated = updated if updated is not None else updated_on_byline  # "Updated 2 hours ago"
    if result.published and not after_fetch(result.published, fetched_at):
        shown = (on_byline, updated_on_byline) if on_byline else (printed_time, printed_update)
        published = _declared_or_shown(result, shown, url_day, short_lines(old_texts))
    if result.updated and not after_fetch(result.updated, fetched_at):
        updated = result.updated
    if published is None:
        published = _last_resort(old, old_texts, today, url, (fetched_at, language), dates)
    if not result.published:  # declared: the page's own whatever its URL's month (not day)
        published = _weekday_kicker(published, kicker_time(old, fetched_at, head, today=True))
        lines = [*byline_lines, *time_lines, *short_lines(old_texts), *paragraphs[:1]]
        published = url_month_time(published, url_month, lines, fetched_at)
        published = url_day_shown(published, url_day, [*lines, *old_texts, *paragraphs], fetched_at)
    published = at_or_before_fetch(url_day_time(published, url_day, fetched_at), fetched_at)
    return published, at_or_before_fetch(updated, fetched_at)


# Byline lines (under the headline, above the text) that state more days than this are a list
# (related stories, an author's other pieces, a schedule, a gallery's captions), whose first
# date is no more the article's than a dateline opening the text is. Half A of trafilatura's
# set: +1 page on chromium, lynx and lxml_lines dumps each, none lost; where the first time
# line of the page (or the URL's day, the markup's guess) replaced the list's too: +8, -6 (a
# page of a list of dated stories, the article one of them) and half B +1, -5: not taken.
BYLINE_DAYS_MAX = 2


def _byline_time(
    lines: list[str],
    page: tuple[str | None, str | None],
    url_month: tuple[int, int] | None,
    dates: Sequence[datetime],
    opening: Callable[[], str | None],
) -> tuple[str | None, str | None]:
    """The publication and update the byline lines state (``read_times``, a relative time
    counted back from the fetch time), none where they are a list (``_a_list``); ``page``:
    the fetch time and the page's language."""
    if _a_list(lines, opening):
        return None, None
    fetched_at, language = page
    published, updated, _ = read_times(
        _stating(lines), fetched_at, language, url_month, relative=True, page_dates=dates
    )
    return published, updated


def _a_list(lines: list[str], opening: Callable[[], str | None]) -> bool:
    """Whether ``lines`` state more than ``BYLINE_DAYS_MAX`` days and ``opening`` (the time of
    the text's opening: ``_opening_time``) gives one."""
    days: set[str] = set()
    for line in lines:
        days |= stamp_days(line)
        if len(days) > BYLINE_DAYS_MAX:
            return opening() is not None
    return False


def _stating(lines: list[str]) -> list[str]:
    """The lines that state a time (``_states_time``)."""
    return [line for line in lines if _states_time(line)]


def _states_time(line: str) -> bool:
    """Whether a line states a time: a short one, or one a cue labels ("Published: 22:00 GMT,
    26 September 2020 | Updated: ..."); a longer line under the headline is a sentence (a
    caption's "... of 31.05.2021 (left) and ..."). Half A of trafilatura's set: +5 pages over
    the seven renderers' dumps, none lost (two lost with the cued lines left out too)."""
    return bool(
        len(line.split(None, SHORT_LINE_WORDS)) <= SHORT_LINE_WORDS
        or PUBLISHED_CUE.search(line)
        or UPDATED_CUE.search(line)
    )


def _time_lines(
    result: DumpResult, labels: dict[str, str], head: str
) -> tuple[list[str], list[str], list[str]]:
    """The masthead's "today" lines, the other time lines and the byline lines (with the time
    lines naming the byline's author), the latter two labelled (``time_labels``); none of
    ``head``, the page head's links a lynx dump opens with (``outside_head``)."""
    times, bylines = outside_head(result.time_lines, head), outside_head(result.byline_lines, head)
    today = [t for t in times if t not in bylines and today_line(t)]
    time_lines = put_labels([t for t in times if t not in today], labels)
    return today, time_lines, put_labels([*bylines, *named_time_lines(times, bylines)], labels)


def _opening_time(
    paragraphs: list[str], old: list[Removed], old_texts: list[str], fetched_at: str | None
) -> str | None:
    """``page_times``' 3 before the URL's day: the opening's dateline, a glued or cued time;
    a cued one of the text's first paragraph too, a footer's sentence a text read from the
    wrong start opens with ("Der Beitrag wurde am ... veröffentlicht"; half A of
    trafilatura's set: +1 page on chromium, lynx and html2text, none lost; the last paragraph
    too took a related story's "released" or a print edition's "published on" day on L3S)."""
    standfirst = standfirst_lines(old)
    return (
        lead_time(paragraphs, fetched_at)
        or next((t for s in standfirst for t in [lead_time([s], fetched_at)] if t), None)
        or glued_time([*paragraphs[:1], *standfirst], fetched_at)
        or closing_time([*paragraphs[:1], *standfirst], fetched_at)
        or cued_time(old_texts, fetched_at)
        or cued_time(paragraphs[:1], fetched_at)
        or headline_time(old, fetched_at)
    )


# The day a page shows its reader beats another its markup declares (often a CMS's draft) where
# the byline and time lines show no more days than this (several: a teaser's, an event's) and
# no update cue labels it. Half A of trafilatura's set, HTML: 296 -> 299 of 338 (+5, -2: an
# event's and a teaser's lone date); two days gained nothing more once updates were left out.
SHOWN_DAYS_MAX = 1


def _declared_or_shown(
    result: DumpResult,
    shown: tuple[str | None, str | None],
    url_day: str | None,
    old: list[str],
) -> str:
    """The time the page's markup declares (``result.published``) on the page's local clock
    (``local_time``: of the time lines, else of ``old``, the short removed lines), or the
    publication ``shown[0]`` printed by the headline: where the declared time is the update the
    page prints (``shown[1]``, after an update cue: a CMS that declares its last save as the
    publication), else as ``_shown_over_declared`` chooses."""
    printed = [*result.byline_lines, *result.time_lines]
    declared = local_time(result.published or "", [*printed, *old], url_day)
    publication, update = shown
    if (
        publication
        and update
        and same_minute(declared, update)
        and utc_key(publication) < utc_key(update)
    ):
        return publication
    if publication and listed(publication, declared, printed, old):
        return declared  # the day shown is one item's of a list (events, other stories)
    return _shown_over_declared(declared, publication, printed)


def _shown_over_declared(declared: str, shown: str | None, printed: list[str]) -> str:
    """``shown``, the time printed by the headline, over ``declared``, the markup's, where the
    page shows its reader one day (``SHOWN_DAYS_MAX``), not the declared one, and no update
    cue labels it; else ``declared``."""
    if shown is None or shown[:10] == declared[:10] or same_day(declared, shown):
        return declared
    by_line = [(line, stamp_days(line)) for line in printed]
    days = set().union(*(d for _, d in by_line))
    if declared[:10] in days or len(days) > SHOWN_DAYS_MAX:
        return declared
    if any(shown[:10] in d and UPDATED_CUE.search(UNGLUE.sub(" ", line)) for line, d in by_line):
        return declared  # an update's day: a page that shows only its update states no publication
    return shown


def _weekday_kicker(published: str | None, kicker: str | None) -> str | None:
    """The weekday and date alone right above the headline (``kicker``: a blog's or a section's
    date line over each post, or the masthead's "today") over ``published``, the time the
    page's other places gave, where that is on a later day or none. A masthead's "today" is
    the day the page was served, on or after every day its stories were published: a page that
    states a later day than its weekday line is not showing "today" there. Where the other time
    is earlier, that line may be "today" and the other stands (a dateline, the URL's day, a
    dated line below the text). Half A of trafilatura's set: one page has such a line right
    above its headline (a blog's, the post's date, on every renderer's dump); lynx and html2text
    had taken a comment's later date there: +1 page each, none lost, half B unchanged (on the
    rule's branch; under the models retrained after the merge, html2text's page is lost again)."""
    if kicker is None or (published is not None and published[:10] <= kicker[:10]):
        return published
    return kicker


def _last_resort(
    old: list[Removed],
    old_texts: list[str],
    today: list[str],
    url: str | None,
    page: tuple[str | None, str | None],
    dates: Sequence[datetime],
) -> str | None:
    """``page_times``' 5: where nothing else gives a publication, in this order; ``old``: the
    removed lines (those that repeat the headline are the title bar), ``old_texts`` their texts
    as ``page_times`` reads them; ``page``: the fetch time and the page's language. (The URL's
    date is read again here, on the few pages that come this far, to keep page_times short.)"""
    fetched_at, language = page
    url_day, url_month = url_date(url)
    titles = [r.text for r in old if r.reason == "headline_repeat"]
    return (
        cued_time(old_texts, fetched_at)
        or ambiguous_time(old_texts, url_month, fetched_at, language, dates, titles)
        or (url_day if url_day and not after_fetch(url_day, fetched_at) else None)
        or (read_times(today, fetched_at, language, url_month)[0] if today else None)
        or dated_line(old_texts, fetched_at)
    )


def _page_dates(lines: list[str], paragraphs: list[str]) -> list[datetime]:
    """Every unambiguous date the page writes (its lines and its text), where one of ``lines``
    writes a slashed date of either order that they may settle (``settle_order``); else none
    (not worked out: nothing asks)."""
    # a slashed or dashed date's ("05/01/2008", "05-01-2008"): most lines have neither
    slashed = [line for line in lines if "/" in line or "-" in line]
    if not any(next(iter(ambiguous_dates(line)), None) for line in slashed):
        return []
    return [dt for text in (*lines, *paragraphs) for _, dt in find_datetimes(text)]
