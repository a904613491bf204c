"""CPU time of ``newsfold.extract.extract_page`` on real text dumps, one process.

``python -m benchmarks.extract_cpu --pages 600 --repeat 3``: the first ``--pages`` pages of
``speed.load_html`` as html-text dumps (``renderers.py``'s cache), extracted ``--repeat`` times;
prints dumps per CPU second (``time.process_time``) of each round and the best, which moves
less than wall time on a shared, loaded machine. Run it once per implementation (``PYTHONPATH``)
and alternate runs to compare two of them.

``--renderer lynx`` (or w3m, html2text, ...) reads that renderer's dumps instead: only the pages
its cache holds (nothing is rendered; lynx, w3m and html2text wrap their lines, which
``unwrap.py`` joins). ``--stage lines`` times ``page_lines`` alone (the lines a dump is
classified on: centring, columns, unwrapping) instead of the whole extraction.
``--html`` extracts the pages' HTML itself (``extract_html``'s path) instead of their dumps:
``--pages`` of them spread evenly over all of ``load_html``'s sources.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from benchmarks.renderers import DEFAULT, RENDERERS, cache_path, render_all
from benchmarks.speed import Doc, load_html
from newsfold.extract import extract_page, page_lines
from newsfold.records import Page


def dumps_of(renderer: str, pages: int) -> list[Doc]:
    """The first ``pages`` pages as ``renderer``'s dumps: html_text's rendered where missing,
    any other's only those its cache holds."""
    docs = [d for docs in load_html().values() for d in docs]
    if renderer != DEFAULT:
        docs = [d for d in docs if cache_path(renderer, d.content).is_file()]
    docs = docs[:pages]
    dumps = render_all(renderer, {d.id: d.content for d in docs}, progress=False)
    return [Doc(d.id, d.url, dumps[d.id]) for d in docs]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--renderer",
        default=DEFAULT,
        choices=sorted(RENDERERS),
        help=f"whose dumps (default {DEFAULT}); others: the pages of its cache only",
    )
    ap.add_argument(
        "--stage",
        choices=("extract", "lines"),
        default="extract",
        help="extract: extract_page (default); lines: page_lines alone",
    )
    ap.add_argument(
        "--profile",
        type=int,
        metavar="N",
        default=0,
        help="instead: one round under cProfile (after one without), its N costliest functions",
    )
    ap.add_argument(
        "--html", action="store_true", help="extract the pages' HTML instead of their dumps"
    )
    args = ap.parse_args(argv)
    if args.html:
        every = [d for docs in load_html().values() for d in docs]
        # spread over all the sources rather than the first one's
        docs = every[:: max(1, len(every) // args.pages)][: args.pages]
        kind = "html"
    else:
        docs, kind = dumps_of(args.renderer, args.pages), "text"
    pages = [
        Page(d.id, d.id, kind, d.content, url=d.url or None) for d in docs if d.content.strip()
    ]
    work: Callable[[Page], Any] = extract_page if args.stage == "extract" else page_lines
    if args.profile:
        import cProfile
        import pstats

        for p in pages:  # a round unprofiled first: lazy imports and compiled patterns
            work(p)
        profile = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
        profile.runcall(lambda: [work(p) for p in pages])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
        return
    rates = []
    for _ in range(args.repeat):
        t0 = time.process_time()
        for p in pages:
            work(p)
        cpu = time.process_time() - t0
        rates.append(len(pages) / cpu)
        print(f"{len(pages)} {kind} pages in {cpu:.2f} CPU s: {rates[-1]:.1f} a CPU s", flush=True)
    print(f"best {max(rates):.1f} {kind} pages a CPU s ({1000 / max(rates):.1f} ms a page)")


if __name__ == "__main__":
    main()
