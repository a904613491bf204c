"""The identity check of extraction (``benchmarks/extract_identity.py``): it finds every field
that differs, and what it saves reads back the same."""

from __future__ import annotations

from pathlib import Path

from benchmarks import extract_identity as ident

DUMP = (
    "Harbour Board Votes To Rebuild The Old North Pier After Storm\n\n"
    "By Jane Doe\n\n"
    "The harbour board voted on Tuesday to rebuild the old north pier, which the storm of last "
    "winter broke in two places, at a cost the board put at four million.\n\n"
    "Work is to start in the spring and take two years, the board's chair told the meeting, "
    "with the fishing fleet moored at the south quay until then.\n"
)


def test_extract_one_gives_every_field() -> None:
    key, out = ident.extract_one(("k", "text", DUMP, None))
    assert key == "k" and out["type"] == "Article"
    assert "Jane Doe" in out["byline"]
    assert out["paragraphs"][0].startswith("The harbour board voted")
    assert {"headline", "published", "removed", "teasers", "credits"} <= out.keys()


def test_compare_finds_each_difference(tmp_path: Path) -> None:
    _, out = ident.extract_one(("k", "text", DUMP, None))
    ref = {"k": out, "gone": out}
    changed = {**out, "headline": "Another", "removed": []}
    assert not ident.compare(ref, dict(ref), show=0)
    diffs = ident.compare(ref, {"k": changed, "new": out}, show=0)
    assert diffs == {"headline": 1, "removed": 1, "missing": 2}
    path = tmp_path / "ref.json.gz"
    ident.save(ref, path)
    assert ident.load(path) == ref
