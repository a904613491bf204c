"""Which line of a dump is the headline: the page's title printed again above the text, else
the best title-shaped line there; the site's name dropped from a title bar."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import cues
from .lines import (
    HEADLINE_MAX_WORDS,
    HEADLINE_MIN_WORDS,
    Line,
    _debreadcrumb,
    _is_name_line,
    _is_time_line,
    _norm,
)

REPEAT_MIN_SHARE = 0.6  # a shortened or lengthened heading still repeats the title


_SITE_SEP = re.compile(r"\s+([|–—-])\s+")
# the results for the lines met lately (a page asks for each line's several times, an outlet's
# chrome comes back on each of its pages): short lines only, a bounded count, emptied when full
_MEMO_MAX = 32768
_MEMO_CHARS = 300
_STRIPPED: dict[str, str] = {}


def _strip_site_suffix(text: str) -> str:
    """ "Headline | Site" or "Headline - Site": the title bar adds the site's name."""
    done = _STRIPPED.get(text)
    if done is not None:
        return done
    parts = _SITE_SEP.split(text)  # [text, sep, text, sep, ...]
    # drop short trailing parts ("- World - Sport") while a title-sized head remains
    while (
        len(parts) > 2
        and len(parts[-1].split()) <= 4
        and len(" ".join(parts[:-2]).split()) >= HEADLINE_MIN_WORDS
    ):
        parts = parts[:-2]
    done = "".join(p if i % 2 == 0 else f" {p} " for i, p in enumerate(parts))
    if len(text) <= _MEMO_CHARS:
        if len(_STRIPPED) >= _MEMO_MAX:
            _STRIPPED.clear()
        _STRIPPED[text] = done
    return done


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


def site_hints(*names: str | None) -> frozenset[str]:
    """Compact forms of the names a site goes by, from its host ("www.harbour-herald.co.nz"
    gives "harbourherald") and any site name the page declares."""
    hints: set[str] = set()
    for name in names:
        if not name:
            continue
        if "://" in name:
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
    return frozenset(h for h in hints if len(h) >= 3)


def _names_site(segment: str, hints: frozenset[str]) -> bool:
    compact = re.sub(r"\W|_", "", segment.lower())
    if not compact or len(segment.split()) > 6:
        return False
    # the segment is the site's name, maybe with a word more ("Yahoo News" for yahoo.com),
    # not a headline that mentions the site
    return any(
        (h in compact and len(compact) <= 2 * len(h)) or (len(compact) >= 4 and compact in h)
        for h in hints
    )


def clean_headline(text: str, hints: frozenset[str], page_norms: frozenset[str]) -> str:
    """A title bar's headline: the parts that name the site dropped ("Headline | Site",
    "Site - Headline"). A part that names nothing known is dropped only when the page prints
    the headline without it (its heading), so that a subtitle ("Headline - and what it means")
    stays."""
    parts = re.split(r"\s+([|–—-])\s+", text)  # [text, sep, text, sep, ...]
    while len(parts) > 2 and _names_site(parts[-1], hints):
        parts = parts[:-2]
    while len(parts) > 2 and _names_site(parts[0], hints):
        parts = parts[2:]
    cleaned = "".join(p if i % 2 == 0 else f" {p} " for i, p in enumerate(parts))
    if cleaned == text:
        short = _strip_site_suffix(text)
        if short != text and _norm(short) in page_norms:
            return short
    return cleaned


