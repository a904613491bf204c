"""What the byline scorer reads of a whole page, found in a few passes over its text.

The scorer (``byline.py``) describes each name-shaped span by features of the span and of its
line. To know which lines can hold a span that clears the model's threshold without reading
every line's spans, the page's short lines (the only ones that hold spans, and the only ones
that give a time) are read as one string: one search per pattern (cue and label words, the
site's words, dates, copyright marks, sentence ends) gives the lines each fact holds on, so
that a line's best possible score is worked out from its facts alone (``byline.line_bounds``)
and only the lines that may win are tokenised.
"""

from __future__ import annotations

import functools
import re
from itertools import accumulate

import numpy as np

from . import cues
from .lines import _ANY_DIGIT, Line, _is_time_line

# Words that introduce a name, in the languages of ``cues.BYLINE`` (the German "vom" and
# "durch" as well: "vom Krimiblogger", "durch Yirou Chen").
# (annotated: mypyc could not infer its type in the import cycle this module is in)
CUES: frozenset[str] = frozenset("by von vom par por door av af durch".split())  # noqa: SIM905
# Labels that name the role of the name after them ("Author: Jane Doe", "Text: Jane Doe",
# "Geschrieben von", "Posted by", "Reporter").
LABELS = frozenset(
    """author authors autor autorin autoren auteur auteurs text written posted geschrieben
    erstellt verfasst reporter reporting writer redakteur redakteurin escrito""".split()  # noqa: SIM905
)
# lower-case words inside names (Dutch, German, Romance, Arabic), as in ``credits._PARTICLES``
PARTICLES = frozenset(
    "de da das del della di do dos du la le van von der den ten ter zu bin ibn al el".split()  # noqa: SIM905
)
# Words that credit a picture, not a text ("Foto: Jane Doe", "Photo © Jane Doe", "Getty Images"):
# a photographer's name is printed as a byline is, under the headline, with a copyright mark
# and a name, and is the commonest name of a page without a byline (half A's false bylines).
# They are no name words (``byline_spans``), and a line that holds one has ``photo_line``.
PHOTO = frozenset(
    """foto fotos fotograf fotografin fotografie photo photos photograph photographer
    photography image images bild bilder bildquelle picture pictures""".split()  # noqa: SIM905
)
LINE_MAX_WORDS = 25  # a longer line is prose; a name in it is no byline
# Words a renderer glued where the markup put them in elements of their own (w3m and lynx print
# "2019AuthorJane Doe4 Kommentare"): a digit and a capitalised word, three lower-case letters and
# a digit, a label or a cue of three letters or more and a capitalised word, two lower-case
# letters and a word of capitals ("Jane DoeRSS-Feed": an abbreviation in a link of its own). Not
# any lower-case letter and a capital: user names are camel-cased ("JaneDoe"), and were cut in
# two (half A).
_GLUED_AT = re.compile(
    r"(?<=\d)(?=[A-ZÀ-ÖØ-Þ][a-zß-ÿ]{2})|(?<=[a-zß-ÿ]{3})(?=\d)"
    r"|(?<=[a-zß-ÿ]{2})(?=[A-ZÀ-ÖØ-Þ]{2,}(?![^\W\d_]))"
)
_GLUABLE = "|".join(sorted((w for w in CUES | LABELS if len(w) >= 3), key=len, reverse=True))
_GLUED_LABEL = re.compile(rf"(?<![^\W\d_])((?i:{_GLUABLE}))(?=[A-ZÀ-ÖØ-Þ][a-zß-ÿ])")


def unglued(text: str) -> str:
    """``text`` with the words a renderer glued read apart ("2019AuthorJane Doe4" -> "2019
    Author Jane Doe 4")."""
    return _GLUED_LABEL.sub(r"\1 ", _GLUED_AT.sub(" ", text))


