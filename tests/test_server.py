"""The HTTP API and the reader's pages, in process (no network): every route, the one error
shape, the limits, the token rule, and the JSON shapes the CLI prints."""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the [server] extra is not installed")
pytest.importorskip("jinja2", reason="the [server] extra is not installed")

from fastapi.testclient import TestClient

from conftest import EXAMPLES
from newsfold import extract_text, fold
from newsfold.dates import utc_key
from newsfold.errors import MissingExtraError
from newsfold.match.compare import compare_articles
from newsfold.read.limits import Limits
from newsfold.server import create_app, is_loopback
from newsfold.store import SQLiteStore, open_store
from newsfold.views import story_detail, story_summary

HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
FERRY = [
    EXAMPLES / "harbour-herald" / "kaimai-spirit-aground-tory-channel.txt",
    EXAMPLES / "meridian-daily" / "nz-ferry-runs-aground.txt",
    EXAMPLES / "pacific-ledger" / "nz-ferry-aground-marlborough-sounds.txt",
]


def app(db: str, **options: Any) -> Any:
    """The app as the tests talk to it: Starlette's TestClient sends ``Host: testserver``,
    which a server answers only when told to."""
    return create_app(db, allowed_hosts=("testserver",), **options)


def records(paths: list[Path]) -> list[dict[str, str]]:
    return [{"text": p.read_text("utf-8"), "outlet": p.parent.name} for p in paths]


def assert_error(response: Any, status: int, code: str) -> dict[str, str]:
    assert response.status_code == status, response.text[:500]
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def client(demo_store: SQLiteStore) -> TestClient:
    return TestClient(app(demo_store.path))


@pytest.fixture
def fresh(tmp_path: Path) -> str:
    return str(tmp_path / "api.db")


# -- reading -----------------------------------------------------------------------------------
def test_stories_are_the_cli_list_newest_first(client: TestClient, demo_store: SQLiteStore) -> None:
    r = client.get("/stories", params={"limit": 200})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    expected = [story_summary(demo_store, s) for s in demo_store.stories()]
    # the server shows its file sources relative to the folded root, not whole
    for item in expected:
        for a in item["articles"]:
            a["source"] = a["source"].removeprefix(str(EXAMPLES) + "/")
    assert r.json() == expected
    assert r.headers["x-total-count"] == str(len(expected)) and "link" not in r.headers
    keys = [utc_key(s["published"]) for s in r.json()]
    timed = [k for k in keys if k != "~"]
    assert timed == sorted(timed, reverse=True) and keys[: len(timed)] == timed
    first = r.json()[0]
    assert {"outlets", "first_seen", "last_updated"} <= set(first)
    assert utc_key(first["first_seen"]) <= utc_key(first["last_updated"])


def test_stories_page_by_page(client: TestClient) -> None:
    everything = client.get("/stories", params={"limit": 200}).json()
    seen: list[dict[str, Any]] = []
    url: str | None = "/stories?limit=6"
    while url:
        r = client.get(url)
        assert r.status_code == 200
        seen += r.json()
        link = r.headers.get("link")
        url = link.split(">")[0].lstrip("<") if link else None
        assert len(seen) <= len(everything)
    assert [s["id"] for s in seen] == [s["id"] for s in everything]
    assert client.get("/stories", params={"offset": 10_000}).json() == []
    # the HTML page links the pages before and after it
    html = client.get("/stories?limit=6&offset=6", headers={"accept": "text/html"}).text
    assert 'rel="prev" href="/stories?limit=6"' in html
    assert 'rel="next" href="/stories?limit=6&amp;offset=12"' in html


def test_search_outlet_and_dates(client: TestClient, demo_store: SQLiteStore) -> None:
    found = client.get("/stories", params={"q": "FERRY aground"}).json()
    assert found, "the example ferry story should be found"
    for s in found:
        d = story_detail(demo_store, demo_store.get_story(s["id"]))
        text = (d["headline"] + " " + " ".join(p["text"] for p in d["paragraphs"])).lower()
        assert "ferry" in text and "aground" in text
    assert client.get("/stories", params={"q": "zzqxj nowhere"}).json() == []
    # LIKE wildcards in a query are plain characters
    assert client.get("/stories", params={"q": "%"}).json() == []

    outlet = "pacific-ledger"
    carried = [s for s in client.get("/stories?limit=200").json() if outlet in s["outlets"]]
    got = client.get("/stories", params={"outlet": outlet, "limit": 200})
    assert [s["id"] for s in got.json()] == [s["id"] for s in carried] and carried
    assert got.headers["x-total-count"] == str(len(carried))

    everything = client.get("/stories?limit=200").json()
    day = next(utc_key(s["published"]) for s in everything if s["published"])[:10]
    want = [s["id"] for s in everything if utc_key(s["published"])[:10] == day]
    on_day = client.get("/stories", params={"since": day, "until": day, "limit": 200}).json()
    assert [s["id"] for s in on_day] == want and want
    since = client.get("/stories", params={"since": day, "limit": 200}).json()
    assert [s["id"] for s in since] == [
        s["id"] for s in everything if s["published"] and utc_key(s["published"])[:10] >= day
    ]
    after = client.get("/stories", params={"since": "2100-01-01"}).json()
    assert after == []
    assert_error(client.get("/stories", params={"since": "last tuesday"}), 422, "invalid_request")


