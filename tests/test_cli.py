"""Each command's JSON contract: the shapes users script against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from newsfold.cli import main

ARTICLE_KEYS = {
    "outlet", "url", "headline", "byline", "credits", "dateline", "published", "updated",
    "language", "paragraphs", "body", "removed", "teasers",
}  # fmt: skip
STORY_ARTICLE_KEYS = {
    "id",
    "outlet",
    "url",
    "source",
    "headline",
    "published",
    "relation",
    "copy_group",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    result = CliRunner().invoke(main, ["fold", str(EXAMPLES), "--db", path, "--json"])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str) -> object:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_fold_json(db: str) -> None:
    out = run("fold", str(EXAMPLES), "--db", db, "--json")
    assert isinstance(out, dict)
    assert {"added", "pages", "articles", "rejected", "copy_groups", "stories"} <= set(out)
    assert out["added"] == 0 and out["pages"] >= 39 and 0 < out["stories"] < out["articles"]


def test_extract_json_one_and_many(tmp_path: Path) -> None:
    one = run(
        "extract",
        str(EXAMPLES / "harbour-herald" / "kaimai-spirit-aground-tory-channel.txt"),
        "--json",
    )
    assert isinstance(one, dict) and set(one) >= ARTICLE_KEYS
    assert one["credits"] == ["Reuters"]
    assert one["dateline"] == {"place": "Wellington", "date": "March 2"}
    assert one["published"].endswith("+00:00")
    assert all({"text", "reason"} <= set(r) for r in one["removed"])
    assert all({"headline", "outlet", "published", "text"} <= set(t) for t in one["teasers"])
    result = CliRunner().invoke(main, ["extract", str(EXAMPLES / "meridian-daily"), "--json"])
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 5 and all(set(x) >= ARTICLE_KEYS for x in lines)


def test_extract_with_url_and_fetch_time(tmp_path: Path) -> None:
    src = EXAMPLES / "feed.jsonl"
    page = json.loads(src.read_text().splitlines()[2])["text"]
    f = tmp_path / "page.txt"
    f.write_text(page)
    out = run(
        "extract",
        str(f),
        "--url",
        "https://www.example-news.example/x",
        "--fetched-at",
        "2024-03-03T08:00:00+00:00",
        "--json",
    )
    assert isinstance(out, dict)
    assert out["outlet"] == "example-news.example"
    assert any(t["published"] for t in out["teasers"])


def test_compare_files_and_ids(db: str) -> None:
    a = EXAMPLES / "pacific-ledger" / "nz-ferry-aground-marlborough-sounds.txt"
    b = EXAMPLES / "meridian-daily" / "nz-ferry-runs-aground.txt"
    out = run("compare", str(a), str(b), "--json")
    assert isinstance(out, dict)
    assert out["relation"] == "copy"
    assert set(out["containment"]) == {"a_in_b", "b_in_a"} and out["containment"]["b_in_a"] > 0.9
    kinds = {e["kind"] for e in out["edits"]}
    assert "truncation" in kinds and "headline" in kinds
    assert all(set(e) == {"kind", "a", "b"} for e in out["edits"])
    stories = run("stories", "--db", db, "--json")
    assert isinstance(stories, list)
    ids = [x["id"] for s in stories for x in s["articles"]][:2]
    by_id = run("compare", ids[0], ids[1], "--db", db, "--json")
    assert isinstance(by_id, dict) and by_id["relation"] in {
        "identical",
        "copy",
        "partial",
        "same_event",
        "unrelated",
    }


def test_stories_json(db: str) -> None:
    stories = run("stories", "--db", db, "--json")
    assert isinstance(stories, list) and stories
    for s in stories:
        assert {"id", "headline", "published", "articles"} <= set(s)
        for a in s["articles"]:
            assert set(a) >= STORY_ARTICLE_KEYS
            assert a["relation"] in {"origin", "copy", "partial", "report"}
            assert a["source"].startswith(str(EXAMPLES))
    assert any(len(s["articles"]) == 4 for s in stories)


def test_show_json_and_text(db: str) -> None:
    stories = run("stories", "--db", db, "--json")
    assert isinstance(stories, list)
    big = max(stories, key=lambda s: len(s["articles"]))
    d = run("show", big["id"], "--db", db, "--json")
    assert isinstance(d, dict)
    assert {"id", "headline", "headlines", "paragraphs", "articles", "origin"} <= set(d)
    assert set(d["origin"]) >= {"article", "credit", "evidence"}
    ids = {a["id"] for a in d["articles"]}
    for p in d["paragraphs"]:
        assert set(p) >= {"text", "sources", "variants"} and set(p["sources"]) <= ids
        for v in p["variants"]:
            assert set(v) >= {"article", "text", "edits"}
    text = CliRunner().invoke(main, ["show", big["id"], "--db", db])
    assert text.exit_code == 0 and "carried by" in text.stdout and big["headline"] in text.stdout


def test_unknown_id_is_a_clean_error(db: str) -> None:
    result = CliRunner().invoke(main, ["show", "s_doesnotexist", "--db", db])
    assert result.exit_code == 1
    assert "no story with id 's_doesnotexist'" in result.output
    assert "Traceback" not in result.output


def test_rejected_json(tmp_path: Path) -> None:
    bad = tmp_path / "site" / "bad.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00" * 64)  # a few stray NULs are removed, not binary
    db = str(tmp_path / "r.db")
    CliRunner().invoke(main, ["fold", str(bad.parent), "--db", db])
    rows = run("rejected", "--db", db, "--json")
    assert (
        isinstance(rows, list) and rows[0]["reason"] == "binary" and "bad.txt" in rows[0]["message"]
    )


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    for name in main.commands:  # type: ignore[attr-defined]
        assert f"newsfold {name}" in readme, f"README does not document `newsfold {name}`"
