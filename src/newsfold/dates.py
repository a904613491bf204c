"""Times as pages write them, turned into ISO 8601 with an offset.

Handles ISO stamps glued to other text and to each other ("IST2024-03-02T09:15:00+5:30"), offsets
written "+5:30", month-name dates with a time and a zone abbreviation ("March 2, 2024 10:05 IST"),
and relative times ("3 hours ago") against the page's fetch time.

Dates in other languages are read too:

- month names in English, German, French, Spanish, Italian, Portuguese and Dutch, full or
  abbreviated, any case, accents optional ("23. März 2022", "le 5 janvier 2021", "5 de enero de
  2021", "12 gennaio 2021", "3 januari 2021", "1º de março de 2021"). The names live in
  ``data/months.json``, which documents the table and is loaded once, at import;
- numeric dates with dots, read day first ("23.03.2022", European), and month first only where
  day first cannot be ("01.21.2020": no month 21; US sites). Only a plausible date counts: a day
  valid for the month, month 1-12, a year 1990-2100, and no digit or dot glued on either side, so
  version numbers ("3.5.1", "v1.2.2021", "version 1.2.2021"), prices ("12.50") and addresses
  ("10.1.2.2021") are not dates. A two-digit year ("19.10.19", 90-99 the 1990s, else the 2000s)
  counts in "dd.mm.yy" with both day and month in two digits, or with a time after it
  ("1.11.23 20:19"): "3.10.12" alone is more often a version;
- numeric dates with slashes only where the order is not in doubt: "21/10/2019" (first number
  above 12: day first) and "10/21/2019" (second number above 12: month first, US). "05/06/2021"
  could be either and is left unread, as is "12/10/2020";
- CJK dates "2021年3月2日" (and Korean "2021년 3월 2일"), with an optional weekday "(火)" and time
  "14:05" or "14時05分";
- a time after any of these, joined by a comma, a bar, a dash or a word such as "at", "à", "um",
  "a las", "às", "alle", "ore", "om": "14:05", "14.05", "10h30", "10 h", "14:05 Uhr", "14 Uhr",
  "9:15 a.m.", "5 pm".

A time with no zone is taken as UTC: pages rarely say, and a fixed rule keeps results
deterministic (so every result carries an offset, "+00:00" for these, and its calendar date is the
one written). Zone abbreviations are ambiguous by nature; ``TZ_OFFSETS`` documents the reading
chosen for each (the one news pages mean most often). A zone counts only when written in capitals.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources

from .memo import TextMemo

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
    "MEZ": 60,  # German for CET
    "MESZ": 120,  # German for CEST
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

# --- month names -----------------------------------------------------------------------------

_Trie = dict[str, "_Trie"]
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _fold(text: str) -> str:
    """Lower case, accents off, dots off: the key a written month name is looked up by."""
    decomposed = unicodedata.normalize("NFKD", text.replace(".", ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _variants(name: str) -> set[str]:
    """The spellings of one table form: as listed, without accents, with "ae" for "ä", and in
    decomposed Unicode (an accent as a separate combining mark)."""
    name = name.casefold()
    return {name, _fold(name), name.translate(_UMLAUTS), unicodedata.normalize("NFD", name)}


def trie_alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, as a trie: the engine tries one branch per letter
    instead of every word in turn; where a word is a prefix of another the longer is tried
    first (the optional rest is greedy), as an alternation of the words longest first would."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) > 1:
            body = "(?:" + "|".join(branches) + ")"
        elif "" in node and len(branches[0]) > 1:
            body = "(?:" + branches[0] + ")"
        else:
            body = branches[0]
        return body + "?" if "" in node else body  # "?": a word ends here, longer ones go on

    return "(?:" + build(trie) + ")"


def _load_months() -> tuple[dict[str, int], str, str]:
    """(written form -> month number, regex of every form, regex of the forms that may open a
    month-first date), from ``data/months.json``."""
    raw = json.loads(resources.files("newsfold").joinpath("data/months.json").read_text("utf-8"))
    languages: dict[str, dict[str, list[list[str]]]] = raw["languages"]
    exclude = {form for name in raw["month_first_exclude"] for form in _variants(name)}
    lookup: dict[str, int] = {}
    every: set[str] = set()
    month_first: set[str] = set()
    for table in languages.values():
        for kind in ("full", "abbr"):
            for number, names in enumerate(table[kind], start=1):
                for name in names:
                    forms = _variants(name)
                    every |= forms
                    if name.casefold() not in exclude:
                        month_first |= forms
                    for form in forms:
                        lookup[form] = number
                        lookup[_fold(form)] = number
    return lookup, trie_alternation(every), trie_alternation(month_first)


MONTHS, _ANY_MONTH, _MONTH_FIRST_MONTH = _load_months()

# --- patterns ----------------------------------------------------------------------------------

# "14:05", "14.05", "14:05:10", "10h30", "10 h", "14 Uhr", "9:15 a.m.", "5 pm", then an optional
# "Uhr", "h" or "uur"; "03.02" followed by ".2021" is the start of a date, not a time
_CLOCK = (
    r"(?P<hh>\d{1,2})(?:[:.](?P<mm>\d{2})(?::(?P<ss>\d{2}))?(?!\.?\d)|h(?P<hmin>\d{2})(?!\d)"
    r"|(?=\s?(?:[ap]\.?\s?m\b|h\b|uhr\b)))"
    r"(?:\s?(?P<ampm>[ap])\.?\s?m\b\.?)?(?:\s?(?:uhr|uur|hrs?|h)\b\.?)?"
)
# what may stand between a date and its time
_AT = r"[,\s|@/·•–—-]*(?:(?:at|à|a\s+las?|às|as|um|om|ore|alle|kl\.?)\s+)?"
_ZONE = r"(?P<zone>(?-i:[A-Z]{1,5}))(?![A-Za-z])"
_TAIL = rf"(?:{_AT}{_CLOCK})?(?:\s*\(?{_ZONE}\)?)?"

# ISO 8601 stamps; the offset takes at most two hour digits so glued stamps split correctly.
ISO_RE = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<clock>\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)"
    r"(?P<off>Z|[+-]\d{1,2}:\d{2}|[+-]\d{4}(?!\d))?(?:\s*(?P<zone>[A-Z]{2,5})(?![A-Za-z]))?)?"
)
# Day first in any language: "2 March 2024", "23. März 2022" (markdown's "23\. März 2022" too),
# "1er janvier 2021", "5 de enero de 2021", "07 de mayo del 2022", "2 Apr, 2016", "21.dez.2018"
# (the abbreviation's dot the only mark before the year; there a two-digit year counts too,
# "03.Mär.19", as in "19.10.19", where nothing else could be meant: a month and year alone have
# no day); month first, the name not glued to a word before ("Irene 5, 2021" is no January
# date): "March 2, 2024", "Sept. 5th 2021", "Okt 13, 2022". Then an optional time and zone.
# a year's last two digits after an apostrophe, as a date with its month named writes it ("14 Feb
# ’20", "Feb 14, '20"); not a decade ("the '90s")
_APOSTROPHE_YY = r"['’‘]\d\d(?![\w:]|\.\d)"
TEXT_DATE_RE = re.compile(
    rf"(?:(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°|ª)?(?:\\?\.\s*|\s+)(?:de\s+)?"
    rf"(?P<mon>{_ANY_MONTH})(?![^\W\d_])\.?(?:\s*,\s*|\s+(?:del?\s+)?|(?<=\.))(?P<y>\d{{4}}|(?<=\.)\d\d(?![\d.:])|{_APOSTROPHE_YY})"
    rf"|(?<![^\W\d_])(?P<mon2>{_MONTH_FIRST_MONTH})(?![^\W\d_])\.?\s+"
    rf"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}|{_APOSTROPHE_YY})){_TAIL}",
    re.I,
)
# "23.03.2022" (day first; "01.21.2020" month first); "19.10.19" (two-digit year: see
# ``_from_numeric``); "21/10/2019" or "10/21/2019" (resolved only when one number is above 12),
# dashes ("17-01-2008"), a slashed two-digit year with a time after it ("15/01/08 15:46"; L3S-GN1
# half A: 5-7 of a dump's 45-51 undated articles dated, in its window; not "01/13/08" alone nor a
# dashed two-digit year: as often a stats table's or a score line's figures).
# No digit, dot or slash glued before, and no digit (or dot and digit) after, but the time of
# day where a page's markup glued it to its date ("28.09.1912:44": "28.09.19" and "12:44",
# adjacent elements printed without a space): a four-digit year is one of ``NUMERIC_YEARS``
# (no 1912 there), so that the two digits after such a date's year may be its hour
_GLUED_CLOCK = r"(?=\d{1,2}:\d\d(?!\d))"
NUMERIC_DATE_RE = re.compile(
    rf"(?<![\d./])(?:(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>(?:199|20\d)\d|2100)"
    rf"(?:(?!\.?\d)|{_GLUED_CLOCK})"
    rf"|(?P<d3>\d{{1,2}})\.(?P<m3>\d{{1,2}})\.(?P<yy>\d{{2}})(?:(?!\.?\d)|{_GLUED_CLOCK})"
    rf"|(?<!-)(?P<a>\d{{1,2}})(?P<sep>[/-])(?P<b>\d{{1,2}})(?P=sep)"
    rf"(?:(?P<y2>\d{{4}})|(?<=/)(?P<yy2>\d{{2}}))(?![\d/-])){_TAIL}",
    re.I,
)
# "2021年3月2日", "2021年3月2日(火) 14:05", "2021년 3월 2일 14시 5분"
CJK_DATE_RE = re.compile(
    r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
    r"(?:\s*[(（][^)）]{1,4}[)）])?"
    r"(?:\s*(?P<hh>\d{1,2})(?:[:：](?P<mm>\d{2})(?::(?P<ss>\d{2}))?"
    r"|\s*[時时시](?:\s*(?P<hmin>\d{1,2})\s*[分분])?))?"
    rf"(?:\s*\(?{_ZONE}\)?)?"
)
# a word just before a dotted number that makes it a version, not a date: "version 1.2.2021"
_VERSION_BEFORE = re.compile(
    r"\b(?:v|ver|vers|version|versie|versión|versione|release|build|rev|revision)\.?\s*$", re.I
)
_DIGIT = re.compile(r"\d")
NUMERIC_YEARS = range(1990, 2101)

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


def _clock(m: re.Match[str]) -> tuple[int, int, int]:
    """(hour, minute, second) of the time after a date; midnight when none, or none valid."""
    if not m.group("hh"):
        return 0, 0, 0
    hour = int(m.group("hh"))
    minute = int(m.group("mm") or m.group("hmin") or 0)
    second = int(m.group("ss") or 0)
    ampm = m.groupdict().get("ampm")  # not in the CJK pattern
    if ampm:
        if not 1 <= hour <= 12:
            return 0, 0, 0
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return 0, 0, 0
    return hour, minute, second


def _stamp(m: re.Match[str], year: int, month: int, day: int) -> datetime | None:
    """The date with the match's time and zone (UTC when none), or None if no such day."""
    offset = TZ_OFFSETS.get(m.group("zone") or "")
    tz = timezone(timedelta(minutes=offset)) if offset is not None else UTC
    try:
        dt = datetime(year, month, day, *_clock(m), tzinfo=tz)
    except ValueError:
        return None
    return None if dt == EPOCH else dt


