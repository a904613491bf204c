"""Given names, from Faker's person providers (MIT; ``faker.providers.person.<locale>.Provider``:
the ``first_names*`` and ``first_romanized_names*`` tables of some 90 locales, about 30,000
names): whether a span's first word is a person's given name is the clearest
sign that "Elke Brandt" is a byline and "Quick View" or "Springer Nature" is not, which the
page's own layout cannot tell. The tables ship inside the package (nothing is downloaded); they
are read once, on first use. Every locale is read, not a chosen few, so that the names of an
outlet's language the benchmarks do not hold (Cyrillic, Greek, romanised Japanese, ...) are known
too: a span is any run of capitalised words in any script (``byline_spans._NAME_WORD``).

One locale's table holds words that are no one's name in another's language ("Red", "Press",
"Beste", "Valid", "Berlin"), which open headings as a given name opens a byline: how many
locales hold a given name (``given_locales``) tells them apart, and the tables' family names
(``last_names*``) tell "Claudia Weber" from "Press Center" by the name's last word. Both are
statistics of the tables, not a list of words chosen by hand."""

from __future__ import annotations

import functools
import importlib
import math
import pkgutil
import re
from collections.abc import Iterable

from .byline_page import WORDS

_PARTS = re.compile(r"[\s'’-]+")  # "Jean-Luc", "Mary Ann": each part is a given name
_GIVEN = ("first_names", "first_romanized_names")  # the tables of given names of a provider
_FAMILY = ("last_names", "last_romanized_names")  # and of family names
COMMON_LOCALES = 10  # a given name of this many locales' tables is as sure as one can be


def _tables(provider: type, prefixes: tuple[str, ...] = _GIVEN) -> Iterable[str]:
    """The names of one locale's person provider: its class attributes whose names begin with
    one of ``prefixes`` (``first_names...`` or ``first_romanized_names...`` for given names)
    that hold names (a tuple, or a dict of name to weight; pairs of kanji and kana, and
    properties, are left out)."""
    for attr, value in vars(provider).items():
        if not attr.startswith(prefixes):
            continue
        if isinstance(value, (tuple, list, dict)):
            yield from (v for v in value if isinstance(v, str))


@functools.cache
def name_tables() -> tuple[dict[str, int], frozenset[str]]:
    """For each given name of Faker's tables (case-folded, each part of a compound name), the
    number of locales whose tables hold it; and every family name of the tables (``last_names``
    and ``last_romanized_names``), case-folded the same way."""
    try:
        import faker.providers.person as person
    except ModuleNotFoundError as exc:  # a dependency of newsfold: installed with it
        raise ModuleNotFoundError(
            "newsfold's byline scorer needs Faker's tables of given names: "
            "pip install 'faker>=40,<45'"
        ) from exc
    counts: dict[str, int] = {}
    family: set[str] = set()
    for info in pkgutil.iter_modules(person.__path__):
        module = importlib.import_module(f"{person.__name__}.{info.name}")
        provider = getattr(module, "Provider", None)
        if provider is None:
            continue
        # split in one pass over the locale's names (a run of separators splits as it did
        # within a name), each distinct part case-folded once
        for name in _parts(_tables(provider)):
            counts[name] = counts.get(name, 0) + 1
        family.update(_parts(_tables(provider, _FAMILY)))
    return counts, frozenset(family)


def _parts(names: Iterable[str]) -> set[str]:
    """The distinct parts of ``names`` ("Jean-Luc", "Mary Ann": each part a name), case-folded."""
    return {p.casefold() for p in _PARTS.split("\n".join(set(names))) if p.isalpha()}


@functools.cache
def given_names() -> frozenset[str]:
    """Every given name of Faker's tables, case-folded (each part of a compound name)."""
    return frozenset(name_tables()[0])


def given_locales(word: str) -> float:
    """How widely ``word`` (any case) is a given name: the log of the number of Faker's locales
    whose tables hold it, over that of COMMON_LOCALES (1 from there on; 0 for no given name).
    The tables of one locale hold words that are no one's name in the pages' languages ("Red",
    "Press", "Valid", "Beste", "Berlin": a heading's or a place's first word); a name of many
    locales' tables ("Anna", "Claudia", "Olivier") is a person's."""
    count = name_tables()[0].get(word.casefold(), 0)
    return math.log1p(min(count, COMMON_LOCALES)) / math.log1p(COMMON_LOCALES)


def is_family_name(word: str) -> bool:
    """Whether ``word`` (any case) is a family name of Faker's tables."""
    return word.casefold() in name_tables()[1]


def is_given_name(word: str) -> bool:
    """Whether ``word`` (any case) is a given name of the tables."""
    return word.casefold() in given_names()


def given_first(text: str) -> bool:
    """Whether the first word of a name that is not a title or an initial (a word closed by a
    stop: "Dr.", "Prof.", "J.") is a given name: "Dr. Jane Doe" is Jane's name."""
    return is_given_name(_first_word(text))


def several_given(text: str) -> float:
    """The share of the names of a span of several (joined by ", ") that open with a given
    name (``given_first``)."""
    names = text.split(", ")
    return sum(map(given_first, names)) / len(names)


def _first_word(name: str) -> str:
    """The first word of ``name`` that is not a title or an initial (closed by a stop)."""
    for word in name.replace(",", " ").split():
        if word.endswith("."):
            continue
        letters = WORDS.findall(word)
        return letters[0] if letters else ""
    return ""


def first_given_locales(text: str) -> float:
    """``given_locales`` of the first word of a span's first name (``given_first``'s word)."""
    return given_locales(_first_word(text.split(", ")[0]))


def family_share(text: str) -> float:
    """The share of the names of a span (joined by ", ") whose last word, after a first one
    and not an initial, is a family name of Faker's tables ("Jane Doe", not "Quick View")."""
    names = text.split(", ")
    found = 0
    for name in names:
        words = [w for w in name.split() if not w.endswith(".")]
        letters = WORDS.findall(words[-1]) if len(words) >= 2 else []
        found += bool(letters) and is_family_name(letters[-1])
    return found / len(names)
