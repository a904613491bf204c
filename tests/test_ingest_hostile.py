"""Hostile inputs, one case at a time: whatever a file or record does, it is that input's
rejection with its own reason, the rest of the batch goes on, and no read or check does more
than bounded, linear work. Every fixture is written here (the whole folder, folded by the real
command under a memory limit, is tests/test_hostile_inputs.py)."""

from __future__ import annotations

import bz2
import gzip
import json
import os
import signal
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
import zstandard

from newsfold.read.files import ReadItem, read_jsonl, read_paths
from newsfold.read.inputs import source_name
from newsfold.read.limits import Limits, check_text, html_depth
from newsfold.read.pages import make_page, url_from_html
from newsfold.records import Article, Page, Rejection
from newsfold.steps import extract_batch
from newsfold.store import open_store

STORY = (
    "Harbour board approves dredging of the northern channel\n\n"
    "The harbour board approved a plan on Monday to dredge the northern channel before the "
    "winter storms, after two cargo ships ran aground on the same sandbar within a month.\n\n"
    "Work is due to start in October and to last six weeks, the board's chair said.\n"
)


def _read(*paths: Path, limits: Limits | None = None) -> list[ReadItem]:
    return list(read_paths(paths, limits=limits))


def _reasons(items: list[ReadItem], root: Path | None = None) -> dict[str, str]:
    cut = f"{root}/" if root else ""
    return {x.source.removeprefix(cut): x.reason for x in items if isinstance(x, Rejection)}


def _pages(items: list[ReadItem]) -> list[Page]:
    return [x for x in items if isinstance(x, Page)]


