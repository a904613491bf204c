"""Train the line model of ``src/newsfold/extract/linemodel.py`` on one site half.

For every page of the half (AEB and L3S-GN1, ``benchmarks/sites.py``) and the dump of every
renderer available (``benchmarks/renderers.py``), the cues find the body (``text.body_lines``);
each line they keep as body is an example, labelled the article's text when most of its
4-token shingles (or, for a line of fewer than four tokens, its tokens) are in the page's true
body. A logistic regression (scikit-learn, lbfgs, fixed seed; features standardised) is fitted
to them, and the threshold under which a line is dropped is the one of a small grid that gives
the best mean body F1 over the data sets and renderers of the same half (a threshold of 0
keeps every line: the model is then kept only where it helps). Weights are rounded to six
decimals and written with sorted keys, so that a rerun writes the same file byte for byte.

    .venv/bin/python -m benchmarks.train_lines            # half A -> the committed model
    .venv/bin/python -m benchmarks.train_lines --half B --out /tmp/model_b.json  # the other way
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from benchmarks import extraction, l3s, renderers, sites
from benchmarks.common import TOKEN_RE, score_outputs, shingles

THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
SEED = 0

# one page's dump: (dataset, renderer, page id, truth, [(paragraph, features or None)])
Example = tuple[str, str, str, str, list[tuple[str, list[float] | None]]]


def _pages(half: str) -> Iterator[tuple[str, str, str, str, str]]:
    """``(dataset, page id, url, html, true body)`` of the pages of ``half``."""
    meta = extraction.load_truth()
    for pid in sites.split(extraction.page_sites(meta))[half]:
        yield "aeb", pid, meta[pid]["url"], extraction.load_html(pid), meta[pid]["articleBody"]
    pages = l3s.load_pages()
    split = sites.split({pid: sites.site_of(p.url or pid) for pid, p in pages.items()})
    for pid in split[half]:
        yield "l3s", pid, pages[pid].url, pages[pid].html, pages[pid].body


def examples(half: str, names: list[str]) -> list[Example]:
    from newsfold.extract.linemodel import features
    from newsfold.extract.text import body_lines
    from newsfold.extract.unwrap import unwrap_lines

    pages = list(_pages(half))
    out: list[Example] = []
    for name in names:
        dumps = renderers.render_all(name, {f"{d}:{pid}": html for d, pid, _, html, _ in pages})
        for dataset, pid, _, _, truth in pages:
            text = "\n".join(unwrap_lines(dumps[f"{dataset}:{pid}"].splitlines()))
            lines, _, found = body_lines(text)
            paragraphs: list[tuple[str, list[float] | None]] = []
            if found is not None:
                start, end, kept = found
                feats = {
                    lines[k].text: features(lines, k, start, end)
                    for k in range(start, end + 1)
                    if lines[k].label == "body"
                }
                paragraphs = [(p, feats.get(p)) for p in kept]
            out.append((dataset, name, pid, truth, paragraphs))
    return out


def _is_text(paragraph: str, truth_shingles: object, truth_tokens: set[str]) -> bool:
    own = shingles(paragraph)
    total = sum(own.values())
    if not total:
        return False
    if len(TOKEN_RE.findall(paragraph)) < 4:
        tokens = TOKEN_RE.findall(paragraph)
        return sum(t in truth_tokens for t in tokens) * 2 > len(tokens)
    return sum((own & truth_shingles).values()) * 2 > total  # type: ignore[operator]


def fit(data: list[Example]) -> dict[str, object]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from newsfold.extract.linemodel import FEATURES

    xs: list[list[float]] = []
    ys: list[int] = []
    for _, _, _, truth, paragraphs in data:
        truth_shingles, truth_tokens = shingles(truth), set(TOKEN_RE.findall(truth))
        for p, x in paragraphs:
            if x is not None:
                xs.append(x)
                ys.append(int(_is_text(p, truth_shingles, truth_tokens)))
    x_arr = np.array(xs, dtype=np.float64)
    mean = x_arr.mean(axis=0)
    scale = x_arr.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED)
    model.fit((x_arr - mean) / scale, np.array(ys))
    return {
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "examples": len(ys),
        "positives": sum(ys),
    }


def _probability(params: dict[str, object], x: list[float]) -> float:
    import math

    z = float(params["bias"])  # type: ignore[arg-type]
    for v, m, s, w in zip(x, params["mean"], params["scale"], params["weights"], strict=True):  # type: ignore[call-overload]
        z += w * (v - m) / s
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def mean_f1(data: list[Example], params: dict[str, object], threshold: float) -> float:
    """Mean over (data set, renderer) of the body F1 with lines under ``threshold`` dropped."""
    groups: dict[tuple[str, str], tuple[dict[str, str], dict[str, str]]] = {}
    for dataset, name, pid, truth, paragraphs in data:
        truths, outputs = groups.setdefault((dataset, name), ({}, {}))
        truths[pid] = truth
        outputs[pid] = "\n\n".join(
            p for p, x in paragraphs if x is None or _probability(params, x) >= threshold
        )
    scores = [score_outputs("", t, o).f1 for t, o in groups.values()]
    return sum(scores) / len(scores)


def main(argv: list[str] | None = None) -> int:
    from newsfold.extract.linemodel import MODEL_PATH

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--half", choices=sites.HALVES, default="A")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--renderers", default="all")
    args = parser.parse_args(argv)
    names = renderers.select(renderers.parse_names(args.renderers))
    data = examples(args.half, names)
    params = fit(data)
    by_threshold = {t: mean_f1(data, params, t) for t in THRESHOLDS}
    for t, f1 in by_threshold.items():
        print(f"threshold {t:.2f}: mean body F1 {f1:.4f} (half {args.half})")
    params["threshold"] = max(THRESHOLDS, key=lambda t: (round(by_threshold[t], 6), -t))
    params["trained_on"] = f"site half {args.half} of AEB and L3S-GN1, renderers {','.join(names)}"
    args.out.write_text(json.dumps(params, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"{params['examples']} lines ({params['positives']} text); threshold {params['threshold']}; wrote {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