def test_story_is_the_cli_show(client: TestClient, demo_store: SQLiteStore) -> None:
    story = demo_store.stories()[0]
    r = client.get(f"/stories/{story.id}")
    assert r.status_code == 200
    expected = story_detail(demo_store, story)
    # the server shows its file sources relative to the folded root, not whole
    for a in expected["articles"] + expected["reports"]:
        a["source"] = a["source"].removeprefix(str(EXAMPLES) + "/")
    assert r.json() == expected
    assert client.get(f"/stories/{story.id}.json", headers=HTML).json() == r.json()
    assert_error(client.get("/stories/s_doesnotexist"), 404, "not_found")
    assert_error(client.get("/stories/" + "x" * 200), 422, "invalid_request")


def test_article_with_its_story_and_diff(client: TestClient, demo_store: SQLiteStore) -> None:
    story = next(s for s in demo_store.stories() if len(s.members) >= 3)
    member = story.members[-1]
    r = client.get(f"/articles/{member.article}")
    assert r.status_code == 200
    d = r.json()
    article = demo_store.get_article(member.article)
    expected = article.to_dict()
    expected["source"] = expected["source"].removeprefix(str(EXAMPLES) + "/")
    assert {k: d[k] for k in article.to_dict()} == expected
    assert d["story"]["id"] == story.id and d["story"]["relation"] == member.relation
    rows = d["diff"]["rows"]
    # every paragraph of both sides appears once, in order
    assert [x["a"] for x in rows if x["a"] is not None] == [p.text for p in story.paragraphs]
    assert [x["b"] for x in rows if x["b"] is not None] == article.paragraphs
    for row in rows:
        for side in ("a", "b"):
            for m in row["marks"][side]:
                assert 0 <= m["start"] < m["end"] <= len(row[side])
    assert_error(client.get("/articles/a_nothere"), 404, "not_found")


# -- computing ---------------------------------------------------------------------------------
def test_extract_is_the_cli_extract(client: TestClient) -> None:
    path = EXAMPLES / "meridian-daily" / "pune-water-atms.txt"
    text = path.read_text("utf-8")
    r = client.post("/extract", json={"text": text, "outlet": "meridian-daily"})
    assert r.status_code == 200
    want = extract_text(text, outlet="meridian-daily").to_dict()
    got = r.json()
    for key in ("headline", "byline", "credits", "published", "paragraphs", "removed", "teasers"):
        assert got[key] == want[key], key
    assert_error(client.post("/extract", json={"text": "   "}), 422, "empty")
    assert_error(client.post("/extract", json={"url": "https://x.example/"}), 422, "malformed")
    r = client.post("/extract", content=b"{not json", headers={"content-type": "application/json"})
    assert_error(r, 400, "invalid_json")


def test_compare_ids_and_pages(client: TestClient, demo_store: SQLiteStore) -> None:
    story = next(s for s in demo_store.stories() if len(s.members) >= 2)
    a, b = story.members[0].article, story.members[1].article
    r = client.post("/compare", json={"a": a, "b": b})
    assert r.status_code == 200
    assert r.json() == compare_articles(demo_store.get_article(a), demo_store.get_article(b))
    assert r.json()["relation"] in ("identical", "copy", "partial")
    pages = records(FERRY[1:])
    r = client.post("/compare", json={"a": pages[0], "b": pages[1]})
    assert r.status_code == 200 and r.json()["relation"] in ("copy", "partial", "identical")
    assert_error(client.post("/compare", json={"a": a, "b": "a_missing"}), 404, "not_found")
    assert_error(client.post("/compare", json={"a": a}), 422, "invalid_request")


