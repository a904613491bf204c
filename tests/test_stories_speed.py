"""The stories stage's fast paths give, to the bit, what their plain forms give: the related
stories' pair products, and features made once a text."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse import random as sparse_random

import newsfold.stories.events as events
from newsfold.match.compare import token_count
from newsfold.records import Article
from newsfold.stories.build import _token_total
from newsfold.stories.events import features, features_of
from newsfold.stories.related import _row_dots
from newsfold.stories.terms import TermIds, tfidf_of


def _matrix(seed: int, rows: int, cols: int, density: float) -> csr_matrix:
    rng = np.random.default_rng(seed)
    m = sparse_random(rows, cols, density=density, format="csr", random_state=rng)
    # weights of every magnitude, so that the order of a sum shows in its last bits
    m.data = m.data * 10.0 ** rng.integers(-6, 3, size=m.nnz)
    m.sort_indices()
    return csr_matrix(m)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    rows=st.integers(1, 30),
    cols=st.integers(1, 60),
    density=st.sampled_from([0.0, 0.05, 0.3, 0.9]),
    pairs=st.integers(0, 200),
)
def test_row_dots_sum_as_scipy_does(
    seed: int, rows: int, cols: int, density: float, pairs: int
) -> None:
    a = _matrix(seed, rows, cols, density)
    b = _matrix(seed + 1, rows, cols, density)
    rng = np.random.default_rng(seed)
    pi = np.sort(rng.integers(0, rows, size=pairs))
    pj = rng.integers(0, rows, size=pairs)
    if pairs > 3:  # rows of a met again after others: each run of pi on its own
        pi[-2:] = pi[0]
    want = np.asarray(a[pi].multiply(b[pj]).sum(axis=1)).ravel() if pairs else np.zeros(0)
    got = _row_dots(a, b, pi, pj)
    assert got.tobytes() == want.tobytes()


def test_row_dots_long_rows_keep_the_summation_order() -> None:
    """Rows sharing hundreds of columns: numpy sums them pairwise, in blocks, and the products
    must reach it in the same order for the same bits."""
    a = _matrix(7, 12, 800, 0.9)
    pi = np.repeat(np.arange(12), 12)
    pj = np.tile(np.arange(12), 12)
    want = np.asarray(a[pi].multiply(a[pj]).sum(axis=1)).ravel()
    assert _row_dots(a, a, pi, pj).tobytes() == want.tobytes()


def test_features_of_makes_each_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Rain floods the Harbour Road\nThe Harbour Road closed in 2024.", "Other news", ""]
    calls: list[str] = []

    def counted(text: str) -> events.EventFeatures:
        calls.append(text)
        return features(text)

    monkeypatch.setattr(events, "features", counted)
    memo: dict[str, events.EventFeatures] = {}
    first = features_of([texts[0], texts[1], texts[0]], memo=memo)
    again = features_of([texts[2], texts[0]], memo=memo)
    assert calls == [texts[0], texts[1], texts[2]]
    assert first[0] is first[2] is again[1]
    plain = [features(t) for t in (texts[0], texts[1], texts[0])]
    assert [list(f.terms.items()) for f in first] == [list(f.terms.items()) for f in plain]
    assert [f.years for f in first] == [f.years for f in plain]


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(
        st.text(
            alphabet=st.sampled_from(list("abc XYZ éﬁ1,000 colour U.S. ’'-\u00a0\n"))
            | st.characters(),
            max_size=60,
        ),
        max_size=4,
    )
)
def test_token_total_counts_what_token_count_counts(paragraphs: list[str]) -> None:
    article = Article("a", "p", "s", None, None, None, None, [], None, None, None, None, paragraphs)
    assert _token_total(article) == token_count(article)


def _features_by_line(text: str) -> events.EventFeatures:
    """``features`` as it was written first: each line's words on their own."""
    found: list[str] = []
    years: set[str] = set()
    for line in text.splitlines():
        run: list[str] = []
        for w in events._WORD.findall(line):
            low, term, cap, year = events._word_info(w)
            if term is not None:
                if year:
                    years.add(w)
                found.append(term)
            if cap:
                run.append(low)
            elif run:
                found.append("E:" + "_".join(run))
                run = []
        if run:
            found.append("E:" + "_".join(run))
    return events.EventFeatures(Counter(found), frozenset(years))


