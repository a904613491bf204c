"""Train the HTML body classifier of ``newsfold/extract/dom.py`` on one site half.

Every page of AEB (181) and L3S-GN1 (621) is read as ``extract_html`` reads it: one parse into
blocks (``blocks.py``), trafilatura's metadata (for the site's names), the dump classifier over
the blocks' lines; each block is described by ``dom.block_features`` and labelled body where at
least half its 4-token shingles are in the page's gold body (a block of fewer than four tokens:
where its words stand, in order, in the gold body). A logistic regression (scikit-learn, lbfgs,
L2 with C below, each block weighed by its words, as the benchmark's F1 counts shingles;
deterministic) is fitted on the blocks of one site half (``benchmarks/sites.py``), and the
threshold is the log-odds, of those tried, that gives the best mean body F1 (the benchmark's
page precision and recall, ``benchmarks.common``) over that half's pages, AEB and L3S-GN1 each
counting half. The unsure cut (the share of a page's words the model is unsure of above which
trafilatura's body is asked for) is the one, of those tried, whose bodies gain most over
trafilatura's path on that half in the set where they gain least: issue 20's bar is per set
(each set's F1 above trafilatura's), so a cut that buys one set's gain with the other's is not
wanted. Weights (rounded to 4 decimals), threshold and cut go to
``src/newsfold/data/dom_model.json``; the script then reports both halves of both sets beside
trafilatura's body as ``extract_html`` calls it, read from the same run.

The pages' blocks, dump verdicts and trafilatura's bodies are kept in
``benchmarks/results/train_blocks.pkl`` (``--fresh`` reads them again).

    .venv/bin/python -m benchmarks.train_blocks                 # fit on half A, write the model
    .venv/bin/python -m benchmarks.train_blocks --half B --dry-run   # the other way, no write
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from benchmarks import extraction, l3s, sites
from benchmarks.common import page_precision_recall, shingle_share

MODEL_PATH = Path(__file__).resolve().parent.parent / "src" / "newsfold" / "data" / "dom_model.json"
CACHE = Path(__file__).resolve().parent / "results" / "train_blocks.pkl"
C = 1.0
WEIGHT_FLOOR = 1  # a block weighs its words, and at least this many
THRESHOLDS = [x / 4 for x in range(-12, 13)]
CUTS = [x / 40 for x in range(2, 21)] + [1.0]  # unsure shares tried (1.0: never ask trafilatura)
_TOKEN = re.compile(r"\w+")


@dataclass
class PageData:
    dataset: str
    page_id: str
    site: str
    truth: str
    blocks: list[Any]
    dump_body: frozenset[str]
    dump_paragraphs: list[str]
    trafilatura: list[str]  # the body extract_html took before the DOM classifier


def read_page(dataset: str, pid: str, html: str, url: str, truth: str) -> PageData:
    from newsfold.extract import html as html_module
    from newsfold.extract.blocks import blocks_of, parse
    from newsfold.extract.headline import site_hints
    from newsfold.extract.lines import _norm
    from newsfold.extract.text import classify_dump

    root, _ = parse(html)
    blocks = [_stored(b) for b in blocks_of(root)] if root is not None else []
    paragraphs, layout, meta = html_module._trafilatura(html, url)
    hints = site_hints(url, meta.get("sitename"), None)
    dump = classify_dump("\n".join(b.text for b in blocks), None, None, hints)
    return PageData(
        dataset,
        pid,
        sites.site_of(url or pid),
        truth,
        blocks,
        frozenset(_norm(p) for p in dump.paragraphs),
        list(dump.paragraphs),
        html_module.trafilatura_body(paragraphs, layout, dump.paragraphs),
    )


class StoredFrame(NamedTuple):
    """A block's frame as ``dom.block_features`` reads it, its ``outer`` read once: a frame holds
    the tree's elements, which do not pickle."""

    tag: str
    depth: int
    cls: str
    ident: str
    outer: str


def _stored(block: Any) -> Any:
    from newsfold.extract.blocks import Block

    f = block.frame
    return Block(
        block.text,
        block.link_chars,
        block.position,
        StoredFrame(f.tag, f.depth, f.cls, f.ident, f.outer),  # type: ignore[arg-type]
    )


def _plain(page: PageData) -> list[Any]:
    fields = list(vars(page).values())
    fields[4] = [(b.text, b.link_chars, b.position, tuple(b.frame)) for b in page.blocks]
    return fields


def _page(fields: list[Any]) -> PageData:
    from newsfold.extract.blocks import Block

    fields[4] = [Block(t, n, i, StoredFrame(*f)) for t, n, i, f in fields[4]]  # type: ignore[arg-type]
    return PageData(*fields)


def collect(limit: int | None) -> list[PageData]:
    out: list[PageData] = []
    truth = extraction.load_truth(limit=limit)
    for pid, t in truth.items():
        html = extraction.load_html(pid)
        out.append(read_page("AEB", pid, html, t["url"], t["articleBody"]))
    for pid, p in l3s.load_pages(limit=limit).items():
        out.append(read_page("L3S", pid, p.html, p.url, p.body))
    return out


def label(text: str, truth: str, truth_tokens: str) -> bool:
    tokens = _TOKEN.findall(text)
    if len(tokens) >= 4:
        return shingle_share(text, truth) >= 0.5
    return bool(tokens) and f" {' '.join(tokens)} " in truth_tokens


def f1(body: str, truth: str) -> tuple[float | None, float | None]:
    return page_precision_recall(body, truth)


