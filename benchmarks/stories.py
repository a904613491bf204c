"""Stories benchmark: events, story similarity and canonical text, on ../shared/data.

1. ECB+ (982 articles, 86 events; each topic holds two events that share people and places):
   B-cubed and pairwise F1 of newsfold's events (``newsfold.events.assign_events`` over one unit
   per article) against the gold events (topic + ecb/ecbplus), beside a TF-IDF + average-linkage
   baseline (scikit-learn) whose cut is tuned on one half of the topics (even, then odd) and
   scored on the other. newsfold's cuts are fixed constants, scored on each half.
   The articles' URLs (ECB+ gives one for some of them) are not used by anyone.
2. SemEval-2022 Task 8, English pairs: Pearson correlation of ``newsfold.events.similarities``
   with the ``Overall`` rating (1 same story ... 4 unrelated, so the sign is flipped), and the
   precision and recall of "same story" (Overall <= 1.5) at the similarity cut that gives the
   best F1 on the training pairs, scored on the test pairs.
3. Canonical text on generated copy sets: real articles (BBC, ECB+) cut, edited and extended
   into 3-6 copies; the share of true paragraphs whose canonical entry lists exactly the copies
   carrying it, with exactly the copies whose reading differs as variants; and the share of copy
   sets whose every copy paragraph is kept (as canonical text or as a variant).

With ``--embed`` (extra ``[embed]``), (1) and (2) are measured a second time with sentence
embeddings (``newsfold.embed``), beside the TF-IDF figures in the same table and JSON (the
embedding takes minutes on a CPU: ECB+'s 982 articles are read up to 256 word pieces each).

Run: ``python -m benchmarks.stories [--quick] [--embed [--device cuda]]``. Writes
benchmarks/results/stories.json.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from benchmarks.common import SHARED_DATA, print_rows, write_json
from benchmarks.copies_gen import _detok, gen_paragraph, gen_sentence, load_bbc
from newsfold.records import Article, EventUnit
from newsfold.stories.build import merge_paragraphs
from newsfold.stories.embed import Embedder
from newsfold.stories.events import assign_events, similarities

ECB_DIR = SHARED_DATA / "ecbplus" / "ECB+_LREC2014" / "ECB+"
SEMEVAL_DIR = SHARED_DATA / "semeval2022-t8-hfl" / "data"
_TOKEN = re.compile(r'<token[^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')
BASELINE_CUTS = tuple(round(x, 2) for x in np.arange(0.5, 1.0, 0.025))


# --- 1. ECB+ events --------------------------------------------------------------------------


def load_ecbplus() -> list[tuple[str, str, str]]:
    """(document name, gold event, text): headline and sentences one a line, URL left out."""
    out = []
    for path in sorted(ECB_DIR.glob("*/*.xml.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            xml = f.read()
        sents: dict[int, list[str]] = {}
        for s, tok in _TOKEN.findall(xml):
            tok = tok.replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'")
            sents.setdefault(int(s), []).append(tok)
        lines = [_detok(sents[k]) for k in sorted(sents)]
        if lines and lines[0].startswith("http"):
            lines = lines[1:]
        name = path.name.removesuffix(".xml.gz")
        topic = name.split("_")[0]
        event = topic + ("+" if name.endswith("ecbplus") else "")
        out.append((name, event, "\n".join(lines)))
    return out


def bcubed(pred: Sequence[Any], gold: Sequence[Any]) -> tuple[float, float, float]:
    p_members: dict[Any, set[int]] = defaultdict(set)
    g_members: dict[Any, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        p_members[p].add(i)
        g_members[g].add(i)
    prec = rec = 0.0
    for p, g in zip(pred, gold, strict=True):
        both = len(p_members[p] & g_members[g])
        prec += both / len(p_members[p])
        rec += both / len(g_members[g])
    prec, rec = prec / len(pred), rec / len(pred)
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def pairwise(pred: Sequence[Any], gold: Sequence[Any]) -> tuple[float, float, float]:
    n = len(pred)
    tp = fp = fn = 0
    for i in range(n):
        for j in range(i + 1, n):
            same_p, same_g = pred[i] == pred[j], gold[i] == gold[j]
            tp += same_p and same_g
            fp += same_p and not same_g
            fn += same_g and not same_p
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _half(name: str) -> str:
    return "even" if int(name.split("_")[0]) % 2 == 0 else "odd"


def _scores(labels: dict[str, Any], docs: list[tuple[str, str, str]], half: str) -> dict[str, Any]:
    sel = [(n, g) for n, g, _ in docs if half == "all" or _half(n) == half]
    pred = [labels[n] for n, _ in sel]
    gold = [g for _, g in sel]
    b, p = bcubed(pred, gold), pairwise(pred, gold)
    return {
        "bcubed_p": b[0],
        "bcubed_r": b[1],
        "bcubed_f1": b[2],
        "pairwise_p": p[0],
        "pairwise_r": p[1],
        "pairwise_f1": p[2],
    }


class _Cached:
    """An embedder that embeds each text once (both halves of a run, train and test share it)
    and counts the seconds it spent."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.seen: dict[str, np.ndarray] = {}
        self.seconds = 0.0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        new = sorted({t for t in texts if t not in self.seen})
        if new:
            t0 = time.perf_counter()
            self.seen.update(zip(new, self.inner.embed(new), strict=True))
            self.seconds += time.perf_counter() - t0
        return np.stack([self.seen[t] for t in texts])


