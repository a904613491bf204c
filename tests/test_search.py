"""Full-text search (SQLite FTS5, PostgreSQL tsvector): what it finds, the index kept in step
with folds, merges and migrations, the stories list's new keys, CSV export, display zone and
relative times, and no query that answers 500."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import random
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfold import fold
from newsfold.errors import InputError
from newsfold.records import Origin, Story, StoryMember, StoryParagraph, Variant
from newsfold.store import SCHEMA_VERSION, SQLiteStore, Store, open_store
from newsfold.store.search import MAX_TERMS, fts5_query, parse_query, search_doc
from newsfold.views import csv_cell, snippet, story_summary, summaries_csv
from test_store_migrate import back_to_schema_8

V1 = "harbour council river bridge market school ferry storm county budget mayor tunnel".split()  # noqa: SIM905
V2 = "orchestra violin concert soprano symphony conductor premiere ballet opera choir tenor".split()  # noqa: SIM905


def _para(seed: int, words: list[str], town: str) -> str:
    r = random.Random(seed)
    w = [r.choice(words) for _ in range(24)]
    return (
        f"The {w[0]} people in {town} said on Tuesday that the {' '.join(w[1:10])} would go "
        f"ahead, and that the {' '.join(w[10:20])} would follow in {r.randint(2025, 2030)} "
        f"after a vote of {r.randint(3, 30)} to {r.randint(1, 9)}."
    )


HARBOUR = [_para(i, V1, "Millbrook") for i in range(6)]
OPERA = [_para(100 + i, V2, "Salzhaven") for i in range(6)]


def _page(headline: str, paras: list[str], outlet: str, n: int) -> str:
    return json.dumps(
        {
            "text": headline + "\n\n" + "\n\n".join(paras),
            "url": f"https://{outlet}.example/story-{n}",
            "fetched_at": "2025-05-02T10:00:00+00:00",
        }
    )


def _fold_lines(store: Store, tmp: Path, name: str, *lines: str) -> None:
    path = tmp / f"{name}.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    fold([path], store)


def _ids(store: Store, *terms: str) -> list[str]:
    return [h.story.id for h in store.search_stories(terms=list(terms)).hits]


def _index_in_step(store: Store) -> None:
    """The index holds each stored story once, and nothing else."""
    stories = set(store.story_ids())
    indexed = [r[0] for r in store._exec("SELECT story_id FROM story_search")]
    assert sorted(indexed) == sorted(stories)
    faceted = {r[0] for r in store._exec("SELECT DISTINCT story_id FROM story_facets")}
    assert faceted <= stories
    if isinstance(store, SQLiteStore):  # FTS5's own check of its index against the text
        store._exec("INSERT INTO story_fts(story_fts) VALUES ('integrity-check')")
        docs = {r[0] for r in store._exec("SELECT doc FROM story_search")}
        hits = {r[0] for r in store._exec("SELECT rowid FROM story_fts('tuesday')")}
        assert hits == docs  # every story says "Tuesday"; no stale document answers


# -- what it finds -----------------------------------------------------------------------------
def test_search_finds_reports_other_headlines_and_abbreviations(demo_store: SQLiteStore) -> None:
    """Words only in a report's headline ("Americans") or spelt with dots ("a.m.") are found;
    the old search read only the story's headline and canonical paragraphs."""
    ferry = _ids(demo_store, "ferry", "aground")
    assert len(ferry) == 1
    assert _ids(demo_store, "Americans") == ferry
    assert ferry[0] in _ids(demo_store, "a.m.")
    # a phrase must occur as written; its words apart do not do
    assert _ids(demo_store, "Kaimai Spirit") and _ids(demo_store, "Spirit Kaimai") == []
    page = demo_store.search_stories(terms=["ferry"], sort="relevance", facets=True)
    assert page.hits[0].story.id == ferry[0]  # its headline says ferry: it ranks first
    assert {"harbour-herald", "pacific-ledger"} <= {v for v, _ in page.facets["outlet"]}
    assert ("Reuters", 1) in page.facets["credit"] and page.facets["language"] == [("en", 2)]
    assert sum(n for _, n in page.facets["day"]) == page.total


