"""CPU time of ``newsfold.extract.extract_page`` on real text dumps, one process.

``python -m benchmarks.extract_cpu --pages 600 --repeat 3``: the first ``--pages`` pages of
``speed.load_html`` as html-text dumps (``renderers.py``'s cache), extracted ``--repeat`` times;
prints dumps per CPU second (``time.process_time``) of each round and the best, which moves
less than wall time on a shared, loaded machine. Run it once per implementation (``PYTHONPATH``)
and start the two at the same moment to compare them.

Each round runs in a fresh process that first extracts ``--warm`` other pages (lazy imports,
compiled patterns, the models, dateparser's locales) and then times the measured pages once: the
memos of texts (``memo.TextMemo``, the ``lru_cache`` of pure functions) are warm from other
pages, as in a crawl, never from the same page, which a crawl does not extract twice. (Until
2026-12-07 the rounds ran in one process over the same pages, so that rounds after the first
found each page's lines in the memos: their figures were 5-15% higher than a crawl's.)
``--same-process`` keeps that old way.

``--renderer lynx`` (or w3m, html2text, ...) reads that renderer's dumps instead: only the pages
its cache holds (nothing is rendered; lynx, w3m and html2text wrap their lines, which
``unwrap.py`` joins). ``--stage lines`` times ``page_lines`` alone (the lines a dump is
classified on: centring, columns, unwrapping) instead of the whole extraction.
``--html`` extracts the pages' HTML itself (``extract_html``'s path) instead of their dumps:
``--pages`` of them spread evenly over all of ``load_html``'s sources.
"""

from __future__ import annotations

import argparse
import multiprocessing
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
        help="instead: one round under cProfile (after the --warm pages), its N costliest functions",
    )
    ap.add_argument(
        "--html", action="store_true", help="extract the pages' HTML instead of their dumps"
    )
    ap.add_argument(
        "--warm",
        type=int,
        default=100,
        help="pages (after the measured ones) extracted before each round, untimed (default 100)",
    )
    ap.add_argument(
        "--same-process",
        action="store_true",
        help="all rounds in this process over the same pages (memos warm from the same pages)",
    )
    args = ap.parse_args(argv)
    if args.profile:
        _profile(args)
        return
    rates = []
    if args.same_process:
        pages, warm, kind = _pages(args)
        rounds = (_timed(args, pages, warm if not i else []) for i in range(args.repeat))
    else:
        ctx = multiprocessing.get_context("spawn")  # a fresh interpreter a round
        rounds = (_fresh_round(ctx, args) for _ in range(args.repeat))
    for n, kind, cpu in rounds:
        rates.append(n / cpu)
        print(f"{n} {kind} pages in {cpu:.2f} CPU s: {rates[-1]:.1f} a CPU s", flush=True)
    print(f"best {max(rates):.1f} {kind} pages a CPU s ({1000 / max(rates):.1f} ms a page)")


def _pages(args: argparse.Namespace) -> tuple[list[Page], list[Page], str]:
    """The measured pages, the warm-up pages (others) and their kind."""
    wanted = args.pages + args.warm
    if args.html:
        every = [d for docs in load_html().values() for d in docs]
        # spread over all the sources rather than the first one's
        docs = every[:: max(1, len(every) // wanted)][:wanted]
        kind = "html"
    else:
        docs, kind = dumps_of(args.renderer, wanted), "text"
    pages = [
        Page(d.id, d.id, kind, d.content, url=d.url or None) for d in docs if d.content.strip()
    ]
    return pages[: args.pages], pages[args.pages :], kind


def _work(args: argparse.Namespace) -> Callable[[Page], Any]:
    return extract_page if args.stage == "extract" else page_lines


def _timed(args: argparse.Namespace, pages: list[Page], warm: list[Page]) -> tuple[int, str, float]:
    """``pages`` extracted once after ``warm`` (untimed): (pages, kind, CPU seconds)."""
    work = _work(args)
    for p in warm:
        work(p)
    t0 = time.process_time()
    for p in pages:
        work(p)
    return len(pages), pages[0].kind if pages else "text", time.process_time() - t0


def _round(args: argparse.Namespace) -> tuple[int, str, float]:
    pages, warm, _ = _pages(args)
    return _timed(args, pages, warm)


def _fresh_round(ctx: Any, args: argparse.Namespace) -> tuple[int, str, float]:
    with ctx.Pool(1) as pool:
        result: tuple[int, str, float] = pool.apply(_round, (args,))
        return result


def _profile(args: argparse.Namespace) -> None:
    import cProfile
    import pstats

    pages, warm, _ = _pages(args)
    work = _work(args)
    for p in warm:  # lazy imports, compiled patterns, models: on other pages
        work(p)
    profile = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
    profile.runcall(lambda: [work(p) for p in pages])
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
