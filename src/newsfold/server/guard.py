"""Who may ask what: the Host and Origin rules, the token rule and the accepted body types,
checked on the request's headers before any of its body is read.

- **Host** (every request, pages and API alike, since a DNS-rebound page can read them): the
  loopback names (``127.0.0.1``, ``localhost``, ``[::1]``) with the server's own port, and the
  hosts given with ``--allow-host`` (``name``: any port; ``name:port``; ``*.example.org``: its
  subdomains; ``*``: any host, which turns the rule off). A server bound beyond loopback with no
  allowed host given also answers to IP addresses (an address cannot be rebound: only a name can).
- **Origin** (every request but ``GET``/``HEAD``): when a browser sends one, it must be the
  request's own (``scheme://`` + its Host); ``Sec-Fetch-Site: cross-site``/``same-site`` is
  refused alike. No CORS header is ever granted, so a preflight from elsewhere fails.
- **Token**: ``POST /pages`` needs ``Authorization: Bearer TOKEN`` when the server has a token,
  and is refused beyond loopback without one; ``POST /compare`` and ``POST /extract`` cost CPU and
  follow the same rule beyond loopback (on loopback they stay open).
- **Body type**: every ``POST`` is ``application/json`` (``POST /pages`` also takes JSONL,
  ``application/x-ndjson``); anything else, a missing Content-Type included, is 415. Browsers send
  no Content-Type, ``text/plain`` or a form type without a preflight: none of them gets in.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import Request

from . import render
from .errors import ApiError
from .loopback import is_loopback

JSON_TYPES = ("application/json",)
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")
# the body types each POST route takes
POST_TYPES: dict[str, tuple[str, ...]] = {
    "/pages": JSON_TYPES + JSONL_TYPES,
    "/extract": JSON_TYPES,
    "/compare": JSON_TYPES,
}
WRITES = frozenset({"/pages"})
COSTLY = frozenset({"/extract", "/compare"})
SAFE_METHODS = frozenset({"GET", "HEAD"})
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def split_host(value: str) -> tuple[str, int | None]:
    """``name[:port]`` (IPv6 in brackets) as its lower-cased name and port; ValueError when it
    is not one."""
    value = value.strip().lower()
    if not value or any(c in value for c in "/?#@ \t\\") or value.count("]") > 1:
        raise ValueError(f"not a host[:port]: {value[:100]!r}")
    if value.startswith("["):
        name, sep, rest = value.partition("]")
        name += sep
        try:
            ipaddress.IPv6Address(name[1:-1])
        except ValueError as e:
            raise ValueError(f"not an IPv6 address: {name[:100]!r}") from e
        if rest and not rest.startswith(":"):
            raise ValueError(f"not a host[:port]: {value[:100]!r}")
        port_text = rest[1:] if rest else None
    else:
        name, sep, port_text_or_empty = value.rpartition(":")
        if not sep:
            name, port_text = value, None
        elif ":" in name:  # a bare IPv6 address is not a Host
            raise ValueError(f"an IPv6 address must be in brackets: {value[:100]!r}")
        else:
            port_text = port_text_or_empty
    if not name:
        raise ValueError(f"no host name in {value[:100]!r}")
    if port_text is None:
        return name, None
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"not a port: {port_text[:20]!r}")
    return name, int(port_text)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class HostRule:
    """One ``--allow-host`` entry: a name (``*.example.org`` for its subdomains, ``*`` for any)
    and a port, or any port."""

    name: str
    port: int | None

    @classmethod
    def parse(cls, text: str) -> HostRule:
        t = text.strip().lower()
        if "://" in t or "/" in t:
            raise ValueError(
                f"--allow-host takes a host name with an optional port, not a URL: {text!r}"
            )
        if t == "*":
            return cls("*", None)
        wildcard = t.startswith("*.")
        name, port = split_host(t[2:] if wildcard else t)
        if "*" in name:
            raise ValueError(f"only a leading '*.' is a wildcard: {text!r}")
        return cls(("*." if wildcard else "") + name, port)

    def matches(self, name: str, port: int) -> bool:
        if self.port is not None and self.port != port:
            return False
        if self.name == "*":
            return True
        if self.name.startswith("*."):
            return name.endswith(self.name[1:])
        return name == self.name


def parse_hosts(values: Iterable[str]) -> tuple[HostRule, ...]:
    """``--allow-host`` values (each may hold several, split by commas or spaces)."""
    out: list[HostRule] = []
    for value in values:
        for part in value.replace(",", " ").split():
            out.append(HostRule.parse(part))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """Which Host headers a server answers: see the module's docstring."""

    loopback: bool  # the server is bound to a loopback address
    rules: tuple[HostRule, ...]
    port: int | None  # the server's port; None: the port the request came in on

    def problem(self, host: str | None, scope: dict[str, Any] | Any) -> str | None:
        """Why a request with this Host is refused; None when it is allowed."""
        if not host:
            return "the request has no Host header"
        try:
            name, port = split_host(host)
        except ValueError as e:
            return str(e)
        if port is None:
            port = 443 if scope.get("scheme") in ("https", "wss") else 80
        if any(rule.matches(name, port) for rule in self.rules):
            return None
        if name in LOOPBACK_NAMES or (_is_ip(name) and is_loopback(name)):
            own = self.port or _server_port(scope)
            if own is None or port == own:
                return None
            return f"{host[:100]!r} names another port than this server's ({own})"
        if not self.loopback and not self.rules and _is_ip(name):
            return None
        return (
            f"this server does not answer to the host {host[:100]!r} (allowed: "
            f"{self.describe()}; start it with --allow-host NAME to add one)"
        )

    def describe(self) -> str:
        names = ["loopback names"]
        if not self.loopback and not self.rules:
            names.append("IP addresses")
        names += [r.name + (f":{r.port}" if r.port else "") for r in self.rules]
        return ", ".join(names)