# The Unix epoch's first second ("Thu, 01 Jan 1970 00:00:00 UTC"): a cookie's expiry in a script,
# a CMS's empty time; never a time a page was written
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _month(name: str) -> int | None:
    return MONTHS.get(name.casefold()) or MONTHS.get(_fold(name))


def _from_text(m: re.Match[str]) -> datetime | None:
    if m.group("mon"):
        day, name, year = m.group("d"), m.group("mon"), m.group("y")
    else:
        day, name, year = m.group("d2"), m.group("mon2"), m.group("y2")
    month = _month(name)
    year = year.lstrip("'’‘")
    yy = int(year)
    if len(year) == 2:  # "03.Mär.19", "14 Feb ’20": 90-99 are the 1990s, 00-89 the 2000s
        yy += 1900 if yy >= 90 else 2000
    return _stamp(m, yy, month, int(day)) if month else None


def _from_numeric(m: re.Match[str], text: str) -> datetime | None:
    if m.group("d"):
        day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    elif m.group("yy"):
        # "19.10.19": only as "dd.mm.yy", or with a time after it ("1.11.23 20:19"), since
        # "3.10.12" is more often a version; 90-99 are the 1990s, 00-89 the 2000s
        if len(m.group("d3") + m.group("m3")) < 4 and not (m.group("mm") or m.group("hmin")):
            return None
        day, month, yy = int(m.group("d3")), int(m.group("m3")), int(m.group("yy"))
        year = yy + (1900 if yy >= 90 else 2000)
    else:
        a, b = int(m.group("a")), int(m.group("b"))
        if m.group("yy2"):  # "15/01/08 15:46": as "11/08/23 5:19pm" (``AMBIGUOUS_SLASH_RE``)
            if not (m.group("mm") or m.group("hmin")):  # "01/13/08" alone: a stat row's too
                return None
            year = int(m.group("yy2")) + (1900 if int(m.group("yy2")) >= 90 else 2000)
        else:
            year = int(m.group("y2"))
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        else:  # "05/06/2021": US or European order, no way to tell
            return None
    if month > 12 >= day:  # dots: day first, unless that cannot be ("01.21.2020", US)
        day, month = month, day
    if year not in NUMERIC_YEARS or not 1 <= month <= 12:
        return None
    if _VERSION_BEFORE.search(text, max(0, m.start() - 16), m.start()):
        return None
    return _stamp(m, year, month, day)