def mean_f1(pairs: list[tuple[float | None, float | None]]) -> float:
    ps = [p for p, _ in pairs if p is not None]
    rs = [r for _, r in pairs if r is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def examples(pages: list[PageData]) -> tuple[list[list[float]], list[int], list[float]]:
    from newsfold.extract.dom import block_features

    xs: list[list[float]] = []
    ys: list[int] = []
    ws: list[float] = []
    for page in pages:
        truth_tokens = f" {' '.join(_TOKEN.findall(page.truth))} "
        for block, row in zip(
            page.blocks, block_features(page.blocks, page.dump_body), strict=True
        ):
            xs.append(row)
            ys.append(int(label(block.text, page.truth, truth_tokens)))
            ws.append(float(max(len(block.text.split()), WEIGHT_FLOOR)))
    return xs, ys, ws


def page_scores(pages: list[PageData], weights: list[float]) -> list[list[float]]:
    from newsfold.extract.dom import block_features

    return [
        [
            sum(w * x for w, x in zip(weights, row, strict=True))
            for row in block_features(p.blocks, p.dump_body)
        ]
        for p in pages
    ]


def score_sets(pages: list[PageData], bodies: list[str]) -> dict[str, float]:
    by_set: dict[str, list[tuple[float | None, float | None]]] = {}
    for page, body in zip(pages, bodies, strict=True):
        by_set.setdefault(page.dataset, []).append(f1(body, page.truth))
    return {name: round(mean_f1(pairs), 4) for name, pairs in sorted(by_set.items())}


def bodies_at(pages: list[PageData], scored: list[list[float]], threshold: float) -> list[str]:
    from newsfold.extract.dom import pick

    return [
        "\n\n".join(b.text for b in pick(p.blocks, ss, threshold))
        for p, ss in zip(pages, scored, strict=True)
    ]


def unsure_shares(
    pages: list[PageData], scored: list[list[float]], threshold: float
) -> list[float]:
    from newsfold.extract.dom import unsure_share

    return [unsure_share(p.blocks, ss, threshold) for p, ss in zip(pages, scored, strict=True)]


def hybrid(
    pages: list[PageData],
    scored: list[list[float]],
    threshold: float,
    shares: list[float],
    cut: float,
) -> tuple[list[str], float]:
    """The bodies where trafilatura's path is taken on pages whose unsure share is above
    ``cut``, and the share of pages that ask it."""
    bodies = bodies_at(pages, scored, threshold)
    asked = 0
    for i, (page, share) in enumerate(zip(pages, shares, strict=True)):
        if share > cut:
            bodies[i] = "\n\n".join(page.trafilatura)
            asked += 1
    return bodies, asked / len(pages) if pages else 0.0


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    from newsfold.extract.dom import FEATURES

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--half", choices=sites.HALVES, default="A", help="the half to fit on")
    ap.add_argument("--dry-run", action="store_true", help="report, write no model")
    ap.add_argument("--fresh", action="store_true", help="read the pages again")
    ap.add_argument("--limit", type=int, default=None, help="the first N pages of each set")
    args = ap.parse_args(argv)
    if args.fresh or not CACHE.is_file():
        if not extraction.DATA_DIR.is_dir() or not l3s.data_present():
            sys.exit("AEB or L3S-GN1 is absent (see ../shared/DATA.md)")
        pages = collect(args.limit)
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(pickle.dumps([_plain(p) for p in pages]))
    else:
        # written by this script, as plain lists (a class pickled from ``__main__`` would not load
        # where the script is imported)
        pages = [_page(fields) for fields in pickle.loads(CACHE.read_bytes())]
    train = [p for p in pages if sites.half_of(p.site) == args.half]
    xs, ys, ws = examples(train)
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit([row[1:] for row in xs], ys, sample_weight=ws)
    weights = [float(model.intercept_[0]), *map(float, model.coef_[0])]
    weights = [round(w, 4) for w in weights]
    scored = page_scores(train, weights)
    best = max(
        THRESHOLDS,
        key=lambda t: sum(score_sets(train, bodies_at(train, scored, t)).values()),
    )
    shares = unsure_shares(train, scored, best)
    today = score_sets(train, ["\n\n".join(p.trafilatura) for p in train])

    def worst_gain(c: float) -> float:
        got = score_sets(train, hybrid(train, scored, best, shares, c)[0])
        return min(got[name] - today[name] for name in got)

    cut = max(CUTS, key=worst_gain)
    print(
        f"fitted on half {args.half}: {len(train)} pages, {len(xs)} blocks; threshold {best}, "
        f"trafilatura asked where unsure above {cut}"
    )
    for name, w in zip(FEATURES, weights, strict=True):
        print(f"  {name:16} {w:+.4f}")
    print(f"{'half':5} {'system':34} AEB     L3S     pages asking trafilatura")
    for half in sites.HALVES:
        part = [p for p in pages if sites.half_of(p.site) == half]
        part_scored = page_scores(part, weights)
        ours = score_sets(part, bodies_at(part, part_scored, best))
        both, asked = hybrid(part, part_scored, best, unsure_shares(part, part_scored, best), cut)
        mixed = score_sets(part, both)
        dump = score_sets(part, ["\n\n".join(p.dump_paragraphs) for p in part])
        traf = score_sets(part, ["\n\n".join(p.trafilatura) for p in part])
        for name, got, share in (
            ("dom model alone", ours, 0.0),
            ("dom model, trafilatura where unsure", mixed, asked),
            ("dump classifier", dump, 0.0),
            ("trafilatura path (today)", traf, 1.0),
        ):
            print(
                f"{half:5} {name:34} {got.get('AEB', 0):.4f}  {got.get('L3S', 0):.4f}  {share:.3f}"
            )
    if not args.dry_run:
        MODEL_PATH.write_text(
            json.dumps(
                {
                    "trained_by": "benchmarks/train_blocks.py",
                    "half": args.half,
                    "C": C,
                    "threshold": best,
                    "unsure": cut,
                    "weights": dict(zip(FEATURES, weights, strict=True)),
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
