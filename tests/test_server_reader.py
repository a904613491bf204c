"""The reader and API of issue 22: a story's coverage, counts of copies only, a report's page,
``/rejected``, the teasers' outlet filter, HEAD, the docs served from the package, sources
shown relative to the folded root, the clock's ends, and ``serve --db`` on a missing file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the [server] extra is not installed")
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import EXAMPLES
from newsfold.api import Store
from newsfold.cli import main
from newsfold.records import Rejection
from newsfold.server import create_app
from newsfold.store.sqlite import SQLiteStore
from reader_store import FERRY, TEASERS, XSS, reader_store, rejections

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def db(demo_store: SQLiteStore, tmp_path_factory: pytest.TempPathFactory) -> str:
    return reader_store(demo_store, tmp_path_factory.mktemp("reader22") / "r.db")


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db, allowed_hosts=("testserver",)))


def test_counts_and_denominators_are_of_copies_only(client: TestClient) -> None:
    d = client.get(f"/stories/{FERRY}.json").json()
    relations = sorted(a["relation"] for a in d["articles"])
    assert relations == ["copy", "copy", "copy", "origin", "report"]
    assert d["counts"] == {"copies": 4, "reports": 1, "outlets": 4}
    report = d["reports"][0]["id"]
    for p in d["paragraphs"]:
        assert p["copies"] == len(set(p["sources"]) - {report}) <= 4
    page = client.get(f"/stories/{FERRY}", headers=HTML).text
    assert "4 copies" in page and "1 independent report" in page
    assert "/5<" not in page and ">4/4<" in page, "the report is in no denominator"
    # "Not in" lists copies alone: the report's number never appears there
    number = 1 + [a["id"] for a in d["articles"]].index(report)
    for block in page.split('<p class="missing">')[1:]:
        assert f"[{number}]" not in block.split("</p>")[0]


def test_coverage_view(client: TestClient) -> None:
    cov = client.get(f"/stories/{FERRY}.json").json()["coverage"]
    assert [c["utc"] for c in cov["timeline"]] == sorted(c["utc"] for c in cov["timeline"])
    assert cov["timeline"][0]["after_s"] == 0 and cov["timeline"][0]["relation"] == "origin"
    assert [o["outlet"] for o in cov["by_outlet"]] == [
        "harbour-herald",
        "meridian-daily",
        "tidewater-gazette.example",
        "pacific-ledger",
    ]
    assert [r["outlet"] for r in cov["reported"]] == ["northbound-post"]
    assert all(c["relation"] != "report" for c in cov["timeline"])
    ups = cov["updates"]
    assert ups[0]["kind"] == "first" and all(u["kind"] == "update" for u in ups[1:])
    assert len(ups) + cov["repeats"] == cov["copies"]
    # each paragraph is first carried by exactly one version
    added = [i for u in ups for i in u["added"]]
    assert sorted(added) == list(range(len(added)))
    page = client.get(f"/stories/{FERRY}", headers=HTML).text
    assert 'aria-labelledby="h-coverage"' in page and "Updates of the wire text" in page
    assert page.count("<tr>", page.index('class="by-outlet"')) >= 4


def test_show_json_has_the_same_new_keys(db: str) -> None:
    out = CliRunner().invoke(main, ["show", FERRY, "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    d = json.loads(out.output)
    assert d["counts"]["copies"] == 4 and d["coverage"]["reports"] == 1
    assert d["articles"][0]["source"].startswith(str(EXAMPLES)), "the CLI shows paths whole"


def test_a_report_is_not_diffed_as_a_copy(client: TestClient) -> None:
    d = client.get(f"/stories/{FERRY}.json").json()
    report = client.get(f"/articles/{d['reports'][0]['id']}.json").json()
    assert report["is_report"] is True and report["diff"] is None
    assert report["story"]["relation"] == "report"
    page = client.get(f"/articles/{d['reports'][0]['id']}", headers=HTML).text
    assert "independent report" in page and "classified edit" not in page
    copy = next(a for a in d["articles"] if a["relation"] == "copy")
    c = client.get(f"/articles/{copy['id']}.json").json()
    assert c["is_report"] is False and c["diff"]["rows"]


def test_sources_are_relative_to_the_folded_root(db: str, client: TestClient) -> None:
    d = client.get(f"/stories/{FERRY}.json").json()
    root = str(EXAMPLES)
    for a in d["articles"]:
        assert not a["source"].startswith("/") and "/" in a["source"], a["source"]
        got = client.get(f"/articles/{a['id']}.json").json()
        assert got["source"] == a["source"]
        page = client.get(f"/articles/{a['id']}", headers=HTML).text
        assert root not in page
    rej = client.get("/rejected.json").json()
    assert rej and all(root not in r["source"] + r["message"] for r in rej)
    # a token holder sees them whole
    holder = TestClient(create_app(db, allowed_hosts=("testserver",), token="t0ken"))
    whole = holder.get(
        f"/articles/{d['articles'][0]['id']}.json", headers={"authorization": "Bearer t0ken"}
    )
    assert whole.json()["source"].startswith(root)
    other = holder.get(
        f"/articles/{d['articles'][0]['id']}.json", headers={"authorization": "Bearer nope"}
    )
    assert not other.json()["source"].startswith("/")


def test_rejected_list_and_page(client: TestClient) -> None:
    r = client.get("/rejected.json", params={"limit": 2})
    assert r.status_code == 200 and r.headers["x-total-count"] == "3"
    assert len(r.json()) == 2 and 'rel="next"' in r.headers["link"]
    assert set(r.json()[0]) == {"source", "reason", "message", "page_id", "added_at"}
    rest = client.get("/rejected.json", params={"limit": 2, "offset": 2}).json()
    assert len(rest) == 1 and "link" not in client.get("/rejected.json").headers
    binary = client.get("/rejected.json", params={"reason": "binary"}).json()
    assert [x["source"] for x in binary] == ["bin/blob.bin"]
    page = client.get("/rejected", headers=HTML)
    assert page.status_code == 200 and "3 rejected inputs" in page.text
    assert XSS not in page.text and "&lt;img src=x" in page.text
    assert client.get("/rejected.json", params={"reason": "nope"}).json() == []


def test_teasers_filter_by_outlet(client: TestClient) -> None:
    page = client.get("/teasers", headers=HTML).text
    assert 'id="outlet"' in page and ">harbour-herald (2)<" in page
    only = client.get("/teasers", params={"outlet": "harbour-herald"}, headers=HTML).text
    assert "Harbour teaser one" in only and "Meridian teaser" not in only
    assert '<option value="harbour-herald" selected>' in only
    assert "<script>alert" not in client.get("/teasers", headers=HTML).text
    assert len(client.get("/teasers.json").json()) == len(TEASERS)


def test_teasers_and_rejections_export_as_csv(client: TestClient) -> None:
    """Every list has a CSV twin: the teasers and the rejections as their pages filter them,
    sources shown as on the page (formula cells: csv_cell, tested in test_search)."""
    import csv
    import io

    r = client.get("/rejected.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="rejected.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    listed = client.get("/rejected.json").json()
    assert r.headers["x-total-count"] == str(len(listed)) == str(len(rows))
    assert [row["source"] for row in rows] == [x["source"] for x in listed]
    assert not any(row["source"].startswith("/") for row in rows), "no server paths"
    one = client.get("/rejected.csv", params={"reason": "binary"}).text
    assert [row["source"] for row in csv.DictReader(io.StringIO(one))] == ["bin/blob.bin"]
    t = client.get("/teasers.csv", params={"outlet": "harbour-herald"})
    teasers = list(csv.DictReader(io.StringIO(t.text)))
    assert teasers and all(row["outlet"] == "harbour-herald" for row in teasers)
    assert len(list(csv.DictReader(io.StringIO(client.get("/teasers.csv").text)))) == len(TEASERS)
    assert client.get("/teasers.csv", params={"limit": 10_001}).status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/stories",
        f"/stories/{FERRY}",
        "/rejected",
        "/teasers",
        "/docs",
        "/openapi.json",
        "/static/reader.css",
    ],
)
def test_head_on_every_get_route(client: TestClient, path: str) -> None:
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == 200 == got.status_code
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["content-security-policy"] == got.headers["content-security-policy"]
    assert client.head("/stories/s_nope").status_code == 404
    assert client.head("/pages").status_code == 405


def test_docs_are_served_from_the_package(client: TestClient) -> None:
    page = client.get("/docs", headers=HTML)
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "http" not in csp
    assert "cdn" not in page.text and "<script>" not in page.text
    for asset in (
        "/docs-static/swagger-ui-bundle.js",
        "/docs-static/swagger-ui.css",
        "/static/docs.js",
    ):
        assert f'"{asset}"' in page.text
        assert client.get(asset).status_code == 200
    spec = client.get("/docs.json")
    assert spec.headers["content-type"] == "application/json"
    assert spec.json()["openapi"].startswith("3.") and "/rejected" in spec.json()["paths"]


def test_extract_names_its_source_once(client: TestClient) -> None:
    r = client.post("/extract", json={"text": "hello"})
    assert r.status_code == 422
    message = r.json()["error"]["message"]
    assert message.count("POST /extract") == 1, message


@pytest.mark.parametrize("path", ["/extract", "/compare", "/pages"])
def test_text_plain_is_415(client: TestClient, path: str) -> None:
    r = client.post(path, content=b'{"text": "hello"}', headers={"content-type": "text/plain"})
    assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    ("params", "same_as"),
    [
        ({"until": "9999-12-31"}, {"until": "2999-01-01"}),
        ({"until": "9999-12-31T23:59:59.999999"}, {"until": "2999-01-01"}),
        ({"since": "0001-01-01T00:00:00+01:00"}, {"since": "1000-01-01"}),
        ({"since": "0001-01-01"}, {"since": "1000-01-01"}),
        ({"until": "0001-01-01T00:00:00+01:00"}, {"until": "1000-01-01"}),
        ({"since": "9999-12-31T23:59:59-01:00"}, {"since": "2999-01-01"}),
    ],
)
def test_the_ends_of_the_calendar(
    client: TestClient, params: dict[str, str], same_as: dict[str, str]
) -> None:
    """Times at the calendar's ends answer as times well inside it (they answered 500)."""
    r = client.get("/stories.json", params=params)
    assert r.status_code == 200, r.text
    assert r.json() == client.get("/stories.json", params=same_as).json()
    assert (
        r.headers["x-total-count"]
        == client.get("/stories.json", params=same_as).headers["x-total-count"]
    )


