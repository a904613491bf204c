"""Site halves: every benchmark's pages split by site into two halves, "A" and "B", fixed once.

A rule tuned on pages of a site carries that site's template knowledge; a figure on pages of the
same sites says little about unseen ones. So, as Dragnet's and Web2Text's evaluations do, pages
are split by site, never by page: a threshold or cue is chosen on one half and reported on the
other, both ways.

The site of a page is its URL's host, lower-cased, without port or a leading ``www.``, cut to its
registrable domain by a small rule (the last two labels, or three where the second-level label
is a generic one under a country code, as in ``bbc.co.uk`` or ``smh.com.au``), so that
``news.example.com`` and ``sport.example.com``, which share a template, fall in the same half.
Where a page has no URL, the benchmark passes a stand-in (a file name such as
``hard::example.com-story.html``, or a test-page folder such as ``nytimes-2``): a host-like
word in it is taken, else the name without a trailing ``-<number>`` or extension.

The half is the parity of the first byte of the SHA-1 of the site: even "A", odd "B". It depends
on the site's name alone, so it never moves when pages are added or removed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

HALVES: tuple[str, str] = ("A", "B")
PARTS: tuple[str, str, str] = ("A", "B", "all")

# Second-level labels under a country code that are not a site of their own (co.uk, com.au...).
_GENERIC_SECOND_LEVEL = frozenset(
    {"ac", "co", "com", "edu", "gov", "govt", "gv", "ltd", "net", "ne", "nic", "or", "org", "plc"}
)
_URL_RE = re.compile(r"https?://[^\s\"'<>]+", re.I)
_HOST_LIKE_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", re.I)
_FILE_EXT_RE = re.compile(r"(?:\.(?:s?html?|php|aspx?|jsp|gz|txt|json|xml))+$", re.I)
_NUMBER_SUFFIX_RE = re.compile(r"[-_]\d+$")


def registrable_domain(host: str) -> str:
    """``news.bbc.co.uk`` -> ``bbc.co.uk``; ``sport.example.com`` -> ``example.com``."""
    host = host.lower().strip(".").removeprefix("www.")
    labels = host.split(".")
    if len(labels) <= 2 or all(label.isdigit() for label in labels):
        return host
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _GENERIC_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def site_of(address: str) -> str:
    """The site of a page from its URL, or from a stand-in name when it has none (see above)."""
    address = address.strip()
    match = _URL_RE.search(address)
    if match:
        host = urlsplit(match.group(0)).hostname
        if host:
            return registrable_domain(host)
    name = _FILE_EXT_RE.sub("", address.rsplit("/", 1)[-1].rsplit("::", 1)[-1])
    host_like = _HOST_LIKE_RE.search(name)
    if host_like:
        return registrable_domain(host_like.group(0))
    return (_NUMBER_SUFFIX_RE.sub("", name) or name).lower()


def half_of(site: str) -> str:
    """ "A" or "B": the parity of the first byte of the SHA-1 of ``site``."""
    return HALVES[hashlib.sha1(site.encode("utf-8")).digest()[0] & 1]


def fold_of(site: str, folds: int = 2) -> int:
    """The cross-validation fold (0 to ``folds`` - 1) of a site inside its half, by a hash
    unrelated to its half's (the trainers' choice of a penalty on one half: ``train_headline``,
    ``train_byline``). Two folds: the parity of the hash's first byte (little-endian), as before."""
    return int.from_bytes(hashlib.sha1(f"cv:{site}".encode()).digest()[:4], "little") % folds


def split(sites: Mapping[str, str]) -> dict[str, list[str]]:
    """``{page id: site}`` -> ``{"A": ids, "B": ids, "all": ids}``, each in the mapping's order."""
    parts: dict[str, list[str]] = {part: [] for part in PARTS}
    for pid, site in sites.items():
        parts[half_of(site)].append(pid)
        parts["all"].append(pid)
    return parts


def describe(sites: Mapping[str, str], parts: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Page and site counts of each part: ``{"A_pages": .., "A_sites": .., ...}``."""
    counts: dict[str, int] = {}
    for part, ids in parts.items():
        ids = list(ids)
        counts[f"{part}_pages"] = len(ids)
        counts[f"{part}_sites"] = len({sites[i] for i in ids})
    return counts


def describe_line(counts: Mapping[str, int]) -> str:
    return "; ".join(
        f"{part}: {counts[f'{part}_pages']} pages of {counts[f'{part}_sites']} sites"
        for part in PARTS
    )


# --- tables by part ---------------------------------------------------------------------------


def part_columns(groups: Sequence[str], width: int = 7) -> list[tuple[str, int]]:
    """Column titles "<group> A", "<group> B", "<group> all" for each group."""
    return [
        (f"{group} {part}", max(width, len(group) + 1 + len(part)))
        for group in groups
        for part in PARTS
    ]


def worst_of(
    rows: Sequence[tuple[str, Sequence[float | None]]], lower_is_worse: Sequence[bool]
) -> tuple[list[float | None], list[str]]:
    """Column by column, the worst value among ``rows`` and the name of the row holding it:
    the lowest where ``lower_is_worse`` (an F1), the highest otherwise (a leak)."""
    values: list[float | None] = []
    names: list[str] = []
    for column, lower in enumerate(lower_is_worse):
        defined = [(row[1][column], row[0]) for row in rows if row[1][column] is not None]
        if not defined:
            values.append(None)
            names.append("-")
            continue
        value, name = (min if lower else max)(defined, key=lambda pair: pair[0])  # type: ignore[arg-type,return-value]
        values.append(value)
        names.append(name)
    return values, names
