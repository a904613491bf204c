"""A fold killed at any moment (SIGKILL) leaves the store consistent, and running the same command
again completes the work: the same pages, articles, copy groups, stories and ids as one fold that
was never interrupted."""

from __future__ import annotations

import itertools
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from newsfold import open_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
KILLS = 6
NEWSFOLD = str(Path(sys.executable).parent / "newsfold")  # the installed command


def _fold(db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        # small batches: each stage commits often, so kills land between and inside commits
        [NEWSFOLD, "fold", str(CORPUS), "--db", str(db), "--json", "--batch-size", "4"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _state(db: Path) -> dict[str, Any]:
    """Everything a user reads from the store, ids included."""
    out = subprocess.run(
        [NEWSFOLD, "stories", "--db", str(db), "--json"],
        check=True,
        capture_output=True,
    )
    stories = json.loads(out.stdout)
    with open_store(f"sqlite:///{db}") as store:
        counts = store.counts()
        details = {s.id: s.to_dict() for s in store.stories()}
    return {"counts": counts, "stories": stories, "details": details}


def _progress(db: Path) -> int:
    """How far a fold has got: pages stored, articles extracted, matched and in stories. It
    only grows, across runs too, since committed work stays."""
    if not db.exists():
        return 0
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return int(
            con.execute(
                "SELECT (SELECT COUNT(*) FROM pages) + (SELECT COUNT(*) FROM articles)"
                " + (SELECT COUNT(*) FROM article_stages WHERE stage >= 1)"
                " + (SELECT COUNT(*) FROM article_stages WHERE stage = 2)"
            ).fetchone()[0]
        )
    except sqlite3.OperationalError:  # the schema is not written yet
        return 0
    finally:
        con.close()


def _processes_of(db: Path) -> list[int]:
    """Live processes whose command line names ``db`` (a fold and its forked workers)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmd = (proc / "cmdline").read_bytes()
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(db).encode() in cmd and state != "Z":
            found.append(int(proc.name))
    return found


def test_killed_folds_end_as_one_uninterrupted_fold(tmp_path: Path) -> None:
    whole = tmp_path / "whole.db"
    assert _fold(whole).wait(timeout=300) == 0
    total = _progress(whole)

    # kills land at random points of the work, whatever the machine's speed or load: each
    # waits for the store to reach a random share of the whole fold's progress
    rng = random.Random(7)
    targets = sorted(rng.uniform(0, total) for _ in range(KILLS))
    killed = tmp_path / "killed.db"
    stages: list[tuple[int, ...]] = []
    for target in targets:
        proc = _fold(killed)
        while proc.poll() is None and _progress(killed) < target:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        # whatever the moment, what is stored can be read
        with open_store(f"sqlite:///{killed}") as store:
            stages.append(tuple(store.counts().values()))
    assert len(set(stages)) > 1, f"every kill landed at the same point: {stages}"
    # a killed fold's extraction workers do not outlive it
    deadline = time.monotonic() + 10
    while _processes_of(killed) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_of(killed), "a killed fold left worker processes behind"
    assert _fold(killed).wait(timeout=300) == 0
    assert _state(killed) == _state(whole)
    # and folding it all again adds nothing and changes nothing
    assert _fold(killed).wait(timeout=300) == 0
    assert _state(killed) == _state(whole)


def test_readers_see_a_consistent_store_while_a_fold_writes(tmp_path: Path) -> None:
    """WAL mode: a reader never waits on the writer and never sees half a batch (a story's
    articles are all stored; pages and articles only grow)."""
    db = tmp_path / "live.db"
    proc = _fold(db)
    seen: list[tuple[int, ...]] = []
    try:
        while proc.poll() is None:
            if not db.exists():
                time.sleep(0.02)
                continue
            with open_store(f"sqlite:///{db}") as store:
                counts = store.counts()
                for story in store.stories():
                    arts = store.articles([m.article for m in story.members])
                    assert len(arts) == len(story.members)
            seen.append(tuple(counts.values()))
            time.sleep(0.05)
    finally:
        proc.wait(timeout=300)
    assert proc.returncode == 0
    assert len(seen) > 3
    # pages and articles only grow (stories may merge, so their count may fall)
    for before, after in itertools.pairwise(seen):
        assert after[0] >= before[0] and after[1] >= before[1], seen