def newsfold_events(
    docs: list[tuple[str, str, str]], embedder: Embedder | None = None
) -> tuple[dict[str, int], float]:
    t0 = time.perf_counter()
    events = assign_events((EventUnit(n, text) for n, _, text in docs), embedder=embedder)
    took = time.perf_counter() - t0
    return {u: k for k, ids in enumerate(events) for u in ids}, took


def baseline_events(docs: list[tuple[str, str, str]], cut: float) -> dict[str, int]:
    try:
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:  # pragma: no cover - the test extra carries it
        sys.exit("the baseline needs scikit-learn: pip install -e '.[test]'")
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [t for _, _, t in docs]
    )
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=cut
    ).fit_predict(x.toarray())
    return {n: int(lab) for (n, _, _), lab in zip(docs, labels, strict=True)}


def ecb_part(with_baseline: bool = True, embedder: Embedder | None = None) -> dict[str, Any]:
    docs = load_ecbplus()
    labels, took = newsfold_events(docs)
    out: dict[str, Any] = {
        "documents": len(docs),
        "events": len({g for _, g, _ in docs}),
        "newsfold": {h: _scores(labels, docs, h) for h in ("even", "odd", "all")},
        "newsfold_seconds": took,
    }
    if embedder is not None:
        labels, took = newsfold_events(docs, embedder)
        out["newsfold_embed"] = {h: _scores(labels, docs, h) for h in ("even", "odd", "all")}
        out["newsfold_embed_seconds"] = took  # the embedding included
    if with_baseline:
        by_cut = {c: baseline_events(docs, c) for c in BASELINE_CUTS}
        base: dict[str, Any] = {}
        for tune, held in (("even", "odd"), ("odd", "even")):
            cut = max(BASELINE_CUTS, key=lambda c: _scores(by_cut[c], docs, tune)["bcubed_f1"])
            base[f"tuned_{tune}"] = {"cut": cut, **_scores(by_cut[cut], docs, held)}
        out["baseline"] = base
    return out


# --- 2. SemEval-2022 Task 8 ------------------------------------------------------------------


def load_semeval(split: str) -> list[tuple[str, str, float]]:
    csv.field_size_limit(1 << 24)
    with (SEMEVAL_DIR / f"{split}_set.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        (r["text1"], r["text2"], float(r["Overall"]))
        for r in rows
        if r["lang1"] == "en" and r["lang2"] == "en" and r["text1"].strip() and r["text2"].strip()
    ]


