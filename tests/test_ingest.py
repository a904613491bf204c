"""Reading inputs: formats, outlets, stable ids, and bad input named with its reason."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsfold.read.files import read_paths
from newsfold.read.limits import Limits
from newsfold.read.pages import page_id
from newsfold.records import Page, Rejection

DUMP = "Home\nA headline for the test page\nA sentence long enough to be part of a body of text, ending here.\n"


def _read(*paths: Path, **kw: object) -> list[Page | Rejection]:
    return list(read_paths(paths, **kw))  # type: ignore[arg-type]


def test_text_outlet_from_folder_or_flag(tmp_path: Path) -> None:
    f = tmp_path / "lagoon-times" / "a.txt"
    f.parent.mkdir()
    f.write_text(DUMP)
    (page,) = _read(f)
    assert isinstance(page, Page) and page.outlet == "lagoon-times" and page.kind == "text"
    (page,) = _read(f, outlet="bay-post")
    assert isinstance(page, Page) and page.outlet == "bay-post"


def test_html_outlet_from_canonical_url(tmp_path: Path) -> None:
    f = tmp_path / "x" / "p.html"
    f.parent.mkdir()
    f.write_text(
        '<html><head><link rel="canonical" href="https://www.reef-gazette.example/a/1"></head><body><p>Hi</p></body></html>'
    )
    (page,) = _read(f)
    assert isinstance(page, Page)
    assert page.kind == "html" and page.url == "https://www.reef-gazette.example/a/1"
    assert page.outlet == "reef-gazette.example"


def test_jsonl_records_gzip_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl.gz"
    lines = [
        json.dumps(
            {"text": DUMP, "url": "https://dune.example/x", "fetched_at": "2024-03-02T10:00:00Z"}
        ),
        "{not json",
        json.dumps({"html": "<p>x</p>", "outlet": "kelp"}),
        json.dumps({"nothing": 1}),
        json.dumps({"text": "   "}),
    ]
    with gzip.open(f, "wt") as g:
        g.write("\n".join(lines))
    got = _read(f)
    assert isinstance(got[0], Page)
    assert got[0].source.endswith("feed.jsonl.gz#1") and got[0].outlet == "dune.example"
    assert got[0].fetched_at == "2024-03-02T10:00:00+00:00"
    assert isinstance(got[1], Rejection) and got[1].reason == "malformed" and "#2" in got[1].source
    assert isinstance(got[2], Page) and got[2].kind == "html" and got[2].outlet == "kelp"
    assert isinstance(got[3], Rejection) and got[3].reason == "malformed"
    assert isinstance(got[4], Rejection) and got[4].reason == "empty"


def test_bad_files_are_rejected_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_text("  \n\n")
    (tmp_path / "latin.txt").write_bytes("caf\xe9 cr\xe8me".encode("latin-1") + b"\x81\x8d")
    (tmp_path / "big.txt").write_text("word " * 1000)
    (tmp_path / "good.txt").write_text(DUMP)
    got = {Path(x.source).name: x for x in _read(tmp_path, limits=Limits(max_page_bytes=2000))}
    assert isinstance(got["good.txt"], Page)
    for name, reason in [
        ("bin.txt", "binary"),
        ("empty.txt", "empty"),
        ("latin.txt", "undecodable"),
        ("big.txt", "too_large"),
    ]:
        r = got[name]
        assert isinstance(r, Rejection) and r.reason == reason, name
        assert name in r.message


def test_missing_path(tmp_path: Path) -> None:
    (r,) = _read(tmp_path / "nope")
    assert isinstance(r, Rejection) and r.reason == "missing"


def test_page_id_is_stable_and_content_addressed(tmp_path: Path) -> None:
    a = tmp_path / "o" / "a.txt"
    b = tmp_path / "o" / "b.txt"
    a.parent.mkdir()
    a.write_text(DUMP)
    b.write_text(DUMP)
    (pa,) = _read(a)
    (pb,) = _read(b)
    assert isinstance(pa, Page) and isinstance(pb, Page)
    assert pa.id == pb.id == page_id("text", DUMP, None, "o")
    c = tmp_path / "o" / "c.txt"
    c.write_text(DUMP + "One more line.\n")
    (pc,) = _read(c)
    assert isinstance(pc, Page) and pc.id != pa.id