def test_query_words_and_phrases() -> None:
    assert parse_query('Kaimai "Tory  Channel" a.m. % "unclosed quote') == [
        "Kaimai",
        "Tory Channel",
        "a.m.",
        "unclosed quote",
    ]
    assert parse_query("ab\x00cd") == ["ab", "cd"]  # a NUL ended FTS5's reading: 500
    assert fts5_query(['say "hi"', "NEAR(a b)"]) == '"say ""hi""" AND "NEAR(a b)"'
    assert len(parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS)))) == MAX_TERMS
    with pytest.raises(InputError, match=f"at most {MAX_TERMS}") as e:
        parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS + 1)))
    assert e.value.reason == "too_many_terms"


def test_the_index_holds_no_marker_characters() -> None:
    """Snippet markers are control characters; the text indexed never holds them, so a page
    cannot forge a highlight."""
    para = StoryParagraph("A \x02forged\x03 highlight and a bell\x07.", ["a1"])
    para.variants.append(Variant("a2", "a \x02variant\x03 reading", []))
    story = Story(
        "s_1",
        "Head\x02line",
        [],
        None,
        [para],
        [StoryMember("a1", "origin", "g")],
        Origin(None, None, []),
    )
    doc = search_doc(story, {})
    for text in (doc.headlines, doc.body, doc.other):
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    assert snippet("x \x02hit\x03 <b>y</b>\nnext  line") == {
        "text": "x hit <b>y</b> · next line",
        "marks": [{"start": 2, "end": 5}],
    }


# -- the index kept in step --------------------------------------------------------------------
def test_index_follows_incremental_folds_and_merges(store_url: str, tmp_path: Path) -> None:
    with open_store(store_url) as store:
        _fold_lines(
            store,
            tmp_path,
            "one",
            _page("Millbrook harbour plan approved", HARBOUR, "alpha", 1),
            _page("Salzhaven opera season opens", OPERA, "beta", 2),
        )
        assert len(store.story_ids()) == 2
        harbour, opera = _ids(store, "harbour", "plan"), _ids(store, "opera", "season")
        assert len(harbour) == len(opera) == 1 and harbour != opera
        _index_in_step(store)

        # an incremental fold: a copy with a headline of its own joins the harbour story
        _fold_lines(store, tmp_path, "two", _page("Quokka council backs quay", HARBOUR, "gamma", 3))
        # only that copy's headline says it (the story may take the copy's id: the old resolves)
        assert _ids(store, "quokka") == [store.get_story(harbour[0]).id]
        _index_in_step(store)

        # a page carrying both texts merges the two stories: one id retires into the other
        _fold_lines(
            store, tmp_path, "three", _page("Both plans go ahead", HARBOUR + OPERA, "delta", 4)
        )
        (merged,) = store.story_ids()
        assert store.aliases() and set(store.aliases().values()) == {merged}
        for terms in (["quokka"], ["season opens"], ["soprano"], ["harbour", "plan"]):
            page = store.search_stories(terms=terms, facets=True)
            assert [h.story.id for h in page.hits] == [merged], terms
            assert page.total == 1
        outlets = dict(store.search_stories(terms=["plans"], facets=True).facets["outlet"])
        assert outlets == {
            "alpha.example": 1,
            "beta.example": 1,
            "delta.example": 1,
            "gamma.example": 1,
        }
        _index_in_step(store)


