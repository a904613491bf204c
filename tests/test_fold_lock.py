"""Two folds of one store at the same moment, as two real processes: the second waits its turn
with a line on stderr (where it used to die with "database is locked" after 30 s), both complete,
and readers are never held up."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from conftest import EXAMPLES
from newsfold import open_store
from newsfold.run.local import fold
from newsfold.run.local.check import find_violations
from newsfold.store import Store
from test_invariant import stories_of, write_corpora

NEWSFOLD = str(Path(sys.executable).parent / "newsfold")
HOLD = """
import sys, time
from pathlib import Path
from newsfold import open_store
with open_store(sys.argv[1]) as store, store.fold_lock():
    print("held", flush=True)
    while not Path(sys.argv[2]).exists():
        time.sleep(0.05)
"""


def _wait_for(proc: subprocess.Popen[str], text: str, timeout: float = 60) -> str:
    """What ``proc`` wrote on stderr up to the first line holding ``text``."""
    assert proc.stderr is not None
    seen = ""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        line = proc.stderr.readline()
        seen += line
        if text in line:
            return seen
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"never said {text!r}: {seen!r}")


def test_a_second_fold_waits_for_the_first_and_readers_do_not(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with open_store(db) as store:
        fold([EXAMPLES], store, workers=1)
    go = tmp_path / "go"
    # a first fold, standing still while it holds the store
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), str(go)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        corpus = write_corpora(tmp_path / "c")
        second = subprocess.Popen(
            [NEWSFOLD, "fold", *map(str, corpus["pairs"]), "--db", str(db), "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        said = _wait_for(second, "waiting for another fold of")
        assert f"waiting for another fold of {db} to finish" in said
        # readers go on meanwhile
        t = time.monotonic()
        read = subprocess.run(
            [NEWSFOLD, "stories", "--db", str(db), "--json"], capture_output=True, timeout=60
        )
        assert read.returncode == 0 and json.loads(read.stdout)
        assert time.monotonic() - t < 30
        time.sleep(1.0)
        assert second.poll() is None, "the second fold did not wait"
    finally:
        go.touch()
        holder.wait(30)
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert "database is locked" not in err and "Traceback" not in err
    assert json.loads(out)["added"] == len(corpus["pairs"]) * 3  # three pages a file
    with open_store(db) as store:
        assert find_violations(store) == []


def test_two_folds_at_once_both_complete(tmp_path: Path) -> None:
    corpus = write_corpora(tmp_path / "c")
    db = tmp_path / "t.db"
    open_store(db).close()
    a = [str(EXAMPLES), *map(str, corpus["pairs"])]
    b = [str(p) for p in corpus["fillers"]]
    procs = [
        subprocess.Popen(
            [NEWSFOLD, "fold", *paths, "--db", str(db), "--json", "--workers", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in (a, b)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert "database is locked" not in err and "Traceback" not in err
    with open_store(tmp_path / "one.db") as one:
        fold([*a, *b], one, workers=1)
        want = stories_of(one)
    with open_store(db) as store:
        assert find_violations(store) == []
        assert stories_of(store) == want


def test_a_lock_held_twice_by_one_store_is_one_hold(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store, store.fold_lock(), store.fold_lock():
        fold([EXAMPLES], store, workers=1)  # takes it a third time, and releases it
    with open_store(tmp_path / "t.db") as other:
        told: list[str] = []
        with other.fold_lock(told.append):
            assert told == []  # free again


def test_postgres_says_it_waits(pg_url: str) -> None:
    import threading

    told: list[str] = []
    entered = threading.Event()
    with open_store(pg_url) as first, open_store(pg_url) as second:

        def wait(store: Store) -> None:
            with store.processing(told.append):
                entered.set()

        with first.processing():
            t = threading.Thread(target=wait, args=(second,))
            t.start()
            time.sleep(0.5)
            assert not entered.is_set()
        t.join(30)
    assert entered.is_set()
    # the store's label: its URL without a password
    assert told == [f"waiting for another fold of {second.label} to finish…"]


def test_lock_file_sits_beside_the_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        fold([EXAMPLES], store, workers=1)
    assert (tmp_path / "t.db.lock").exists()
