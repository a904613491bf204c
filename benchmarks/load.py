"""Load benchmark: the HTTP server under concurrent ingest and reads, then the store checked
against what was sent.

``newsfold serve`` runs in its own process on loopback, over a fresh store. Client processes talk
to it over HTTP for a bounded time, in two phases measured in the same run:

1. **reads alone**: only the readers, over a store seeded with one batch of pages (the peer the
   second phase is held against);
2. **reads + ingest**: the same readers while writer processes ``POST /pages`` batches.

Readers cycle through the read endpoints: the story list (``GET /stories?limit=20``), a search
(``?q=WORD``), a search with facets and a phrase (``GET /search?q=WORD+"WORD WORD"``, sorted one
of four ways), a CSV export (``/stories.csv?limit=200`` or ``/search.csv?q=WORD``, read back as
CSV), one story, one article, the feed teasers. Writers send batches of generated text
pages (each writer its own outlets, made up here): most are new, some are copies of an earlier
page carried by another outlet (so the fold finds copies and merges stories while readers read),
some are pages sent again (the answer must be ``known``), and some are empty (``rejected``).

An error is any answer that is not a 200, a failed connection, or a ``POST /pages`` result that
is not what was sent (a new page not ``added``, a page sent again not ``known``, an empty one not
``rejected`` as ``empty``). There must be none. Afterwards the server is stopped and the store is
read directly: every page sent is stored exactly once under the id the client computed, and
nothing else; every stored page has its article in exactly one story; every empty record is in
``rejected``; the search index holds every story once and nothing else (and FTS5's own
integrity check passes).

    .venv/bin/python -m benchmarks.load                      # 30 s of load (make bench-load)
    .venv/bin/python -m benchmarks.load --seconds 60 --writers 2 --readers 6

Latencies are per request, wall clock at the client, on this shared 2-core machine where the
server, the folds and every client share the cores. Results go to ``benchmarks/results/load.json``.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import io
import json
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchmarks.common import print_rows, write_json

READ_KINDS = ("stories", "search", "facets", "csv", "story", "article", "teasers")
SORTS = ("", "newest", "carried", "updated")
CSV_HEADER = (
    "id,headline,published,first_seen,last_updated,copies,reports,outlets,credit,lede,snippet"
)
# a made-up vocabulary: the pages are generated, never taken from data
# fmt: off
_WORDS = (
    "harbour", "council", "ferry", "bridge", "school", "market", "library", "rail", "storm",
    "river", "budget", "hospital", "mayor", "port", "festival", "airport", "tunnel", "museum",
    "stadium", "water", "power", "grid", "station", "reservoir", "approved", "delayed", "opened",
    "closed", "reported", "announced", "rejected", "proposed", "extended", "repaired",
    "northern", "southern", "eastern", "western", "new", "old", "central", "coastal", "rural",
    "regional",
)
# fmt: on


@dataclass(slots=True)
class ClientResult:
    """What one client process saw: ``samples`` are (kind, seconds, ok)."""

    samples: list[tuple[str, float, bool]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sent: dict[str, str] = field(default_factory=dict)  # page id -> first source sent as
    sent_again: int = 0
    empty_sent: int = 0


def page_text(rng: random.Random, n: int) -> str:
    """A generated text page: a headline and a few paragraphs of made-up sentences."""

    def sentence() -> str:
        words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 22))]
        return " ".join(words).capitalize() + "."

    headline = f"Report {n}: " + " ".join(rng.choice(_WORDS) for _ in range(7))
    paras = [
        " ".join(sentence() for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(3, 6))
    ]
    return headline + "\n\n" + "\n\n".join(paras)


class Client:
    """One keep-alive HTTP connection to the server, reopened after a failure."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        try:
            self.conn.request(method, path, body=body, headers=headers or {})
            r = self.conn.getresponse()
            return r.status, r.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            raise


