"""The name-shaped spans of a line of a page dump, the candidates of the byline scorer.

A line is split into tokens (whitespace and the separators ``| • · /``), each token read once
(``_token``, cached: a page's tokens recur); runs of capitalised words (name particles inside)
make spans, several runs joined by commas or "and" make one span of several names, and a
lower-case word after a cue makes one too (a user name). ``byline.py`` describes and scores them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..dates import MONTHS
from .byline_names import is_given_name
from .byline_page import CUES, LABELS, LINE_MAX_WORDS, PARTICLES, PHOTO, WORDS
from .lines import Line

_PARTICLES = PARTICLES
_CUES, _LABELS = CUES, LABELS
_CUES_AND_LABELS = _CUES | _LABELS
# a picture's credit word is no name word and ends a run: "Foto Jane Doe" is "Jane Doe"
_NOT_NAME = _CUES_AND_LABELS | PHOTO
# words that join two names of one byline ("Jane Doe und John Roe"); page_clock reads them too
# (annotated: mypyc could not infer its type in the import cycle this module is in)
JOINERS: frozenset[str] = frozenset({"and", "und", "&", "et", "y", "e", "og", "och", "en"})
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_TOKEN = re.compile(r"[|•·/]|[^\s|•·/]+")
_EDGE_PUNCT = "\"'“”‘’()[]«»"
_WORDS = WORDS
NAME_MAX_WORDS = 4  # a longer run of capitalised words is a heading, not a name
NAMES_MAX = 6  # names of one byline


@dataclass(slots=True)
class Span:
    """A name-shaped span of line ``i``: ``text`` (the names as printed), what precedes it. Not
    frozen: never changed once made, and made plain a quarter of the time (``object.__setattr__``
    for each of its fields; some 14 spans a page are made where the scorer reads its lines)."""

    i: int
    text: str
    words: int
    names: int
    cue: bool
    label: bool
    lower: bool
    all_caps: bool
    rest: int  # the line's other words, cues, labels and dates left out
    line_start: bool
    label_after: bool
    cut: bool  # the first words of a longer run of capitalised words
    colon: bool  # the token before it is a word a colon closes ("Interview: Jane Doe")
    credited: bool  # a picture's credit word or a copyright mark just before it ("Foto: Jane Doe")
    printed: str  # the names with their cue as printed ("By Jane Doe")


# (no memo of its own: ``_token``, its one caller, keeps its answer for a token, and asks it of
# a token it has not met, which a memo of the same tokens never had either)
def _clean(token: str) -> tuple[str, bool, bool]:
    """A token without the quotes and brackets around it, whether a comma or semicolon
    closed it (a separator between names), and whether a colon did (a role before a name)."""
    t = token.strip(_EDGE_PUNCT)
    closed = t.endswith((",", ";"))
    return t.rstrip(",;:").strip(_EDGE_PUNCT), closed, t.endswith(":")


@functools.lru_cache(maxsize=1 << 16)
def _is_name_word(t: str) -> bool:
    return (
        bool(t)
        and len(t) <= 25
        and bool(_NAME_WORD.match(t))
        and t[0].isupper()
        and t.lower() not in _NOT_NAME
    )


# a token alone: its text cleaned (``_clean``), whether a comma closed it, its lower case, its
# kind as far as the token tells ("cue", "date", "month", "sep", "word") and whether it is
# shaped like a name word, and whether a colon closed it
_Token = tuple[str, bool, str, str, bool, bool]


@functools.lru_cache(maxsize=1 << 16)
def _token(token: str) -> _Token:
    clean, closed, colon = _clean(token)
    low = clean.lower()
    if low in _NOT_NAME:
        kind = "cue"
    elif any(c.isdigit() for c in clean):
        kind = "date"
    elif low.rstrip(".") in MONTHS:
        kind = "month"  # a date beside digits, else a word
    elif not any(c.isalpha() for c in clean):
        kind = "sep"
    else:
        kind = "word"
    return clean, closed, low, kind, _is_name_word(clean), colon


def _kinds(tokens: list[_Token]) -> list[str]:
    """Each token's kind: "cue" (a cue, a label or a picture's credit word: no name), "date" (digits, or a month's name beside
    digits), "sep" (no letter) or "word"."""
    kinds = [t[3] for t in tokens]
    for k, kind in enumerate(kinds):
        if kind == "month":
            beside = (k > 0 and tokens[k - 1][3] == "date") or (
                k + 1 < len(tokens) and tokens[k + 1][3] == "date"
            )
            kinds[k] = "date" if beside else "word"
    return kinds


def _runs(tokens: list[_Token], kinds: list[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each maximal run of name words: capitalised words and initials, with
    particles between them; a comma, a date, a cue or a label ends a run."""
    i, n = 0, len(tokens)
    name = [kind == "word" and t[4] for kind, t in zip(kinds, tokens, strict=True)]
    while i < n:
        if not name[i]:
            i += 1
            continue
        closed = tokens[i][1] or tokens[i][5]  # a comma or a colon ends a run
        j = i + 1
        while not closed and j < n:
            if name[j] or (tokens[j][0] in _PARTICLES and j + 1 < n and name[j + 1]):
                closed = tokens[j][1] or tokens[j][5]
                j += 1
            else:
                break
        yield i, j
        i = j


