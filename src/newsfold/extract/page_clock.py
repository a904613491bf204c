"""What a page's times mean against when and where it was fetched: a time after the fetch is
none the page had (``after_fetch``), an ambiguous slashed date ("05/01/2008") is settled by the
page's other dates, its fetch time and its language (``settle_order``), the URL names a day or a
month (``url_date``), and a declared UTC stamp is shown to the reader on a local clock
(``local_time``), and an unzoned time after the fetch is a local one (``at_or_before_fetch``);
which lines state the article's time: a time line naming the byline's author
(``named_time_lines``), a date line a renderer's wrapped lines glued into the text
(``glued_time``), the standfirst (``standfirst_lines``), a line repeating the headline
(``headline_time``); which do not: a masthead's "today" (``today_line``), one item of a list
(``listed``); a time far from the URL's day gives way to it (``url_day_time``).
``published.py`` and ``html_meta.py`` choose among the page's times with these.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone

from ..dates import MONTHS, ambiguous_slashed, find_datetimes, iso, to_datetime
from ..records import Removed
from . import byline_page, byline_spans
from .date_cues import EVENT_BOUND, WEEKDAY

# --- fetch time and ambiguous dates ------------------------------------------------------------

# A page's local time may run ahead of UTC by up to 14 hours (UTC+14), and a fetch time is often
# the UTC instant; a published time later than that past the fetch is one the page cannot have
# had when it was fetched: a date misread, or another story's.
FETCH_SLACK = timedelta(hours=14)
# "05/01/2008": day or month first. An order is settled by the page's other dates only where one
# reading lies within this of them and the other does not.
SETTLE_NEAR = timedelta(days=45)


def after_fetch(value: str | datetime | None, fetched_at: str | None) -> bool:
    """Whether ``value`` lies after the fetch time ``fetched_at`` by more than time zones can
    explain (``FETCH_SLACK``); ``False`` when either is unknown."""
    when = to_datetime(value) if isinstance(value, str | None) else value
    fetched = to_datetime(fetched_at)
    if when is None or fetched is None:
        return False
    return when - fetched > FETCH_SLACK


# The offsets east of UTC that zones use (the tz database's, in minutes), for a wall-clock time
# that must be a local one (``at_or_before_fetch``)
EAST_OFFSETS = (
    60, 120, 180, 210, 240, 270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630,
    660, 720, 765, 780, 825, 840,
)  # fmt: skip


def at_or_before_fetch(value: str | None, fetched_at: str | None) -> str | None:
    """``value``, an ISO time, such that it does not lie after the fetch time ``fetched_at``.

    A time a page writes with no zone is taken as UTC (``dates.py``), and may then lie up to
    ``FETCH_SLACK`` after the fetch (a later one was dropped as one the page could not have
    had): it is a wall-clock time of a zone ahead of UTC ("06:12 AM" on a page fetched at 03:00
    UTC). It keeps its wall-clock time and takes the smallest offset east of UTC that a zone
    uses (``EAST_OFFSETS``) that puts it at or before the fetch: the latest the page's clock
    can be. A time with an offset of its own that lies after the fetch has the wrong one (a CMS
    that writes its local time with the server's offset, "+02:00" on a clock at +03:00): its
    wall clock is read the same way, and where no zone puts it at or before the fetch it is
    none the page had (``None``). A time no later than the fetch is kept as it is."""
    when, fetched = to_datetime(value), to_datetime(fetched_at)
    if value is None or when is None or fetched is None or when <= fetched:
        return value
    wall = when.replace(tzinfo=None)
    for minutes in (0, *EAST_OFFSETS):  # UTC for a time of a zone west of it ("-05:00")
        local = wall.replace(tzinfo=timezone(timedelta(minutes=minutes)))
        if local <= fetched:
            return iso(local)
    return None  # more than UTC+14 ahead: no clock the page could have had


def settle_order(
    readings: tuple[datetime, datetime],
    others: list[datetime],
    fetched_at: str | None = None,
    language: str | None = None,
    page_dates: Sequence[datetime] = (),
) -> datetime | None:
    """One of two readings of an ambiguous date (month first, day first): the one not after the
    fetch time; else the one near ``others`` (the declared times, the URL's month) when only
    one is; else the one near the dates the page writes elsewhere (``page_dates``: a caption's
    "Sept. 29, 2020" settles a byline's "02/10/2020") when only one is; else the one nearest
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
    for dates in (others, page_dates):
        near = _near(kept, dates)
        if near is not None:
            return near
    if fetched is not None:
        return min(kept, key=lambda r: fetched - r)
    if language == "en":
        return readings[0]
    if language:
        return readings[1]
    return None


def _near(readings: list[datetime], dates: Sequence[datetime]) -> datetime | None:
    """The one of ``readings`` within ``SETTLE_NEAR`` of the median of ``dates``, if only one is."""
    if not dates:
        return None
    median = sorted(dates)[len(dates) // 2]
    near = [r for r in readings if abs(r - median) <= SETTLE_NEAR]
    return near[0] if len(near) == 1 else None


def ambiguous_dates(text: str) -> Iterator[tuple[int, tuple[datetime, datetime]]]:
    """Each slashed date whose order cannot be told from its numbers ("05/01/2008"), with its
    position and its two readings (month first, day first). ``find_datetimes`` leaves them out."""
    return ambiguous_slashed(text)


# --- stamps: the times a line writes that date it -----------------------------------------

EVENT_REACH = 24  # characters before a time where its preposition stands


def event_bound(line: str, pos: int) -> bool:
    """Whether the time written at ``pos`` of ``line`` is a period's bound or a deadline
    (``EVENT_BOUND``), not a stamp."""
    return EVENT_BOUND.search(line[max(0, pos - EVENT_REACH) : pos]) is not None


# No page on the web was published before the web: an older date a line writes is history's
# (a founding year, a treaty's day), not a stamp
WEB_YEAR = 1991


def stamps(line: str) -> list[tuple[int, datetime]]:
    """The times a line writes that are not a period's bound (``event_bound``) nor older than
    the web (``WEB_YEAR``)."""
    return [
        (pos, dt)
        for pos, dt in find_datetimes(line)
        if dt.year >= WEB_YEAR and not event_bound(line, pos)
    ]


def same_day(declared: str, shown: str) -> bool:
    """Whether ``shown`` may state the day of ``declared`` all the same: on a local clock (a
    zone puts the declared instant on the day shown, ``on_local_day``), or with its
    day and month read the other way round ("11.03.17" printed for 3 November)."""
    stamp, day = to_datetime(declared), to_datetime(shown)
    if stamp is None or day is None:
        return True
    if day.day <= 12 and (day.year, day.day, day.month) == (stamp.year, stamp.month, stamp.day):
        return True
    if day.hour or day.minute:  # a time of day shown: the same instant on some zone's clock
        off = day.replace(tzinfo=None) - stamp.astimezone(UTC).replace(tzinfo=None)
        return abs(off) <= FETCH_SLACK
    return on_local_day(stamp, day.replace(tzinfo=UTC))


def stamp_days(line: str) -> set[str]:
    """The calendar days (ISO) of the stamps a line writes (``stamps``)."""
    return {iso(dt)[:10] for _, dt in stamps(line)}


# "/2019/03/14/", "2019-03-14", "20190314", "/14-03-2019-", "14032019": a day in a URL's path
_URL_YMD = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<s>[/_.-]?)(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?!\d)"
)
_URL_DMY = re.compile(
    r"(?<![\d])(?P<d>[0-3]\d)(?P<s>[_.-]?)(?P<m>[01]\d)(?P=s)(?P<y>(?:19|20)\d\d)(?!\d)"
)
_URL_YM = re.compile(r"/(?P<y>(?:19|20)\d\d)[/_-](?P<m>[01]?\d)(?:/|$)")


def url_date(url: str | None) -> tuple[str | None, tuple[int, int] | None]:
    """The day a URL's path names ("/2019/03/14/", "20190314", "14-03-2019"), as an ISO time,
    and the year and month it names ("/2020/02/"), where it names them."""
    if not url:
        return None, None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.I)
    # a query holds paths too ("?xml=/sport/2008/01/10/x.xml"), and ids: eight digits in a row
    # count there only where they name no day after this one ("?pid=20601101" is an id)
    query = path.find("?")
    this_year = datetime.now(UTC).year
    for pattern in (_URL_YMD, _URL_DMY):
        for m in pattern.finditer(path):
            if (len(m["m"]) == 1 or len(m["d"]) == 1) and not m["s"]:
                continue  # "2019314": no telling where the month ends
            if not m["s"] and 0 <= query < m.start() and int(m["y"]) > this_year:
                continue
            try:
                day = datetime(int(m["y"]), int(m["m"]), int(m["d"]), tzinfo=UTC)
            except ValueError:
                continue
            return iso(day), (day.year, day.month)
    month = _URL_YM.search(path)
    if month and 1 <= int(month["m"]) <= 12:
        return None, (int(month["y"]), int(month["m"]))
    return None, None


# A declared stamp in UTC ("2022-05-04T02:41:00Z") names an instant; the page's reader was shown
# its local day, which may be the one before or after. A printed time of the same minute of the
# hour, at most this far from the stamp, is that instant on the page's local clock (zones are
# whole quarter hours off UTC).
LOCAL_CLOCK_SLACK = timedelta(hours=14)
_QUARTER_HOUR = timedelta(minutes=15)


def local_time(declared: str, printed: list[str], url_day: str | None) -> str:
    """``declared`` as the page's reader saw it: where it is a UTC stamp with a time of day and
    a printed time states the same instant on a local clock ("3/5/2022 22:41" beside
    "2022-05-04T02:41Z"), that local time with its offset; else, where the URL names the day
    before or after within ``LOCAL_CLOCK_SLACK`` of the stamp, that day; else ``declared``."""
    stamp = to_datetime(declared)
    if stamp is None or stamp.utcoffset() or not (stamp.hour or stamp.minute):
        return declared  # a local time already, or a day without its time
    stamp = stamp.replace(second=0, microsecond=0)
    for line in printed:
        shown = [dt for _, dt in find_datetimes(line)]
        shown += [r for _, readings in ambiguous_dates(line) for r in readings]
        for dt in shown:
            if dt.utcoffset() or not (dt.hour or dt.minute):
                continue  # a time with its own zone, or a day without its time
            off = dt.replace(tzinfo=None) - stamp.replace(tzinfo=None)
            if off and abs(off) <= LOCAL_CLOCK_SLACK and not off % _QUARTER_HOUR:
                return iso(dt.replace(tzinfo=timezone(off)))
    day = to_datetime(url_day)
    # the URL's day ("/2020/02/24/" for "2020-02-25T02:25Z") where a zone from UTC-12 to UTC+14
    # puts the stamp on it: the day the page's site saw
    if url_day and day and day.date() != stamp.date() and on_local_day(stamp, day):
        return url_day
    return declared


def on_local_day(stamp: datetime, day: datetime) -> bool:
    """Whether some zone (UTC-12 to UTC+14) puts the UTC instant ``stamp`` on ``day``."""
    return day - LOCAL_CLOCK_SLACK <= stamp < day + timedelta(days=1, hours=12)


# lynx -dump opens with the page head's <link> elements, indented, each a "#" and its title (or
# its rel, "alternate"), wrapped into one block up to the first blank line: the site's feeds,
# the previous and next posts' titles with their dates. No dump of another renderer opens so
# (html2text's heading "# Title" stands at the edge).
_HEAD_LINKS = re.compile(r"^[ \t]+#[^\s#]")
# a line of at least this many characters inside that block is one of its lines, not a short
# date the text happens to repeat
HEAD_LINE_MIN_CHARS = 16


def head_links(dump: str) -> str:
    """The block of the page head's links a lynx dump opens with, its whitespace folded ("" if
    none): lines inside it state other pages' times (``outside_head``)."""
    lines = dump.split("\n", 60)[:60]
    start = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if start == len(lines) or not _HEAD_LINKS.match(lines[start]):
        return ""
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return " ".join(" ".join(lines[start:end]).split())


def outside_head(lines: list[str], head: str) -> list[str]:
    """``lines`` but those of ``head``, the block of the page head's links (``head_links``)."""
    if not head:
        return lines
    return [
        line
        for line in lines
        for folded in [" ".join(line.split())]
        if len(folded) < HEAD_LINE_MIN_CHARS or folded not in head
    ]


# --- lines that state the article's time ------------------------------------------------------

SHORT_LINE_WORDS = 12  # a line that states a time, not a sentence that mentions one


def short_lines(lines: list[str]) -> list[str]:
    """The lines of at most ``SHORT_LINE_WORDS`` words (a long line's words past them not split)."""
    return [line for line in lines if len(line.split(None, SHORT_LINE_WORDS)) <= SHORT_LINE_WORDS]


# a name's word: a capital and letters, no digit ("Jane", "O'Neil", "Müller-Lüdenscheidt")
_NAME_WORD = re.compile(r"\b[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*\b")
# the words a byline puts before its names and between them, as the byline scorer reads them
# (``byline_page.CUES``, ``byline_spans.JOINERS``), and the month names: "By Jo Reyes, March 3,
# 2020" names Jo Reyes
_NOT_NAMES = byline_page.CUES | byline_spans.JOINERS | frozenset(MONTHS)


def named_time_lines(time_lines: list[str], byline_lines: list[str]) -> list[str]:
    """The time lines that name the byline's author ("1. Februar 2022, Jane Doe" beside "By
    Jane Doe"): the byline's own time, where the page printed the name and the time in one line
    and the byline was read from another element (an author tag, the metadata). A name of at
    least two words, all of them on the line."""
    names = [
        words
        for line in byline_lines
        for words in [{w for w in _NAME_WORD.findall(line) if w.casefold() not in _NOT_NAMES}]
        if len(words) >= 2
    ]
    return [
        line
        for line in time_lines
        if line not in byline_lines
        and stamps(line)
        and any(name <= set(_NAME_WORD.findall(line)) for name in names)
    ]


_LETTERS = re.compile(r"[^\W\d_]+")
_DATE_WORDS = frozenset(["de", "del", "of", "the", "den", "le"])


def today_line(text: str) -> bool:
    """A line that writes a weekday and a date and nothing else, no time of day: a masthead's
    "today" more often than a story's time (``page_times`` takes it last)."""
    m = WEEKDAY.match(text)
    if m is None:
        return False
    rest = text[m.end() :]
    found = list(find_datetimes(rest))
    if len(found) != 1 or found[0][1].hour or found[0][1].minute:
        return False
    return all(
        w.casefold() in _DATE_WORDS or w.casefold() in MONTHS for w in _LETTERS.findall(rest)
    )


# A line of a date alone ("19.10.2019 12.09", "11.01.2022, 09:50") that the lines a renderer
# wrapped ran into the text around it: a figures-only date between a sentence's stop or a
# separator and the next sentence (or the end), not a date a sentence writes ("am 19.10.2019").
_GLUED = re.compile(
    r"(?:^|(?<=[.!?|/*•]\s))(?P<date>\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+\d{1,2}[:.]\d{2}(?![\d.]))?(?=\s|$)(?!\s+[^\W\d_A-ZÀ-Þ])"
)


def glued_time(texts: Sequence[str], fetched_at: str | None = None) -> str | None:
    """The first date a time line stated alone that ran into one of ``texts`` (``_GLUED``):
    the opening paragraph and the standfirst, where a renderer's wrapped lines glue the dateline
    or the time line under the headline. None after the fetch time."""
    for text in texts:
        for m in _GLUED.finditer(text):
            found = next(iter(find_datetimes(m.group(0))), None)
            if found and not after_fetch(found[1], fetched_at):
                return iso(found[1])
    return None


# The standfirst: the first removed lines above the text that read as text (a menu's are
# shorter); more of them are captions and other stories' teasers (half A of trafilatura's set:
# every long line above the text took a caption's dateline on one page of lynx, w3m and
# resiliparse dumps each)
STANDFIRST_LINES, STANDFIRST_WORDS = 2, 8


def standfirst_lines(old: list[Removed]) -> list[str]:
    """The standfirst's lines among the removed lines ``old`` (``STANDFIRST_LINES``)."""
    long = [
        r.text for r in old if r.reason == "before_body" and len(r.text.split()) >= STANDFIRST_WORDS
    ]
    return long[:STANDFIRST_LINES]


def same_minute(one: str, other: str) -> bool:
    """Whether two ISO times state the same instant to the minute."""
    a, b = to_datetime(one), to_datetime(other)
    return a is not None and b is not None and abs(a - b) < timedelta(minutes=1)


def month_dates(month: tuple[int, int] | None) -> list[datetime]:
    """The middle of the month a URL names, as the page's other date that settles an ambiguous
    one (``settle_order``)."""
    return [datetime(month[0], month[1], 15, tzinfo=UTC)] if month else []


def url_month_time(
    published: str | None,
    url_month: tuple[int, int] | None,
    lines: list[str],
    fetched_at: str | None,
) -> str | None:
    """``published``, unless it lies further than ``SETTLE_NEAR`` from the middle of the month
    the URL names and one of ``lines`` (the page's time lines, short removed lines, opening)
    states a time within it: then the first such. The page took another story's date (a
    sidebar's, a teaser's); its URL names the article's month."""
    when = to_datetime(published)
    if when is None or url_month is None:
        return published
    middle = month_dates(url_month)[0]
    if abs(when - middle) <= SETTLE_NEAR:
        return published
    for line in lines:
        for _, dt in stamps(line):
            if abs(dt - middle) <= SETTLE_NEAR and not after_fetch(dt, fetched_at):
                return iso(dt)
    return published


def url_day_time(published: str | None, url_day: str | None, fetched_at: str | None) -> str | None:
    """``published`` (a declared time too), unless it lies further than ``SETTLE_NEAR`` from the
    day the URL's path names ("/2017/7/12/"): then that day. A path's day is set when the story is first put up and
    stays; a time far from it is a later save's (a CMS's republication) or another story's."""
    when, day = to_datetime(published), to_datetime(url_day)
    if when is None or day is None or after_fetch(day, fetched_at):
        return published
    return url_day if abs(when - day) > SETTLE_NEAR else published


def ambiguous_time(
    lines: list[str],
    url_month: tuple[int, int] | None,
    fetched_at: str | None,
    language: str | None,
    page_dates: Sequence[datetime] = (),
    titles: Sequence[str] = (),
) -> str | None:
    """The first ambiguous slashed date ("03/05/2022 22:46") on a short removed line, else on
    one of ``titles`` (the title bar that repeats the headline, "Headline - Section - 11/05/2022
    - Site": the page's own, however long), in the order the URL's month, the page's other
    dates, the fetch time or its language settles."""
    month = month_dates(url_month)
    for line in [*lines, *titles]:
        if len(line.split()) > SHORT_LINE_WORDS and line not in titles:
            continue
        for _, readings in ambiguous_dates(line):
            settled = settle_order(readings, month, fetched_at, language, page_dates)
            if settled is not None:
                return iso(settled)
    return None


def headline_time(old: list[Removed], fetched_at: str | None) -> str | None:
    """The time on a removed line that repeats the headline ("Council agrees budget
    21.11.2022"): a list of the site's stories that names this one with its date, or a heading
    that carries it; the article's own. Else a time that opens the headline itself ("1.
    February 2022 Council agrees budget"): the date line above the title that a renderer ran
    into it (one a sentence of the title writes stands further in)."""
    for r in old:
        if r.reason == "headline_repeat":
            for _, dt in stamps(r.text):
                if not after_fetch(dt, fetched_at):
                    return iso(dt)
    for r in old:
        if r.reason == "headline":
            opening = stamps(r.text)[:1]
            if opening and opening[0][0] == 0 and not after_fetch(opening[0][1], fetched_at):
                return iso(opening[0][1])
    return None


# A line's opening with its digits as "0" ("00.00.0000 00:00 Uhr"): the shape a list prints
# each of its items' dates in; as long as a day and a time of day written in figures
SHAPE_CHARS = 16
_FIGURE = re.compile(r"\d")


def _shape(line: str) -> str:
    return _FIGURE.sub("0", line.strip(" *-•|"))[:SHAPE_CHARS]


def listed(shown: str, declared: str, printed: list[str], old: list[str]) -> bool:
    """Whether the line that shows the day of ``shown`` is one item of a list: another of the
    short removed lines ``old`` opens in its shape (``_shape``) with another day (a list of
    events, "09.05.2020 18:00 Uhr Tasting" over "29.02.2020 18:00 Uhr Tasting"), and the
    ``declared`` day is none of the list's (else the markup took an item's time too)."""
    lines = [line for line in printed if shown[:10] in stamp_days(line)]
    shapes = {_shape(line) for line in lines if _FIGURE.search(line[:SHAPE_CHARS])}
    items = [days for o in old if _shape(o) in shapes for days in [stamp_days(o)] if days]
    return any(shown[:10] not in d for d in items) and all(declared[:10] not in d for d in items)
