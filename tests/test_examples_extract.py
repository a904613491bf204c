"""`newsfold extract` on each page of examples/ gives what a careful editor reads on that page.

The expectations are in examples/pages.json (see examples/README.md), one entry per page, written
from the pages themselves. The whole corpus is extracted in one run, since outlet templates are
learnt from the pages given. Each (page, field) pair is its own test case; a known extractor defect
is an ``xfail(strict=True)`` naming the field, what the page says and what the code gives.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT, rel_source
from newsfold.cli import main

PAGES: dict[str, dict[str, Any]] = json.loads((ROOT / "examples" / "pages.json").read_text("utf-8"))
CHECKS = (
    "headline",
    "byline",
    "credits",
    "published",
    "updated",
    "dateline",
    "body_first",
    "body_last",
    "body_paragraphs",
    "must_not_contain",
)
# checked where the page's expectations name them (the pages written for them)
OPTIONAL_CHECKS = ("teasers",)

# (page, check) -> what is wrong with the code's output. Remove an entry once the defect is fixed.
KNOWN_DEFECTS: dict[tuple[str, str], str] = {
    # wire datelines not recognised
    # notes and disclaimers left in the body
}


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict[str, Any]]:
    """Every page of the corpus, extracted in one `newsfold extract <corpus> --json` run."""
    result = CliRunner().invoke(main, ["extract", str(EXAMPLES), "--json"])
    assert result.exit_code == 0, result.output
    articles = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {rel_source(a["source"]): a for a in articles}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _check_time(field: str, want: str | None, got: str | None, fetched_at: str | None) -> None:
    if want is None:
        assert got is None, f"{field}: the page states none, got {got!r}"
        return
    assert got is not None, f"{field}: expected {want!r}, got None"
    w, g = _instant(want), _instant(got)
    if w.tzinfo is not None:
        # The page gives a zone: the offset must be kept and the instant must be the same.
        assert g.tzinfo is not None, f"{field}: expected {want!r} (with offset), got {got!r}"
        assert w.astimezone(UTC) == g.astimezone(UTC), f"{field}: expected {want!r}, got {got!r}"
        return
    # The page gives no zone: the wall-clock time must be the page's, and a zone the extractor
    # supplies must not put the page's time after the moment the page was fetched.
    assert g.replace(tzinfo=None) == w, f"{field}: expected {want!r} (local), got {got!r}"
    if g.tzinfo is not None and fetched_at:
        assert g <= _instant(fetched_at), (
            f"{field}: {got!r} is later than the page's fetch time {fetched_at!r}; the page "
            f"states {want!r} with no zone"
        )


def _check(page: str, check: str, want: dict[str, Any], got: dict[str, Any]) -> None:
    paragraphs = [_norm(p) for p in got["paragraphs"]]
    if check == "headline":
        assert got["headline"] == want["headline"]
    elif check == "byline":
        if want["byline"] is None:
            assert got["byline"] is None
            return
        assert got["byline"], f"byline: expected {want['byline']!r}, got {got['byline']!r}"
        for name in want["byline_names"]:
            assert name.casefold() in got["byline"].casefold(), (
                f"byline: expected {want['byline']!r} naming {name!r}, got {got['byline']!r}"
            )
    elif check == "credits":
        assert set(got["credits"]) == set(want["credits"])
    elif check in ("published", "updated"):
        _check_time(check, want[check], got[check], got.get("fetched_at"))
    elif check == "dateline":
        if want["dateline"] is None:
            assert got["dateline"] is None, f"dateline: the page has none, got {got['dateline']}"
            return
        assert got["dateline"], f"dateline: expected place {want['dateline']!r}, got None"
        # "Carver Falls, Minn." may also be given as "Carver Falls".
        place = got["dateline"]["place"].casefold()
        assert place in {want["dateline"].casefold(), want["dateline"].split(",")[0].casefold()}, (
            f"dateline: expected place {want['dateline']!r}, got {got['dateline']['place']!r}"
        )
    elif check == "body_first":
        assert paragraphs, "body: no paragraphs"
        assert paragraphs[0].startswith(_norm(want["body_first"])), (
            f"first paragraph: expected to start {want['body_first']!r}, got {paragraphs[0]!r}"
        )
    elif check == "body_last":
        assert paragraphs, "body: no paragraphs"
        assert paragraphs[-1].endswith(_norm(want["body_last"])), (
            f"last paragraph: expected to end {want['body_last']!r}, got {paragraphs[-1]!r}"
        )
    elif check == "body_paragraphs":
        assert len(paragraphs) == want["body_paragraphs"], (
            f"paragraphs: expected {want['body_paragraphs']}, got {len(paragraphs)}"
        )
    elif check == "must_not_contain":
        body = _norm(got["body"] or "") + "\n" + "\n".join(paragraphs)
        found = [s for s in want["must_not_contain"] if _norm(s) in body]
        assert not found, f"body carries page chrome or teaser text: {found}"
    elif check == "teasers":
        # each card or item of another story: its headline and outlet, in page order
        teasers = [{"headline": t["headline"], "outlet": t["outlet"]} for t in got["teasers"]]
        assert teasers == want["teasers"], f"teasers: expected {want['teasers']}, got {teasers}"
    else:  # pragma: no cover
        raise AssertionError(f"unknown check {check!r} for {page}")


def _cases() -> list[Any]:
    cases = []
    for page in sorted(PAGES):
        for check in CHECKS + tuple(c for c in OPTIONAL_CHECKS if c in PAGES[page]):
            reason = KNOWN_DEFECTS.get((page, check))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(page, check, marks=marks, id=f"{page}::{check}"))
    return cases


def test_known_defects_name_real_cases() -> None:
    for page, check in KNOWN_DEFECTS:
        assert page in PAGES and (check in CHECKS or check in PAGES[page]), (page, check)


def test_every_page_has_expectations(extracted: dict[str, dict[str, Any]]) -> None:
    on_disk = {
        p.relative_to(EXAMPLES).as_posix()
        for p in EXAMPLES.rglob("*")
        if p.suffix in {".txt", ".html"}
    }
    feed = (EXAMPLES / "feed.jsonl").read_text("utf-8").splitlines()
    on_disk |= {f"feed.jsonl#{n}" for n, line in enumerate(feed, start=1) if line.strip()}
    assert set(PAGES) == on_disk
    assert set(extracted) == on_disk


@pytest.mark.parametrize(("page", "check"), _cases())
def test_page_extracts_as_expected(
    extracted: dict[str, dict[str, Any]], page: str, check: str
) -> None:
    assert page in extracted, f"{page}: no article extracted"
    _check(page, check, PAGES[page], extracted[page])
