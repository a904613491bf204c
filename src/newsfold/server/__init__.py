"""newsfold as a service: the HTTP API and the web reader (``newsfold serve``, extra ``[server]``).

Both are thin layers over the library: every JSON body is a shape from ``newsfold.views`` (the
ones the CLI prints), every HTML page renders one of those shapes, and each page has a ``.json``
twin. ``create_app`` builds the ASGI app; ``serve`` runs it with uvicorn.
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import MissingExtraError
from .loopback import is_loopback

__all__ = ["create_app", "is_loopback", "serve"]


def _require_extra() -> None:
    try:
        import fastapi  # noqa: F401
        import jinja2  # noqa: F401
    except ImportError as e:
        raise MissingExtraError("server", "newsfold serve (the HTTP API and web reader)") from e


def create_app(db: str, **options: Any) -> Any:
    """The ASGI app over the store ``db``. Options are ``ServerConfig``'s fields (``token``,
    ``host``, ``port``, ``allowed_hosts``, ``max_body_bytes``, ``max_pages``, ``limits``,
    ``compute``, ``tz``, ``clock``). Raises ``MissingExtraError`` when the ``[server]``
    extra is not installed."""
    _require_extra()
    from .app import ServerConfig, build_app

    return build_app(ServerConfig(db=db, **options))


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    allowed_hosts: tuple[str, ...] = (),
    tz: str = "UTC",
) -> None:
    """Serve the store ``db`` on ``host:port`` until interrupted. ``token`` (default
    ``$NEWSFOLD_TOKEN``) is required of write requests; beyond loopback, writes are refused
    without one. ``allowed_hosts``: Host names answered besides the loopback ones. ``tz``:
    the time zone the reader shows times in."""
    _require_extra()
    try:
        import uvicorn
    except ImportError as e:
        raise MissingExtraError("server", "newsfold serve (the HTTP API and web reader)") from e
    token = token or os.environ.get("NEWSFOLD_TOKEN") or None
    app = create_app(
        db, host=host, port=port, token=token, allowed_hosts=tuple(allowed_hosts), tz=tz
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
