"""Article-body extraction quality on the Article Extraction Benchmark (Zyte / scrapinghub).

Measures how well newsfold recovers the article body of 181 news pages, on the raw HTML and on a
plain-text dump of the same pages (newsfold's main use case: input without markup), beside
trafilatura run live in the same process and the published outputs of other extractors, all
scored with the benchmark's own method (see ``benchmarks/common.py``).

The data is expected at ``../shared/data/scrapinghub-aeb`` next to the repository root.

Text dumps come from every renderer of ``benchmarks/renderers.py`` (html_text, chromium, lynx,
w3m, html2text, resiliparse, lxml_lines; a missing tool is skipped with a message); the rows of
html_text keep their old names ("newsfold (text dump)", "whole text dump (baseline)"), the others
carry the renderer's name. Every system is also scored on each site half ("A", "B": pages split
by the hash of their site, ``benchmarks/sites.py``), in a second table with the worst renderer
of each column and each renderer's whole-dump recall (how much of the truth its dump still holds).

Run it with::

    .venv/bin/python -m benchmarks.extraction            # all pages, every renderer
    .venv/bin/python -m benchmarks.extraction --limit 20 # a quick run on the first 20 ids
    .venv/bin/python -m benchmarks.extraction --renderers html_text,lynx

Results are printed as tables and written to ``benchmarks/results/extraction.json``: ``results``
(every system over all pages), ``halves`` (``{system: {"A"|"B"|"all": score}}``),
``site_split`` (pages and sites per half), ``worst_renderer`` and ``renderers`` (the tools).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import renderers, sites
from benchmarks.common import (
    SHARED_DATA,
    Score,
    newsfold_html,
    newsfold_text,
    print_rows,
    print_scores,
    run_timed,
    score_outputs,
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


@dataclass
class Run:
    """Every system's scores: ``scores`` over all pages (the table and JSON as before), ``parts``
    ``{system: {"A"|"B"|"all": Score}}`` on the site halves (``sites.py``)."""

    scores: list[Score]
    parts: dict[str, dict[str, Score]]
    renderers: list[str]
    sites: dict[str, str]
    split: dict[str, list[str]]


def page_sites(meta: dict[str, dict[str, str]]) -> dict[str, str]:
    """``{id: site}``: the site of each page's URL (every AEB page has one), else of its id."""
    return {pid: sites.site_of(m["url"] or pid) for pid, m in meta.items()}


def run(
    data_dir: Path = DATA_DIR,
    limit: int | None = None,
    *,
    peers: bool = True,
    renderer_names: Sequence[str] = (renderers.DEFAULT,),
) -> Run:
    """newsfold on the HTML and on the dump of each renderer (with trafilatura live and the
    published outputs when ``peers``), scored on all pages and on each site half."""
    meta = load_truth(data_dir, limit)
    truths = {pid: m["articleBody"] for pid, m in meta.items()}
    htmls = {pid: load_html(pid, data_dir) for pid in meta}
    page_site = page_sites(meta)
    parts = sites.split(page_site)
    dumps = {r: renderers.render_all(r, htmls) for r in renderer_names}
    runs: dict[str, tuple[dict[str, str], float | None, float | None]] = {}
    for name, (kind, extract) in live_systems().items():
        if not peers and not name.startswith("newsfold"):
            continue
        if kind == "html":
            sources = {name: htmls}
        else:
            sources = {renderers.system_name(name, r): dumps[r] for r in renderer_names}
        for system, source in sources.items():
            inputs = [(pid, f"{meta[pid]['url']}\n{source[pid]}") for pid in meta]

            def run_one(packed: str, extract: Callable[[str, str], str] = extract) -> str:
                url, _, page = packed.partition("\n")
                return extract(page, url)

            outputs, rate = run_timed(run_one, inputs)
            runs[system] = (outputs, rate, None)
    for r in renderer_names:
        runs[renderers.system_name("whole text dump (baseline)", r)] = (dumps[r], None, None)
    if peers:
        for path in peer_files(data_dir):
            name = peer_name(path)
            runs[f"{name} (published)"] = (load_peer_output(path), None, PUBLISHED_F1.get(name))
    scores: list[Score] = []
    by_part: dict[str, dict[str, Score]] = {}
    for system, (outputs, rate, published) in runs.items():
        by_part[system] = {
            part: score_outputs(
                system,
                {pid: truths[pid] for pid in ids},
                outputs,
                pages_per_s=rate,
                published_f1=published,
            )
            for part, ids in parts.items()
        }
        scores.append(by_part[system]["all"])
    return Run(scores, by_part, list(renderer_names), page_site, parts)


