"""HTML-to-text renderers: the tools that make the page dumps newsfold reads in the wild.

A text dump of a page comes from whatever tool its scraper used, and each tool lays text out its
own way (blank lines between blocks or none, wrapped lines, list bullets, markdown links, the
title bar or not). The body and metadata benchmarks run newsfold on the dumps of every renderer
here, each a real tool run as its users run it:

- ``html_text``: Zyte's html-text, ``extract_text(html, guess_layout=True)`` (the benchmarks'
  dump since the start: ``common.text_dump``);
- ``chromium``: headless Chromium's ``document.body.innerText``, the "select all, copy" dump, with
  the blank lines a browser puts between blocks; the page is loaded with ``set_content``, JavaScript
  off and every network request refused (Debian's chromium driven by Playwright, which downloads
  no browser); one browser renders every page of a run;
- ``lynx``: ``lynx -dump -nolist -display_charset=utf-8`` (lines wrapped at 80 columns, as lynx
  dumps are);
- ``w3m``: ``w3m -dump -T text/html -O utf-8`` (likewise wrapped);
- ``html2text``: the PyPI html2text with its defaults: markdown, ``[text](url)`` links, ``#``
  headings, lines wrapped at 78 columns. Its parser keeps quiet from ``<head>`` until
  ``</head>`` or ``<body>`` and does not close the head where a browser would (at the first
  ``<body>`` content), and it counts ``<script>``/``<style>`` ends without their starts, so
  that a stray ``</script>`` turns it quiet for the rest of the page (or prints the scripts
  and hides the text). 46 of L3S-GN1's 621 originals (18 on half A) give a dump under a tenth
  of html_text's: in 43 its parser meets neither ``</head>`` nor ``<body>`` before the text
  (those looked at are originals with a chunk spliced out of their head), 3 have a stray end
  tag; in all, 24 dumps of half A and 30 of half B hold under half of the page's annotated
  body (html_text's: 1 and 2), which caps html2text's L3S-GN1 recall near 0.91 whatever the
  extractor does. That is the tool as its users run it (the page is decoded right and passed
  whole: checked by running html2text on those pages directly), so it is left so;
- ``resiliparse``: ``extract_plain_text(HTMLTree.parse(html), main_content=False)``, the plain
  text of Common Crawl WET-style pipelines;
- ``lxml_lines``: every text node of the document on its own line, stripped, no blank lines,
  scripts and styles dropped (``BeautifulSoup.get_text("\\n", strip=True)``'s shape, made with
  lxml).

Every renderer takes the page as text (decoded by the benchmark). lynx and w3m read bytes and
honour a page's ``<meta charset>`` over any option, so they get the page as UTF-8 with its charset
declarations rewritten to say so, as a correct HTTP ``Content-Type`` header would. Chromium gets
the page with its ``<meta http-equiv="refresh">`` disabled: following it would leave the page.

A renderer whose tool is missing is skipped with a message (``select``). A page a tool fails on
(a crash, a time-out) is rendered as "" with a message on stderr, and not cached.

Outputs are cached under ``benchmarks/results/cache/<renderer>/<tool version>/<sha1 of the
html>.txt`` (the results folder is not committed), so that a rerun renders nothing it has
rendered before, and a new version of a tool, or of the way this module runs it (``revision``),
renders afresh.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS_DIR, text_dump

CACHE_DIR = RESULTS_DIR / "cache"
_UNSAFE_RE = re.compile(r"[^A-Za-z0-9.+-]+")
TIMEOUT_S = 60  # per page and tool

RenderPage = Callable[[str], str]


class RenderError(Exception):
    """A tool failed on one page."""


@dataclass(frozen=True)
class Renderer:
    """One HTML-to-text tool.

    ``missing`` says why the tool cannot run here (``None`` when it can); ``session`` opens the
    tool once for a batch of pages and yields the function rendering one page."""

    name: str
    tool: str
    missing: Callable[[], str | None]
    session: Callable[[], contextlib.AbstractContextManager[RenderPage]]
    version: Callable[[], str]  # the tool's version, part of the cache key
    revision: int = 1  # raised when this module changes how the tool is run


# --- page preparation -------------------------------------------------------------------------

_META_CHARSET_RE = re.compile(r"""(<meta\b[^>]*?charset\s*=\s*["']?\s*)([A-Za-z0-9_.:-]+)""", re.I)
_META_REFRESH_RE = re.compile(r"""(<meta\b[^>]*?http-equiv\s*=\s*["']?\s*)refresh""", re.I)


def as_utf8_bytes(html: str) -> bytes:
    """The page as UTF-8 bytes whose ``<meta>`` charset declarations say UTF-8."""
    return _META_CHARSET_RE.sub(r"\1utf-8", html).encode("utf-8", errors="replace")


def without_refresh(html: str) -> str:
    """The page with every ``<meta http-equiv="refresh">`` made inert."""
    return _META_REFRESH_RE.sub(r"\1x-refresh-disabled", html)


# --- the renderers ----------------------------------------------------------------------------


def _module_missing(module: str, package: str) -> Callable[[], str | None]:
    def missing() -> str | None:
        import importlib.util

        if importlib.util.find_spec(module) is None:
            return f"the Python package {package} is not installed (pip install '.[test]')"
        return None

    return missing


def _command_missing(command: str, package: str) -> Callable[[], str | None]:
    def missing() -> str | None:
        if shutil.which(command) is None:
            return f"no {command} on PATH (Debian: apt-get install -y {package})"
        return None

    return missing


def _simple(render: RenderPage) -> Callable[[], contextlib.AbstractContextManager[RenderPage]]:
    @contextlib.contextmanager
    def session() -> Iterator[RenderPage]:
        yield render

    return session


def _run(argv: Sequence[str], html: str) -> str:
    try:
        done = subprocess.run(
            argv, input=as_utf8_bytes(html), capture_output=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as e:
        raise RenderError(f"{argv[0]} took over {TIMEOUT_S}s") from e
    if done.returncode != 0:
        raise RenderError(
            f"{argv[0]} exited {done.returncode}: {done.stderr.decode(errors='replace')[:200]}"
        )
    return done.stdout.decode("utf-8", errors="replace")


def render_lynx(html: str) -> str:
    return _run(["lynx", "-dump", "-nolist", "-display_charset=utf-8", "-stdin"], html)


def render_w3m(html: str) -> str:
    return _run(["w3m", "-dump", "-T", "text/html", "-O", "utf-8"], html)


def render_html2text(html: str) -> str:
    import html2text

    return str(html2text.html2text(html))


def render_resiliparse(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return str(extract_plain_text(HTMLTree.parse(html), main_content=False))


_LXML_DROPPED = frozenset({"script", "style"})


def _text_nodes(element: Any) -> Iterator[str]:
    """The text nodes under ``element`` in document order (its own tail excluded)."""
    if isinstance(element.tag, str) and element.tag.lower() in _LXML_DROPPED:
        return
    if isinstance(element.tag, str) and element.text:  # a comment's text is not shown
        yield element.text
    for child in element:
        yield from _text_nodes(child)
        if child.tail:
            yield child.tail


def render_lxml_lines(html: str) -> str:
    import lxml.etree
    import lxml.html

    if not html.strip():
        return ""
    # bytes with the encoding named: lxml refuses a str that opens with an XML declaration
    # naming an encoding, and the parser's encoding overrides any <meta charset>
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as e:
        raise RenderError(f"lxml could not parse the page: {e}") from e
    return "\n".join(t.strip() for t in _text_nodes(root) if t.strip())


def system_chromium() -> str | None:
    """Debian's chromium (or ``$NEWSFOLD_CHROMIUM``): Playwright may not download a browser."""
    for candidate in (
        os.environ.get("NEWSFOLD_CHROMIUM"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def _chromium_missing() -> str | None:
    import importlib.util

    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install '.[test]')"
    if system_chromium() is None:
        return "no system chromium (apt-get install -y chromium, or set NEWSFOLD_CHROMIUM)"
    return None


_INNER_TEXT = "document.body ? document.body.innerText : ''"


@contextlib.contextmanager
def chromium_session() -> Iterator[RenderPage]:
    """One headless browser for the whole batch; JavaScript off, every request refused."""
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as p:
        args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        browser = p.chromium.launch(executable_path=system_chromium(), args=args)
        try:
            context = browser.new_context(java_script_enabled=False)
            context.route("**/*", lambda route: route.abort())
            state: dict[str, Any] = {"page": context.new_page()}

            def render(html: str) -> str:
                page = state["page"]
                try:
                    page.set_content(
                        without_refresh(html),
                        wait_until="domcontentloaded",
                        timeout=TIMEOUT_S * 1000,
                    )
                    return str(page.evaluate(_INNER_TEXT))
                except Error as e:
                    with contextlib.suppress(Error):
                        page.close()
                    state["page"] = context.new_page()  # a fresh tab for the next page
                    raise RenderError(f"chromium: {str(e).splitlines()[0]}") from e

            yield render
        finally:
            browser.close()


def _package_version(package: str) -> Callable[[], str]:
    def version() -> str:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as installed

        try:
            return installed(package)
        except PackageNotFoundError:
            return "unknown"

    return version


def _command_version(*argv: str) -> Callable[[], str]:
    def version() -> str:
        try:
            done = subprocess.run(argv, capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return "unknown"
        lines = done.stdout.decode("utf-8", errors="replace").strip().splitlines()
        return lines[0] if lines else "unknown"

    return version


def _chromium_version() -> str:
    chromium = system_chromium()
    browser = _command_version(chromium, "--version")() if chromium else "unknown"
    return f"{browser} playwright {_package_version('playwright')()}"


RENDERERS: dict[str, Renderer] = {
    r.name: r
    for r in (
        Renderer(
            "html_text",
            "html-text extract_text(guess_layout=True)",
            _module_missing("html_text", "html-text"),
            _simple(text_dump),
            _package_version("html-text"),
        ),
        Renderer(
            "chromium",
            "headless Chromium document.body.innerText (JS off, network refused)",
            _chromium_missing,
            chromium_session,
            _chromium_version,
        ),
        Renderer(
            "lynx",
            "lynx -dump -nolist -display_charset=utf-8",
            _command_missing("lynx", "lynx"),
            _simple(render_lynx),
            _command_version("lynx", "-version"),
        ),
        Renderer(
            "w3m",
            "w3m -dump -T text/html -O utf-8",
            _command_missing("w3m", "w3m"),
            _simple(render_w3m),
            _command_version("w3m", "-version"),
        ),
        Renderer(
            "html2text",
            "html2text.html2text (defaults: markdown)",
            _module_missing("html2text", "html2text"),
            _simple(render_html2text),
            _package_version("html2text"),
        ),
        Renderer(
            "resiliparse",
            "resiliparse extract_plain_text(main_content=False)",
            _module_missing("resiliparse", "resiliparse"),
            _simple(render_resiliparse),
            _package_version("resiliparse"),
        ),
        Renderer(
            "lxml_lines",
            "lxml: every text node a line, no blank lines, no scripts or styles",
            _module_missing("lxml", "lxml"),
            _simple(render_lxml_lines),
            _package_version("lxml"),
            revision=2,  # parses UTF-8 bytes (a page with an XML declaration was empty)
        ),
    )
}
DEFAULT = "html_text"


def parse_names(spec: str | None) -> list[str]:
    """Renderer names from a comma-separated list ("all" or ``None``: every one), in registry
    order; an unknown name is a ``ValueError`` naming the known ones."""
    if spec is None or spec.strip() in ("", "all"):
        return list(RENDERERS)
    names = [n.strip() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in RENDERERS]
    if unknown:
        raise ValueError(
            f"unknown renderer(s) {', '.join(unknown)}; expected some of {', '.join(RENDERERS)}"
        )
    return [n for n in RENDERERS if n in names]


def select(names: Sequence[str] | None = None, *, say: Callable[[str], Any] = print) -> list[str]:
    """The renderers of ``names`` (default: all) whose tools are here; each missing one is
    skipped with a message."""
    chosen: list[str] = []
    for name in names if names is not None else list(RENDERERS):
        why = RENDERERS[name].missing()
        if why is None:
            chosen.append(name)
        else:
            say(f"renderer {name} skipped: {why}")
    return chosen


# --- rendering with a cache -------------------------------------------------------------------


def html_key(html: str) -> str:
    return hashlib.sha1(html.encode("utf-8", errors="surrogatepass")).hexdigest()


@functools.cache
def tool_version(name: str) -> str:
    """The renderer's tool version and this module's revision of it, e.g. "html2text 2025.4.15
    r1" (asked once per run)."""
    renderer = RENDERERS[name]
    return f"{renderer.version()} r{renderer.revision}"


def cache_path(name: str, html: str, cache_dir: Path = CACHE_DIR) -> Path:
    """``<cache_dir>/<renderer>/<tool version>/<sha1 of the html>.txt``: a new version of a tool
    (or of how it is run here) renders afresh."""
    return cache_dir / name / _version_dir(name) / f"{html_key(html)}.txt"


@functools.cache
def _version_dir(name: str) -> str:
    version = tool_version(name)
    short = _UNSAFE_RE.sub("_", version).strip("_")[:40]
    return f"{short}-{hashlib.sha1(version.encode()).hexdigest()[:8]}"


def render_all(
    name: str,
    htmls: Mapping[str, str],
    *,
    cache_dir: Path | None = CACHE_DIR,
    progress: bool = True,
) -> dict[str, str]:
    """``{page id: dump}`` of every page by renderer ``name``, from the cache where it is there
    (``cache_dir=None``: no cache). The tool is opened once, and only if some page is missing."""
    renderer = RENDERERS[name]
    dumps: dict[str, str] = {}
    todo: list[str] = []
    for pid, html in htmls.items():
        path = cache_path(name, html, cache_dir) if cache_dir is not None else None
        if path is not None and path.is_file():
            dumps[pid] = path.read_text(encoding="utf-8")
        else:
            todo.append(pid)
    if not todo:
        return {pid: dumps[pid] for pid in htmls}
    why = renderer.missing()
    if why is not None:
        raise RenderError(f"renderer {name} cannot run: {why}")
    failed = 0
    with renderer.session() as render:
        for done, pid in enumerate(todo, 1):
            html = htmls[pid]
            try:
                dump = render(html)
            except RenderError as e:
                print(f"  {name}: page {pid}: {e}; rendered as empty", file=sys.stderr)
                dumps[pid] = ""
                failed += 1
                continue
            dumps[pid] = dump
            if cache_dir is not None:
                path = cache_path(name, html, cache_dir)
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(dump, encoding="utf-8")
                tmp.replace(path)
            if progress and done % 100 == 0:
                print(f"  {name}: {done}/{len(todo)} pages rendered", file=sys.stderr)
    if progress:
        print(
            f"  {name}: rendered {len(todo)} pages ({failed} failed), "
            f"{len(htmls) - len(todo)} from the cache",
            file=sys.stderr,
        )
    return {pid: dumps[pid] for pid in htmls}


def system_name(base: str, renderer: str) -> str:
    """A system's name on ``renderer``'s dumps: ``base`` itself for html_text (the names every
    benchmark used before there were several renderers), else ``base`` with the renderer in it:
    "newsfold (text dump)" -> "newsfold (text dump: lynx)", "whole text dump (baseline)" ->
    "whole text dump: lynx (baseline)"."""
    if renderer == DEFAULT:
        return base
    if base.endswith(" (baseline)"):
        return f"{base.removesuffix(' (baseline)')}: {renderer} (baseline)"
    if base.endswith(")"):
        return f"{base[:-1]}: {renderer})"
    return f"{base} ({renderer})"


def describe(names: Sequence[str]) -> dict[str, dict[str, str]]:
    """``{renderer: {"tool": how it is run, "version": tool_version}}`` for a benchmark's JSON."""
    return {n: {"tool": RENDERERS[n].tool, "version": tool_version(n)} for n in names}
