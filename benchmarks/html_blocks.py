"""The HTML path's reading speed: one parse into blocks, beside today's passes and trafilatura.

Reads the real pages of two public sets (the Article Extraction Benchmark's 181 pages and
L3S-GN1's 621 original pages, ``../shared/data``) through newsfold's own reader, as ``fold``
does, then times on every page, one process, in the same run:

- ``read``: ``read_file`` (gunzip, decoding, sanitising: ``newsfold.read``);
- ``parse``: the lxml parse alone (the reference below: html.py's parse before the block reader);
- ``html_to_lines``: the reference line pass (parse and walk) the block reader replaced;
- ``read_blocks``: the single-parse block reader (``extract/blocks.py``), the same lines with
  each block's tag, depth, link text and class/id tokens;
- ``trafilatura.extract``: the peer alone, its default settings (as ``benchmarks.extraction``);
- ``trafilatura (newsfold's settings)``: ``bare_extraction`` as ``extract_html`` calls it, on
  the markup (it parses it again) and on the tree we parsed (it copies it): the one-parse
  wiring, checked to give the same fields on every page;
- ``extract_html`` and ``extract_page``: the whole HTML path today.

Times are CPU seconds of this one process (the machine is shared: wall time is shown only to
say how loaded it was), the systems taking turns page by page after one untimed round, each
page's bounded ``lru_cache``s emptied before each system (``interleaved``). It checks that
``read_blocks`` gives the very lines of ``html_to_lines`` on every page html_to_lines reads,
that trafilatura given our tree returns what it returns from the markup, and that the parse's
depth cut agrees with the read stage's depth scan.

``--profile`` runs ``read_file`` and ``extract_page`` on every page under cProfile instead and
prints where the HTML path's time goes (reading, parse, trafilatura and its parts, our line
pass, the classifier, metadata), each part's cumulative seconds and share. ``--variants``
scores body F1 (the AEB method, ``benchmarks.common``) on AEB's and L3S-GN1's truths of the
HTML path today, without trafilatura's metadata pass, and without trafilatura at all (our
classifier on our own lines), beside trafilatura.extract, with each one's CPU time.

    .venv/bin/python -m benchmarks.html_blocks              # the timing table (all 802 pages)
    .venv/bin/python -m benchmarks.html_blocks --limit 50   # the first 50 pages of each set
    .venv/bin/python -m benchmarks.html_blocks --profile    # the split of the HTML path
    .venv/bin/python -m benchmarks.html_blocks --variants   # what trafilatura adds
    .venv/bin/python -m benchmarks.html_blocks --paths      # the HTML path both ways

Results go to ``benchmarks/results/html_blocks.json`` (``--profile``: ``html_profile.json``,
``--variants``: ``html_variants.json``, ``--paths``: ``html_paths.json``). ``--paths`` times
``extract_html`` with ``html.BODY_FROM_BLOCKS`` off (trafilatura's body on every page) and on
(our block classifier's, ``dom.py``, trafilatura's body only where it is unsure) beside
``trafilatura.extract``, page by page in turns.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import dataclasses
import gc
import json
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from benchmarks.common import SHARED_DATA, print_rows, write_json
from newsfold.extract.blocks import BLOCK, MAX_DEPTH, MAX_HTML_CHARS, SKIP

AEB = SHARED_DATA / "scrapinghub-aeb"
L3S = SHARED_DATA / "l3s-gn1" / "L3S-GN1-20100130203947-00001"


def page_files(limit: int | None = None) -> list[tuple[Path, str]]:
    """``(path, url)`` of every AEB page then every L3S-GN1 original page, the first ``limit``
    of each set when given."""
    out: list[tuple[Path, str]] = []
    if (AEB / "ground-truth.json").is_file():
        truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
        for path in sorted((AEB / "html").glob("*.html.gz"))[:limit]:
            out.append((path, truth.get(path.name.split(".")[0], {}).get("url", "")))
    if (L3S / "url-mapping.txt").is_file():
        urls: dict[str, str] = {}
        for line in (L3S / "url-mapping.txt").read_text(encoding="utf-8").splitlines():
            key, _, url = line.partition("\t")
            urls[key.strip().removeprefix("<urn:uuid:").removesuffix(">")] = url.strip()
        for path in sorted((L3S / "original").glob("*.html.gz"))[:limit]:
            out.append((path, urls.get(path.name.split(".")[0], "")))
    return out


def read_pages(files: list[tuple[Path, str]]) -> list[Any]:
    """The pages as ``fold`` reads them (a file that is rejected is left out)."""
    from newsfold.read.files import read_file
    from newsfold.records import Page

    pages = []
    for path, url in files:
        for item in read_file(path):
            if isinstance(item, Page):
                pages.append(dataclasses.replace(item, url=url or item.url))
    return pages


CACHED = ("htmldate", "trafilatura", "courlan", "justext", "newsfold")
System = tuple[str, Callable[[Any], Any], list[Any]]


def input_caches() -> list[Callable[[], None]]:
    """The ``cache_clear`` of every bounded ``lru_cache`` of trafilatura, htmldate, courlan,
    justext and newsfold: those keep what was read from a page's strings (htmldate's dates),
    so a system run on a page after another would be charged less than the first. The
    unbounded ones (a date parser, word lists) are built once and kept."""
    clears: dict[int, Callable[[], None]] = {}
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in CACHED:
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if callable(info) and info().maxsize is not None:
                clears[id(value)] = value.cache_clear
    return list(clears.values())


def interleaved(systems: list[System]) -> dict[str, tuple[float, float, list[Any]]]:
    """CPU seconds (this process), wall seconds and outputs of each system over its items,
    the systems taking turns page by page, each page's caches emptied before each system: on
    a shared machine the load then weighs on every system alike. The cyclic garbage collector
    runs between pages, untimed, and not within a system's call: a collection there would
    charge one system for the trees another left behind. CPU time is what compares; wall time
    shows how loaded the machine was.

    Every page is run once untimed first: the first system to meet a page was charged a
    quarter to two thirds more than the same call a round later (trafilatura on the markup
    and on our tree, 40 pages: 39.9 against 22.8 ms a page in the first round, 27.5 against
    24.9 in the third), whichever system it was."""
    clears = input_caches()
    pages = max(len(items) for _, _, items in systems)
    for timed in (False, True):
        cpu_s = dict.fromkeys((name for name, _, _ in systems), 0.0)
        wall_s = dict(cpu_s)
        outputs: dict[str, list[Any]] = {name: [] for name, _, _ in systems}
        gc.disable()
        try:
            for i in range(pages):
                gc.collect()
                _one_page(i, systems, clears, cpu_s, wall_s, outputs)
                if not timed and i == 0:
                    clears = input_caches()  # the modules the first page imported
        finally:
            gc.enable()
    return {name: (cpu_s[name], wall_s[name], outputs[name]) for name in cpu_s}


def _one_page(
    i: int,
    systems: list[System],
    clears: list[Callable[[], None]],
    cpu_s: dict[str, float],
    wall_s: dict[str, float],
    outputs: dict[str, list[Any]],
) -> None:
    for name, fn, items in systems:
        if i >= len(items):
            continue
        for clear in clears:
            clear()
        cpu, wall = time.process_time(), time.perf_counter()
        outputs[name].append(fn(items[i]))
        cpu_s[name] += time.process_time() - cpu
        wall_s[name] += time.perf_counter() - wall


def _bare(source: Any, url: str) -> tuple[Any, ...]:
    """trafilatura as ``html._trafilatura`` calls it, on markup or on a parsed tree (which it
    copies before cleaning it): the fields newsfold reads."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        source,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
    )
    return tuple(getattr(doc, f, None) for f in FIELDS) if doc is not None else ()