# -- writing -----------------------------------------------------------------------------------
def test_pages_fold_as_a_fold_does(fresh: str, tmp_path: Path) -> None:
    client = TestClient(app(fresh))
    batch = [*records(FERRY), {"text": ""}, {"html": 5}, "not an object"]
    r = client.post("/pages", json=batch)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["added"] == 3 and out["pages"] == 3 and out["stories"] >= 1
    statuses = [(x["status"], x.get("reason")) for x in out["results"]]
    assert statuses == [
        ("added", None),
        ("added", None),
        ("added", None),
        ("rejected", "empty"),
        ("rejected", "malformed"),
        ("rejected", "malformed"),
    ]
    assert all(x["message"] for x in out["results"] if x["status"] == "rejected")
    story_ids = {x["story"] for x in out["results"] if x["status"] == "added"}
    assert len(story_ids) == 1, "the three ferry copies fold into one story"

    # the same records in a .jsonl file given to newsfold.fold build the very same stories
    jsonl = tmp_path / "same.jsonl"
    jsonl.write_text("\n".join(json.dumps(x) for x in records(FERRY)), "utf-8")
    fold([jsonl], tmp_path / "cli.db")
    with open_store(fresh) as via_api, open_store(tmp_path / "cli.db") as via_cli:
        assert [s.id for s in via_api.stories()] == [s.id for s in via_cli.stories()]
        mine, theirs = via_api.stories()[0], via_cli.stories()[0]
        assert [p.text for p in mine.paragraphs] == [p.text for p in theirs.paragraphs]
        assert via_api.rejected() and all(
            r["source"].startswith("api/") for r in via_api.rejected()
        )

    # folding again adds nothing and changes no id
    again = client.post("/pages", json=records(FERRY)).json()
    assert again["added"] == 0 and {x["status"] for x in again["results"]} == {"known"}
    assert {x["story"] for x in again["results"]} == story_ids
    assert client.get(f"/stories/{story_ids.pop()}").status_code == 200


