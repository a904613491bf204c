"""Summary-only feed items kept as teasers of their outlet: read, stored once, counted in the
fold's summary, listed by the CLI and the HTTP API. The feeds are written here."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfold import fold
from newsfold.cli import main
from newsfold.read.files import read_paths
from newsfold.records import FeedTeaser, Page, ReadStats
from newsfold.store import MIGRATIONS, SCHEMA_VERSION, open_store

ARTICLE = (
    "The harbour board approved a plan on Monday to dredge the northern channel before the "
    "winter storms, after two cargo ships ran aground on the same sandbar in one month. "
) * 6

FEED = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>Port News</title><link>https://port.example/</link>
<atom:link rel="self" href="https://port.example/feeds/latest.rss"/>
<lastBuildDate>Tue, 05 Mar 2024 08:00:00 +0000</lastBuildDate>
<item><title>Harbour board approves dredging</title><link>https://port.example/dredging</link>
<pubDate>Mon, 04 Mar 2024 09:30:00 +0000</pubDate>
<content:encoded><![CDATA[<p>{ARTICLE}</p>]]></content:encoded></item>
<item><title>Ferry timetable changes &amp; new fares</title><link>https://port.example/ferry</link>
<pubDate>Mon, 04 Mar 2024 11:00:00 +0100</pubDate>
<description>&lt;p&gt;Two evening &lt;b&gt;sailings&lt;/b&gt; are added from June.&lt;/p&gt;</description></item>
<item><title>Pilot boat named</title><link>https://port.example/pilot</link>
<description>A school vote chose the name.</description></item>
<item><description></description></item>
</channel></rss>"""


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    path = tmp_path / "port" / "latest.rss"
    path.parent.mkdir()
    path.write_text(FEED, encoding="utf-8")
    return path


def test_summary_items_are_teasers_with_the_feeds_url_and_times(feed: Path) -> None:
    stats = ReadStats()
    items = list(read_paths([feed], stats=stats))
    assert [x.url for x in items if isinstance(x, Page)] == ["https://port.example/dredging"]
    teasers = [x for x in items if isinstance(x, FeedTeaser)]
    assert [t.source for t in teasers] == [f"{feed}#2", f"{feed}#3"]
    ferry = teasers[0]
    assert ferry.headline == "Ferry timetable changes & new fares"
    assert ferry.summary == "Two evening sailings are added from June."  # markup gone
    assert ferry.url == "https://port.example/ferry" and ferry.outlet == "port.example"
    assert ferry.published == "2024-03-04T10:00:00+00:00"  # feedparser's UTC
    assert ferry.feed_url == "https://port.example/feeds/latest.rss"
    assert ferry.feed_updated == "2024-03-05T08:00:00+00:00"
    assert teasers[1].published is None and teasers[1].headline == "Pilot boat named"
    assert stats.skipped == {"feed item with no title or text": 1}


def test_teasers_are_stored_once_and_counted(feed: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = fold([feed], str(db)).to_dict()
    assert first["added"] == 1 and first["articles"] == 1  # teasers are no articles
    assert (first["teasers"], first["teasers_this_run"], first["teasers_added"]) == (2, 2, 2)
    # a later snapshot of the feed, elsewhere, holding one item already kept and one new
    later = tmp_path / "snap" / "latest.rss"
    later.parent.mkdir()
    later.write_text(FEED.replace("Pilot boat named", "Pilot boat launched"), encoding="utf-8")
    again = fold([feed, later], str(db)).to_dict()
    assert again["added"] == 0
    assert (again["teasers"], again["teasers_this_run"], again["teasers_added"]) == (3, 4, 1)
    with open_store(db) as store:
        kept, total = store.teasers()
        assert total == 3
        # newest first: an undated item by the time its feed was updated (after the ferry's)
        assert kept[-1].headline == "Ferry timetable changes & new fares"
        assert store.teasers(outlet="elsewhere.example") == ([], 0)
        assert store.teasers(limit=1, offset=1)[0] == kept[1:2]


def test_a_store_of_the_previous_schema_gains_the_teasers_table(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    for v in (1, 2):
        con.executescript(MIGRATIONS[v])
    con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    con.commit()
    con.close()
    with open_store(db) as store:
        assert store.schema_version == SCHEMA_VERSION and store.teasers() == ([], 0)


def test_cli_lists_teasers_and_fold_json_counts_them(feed: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    out = runner.invoke(main, ["fold", str(feed), "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    summary = json.loads(out.stdout)
    assert summary["teasers"] == 2 and summary["skipped_this_run"] == {
        "feed item with no title or text": 1
    }
    listed = runner.invoke(main, ["teasers", "--db", db, "--json"])
    rows = json.loads(listed.stdout)
    assert [r["url"] for r in rows] == ["https://port.example/pilot", "https://port.example/ferry"]
    assert set(rows[0]) == {
        "id", "source", "outlet", "headline", "url", "summary", "published", "updated",
        "feed_url", "feed_updated",
    }  # fmt: skip
    text = runner.invoke(main, ["teasers", "--db", db, "--outlet", "port.example"])
    assert "Pilot boat named" in text.stdout and "https://port.example/pilot" in text.stdout
    human = runner.invoke(main, ["fold", str(feed), "--db", db])
    assert "kept 0 new feed teasers (2 read); store holds 2" in human.stdout


def test_http_api_lists_teasers(feed: Path, tmp_path: Path) -> None:
    pytest.importorskip("fastapi", reason="the [server] extra is not installed")
    from fastapi.testclient import TestClient

    from newsfold.server import create_app

    db = str(tmp_path / "s.db")
    fold([feed], db)
    client = TestClient(create_app(db, allowed_hosts=("testserver",)))
    r = client.get("/teasers", params={"limit": 1})
    assert r.status_code == 200 and r.headers["x-total-count"] == "2"
    assert [t["headline"] for t in r.json()] == ["Pilot boat named"]
    assert r.headers["link"] == '</teasers?limit=1&offset=1>; rel="next"'
    assert client.get("/teasers.json", params={"outlet": "nowhere.example"}).json() == []
    page = client.get("/teasers", headers={"accept": "text/html"})
    assert page.status_code == 200 and "Ferry timetable changes &amp; new fares" in page.text
    assert 'href="https://port.example/pilot"' in page.text
