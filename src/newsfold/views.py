"""The JSON shapes users script against, built from the store. The CLI, and later the HTTP API
and the web reader, all print these: one place defines them."""

from __future__ import annotations

from typing import Any

from .extract.dates import utc_key
from .records import Article, Story
from .store import SQLiteStore


def article_ref(a: Article, relation: str, copy_group: str) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": a.outlet,
        "url": a.url,
        "source": a.source,
        "headline": a.headline,
        "published": a.published,
        "relation": relation,
        "copy_group": copy_group,
        "credits": list(a.credits),
    }


def _refs(store: SQLiteStore, story: Story) -> list[dict[str, Any]]:
    arts = store.articles([m.article for m in story.members])
    refs = [
        article_ref(arts[m.article], m.relation, m.copy_group)
        for m in story.members
        if m.article in arts
    ]
    order = {"origin": 0, "copy": 1, "partial": 2, "report": 3}
    return sorted(
        refs, key=lambda r: (order.get(r["relation"], 9), utc_key(r["published"]), r["id"])
    )


def story_summary(store: SQLiteStore, story: Story) -> dict[str, Any]:
    """An item of ``newsfold stories --json``."""
    return {
        "id": story.id,
        "headline": story.headline,
        "published": story.published,
        "articles": _refs(store, story),
    }


def story_detail(store: SQLiteStore, story: Story) -> dict[str, Any]:
    """``newsfold show ID --json``."""
    return {
        "id": story.id,
        "headline": story.headline,
        "headlines": story.headlines,
        "published": story.published,
        "paragraphs": [
            {
                "text": p.text,
                "sources": list(p.sources),
                "variants": [
                    {
                        "article": v.article,
                        "text": v.text,
                        "edits": [{"kind": e.kind, "a": e.a, "b": e.b} for e in v.edits],
                    }
                    for v in p.variants
                ],
            }
            for p in story.paragraphs
        ],
        "articles": _refs(store, story),
        "origin": {
            "article": story.origin.article,
            "credit": story.origin.credit,
            "evidence": list(story.origin.evidence),
        },
    }