def run_writer(
    port: int, index: int, until: float, batch: int, seed: int, min_batches: int = 0
) -> ClientResult:
    from newsfold.read.pages import make_page

    rng = random.Random(seed * 1000 + index)
    client = Client(port)
    out = ClientResult()
    earlier: list[dict[str, str]] = []  # every page sent, to send again
    originals: list[dict[str, str]] = []  # pages not copied yet
    n = sent_batches = 0
    while sent_batches < min_batches or time.time() < until:
        sent_batches += 1
        records: list[dict[str, str]] = []
        expect: list[tuple[str, str | None]] = []  # (status, page id)
        for _ in range(batch):
            n += 1
            roll = rng.random()
            outlet = f"w{index}-outlet{rng.randint(1, 4)}.example"
            if roll < 0.1 and earlier:  # a page sent again, exactly
                rec = rng.choice(earlier)
                out.sent_again += 1
            elif roll < 0.15:
                rec = {"text": "   \n  ", "url": f"https://{outlet}/empty/{n}"}
                out.empty_sent += 1
                records.append(rec)
                expect.append(("rejected", None))
                continue
            elif roll < 0.4 and originals:
                # an earlier page carried by another outlet, once: a text every page of an
                # outlet carried would be that outlet's template, not an article
                other = originals.pop(rng.randrange(len(originals)))
                rec = {"text": other["text"], "url": f"https://w{index}-copies.example/{n}"}
            else:
                rec = {"text": page_text(rng, n), "url": f"https://{outlet}/news/{n}"}
                originals.append(rec)
            pid = make_page("", "text", rec["text"], rec["url"], None, None).id
            new = pid not in out.sent and all(pid != p for s, p in expect)
            expect.append(("added" if new else "known", pid))
            records.append(rec)
            if new:
                earlier.append(rec)
        t0 = time.perf_counter()
        try:
            status, body = client.request(
                "POST", "/pages", json.dumps(records).encode(), {"content-type": "application/json"}
            )
        except (OSError, http.client.HTTPException) as e:
            out.samples.append(("post /pages", time.perf_counter() - t0, False))
            out.errors.append(f"POST /pages: {e!r}")
            continue
        took = time.perf_counter() - t0
        ok = status == 200
        if ok:
            results = json.loads(body)["results"]
            for (want, want_id), got in zip(expect, results, strict=True):
                if got["status"] != want or (want_id and got["page"] != want_id):
                    ok = False
                    out.errors.append(f"POST /pages: expected {want} {want_id}, got {got}")
                elif want == "rejected" and got["reason"] != "empty":
                    ok = False
                    out.errors.append(f"POST /pages: an empty page rejected as {got['reason']}")
                if want_id and got["status"] == "added":
                    out.sent.setdefault(want_id, got["source"])
        else:
            out.errors.append(f"POST /pages: HTTP {status}: {body[:200]!r}")
        out.samples.append(("post /pages", took, ok))
    return out


def run_reader(port: int, index: int, until: float, seed: int) -> ClientResult:
    rng = random.Random(seed * 1000 + 500 + index)
    client = Client(port)
    out = ClientResult()
    stories: list[str] = []
    articles: list[str] = []
    i = index
    while time.time() < until:
        kind = READ_KINDS[i % len(READ_KINDS)]
        i += 1
        if kind == "stories":
            path = f"/stories?limit=20&offset={rng.randint(0, 2) * 20}"
        elif kind == "search":
            path = f"/stories?q={rng.choice(_WORDS)}&limit=20"
        elif kind == "facets":
            phrase = quote(f'"{rng.choice(_WORDS)} {rng.choice(_WORDS)}"')
            path = f"/search?q={rng.choice(_WORDS)}+{phrase}&sort={rng.choice(SORTS)}&limit=20"
        elif kind == "csv":
            path = rng.choice(["/stories.csv?limit=200", f"/search.csv?q={rng.choice(_WORDS)}"])
        elif kind == "story" and stories:
            path = f"/stories/{rng.choice(stories)}"
        elif kind == "article" and articles:
            path = f"/articles/{rng.choice(articles)}"
        elif kind == "teasers":
            path = "/teasers?limit=20"
        else:
            continue  # nothing to read of this kind yet
        t0 = time.perf_counter()
        try:
            status, body = client.request("GET", path, headers={"accept": "application/json"})
        except (OSError, http.client.HTTPException) as e:
            out.samples.append((kind, time.perf_counter() - t0, False))
            out.errors.append(f"GET {path}: {e!r}")
            continue
        took = time.perf_counter() - t0
        ok = status == 200
        if ok and kind == "facets":
            got = json.loads(body)
            ok = set(got["facets"]) == {"outlet", "credit", "language", "day"}
        elif ok and kind == "csv":
            rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
            ok = bool(rows) and ",".join(rows[0]) == CSV_HEADER
        out.samples.append((kind, took, ok))
        if not ok:
            out.errors.append(f"GET {path}: HTTP {status}: {body[:200]!r}")
        elif kind == "stories":
            for s in json.loads(body):
                if s["id"] not in stories:
                    stories.append(s["id"])
                articles.extend(a["id"] for a in s["articles"] if a["id"] not in articles)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = "import sys; from newsfold.cli import main; sys.exit(main())"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", str(db), "--create", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            status, _ = Client(port).request("GET", "/stories?limit=1")
            if status == 200:
                return proc
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not answer within 60 s")