COLUMNS = [("system", 46), ("cpu s", 8), ("wall s", 8), ("ms/page", 8), ("pages/s", 8),
           ("x lines", 8), ("of html", 8)]  # fmt: skip
FIELDS = ("text", "title", "author", "date", "sitename")


# -- the reference: the parse and line pass the block reader replaced ---------------------------
# (html.py before extract/blocks.py; tests/test_blocks.py holds the block reader to its lines)
def reference_parse(html: str) -> etree._Element | None:
    try:
        return lxml.html.fromstring(html[:MAX_HTML_CHARS])
    except (etree.ParserError, ValueError):
        return None


def reference_html_to_lines(html: str) -> list[str]:
    """The visible text of a page, one line per block element."""
    root = reference_parse(html)
    return reference_lines(root) if root is not None else []


def reference_lines(root: etree._Element) -> list[str]:
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buf).split())
        if text:
            out.append(text)
        buf.clear()

    def walk(el: etree._Element, depth: int) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP or depth > MAX_DEPTH:
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in BLOCK
        if block:
            flush()
        if tag and el.text:
            buf.append(el.text)
        for child in el:
            walk(child, depth + 1)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    walk(root, 0)
    flush()
    return out


def run(limit: int | None) -> dict[str, Any]:
    import trafilatura

    from newsfold.extract.blocks import blocks_of, parse, read_blocks
    from newsfold.extract.html import extract_html
    from newsfold.read.files import read_file
    from newsfold.read.limits import html_depth

    files = page_files(limit)
    if not files:
        sys.exit(f"no pages: {AEB} and {L3S} are absent (see ../shared/DATA.md)")
    pages = read_pages(files)
    htmls = [p.content for p in pages]
    old_roots = [reference_parse(h) for h in htmls]
    trees = [parse(h) for h in htmls]
    roots = [r for r, _ in trees if r is not None]
    n = len(pages)
    systems: list[System] = [
        ("read: read_file (gunzip, decode, checks)", lambda f: list(read_file(f[0])), files),
        ("  of it, the depth scan (limits.html_depth)", html_depth, htmls),
        ("parse: the reference (lxml)", reference_parse, htmls),
        ("parse: blocks.parse (+ depth cut, XML decl.)", parse, htmls),
        ("line pass on the tree (the reference)", reference_lines, roots),
        ("block pass on the tree (blocks.blocks_of)", blocks_of, roots),
        ("html_to_lines (parse + line pass)", reference_html_to_lines, htmls),
        ("read_blocks (parse + block pass)", read_blocks, htmls),
        ("trafilatura.extract (defaults)", trafilatura.extract, htmls),
        ("trafilatura, newsfold's settings, markup", lambda p: _bare(p.content, p.url), pages),
        (
            "trafilatura, newsfold's settings, our tree",
            lambda p: _bare(p[0], p[1]) if p[0] is not None else (),
            [(r, p.url) for (r, _), p in zip(trees, pages, strict=True)],
        ),
        ("  of it, its copy of our tree (deepcopy)", lambda r: len(copy.deepcopy(r)), roots),
        (
            "extract_html (today's HTML path)",
            lambda p: extract_html(p.content, p.url, None, p.fetched_at, p.outlet),
            pages,
        ),
    ]
    timed = interleaved(systems)
    rows = {name: (cpu, wall) for name, (cpu, wall, _) in timed.items()}
    outputs = {name: out for name, (_, _, out) in timed.items()}
    old_lines, blocks = (
        outputs["html_to_lines (parse + line pass)"],
        outputs["read_blocks (parse + block pass)"],
    )
    parsed_before = [i for i, r in enumerate(old_roots) if r is not None]
    same = sum(old_lines[i] == blocks[i].lines for i in parsed_before)
    newly = sum(1 for i, r in enumerate(old_roots) if r is None and len(blocks[i]))
    given = outputs["trafilatura, newsfold's settings, our tree"]
    own = outputs["trafilatura, newsfold's settings, markup"]
    same_trafilatura = sum(a == b for a, b in zip(own, given, strict=True))
    same_field = {
        f: sum(
            len(a) == len(b) and (not a or a[i] == b[i]) for a, b in zip(own, given, strict=True)
        )
        for i, f in enumerate(FIELDS)
    }
    deep_scan = [d > 256 for d in outputs["  of it, the depth scan (limits.html_depth)"]]
    deep_parse = [d for _, d in trees]
    base = rows["html_to_lines (parse + line pass)"][0]
    whole = rows["extract_html (today's HTML path)"][0]
    table = [
        {
            "system": name,
            "cpu_s": round(cpu, 3),
            "wall_s": round(wall, 3),
            "cpu_ms_per_page": round(1000 * cpu / n, 2),
            "pages_per_cpu_s": round(n / cpu, 1) if cpu else None,
            "vs_html_to_lines": round(cpu / base, 2) if base else None,
            "share_of_extract_html": round(cpu / whole, 3) if whole else None,
        }
        for name, (cpu, wall) in rows.items()
    ]
    print(f"{n} pages ({len(files)} files), one process, CPU time of this process")
    print_rows(
        COLUMNS,
        [
            (
                r["system"],
                r["cpu_s"],
                r["wall_s"],
                r["cpu_ms_per_page"],
                r["pages_per_cpu_s"],
                r["vs_html_to_lines"],
                r["share_of_extract_html"],
            )
            for r in table
        ],
    )
    print(
        f"\nread_blocks gives the lines of html_to_lines on {same}/{len(parsed_before)} pages "
        f"it parses; on {newly} of the {n - len(parsed_before)} it does not (an XML "
        f"declaration), read_blocks reads the page.\n"
        f"trafilatura on our tree gives the same text, title, author, date and site name as on "
        f"the markup on {same_trafilatura}/{n} pages (field by field: {same_field}).\n"
        f"too deep: the markup scan says {sum(deep_scan)}, the parse's error log "
        f"{sum(deep_parse)}, agreeing on {sum(a == b for a, b in zip(deep_scan, deep_parse, strict=True))}"
        f"/{n} pages."
    )
    payload = {
        "pages": n,
        "same_lines": same,
        "parsed_by_html_to_lines": len(parsed_before),
        "read_only_by_read_blocks": newly,
        "same_trafilatura_on_our_tree": same_trafilatura,
        "same_trafilatura_fields": same_field,
        "too_deep_scan": sum(deep_scan),
        "too_deep_parse": sum(deep_parse),
        "results": table,
    }
    print(f"\nwrote {write_json('html_blocks', payload)}")
    return payload


