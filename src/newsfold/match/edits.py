"""Word-level edits between two readings of a paragraph, each classified by kind: from "U.S." /
"US" (an abbreviation) and "organisation" / "organization" (spelling) to a sentence removed."""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Edit
from .normalize import abbreviation_table, american, fold_text, same_modulo_spelling

# Tokens for diffs: initialisms ("U.S."), short abbreviations with their stop ("Mr.", "St.",
# "Co."), numbers with separators, a possessive "'s" on its own (so "UK's" -> "U.K.'s" is one
# abbreviation edit, not a change of the whole word), words, and single punctuation marks.
_DIFF_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,3}\.(?=['’]s\b|\s|,)|\d+(?:[,.]\d+)*"
    r"|['’]s\b|\w+(?:['’](?!s\b)\w+)*|[^\w\s]"
)
_SENT_END = re.compile(r"[.!?]$")
DIFF_CACHE = 4096  # paragraphs whose diff tokens are kept, per process


@lru_cache(maxsize=DIFF_CACHE)
def _diff_tokens(text: str) -> tuple[str, ...]:
    """``text``'s tokens for diffs, remembered: a story's canonical paragraph is diffed with
    each of its copies' readings of it (a quarter of the texts diffed merging 20,000 generated
    pages had been diffed before)."""
    return tuple(_DIFF_TOKEN.findall(text))


# difflib's matching, compiled: cydifflib runs the very algorithm of ``difflib.SequenceMatcher``
# (the same opcodes, property-tested against it in tests/test_compare_exact.py); merging a
# story's copies spends much of its time diffing their paragraphs.
try:
    from cydifflib import SequenceMatcher
except ImportError:  # pragma: no cover - an install without it diffs in pure Python
    from difflib import SequenceMatcher


# British -> American spelling families beyond the table (classification only: both readings
# are given, so a rule cannot turn a word into a wrong one): -ise/-ize, -our/-or, -re/-er,
# -ce/-se, doubled l, -ogue/-og, -mme/-m.
_SPELLING_RULES = (
    (re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"([bt])re(s|d)?$"), r"\1er\2"),
    (re.compile(r"(en)ce(s)?$"), r"\1se\2"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"mme(s)?$"), r"m\1"),
)


def _rule_spelling(a: str, b: str) -> bool:
    """One word in British and American spelling by a regular family ("fantasise")."""
    la, lb = a.lower(), b.lower()
    if not (la.isalpha() and lb.isalpha()) or la == lb:
        return False
    for pat, rep in _SPELLING_RULES:
        if pat.sub(rep, la, count=1) == lb or pat.sub(rep, lb, count=1) == la:
            return True
    return False


def _short_form(long: str, short: str) -> bool:
    """``short`` abbreviates ``long``: a shortened word with a stop ("Street"/"St.",
    "Company"/"Co.") or initials of several words ("New Zealand"/"NZ")."""
    s = short.rstrip(".")
    words = re.findall(r"\w+", long)
    if len(words) >= 2 and s.replace(".", "").isupper():
        return "".join(w[0] for w in words).upper() == s.replace(".", "")
    if len(words) != 1 or not short.endswith(".") or not s.isalpha() or len(s) >= len(long):
        return False
    w = words[0].lower()
    if s[0].lower() != w[0]:
        return False
    it = iter(w[1:])
    return all(c in it for c in s[1:].lower())


def classify_change(a: str, b: str) -> str:
    """The kind of a word-level difference between two readings."""
    if a.lower() == b.lower():
        return "case"
    # a stop added or dropped after a short capitalised word: "Mr" / "Mr.", "Dr" / "Dr."
    for x, y in ((a, b), (b, a)):
        if y == x + "." and x[:1].isupper() and x.isalpha() and len(x) <= 4:
            return "abbreviation"
    if _short_form(a, b) or _short_form(b, a):
        return "abbreviation"
    if _rule_spelling(a, b):
        return "spelling"
    digits = re.compile(r"[\d,.\s]+")
    if (
        digits.fullmatch(a)
        and digits.fullmatch(b)
        and re.sub(r"[,\s]", "", a) == re.sub(r"[,\s]", "", b)
    ):
        return "number_format"
    strip = re.compile(r"[^\w\s]")
    if " ".join(strip.sub("", a).split()) == " ".join(strip.sub("", b).split()):
        return "abbreviation" if re.search(r"\w\.\w", a + b) else "punctuation"
    if same_modulo_spelling(a, b):
        return "spelling"
    table = abbreviation_table()
    fa, fb = fold_text(a), fold_text(b)
    if (
        fa.strip(". ") == fb.strip(". ")
        or table.get(fa.strip()) == fb.strip()
        or (table.get(fb.strip()) == fa.strip())
    ):
        return "abbreviation"
    if [american(t) for t in re.findall(r"\w+", fa)] == [
        american(t) for t in re.findall(r"\w+", fb)
    ]:
        return "abbreviation"
    return "word"


def word_edits(a: str, b: str) -> list[Edit]:
    ta, tb = _diff_tokens(a), _diff_tokens(b)
    sm = SequenceMatcher(a=ta, b=tb, autojunk=False)
    edits: list[tuple[Edit, int, int]] = []  # with the edit's span in ``a``
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        ra, rb = " ".join(ta[i1:i2]), " ".join(tb[j1:j2])
        if op == "replace" and i2 - i1 == j2 - j1 and i2 - i1 > 1:
            # word for word: classify each pair, so "U.S. organisation" gives two edits
            for x, y in zip(ta[i1:i2], tb[j1:j2], strict=True):
                if x != y:
                    edits.append((Edit(classify_change(x, y), x, y), i1, i2))
            continue
        if op == "replace":
            kind = classify_change(ra, rb)
        elif all(not re.match(r"\w", t) for t in ta[i1:i2] + tb[j1:j2]):
            kind = "punctuation"
        elif (i2 - i1 + j2 - j1) >= 6 and any(_SENT_END.search(t) for t in ta[i1:i2] + tb[j1:j2]):
            kind = "sentence_removed" if op == "delete" else "sentence_added"
        else:
            kind = "word"
        edits.append((Edit(kind, _detok(ra), _detok(rb)), i1, i2))
    # a quote mark the diff split off a removed or added quoted sentence belongs to it
    sentences = [(i1, i2) for e, i1, i2 in edits if e.kind.startswith("sentence_")]
    return [
        e
        for e, i1, i2 in edits
        if not (
            e.kind == "punctuation"
            and _QUOTE_ONLY.fullmatch(e.a + e.b)
            and any(s1 - 2 <= i1 and i2 <= s2 + 2 for s1, s2 in sentences)
        )
    ]


_QUOTE_ONLY = re.compile(r"[\"'“”‘’\s]+")


def _detok(text: str) -> str:
    return re.sub(r"\s+([,.;:!?%)\]'’])", r"\1", re.sub(r"([(\[])\s+", r"\1", text))
