"""Related stories: for each story, the other stories that share its people, organisations and
places, or its subject, ranked, each with the reason.

A pure function over stories. The score adds the shared entities (a person or organisation counts
twice a place or country, since many stories share a country) to the TF-IDF cosine of the two
stories' texts; a pair needs a shared person or organisation, two shared places, or a clear
shared subject to count as related at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from ..records import Origin, Story, StoryParagraph
from .events import MAX_KEY_UNITS, EventFeatures, Mapper, features_of, key_terms
from .terms import TermIds, tfidf_of

MAX_RELATED = 5
BLOCK = 1024  # stories whose candidates are found at a time
MIN_TOPIC = 0.2  # cosine over which two stories share a subject on their words alone
CANDIDATE = 0.5  # share of MIN_TOPIC that a key partial cosine needs to make a pair a candidate
KEYS = 40  # a story's heaviest terms, through which it meets candidates (20 lost 4 BBC lists)
ENTITY_WEIGHT = {"people": 1.0, "organisations": 1.0, "names": 1.0, "places": 0.5, "countries": 0.5}


def for_related(story: Story) -> Story:
    """What ``related_stories`` reads of ``story`` (its id, headline, paragraphs' texts and
    entities) and its related list, the rest left out: a light copy, cheap to ship from the
    process that built the story to the one relating all of them."""
    paragraphs = [StoryParagraph(p.text, []) for p in story.paragraphs]
    return Story(
        story.id,
        story.headline,
        [],
        None,
        paragraphs,
        [],
        Origin(None, None, []),
        story.entities,
        story.related,
    )


def _text(story: Story) -> str:
    return "\n".join([story.headline or "", *(p.text for p in story.paragraphs)])


def _entities(story: Story) -> dict[str, str]:
    """entity key -> kind"""
    return {f"{k}:{e['name']}": k for k, items in story.entities.items() for e in items}


def related_stories(
    stories: Sequence[Story],
    block: int = BLOCK,
    run: Mapper | None = None,
    memo: dict[str, EventFeatures] | None = None,
    ids: TermIds | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Story id -> its related stories, best first: ``{"story", "headline", "score", "reason",
    "shared"}``.

    Which pairs are scored at all comes from keys, so the work follows the corpus, not its
    square: a pair is a candidate when one story's key terms (``events.key_terms``: its ``KEYS``
    heaviest among the terms in at most ``MAX_KEY_UNITS`` stories) alone give the two a cosine
    of ``CANDIDATE * MIN_TOPIC``, or when the entities they share that are each in at most
    ``MAX_KEY_UNITS`` stories weigh enough. Every candidate is then scored on its whole texts and
    all its shared entities. In a corpus of at most ``MAX_KEY_UNITS`` stories only a pair whose
    shared words lie mostly outside both stories' keys can be missed (on BBC's 957 stories every
    list is what scoring every pair gives). ``block`` rows are multiplied at
    a time, so memory follows the candidates. ``run``: a pool's ``map``, which makes the
    stories' text features in its processes (``events.features_of``; the same lists either
    way); ``memo``: features already made of some texts (``features_of``'s); ``ids``: their
    terms' numbers (``terms.TermIds``, the same matrix with or without)."""
    ordered = sorted(stories, key=lambda s: s.id)
    n = len(ordered)
    if n < 2:
        return {s.id: [] for s in ordered}
    x = tfidf_of(features_of([_text(s) for s in ordered], run, memo), ids=ids)
    keys = key_terms(x, KEYS)
    xt = x.T.tocsr()
    ents = [_entities(s) for s in ordered]
    names = sorted({k for e in ents for k in e})
    col = {k: i for i, k in enumerate(names)}
    rows = [i for i, e in enumerate(ents) for _ in e]
    cols = [col[k] for e in ents for k in e]
    e = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(names)))
    kind_weight = np.array([ENTITY_WEIGHT.get(k.split(":", 1)[0], 0.5) for k in names])
    ew = csr_matrix(e.multiply(kind_weight[np.newaxis, :]))
    narrow = np.diff(e.tocsc().indptr) <= MAX_KEY_UNITS
    ew_keys = csr_matrix(ew.multiply(narrow[np.newaxis, :]))
    et_keys = csr_matrix(e.multiply(narrow[np.newaxis, :])).T.tocsr()
    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        for part, cut in (
            (keys[lo:hi] @ xt, MIN_TOPIC * CANDIDATE),
            (ew_keys[lo:hi] @ et_keys, 1.0),
        ):
            coo = part.tocoo()
            on = coo.data >= cut - 1e-9
            found_i.append(coo.row[on].astype(np.int64) + lo)
            found_j.append(coo.col[on].astype(np.int64))
    i_all, j_all = np.concatenate(found_i), np.concatenate(found_j)
    pairs = np.unique(np.concatenate([i_all * n + j_all, j_all * n + i_all]))
    pi, pj = pairs // n, pairs % n
    off = pi != pj
    pi, pj = pi[off], pj[off]
    # a pair's scores are symmetric to the bit (the same products summed in column order):
    # each unordered pair is scored once, and its mirror takes the same values
    upper = pi < pj
    t_up, w_up = _pair_scores(x, ew, e, pi[upper], pj[upper])
    mirror = np.searchsorted(pi * n + pj, pj * n + pi)  # the index of (j, i) for each (i, j)
    slot = np.empty(len(pi), dtype=np.int64)
    slot[upper] = np.arange(int(upper.sum()))
    slot[~upper] = slot[mirror[~upper]]
    topic, weight = t_up[slot], w_up[slot]
    keep = (weight >= 1.0) | (topic >= MIN_TOPIC)
    pi, pj, topic, weight = pi[keep], pj[keep], topic[keep], weight[keep]
    score = weight + topic
    starts = np.searchsorted(pi, np.arange(n + 1))  # pairs are sorted by (i, j)
    out: dict[str, list[dict[str, Any]]] = {}
    for i in range(n):
        lo, hi = int(starts[i]), int(starts[i + 1])
        js = _best(np.arange(lo, hi), score)
        found = [
            _related(ordered[int(pj[k])], ents[i], ents[int(pj[k])], float(topic[k])) for k in js
        ]
        found.sort(key=lambda f: (-f["score"], f["story"]))
        out[ordered[i].id] = found[:MAX_RELATED]
    return out


