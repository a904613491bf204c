"""Several writers on one PostgreSQL store at once: two folds, and a ``serve`` taking pages
while a fold runs, lose no page and store none twice. Real processes on a real server (skipped,
saying so, where $NEWSFOLD_TEST_PG names none)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLES
from newsfold.run.local import stored_template
from newsfold.store import SQLiteStore, Store, open_store

NEWSFOLD = [str(Path(sys.executable).with_name("newsfold"))]  # the installed command


def _fold_process(url: str, paths: list[Path]) -> subprocess.Popen[str]:
    # small batches, so that the two writers' transactions interleave
    cmd = [*NEWSFOLD, "fold", *map(str, paths), "--db", url, "--batch-size", "3", "--json"]
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ)
    )


def _finish(proc: subprocess.Popen[str]) -> dict[str, int]:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-4000:]
    return json.loads(out)  # type: ignore[no-any-return]


def _assert_whole(store: Store, reference: SQLiteStore) -> None:
    """Every page once, each worked through to a story, template lines counted once a page."""
    counts = store.counts()
    want = reference.counts()
    assert (counts["pages"], counts["articles"], counts["rejected"]) == (
        want["pages"],
        want["articles"],
        want["rejected"],
    )
    assert not store.pending_pages(1000), "pages left unextracted"
    assert store.articles_at_stage(0) == [] and store.articles_at_stage(1) == []
    ids = store.all_article_ids()
    assert ids == reference.all_article_ids()
    assert set(store.story_of(ids)) == set(ids), "articles outside any story"
    # a page stored by one writer and sent again by the other counts towards its outlet once
    per_outlet = Counter(a.outlet for a in store.articles(ids).values())
    for outlet, n in per_outlet.items():
        t = stored_template(store, outlet)
        assert t is not None and t.pages == n
    lines = store._exec("SELECT outlet, key, pages FROM outlet_lines ORDER BY outlet, key")
    ref = reference._exec("SELECT outlet, key, pages FROM outlet_lines ORDER BY outlet, key")
    assert [tuple(r) for r in lines] == [tuple(r) for r in ref]


def test_two_folds_at_once_lose_and_repeat_no_page(pg_url: str, demo_store: SQLiteStore) -> None:
    folders = sorted(EXAMPLES.iterdir())
    # overlapping halves: the folders in the middle are folded by both at once
    a = _fold_process(pg_url, folders[: len(folders) * 2 // 3])
    b = _fold_process(pg_url, folders[len(folders) // 3 :])
    ra, rb = _finish(a), _finish(b)
    with open_store(pg_url) as store:
        _assert_whole(store, demo_store)
        assert ra["added"] + rb["added"] == store.counts()["pages"]
        # the first store of a fresh schema was migrated once, by whichever opened it first
        (n,) = store._exec("SELECT COUNT(*) FROM meta WHERE key = 'schema_version'").fetchone()
        assert n == 1


def test_serve_takes_pages_while_a_fold_runs(pg_url: str, demo_store: SQLiteStore) -> None:
    pytest.importorskip("fastapi", reason="the [server] extra is not installed")
    from fastapi.testclient import TestClient

    from newsfold.server import create_app

    # the same text dumps sent to the server (the same page ids: text, no URL, the outlet
    # named) while a fold reads them from their files
    texts = sorted(p for p in EXAMPLES.rglob("*.txt"))
    assert texts
    folding = _fold_process(pg_url, [EXAMPLES])
    client = TestClient(create_app(pg_url, allowed_hosts=("testserver",)))
    answers = []
    for i in range(0, len(texts), 4):
        batch = [{"text": p.read_text("utf-8"), "outlet": p.parent.name} for p in texts[i : i + 4]]
        r = client.post("/pages", json=batch)
        assert r.status_code == 200, r.text[:500]
        answers += r.json()["results"]
    _finish(folding)
    assert len(answers) == len(texts)
    assert {x["status"] for x in answers} <= {"added", "known"}
    # each answer names its story: the server's fold completed its pages, waiting if need be
    assert all(x["story"] for x in answers), [x for x in answers if not x["story"]]
    with open_store(pg_url) as store:
        _assert_whole(store, demo_store)
        # a story answered then may since have grown into another, or been regrouped when
        # later pages told its events apart: its id still leads to a story (the one holding
        # most of its articles), and every article answered is in a story
        story_of = store.story_of([x["article"] for x in answers])
        assert set(story_of) == {x["article"] for x in answers}
        for x in answers:
            assert store.get_story(x["story"]).members


WORDS = [
    "council",
    "harbour",
    "budget",
    "river",
    "school",
    "bridge",
    "station",
    "market",
    "rail",
    "storm",
    "vote",
    "court",
    "police",
    "minister",
    "hospital",
    "water",
    "power",
    "road",
    "farm",
    "port",
    "ferry",
    "union",
    "plan",
    "report",
    "board",
    "city",
    "town",
    "week",
    "year",
    "morning",
    "evening",
    "million",
    "workers",
    "residents",
    "officials",
    "engineers",
    "families",
]


def _generated_corpus(root: Path, n_events: int = 90) -> list[Path]:
    """Text dumps of ``n_events`` made-up events, each carried by one to three outlets whose
    pages share their outlet's menu and footer lines (template lines every writer counts)."""
    import random

    rng = random.Random(8)
    outlets = ["north-wire", "south-courier", "east-bulletin"]
    paths: list[Path] = []
    for e in range(n_events):
        words = [rng.choice(WORDS) for _ in range(400)]
        paras = [
            " ".join(words[i : i + 40]).capitalize() + f", officials said on day {e}."
            for i in range(0, 400, 40)
        ]
        headline = f"Event {e}: " + " ".join(words[:6]).capitalize()
        for outlet in rng.sample(outlets, rng.randint(1, 3)):
            chrome = [
                f"{outlet.replace('-', ' ').title()} | Home | World | Business | Sport",
                "Sign up for the morning briefing",
            ]
            footer = [f"Copyright {outlet} media group", "Contact us | Terms | Privacy"]
            body = "\n\n".join([*chrome, headline, "By Staff Reporter", *paras, *footer])
            path = root / outlet / f"event-{e}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body + "\n", "utf-8")
            paths.append(path)
    return paths


