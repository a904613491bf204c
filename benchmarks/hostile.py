"""Hostile-input benchmark: the extractor's CPU time on pages built to make text patterns slow,
at doubling sizes, and how it grows with the size.

Several module patterns of ``newsfold.extract`` are quadratic on a long run of one unit taken
alone (``\\s+[|–—-]\\s+`` searched over forty thousand spaces tries every start, and from each
start the whole run; ``tests/test_patterns_hostile.py`` rules out the exponential ones). What
matters is whether a page can bring such a run to them: dump lines are whitespace-collapsed and
cut at ``text.MAX_LINE_CHARS``, HTML text is collapsed by the parser. This benchmark feeds whole
pages through ``extract_page`` (both paths) with the runs placed where each such pattern reads:
the title, an author meta tag, JSON-LD, a byline element, a heading, a time element, the URL,
deep nesting, and plain-text dumps of one long line or many. For each case it prints the CPU
seconds at each size and the growth: the time at the largest size over the time at the smallest,
divided by the size ratio (1: linear; the size ratio itself: quadratic). trafilatura reads the
same HTML pages in the same run (its ``extract``, comments off) as the peer.

Nothing here reads ../shared/data: every page is built from runs of units in this file.

Run: ``python -m benchmarks.hostile [--sizes 25000,50000,100000,200000]``.
Writes benchmarks/results/hostile.json.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from benchmarks.common import fmt, print_rows, trafilatura_live, trafilatura_name, write_json
from newsfold.extract import extract_page
from newsfold.records import Page, PageKind

_PROSE = "<p>" + "The council met on Tuesday to talk about the budget for next year. " * 3 + "</p>"
_URL = "https://news.example/2024/01/05/council-budget"
_DUMP_PROSE = "The council met on Tuesday to talk about the budget for next year. " * 4


def _html(head: str = "", top: str = "", url: str = _URL) -> tuple[PageKind, str, str]:
    page = f"<html><head>{head}</head><body><h1>Budget talks</h1>{top}{_PROSE * 5}</body></html>"
    return "html", page, url


def _run(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _ld(size: int) -> str:
    spaces = _run(" \n", size)
    data = {"@type": "NewsArticle", "headline": f"Budget{spaces}- talks",
            "author": {"name": f"By Ann Lee{spaces}x"}}  # fmt: skip
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# each case: its name and the page it builds at a size (kind, content, url)
CASES: dict[str, Callable[[int], tuple[PageKind, str, str]]] = {
    "html: title, spaces": lambda n: _html(f"<title>Budget{_run(' ', n)}x</title>"),
    "html: title, tabs and bars": lambda n: _html(f"<title>Budget |{_run(chr(9), n)}a</title>"),
    "html: title, digits and dots": lambda n: _html(f"<title>News | {_run('a1.', n)}x</title>"),
    "html: author meta, spaces": lambda n: _html(
        f'<meta name="author" content="By Ann Lee,{_run(" " + chr(10), n)}x">'
    ),
    "html: JSON-LD author and headline": lambda n: _html(_ld(n)),
    "html: byline element, tabs": lambda n: _html(
        top=f'<div class="byline">By Ann Lee,{_run(chr(9), n)}a</div>'
    ),
    "html: heading, spaces and bar": lambda n: _html(top=f"<h2>Budget{_run(' ', n)}| x</h2>"),
    "html: time element": lambda n: _html(top=f"<time>Jan 5{_run(' 1', n)}x</time>"),
    "html: URL": lambda n: _html("<title>Budget talks</title>", url=_URL + _run("/a1.", n)),
    "html: nested divs": lambda n: _html(top=_run("<div>", n // 5) + "deep" + _run("</div>", n)),
    "html: many empty elements": lambda n: _html(top=_run("<span></span>", n)),
    "dump: one line of words": lambda n: ("text", _run("Budget talks. ", n), _URL),
    "dump: one line of commas": lambda n: ("text", "Budget talks\n\n" + _run(", ", n), _URL),
    "dump: byline of many names": lambda n: (
        "text",
        f"Budget talks\n\nBy {_run('Ann Lee, ', n)}and Bo Li\n\n{_DUMP_PROSE}",
        _URL,
    ),
    "dump: title bar of many parts": lambda n: (
        "text",
        f"{_run('News | ', n)}Budget talks\n\n{_DUMP_PROSE}",
        _URL,
    ),
    "dump: one line of dates": lambda n: (
        "text",
        f"Budget talks\n\n{_run('12 March 2024 10:15, 2024-03-12T10:15:00 ', n)}\n\n{_DUMP_PROSE}",
        _URL,
    ),
    "dump: many varied lines": lambda n: (
        "text",
        "\n".join(f"{i}. Budget talks, item {i} | more" for i in range(n // 30)),
        _URL,
    ),
}


def _cpu(kind: PageKind, content: str, url: str, rounds: int) -> float:
    """The least CPU seconds of ``rounds`` extractions of the page."""
    page = Page(id="hostile", source="hostile", kind=kind, content=content, url=url)
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        extract_page(page)
        best = min(best, time.process_time() - start)
    return best


def _peer_cpu(content: str, url: str) -> float:
    start = time.process_time()
    trafilatura_live(content, url)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25000,50000,100000,200000",
                        help="characters of the hostile run, comma-separated, smallest first")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=2, help="the least of these many runs")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    _cpu("text", "Warm up\n\n" + _DUMP_PROSE, _URL, 1)  # imports and first-call set-up
    rows, results = [], []
    for name, build in CASES.items():
        seconds = [_cpu(*build(n), args.rounds) for n in sizes]
        growth = seconds[-1] / max(seconds[0], 1e-6) / (sizes[-1] / sizes[0])
        kind, content, url = build(sizes[-1])
        peer = _peer_cpu(content, url) if kind == "html" else None
        results.append({"case": name, "sizes": sizes, "cpu_seconds": seconds,
                        "growth": growth, "peer_cpu_seconds_at_largest": peer})  # fmt: skip
        rows.append([name, *[fmt(s) for s in seconds], fmt(growth, ".2f"), fmt(peer)])
    columns = [("case", 36), *[(f"{n:,} ch", 10) for n in sizes], ("growth", 7)]
    print_rows([*columns, (trafilatura_name()[:12], 12)], rows)
    print(f"growth: CPU at {sizes[-1]:,} over CPU at {sizes[0]:,}, over the size ratio "
          f"(1 linear, {sizes[-1] // sizes[0]} quadratic); peer at the largest size")  # fmt: skip
    path = write_json("hostile", {"peer": trafilatura_name(), "cases": results})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