def check_store(db: Path, sent: dict[str, str], empty_sent: int) -> dict[str, Any]:
    """The store against what was sent: each page once, nothing else, each in one story."""
    con = sqlite3.connect(db)
    try:
        stored = [r[0] for r in con.execute("SELECT id FROM pages")]
        story_rows = dict(con.execute("SELECT article_id, COUNT(*) FROM story_articles GROUP BY 1"))
        articles = {r[0]: r[1] for r in con.execute("SELECT page_id, id FROM articles")}
        rejected_empty = con.execute(
            "SELECT COUNT(*) FROM rejected WHERE reason = 'empty' AND source LIKE 'api/%'"
        ).fetchone()[0]
        stories, merged = con.execute(
            "SELECT COUNT(*), COALESCE(SUM(n_articles > 1), 0) FROM stories"
        ).fetchone()
        unindexed, stale = con.execute(
            "SELECT (SELECT COUNT(*) FROM stories WHERE id NOT IN (SELECT story_id FROM"
            " story_search)), (SELECT COUNT(*) FROM story_search WHERE story_id NOT IN"
            " (SELECT id FROM stories))"
        ).fetchone()
        try:
            con.execute("INSERT INTO story_fts(story_fts) VALUES ('integrity-check')")
            fts_ok = True
        except sqlite3.DatabaseError:
            fts_ok = False
    finally:
        con.close()
    missing = sorted(set(sent) - set(stored))
    extra = sorted(set(stored) - set(sent))
    twice = len(stored) - len(set(stored))
    no_story = sorted(p for p, a in articles.items() if story_rows.get(a) != 1)
    no_article = sorted(set(stored) - set(articles))
    problems = []
    if missing:
        problems.append(f"{len(missing)} pages sent are not in the store (first {missing[0]})")
    if extra:
        problems.append(f"{len(extra)} pages in the store were never sent (first {extra[0]})")
    if twice:
        problems.append(f"{twice} pages stored twice")
    if no_story:
        problems.append(f"{len(no_story)} articles not in exactly one story (first {no_story[0]})")
    if no_article:
        problems.append(f"{len(no_article)} pages without an article (first {no_article[0]})")
    if unindexed or stale:
        problems.append(f"search index: {unindexed} stories missing, {stale} stale entries")
    if not fts_ok:
        problems.append("search index: FTS5's integrity check failed")
    if rejected_empty != empty_sent:
        problems.append(f"{empty_sent} empty pages sent, {rejected_empty} listed as rejected")
    return {
        "pages_sent": len(sent),
        "pages_stored": len(stored),
        "articles": len(articles),
        "stories": stories,
        "stories_of_several_copies": merged,
        "empty_sent": empty_sent,
        "empty_listed_in_rejected": rejected_empty,
        "search_index_in_step": not (unindexed or stale) and fts_ok,
        "consistent": not problems,
        "problems": problems,
    }


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summarise(phase: str, results: list[ClientResult], seconds: float) -> list[dict[str, Any]]:
    rows = []
    kinds = sorted({k for r in results for k, _, _ in r.samples})
    for kind in kinds:
        times = [t for r in results for k, t, _ in r.samples if k == kind]
        errors = sum(1 for r in results for k, _, ok in r.samples if k == kind and not ok)
        p50, p99 = _percentile(times, 0.5), _percentile(times, 0.99)
        rows.append(
            {
                "phase": phase,
                "endpoint": kind,
                "requests": len(times),
                "errors": errors,
                "per_s": round(len(times) / seconds, 1),
                "p50_ms": None if p50 is None else round(p50 * 1000, 1),
                "p99_ms": None if p99 is None else round(p99 * 1000, 1),
            }
        )
    return rows


