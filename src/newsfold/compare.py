"""Compare two texts: how much of each is in the other, their relation, and every edit.

``measure`` verifies a candidate pair on the real texts. ``explain`` aligns two articles
paragraph by paragraph and classifies each difference, from "U.S."/"US" to a cut tail.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .fingerprint import K, shingle_hashes
from .normalize import abbreviation_table, american, fold_text, same_modulo_spelling, tokens
from .records import Article, Edit, Relation

# Thresholds on coverage: the share of one text's words that lie in passages (k-word shingles)
# the other text also has. A copy is (almost) entirely inside the other; a partial shares real
# passages but is mostly its own writing.
COPY_COVERAGE = 0.8
PARTIAL_COVERAGE = 0.15
PARTIAL_MIN_WORDS = 25
# A short copy that covers only a small share of the longer text is a cut (truncation) when the
# shared text starts the longer one; elsewhere in it, the longer is a roundup carrying it.
CUT_START_SHARE = 0.25
CUT_MIN_SHARE = 0.5
SAME_EVENT_COSINE = 0.35


@dataclass(slots=True, frozen=True)
class Measure:
    relation: Relation
    jaccard: float
    a_in_b: float
    b_in_a: float


def _coverage(ha: np.ndarray, hb: np.ndarray, n_tokens: int) -> tuple[float, int]:
    """Share of the tokens covered by shingles the other text also has, and where the first
    covered token is (as a token index; n_tokens if none)."""
    if n_tokens == 0 or len(ha) == 0:
        return 0.0, n_tokens
    common = np.isin(ha, hb)
    if not common.any():
        return 0.0, n_tokens
    k_eff = n_tokens - len(ha) + 1
    covered = np.convolve(common.astype(np.int32), np.ones(k_eff, dtype=np.int32))[:n_tokens] > 0
    return float(covered.mean()), int(np.argmax(covered))


def same_text(a: str, b: str) -> bool:
    """Identical as published (spacing aside): an edited copy, however lightly, is not."""
    return a.split() == b.split()


def measure_tokens(ta: Sequence[str], tb: Sequence[str], identical: bool = False) -> Measure:
    """Relation of two texts given their matching tokens; ``identical`` when their published
    texts are the same."""
    if identical and ta:
        return Measure("identical", 1.0, 1.0, 1.0)
    ha, hb = shingle_hashes(list(ta)), shingle_hashes(list(tb))
    sa, sb = set(ha.tolist()), set(hb.tolist())
    union = len(sa | sb)
    jaccard = len(sa & sb) / union if union else 0.0
    a_in_b, _ = _coverage(ha, hb, len(ta))
    b_in_a, _ = _coverage(hb, ha, len(tb))
    # where does the shorter text's match start inside the longer one?
    if len(ta) <= len(tb):
        short_in, long_in = a_in_b, b_in_a
        _, first = _coverage(hb, ha, len(tb))
        n_long = len(tb)
    else:
        short_in, long_in = b_in_a, a_in_b
        _, first = _coverage(ha, hb, len(ta))
        n_long = len(ta)
    shared_words = min(a_in_b * len(ta), b_in_a * len(tb))
    relation: Relation
    if short_in >= COPY_COVERAGE and (
        long_in >= CUT_MIN_SHARE or first <= CUT_START_SHARE * n_long
    ):
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

_DIFF_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[,.]\d+)*|\w+(?:['’]\w+)*|[^\w\s]")
_SENT_END = re.compile(r"[.!?]$")


def _paragraph_shingles(text: str) -> tuple[int, np.ndarray]:
    toks = tokens(text)
    return len(toks), shingle_hashes(toks, 3)


def _similarity(a: tuple[int, np.ndarray], b: tuple[int, np.ndarray]) -> float:
    (na, ha), (nb, hb) = a, b
    if not na or not nb:
        return 0.0
    ca, _ = _coverage(ha, hb, na)
    cb, _ = _coverage(hb, ha, nb)
    return max(ca, cb) if min(na, nb) >= 6 else (ca + cb) / 2


def align(
    a: Sequence[str], b: Sequence[str], threshold: float = 0.5
) -> list[tuple[int, int, float]]:
    """Monotonic alignment of two paragraph lists maximising total similarity (pairs under
    ``threshold`` never match)."""
    n, m = len(a), len(b)
    # each paragraph is tokenised and hashed once, not once per pair
    sa = [_paragraph_shingles(p) for p in a]
    sb = [_paragraph_shingles(p) for p in b]
    sim = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            s = _similarity(sa[i], sb[j])
            sim[i][j] = s if s >= threshold else 0.0
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if sim[i][j] > 0:
                best = max(best, sim[i][j] + score[i + 1][j + 1])
            score[i][j] = best
    pairs: list[tuple[int, int, float]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] > 0 and score[i][j] == sim[i][j] + score[i + 1][j + 1]:
            pairs.append((i, j, sim[i][j]))
            i, j = i + 1, j + 1
        elif score[i + 1][j] >= score[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def classify_change(a: str, b: str) -> str:
    """The kind of a word-level difference between two readings."""
    if a.lower() == b.lower():
        return "case"
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
    ta, tb = _DIFF_TOKEN.findall(a), _DIFF_TOKEN.findall(b)
    sm = difflib.SequenceMatcher(a=ta, b=tb, autojunk=False)
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        ra, rb = " ".join(ta[i1:i2]), " ".join(tb[j1:j2])
        if op == "replace" and i2 - i1 == j2 - j1 and i2 - i1 > 1:
            # word for word: classify each pair, so "U.S. organisation" gives two edits
            for x, y in zip(ta[i1:i2], tb[j1:j2], strict=True):
                if x != y:
                    edits.append(Edit(classify_change(x, y), x, y))
            continue
        if op == "replace":
            kind = classify_change(ra, rb)
        elif all(not re.match(r"\w", t) for t in ta[i1:i2] + tb[j1:j2]):
            kind = "punctuation"
        elif (i2 - i1 + j2 - j1) >= 6 and any(_SENT_END.search(t) for t in ta[i1:i2] + tb[j1:j2]):
            kind = "sentence_removed" if op == "delete" else "sentence_added"
        else:
            kind = "word"
        edits.append(Edit(kind, _detok(ra), _detok(rb)))
    return edits


def _detok(text: str) -> str:
    return re.sub(r"\s+([,.;:!?%)\]'’])", r"\1", re.sub(r"([(\[])\s+", r"\1", text))


@dataclass(slots=True)
class Explanation:
    edits: list[Edit]
    only_in_a: list[str]
    only_in_b: list[str]
    pairs: list[tuple[int, int, float]]


def explain_paragraphs(
    pa: Sequence[str],
    pb: Sequence[str],
    headline_a: str | None = None,
    headline_b: str | None = None,
) -> Explanation:
    edits: list[Edit] = []
    if headline_a and headline_b and headline_a.strip() != headline_b.strip():
        edits.append(Edit("headline", headline_a, headline_b))
    pairs = align(pa, pb)
    matched_a = {i for i, _, _ in pairs}
    matched_b = {j for _, j, _ in pairs}
    last_a = max(matched_a) if matched_a else -1
    last_b = max(matched_b) if matched_b else -1
    # a tail that one side has and the other stops before is a cut, not removed paragraphs
    cut_a = [i for i in range(last_a + 1, len(pa))] if last_b == len(pb) - 1 and pairs else []
    cut_b = [j for j in range(last_b + 1, len(pb))] if last_a == len(pa) - 1 and pairs else []
    for i, j, _ in pairs:
        if pa[i] != pb[j]:
            edits.extend(word_edits(pa[i], pb[j]))
    for i in range(len(pa)):
        if i not in matched_a and i not in cut_a:
            edits.append(Edit("paragraph_removed", pa[i], ""))
    for j in range(len(pb)):
        if j not in matched_b and j not in cut_b:
            edits.append(Edit("paragraph_added", "", pb[j]))
    if cut_a:
        edits.append(Edit("truncation", "\n\n".join(pa[i] for i in cut_a), ""))
    if cut_b:
        edits.append(Edit("truncation", "", "\n\n".join(pb[j] for j in cut_b)))
    return Explanation(
        edits=edits,
        only_in_a=[pa[i] for i in range(len(pa)) if i not in matched_a],
        only_in_b=[pb[j] for j in range(len(pb)) if j not in matched_b],
        pairs=pairs,
    )


def compare_articles(a: Article, b: Article) -> dict[str, object]:
    """The JSON contract of ``newsfold compare``."""
    m = measure(a.body, b.body)
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
