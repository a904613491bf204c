"""Stories: one canonical text per story, every paragraph listing the articles carrying it.

``build_story`` merges the copies of a story by aligning each copy's paragraphs to the canonical
text, fullest copy first; paragraphs a copy adds are inserted where that copy has them. Variant
readings keep their classified edits. The origin is argued from credits, times and containment.

``build_event_story`` makes one story of several copy groups that report one event (see
``events.py``): the canonical text, headline and origin come from its main copy group (the one
with most copies, then the fullest text, then the earliest, then the smallest id); the other groups' articles are its
independent ``report`` members, kept apart from the copies.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from ..dates import utc_key
from ..match.align import align
from ..match.compare import token_count, word_edits
from ..match.normalize import _TOKEN as _WORD
from ..match.normalize import fold_text
from ..records import (
    Article,
    Edit,
    EventUnit,
    Link,
    Origin,
    Story,
    StoryMember,
    StoryParagraph,
    Variant,
)
from .entities import extract_entities


def story_id(article_ids: Sequence[str]) -> str:
    return "s_" + hashlib.sha1(min(article_ids).encode()).hexdigest()[:16]


def _fullness_order(articles: Sequence[Article]) -> list[Article]:
    if len(articles) == 1:
        return list(articles)
    size = {a.id: token_count(a) for a in articles}
    return sorted(articles, key=lambda a: (-size[a.id], utc_key(a.published), a.id))


def merge_paragraphs(articles: Sequence[Article]) -> list[StoryParagraph]:
    ordered = _fullness_order(articles)
    base = ordered[0]
    canon = [StoryParagraph(text=p, sources=[base.id]) for p in base.paragraphs]
    # copies repeat one another: an alignment of the same canonical text and paragraphs, and
    # the edits between the same two readings, are made once a story (both are pure)
    aligned: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[int, int, float]]] = {}
    edited: dict[tuple[str, str], list[Edit]] = {}
    for art in ordered[1:]:
        key = (tuple(c.text for c in canon), tuple(art.paragraphs))
        pairs = aligned.get(key)
        if pairs is None:
            pairs = aligned[key] = align(key[0], art.paragraphs)
        inserts: list[tuple[int, int]] = []  # (canonical position, paragraph index of art)
        last_canon = -1
        matched = {j: i for i, j, _ in pairs}
        for j, para in enumerate(art.paragraphs):
            if j in matched:
                i = matched[j]
                last_canon = i
                c = canon[i]
                if art.id not in c.sources:
                    c.sources.append(art.id)
                if para != c.text:
                    edits = edited.get((c.text, para))
                    if edits is None:
                        edits = edited[(c.text, para)] = word_edits(c.text, para)
                    c.variants.append(Variant(art.id, para, list(edits)))
            else:
                inserts.append((last_canon + 1, j))
        for offset, (pos, j) in enumerate(inserts):
            canon.insert(pos + offset, StoryParagraph(text=art.paragraphs[j], sources=[art.id]))
    return canon


def _headlines(articles: Sequence[Article]) -> tuple[str | None, list[dict[str, object]]]:
    groups: dict[str, list[str]] = {}
    for a in sorted(articles, key=lambda a: a.id):
        if a.headline:
            groups.setdefault(a.headline, []).append(a.id)
    if not groups:
        return None, []
    base = _fullness_order(articles)[0]
    best = max(groups, key=lambda h: (len(groups[h]), h == base.headline, -len(h), h))
    listed = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return best, [{"text": h, "articles": ids} for h, ids in listed]


def find_origin(articles: Sequence[Article], links: Sequence[Link]) -> Origin:
    evidence: list[str] = []
    credit_counts = Counter(c for a in articles for c in a.credits)
    credit = None
    if credit_counts:
        credit, n = min(credit_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        evidence.append(f"credited to {credit} by {n} of {len(articles)} copies")
        others = [c for c in credit_counts if c != credit]
        if others:
            evidence.append(
                "copies also credit " + ", ".join(sorted(others)) + ": the credits disagree"
            )
    dated = sorted((utc_key(a.published), a.id) for a in articles if a.published)
    fullest = _fullness_order(articles)[0]
    earliest = None
    if dated:
        earliest = next(a for a in articles if a.id == dated[0][1])
        evidence.append(
            f"earliest published: {earliest.outlet or earliest.id} at {earliest.published}"
        )
    inside = sum(
        1
        for lk in links
        if (lk.a == fullest.id and lk.b_in_a >= 0.8) or (lk.b == fullest.id and lk.a_in_b >= 0.8)
    )
    if len(articles) > 1:
        evidence.append(
            f"fullest text: {fullest.outlet or fullest.id}; {inside} of {len(articles) - 1} other "
            "copies sit inside it"
        )
    origin = earliest or fullest
    if earliest and earliest.id != fullest.id:
        evidence.append(
            f"the earliest copy ({earliest.outlet}) is not the fullest ({fullest.outlet}): "
            "the origin is uncertain"
        )
    return Origin(article=origin.id, credit=credit, evidence=evidence)


def build_story(group_id: str, articles: Sequence[Article], links: Sequence[Link]) -> Story:
    """The story of one copy group. Deterministic: depends only on its articles and links."""
    articles = sorted(articles, key=lambda a: a.id)
    origin = find_origin(articles, links)
    headline, headlines = _headlines(articles)
    published = min((a.published for a in articles if a.published), key=utc_key, default=None)
    members = [
        StoryMember(a.id, "origin" if a.id == origin.article else "copy", group_id)
        for a in articles
    ]
    return Story(
        id=story_id([a.id for a in articles]),
        headline=headline,
        headlines=headlines,
        published=published,
        paragraphs=merge_paragraphs(articles),
        members=members,
        origin=origin,
    )


def event_unit(group_id: str, articles: Sequence[Article]) -> EventUnit:
    """What the event assignment sees of a copy group: its fullest copy's headline and text, and
    its earliest publication time."""
    full = _fullness_order(articles)[0]
    published = min((a.published for a in articles if a.published), key=utc_key, default=None)
    place = next((a.dateline.place for a in articles if a.dateline and a.dateline.place), None)
    text = "\n".join([full.headline or "", *full.paragraphs])
    return EventUnit(group_id, text, published, place)


def _token_total(article: Article) -> int:
    """``token_count(article)``, counted without spelling each token (``tokens`` maps one word
    to one token) or keeping them."""
    return sum(len(_WORD.findall(fold_text(p))) for p in article.paragraphs)


def _main_group(groups: dict[str, Sequence[Article]]) -> str:
    # the most copies first: only groups tied on that are tokenised (most events hold one group)
    most = max(len(arts) for arts in groups.values())
    tied = [gid for gid, arts in groups.items() if len(arts) == most]
    if len(tied) == 1:
        return tied[0]

    def key(gid: str) -> tuple[int, str, str]:
        arts = groups[gid]
        # a group of one copy (the most common tie) is counted, not tokenised: its tokens are
        # needed for nothing else; a larger group's are (its copies are aligned), so cached
        size = _token_total if len(arts) == 1 else token_count
        fullest = max(size(a) for a in arts)
        first = min((utc_key(a.published) for a in arts if a.published), default="~")
        return (-fullest, first, gid)

    return min(tied, key=key)


def build_event_story(groups: dict[str, Sequence[Article]], links: Sequence[Link]) -> Story:
    """The story of one event: ``groups`` maps copy group ids to their articles. Deterministic:
    depends only on its groups and links."""
    main = _main_group(groups)
    main_ids = {a.id for a in groups[main]}
    story = build_story(main, groups[main], [lk for lk in links if lk.a in main_ids])
    for gid in sorted(groups):
        if gid != main:
            story.members.extend(StoryMember(a.id, "report", gid) for a in groups[gid])
    every = [a for gid in sorted(groups) for a in sorted(groups[gid], key=lambda a: a.id)]
    story.id = story_id([a.id for a in every])
    published = [a.published for a in every if a.published]
    story.published = min(published, key=utc_key) if published else None
    story.entities = extract_entities("\n".join([a.headline or "", *a.paragraphs]) for a in every)
    return story
