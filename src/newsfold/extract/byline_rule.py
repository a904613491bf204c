"""The credit rule's byline against the scorer's: which one a dump's byline is.

The credit rule (``around.credit_lines``, cleaned by ``credits.clean_byline``) reads the byline
lines above the body; where what it finds reads as names it stands, and the scorer
(``byline.choose_byline``) need not read the page.
"""

from __future__ import annotations

import re

from .byline_names import is_given_name
from .byline_page import LABELS
from .byline_spans import _NAME_WORD, _PARTICLES, _WORDS
from .credits import clean_byline, credits_in_byline, names_byline

_ITEMS = re.compile(r"[|&]")  # what parts a menu's or a section's items


def _clean_rule(rule: str) -> bool:
    """Whether the credit rule's byline reads as names: a cue and names (``names_byline``), an
    agency, or two or more capitalised words and nothing else ("Online Desk, PTI") that are not
    a menu's items (``_items``)."""
    if names_byline(rule) or credits_in_byline(rule):
        return True
    words = [w for w in re.split(r"[\s,|/&]+", rule) if w]
    return (
        len(words) >= 2
        and all((_NAME_WORD.match(w) and w[0].isupper()) or w in _PARTICLES for w in words)
        and not _items(rule)
    )


def _items(rule: str) -> bool:
    """Whether capitalised words are a menu's or a section's items ("Weather | Sport", "Garden
    & Home"), not names: split by "|" or "&", with no given name (``byline_names``) and no role
    ("Staff Reporter", ``byline_page.LABELS``) among them. Half A's dumps: 25 such rule bylines,
    none right; one run of words ("Jane Doe", a name the tables lack) is kept as it was."""
    if not _ITEMS.search(rule):
        return False
    words = _WORDS.findall(rule)
    return not any(is_given_name(w) or w.lower() in LABELS for w in words)


def rule_stands(byline_lines: list[str]) -> bool:
    """Whether the credit rule's byline of these lines (``credits.clean_byline``) reads as
    names (``_clean_rule``): then ``merge_byline`` keeps it whatever the scorer chooses, and
    the scorer need not read the page."""
    rule = clean_byline(byline_lines)
    return _clean_rule(rule) if rule else False


def merge_byline(rule: str | None, chosen: str | None) -> str | None:
    """The byline of a dump from the credit rule's byline (``credits.clean_byline`` of the
    lines ``around.credit_lines`` took for credits) and the scorer's choice: the rule's where
    it reads as names (``_clean_rule``: it keeps an agency after a name, a desk, a role), else
    the scorer's. The scorer fills in where the rule finds nothing or a label ("Publiziert am")."""
    if rule and _clean_rule(rule):
        return rule
    return chosen
