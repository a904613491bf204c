"""Train the headline scorer of ``newsfold/extract/headline.py`` on one site half.

Each page of the metadata benchmark (``benchmarks/metadata.py``: the Readability.js test pages
and trafilatura's evaluation set) that has a gold headline is rendered by every renderer of
``benchmarks/renderers.py`` (the cached dumps); the dump's lines are classified as
``extract/text.py`` does up to the headline choice, and each line of the window above the body
start becomes one example: its features (``headline.FEATURES``), labelled 1 where the line,
cleaned as the headline is, matches the gold headline by the benchmark's rule. A logistic
regression (scikit-learn, lbfgs, L2, C below; deterministic) is fitted on the pages of one site
half (``benchmarks/sites.py``) and its weights written, rounded to 4 decimals, to
``src/newsfold/data/headline_model.json``. It then reports, on each half, how often the
best-scored line is a correct headline among the pages whose dump holds one in the window.

Run it with::

    .venv/bin/python -m benchmarks.train_headline                 # fit on half A, write the model
    .venv/bin/python -m benchmarks.train_headline --half B --dry-run   # the other way, no write
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks import metadata, renderers, sites

MODEL_PATH = (
    Path(__file__).resolve().parent.parent / "src" / "newsfold" / "data" / "headline_model.json"
)
C = 1.0  # L2 strength: weaker regularisation gave the same choices on the training half
SEED = 0

Example = tuple[str, str, str, list[tuple[int, list[float], bool]]]  # dataset, renderer, page id


def page_examples(dump: str, url: str | None, gold: str) -> list[tuple[int, list[float], bool]]:
    from newsfold.extract import page_lines
    from newsfold.extract.body import _body_clusters, _main_cluster
    from newsfold.extract.headline import (
        _debreadcrumb,
        _title_repeats,
        clean_headline,
        headline_features,
        site_hints,
    )
    from newsfold.extract.lines import _norm
    from newsfold.extract.text import _labelled_lines
    from newsfold.read.pages import make_page

    page = make_page("<train>", "text", dump, url, None, None)
    lines = _labelled_lines("\n".join(page_lines(page)), None)
    repeats = _title_repeats(lines)
    clusters = _body_clusters(lines, set(repeats))
    if not clusters:
        return []
    body_start, _ = _main_cluster(lines, clusters, repeats)
    hints = site_hints(url)
    norms = frozenset(_norm(ln.text) for ln in lines)
    out = []
    for i, features in headline_features(lines, body_start):
        text = clean_headline(_debreadcrumb(lines[i].text.lstrip("#").strip()), hints, norms)
        out.append((i, features, metadata.headline_match(text, gold)))
    return out


def examples(renderer_names: Sequence[str]) -> list[Example]:
    found: list[Example] = []
    for dataset in metadata.DATASETS:
        available, load = metadata.LOADERS[dataset]
        if not available():
            print(f"{dataset}: data not found; skipped", file=sys.stderr)
            continue
        pages = [p for p in load(None) if p.headline]
        for r in renderer_names:
            dumps = renderers.render_all(r, {p.id: p.html for p in pages}, progress=False)
            for p in pages:
                assert p.headline is not None
                found.append((dataset, r, p.id, page_examples(dumps[p.id], p.url, p.headline)))
            print(f"  {dataset} {r}: {len(pages)} pages", file=sys.stderr)
    return found


def main(argv: list[str] | None = None) -> int:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from newsfold.extract.headline import FEATURES

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--half", choices=sites.HALVES, default="A", help="the half to fit on")
    parser.add_argument("--dry-run", action="store_true", help="report only; write no model")
    parser.add_argument("--renderers", default="all")
    parser.add_argument("--cache", type=Path, help="a pickle of the examples, read or written")
    args = parser.parse_args(argv)
    chosen = renderers.select(renderers.parse_names(args.renderers))
    page_site: dict[str, str] = {}
    for dataset in metadata.DATASETS:
        if metadata.LOADERS[dataset][0]():
            page_site.update({p.id: p.site for p in metadata.LOADERS[dataset][1](None)})
    if args.cache and args.cache.is_file():
        found = pickle.loads(args.cache.read_bytes())
    else:
        found = examples(chosen)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(found))
    train = [e for e in found if sites.half_of(page_site[e[2]]) == args.half]
    x = np.array([f for e in train for _, f, _ in e[3]], dtype=float)
    y = np.array([int(label) for e in train for _, _, label in e[3]])
    model = LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(FEATURES, model.coef_[0], strict=True)}
    weights["bias"] = round(weights["bias"] + float(model.intercept_[0]), 4)
    w = np.array([weights[name] for name in FEATURES])
    for half in sites.HALVES:
        part = [e for e in found if sites.half_of(page_site[e[2]]) == half]
        for r in chosen:
            rows = [e for e in part if e[1] == r]
            hit = sum(
                1 for e in rows if e[3] and max(e[3], key=lambda c: float(w @ np.array(c[1])))[2]
            )
            reachable = sum(1 for e in rows if any(c[2] for c in e[3]))
            print(f"half {half} {r:12} best line correct {hit}/{len(rows)} (reachable {reachable})")
    if not args.dry_run:
        MODEL_PATH.write_text(
            json.dumps(
                {
                    "trained_by": "benchmarks/train_headline.py",
                    "half": args.half,
                    "renderers": list(chosen),
                    "C": C,
                    "weights": weights,
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
