"""Train the byline scorer of ``newsfold/extract/byline.py`` on one site half.

Each page of the metadata benchmark (``benchmarks/metadata.py``: the Readability.js test pages
and trafilatura's evaluation set) is rendered by every renderer of ``benchmarks/renderers.py``
(the cached dumps) and extracted as newsfold extracts a text dump; every name-shaped span of the
page (``byline.byline_features``: every span, though ``choose_byline`` reads only the lines
whose bound may win, with the same choice) becomes one example, labelled 1 where the
span matches the page's gold byline by the benchmark's rule (``metadata.byline_match``). A
logistic regression (scikit-learn, lbfgs, L2, C below; deterministic) is fitted on the pages of
one site half (``benchmarks/sites.py``). The threshold the best span of a page must clear is
chosen on the same half from the count of its pages each threshold makes right (a page with a
gold byline whose best span clears it and matches, a page without one whose best span does not
clear it), by ``choose_threshold``: not the count's argmax, which wandered with unrelated
extraction changes, but the lowest threshold near the best of the smoothed counts. Weights
(rounded to 4 decimals) and threshold are written to ``src/newsfold/data/byline_model.json``;
the script then reports both halves, renderer by renderer. ``--check`` writes nothing and exits
1 where the committed file is not what this code trains (``make bench`` runs it).

Run it with::

    .venv/bin/python -m benchmarks.train_byline                  # fit on half A, write the model
    .venv/bin/python -m benchmarks.train_byline --half B --dry-run   # the other way, no write
    .venv/bin/python -m benchmarks.train_byline --cache /tmp/spans.pkl  # keep the examples
    .venv/bin/python -m benchmarks.train_byline --check   # exit 1 where the model file differs

(``--cache`` keeps the examples between runs; delete it when the spans or features change.)
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
    Path(__file__).resolve().parent.parent / "src" / "newsfold" / "data" / "byline_model.json"
)
C = 1.0
SEED = 0
THRESHOLDS = [x / 4 for x in range(-16, 17)]  # log-odds tried for the threshold
# The count of right pages rises steeply up to its best threshold and is nearly flat above it
# (half A, every renderer: 1,505 of 3,283 pages at -1.5, 1,451 to 1,483 from -1.25 to 0), so
# its argmax wandered along the flat part with changes that had nothing to do with bylines
# (-1.5 at 85d0398, -1.0 at 88eb371, weights within 0.06 of each other): the fit dropping one
# renderer's dumps chose -1.5, -1.25 or -1.0. Each count is averaged with its SMOOTH neighbours
# on each side (no one lucky grid point), and the threshold is the lowest whose smoothed count
# is within NEAR_BEST of the half's pages of the best: the steep edge, which stays put (-1.5
# with each renderer dropped in turn). Both chosen on half A.
SMOOTH = 1
NEAR_BEST = 0.005

# dataset, renderer, page id, gold byline or None, [(span text, features, matches gold)]
Example = tuple[str, str, str, str | None, list[tuple[str, list[float], bool]]]


def page_spans(dump: str, url: str | None) -> list[tuple[str, list[float]]]:
    """The spans and features the scorer is offered on ``dump``, extracted as newsfold does."""
    from newsfold.extract import byline, extract_page, text
    from newsfold.read.pages import make_page

    seen: list[tuple[str, list[float]]] = []

    def record(lines: Any, layout: Any) -> None:
        seen.extend((s.text, f) for s, f in byline.byline_features(lines, layout))

    original = text.choose_byline
    text.choose_byline = record  # type: ignore[assignment]
    try:
        extract_page(make_page("<train>", "text", dump, url, None, None))
    finally:
        text.choose_byline = original
    return seen


def examples(renderer_names: Sequence[str]) -> list[Example]:
    found: list[Example] = []
    for dataset in metadata.DATASETS:
        available, load = metadata.LOADERS[dataset]
        if not available():
            print(f"{dataset}: data not found; skipped", file=sys.stderr)
            continue
        pages = load(None)
        for r in renderer_names:
            dumps = renderers.render_all(r, {p.id: p.html for p in pages}, progress=False)
            for p in pages:
                spans = page_spans(dumps[p.id], p.url)
                gold = p.byline
                found.append(
                    (
                        dataset,
                        r,
                        p.id,
                        gold,
                        [(t, f, bool(gold) and metadata.byline_match(t, gold)) for t, f in spans],
                    )
                )
            print(f"  {dataset} {r}: {len(pages)} pages", file=sys.stderr)
    return found


def best_span(e: Example, w: Any) -> tuple[float, bool] | None:
    import numpy as np

    if not e[4]:
        return None
    scores = np.array([f for _, f, _ in e[4]], dtype=float) @ w
    k = int(np.argmax(scores))
    return float(scores[k]), e[4][k][2]


def right(e: Example, best: tuple[float, bool] | None, threshold: float) -> bool:
    """A page is right when its gold byline is matched, or it has none and none is given."""
    given = best is not None and best[0] >= threshold
    if e[3]:
        return given and best is not None and best[1]
    return not given


def choose_threshold(counts: Sequence[int], pages: int) -> float:
    """The threshold of THRESHOLDS for ``counts`` (the right pages at each of THRESHOLDS, of
    ``pages`` pages): the lowest whose count, averaged with its SMOOTH neighbours on each side
    (fewer at the ends), is within NEAR_BEST * pages of the best such average."""
    if len(counts) != len(THRESHOLDS):
        raise ValueError(f"{len(counts)} counts for {len(THRESHOLDS)} thresholds")
    smoothed = []
    for k in range(len(counts)):
        window = counts[max(0, k - SMOOTH) : k + SMOOTH + 1]
        smoothed.append(sum(window) / len(window))
    best = max(smoothed)
    return next(
        t for t, c in zip(THRESHOLDS, smoothed, strict=True) if c >= best - NEAR_BEST * pages
    )


def fit(train: list[Example]) -> tuple[dict[str, float], float]:
    """The weights (rounded, the intercept in ``bias``) and threshold fitted on ``train``."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from newsfold.extract.byline import FEATURES

    x = np.array([f for e in train for _, f, _ in e[4]], dtype=float)
    y = np.array([int(label) for e in train for _, _, label in e[4]])
    model = LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(x, y)
    weights = {name: round(float(v), 4) for name, v in zip(FEATURES, model.coef_[0], strict=True)}
    weights["bias"] = round(weights["bias"] + float(model.intercept_[0]), 4)
    w = np.array([weights[name] for name in FEATURES])
    bests = [best_span(e, w) for e in train]
    counts = [sum(right(e, b, t) for e, b in zip(train, bests, strict=True)) for t in THRESHOLDS]
    print(
        "right pages by threshold: "
        + " ".join(f"{t}:{c}" for t, c in zip(THRESHOLDS, counts, strict=True))
    )
    return weights, choose_threshold(counts, len(train))