# functions of the HTML path, by part: their cumulative time under the profile
PARTS: dict[str, tuple[str, str]] = {
    "read_file (all of reading)": ("files.py", "read_file"),
    "  decode_payload (encoding)": ("pages.py", "decode_payload"),
    "  sanitize": ("sanitize.py", "sanitize"),
    "extract_page (all of extraction)": ("extract/__init__.py", "extract_page"),
    "  extract_html": ("html.py", "extract_html"),
    "    parse (lxml, ours)": ("blocks.py", "parse"),
    "    block pass (blocks.blocks_of)": ("blocks.py", "blocks_of"),
    "    title and h1s": ("html.py", "_title_and_h1s"),
    "    trafilatura bare_extraction": ("html.py", "_trafilatura"),
    "      its parse (trafilatura load_html)": ("trafilatura/utils.py", "load_html"),
    "      its metadata (extract_metadata)": ("trafilatura/metadata.py", "extract_metadata"),
    "      its date (htmldate find_date)": ("htmldate/core.py", "find_date"),
    "      its body (trafilatura_sequence)": ("trafilatura/core.py", "trafilatura_sequence"),
    "        its tree cleaning (tree_cleaning)": ("trafilatura/htmlprocessing.py", "tree_cleaning"),
    "        its main extractor (extract_content)": (
        "trafilatura/main_extractor.py",
        "extract_content",
    ),
    "        its fallbacks (compare_extraction)": ("trafilatura/external.py", "compare_extraction"),
    "    dump classifier (classify_dump)": ("text.py", "classify_dump"),
    "    our metadata (html_meta.read_meta)": ("html_meta.py", "read_meta"),
    "    htmldate fallback (_find_date)": ("html.py", "_find_date"),
    "  detect_language": ("extract/__init__.py", "detect_language"),
}


