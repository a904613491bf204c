"""The byline of a page dump, chosen among the name-shaped spans of its lines by a learned scorer.

A dump prints its byline in many shapes: "By Jane Doe" on its own line, "Jane Doe | Reporter",
a name glued to the date ("Jane Doe 06 PM | 18 Mai", "26. September 2019 Jane Doe Schreibe einen
Kommentar"), "Von" on one line and the name on the next (every text node on its own line), an
author box under the text ("Jane Doe" above "Jane Doe is a reporter ..."). Hand cues tuned to one
of these break the others, so each line is read for spans of one to four capitalised words (name
particles inside, several names joined by commas or "and"), and each span is described by
layout-free features: the cue before it, how much else its line holds, dates on or beside it,
where it stands against the headline and the body, how often the page prints it, whether its
words are ordinary words elsewhere on the page. A logistic model trained by
``benchmarks/train_byline.py`` on one site half of the metadata benchmark's dumps (every
renderer) scores the spans; the best one is the byline where its score clears the model's
threshold, chosen on the training half. The weights live in ``data/byline_model.json``.
"""

from __future__ import annotations

import functools
import json
import math
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ..dates import MONTHS
from . import cues
from .credits import credits_in_byline, names_byline
from .lines import Line, _is_byline, _is_time_line

# Words that introduce a name, in the languages of ``cues.BYLINE`` (the German "vom" and
# "durch" as well: "vom Krimiblogger", "durch Yirou Chen").
_CUES = frozenset("by von vom par por door av af durch".split())  # noqa: SIM905
# Labels that name the role of the name after them ("Author: Jane Doe", "Text: Jane Doe",
# "Geschrieben von", "Posted by", "Reporter").
_LABELS = frozenset(
    """author authors autor autorin autoren auteur auteurs text written posted geschrieben
    erstellt verfasst reporter reporting writer redakteur redakteurin escrito""".split()  # noqa: SIM905
)
# lower-case words inside names (Dutch, German, Romance, Arabic), as in ``credits._PARTICLES``
_PARTICLES = frozenset(
    "de da das del della di do dos du la le van von der den ten ter zu bin ibn al el".split()  # noqa: SIM905
)
_CUES_AND_LABELS = _CUES | _LABELS
_JOINERS = frozenset({"and", "und", "&", "et", "y", "e", "og", "och", "en"})
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_TOKEN = re.compile(r"[|•·/]|[^\s|•·/]+")
_EDGE_PUNCT = "\"'“”‘’()[]«»"
_WORDS = re.compile(r"[^\W\d_]+")

_NOT_THIS_PAGE = frozenset({"card", "signoff"})  # labels of lines (``around``, ``text``)
NAME_MAX_WORDS = 4  # a longer run of capitalised words is a heading, not a name
NAMES_MAX = 6  # names of one byline
LINE_MAX_WORDS = 25  # a longer line is prose; a name in it is no byline
AFTER_BODY = 25  # lines under the body's end an author box may stand in
NEAR_HEADLINE = 8  # lines under the headline its byline stands in


FEATURES: tuple[str, ...] = (
    "bias",
    "cue",  # "by", "von", ... right before the name
    "label",  # "Author:", "Text:", "Posted" within the two words before it
    "cue_line_above",  # the line above is only a cue or a label ("Von", "Geschrieben von")
    "alone",  # the name is all its line holds, but for cues, labels, dates and separators
    "rest_words",  # log(1 + the line's other words, cues, labels and dates left out)
    "line_start",  # only cues, labels, dates and separators stand before it on its line
    "label_after",  # a label right after it ("Jane Doe Autor")
    "cut",  # the first words of a longer run of capitalised words
    "date_on_line",
    "time_beside",  # the line above or below gives a time
    "one_word",
    "three_plus_words",
    "several_names",
    "lower_case",  # a user name in lower case after a cue ("von uriebe")
    "ordinary_words",  # share of its words that the page also prints in lower case
    "in_headline",  # share of its words in the headline
    "site_name",  # share of its words in the site's names (``headline.site_hints``)
    "log_repeats",  # log of how many lines print it
    "below_headline",  # within NEAR_HEADLINE lines under the headline
    "above_headline",
    "before_body",  # between the headline (or the top) and the body
    "in_body",
    "after_body",  # within AFTER_BODY lines under the body
    "labelled",  # its line is chrome the classifier labelled (template, menu, comment, ...)
    "comment",  # its line is labelled a comment
    "rule_byline",  # its line is a byline by ``lines._is_byline``
    "bio_below",  # the next line is prose that opens with the name: an author box
    "copyright",  # © or (c) on its line
    "sentence",  # its line ends with a stop
    "all_caps",
    "credit_line",  # its line is one the credit pass took for a byline (``around.credit_lines``)
    "initial",  # it holds an initial ("Michael L. Anderson"), a mark of a person's name
    "title_case",  # each of its words a capital and then lower-case letters only
)