def test_serve_refuses_a_missing_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr("newsfold.server.serve", lambda db, **kw: calls.append(db))
    missing = tmp_path / "typo.db"
    r = CliRunner().invoke(main, ["serve", "--db", str(missing)])
    assert r.exit_code == 2 and str(missing) in r.output and "--create" in r.output
    assert not missing.exists() and calls == []
    r = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{missing}"])
    assert r.exit_code == 2 and not missing.exists()
    r = CliRunner().invoke(main, ["serve", "--db", str(missing), "--create"])
    assert r.exit_code == 0, r.output
    assert missing.exists() and calls == [str(missing)]


def test_store_queries_of_the_reader_pages(store: Store) -> None:
    """``rejected_page``, ``rejection_reasons``, ``teaser_outlets`` and ``source_bounds`` on
    each backend."""
    assert store.rejected_page() == ([], 0) and store.source_bounds() == (None, None)
    with store.transaction():
        for r in rejections():
            store.add_rejection(r)
        for t in TEASERS:
            store.add_teaser(t)
        store.add_rejection(Rejection("api/T#1", "empty", "api/T#1: empty page"))
    rows, total = store.rejected_page(limit=2, offset=0)
    assert total == 4 and len(rows) == 2
    rest, _ = store.rejected_page(limit=2, offset=2)
    assert {r["source"] for r in rows + rest} == {r.source for r in rejections()} | {"api/T#1"}
    empty, n = store.rejected_page(reason="empty")
    assert n == 2 and {r["reason"] for r in empty} == {"empty"}
    assert store.rejection_reasons() == [("binary", 1), ("empty", 2), ("no_article", 1)]
    assert store.teaser_outlets() == [("harbour-herald", 2), ("meridian-daily", 1)]
    low, high = store.source_bounds()
    assert low is not None and high is not None
    assert low.startswith(str(EXAMPLES)) and high.startswith(str(EXAMPLES))