def _credited(tokens: list[_Token], start: int) -> bool:
    """Whether a picture's credit word (``byline_page.PHOTO``) or "©" stands within the three
    tokens before ``start``: "Foto: Jane Doe", "Foto © Jane Doe", "© Agency | Jane Doe", "Photo
    by Jane Doe" credit a picture, where a mark elsewhere on the line ("By Jane Doe | Photo: John
    Roe") says nothing of the first name. (Only on a line ``PageText`` finds a picture's word or
    a copyright mark on: ``byline.line_bounds`` counts it there.)"""
    return any(t[2] in PHOTO or "©" in t[0] for t in tokens[max(0, start - 3) : start])


def _cue_before(tokens: list[_Token], start: int) -> tuple[bool, bool]:
    """Whether a cue stands right before ``start`` and a label within the two tokens before."""
    before = [t[2] for t in tokens[max(0, start - 3) : start]]
    cue = bool(before) and before[-1] in _CUES
    label = any(b in _LABELS for b in before[-3:])
    return cue, label


@functools.lru_cache(maxsize=1024)  # ``word_count`` and then ``spans`` read a line
def _tokens(text: str) -> tuple[list[_Token], list[str]]:
    """The tokens of a line's text (``_token``) and their kinds (``_kinds``): read, not changed."""
    tokens = [_token(t) for t in _TOKEN.findall(text.lstrip("#*-> ").strip())]
    return tokens, _kinds(tokens)


def word_count(text: str) -> tuple[int, bool]:
    """The words of a line as ``spans`` counts them (cues, labels, dates and separators left
    out): a span's ``rest`` is this count less the words inside the span; and whether the line
    may hold a span of several names (a token a comma closes, or a joiner, to join them)."""
    tokens, kinds = _tokens(text)
    several = any(t[1] or t[2] in JOINERS for t in tokens)
    return kinds.count("word"), several


def spans(lines: list[Line], i: int) -> list[Span]:
    """The name-shaped spans of line ``i``: each run of name words, and runs joined by commas
    or "and" into one span of several names; a lower-case word after a cue (a user name)."""
    ln = lines[i]
    if ln.words > LINE_MAX_WORDS:
        return []
    tokens, kinds = _tokens(ln.text)
    maximal = list(_runs(tokens, kinds))
    maximal += _after_cue(tokens, maximal)
    runs = sorted(r for r in maximal if r[1] - r[0] <= NAME_MAX_WORDS)
    out: list[Span] = []
    before = [0]  # before[k]: the words among the first k tokens
    for kind in kinds:
        before.append(before[-1] + (kind == "word"))

    def make(group: list[tuple[int, int]], lower: bool = False, cut: bool = False) -> Span:
        text = ", ".join(" ".join(t[0] for t in tokens[a:b]) for a, b in group)
        start, end = group[0][0], group[-1][1]
        cue, label = _cue_before(tokens, start)
        return Span(
            i=i,
            text=text,
            words=sum(b - a for a, b in group),
            names=len(group),
            cue=cue,
            label=label,
            lower=lower,
            all_caps=text.isupper(),
            # the line's words outside the span (the "and" between its names is inside)
            rest=before[-1] - before[end] + before[start],
            line_start=before[start] == 0,
            label_after=end < len(tokens) and tokens[end][2] in _LABELS,
            cut=cut,
            colon=start > 0 and tokens[start - 1][5],
            credited=_credited(tokens, start),
            printed=f"{tokens[start - 1][0]} {text}" if cue else text,
        )

    # the first words of a longer run: a name with a capitalised word glued after it
    # ("Jane Doe Schreibe einen Kommentar", "Jane Doe Reporter")
    for a, b in maximal:
        for k in range(a + 2, min(b, a + NAME_MAX_WORDS + 1)):
            out.append(make([(a, k)], cut=True))

    for k, run in enumerate(runs):
        out.append(make([run]))
        group = [run]
        for nxt in runs[k + 1 : k + NAMES_MAX]:
            if nxt[0] < group[-1][1]:
                break  # a run inside this one (``_after_cue``) joins nothing to it
            gap = tokens[group[-1][1] : nxt[0]]
            closed = tokens[group[-1][1] - 1][1]
            joined = (not gap and closed) or (len(gap) == 1 and gap[0][2] in JOINERS)
            if not joined:
                break
            group.append(nxt)
            out.append(make(list(group)))
    # a user name in lower case right after a cue ("von uriebe")
    for k in range(len(tokens) - 1):
        if tokens[k][2] in _CUES:
            t = tokens[k + 1][0]
            # (more letters than digits: a hash printed for a user, "a3f09c41d2", names no one)
            if t and t.islower() and t.isalnum() and len(t) >= 3 and _lettered(t):
                out.append(make([(k + 1, k + 2)], lower=True))
    return out


