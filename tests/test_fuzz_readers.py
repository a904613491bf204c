"""Fuzzing every reader (Hypothesis, bounded: the file runs in well under a minute): arbitrary
bytes, and well-formed inputs then mutated (bytes flipped, cut, spliced), given to the decoder,
to ``read_file`` under every suffix it reads (compressed too), to the JSONL, feed and WARC
readers directly, to the sanitiser, to ``outlet_from_url``, ``make_page`` and the extractor. No
exception may escape: every input is a page, a teaser or a rejection naming the input."""

from __future__ import annotations

import bz2
import codecs
import gzip
import json
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfold import extract_text
from newsfold.errors import InputError
from newsfold.read.feeds import read_feed
from newsfold.read.files import read_file, stream_jsonl
from newsfold.read.limits import Limits
from newsfold.read.pages import decode, decode_payload, make_page, outlet_from_url
from newsfold.read.sanitize import sanitize
from newsfold.read.warc import read_warc
from newsfold.records import Article, FeedTeaser, Page, ReadStats, Rejection

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LIMITS = Limits(max_page_bytes=20_000, max_line_chars=5_000, max_lines=2_000, max_depth=64)
STORY = (
    "Le conseil de Saint-Étienne a voté mardi un budget de 412 millions d'euros.\n"
    "Zażółć gęślą jaźń: rząd przyjął budżet. 台風十号が九州南部に上陸した。\n"
    "The board said the £15m cost would be met from port fees, not rates.\n"
)
SUFFIXES = [".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".xml", ".rss", ".atom",
            ".warc", ".wet"]  # fmt: skip
WRAPPERS: dict[str, Callable[[bytes], bytes]] = {
    "": lambda b: b,
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".zst": zstandard.ZstdCompressor().compress,
}
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252",
          "cp1250", "shift_jis", "gb18030", "latin-1"]  # fmt: skip


def _feed(body: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Port</title>'
        "<link>https://port.example/</link><item><title>Dredging</title>"
        f"<link>https://port.example/a</link><description>{body}</description></item>"
        "</channel></rss>"
    ).encode()


def _warc(body: bytes) -> bytes:
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://port.example/a\r\n"
        "WARC-Date: 2024-03-02T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


# well-formed inputs of each kind, which the mutations then break
SEEDS: dict[str, bytes] = {
    ".txt": STORY.encode(),
    ".html": f"<html><body><article><p>{STORY}</p></article></body></html>".encode(),
    ".jsonl": (json.dumps({"text": STORY, "url": "https://a.example/1"}) + "\n").encode() * 3,
    ".rss": _feed(STORY * 10),
    ".xml": _feed("short"),
    ".warc": _warc(f"<html><body><p>{STORY}</p>".encode()) * 2,
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few bytes flipped, ranges cut or random bytes spliced in, or cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "cut", "splice", "end"]))
        if op == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "splice":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        else:
            del data[at:]
    return bytes(data)


def _check(items: list[object], source: str) -> None:
    for item in items:
        assert isinstance(item, Page | FeedTeaser | Rejection), item
        if isinstance(item, Rejection):
            assert item.reason and source in item.message, item
        if isinstance(item, Page):
            item.content.encode("utf-8")  # storable: no lone surrogate left
            assert "\x00" not in item.content and "\u202e" not in item.content


def _read_as(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(data)
        _check(list(read_file(path, limits=LIMITS, stats=ReadStats())), str(path))


@FUZZ
@given(data=st.binary(max_size=3000), declared=st.none() | st.text(max_size=20))
def test_decode_any_bytes(data: bytes, declared: str | None) -> None:
    got = decode_payload(data, "in.txt", declared)
    if isinstance(got, Rejection):
        assert got.reason in ("binary", "undecodable") and "in.txt" in got.message
    else:
        text, how = got
        assert isinstance(text, str) and how.endswith(("(declared)", "(detected)"))
    assert isinstance(decode(data, "in.txt"), str | Rejection)


@FUZZ
@given(
    text=st.text(max_size=400) | st.just(STORY),
    codec=st.sampled_from(CODECS),
    data=st.data(),
)
def test_decode_encoded_then_mutated_text(text: str, codec: str, data: st.DataObject) -> None:
    try:
        raw = text.encode(codec)
    except UnicodeEncodeError:
        raw = text.encode(codec, "replace")
    raw = data.draw(st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])) + raw
    got = decode_payload(data.draw(mutated(raw)), "in.html", data.draw(st.none() | st.just(codec)))
    assert isinstance(got, tuple | Rejection)


@FUZZ
@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from(SUFFIXES),
    wrapper=st.sampled_from(list(WRAPPERS)),
)
def test_read_file_any_bytes_under_every_suffix(data: bytes, suffix: str, wrapper: str) -> None:
    # the bytes as they are (a broken compressed stream), then wrapped (a sound one)
    _read_as(f"in{suffix}{wrapper}", data)
    _read_as(f"in{suffix}{wrapper}", WRAPPERS[wrapper](data))


@FUZZ
@given(kind=st.sampled_from(list(SEEDS)), wrapper=st.sampled_from(list(WRAPPERS)), data=st.data())
def test_read_file_well_formed_inputs_mutated(kind: str, wrapper: str, data: st.DataObject) -> None:
    seed = WRAPPERS[wrapper](SEEDS[kind])
    # mutated after compression (a damaged archive) or before (damaged content, sound wrapper)
    if data.draw(st.booleans()):
        raw = data.draw(mutated(seed))
    else:
        raw = WRAPPERS[wrapper](data.draw(mutated(SEEDS[kind])))
    _read_as(f"in{kind}{wrapper}", raw)


