"""``POST /pages``: request bodies to page records, and records through the engine's fold.

A body is one record or a batch in the JSONL record form ``newsfold fold`` reads
(``{"text"|"html", "url"?, "outlet"?, "fetched_at"?, "id"?}``): a JSON object, a JSON array of
objects, or JSONL (``application/x-ndjson``). Records are read by ``ingest.read_jsonl`` and
folded by the engine, exactly as the lines of a ``.jsonl`` file given to ``newsfold fold``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ..engine import FoldSummary
from ..engine import fold as engine_fold
from ..engine import ingest as engine_ingest
from ..extract import article_id
from ..ingest import Limits, read_jsonl
from ..records import Page, Rejection
from ..store import Store
from .errors import ApiError
from .guard import JSON_TYPES, JSONL_TYPES


def records_text(body: bytes, content_type: str, max_pages: int) -> str:
    """The body as JSONL text, one record a line, at most ``max_pages`` records."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ApiError(400, "invalid_body", f"the body is not UTF-8 (byte {e.start})") from e
    if content_type in JSONL_TYPES:
        n = sum(1 for line in text.splitlines() if line.strip())
        lines = text
    elif content_type in JSON_TYPES:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise ApiError(400, "invalid_json", f"the body is not JSON ({e.msg})") from e
        items = doc if isinstance(doc, list) else [doc]
        n = len(items)
        # each record on its own line, as a .jsonl file holds it (ASCII: no stray line breaks)
        lines = "\n".join(json.dumps(x) for x in items)
    else:
        raise ApiError(
            415,
            "unsupported_media_type",
            f"send pages as application/json or application/x-ndjson, not "
            f"{content_type or 'a body with no Content-Type'}",
        )
    if n == 0:
        raise ApiError(400, "no_pages", "the body holds no page records")
    if n > max_pages:
        raise ApiError(
            413, "too_many_pages", f"{n:,} pages in one request; the limit is {max_pages:,}"
        )
    return lines


def request_source(now: datetime | None = None) -> str:
    """Where pages sent in one request came from, for their ``source`` ("api/TIME#N"). TIME
    keeps microseconds: requests folded within one second must not share sources, or the
    rejections of one (kept by source and reason) would replace the other's."""
    now = now or datetime.now(UTC)
    return "api/" + now.isoformat(timespec="microseconds").replace("+00:00", "Z")


def fold_records(store: Store, text: str, source: str, limits: Limits) -> dict[str, Any]:
    """Fold JSONL records into ``store``. The answer is ``newsfold fold --json``'s, plus
    ``results``: for each record in order, its ``source``, ``status`` (``added``, ``known``:
    the store held it already, or ``rejected`` with ``reason`` and ``message``), and its
    ``page``, ``article`` and ``story`` ids where it has them."""
    items = list(read_jsonl(text, source, None, limits))
    pages = [x for x in items if isinstance(x, Page)]
    known = store.known_pages([p.id for p in pages])
    summary = FoldSummary()
    # the records go in as the engine's ingest takes any page; the rest of the fold (extract,
    # match, stories) is the engine's fold over what is pending, as after ``newsfold fold``
    engine_ingest(store, items, summary, 256, lambda stage, n: None)
    rest = engine_fold([], store, limits=limits)
    summary.rejected += rest.rejected
    summary.counts = rest.counts
    failed = {r.source: r for r in rest.rejected}
    aids = [article_id(p.id) for p in pages]
    stored = set(store.articles(aids))
    story_of = store.story_of(aids)
    results: list[dict[str, Any]] = []
    seen: set[str] = set()
    for x in items:
        if isinstance(x, Rejection):
            results.append(_rejected(x, None))
            continue
        aid = article_id(x.id)
        if x.source in failed:
            results.append(_rejected(failed[x.source], x.id))
            continue
        status = "known" if x.id in known or x.id in seen else "added"
        seen.add(x.id)
        results.append(
            {
                "source": x.source,
                "status": status,
                "page": x.id,
                "article": aid if aid in stored else None,
                "story": story_of.get(aid),
            }
        )
    out = summary.to_dict()
    out["results"] = results
    return out


def _rejected(r: Rejection, page: str | None) -> dict[str, Any]:
    return {
        "source": r.source,
        "status": "rejected",
        "reason": r.reason,
        "message": r.message,
        "page": page,
    }
