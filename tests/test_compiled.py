"""The compiled build (``make compiled``: mypyc's modules in build/compiled/, docs/compiled.md)
extracts exactly what the pure-Python sources do: every field of every page of examples/ and of
generated texts (Hypothesis), compared with ``benchmarks.extract_identity``'s ``extract_one``.

The compiled side runs in a process of its own (``PYTHONPATH=build/compiled``). Skipped, saying
why, where there is no build or where it was built from other sources than these.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.extract_identity import extract_one
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT

BUILD = ROOT / "build" / "compiled"
SRC = ROOT / "src" / "newsfold"

# reads {"key", "kind", "content"} lines, writes which files it imported, then a result a line
_WORKER = """
import importlib, json, sys
from benchmarks.extract_identity import extract_one
print(json.dumps(importlib.import_module("newsfold.extract.text").__file__), flush=True)
for line in sys.stdin:
    item = json.loads(line)
    key, out = extract_one((item["key"], item["kind"], item["content"], None))
    print(json.dumps(out, ensure_ascii=False), flush=True)
"""


def _stale() -> list[str]:
    """The compiled build's Python files that differ from (or lack) this tree's sources."""
    built = BUILD / "newsfold"
    return [
        str(p.relative_to(SRC))
        for p in sorted(SRC.rglob("*.py"))
        if not (built / p.relative_to(SRC)).is_file()
        or (built / p.relative_to(SRC)).read_bytes() != p.read_bytes()
    ]


class Compiled:
    """A process extracting with the compiled build."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(BUILD), str(ROOT)])}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=ROOT,
        )
        assert self.proc.stdin and self.proc.stdout
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        self.module_file = json.loads(self.stdout.readline())

    def extract(self, key: str, kind: str, content: str) -> Any:
        item = {"key": key, "kind": kind, "content": content}
        self.stdin.write(json.dumps(item, ensure_ascii=False) + "\n")
        self.stdin.flush()
        return json.loads(self.stdout.readline())

    def close(self) -> None:
        self.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def compiled() -> Iterator[Compiled]:
    if not any((BUILD / "newsfold" / "extract").glob("text.*.so")):
        pytest.skip("no compiled build in build/compiled/ (make compiled builds it)")
    if stale := _stale():
        pytest.skip(f"build/compiled/ was built from other sources ({stale[:3]}): make compiled")
    worker = Compiled()
    assert worker.module_file.endswith(".so"), worker.module_file
    yield worker
    worker.close()


def _pure(key: str, kind: str, content: str) -> Any:
    """This process's (pure Python) result, through JSON as the worker's is."""
    return json.loads(json.dumps(extract_one((key, kind, content, None))[1], ensure_ascii=False))


def _example_pages() -> list[tuple[str, str, Path]]:
    pages = [(p.relative_to(EXAMPLES).as_posix(), "text", p) for p in EXAMPLES.rglob("*.txt")]
    pages += [(p.relative_to(EXAMPLES).as_posix(), "html", p) for p in EXAMPLES.rglob("*.html")]
    return sorted(pages)


def test_the_pure_side_is_the_sources() -> None:
    text = importlib.import_module("newsfold.extract.text")  # newsfold.extract is api's function
    assert str(text.__file__).endswith(".py")


@pytest.mark.parametrize(
    ("key", "kind", "path"), _example_pages(), ids=[k for k, _, _ in _example_pages()]
)
def test_examples_extract_the_same(compiled: Compiled, key: str, kind: str, path: Path) -> None:
    content = path.read_text(encoding="utf-8")
    assert compiled.extract(key, kind, content) == _pure(key, kind, content)


# lines with the shapes dumps have: prose, bylines, dates, menus, list marks, wide characters,
# wrapped and indented lines (what the numpy paths of unwrap.py and centred.py measure)
_WORD = st.sampled_from(
    ["the", "harbour", "board", "voted", "on", "Tuesday", "to", "rebuild", "pier", "Ünal",
     "café", "東京", "会議", "—", "“quoted”", "2024", "By", "Jane", "Doe", "|", "•", "\u00a0"]
)  # fmt: skip
_PROSE = st.lists(_WORD, min_size=1, max_size=40).map(" ".join)
_LINE = st.one_of(
    _PROSE,
    st.tuples(st.integers(0, 8), _PROSE).map(lambda t: " " * t[0] + t[1]),
    st.sampled_from(["", "By Ana Ruiz", "March 2, 2024 10:05 IST", "Related articles",
                     "* Home", "1 of 4", "Comments (3)", "2024-03-02T09:15:00+05:30"]),
    st.text(max_size=80),
)  # fmt: skip
_PAGE = st.lists(_LINE, max_size=60).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=_PAGE, kind=st.sampled_from(["text", "text", "html"]))
def test_generated_pages_extract_the_same(compiled: Compiled, page: str, kind: str) -> None:
    assert compiled.extract("g", kind, page) == _pure("g", kind, page)
