"""The stories list and search as the routes read and show them: the query (``Listing``,
one set of parameters for ``/stories``, ``/search`` and their CSV twins), the search over the
store (``find``), and what the page shows (facet links, the filters in force, the zones)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Annotated, Any, Literal

from fastapi import Depends, Query
from fastapi.responses import Response

from ..api import Store
from ..views import CSV_COLUMNS, parse_query, snippet, story_summary
from .errors import ApiError
from .render import query_string

# "" is the default, as the reader's form sends it
SortName = Literal["", "relevance", "newest", "carried", "updated", "updates"]


@dataclass(slots=True)
class Listing:
    """The query of a stories list or search, as every list route reads it."""

    q: str | None
    outlet: str | None
    credit: str | None
    language: str | None
    since: str | None
    until: str | None
    sort: SortName | None
    tz: str | None
    limit: int
    offset: int

    def params(self, default_limit: int = 50) -> dict[str, Any]:
        """The query string's parameters that differ from the defaults (for links)."""
        return {
            "q": self.q,
            "outlet": self.outlet,
            "credit": self.credit,
            "language": self.language,
            "since": self.since,
            "until": self.until,
            "sort": self.sort or None,
            "tz": self.tz,
            "limit": None if self.limit == default_limit else self.limit,
        }


def _reader(limit_default: int, limit_max: int) -> Any:
    def read(
        q: str | None = Query(
            None,
            max_length=200,
            description='words and "quoted phrases", all in a headline, the text, a report or '
            "a variant reading (English stems: floods finds flood); at most 32",
        ),
        outlet: str | None = Query(None, max_length=200, description="only stories it carried"),
        credit: str | None = Query(None, max_length=200, description="only stories credited so"),
        language: str | None = Query(None, max_length=40, description="only stories in it"),
        since: str | None = Query(None, max_length=40, description="published on or after (date)"),
        until: str | None = Query(None, max_length=40, description="published on or before (date)"),
        sort: Annotated[
            SortName | None,
            Query(
                description="relevance (the default with q), newest (the default without), "
                "carried (most outlets first), updated (latest update first); empty: the default",
            ),
        ] = None,
        tz: str | None = Query(
            None, max_length=64, description="the time zone the page shows times in (IANA name)"
        ),
        limit: int = Query(limit_default, ge=1, le=limit_max),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> Listing:
        return Listing(q, outlet, credit, language, since, until, sort, tz, limit, offset)

    return read


PAGE = Depends(_reader(50, 200))
EXPORT = Depends(_reader(1000, 10_000))


@dataclass(slots=True)
class Found:
    items: list[dict[str, Any]]
    total: int
    terms: list[str]
    sort: str
    facets: dict[str, list[dict[str, Any]]]
    outlets: list[tuple[str, int]]  # every outlet of the store (the page's outlet filter)


def find(
    store: Store,
    p: Listing,
    since_utc: str | None,
    until_utc: str | None,
    facets: bool,
    outlets: bool = False,
) -> Found:
    """The stories ``p`` asks for, as list items (``story_summary``, with ``snippet`` where
    the query has words), their facets and the store's outlets when asked for."""
    terms = parse_query(p.q or "")
    sort = p.sort or ("relevance" if terms else "newest")
    page = store.search_stories(
        # a query with no word to search ("%") matches nothing, not everything
        terms=terms or ([p.q] if p.q and p.q.strip() else []),
        outlet=p.outlet or None,
        credit=p.credit or None,
        language=p.language or None,
        since_utc=since_utc,
        until_utc=until_utc,
        sort=sort,
        limit=p.limit,
        offset=p.offset,
        facets=facets,
    )
    items = []
    for hit in page.hits:
        item = story_summary(store, hit.story)
        if terms:
            item["snippet"] = snippet(hit.snippet)
        items.append(item)
    return Found(
        items,
        page.total,
        terms,
        sort,
        {f: [{"value": v, "count": n} for v, n in vs] for f, vs in page.facets.items()},
        store.outlets() if outlets else [],
    )


def page_context(
    p: Listing, found: Found, path: str, zone: tzinfo, default_tz: str, now: datetime
) -> dict[str, Any]:
    """What ``stories.html`` shows besides the items (the pager's links are the route's)."""
    params = p.params()
    return {
        "total": found.total,
        "shown": len(found.items),
        "facets": found.facets,
        "outlets": found.outlets,
        "facet_links": facet_links(path, params, found.facets),
        "drop_links": drop_links(path, params),
        "q": p.q or "",
        "outlet": p.outlet or "",
        "credit": p.credit or "",
        "language": p.language or "",
        "since": p.since or "",
        "until": p.until or "",
        "sort": found.sort,
        "sort_param": p.sort or "",
        "searching": bool(found.terms),
        "zone": zone,
        "zone_name": str(zone),
        "zones": list(dict.fromkeys([default_tz, *ZONES, str(zone)])),
        "now": now,
        "offset": p.offset,
        "limit": p.limit,
        "path": path,
        "csv_url": path + ".csv" + query_string({**params, "limit": None}),
    }


def search_body(p: Listing, found: Found) -> dict[str, Any]:
    """The JSON of ``/search``."""
    return {
        "q": p.q or "",
        "terms": found.terms,
        "sort": found.sort,
        "total": found.total,
        "offset": p.offset,
        "limit": p.limit,
        "results": found.items,
        "facets": found.facets,
    }


ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
)