def profile(limit: int | None) -> dict[str, Any]:
    from newsfold.extract import extract_page
    from newsfold.read.files import read_file
    from newsfold.records import Page

    files = page_files(limit)
    if not files:
        sys.exit(f"no pages: {AEB} and {L3S} are absent (see ../shared/DATA.md)")
    warm = read_pages(files[:1])
    extract_page(warm[0])

    def work() -> int:
        n = 0
        for path, url in files:
            for item in read_file(path):
                if isinstance(item, Page):
                    extract_page(dataclasses.replace(item, url=url or item.url))
                    n += 1
        return n

    prof = cProfile.Profile()
    start = time.perf_counter()
    n = prof.runcall(work)
    wall = time.perf_counter() - start
    stats = pstats.Stats(prof)
    cum: dict[str, float] = {}
    for (file, _, func), (_, _, _, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        for part, (suffix, name) in PARTS.items():
            if func == name and file.endswith(suffix):
                cum[part] = cum.get(part, 0.0) + ct
    total = cum.get("read_file (all of reading)", 0.0) + cum.get(
        "extract_page (all of extraction)", 0.0
    )
    print(f"{n} pages under cProfile, one process: {wall:.1f} s wall ({n / wall:.1f} pages/s)")
    print_rows(
        [("part (cumulative)", 44), ("s", 8), ("ms/page", 8), ("share", 8)],
        [
            (part, round(s, 2), round(1000 * s / n, 2), f"{100 * s / total:.1f}%")
            for part, s in ((p, cum.get(p, 0.0)) for p in PARTS)
        ],
    )
    payload = {
        "pages": n,
        "wall_s": round(wall, 2),
        "parts": {p: round(cum.get(p, 0.0), 3) for p in PARTS},
    }
    print(f"\nwrote {write_json('html_profile', payload)}")
    return payload


def _no_trafilatura(
    html: str, url: str | None, with_metadata: bool = True
) -> tuple[list[str], list[str], dict[str, str | None]]:
    """``html._trafilatura`` replaced: no body, no layout rows, no metadata, so that
    ``extract_html`` takes the body from our own classifier on our own lines."""
    return [], [], {}


def _trafilatura_body_only(
    html: str, url: str | None, with_metadata: bool = True
) -> tuple[list[str], list[str], dict[str, str | None]]:
    """``html._trafilatura`` without trafilatura's metadata pass (title, author, date, site):
    ``extract_html`` then takes them from the page's title, our classifier and htmldate."""
    import trafilatura

    from newsfold.extract import html as html_module

    doc = trafilatura.bare_extraction(
        html[: html_module.MAX_HTML_CHARS],
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
    )
    if doc is None:
        return [], [], {}
    paragraphs, layout = html_module._body_lines(getattr(doc, "text", None) or "")
    return paragraphs, layout, {}


VARIANTS: dict[str, Callable[..., Any] | None] = {
    "newsfold (html) today": None,
    "newsfold (html), trafilatura body, no its metadata": _trafilatura_body_only,
    "newsfold (html), no trafilatura (our lines only)": _no_trafilatura,
}


def variants(limit: int | None) -> dict[str, Any]:
    """Body F1 and CPU time of the HTML path today and without (parts of) trafilatura, on
    AEB's and L3S-GN1's truths, beside trafilatura.extract in the same run."""
    from benchmarks import extraction, l3s
    from benchmarks.common import newsfold_html, score_outputs, trafilatura_live
    from newsfold.extract import html as html_module

    sets: dict[str, dict[str, tuple[str, str, str]]] = {}  # {set: {id: (html, url, truth)}}
    if extraction.DATA_DIR.is_dir():
        truth = extraction.load_truth(limit=limit)
        sets["AEB"] = {
            pid: (extraction.load_html(pid), t["url"], t["articleBody"]) for pid, t in truth.items()
        }
    if l3s.data_present():
        sets["L3S-GN1"] = {
            pid: (p.html, p.url, p.body) for pid, p in l3s.load_pages(limit=limit).items()
        }
    if not sets:
        sys.exit(f"no pages: {AEB} and {L3S} are absent (see ../shared/DATA.md)")
    systems: dict[str, Callable[[str, str], str]] = {name: newsfold_html for name in VARIANTS}
    systems["trafilatura.extract (defaults)"] = trafilatura_live
    original = html_module._trafilatura

    def variant(name: str) -> Callable[[tuple[str, str]], str]:
        extract, patch = systems[name], VARIANTS.get(name) or original

        def run_one(page: tuple[str, str]) -> str:
            html_module._trafilatura = patch  # type: ignore[assignment]
            try:
                return extract(*page)
            finally:
                html_module._trafilatura = original  # type: ignore[assignment]

        return run_one

    results = []
    for set_name, pages in sets.items():
        ids = list(pages)
        inputs = [(pages[i][0], pages[i][1]) for i in ids]
        timed = interleaved([(name, variant(name), inputs) for name in systems])
        for name, (cpu, _, outs) in timed.items():
            score = score_outputs(
                name, {i: pages[i][2] for i in ids}, dict(zip(ids, outs, strict=True))
            )
            results.append(
                {
                    "system": name,
                    "set": set_name,
                    "precision": round(score.precision, 4),
                    "recall": round(score.recall, 4),
                    "f1": round(score.f1, 4),
                    "pages": len(ids),
                    "cpu_ms_per_page": round(1000 * cpu / len(ids), 1),
                }
            )
    print_rows(
        [("system", 52), ("set", 8), ("P", 6), ("R", 6), ("F1", 6), ("ms/page", 8)],
        [
            (r["system"], r["set"], r["precision"], r["recall"], r["f1"], r["cpu_ms_per_page"])
            for r in results
        ],
    )
    payload = {"results": results}
    print(f"\nwrote {write_json('html_variants', payload)}")
    return payload


def _extract_html_with(from_blocks: bool) -> Callable[[Any], Any]:
    """``extract_html`` with ``html.BODY_FROM_BLOCKS`` set for the call."""
    from newsfold.extract import html as html_module

    def call(page: Any) -> Any:
        saved = html_module.BODY_FROM_BLOCKS
        html_module.BODY_FROM_BLOCKS = from_blocks
        try:
            return html_module.extract_html(
                page.content, page.url, None, page.fetched_at, page.outlet
            )
        finally:
            html_module.BODY_FROM_BLOCKS = saved

    return call


def paths(limit: int | None) -> dict[str, Any]:
    """CPU time of the HTML path both ways (trafilatura's body on every page, and the body from
    our block classifier, ``dom.py``, with trafilatura's body only where it is unsure) beside
    trafilatura.extract alone, taking turns page by page in one process (``interleaved``)."""
    import trafilatura

    files = page_files(limit)
    if not files:
        sys.exit(f"no pages: {AEB} and {L3S} are absent (see ../shared/DATA.md)")
    pages = read_pages(files)
    systems: list[System] = [
        ("trafilatura.extract (defaults)", trafilatura.extract, [p.content for p in pages]),
        ("extract_html, trafilatura's body (setting off)", _extract_html_with(False), pages),
        ("extract_html, body from blocks (setting on)", _extract_html_with(True), pages),
    ]
    timed = interleaved(systems)
    n = len(pages)
    rows = [
        {
            "system": name,
            "cpu_s": round(cpu, 3),
            "wall_s": round(wall, 3),
            "cpu_ms_per_page": round(1000 * cpu / n, 2),
            "pages_per_cpu_s": round(n / cpu, 1) if cpu else None,
        }
        for name, (cpu, wall, _) in timed.items()
    ]
    print(f"{n} pages ({len(files)} files), one process, CPU time of this process")
    print_rows(
        [("system", 48), ("cpu s", 8), ("wall s", 8), ("ms/page", 8), ("pages/s", 8)],
        [tuple(r.values()) for r in rows],
    )
    payload = {"pages": n, "results": rows}
    print(f"\nwrote {write_json('html_paths', payload)}")
    return payload


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--limit", type=int, default=None, help="the first N pages of each set")
    ap.add_argument("--profile", action="store_true", help="the split of the HTML path")
    ap.add_argument(
        "--variants", action="store_true", help="body F1 without (parts of) trafilatura"
    )
    ap.add_argument(
        "--paths", action="store_true", help="the HTML path both ways beside trafilatura"
    )
    args = ap.parse_args(argv)
    chosen = profile if args.profile else variants if args.variants else run
    (paths if args.paths else chosen)(args.limit)


if __name__ == "__main__":
    main()