def _after_cue(tokens: list[_Token], maximal: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The names after a cue that is also a name particle ("von") inside a run of capitalised
    words: German capitalises its nouns, so "Ein Beitrag von Jane Doe" is one run ("von" as
    in "Ursula von Ross"), and the words after the cue are a run of their own, unless a given
    name stands before the cue ("Christoph von Ritter" is one name)."""
    return [
        (k + 1, b)
        for a, b in maximal
        for k in range(a + 1, b - 1)
        if tokens[k][2] in _CUES and tokens[k + 1][4] and not is_given_name(tokens[k - 1][0])
    ]


def _open_end(text: str) -> bool:
    """Whether ``text`` ends with a joiner or a comma: the names go on on the next line."""
    text = text.rstrip()
    return text.endswith(",") or text.rsplit(None, 1)[-1].lower() in JOINERS if text else False


def _name_line(line: Line) -> bool:
    """A line that may hold a name joined to the one above: short, not itself a joiner."""
    return 0 < line.words <= NAME_MAX_WORDS and line.text.strip(" ,").lower() not in JOINERS


def _lettered(token: str) -> bool:
    """Whether ``token`` holds more letters than digits."""
    digits = sum(c.isdigit() for c in token)
    return len(token) - digits > digits


def joined_spans(lines: list[Line], i: int) -> list[Span]:
    """The spans of line ``i`` read as one line with the cue that ends the line above ("Von" /
    "Jane Doe", as a dump with every text node on its own line prints "Von Jane Doe") and, where
    the next lines are a joiner and a name ("und" / "John Roe"), or the line ends with the
    joiner and the next is a name ("Jane Doe und" / "John Roe"), with them: several names over
    lines. Only spans that begin on line ``i`` (or right after the cue) are kept: a span that
    begins on a later line is that line's own."""
    cue = WORDS.findall(lines[i - 1].text)[-1]
    parts, words = [cue, lines[i].text], 1 + lines[i].words
    k = i + 1
    while k < len(lines) and len(parts) < 2 * NAMES_MAX:
        if _open_end(parts[-1]) and _name_line(lines[k]):
            # the joiner ended the line above ("Jane Doe und" / "John Roe"): where a dump
            # wrapped or joined the "und" line to the name before it
            parts.append(lines[k].text)
            words += lines[k].words
            k += 1
            continue
        if not (
            k + 1 < len(lines)
            and lines[k].text.strip(" ,").lower() in JOINERS | {""}
            and lines[k + 1].words <= NAME_MAX_WORDS
        ):
            break
        joiner = lines[k].text.strip()
        if joiner == ",":  # a comma closes the name before it
            parts[-1] += ","
            joiner = ""
        parts += [joiner, lines[k + 1].text] if joiner else [lines[k + 1].text]
        words += lines[k].words + lines[k + 1].words
        k += 2
    own = {t.strip(_EDGE_PUNCT + ",;:") for t in lines[i].text.split()}
    found = spans([Line(lines[i].n, " ".join(parts), words)], 0)
    return [
        dataclasses.replace(s, i=i) for s in found if s.text.split(" ", 1)[0].rstrip(",") in own
    ]