def _title_repeats(lines: list[Line]) -> list[int]:
    """Lines that print the page's title again: the article's own heading, under which its text
    begins. A dump opens with the title bar (``<title>``, site name appended) where it has one."""
    if len(lines) < 3 or lines[0].words > HEADLINE_MAX_WORDS:
        return []
    title = _norm(_headline_text(lines[0].text))
    # a short headline under a title bar of many parts ("Headline | Site | Section | ..."):
    # the heading prints one of the bar's leading parts exactly
    parts = re.split(r"\s+[|–—-]\s+", lines[0].text)
    heads = {_norm(" ".join(parts[:i])) for i in range(1, len(parts))}
    heads = {h for h in heads if len(h) >= 15 and len(h.split()) >= 2}
    fuzzy = len(title) >= 15 and len(title.split()) >= HEADLINE_MIN_WORDS
    if not fuzzy and not heads:
        return []
    found = []
    for k in range(1, len(lines)):
        if lines[k].words > HEADLINE_MAX_WORDS + 5:
            continue
        other = _norm(_headline_text(lines[k].text))
        if other and (
            other in heads
            or other == title
            or (
                fuzzy
                and min(len(other), len(title)) >= REPEAT_MIN_SHARE * max(len(other), len(title))
                and (other in title or title in other)
            )
        ):
            found.append(k)
    return found


_HEADLINE_TEXTS: dict[str, str] = {}


def _headline_text(text: str) -> str:
    done = _HEADLINE_TEXTS.get(text)
    if done is None:
        done = _strip_site_suffix(_debreadcrumb(text))
        if len(text) <= _MEMO_CHARS:
            if len(_HEADLINE_TEXTS) >= _MEMO_MAX:
                _HEADLINE_TEXTS.clear()
            _HEADLINE_TEXTS[text] = done
    return done


def _is_candidate(ln: Line) -> bool:
    """Title-shaped, and not a breadcrumb trail (which may end in a short form of the headline:
    it counts as a repeat of the headline, never as the headline)."""
    if ln.label not in ("", "template") or _is_time_line(ln) or cues.BYLINE.match(ln.text):
        return False
    if _debreadcrumb(ln.text) != ln.text:
        return False
    text = _strip_site_suffix(ln.text)
    words = sum(1 for w in text.split() if any(c.isalpha() for c in w))
    if not HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS:
        return False
    return sum(c.isalpha() for c in text) >= 10


def _choose_headline(lines: list[Line], body_start: int) -> int | None:
    """Index of the headline: a title-shaped line above the body. The page often prints it
    twice (title bar, breadcrumb, heading); it opens the heading block, a standfirst may follow
    it, and a byline or timestamp closes the block."""
    lo = max(0, body_start - 30)
    norms = [_norm(_headline_text(ln.text)) for ln in lines]
    cands = {i for i in range(lo, body_start) if _is_candidate(lines[i])}

    def opens_article(i: int) -> bool:
        nxt = lines[i + 1] if i + 1 < body_start else None
        return nxt is not None and (
            (i + 1 in cands and nxt.label != "template")
            or bool(cues.BYLINE.match(nxt.text))
            or _is_time_line(nxt)
            or _is_name_line(lines, i + 1, body_start)
        )

    # a line the outlet prints on most pages is chrome, unless a standfirst, byline or timestamp
    # follows it: then it is a popular story's headline that also runs in the "most read" box
    cands = {i for i in cands if lines[i].label != "template" or opens_article(i)}
    best: tuple[float, int] | None = None
    for i in sorted(cands):
        ln = lines[i]
        score = 1.0 - (body_start - i) / 40.0 + min(ln.words, 12) / 24.0
        if ln.label == "template":
            # a popular story's headline recurs in the outlet's "most read" box on other pages:
            # still this page's headline where it stands above the byline
            score -= 0.25
        mine = norms[i]
        if any(
            j != i and other and (other == mine or (len(other) > 15 and other in mine))
            for j, other in enumerate(norms)
        ):
            score += 1.5
        prev = next(
            (k for k in range(i - 1, lo - 1, -1) if lines[k].label != "template" or k in cands),
            None,
        )
        if prev is not None and prev in cands and norms[prev] != mine:
            score -= 1.0  # a standfirst under the headline
        for k in range(i + 1, min(body_start, i + 4)):
            if cues.BYLINE.match(lines[k].text) or _is_time_line(lines[k]):
                score += 0.5
                break
        if best is None or score >= best[0]:
            best = (score, i)
    return best[1] if best else None
