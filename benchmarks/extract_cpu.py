"""CPU time of ``newsfold.extract.extract_page`` on real html-text dumps, one process.

``python -m benchmarks.extract_cpu --pages 600 --repeat 3``: the first ``--pages`` pages of
``speed.load_html`` as html-text dumps (``renderers.py``'s cache), extracted ``--repeat`` times;
prints dumps per CPU second (``time.process_time``) of each round and the best, which moves
less than wall time on a shared, loaded machine. Run it once per implementation (``PYTHONPATH``)
and alternate runs to compare two of them.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.speed import load_html, text_dumps
from newsfold.extract import extract_page
from newsfold.records import Page


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--profile",
        type=int,
        metavar="N",
        default=0,
        help="instead: one round under cProfile, its N costliest functions (cumulative)",
    )
    args = ap.parse_args(argv)
    docs = [d for docs in load_html().values() for d in docs][: args.pages]
    dumps = text_dumps(docs)
    pages = [
        Page(d.id, d.id, "text", d.content, url=d.url or None) for d in dumps if d.content.strip()
    ]
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(lambda: [extract_page(p) for p in pages])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
        return
    rates = []
    for _ in range(args.repeat):
        t0 = time.process_time()
        for p in pages:
            extract_page(p)
        cpu = time.process_time() - t0
        rates.append(len(pages) / cpu)
        print(f"{len(pages)} dumps in {cpu:.2f} CPU s: {rates[-1]:.1f} dumps/s", flush=True)
    print(f"best {max(rates):.1f} dumps/s")


if __name__ == "__main__":
    main()
