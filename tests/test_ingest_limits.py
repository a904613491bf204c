"""Limits on untrusted input: each breach is a rejection with its own reason and the numbers,
the rest of the batch goes on, and decompression stops at the limit for every compressed form.
Every fixture is written here."""

from __future__ import annotations

import bz2
import gzip
import json
from pathlib import Path

import lxml.html
import pytest
import zstandard
from click.testing import CliRunner

from newsfold.cli import main
from newsfold.read.files import ReadItem, read_paths
from newsfold.read.limits import Limits, html_depth
from newsfold.records import Page, Rejection

SENTENCE = "The council voted on Tuesday to reopen the old market hall as a library. "


def _sentences(n: int) -> list[str]:
    """``n`` sentences, no two alike."""
    places = [
        "market",
        "hall",
        "library",
        "museum",
        "theatre",
        "school",
        "station",
        "garden",
        "chapel",
        "mill",
        "pier",
    ]
    return [
        f"The council voted on Tuesday to reopen the old {a} beside the {b} as a {c}."
        for a in places
        for b in places
        for c in places
        if len({a, b, c}) == 3
    ][:n]


def _read(path: Path, limits: Limits | None = None) -> list[ReadItem]:
    return list(read_paths([path], limits=limits))


def _reasons(items: list[ReadItem]) -> list[str]:
    return [x.reason for x in items if isinstance(x, Rejection)]


def _nested(depth: int, inner: str = "<p>deep text</p>") -> str:
    return "<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>"


def test_a_dump_with_too_many_lines_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "site" / "long.txt"
    path.parent.mkdir()
    path.write_text("\n".join([SENTENCE] * 50))
    assert isinstance(_read(path, Limits(max_lines=50))[0], Page)  # at the limit: kept
    (rej,) = _read(path, Limits(max_lines=49))
    assert isinstance(rej, Rejection) and rej.reason == "too_many_lines"
    assert rej.message == f"{path}: 50 lines exceeds the limit of 49"


def test_an_over_long_line_is_rejected_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "site" / "blob.txt"
    path.parent.mkdir()
    path.write_text(SENTENCE + "\n" + "A" * 5_000 + "\n" + SENTENCE)
    (rej,) = _read(path, Limits(max_line_chars=4_999))
    assert isinstance(rej, Rejection) and rej.reason == "line_too_long"
    assert "line 2 has 5,000 characters, over the limit of 4,999" in rej.message
    assert isinstance(_read(path, Limits(max_line_chars=5_000))[0], Page)


def test_html_line_limits_do_not_apply(tmp_path: Path) -> None:
    # minified HTML is one long line: only its depth and size are held to limits
    path = tmp_path / "min.html"
    path.write_text("<html><body>" + f"<p>{SENTENCE}</p>" * 200 + "</body></html>")
    assert isinstance(_read(path, Limits(max_line_chars=1_000, max_lines=1))[0], Page)


def test_html_nested_past_the_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(_nested(300))
    (rej,) = _read(path)
    assert isinstance(rej, Rejection) and rej.reason == "too_deep"
    assert "nested more than 256 elements deep" in rej.message
    assert isinstance(_read(path, Limits(max_depth=400))[0], Page)


@pytest.mark.parametrize(("depth", "kept"), [(200, True), (300, False)])
def test_the_default_depth_is_where_the_parser_stops(depth: int, kept: bool) -> None:
    # the reason for 256: past it lxml (libxml2) drops the rest of the page, so a page the
    # limit lets through is one the extractor sees whole
    tree = lxml.html.fromstring(_nested(depth, "<p>deep text</p>") + "<p>after</p>")
    assert ("deep text" in tree.text_content()) is kept
    assert (html_depth(_nested(depth)) <= Limits().max_depth) is kept


def test_depth_counts_elements_as_a_browser_nests_them() -> None:
    assert html_depth(_nested(10)) == 13  # html, body, ten divs, p
    # unclosed paragraphs and list items close each other; void and self-closed hold nothing
    sloppy = "<html><body><ul>" + "<li><p>item<br><img src=x>" * 1_000 + "</ul><div/></body>"
    assert html_depth(sloppy) == 6  # html body ul li p, and br/img one level below p
    # tags inside comments and scripts are text
    assert html_depth("<div><!--" + "<div>" * 500 + "--><script>" + "<b>" * 500) == 2
    assert html_depth(_nested(1_000), stop_at=50) == 51  # stops counting past the limit


def test_a_deep_jsonl_record_is_rejected_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    records = [
        {"html": _nested(5, f"<p>{SENTENCE}</p>")},
        {"html": _nested(400)},
        {"text": SENTENCE},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records))
    items = _read(path)
    assert [type(x).__name__ for x in items] == ["Page", "Rejection", "Page"]
    assert _reasons(items) == ["too_deep"] and items[1].source == f"{path}#2"


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".zst"])
def test_a_one_page_file_stops_decompressing_at_the_page_limit(tmp_path: Path, suffix: str) -> None:
    pack = {".gz": gzip.compress, ".bz2": bz2.compress, ".zst": zstandard.compress}[suffix]
    path = tmp_path / f"bomb.txt{suffix}"
    path.write_bytes(pack(b"a" * 50_000))  # a few hundred bytes on disk
    (rej,) = _read(path, Limits(max_page_bytes=10_000))  # the file limit is far away
    assert isinstance(rej, Rejection) and rej.reason == "too_large"
    assert "decompresses to more than 40,000 bytes" in rej.message


