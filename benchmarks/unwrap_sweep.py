"""How the thresholds of ``newsfold/extract/unwrap.py`` were chosen: on one site half only.

For each setting (the module's values, then each override given), on the pages of one site half
(``benchmarks/sites.py``) of AEB and L3S-GN1: newsfold's body F1 on the dumps of the renderers
that wrap their lines (lynx, w3m, html2text), and which dumps of the renderers that do not wrap
(html_text, chromium, resiliparse) the unwrapping changes. The chosen setting is the one with the
best mean F1 among those that change no such dump (but a page whose HTML is itself hard-wrapped,
a ``<pre>`` press release); the other half is then the reported figure. Renders come from the
cache of ``benchmarks/renderers.py``.

Run it with::

    .venv/bin/python -m benchmarks.unwrap_sweep A SLACK=15 SLACK=30 MIN_LOWER_SHARE=0.3
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from benchmarks import extraction, l3s, renderers, sites
from benchmarks.common import newsfold_text, score_outputs

WRAPPED = ("lynx", "w3m", "html2text")
UNWRAPPED = ("html_text", "chromium", "resiliparse")


def load(half: str) -> dict[str, dict[str, tuple[str, str, str]]]:
    """``{dataset: {page id: (url, html, true body)}}`` for the pages of ``half``."""
    meta = extraction.load_truth()
    aeb_ids = sites.split(extraction.page_sites(meta))[half]
    pages = l3s.load_pages()
    l3s_ids = sites.split({pid: sites.site_of(p.url or pid) for pid, p in pages.items()})[half]
    return {
        "aeb": {
            pid: (meta[pid]["url"], extraction.load_html(pid), meta[pid]["articleBody"])
            for pid in aeb_ids
        },
        "l3s": {pid: (pages[pid].url, pages[pid].html, pages[pid].body) for pid in l3s_ids},
    }


def measure(
    data: dict[str, dict[str, tuple[str, str, str]]], dumps: dict[tuple[str, str], dict[str, str]]
) -> dict[str, Any]:
    from newsfold.extract.unwrap import unwrap_lines

    out: dict[str, Any] = {}
    for (dataset, renderer), by_page in dumps.items():
        pages = data[dataset]
        if renderer in WRAPPED:
            outputs = {pid: newsfold_text(by_page[pid], p[0]) for pid, p in pages.items()}
            truths = {pid: p[2] for pid, p in pages.items()}
            out[f"{dataset}:{renderer}"] = round(score_outputs(renderer, truths, outputs).f1, 4)
        else:
            changed = [
                pid for pid in pages if unwrap_lines(lines := by_page[pid].splitlines()) != lines
            ]
            out[f"{dataset}:{renderer} changed"] = sorted(changed)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("half", choices=sites.HALVES)
    parser.add_argument("overrides", nargs="*", help="NAME=VALUE: a threshold of unwrap.py")
    args = parser.parse_args(argv)
    from newsfold.extract import unwrap

    data = load(args.half)
    dumps = {
        (dataset, r): renderers.render_all(r, {pid: p[1] for pid, p in pages.items()})
        for dataset, pages in data.items()
        for r in WRAPPED + UNWRAPPED
    }
    for setting in ["(the module's values)", *args.overrides]:
        saved: dict[str, Any] = {}
        if "=" in setting:
            name, value = setting.split("=", 1)
            saved[name] = getattr(unwrap, name)
            setattr(unwrap, name, type(saved[name])(value))
        result = measure(data, dumps)
        f1s = [v for v in result.values() if isinstance(v, float)]
        print(f"{args.half} {setting}: mean F1 {sum(f1s) / len(f1s):.4f} {result}", flush=True)
        for name, value in saved.items():
            setattr(unwrap, name, value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
