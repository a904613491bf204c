"""Article-body extraction quality on the Article Extraction Benchmark (Zyte / scrapinghub).

Measures how well newsfold recovers the article body of 181 news pages, on the raw HTML and on a
plain-text dump of the same pages (newsfold's main use case: input without markup), beside
trafilatura run live in the same process and the published outputs of other extractors.

Scoring follows the benchmark's own method: texts are split into word tokens (``\\w+``), each text
becomes the multiset of its 4-token shingles, and per page precision and recall come from the
multiset overlap with the ground truth. Precision and recall are averaged over pages; F1 is the
harmonic mean of the two averages.

The data is expected at ``../shared/data/scrapinghub-aeb`` next to the repository root.

Run it with::

    .venv/bin/python benchmarks/extraction.py            # all pages
    .venv/bin/python benchmarks/extraction.py --limit 20 # a quick run on the first 20 ids

Results are printed as a table and written to ``benchmarks/results/extraction.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "scrapinghub-aeb"
RESULTS_PATH = Path(__file__).resolve().parent / "results" / "extraction.json"
SHINGLE_SIZE = 4
TOKEN_RE = re.compile(r"\w+")

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

Extractor = Callable[[str, str], str]


@dataclass(frozen=True)
class Page:
    page_id: str
    url: str
    truth: str


@dataclass(frozen=True)
class Score:
    system: str
    precision: float
    recall: float
    f1: float
    pages: int
    pages_per_s: float | None = None
    published_f1: float | None = None


# --- scoring ---------------------------------------------------------------------------------


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-token shingles of a text (a shorter text is one shingle, or none)."""
    tokens = tuple(TOKEN_RE.findall(text))
    if len(tokens) < SHINGLE_SIZE:
        return Counter([tokens]) if tokens else Counter()
    return Counter(tokens[i : i + SHINGLE_SIZE] for i in range(len(tokens) - SHINGLE_SIZE + 1))


def page_precision_recall(predicted: str, truth: str) -> tuple[float | None, float | None]:
    """Shingle precision and recall of one page; ``None`` where it is undefined.

    Precision is undefined for an empty prediction and recall for an empty truth (both are 1.0
    when both texts are empty). Undefined values are left out of the means, which is the
    benchmark's own convention and reproduces its published figures.
    """
    pred, true = shingles(predicted), shingles(truth)
    if not pred and not true:
        return 1.0, 1.0
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def mean_defined(values: Iterable[float | None]) -> float:
    """Mean of the defined values (0.0 when there are none)."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else 0.0


def score_outputs(
    system: str,
    pages: list[Page],
    outputs: dict[str, str],
    *,
    pages_per_s: float | None = None,
    published_f1: float | None = None,
) -> Score:
    """Mean page precision and recall of one system, and their harmonic mean."""
    pairs = [page_precision_recall(outputs.get(p.page_id, ""), p.truth) for p in pages]
    precision = mean_defined(p for p, _ in pairs)
    recall = mean_defined(r for _, r in pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(system, precision, recall, f1, len(pages), pages_per_s, published_f1)


# --- data ------------------------------------------------------------------------------------


def load_pages(data_dir: Path, limit: int | None) -> list[Page]:
    """Ground-truth pages, sorted by id, the first ``limit`` of them when given."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit is not None else sorted(truth)
    return [Page(i, truth[i].get("url", ""), truth[i]["articleBody"]) for i in ids]


def load_html(data_dir: Path, page_id: str) -> str:
    with gzip.open(data_dir / "html" / f"{page_id}.html.gz", "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def load_peer_output(path: Path) -> dict[str, str]:
    """A published output file as ``{id: articleBody}``, wrapped in ``{"output": ...}`` or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    items = data.get("output", data) if "version" in data else data
    return {key: (value or {}).get("articleBody") or "" for key, value in items.items()}


def peer_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "peer-output").glob("*.json*"))


def peer_name(path: Path) -> str:
    return path.name.split(".json")[0]


# --- live extractors -------------------------------------------------------------------------


def newsfold_html(html: str, url: str) -> str:
    from newsfold.api import extract_text
    from newsfold.errors import InputError

    try:
        return extract_text(html, kind="html", url=url or None).body
    except InputError:
        return ""


def newsfold_text_dump(html: str, url: str) -> str:
    """newsfold on the page's visible text only, one line per block, no markup."""
    from newsfold.api import extract_text
    from newsfold.errors import InputError
    from newsfold.extract.html import html_to_lines

    dump = "\n".join(html_to_lines(html))
    try:
        return extract_text(dump, kind="text", url=url or None).body
    except InputError:
        return ""


def trafilatura_live(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def run_live(
    extract: Extractor, pages: list[Page], htmls: dict[str, str]
) -> tuple[dict[str, str], float]:
    """Outputs of one extractor on every page, and its throughput in pages per second.

    One untimed call first, so that imports and caches are not charged to the timing."""
    extract(htmls[pages[0].page_id], pages[0].url)
    outputs: dict[str, str] = {}
    start = time.perf_counter()
    for page in pages:
        outputs[page.page_id] = extract(htmls[page.page_id], page.url)
    elapsed = time.perf_counter() - start
    return outputs, (len(pages) / elapsed if elapsed > 0 else float("inf"))


def live_systems() -> dict[str, Extractor]:
    systems: dict[str, Extractor] = {
        "newsfold (html)": newsfold_html,
        "newsfold (text dump)": newsfold_text_dump,
    }
    try:
        import trafilatura

        systems[f"trafilatura {trafilatura.__version__} (live)"] = trafilatura_live
    except ImportError:
        print("trafilatura is not installed; skipping the live peer", file=sys.stderr)
    return systems


# --- report ----------------------------------------------------------------------------------


def fmt(value: float | None, spec: str = ".3f") -> str:
    return "-" if value is None else format(value, spec)


def print_table(scores: Iterable[Score]) -> None:
    header = f"{'system':<34} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8} {'published F1':>12}"
    print(header)
    print("-" * len(header))
    for s in scores:
        print(
            f"{s.system:<34} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} "
            f"{fmt(s.pages_per_s, '.1f'):>8} {fmt(s.published_f1):>12}"
        )


def write_json(scores: list[Score], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"benchmark": "scrapinghub-aeb", "results": [asdict(s) for s in scores]}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


# --- main ------------------------------------------------------------------------------------


def evaluate(data_dir: Path, limit: int | None) -> list[Score]:
    pages = load_pages(data_dir, limit)
    htmls = {p.page_id: load_html(data_dir, p.page_id) for p in pages}
    scores: list[Score] = []
    for name, extract in live_systems().items():
        outputs, rate = run_live(extract, pages, htmls)
        scores.append(score_outputs(name, pages, outputs, pages_per_s=rate))
    for path in peer_files(data_dir):
        name = peer_name(path)
        outputs = load_peer_output(path)
        scores.append(
            score_outputs(
                f"{name} (published)", pages, outputs, published_f1=PUBLISHED_F1.get(name)
            )
        )
    return scores


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N ids")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not (DATA_DIR / "ground-truth.json").is_file():
        print(f"benchmark data not found at {DATA_DIR}; nothing to do")
        return 0
    start = time.perf_counter()
    scores = evaluate(DATA_DIR, args.limit)
    print_table(scores)
    write_json(scores, RESULTS_PATH)
    print(f"\n{scores[0].pages} pages, {time.perf_counter() - start:.1f}s; wrote {RESULTS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
