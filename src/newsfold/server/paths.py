"""Sources as the server shows them: a source that is a file path of the server's is shown
relative to the folded root (the directory every stored file source shares), so that pages and
their JSON do not print the server's file system. A request with the server's token sees them
whole."""

from __future__ import annotations

import posixpath
import re
import threading
import time
from typing import Any

from fastapi import Request

from ..api import Store
from .guard import token_problem

ROOT_TTL_S = 30.0  # a fold adding files elsewhere widens the root within this long
_lock = threading.Lock()
_ABSOLUTE = re.compile(r"(?<![\w.:/])/[^\s:'\"]+/[^\s:'\"]+")


def folded_root(store: Store, cache: dict[str, Any]) -> str | None:
    """The directory every stored source that is an absolute path lies under (cached for
    ``ROOT_TTL_S``): the common directory of the first and last such source in sort order."""
    now = time.monotonic()
    with _lock:
        if cache.get("at") is not None and now - cache["at"] < ROOT_TTL_S:
            return cache.get("root")
    low, high = store.source_bounds()
    root = None
    if low is not None and high is not None:
        root = posixpath.commonpath([low, high])
        if root in (low, high):  # one file: its directory
            root = posixpath.dirname(root)
    with _lock:
        cache.update(at=now, root=root)
    return root


def sees_paths(request: Request) -> bool:
    """Whether this request carries the server's token (a server with none shows no paths)."""
    config = request.app.state.config
    return config.token is not None and (
        token_problem(config, request.headers.get("authorization")) is None
    )


class Shown:
    """Rewrites the sources (and messages naming them) of one answer."""

    def __init__(self, request: Request, store: Store) -> None:
        self.whole = sees_paths(request)
        self.root = None if self.whole else folded_root(store, request.app.state.source_root)

    def source(self, source: str | None) -> str | None:
        if self.whole or not source or not source.startswith("/"):
            return source
        root = self._prefix()
        if root and source.startswith(root):
            return source[len(root) :]
        # folds from far apart (the root is "/"): the file's folder and name only
        return "…/" + "/".join(source.rsplit("/", 2)[-2:])

    def message(self, message: str) -> str:
        if self.whole:
            return message
        root = self._prefix()
        if root:
            message = message.replace(root, "")
        # what is left outside the root (a link's target, another fold's file): its end only
        return _ABSOLUTE.sub(lambda m: "…/" + "/".join(m.group(0).rsplit("/", 2)[-2:]), message)

    def _prefix(self) -> str | None:
        root = (self.root or "").rstrip("/")
        return root + "/" if root else None

    def refs(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            if "source" in item:
                item["source"] = self.source(item["source"])
