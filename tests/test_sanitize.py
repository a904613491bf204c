"""One input sanitiser for every path: NUL, controls and bidi overrides are handled alike
whether a page comes as a file, a JSONL line, a feed item, a WARC record or ``POST /pages``, and
what was done is recorded on the page; outlets come only from http(s) URLs with a real host."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from newsfold import fold
from newsfold.read.files import read_file, read_jsonl
from newsfold.read.limits import Limits
from newsfold.read.pages import make_page, outlet_from_url
from newsfold.read.sanitize import has_text, sanitize, too_many_controls
from newsfold.records import FeedTeaser, Page, ReadStats, Rejection
from newsfold.store import open_store

SENTENCES = [
    "The harbour board approved the dredging plan on Monday after a two-hour debate.",
    "Work on the northern channel starts in March and should take eleven weeks.",
    "Ferry operators said the deeper channel would end delays at low tide.",
    "The board's chair said the cost would be met from port fees, not rates.",
]
BODY = "\n".join(SENTENCES)
# three NULs, a right-to-left override and a left-to-right isolate pair, a stray BEL
DIRTY = BODY.replace("Monday", "Mon\x00day\x00\x00").replace(
    "eleven", "\u202eeleven\u2066weeks\u2069"
)
DIRTY = DIRTY.replace("tide.", "tide.\x07")
CLEAN = BODY.replace("eleven", "elevenweeks")
DONE = {"bidi": 3, "control": 1, "nul": 3}


def _read(path: Path) -> list[Page | Rejection]:
    return [x for x in read_file(path, stats=ReadStats()) if isinstance(x, Page | Rejection)]


def test_sanitize_counts_what_it_does() -> None:
    text, done = sanitize(DIRTY)
    assert text == CLEAN and done == DONE
    assert sanitize("a\x0cb\x0bc\x85d") == ("a\nb\nc\nd", {"control": 3})  # page breaks
    assert sanitize("tab\tcr\r\nlf") == ("tab\tcr\r\nlf", {})
    assert sanitize("lone \ud800 half") == ("lone \ufffd half", {"surrogate": 1})
    # the marks right-to-left text needs are kept; only embeddings/overrides/isolates go
    assert sanitize("\u05e9\u05dc\u05d5\u05dd\u200f!") == ("\u05e9\u05dc\u05d5\u05dd\u200f!", {})
    assert sanitize("<p>a&#x202E;b&#8238;c&#x61;</p>", "html") == (
        "<p>abc&#x61;</p>",
        {"bidi": 2},
    )
    assert sanitize("a&#x202E;b") == ("a&#x202E;b", {})  # a text dump's "&#..." is text
    # as a parser reads them: no semicolon needed, but every digit is the number's
    assert sanitize("a&#x202e-b &#8238x &#x202eb;", "html") == ("a-b x &#x202eb;", {"bidi": 2})


def test_one_rule_of_binary_and_empty() -> None:
    assert not too_many_controls("x" * 700 + "\x00" * 8)
    assert too_many_controls("x" * 700 + "\x00" * 9)
    assert too_many_controls(b"x" * 700 + b"\x00" * 9)
    assert not too_many_controls("x" * 5000 + "\x01" * 40)  # under 1 %
    assert not has_text("\x00 \n\u202e\t") and has_text("\x00a")


def _write_every_path(folder: Path, body: str) -> dict[str, Path]:
    """The same page as a text file, an HTML file, a JSONL line and a WARC record."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "txt": folder / "page.txt",
        "html": folder / "page.html",
        "jsonl": folder / "pages.jsonl",
        "warc": folder / "crawl.warc",
    }
    paths["txt"].write_text(body, encoding="utf-8")
    markup = "<html><body><article>" + "".join(
        f"<p>{html.escape(line, quote=False)}</p>" for line in body.split("\n")
    )
    paths["html"].write_text(markup, encoding="utf-8")
    paths["jsonl"].write_text(json.dumps({"text": body}) + "\n", encoding="utf-8")
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + markup.encode()
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://port.example/dredging\r\n"
        "WARC-Date: 2024-03-02T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    paths["warc"].write_bytes(head.encode() + block + b"\r\n\r\n")
    return paths


def test_every_path_sanitises_alike(tmp_path: Path) -> None:
    """A .txt with a NUL was rejected as binary while JSON and JSONL let NULs and U+202E in:
    now every path keeps the page without them and says what it removed."""
    for kind, path in _write_every_path(tmp_path / "port", DIRTY).items():
        (page,) = _read(path)
        assert isinstance(page, Page), (kind, page)
        assert "\x00" not in page.content and "\u202e" not in page.content, kind
        assert "\x07" not in page.content and "elevenweeks" in page.content, kind
        assert page.sanitized == DONE, kind
    (page,) = read_jsonl(json.dumps({"html": DIRTY}), "api/1", None, Limits())
    assert isinstance(page, Page) and page.sanitized == DONE


def test_a_feed_item_is_sanitised_too(tmp_path: Path) -> None:
    text = " ".join(SENTENCES * 6).replace("eleven", "&#x202E;eleven", 1)
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Port</title>'
        "<link>https://port.example/</link><item><title>Dredging</title>"
        f"<link>https://port.example/dredging</link><description>{html.escape(text)}"
        "</description></item></channel></rss>"
    )
    path = tmp_path / "latest.rss"
    path.write_text(feed, encoding="utf-8")
    (page,) = _read(path)
    assert isinstance(page, Page) and "\u202e" not in page.content
    assert page.sanitized == {"bidi": 1} and page.encoding_basis == "assumed"


