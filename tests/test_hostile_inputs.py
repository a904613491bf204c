"""A folder of hostile inputs folds like any other: the real ``newsfold fold`` command, in a
process held to 3 GB of address space (``ulimit -v``), finishes within a minute with exit 3;
every good page in it is folded, every bad input is listed with its own reason, and nothing from
outside the folder reaches the store.

Everything is generated here: the decompression bombs (10 GB each once inflated, a few
megabytes on disk) are written a compressed chunk at a time, once a session."""

from __future__ import annotations

import bz2
import gzip
import json
import os
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import zstandard

NEWSFOLD = str(Path(sys.executable).parent / "newsfold")  # the installed command
GIB = 1 << 30
BOMB_BYTES = 10 * GIB
ADDRESS_SPACE = 3 * GIB
SECRET = "OUTSIDE-THE-TREE-7f3a9c: root:x:0:0:root:/root:/bin/bash"

HARBOUR = (
    "Harbour board approves dredging of the northern channel\n\n"
    "The harbour board approved a plan on Monday to dredge the northern channel before the "
    "winter storms, after two cargo ships ran aground on the same sandbar within a month.\n\n"
    "Work is due to start in October and to last six weeks, the board's chair said, and the "
    "ferry timetable will change while the dredgers are at work.\n\n"
    "Fishing crews had asked for the channel to be deepened for years, saying the sandbar "
    "had grown with every storm since the old breakwater was damaged.\n"
)
LIBRARY = (
    "Council votes to reopen the old market hall as a library\n\n"
    "The town council voted on Tuesday to reopen the old market hall as a public library, "
    "ending a decade in which the listed building stood empty.\n\n"
    "The conversion will cost two million pounds, met in part by a heritage grant, and the "
    "library is expected to open its doors in the spring of next year.\n\n"
    "Residents had campaigned for the hall to be saved since its roof was repaired, and "
    "several hundred of them signed a letter to the council last winter.\n"
)
BRIDGE = (
    "Footbridge over the river closes for repairs after inspection\n\n"
    "The footbridge over the river was closed on Wednesday after an inspection found rust in "
    "two of the steel cables that hold up its deck, the county engineer said.\n\n"
    "Pedestrians are asked to use the road bridge a mile downstream, and a shuttle bus will "
    "run every twenty minutes during the day while the cables are replaced.\n\n"
    "The bridge was opened forty years ago and carries some three thousand people a day, "
    "most of them walking between the station and the town centre.\n"
)
ORCHARD = (
    "Orchard growers report the best apple harvest in a decade\n\n"
    "Orchard growers in the valley reported their best apple harvest in ten years on "
    "Thursday, crediting a warm spring and a late frost that never came.\n\n"
    "Packing sheds have taken on extra staff to handle the crop, and the cooperative said "
    "prices at the farm gate had held steady despite the larger supply.\n\n"
    "Cider makers said they expected to buy more fruit from local farms than in any year "
    "since the cooperative was founded, and to hire seasonal workers until December.\n"
)
FERRY = (
    "Island ferry adds a winter sailing after residents petition\n\n"
    "The island ferry will run an extra sailing on winter evenings from next month, the "
    "operator said on Friday, after residents sent a petition with a thousand names.\n\n"
    "The late boat will leave the harbour at nine and return before eleven, so that "
    "islanders who work on the mainland can get home after an evening shift.\n\n"
    "The operator said the sailing would be reviewed in the spring, when it will look at "
    "how many passengers used it and whether to keep it through the summer.\n"
)


def _html(text: str) -> str:
    head, *paras = text.strip().split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"<html><head><title>{head}</title></head><body><article><h1>{head}</h1>{body}</article></body></html>"


def _rss_091(text: str) -> str:
    head, *paras = text.strip().split("\n\n")
    body = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in paras)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
        ' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        '<rss version="0.91"><channel><title>Island News</title>'
        "<link>https://island.example/</link><description>News of the island</description>"
        f"<language>en</language><item><title>{head}</title>"
        f"<link>https://island.example/ferry</link><description>{body}</description></item>"
        "</channel></rss>\n"
    )


