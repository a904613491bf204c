"""Store benchmark: the same fold into SQLite and into PostgreSQL, beside each other.

    .venv/bin/python -m benchmarks.store                   # example corpus + 2,000 generated pages
    .venv/bin/python -m benchmarks.store --docs 5000 --pg postgresql://user@host/db

Inputs: the example corpus (39 pages), and ``--docs`` pages made by the copies benchmark's
generator (BBC articles and generated variants, as ``benchmarks.copies`` folds them; skipped with
a message where ../shared/data lacks them). Each is folded into a fresh store of each backend:
a SQLite file in a temporary folder, and a new schema on the PostgreSQL server named by ``--pg``,
else ``$NEWSFOLD_TEST_PG`` (skipped with a message where neither is set; ``.ci/pg-start`` starts
a throwaway server). Reported: fold time, pages per second, the share of the time spent in each
stage (read and store pages, extract, match, build stories), and story searches per second on
the folded store. The PostgreSQL server here runs on the same 2 cores, over a Unix socket, with
fsync off (as ``.ci/pg-start`` sets it up); a networked server with durable commits is slower.

Results go to ``benchmarks/results/store.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchmarks import copies_gen as gen
from benchmarks.common import ROOT, print_rows, write_json
from newsfold.run.local import fold
from newsfold.store import Store, open_store

EXAMPLES = ROOT / "examples" / "corpus"
STAGES = ("read", "extract", "match", "stories")
SEARCHES = (["police"], ["government", "plan"], ["ferry"], ["the"])


def _timed_fold(paths: list[Path], store: Store) -> dict[str, Any]:
    spent: dict[str, float] = defaultdict(float)
    last = time.perf_counter()

    def progress(stage: str, n: int) -> None:
        nonlocal last
        now = time.perf_counter()
        spent[stage] += now - last  # the time since the last report went to this stage
        last = now

    start = last = time.perf_counter()
    summary = fold(paths, store, progress=progress)
    seconds = time.perf_counter() - start
    t = time.perf_counter()
    for terms in SEARCHES:
        store.find_stories(terms=terms, limit=20)
    search_s = (time.perf_counter() - t) / len(SEARCHES)
    pages = summary.counts.get("pages", 0)
    return {
        "pages": pages,
        "stories": summary.counts.get("stories", 0),
        "seconds": seconds,
        "pages_per_s": pages / seconds if seconds else None,
        "share": {s: spent.get(s, 0.0) / seconds for s in STAGES},
        "searches_per_s": 1 / search_s if search_s else None,
    }


def _pg_store_url(server: str) -> tuple[str, str]:
    import psycopg

    schema = "bench_" + uuid.uuid4().hex[:10]
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")  # type: ignore[call-overload]
    sep = "&" if "?" in server else "?"
    return f"{server}{sep}options={quote('-csearch_path=' + schema)}", schema


def _drop(server: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f"DROP SCHEMA {schema} CASCADE")  # type: ignore[call-overload]


def _generated(n: int, tmp: Path) -> list[Path]:
    from benchmarks.copies import speed_docs

    path = tmp / "generated.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for url, text, _ in speed_docs(n, seed=8):
            f.write(json.dumps({"text": text, "url": url}) + "\n")
    return [path]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000, help="generated pages (0: none)")
    ap.add_argument("--pg", default=os.environ.get("NEWSFOLD_TEST_PG"), help="PostgreSQL URL")
    args = ap.parse_args()
    results: dict[str, dict[str, Any]] = {}
    with open_store(":memory:") as warm:  # imports and caches, not charged to the first store
        fold([EXAMPLES], warm)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        inputs: dict[str, list[Path]] = {"example corpus": [EXAMPLES]}
        if args.docs and gen.BBC_DIR.is_dir():
            inputs[f"generated ({args.docs:,} pages)"] = _generated(args.docs, tmp)
        elif args.docs:
            print(f"generated pages skipped: {gen.BBC_DIR} is absent (see ../shared/DATA.md)")
        if not args.pg:
            print("PostgreSQL skipped: no --pg and no $NEWSFOLD_TEST_PG (.ci/pg-start starts one)")
        for name, paths in inputs.items():
            with open_store(tmp / f"{len(results)}.db") as s:
                results[f"{name} / SQLite"] = _timed_fold(paths, s)
            if args.pg:
                url, schema = _pg_store_url(args.pg)
                try:
                    with open_store(url) as s:
                        results[f"{name} / PostgreSQL"] = _timed_fold(paths, s)
                finally:
                    _drop(args.pg, schema)
    cols = [("input / store", 40), ("pages", 6), ("stories", 7), ("seconds", 8), ("pages/s", 8)]
    cols += [(f"{s} %", len(s) + 2) for s in STAGES] + [("searches/s", 10)]
    print_rows(
        cols,
        (
            (
                k,
                r["pages"],
                r["stories"],
                f"{r['seconds']:.2f}",
                f"{r['pages_per_s']:.1f}",
                *(f"{100 * r['share'][s]:.0f}" for s in STAGES),
                f"{r['searches_per_s']:.1f}",
            )
            for k, r in results.items()
        ),
    )
    print(write_json("store", {"results": results}))


if __name__ == "__main__":
    main()
