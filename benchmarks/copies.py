"""Copies benchmark: finding every copy of a story, and saying how copies differ.

Three parts, one table each, all from one command::

    .venv/bin/python -m benchmarks.copies                 # default sizes (a few minutes)
    .venv/bin/python -m benchmarks.copies --docs 20000    # speed part on 20,000 documents
    .venv/bin/python -m benchmarks.copies --full-scale    # the 200,000-document speed run

1. **Known variants** (``copies_gen``): real articles (BBC, ECB+) turned into outlet copies by
   generated edits of each kind newsfold labels, cut at three lengths, wrapped in generated chrome
   and rendered as text dumps, then folded through newsfold's real pipeline (ingest, extraction,
   candidate index, verification, grouping). Every pair of pages of one source article is a copy
   pair; pairs across sources (different articles, many on the same topic) and roundup pages
   carrying one paragraph of three stories are negatives. Recall is given per edit kind and per
   cut length (the pair original/variant), precision over every copy link newsfold made, and the
   same on copy groups (two pages in one group). Edit-label accuracy: ``compare`` run on
   (original, variant) of each single-kind variant; an applied edit counts when an edit of its
   kind and readings is reported, a reported edit of a kind not applied counts against;
   accuracy = matched / (applied + spurious). Measured on the extracted articles (the real
   pipeline: extraction errors show) and on the generated texts alone.
2. **Real copies**: L3S-GN1 pages, rendered as text dumps, folded; copy pairs scored against the
   hand labels in ``benchmarks/copies_l3s_labels.tsv`` (how they were made: ``copies_l3s``).
   BBC: the 2,225 articles folded as pages; the exact duplicate pairs (same text after spacing)
   are the truth for ``identical``.
3. **Speed and memory**: signatures per second over the same matching tokens, newsfold's winnowed
   fingerprints against datasketch MinHash and rensa RMinHash (128 permutations, the same 5-word
   shingles); pages folded per second through the whole engine on BBC articles repeated with
   generated variants; peak memory per document of the candidate index.

Results go to ``benchmarks/results/copies.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from benchmarks import copies_gen as gen
from benchmarks.common import print_rows, write_json

COPY_RELATIONS = ("identical", "copy")


def data_present() -> bool:
    return gen.BBC_DIR.is_dir()


# --- folding pages through the real pipeline --------------------------------------------------


@dataclass
class Folded:
    """What a fold gave: the page key of each article, copy links and copy groups."""

    key_of: dict[str, str]  # article id -> page key (the URL given)
    links: dict[tuple[str, str], str]  # (key, key) sorted -> relation
    group_of: dict[str, str]  # page key -> copy group
    articles: dict[str, Any] = field(default_factory=dict)  # page key -> Article
    seconds: float = 0.0
    missing: int = 0  # pages that gave no article


def fold_pages(pages: list[tuple[str, str]], keep_articles: bool = False) -> Folded:
    """Fold ``[(url, text dump)]`` into a fresh store; results keyed by URL."""
    from newsfold.engine import fold
    from newsfold.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pages.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for url, text in pages:
                f.write(json.dumps({"text": text, "url": url}) + "\n")
        with open_store(Path(tmp) / "bench.db") as store:
            start = time.perf_counter()
            fold([path], store)
            seconds = time.perf_counter() - start
            rows = store.db.execute(
                "SELECT a.id, p.url FROM articles a JOIN pages p ON p.id = a.page_id"
            ).fetchall()
            key_of = {aid: url for aid, url in rows}
            links = {}
            for lk in store.links():
                ka, kb = sorted((key_of[lk.a], key_of[lk.b]))
                links[(ka, kb)] = lk.relation
            group_of = {
                key_of[aid]: g
                for aid, g in store.db.execute("SELECT article_id, copy_group FROM story_articles")
            }
            arts = {}
            if keep_articles:
                arts = {key_of[aid]: a for aid, a in store.articles(list(key_of)).items()}
    return Folded(key_of, links, group_of, arts, seconds, len(pages) - len(key_of))


def pair_scores(
    truth: set[tuple[str, str]], predicted: set[tuple[str, str]]
) -> tuple[float, float]:
    tp = len(truth & predicted)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(truth) if truth else 1.0
    return precision, recall


def group_pairs(group_of: dict[str, str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for k, g in group_of.items():
        members[g].append(k)
    return {tuple(sorted(p)) for ms in members.values() for p in combinations(ms, 2)}  # type: ignore[misc]


# --- part 3: known variants ------------------------------------------------------------------

_NORM = re.compile(r"[^\w%]+")


def _norm(s: str) -> str:
    return _NORM.sub(" ", s).strip().lower()


def label_accuracy(
    applied: list[tuple[str, str, str]], reported: list[tuple[str, str, str]]
) -> tuple[int, int, int]:
    """(matched, applied, spurious). A token-level edit matches on kind and both readings
    (punctuation and spacing aside); sentence, paragraph, cut and headline edits on kind."""
    coarse = {"sentence_added", "sentence_removed", "paragraph_added", "paragraph_removed",
              "truncation", "headline"}  # fmt: skip
    left = list(reported)
    matched = 0
    tails = {"truncation", "paragraph_added", "paragraph_removed"}
    for kind, a, b in applied:
        for i, (k, ra, rb) in enumerate(left):
            if k != kind and not (kind == "tail" and k in tails):
                continue
            if (
                kind in coarse
                or kind in ("punctuation", "tail")
                or (_norm(ra), _norm(rb))
                == (
                    _norm(a),
                    _norm(b),
                )
            ):
                matched += 1
                left.pop(i)
                break
    kinds_applied = {k for k, _, _ in applied}
    spurious = sum(1 for k, _, _ in left if k not in kinds_applied)
    return matched, len(applied), spurious


def variants_part(n_bbc: int, n_ecb: int, seed: int) -> dict[str, Any]:
    from newsfold.compare import compare_articles, explain_paragraphs

    pages, sources = gen.corpus(n_bbc, n_ecb, seed)
    folded = fold_pages([(u, d) for u, d, _ in pages], keep_articles=True)
    var_of = {u: v for u, _, v in pages}
    family: dict[str, list[str]] = defaultdict(list)
    for u, _, v in pages:
        family[v.family].append(u)
    truth = {
        tuple(sorted(p))
        for fam, us in family.items()
        if not fam.startswith("roundup/")
        for p in combinations(us, 2)
    }
    predicted = {p for p, rel in folded.links.items() if rel in COPY_RELATIONS}
    grouped = group_pairs(folded.group_of)
    link_p, link_r = pair_scores(truth, predicted)  # type: ignore[arg-type]
    group_p, group_r = pair_scores(truth, grouped)  # type: ignore[arg-type]
    original = {v.family: u for u, _, v in pages if v.name == "original"}
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # found(link), grouped, n
    labels: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for u, _, v in pages:
        if v.name in ("original", "roundup"):
            continue
        pair = tuple(sorted((original[v.family], u)))
        row = per_kind[v.name]
        row[0] += pair in predicted
        row[1] += pair in grouped
        row[2] += 1
        if v.name in gen.SINGLE_KINDS or v.name.startswith("cut_"):
            src = var_of[original[v.family]]
            ex = explain_paragraphs(src.paragraphs, v.paragraphs, src.headline, v.headline)
            clean = label_accuracy(v.edits, [(e.kind, e.a, e.b) for e in ex.edits])
            a, b = folded.articles.get(original[v.family]), folded.articles.get(u)
            if a is not None and b is not None:
                got = compare_articles(a, b)["edits"]
                # one page carries its outlet's boilerplate paragraph under the text, the other
                # not: a paragraph added at the end, which compare may call a cut of the other
                tail = [("tail", "", "")] if src.signoff != v.signoff else []
                real = label_accuracy(v.edits + tail, [(e["kind"], e["a"], e["b"]) for e in got])  # type: ignore[index,union-attr]
            else:
                real = (0, len(v.edits), 0)
            labels[v.name] = [x + y for x, y in zip(labels[v.name], (*real, *clean), strict=True)]
    roundup_fp = sum(
        1 for (a, b) in predicted if var_of[a].name == "roundup" or var_of[b].name == "roundup"
    )
    cross_fp = sum(1 for (a, b) in predicted if var_of[a].family != var_of[b].family)
    return {
        "sources": len(sources),
        "pages": len(pages),
        "no_article": folded.missing,
        "true_pairs": len(truth),
        "links": {"precision": link_p, "recall": link_r, "predicted": len(predicted)},
        "groups": {"precision": group_p, "recall": group_r},
        "false_links_across_stories": cross_fp,
        "false_links_to_roundups": roundup_fp,
        "per_variant": {
            k: {"recall_links": r[0] / r[2], "recall_groups": r[1] / r[2], "n": r[2]}
            for k, r in sorted(per_kind.items())
        },
        "labels": {
            k: {
                "pipeline": _acc(r[0], r[1], r[2]),
                "clean": _acc(r[3], r[4], r[5]),
                "applied": r[1],
            }
            for k, r in sorted(labels.items())
        },
        "label_accuracy": {
            "pipeline": _acc(*[sum(r[i] for r in labels.values()) for i in (0, 1, 2)]),
            "clean": _acc(*[sum(r[i] for r in labels.values()) for i in (3, 4, 5)]),
        },
        "fold_seconds": folded.seconds,
    }


def _acc(matched: int, applied: int, spurious: int) -> float:
    return matched / (applied + spurious) if applied + spurious else 1.0


def print_variants(r: dict[str, Any]) -> None:
    print(
        f"\nKnown variants: {r['sources']} source articles, {r['pages']} pages "
        f"({r['no_article']} gave no article), {r['true_pairs']} true copy pairs"
    )
    rows: list[list[Any]] = []
    for k, v in r["per_variant"].items():
        lab = r["labels"].get(k, {})
        rows.append(
            [
                k,
                v["n"],
                v["recall_links"],
                v["recall_groups"],
                lab.get("pipeline"),
                lab.get("clean"),
            ]
        )
    rows.append(
        [
            "all pairs (precision / recall)",
            r["true_pairs"],
            f"{r['links']['precision']:.3f}/{r['links']['recall']:.3f}",
            f"{r['groups']['precision']:.3f}/{r['groups']['recall']:.3f}",
            r["label_accuracy"]["pipeline"],
            r["label_accuracy"]["clean"],
        ]
    )
    print_rows(
        [("variant", 30), ("n", 5), ("link recall", 13), ("group recall", 13),
         ("labels (pipeline)", 17), ("labels (clean)", 14)],
        rows,
    )  # fmt: skip
    print(
        f"false copy links: {r['false_links_across_stories']} across stories, "
        f"{r['false_links_to_roundups']} to roundups"
    )


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.copies", description=__doc__)
    ap.add_argument("--bbc", type=int, default=150, help="BBC source articles for known variants")
    ap.add_argument("--ecb", type=int, default=40, help="ECB+ source articles for known variants")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--docs", type=int, default=20000, help="documents in the speed part")
    ap.add_argument("--full-scale", action="store_true", help="speed part on 200,000 documents")
    ap.add_argument(
        "--parts", default="variants,real,speed", help="comma-separated: variants,real,speed"
    )
    args = ap.parse_args(argv)
    if not data_present():
        print(f"copies benchmark skipped: {gen.BBC_DIR} is absent (see ../shared/DATA.md)")
        return 0
    parts = set(args.parts.split(","))
    out: dict[str, Any] = {"seed": args.seed}
    if "variants" in parts:
        out["variants"] = variants_part(
            args.bbc, args.ecb if gen.ECB_DIR.is_dir() else 0, args.seed
        )
        print_variants(out["variants"])
    path = write_json("copies", out)
    print(f"\nwritten to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