def test_every_page_shows_one_display_zone(db: str, client: TestClient) -> None:
    """The story, article and teaser pages show every time in the display zone (UTC unless the
    server or the reader names another), not in each page's own offset."""
    import re

    d = client.get(f"/stories/{FERRY}.json").json()
    offsets = {a["published"][-6:] for a in d["articles"] if a["published"]}
    assert len(offsets) > 1, "the fixture's copies carry several offsets"
    paths = [f"/stories/{FERRY}", f"/articles/{d['articles'][0]['id']}", "/teasers"]
    shown = re.compile(r"<time[^>]*>([^<]*)</time>")
    for path in paths:
        times = shown.findall(client.get(path, headers=HTML).text)
        assert times and all(t.endswith(" UTC") or t == "-" for t in times), (path, times)
        tokyo = shown.findall(client.get(path, params={"tz": "Asia/Tokyo"}, headers=HTML).text)
        assert all(t.endswith(" JST") or t == "-" for t in tokyo), (path, tokyo)
    # the reader's zone goes with them from the list into a story and on to its articles
    listed = client.get("/stories", params={"tz": "Asia/Tokyo"}, headers=HTML).text
    assert f'/stories/{FERRY}?tz=Asia%2FTokyo"' in listed
    story = client.get(f"/stories/{FERRY}", params={"tz": "Asia/Tokyo"}, headers=HTML).text
    assert re.search(r'href="/articles/a_[0-9a-f]+\?tz=Asia%2FTokyo"', story)
    carried = re.compile(r"/articles/a_[0-9a-f]+\?")
    assert not carried.search(client.get(f"/stories/{FERRY}", headers=HTML).text)
    bad = client.get(f"/stories/{FERRY}", params={"tz": "Mars/Base"}, headers=HTML).text
    assert "/articles/a_" in bad and not carried.search(bad), "an unknown zone is not carried"
    paris = TestClient(create_app(db, allowed_hosts=("testserver",), tz="Europe/Paris"))
    page = paris.get(f"/stories/{FERRY}", headers=HTML).text
    assert "Times in Europe/Paris" in page
    assert all(t.endswith((" CET", " CEST")) or t == "-" for t in shown.findall(page))