def test_two_folds_of_the_same_pages_in_opposite_orders(pg_url: str, tmp_path: Path) -> None:
    paths = _generated_corpus(tmp_path / "corpus", 60)
    a = _fold_process(pg_url, paths)
    b = _fold_process(pg_url, paths[::-1])
    ra, rb = _finish(a), _finish(b)
    ref_url = f"sqlite:///{tmp_path / 'ref.db'}"
    from newsfold.run.local import fold

    with open_store(ref_url) as ref:
        fold(paths, ref)
        assert isinstance(ref, SQLiteStore)
        with open_store(pg_url) as store:
            assert ra["added"] + rb["added"] == len(paths)
            _assert_whole(store, ref)


def test_no_pending_page_is_worked_on_twice(pg_url: str, tmp_path: Path) -> None:
    import threading

    from newsfold.run.local import fold

    paths = _generated_corpus(tmp_path / "corpus", 40)
    done: Counter[str] = Counter()
    lock = threading.Lock()
    errors: list[BaseException] = []

    def progress(stage: str, n: int) -> None:
        with lock:
            done[stage] += n

    def run(order: list[Path]) -> None:
        try:
            with open_store(pg_url) as store:
                # one process each: forking beside another thread that holds a connection is unsafe
                fold(order, store, batch_size=4, progress=progress, workers=1)
        except BaseException as e:  # the assertion below names it
            errors.append(e)

    open_store(pg_url).close()  # migrated before the race, so both start folding at once
    threads = [threading.Thread(target=run, args=(o,)) for o in (paths, paths[::-1])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert not errors, errors
    with open_store(pg_url) as store:
        n = store.counts()["articles"]
    assert done["read"] == 2 * len(paths)
    # each page extracted once and each article matched once, by whichever fold got to it
    assert done["extract"] == len(paths) and done["match"] == n


def test_a_second_fold_waits_for_the_first(pg_url: str) -> None:
    import threading
    import time

    entered = threading.Event()
    with open_store(pg_url) as first, open_store(pg_url) as second:

        def wait() -> None:
            with second.processing():
                entered.set()

        with first.processing():
            t = threading.Thread(target=wait)
            t.start()
            time.sleep(0.5)
            assert not entered.is_set(), "the second fold did not wait"
        t.join(30)
        assert entered.is_set(), "the second fold never went on"
