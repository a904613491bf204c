"""The names a site goes by and the words of a page's URL slug: what tells a headline from the
site's own name, and what a headline and its URL share (``headline.py`` reads them)."""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

_GENERIC_HOST_PARTS = frozenset(
    [
        "www",
        "m",
        "amp",
        "mobile",
        "news",
        "com",
        "org",
        "net",
        "gov",
        "edu",
        "info",
        "co",
        "ac",
        "or",
        "ne",
        "go",
        "biz",
        "online",
        "web",
    ]
)  # parts of host names that name no site: prefixes, generic and second-level domains


class SiteHints(frozenset[str]):
    """The compact forms of the names a site goes by (``site_hints``), and the words of the
    page's URL slug ("/2024/05/harbour-board-approves-sea-wall" gives "harbour", "board", ...),
    which most sites write from the headline."""

    __slots__ = ("slug",)
    slug: frozenset[str]

    def __new__(
        cls, names: frozenset[str] = frozenset(), slug: frozenset[str] = frozenset()
    ) -> SiteHints:
        made = super().__new__(cls, names)
        made.slug = slug
        return made


def slug_of(hints: frozenset[str]) -> frozenset[str]:
    """The URL slug's words where ``hints`` are a page's ``SiteHints``, else none (callers take
    plain site names too)."""
    return hints.slug if isinstance(hints, SiteHints) else frozenset()


# the German transliterations a slug writes for umlauts ("Grün" -> "gruen"); a slug may also
# write the bare vowel ("grun"): a word of the page matches the slug in either form
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o"})
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_SLUG_EXT = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm|cgi)$", re.I)
# a path segment that names a script, not the page ("index.php", "article.aspx")
_SLUG_GENERIC = frozenset(["index", "default", "article", "articles", "story", "post", "page"])


def _fold(word: str) -> str:
    if word.isascii():  # no ASCII character decomposes, nor is one combining
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=8192)
def slug_forms(text: str) -> frozenset[str]:
    """The slug-style words of a text, each in the forms a slug may write it."""
    low = text.lower()
    if low.isascii():  # most words: neither transliterated nor folded
        return frozenset(_SLUG_WORD.findall(low))
    forms = set(_SLUG_WORD.findall(_fold(low.translate(_TRANSLIT))))
    forms.update(_SLUG_WORD.findall(_fold(low)))
    return frozenset(forms)


def url_slug(url: str | None) -> frozenset[str]:
    """The words of a URL's last path segment ("/travel/dezuka-suisan/" gives "dezuka",
    "suisan"), without numbers (an id, a date) and one-letter words. A segment above it names a
    section, not the page, and a script's name ("index.php") names nothing."""
    if not url or "://" not in url:
        return frozenset()
    try:
        segments = [s for s in urlsplit(url.strip()).path.split("/") if s]
    except ValueError:  # an unparseable URL has no slug
        return frozenset()
    if not segments:
        return frozenset()
    words = frozenset(
        w
        for w in _SLUG_WORD.findall(_fold(unquote(_SLUG_EXT.sub("", segments[-1])).lower()))
        if len(w) >= 2 and not w.isdigit()
    )
    return frozenset() if words <= _SLUG_GENERIC else words


def site_hints(*names: str | None) -> SiteHints:
    """Compact forms of the names a site goes by, from its host ("www.harbour-herald.co.nz"
    gives "harbourherald") and any site name the page declares; a URL's slug words ride along
    (``SiteHints.slug``)."""
    hints: set[str] = set()
    slug: frozenset[str] = frozenset()
    for name in names:
        if not name:
            continue
        if "://" in name:
            slug = slug or url_slug(name)
            # a URL: its host names the site; words of its path taken for the site's name would
            # strip them from the headline
            try:
                name = urlsplit(name.strip()).hostname or ""
            except ValueError:  # an unparseable URL names nothing
                continue
        if "." in name and " " not in name.strip():
            parts = [p for p in re.split(r"[.:]", name.lower()) if p]
            hints.update(
                re.sub(r"\W", "", p)
                for p in parts[:-1]
                if len(p) >= 3 and p not in _GENERIC_HOST_PARTS
            )
        else:
            hints.add(re.sub(r"\W|_", "", name.lower()))
    return SiteHints(frozenset(h for h in hints if len(h) >= 3), slug)


_NON_NAME = re.compile(r"\W|_")


def _names_site(segment: str, hints: frozenset[str]) -> bool:
    # the cheap tests first: the headline scorer asks this of every line above the body
    if not hints or len(segment.split()) > 6:
        return False
    compact = _NON_NAME.sub("", segment.lower())
    if not compact:
        return False
    # the segment is the site's name, maybe with a word more ("Yahoo News" for yahoo.com),
    # not a headline that mentions the site
    return any(
        (h in compact and len(compact) <= 2 * len(h)) or (len(compact) >= 4 and compact in h)
        for h in hints
    )


# a web address as a site writes its name in a title bar ("Headline | Example-News.de"): words
# and dots ending in a top-level domain of letters. ".js" is left out: it names a program
# ("Node.js"), which a headline may be about
_DOMAIN_WORD = re.compile(r"(?:[^\W_][\w-]*\.)+(?!js$)[^\W\d_]{2,6}", re.I)


def names_a_domain(segment: str) -> bool:
    """A title bar's part that is a web address, one word ("example.com"): the site's name,
    whatever its host. A dump given no URL, or a page copied to another host, gives
    ``_names_site`` no hint to find it by."""
    return bool(_DOMAIN_WORD.fullmatch(segment.strip()))