def run_load(
    seconds: float = 30.0, writers: int = 2, readers: int = 4, batch: int = 5, seed: int = 1
) -> dict[str, Any]:
    """Run both phases against a fresh server and store; the figures and the store check."""
    with tempfile.TemporaryDirectory(prefix="newsfold-load-") as tmp:
        db = Path(tmp) / "load.db"
        port = _free_port()
        server = start_server(db, port)
        try:
            with ProcessPoolExecutor(max_workers=writers + readers) as pool:
                # seed: one batch so the readers have stories to read in the first phase
                seeded = pool.submit(run_writer, port, writers, 0.0, batch * 4, seed, 1)
                first = [seeded.result()]
                alone_s = max(2.0, seconds / 3)
                until = time.time() + alone_s
                reads = [pool.submit(run_reader, port, i, until, seed) for i in range(readers)]
                alone = [f.result() for f in reads]
                until = time.time() + seconds
                writes = [
                    pool.submit(run_writer, port, i, until, batch, seed) for i in range(writers)
                ]
                reads = [pool.submit(run_reader, port, i, until, seed + 1) for i in range(readers)]
                mixed_w = [f.result() for f in writes]
                mixed_r = [f.result() for f in reads]
        finally:
            server.terminate()
            server.wait(timeout=60)
        every_writer = first + mixed_w
        sent: dict[str, str] = {}
        for w in every_writer:
            for pid, src in w.sent.items():
                sent.setdefault(pid, src)
        store = check_store(db, sent, sum(w.empty_sent for w in every_writer))
    rows = summarise("reads alone", alone, alone_s) + summarise(
        "reads + ingest", mixed_r + mixed_w, seconds
    )
    errors = [e for r in first + alone + mixed_w + mixed_r for e in r.errors]
    return {
        "seconds": seconds,
        "writers": writers,
        "readers": readers,
        "batch": batch,
        "rows": rows,
        "requests": sum(r["requests"] for r in rows),
        "errors": len(errors),
        "error_samples": errors[:20],
        "pages_sent_again": sum(w.sent_again for w in every_writer),
        "store": store,
    }


def print_report(result: dict[str, Any]) -> None:
    print(
        f"newsfold serve under load: {result['readers']} reader and {result['writers']} writer "
        f"processes on loopback, {result['seconds']:.0f} s (batches of {result['batch']} pages)"
    )
    print_rows(
        [
            ("phase / endpoint", 28),
            ("requests", 8),
            ("errors", 6),
            ("per s", 7),
            ("p50 ms", 8),
            ("p99 ms", 8),
        ],
        (
            (
                f"{r['phase']}: {r['endpoint']}",
                r["requests"],
                r["errors"],
                r["per_s"],
                "-" if r["p50_ms"] is None else f"{r['p50_ms']:.1f}",
                "-" if r["p99_ms"] is None else f"{r['p99_ms']:.1f}",
            )
            for r in result["rows"]
        ),
    )
    s = result["store"]
    print(
        f"requests {result['requests']}, errors {result['errors']}; store: {s['pages_sent']} pages "
        f"sent (and {result['pages_sent_again']} sent again), {s['pages_stored']} stored, "
        f"{s['articles']} articles, {s['stories']} stories ({s['stories_of_several_copies']} of "
        f"several copies), {s['empty_listed_in_rejected']} of {s['empty_sent']} empty pages in "
        "rejected; " + ("consistent" if s["consistent"] else "; ".join(s["problems"]))
    )
    for e in result["error_samples"]:
        print(f"  error: {e}")


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    ap.add_argument("--seconds", type=float, default=30.0, help="length of the ingest phase")
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--batch", type=int, default=5, help="pages per POST /pages")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    result = run_load(args.seconds, args.writers, args.readers, args.batch, args.seed)
    print_report(result)
    path = write_json("load", result)
    print(f"wrote {path}")
    if result["errors"] or not result["store"]["consistent"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
