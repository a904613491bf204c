"""Web archives, feeds, compressed files and legacy encodings, on fixtures these tests write."""

from __future__ import annotations

import bz2
import gzip
from pathlib import Path

import pytest
import zstandard

from newsfold.read.files import ReadItem, read_paths
from newsfold.read.limits import Limits
from newsfold.records import FeedTeaser, Page, ReadStats, Rejection

ARTICLE = (
    "The harbour board approved a plan on Monday to dredge the northern channel before the "
    "winter storms, after two cargo ships ran aground on the same sandbar in one month. "
) * 6
HTML = (
    "<html><head><title>Harbour board approves dredging</title></head><body>"
    f"<h1>Harbour board approves dredging</h1><p>{ARTICLE}</p></body></html>"
)


def _record(rtype: str, uri: str, block: bytes, ctype: str, n: int) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-03-02T10:0{n}:00Z\r\nWARC-Record-ID: <urn:uuid:0000-{n}>\r\n"
        f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _http(status: int, ctype: str, body: bytes) -> bytes:
    return f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\n\r\n".encode() + body


def _archive() -> bytes:
    return b"".join(
        [
            _record("warcinfo", "", b"software: test", "application/warc-fields", 0),
            _record("request", "https://port.example/a", b"GET /a", "application/http", 1),
            _record(
                "response",
                "https://port.example/a",
                _http(200, "text/html; charset=utf-8", HTML.encode()),
                "application/http; msgtype=response",
                2,
            ),
            _record(
                "response",
                "https://port.example/logo.png",
                _http(200, "image/png", b"\x89PNG..."),
                "application/http; msgtype=response",
                3,
            ),
            _record(
                "response",
                "https://port.example/gone",
                _http(404, "text/html", b"<html>gone</html>"),
                "application/http; msgtype=response",
                4,
            ),
            _record("conversion", "https://port.example/b", ARTICLE.encode(), "text/plain", 5),
        ]
    )


