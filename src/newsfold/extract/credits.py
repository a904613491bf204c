"""Wire agencies named by a page, and the dateline that opens a wire story.

``AGENCIES`` is a data table of news agencies and press-release wires, canonical name -> the forms
pages write them in. It is general knowledge of the trade, not taken from any evaluation page.
"""

from __future__ import annotations

import functools
import re

from ..records import Dateline
from .date_cues import PUBLISHED_CUE, UPDATED_CUE

AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "PTI": ("PTI", "Press Trust of India"),
    "ANI": ("ANI", "Asian News International"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "UNI": ("UNI", "United News of India"),
    "Kyodo": ("Kyodo", "Kyodo News", "KYODO"),
    "Jiji": ("Jiji", "Jiji Press"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "Xinhua": ("Xinhua",),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg",),
    "AAP": ("AAP", "Australian Associated Press"),
    "Canadian Press": ("The Canadian Press", "Canadian Press", "CP"),
    "PA": ("PA", "PA Media", "Press Association"),
    "Bernama": ("Bernama",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "TASS": ("TASS",),
    "Business Wire": ("Business Wire", "BUSINESS WIRE"),
    "PR Newswire": ("PR Newswire", "PRNewswire", "PRNEWSWIRE"),
    "GlobeNewswire": ("GlobeNewswire", "GLOBE NEWSWIRE"),
}

# Short forms that are also ordinary words or initials ("AP" in "AP Photo" is fine, but "AA",
# "CP", "PA" alone are too ambiguous): accepted only in a dateline's parentheses or a "By" byline.
_AMBIGUOUS = {"AA", "CP", "PA", "UNI", "AP"}

_ALIAS_TO_NAME = {alias: name for name, aliases in AGENCIES.items() for alias in aliases}
# each unambiguous alias in lower case to its agency (the first alias's, of those alike): what
# ``canonical_agency`` looked for among the aliases one by one (reversed: the first one's stays)
_FOLDED_TO_NAME = {
    alias.lower(): name
    for alias, name in reversed(_ALIAS_TO_NAME.items())
    if alias not in _AMBIGUOUS
}
_ALIASES_RE = "|".join(sorted((re.escape(a) for a in _ALIAS_TO_NAME), key=len, reverse=True))

# "(AP)", "(Reuters)"
_PAREN_RE = re.compile(rf"\((?P<a>{_ALIASES_RE})\)")
# "By PTI", "By Jane Doe, Reuters", "PTI" alone, "Reuters Staff"
_BYLINE_RE = re.compile(
    rf"(?:^|\bby\s+|[,|/&]\s*|\band\s+)(?P<a>{_ALIASES_RE})(?=$|[\s,|/.:;-])", re.I
)
# "..., Kyodo News reported", "according to Yonhap", "told AFP", "— AFP"
_TEXT_RE = re.compile(
    rf"(?:\b(?:according to|told|said in a statement to|reported by)\s+(?:the\s+)?(?P<a>{_ALIASES_RE})\b"
    rf"|\b(?P<b>{_ALIASES_RE})(?:\s+news agency)?\s+(?:reported|said|quoted)\b"
    rf"|[—–-]{{1,2}}\s*(?P<c>{_ALIASES_RE})\s*$)"
)

# Dateline at the start of a paragraph: "WELLINGTON, March 2 (Reuters) - ", "HONOLULU (AP) -- ",
# "Tokyo, March 2 (Kyodo) -- ", "NEW DELHI: ", "LONDON, 5 Jan (Reuters) - ", and the bare wire
# form "Seoul, July 18 Senior diplomats ..." (place, date, then the text, with neither a dash nor
# an agency). The place must be upper case, or be followed by a date or an agency credit, so that
# an ordinary sentence is not read as one.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.' ]{1,30}?)?)"
    rf"(?:,\s*(?P<date>(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s*\d{{4}})?))?"
    r"(?:\s*(?:--|—|–)?\s*\((?P<agency>[A-Za-z][A-Za-z .-]{0,30})\))?"
    # the separator: a dash or colon; after an agency's credit it may be only a space, and so
    # may it after a date when the text goes on with a capitalised word
    r"(?:\s*(?P<sep>--|-|—|–|:)\s*|(?<=\))\s+|(?P<bare>(?<=\d)\s+(?=[A-Z][a-z])))(?=\S)"
)
# words that open an ordinary sentence before a date ("On Jan 5 ...", "Last Tuesday, Jan 5 ..."):
# never the place of a bare dateline
_NOT_A_PLACE = frozenset(
    """on in at by for from since until till before after during between around about through
    yesterday today tomorrow last next this that early late mid monday tuesday wednesday
    thursday friday saturday sunday and but so then also as of the a an""".split()  # noqa: SIM905
)
BARE_PLACE_MAX_WORDS = 4  # "Rio de Janeiro", "Port Louis, Mauritius"


def canonical_agency(name: str) -> str | None:
    name = name.strip()
    if name in _ALIAS_TO_NAME:
        return _ALIAS_TO_NAME[name]
    return _FOLDED_TO_NAME.get(name.lower())


def credits_in_byline(byline: str) -> list[str]:
    found: list[str] = []
    for m in _BYLINE_RE.finditer(byline):
        alias = m.group("a")
        name = _ALIAS_TO_NAME.get(alias) or canonical_agency(alias)
        if alias not in _ALIAS_TO_NAME and alias.upper() in _AMBIGUOUS:
            continue
        if name and name not in found:
            found.append(name)
    for m in _PAREN_RE.finditer(byline):
        name = _ALIAS_TO_NAME[m.group("a")]
        if name not in found:
            found.append(name)
    return found


def credits_in_text(text: str) -> list[str]:
    found: list[str] = []
    for m in _PAREN_RE.finditer(text):
        name = _ALIAS_TO_NAME[m.group("a")]
        if name not in found:
            found.append(name)
    for m in _TEXT_RE.finditer(text):
        alias = m.group("a") or m.group("b") or m.group("c")
        if alias in _AMBIGUOUS:
            continue
        found_name = _ALIAS_TO_NAME.get(alias)
        if found_name and found_name not in found:
            found.append(found_name)
    return found


def _bare_place(place: str) -> bool:
    """A place that may open a dateline with no dash or credit after its date: a few
    capitalised words (particles inside: "Rio de Janeiro"), none of them a word that opens an
    ordinary sentence ("On", "Since", "Monday")."""
    words = place.replace(",", " ").split()
    return (
        0 < len(words) <= BARE_PLACE_MAX_WORDS
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w in _PARTICLES for w in words)
        and not any(w.lower().strip(".") in _NOT_A_PLACE for w in words)
    )