# ``_read_datetimes`` of the texts met lately (several passes read a page's time lines), bounded
# in texts and in characters (``memo.TextMemo``), as ``extract.lines._norm``'s memo is
_FOUND: TextMemo[tuple[tuple[int, datetime], ...]] = TextMemo(16384, 1 << 22)


def find_datetimes(text: str) -> Iterator[tuple[int, datetime]]:
    """Every absolute time written in ``text``, with its position, in order."""
    if not _DIGIT.search(text):  # every form has digits; most lines have none
        return iter(())
    found = _FOUND.get(text)
    if found is None:
        found = _FOUND.keep(text, _read_datetimes(text))
    return iter(found)


def _read_datetimes(text: str) -> tuple[tuple[int, datetime], ...]:
    """``find_datetimes`` of a text with a digit, read. The spans read are kept sorted (none
    overlap), and a match is free where a bisection finds none over it: linear in its dates."""
    found: list[tuple[int, datetime]] = []
    starts: list[int] = []
    ends: list[int] = []

    def take(m: re.Match[str], dt: datetime | None) -> None:
        if dt:
            found.append((m.start(), dt))
            k = bisect_left(starts, m.start())
            starts.insert(k, m.start())
            ends.insert(k, m.end())

    for m in ISO_RE.finditer(text):
        take(m, _from_iso(m))
    if starts:  # a stamp read is no digit glued to the next ("10:20:0022.06.2018")
        parts, last = [], 0
        for start, end in zip(starts, ends, strict=True):
            parts += [text[last:start], " " * (end - start)]
            last = end
        text = "".join([*parts, text[last:]])
    readers: list[tuple[re.Pattern[str], Callable[[re.Match[str]], datetime | None]]] = []
    if "年" in text or "년" in text:
        readers.append((CJK_DATE_RE, lambda m: _stamp(m, int(m["y"]), int(m["m"]), int(m["d"]))))
    readers.append((TEXT_DATE_RE, _from_text))
    if "." in text or "/" in text or "-" in text:
        readers.append((NUMERIC_DATE_RE, lambda m: _from_numeric(m, text)))
    for pattern, read in readers:
        for m in pattern.finditer(text):
            k = bisect_left(starts, m.end())  # the spans starting before this one's end
            if k == 0 or ends[k - 1] <= m.start():
                take(m, read(m))
    return tuple(sorted(found, key=lambda x: x[0]))