def _read(path: Path, limits: Limits | None = None) -> tuple[list[ReadItem], ReadStats]:
    stats = ReadStats()
    return list(read_paths([path], limits=limits, stats=stats)), stats


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz", "crawl.wet", "crawl.warc.zst"])
def test_warc_pages_with_url_and_fetch_time(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    data = _archive()
    if name.endswith(".gz"):
        data = gzip.compress(data)
    elif name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    items, stats = _read(path)
    pages = [x for x in items if isinstance(x, Page)]
    assert [(p.kind, p.url, p.outlet) for p in pages] == [
        ("html", "https://port.example/a", "port.example"),
        ("text", "https://port.example/b", "port.example"),
    ]
    assert pages[0].fetched_at == "2024-03-02T10:02:00+00:00"
    assert pages[0].source == f"{path}#3" and pages[1].source == f"{path}#6"
    assert not [x for x in items if isinstance(x, Rejection)]
    assert stats.skipped["warcinfo"] == 1 and stats.skipped["request"] == 1
    assert stats.skipped["response (image/png)"] == 1
    assert stats.skipped["response (HTTP 404)"] == 1


def test_a_truncated_record_is_rejected_and_the_ones_before_kept(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    path.write_bytes(_archive()[:-200])
    items, _ = _read(path)
    assert [x.url for x in items if isinstance(x, Page)] == ["https://port.example/a"]
    rejected = [x for x in items if isinstance(x, Rejection)]
    assert [r.reason for r in rejected] == ["truncated"]
    assert rejected[0].source == f"{path}#6" and "cut short" in rejected[0].message


def test_a_warc_page_folds(tmp_path: Path) -> None:
    from newsfold import fold

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(_archive()))
    summary = fold([path], str(tmp_path / "s.db"))
    assert summary.added == 2 and summary.to_dict()["skipped_this_run"]["warcinfo"] == 1


RSS = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Port News</title><link>https://port.example/</link>
<item><title>Harbour board approves dredging</title><link>https://port.example/dredging</link>
<pubDate>Mon, 04 Mar 2024 09:30:00 +0000</pubDate>
<content:encoded><![CDATA[<p>{ARTICLE}</p>]]></content:encoded></item>
<item><title>Ferry timetable changes</title><link>https://port.example/ferry</link>
<description>Two evening sailings are added from June.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Port News</title>
<link href="https://port.example/"/><updated>2024-03-04T10:00:00Z</updated>
<entry><title>Harbour board approves dredging</title>
<link href="https://port.example/dredging"/><published>2024-03-04T09:30:00Z</published>
<updated>2024-03-04T10:00:00Z</updated>
<content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry></feed>"""


@pytest.mark.parametrize(("name", "feed"), [("news.rss", RSS), ("atom.xml", ATOM)])
def test_feed_items_with_full_text_become_pages(tmp_path: Path, name: str, feed: str) -> None:
    path = tmp_path / name
    path.write_text(feed, encoding="utf-8")
    items, stats = _read(path)
    pages = [x for x in items if isinstance(x, Page)]
    assert [(p.url, p.outlet, p.kind) for p in pages] == [
        ("https://port.example/dredging", "port.example", "html")
    ]
    from newsfold.extract import extract_page

    article = extract_page(pages[0])
    assert not isinstance(article, Rejection)
    assert article.headline == "Harbour board approves dredging"
    assert article.published is not None and article.published.startswith("2024-03-04T09:30")
    assert ("dredge the northern channel" in article.body) and "<p>" not in article.body
    if name.endswith(".rss"):  # the summary-only item is a teaser, not a page
        assert [t.url for t in items if isinstance(t, FeedTeaser)] == ["https://port.example/ferry"]
    assert not stats.skipped


def test_a_broken_feed_is_rejected_as_malformed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_bytes(b"<rss><channel><item><title>unclosed")
    items, _ = _read(path)
    assert [x.reason for x in items if isinstance(x, Rejection)] == ["malformed"]


def test_an_xml_file_that_is_no_feed_is_read_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    path.write_text("<?xml version='1.0'?><html><body><p>" + ARTICLE + "</p></body></html>")
    items, _ = _read(path)
    assert [x.kind for x in items if isinstance(x, Page)] == ["html"]


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Le café de la gare rouvre après les travaux — les habitués sont ravis. " * 4),
        ("shift_jis", "港の浚渫計画が月曜日に承認された。冬の嵐の前に北側の航路を整備する。" * 4),
        ("euc_kr", "항만청은 월요일 겨울 폭풍 전에 북쪽 수로를 준설하는 계획을 승인했다. " * 4),
        ("gb18030", "港务局周一批准了在冬季风暴来临前疏浚北部航道的计划。" * 4),
    ],
)
def test_legacy_encodings_are_detected_and_recorded(
    tmp_path: Path, encoding: str, text: str
) -> None:
    path = tmp_path / "site" / "page.txt"
    path.parent.mkdir()
    path.write_bytes(text.encode(encoding))
    items, _ = _read(path)
    page = items[0]
    assert isinstance(page, Page), page
    assert page.content == text
    assert page.encoding_basis == "detected"
    assert page.encoding == {"shift_jis": "cp932", "euc_kr": "cp949"}.get(encoding, encoding)


def test_a_declared_charset_is_used_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    html = "<html><head><meta charset='iso-8859-1'></head><body><p>Crème brûlée à la gare</p>"
    path.write_bytes(html.encode("iso-8859-1"))
    page = _read(path)[0][0]
    assert isinstance(page, Page) and "Crème brûlée" in page.content
    # as browsers read the label: ISO-8859-1 pages are windows-1252
    assert (page.encoding, page.encoding_basis) == ("cp1252", "declared")


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".zst"])
def test_compressed_files(tmp_path: Path, suffix: str) -> None:
    raw = ARTICLE.encode()
    packed = {
        ".gz": gzip.compress,
        ".bz2": bz2.compress,
        ".zst": zstandard.ZstdCompressor().compress,
    }[suffix](raw)
    path = tmp_path / "port" / f"dredging.txt{suffix}"
    path.parent.mkdir()
    path.write_bytes(packed)
    page = _read(tmp_path)[0][0]  # the folder walk finds compressed files too
    assert isinstance(page, Page) and page.content == ARTICLE and page.outlet == "port"


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".zst"])
def test_a_decompression_bomb_stops_at_the_limit(tmp_path: Path, suffix: str) -> None:
    raw = b"a" * 3_000_000  # packs to a few kilobytes
    packed = {
        ".gz": gzip.compress,
        ".bz2": bz2.compress,
        ".zst": zstandard.ZstdCompressor().compress,
    }[suffix](raw)
    path = tmp_path / f"bomb.txt{suffix}"
    path.write_bytes(packed)
    items, _ = _read(path, Limits(max_file_bytes=1_000_000))
    assert [x.reason for x in items if isinstance(x, Rejection)] == ["too_large"]


def _gzip_response(body: bytes) -> bytes:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip"
    return head + b"\r\n\r\n" + gzip.compress(body)


def test_a_gzip_encoded_response_is_inflated(tmp_path: Path) -> None:
    path = tmp_path / "enc.warc"
    block = _gzip_response(HTML.encode())
    path.write_bytes(_record("response", "https://port.example/a", block, "application/http", 1))
    (page,) = _read(path)[0]
    assert isinstance(page, Page) and "dredge the northern channel" in page.content


def test_a_response_that_inflates_past_the_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bomb.warc"
    block = _gzip_response(b"<p>" + b"a" * 2_000_000)  # a few kilobytes on disk
    path.write_bytes(_record("response", "https://port.example/a", block, "application/http", 1))
    items, _ = _read(path, Limits(max_page_bytes=10_000))
    assert [x.reason for x in items if isinstance(x, Rejection)] == ["too_large"]


def test_inflating_stops_at_the_cap() -> None:
    from newsfold.read.warc import split_http

    status, headers, body = split_http(_gzip_response(b"a" * 5_000_000), cap=1_000)
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert len(body) == 1_000  # never the whole five megabytes in memory