def test_a_file_of_many_pages_may_exceed_one_page(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl.gz"
    lines = [json.dumps({"text": f"{n} {SENTENCE * 6}"}) for n in range(10)]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))  # ~5 kB, over 4 x 1,000
    items = _read(path, Limits(max_page_bytes=1_000))
    assert len([x for x in items if isinstance(x, Page)]) == 10


@pytest.mark.parametrize("suffix", ["", ".gz", ".bz2", ".zst"])
def test_a_jsonl_file_is_streamed_and_stops_at_the_file_limit(tmp_path: Path, suffix: str) -> None:
    pack = {"": bytes, ".gz": gzip.compress, ".bz2": bz2.compress, ".zst": zstandard.compress}
    lines = [json.dumps({"text": f"{n} {SENTENCE * 3}"}) for n in range(40)]
    path = tmp_path / f"many.jsonl{suffix}"
    path.write_bytes(pack[suffix]("\n".join(lines).encode()))
    limit = sum(len(x) + 1 for x in lines[:25])  # lines 1 to 25 fit, 26 does not
    items = _read(path, Limits(max_file_bytes=limit))
    pages = [x for x in items if isinstance(x, Page)]
    assert [p.source for p in pages] == [f"{path}#{n}" for n in range(1, 26)]
    assert len(items) == 26 and _reasons(items) == ["too_large"]
    assert f"more than {limit:,} bytes; lines from 26 on" in items[-1].message


def test_jsonl_records_are_split_on_line_feeds_only(tmp_path: Path) -> None:
    # U+2028 and a lone CR may sit inside a record's strings; a legacy export may be Latin-1
    path = tmp_path / "pages.jsonl"
    one = json.dumps({"text": f"{SENTENCE}\u2028{SENTENCE}\r{SENTENCE}"}, ensure_ascii=False)
    latin = f"Caf\u00e9 {SENTENCE} The caf\u00e9 re-opened in the fa\u00e7ade's shade. " * 8
    two = json.dumps({"text": latin}, ensure_ascii=False).encode("latin-1")
    short = json.dumps({"text": "Caf\u00e9"}, ensure_ascii=False).encode("latin-1")
    path.write_bytes(b"\xef\xbb\xbf" + one.encode() + b"\r\n\n" + two + b"\n" + short)
    items = _read(path)
    assert [type(x).__name__ for x in items] == ["Page", "Page", "Page"]
    assert "\u2028" in items[0].content and items[1].content.startswith("Caf\u00e9 ")
    assert items[1].source == f"{path}#3"
    # however short, undeclared Western bytes read as windows-1252, as browsers read them
    assert items[2].content == "Caf\u00e9" and items[2].source == f"{path}#4"


def test_a_binary_jsonl_file_is_rejected_whole(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (rej,) = _read(path)
    assert isinstance(rej, Rejection) and rej.reason == "binary"


def _warc_record(uri: str, body: bytes) -> bytes:
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        "WARC-Date: 2024-03-02T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def test_a_gzipped_warc_record_that_inflates_past_the_limit_is_rejected(tmp_path: Path) -> None:
    # gzipped per record, as crawlers write them: the bomb is one member, the next is read
    bomb = gzip.compress(_warc_record("https://a.example/bomb", b"<p>" + b"a" * 3_000_000))
    good = gzip.compress(
        _warc_record("https://a.example/ok", f"<html><body><p>{SENTENCE}</p>".encode())
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(bomb + good)
    assert len(bomb) < 20_000
    items = _read(path, Limits(max_page_bytes=10_000))
    assert _reasons(items) == ["too_large"]
    assert [x.url for x in items if isinstance(x, Page)] == ["https://a.example/ok"]


def test_fold_flags_set_the_limits(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    # lines of their own (a line printed three times or more is a gallery's, not an article's)
    (site / "a.txt").write_text("\n".join(_sentences(30)))
    (site / "b.txt").write_text("\n".join(_sentences(3)))
    db = str(tmp_path / "s.db")
    out = CliRunner().invoke(main, ["fold", str(site), "--db", db, "--max-lines", "10", "--json"])
    assert out.exit_code == 3, out.output  # completed, with rejections
    summary = json.loads(out.stdout)
    assert summary["added"] == 1 and summary["rejected_this_run"] == 1
    assert "a.txt: 30 lines exceeds the limit of 10" in out.stderr
    rows = json.loads(CliRunner().invoke(main, ["rejected", "--db", db, "--json"]).stdout)
    assert [(Path(r["source"]).name, r["reason"]) for r in rows] == [("a.txt", "too_many_lines")]
    # the same input with a higher limit takes the page in
    again = CliRunner().invoke(main, ["fold", str(site), "--db", db, "--json"])
    assert again.exit_code == 0 and json.loads(again.stdout)["added"] == 1
    # and it is no longer on the rejected list
    assert json.loads(CliRunner().invoke(main, ["rejected", "--db", db, "--json"]).stdout) == []
    bad = CliRunner().invoke(main, ["fold", str(site), "--db", db, "--max-depth", "0"])
    assert bad.exit_code == 2 and "--max-depth" in bad.output
