"""Rendering: one view's data as JSON, or as the reader's HTML page when a browser asks for it.

Everything from pages is untrusted. Jinja's autoescape is on for every template, the filters
here build markup only from escaped text, links are only ever http(s), and long text is cut
for display (the JSON keeps it whole)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..views import edit_marks

TEMPLATES = Path(__file__).parent / "templates"

# How much of one text a page shows; the rest is counted and left to the JSON twin.
CLIP_TEXT = 20_000
CLIP_LINE = 1_000
CLIP_SHORT = 300


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clip"] = clip
    env.filters["marked"] = marked
    env.filters["href"] = safe_href
    env.filters["when"] = _when_shown
    env.filters["plural"] = plural
    env.filters["sort_by"] = sort_by
    env.filters["ago"] = ago
    env.filters["hits"] = hits
    env.globals["variant_marks"] = variant_marks
    env.globals["duration"] = duration
    env.globals["item_label"] = item_label
    return env


# -- negotiation -------------------------------------------------------------------------------
def wants_html(request: Request) -> bool:
    """HTML when the client prefers it to JSON (a browser); JSON otherwise, and always for
    ``PATH.json``."""
    if getattr(request.state, "format", None) == "json":
        return False
    prefs: dict[str, float] = {}
    for part in request.headers.get("accept", "").split(","):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            key, _, value = p.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        prefs[media.strip().lower()] = q
    html = prefs.get("text/html", 0.0)
    as_json = prefs.get("application/json", prefs.get("*/*", 0.0))
    return html > as_json


def json_url(request: Request) -> str:
    """The page's ``.json`` twin."""
    path = request.url.path.rstrip("/") or "/stories"
    query = request.url.query
    return path + ".json" + (f"?{query}" if query else "")


