"""Article-body extraction quality on the Article Extraction Benchmark (Zyte / scrapinghub).

Measures how well newsfold recovers the article body of 181 news pages, on the raw HTML and on a
plain-text dump of the same pages (newsfold's main use case: input without markup), beside
trafilatura run live in the same process and the published outputs of other extractors, all
scored with the benchmark's own method (see ``benchmarks/common.py``).

The data is expected at ``../shared/data/scrapinghub-aeb`` next to the repository root.

Run it with::

    .venv/bin/python -m benchmarks.extraction            # all pages
    .venv/bin/python -m benchmarks.extraction --limit 20 # a quick run on the first 20 ids

Results are printed as a table and written to ``benchmarks/results/extraction.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import (
    SHARED_DATA,
    Score,
    newsfold_html,
    newsfold_text,
    print_scores,
    run_timed,
    score_outputs,
    text_dump,
    trafilatura_live,
    trafilatura_name,
    write_json,
)

DATA_DIR = SHARED_DATA / "scrapinghub-aeb"

# F1 published in the benchmark's README, keyed by the peer-output file stem.
PUBLISHED_F1: dict[str, float] = {
    "AutoExtract": 0.970,
    "goose3": 0.896,
    "html2text": 0.662,
    "justext": 0.804,
    "news_please": 0.948,
    "newspaper": 0.949,
    "readability_js": 0.947,
    "rs_trafilatura": 0.970,
    "trafilatura": 0.958,
}


# --- data ------------------------------------------------------------------------------------


def load_truth(data_dir: Path = DATA_DIR, limit: int | None = None) -> dict[str, dict[str, str]]:
    """``{id: {"articleBody", "url"}}`` sorted by id, the first ``limit`` of them when given."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit is not None else sorted(truth)
    return {
        i: {"articleBody": truth[i]["articleBody"], "url": truth[i].get("url", "")} for i in ids
    }


def load_html(page_id: str, data_dir: Path = DATA_DIR) -> str:
    with gzip.open(data_dir / "html" / f"{page_id}.html.gz", "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def load_peer_output(path: Path) -> dict[str, str]:
    """A published output file as ``{id: articleBody}``, wrapped in ``{"output": ...}`` or not."""
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    items = data.get("output", data) if "version" in data else data
    return {key: (value or {}).get("articleBody") or "" for key, value in items.items()}


def peer_files(data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted((data_dir / "peer-output").glob("*.json*"))


def peer_name(path: Path) -> str:
    return path.name.split(".json")[0]


# --- live extractors (each takes the page as (html, url)) ------------------------------------


def live_systems() -> dict[str, tuple[str, Callable[[str, str], str]]]:
    """name -> (input kind, extractor); input kind is "html" or "dump"."""
    systems: dict[str, tuple[str, Callable[[str, str], str]]] = {
        "newsfold (html)": ("html", newsfold_html),
        "newsfold (text dump)": ("dump", newsfold_text),
    }
    systems[trafilatura_name()] = ("html", trafilatura_live)
    return systems


# --- main ------------------------------------------------------------------------------------


def evaluate(
    data_dir: Path = DATA_DIR, limit: int | None = None, *, peers: bool = True
) -> list[Score]:
    meta = load_truth(data_dir, limit)
    truths = {pid: m["articleBody"] for pid, m in meta.items()}
    htmls = {pid: load_html(pid, data_dir) for pid in meta}
    dumps = {pid: text_dump(h) for pid, h in htmls.items()}
    scores: list[Score] = []
    for name, (kind, extract) in live_systems().items():
        if not peers and not name.startswith("newsfold"):
            continue
        source = htmls if kind == "html" else dumps
        inputs = [(pid, f"{meta[pid]['url']}\n{source[pid]}") for pid in meta]

        def run(packed: str, extract: Callable[[str, str], str] = extract) -> str:
            url, _, page = packed.partition("\n")
            return extract(page, url)

        outputs, rate = run_timed(run, inputs)
        scores.append(score_outputs(name, truths, outputs, pages_per_s=rate))
    scores.append(score_outputs("whole text dump (baseline)", truths, dumps))
    if peers:
        for path in peer_files(data_dir):
            name = peer_name(path)
            scores.append(
                score_outputs(
                    f"{name} (published)",
                    truths,
                    load_peer_output(path),
                    published_f1=PUBLISHED_F1.get(name),
                )
            )
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N ids")
    args = parser.parse_args(argv)
    if not (DATA_DIR / "ground-truth.json").is_file():
        print(f"benchmark data not found at {DATA_DIR}; nothing to do")
        return 0
    start = time.perf_counter()
    scores = evaluate(DATA_DIR, args.limit)
    print("Article Extraction Benchmark: body F1 (4-token shingles, mean over pages)\n")
    print_scores(scores)
    path = write_json("extraction", {"benchmark": "scrapinghub-aeb", "results": scores})
    print(f"\n{scores[0].pages} pages, {time.perf_counter() - start:.1f}s; wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
