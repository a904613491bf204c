"""Wire agencies named by a page, and the dateline that opens a wire story.

``AGENCIES`` is a data table of news agencies and press-release wires, canonical name -> the forms
pages write them in. It is general knowledge of the trade, not taken from any evaluation page.
"""

from __future__ import annotations

import re

from ..records import Dateline

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
# "Tokyo, March 2 (Kyodo) -- ", "NEW DELHI: ". The place must be upper case, or be followed by a
# date or an agency credit, so that an ordinary sentence is not read as one.
DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.' ]{1,30}?)?)"
    r"(?:,\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,\s*\d{4})?))?"
    r"(?:\s*(?:--|—|–)?\s*\((?P<agency>[A-Za-z][A-Za-z .-]{0,30})\))?"
    # the separator: a dash or colon; after an agency's credit it may be only a space
    r"(?:\s*(?P<sep>--|-|—|–|:)\s*|(?<=\))\s+)(?=\S)"
)


def canonical_agency(name: str) -> str | None:
    name = name.strip()
    if name in _ALIAS_TO_NAME:
        return _ALIAS_TO_NAME[name]
    for alias, canon in _ALIAS_TO_NAME.items():
        if alias.lower() == name.lower() and alias not in _AMBIGUOUS:
            return canon
    return None


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
    if len(place.split()) > 5:
        return None
    if upper:  # "CAMBRIDGE, Mass." -> "Cambridge, Mass."
        place = city.title() + place[len(city) :]
    return Dateline(place=place, date=date), credit
