"""What every benchmark shares: where the data is, the text-dump renderer, the shingle scorer and
the report helpers.

Body scoring follows the Article Extraction Benchmark's published method, used for every body
benchmark here so that figures compare: texts are split into word tokens (``\\w+``, case kept),
each text becomes the multiset of its 4-token shingles, and per page precision and recall come from
the multiset overlap with the truth. Precision and recall are averaged over pages (a page whose
prediction is empty is left out of the precision mean, one whose truth is empty out of the recall
mean; both empty scores 1); F1 is the harmonic mean of the two averages.

Text dumps: newsfold's main input is a plain-text dump of a page, with no markup. The benchmarks
make one from each HTML page with ``html-text`` (Zyte's generic converter, ``guess_layout=True``):
every visible block becomes a line, nothing is removed, so the dump holds all the page's chrome.
It is not newsfold's own HTML flattener, so the text path is scored on input it was not shaped for.
The body and metadata benchmarks also run on the dumps of six other renderers
(``benchmarks/renderers.py``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
RESULTS_DIR = ROOT / "benchmarks" / "results"
SHINGLE_SIZE = 4
TOKEN_RE = re.compile(r"\w+")


# --- text dumps ------------------------------------------------------------------------------


def text_dump(html: str) -> str:
    """The page as a plain-text dump: every visible block a line, nothing removed."""
    import html_text

    return str(html_text.extract_text(html, guess_layout=True))


# --- the body extractors every body benchmark runs (each takes the page as (input, url)) -------


def newsfold_html(html: str, url: str) -> str:
    """newsfold's article body from HTML ("" where it finds no article)."""
    return _newsfold_body(html, "html", url)


def newsfold_text(dump: str, url: str) -> str:
    """newsfold's article body from a plain-text dump ("" where it finds no article)."""
    return _newsfold_body(dump, "text", url)


def _newsfold_body(content: str, kind: Literal["html", "text"], url: str) -> str:
    from newsfold.api import extract_text
    from newsfold.errors import InputError

    try:
        return extract_text(content, kind=kind, url=url or None).body
    except InputError:
        return ""


def trafilatura_live(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def trafilatura_name() -> str:
    """The live peer's name in every table ("trafilatura 2.3.1 (live)"); trafilatura is one of
    newsfold's own dependencies, so it is always there."""
    import trafilatura

    return f"trafilatura {trafilatura.__version__} (live)"


# --- body scoring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    system: str
    precision: float
    recall: float
    f1: float
    pages: int
    pages_per_s: float | None = None
    published_f1: float | None = None


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


def shingle_share(part: str, whole: str) -> float:
    """Share of the shingles of ``part`` that also occur in ``whole`` (0.0 for an empty part)."""
    p = shingles(part)
    total = sum(p.values())
    return sum((p & shingles(whole)).values()) / total if total else 0.0


def mean_defined(values: Iterable[float | None]) -> float:
    """Mean of the defined values (0.0 when there are none)."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else 0.0


def score_outputs(
    system: str,
    truths: dict[str, str],
    outputs: dict[str, str],
    *,
    pages_per_s: float | None = None,
    published_f1: float | None = None,
) -> Score:
    """Mean page precision and recall of one system over ``truths`` ({page id: text}), and the
    harmonic mean of the two."""
    pairs = [page_precision_recall(outputs.get(pid, ""), truth) for pid, truth in truths.items()]
    precision = mean_defined(p for p, _ in pairs)
    recall = mean_defined(r for _, r in pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(system, precision, recall, f1, len(truths), pages_per_s, published_f1)


# --- running extractors ----------------------------------------------------------------------


def run_timed(
    extract: Callable[[str], Any], inputs: Sequence[tuple[str, str]]
) -> tuple[dict[str, Any], float]:
    """``extract`` on every ``(id, input)``, with its throughput in pages per second on one core.

    One untimed call first, so that imports and caches are not charged to the timing."""
    if inputs:
        extract(inputs[0][1])
    outputs: dict[str, Any] = {}
    start = time.perf_counter()
    for key, value in inputs:
        outputs[key] = extract(value)
    elapsed = time.perf_counter() - start
    return outputs, (len(inputs) / elapsed if elapsed > 0 else float("inf"))


# --- report ----------------------------------------------------------------------------------


def fmt(value: float | None, spec: str = ".3f") -> str:
    return "-" if value is None else format(value, spec)


def print_rows(columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[Any]]) -> None:
    """A plain table: ``columns`` are (title, width); the first column is left-aligned."""
    header = " ".join(f"{t:<{w}}" if i == 0 else f"{t:>{w}}" for i, (t, w) in enumerate(columns))
    print(header)
    print("-" * len(header))
    for row in rows:
        cells = []
        for i, ((_, w), v) in enumerate(zip(columns, row, strict=True)):
            text = fmt(v) if isinstance(v, float) or v is None else str(v)
            cells.append(f"{text:<{w}}" if i == 0 else f"{text:>{w}}")
        print(" ".join(cells))


def print_scores(scores: Iterable[Score]) -> None:
    print_rows(
        [
            ("system", 42),
            ("precision", 9),
            ("recall", 7),
            ("F1", 6),
            ("pages/s", 8),
            ("published F1", 12),
        ],
        (
            (s.system, s.precision, s.recall, s.f1, fmt(s.pages_per_s, ".1f"), s.published_f1)
            for s in scores
        ),
    )


def write_json(name: str, payload: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/<name>.json`` and return its path."""
    path = RESULTS_DIR / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, default=_jsonable) + "\n", encoding="utf-8")
    return path


