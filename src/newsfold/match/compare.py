"""Compare two texts: how much of each is in the other, their relation, and every edit.

``measure`` verifies a candidate pair on the real texts. ``explain`` aligns two articles
paragraph by paragraph and classifies each difference, from "U.S."/"US" to a cut tail.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..records import Article, Relation
from .align import Explanation as Explanation
from .align import align as align
from .align import explain_paragraphs as explain_paragraphs
from .edits import classify_change as classify_change
from .edits import word_edits as word_edits
from .evidence import article_text, same_headline
from .fingerprint import K, shingle_hashes
from .normalize import (
    cached_tokens,
    tokens,
)

# Thresholds on coverage: the share of one text's words that lie in passages (k-word shingles)
# the other text also has. A copy is (almost) entirely inside the other; a partial shares real
# passages but is mostly its own writing.
COPY_COVERAGE = 0.7
PARTIAL_COVERAGE = 0.15
PARTIAL_MIN_WORDS = 25
# A short copy that covers only a small share of the longer text is a cut (truncation) when the
# shared text starts the longer one; elsewhere in it, the longer is a roundup carrying it.
CUT_START_SHARE = 0.25
CUT_MIN_SHARE = 0.5
SAME_EVENT_COSINE = 0.35
# A copy that opens like the other text and then goes on with writing of its own: most of its
# opening is shared even when the added text is as long as what it kept.
LEAD_COPY_SHARE = 0.34
LEAD_START_SHARE = 0.1
LEAD_BLOCK = 0.9  # share of the opening (as long as what is shared) that is shared
ARTICLE_WORDS_CACHE = 1024  # articles whose words (``same_text``'s) are kept, per process
# Two texts under one headline (``evidence.same_headline``), one of them wholly inside the
# other, are one article however badly one page was extracted (a paragraph of it kept): a
# roundup carrying an item of a story does not carry that story's headline as its own. The
# shared text must be more than a stock passage.
SAME_HEADLINE_SHARED_WORDS = 2 * PARTIAL_MIN_WORDS
# "wholly", short of a renderer's noise: an outlet's update of its story under the same headline
# keeps much of the earlier text (70% and more) but is a new article
SAME_HEADLINE_COVERAGE = 0.9


@dataclass(slots=True, frozen=True)
class Measure:
    relation: Relation
    jaccard: float
    a_in_b: float
    b_in_a: float


def _found(a: Shingles, b: Shingles) -> np.ndarray:
    """Which of ``a``'s sorted shingles ``b`` also has: a binary search of each in ``b``'s
    sorted ones (in C, where a set look-up a shingle costs a Python call)."""
    if not len(a.sorted) or not len(b.sorted):
        return np.zeros(len(a.sorted), dtype=bool)
    # (a shingle past every one of b's is compared with b's last, which it is not); the
    # arrays' own methods: numpy's functions wrap them in a Python call each
    ordered = b.sorted
    found: np.ndarray = ordered.take(ordered.searchsorted(a.sorted), mode="clip") == a.sorted
    return found


def _cover(a: Shingles, found: np.ndarray, shared: int, n_tokens: int) -> np.ndarray:
    """Which tokens of text ``a`` (``n_tokens`` of them) lie in shingles the other text also
    has, given ``_found(a, other)`` and the number of distinct shingles they share. Whole
    copies and disjoint texts, the common cases, are settled on that number; the others by
    marking each shared shingle's tokens with ``k_eff`` shifted ors."""
    ha = a.array
    if n_tokens == 0 or len(ha) == 0 or shared == 0:
        return np.zeros(n_tokens, dtype=bool)
    if shared == a.distinct:  # every shingle shared: every token lies in one
        return np.ones(n_tokens, dtype=bool)
    common = found[a.rank]  # in the text's order
    k_eff = n_tokens - len(ha) + 1  # tokens a shingle spans
    covered = np.zeros(n_tokens, dtype=bool)
    for shift in range(k_eff):
        covered[shift : shift + len(ha)] |= common
    return covered


def _covered(a: Shingles, b: Shingles, n_tokens: int) -> np.ndarray:
    """Which tokens of text ``a`` (``n_tokens`` of them) lie in shingles text ``b`` also has."""
    found = _found(a, b)
    return _cover(a, found, int(np.count_nonzero(found & a.first)), n_tokens)


