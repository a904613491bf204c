"""Speed benchmark: issue 21's two rows, whole folds of real pages beside one-process peers.

1. **HTML**: the real HTML pages of ``../shared/data`` (the Article Extraction Benchmark, L3S-GN1's
   originals, Readability.js's test pages and trafilatura's evaluation set, as many as are
   there), folded by the local engine (``newsfold fold``'s stages) in ``--workers`` processes,
   beside trafilatura extracting the same pages alone in one process.
2. **Text dumps**: the same pages as html-text dumps (``renderers.py``'s ``html_text``, from
   ``benchmarks/results/cache``) plus the BBC articles, folded the same way, beside rensa's
   ``RMinHash(128)`` signing the same texts (5-word shingles of their whitespace tokens) in one
   process.

Each fold runs in a process of its own (as a user runs ``newsfold fold``) on a fresh store, and
reports its stages (read, extract, match, stories, and the store check every fold ends with)
and the peak resident memory of its whole process tree (workers included). The machine's load
(``os.getloadavg``) before and after goes into the JSON: on a shared machine compare figures of
one run only.

    python -m benchmarks.speed               # every page (minutes)
    python -m benchmarks.speed --limit 100   # 100 pages a source: a quick look
    python -m benchmarks.speed --inputs dumps  # the text dumps' row alone

Results go to ``benchmarks/results/speed.json``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import SHARED_DATA, fmt, print_rows, write_json

AEB_DIR = SHARED_DATA / "scrapinghub-aeb"
L3S_DIR = SHARED_DATA / "l3s-gn1" / "L3S-GN1-20100130203947-00001"
READABILITY_DIR = SHARED_DATA / "mozilla-readability" / "test" / "test-pages"
TRAFILATURA_DIR = SHARED_DATA / "trafilatura-eval" / "tests"
BBC_DIR = SHARED_DATA / "bbc-fulltext" / "bbc"
STAGES = ("read", "extract", "match", "stories", "check")
RENSA_PERMUTATIONS = 128
SHINGLE_WORDS = 5


@dataclass(frozen=True, slots=True)
class Doc:
    """One input of a row: its id, its URL ("" for none) and its HTML or text."""

    id: str
    url: str
    content: str


# --- data ------------------------------------------------------------------------------------


def _gz(path: Path) -> str:
    from benchmarks.metadata import decode_html

    with gzip.open(path, "rb") as f:
        return decode_html(f.read())


def load_html(limit: int | None = None) -> dict[str, list[Doc]]:
    """The HTML pages of each source that is there (the first ``limit`` of each), a page met
    twice (the same bytes in two sets) kept once."""
    sources: dict[str, list[Doc]] = {}
    if (AEB_DIR / "ground-truth.json").is_file():
        truth = json.loads((AEB_DIR / "ground-truth.json").read_text(encoding="utf-8"))
        sources["aeb"] = [
            Doc(f"aeb/{i}", truth[i].get("url") or "", _gz(AEB_DIR / "html" / f"{i}.html.gz"))
            for i in sorted(truth)[:limit]
        ]
    if (L3S_DIR / "url-mapping.txt").is_file():
        from benchmarks.l3s import load_urls, read_page

        urls = load_urls(L3S_DIR)
        paths = sorted((L3S_DIR / "original").glob("*.html.gz"))[:limit]
        sources["l3s"] = [
            Doc(f"l3s/{p.name}", urls.get(p.name.removesuffix(".html.gz"), ""), read_page(p))
            for p in paths
        ]
    if READABILITY_DIR.is_dir():
        paths = sorted(READABILITY_DIR.glob("*/source.html.gz"))[:limit]
        sources["readability"] = [Doc(f"readability/{p.parent.name}", "", _gz(p)) for p in paths]
    if (TRAFILATURA_DIR / "evaldata.json").is_file():
        entries = json.loads((TRAFILATURA_DIR / "evaldata.json").read_text(encoding="utf-8"))
        docs: list[Doc] = []
        for url, entry in entries.items():
            for folder in ("eval", "cache"):
                path = TRAFILATURA_DIR / folder / f"{entry['file']}.gz"
                if path.is_file():
                    docs.append(Doc(f"trafilatura/{entry['file']}", url, _gz(path)))
                    break
            if limit is not None and len(docs) >= limit:
                break
        sources["trafilatura"] = docs
    seen: set[str] = set()
    for name, docs in sources.items():
        kept = []
        for d in docs:
            key = hashlib.sha1(d.content.encode("utf-8", "surrogatepass")).hexdigest()
            if key not in seen:
                seen.add(key)
                kept.append(d)
        sources[name] = kept
    return {k: v for k, v in sources.items() if v}


def load_bbc(limit: int | None = None) -> list[Doc]:
    """The BBC articles as plain text (headline, then the paragraphs)."""
    paths = sorted(BBC_DIR.glob("*/*.txt"))[:limit]
    return [
        Doc(f"bbc/{p.parent.name}/{p.stem}", "", p.read_bytes().decode("utf-8", "replace"))
        for p in paths
    ]


def text_dumps(pages: Sequence[Doc]) -> list[Doc]:
    """The pages as html-text dumps, from the renderers' cache (rendered and cached where
    missing)."""
    from benchmarks.renderers import render_all

    dumps = render_all("html_text", {d.id: d.content for d in pages}, progress=False)
    return [Doc(d.id, d.url, dumps[d.id]) for d in pages]


def write_jsonl(docs: Sequence[Doc], kind: str, path: Path) -> Path:
    """The docs as the JSONL records ``newsfold fold`` reads (``kind``: "html" or "text")."""
    with path.open("w", encoding="utf-8") as f:
        for d in docs:
            rec: dict[str, str] = {kind: d.content}
            if d.url:
                rec["url"] = d.url
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


# --- the fold, in a process of its own ---------------------------------------------------------


def fold_stages(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    """``newsfold fold corpus --db db --workers N``, stage by stage (``run.local.fold`` is these
    calls, then the store check): seconds by stage, counts, and this process's peak RSS."""
    import resource

    from newsfold.read.files import read_paths
    from newsfold.run import local as engine
    from newsfold.run.local.check import _check_locked
    from newsfold.store import open_store

    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    noop = engine._noop
    summary = engine.FoldSummary()

    def cpu_now() -> float:  # this process and its workers (reaped when a stage's pool ends)
        own, kids = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        t, c = time.perf_counter(), cpu_now()
        yield
        times[name] = time.perf_counter() - t
        cpu[name] = cpu_now() - c

    with open_store(db) as store:
        with stage("read"):
            engine.ingest(
                store, read_paths([corpus], stats=summary.read), summary, 256, noop, workers
            )
        with store.processing():
            with stage("extract"):
                engine.extract_pending(store, summary, 256, noop, workers)
            with stage("match"):
                engine.match_pending(store, 256, noop, workers)
            with stage("stories"):
                engine.build_pending_stories(store, noop, workers)
            with stage("check"):
                report = _check_locked(store, repair_found=True, workers=workers)
        counts = store.counts()
    return {
        "stages": times,
        "cpu_seconds": cpu,
        "seconds": sum(times.values()),
        "counts": counts,
        "violations": len(report.violations),
        "main_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def timed_fold(corpus: Path, work: Path, workers: int) -> dict[str, Any]:
    """``fold_stages`` in a child process, its process tree's peak resident memory sampled."""
    from benchmarks.scale import _measured

    cmd = [sys.executable, "-m", "benchmarks.speed", "--child", str(corpus)]
    cmd += ["--db", str(work / f"{corpus.stem}.db"), "--workers", str(workers)]
    result, peak = _measured(cmd)
    result["peak_rss_mb"] = peak / 2**20
    return result


# --- peers, in this process --------------------------------------------------------------------


def trafilatura_seconds(pages: Sequence[Doc]) -> tuple[float, float]:
    """Wall and CPU seconds for trafilatura to extract ``pages`` in this process."""
    import trafilatura

    t, c = time.perf_counter(), time.process_time()
    for d in pages:
        trafilatura.extract(d.content, url=d.url or None)
    return time.perf_counter() - t, time.process_time() - c


def rensa_seconds(texts: Sequence[str]) -> tuple[float, float] | None:
    """Wall and CPU seconds for rensa to sign ``texts`` (shingles made from the text
    included); None where rensa is not installed."""
    try:
        from rensa import RMinHash
    except ImportError:
        return None
    t, c = time.perf_counter(), time.process_time()
    for text in texts:
        toks = text.split()
        k = SHINGLE_WORDS
        shingles = [" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)] or [text]
        m = RMinHash(RENSA_PERMUTATIONS, 42)
        m.update(shingles)
        m.digest()
    return time.perf_counter() - t, time.process_time() - c


# --- the report --------------------------------------------------------------------------------


def row(
    name: str,
    pages: int,
    fold: dict[str, Any],
    peer: str,
    peer_time: tuple[float, float] | None,
) -> dict[str, Any]:
    """One row of the table: the fold's rate, its stages' rates, and the peer's in the same
    run (``peer_time``: its wall and CPU seconds; None where the peer is not installed). The
    ratio per CPU second (the fold's processes all counted) moves less with the machine's load
    than the ratio of wall times."""
    seconds = fold["seconds"]
    rate = pages / seconds if seconds else None
    peer_seconds, peer_cpu = peer_time or (None, None)
    peer_rate = pages / peer_seconds if peer_seconds else None
    fold_cpu = sum(fold.get("cpu_seconds", {}).values()) or None
    return {
        "input": name,
        "pages": pages,
        "fold_seconds": seconds,
        "fold_pages_per_s": rate,
        "stage_seconds": fold["stages"],
        "stage_pages_per_s": {k: pages / v if v else None for k, v in fold["stages"].items()},
        # CPU seconds (all processes): steadier than wall time on a shared machine
        "stage_cpu_seconds": fold.get("cpu_seconds", {}),
        "peak_rss_mb": fold.get("peak_rss_mb"),
        "counts": fold.get("counts", {}),
        "violations": fold.get("violations", 0),
        "peer": peer,
        "peer_seconds": peer_seconds,
        "fold_cpu_seconds": fold_cpu,
        "peer_cpu_seconds": peer_cpu,
        "fold_to_peer_per_cpu_second": peer_cpu / fold_cpu if peer_cpu and fold_cpu else None,
        "peer_pages_per_s": peer_rate,
        "fold_to_peer": rate / peer_rate if rate and peer_rate else None,
    }


def report(rows: Sequence[dict[str, Any]], workers: int, load: dict[str, Any]) -> dict[str, Any]:
    return {
        "workers": workers,
        "cpus": os.cpu_count(),
        "load": load,
        "rows": list(rows),
    }


def print_report(r: dict[str, Any]) -> None:
    load = r["load"]
    print(
        f"\nSpeed: whole folds in {r['workers']} processes beside one-process peers "
        f"({r['cpus']} CPUs; load average before {load['before'][0]:.2f}, "
        f"after {load['after'][0]:.2f})"
    )
    print_rows(
        [
            ("input", 22),
            ("pages", 7),
            ("fold s", 8),
            ("pages/s", 8),
            ("peak MB", 8),
            ("peer, one process", 30),
            ("pages/s", 8),
            ("x peer", 7),
            ("x per CPU s", 12),
        ],
        [
            [
                x["input"],
                x["pages"],
                fmt(x["fold_seconds"], ".1f"),
                fmt(x["fold_pages_per_s"], ".0f"),
                fmt(x["peak_rss_mb"], ".0f"),
                x["peer"],
                fmt(x["peer_pages_per_s"], ".0f"),
                fmt(x["fold_to_peer"], ".2f"),
                fmt(x.get("fold_to_peer_per_cpu_second"), ".2f"),
            ]
            for x in r["rows"]
        ],
    )
    print("stages, pages/s (seconds; CPU seconds of all processes):")
    for x in r["rows"]:
        cpu = x.get("stage_cpu_seconds", {})
        parts = [
            f"{k} {fmt(x['stage_pages_per_s'].get(k), '.0f')} ({x['stage_seconds'][k]:.1f} s"
            + (f"; {cpu[k]:.1f} CPU s)" if k in cpu else ")")
            for k in STAGES
            if k in x["stage_seconds"]
        ]
        print(f"  {x['input']}: " + ", ".join(parts))


INPUTS = ("html", "dumps")


def run(
    limit: int | None, workers: int, say: Any = print, inputs: Sequence[str] = INPUTS
) -> dict[str, Any]:
    before = os.getloadavg()
    html_sources = load_html(limit)
    html = [d for docs in html_sources.values() for d in docs]
    dumps = [*text_dumps(html), *load_bbc(limit)]
    say(
        f"{len(html)} HTML pages ("
        + ", ".join(f"{k} {len(v)}" for k, v in html_sources.items())
        + f"); {len(dumps)} text dumps (BBC {len(dumps) - len(html)})"
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsfold-speed-") as tmp:
        work = Path(tmp)
        if "html" in inputs:
            fold_html = timed_fold(write_jsonl(html, "html", work / "html.jsonl"), work, workers)
            rows.append(
                row(
                    "HTML pages",
                    len(html),
                    fold_html,
                    trafilatura_name(),
                    trafilatura_seconds(html),
                )
            )
        if "dumps" in inputs:
            fold_text = timed_fold(write_jsonl(dumps, "text", work / "dumps.jsonl"), work, workers)
            rows.append(
                row(
                    "text dumps",
                    len(dumps),
                    fold_text,
                    f"rensa RMinHash({RENSA_PERMUTATIONS})",
                    rensa_seconds([d.content for d in dumps]),
                )
            )
    load = {"before": list(before), "after": list(os.getloadavg())}
    return report(rows, workers, load)


def trafilatura_name() -> str:
    import trafilatura

    return f"trafilatura {trafilatura.__version__}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__)
    ap.add_argument("--limit", type=int, help="at most this many pages of each source")
    ap.add_argument("--workers", type=int, default=2, help="the folds' processes (default 2)")
    ap.add_argument(
        "--inputs",
        default=",".join(INPUTS),
        help="the rows to run, comma-separated: html, dumps (default both)",
    )
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:  # one fold, in this child process
        print(json.dumps(fold_stages(args.child, args.db, args.workers)))
        return 0
    if not BBC_DIR.is_dir() and not (AEB_DIR / "ground-truth.json").is_file():
        print(f"speed benchmark skipped: {SHARED_DATA} holds none of its pages (see DATA.md)")
        return 0
    inputs = [x.strip() for x in args.inputs.split(",") if x.strip()]
    unknown = sorted(set(inputs) - set(INPUTS))
    if unknown or not inputs:
        ap.error(
            f"--inputs: {', '.join(unknown) or 'none'} unknown; choose from {', '.join(INPUTS)}"
        )
    r = run(args.limit, args.workers, inputs=inputs)
    print_report(r)
    path = write_json("speed", r)
    print(f"\nwritten to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
