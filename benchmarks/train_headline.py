"""Train the headline scorer of ``newsfold/extract/headline.py`` on one site half.

Each page of the metadata benchmark (``benchmarks/metadata.py``: the Readability.js test pages
and trafilatura's evaluation set) that has a gold headline is rendered by every renderer of
``benchmarks/renderers.py`` (the cached dumps); the dump's lines are classified as
``extract/text.py`` does up to the headline choice, and each line of the window above the body
start is a candidate: its features (``headline.FEATURES``, with the site's names and the URL's
slug where the page has a URL), labelled correct where the line, cleaned as the headline is,
matches the gold headline by the benchmark's rule. The fit learns from the page's closest
matches only (``closest``): the benchmark's rule also takes a line that says the headline and a
little more ("Kicker: Headline", a token F1 of 0.95), and were both lines correct the model
would learn nothing of which one the page means.

The model is a conditional logit (a softmax over each page's candidates, as the scorer uses it:
the best-scored line of a page is its headline), fitted by L-BFGS (scipy; deterministic) with an
L2 penalty on the pages of one site half (``benchmarks/sites.py``) whose window holds a correct
line, the likelihood being that of the page's correct lines together. The penalty is chosen
from ``L2_GRID`` by a CV_FOLDS-fold cross-validation over the training half's sites (each site
in one fold, fixed by a hash of the site: ``sites.fold_of``), so the other half is never looked
at, scored by the held-out pages' log-likelihood, the loss the fit minimises (see
``choose_l2`` for why not the count of right pages); its weights are written, rounded to 4
decimals, to ``src/newsfold/data/headline_model.json``. It then reports, on each half and
renderer, how often the best-scored line is a correct headline.

Run it with::

    .venv/bin/python -m benchmarks.train_headline                 # fit on half A, write the model
    .venv/bin/python -m benchmarks.train_headline --half B --dry-run   # the other way, no write
    .venv/bin/python -m benchmarks.train_headline --cache /tmp/h.pkl   # keep the classified dumps
    .venv/bin/python -m benchmarks.train_headline --check   # exit 1 where the committed model
                                                            # is not what this tree trains

The model is a function of the extractor's code (the lines it classifies, the features it
reads): a change to either that moves the training lines changes the weights, and the
committed file is then stale. ``--check`` (run by ``make bench``) fits as the default run does
and compares the text it would write with the committed file, byte for byte.
"""

from __future__ import annotations

import json
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import metadata, renderers, sites
from benchmarks.common import check_model, trainer_args, trainer_parser

MODEL_PATH = (
    Path(__file__).resolve().parent.parent / "src" / "newsfold" / "data" / "headline_model.json"
)
L2_GRID = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)  # the penalties the cross-validation chooses from
# folds of the cross-validation: two left half of the sites out of each fit, and their score
# swung with which sites fell together; five fit on 80% of them, at 2.5 times the fits' cost
CV_FOLDS = 5

# dataset, renderer, page id, site, url, gold headline, classified lines, body start
Prepared = tuple[str, str, str, str, str | None, str, list[Any], int]
# each line: its index, features, whether it matches the gold headline (the benchmark's rule) and
# whether it is one of the page's closest matches (``closest``: what the fit learns from)
Candidates = list[tuple[int, list[float], bool, bool]]


def prepare(dump: str, url: str | None) -> tuple[list[Any], int] | None:
    """The dump's lines, classified as ``classify_dump`` does up to the headline (its own
    ``text_bounds``: the body's start, its paragraphs and a list of teasers under it labelled),
    and the body start; ``None`` where the dump has no body."""
    from newsfold.extract import page_lines
    from newsfold.extract.headline import _title_repeats, site_hints
    from newsfold.extract.text import _labelled_lines, text_bounds
    from newsfold.read.pages import make_page

    page = make_page("<train>", "text", dump, url, None, None)
    lines = _labelled_lines("\n".join(page_lines(page)), None)
    found = text_bounds(lines, _title_repeats(lines), site_hints(url))
    return None if found is None else (lines, found[0])


def candidates(page: Prepared) -> Candidates:
    """Each candidate line of a prepared page: its index, features and whether it is correct."""
    from newsfold.extract.headline import (
        _debreadcrumb,
        clean_headline,
        headline_features,
        site_hints,
    )
    from newsfold.extract.headline_parts import unglued_headline, wrapped_span
    from newsfold.extract.lines import line_norm

    _, _, _, _, url, gold, lines, body_start = page
    hints = site_hints(url)
    norms = frozenset(map(line_norm, lines))
    rows = []
    for i, features in headline_features(lines, body_start, hints):
        # the text the extractor gives where it chooses the line (``text._mark_headline``): a
        # headline a renderer wrapped over two lines is joined again
        start, end = wrapped_span(lines, i)
        said = " ".join(ln.text for ln in lines[start:end])
        text = unglued_headline(
            clean_headline(_debreadcrumb(said), hints, norms), lines[0].text if i > 0 else ""
        )
        rows.append((i, features, metadata.headline_match(text, gold), closeness(text, gold)))
    best = max((c for _, _, match, c in rows if match), default=None)
    return [(i, f, match, match and c == best) for i, f, match, c in rows]


def closeness(text: str, gold: str) -> float:
    """How closely a line's text says the gold headline: 1 where it is the headline (the
    benchmark's ``headline_exact``), else the token F1 of the two."""
    if metadata.headline_exact(text, gold):
        return 1.0
    return metadata.token_f1(metadata.tokens(text), metadata.tokens(gold))