WORDS = re.compile(r"[^\W\d_]+")  # runs of letters: the words the features compare
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` sharing their prefixes ("a(?:uthor|v)"), which the search
    tries in one pass where a flat alternation tries each word at each place."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[:1], []).append(w[1:])
    optional = "" in heads
    heads.pop("", None)
    branches = [re.escape(h) + _trie(rest) for h, rest in sorted(heads.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not optional else f"(?:{'|'.join(branches)})"
    return f"{body}?" if optional else body


@functools.lru_cache(maxsize=1024)  # a site's words recur on each of its pages
def words_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """Any of ``words`` (lower case) as a whole run of letters in lower-cased text (the
    lookahead for the words' first letters lets the search skip to them at C speed)."""
    firsts = re.escape("".join(sorted({w[0] for w in words if w})))
    alternation = _trie(sorted(w for w in words if w))
    return re.compile(rf"(?=[{firsts}])(?<![^\W\d_]){alternation}(?![^\W\d_])")


_LETTERS = re.compile(r"[^\W\d_]+")


def site_finds(low: str, words: frozenset[str]) -> list[tuple[int, str]]:
    """Where each of ``words`` (a site's, lower case) stands in ``low`` as a whole run of
    letters, with the word: ``words_at`` where every word is a run of letters (no two finds
    overlap then), else ``words_pattern``'s finds (a lowered capital may lower to a letter and
    a mark: "İ"). ``words_at`` wants no pattern compiled for each site: over a crawl of many
    sites, the compiling cost more than the search."""
    if all(_LETTERS.fullmatch(w) for w in words):
        return words_at(low, tuple(words))
    return [(m.start(), m.group()) for m in words_pattern(words).finditer(low)]


def words_at(low: str, words: tuple[str, ...]) -> list[tuple[int, str]]:
    """Where each of ``words`` (lower case, letters only) stands in ``low`` as a whole run of
    letters, with the word: what ``words_pattern(words).finditer`` finds (a run of letters is
    one word or none, so no two finds overlap), in another order. Each word is found with
    ``str.find`` over the text, which skips to it at C speed where the pattern was tried at
    every character of the page's short lines: three times faster for a few dozen words."""
    found: list[tuple[int, str]] = []
    letter = _LETTER.match
    for word in words:
        n = len(word)
        p = low.find(word)
        while p >= 0:
            if (p == 0 or letter(low, p - 1) is None) and letter(low, p + n) is None:
                found.append((p, word))
            p = low.find(word, p + n)
    return found


_CUES_OR_LABELS = tuple(sorted(CUES | LABELS))
_PHOTO_WORDS = tuple(sorted(PHOTO))
# what a name word may hold between its runs of letters ("Jean-Luc", "O'Neil")
_INSIDE_NAME_CHARS = frozenset("'’.-_")
_COPYRIGHT = re.compile(r"©|\(c\)")
_COLON = re.compile(":")  # where a word closed by a colon may stand ("Interview:")
# a stop after a letter after no letter: where an initial ("J.") may stand (found from the
# stop, which the search skips to at C speed, where a pattern opening with the letter was tried
# at every character: 30 times slower on real dumps)
_INITIAL = re.compile(r"\.(?<=(?<![^\W\d_])[^\W\d_]\.)")
_SENTENCE_END = re.compile(cues.SENTENCE_END.pattern, re.M)  # at each line's end
# at most three runs of letters: what a line that is only a cue or a label holds
_FEW_WORDS = re.compile(r"(?:[\W\d_]*+[^\W\d_]++){0,3}+[\W\d_]*+\Z")


@functools.lru_cache(maxsize=256)
def _alone(word: str) -> re.Pattern[str]:
    """``word`` where no letter stands before or after it (the test of ``PageText._prints``)."""
    return re.compile(rf"{re.escape(word)}(?<![^\W\d_].{{{len(word)}}})(?![^\W\d_])", re.S)


def _alone_in(text: str, word: str) -> bool:
    """Whether ``text`` prints ``word`` with no letter right before or after it (``_alone``):
    a single letter, printed inside most words, by its pattern (one a letter: few compiled);
    a longer word by ``str.find`` from one printing to the next, which compiles no pattern a
    word (a name's words are many: compiling each cost more than the search)."""
    n = len(word)
    if n == 1:
        return _alone(word).search(text) is not None
    if f" {word} " in text:  # the common case, found at C speed
        return True
    p = text.find(word)
    while p >= 0:
        if (p == 0 or not _LETTER.match(text, p - 1)) and not _LETTER.match(text, p + n):
            return True
        p = text.find(word, p + 1)
    return False


class PageText:
    """The page's short lines (LINE_MAX_WORDS words or fewer) as one string, and the lines on
    which each fact the scorer's features need holds (a set of line indices each)."""

    def __init__(self, lines: list[Line], site_words: frozenset[str]) -> None:
        self.lines = lines
        self.text = "\n".join(ln.text for ln in lines)  # ``prints_lower`` reads every line
        self.words = np.fromiter((ln.words for ln in lines), int, len(lines))
        short = self.words <= LINE_MAX_WORDS
        self.short_lines: list[int] = np.flatnonzero(short).tolist()
        texts = [lines[k].text for k in self.short_lines]
        self.short = "\n".join(texts)  # how often a name is printed is counted in it
        starts = self._starts(texts)
        low = self.short.lower()
        low_starts = starts
        if len(low) != len(self.short):  # lowering moved some offsets (rarely)
            lowered = [t.lower() for t in texts]
            low, low_starts = "\n".join(lowered), self._starts(lowered)
        self.cue: set[int] = set()
        self.label: set[int] = set()
        if texts:
            found = [(p, word in CUES) for p, word in words_at(low, _CUES_OR_LABELS)]
            at = self._at(low_starts, [p for p, _ in found])
            for k, (_, cue) in zip(at, found, strict=True):
                (self.cue if cue else self.label).add(k)
        # a site's word that a name on the line may hold: one printed with a capital, inside a
        # name word ("Jean-Luc", "O'Neil"), a particle, or a user name after a cue
        self.site: set[int] = set()
        if site_words and texts:
            aligned, raw = low_starts is starts, self.short
            found = [
                (
                    p,
                    not aligned
                    or raw[p].isupper()
                    or raw[p - 1 : p] in _INSIDE_NAME_CHARS
                    or word in PARTICLES,
                )
                for p, word in site_finds(low, site_words)
            ]
            at = self._at(low_starts, [p for p, _ in found])
            self.site = {k for k, (_, ok) in zip(at, found, strict=True) if ok or k in self.cue}
        self.copyright = self._lines_of(_COPYRIGHT, low, low_starts)
        photo = [p for p, _ in words_at(low, _PHOTO_WORDS)] if self.short_lines else []
        self.photo = set(self._at(low_starts, photo))
        self.colon = self._lines_of(_COLON, self.short, starts)
        self.initial = self._lines_of(_INITIAL, self.short, starts)
        self.sentence = self._lines_of(_SENTENCE_END, self.short, starts)
        # a time line has LINE_MAX_WORDS words or fewer; most lines know already (``Line.time``)
        self.time = {k for k in self.short_lines if _is_time_line(lines[k])}
        self.digit = {k for k in self.time if _ANY_DIGIT.search(lines[k].text)}
        # the lines that are only a cue or a label ("Von", "Geschrieben von"), long ones too
        cued = self.cue | self.label
        maybe_cue_line = [
            k for k in np.flatnonzero(~short).tolist() if _FEW_WORDS.match(lines[k].text)
        ]
        self.cue_line = {k for k in (*cued, *maybe_cue_line) if cue_line(lines[k])}
        # a line that hands over to a name on the next one: it ends with a cue ("Ein Film von",
        # "Posted by"), as a dump with every text node on its own line prints "By" and the name
        self.cue_end = {k for k in self.cue if cue_end(lines[k])}
        # the lines under them: their spans are read with that cue before them
        self.cue_below = {k + 1 for k in self.cue_end if k + 1 < len(lines)}
        self.joined_dated = {k for k in self.cue_below if self._dated_around(k)}
        self._lower: dict[str, bool] = {}
        self._repeats: dict[str, int] = {}
        self._long: str | None = None
        self._in_prose: dict[str, bool] = {}

    def _dated_around(self, k: int) -> bool:
        """Whether the lines that a renderer split from the line of the name on line ``k``
        (read with the cue ending line ``k - 1``) give a date: "May 5, 2020 by Jane Doe" printed
        as "May 5, 2020" / "by" / "Jane Doe", or "Von" / "Jane Doe" / "|" / "5. Mai 2020", is one
        line with its date, as the dumps that keep the line print it (``date_on_line``). The
        split lines: the cue's line, the line under the name, the one under that where that one
        holds only separators, and the one over the cue's where the cue's holds only the cue."""
        n, lines = len(self.lines), self.lines
        around = [k - 1, k + 1]
        if k + 2 < n and not _LETTER_OR_DIGIT.search(lines[k + 1].text):
            around.append(k + 2)
        if k >= 2 and k - 1 in self.cue_line:
            around.append(k - 2)
        return any(j in self.digit for j in around if 0 <= j < n)

    @staticmethod
    def _starts(texts: list[str]) -> np.ndarray:
        return np.fromiter(accumulate((len(t) + 1 for t in texts[:-1]), initial=0), int)

    def _at(self, starts: np.ndarray, positions: list[int]) -> list[int]:
        """The line indices of these offsets in the short lines' string."""
        found = np.searchsorted(starts, positions, side="right") - 1
        return [self.short_lines[k] for k in found.tolist()]

    def _lines_of(self, pattern: re.Pattern[str], text: str, starts: np.ndarray) -> set[int]:
        if not self.short_lines:
            return set()
        return set(self._at(starts, [m.start() for m in pattern.finditer(text)]))

    def prints_lower(self, word: str) -> bool:
        """Whether the page prints ``word`` (in lower case) as a word of its own in lower case."""
        if not word.islower():
            return False
        known = self._lower.get(word)
        if known is None:
            known = self._lower[word] = self._prints(word)
        return known

    def _prints(self, word: str) -> bool:
        text = self.text
        if word not in text:  # most of a name's words: the page prints none in lower case
            return False
        return _alone_in(text, word)

    def capitals(self, k: int) -> list[str]:
        """The runs of letters of line ``k`` that begin with a capital: each word of a name is
        a token that begins one (``byline_spans``)."""
        return [w for w in WORDS.findall(self.lines[k].text) if w[0].isupper()]

    def most_repeats(self, k: int, capitals: list[str] | None = None, cap: int = 0) -> int:
        """How often the short lines print the most printed word of line ``k`` that begins with
        a capital (0 where none does): a name on the line begins with such a word, and each of
        its occurrences holds it, so that none is printed more often. ``capitals``: the line's
        ``capitals``, where the caller has them; ``cap``: where above 0, the answer is at most
        ``cap``, and the words after one printed that often are not counted."""
        if capitals is None:
            capitals = self.capitals(k)
        most = 0
        for word in capitals:
            most = max(most, self.repeats(word))
            if 0 < cap <= most:
                return cap
        return most

    def in_prose(self, word: str) -> bool:
        """Whether a line of more than LINE_MAX_WORDS words (prose) prints ``word`` (a name's
        last word, as printed) as a word of its own: a name the text speaks of, where an
        author's is seldom in it."""
        known = self._in_prose.get(word)
        if known is None:
            if self._long is None:
                self._long = "\n".join(ln.text for ln in self.lines if ln.words > LINE_MAX_WORDS)
            # a whole word of the prose, not a part of one: a name "Lang" is no name of a text
            # that prints "Langzeit" (a substring test took it for one)
            known = bool(word) and word in self._long and _alone_in(self._long, word)
            self._in_prose[word] = known
        return known

    def repeats(self, name: str) -> int:
        """How often the page's lines of LINE_MAX_WORDS words or fewer print ``name``."""
        count = self._repeats.get(name)
        if count is None:
            count = self._repeats[name] = self.short.count(name)
        return count


def cue_line(ln: Line) -> bool:
    """A line that is only a cue or a label: "Von", "By", "Geschrieben von", "Author:"."""
    words = [w.lower() for w in WORDS.findall(ln.text)]
    return 0 < len(words) <= 3 and words[-1] in (CUES | LABELS)


def cue_end(ln: Line) -> bool:
    """A line whose last word is a cue: "Von", "Ein Film von", "Posted by"."""
    words = WORDS.findall(ln.text[-24:])
    return bool(words) and words[-1].lower() in CUES