def test_pages_one_record_and_jsonl(fresh: str) -> None:
    client = TestClient(app(fresh))
    one = client.post("/pages", json=records(FERRY[:1])[0]).json()
    assert one["added"] == 1 and one["results"][0]["article"]
    body = "\n".join(json.dumps(x) for x in records(FERRY[1:])) + "\n\n"
    r = client.post("/pages", content=body, headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200 and r.json()["added"] == 2
    assert r.json()["results"][0]["source"].endswith("#1")
    r = client.post("/pages", content=b"text", headers={"content-type": "text/plain"})
    assert_error(r, 415, "unsupported_media_type")
    assert_error(client.post("/pages", json=[]), 400, "no_pages")
    r = client.post("/pages", content=b"\xff\xfe", headers={"content-type": "application/json"})
    assert_error(r, 400, "invalid_body")


def test_limits(fresh: str) -> None:
    client = TestClient(app(fresh, max_body_bytes=2000, max_pages=2))
    big = {"text": "word " * 1000}
    assert_error(client.post("/pages", json=big), 413, "too_large")
    assert_error(client.post("/extract", json=big), 413, "too_large")

    def chunks() -> Any:  # no Content-Length: the limit holds on the streamed body too
        for _ in range(10):
            yield b" " * 500

    r = client.post("/pages", content=chunks(), headers={"content-type": "application/json"})
    assert_error(r, 413, "too_large")
    small = [{"text": f"line {i}"} for i in range(3)]
    assert_error(client.post("/pages", json=small), 413, "too_many_pages")
    # a page over the ingest limit is rejected as a fold rejects it; the rest goes on
    tight = TestClient(app(fresh, limits=Limits(max_page_bytes=100)))
    out = tight.post("/pages", json=[{"text": "x" * 200}]).json()
    assert out["results"][0]["reason"] == "too_large"
    assert_error(client.get("/stories", params={"limit": 0}), 422, "invalid_request")
    assert_error(client.get("/stories", params={"limit": 10_000}), 422, "invalid_request")
    assert_error(client.get("/stories", params={"q": "q" * 300}), 422, "invalid_request")


def test_token_rule(fresh: str) -> None:
    page = records(FERRY[:1])[0]
    # on loopback with no token, writes are open
    assert TestClient(app(fresh)).post("/pages", json=page).status_code == 200
    # beyond loopback with no token, writes are refused and reads stay open
    public = TestClient(app(fresh, host="0.0.0.0"))
    assert_error(public.post("/pages", json=page), 403, "token_required")
    assert public.get("/stories").status_code == 200
    # /extract and /compare cost CPU: beyond loopback they follow the write rule
    assert_error(public.post("/extract", json=page), 403, "token_required")
    # with a token, wherever the server listens, writes need it
    for host in ("0.0.0.0", "127.0.0.1"):
        guarded = TestClient(app(fresh, host=host, token="s3cret"))
        r = guarded.post("/pages", json=page)
        assert_error(r, 401, "unauthorized")
        assert r.headers["www-authenticate"] == "Bearer"
        wrong = {"authorization": "Bearer nope"}
        assert_error(guarded.post("/pages", json=page, headers=wrong), 403, "forbidden")
        right = {"authorization": "Bearer s3cret"}
        assert guarded.post("/pages", json=page, headers=right).status_code == 200
        assert guarded.get("/stories").status_code == 200
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


# -- the error shape, docs, headers, pages -----------------------------------------------------
def test_one_error_shape(client: TestClient) -> None:
    assert_error(client.get("/nowhere"), 404, "not_found")
    assert_error(client.get("/pages"), 405, "method_not_allowed")
    assert_error(client.delete("/stories"), 405, "method_not_allowed")
    page = client.get("/nowhere", headers=HTML)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "not found" in page.text


def test_openapi_lists_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path, method in [
        ("/pages", "post"),
        ("/stories", "get"),
        ("/stories/{story_id}", "get"),
        ("/articles/{article_id}", "get"),
        ("/extract", "post"),
        ("/compare", "post"),
    ]:
        assert method in paths[path], path
    assert "application/x-ndjson" in paths["/pages"]["post"]["requestBody"]["content"]
    assert client.get("/docs").status_code == 200


def test_headers_and_twins(client: TestClient, demo_store: SQLiteStore) -> None:
    story = demo_store.stories()[0]
    article = story.members[0].article
    for path in ("/stories", f"/stories/{story.id}", f"/articles/{article}"):
        page = client.get(path, headers=HTML)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert f'href="{path}.json"' in page.text, "each page links its JSON twin"
        twin = client.get(path + ".json", headers=HTML)
        assert twin.headers["content-type"].startswith("application/json")
        assert twin.json() == client.get(path).json()
        assert "<script>" not in page.text and " on" + "click=" not in page.text
    assert "content-security-policy" in client.get("/nowhere").headers
    assert client.get("/", follow_redirects=False).headers["location"] == "/stories"


def test_story_page_shows_the_story(client: TestClient, demo_store: SQLiteStore) -> None:
    story = next(s for s in demo_store.stories() if any(p.variants for p in s.paragraphs))
    page = client.get(f"/stories/{story.id}", headers=HTML).text
    copies = {m.article for m in story.members if m.relation != "report"}
    n = len(copies)
    assert page.count('<details class="para') == len(story.paragraphs)
    assert f">{len(copies & set(story.paragraphs[0].sources))}/{n}<" in page
    assert '<mark class="edit edit-' in page, "variant readings have their edits highlighted"
    assert "★ origin" in page and "Coverage" in page
    reports = [m for m in story.members if m.relation == "report"]
    assert ("No independent reports" in page) == (not reports)
    firsts = [items[0]["name"] for items in story.entities.values() if items]
    assert firsts and all(html.escape(n) in page for n in firsts)
    assert story.related and all(html.escape(r["headline"]) in page for r in story.related)


def test_pages_escape_what_pages_say(fresh: str) -> None:
    client = TestClient(app(fresh))
    evil = '<script>alert("x")</script> Kaimai <b onmouseover=alert(1)>Spirit</b>'
    text = FERRY[0].read_text("utf-8").replace("Kaimai Spirit", evil)
    r = client.post(
        "/pages", json={"text": text, "outlet": "evil", "url": "javascript:alert(document.cookie)"}
    )
    story_id = r.json()["results"][0]["story"]
    article_id = r.json()["results"][0]["article"]
    other = FERRY[1].read_text("utf-8")
    r = client.post("/pages", json={"text": other, "outlet": '"><script>alert(2)</script>'})
    assert r.json()["added"] == 1
    for path in (f"/stories/{story_id}", f"/articles/{article_id}", "/stories"):
        page = client.get(path, headers=HTML).text
        assert "&lt;script&gt;" in page
        assert "<script>alert" not in page and "<b onmouseover" not in page
        assert '"><script>' not in page
        assert 'href="javascript:' not in page


def test_a_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)
    monkeypatch.delitem(sys.modules, "newsfold.server.app", raising=False)
    with pytest.raises(MissingExtraError) as e:
        create_app("unused.db")
    assert e.value.extra == "server" and "newsfold[server]" in str(e.value)