def prepared_pages(renderer_names: Sequence[str]) -> list[Prepared]:
    found: list[Prepared] = []
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
                # a dump without a body has no candidate: it counts among the pages missed
                lines, body_start = prepare(dumps[p.id], p.url) or ([], 0)
                found.append((dataset, r, p.id, p.site, p.url, p.headline, lines, body_start))
            print(f"  {dataset} {r}: {len(pages)} pages", file=sys.stderr)
    return found


def fit(pages: Sequence[Candidates], l2: float) -> Any:
    """The weights of the conditional logit over the pages' candidates (pages without a correct
    candidate say nothing; a page's closest matches are its correct lines); the first feature,
    the bias, is the same on every line of a page and is left at 0."""
    import numpy as np
    from scipy.optimize import minimize

    used = [c for c in pages if any(row[3] for row in c)]
    x = np.array([row[1] for c in used for row in c], dtype=float)
    y = np.array([float(row[3]) for c in used for row in c])
    starts = np.cumsum([0] + [len(c) for c in used[:-1]])
    group = np.repeat(np.arange(len(used)), [len(c) for c in used])
    mask = np.ones(x.shape[1])
    mask[0] = 0.0

    def loss(w: Any) -> tuple[float, Any]:
        s = x @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[group])
        z = np.add.reduceat(e, starts)
        ep = e * y
        zp = np.add.reduceat(ep, starts)
        value = float(np.sum(np.log(z) - np.log(zp))) + 0.5 * l2 * float(np.sum((w * mask) ** 2))
        grad = x.T @ (e / z[group] - ep / zp[group]) + l2 * w * mask
        return value, grad

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B")
    return np.round(result.x, 4)


def hits(pages: Sequence[Candidates], w: Any) -> int:
    """Pages whose best-scored candidate is correct (by the benchmark's rule)."""
    import numpy as np

    return sum(1 for c in pages if c and max(c, key=lambda row: float(w @ np.array(row[1])))[2])


def log_likelihood(pages: Sequence[Candidates], w: Any) -> float:
    """The log-likelihood of the pages' closest matches under ``w`` (``fit``'s loss without
    its penalty, negated), over the pages that have one."""
    import numpy as np

    total = 0.0
    for c in pages:
        if any(row[3] for row in c):
            s = np.array([row[1] for row in c], dtype=float) @ w
            e = np.exp(s - s.max())
            total += float(np.log(e[[row[3] for row in c]].sum()) - np.log(e.sum()))
    return total


def choose_l2(pages: Sequence[Prepared], found: Sequence[Candidates]) -> float:
    """The penalty of ``L2_GRID`` whose fits give the held-out folds of the sites the highest
    log-likelihood, over CV_FOLDS folds (each fitted on the others).

    Scored by the likelihood, not by the count of pages whose best line is right: that count is
    a step function of the weights, flat around its best (within 8 pages of 3,248 from 0.3 to
    3.0 on half A), so a change of the extractor that moved a few lines flipped the choice from
    one end of that range to the other; the likelihood moves smoothly with the weights and
    reads every line's score, not the top one's alone. The count is printed beside it."""
    folds = [sites.fold_of(p[3], CV_FOLDS) for p in pages]
    best: tuple[float, float] | None = None
    for l2 in L2_GRID:
        score, right = 0.0, 0
        for held in range(CV_FOLDS):
            train = [c for c, f in zip(found, folds, strict=True) if f != held]
            test = [c for c, f in zip(found, folds, strict=True) if f == held]
            w = fit(train, l2)
            score += log_likelihood(test, w)
            right += hits(test, w)
        print(
            f"  L2 {l2:5}: held-out log-likelihood {score:9.1f};"
            f" {right}/{len(found)} correct in cross-validation",
            file=sys.stderr,
        )
        if best is None or score > best[0]:
            best = (score, l2)
    assert best is not None
    return best[1]


def model_text(half: str, chosen: Sequence[str], l2: float, weights: dict[str, float]) -> str:
    """The model file's text, as committed."""
    model = {
        "trained_by": "benchmarks/train_headline.py",
        "half": half,
        "renderers": list(chosen),
        "L2": l2,
        "weights": weights,
    }
    return json.dumps(model, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    from newsfold.extract.headline import FEATURES

    parser = trainer_parser(__doc__, "a pickle of the classified dumps")
    parser.add_argument("--l2", type=float, help="this penalty, not the cross-validated one")
    args = trainer_args(parser, argv, "l2")
    chosen = renderers.select(renderers.parse_names(args.renderers))
    if args.cache and args.cache.is_file():
        pages: list[Prepared] = pickle.loads(args.cache.read_bytes())
        pages = [p for p in pages if p[1] in chosen]
    else:
        pages = prepared_pages(chosen)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    found = [candidates(p) for p in pages]
    train_pages = [p for p in pages if sites.half_of(p[3]) == args.half]
    train = [c for p, c in zip(pages, found, strict=True) if sites.half_of(p[3]) == args.half]
    l2 = args.l2 if args.l2 is not None else choose_l2(train_pages, train)
    w = fit(train, l2)
    weights = {name: float(v) for name, v in zip(FEATURES, w, strict=True)}
    for half in sites.HALVES:
        for r in chosen:
            rows = [
                c
                for p, c in zip(pages, found, strict=True)
                if sites.half_of(p[3]) == half and p[1] == r
            ]
            reachable = sum(1 for c in rows if any(row[2] for row in c))
            print(
                f"half {half} {r:12} best line correct {hits(rows, w)}/{len(rows)}"
                f" (reachable {reachable})"
            )
    text = model_text(args.half, chosen, l2, weights)
    if args.check:
        return check_model(MODEL_PATH, text, "train_headline")
    if not args.dry_run:
        MODEL_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {MODEL_PATH} (L2 {l2})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
