"""The learned headline scorer's shortcuts (issue 21) give what scoring every line gives: the
bounds of each line (``headline._place_bounds``, ``_text_bound``) are never below its score, the chosen line is the
first best-scored one of ``headline_features``, and a line's text facts do not depend on the
page that met the text first; the glued parts found by cutting lines at their spaces are the
pairs of lines one printed at the other's start or end."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsfold.extract import headline_facts
from newsfold.extract.headline import (
    FEATURES,
    _place_bounds,
    _text_bound,
    _window,
    choose_headline_learned,
    headline_features,
    headline_score,
)
from newsfold.extract.headline_parts import NO_PARTS, PartIndex, part_links
from newsfold.extract.lines import HEADLINE_MAX_WORDS, Line, _norm, count_words
from newsfold.extract.sitenames import SiteHints

# pieces a window's lines are made of: menus, kickers, credits, dates, marks, a slug's words
WORDS = ["harbour", "board", "approves", "sea", "wall", "Harbour", "Board", "News", "Sport"]
WORDS += ["By", "Jane", "Doe", "May", "5,", "2024", "10:30", "Herald", "herald", "Home", "|"]
WORDS += ["-", "»", "#", "# ", "[Link](/a)", "•", "□", "2", "floods.", "winter", "Read:", "ago"]
BODY = (
    "The harbour board voted on Tuesday to spend four million dollars on a new sea wall for the"
    " town, after two winters of floods in the lower streets of the old quay."
)


def _line_text(words: list[str]) -> str:
    return " ".join(words).strip() or "Home"


short_texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(_line_text)
# a line too long for its text's facts to be kept (``headline_facts.FACTS_MEMO_CHARS``): its
# bound reads none of them
long_texts = st.tuples(short_texts, st.integers(8, 40)).map(lambda tn: " ".join([tn[0]] * tn[1]))
# a line spelling much of the slug (the slug's features weigh most of all)
slug_texts = st.lists(
    st.sampled_from(["Harbour", "board", "approves", "sea", "wall", "|", "Herald"]),
    min_size=3,
    max_size=8,
).map(_line_text)
line_texts = st.one_of(short_texts, short_texts, short_texts, long_texts, slug_texts)
pages = st.tuples(
    st.lists(
        st.tuples(line_texts, st.sampled_from(["", "", "", "template", "nav"])),
        min_size=1,
        max_size=30,
    ),
    st.booleans(),
    st.booleans(),
)


def _page(spec: tuple[list[tuple[str, str]], bool, bool]) -> tuple[list[Line], int, SiteHints]:
    rows, with_slug, with_names = spec
    texts = [(t, label) for t, label in rows] + [(BODY, "body")] * 3
    lines = [Line(n, t, count_words(t), label) for n, (t, label) in enumerate(texts)]
    slug = frozenset({"harbour", "board", "approves", "wall"}) if with_slug else frozenset()
    return lines, len(rows), SiteHints(frozenset({"herald"}) if with_names else frozenset(), slug)


def first_best_scored(lines: list[Line], body_start: int, hints: SiteHints) -> int | None:
    """The reference choice: the first line of the highest score, every line scored in full."""
    best: tuple[float, int] | None = None
    for i, features in headline_features(lines, body_start, hints):
        score = headline_score(features)
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


@settings(max_examples=150, deadline=None)
@given(pages)
@example(([("Harbour board approves sea wall", ""), ("Home", "nav")], True, False))
def test_every_line_scores_at_most_its_bound(
    spec: tuple[list[tuple[str, str]], bool, bool],
) -> None:
    """Each bound is the line's score with each feature it does not read at its most (its
    weight where that is positive, else 0): never below the score, and no looser than that."""
    lines, body_start, hints = _page(spec)
    window = _window(lines, body_start, hints)
    places = {i: (-neg, place) for neg, i, place, _ in _place_bounds(lines, body_start, window)}
    weights = dict(zip(FEATURES, headline_facts.model(), strict=True))
    unread = [name for name in FEATURES if name not in headline_facts._EXACT]
    # a line's place alone: its text's features unread too (the slug's only where there is one)
    texts = ["body_overlap", *headline_facts._LEAN[4:]]
    texts += ["slug_cover", "slug_recall"] if window.slug else []
    for i, features in headline_features(lines, body_start, hints):
        score = headline_score(features)
        x = dict(zip(FEATURES, features, strict=True))
        first, place = places[i]
        facts = headline_facts.text_facts(lines[i].text, lines[i].words)
        assert facts is not None
        for bound, names in ((first, unread + texts), (_text_bound(place, facts, window), unread)):
            assert score <= bound + 1e-9
            most = sum(max(0.0, weights[k]) - weights[k] * x[k] for k in names)
            assert abs(bound - score - most) < 1e-9


@settings(max_examples=150, deadline=None)
@given(pages)
def test_the_choice_is_the_first_best_scored_line(
    spec: tuple[list[tuple[str, str]], bool, bool],
) -> None:
    lines, body_start, hints = _page(spec)
    assert choose_headline_learned(lines, body_start, hints) == first_best_scored(
        lines, body_start, hints
    )


def test_a_text_s_facts_follow_its_word_count_not_the_first_page_that_met_it() -> None:
    text = "東京の港で新しい防波堤"  # a text whose word count a page may give otherwise
    first = headline_facts.text_facts(text, 1)
    second = headline_facts.text_facts(text, 5)
    assert first is not None and second is not None
    assert (first.one_word, first.too_short, second.one_word, second.too_short) == (
        1.0,
        1.0,
        0.0,
        0.0,
    )
    assert headline_facts.text_facts("-- | --", 3) is None  # no letter: no headline


def _links_by_pairs(lines: list[Line], lo: int, body_start: int) -> dict[int, tuple[float, ...]]:
    """``part_links`` by its definition: every pair of lines, one the other's start or end."""
    rows = [0, *range(max(1, lo), body_start)]
    norms = [(i, _norm(lines[i].text)) for i in rows if lines[i].words <= HEADLINE_MAX_WORDS + 10]
    norms = [(i, n) for i, n in norms if len(n) >= 4]
    links: dict[int, list[float]] = {}
    for i, whole in norms:
        for j, part in norms:
            for slot, other, holds in (
                (0, 2, whole.startswith(part + " ")),
                (1, 3, whole.endswith(" " + part)),
            ):
                if holds:
                    links.setdefault(i, [0.0] * 4)[slot] = 1.0
                    links.setdefault(j, [0.0] * 4)[other] = 1.0
    return {i: tuple(v) for i, v in links.items()}