@dataclass(frozen=True, slots=True)
class Span:
    """A name-shaped span of line ``i``: ``text`` (the names as printed), what precedes it."""

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
    printed: str  # the names with their cue as printed ("By Jane Doe")


@functools.lru_cache(maxsize=1 << 16)  # a page's tokens recur; the answer is the token's alone
def _clean(token: str) -> tuple[str, bool]:
    """A token without the quotes and brackets around it, and whether a comma or semicolon
    closed it (a separator between names)."""
    t = token.strip(_EDGE_PUNCT)
    closed = t.endswith((",", ";"))
    return t.rstrip(",;:").strip(_EDGE_PUNCT), closed


@functools.lru_cache(maxsize=1 << 16)
def _is_name_word(t: str) -> bool:
    return (
        bool(t)
        and len(t) <= 25
        and bool(_NAME_WORD.match(t))
        and t[0].isupper()
        and t.lower() not in _CUES_AND_LABELS
    )


def _kinds(tokens: list[str]) -> list[str]:
    """Each token's kind: "cue" (a cue or a label), "date" (digits, or a month's name beside
    digits), "sep" (no letter) or "word"."""
    words = [_clean(t)[0] for t in tokens]
    digits = [any(c.isdigit() for c in w) for w in words]
    kinds: list[str] = []
    for k, w in enumerate(words):
        if w.lower() in _CUES_AND_LABELS:
            kinds.append("cue")
        elif digits[k] or (
            (w.lower().rstrip(".") in MONTHS)
            and ((k > 0 and digits[k - 1]) or (k + 1 < len(words) and digits[k + 1]))
        ):
            kinds.append("date")
        elif not any(c.isalpha() for c in w):
            kinds.append("sep")
        else:
            kinds.append("word")
    return kinds


