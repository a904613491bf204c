"""Copies benchmark: finding every copy of a story, and saying how copies differ.

Three parts, one table each, all from one command::

    .venv/bin/python -m benchmarks.copies                 # default sizes (a few minutes)
    .venv/bin/python -m benchmarks.copies --docs 20000    # speed part on 20,000 documents
    .venv/bin/python -m benchmarks.copies --full-scale    # the 200,000-document speed run
    .venv/bin/python -m benchmarks.copies --parts real --renderers html_text,lynx

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
2. **Real copies**: L3S-GN1 pages, rendered as text dumps by each renderer of
   ``benchmarks/renderers.py`` (``--renderers``, default all; a missing tool is skipped with a
   message), folded; copy pairs scored against the hand labels in
   ``benchmarks/copies_l3s_labels.tsv`` (how they were made: ``copies_l3s``), per renderer and
   the worst of them.
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
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from benchmarks import copies_gen as gen
from benchmarks import renderers, sites
from benchmarks.common import fmt, print_rows, write_json

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
    from newsfold.run.local import fold
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


def _components(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    from newsfold.match.copies import UnionFind

    uf = UnionFind()
    for a, b in pairs:
        uf.union(a, b)
    return {x: uf.find(x) for x in list(uf.parent)}


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


# what a sign-off under one copy's text and not the other's may be reported as
_TAILS = ("paragraph_added", "paragraph_removed", "truncation")


def label_accuracy(
    applied: list[tuple[str, str, str]],
    reported: list[tuple[str, str, str]],
    optional: tuple[str, ...] = (),
) -> tuple[int, int, int]:
    """(matched, applied, spurious). A token-level edit matches on kind and both readings
    (punctuation and spacing aside); sentence, paragraph, cut and headline edits on kind.
    ``optional``: kinds of one more reported edit that is neither required nor spurious (a
    page's sign-off under the text, which extraction may rightly take as chrome or keep)."""
    coarse = {"sentence_added", "sentence_removed", "paragraph_added", "paragraph_removed",
              "truncation", "headline"}  # fmt: skip
    left = list(reported)
    matched = 0
    for kind, a, b in applied:
        for i, (k, ra, rb) in enumerate(left):
            if k != kind:
                continue
            same = (_norm(ra), _norm(rb)) == (_norm(a), _norm(b))
            if kind in coarse or kind == "punctuation" or same:
                matched += 1
                left.pop(i)
                break
    for i, (k, _, _) in enumerate(left):
        if k in optional:
            left.pop(i)
            break
    kinds_applied = {k for k, _, _ in applied}
    spurious = sum(1 for k, _, _ in left if k not in kinds_applied)
    return matched, len(applied), spurious


def variants_part(n_bbc: int, n_ecb: int, seed: int, outlets: int = 12) -> dict[str, Any]:
    from newsfold.match.compare import compare_articles, explain_paragraphs

    pages, sources = gen.corpus(n_bbc, n_ecb, seed, n_outlets=outlets)
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
                # a page may carry its outlet's sign-off under the text, which extraction takes
                # as chrome where the outlet's pages show it, else keeps: one paragraph more on
                # one side, which compare may call an added paragraph or a cut of the other
                tail = _TAILS if src.signoff or v.signoff else ()
                reported = [(e["kind"], e["a"], e["b"]) for e in got]  # type: ignore[index]
                real = label_accuracy(v.edits, reported, tail)
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
        [("variant", 30), ("n", 5), ("verified links", 14), ("copy pairs", 11),
         ("labels (pipeline)", 17), ("labels (clean)", 14)],
        rows,
    )  # fmt: skip
    print(
        "copy pairs: two pages in one copy group. Verified links: pairs the engine verified,\n"
        "a lower bound, since a candidate already in the article's group is not verified again."
    )
    print(
        f"false copy links: {r['false_links_across_stories']} across stories, "
        f"{r['false_links_to_roundups']} to roundups"
    )


# --- part 2: real copies -------------------------------------------------------------------