def evaluate(
    data_dir: Path = DATA_DIR,
    limit: int | None = None,
    *,
    peers: bool = True,
    renderer_names: Sequence[str] = (renderers.DEFAULT,),
) -> list[Score]:
    """Every system's scores over all pages (html_text dumps only unless ``renderer_names``)."""
    return run(data_dir, limit, peers=peers, renderer_names=renderer_names).scores


def half_rows(result: Run) -> list[tuple[str, list[float | None]]]:
    """The site-half table's rows: the HTML systems, then newsfold on each renderer's dump."""
    f1 = result.parts
    rows: list[tuple[str, list[float | None]]] = []
    for system in f1:
        if system == "newsfold (html)" or system.endswith("(live)"):
            rows.append((system, [f1[system][p].f1 for p in sites.PARTS]))
    for r in result.renderers:
        system = renderers.system_name("newsfold (text dump)", r)
        whole = renderers.system_name("whole text dump (baseline)", r)
        rows.append(
            (
                f"text dump: {r}",
                [f1[system][p].f1 for p in sites.PARTS] + [f1[whole]["all"].recall],
            )
        )
    return rows


def print_halves(result: Run) -> dict[str, Any]:
    """Print the site-half table; return the worst renderer of each column for the JSON."""
    print(
        "\nbody F1 on the site halves ("
        + sites.describe_line(sites.describe(result.sites, result.split))
        + ")\n"
    )
    rows = half_rows(result)
    dump_rows = [(name, values[:3]) for name, values in rows if name.startswith("text dump: ")]
    worst, names = sites.worst_of(dump_rows, [True, True, True])
    table = [(name, *values, *([None] * (4 - len(values)))) for name, values in rows]
    table.append(("worst renderer", *worst, None))
    print_rows([("system", 34), *sites.part_columns(["F1"]), ("dump recall", 11)], table)
    print(
        "worst renderer: "
        + ", ".join(
            f"{p} {n.removeprefix('text dump: ')}" for p, n in zip(sites.PARTS, names, strict=True)
        )
    )
    return {
        part: {"renderer": name.removeprefix("text dump: "), "f1": value}
        for part, name, value in zip(sites.PARTS, names, worst, strict=True)
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N ids")
    parser.add_argument(
        "--renderers",
        default="all",
        help=f"comma-separated text-dump renderers (default all: {','.join(renderers.RENDERERS)})",
    )
    args = parser.parse_args(argv)
    if not (DATA_DIR / "ground-truth.json").is_file():
        print(f"benchmark data not found at {DATA_DIR}; nothing to do")
        return 0
    try:
        wanted = renderers.parse_names(args.renderers)
    except ValueError as e:
        parser.error(str(e))
    chosen = renderers.select(wanted)
    start = time.perf_counter()
    result = run(DATA_DIR, args.limit, renderer_names=chosen)
    print("Article Extraction Benchmark: body F1 (4-token shingles, mean over pages)\n")
    print_scores(result.scores)
    worst = print_halves(result)
    path = write_json(
        "extraction",
        {
            "benchmark": "scrapinghub-aeb",
            "results": result.scores,
            "renderers": renderers.describe(result.renderers),
            "site_split": sites.describe(result.sites, result.split),
            "halves": result.parts,
            "worst_renderer": worst,
        },
    )
    print(f"\n{result.scores[0].pages} pages, {time.perf_counter() - start:.1f}s; wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
