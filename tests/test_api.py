"""``newsfold.api``, the one front door: ``resolve`` names an article the three ways the CLI and
the server take one (a page, a file, a stored id), and never reads a string as a path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfold import api
from newsfold.errors import InputError, NotFoundError
from newsfold.store import open_store

PAGE = (
    "Harbour ferry runs aground in fog\n\n"
    "WELLINGTON, June 3 - A ferry ran aground in thick fog on Tuesday, the operator said, "
    "and its 120 passengers were taken ashore by Coastguard boats.\n\n"
    '"Nobody was hurt," a spokesman for the operator, Dr. Ana Roe, told reporters.'
)


def test_resolve_a_page_a_file_and_an_id_to_the_same_article(tmp_path: Path) -> None:
    line = json.dumps({"text": PAGE, "url": "https://harbour.example/ferry"})
    page = api.read_record(line, "rec")
    assert page.source == "rec#1"
    from_page = api.resolve(page)
    f = tmp_path / "ferry.jsonl"
    f.write_text(line + "\n", encoding="utf-8")
    from_file = api.resolve(f)
    assert from_file.paragraphs == from_page.paragraphs
    with open_store(tmp_path / "s.db") as store:
        api.fold([f], store, workers=1)
        stored = api.resolve(from_file.id, store)
        assert stored.id == from_file.id and stored.paragraphs == from_page.paragraphs
        assert api.resolve(stored) is stored
        # a string is an id, even where a file of that name exists: ids from the web stay ids
        with pytest.raises(NotFoundError):
            api.resolve(str(f), store)


def test_resolve_says_why_a_page_has_no_article(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        api.resolve(api.read_record(json.dumps({"text": "Home\nNews\nSport"}), "menu"))
    assert e.value.source == "menu#1" and e.value.reason
    with pytest.raises(InputError) as e:
        api.read_record(json.dumps({"url": "https://x.example/"}), "bad")
    assert e.value.reason == "malformed"


def test_fold_records_answers_for_each_record(tmp_path: Path) -> None:
    lines = "\n".join(
        [json.dumps({"text": PAGE}), json.dumps({"text": 3}), json.dumps({"text": PAGE})]
    )
    with open_store(tmp_path / "s.db") as store:
        out = api.fold_records(store, lines, "api/t", api.Limits())
    statuses = [r["status"] for r in out["results"]]
    assert statuses == ["added", "rejected", "known"]
    assert out["results"][0]["story"] and out["results"][0]["story"] == out["results"][2]["story"]
    assert out["results"][1]["reason"] == "malformed"


def test_compare_takes_texts_pages_or_stored_ids(tmp_path: Path) -> None:
    other = PAGE.replace("thick fog", "dense fog")
    by_text = api.compare(PAGE, other)
    pages = [api.read_record(json.dumps({"text": t}), n) for t, n in ((PAGE, "a"), (other, "b"))]
    assert api.compare(*pages) == by_text
    f = tmp_path / "two.jsonl"
    f.write_text("\n".join(json.dumps({"text": t}) for t in (PAGE, other)) + "\n", "utf-8")
    with open_store(tmp_path / "s.db") as store:
        api.fold([f], store, workers=1)
        ids = sorted(store.all_article_ids())
        assert len(ids) == 2
        got = api.compare(ids[0], ids[1], store=store)
    assert got["relation"] == by_text["relation"] and got["edits"]