def test_a_rewritten_story_keeps_its_document_and_a_new_one_takes_the_next(
    store_url: str, tmp_path: Path
) -> None:
    """One write of a story that holds the highest document number and of a new story: the
    new one numbers past it (it took the same number once, a UniqueViolation in a fold)."""
    with open_store(store_url) as store:
        _fold_lines(store, tmp_path, "one", _page("Salzhaven opera season opens", OPERA, "beta", 2))
        (story,) = store.stories()
        (held,) = [r[0] for r in store._exec("SELECT doc FROM story_search")]
        new = dataclasses.replace(story, id="s_new", headline="Opera quokka gala")
        with store.transaction():
            store.write_stories([story, new])
        docs = dict(store._exec("SELECT story_id, doc FROM story_search").fetchall())
        assert docs[story.id] == held and docs["s_new"] > held
        assert _ids(store, "quokka") == ["s_new"]
        _index_in_step(store)


def test_a_store_from_before_the_index_is_indexed_when_opened(
    store_url: str, tmp_path: Path
) -> None:
    with open_store(store_url) as store:
        _fold_lines(store, tmp_path, "one", _page("Salzhaven opera season opens", OPERA, "beta", 2))
        (sid,) = store.story_ids()
        with store.transaction():  # schema 6, by hand: no index
            back_to_schema_8(store)
            for stmt in (
                "DROP TABLE IF EXISTS story_fts",
                "DROP TABLE story_search",
                "DROP TABLE story_facets",
                "UPDATE meta SET value = '6' WHERE key = 'schema_version'",
            ):
                store._exec(stmt)
    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert _ids(store, "soprano") == [sid] and _ids(store, "season opens") == [sid]
        _index_in_step(store)
        assert store.reindex_search() == 1 and _ids(store, "soprano") == [sid]


