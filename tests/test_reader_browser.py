"""The web reader in a real browser: headless Chromium (Debian's ``chromium``; Playwright
downloads none) driving a server on 127.0.0.1 over the example corpus and two hostile pages.

The run saves a screenshot of a story page to docs/screenshot-story.png (the README shows it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from browser import PHONE, WIDE, Watched, add_pages, fits, launch, serve, sync_api
from conftest import EXAMPLES, ROOT
from newsfold import fold
from newsfold.read.limits import Limits
from newsfold.server import create_app

SCREENSHOT = ROOT / "docs" / "screenshot-story.png"
FERRY = "Kaimai Spirit ferry runs aground"
BIG_LINE = "flood flood flood, " * 263_158  # a 5 MB line (with commas: a tag cloud has none)
LONG_WORD = "W" * 100_000  # one word far wider than any window
HOSTILE_OUTLET = 'tidewatch"><img src=x onerror=alert("outlet")>'

# Every hostile line carries one tag: a line with two or more is a page's source printed as text,
# which extraction removes as markup, and these lines must reach the reader to be tested there.
HOSTILE_TEXT = "\n".join(
    [
        "Harbourview Courier",
        'Storm surge floods seafront homes <script>alert("headline")',
        "By Staff Reporter",
        "HARBOURVIEW, June 3 - A storm surge flooded dozens of seafront homes on Tuesday "
        '<script>window.__pwned = 1; alert("body"), officials said, as waves topped '
        "the sea wall for the first time in a decade.",
        BIG_LINE,
        LONG_WORD,
        "Residents of Low Street were told to leave <img src=x onerror=alert(1)> before "
        "midnight, the council said on Tuesday as the water kept rising along the front.",
        "The council opened the school hall on Quay Road for "
        '<a href="javascript:alert(2)">families who had nowhere to go that night.',
        '"We have never seen water this high," said harbourmaster Ines Calloway. '
        "<svg onload=alert(3)> She said the wall had held for the last ten winters.",
        "Pumps from three towns were brought in overnight, "
        '<iframe src="javascript:alert(4)"> and volunteers filled sandbags at the depot.',
        "Crews worked through the night to pump water from basements along the front, and the "
        "coast road stayed shut to traffic until the tide turned on Wednesday morning.",
    ]
)
HOSTILE_HTML = """<!doctype html><html><head><title>Tide gauge fails as harbour floods</title>
<script>alert("head")</script></head>
<body onload="alert('body')"><nav><a href="javascript:alert('nav')">Home</a></nav>
<article><h1>Tide gauge fails as harbour floods <img src=x onerror="alert('h1')"></h1>
<p>The harbour's tide gauge stopped reporting an hour before the surge, the port authority said
on Tuesday, leaving crews to read the water level off the quay steps by torchlight.</p>
<p>Engineers said a note reading &lt;script&gt;alert("entity")&lt;/script&gt; had been left in the
logger's memory by a test, and that it had nothing to do with the failure of the gauge.</p>
<p onclick="alert('p')">The authority will replace the gauge before the spring tides, and has asked
the weather service to share its own readings from the outer breakwater until then.</p>
<a href="javascript:alert('link')">Read more</a></article></body></html>"""


@dataclass
class Site:
    url: str
    hostile_story: str
    hostile_article: str
    html_story: str
    html_article: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    db = str(tmp_path_factory.mktemp("reader") / "reader.db")
    fold([EXAMPLES], db)
    # the hostile page carries a 5 MB line: limits raised so that it reaches the reader
    limits = Limits(max_page_bytes=6_000_000, max_line_chars=6_000_000)
    # the pages go in through the API in process; the browser talks to the served app
    out = add_pages(
        db,
        [
            {"text": HOSTILE_TEXT, "url": "javascript:alert(document.domain)"},
            {"html": HOSTILE_HTML, "outlet": HOSTILE_OUTLET},
        ],
        limits=limits,
    )
    hostile, html_page = out["results"]
    assert hostile["status"] == "added" and hostile["story"], out
    assert html_page["status"] == "added" and html_page["story"], out
    with serve(create_app(db, limits=limits)) as url:
        yield Site(
            url,
            hostile["story"],
            hostile["article"],
            html_page["story"],
            html_page["article"],
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as b:
        yield b


def test_list_search_story_paragraph_and_diff(site: Site, browser: Any) -> None:
    w = Watched(browser, WIDE)
    page = w.page
    page.goto(site.url + "/")
    assert page.url.endswith("/stories")
    items = page.locator("li.story")
    everything = items.count()
    assert everything >= 20
    assert "stories" in page.locator("#count").inner_text()
    first = items.first
    assert first.locator(".n-outlets").inner_text().endswith(("outlet", "outlets"))
    assert "first seen" in first.inner_text() and "last updated" in first.inner_text()

    page.fill("#q", "ferry aground")
    page.press("#q", "Enter")
    page.wait_for_url("**/stories?q=ferry+aground**")
    found = page.locator("li.story")
    assert 0 < found.count() < everything
    assert page.locator("li.story a.headline", has_text=FERRY).count() == 1

    page.select_option("#outlet", "pacific-ledger")
    page.click("form.search button")
    page.wait_for_url("**outlet=pacific-ledger**")
    assert page.locator("li.story a.headline", has_text=FERRY).count() == 1

    page.click(f"li.story a.headline:has-text('{FERRY}')")
    page.wait_for_url("**/stories/s_*")
    assert FERRY in page.locator("h1").inner_text()
    paras = page.locator("details.para")
    assert paras.count() >= 5
    assert page.locator("tr.origin .origin-mark").count() == 1

    # select a paragraph with variant readings: it opens, the outlets carrying it are marked
    target = page.locator("details.para:has(.variants)").first
    target.locator("summary").click()
    assert target.evaluate("d => d.open") and "selected" in (target.get_attribute("class") or "")
    carried = (target.get_attribute("data-sources") or "").split()
    sync_api.expect(page.locator("tr.carries")).to_have_count(len(carried))
    panel = target.locator(".para-sources")
    assert panel.is_visible()
    assert panel.locator(".carried-by .outlet-ref").count() == len(carried)
    assert panel.locator(".variant mark.edit").count() >= 1
    assert page.evaluate("location.hash").startswith("#p")
    # selecting another closes the first
    other = page.locator("details.para").nth(0)
    if other.get_attribute("id") != target.get_attribute("id"):
        other.locator("summary").click()
        sync_api.expect(page.locator("details.para[open]")).to_have_count(1)
    target.locator("summary").click()
    target.scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000

    # open a copy's diff against the canonical text
    page.click("tr:not(.origin) a.article-link >> nth=0")
    page.wait_for_url("**/articles/a_*")
    assert page.locator(".diff .diff-row:not(.diff-head)").count() >= 3
    highlighted = page.locator(
        ".diff mark.edit, .diff .kind-truncation, .diff .kind-paragraph_added"
    )
    assert highlighted.count() >= 1
    assert page.locator(".removed-lines li").count() >= 1
    assert page.locator(".in-story a").count() == 1
    w.clean()


def test_phone_width(site: Site, browser: Any) -> None:
    w = Watched(browser, PHONE)
    page = w.page
    page.goto(site.url + "/stories")
    fits(page)
    page.click(f"a.headline:has-text('{FERRY}')")
    page.wait_for_url("**/stories/s_*")
    fits(page)
    page.locator("details.para summary").first.click()
    fits(page)
    assert page.locator("table.sources tr[data-article]").first.is_visible()
    page.click("a.article-link >> nth=1")
    page.wait_for_url("**/articles/a_*")
    fits(page)
    w.clean()


def _nothing_runs(page: Any) -> None:
    """Only the reader's own script is on the page, no element carries an event handler, and
    no link or frame points to javascript:."""
    scripts = page.evaluate("Array.from(document.scripts).map(s => s.src)")
    assert len(scripts) == 1 and scripts[0].endswith("/static/reader.js"), scripts
    handlers = page.evaluate(
        """Array.from(document.querySelectorAll('*')).flatMap(el =>
             Array.from(el.attributes).filter(a => a.name.startsWith('on')).map(a => a.name))"""
    )
    assert handlers == []
    assert page.locator("[href^='javascript:' i], [src^='javascript:' i]").count() == 0
    assert page.locator("main img, main svg, main iframe, main object, main embed").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_a_hostile_page_is_shown_and_nothing_runs(
    site: Site, browser: Any, viewport: dict[str, int]
) -> None:
    w = Watched(browser, viewport)
    page = w.page
    page.goto(site.url + "/stories")
    _nothing_runs(page)  # the outlet filter lists the hostile outlet's name
    assert page.locator("#outlet option", has_text="tidewatch").count() == 1
    page.goto(site.url + "/stories?q=surge")
    assert page.locator("li.story").count() >= 1
    _nothing_runs(page)
    fits(page)

    response = page.goto(f"{site.url}/stories/{site.hostile_story}")
    assert response is not None
    assert len(response.body()) < 1_000_000, "page text is bounded on the page"
    # the two hostile pages report one storm, so one is the story's headline and the other is
    # listed among its independent reports: either way its markup is shown as text
    shown = (
        page.locator("h1").inner_text()
        + page.locator("section[aria-labelledby='h-reports']").inner_text()
    )
    assert '<script>alert("headline")' in shown, "markup is shown as text"
    for i in range(page.locator("details.para").count()):
        page.locator("details.para summary").nth(i).click()
    _nothing_runs(page)
    fits(page)
    assert page.locator("details.para .para-text", has_text="flood flood flood").count() == 1
    assert page.locator("a.page-link").count() == 0, "a javascript: URL is never a link"

    page.goto(f"{site.url}/articles/{site.hostile_article}")
    _nothing_runs(page)
    fits(page)
    assert page.locator(".extracted").inner_text().count("<img src=x onerror=alert(1)>") == 1

    page.goto(f"{site.url}/stories/{site.html_story}")
    _nothing_runs(page)
    fits(page)
    # the HTML page reports the same storm: it is one of this story's independent reports,
    # and its own text, with the escaped markup shown as text, is on its article page
    page.goto(f"{site.url}/articles/{site.html_article}")
    _nothing_runs(page)
    fits(page)
    assert '<script>alert("entity")</script>' in page.locator("main").inner_text()
    w.clean()
    # the watch itself works: a dialog opened from outside the page is caught
    page.evaluate("alert('probe')")
    assert w.dialogs == ["probe"]