def l3s_part(renderer: str = "html_text") -> dict[str, Any] | None:
    """The L3S-GN1 pages' dumps by ``renderer`` (``benchmarks/renderers.py``) folded; copy
    links and copy groups scored against the hand labels."""
    from benchmarks import copies_l3s, l3s, renderers

    if not l3s.data_present():
        print(f"L3S-GN1 part skipped: {l3s.DATA_DIR} is absent")
        return None
    labels = copies_l3s.load_labels()
    pages = l3s.load_pages()
    keyed = {f"{p.url or 'http://unknown.example/'}#{pid}": pid for pid, p in pages.items()}
    dumps = renderers.render_all(renderer, {pid: p.html for pid, p in pages.items()})
    folded = fold_pages([(k, dumps[pid]) for k, pid in keyed.items()])
    links = {tuple(sorted((keyed[a], keyed[b]))): rel for (a, b), rel in folded.links.items()}
    truth = {p for p, (lab, _) in labels.items() if lab == "copy"}
    predicted = {p for p, rel in links.items() if rel in COPY_RELATIONS}
    grouped = {tuple(sorted((keyed[a], keyed[b]))) for a, b in group_pairs(folded.group_of)}
    lp, lr = pair_scores(truth, predicted)  # type: ignore[arg-type]
    gp, gr = pair_scores(truth, grouped)  # type: ignore[arg-type]
    part = {pid: sites.half_of(sites.site_of(p.url or pid)) for pid, p in pages.items()}
    # copy pairs whose page the renderer's dump lost (the annotated text is not in it): no
    # matching can find them; the renderer's, not newsfold's, and listed apart
    lost = sorted(
        (a, b)
        for a, b in truth
        if not _dump_holds(dumps[a], pages[a].body) or not _dump_holds(dumps[b], pages[b].body)
    )
    wrong = sorted(
        f"{a} {b} truth={labels.get((a, b), ('not a candidate',))[0]} "
        f"grouped={(a, b) in grouped} link={links.get((a, b))}"
        for a, b in (grouped ^ truth)
    )
    return {
        "renderer": renderer,
        "pages": len(pages),
        "labelled_pairs": len(labels),
        "copy_pairs": len(truth),
        "links": {"precision": lp, "recall": lr, "predicted": len(predicted)},
        "groups": {"precision": gp, "recall": gr},
        "groups_by_half": _by_half(truth, grouped, part),  # type: ignore[arg-type]
        "lost_by_renderer": [f"{a} {b}" for a, b in lost],
        "groups_recall_rendered": pair_scores(truth - set(lost), grouped - set(lost))[1],  # type: ignore[arg-type,operator]
        "errors": wrong,
        "fold_seconds": folded.seconds,
    }


def _dump_holds(dump: str, body: str, share: float = 0.5) -> bool:
    """Whether a text dump holds a page's annotated text: at least ``share`` of its 5-word
    shingles (an empty annotation is held by any dump)."""
    from newsfold.match.fingerprint import K
    from newsfold.match.normalize import tokens

    def shingled(text: str) -> set[tuple[str, ...]]:
        t = tokens(text)
        return {tuple(t[i : i + K]) for i in range(len(t) - K + 1)}

    want = shingled(body)
    return not want or len(want & shingled(dump)) >= share * len(want)


def _by_half(
    truth: set[tuple[str, str]], grouped: set[tuple[str, str]], part: dict[str, str]
) -> dict[str, dict[str, float | int]]:
    """Group-pair precision and recall on the pairs of each site half (both pages' sites in
    it), and on the pairs across the halves."""

    def which(a: str, b: str) -> str:
        return part[a] if part[a] == part[b] else "across"

    out: dict[str, dict[str, float | int]] = {}
    for h in (*sites.HALVES, "across"):
        t = {p for p in truth if which(*p) == h}
        g = {p for p in grouped if which(*p) == h}
        precision, recall = pair_scores(t, g)
        out[h] = {"copy_pairs": len(t), "grouped": len(g), "precision": precision, "recall": recall}
    return out


def l3s_renderers_part(names: list[str]) -> dict[str, dict[str, Any]]:
    """``l3s_part`` on the dumps of each renderer of ``names``; ``{}`` without the data."""
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        r = l3s_part(name)
        if r is None:
            return {}
        out[name] = r
    return out