def _gzip_bomb(path: Path, fill: bytes, size: int = BOMB_BYTES, head: bytes = b"") -> None:
    """``head`` and then ``size`` bytes of ``fill``, gzipped: one 64 MiB member compressed
    once and written again and again (a gzip file of many members is one stream)."""
    block = 64 << 20
    member = gzip.compress(fill * (block // len(fill)), compresslevel=9)
    with path.open("wb") as f:
        if head:
            f.write(gzip.compress(head))
        for _ in range(size // block):
            f.write(member)


def _zstd_bomb(path: Path, size: int = BOMB_BYTES) -> None:
    """``size`` zero bytes as one Zstandard frame, written by a streaming compressor."""
    chunk = bytes(16 << 20)
    with path.open("wb") as f, zstandard.ZstdCompressor(level=1).stream_writer(f) as w:
        for _ in range(size // len(chunk)):
            w.write(chunk)


@pytest.fixture(scope="session")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The decompression bombs, 10 GB each inflated, written once a session."""
    folder = tmp_path_factory.mktemp("bombs")
    made = {
        "zero.jsonl.gz": lambda p: _gzip_bomb(p, b"\0"),
        "zero.jsonl.zst": _zstd_bomb,
        "newlines.jsonl.gz": lambda p: _gzip_bomb(p, b"\n"),
        "letters.jsonl.gz": lambda p: _gzip_bomb(p, b"a", head=b'{"text": "'),
        "feed.rss.gz": lambda p: _gzip_bomb(
            p, b" ", head=b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        ),
    }
    paths = {}
    for name, make in made.items():
        paths[name] = folder / name
        make(paths[name])
        assert paths[name].stat().st_size < 40_000_000
    return paths


def _truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def _warc_record(uri: str, html: str) -> bytes:
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.encode()
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        "WARC-Date: 2024-03-02T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def hostile_tree(root: Path, bombs: dict[str, Path]) -> dict[str, str]:
    """Write the hostile folder ``root/crawl`` (and a secret beside it, outside); the bad
    inputs' sources, relative to ``root/crawl``, with the reason each must be rejected for."""
    crawl, outside = root / "crawl", root / "outside"
    crawl.mkdir()
    outside.mkdir()
    (outside / "passwd").write_text(SECRET + "\n" + HARBOUR)
    (outside / "folder").mkdir()
    (outside / "folder" / "page.txt").write_text(SECRET + "\n" + LIBRARY)
    expected: dict[str, str] = {}

    # good pages, among them one in a folder named like a file and one in a feed with a DOCTYPE
    (crawl / "good").mkdir()
    (crawl / "good" / "harbour.html").write_text(_html(HARBOUR))
    (crawl / "good" / "library.txt").write_text(LIBRARY)
    (crawl / "x.txt").mkdir()
    (crawl / "x.txt" / "bridge.txt").write_text(BRIDGE)
    (crawl / "island.xml").write_text(_rss_091(FERRY))
    (crawl / os.fsdecode(b"orchard-caf\xe9.txt")).write_text(ORCHARD)  # a name not UTF-8

    # one input stops nothing: a record nested past any parser, beside a good one
    (crawl / "deep.jsonl").write_text("[" * 100_000 + "\n" + json.dumps({"text": "x"}) + "\n")
    expected["deep.jsonl#1"] = "too_deep"
    expected["deep.jsonl#2"] = "no_article"  # read and extracted: the file went on
    (crawl / os.fsdecode(b"empty-\xff.txt")).write_bytes(b"")
    expected["empty-\\xff.txt"] = "empty"
    (crawl / "lone-surrogate.jsonl").write_text('{"text": "Harbour \\ud800 news"}\n')
    # the sanitiser replaces a lone surrogate with U+FFFD and records it: the page is read (and,
    # three words long, holds no article)
    expected["lone-surrogate.jsonl#1"] = "no_article"
    charref = _rss_091(BRIDGE).replace("<title>Island News", "<title>&#" + "1" * 100_000 + ";")
    (crawl / "charref.rss").write_text(charref)
    expected["charref.rss"] = "malformed"
    (crawl / "deep.html").write_text("<html><body>" + "<div>" * 5_000 + "deep</body></html>")
    expected["deep.html"] = "too_deep"
    (crawl / "empty.txt").write_bytes(b"")
    expected["empty.txt"] = "empty"
    (crawl / "blank.jsonl.zst").write_bytes(b"")
    expected["blank.jsonl.zst"] = "empty"

    # markup that made checks quadratic: each is a page, read in linear time
    para = "<p>" + " ".join(HARBOUR.split()[:40]) + "</p>"
    (crawl / "letters.html").write_text(f"<html><body>{para}<a" + "b" * 100_000 + "</body></html>")
    (crawl / "links.html").write_text(f"<html><head>{'<link rel=x ' * 20_000}</head>{para}")

    # bombs
    for name, path in bombs.items():
        try:
            os.link(path, crawl / name)  # the same file: no copy of its megabytes
        except OSError:
            shutil.copyfile(path, crawl / name)
    expected["zero.jsonl.gz"] = "binary"
    expected["zero.jsonl.zst"] = "binary"
    expected["newlines.jsonl.gz"] = "too_large"
    expected["letters.jsonl.gz#1"] = "too_large"  # the line, at the record limit
    expected["letters.jsonl.gz"] = "too_large"  # then the file, at the file limit
    expected["feed.rss.gz"] = "too_large"

    # compressed streams cut short, and one that is no compressed stream
    (crawl / "cut.txt.gz").write_bytes(_truncated(gzip.compress(BRIDGE.encode() * 50)))
    expected["cut.txt.gz"] = "truncated"
    (crawl / "cut.txt.bz2").write_bytes(_truncated(bz2.compress(BRIDGE.encode() * 50)))
    expected["cut.txt.bz2"] = "truncated"
    (crawl / "cut.html.zst").write_bytes(
        _truncated(zstandard.compress(_html(BRIDGE).encode() * 50))
    )
    expected["cut.html.zst"] = "truncated"
    archive = _warc_record("https://port.example/a", _html(ORCHARD)) + _warc_record(
        "https://port.example/b", _html(BRIDGE)
    )
    (crawl / "cut.warc").write_bytes(archive[:-300])
    expected["cut.warc#2"] = "truncated"
    (crawl / "cut.warc.gz").write_bytes(_truncated(gzip.compress(archive)))
    expected["cut.warc.gz"] = "truncated"
    (crawl / "not-gzip.txt.gz").write_text(LIBRARY)
    expected["not-gzip.txt.gz"] = "malformed"
    (crawl / "not-zstd.jsonl.zst").write_bytes(zlib.compress(b"x" * 1000))
    expected["not-zstd.jsonl.zst"] = "malformed"

    # things that are no files, and links
    os.mkfifo(crawl / "pipe.txt")
    expected["pipe.txt"] = "not_a_file"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(crawl / "socket.html"))
    sock.close()
    expected["socket.html"] = "not_a_file"
    os.symlink(outside / "passwd", crawl / "passwd.txt")
    expected["passwd.txt"] = "outside_tree"
    os.symlink(outside / "folder", crawl / "linked-folder")
    expected["linked-folder"] = "outside_tree"
    os.symlink("nowhere.txt", crawl / "dangling.txt")
    expected["dangling.txt"] = "missing"
    os.symlink("self.txt", crawl / "self.txt")
    expected["self.txt"] = "link_loop"
    os.symlink("good/library.txt", crawl / "alias.txt")  # inside: read once, under one name
    os.symlink(".", crawl / "loop")  # back up the tree: walked once
    (crawl / "locked").mkdir()
    (crawl / "locked" / "page.txt").write_text(FERRY)
    os.chmod(crawl / "locked", 0)
    if os.geteuid() != 0:  # root lists any folder
        expected["locked"] = "unreadable"
    return expected


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _newsfold(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NEWSFOLD, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit_address_space,
    )


@pytest.fixture
def crawl(tmp_path: Path, bombs: dict[str, Path]) -> Iterator[tuple[Path, dict[str, str]]]:
    expected = hostile_tree(tmp_path, bombs)
    yield tmp_path / "crawl", expected
    os.chmod(tmp_path / "crawl" / "locked", 0o755)


def test_a_hostile_folder_folds_within_a_minute_in_3_gb(
    tmp_path: Path, crawl: tuple[Path, dict[str, str]]
) -> None:
    folder, expected = crawl
    db = tmp_path / "store.db"
    start = time.monotonic()
    out = _newsfold("fold", str(folder), "--db", str(db), "--json")
    took = time.monotonic() - start
    assert out.returncode == 3, out.stderr[-3000:]
    assert took < 60, f"the fold took {took:.0f} s"
    summary = json.loads(out.stdout)

    listed = json.loads(_newsfold("rejected", "--db", str(db), "--json").stdout)
    reasons = {r["source"].removeprefix(f"{folder}/"): r["reason"] for r in listed}
    assert reasons == expected
    assert summary["rejected_this_run"] == len(expected)
    for source in expected:  # each listed on stderr, by name (non-UTF-8 bytes escaped)
        assert f"{folder}/{source}".split("#")[0] in out.stderr

    con = sqlite3.connect(db)
    pages = {s.removeprefix(f"{folder}/") for (s,) in con.execute("SELECT source FROM pages")}
    good = {"good/harbour.html", "good/library.txt", "x.txt/bridge.txt", "island.xml#1",
            "orchard-caf\\xe9.txt", "letters.html", "links.html", "deep.jsonl#2", "cut.warc#1",
            "lone-surrogate.jsonl#1"}  # fmt: skip
    if os.geteuid() == 0:  # root lists any folder
        good.add("locked/page.txt")
    assert pages == good
    headlines = {h for (h,) in con.execute("SELECT headline FROM articles")}
    for text in (HARBOUR, LIBRARY, BRIDGE, FERRY, ORCHARD):
        assert text.split("\n")[0] in headlines
    # nothing from outside the tree, anywhere in the store
    assert not con.execute("SELECT 1 FROM pages WHERE content LIKE '%OUTSIDE-THE-TREE%'").fetchall()
    con.close()
    for f in tmp_path.glob("store.db*"):
        assert b"OUTSIDE-THE-TREE" not in f.read_bytes()


def test_a_resumed_fold_still_exits_3_for_the_rejections_it_holds(tmp_path: Path) -> None:
    # the first fold stored both pages and rejected one at extraction (as a killed fold may
    # have): the second reads nothing new and rejects nothing, and still says so
    site = tmp_path / "site"
    site.mkdir()
    (site / "story.txt").write_text(HARBOUR)
    (site / "menu.txt").write_text("Home\nAbout\nContact\n")
    db = str(tmp_path / "s.db")
    first = _newsfold("fold", str(site), "--db", db, "--json")
    assert first.returncode == 3 and "menu.txt: no article text" in first.stderr
    again = _newsfold("fold", str(site), "--db", db, "--json")
    assert json.loads(again.stdout)["rejected_this_run"] == 0
    assert again.returncode == 3
    assert "1 input(s) under these paths, in an earlier run" in again.stderr
    # a fold of other paths is not answerable for them
    other = tmp_path / "other"
    other.mkdir()
    (other / "library.txt").write_text(LIBRARY)
    assert _newsfold("fold", str(other), "--db", db, "--json").returncode == 0
