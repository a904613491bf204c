"""The routes. Each is a thin layer over the calls the CLI makes: it builds one shape from
``newsfold.views`` and answers it as JSON, or as a reader page when a browser asks
(``render.respond``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import tzinfo
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from .. import api
from ..api import Store, open_store
from ..records import Article
from ..views import article_detail, story_detail, summaries_csv
from . import pages, render
from .compute import Busy, TooLong, TooSlow
from .errors import ApiError
from .guard import token_problem
from .listing import (
    CSV_RESPONSES,
    EXPORT,
    PAGE,
    Found,
    Listing,
    csv_response,
    find,
    instant,
    page_context,
    paging,
    search_body,
)
from .paths import Shown

router = APIRouter()
bearer = HTTPBearer(
    auto_error=False,
    description="The server's token (--token-file, $NEWSFOLD_TOKEN, --token)",
)


def _id() -> Any:
    return Path(max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody, "description": d}
    for s, d in {
        400: "Bad request",
        404: "Not found",
        413: "Too large",
        422: "Invalid request",
    }.items()
}


class PageRecord(BaseModel):
    """One page, as a line of a JSONL file given to ``newsfold fold``."""

    model_config = ConfigDict(extra="allow")
    text: str | None = Field(None, description="the page as a text dump")
    html: str | None = Field(None, description="the page as HTML (used over text)")
    url: str | None = Field(None, description="its URL (its host becomes the outlet)")
    outlet: str | None = None
    fetched_at: str | None = Field(None, description="ISO 8601, for relative times")
    id: str | None = None


class CompareRequest(BaseModel):
    """Two articles: each a stored article id, or a page to extract."""

    a: str | PageRecord
    b: str | PageRecord


@contextmanager
def _store(request: Request) -> Iterator[Store]:
    # one connection per request: SQLite connections stay in their thread, and WAL lets
    # readers go on while a fold writes
    with open_store(request.app.state.config.db) as store:
        yield store


def require_writer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Writes need the server's token when it has one; beyond loopback they need one set.
    (The guard middleware has checked this before the body was read; this says so in the
    OpenAPI spec and holds the rule for an app mounted without the guard.)"""
    err = token_problem(request.app.state.config, request.headers.get("authorization"))
    if err is not None:
        raise err


