"""What the browser tests share: headless Chromium (Debian's ``chromium``; Playwright downloads
none), the viewports, an app served on a free loopback port, pages put in a store through the API,
and a page watched for what it must not do.

Importing this module skips the importing test module, saying why, where the [server] extra,
Playwright or a system chromium is missing."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the [server] extra is not installed")
pytest.importorskip("uvicorn", reason="the [server] extra is not installed")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)
import uvicorn  # noqa: E402
from benchmarks.renderers import system_chromium  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from newsfold.server import create_app  # noqa: E402

CHROMIUM = system_chromium()
if CHROMIUM is None:
    pytest.skip(
        "no system chromium: install Debian's (apt-get install -y chromium) or set "
        "NEWSFOLD_CHROMIUM; Playwright is not allowed to download a browser",
        allow_module_level=True,
    )

WIDE = {"width": 1200, "height": 1400}
PHONE = {"width": 390, "height": 844}


@contextmanager
def launch(*args: str) -> Iterator[Any]:
    """One headless Chromium with these command-line flags (and --no-sandbox as root)."""
    flags = list(args)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=flags)
        try:
            yield b
        finally:
            b.close()


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on a free port of 127.0.0.1: yields its base URL
    and stops the server after."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def add_pages(db: str, pages: Any, **options: Any) -> dict[str, Any]:
    """POST ``pages`` to /pages of an app over ``db`` in process (Host: testserver, allowed for
    this client only; the served app answers loopback names alone); the API's answer."""
    app = create_app(db, allowed_hosts=("testserver",), **options)
    out: dict[str, Any] = TestClient(app).post("/pages", json=pages).json()
    return out


class Watched:
    """A page and what it must not do: open a dialog, throw, or log an error (a CSP refusal
    included)."""

    def __init__(self, browser: Any, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []

        def on_dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))

    def clean(self) -> None:
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.errors == [], f"page errors: {self.errors}"
        bad = [m for m in self.console if "error" in m.lower() or "refused" in m.lower()]
        assert bad == [], f"console: {bad}"

    def done(self) -> None:
        """``clean``, then the page's context is closed."""
        self.clean()
        self.context.close()


def fits(page: Any) -> None:
    """Nothing is wider than the window: no sideways scrolling of the page."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport + 1, f"page is {width}px wide in a {viewport}px window"