def _prf(pred: Sequence[bool], gold: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _semeval_scores(
    train: list[tuple[str, str, float]],
    test: list[tuple[str, str, float]],
    embedder: Embedder | None,
) -> dict[str, Any]:
    s_train = similarities([(a, b) for a, b, _ in train], embedder)
    s_test = similarities([(a, b) for a, b, _ in test], embedder)
    same_train = [o <= 1.5 for _, _, o in train]
    same_test = [o <= 1.5 for _, _, o in test]
    cuts = [round(x, 3) for x in np.arange(0.05, 0.9, 0.01)]
    cut = max(cuts, key=lambda c: _prf([s >= c for s in s_train], same_train)[2])
    p, r, f = _prf([s >= cut for s in s_test], same_test)

    def pearson(sims: list[float], rows: list[tuple[str, str, float]]) -> float:
        return float(np.corrcoef(sims, [-o for _, _, o in rows])[0, 1])

    return {
        "pearson_train": pearson(s_train, train),
        "pearson_test": pearson(s_test, test),
        "same_story_cut": cut,
        "same_story_precision": p,
        "same_story_recall": r,
        "same_story_f1": f,
    }


def semeval_part(embedder: Embedder | None = None) -> dict[str, Any]:
    train, test = load_semeval("training"), load_semeval("testing")
    out: dict[str, Any] = {
        "train_pairs": len(train),
        "test_pairs": len(test),
        **_semeval_scores(train, test, None),
    }
    if embedder is not None:
        out["embed"] = _semeval_scores(train, test, embedder)
    return out


# --- 3. canonical text on generated copy sets ------------------------------------------------


def _edit(para: str, rng: random.Random) -> str:
    """A reading of ``para`` an outlet might print: a word changed, or a sentence added."""
    words = para.split(" ")
    long = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
    if long and rng.random() < 0.6:
        i = rng.choice(long)
        words[i] = words[i].upper() if rng.random() < 0.3 else words[i][::-1]
        return " ".join(words)
    return para + " " + gen_sentence(rng)


def copy_set(
    paras: list[str], n: int, rng: random.Random
) -> tuple[list[list[tuple[str, str]]], dict[str, str]]:
    """``n`` copies of ``paras``: each a list of (paragraph key, text). Copy 0 is whole; others
    are cut at the end, drop a paragraph, add one of their own or change a reading. ``texts``
    maps each key to its original reading."""
    texts = {f"p{i}": p for i, p in enumerate(paras)}
    copies: list[list[tuple[str, str]]] = [[(f"p{i}", p) for i, p in enumerate(paras)]]
    for c in range(1, n):
        keep = max(2, int(len(paras) * rng.choice((1.0, 1.0, 0.8, 0.6, 0.4))))
        cur = [(f"p{i}", p) for i, p in enumerate(paras[:keep])]
        if len(cur) > 3 and rng.random() < 0.3:
            del cur[rng.randrange(1, len(cur) - 1)]
        if rng.random() < 0.4:
            key = f"c{c}"
            texts[key] = gen_paragraph(rng)
            cur.insert(rng.randrange(1, len(cur) + 1), (key, texts[key]))
        for _ in range(rng.choice((0, 1, 1, 2))):
            k = rng.randrange(len(cur))
            if cur[k][0].startswith("p"):
                cur[k] = (cur[k][0], _edit(cur[k][1], rng))
        copies.append(cur)
    return copies, texts


def _article(aid: str, paras: list[str]) -> Article:
    return Article(
        id=aid, page_id="p" + aid, source=aid, outlet=aid, url=None, headline=None, byline=None,
        credits=[], dateline=None, published=None, updated=None, language="en", paragraphs=paras,
    )  # fmt: skip


def canonical_part(n_sets: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    sources = [s.paragraphs for s in load_bbc() if len(s.paragraphs) >= 4]
    sources += [[p for p in t.split("\n") if p] for _, _, t in load_ecbplus()]
    sources = [s for s in sources if len(s) >= 4 and len(set(s)) == len(s)]
    right = total = kept_sets = 0
    for _ in range(n_sets):
        paras = rng.choice(sources)
        copies, _texts = copy_set(paras, rng.randint(3, 6), rng)
        arts = [_article(f"a{k}", [t for _, t in cp]) for k, cp in enumerate(copies)]
        canon = merge_paragraphs(arts)
        carriers: dict[str, dict[str, str]] = defaultdict(dict)  # key -> article -> reading
        for art, cp in zip(arts, copies, strict=True):
            for key, text in cp:
                carriers[key][art.id] = text
        for readings in carriers.values():
            total += 1
            want = set(readings)
            # the canonical entry holding this paragraph: the one whose text or a variant is the
            # reading of a copy it lists (several paragraphs can have the same carriers)
            entry = next(
                (
                    p
                    for p in canon
                    if any(
                        a in p.sources
                        and (t == p.text or any(v.article == a and v.text == t for v in p.variants))
                        for a, t in readings.items()
                    )
                ),
                None,
            )
            if entry is None or set(entry.sources) != want:
                continue
            differ = {a for a, t in readings.items() if t != entry.text}
            got = {v.article: v.text for v in entry.variants}
            if set(got) == differ and all(got[a] == readings[a] for a in differ):
                right += 1
        kept = {p.text for p in canon} | {v.text for p in canon for v in p.variants}
        kept_sets += all(t in kept for cp in copies for _, t in cp)
    return {
        "copy_sets": n_sets,
        "paragraphs": total,
        "paragraphs_exact": right / total if total else 0.0,
        "union_kept": kept_sets / n_sets if n_sets else 0.0,
    }


# --- report ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer generated copy sets")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument(
        "--embed", action="store_true", help="also with sentence embeddings (extra [embed])"
    )
    ap.add_argument("--device", default="cpu", help="the embedding model's device (cpu, cuda)")
    args = ap.parse_args(argv)
    if not ECB_DIR.exists() or not SEMEVAL_DIR.exists():
        sys.exit(f"real data not available under {SHARED_DATA} (see ../shared/DATA.md)")
    embedder = None
    load_seconds = 0.0
    if args.embed:
        from newsfold.errors import MissingExtraError
        from newsfold.stories.embed import load_embedder

        try:
            t0 = time.perf_counter()
            embedder = _Cached(load_embedder(args.device))
            load_seconds = time.perf_counter() - t0
        except MissingExtraError as exc:
            sys.exit(str(exc))
    ecb = ecb_part(embedder=embedder)
    sem = semeval_part(embedder)
    canon = canonical_part(100 if args.quick else 400, args.seed)

    print("\n(1) ECB+ events: B-cubed and pairwise F1 against gold events")
    rows: list[list[Any]] = []
    for half in ("even", "odd", "all"):
        s = ecb["newsfold"][half]
        rows.append([f"newsfold ({half} topics)", s["bcubed_p"], s["bcubed_r"], s["bcubed_f1"],
                     s["pairwise_f1"], "fixed"])  # fmt: skip
    for half in ("even", "odd", "all") if embedder else ():
        s = ecb["newsfold_embed"][half]
        rows.append([f"newsfold+embed ({half} topics)", s["bcubed_p"], s["bcubed_r"],
                     s["bcubed_f1"], s["pairwise_f1"], "fixed"])  # fmt: skip
    for key, s in ecb["baseline"].items():
        held = "odd" if key == "tuned_even" else "even"
        rows.append([f"TF-IDF+agglo ({held}; {key.replace('_', ' ')})", s["bcubed_p"],
                     s["bcubed_r"], s["bcubed_f1"], s["pairwise_f1"], s["cut"]])  # fmt: skip
    print_rows(
        [("system", 36), ("B3 P", 6), ("B3 R", 6), ("B3 F1", 6), ("pair F1", 7), ("cut", 6)],
        rows,
    )
    print(
        f"newsfold: {ecb['documents']} articles in {ecb['newsfold_seconds']:.1f} s; target B3 F1 >= 0.93"
    )
    if embedder:
        print(
            f"newsfold+embed: {ecb['newsfold_embed_seconds']:.1f} s with the embedding"
            f" (model loaded in {load_seconds:.1f} s, on {args.device})"
        )

    print(
        f"\n(2) SemEval-2022 Task 8, English pairs ({sem['test_pairs']} test, {sem['train_pairs']} training)"
    )
    ways = [("TF-IDF", sem)] + ([("+embed", sem["embed"])] if embedder else [])
    print_rows(
        [("measure", 36)] + [(name, 8) for name, _ in ways],
        [
            ["Pearson with -Overall (test)"] + [w["pearson_test"] for _, w in ways],
            ["Pearson with -Overall (train)"] + [w["pearson_train"] for _, w in ways],
            ["same story cut (best F1, training)"] + [w["same_story_cut"] for _, w in ways],
            ["same story P (test)"] + [w["same_story_precision"] for _, w in ways],
            ["same story R (test)"] + [w["same_story_recall"] for _, w in ways],
            ["same story F1 (test)"] + [w["same_story_f1"] for _, w in ways],
        ],
    )
    print("\n(3) canonical text on generated copy sets")
    print_rows(
        [("measure", 36), ("value", 8)],
        [
            [f"paragraphs exactly right ({canon['paragraphs']})", canon["paragraphs_exact"]],
            [f"copy sets with union kept ({canon['copy_sets']})", canon["union_kept"]],
        ],
    )
    out: dict[str, Any] = {"ecbplus": ecb, "semeval": sem, "canonical": canon}
    if embedder:
        out["embed"] = {"device": args.device, "load_seconds": load_seconds,
                        "embed_seconds": embedder.seconds, "texts": len(embedder.seen)}  # fmt: skip
    path = write_json("stories", out)
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