def require_costly(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """``/compare`` and ``/extract`` follow the write rule beyond loopback."""
    if not request.app.state.config.loopback:
        require_writer(request, credentials)


# -- reading -----------------------------------------------------------------------------------
@router.get("/", include_in_schema=False)
def home() -> Response:
    return RedirectResponse("/stories", status_code=302)


def _find(request: Request, p: Listing, facets: bool, outlets: bool = False) -> Found:
    """The stories ``p`` asks for (``listing.find``) from the request's store."""
    since_utc = instant(p.since, "since", end=False)
    until_utc = instant(p.until, "until", end=True)
    with _store(request) as store:
        found = find(store, p, since_utc, until_utc, facets=facets, outlets=outlets)
        shown = Shown(request, store)
        for item in found.items:
            shown.refs(item["articles"])
        return found


def _zone(request: Request, p: Listing) -> tzinfo:
    """The zone the page shows times in: the reader's (``tz``), else the server's."""
    try:
        return render.zone(p.tz or request.app.state.config.tz)
    except ValueError as e:
        raise ApiError(422, "invalid_request", f"tz: {e}") from e


def _list_page(request: Request, p: Listing, path: str, as_object: bool) -> Response:
    html = render.wants_html(request)
    zone = _zone(request, p)  # checked for JSON too: a wrong tz is an error everywhere
    found = _find(request, p, facets=html or as_object, outlets=html)
    headers, links = paging(path, p.params(), p.offset, p.limit, found.total)
    if not html:
        body: Any = search_body(p, found) if as_object else found.items
        return JSONResponse(body, headers=headers)
    config = request.app.state.config
    context = page_context(p, found, path, zone, config.tz, config.clock())
    return render.respond(request, found.items, "stories.html", {**context, **links}, headers)


@router.get(
    "/stories",
    summary="Stories, newest first, or a search",
    response_model=None,
    responses={200: {"description": "A list of `newsfold stories --json` items"}, **ERRORS},
)
def list_stories(request: Request, p: Listing = PAGE) -> Response:
    """Stories as `newsfold stories --json` lists them, one page at a time: `X-Total-Count`
    says how many match, and a `Link` header points to the next page. With `q`, the stories
    the full-text search finds, best match first, each with a `snippet` (`text`, and the
    `marks` where the query's words lie in it). `/search` answers the same with facets."""
    return _list_page(request, p, "/stories", as_object=False)


@router.get(
    "/search",
    summary="Search the stories, with facets",
    response_model=None,
    responses={
        200: {
            "description": "`{q, terms, sort, total, offset, limit, results, facets}`: "
            "`results` as `/stories` lists them, `facets` the outlets, credits, languages "
            "and days of every match with their counts"
        },
        **ERRORS,
    },
)
def search(request: Request, p: Listing = PAGE) -> Response:
    """The stories the full-text search finds (every headline, the canonical text, reports
    and variant readings; words and "quoted phrases"), best match first, one page at a time,
    with snippets and facets (outlet, credit, language, day) counted over every match."""
    return _list_page(request, p, "/search", as_object=True)


@router.get(
    "/stories.csv",
    summary="Stories as CSV",
    response_class=Response,
    responses={**CSV_RESPONSES, **ERRORS},
)
def stories_csv(request: Request, p: Listing = EXPORT) -> Response:
    """The list `/stories` gives for the same query, as CSV (up to `limit` rows, 1,000 by
    default; `X-Total-Count` says how many match). A cell that a spreadsheet would read as
    a formula (it starts with `=`, `+`, `-` or `@`) starts with `'`."""
    return _csv(request, p, "stories")


@router.get(
    "/search.csv",
    summary="Search results as CSV",
    response_class=Response,
    responses={**CSV_RESPONSES, **ERRORS},
)
def search_csv(request: Request, p: Listing = EXPORT) -> Response:
    """The results `/search` gives for the same query, as CSV (see `/stories.csv`)."""
    return _csv(request, p, "search")


def _csv(request: Request, p: Listing, name: str) -> Response:
    found = _find(request, p, facets=False)
    return csv_response(summaries_csv(found.items), name, found.total)


@router.get(
    "/stories/{story_id}",
    summary="One story",
    response_model=None,
    responses={200: {"description": "`newsfold show ID --json`"}, **ERRORS},
)
def get_story(request: Request, story_id: str = _id()) -> Response:
    """The story as `newsfold show ID --json` prints it: canonical text, each paragraph's
    sources and variant readings, its copies and origin, `counts` and `coverage` (copies by
    outlet and time, independent reports apart, the updates of the wire text in order). A
    merged story's old id resolves."""
    with _store(request) as store:
        d = story_detail(store, store.get_story(story_id))
        shown = Shown(request, store)
    shown.refs(d["articles"])
    shown.refs(d["reports"])
    numbers = {a["id"]: i + 1 for i, a in enumerate(d["articles"])}
    return render.respond(
        request,
        d,
        "story.html",
        {"numbers": numbers, "by_id": {a["id"]: a for a in d["articles"]}},
    )


@router.get(
    "/articles/{article_id}",
    summary="One article",
    response_model=None,
    responses={200: {"description": "`newsfold extract --json`, with story and diff"}, **ERRORS},
)
def get_article(request: Request, article_id: str = _id()) -> Response:
    """The article as `newsfold extract --json` prints it, with `story` (the story it is in)
    and `diff` (against that story's canonical text, edits classified; null for an
    independent report, `is_report`). `source` is shown relative to the folded root unless
    the request carries the server's token."""
    with _store(request) as store:
        d = article_detail(store, store.get_article(article_id))
        d["source"] = Shown(request, store).source(d["source"])
    return render.respond(request, d, "article.html")


@router.get(
    "/teasers",
    summary="Feed teasers, newest first",
    response_model=None,
    responses={200: {"description": "A list of `newsfold teasers --json` items"}, **ERRORS},
)
def list_teasers(
    request: Request,
    outlet: str | None = Query(None, max_length=200, description="only this outlet's"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> Response:
    """Summary-only feed items kept as teasers of their outlet, as `newsfold teasers --json`
    lists them, one page at a time (`X-Total-Count`, `Link: rel="next"`)."""
    with _store(request) as store:
        found, total = store.teasers(outlet=outlet or None, limit=limit, offset=offset)
        outlets = store.teaser_outlets() if render.wants_html(request) else []
    params = {"outlet": outlet, "limit": None if limit == 50 else limit}
    headers, links = paging("/teasers", params, offset, limit, total)
    context = {
        "total": total,
        "outlet": outlet or "",
        "outlets": outlets,
        "offset": offset,
        **links,
    }
    return render.respond(request, [t.to_dict() for t in found], "teasers.html", context, headers)


@router.get(
    "/rejected",
    summary="Rejected inputs, newest first",
    response_model=None,
    responses={200: {"description": "A list of `newsfold rejected --json` items"}, **ERRORS},
)
def list_rejected(
    request: Request,
    reason: str | None = Query(None, max_length=100, description="only this reason's"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> Response:
    """The pages and files that could not be used, with the reason, as `newsfold rejected
    --json` lists them (`source`, `reason`, `message`, `page_id`, `added_at`), newest first,
    one page at a time (`X-Total-Count`, `Link: rel="next"`). Sources that are the server's
    file paths are shown relative to the folded root unless the request carries the token."""
    with _store(request) as store:
        found, total = store.rejected_page(reason=reason or None, limit=limit, offset=offset)
        reasons = store.rejection_reasons() if render.wants_html(request) else []
        shown = Shown(request, store)
    for r in found:
        r["source"] = shown.source(r["source"])
        r["message"] = shown.message(r["message"])
    params = {"reason": reason, "limit": None if limit == 50 else limit}
    headers, links = paging("/rejected", params, offset, limit, total)
    context = {
        "total": total,
        "reason": reason or "",
        "reasons": reasons,
        "offset": offset,
        **links,
    }
    return render.respond(request, found, "rejected.html", context, headers)


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> Response:
    """The OpenAPI docs: Swagger UI served from the package (no network), or the spec itself
    as JSON (`/docs.json`)."""
    return render.respond(request, request.app.openapi(), "docs.html")


# -- computing ---------------------------------------------------------------------------------
COMPUTE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorBody, "description": "The server's token is needed (beyond loopback)"},
    403: {"model": ErrorBody, "description": "Wrong token, or a token is needed here"},
    415: {"model": ErrorBody, "description": "Not application/json"},
    422: {
        "model": ErrorBody,
        "description": "Invalid request, a page's rejection, or over a limit "
        "(`too_many_words`, `too_many_paragraphs`, `too_slow`)",
    },
    503: {"model": ErrorBody, "description": "Every worker is busy"},
}


def _line(record: PageRecord) -> str:
    return record.model_dump_json(exclude_none=True)


async def _compute(request: Request, task: str, *args: Any) -> Any:
    """Run ``task`` in a worker process within the server's compute limits."""
    runner = request.app.state.compute
    try:
        return await run_in_threadpool(runner.run, task, *args)
    except TooLong as e:
        raise ApiError(422, e.code, e.message) from e
    except TooSlow as e:
        raise ApiError(
            422,
            "too_slow",
            f"the work took over {runner.limits.seconds:g} s and was stopped; send less text",
        ) from e
    except Busy as e:
        raise ApiError(
            503, "busy", "every worker is busy; try again later", {"Retry-After": "5"}
        ) from e


@router.post(
    "/extract",
    summary="Extract one page's article",
    dependencies=[Depends(require_costly)],
    responses=COMPUTE_ERRORS,
)
async def extract(request: Request, record: PageRecord) -> JSONResponse:
    """The article in one page, as `newsfold extract --json` prints it; nothing is stored.
    A page with no article answers 422 with the rejection's reason as its code."""
    limits = request.app.state.config.limits
    return JSONResponse(await _compute(request, "extract", _line(record), "POST /extract", limits))


@router.post(
    "/compare",
    summary="Compare two articles",
    dependencies=[Depends(require_costly)],
    responses=COMPUTE_ERRORS,
)
async def compare(request: Request, body: CompareRequest) -> JSONResponse:
    """Relation, containment and classified edits, as `newsfold compare --json` prints them.
    Each side is a stored article id or a page to extract. Each text is held to at most
    100,000 words and 1,000 paragraphs (422 `too_many_words`, `too_many_paragraphs`), and the
    work to a time limit (422 `too_slow`)."""
    config = request.app.state.config
    sides = await run_in_threadpool(_sides, request, body)
    return JSONResponse(await _compute(request, "compare", *sides, config.limits, config.compute))


def _sides(request: Request, body: CompareRequest) -> list[tuple[str, Any]]:
    sides: list[tuple[str, Any]] = []
    with _store(request) as store:
        for name, side in (("a", body.a), ("b", body.b)):
            if isinstance(side, str):
                article: Article = api.resolve(side, store)
                sides.append(("article", article))
            else:
                sides.append(("record", (_line(side), f"POST /compare {name}")))
    return sides


# -- writing -----------------------------------------------------------------------------------
PAGES_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/PageRecord"},
                        {"type": "array", "items": {"$ref": "#/components/schemas/PageRecord"}},
                    ]
                }
            },
            "application/x-ndjson": {
                "schema": {"type": "string", "description": "one PageRecord a line"}
            },
        },
    }
}


@router.post(
    "/pages",
    summary="Fold pages into the store",
    dependencies=[Depends(require_writer)],
    openapi_extra=PAGES_BODY,
    responses={
        200: {"description": "`newsfold fold --json`, plus `results` for each record"},
        401: {"model": ErrorBody, "description": "The server's token is needed"},
        403: {"model": ErrorBody, "description": "Wrong token, or writes need a token here"},
        415: {"model": ErrorBody, "description": "Not JSON or JSONL"},
        **ERRORS,
    },
)
async def add_pages(request: Request) -> JSONResponse:
    """One page or a batch, in the JSONL record form `newsfold fold` reads, folded as a fold
    folds them (extract, find copies, build stories). Records that cannot be used are rejected
    with their reason and the rest go on, as in a fold."""
    config = request.app.state.config
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    text = pages.records_text(await request.body(), ctype, config.max_pages)
    result = await run_in_threadpool(_fold, request, text)
    return JSONResponse(result)


def _fold(request: Request, text: str) -> dict[str, Any]:
    config = request.app.state.config
    with request.app.state.fold_lock, _store(request) as store:
        return api.fold_records(store, text, pages.request_source(), config.limits)