def _runs(tokens: list[str], kinds: list[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each maximal run of name words: capitalised words and initials, with
    particles between them; a comma, a date, a cue or a label ends a run."""
    i, n = 0, len(tokens)
    cleaned = [_clean(t) for t in tokens]

    def name_at(k: int) -> bool:
        return kinds[k] == "word" and _is_name_word(cleaned[k][0])

    while i < n:
        if not name_at(i):
            i += 1
            continue
        closed = cleaned[i][1]
        j = i + 1
        while not closed and j < n:
            if name_at(j) or (cleaned[j][0] in _PARTICLES and j + 1 < n and name_at(j + 1)):
                closed = cleaned[j][1]
                j += 1
            else:
                break
        yield i, j
        i = j


def _cue_before(tokens: list[str], start: int) -> tuple[bool, bool]:
    """Whether a cue stands right before ``start`` and a label within the two tokens before."""
    before = [_clean(t)[0].lower() for t in tokens[max(0, start - 3) : start]]
    cue = bool(before) and before[-1] in _CUES
    label = any(b in _LABELS for b in before[-3:])
    return cue, label


def spans(lines: list[Line], i: int) -> list[Span]:
    """The name-shaped spans of line ``i``: each run of name words, and runs joined by commas
    or "and" into one span of several names; a lower-case word after a cue (a user name)."""
    ln = lines[i]
    if ln.words > LINE_MAX_WORDS:
        return []
    tokens = _TOKEN.findall(ln.text.lstrip("#*-> ").strip())
    kinds = _kinds(tokens)
    maximal = list(_runs(tokens, kinds))
    runs = [r for r in maximal if r[1] - r[0] <= NAME_MAX_WORDS]
    out: list[Span] = []

    def make(group: list[tuple[int, int]], lower: bool = False, cut: bool = False) -> Span:
        parts = [" ".join(_clean(t)[0] for t in tokens[a:b]) for a, b in group]
        text = ", ".join(parts)
        start, end = group[0][0], group[-1][1]
        cue, label = _cue_before(tokens, start)
        inside = sum(b - a for a, b in group)
        # the line's words outside the span (the "and" between its names is inside)
        rest = sum(1 for k in kinds[:start] + kinds[end:] if k == "word")
        return Span(
            i=i,
            text=text,
            words=inside,
            names=len(group),
            cue=cue,
            label=label,
            lower=lower,
            all_caps=text.isupper(),
            rest=rest,
            line_start=all(k != "word" for k in kinds[:start]),
            label_after=end < len(tokens) and _clean(tokens[end])[0].lower() in _LABELS,
            cut=cut,
            printed=f"{_clean(tokens[start - 1])[0]} {text}" if cue else text,
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
            gap = tokens[group[-1][1] : nxt[0]]
            closed = _clean(tokens[group[-1][1] - 1])[1]
            joined = (not gap and closed) or (
                len(gap) == 1 and _clean(gap[0])[0].lower() in _JOINERS
            )
            if not joined:
                break
            group.append(nxt)
            out.append(make(list(group)))
    # a user name in lower case right after a cue ("von uriebe")
    for k in range(len(tokens) - 1):
        if _clean(tokens[k])[0].lower() in _CUES:
            t = _clean(tokens[k + 1])[0]
            if t and t.islower() and t.isalnum() and len(t) >= 3 and not t.isdigit():
                out.append(make([(k + 1, k + 2)], lower=True))
    return out


def _cue_line(ln: Line) -> bool:
    """A line that is only a cue or a label: "Von", "By", "Geschrieben von", "Author:"."""
    words = [w.lower() for w in _WORDS.findall(ln.text)]
    return 0 < len(words) <= 3 and words[-1] in (_CUES | _LABELS)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the page's parts stand: the headline's index (-1 for none), the body's first and
    last, and the headline's and the site's words."""

    head: int
    body_start: int
    body_end: int
    headline_words: frozenset[str]
    site_words: frozenset[str]


class _LineAnswers:
    """A line's own answers, asked once for all the spans on it and beside it."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self._cue: dict[int, bool] = {}
        self._time: dict[int, bool] = {}
        self._dated: dict[int, bool] = {}

    def cue(self, k: int) -> bool:
        if k not in self._cue:
            self._cue[k] = 0 <= k < len(self.lines) and _cue_line(self.lines[k])
        return self._cue[k]

    def time(self, k: int) -> bool:
        if k not in self._time:
            self._time[k] = 0 <= k < len(self.lines) and _is_time_line(self.lines[k])
        return self._time[k]

    def dated(self, k: int) -> bool:
        if k not in self._dated:
            self._dated[k] = any(c.isdigit() for c in self.lines[k].text) and self.time(k)
        return self._dated[k]


def byline_features(lines: list[Line], layout: Layout) -> list[tuple[Span, list[float]]]:
    """Every span of the page with its feature vector in ``FEATURES`` order."""
    lower_words: set[str] = set()
    for ln in lines:
        lower_words.update(w for w in _WORDS.findall(ln.text) if w.islower())
    # another story's card, and a wire's sign-off under the text ("Reporting by ..."), name
    # no author of this page (the examples' expectations)
    found = [
        (s, ln)
        for k, ln in enumerate(lines)
        if ln.label not in _NOT_THIS_PAGE and not cues.SIGNOFF.match(ln.text)
        for s in spans(lines, k)
    ]
    counts: dict[str, int] = {}
    for s, _ in found:
        counts[s.text] = counts.get(s.text, 0) + 1
    out: list[tuple[Span, list[float]]] = []
    answers = _LineAnswers(lines)
    is_cue_line, dated_line, is_time_line = answers.cue, answers.dated, answers.time
    for s, ln in found:
        i = s.i
        words = [w.lower() for w in _WORDS.findall(s.text)]
        if not words:
            continue
        above = lines[i - 1] if i > 0 else None
        below = lines[i + 1] if i + 1 < len(lines) else None
        head = layout.head
        features = [
            1.0,
            float(s.cue),
            float(s.label or (above is not None and is_cue_line(i - 1) and not s.cue)),
            float(above is not None and is_cue_line(i - 1)),
            float(s.rest == 0),
            math.log1p(s.rest),
            float(s.line_start),
            float(s.label_after),
            float(s.cut),
            float(dated_line(i)),
            float(
                (above is not None and is_time_line(i - 1))
                or (below is not None and is_time_line(i + 1))
            ),
            float(s.words == 1),
            float(s.words >= 3),
            float(s.names > 1),
            float(s.lower),
            sum(1 for w in words if w in lower_words) / len(words),
            sum(1 for w in words if w in layout.headline_words) / len(words),
            sum(1 for w in words if w in layout.site_words) / len(words),
            math.log(counts[s.text]),
            float(head >= 0 and 0 < i - head <= NEAR_HEADLINE),
            float(0 <= i < head),
            float(head <= i < layout.body_start),
            float(layout.body_start <= i <= layout.body_end),
            float(0 < i - layout.body_end <= AFTER_BODY),
            float(ln.label not in ("", "body", "byline", "timestamp", "short_line")),
            float(ln.label == "comment"),
            float(_is_byline(ln)),
            float(
                below is not None
                and below.words >= 12
                and below.text.lower().startswith(s.text.lower())
            ),
            float("©" in ln.text or "(c)" in ln.text.lower()),
            float(bool(cues.SENTENCE_END.search(ln.text))),
            float(s.all_caps),
            float(ln.label == "byline"),
            float(any(_INITIAL.match(w) for w in s.text.replace(",", " ").split())),
            float(all(w[1:].islower() for w in _WORDS.findall(s.text) if len(w) > 1)),
        ]
        out.append((s, features))
    return out


@functools.cache
def _model() -> tuple[tuple[float, ...], float]:
    raw = json.loads(
        resources.files("newsfold").joinpath("data/byline_model.json").read_text("utf-8")
    )
    weights: dict[str, float] = raw["weights"]
    return tuple(float(weights[name]) for name in FEATURES), float(raw["threshold"])


def byline_score(features: list[float]) -> float:
    """The model's log-odds that a span with these features is the page's byline."""
    weights = _model()[0]
    if len(weights) != len(features):
        raise ValueError(f"{len(features)} features for a model of {len(weights)}")
    return float(sum(map(operator.mul, weights, features)))


def choose_byline(lines: list[Line], layout: Layout) -> str | None:
    """The best-scored span where its score clears the model's threshold, as printed with its
    cue ("By Jane Doe"), else ``None``."""
    best: tuple[float, Span] | None = None
    for s, features in byline_features(lines, layout):
        score = byline_score(features)
        if best is None or score > best[0]:
            best = (score, s)
    if best is None or best[0] < _model()[1]:
        return None
    return best[1].printed


def byline_layout(
    lines: list[Line], head: int | None, body_start: int, body_end: int, hints: frozenset[str]
) -> Layout:
    """The ``Layout`` of a classified dump: ``head`` is the headline's index or ``None``."""
    headline = lines[head].text if head is not None else ""
    return Layout(
        head=head if head is not None else -1,
        body_start=body_start,
        body_end=body_end,
        headline_words=frozenset(w.lower() for w in _WORDS.findall(headline)),
        site_words=frozenset(w.lower() for h in hints for w in _WORDS.findall(h)),
    )


def _clean_rule(rule: str) -> bool:
    """Whether the credit rule's byline reads as names: a cue and names (``names_byline``), an
    agency, or two or more capitalised words and nothing else ("Online Desk, PTI")."""
    if names_byline(rule) or credits_in_byline(rule):
        return True
    words = [w for w in re.split(r"[\s,|/&]+", rule) if w]
    return len(words) >= 2 and all(
        (_NAME_WORD.match(w) and w[0].isupper()) or w in _PARTICLES for w in words
    )


def merge_byline(rule: str | None, chosen: str | None) -> str | None:
    """The byline of a dump from the credit rule's byline (``credits.clean_byline`` of the
    lines ``around.credit_lines`` took for credits) and the scorer's choice: the rule's where
    it reads as names (``_clean_rule``: it keeps an agency after a name, a desk, a role), else
    the scorer's. The scorer fills in where the rule finds nothing or a label ("Publiziert am")."""
    if rule and _clean_rule(rule):
        return rule
    return chosen