def test_a_feed_teaser_is_sanitised_too(tmp_path: Path) -> None:
    """A summary-only item (a teaser: printed by ``newsfold teasers``, served by the API)
    passes the sanitiser as a page does: no bidi override, control or terminal escape."""
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Port</title>'
        "<link>https://port.example/</link><item><title>evil &#x202E;txt.exe &#x1;x</title>"
        "<link>https://port.example/t</link><description>Tide tables\x07 &#x1b;[31m red"
        "</description></item></channel></rss>"
    )
    path = tmp_path / "latest.rss"
    path.write_text(feed, encoding="utf-8")
    (teaser,) = [x for x in read_file(path, stats=ReadStats()) if isinstance(x, FeedTeaser)]
    for text in (teaser.headline or "", teaser.summary):
        assert not any(c in text for c in "\u202e\x01\x07\x1b"), text
    assert teaser.headline == "evil txt.exe x" and teaser.summary.startswith("Tide tables")


def test_every_path_refuses_binary_alike(tmp_path: Path) -> None:
    noisy = BODY + "\x00" * 40
    for kind, path in _write_every_path(tmp_path / "bin", noisy).items():
        (r,) = _read(path)
        assert isinstance(r, Rejection) and r.reason == "binary", (kind, r)
        assert str(path) in r.message
    for kind, path in _write_every_path(tmp_path / "nul", "\x00\x00 \n\u202e").items():
        if kind in ("html", "warc"):
            continue  # the markup is text
        (r,) = _read(path)
        assert isinstance(r, Rejection) and r.reason == "empty", (kind, r)


def test_sanitised_pages_fold_and_serve(tmp_path: Path) -> None:
    """NUL, bidi and a lone surrogate (which no store can encode) through a fold, and through
    POST /pages: stored without them, with what was done."""
    pytest.importorskip("fastapi", reason="the [server] extra is not installed")
    from fastapi.testclient import TestClient

    from newsfold.server import create_app

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "p.jsonl").write_text(
        json.dumps({"text": DIRTY + "\nA lone \ud800 surrogate."}) + "\n", encoding="utf-8"
    )
    db = tmp_path / "s.db"
    fold([folder], db)
    client = TestClient(create_app(str(db), allowed_hosts=("testserver",)))
    other = DIRTY.replace("Monday", "Tuesday")
    r = client.post("/pages", json={"text": other, "url": "https://port.example/b"})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    with open_store(db) as store:
        rows = store._exec("SELECT content, sanitized FROM pages ORDER BY rowid").fetchall()
    assert len(rows) == 2
    assert json.loads(rows[0][1]) == {**DONE, "surrogate": 1}
    assert json.loads(rows[1][1]) == DONE
    assert all("\x00" not in c and "\u202e" not in c for c, _ in rows)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.BBC.co.uk/news/1", "bbc.co.uk"),
        ("https://www.example/", "www.example"),
        ("http://user@example.org:8080/a b", "example.org"),
        ("//cdn.example.com/x", "cdn.example.com"),
        ("example.com/path", "example.com"),
        ("example.com:8080/path", "example.com"),
        ("https://bücher.de/", "bücher.de"),
        ("https://news.example.com./a", "news.example.com"),
        ("javascript:alert(1)", None),
        ("JavaScript://evil.example/%0Aalert(1)", None),
        ("data:text/html,<script>x</script>", None),
        ("mailto:desk@example.com", None),
        ("ftp://files.example.com/a", None),
        (" https://evil.example/", None),
        ("https://evil.example/ ", None),
        ("\x01https://evil.example/", None),
        ("https://evil.\u202eexample/", None),
        ("https://127.0.0.1/a", None),
        ("http://[::1]/a", None),
        ("http://localhost:8000/a", None),
        ("http://intranet/a", None),
        ("https://evil.example\\@bbc.co.uk/", None),
        ("https://-bad-.example/", None),
        ("http://[::1/a", None),
        ("", None),
    ],
)
def test_outlets_only_from_http_urls_with_a_real_host(url: str, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_a_page_url_and_outlet_are_sanitised_too() -> None:
    page = make_page(
        "x.jsonl#1", "text", BODY, "https://port.example/\u202eevil", "har\x00bour\u2066", None
    )
    assert page.url == "https://port.example/evil" and page.outlet == "port.example"
    page = make_page("x.jsonl#1", "text", BODY, "\u202e", " har\x00bour ", None)
    assert page.url is None and page.outlet == "harbour"
    assert page.sanitized == {"bidi": 1, "nul": 1}


def test_a_page_of_a_foreign_scheme_keeps_its_folder_outlet() -> None:
    page = make_page("x.jsonl#1", "text", BODY, "javascript:alert(1)", "harbour-herald", None)
    assert page.outlet == "harbour-herald"


def test_extract_text_sanitises_as_a_fold_does() -> None:
    """``newsfold.extract_text`` (the Python API and ``compare`` of two texts) reads the page
    through the same sanitiser as every reader: no bidi override or NUL reaches its article."""
    from newsfold import extract_text

    article = extract_text(DIRTY, url="javascript:alert(1)", outlet="harbour-herald")
    text = "\n".join(article.paragraphs)
    assert "elevenweeks" in text
    assert not any(c in text for c in "\x00\x07\u202e\u2066\u2069")
    assert article.outlet == "harbour-herald"  # a foreign scheme names no outlet
