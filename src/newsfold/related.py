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

from .events import features, tfidf
from .records import Story

MAX_RELATED = 5
BLOCK = 1024  # stories scored against all others at a time
MIN_TOPIC = 0.2  # cosine over which two stories share a subject on their words alone
ENTITY_WEIGHT = {"people": 1.0, "organisations": 1.0, "names": 1.0, "places": 0.5, "countries": 0.5}


def _text(story: Story) -> str:
    return "\n".join([story.headline or "", *(p.text for p in story.paragraphs)])


def _entities(story: Story) -> dict[str, str]:
    """entity key -> kind"""
    return {f"{k}:{e['name']}": k for k, items in story.entities.items() for e in items}


def related_stories(
    stories: Sequence[Story], block: int = BLOCK
) -> dict[str, list[dict[str, Any]]]:
    """Story id -> its related stories, best first: ``{"story", "headline", "score", "reason",
    "shared"}``.

    Scores are computed ``block`` stories at a time against all of them, as sparse products
    (text cosines, and the weight of shared entities), so memory stays at ``block`` rows of
    scores and only the few best of each row reach Python."""
    ordered = sorted(stories, key=lambda s: s.id)
    n = len(ordered)
    if n < 2:
        return {s.id: [] for s in ordered}
    x = tfidf([features(_text(s)).terms for s in ordered])
    xt = x.T.tocsr()
    ents = [_entities(s) for s in ordered]
    keys = sorted({k for e in ents for k in e})
    col = {k: i for i, k in enumerate(keys)}
    rows = [i for i, e in enumerate(ents) for _ in e]
    cols = [col[k] for e in ents for k in e]
    e = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(keys)))
    kind_weight = np.array([ENTITY_WEIGHT.get(k.split(":", 1)[0], 0.5) for k in keys])
    ew = csr_matrix(e.multiply(kind_weight[np.newaxis, :]))
    et = e.T.tocsr()
    out: dict[str, list[dict[str, Any]]] = {}
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        topic = (x[lo:hi] @ xt).toarray()
        weight = (ew[lo:hi] @ et).toarray()
        keep = (weight >= 1.0) | (topic >= MIN_TOPIC)
        keep[np.arange(hi - lo), np.arange(lo, hi)] = False
        score = weight + topic
        for r in range(hi - lo):
            js = _best(np.flatnonzero(keep[r]), score[r])
            i = lo + r
            found = [_related(ordered[j], ents[i], ents[j], float(topic[r, j])) for j in js]
            found.sort(key=lambda f: (-f["score"], f["story"]))
            out[ordered[i].id] = found[:MAX_RELATED]
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