def bbc_duplicates_part() -> dict[str, Any]:
    """The BBC set's exact duplicates (the same file text, spacing aside) as the truth for
    ``identical``."""
    srcs = gen.load_bbc()
    keyed = {f"https://bbc.example/{s.id}": s for s in srcs}
    by_text: dict[str, list[str]] = defaultdict(list)
    for k, s in keyed.items():
        by_text[" ".join([s.headline, *s.paragraphs]).split().__str__()].append(k)
    truth = {tuple(sorted(p)) for ks in by_text.values() for p in combinations(ks, 2)}
    pages = [(k, "\n\n".join([s.headline, *s.paragraphs]) + "\n") for k, s in keyed.items()]
    folded = fold_pages(pages)
    # the engine verifies a candidate only when it is not in the article's group already, so
    # three copies of one text may carry two identical links: the pairs are those the links join
    identical = group_pairs(_components(p for p, rel in folded.links.items() if rel == "identical"))
    copies = {p for p, rel in folded.links.items() if rel in COPY_RELATIONS}
    ip, ir = pair_scores(truth, identical)  # type: ignore[arg-type]
    return {
        "articles": len(srcs),
        "duplicate_pairs": len(truth),
        "identical": {"precision": ip, "recall": ir, "predicted": len(identical)},
        "copy_links_beyond_duplicates": len(copies - truth),
        "partial_links": sum(1 for r in folded.links.values() if r == "partial"),
        "fold_seconds": folded.seconds,
        "pages_per_s": len(pages) / folded.seconds if folded.seconds else None,
    }


def print_real(l3s_rs: dict[str, dict[str, Any]], bbc: dict[str, Any]) -> None:
    print("\nReal copies")
    rows: list[list[Any]] = []
    for name, r in l3s_rs.items():
        rows.append(
            [f"L3S-GN1 {name} ({r['copy_pairs']} of {r['labelled_pairs']} labelled)",
             r["links"]["precision"], r["links"]["recall"],
             r["groups"]["precision"], r["groups"]["recall"]]
        )  # fmt: skip
    if len(l3s_rs) > 1:
        rows.append(
            ["L3S-GN1 worst renderer",
             *(min(r[k][m] for r in l3s_rs.values())
               for k in ("links", "groups") for m in ("precision", "recall"))]
        )  # fmt: skip
    rows.append(
        [f"BBC exact duplicates ({bbc['duplicate_pairs']} pairs), identical",
         bbc["identical"]["precision"], bbc["identical"]["recall"], None, None]
    )  # fmt: skip
    print_rows([("set", 46), ("link P", 7), ("link R", 7), ("pairs P", 8), ("pairs R", 8)], rows)
    print(
        f"BBC: {bbc['copy_links_beyond_duplicates']} copy links beyond the exact duplicates, "
        f"{bbc['partial_links']} partial links"
    )
    if l3s_rs:
        print("\nL3S-GN1 copy pairs by site half (both pages' sites in the half; across: one each)")
        half_rows: list[list[Any]] = []
        for name, r in l3s_rs.items():
            row: list[Any] = [name]
            for h in (*sites.HALVES, "across"):
                x = r["groups_by_half"][h]
                row += [x["precision"], x["recall"]]
            row += [len(r["lost_by_renderer"]), r["groups_recall_rendered"]]
            half_rows.append(row)
        print_rows(
            [("renderer", 12), ("A P", 6), ("A R", 6), ("B P", 6), ("B R", 6), ("x P", 6),
             ("x R", 6), ("lost", 5), ("R kept", 7)],
            half_rows,
        )  # fmt: skip
        print(
            "lost: copy pairs with a page whose dump lacks its annotated text (the renderer's "
            "loss); R kept: group recall on the other pairs"
        )
    for name, r in l3s_rs.items():
        if r["errors"]:
            print(f"L3S errors ({name}):", *r["errors"], sep="\n  ")


# --- part 1: speed and memory ---------------------------------------------------------------


def speed_docs(n: int, seed: int) -> list[tuple[str, str, gen.Variant]]:
    """``n`` pages: the BBC articles and generated variants of them, round after round."""
    rng = random.Random(seed)
    srcs = gen.load_bbc()
    sites = gen.outlets(12, rng)
    out: list[tuple[str, str, gen.Variant]] = []
    rnd = 0
    while len(out) < n:
        for s in srcs:
            vs = [gen.Variant(s.id, "original", s.headline, s.paragraphs)] if rnd == 0 else []
            if rnd:
                vs = gen.variants_of(s, rng)[1:]
                rng.shuffle(vs)
                vs = vs[:3]
            for v in vs:
                site = rng.choice(sites)
                url = f"https://{site.host}/n/{len(out)}"
                out.append((url, gen.render(v, site, rng), v))
                if len(out) >= n:
                    return out
        rnd += 1
    return out


