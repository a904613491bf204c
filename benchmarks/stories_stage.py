"""The stories stage (and the match stage) alone, on a store folded up to it, and the proof that
two stores are the same.

Diagnostics, not in ``make bench``: ``benchmarks.speed`` times every stage of a whole fold; this
times the last stages again and again on one store (copied fresh each run), so that two versions
of the code can be compared back to back on the same input, and checks that they store the same.

    # once: the real dumps of benchmarks.speed, read, extracted and matched into BASE
    python -m benchmarks.stories_stage prepare BASE.db
    # or N generated pages (benchmarks.copies --parts speed's), or stopped before the match stage
    python -m benchmarks.stories_stage prepare BASE.db --generated 20000 [--before-match]
    # the stories stage on a copy of BASE (run it with each version's PYTHONPATH); on a BASE
    # prepared --before-match, the match stage and then the stories stage, each timed
    python -m benchmarks.stories_stage run BASE.db OUT.db --workers 2 [--profile FILE]
    # every row of every table equal (FTS5's shadow tables aside; its integrity check run)
    python -m benchmarks.stories_stage same A.db B.db

``run`` prints wall seconds and CPU seconds, of this process and of all (its workers too).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# columns that hold the time a row was written, which two folds never share
_WRITTEN_AT = {"rejected": "added_at"}


def prepare(base: Path, workers: int, generated: int = 0, before_match: bool = False) -> None:
    """``benchmarks.speed``'s text dumps (or ``generated`` pages of ``benchmarks.copies``'s
    speed part), folded into ``base`` up to the stories stage (or the match stage)."""
    from benchmarks import speed
    from newsfold.read.files import read_paths
    from newsfold.run import local as engine
    from newsfold.store import open_store

    if generated:
        from benchmarks.copies import speed_docs

        dumps = [speed.Doc(u, u, d) for u, d, _ in speed_docs(generated, seed=0)]
    else:
        html = [d for docs in speed.load_html(None).values() for d in docs]
        dumps = [*speed.text_dumps(html), *speed.load_bbc(None)]
    with tempfile.TemporaryDirectory(prefix="newsfold-stories-") as tmp:
        corpus = speed.write_jsonl(dumps, "text", Path(tmp) / "dumps.jsonl")
        summary = engine.FoldSummary()
        with open_store(base) as store:
            engine.ingest(store, read_paths([corpus], stats=summary.read), summary, 256,
                          engine._noop, workers)  # fmt: skip
            with store.processing():
                engine.extract_pending(store, summary, 256, engine._noop, workers)
                if not before_match:
                    engine.match_pending(store, 256, engine._noop, workers)
            print(f"{base}: {store.counts()}")


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def run(base: Path, out: Path, workers: int, profile: Path | None) -> None:
    """The stories stage on a fresh copy of ``base`` written to ``out``."""
    import cProfile

    from newsfold.records import Stage
    from newsfold.run import local as engine
    from newsfold.store import open_store

    shutil.copy(base, out)
    with open_store(out) as store, store.processing():
        stages: list[tuple[str, Any]] = []
        if store.articles_at_stage(Stage.TO_MATCH, 1):
            stages.append(
                ("match", lambda: engine.match_pending(store, 256, engine._noop, workers))
            )
        stages.append(
            ("stories", lambda: engine.build_pending_stories(store, engine._noop, workers))
        )
        for name, stage in stages:
            wall = time.perf_counter()
            own, kids = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
            prof = cProfile.Profile(time.process_time) if profile else None
            if prof:
                prof.enable()
            stage()
            if prof:
                prof.disable()
                prof.dump_stats(f"{profile}.{name}" if len(stages) > 1 else profile)
            own = _cpu(resource.RUSAGE_SELF) - own
            every = own + _cpu(resource.RUSAGE_CHILDREN) - kids
            print(
                f"{name} stage, {workers} worker(s): {time.perf_counter() - wall:.2f} s wall, "
                f"{every:.2f} CPU s ({own:.2f} in this process)"
            )
        print(store.counts())


def tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the SQLite store ``path``, sorted (FTS5's shadow tables
    and write times left out), after FTS5's own integrity check of its index."""
    db = sqlite3.connect(path)
    db.execute("INSERT INTO story_fts(story_fts) VALUES ('integrity-check')")
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'story_fts%' ORDER BY name"
        )
    ]
    out = {}
    for name in names:
        cols = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
        keep = ", ".join(c for c in cols if c != _WRITTEN_AT.get(name))
        out[name] = sorted(db.execute(f"SELECT {keep} FROM {name}").fetchall(), key=repr)
    db.close()
    return out


def same(a: Path, b: Path) -> bool:
    ta, tb = tables(a), tables(b)
    differ = sorted(n for n in ta.keys() | tb.keys() if ta.get(n) != tb.get(n))
    print({n: len(v) for n, v in ta.items() if v})
    print(f"tables that differ: {', '.join(differ)}" if differ else "the same store")
    return not differ


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.stories_stage", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare", help="fold the real dumps up to the stories stage")
    p.add_argument("base", type=Path)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--generated", type=int, default=0, help="N generated pages, not the dumps")
    p.add_argument("--before-match", action="store_true", help="stop before the match stage")
    r = sub.add_parser("run", help="the stories stage on a copy of a prepared store")
    r.add_argument("base", type=Path)
    r.add_argument("out", type=Path)
    r.add_argument("--workers", type=int, default=2)
    r.add_argument("--profile", type=Path, help="cProfile (CPU time) of this process, to FILE")
    s = sub.add_parser("same", help="whether two stores hold the same rows")
    s.add_argument("a", type=Path)
    s.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "prepare":
        prepare(args.base, args.workers, args.generated, args.before_match)
    elif args.cmd == "run":
        run(args.base, args.out, args.workers, args.profile)
    else:
        return 0 if same(args.a, args.b) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
