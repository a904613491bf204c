"""``POST /pages``: request bodies to page records (``api.fold_records`` folds them).

A body is one record or a batch in the JSONL record form ``newsfold fold`` reads
(``{"text"|"html", "url"?, "outlet"?, "fetched_at"?, "id"?}``): a JSON object, a JSON array of
objects, or JSONL (``application/x-ndjson``). The records are folded exactly as the lines of a
``.jsonl`` file given to ``newsfold fold``."""

from __future__ import annotations

import json
from datetime import UTC, datetime

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
