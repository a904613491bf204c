"""The stories list and search in a real browser (Debian's chromium; Playwright downloads
none): snippets and facets, the "6–10 of 20" paging text, one display zone chosen by the
reader, and a hostile page's text in a snippet shown as text. One browser for the module, a
server over a copy of the example store (with one hostile page added) and a fixed clock.

The run saves a screenshot of a search to docs/screenshot-search.png (the README shows it)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from browser import PHONE, Watched, add_pages, fits, launch, serve
from conftest import ROOT
from newsfold.server import create_app
from newsfold.store import SQLiteStore

SCREENSHOT = ROOT / "docs" / "screenshot-search.png"
FERRY = "Kaimai Spirit ferry runs aground"
NOW = datetime(2024, 3, 2, 7, 40, tzinfo=UTC)
HOSTILE = "\n".join(
    [
        "Lighthouse keeper rescues stranded kayakers",
        "POINT ARLEN, May 4 - A lighthouse keeper rowed out to rescue two kayakers "
        "<img src=x onerror=alert('snippet')> stranded on the reef at low tide, "
        "the coastguard said on Saturday.",
        "The pair had set out from the northern beach in calm weather but were caught by the "
        "turning tide and pinned against the rocks, the coastguard's duty officer said.",
        "Keeper Tomasz Wren said he saw their lights from the lamp room just after dusk and "
        "took the station's dinghy out to them before the water rose any further.",
    ]
)


@pytest.fixture(scope="module")
def url(demo_store: SQLiteStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("search") / "search.db")
    with sqlite3.connect(db) as copy:
        demo_store.db.backup(copy)  # the session's example store stays as it is
    added = add_pages(db, {"text": HOSTILE, "outlet": "reef-watch"})
    assert added["results"][0]["status"] == "added", added
    with serve(create_app(db, clock=lambda: NOW)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as b:
        yield b


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    w = Watched(browser, {"width": 1200, "height": 1100})
    yield w.page
    w.context.close()
    assert w.dialogs == [] and w.errors == [], (w.dialogs, w.errors)


def _times(page: Any) -> list[str]:
    """The list's times, but for those it does not know ("-")."""
    return [t for t in page.locator("li.story time").all_inner_texts() if t.strip() != "-"]


def test_paging_text_and_one_display_zone(url: str, page: Any) -> None:
    total = int(page.request.get(url + "/stories.json?limit=1").headers["x-total-count"])
    assert total > 10
    page.goto(url + "/stories?limit=5&offset=5")
    assert page.locator("#count").inner_text().startswith(f"6–10 of {total} stories")
    times = _times(page)
    assert len(times) >= 8 and all(t.endswith(" UTC") for t in times), times
    page.select_option("#tz", "Asia/Tokyo")
    page.click("form.search button")
    page.wait_for_url("**tz=Asia%2FTokyo**")
    assert all(t.endswith(" JST") for t in _times(page)), _times(page)
    page.click("a[rel=next]")  # the reader's zone stays as it pages
    page.wait_for_url("**offset=5**")
    assert page.locator("#count").inner_text().startswith(f"6–10 of {total}")
    assert all(t.endswith(" JST") for t in _times(page)), _times(page)
    assert page.locator("#tz").input_value() == "Asia/Tokyo"


def test_search_snippets_and_facets(url: str, page: Any) -> None:
    page.goto(url + "/stories")
    page.fill("#q", "ferry aground")
    page.press("#q", "Enter")
    page.wait_for_url("**q=ferry+aground**")
    first = page.locator("li.story").first
    assert FERRY in first.locator("a.headline").inner_text()
    hits = [h.lower() for h in first.locator(".snippet mark.hit").all_inner_texts()]
    assert "ferry" in hits and "aground" in hits
    meta = first.locator(".meta").inner_text()
    assert "4 copies" in meta and "1 report" in meta and "Reuters" in meta
    assert "(3 hours ago)" in meta  # first seen 04:40 UTC; the server's clock says 07:40
    outlets = page.locator("#facet-outlet li")
    assert outlets.count() >= 4
    assert re.search(r"pacific-ledger\s+1", outlets.all_inner_texts().__str__())
    assert page.locator("#facet-credit li", has_text="Reuters").count() == 1
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000

    page.locator("#facet-outlet a", has_text="pacific-ledger").click()
    page.wait_for_url("**outlet=pacific-ledger**")
    assert page.locator("#count").inner_text().startswith("1–1 of 1 story")
    page.locator(".filters a", has_text="outlet").click()  # lift the filter again
    page.wait_for_url(re.compile(r"^(?!.*outlet=).*q=ferry"))
    assert page.locator("li.story").count() >= 1

    csv_url = page.locator("#count a.csv").get_attribute("href")
    got = page.request.get(url + csv_url)  # the same list, as CSV
    assert got.ok and got.headers["content-type"].startswith("text/csv")
    assert FERRY in got.text()


def test_hostile_text_in_a_snippet_is_text(url: str, page: Any) -> None:
    page.goto(url + "/search?q=kayakers+onerror")
    snip = page.locator("li.story .snippet").first
    assert "<img src=x onerror=alert('snippet')>" in snip.inner_text()
    assert page.locator("main img").count() == 0
    fits(page)


def test_phone_width(browser: Any, url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    p = context.new_page()
    try:
        p.goto(url + "/search?q=ferry")
        assert p.locator("#facet-outlet").is_visible()
        fits(p)
    finally:
        context.close()
