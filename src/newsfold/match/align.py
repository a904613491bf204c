"""Paragraph alignment of two texts, and the differences it explains: which paragraphs of one
are which of the other (``align``: a monotonic alignment maximising their similarity), and
every edit between them (``explain_paragraphs``). Merging a story aligns each copy with the
story's canonical text; ``newsfold compare`` and the story views explain two readings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..records import Edit
from .edits import word_edits
from .fingerprint import shingle_hashes
from .normalize import cached_tokens

PARAGRAPH_CACHE = 16384  # paragraphs whose shingles are kept, per process
# pairs of paragraphs whose similarity is kept, per process: a story's copies are each aligned
# with its canonical text, and most of them share the same edited paragraphs (a third of the
# pairs measured merging 20,000 generated pages were distinct)
PAIR_CACHE = 16384


# A paragraph as ``align`` compares it: its token count, its 3-word shingle hashes (in order)
# and their set
_ParagraphShingles = tuple[int, tuple[int, ...], frozenset[int]]


@lru_cache(maxsize=PARAGRAPH_CACHE)
def _paragraph_shingles(text: str) -> _ParagraphShingles:
    """A paragraph's token count, 3-word shingle hashes and their set. Cached: merging a
    story aligns every copy against the same canonical paragraphs, and copies share most of
    their paragraphs word for word."""
    toks = list(cached_tokens(text))
    h = tuple(shingle_hashes(toks, 3).tolist())
    return len(toks), h, frozenset(h)


def _covered_share(h: tuple[int, ...], s: frozenset[int], other: frozenset[int], n: int) -> float:
    """``_share(_covered(...))`` of a paragraph, counted in plain Python: a paragraph has a few
    dozen shingles, for which numpy's calls cost more than the loop. The same float to the
    bit: the covered tokens counted exactly, divided by ``n`` once (as ``mean`` does)."""
    if n == 0 or not h or s.isdisjoint(other):
        return 0.0
    if s <= other:
        return 1.0
    k_eff = n - len(h) + 1  # tokens a shingle spans
    covered = 0
    last = -k_eff  # where the last shared shingle counted starts (none yet: covers nothing)
    for i, x in enumerate(h):
        if x in other:
            # the tokens it covers that the one before did not: all, or those of the gap
            gap = i - last
            covered += gap if gap < k_eff else k_eff
            last = i
    return covered / n


def _similarity(a: _ParagraphShingles, b: _ParagraphShingles) -> float:
    (na, ha, sa), (nb, hb, sb) = a, b
    if not na or not nb:
        return 0.0
    ca, cb = _covered_share(ha, sa, sb, na), _covered_share(hb, sb, sa, nb)
    return max(ca, cb) if min(na, nb) >= 6 else (ca + cb) / 2


@lru_cache(maxsize=PAIR_CACHE)
def _text_similarity(a: str, b: str) -> float:
    """``_similarity`` of two paragraphs given by their texts, remembered (``PAIR_CACHE``)."""
    return _similarity(_paragraph_shingles(a), _paragraph_shingles(b))


def _may_reach(a: _ParagraphShingles, b: _ParagraphShingles, threshold: float) -> bool:
    """Whether ``_similarity(a, b)`` may reach ``threshold``: False only where it cannot. A
    paragraph whose shingles are all distinct has as many positions in the other's shingles as
    the two share; each covers at most ``k_eff`` tokens, so its share is at most ``k_eff *
    shared / n``, and the similarity (the larger share, or the mean of the two) at most the
    larger bound. Two paragraphs sharing a stock phrase or two are settled on a set
    intersection, without counting their coverage."""
    (na, ha, sa), (nb, hb, sb) = a, b
    if not na or not nb:
        return False
    if len(ha) != len(sa) or len(hb) != len(sb):  # a shingle repeated: count it out
        return True
    shared = len(sa & sb)
    bound_a = min(1.0, (na - len(ha) + 1) * shared / na)
    bound_b = min(1.0, (nb - len(hb) + 1) * shared / nb)
    return max(bound_a, bound_b) >= threshold


def align(
    a: Sequence[str], b: Sequence[str], threshold: float = 0.5
) -> list[tuple[int, int, float]]:
    """Monotonic alignment of two paragraph lists maximising total similarity (pairs under
    ``threshold`` never match)."""
    n, m = len(a), len(b)
    # each paragraph is tokenised and hashed once, not once per pair
    sa = [_paragraph_shingles(p) for p in a]
    sb = [_paragraph_shingles(p) for p in b]
    # most pairs of paragraphs share no shingle at all, and copies share many word for word:
    # both are settled on hash sets before any coverage is measured
    sim = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            if a[i] == b[j] and sa[i][0]:
                sim[i][j] = 1.0
                continue
            if sa[i][2].isdisjoint(sb[j][2]) or not _may_reach(sa[i], sb[j], threshold):
                continue
            s = _text_similarity(a[i], b[j])
            sim[i][j] = s if s >= threshold else 0.0
    # score[i][j]: the best total of a[i:] and b[j:]; each maximum taken as ``max`` takes it
    # (the first of equals), in comparisons rather than calls
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below, sim_i = score[i], score[i + 1], sim[i]
        for j in range(m - 1, -1, -1):
            best, right = below[j], row[j + 1]
            if right > best:
                best = right
            if sim_i[j] > 0:
                diagonal = sim_i[j] + below[j + 1]
                if diagonal > best:
                    best = diagonal
            row[j] = best
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
    # a tail that one side has and the other stops before is a cut, not removed paragraphs; the
    # side that stops may still print one paragraph of its own under the cut (its sign-off)
    cut_a = list(range(last_a + 1, len(pa))) if pairs and last_b >= len(pb) - 2 else []
    cut_b = list(range(last_b + 1, len(pb))) if pairs and last_a >= len(pa) - 2 else []
    if cut_a and cut_b:  # one paragraph of its own under each: neither side is cut
        cut_a = cut_b = []
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