# found by the test above: zlib.error (no OSError) escaped read_file and stream_jsonl
DAMAGED_GZIP = bytearray(gzip.compress(STORY.encode() * 4))
DAMAGED_GZIP[12] ^= 0xFF  # the first byte of the deflate stream: "invalid block type"


@pytest.mark.parametrize("name", ["page.txt.gz", "pages.jsonl.gz", "feed.rss.gz"])
def test_a_damaged_gzip_stream_is_a_rejection(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bytes(DAMAGED_GZIP))
    items = list(read_file(path, limits=LIMITS, stats=ReadStats()))
    assert items and all(isinstance(x, Rejection) for x in items), items


@FUZZ
@given(
    lines=st.lists(
        st.one_of(
            st.binary(max_size=200),
            st.text(max_size=200).map(str.encode),
            st.dictionaries(
                st.sampled_from(["text", "html", "url", "outlet", "fetched_at", "x"]),
                st.one_of(st.text(max_size=300), st.integers(), st.none(), st.lists(st.none())),
            ).map(lambda d: json.dumps(d).encode()),
            st.just(b'{"text": ' + b"[" * 50 + b"]" * 50 + b"}"),
        ),
        max_size=8,
    )
)
def test_stream_jsonl_any_lines(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "pages.jsonl"
        path.write_bytes(b"\n".join(lines))
        _check(list(stream_jsonl(path, None, LIMITS)), str(path))


def test_a_deeply_nested_jsonl_line_is_a_rejection(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b"[" * 100_000 + b"\n" + (json.dumps({"text": STORY}) + "\n").encode())
    items = list(stream_jsonl(path, None, LIMITS))
    assert [type(x).__name__ for x in items] == ["Rejection", "Page"]


@FUZZ
@given(data=st.data())
def test_read_feed_any_and_mutated(data: st.DataObject) -> None:
    raw = data.draw(
        st.binary(max_size=2000)
        | mutated(_feed(STORY * 10))
        | st.text(max_size=400).map(lambda t: _feed(t))
    )
    path = Path("feed.rss")
    _check(list(read_feed(raw, path, None, LIMITS, Counter())), str(path))


@FUZZ
@given(data=st.data())
def test_read_warc_any_and_mutated(data: st.DataObject) -> None:
    raw = data.draw(st.binary(max_size=2000) | mutated(SEEDS[".warc"]))
    raw = data.draw(st.sampled_from([lambda b: b, gzip.compress]))(raw)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "crawl.warc"
        path.write_bytes(raw)
        _check(list(read_warc(path, None, LIMITS, Counter())), str(path))


@FUZZ
@given(text=st.text(max_size=500), kind=st.sampled_from(["text", "html"]))
def test_sanitize_leaves_no_controls_and_is_idempotent(text: str, kind: str) -> None:
    clean, done = sanitize(text, kind)
    clean.encode("utf-8")
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in clean)
    assert not any("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" for c in clean)
    assert sanitize(clean, kind) == (clean, {})
    assert all(n > 0 for n in done.values())


URL_PARTS = st.sampled_from(["http://", "https://", "//", "javascript:", "data:", " ", "\x00",
                             "\u202e", "www.", "a.example", "[::1]", "127.0.0.1", ":80", "/", "@",
                             "\\", "%0a", ".", "-", "localhost", "ü"])  # fmt: skip


@FUZZ
@given(url=st.text(max_size=60) | st.lists(URL_PARTS, max_size=8).map("".join))
def test_outlet_from_any_url(url: str) -> None:
    outlet = outlet_from_url(url)
    if outlet is not None:
        assert outlet == outlet.lower() and "." in outlet and outlet.strip() == outlet
        assert not any(c in outlet for c in "/:@\\ \x00\u202e[]")
        assert not url.lower().lstrip().startswith(("javascript:", "data:"))


@FUZZ
@given(content=st.text(max_size=500), url=st.none() | st.text(max_size=40))
def test_make_page_any_content(content: str, url: str | None) -> None:
    page = make_page("in.jsonl#1", "html", content, url, "folder", None, "utf-8")
    page.content.encode("utf-8")
    assert page.outlet == (outlet_from_url(page.url) or "folder")


_TAG = st.sampled_from(["p", "div", "article", "h1", "span", "a", "script", "table", "li"])


@st.composite
def html_pages(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 6 and draw(st.booleans()):
            tag = draw(_TAG)
            parts.append(f"<{tag}>{draw(html_pages(depth + 1))}</{tag}>")
        else:
            parts.append(
                draw(st.text(max_size=80) | st.sampled_from([STORY, "<", "&#x202E;", "<a"]))
            )
    return "".join(parts)


@FUZZ
@given(page=html_pages() | st.text(max_size=600), kind=st.sampled_from(["text", "html"]))
def test_extract_any_text_or_html(page: str, kind: str) -> None:
    try:
        article = extract_text(page, kind=kind)  # type: ignore[arg-type]
    except InputError as e:
        assert "<text>" in str(e)
        return
    assert isinstance(article, Article) and article.paragraphs