def test_a_schema_7_store_loses_its_triggers_and_its_index_stays_in_step(tmp_path: Path) -> None:
    """Schema 7 kept SQLite's FTS5 index by row triggers; from 8 the store writes it itself: a
    store from 7 opens without them, and its index follows later folds (written once, not
    twice: FTS5's integrity check fails on a document indexed twice)."""
    path = tmp_path / "seven.db"
    from newsfold.store.schema import BACKEND_MIGRATIONS

    with open_store(f"sqlite:///{path}") as store:
        _fold_lines(store, tmp_path, "one", _page("Salzhaven opera season opens", OPERA, "beta", 2))
        with store.transaction():  # back to schema 7, by hand: its triggers again
            back_to_schema_8(store)
            for stmt in BACKEND_MIGRATIONS["sqlite"][7][1:]:
                store._exec(stmt.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS"))
            store._exec("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    with open_store(f"sqlite:///{path}") as store:
        assert store.schema_version == SCHEMA_VERSION
        triggers = store._exec("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
        assert triggers == [("story_search_au",)]
        (opera,) = _ids(store, "soprano")
        _index_in_step(store)
        _fold_lines(store, tmp_path, "two", _page("Quokka council backs quay", HARBOUR, "gamma", 3))
        _fold_lines(store, tmp_path, "three", _page("Quokka opera gala", OPERA, "delta", 4))
        assert _ids(store, "quokka", "gala") == [store.get_story(opera).id]
        _index_in_step(store)
        assert store.reindex_search() == 2
        _index_in_step(store)


# -- the list ----------------------------------------------------------------------------------
def test_summary_counts_copies_and_reports_apart(demo_store: SQLiteStore) -> None:
    (ferry,) = _ids(demo_store, "ferry", "aground")
    s = story_summary(demo_store, demo_store.get_story(ferry))
    assert (s["copies"], s["reports"], len(s["articles"])) == (4, 1, 5)
    assert s["credit"] == "Reuters" and "Reuters" in s["credits"]
    assert s["lede"] and s["lede"].startswith("WELLINGTON") and len(s["lede"]) <= 301
    assert {"id", "headline", "published", "outlets", "first_seen", "last_updated"} <= set(s)


def test_csv_cells_never_start_a_formula() -> None:
    for bad in ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_cell(bad) == "'" + bad
    assert csv_cell("Harbour = safe") == "Harbour = safe" and csv_cell(3) == 3
    item = {
        "id": "s_1",
        "headline": '=cmd|" /C calc"!A0',
        "outlets": ["@evil", "fine"],
        "lede": 'quote " and, comma\nnewline',
        "copies": 2,
        "reports": 0,
        "snippet": {"text": "-x", "marks": []},
    }
    rows = list(csv.reader(io.StringIO(summaries_csv([item]))))
    assert rows[1][1] == "'" + item["headline"]
    assert rows[1][7] == "'@evil; fine" and rows[1][9] == item["lede"] and rows[1][10] == "'-x"
    assert rows[1][5:7] == ["2", "0"]


# -- over HTTP ---------------------------------------------------------------------------------
fastapi = pytest.importorskip("fastapi", reason="the [server] extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from newsfold.server import create_app  # noqa: E402

HTML = {"accept": "text/html"}
NOW = datetime(2024, 3, 2, 7, 40, tzinfo=UTC)  # three hours after the ferry story was first seen


@pytest.fixture(scope="module")
def client(demo_store: SQLiteStore) -> TestClient:
    return TestClient(create_app(demo_store.path, allowed_hosts=("testserver",), clock=lambda: NOW))


def test_search_route_snippets_and_facets(client: TestClient) -> None:
    r = client.get("/search", params={"q": '"Kaimai Spirit" aground'})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"q", "terms", "sort", "total", "offset", "limit", "results", "facets"}
    assert body["terms"] == ["Kaimai Spirit", "aground"] and body["sort"] == "relevance"
    assert body["total"] == len(body["results"]) == 1 == int(r.headers["x-total-count"])
    snip = body["results"][0]["snippet"]
    marked = [snip["text"][m["start"] : m["end"]].lower() for m in snip["marks"]]
    assert "aground" in marked and "kaimai spirit" in marked
    assert set(body["facets"]) == {"outlet", "credit", "language", "day"}
    assert {"value": "Reuters", "count": 1} in body["facets"]["credit"]
    # /stories gives the same results as a list, each with its snippet
    listed = client.get("/stories", params={"q": '"Kaimai Spirit" aground'}).json()
    assert [s["id"] for s in listed] == [s["id"] for s in body["results"]] and listed[0]["snippet"]
    # facet filters narrow the list
    by_credit = client.get("/search", params={"credit": "Kyodo"}).json()
    assert by_credit["total"] >= 1 and all("Kyodo" in s["credits"] for s in by_credit["results"])


def test_sorting(client: TestClient) -> None:
    carried = client.get("/stories", params={"sort": "carried", "limit": 200}).json()
    n = [len(s["outlets"]) for s in carried]
    assert n == sorted(n, reverse=True) and n[0] > n[-1]
    updated = client.get("/stories", params={"sort": "updated", "limit": 200}).json()
    keys = [
        datetime.fromisoformat(s["last_updated"]).astimezone(UTC)
        for s in updated
        if s["last_updated"]
    ]
    assert keys == sorted(keys, reverse=True)
    # a story of no known time comes last
    known = [bool(s["last_updated"]) for s in updated]
    assert known == sorted(known, reverse=True)
    # most updated: the stories whose wire text went out in most versions (the coverage view's
    # updates after the first) come first
    most = client.get("/stories", params={"sort": "updates", "limit": 200}).json()
    versions = [
        len(client.get(f"/stories/{s['id']}.json").json()["coverage"]["updates"]) for s in most
    ]
    assert versions == sorted(versions, reverse=True) and versions[0] > 1
    assert {s["id"] for s in most} == {s["id"] for s in updated}
    r = client.get("/stories", params={"sort": "oldest"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"


def test_too_many_words_is_an_error_naming_the_limit(client: TestClient) -> None:
    """The old list searched the first ten words and dropped the rest without a word."""
    words = " ".join(f"w{i}" for i in range(MAX_TERMS + 1))
    r = client.get("/stories", params={"q": words})
    assert r.status_code == 422 and str(MAX_TERMS) in r.json()["error"]["message"]
    # eleven words, the eleventh matching nothing: nothing is found (it used to be dropped)
    assert client.get("/stories", params={"q": "ferry " * 10 + "zzqxj"}).json() == []


def test_list_page_paging_text_counts_zone_and_relative_times(client: TestClient) -> None:
    total = int(client.get("/stories", params={"limit": 1}).headers["x-total-count"])
    assert total > 10
    page = client.get("/stories", params={"limit": 5, "offset": 5}, headers=HTML).text
    count = re.search(r'<p class="count" id="count">(.*?)</p>', page, re.S)
    assert count and count.group(1).startswith(f"6–10 of {total} stories")
    times = re.findall(r"<time [^>]*>([^<]*)</time>", page)
    assert times and all(t.endswith(" UTC") for t in times), times  # one zone, not -04:00
    tokyo = client.get("/stories", params={"limit": 5, "tz": "Asia/Tokyo"}, headers=HTML).text
    assert all(t.endswith(" JST") for t in re.findall(r"<time [^>]*>([^<]*)</time>", tokyo))
    assert 'href="/stories?tz=Asia%2FTokyo&amp;limit=5&amp;offset=5"' in tokyo  # kept when paging
    ferry = client.get("/stories", params={"q": "ferry aground"}, headers=HTML).text
    assert "4 copies" in ferry and "1 report" in ferry and "5 copies" not in ferry
    assert "(3 hours ago)" in ferry  # first seen 04:40 UTC, the clock says 07:40
    assert re.search(r'<mark class="hit">ferry</mark>', ferry, re.I)
    assert 'id="facet-credit"' in ferry and '>Reuters</a> <span class="n">1</span>' in ferry
    bad = client.get("/stories", params={"tz": "Mars/Olympus"})
    assert bad.status_code == 422 and "Mars/Olympus" in bad.json()["error"]["message"]


def test_served_zone_is_the_default(demo_store: SQLiteStore) -> None:
    app = create_app(demo_store.path, allowed_hosts=("testserver",), tz="America/New_York")
    page = TestClient(app).get("/stories", params={"limit": 3}, headers=HTML).text
    times = re.findall(r"<time [^>]*>([^<]*)</time>", page)
    assert times and all(t.endswith((" EST", " EDT")) for t in times), times
    with pytest.raises(ValueError, match="Atlantis"):
        create_app(demo_store.path, tz="Atlantis/Capital")


def test_csv_export(client: TestClient) -> None:
    r = client.get("/stories.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    listed = client.get("/stories", params={"limit": 200}).json()
    assert [row["id"] for row in rows] == [s["id"] for s in listed]
    found = list(csv.DictReader(io.StringIO(client.get("/search.csv?q=ferry+aground").text)))
    assert len(found) == 1 and found[0]["copies"] == "4" and found[0]["reports"] == "1"
    assert "ferry" in found[0]["snippet"].lower() and "\x02" not in found[0]["snippet"]


def test_snippets_escape_page_text(tmp_path: Path) -> None:
    """Scraped text in a snippet reaches the page as text, never as markup."""
    db = str(tmp_path / "x.db")
    hostile = [
        p.replace(" people ", f" people {tag} ", 1)  # one tag a line: two would be markup
        for p, tag in zip(
            HARBOUR, ["<img src=x onerror=alert(1)>", "</mark><script>alert(2)"] * 3, strict=False
        )
    ]
    app = create_app(db, allowed_hosts=("testserver",))
    c = TestClient(app)
    line = json.loads(_page("Millbrook <b>harbour</b> plan", hostile, "alpha", 1))
    assert c.post("/pages", json=line).json()["results"][0]["status"] == "added"
    page = c.get("/search", params={"q": "onerror people"}, headers=HTML).text
    snip = re.search(r'<p class="snippet">(.*?)</p>', page, re.S)
    assert snip and "<img" not in snip.group(1) and "<script" not in snip.group(1)
    assert "&lt;img src=x" in snip.group(1)  # shown as the text it is
    assert set(re.findall(r"</?(\w+)", snip.group(1))) == {"mark"}


QUERY = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.sampled_from(['"', "*", "NEAR(", ")", "OR", "AND", "NOT", "^", ":", "-", "+", "%",
                         "_", "'", "\\", "ferry", "a.m.", "{", "}", "col:x", "\x00", "é", "\u202e"]),
        max_size=12,
    ).map(" ".join),
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=QUERY,
    sort=st.sampled_from([None, "relevance", "newest", "carried", "updated", "updates", "x"]),
    tz=st.one_of(st.none(), st.sampled_from(["UTC", "Asia/Tokyo"]), st.text(max_size=20)),
    other=st.text(max_size=20),
)
def test_no_query_answers_500(
    client: TestClient, q: str, sort: str | None, tz: str | None, other: str
) -> None:
    params: dict[str, Any] = {"q": q, "sort": sort, "tz": tz, "outlet": other, "credit": other}
    params = {k: v for k, v in params.items() if v is not None}
    for path in ("/stories", "/search", "/stories.csv"):
        for headers in ({}, HTML):
            r = client.get(path, params=params, headers=headers)
            assert r.status_code in (200, 422), (path, params, r.status_code, r.text[:300])
            if r.status_code == 422 and not headers:
                assert r.json()["error"]["code"] in ("invalid_request", "too_many_terms")


class _Undo(Exception):
    """Raised to roll a transaction back."""


def _written(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    tables = {
        "stories": "id, headline, n_articles, n_outlets, data",
        "story_articles": "article_id, story_id, relation, copy_group",
        "story_search": "story_id, doc, headlines, body, other, n_copies, n_reports",
        "story_facets": "story_id, facet, value",
        "aliases": "old_id, new_id",
    }
    return {t: sorted(store._exec(f"SELECT {c} FROM {t}").fetchall()) for t, c in tables.items()}


def test_a_batch_of_stories_is_written_as_one_at_a_time_would_be(
    store_url: str, tmp_path: Path
) -> None:
    """``write_stories`` writes a batch in a few statements: articles moving between stories of
    the batch (either way round) and one left by its story end where writing the stories one
    after the other leaves them."""
    lines = [
        _page("Harbour plan approved", HARBOUR, "alpha", 1),
        _page("Harbour plan approved", HARBOUR, "gamma", 2),
        _page("Salzhaven opera season opens", OPERA, "beta", 3),
    ]
    with open_store(store_url) as store:
        _fold_lines(store, tmp_path, "one", *lines)
        harbour, opera = sorted(store.stories(), key=lambda s: s.headline or "")
        assert len(harbour.members) == 2 and len(opera.members) == 1
        moved = harbour.members[1]
        batches = [
            # the later story's article moves to the earlier one, the later keeps the rest
            [
                dataclasses.replace(opera, members=[*opera.members, moved]),
                dataclasses.replace(harbour, members=harbour.members[:1]),
            ],
            # the earlier story's article moves to the later one
            [
                dataclasses.replace(harbour, members=harbour.members[:1]),
                dataclasses.replace(opera, members=[*opera.members, moved]),
            ],
            # an article left by its story and taken by none: it leaves story_articles
            [dataclasses.replace(harbour, members=harbour.members[:1]), opera],
        ]
        before = _written(store)
        for batch in batches:
            got = []
            for parts in ([batch], [[s] for s in batch]):
                # rolled back: the next way starts from the folded store again
                with pytest.raises(_Undo), store.transaction():
                    for part in parts:
                        store.write_stories(part)
                    got.append(_written(store))
                    raise _Undo
                assert _written(store) == before
            assert got[0] == got[1]
        assert got[0]["story_articles"] != before["story_articles"]