def _share(covered: np.ndarray) -> float:
    """The share of ``covered`` that is true: ``covered.mean()`` to the bit (an exact count
    divided once, correctly rounded either way), without ``mean``'s calls."""
    n = len(covered)
    return int(np.count_nonzero(covered)) / n if n else 0.0


def _first(covered: np.ndarray) -> int:
    """Where the first covered token is (as a token index; the length if none)."""
    return int(np.argmax(covered)) if covered.any() else len(covered)


def _first_run(covered: np.ndarray, n: int) -> int:
    """Where the first run of at least ``n`` covered tokens starts (the length if none)."""
    if covered[:n].all():  # the common case of a copy: covered from its start (or empty)
        return 0
    if not covered.any():
        return len(covered)
    # the covered tokens of each window of n (``np.convolve`` with n ones, the same kernel
    # either way round, without its Python wrapper); the first full window
    runs = np.correlate(covered.astype(np.int32), np.ones(n, dtype=np.int32), "valid")
    full = runs >= n
    i = int(full.argmax()) if len(full) else 0
    return i if len(full) and full[i] else _first(covered)


def same_text(a: str, b: str) -> bool:
    """Identical as published (spacing aside): an edited copy, however lightly, is not."""
    return a.split() == b.split()


@lru_cache(maxsize=ARTICLE_WORDS_CACHE)
def _body_words(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """``article.body.split()`` (its paragraphs joined by blank lines, split on whitespace),
    split once for an article measured against each of its candidates."""
    return tuple(" ".join(paragraphs).split())  # a space never joins two words: the same


@dataclass(slots=True, frozen=True)
class Shingles:
    """A text's matching tokens and their k-word shingle hashes, in order and sorted: what
    measuring it needs, made once for a text measured against many others. The distinct
    shingles two texts share are counted on the sorted arrays (``first``), not by a set
    intersection a pair."""

    tokens: Sequence[str]
    array: np.ndarray  # the hashes in the text's order
    sorted: np.ndarray  # the hashes, sorted
    rank: np.ndarray  # where each hash of ``array`` lies in ``sorted``
    first: np.ndarray  # each hash of ``sorted`` that differs from the one before it
    distinct: int  # the number of distinct hashes


def shingles(toks: Sequence[str]) -> Shingles:
    return shingles_of(toks, shingle_hashes(list(toks)))


def shingles_of(toks: Sequence[str], hashes: np.ndarray) -> Shingles:
    """The ``Shingles`` of a text's tokens ``toks`` whose shingle hashes are ``hashes``."""
    order = np.argsort(hashes, kind="stable")
    ordered = hashes[order]
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    first = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return Shingles(toks, hashes, ordered, rank, first, int(np.count_nonzero(first)))


def measure_tokens(ta: Sequence[str], tb: Sequence[str], identical: bool = False) -> Measure:
    """Relation of two texts given their matching tokens; ``identical`` when their published
    texts are the same."""
    if identical and ta:
        return Measure("identical", 1.0, 1.0, 1.0)
    return measure_shingles(shingles(ta), shingles(tb))


def measure_shingles(a: Shingles, b: Shingles) -> Measure:
    """Relation of two texts that are not the same as published, given their ``Shingles``."""
    ta, tb = a.tokens, b.tokens
    found_a = _found(a, b)
    inter = int(np.count_nonzero(found_a & a.first))  # distinct shingles shared
    union = a.distinct + b.distinct - inter
    jaccard = inter / union if union else 0.0
    # which of b's shingles a has matters only when some but not all are shared (``_cover``)
    found_b = _found(b, a) if 0 < inter < b.distinct else found_a
    cov_a, cov_b = _cover(a, found_a, inter, len(ta)), _cover(b, found_b, inter, len(tb))
    a_in_b, b_in_a = _share(cov_a), _share(cov_b)
    # where does the shorter text's match start inside the longer one (its first run of two
    # shingles: a stock phrase shared by chance is not where a copy starts); is it one block?
    if len(ta) <= len(tb):
        short_in, long_in, own, n_long = a_in_b, b_in_a, cov_a, len(tb)
        first = _first_run(cov_b, 2 * K)
    else:
        short_in, long_in, own, n_long = b_in_a, a_in_b, cov_b, len(ta)
        first = _first_run(cov_a, 2 * K)
    own_first = _first(own)
    # the opening as long as what is shared, from where the shared text starts: a dateline or
    # byline one copy prints over the text and the other not is no text of its own
    start = _first_run(own, 2 * K)
    opening = own[start : start + max(1, int(short_in * len(own)))]
    one_block = bool(len(opening)) and _share(opening) >= LEAD_BLOCK
    opens_with_shared = one_block and start <= LEAD_START_SHARE * len(own)
    shared_words = min(a_in_b * len(ta), b_in_a * len(tb))
    relation: Relation
    if short_in >= COPY_COVERAGE and (
        long_in >= CUT_MIN_SHARE
        # a cut keeps the opening: a short text whose own first paragraph is not in the long
        # one is a roundup item or a rewrite carrying one passage, not a cut
        or (first <= CUT_START_SHARE * n_long and own_first <= LEAD_START_SHARE * len(own))
        # or the long one opens with the shared text, and the short one carries it as one
        # block under an opening of its own: one side lacks the other's lead paragraph (an
        # outlet's own lead, or a lead a page's extraction lost), the rest is one text
        or (first <= LEAD_START_SHARE * n_long and one_block)
    ):
        relation = "copy"
    elif (
        short_in >= LEAD_COPY_SHARE
        and shared_words >= PARTIAL_MIN_WORDS
        and first <= LEAD_START_SHARE * n_long
        and opens_with_shared
    ):
        # both texts open with the shared text: a cut copy the outlet extended with a
        # paragraph of its own (a sign-off, a local angle)
        relation = "copy"
    elif shared_words >= PARTIAL_MIN_WORDS or (
        short_in >= PARTIAL_COVERAGE and shared_words >= K * 2
    ):
        relation = "partial"
    else:
        relation = "unrelated"
    return Measure(relation, round(jaccard, 4), round(a_in_b, 4), round(b_in_a, 4))


def measure(a: str, b: str) -> Measure:
    return measure_tokens(tokens(a), tokens(b), same_text(a, b))


def without_shared_tail(pa: Sequence[str], pb: Sequence[str]) -> tuple[list[str], list[str]]:
    """Both paragraph lists less the paragraphs both end on word for word (at least one
    paragraph is kept on each side). Two articles ending on the same paragraph share a sign-off,
    a disclaimer or an agency footer as often as a story: what they share must be found in the
    rest of the text. A real copy loses one of many shared paragraphs; two stories that only
    share a footer share nothing once it is set aside."""
    a, b = list(pa), list(pb)
    # (the same string, the common case, needs no split)
    while len(a) > 1 and len(b) > 1 and (a[-1] == b[-1] or a[-1].split() == b[-1].split()):
        a.pop()
        b.pop()
    return a, b


def paragraph_tokens(article: Article) -> list[Sequence[str]]:
    """Matching tokens of each paragraph (their concatenation is ``tokens(article.body)``)."""
    return [cached_tokens(p) for p in article.paragraphs]


def body_tokens(article: Article) -> list[str]:
    """``tokens(article.body)``, paragraph by paragraph through the cache."""
    return [t for p in article.paragraphs for t in cached_tokens(p)]


def token_count(article: Article) -> int:
    return sum(len(cached_tokens(p)) for p in article.paragraphs)


def measure_articles(
    a: Article,
    b: Article,
    pta: Sequence[Sequence[str]] | None = None,
    ptb: Sequence[Sequence[str]] | None = None,
    sha: Shingles | None = None,
    shb: Shingles | None = None,
) -> Measure:
    """The relation of two articles: identical when body and headline are the same as
    published (a new headline on the same text is an edited copy), else measured with a shared
    final paragraph set aside. ``pta``/``ptb``: their ``paragraph_tokens``, when known;
    ``sha``/``shb``: the ``Shingles`` of their whole texts, when known."""
    pta = pta if pta is not None else paragraph_tokens(a)
    ptb = ptb if ptb is not None else paragraph_tokens(b)
    ta = sha.tokens if sha is not None else [t for p in pta for t in p]
    tb = shb.tokens if shb is not None else [t for p in ptb for t in p]
    # the headlines first: a pair under two headlines needs no body split
    if same_text(a.headline or "", b.headline or "") and _body_words(
        tuple(a.paragraphs)
    ) == _body_words(tuple(b.paragraphs)):
        return measure_tokens(ta, tb, True)
    sha, shb = sha or shingles(ta), shb or shingles(tb)
    full = measure_shingles(sha, shb)
    # the relation is judged on the article text (lists of teasers set aside) less a final
    # paragraph both end on; the figures stay those of the whole texts
    keep_a, keep_b = article_text(a.paragraphs), article_text(b.paragraphs)
    ka, kb = [a.paragraphs[i] for i in keep_a], [b.paragraphs[i] for i in keep_b]
    pa, pb = without_shared_tail(ka, kb)
    judged = full
    if len(pa) < len(a.paragraphs) or len(pb) < len(b.paragraphs):
        judged = measure_shingles(
            _part_shingles(sha, pta, keep_a[: len(pa)]),
            _part_shingles(shb, ptb, keep_b[: len(pb)]),
        )
    relation = judged.relation
    if relation == "partial":
        na = sum(len(pta[i]) for i in keep_a[: len(pa)])
        nb = sum(len(ptb[i]) for i in keep_b[: len(pb)])
        short_in, n_short = (judged.a_in_b, na) if na <= nb else (judged.b_in_a, nb)
        heads = (a.headline, b.headline) if na <= nb else (b.headline, a.headline)
        if (
            short_in >= SAME_HEADLINE_COVERAGE
            and short_in * n_short >= SAME_HEADLINE_SHARED_WORDS
            and same_headline(*heads)
        ):
            relation = "copy"
    if relation == full.relation:
        return full
    return Measure(relation, full.jaccard, full.a_in_b, full.b_in_a)


def _part_shingles(whole: Shingles, ptoks: Sequence[Sequence[str]], kept: list[int]) -> Shingles:
    """The ``Shingles`` of the paragraphs ``kept`` of a text whose ``Shingles`` are ``whole``
    (``ptoks``: its paragraphs' tokens). The first paragraphs of a text, the common case (a
    shared last paragraph set aside), have the first of its shingle hashes, which depend on
    their tokens only: a text of ``K`` tokens or more is not hashed again."""
    toks = [t for i in kept for t in ptoks[i]]
    if len(toks) >= K and kept == list(range(len(kept))):
        return shingles_of(toks, whole.array[: len(toks) - K + 1])
    return shingles(toks)


def content_cosine(a: str, b: str) -> float:
    """Cosine of content-word counts (words of five letters or more: names, places, nouns and
    verbs that carry an event; short function words carry none)."""
    ca = Counter(t for t in tokens(a) if len(t) >= 5 and not t.isdigit())
    cb = Counter(t for t in tokens(b) if len(t) >= 5 and not t.isdigit())
    dot = sum(v * cb[t] for t, v in ca.items() if t in cb)
    na = math.sqrt(sum(v * v for v in ca.values()))
    nb = math.sqrt(sum(v * v for v in cb.values()))
    return dot / (na * nb) if na and nb else 0.0


# --- explaining the differences --------------------------------------------------------------


def compare_articles(a: Article, b: Article) -> dict[str, object]:
    """The JSON contract of ``newsfold compare``."""
    m = measure_articles(a, b)
    relation: str = m.relation
    if relation == "unrelated" and content_cosine(a.body, b.body) >= SAME_EVENT_COSINE:
        relation = "same_event"
    ex = explain_paragraphs(a.paragraphs, b.paragraphs, a.headline, b.headline)
    return {
        "a": a.id,
        "b": b.id,
        "relation": relation,
        "jaccard": m.jaccard,
        "containment": {"a_in_b": m.a_in_b, "b_in_a": m.b_in_a},
        "edits": [{"kind": e.kind, "a": e.a, "b": e.b} for e in ex.edits],
        "only_in_a": ex.only_in_a,
        "only_in_b": ex.only_in_b,
    }