def _jsonable(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def check_model(path: Path, text: str, trainer: str) -> int:
    """A trainer's ``--check``: 0 where the committed model file at ``path`` is ``text`` (what
    the trainer would write from this tree) byte for byte, else 1 with the lines that differ
    and the command that rewrites it (``trainer``: a module of ``benchmarks``)."""
    import difflib

    committed = path.read_text(encoding="utf-8") if path.is_file() else ""
    if committed == text:
        print(f"{path}: as trained")
        return 0
    diff = difflib.unified_diff(
        committed.splitlines(), text.splitlines(), "committed", "trained", lineterm=""
    )
    print("\n".join(diff))
    print(f"{path} is stale: rerun python -m benchmarks.{trainer}", file=sys.stderr)
    return 1


def trainer_parser(doc: str | None, cache_help: str) -> argparse.ArgumentParser:
    """The options every model trainer takes: the half to fit on, a dry run, the renderers, a
    cache of its prepared inputs and ``--check`` (``check_model``; ``trainer_args`` refuses
    what would train otherwise than the committed model was)."""
    from benchmarks import sites

    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--half", choices=sites.HALVES, default="A", help="the half to fit on")
    parser.add_argument("--dry-run", action="store_true", help="report only; write no model")
    parser.add_argument("--renderers", default="all")
    parser.add_argument("--cache", type=Path, help=cache_help)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 where the committed model differs from the one trained",
    )
    return parser


def trainer_args(
    parser: argparse.ArgumentParser, argv: list[str] | None, *fixed: str
) -> argparse.Namespace:
    """``parser``'s arguments; with ``--check``, none that trains otherwise than the committed
    model was: a cache (its inputs may be another tree's), another half, other renderers, or
    one of the options ``fixed`` (None unless given)."""
    args = parser.parse_args(argv)
    if args.check and (
        args.cache
        or args.half != "A"
        or args.renderers != "all"
        or any(getattr(args, name) is not None for name in fixed)
    ):
        given = ", ".join(["--cache", "--half", "--renderers", *(f"--{f}" for f in fixed)])
        parser.error(f"--check trains as the committed model was: none of {given}")
    return args