def _shingle_strings(toks: list[str], k: int = 5) -> list[str]:
    return [" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)] or [" ".join(toks)]


def signature_rates(token_lists: list[list[str]]) -> dict[str, float | None]:
    """Signatures per second from the same matching tokens, one process."""
    from newsfold.match.fingerprint import fingerprints_batch, shingle_hashes, winnow

    rates: dict[str, float | None] = {}
    n = len(token_lists)
    t = time.perf_counter()
    for i in range(0, n, 256):
        fingerprints_batch(token_lists[i : i + 256])
    rates["newsfold (winnowed, batches of 256)"] = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for toks in token_lists:
        winnow(shingle_hashes(toks))
    rates["newsfold (winnowed, one by one)"] = n / (time.perf_counter() - t)
    try:
        from datasketch import MinHash

        t = time.perf_counter()
        for toks in token_lists:
            m = MinHash(num_perm=128)
            m.update_batch([x.encode("utf-8") for x in _shingle_strings(toks)])
        rates["datasketch MinHash (128)"] = n / (time.perf_counter() - t)
    except ImportError:
        rates["datasketch MinHash (128)"] = None
    try:
        from rensa import RMinHash

        t = time.perf_counter()
        for toks in token_lists:
            r = RMinHash(128, 42)
            r.update(_shingle_strings(toks))
            r.digest()
        rates["rensa RMinHash (128)"] = n / (time.perf_counter() - t)
    except ImportError:
        rates["rensa RMinHash (128)"] = None
    return rates


def _fold_pages_file(pages: list[tuple[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for url, text in pages:
            f.write(json.dumps({"text": text, "url": url}) + "\n")


def _timed_fold(path: Path, work: Path, workers: int) -> dict[str, Any]:
    """The local engine's fold of ``path`` into ``work/local.db`` in a process of its own, as a
    user runs ``newsfold fold`` (``benchmarks.scale``'s local run: seconds, seconds by stage,
    counts). This process holds every generated page, which forked workers would otherwise
    inherit, and their garbage collector walk."""
    import subprocess

    work.mkdir()
    cmd = [sys.executable, "-m", "benchmarks.scale", "--run", "local", "--corpus", str(path)]
    cmd += ["--work", str(work), "--workers", str(workers)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def speed_part(
    n_docs: int, seed: int, fold_docs: int, cores: int, one_process: bool = True
) -> dict[str, Any]:
    """Signature rates on ``n_docs`` documents, and ``fold_docs`` pages folded in one process
    and again in ``cores`` (only in ``cores`` when not ``one_process``)."""
    import resource

    from newsfold.match.normalize import tokens

    pages = speed_docs(max(n_docs, fold_docs), seed)
    texts = ["\n".join(v.paragraphs) for _, _, v in pages[:n_docs]]
    t = time.perf_counter()
    token_lists = [tokens(x) for x in texts]
    tok_rate = len(texts) / (time.perf_counter() - t)
    rates = signature_rates(token_lists)
    del token_lists, texts
    fold_pages_ = [(u, d) for u, d, _ in pages[:fold_docs]]
    del pages
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "speed.jsonl"
        _fold_pages_file(fold_pages_, path)
        first = 1 if one_process else cores
        run = _timed_fold(path, Path(tmp) / "first", workers=first)
        seconds, stages, n_art = run["seconds"], run["stages"], run["counts"]["articles"]
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the fold's process
        size = sum(p.stat().st_size for p in (Path(tmp) / "first").glob("local.db*"))
        from newsfold.store import open_store

        with open_store(Path(tmp) / "first" / "local.db") as store:
            n_fp = store.db.execute("SELECT COUNT(*) FROM fingerprints").fetchone()[0]
            n_links = store.db.execute("SELECT COUNT(*) FROM links").fetchone()[0]
        rate = {first: len(fold_pages_) / seconds}
        if cores not in rate:  # the same fold, in ``cores`` processes
            again = _timed_fold(path, Path(tmp) / "cores", workers=cores)
            rate[cores] = len(fold_pages_) / again["seconds"]
    best = rate.get(cores) or rate[1]
    return {
        "docs": n_docs,
        "tokens_per_s": tok_rate,
        "signatures_per_s": rates,
        "fold_docs": len(fold_pages_),
        "fold_seconds": seconds,
        "fold_seconds_workers": first,
        "fold_stage_seconds": stages,
        "pages_folded_per_s": rate.get(1),
        "pages_folded_per_s_2_cores": rate.get(cores) if cores > 1 else None,
        "cores": cores,
        "minutes_for_200000_at_this_rate": 200_000 / best / 60,
        "verified_links_per_doc": n_links / max(n_art, 1),
        "fingerprints_per_doc": n_fp / max(n_art, 1),
        "store_bytes_per_doc": size / max(n_art, 1),
        "index_bytes_per_doc_in_memory": 8 * n_fp / max(n_art, 1),
        "minhash_bytes_per_doc_in_memory": 128 * 8,
        "fold_peak_rss_kib_per_doc": rss / max(len(fold_pages_), 1),
    }


def print_speed(r: dict[str, Any]) -> None:
    print(f"\nSpeed ({r['docs']} documents; tokens: {r['tokens_per_s']:.0f} docs/s)")
    rates = r["signatures_per_s"]
    ds = rates.get("datasketch MinHash (128)")
    rows = [
        [name, fmt(v, ".0f"), fmt(v / ds if v and ds else None, ".2f")] for name, v in rates.items()
    ]
    print_rows([("signatures from tokens", 40), ("docs/s", 9), ("x datasketch", 12)], rows)
    print(
        f"fold: {r['fold_docs']} pages in {r['fold_seconds']:.1f} s "
        f"({r['fold_seconds_workers']} process(es))"
        + (
            f"; {r['pages_folded_per_s']:.0f} pages/s in one process"
            if r["pages_folded_per_s"]
            else ""
        )
        + (
            f"; {r['pages_folded_per_s_2_cores']:.0f} pages/s in {r['cores']} processes"
            if r["pages_folded_per_s_2_cores"]
            else ""
        )
        + f"; 200,000 pages at this rate: {r['minutes_for_200000_at_this_rate']:.0f} min"
    )
    stages = r.get("fold_stage_seconds", {})
    print("  by stage: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()))
    print(
        f"verified pairs kept as links: {r['verified_links_per_doc']:.1f}/doc; "
        f"index: {r['fingerprints_per_doc']:.0f} fingerprints/doc = "
        f"{r['index_bytes_per_doc_in_memory']:.0f} B/doc of hashes (MinHash 128: 1024 B); "
        f"store {r['store_bytes_per_doc'] / 1024:.1f} KiB/doc with pages and articles; "
        f"fold process peak RSS {r['fold_peak_rss_kib_per_doc']:.1f} KiB/doc"
    )


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.copies", description=__doc__)
    ap.add_argument("--bbc", type=int, default=150, help="BBC source articles for known variants")
    ap.add_argument("--ecb", type=int, default=40, help="ECB+ source articles for known variants")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--docs", type=int, default=20000, help="documents for signature speed")
    ap.add_argument(
        "--fold-docs", type=int, default=3000, help="pages folded through the engine for speed"
    )
    ap.add_argument(
        "--cores", type=int, default=2, help="also fold with extraction on this many cores"
    )
    ap.add_argument("--full-scale", action="store_true", help="speed part on 200,000 documents")
    ap.add_argument(
        "--cores-only", action="store_true", help="fold only on --cores processes, not also in one"
    )
    ap.add_argument(
        "--parts", default="variants,real,speed", help="comma-separated: variants,real,speed"
    )
    ap.add_argument(
        "--renderers",
        default="all",
        help="comma-separated text-dump renderers of the L3S-GN1 real copies (default all: "
        f"{','.join(renderers.RENDERERS)})",
    )
    args = ap.parse_args(argv)
    try:
        wanted = renderers.parse_names(args.renderers)
    except ValueError as e:
        ap.error(str(e))
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
    if args.full_scale:
        args.docs = args.fold_docs = 200_000
    if "speed" in parts:
        out["speed"] = speed_part(
            args.docs, args.seed, args.fold_docs, args.cores, not args.cores_only
        )
        print_speed(out["speed"])
    if "real" in parts:
        # "l3s": html_text's (or the first renderer's) figures, as before; "l3s_renderers":
        # every renderer's, and the worst of them
        l3s_rs = l3s_renderers_part(renderers.select(wanted))
        out["l3s"] = l3s_rs.get(renderers.DEFAULT) or next(iter(l3s_rs.values()), None)
        out["l3s_renderers"] = l3s_rs
        if l3s_rs:
            out["l3s_worst"] = {
                f"{k} {m}": min(r[k][m] for r in l3s_rs.values())
                for k in ("links", "groups")
                for m in ("precision", "recall")
            }
        out["bbc_duplicates"] = bbc_duplicates_part()
        print_real(l3s_rs, out["bbc_duplicates"])
    path = write_json("copies", out)
    print(f"\nwritten to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