def parse_dateline(paragraph: str) -> tuple[Dateline, str | None] | None:
    """The dateline opening ``paragraph`` and the agency it credits, if it has one."""
    m = DATELINE_RE.match(paragraph)
    if not m:
        return None
    place = m.group("place").strip(" ,")
    date = m.group("date")
    agency = m.group("agency")
    city = place.split(",")[0]
    letters = [c for c in city if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    credit = canonical_agency(agency) if agency else None
    # a place in capitals, a date or a credit mark a dateline; so does a capitalised place set
    # off by a long dash ("Carver Falls, Minn. — "), the American form
    long_dash = m.group("sep") in ("—", "–", "--")
    capitalised = all(w[0].isupper() for w in place.replace(",", " ").split())
    if not (upper or date or credit or (long_dash and capitalised)):
        return None
    if m.group("bare") and not _bare_place(place):
        return None
    if len(place.split()) > 5:
        return None
    if upper:  # "CAMBRIDGE, Mass." -> "Cambridge, Mass."
        place = city.title() + place[len(city) :]
    return Dateline(place=place, date=date), credit


# --- bylines ---------------------------------------------------------------------------------

_GLUE = re.compile(
    r"(?<=[a-z0-9])(?=(?:Updated|Published|Posted|Last Updated|Modified)\b)|(?<=[A-Z]{2})(?=(?:Updated|Published|Posted)\b)"
)
_CUT_AT_TIME = re.compile(
    r"\s*(?:[|•·,/–—-]\s*)*(?:last\s+)?(?:updated|published|posted|modified|first published)\b.*$"
    r"|\s*(?:[|•·,/–—-]\s*)*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d.*$"
    r"|\s*(?:[|•·,/–—-]\s*)*\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}.*$"
    r"|\s*(?:[|•·,/–—-]\s*)*\d{4}-\d{2}-\d{2}.*$"
    r"|\s*(?:[|•·,/–—-]\s*)*\d+\s+(?:min|hour|day|week)s?\s+ago.*$",
    re.I,
)


# "by" and a name inside a longer line ("1.11.23 20:19 von Jana Rolf Lesezeit: 4 Min."): the name
# is the capitalised words after the cue (cue words as in ``cues.BYLINE``)
_NAME_AFTER_CUE = re.compile(
    r"(?:^|(?<=\s))(?:by|von|par|por|door|av|af)\s+"
    r"((?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]*(?![\w:])(?:\s+(?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]*(?![\w:])){0,3})",
    re.I,
)
_SEGMENT_SPLIT = re.compile(r"\s*[|•·]\s*")
# an e-mail's or a web address; "[email protected]" is what a page behind Cloudflare's e-mail
# obfuscation prints where an address stands (its script writes the address back in a browser)
_ADDRESS_RE = r"@|https?:|www\.|\[email\s+protected\]"
_ADDRESS = re.compile(_ADDRESS_RE, re.I)
_NOT_A_NAME = re.compile(rf"\d|{_ADDRESS_RE}", re.I)


_SPACED_DASH = re.compile(r"\s+[-–—]\s+")


def _without_addresses(segment: str) -> str:
    """``segment`` without the parts beside a spaced dash that are an address, not a name
    ("AFP/Harbour Post - desk@example.org" -> "AFP/Harbour Post"): the part that names stays."""
    pieces = _SPACED_DASH.split(segment)
    kept = [p for p in pieces if not _ADDRESS.search(p)]
    return " - ".join(kept) if kept and len(kept) < len(pieces) else segment


def _before_numbers(segment: str) -> str:
    """ "Jana Rolf 3.11.2023" -> "Jana Rolf": a name with its date glued on."""
    head = re.split(r"(?:^|\s)\S*\d", segment, maxsplit=1)[0].strip(" ,-–—")
    return head if head == segment or len(head.split()) >= 2 else ""


_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")  # soft hyphens, zero-width marks


_NOT_A_NAME_BEFORE = re.compile(r"\d|:|(?:^|\s)(?-i:[a-zà-ÿ])", re.I)
_NO_PARTICLE_CUES = frozenset({"by", "par", "por"})  # cues that are never inside a name


def _name_after_verb(segment: str) -> str | None:
    """ "Veröffentlicht am 3. Mai 2024 von Jana Rolf" -> "von Jana Rolf", "Written by Ann Lee on
    May 3" -> "by Ann Lee": a date, a label or a verb before the cue is not part of the name.
    ``None`` where nothing stands before a cue, or what does may be a name ("Christoph von
    Ritter": "von" is a name particle as well as a cue)."""
    m = _NAME_AFTER_CUE.search(segment)
    if not m or m.start() == 0:
        return None
    before = segment[: m.start()].strip()
    cue = m.group(0).split(None, 1)[0].lower()
    if _NOT_A_NAME_BEFORE.search(before) or (len(before.split()) == 1 and cue in _NO_PARTICLE_CUES):
        return m.group(0).strip()
    return None


def _names_after_verbs(line: str) -> str:
    """The line with each segment that names someone after a verb or a date cut to the cue and
    the name; where one is, the line's segments that name no one (tags, categories) go."""
    segments = _SEGMENT_SPLIT.split(line)
    cut = [_name_after_verb(s) for s in segments]
    if not any(cut):
        return line
    kept = [c or s for s, c in zip(segments, cut, strict=True) if c or _NAME_AFTER_CUE.match(s)]
    return " | ".join(kept)


def _after_name(segment: str) -> str:
    """``segment`` cut at a time's label (``_TIME_AFTER_CUE``, any language of ``date_cues``)
    that follows words of its own ("Jane Doe aktualisiert am 3.5.2024" -> "Jane Doe"). A segment
    that opens with the label is left as it is: a time line of its own beside a name line that
    is no byline ("von Jane Doe Newsletter von Jane Doe") kept the credit rule from standing
    there, and the scorer chose better (half A); ``without_time_labels`` cuts it from the
    chosen byline."""
    for found in (UPDATED_CUE.search(segment), PUBLISHED_CUE.search(segment)):
        if found and found.start() > 0 and _TIME_AFTER_CUE.match(segment, found.end()):
            return segment[: found.start()].strip(" ,-–—:")
    return segment


def clean_byline(lines: list[str]) -> str | None:
    """The byline without the timestamps, reading times and addresses printed on its line."""
    return _clean_lines(tuple(lines))


# a page's credit lines are cleaned twice (``byline_rule.rule_stands`` and the article's byline:
# 600 html_text dumps, 1,186 calls, 448 lists of lines), each some 100 us
@functools.lru_cache(maxsize=4096)
def _clean_lines(lines: tuple[str, ...]) -> str | None:
    parts: list[str] = []
    for line in lines:
        line = _GLUE.sub(" ", _INVISIBLE.sub("", line))
        line = _names_after_verbs(line)
        text = _CUT_AT_TIME.sub("", line).strip(" |,-–—•·")
        segments = [
            _before_numbers(_after_name(_without_addresses(s))) for s in _SEGMENT_SPLIT.split(text)
        ]
        segments = [s for s in segments if s and not _NOT_A_NAME.search(s)]
        if not segments:
            m = _NAME_AFTER_CUE.search(line)
            segments = [m.group(0).strip()] if m else []
        for seg in segments:
            seg = seg.strip(" ,-–—")
            if seg and seg not in parts and any(c.isalpha() for c in seg):
                parts.append(seg)
    return " | ".join(_cued_parts(parts)) if parts else None


# what follows a publication's or an update's cue where the cue labels a time: a short word
# ("am", "al", "le", "on") and a colon or a dot, then a digit or the part's end (the time itself
# cut off before: "Actualizado al"); a name after the cue ("Erstellt von Jane Doe") is no time's
_TIME_AFTER_CUE = re.compile(r"(?:\s+[^\W\d_]{1,3})?[\s:.,]*(?:\d|$)")


def _before_time_cue(part: str) -> str:
    """``part`` cut where a time's cue in a language of ``date_cues`` labels a time ("Jane Doe
    Actualizado al" -> "Jane Doe", "Aktualisiert am 3. Mai" -> "")."""
    for found in (UPDATED_CUE.search(part), PUBLISHED_CUE.search(part)):
        if found and _TIME_AFTER_CUE.match(part, found.end()):
            part = part[: found.start()]
    return part.strip(" ,-–—:")


def without_time_labels(byline: str) -> str | None:
    """The byline a dump's rule or scorer chose, without the labels of a time left on it in a
    language ``_CUT_AT_TIME`` (English) does not read: "Ana Ruiz | Actualizado al" -> "Ana
    Ruiz"; ``None`` where nothing else is left. Done on the chosen byline only: whether the
    credit rule's byline stands is judged on it as it was."""
    parts = _SEGMENT_SPLIT.split(byline)
    cut = [_before_time_cue(p) for p in parts]
    if cut == parts:
        return byline
    return " | ".join(c for c in cut if c) or None


# a separator between a byline's parts that no name holds: a bar, a bullet, a spaced dash
_PART_SPLIT = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")


def _cued_parts(parts: list[str]) -> list[str]:
    """Where one part of a byline is a cue and names (``names_byline``: "von Jana Rolf",
    "Par Jean Roux le" -> "Par Jean Roux"), the byline is those parts and the agencies it
    names: a section, a label or a photo credit printed beside them on the line ("Aus der
    Region | von Jana Rolf") names no author. Else the parts as they are."""
    pieces = [p.strip() for part in parts for p in _PART_SPLIT.split(part) if p.strip()]
    # a part that opens with its cue: in "Christoph von Ritter", "von" is inside the name
    named = [names_byline(p) if _NAME_AFTER_CUE.match(p) else None for p in pieces]
    if not any(named):
        return parts
    kept: list[str] = []
    for piece, name in zip(pieces, named, strict=True):
        keep = name or (piece if canonical_agency(piece) else None)
        if keep and keep not in kept:
            kept.append(keep)
    return kept


# A byline that names people: a cue word (as in ``cues.BYLINE``), maybe after a verb ("Posted
# by", "Geschrieben von"), then names joined by commas or "and", each one to four capitalised
# words (particles such as "de", "von", "van" inside them) or an agency. "Von Kopf bis Fuss", a
# heading, is not one ("bis" is no particle), nor "By Invitation of the Editors".
_BYLINE_CUE = re.compile(r"^(?:\w+\s+)?((?:by|von|par|por|door|av|af)\s+.+)$", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:[,;&|•·]|\s(?:and|und|et|y|e)\s)\s*", re.I)
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
# lower-case words inside names (Dutch, German, Romance, Arabic)
_PARTICLES = frozenset(
    "de da das del della di do dos du la le van von der den ten ter zu bin ibn al el".split()  # noqa: SIM905
)
_NAME_MAX_WORDS = 4  # more capitalised words in a row are a heading, not a name
_DANGLING = re.compile(r"\s+[a-zà-ÿ]{1,3}$")  # "am", "on", "le": what was before a date cut off


def names_byline(byline: str) -> str | None:
    """``byline`` as a cue and then only names (or agencies), without a verb before the cue or
    a word left dangling after the names: "Posted by Ann Lee and Bo Kim on" gives "by Ann Lee
    and Bo Kim", "Von Lisa Berg, dpa" itself; ``None`` for a heading that opens with "By" or
    "Von" ("Von Kopf bis Fuss")."""
    m = _BYLINE_CUE.match(byline.strip())
    if not m:
        return None
    text = m.group(1)
    dangling = _DANGLING.search(text)
    if dangling and not canonical_agency(dangling.group(0).strip()):
        text = text[: dangling.start()]
    names = [n for n in _NAME_SPLIT.split(text.split(None, 1)[1]) if n]
    if not names:
        return None
    for name in names:
        words = name.split()
        if canonical_agency(name):
            continue
        if len(words) > _NAME_MAX_WORDS or not words[0][:1].isupper():
            return None
        if any(not _NAME_WORD.match(w) or not (w[:1].isupper() or w in _PARTICLES) for w in words):
            return None
    return text
