"""The local engine against Spark ``local[2]`` on one generated crawl (``scale_gen``).

Each engine runs in its own process, whose whole process tree (Spark's JVM and Python workers
included) is sampled for resident memory; each reports the seconds of its stages. The run also
checks that both engines give the same stories, and measures what the scale plan in
docs/scale.md extrapolates from: fingerprints per article, bytes per table of the Parquet index.

    python -m benchmarks.scale --pages 20000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS_DIR
from benchmarks.scale_gen import write_corpus


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(d))
        rss[int(d)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def _measured(cmd: list[str]) -> tuple[dict[str, Any], int]:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.5)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, _ = proc.communicate()
    t.join()
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[3:]} failed with status {proc.returncode}")
    return json.loads(out.strip().splitlines()[-1]), peak


def run_local(corpus: Path, work: Path, workers: int | None = None) -> dict[str, Any]:
    """The local engine's fold, stage by stage (``engine.fold`` is these four calls), in
    ``workers`` processes (``fold``'s default when None)."""
    from newsfold.read.files import read_paths
    from newsfold.run import local as engine
    from newsfold.store import open_store

    store = open_store(work / "local.db")
    summary = engine.FoldSummary()
    noop = engine._noop
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    n = workers or engine.default_workers()  # as ``fold`` does: one process per core
    # as ``fold``'s read stage: the pages' line keys made in ``n`` processes
    engine.ingest(store, read_paths([corpus], stats=summary.read), summary, 256, noop, n)
    times["read"] = time.perf_counter() - t0
    with store.processing():
        engine.extract_pending(store, summary, 256, noop, n)
        times["extract"] = time.perf_counter() - t0 - sum(times.values())
        engine.match_pending(store, 256, noop, n)
        times["match"] = time.perf_counter() - t0 - sum(times.values())
        engine.build_pending_stories(store, noop, n)
        times["stories"] = time.perf_counter() - t0 - sum(times.values())
    seconds = time.perf_counter() - t0  # the fold, not the check's copy of its stories
    stories = {s.id: s.to_dict() for s in store.stories()}
    (work / "local-stories.json").write_text(json.dumps(stories, sort_keys=True))
    return {"seconds": seconds, "stages": times, "counts": store.counts()}


def run_spark(corpus: Path, work: Path) -> dict[str, Any]:
    from newsfold.run import spark

    t0 = time.perf_counter()
    session = spark.session("local[2]")
    session.sparkContext.setLogLevel("ERROR")
    start = time.perf_counter() - t0
    times: dict[str, float] = {}
    summary = spark.fold([corpus], work / "index", spark=session, timings=times)
    seconds = time.perf_counter() - t0
    rows = session.read.parquet(str(work / "index" / "stories")).collect()
    stories = {r.id: json.loads(r.data) for r in rows}
    (work / "spark-stories.json").write_text(json.dumps(stories, sort_keys=True))
    fps = session.read.parquet(str(work / "index" / "fingerprints"))
    n_fp = fps.count()
    hashes = fps.select("hash").distinct().count()
    sizes = {
        t.name: sum(f.stat().st_size for f in t.rglob("*.parquet"))
        for t in (work / "index").iterdir()
        if t.is_dir()
    }
    return {
        "seconds": seconds,
        "session_start": start,
        "stages": times,
        "counts": summary.counts,
        "fingerprint_rows": n_fp,
        "distinct_fingerprints": hashes,
        "index_bytes": sizes,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--reports", type=float, default=0.2, help="share of stories reported again in other words"
    )
    ap.add_argument("--run", choices=["local", "spark"], help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:  # one engine, in this child process
        work = args.work
        res = (
            run_local(args.corpus, work, args.workers)
            if args.run == "local"
            else run_spark(args.corpus, work)
        )
        print(json.dumps(res))
        return
    with tempfile.TemporaryDirectory(prefix="newsfold-scale-") as tmp:
        work = Path(tmp)
        corpus = write_corpus(
            work / "crawl", args.pages, args.seed, per_file=1000, reports=args.reports
        )
        corpus_bytes = sum(f.stat().st_size for f in corpus.iterdir())
        results: dict[str, Any] = {}
        for name in ("local", "spark"):
            cmd = [sys.executable, "-m", "benchmarks.scale", "--run", name]
            cmd += ["--corpus", str(corpus), "--work", str(work)]
            res, peak = _measured(cmd)
            res["peak_rss_mb"] = round(peak / 2**20)
            res["pages_per_s"] = round(args.pages / res["seconds"], 1)
            results[name] = res
        same = (work / "local-stories.json").read_text() == (
            work / "spark-stories.json"
        ).read_text()
    report = {
        "pages": args.pages,
        "reports": args.reports,
        "corpus_bytes": corpus_bytes,
        "cores": os.cpu_count(),
        "identical_stories": same,
        "engines": results,
    }
    print(f"{args.pages:,} generated pages ({corpus_bytes / 2**20:.0f} MB JSONL), "
          f"{os.cpu_count()} cores; identical stories: {same}")  # fmt: skip
    stages = ["read", "templates", "extract", "match", "stories", "write"]
    print(
        f"{'engine':<14}{'s':>8}{'pages/s':>9}{'peak MB':>9}  "
        + "".join(f"{s:>10}" for s in stages)
    )
    for name, r in results.items():
        share = {k: f"{100 * v / r['seconds']:.0f}%" for k, v in r["stages"].items()}
        label = "local" if name == "local" else "spark local[2]"
        print(
            f"{label:<14}{r['seconds']:>8.1f}{r['pages_per_s']:>9}{r['peak_rss_mb']:>9}  "
            + "".join(f"{share.get(s, '-'):>10}" for s in stages)
        )
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "scale.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