_PIECES = [*"ab Qx 19 2024 The May ’'-_.,É", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d",
           "\x1e", "\x85", "\u2028", "\u2029", "Harbour ", "Road ", "Mr ", "in 1999 "]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES) | st.characters(), max_size=40))
def test_features_read_in_one_pass_as_line_by_line(pieces: list[str]) -> None:
    text = "".join(pieces)
    got, want = features(text), _features_by_line(text)
    assert list(got.terms.items()) == list(want.terms.items())
    assert got.years == want.years


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", *"\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"])
def test_features_end_a_name_at_every_line_break(brk: str) -> None:
    text = f"Harbour Road{brk}Quay Side in 1999{brk}{brk}Old Town"
    got, want = features(text), _features_by_line(text)
    assert list(got.terms.items()) == list(want.terms.items())
    assert "E:harbour_road" in got.terms and "E:harbour_road_mr" not in got.terms


def _same_matrix(a: csr_matrix, b: csr_matrix) -> bool:
    return (
        a.shape == b.shape
        and a.indptr.tobytes() == b.indptr.tobytes()
        and a.indices.astype(np.int64).tobytes() == b.indices.astype(np.int64).tobytes()
        and a.data.tobytes() == b.data.tobytes()
    )


_TERMS = st.sampled_from(["rain", "road", "E:harbour_road", "Y:2024", "b", "ä", "a", "zz", "é"])


@settings(max_examples=80, deadline=None)
@given(
    batches=st.lists(
        st.tuples(
            st.lists(st.dictionaries(_TERMS | st.text(max_size=4), st.integers(1, 9)), max_size=9),
            st.integers(1, 3),
        ),
        min_size=1,
        max_size=4,
    ),
    shared=st.booleans(),
)
def test_tfidf_of_numbered_terms_is_tfidf(
    batches: list[tuple[list[dict[str, int]], int]], shared: bool
) -> None:
    """Matrices made one after another with one ``TermIds`` (new terms met in later ones, the
    same features met again) are, to the bit, ``tfidf``'s."""
    ids = TermIds() if shared else None
    made: list[events.EventFeatures] = []
    for docs, min_df in batches:
        feats = [events.EventFeatures(Counter(d)) for d in docs]
        again = made[: len(made) // 2]  # features numbered before, met again
        made.extend(feats)
        feats = again + feats
        want = events.tfidf([f.terms for f in feats], min_df)
        assert _same_matrix(tfidf_of(feats, min_df, ids), want)


def _key_terms_plain(x: csr_matrix, keep: int) -> csr_matrix:
    """``key_terms`` as first written: every key of the order spelled out."""
    row = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    rare = (np.bincount(x.indices, minlength=x.shape[1]) <= events.MAX_KEY_UNITS)[x.indices]
    order = np.lexsort((x.indices, -x.data, ~rare, row))
    rank = np.arange(len(order)) - x.indptr[row[order]]
    kept = order[(rank < keep) & rare[order]]
    return csr_matrix((x.data[kept], (row[kept], x.indices[kept])), shape=x.shape)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    rows=st.integers(1, 40),
    cols=st.integers(1, 50),
    density=st.sampled_from([0.0, 0.1, 0.5, 1.0]),
    keep=st.integers(1, 6),
    few_units=st.booleans(),
)
def test_key_terms_as_every_key_spelled_out(
    seed: int, rows: int, cols: int, density: float, keep: int, few_units: bool
) -> None:
    x = _matrix(seed, rows, cols, density)
    x.data = np.round(x.data, 1) + 0.1  # equal weights in a row: ties broken by term
    with pytest.MonkeyPatch.context() as mp:
        if few_units:  # terms in more rows than MAX_KEY_UNITS are not keys
            mp.setattr(events, "MAX_KEY_UNITS", 3)
        got, want = events.key_terms(x, keep), _key_terms_plain(x, keep)
    assert _same_matrix(got, want)
