"""Times as pages write them, turned into ISO 8601 with an offset.

Handles ISO stamps glued to other text and to each other ("IST2024-03-02T09:15:00+5:30"), offsets
written "+5:30", month-name dates with a time and a zone abbreviation ("March 2, 2024 10:05 IST"),
and relative times ("3 hours ago") against the page's fetch time.

A time with no zone is taken as UTC: pages rarely say, and a fixed rule keeps results
deterministic. Zone abbreviations are ambiguous by nature; ``TZ_OFFSETS`` documents the reading
chosen for each (the one news pages mean most often).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

from dateutil import parser as dateparser

# Abbreviation -> offset in minutes. Where an abbreviation is ambiguous, the reading news sites
# use most is chosen and the alternative noted.
TZ_OFFSETS: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 60,  # British Summer Time (not Bangladesh)
    "IST": 330,  # India Standard Time (not Irish or Israel Standard Time)
    "PKT": 300,  # Pakistan
    "NPT": 345,  # Nepal
    "CET": 60,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "GST": 240,  # Gulf Standard Time
    "WIB": 420,  # western Indonesia
    "ICT": 420,  # Indochina
    "SGT": 480,
    "HKT": 480,
    "PHT": 480,  # Philippines
    "AWST": 480,
    "JST": 540,
    "KST": 540,
    "ACST": 570,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "HST": -600,
    "AKST": -540,
    "PST": -480,
    "PDT": -420,
    "MST": -420,
    "MDT": -360,
    "CST": -360,  # US Central (not China Standard Time)
    "CDT": -300,
    "EST": -300,
    "EDT": -240,
    "ET": -300,  # written without season: standard time
    "PT": -480,
    "AST": -240,  # Atlantic
    "BRT": -180,
}

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_ZONE = r"(?P<zone>[A-Z]{1,5})(?![A-Za-z])"
_TIME = r"(?P<time>\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)"

# ISO 8601 stamps; the offset takes at most two hour digits so glued stamps split correctly.
ISO_RE = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<clock>\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)"
    r"(?P<off>Z|[+-]\d{1,2}:\d{2}|[+-]\d{4}(?!\d))?(?:\s*(?P<zone>[A-Z]{2,5})(?![A-Za-z]))?)?"
)
# "March 2, 2024", "Mar 02, 2024", "2 March 2024", with an optional time and zone after it.
TEXT_DATE_RE = re.compile(
    rf"(?P<date>(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}))"
    rf"(?:[,\s|@-]*(?:at\s+)?{_TIME})?(?:\s*\(?{_ZONE}\)?)?",
    re.I,
)
RELATIVE_RE = re.compile(
    r"\b(?P<n>\d+|an?|one)\s+(?P<unit>sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|"
    r"months?|years?)\s+ago\b|\b(?P<word>just now|yesterday|today)\b",
    re.I,
)
_UNIT_SECONDS = {
    "s": 1,
    "m": 60,
    "h": 3600,
    "d": 86400,
    "w": 7 * 86400,
    "mo": 30 * 86400,
    "y": 365 * 86400,
}

UPDATED_CUE = re.compile(r"\b(updated|modified|last updated|edited|revised)\b", re.I)
PUBLISHED_CUE = re.compile(r"\b(published|posted|first published|created|released)\b", re.I)


def _offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    if ":" in text:
        h, m = text[1:].split(":")
    else:
        h, m = digits[:2], digits[2:]
    minutes = sign * (int(h) * 60 + int(m))
    if abs(minutes) > 14 * 60:
        return None
    return timezone(timedelta(minutes=minutes))


def iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.isoformat()


def _from_iso(m: re.Match[str]) -> datetime | None:
    try:
        day = datetime.strptime(m.group("date"), "%Y-%m-%d")
    except ValueError:
        return None
    clock = m.group("clock")
    if clock:
        parts = clock.split(".")[0].split(":")
        try:
            day = day.replace(
                hour=int(parts[0]),
                minute=int(parts[1]),
                second=int(parts[2]) if len(parts) > 2 else 0,
            )
        except ValueError:
            return None
    tz = _offset(m.group("off"))
    if tz is None and m.group("zone") in TZ_OFFSETS:
        tz = timezone(timedelta(minutes=TZ_OFFSETS[m.group("zone")]))
    return day.replace(tzinfo=tz or UTC)


def _from_text(m: re.Match[str]) -> datetime | None:
    text = m.group("date")
    if m.group("time"):
        text += " " + m.group("time").replace(".", ":", 1)
    try:
        dt: datetime = dateparser.parse(text, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    zone = (m.group("zone") or "").upper()
    offset = TZ_OFFSETS.get(zone)
    tz = timezone(timedelta(minutes=offset)) if offset is not None else UTC
    return dt.replace(tzinfo=tz)


def find_datetimes(text: str) -> Iterator[tuple[int, datetime]]:
    """Every absolute time written in ``text``, with its position, in order."""
    found: list[tuple[int, datetime]] = []
    taken: list[tuple[int, int]] = []
    for m in ISO_RE.finditer(text):
        dt = _from_iso(m)
        if dt:
            found.append((m.start(), dt))
            taken.append(m.span())
    for m in TEXT_DATE_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        dt = _from_text(m)
        if dt:
            found.append((m.start(), dt))
    yield from sorted(found, key=lambda x: x[0])


def parse_relative(text: str, now: datetime) -> datetime | None:
    m = RELATIVE_RE.search(text)
    if not m:
        return None
    if m.group("word"):
        word = m.group("word").lower()
        return now - timedelta(days=1) if word == "yesterday" else now
    n_text = m.group("n").lower()
    n = 1 if n_text in ("a", "an", "one") else int(n_text)
    unit = m.group("unit").lower()
    key = "mo" if unit.startswith("mo") else unit[0] if not unit.startswith("mi") else "m"
    return now - timedelta(seconds=n * _UNIT_SECONDS[key])


def parse_datetime(text: str, now: str | None = None) -> str | None:
    """The first time written in ``text`` as ISO 8601 with offset, or None."""
    for _, dt in find_datetimes(text):
        return iso(dt)
    if now:
        base = to_datetime(now)
        if base:
            rel = parse_relative(text, base)
            if rel:
                return iso(rel)
    return None


def to_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    m = ISO_RE.search(value)
    return _from_iso(m) if m else None


def published_and_updated(lines: list[str]) -> tuple[str | None, str | None]:
    """Published and updated times from the byline/timestamp lines of a page.

    A time after an "Updated" cue is the update; after a "Published" cue, the publication. Unlabelled
    times fill published first, then updated (pages print them in that order).
    """
    published: datetime | None = None
    updated: datetime | None = None
    unlabelled: list[datetime] = []
    for line in lines:
        last_cue_end = 0
        for pos, dt in find_datetimes(line):
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
    for dt in unlabelled:
        if published is None:
            published = dt
        elif updated is None and dt != published:
            updated = dt
    if published and updated and updated < published:
        published, updated = updated, published
    return (iso(published) if published else None, iso(updated) if updated else None)


def utc_key(value: str | None) -> str:
    """A sort key for an ISO time: the instant in UTC (strings with different offsets do not
    sort by time). Missing or unreadable times sort last."""
    dt = to_datetime(value)
    return dt.astimezone(UTC).isoformat() if dt else "~"