class Blocked(BaseException):  # no OSError, which a reader may take as a bad file and go on
    pass


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail, rather than hang, a test whose read blocks (SIGALRM every 10 s till it ends)."""

    def fail(signum: int, frame: object) -> None:
        raise Blocked("the read blocked")

    old = signal.signal(signal.SIGALRM, fail)
    signal.setitimer(signal.ITIMER_REAL, 10, 10)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, old)


# -- linear-time checks on markup ---------------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        "<a" + "b" * 200_000,  # 1 min 42 s at 100,000 letters before
        "<a " * 100_000,
        "<div x=" * 50_000,
        "<script" * 50_000,
        "<script>" + "</script" * 50_000,
        "<!--" * 50_000,
        "</a" * 100_000,
    ],
)
def test_the_depth_check_is_linear_on_hostile_markup(markup: str) -> None:
    page = f"<html><body><p>{STORY}</p>{markup}</body></html>"
    start = time.perf_counter()
    assert check_text(page, "x.html", Limits(), "html") is None
    assert html_depth(page) <= 3
    assert time.perf_counter() - start < 0.5


def test_the_depth_check_still_counts_as_before() -> None:
    assert html_depth("<div>" * 300 + "<br/><img src=x>") == 301
    assert html_depth("<ul>" + "<li><p>a" * 50 + "</ul>") == 3
    assert html_depth("<div><SCRIPT>" + "<b>" * 99 + "</script ><div><div>") == 3
    assert html_depth("<div><!--" + "<div>" * 99 + "--><p>") == 2
    assert html_depth("<a" + "b" * 1_000 + "><c>") == 2  # a tag only ends at its ">"


def test_a_raw_text_element_is_named_in_ascii_letters() -> None:
    # "scr\u0131pt" (a dotless i) folds to "script" only in Unicode's case rules, which an HTML
    # tokenizer does not use: it is an element of its own, and the page is read (it raised before)
    assert html_depth("<div><scr\u0131pt><b>" + "<i>" * 5 + "</script>") == 8
    assert html_depth("<div><sCrIpT type=x>" + "<b>" * 5 + "</ScRiPt\n>") == 2


def test_the_canonical_url_is_found_in_linear_time() -> None:
    junk = "<link rel=x " * 20_000  # 38 s before: a search from each "<link" to the end
    start = time.perf_counter()
    assert url_from_html(f"<html><head>{junk}</head><p>{STORY}</p>") is None
    assert time.perf_counter() - start < 0.5
    page = '<head><link rel="stylesheet" href="/a.css"><link href="https://h.example/x" rel="canonical">'
    assert url_from_html(page) == "https://h.example/x"
    assert url_from_html('<meta property="og:url" content="https://h.example/y">') == (
        "https://h.example/y"
    )


# -- JSON Lines --------------------------------------------------------------------------------


def test_a_record_nested_past_the_parser_is_too_deep_and_the_file_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "\n" + json.dumps({"text": STORY}) + "\n")
    items = _read(path)
    assert _reasons(items, tmp_path) == {"deep.jsonl#1": "too_deep"}
    assert [p.source for p in _pages(items)] == [f"{path}#2"]
    (got,) = read_jsonl("{" * 50_000, "api/x", None, Limits())  # the POST /pages path too
    assert isinstance(got, Rejection) and got.reason in ("too_deep", "malformed")


def test_a_line_past_the_record_limit_is_never_held(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl.gz"
    good = json.dumps({"text": STORY}).encode()
    with gzip.open(path, "wb") as f:
        f.write(good + b"\n" + b'{"text": "' + b"a" * 8_000_000 + b'"}\n' + good + b"\n")
    limits = Limits(max_page_bytes=10_000)  # a record holds at most 6 x 10,000 + 65,536 bytes
    tracemalloc.start()
    items = _read(path, limits=limits)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2_000_000, peak  # the 8 MB line was counted, not buffered
    assert [p.source for p in _pages(items)] == [f"{path}#1", f"{path}#3"]
    (rej,) = [x for x in items if isinstance(x, Rejection)]
    assert rej.source == f"{path}#2" and rej.reason == "too_large"
    assert "line longer than 125,536 bytes" in rej.message


def test_a_newline_bomb_is_rejected_at_the_file_limit_quickly(tmp_path: Path) -> None:
    path = tmp_path / "newlines.jsonl.gz"
    member = gzip.compress(b"\n" * (16 << 20))
    path.write_bytes(member * 16)  # 256 MiB of line feeds in 4 kB
    start = time.perf_counter()
    (rej,) = _read(path, limits=Limits(max_file_bytes=200_000_000))
    assert time.perf_counter() - start < 5
    assert isinstance(rej, Rejection) and rej.reason == "too_large"
    assert "more than 200,000,000 bytes; lines from 200,000,001 on are not read" in rej.message


def test_a_zero_bomb_is_binary_at_once(tmp_path: Path) -> None:
    gz, zst = tmp_path / "zero.jsonl.gz", tmp_path / "zero.jsonl.zst"
    gz.write_bytes(gzip.compress(bytes(64 << 20)))
    zst.write_bytes(zstandard.compress(bytes(64 << 20)))
    start = time.perf_counter()
    assert _reasons(_read(gz, zst), tmp_path) == {
        "zero.jsonl.gz": "binary",
        "zero.jsonl.zst": "binary",
    }
    assert time.perf_counter() - start < 1


def test_a_file_of_rejected_lines_stops_after_a_thousand(tmp_path: Path) -> None:
    path = tmp_path / "objects.jsonl"
    path.write_text(json.dumps({"text": STORY}) + "\n" + "{}\n" * 5_000)
    items = _read(path)
    assert len(_pages(items)) == 1 and len(items) == 1 + 1_000 + 1
    last = items[-1]
    assert isinstance(last, Rejection) and last.source == str(path) and last.reason == "malformed"
    assert "1,000 lines in a row rejected (to line 1,001)" in last.message
    assert "lines from 1,002 on are not read" in last.message


@pytest.mark.parametrize(
    "name", ["empty.jsonl", "blank.jsonl", "empty.jsonl.zst", "empty.jsonl.gz"]
)
def test_a_jsonl_file_without_records_is_empty(tmp_path: Path, name: str) -> None:
    data = {"blank.jsonl": b"\n \n\t\n", "empty.jsonl.gz": gzip.compress(b"")}.get(name, b"")
    (tmp_path / name).write_bytes(data)
    assert _reasons(_read(tmp_path / name), tmp_path) == {name: "empty"}


def test_a_lone_surrogate_in_a_record_is_replaced_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "Harbour \\ud800 news"}\n{"text": "Paired \\ud83d\\ude00 is fine"}\n')
    items = _read(path)
    assert _reasons(items, tmp_path) == {}
    first, second = _pages(items)
    assert first.content == "Harbour \ufffd news" and first.sanitized == {"surrogate": 1}
    assert "\U0001f600" in second.content and not second.sanitized


# -- compressed streams --------------------------------------------------------------------------

PACK = {".gz": gzip.compress, ".bz2": bz2.compress, ".zst": zstandard.compress}


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".zst"])
def test_a_truncated_compressed_page_is_rejected_not_stored_cut(
    tmp_path: Path, suffix: str
) -> None:
    data = PACK[suffix]((STORY * 200).encode())
    path = tmp_path / f"cut.txt{suffix}"
    path.write_bytes(data[: len(data) // 2])
    (rej,) = _read(path)
    assert isinstance(rej, Rejection) and rej.reason == "truncated", rej
    assert str(path) in rej.message and "cut short" in rej.message


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".zst"])
def test_a_truncated_jsonl_keeps_the_records_before_the_cut(tmp_path: Path, suffix: str) -> None:
    lines = [json.dumps({"text": f"{n} {STORY}"}) for n in range(6_000)]  # bzip2: 2 blocks
    data = PACK[suffix]("\n".join(lines).encode())
    path = tmp_path / f"cut.jsonl{suffix}"
    path.write_bytes(data[: len(data) * 9 // 10])  # bzip2 gives nothing of a cut block
    items = _read(path)
    assert items[-1] == Rejection(str(path), "truncated", items[-1].message)  # type: ignore[union-attr]
    assert 0 < len(_pages(items)) < 6_000 and len(items) == len(_pages(items)) + 1


def test_several_zstd_frames_are_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "two.txt.zst"
    path.write_bytes(zstandard.compress(b"Harbour board\n\n") + zstandard.compress(STORY.encode()))
    (page,) = _read(path)
    assert isinstance(page, Page) and page.content == "Harbour board\n\n" + STORY


@pytest.mark.parametrize("name", ["plain.txt.gz", "plain.txt.bz2", "plain.txt.zst"])
def test_a_file_that_is_not_its_compression_is_malformed(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(STORY)
    assert _reasons(_read(tmp_path / name), tmp_path) == {name: "malformed"}


# -- what is no file, and links ---------------------------------------------------------------


def test_a_pipe_socket_or_device_is_not_a_file_and_never_opened(
    tmp_path: Path, no_hang: None
) -> None:
    import socket

    os.mkfifo(tmp_path / "pipe.txt")  # opening it to read would wait for a writer for ever
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "s.html"))
    sock.close()
    (tmp_path / "good.txt").write_text(STORY)
    items = _read(tmp_path, tmp_path / "pipe.txt", Path("/dev/null"))
    assert _reasons(items) == {
        f"{tmp_path}/pipe.txt": "not_a_file",
        f"{tmp_path}/s.html": "not_a_file",
        "/dev/null": "not_a_file",
    }
    assert "a named pipe (FIFO)" in str(items)
    assert "a character device" in str(items)
    assert [p.source for p in _pages(items)] == [f"{tmp_path}/good.txt"]


def test_symlinks_are_followed_inside_the_tree_only(tmp_path: Path) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    (tree / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0:secret\n" + STORY)
    (outside / "folder").mkdir()
    (outside / "folder" / "page.txt").write_text(STORY)
    (tree / "sub" / "real.txt").write_text(STORY)
    os.symlink(outside / "passwd", tree / "passwd.txt")
    os.symlink(outside / "folder", tree / "folder")
    os.symlink("../../outside/passwd", tree / "sub" / "relative.txt")
    os.symlink("sub/real.txt", tree / "alias.txt")  # inside: the real file, once
    os.symlink("sub", tree / "a-folder-link")  # inside: the real folder, once
    os.symlink("..", tree / "sub" / "up")  # a loop back to the root: walked once
    os.symlink("nowhere.txt", tree / "dangling.txt")
    os.symlink("self.txt", tree / "self.txt")
    items = _read(tree)
    assert _reasons(items, tree) == {
        "passwd.txt": "outside_tree",
        "folder": "outside_tree",
        "sub/relative.txt": "outside_tree",
        "dangling.txt": "missing",
        "self.txt": "link_loop",
    }
    assert [p.source for p in _pages(items)] == [f"{tree}/sub/real.txt"]
    assert not any("secret" in p.content for p in _pages(items))
    rej = {x.source: x for x in items if isinstance(x, Rejection)}
    assert (
        f"a symlink to {outside}/passwd, outside the folder given ({tree})"
        in rej[f"{tree}/passwd.txt"].message
    )
    # a file named on its own is held to the folder it lies in
    assert _reasons(_read(tree / "passwd.txt"), tree) == {"passwd.txt": "outside_tree"}
    assert _pages(_read(tree / "alias.txt"))


def test_a_folder_that_cannot_be_listed_is_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(STORY)
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "b.txt").write_text(STORY + "More.\n")
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str]) -> object:
        if Path(path).name == "locked":  # as chmod 000 does for all but root
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = _read(tmp_path)
    assert _reasons(items, tmp_path) == {"locked": "unreadable"}
    assert "cannot list this folder (Permission denied)" in str(items)
    assert len(_pages(items)) == 1


def test_a_name_that_is_not_utf8_is_stored_and_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / os.fsdecode(b"caf\xe9")
    folder.mkdir()
    (folder / os.fsdecode(b"page-\xff.txt")).write_text(STORY)
    (folder / os.fsdecode(b"empty-\xfe.txt")).write_text("")
    items = _read(tmp_path)
    (page,) = _pages(items)
    assert page.source == f"{tmp_path}/caf\\xe9/page-\\xff.txt"
    assert page.outlet == "caf\\xe9"  # the folder's name, as the outlet
    assert _reasons(items, tmp_path) == {"caf\\xe9/empty-\\xfe.txt": "empty"}
    json.dumps([str(x) for x in items], ensure_ascii=False).encode("utf-8")  # prints, dumps
    with open_store(":memory:") as store:  # stores
        store.add_pages([(page, [])])
        for x in items:
            if isinstance(x, Rejection):
                store.add_rejection(x)
        assert [r["source"] for r in store.rejected()] == [f"{tmp_path}/caf\\xe9/empty-\\xfe.txt"]
    assert source_name(Path(os.fsdecode(b"a\x80b"))) == "a\\x80b"
    assert source_name("plain/name.txt") == "plain/name.txt"


# -- feeds and archives ---------------------------------------------------------------------------


def _rss_091(title: str = "Island News") -> str:
    words = " ".join(STORY.split())
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
        ' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        f'<rss version="0.91"><channel><title>{title}</title>'
        "<link>https://island.example/</link><description>News</description>"
        "<item><title>Dredging approved</title><link>https://island.example/dredging</link>"
        f"<description>&lt;p&gt;{words} {words}&lt;/p&gt;</description></item></channel></rss>"
    )


def test_a_feed_with_a_doctype_saved_as_xml_is_read_as_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "island.xml"
    path.write_text(_rss_091())
    (page,) = _read(path)
    assert isinstance(page, Page) and page.source == f"{path}#1"
    assert page.url == "https://island.example/dredging"


def test_a_feed_past_its_limit_is_rejected_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.rss.gz"
    head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
    path.write_bytes(gzip.compress(head + b" " * (100 << 20)))
    start = time.perf_counter()
    (rej,) = _read(path)
    assert time.perf_counter() - start < 2
    assert isinstance(rej, Rejection) and rej.reason == "too_large"
    assert "more than 20,000,000 bytes (the most a feed may hold)" in rej.message


def test_a_feed_its_parser_raises_on_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "charref.rss"
    path.write_text(_rss_091(title="&#" + "1" * 100_000 + ";"))  # feedparser: ValueError
    (rej,) = _read(path)
    assert isinstance(rej, Rejection) and rej.reason == "malformed" and "ValueError" in rej.message


def _warc(n: int) -> bytes:
    out = b""
    for i in range(n):
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + (
            f"<html><body><p>{i} {STORY}</p></body></html>".encode()
        )
        head = (
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://p.example/{i}\r\n"
            f"WARC-Date: 2024-03-02T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{i}>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block)}\r\n\r\n"
        )
        out += head.encode() + block + b"\r\n\r\n"
    return out


def test_an_archive_cut_inside_a_header_is_truncated(tmp_path: Path) -> None:
    data = _warc(3)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: data.index(b"Content-Length", data.index(b"urn:uuid:2"))])
    items = _read(path)
    assert len(_pages(items)) == 2
    assert _reasons(items, tmp_path) == {"cut.warc#3": "truncated"}


@pytest.mark.parametrize("suffix", [".gz", ".zst", ".bz2"])
def test_a_cut_compressed_archive_keeps_its_first_records(tmp_path: Path, suffix: str) -> None:
    data = PACK[suffix](_warc(2_000))
    path = tmp_path / f"crawl.warc{suffix}"
    path.write_bytes(data[: len(data) * 9 // 10])  # bzip2 gives nothing of a cut block
    items = _read(path)
    assert len(_pages(items)) > 100
    assert items[-1] == Rejection(str(path), "truncated", items[-1].message)  # type: ignore[union-attr]


# -- any failure of one input is its rejection ------------------------------------------------


def test_a_reader_that_raises_rejects_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsfold.read.files

    class Panic(BaseException):  # what a Rust reader's panic is (pyo3's PanicException)
        pass

    def broken(*args: object) -> Iterator[Page]:
        raise Panic("called `Result::unwrap()` on an `Err` value")
        yield

    monkeypatch.setattr(newsfold.read.files, "read_feed", broken)
    (tmp_path / "a.rss").write_text(_rss_091())
    (tmp_path / "b.txt").write_text(STORY)
    items = _read(tmp_path)
    assert _reasons(items, tmp_path) == {"a.rss": "malformed"}
    assert "Panic: called `Result::unwrap()`" in str(items)
    assert len(_pages(items)) == 1


def test_a_page_whose_extraction_raises_is_rejected_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsfold.steps

    real = newsfold.steps.extract_page

    def extract(page: Page, template: object) -> object:
        if "boom" in page.content:
            raise RecursionError("maximum recursion depth exceeded")
        return real(page, template)  # type: ignore[arg-type]

    monkeypatch.setattr(newsfold.steps, "extract_page", extract)
    pages = [make_page(f"p{i}.txt", "text", t, None, "o", None) for i, t in
             enumerate([STORY, "boom\n\n" + STORY, STORY + "More.\n"])]  # fmt: skip
    got = extract_batch(pages, {})
    assert [type(r).__name__ for r, _ in got] == ["Article", "Rejection", "Article"]
    rej = got[1][0]
    assert isinstance(rej, Rejection) and rej.reason == "extract_failed" and rej.source == "p1.txt"
    assert "RecursionError" in rej.message
    assert all(prints for r, prints in got if isinstance(r, Article))


def test_the_spark_plan_lists_what_the_walk_refuses(tmp_path: Path) -> None:
    """The Spark engine reads the folder the local readers walk, and lists what the walk
    refuses (a symlink out of the folder, a pipe) as the local engine does, not in silence."""
    from newsfold.run.spark.read import plan

    outside = tmp_path / "outside.txt"
    outside.write_text("A secret that lies outside the folder given.\n")
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "good.txt").write_text("Harbour news\n\nThe ferry sailed at noon on Monday.\n")
    os.symlink(outside, crawl / "passwd.txt")
    os.mkfifo(crawl / "pipe.txt")
    tasks, refused = plan([crawl])
    assert [Path(t.path).name for t in tasks] == ["good.txt"]
    assert {(Path(r.source).name, r.reason) for r in refused} == {
        ("passwd.txt", "outside_tree"),
        ("pipe.txt", "not_a_file"),
    }
