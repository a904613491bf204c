"""The headline stage's fast paths (issue 21) give what the plain code they replace gave: each
old form is kept here as the reference, compared on Hypothesis text and on every line of real
html-text dumps (``test_extract_speed.real_lines``, skipped where the dumps are absent)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.extract import cues, headline_facts
from newsfold.extract.headline import (
    FEATURES,
    REPEAT_MIN_SHARE,
    _place_bounds,
    _repeat_sizes,
    _window,
    _words_bound,
    choose_headline_learned,
    headline_features,
    headline_score,
    line_headline_norm,
    page_headline_norms,
)
from newsfold.extract.headline_facts import (
    _text_facts,
    lean_weights,
    slug_match,
    words_of,
)
from newsfold.extract.lines import Line, _norm, count_words
from newsfold.extract.sitenames import slug_forms
from test_extract_speed import TITLE_TEXT, old_headline_text, real_lines
from test_headline_bound import _page, first_best_scored, pages

__all__ = ["real_lines"]  # the fixture, shared with test_extract_speed

_WORD_RE = re.compile(r"[^\W\d_]{4,}")
# spaces of several kinds around the marks a title bar or a trail is split at
SPACED_TITLE = st.lists(
    st.sampled_from(["|", "–", "—", "-", "»", "›", ">", "/", "News", "Wörld", "ab", " ", "\t"])
    | st.text(max_size=6),
    max_size=12,
).map(lambda parts: "\u00a0".join(parts[:2]) + " ".join(parts[2:]))


def old_line_headline_norm(text: str) -> str:
    return _norm(old_headline_text(text))


def old_words_of(text: str) -> set[str]:
    return {w.casefold() for w in _WORD_RE.findall(text)}


def _lines(texts: list[str]) -> list[Line]:
    return [Line(n, t, count_words(t)) for n, t in enumerate(texts)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(TITLE_TEXT, SPACED_TITLE, st.text()), max_size=8))
def test_headline_norms_text(texts: list[str]) -> None:
    expected = [old_line_headline_norm(t) for t in texts]
    assert page_headline_norms(_lines(texts)) == expected
    assert [line_headline_norm(ln) for ln in _lines(texts)] == expected


def test_headline_norms_real_lines(real_lines: list[str]) -> None:
    expected = [old_line_headline_norm(t) for t in real_lines]
    assert page_headline_norms(_lines(real_lines)) == expected


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), SPACED_TITLE, st.text(alphabet="aBcßŞİıſK ÉéΣς-_1")))
def test_words_of_text(text: str) -> None:
    assert words_of(text) == old_words_of(text)


def test_words_of_real_lines(real_lines: list[str]) -> None:
    assert [words_of(t) for t in real_lines] == [old_words_of(t) for t in real_lines]


SLUG = frozenset({"harbour", "board", "wall", "2024", "strasse", "cafe"})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Harbour", "board's", "WALL", "2024", "Straße", "café", "x_wall", "-"])
        | st.text(max_size=6),
        min_size=1,
        max_size=8,
    ).map(" ".join)
)
def test_slug_match_text(text: str) -> None:
    """A line's slug features as every word's forms give them, the ASCII shortcut or not; the
    same facts asked again with another slug."""
    facts = _text_facts("Title " + text, 3)
    assert facts is not None
    forms = [slug_forms(w) for w in re.findall(r"\w+", facts.text)]
    for slug in (SLUG, frozenset({"title"}), frozenset({"zzz"}), SLUG):
        hits = [f & slug for f in forms]
        found = set().union(*hits)
        expected = (
            (sum(1 for h in hits if h) / len(forms), len(found) / len(slug)) if found else (0, 0)
        )
        assert slug_match(facts, slug) == expected


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(min_size=1), TITLE_TEXT, SPACED_TITLE), st.integers(1, 40))
def test_text_facts_text(raw: str, n_words: int) -> None:
    """The facts read by a shortcut (the first letter of an ASCII text, no digit, no byline's
    first letter) are the plain code's; the lean sum is the weighted features' in order."""
    text = raw.lstrip("#").strip()
    first = next((c for c in text if c.isalpha()), "")
    facts = _text_facts(raw, n_words)
    if not first:
        assert facts is None
        return
    assert facts is not None
    assert facts.lower_start == float(first.islower())
    assert facts.digits == sum(map(str.isdigit, text)) / len(text)
    assert facts.byline == float(bool(cues.BYLINE.match(text)))
    alpha = [w for w in text.split() if w[0].isalpha()]
    assert facts.capitalised == (
        sum(1 for w in alpha if w[0].isupper()) / len(alpha) if alpha else 0.0
    )
    assert facts.long_words == frozenset(old_words_of(text))
    assert facts.lean == sum(weight * getattr(facts, name) for name, weight in lean_weights())


def test_repeat_sizes() -> None:
    """The lengths a repeat of the title may have are those the share test passes."""
    for size in range(1, 400):
        shortest, longest = _repeat_sizes(size)
        for n in range(1, 2 * size + 10):
            fits = min(n, size) >= REPEAT_MIN_SHARE * max(n, size)
            assert fits == (shortest <= n <= longest), (size, n)


@settings(max_examples=150, deadline=None)
@given(pages)
def test_words_bound_is_never_below_the_score(
    spec: tuple[list[tuple[str, str]], bool, bool],
) -> None:
    """A line's bound with its words read (``_words_bound``) is its score with each feature it
    does not read at its most: between the score and the bound of its place alone."""
    lines, body_start, hints = _page(spec)
    window = _window(lines, body_start, hints)
    places = {i: -neg for neg, i, _, _ in _place_bounds(lines, body_start, window)}
    weights = dict(zip(FEATURES, headline_facts.model(), strict=True))
    unread = [name for name in FEATURES if name not in headline_facts._EXACT]
    unread += headline_facts._LEAN[4:]
    for i, features in headline_features(lines, body_start, hints):
        score = headline_score(features)
        x = dict(zip(FEATURES, features, strict=True))
        text = lines[i].text.lstrip("#").strip()
        bound = _words_bound(places[i], lines[i].text, window)
        assert score <= bound + 1e-9 and bound <= places[i] + 1e-9
        names = list(unread)
        if window.slug and not (text.isascii() and x["slug_cover"] == 0.0):
            names += ["slug_cover", "slug_recall"]  # read only where the line holds none
        most = sum(max(0.0, weights[k]) - weights[k] * x[k] for k in names)
        assert abs(bound - score - most) < 1e-9


@settings(max_examples=150, deadline=None)
@given(pages)
def test_the_choice_with_no_text_met_before(
    spec: tuple[list[tuple[str, str]], bool, bool],
) -> None:
    """Every text new to the scorer (each line's words read before its facts) or every text
    met before: the first best-scored line all the same."""
    lines, body_start, hints = _page(spec)
    best = first_best_scored(lines, body_start, hints)
    headline_facts._FACTS.clear()
    assert choose_headline_learned(lines, body_start, hints) == best
    assert choose_headline_learned(lines, body_start, hints) == best