def report(found: list[Example], page_site: dict[str, str], w: Any, threshold: float) -> None:
    """Each half's share of gold bylines found, renderer by renderer and data set by data set."""
    for half in sites.HALVES:
        for r in dict.fromkeys(e[1] for e in found):
            for dataset in metadata.DATASETS:
                rows = [
                    e
                    for e in found
                    if e[1] == r and e[0] == dataset and sites.half_of(page_site[e[2]]) == half
                ]
                gold = [e for e in rows if e[3]]
                if not gold:
                    continue
                hit = sum(right(e, best_span(e, w), threshold) for e in gold)
                empty = [e for e in rows if not e[3]]
                invented = sum(not right(e, best_span(e, w), threshold) for e in empty)
                reach = sum(any(s[2] for s in e[4]) for e in gold)
                print(
                    f"half {half} {r:12} {dataset:12} byline {hit / len(gold):.3f} "
                    f"(reachable {reach / len(gold):.3f}) invented {invented}/{len(empty)}"
                )


def model_text(half: str, chosen: Sequence[str], weights: dict[str, float], t: float) -> str:
    """The model file's text, as committed."""
    model = {
        "trained_by": "benchmarks/train_byline.py",
        "half": half,
        "renderers": list(chosen),
        "C": C,
        "threshold": t,
        "weights": weights,
    }
    return json.dumps(model, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    from newsfold.extract.byline import FEATURES

    parser = trainer_parser(__doc__, "a pickle of the examples, read or written")
    args = trainer_args(parser, argv)
    chosen = renderers.select(renderers.parse_names(args.renderers))
    page_site: dict[str, str] = {}
    for dataset in metadata.DATASETS:
        if metadata.LOADERS[dataset][0]():
            page_site.update({p.id: p.site for p in metadata.LOADERS[dataset][1](None)})
    if args.cache and args.cache.is_file():
        found: list[Example] = pickle.loads(args.cache.read_bytes())
    else:
        found = examples(chosen)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(found))
    weights, threshold = fit([e for e in found if sites.half_of(page_site[e[2]]) == args.half])
    print(f"threshold {threshold}")
    report(found, page_site, np.array([weights[name] for name in FEATURES]), threshold)
    text = model_text(args.half, chosen, weights, threshold)
    if args.check:
        return check_model(MODEL_PATH, text, "train_byline")
    if not args.dry_run:
        MODEL_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
