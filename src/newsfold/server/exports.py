"""CSV twins of the teaser and rejected lists (the stories' and the search's are in
``routes``): the same filters as their pages, up to 10,000 rows at a time."""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..records import FeedTeaser
from ..views import rows_csv
from .listing import csv_response
from .paths import Shown
from .routes import ERRORS, _store

router = APIRouter()

TEASER_COLUMNS = tuple(f.name for f in dataclasses.fields(FeedTeaser))
REJECTED_COLUMNS = ("source", "reason", "message", "page_id", "added_at")


def _responses(columns: tuple[str, ...]) -> dict[int | str, dict[str, Any]]:
    return {
        200: {
            "description": "The list as CSV: " + ", ".join(f"`{c}`" for c in columns),
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        **ERRORS,
    }


LIMIT = Query(1000, ge=1, le=10_000, description="rows at most")
OFFSET = Query(0, ge=0, le=10_000_000)


@router.get(
    "/teasers.csv",
    summary="Feed teasers as CSV",
    response_class=Response,
    responses=_responses(TEASER_COLUMNS),
)
def teasers_csv(
    request: Request,
    outlet: str | None = Query(None, max_length=200, description="only this outlet's"),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> Response:
    """The teasers `/teasers` lists, newest first, as CSV (a cell a spreadsheet would read as a
    formula starts with `'`)."""
    with _store(request) as store:
        found, total = store.teasers(outlet=outlet or None, limit=limit, offset=offset)
    return csv_response(rows_csv([t.to_dict() for t in found], TEASER_COLUMNS), "teasers", total)


@router.get(
    "/rejected.csv",
    summary="Rejected inputs as CSV",
    response_class=Response,
    responses=_responses(REJECTED_COLUMNS),
)
def rejected_csv(
    request: Request,
    reason: str | None = Query(None, max_length=100, description="only this reason's"),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> Response:
    """The rejections `/rejected` lists, newest first, as CSV; sources shown as on that page."""
    with _store(request) as store:
        found, total = store.rejected_page(reason=reason or None, limit=limit, offset=offset)
        shown = Shown(request, store)
    for r in found:
        r["source"] = shown.source(r["source"])
        r["message"] = shown.message(r["message"])
    return csv_response(rows_csv(found, REJECTED_COLUMNS), "rejected", total)