def _server_port(scope: Any) -> int | None:
    server = scope.get("server")
    if server and len(server) >= 2 and isinstance(server[1], int):
        return int(server[1])
    return None


def origin_problem(origin: str | None, fetch_site: str | None, host: str) -> str | None:
    """Why a request that changes or costs is refused for where it comes from; None when it
    comes from the server's own pages or from no browser page at all."""
    if fetch_site and fetch_site.strip().lower() in ("cross-site", "same-site"):
        return f"a request from another site ({fetch_site[:20]}) is refused"
    if origin is None:
        return None
    parts = urlsplit(origin.strip().lower())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"a request from the origin {origin[:100]!r} is refused"
    default = ":443" if parts.scheme == "https" else ":80"
    got = parts.netloc.removesuffix(default)
    own = host.strip().lower()
    if got != own and got != own.removesuffix(default):
        return f"a request from the origin {origin[:100]!r} is refused: not this server's"
    return None


def token_problem(config: Any, authorization: str | None) -> ApiError | None:
    """Why a request that needs the token is refused; None when it may go on."""
    if config.token is None:
        if config.loopback:
            return None
        return ApiError(
            403,
            "token_required",
            f"this server listens on {config.host}, beyond loopback: writes and computations "
            "are refused until it is started with a token (--token-file, $NEWSFOLD_TOKEN)",
        )
    scheme, _, credentials = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        return ApiError(
            401,
            "unauthorized",
            "this request needs the server's token: Authorization: Bearer TOKEN",
            {"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(credentials.strip().encode(), config.token.encode()):
        return ApiError(403, "forbidden", "the token is not this server's")
    return None


def needs_token(config: Any, method: str, path: str) -> bool:
    return method == "POST" and (path in WRITES or (path in COSTLY and not config.loopback))


def media_type(headers: Headers) -> str:
    return headers.get("content-type", "").split(";")[0].strip().lower()


def check(config: Any, policy: HostPolicy, scope: Any) -> ApiError | None:
    """The first rule a request breaks, as the error to answer; None when it breaks none."""
    headers = Headers(scope=scope)
    host = headers.get("host")
    why = policy.problem(host, scope)
    if why is not None:
        return ApiError(400, "host_not_allowed", why)
    method = scope.get("method", "GET")
    path = scope.get("path", "")
    if method not in SAFE_METHODS:
        why = origin_problem(headers.get("origin"), headers.get("sec-fetch-site"), host or "")
        if why is not None:
            return ApiError(403, "origin_not_allowed", why)
    if needs_token(config, method, path):
        err = token_problem(config, headers.get("authorization"))
        if err is not None:
            return err
    if method == "POST" and path in POST_TYPES:
        got = media_type(headers)
        if got not in POST_TYPES[path]:
            wanted = " or ".join(POST_TYPES[path][:2])
            return ApiError(
                415,
                "unsupported_media_type",
                f"POST {path} takes {wanted}, not {got or 'a body with no Content-Type'}",
            )
    return None


class Guard:
    """Answers a request that breaks a rule above before any of its body is read (it runs
    outside the body limit, so a large body without the token is refused unread)."""

    def __init__(self, app: Any, config: Any) -> None:
        self.app = app
        self.config = config
        self.policy = HostPolicy(config.loopback, parse_hosts(config.allowed_hosts), config.port)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        err = check(self.config, self.policy, scope)
        if err is None:
            await self.app(scope, receive, send)
            return
        response = render.error(Request(scope), err.status, err.code, err.message, err.headers)
        await response(scope, _drain, send)


async def _drain() -> dict[str, Any]:
    return {"type": "http.disconnect"}
