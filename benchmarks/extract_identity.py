"""Same input, same article: extraction by this tree's code against a reference, field by field.

Every real page the benchmarks read is extracted, and every field of what comes out (headline,
byline, credits, dateline, published, updated, language, paragraphs, teasers, removed lines with
their reasons and numbers, or the rejection) is compared with the reference's:

- every text dump of the renderers' cache (``benchmarks/results/cache/<renderer>/<version>/``,
  every renderer and version there), with the URL of its page where a loaded page's HTML hashes
  to the dump's name (AEB, L3S-GN1, Readability.js's and trafilatura's sets: ``speed.load_html``);
- the BBC articles as text (``speed.load_bbc``);
- the HTML pages themselves (``--no-html`` leaves them out: the HTML path is the slow one).

The reference is a git ref (its ``src/`` is exported to a temporary folder and run in a process
of its own) or a file that an earlier run saved::

    python -m benchmarks.extract_identity --ref main              # main's code against this tree's
    python -m benchmarks.extract_identity --save /tmp/main.json.gz  # (run on main's code) save it
    python -m benchmarks.extract_identity --against /tmp/main.json.gz
    python -m benchmarks.extract_identity --against /tmp/main.json.gz --new /tmp/mine.json.gz
    PYTHONPATH=build/compiled:. python -m benchmarks.extract_identity --ref-path src

``--ref-path DIR`` takes the reference from the package found under ``DIR`` (a ``PYTHONPATH``
entry): above, the compiled build (``make compiled``, docs/compiled.md) against the sources it was
built from. The first lines printed say which files each side imported.

``--limit N`` takes the first N inputs of each source (a quick look), ``--jobs`` extracts in that
many processes. Exits 1 when any field of any page differs, printing the first differences.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.renderers import CACHE_DIR, html_key

REPO = Path(__file__).resolve().parent.parent
Input = tuple[str, str, str, str | None]  # key, kind, content, url


def inputs(limit: int | None, html: bool) -> list[Input]:
    """Every input, keyed ``<renderer>/<version>/<sha1>`` (dumps), ``bbc/...`` and ``html/...``."""
    from benchmarks.speed import load_bbc, load_html

    docs = [d for docs in load_html().values() for d in docs]
    url_of = {html_key(d.content): d.url or None for d in docs}
    found: list[Input] = []
    for renderer in sorted(p for p in CACHE_DIR.iterdir() if p.is_dir()):
        for version in sorted(p for p in renderer.iterdir() if p.is_dir()):
            for path in sorted(version.glob("*.txt"))[:limit]:
                key = f"{renderer.name}/{version.name}/{path.stem}"
                text = path.read_text(encoding="utf-8")
                found.append((key, "text", text, url_of.get(path.stem)))
    found += [(d.id, "text", d.content, None) for d in load_bbc(limit)]
    if html:
        found += [(f"html/{d.id}", "html", d.content, d.url or None) for d in docs[:limit]]
    return found


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"type": type(value).__name__, **dataclasses.asdict(value)}
    return value


def extract_one(item: Input) -> tuple[str, dict[str, Any]]:
    """The key and every field of what extraction gives (an exception is a result too)."""
    from newsfold.extract import extract_page
    from newsfold.records import Page

    key, kind, content, url = item
    page = Page(key, key, kind, content, url=url)  # type: ignore[arg-type]
    try:
        out = _plain(extract_page(page))
    except Exception as e:  # the reference may fail the same way
        out = {"type": "exception", "error": f"{type(e).__name__}: {e}"}
    return key, out


def extract_all(items: list[Input], jobs: int) -> Iterator[tuple[str, dict[str, Any]]]:
    if jobs <= 1:
        yield from map(extract_one, items)
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(extract_one, items, chunksize=16)


def save(results: dict[str, dict[str, Any]], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for key in sorted(results):
            f.write(json.dumps({"key": key, "out": results[key]}, ensure_ascii=False) + "\n")


def load(path: Path) -> dict[str, dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {(r := json.loads(line))["key"]: r["out"] for line in f}


def export_src(ref: str, work: Path) -> dict[str, str]:
    """``ref``'s ``src/`` exported under ``work``: the environment that imports it."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", ref, "src"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
    return {**os.environ, "PYTHONPATH": str(work / "src")}


