"""Issue 22's reader pages in a real browser (Debian's chromium, as test_reader_browser): the
coverage view, the rejected page, the teasers' outlet filter, and the API docs with the network
off, each with a dialog listener over hostile names.

The run saves docs/screenshot-coverage.png (the story page's coverage view)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser import PHONE, WIDE, Watched, add_pages, fits, launch, serve, sync_api
from conftest import EXAMPLES, ROOT
from newsfold.server import create_app
from newsfold.store.sqlite import SQLiteStore
from reader_store import FERRY, XSS, reader_store

SCREENSHOT = ROOT / "docs" / "screenshot-coverage.png"
HOSTILE_OUTLET = '<img src=x onerror=alert("outlet")>'


@pytest.fixture(scope="module")
def site(demo_store: SQLiteStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = reader_store(demo_store, tmp_path_factory.mktemp("pages") / "pages.db")
    # one more copy of the ferry story, from an outlet with a hostile name
    ferry = (EXAMPLES / "harbour-herald" / "kaimai-spirit-aground-tory-channel.txt").read_text()
    out = add_pages(db, [{"text": ferry, "outlet": HOSTILE_OUTLET}])
    assert out["results"][0]["story"] == FERRY, out
    with serve(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as b:
        yield b


def _nothing_runs(page: Any) -> None:
    handlers = page.evaluate(
        """Array.from(document.querySelectorAll('*')).flatMap(el =>
             Array.from(el.attributes).filter(a => a.name.startsWith('on')).map(a => a.name))"""
    )
    assert handlers == []
    assert page.locator("main img, main script, main svg, main iframe").count() == 0


def test_coverage_view(site: str, browser: Any) -> None:
    w = Watched(browser, WIDE)
    page = w.page
    page.goto(f"{site}/stories/{FERRY}")
    meta = page.locator("p.meta").inner_text()
    assert "5 copies" in meta and "1 independent report" in meta
    # denominators are the 5 copies: the report is in none, and under no "Not in"
    badges = page.locator("details.para .carry").all_inner_texts()
    assert badges and all(b.endswith("/5") for b in badges), badges
    relations = page.locator("table.sources td[data-label='Relation']").all_inner_texts()
    number = f"[{relations.index('report') + 1}]"
    assert page.locator(".missing .outlet-ref", has_text=number).count() == 0
    coverage = page.locator("section.coverage")
    rows = coverage.locator("table.by-outlet tbody tr")
    assert rows.count() == 5
    assert rows.first.locator(".outlet").inner_text() == "harbour-herald"
    assert coverage.locator("table.by-outlet", has_text=HOSTILE_OUTLET).count() == 1
    assert "northbound-post" not in coverage.locator("table.by-outlet").inner_text()
    updates = coverage.locator("ol.updates li")
    assert updates.count() >= 2 and "first version" in updates.first.inner_text()
    # an update's paragraph link opens on that paragraph
    link = coverage.locator("ol.updates li.update-update a[href^='#p']").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    _nothing_runs(page)
    coverage.scroll_into_view_if_needed()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    coverage.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
    # the report's own page says what it is, and shows no diff
    page.click("section[aria-labelledby='h-reports'] a")
    page.wait_for_url("**/articles/a_*")
    assert "independent report" in page.locator(".report-note").inner_text()
    assert page.locator(".diff").count() == 0
    w.done()


def test_coverage_at_phone_width(site: str, browser: Any) -> None:
    w = Watched(browser, PHONE)
    w.page.goto(f"{site}/stories/{FERRY}")
    w.page.locator("section.coverage").scroll_into_view_if_needed()
    fits(w.page)
    w.done()


def test_rejected_page(site: str, browser: Any) -> None:
    w = Watched(browser, WIDE)
    page = w.page
    page.goto(f"{site}/stories")
    page.click("header nav a:has-text('Rejected')")
    page.wait_for_url("**/rejected")
    rows = page.locator("table.rejected tbody tr")
    assert rows.count() == 3
    assert "3 rejected inputs" in page.locator("#count").inner_text()
    assert page.locator("table.rejected", has_text=XSS).count() == 1, "shown as text"
    assert str(EXAMPLES) not in page.locator("main").inner_text()
    _nothing_runs(page)
    page.select_option("#reason", "binary")
    page.click("form.search button")
    page.wait_for_url("**reason=binary**")
    assert page.locator("table.rejected tbody tr").count() == 1
    assert page.locator("td.source").inner_text() == "bin/blob.bin"
    fits(page)
    w.done()


def test_teasers_by_outlet(site: str, browser: Any) -> None:
    w = Watched(browser, WIDE)
    page = w.page
    page.goto(f"{site}/teasers")
    assert page.locator("li.teaser").count() == 3
    assert page.locator("li.teaser", has_text='<script>alert("teaser")</script>').count() == 1
    page.select_option("#outlet", "harbour-herald")
    page.click("form.search button")
    page.wait_for_url("**outlet=harbour-herald**")
    assert page.locator("li.teaser").count() == 2
    _nothing_runs(page)
    w.done()


def test_docs_load_with_the_network_off(site: str, browser: Any) -> None:
    w = Watched(browser, WIDE)
    page = w.page
    outside: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(site):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    w.context.route("**/*", only_local)
    page.goto(f"{site}/stories")
    page.click("header nav a:has-text('API')")
    page.wait_for_url("**/docs")
    sync_api.expect(page.locator(".swagger-ui .info .title")).to_contain_text("newsfold")
    ops = page.locator(".swagger-ui .opblock")
    sync_api.expect(ops.first).to_be_visible()
    paths = " ".join(page.locator(".swagger-ui .opblock-summary-path").all_inner_texts())
    for path in ("/stories", "/rejected", "/teasers", "/pages", "/extract"):
        assert path in paths, paths
    assert outside == [], f"the docs page reached outside: {outside}"
    w.done()