def _pair_scores(
    x: csr_matrix, ew: csr_matrix, e: csr_matrix, pi: np.ndarray, pj: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(text cosine, weight of shared entities) of the pairs ``(pi[k], pj[k])``."""
    return _row_dots(x, x, pi, pj), _row_dots(ew, e, pi, pj)


def _row_dots(a: csr_matrix, b: csr_matrix, pi: np.ndarray, pj: np.ndarray) -> np.ndarray:
    """``a[pi[k]] . b[pj[k]]`` for each k, to the bit what ``a[pi].multiply(b[pj]).sum(axis=1)``
    gives (the nonzero products in column order, each row's summed by ``np.add.reduceat``),
    without copying a row of ``a`` once per pair: the pairs of one row of ``a`` (consecutive in
    ``pi``) gather their products from that row laid out dense. Both matrices canonical
    (sorted indices, no duplicates)."""
    out = np.zeros(len(pi))
    if not len(pi):
        return out
    dense = np.zeros(a.shape[1])
    nb = np.diff(b.indptr)
    starts = np.flatnonzero(np.r_[True, pi[1:] != pi[:-1]])
    for s, t in zip(starts.tolist(), [*starts[1:].tolist(), len(pi)], strict=True):
        lo, hi = a.indptr[pi[s]], a.indptr[pi[s] + 1]
        js = pj[s:t]
        lens = nb[js]
        total = int(lens.sum())
        if lo == hi or not total:
            continue
        cols = a.indices[lo:hi]
        dense[cols] = a.data[lo:hi]
        # the entries of the rows js of b, row after row, each row's in column order
        idx = np.repeat(b.indptr[js] - np.cumsum(lens) + lens, lens) + np.arange(total)
        prod = dense[b.indices[idx]] * b.data[idx]
        dense[cols] = 0.0
        on = prod != 0  # what an element-wise product of sparse rows keeps
        seg = np.repeat(np.arange(len(js)), lens)[on]
        if len(seg):
            first = np.flatnonzero(np.r_[True, seg[1:] != seg[:-1]])
            out[s + seg[first]] = np.add.reduceat(prod[on], first)
    return out


def _best(js: np.ndarray, score: np.ndarray) -> list[int]:
    """Of the columns ``js``, those that can rank among the ``MAX_RELATED`` best once scores
    are rounded to three places: all within 0.001 of the last of the best raw scores."""
    if len(js) <= MAX_RELATED:
        return [int(j) for j in js]
    s = score[js]
    last = np.partition(s, len(s) - MAX_RELATED)[len(s) - MAX_RELATED]
    return [int(j) for j in js[s >= last - 0.001]]


def _related(
    t: Story, ents_s: dict[str, str], ents_t: dict[str, str], topic: float
) -> dict[str, Any]:
    shared = sorted(set(ents_s) & set(ents_t))
    weight = sum(ENTITY_WEIGHT.get(ents_s[k], 0.5) for k in shared)
    reasons = []
    if shared:
        reasons.append("shared entities: " + ", ".join(k.split(":", 1)[1] for k in shared))
    if topic >= MIN_TOPIC:
        reasons.append(f"shared topic (similarity {topic:.2f})")
    return {
        "story": t.id,
        "headline": t.headline,
        "score": round(weight + topic, 3),
        "reason": "; ".join(reasons),
        "shared": [k.split(":", 1)[1] for k in shared],
    }