def reference_of(
    ref: str | None, args: argparse.Namespace, work: Path
) -> dict[str, dict[str, Any]]:
    """``ref``'s ``src/`` exported under ``work`` (or the package under ``--ref-path``) and run by
    this script in a process of its own."""
    if ref is None:
        path = os.pathsep.join([str(Path(args.ref_path).resolve()), str(REPO)])
        env = {**os.environ, "PYTHONPATH": path}
    else:
        env = export_src(ref, work)
    out = work / "reference.json.gz"
    argv = [sys.executable, "-m", "benchmarks.extract_identity", "--save", str(out)]
    argv += ["--jobs", str(args.jobs)] + (["--limit", str(args.limit)] if args.limit else [])
    argv += [] if args.html else ["--no-html"]
    subprocess.run(argv, cwd=REPO, env=env, check=True)
    return load(out)


def which_code() -> str:
    """Where ``newsfold.extract`` comes from, and whether its modules are compiled (``.so``)."""
    import importlib

    extract = importlib.import_module("newsfold.extract")
    text = importlib.import_module("newsfold.extract.text")
    kind = "compiled" if str(text.__file__).endswith(".so") else "pure Python"
    return f"{Path(str(extract.__file__)).parent} ({kind})"


def compare(
    ref: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]], show: int
) -> Counter[str]:
    """``{field: pages where it differs}`` (``"missing"`` for a page only one side has); the
    first ``show`` differences printed."""
    diffs: Counter[str] = Counter()
    shown = 0
    for key in sorted(ref.keys() | new.keys()):
        a, b = ref.get(key), new.get(key)
        if a is None or b is None:
            diffs["missing"] += 1
            continue
        for name in sorted(a.keys() | b.keys()):
            if a.get(name) != b.get(name):
                diffs[name] += 1
                if shown < show:
                    shown += 1
                    print(f"{key}: {name}\n  reference: {a.get(name)!r:.600}")
                    print(f"  this tree: {b.get(name)!r:.600}")
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--ref", help="a git ref whose src/ gives the reference (e.g. main)")
    what.add_argument(
        "--ref-path", help="the reference is the package under this PYTHONPATH entry (e.g. src)"
    )
    what.add_argument("--against", type=Path, help="a reference saved by --save")
    what.add_argument("--save", type=Path, help="save this tree's output here (.json.gz)")
    ap.add_argument(
        "--new",
        type=Path,
        help="with --against: this tree's output saved by --save (no extraction)",
    )
    ap.add_argument("--limit", type=int, help="the first N inputs of each source")
    ap.add_argument("--jobs", type=int, default=1, help="processes extracting (default 1)")
    ap.add_argument("--no-html", dest="html", action="store_false", help="text dumps only")
    ap.add_argument("--show", type=int, default=10, help="differences printed (default 10)")
    args = ap.parse_args(argv)
    print(f"extraction from {which_code()}", file=sys.stderr, flush=True)
    if args.new and args.against:
        new = load(args.new)
    else:
        items = inputs(args.limit, args.html)
        print(f"{len(items)} inputs", file=sys.stderr, flush=True)
        new = dict(extract_all(items, args.jobs))
    if args.save:
        save(new, args.save)
        print(f"saved {len(new)} results to {args.save}", file=sys.stderr)
        return 0
    if args.against:
        ref = load(args.against)
    else:
        with tempfile.TemporaryDirectory(prefix="extract-identity-") as tmp:
            ref = reference_of(args.ref, args, Path(tmp))
    diffs = compare(ref, new, args.show)
    if diffs:
        print(f"DIFFERENT: {sum(diffs.values())} fields differ ({dict(diffs)})")
        return 1
    print(f"identical: {len(new)} pages, every field")
    return 0


if __name__ == "__main__":
    sys.exit(main())