def respond(
    request: Request,
    data: Any,
    template: str,
    context: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    if not wants_html(request):
        return JSONResponse(data, headers=headers)
    env: Environment = request.app.state.templates
    shown_in = display_zone(request)
    page = env.get_template(template).render(
        data=data,
        base=request.scope.get("root_path", ""),
        json_url=json_url(request),
        display_zone=shown_in,
        display_zone_name=str(shown_in),
        keep_tz=_keep_tz(request),
        **(context or {}),
    )
    return HTMLResponse(page, headers=headers)


def error_json(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def error(
    request: Request,
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
) -> Response:
    """The one error shape, ``{"error": {"code", "message"}}``, or its page for a browser."""
    if not wants_html(request):
        return error_json(status, code, message, headers)
    env: Environment = request.app.state.templates
    page = env.get_template("error.html").render(
        data={"error": {"code": code, "message": message}},
        status=status,
        base=request.scope.get("root_path", ""),
        json_url=json_url(request),
    )
    return HTMLResponse(page, status_code=status, headers=headers)


# -- filters -----------------------------------------------------------------------------------
def clip(text: str | None, limit: int = CLIP_TEXT) -> Markup:
    """``text`` escaped, cut at ``limit`` characters with a note of how much was left out."""
    text = text or ""
    if len(text) <= limit:
        return escape(text)
    rest = len(text) - limit
    return escape(text[:limit]) + Markup(
        '<span class="clipped">… {} more characters not shown</span>'
    ).format(f"{rest:,}")


def marked(text: str | None, marks: list[dict[str, Any]], limit: int = CLIP_TEXT) -> Markup:
    """``text`` escaped, each mark (``{"start", "end", "kind"}``) wrapped in ``<mark>``; cut at
    ``limit`` like ``clip``."""
    text = text or ""
    shown = text[:limit]
    out = Markup("")
    at = 0
    for m in sorted(marks, key=lambda m: (m["start"], m["end"])):
        start, end = max(m["start"], at), min(m["end"], len(shown))
        if start >= end:
            continue
        kind = str(m["kind"])
        out += escape(shown[at:start])
        out += Markup('<mark class="edit edit-{}" title="{}">{}</mark>').format(
            kind, kind.replace("_", " "), shown[start:end]
        )
        at = end
    out += escape(shown[at:])
    if len(text) > limit:
        out += Markup('<span class="clipped">… {} more characters not shown</span>').format(
            f"{len(text) - limit:,}"
        )
    return out


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL (never ``javascript:`` or ``data:``)."""
    if not url or len(url) > 2000:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def display_zone(request: Request) -> tzinfo:
    """The zone every page shows its times in: the reader's ``?tz=`` where it names one, else
    the server's (``serve --tz``, UTC by default)."""
    config = getattr(request.app.state, "config", None)
    server = getattr(config, "tz", None) or "UTC"
    for name in (request.query_params.get("tz"), server):
        if name:
            try:
                return zone(name)
            except ValueError:
                continue
    return UTC


def _keep_tz(request: Request) -> str:
    """The query that carries the reader's own zone (a valid ``?tz=``) to the pages a page
    links to, so that every page they open shows the times they chose; "" where there is none."""
    name = request.query_params.get("tz")
    if not name:
        return ""
    try:
        zone(name)
    except ValueError:
        return ""
    return "?" + urlencode({"tz": name})


@pass_context
def _when_shown(ctx: Context, value: str | None, zone: tzinfo | None = None) -> str:
    """``when`` in the page's display zone unless the template names another."""
    return when(value, zone if zone is not None else ctx.get("display_zone"))


def when(value: str | None, zone: tzinfo | None = None) -> str:
    """An ISO time as people read it: in ``zone`` (named by its abbreviation, "UTC", "JST")
    where given, else in the offset it was given in. A time with no offset is shown as given."""
    if not value:
        return "-"
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return value[:40]
    if zone is not None and dt.tzinfo is not None:
        try:
            dt = dt.astimezone(zone)
        except (OverflowError, ValueError):  # a year-1 time shifted west of UTC
            return value[:40]
        return dt.strftime("%Y-%m-%d %H:%M ") + (dt.tzname() or dt.strftime("%z"))
    text = dt.strftime("%Y-%m-%d %H:%M")
    if dt.tzinfo is not None:
        offset = dt.strftime("%z")
        text += " UTC" if offset in ("+0000", "") else f" {offset[:3]}:{offset[3:]}"
    return text


def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name`` ("UTC", "Europe/Paris"); ``ValueError`` naming it when there
    is none of that name."""
    try:
        if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError, OSError) as e:
        raise ValueError(
            f"unknown time zone {name[:64]!r}: give an IANA name such as UTC or Europe/Paris"
        ) from e


_UNITS = (("year", 365 * 86400), ("month", 30 * 86400), ("day", 86400), ("hour", 3600))


def ago(value: str | None, now: datetime) -> str:
    """How long before ``now`` an ISO time was, as people say it ("3 hours ago", "just now",
    "in 2 days" for a time ahead of ``now``); "" where the time is unknown or has no offset."""
    if not value:
        return ""
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if dt.tzinfo is None:
        return ""
    seconds = (now - dt).total_seconds()
    span = abs(seconds)
    if span < 60:
        return "just now"
    n, unit = int(span // 60), "minute"
    for name, size in _UNITS:
        if span >= size:
            n, unit = int(span // size), name
            break
    text = plural(n, unit)
    return f"{text} ago" if seconds > 0 else f"in {text}"


def hits(snip: dict[str, Any] | None) -> Markup:
    """A search snippet (``views.snippet``) escaped, its matches in ``<mark class="hit">``."""
    if not snip:
        return Markup("")
    text: str = snip["text"]
    out = Markup("")
    at = 0
    for m in snip["marks"]:
        start, end = max(int(m["start"]), at), min(int(m["end"]), len(text))
        if start >= end:
            continue
        out += escape(text[at:start]) + Markup('<mark class="hit">{}</mark>').format(
            text[start:end]
        )
        at = end
    return out + escape(text[at:])


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def sort_by(ids: list[str], numbers: dict[str, int]) -> list[str]:
    """Article ids in the order of their numbers in the sources table."""
    return sorted(ids, key=lambda i: (numbers.get(i, 1 << 30), i))


def variant_marks(variant: dict[str, Any]) -> list[dict[str, Any]]:
    """Where a variant reading's edits lie in its text (the variant is side ``b``)."""
    return edit_marks(variant["text"], [(e["b"], e["kind"]) for e in variant["edits"]])


def duration(seconds: int | None) -> str:
    """Seconds after the first copy as people read them: ``first``, ``+12m``, ``+1d 3h``."""
    if seconds is None:
        return ""
    if seconds < 60:
        return "first" if seconds <= 0 else "+<1m"
    minutes = seconds // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days}d"] if days else []
    if hours:
        parts.append(f"{hours}h")
    if minutes and not days:
        parts.append(f"{minutes}m")
    return "+" + " ".join(parts)


def item_label(item: Any) -> dict[str, Any]:
    """One entry of a section whose shape the reader does not fix (independent reports,
    entities, related stories, added to the story JSON by other stages): its text, an optional
    kind, and a link when it names a story or article of this store."""
    if isinstance(item, dict):
        text = next(
            (str(item[k]) for k in ("headline", "name", "text", "title", "id") if item.get(k)),
            json.dumps(item, ensure_ascii=False)[:CLIP_SHORT],
        )
        kind = next(
            (str(item[k]) for k in ("kind", "type", "label", "outlet") if item.get(k)), None
        )
        ident = item.get("story") or item.get("id") or item.get("article")
        link = None
        if isinstance(ident, str) and ident[:2] in ("s_", "a_") and ident.isascii():
            link = ("/stories/" if ident.startswith("s_") else "/articles/") + ident
        extra = {k: item[k] for k in ("score", "count", "published") if item.get(k) is not None}
        return {"text": text, "kind": kind, "link": link, "extra": extra}
    return {"text": str(item), "kind": None, "link": None, "extra": {}}


def query_string(params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return ("?" + urlencode(kept)) if kept else ""