# "05/01/2008", "05-01-2008": a slashed date whose order its numbers do not tell (``find_datetimes`` leaves it
# out; ``extract/published.py`` settles it from the page)
# ("11/08/23 5:19pm": a two-digit year counts with a time of day after it, as in "1.11.23 20:19";
# "3/10/12" alone is as often a fraction, a score or a version)
AMBIGUOUS_SLASH_RE = re.compile(
    rf"(?<![\d./-])(?P<a>\d{{1,2}})(?P<sep>[/-])(?P<b>\d{{1,2}})(?P=sep)"
    rf"(?:(?P<y>\d{{4}})|(?<=/)(?P<yy>\d{{2}}))(?![\d/-])"
    rf"{_TAIL}",
    re.I,
)


def ambiguous_slashed(text: str) -> Iterator[tuple[int, tuple[datetime, datetime]]]:
    """Each slashed date whose order cannot be told from its numbers ("05/01/2008"), with its
    position and its two readings (month first, day first)."""
    if "/" not in text and "-" not in text:
        return
    for m in AMBIGUOUS_SLASH_RE.finditer(text):
        if m["yy"] and not (m["mm"] or m["hmin"] or m["ampm"]):
            continue
        a, b = int(m["a"]), int(m["b"])
        year = int(m["y"]) if m["y"] else int(m["yy"]) + (1900 if int(m["yy"]) >= 90 else 2000)
        if a > 12 or b > 12 or a < 1 or b < 1 or year not in NUMERIC_YEARS:
            continue
        first, second = _stamp(m, year, a, b), _stamp(m, year, b, a)
        if first and second:  # with the time and zone written after it ("3/5/2022 22:41")
            yield m.start(), (first, second)


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


# a page's passes read its few times again and again (600 html_text dumps: 9,746 calls, 343
# texts), each parse some 20 us; a datetime is immutable, so one is shared
@lru_cache(maxsize=16384)
def to_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    m = ISO_RE.search(value)
    return _from_iso(m) if m else None


@lru_cache(maxsize=65536)
def utc_key(value: str | None) -> str:
    """A sort key for an ISO time: the instant in UTC (strings with different offsets do not
    sort by time). Missing or unreadable times sort last."""
    dt = to_datetime(value)
    return dt.astimezone(UTC).isoformat() if dt else "~"