def facet_links(
    path: str, params: dict[str, Any], facets: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """Each facet value with the link that narrows the list to it (a day: since and until
    that day)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for facet, values in facets.items():
        for v in values:
            narrowed = {**params, "offset": None}
            if facet == "day":
                narrowed.update(since=v["value"], until=v["value"])
            else:
                narrowed[facet] = v["value"]
            out.setdefault(facet, []).append({**v, "url": path + query_string(narrowed)})
    return out


def drop_links(path: str, params: dict[str, Any]) -> list[dict[str, str]]:
    """The filters in force, each with the link that lifts it."""
    out = []
    for name in ("q", "outlet", "credit", "language", "since", "until"):
        if params.get(name):
            lifted = {**params, name: None}
            out.append(
                {
                    "name": name,
                    "value": str(params[name]),
                    "url": path + query_string(lifted),
                }
            )
    return out


CSV_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The list as CSV: " + ", ".join(f"`{c}`" for c in CSV_COLUMNS),
        "content": {"text/csv": {"schema": {"type": "string"}}},
    },
}


def paging(
    path: str, params: dict[str, Any], offset: int, limit: int, total: int
) -> tuple[dict[str, str], dict[str, str | None]]:
    """A listing's paging: its headers (``X-Total-Count``, ``Link: rel="next"``) and the
    ``next_url``/``prev_url`` of its HTML page."""
    nxt = query_string({**params, "offset": offset + limit}) if offset + limit < total else None
    prev = query_string({**params, "offset": max(0, offset - limit) or None}) if offset else None
    headers = {"X-Total-Count": str(total)}
    if nxt:
        headers["Link"] = f'<{path}{nxt}>; rel="next"'
    return headers, {
        "next_url": f"{path}{nxt}" if nxt else None,
        "prev_url": f"{path}{prev}" if prev is not None else None,
    }


def instant(value: str | None, name: str, end: bool) -> str | None:
    """A date or ISO time as the store's UTC sort key; a bare date ``until`` takes in that
    whole day. A time past either end of the calendar (``until=9999-12-31``,
    ``since=0001-01-01T00:00:00+01:00``) is held to that end."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError as e:
        raise ApiError(
            422, "invalid_request", f"{name}: not a date or ISO 8601 time: {value[:40]!r}"
        ) from e
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    try:
        if end and len(value.strip()) == 10:
            dt += timedelta(days=1)
        elif end:
            dt += timedelta(microseconds=1)
        return dt.astimezone(UTC).isoformat()
    except OverflowError:
        edge = datetime.min if dt.year < 5000 else datetime.max
        return edge.replace(tzinfo=UTC).isoformat()


def csv_response(body: str, name: str, total: int) -> Response:
    """A list as a CSV download (``X-Total-Count``: how many items match in all)."""
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}.csv"',
            "X-Total-Count": str(total),
        },
    )