PART_WORDS = ["Sport", "harbour", "board", "wall", "-", "|", "News"]


def _part_texts(words: list[str]) -> st.SearchStrategy[list[str]]:
    """Windows of up to 25 lines of a few of ``words`` each: lines printed in one another."""
    line = st.lists(st.sampled_from(words), min_size=1, max_size=6).map(_line_text)
    return st.lists(line, min_size=1, max_size=25)


@settings(max_examples=150, deadline=None)
@given(_part_texts(PART_WORDS), st.integers(0, 10))
def test_glued_parts_are_the_pairs_of_lines_one_printed_in_the_other(
    texts: list[str], lo: int
) -> None:
    lines = [Line(n, t, count_words(t)) for n, t in enumerate(texts)]
    assert part_links(lines, lo, len(lines)) == _links_by_pairs(lines, lo, len(lines))


@settings(max_examples=150, deadline=None)
@given(_part_texts([*PART_WORDS, "wall " * 45]), st.integers(0, 10), st.integers(0, 25))
def test_a_line_s_glued_parts_one_at_a_time_are_those_of_the_whole_window(
    texts: list[str], lo: int, body_start: int
) -> None:
    lines = [Line(n, t, count_words(t)) for n, t in enumerate(texts)]
    body_start = min(body_start, len(lines))
    whole = part_links(lines, lo, body_start)
    index = PartIndex(lines, lo, body_start)
    for i in range(len(lines)):
        assert index.links(i) == whole.get(i, NO_PARTS), i
