"""The words that label a page's times, matched through one accent fold.

A page writes its labels with their accents ("Veröffentlicht am", "Mis à jour le", "miércoles"),
and a renderer that prints ASCII only, or a template that writes it, drops them ("Veroffentlicht
am", "Mis a jour le"). Each cue is listed here once, spelt properly: its pattern is compiled from
its words folded (``fold``: a letter's accents off, one character for one) and is matched on the
text folded the same way, so that either spelling matches. The fold keeps the text's length, so
a match's positions are the text's own (``published.read_times`` compares a cue's end with a
date's position). German also spells an umlaut out where the letter is missing ("veroeffentlicht",
"geaendert"): a word with one matches so spelt too (``cue``).

A text in decomposed Unicode (an accent as a combining mark after its letter) is not folded: the
mark cannot be dropped without moving every position after it; pages write composed letters.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator


def _fold_table() -> dict[int, int]:
    """Each Latin letter with a diacritic (Latin-1, Extended-A and -B, Extended Additional) that
    decomposes into one base letter and combining marks -> that letter."""
    table: dict[int, int] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch:
            table[code] = ord(base)
    return table


_FOLD = _fold_table()
# the same, a letter to its base letter, and the letters it folds as one pattern: a text's few
# such letters replaced where they stand, where ``str.translate`` looked every character of the
# text up in the table (a page's text: ten times slower, most of its characters being ASCII)
_FOLD_CHARS = {chr(code): chr(base) for code, base in _FOLD.items()}
_FOLDED = re.compile("[" + "".join(sorted(_FOLD_CHARS)) + "]")


def _base_letter(m: re.Match[str], base: Callable[[str], str] = _FOLD_CHARS.__getitem__) -> str:
    return base(m.group())


def fold(text: str) -> str:
    """``text`` with its letters' accents off ("Veröffentlicht" -> "Veroffentlicht", "à" ->
    "a"), of the same length: each character stays where it was (``str.translate`` of it by
    ``_FOLD``; tests/test_date_cues.py)."""
    return text if text.isascii() else _FOLDED.sub(_base_letter, text)


# German spells an umlaut out as its vowel and an "e" where the letter is missing
_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
_UMLAUT = re.compile("[" + "".join(_UMLAUTS) + "]")


def _spellings(word: str) -> list[str]:
    """A cue word's forms in a folded text: folded, and with its umlauts spelt out."""
    spelt_out = _UMLAUT.sub(lambda m: _UMLAUTS[m.group(0)], word)
    return list(dict.fromkeys([fold(word), fold(spelt_out)]))


class Cue:
    """A pattern matched on the folded text (``fold``): it matches where its words stand in
    either spelling, at the text's own positions. ``pattern`` and ``flags`` are the compiled
    pattern's (``line_words.group_words`` reads them)."""

    __slots__ = ("regex",)

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    @property
    def flags(self) -> int:
        return self.regex.flags

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.search(fold(text), pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.match(fold(text), pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.regex.finditer(fold(text), pos, endpos)


def cue(template: str, words: Iterable[str], flags: int = re.I) -> Cue:
    """The cue of ``template`` with ``{}`` standing for an alternation of ``words`` (regex
    fragments, spelt properly, each in its folded spellings: ``_spellings``)."""
    alternation = "|".join(dict.fromkeys(s for w in words for s in _spellings(w)))
    return Cue(re.compile(fold(template).replace("{}", alternation), flags))


# --- the cues ---------------------------------------------------------------------------------

# Cues in the same languages as the month names. German "Stand:" ("as of") is deliberately not an
# update cue: on many pages it is the only time shown, and it is then the best publication time.
UPDATED_WORDS = (
    *("updated", "modified", "last updated", "edited", "revised"),
    *("aktualisiert", "geändert", "mis à jour", "mise à jour", "actualizado", "actualización"),
    *("aggiornato", "aggiornamento", "atualizado", "atualização", "bijgewerkt"),
)
UPDATED_CUE = cue(r"\b({})\b", UPDATED_WORDS)
# German writes the label as one compound noun ("Erscheinungsdatum", "Veröffentlichungsdatum":
# publication date), which the verbs' word boundaries do not match; German blogs label a post's
# time "Eingetragen am" ("entered on")
PUBLISHED_WORDS = (
    *("published", "posted", "first published", "created", "released", "veröffentlicht"),
    *("veröffentlichung", "erschienen", "erstellt", "eingetragen", "publiziert", "publié"),
    *("publication", "publicado", "publicación", "pubblicato", "publicação", "gepubliceerd"),
    *("geplaatst", "erscheinungsdatum", "veröffentlichungsdatum"),
)
PUBLISHED_CUE = cue(r"\b({})\b", PUBLISHED_WORDS)

# A time a preposition of a period or a deadline stands before ("ab 01.01.2024", "seit dem 1.
# Dezember 2019", "zum 28.02.2017 gekündigt", "until March 5, 2021", "desde el 3 de mayo") is
# when something starts, ends or falls due, not when the page was written: a stamp stands bare
# or after a label ("Posted on", "Stand:", "vom"). In the languages of the month names.
EVENT_BOUND = cue(
    r"\b(?:{})(?:\s+(?:dem|den|der|the|el|le|il|de))?\s*[,:]?\s*(?:\w+,?\s+)?$",
    (
        *("ab", "seit", "bis", "zum", "until", "till", "since", "from", "through", "starting"),
        *("effective", "desde", "hasta", "depuis", "jusqu'?au", "jusqu'?à", "dès"),
        *("à partir du", "a partir de", "dal", "fino al", "entro il", "vanaf", "tot", "sinds"),
    ),
)

# The weekdays in the languages of the month names (``data/months.json``), for the masthead's
# "today" ("Mittwoch, 26.02.2020", "Miércoles 4 de Mayo de 2022"): a line of a weekday and a
# date alone, above the headline, is the day the page was shown, not the story's
WEEKDAY = cue(
    r"^\W*(?:mon|tues|wednes|thurs|fri|satur|sun)day|^\W*(?:{})(?:-feira)?\b",
    (
        *("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend"),
        *("sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        *("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "lunedì"),
        *("martedì", "mercoledì", "giovedì", "venerdì", "segunda", "terça", "quarta", "quinta"),
        *("sexta", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"),
        "zondag",
    ),
)

# A label and its colon right before a time ("Termin: 12.03.2021, 18 Uhr", "Letzter Beitrag:
# 04.11.2015, 09:41", "Next meeting: 9 June 2022") may say what the time is: an event's, a
# forum's last post. A publication's or an update's label, also inside a compound word
# ("Erstveröffentlichung:", "ePublished:"), or a date's ("Datum:", "Stand:", the German "as of")
# is none such: those say the time is the page's own (``published.read_times`` weighs them).
_LABEL_BEFORE = re.compile(r"(?<!\w)([^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,2})\s*:\s*$")
_STAMP_LABEL = cue(r"({})", (*PUBLISHED_WORDS, *UPDATED_WORDS))
_DATE_WORD = re.compile(r"date|datum|fecha|data|stand", re.I)
LABEL_REACH = 48  # characters before a time where its label stands


def time_label(before: str) -> str | None:
    """The label that ends the text ``before`` a time (its last word, folded and case-folded: a
    label of one to three words and a colon), where it is not a publication's, an update's nor
    a date's; else ``None``."""
    m = _LABEL_BEFORE.search(before[-LABEL_REACH:])
    if m is None or _STAMP_LABEL.search(m.group(1)):
        return None
    last = m.group(1).split()[-1]
    return None if _DATE_WORD.fullmatch(last) else fold(last).casefold()
