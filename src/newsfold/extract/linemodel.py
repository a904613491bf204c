"""A learned second opinion on the body's lines: a logistic model over layout-free features.

The cues of ``body.py`` choose the article's block and its lines; this model, trained on site
half A of AEB and L3S-GN1 (the dumps of every renderer) by ``benchmarks/train_lines.py``, reads
each line the cues kept as body with its neighbours (length, sentence shape, share of figures,
capitals and punctuation, place in the block, the cues' own weight) and drops those it finds
unlikely to be the article's. Its weights are in ``line_model.json`` beside this file (a few
dozen numbers, reviewed in a diff); evaluating it is a dot product, with no library.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

from .lines import Line, _is_sentence

MODEL_PATH = Path(__file__).with_name("line_model.json")
_PUNCT_RE = re.compile(r"[^\w\s]")
_BULLET_START = ("•", "-", "*", "·", "▪", "–", "—")

FEATURES = (
    "log_words",
    "sentence",
    "ends_colon",
    "weight",
    "row",
    "digit_share",
    "capital_share",
    "punct_share",
    "mean_word_len",
    "span_position",
    "log_from_start",
    "log_to_end",
    "prev_body",
    "next_body",
    "prev_log_words",
    "next_log_words",
    "ellipsis_end",
    "bullet_start",
    "bar",
    "block_log_lines",
)


def _shape(text: str, words: int) -> tuple[float, float, float, float]:
    tokens = text.split()
    n = max(1, len(tokens))
    digits = sum(1 for t in tokens if any(c.isdigit() for c in t)) / n
    capitals = sum(1 for t in tokens if t[:1].isupper()) / n
    punct = len(_PUNCT_RE.findall(text)) / max(1, len(text))
    mean_len = sum(len(t) for t in tokens) / n / 10
    return digits, capitals, punct, mean_len


def features(lines: list[Line], k: int, start: int, end: int) -> list[float]:
    """The features of line ``k`` of a body found between lines ``start`` and ``end``."""
    ln = lines[k]
    text = ln.text
    prev = lines[k - 1] if k > 0 else None
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    digits, capitals, punct, mean_len = _shape(text, ln.words)
    size = end - start + 1
    return [
        math.log1p(ln.words),
        float(_is_sentence(ln)),
        float(text.endswith(":")),
        max(-1.0, min(1.0, ln.weight / 100)),
        float(ln.row),
        digits,
        capitals,
        punct,
        mean_len,
        (k - start) / size,
        math.log1p(k - start),
        math.log1p(end - k),
        float(prev is not None and prev.label == "body"),
        float(nxt is not None and nxt.label == "body"),
        math.log1p(prev.words) if prev is not None else 0.0,
        math.log1p(nxt.words) if nxt is not None else 0.0,
        float(text.endswith(("...", "…"))),
        float(text.startswith(_BULLET_START)),
        float("|" in text.split()),
        math.log1p(size),
    ]


@cache
def _model() -> tuple[list[float], list[float], list[float], float, float] | None:
    """``(means, scales, weights, bias, threshold)``, or None where no model file is there."""
    if not MODEL_PATH.is_file():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_PATH}: its features are not this module's; retrain it")
    return data["mean"], data["scale"], data["weights"], data["bias"], data["threshold"]


def probability(x: list[float]) -> float:
    """The model's probability that a line with features ``x`` is the article's text."""
    model = _model()
    if model is None:
        return 1.0
    means, scales, weights, bias, _ = model
    z = bias + sum(w * (v - m) / s for v, m, s, w in zip(x, means, scales, weights, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def drop_unlikely(lines: list[Line], paragraphs: list[str], start: int, end: int) -> list[str]:
    """``paragraphs`` less the body lines the model finds unlikely (each relabelled
    ``unlikely_line``); all of them where there is no model."""
    model = _model()
    if model is None:
        return paragraphs
    threshold = model[4]
    dropped: set[int] = set()
    for k in range(start, end + 1):
        ln = lines[k]
        if ln.label == "body" and probability(features(lines, k, start, end)) < threshold:
            dropped.add(k)
    if not dropped:
        return paragraphs
    for k in dropped:
        lines[k].label = "unlikely_line"
    gone = {lines[k].text for k in dropped}
    return [p for p in paragraphs if p not in gone]
