"""Given names, from Faker's person providers (MIT; ``faker.providers.person.<locale>.Provider``:
the ``first_names*`` and ``first_romanized_names*`` tables of some 90 locales, about 30,000
names): whether a span's first word is a person's given name is the clearest
sign that "Elke Brandt" is a byline and "Quick View" or "Springer Nature" is not, which the
page's own layout cannot tell. The tables ship inside the package (nothing is downloaded); they
are read once, on first use. Every locale is read, not a chosen few, so that the names of an
outlet's language the benchmarks do not hold (Cyrillic, Greek, romanised Japanese, ...) are known
too: a span is any run of capitalised words in any script (``byline_spans._NAME_WORD``)."""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Iterable

from .byline_page import WORDS

_PARTS = re.compile(r"[\s'’-]+")  # "Jean-Luc", "Mary Ann": each part is a given name


def _tables(provider: type) -> Iterable[str]:
    """The given names of one locale's person provider: its class attributes named
    ``first_names...`` or ``first_romanized_names...`` that hold names (a tuple, or a dict of
    name to weight; pairs of kanji and kana, and properties, are left out)."""
    for attr, value in vars(provider).items():
        if not attr.startswith(("first_names", "first_romanized_names")):
            continue
        if isinstance(value, (tuple, list, dict)):
            yield from (v for v in value if isinstance(v, str))


@functools.cache
def given_names() -> frozenset[str]:
    """Every given name of Faker's tables, case-folded (each part of a compound name)."""
    try:
        import faker.providers.person as person
    except ModuleNotFoundError as exc:  # a dependency of newsfold: installed with it
        raise ModuleNotFoundError(
            "newsfold's byline scorer needs Faker's tables of given names: "
            "pip install 'faker>=40,<45'"
        ) from exc
    tables: list[str] = []
    for info in pkgutil.iter_modules(person.__path__):
        module = importlib.import_module(f"{person.__name__}.{info.name}")
        provider = getattr(module, "Provider", None)
        if provider is not None:
            tables.extend(_tables(provider))
    # about 100,000 names, a third of them distinct: split in one pass over them all (a run of
    # separators splits as it did within a name), each distinct part case-folded once; every
    # worker process pays this on its first page (0.14 s a name at a time, 0.08 s so)
    parts = {p for p in _PARTS.split("\n".join(set(tables))) if p.isalpha()}
    return frozenset(map(str.casefold, parts))


def is_given_name(word: str) -> bool:
    """Whether ``word`` (any case) is a given name of the tables."""
    return word.casefold() in given_names()


def given_first(text: str) -> bool:
    """Whether the first word of a name that is not a title or an initial (a word closed by a
    stop: "Dr.", "Prof.", "J.") is a given name: "Dr. Jane Doe" is Jane's name."""
    for word in text.replace(",", " ").split():
        if word.endswith("."):
            continue
        letters = WORDS.findall(word)
        return bool(letters) and is_given_name(letters[0])
    return False


def several_given(text: str) -> float:
    """The share of the names of a span of several (joined by ", ") that open with a given
    name (``given_first``)."""
    names = text.split(", ")
    return sum(map(given_first, names)) / len(names)
