"""Body F1 page by page, this tree's against a git ref's, on AEB and L3S-GN1 dumps.

``python -m benchmarks.page_diff --ref HEAD~1 --renderers chromium,lynx`` extracts every page's
body from each renderer's dump (``renderers.py``'s cache) with this tree's code and with the
ref's (its ``src/`` exported and run in a process of its own, as ``extract_identity`` does;
``--new REF`` scores a second ref instead of this tree),
and prints each page whose F1 (the benchmarks' shingle precision and recall,
``common.page_precision_recall``) moved by more than ``--min`` (default 0.01), with its site
half: what a change to the text path gained and lost, page by page, where the benchmarks print
means. ``--save FILE`` writes this tree's scores (the ref's run uses it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import extraction, l3s, renderers, sites
from benchmarks.common import newsfold_text, page_precision_recall
from benchmarks.extract_identity import REPO, export_src

Scores = dict[str, dict[str, list[object]]]  # "set/renderer" -> page -> [f1, half, url]


def _f1(predicted: str, truth: str) -> float:
    p, r = page_precision_recall(predicted, truth)
    p, r = p or 0.0, r or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _pages() -> dict[str, dict[str, tuple[str, str, str]]]:
    """``{set: {page id: (html, truth, url)}}`` of the sets whose data is present."""
    out: dict[str, dict[str, tuple[str, str, str]]] = {}
    if extraction.DATA_DIR.exists():
        meta = extraction.load_truth()
        out["aeb"] = {
            pid: (extraction.load_html(pid), m["articleBody"], m["url"] or "")
            for pid, m in meta.items()
        }
    if l3s.data_present():
        out["l3s"] = {pid: (p.html, p.body, p.url or "") for pid, p in l3s.load_pages().items()}
    return out


def scores(names: list[str]) -> Scores:
    out: Scores = {}
    for name, pages in _pages().items():
        for r in names:
            dumps = renderers.render_all(r, {pid: html for pid, (html, _, _) in pages.items()})
            out[f"{name}/{r}"] = {
                pid: [
                    _f1(newsfold_text(dumps[pid], url), truth),
                    sites.half_of(sites.site_of(url or pid)),
                    url,
                ]
                for pid, (_, truth, url) in pages.items()
            }
    return out


def _scores_of(ref: str, renderer_names: str) -> Scores:
    """``scores`` by ``ref``'s code: its ``src/`` exported and run in a process of its own."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = export_src(ref, work)
        argv = [sys.executable, "-m", "benchmarks.page_diff", "--renderers", renderer_names]
        subprocess.run([*argv, "--save", str(work / "s.json")], cwd=REPO, env=env, check=True)
        out: Scores = json.loads((work / "s.json").read_text())
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ref", default="HEAD", help="the git ref to compare with (default HEAD)")
    ap.add_argument("--new", help="a git ref to score instead of this tree")
    ap.add_argument("--renderers", default=",".join(renderers.RENDERERS))
    ap.add_argument("--min", type=float, default=0.01, help="the least change printed")
    ap.add_argument("--save", type=Path, help="only write this tree's scores to FILE")
    args = ap.parse_args(argv)
    names = renderers.parse_names(args.renderers)
    if args.save:
        args.save.write_text(json.dumps(scores(names)))
        return 0
    ref = _scores_of(args.ref, args.renderers)
    new = _scores_of(args.new, args.renderers) if args.new else scores(names)
    moved = 0
    for key in sorted(new):
        for pid, (f1, half, url) in sorted(new[key].items()):
            was = ref.get(key, {}).get(pid, [0.0])[0]
            if abs(float(f1) - float(was)) > args.min:  # type: ignore[arg-type]
                moved += 1
                print(f"{key} {half} {was:.3f} -> {f1:.3f} {pid[:16]} {url}")
    print(f"{moved} pages moved by more than {args.min} ({args.ref} -> {args.new or 'this tree'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
