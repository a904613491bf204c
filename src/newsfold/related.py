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

from .events import features, tfidf
from .records import Story

MAX_RELATED = 5
MIN_TOPIC = 0.2  # cosine over which two stories share a subject on their words alone
ENTITY_WEIGHT = {"people": 1.0, "organisations": 1.0, "names": 1.0, "places": 0.5, "countries": 0.5}


def _text(story: Story) -> str:
    return "\n".join([story.headline or "", *(p.text for p in story.paragraphs)])


def _entities(story: Story) -> dict[str, str]:
    """entity key -> kind"""
    return {f"{k}:{e['name']}": k for k, items in story.entities.items() for e in items}


def related_stories(stories: Sequence[Story]) -> dict[str, list[dict[str, Any]]]:
    """Story id -> its related stories, best first: ``{"story", "headline", "score", "reason",
    "shared"}``."""
    ordered = sorted(stories, key=lambda s: s.id)
    if len(ordered) < 2:
        return {s.id: [] for s in ordered}
    x = tfidf([features(_text(s)).terms for s in ordered])
    cos = (x @ x.T).toarray()
    ents = [_entities(s) for s in ordered]
    out: dict[str, list[dict[str, Any]]] = {}
    for i, s in enumerate(ordered):
        found: list[dict[str, Any]] = []
        for j, t in enumerate(ordered):
            if i == j:
                continue
            shared = sorted(set(ents[i]) & set(ents[j]))
            weight = sum(ENTITY_WEIGHT.get(ents[i][k], 0.5) for k in shared)
            topic = float(cos[i, j])
            if weight < 1.0 and topic < MIN_TOPIC:
                continue
            reasons = []
            if shared:
                reasons.append("shared entities: " + ", ".join(k.split(":", 1)[1] for k in shared))
            if topic >= MIN_TOPIC:
                reasons.append(f"shared topic (similarity {topic:.2f})")
            found.append(
                {
                    "story": t.id,
                    "headline": t.headline,
                    "score": round(weight + topic, 3),
                    "reason": "; ".join(reasons),
                    "shared": [k.split(":", 1)[1] for k in shared],
                }
            )
        found.sort(key=lambda r: (-r["score"], r["story"]))
        out[s.id] = found[:MAX_RELATED]
    return out
