"""The ASGI app: configuration, the one error shape, request limits, security headers."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..api import Limits, __version__
from ..errors import InputError, NotFoundError, StoreError
from . import exports, render, routes
from .compute import ComputeLimits, Runner
from .errors import ApiError
from .guard import Guard, parse_hosts
from .loopback import is_loopback
from .render import zone

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

STATIC = Path(__file__).parent / "static"

# Scripts, styles and images only from this server; nothing framed, no plugins, no inline code.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# The OpenAPI docs page is Swagger UI, served from the fastapi-offline package (no CDN): the same
# policy as every page, with its own script and styles from this server.
DOCS_STATIC = Path(str(resources.files("fastapi_offline") / "static"))
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    503: "busy",
}


@dataclass(slots=True)
class ServerConfig:
    """What one server serves and how much it accepts.

    ``token``: required (``Authorization: Bearer TOKEN``) of write requests when set. ``host``:
    where the server listens; beyond loopback, writes (and ``/compare``, ``/extract``) are
    refused unless a token is set. ``port``: the port it listens on (None: the port each
    request came in on). ``allowed_hosts``: the Host names it answers to besides the loopback
    ones (``--allow-host``; see ``guard``). ``max_body_bytes``: the largest request body;
    ``max_pages``: the most pages in one ``POST /pages``; ``limits``: the ingest limits each
    page is held to (as ``newsfold fold``); ``compute``: the time and size limits of
    ``/compare`` and ``/extract``; ``tz``: the time zone the reader shows times in
    (``--tz``; a reader may choose another with ``?tz=``); ``clock``: what "now" is for
    relative times ("3 hours ago"; tests fix it)."""

    db: str
    token: str | None = None
    host: str = "127.0.0.1"
    port: int | None = None
    allowed_hosts: tuple[str, ...] = ()
    max_body_bytes: int = 16 * 1024 * 1024
    max_pages: int = 1000
    limits: Limits = field(default_factory=Limits)
    compute: ComputeLimits = field(default_factory=ComputeLimits)
    tz: str = "UTC"
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def __post_init__(self) -> None:
        zone(self.tz)  # an unknown zone fails here, naming itself
        if isinstance(self.allowed_hosts, str):
            self.allowed_hosts = (self.allowed_hosts,)
        self.allowed_hosts = tuple(self.allowed_hosts)
        parse_hosts(self.allowed_hosts)  # a bad entry fails here, naming itself
        if self.token is not None and not self.token.strip():
            raise ValueError("the token is empty")

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def build_app(config: ServerConfig) -> FastAPI:
    app = FastAPI(
        title="newsfold",
        version=__version__,
        description=(
            "Stories folded from every copy of a news story. Each `GET` answers JSON (the shapes "
            "`newsfold --json` prints), or the web reader's HTML page when a browser asks for "
            'HTML; `PATH.json` always answers JSON. Errors are `{"error": {"code", '
            '"message"}}`. Write requests need `Authorization: Bearer TOKEN` when the server '
            "has a token, and are refused beyond loopback without one; so are `/compare` and "
            "`/extract` beyond loopback. Every POST body is `application/json` (`/pages` also "
            "takes `application/x-ndjson`); requests from other origins, and Host names the "
            "server does not answer to, are refused."
        ),
        docs_url=None,  # routes.docs serves it, from the package
        redoc_url=None,
    )
    app.state.config = config
    app.state.fold_lock = threading.Lock()
    app.state.compute = Runner(config.compute)
    app.state.templates = render.environment()
    app.state.source_root = {}  # paths.folded_root's cache
    app.include_router(routes.router)
    app.include_router(exports.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-static", StaticFiles(directory=DOCS_STATIC), name="docs-static")

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return render.error(request, exc.status, exc.code, exc.message, exc.headers)

    async def not_found(request: Request, exc: Exception) -> Response:
        return render.error(request, 404, "not_found", str(exc))

    async def bad_input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        # a rejection's message names its source already: name it once
        named = exc.message.startswith(f"{exc.source}:")
        return render.error(request, 422, exc.reason, exc.message if named else str(exc))

    async def store_error(request: Request, exc: Exception) -> Response:
        return render.error(request, 500, "store_error", str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return render.error(request, exc.status_code, code, message, dict(exc.headers or {}))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return render.error(request, 400, "invalid_json", "the request body is not JSON")
        parts = []
        for e in errors[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query"))
            parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
        return render.error(request, 422, "invalid_request", "; ".join(parts))

    async def internal(request: Request, exc: Exception) -> Response:
        return render.error(request, 500, "internal_error", "internal error")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(InputError, bad_input)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, internal)
    # outermost last: headers go on every answer, the 413 of the body limit included; the
    # guard (Host, Origin, token, body type) runs before the body limit reads any body
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    app.add_middleware(Guard, config=config)
    app.add_middleware(JsonTwin)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    return app


class HeadAsGet:
    """``HEAD`` on every ``GET`` route: the request is routed as a ``GET`` and answered with
    its status and headers (``Content-Length`` included) and no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return
        scope = dict(scope)
        scope["method"] = "GET"

        async def send_headers(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(scope, receive, send_headers)


class SecurityHeaders:
    """A Content-Security-Policy on every answer, and the headers that keep pages unframed and
    their types unsniffed. Negotiated pages vary by Accept."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"vary", b"Accept"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class JsonTwin:
    """``PATH.json`` is ``PATH`` answered as JSON, whatever the Accept header says."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] == "http"
            and path.endswith(".json")
            and path != "/openapi.json"
            and not path.startswith("/static/")
        ):
            scope = dict(scope)
            scope["path"] = path[: -len(".json")] or "/"
            scope["raw_path"] = scope["path"].encode()
            scope.setdefault("state", {})
            scope["state"] = {**scope["state"], "format": "json"}
        await self.app(scope, receive, send)


class BodyLimit:
    """Answers 413 to a request whose body is over ``max_bytes``, declared or streamed, before
    the app reads any of it into a page."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._too_large(scope, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._too_large(scope, send)
                return
            chunks.append(body)
            more = message.get("more_body", False)
        whole = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, send: Send) -> None:
        response = render.error_json(
            413, "too_large", f"the request body is over the limit of {self.max_bytes:,} bytes"
        )
        await response(scope, _drain, send)


async def _drain() -> Message:
    return {"type": "http.disconnect"}
