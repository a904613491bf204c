"""Read input paths into pages: plain-text dumps, HTML, JSONL, folders, gzip.

``read_paths`` yields a ``Page`` for every usable page and a ``Rejection`` for every input that
could not be used, and never raises for bad input: the rest of the batch goes on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .extract.dates import parse_datetime
from .records import Page, PageKind, Rejection

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(slots=True, frozen=True)
class Limits:
    """Bounds on untrusted input. A page over ``max_page_bytes`` is rejected, not truncated."""

    max_page_bytes: int = 5_000_000
    max_file_bytes: int = 2_000_000_000


def page_id(kind: str, content: str, url: str | None, outlet: str | None) -> str:
    """Stable page id: the same page folded twice gets the same id, wherever the file lies."""
    h = hashlib.sha1()
    for part in (kind, url or "", outlet or "", content):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return "p_" + h.hexdigest()[:16]


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


_CANONICAL = re.compile(
    r"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>|<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*>""",
    re.I,
)
_HREF = re.compile(r"""\b(?:href|content)\s*=\s*["']([^"']+)["']""", re.I)


def url_from_html(html: str) -> str | None:
    """The page's own URL as it declares it (canonical link, else og:url), if absolute."""
    for m in _CANONICAL.finditer(html[:200_000]):
        href = _HREF.search(m.group(0))
        if href and href.group(1).startswith(("http://", "https://")):
            return href.group(1).strip()
    return None


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def decode(data: bytes, source: str) -> str | Rejection:
    if looks_binary(data):
        return Rejection(source, "binary", f"{source}: binary data, not a text or HTML page")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        m = re.search(rb"""charset\s*=\s*["']?([\w.:-]+)""", data[:4096], re.I)
        if m:
            try:
                return data.decode(m.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        return Rejection(
            source,
            "undecodable",
            f"{source}: not valid UTF-8 (byte {e.start}) and no usable declared charset",
        )


def _kind_for(name: str, text: str) -> PageKind:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:200].lower()
    return "html" if head.startswith(("<!doctype html", "<html", "<?xml")) else "text"


def _strip_compression(path: Path) -> str:
    return path.name[:-3] if path.name.endswith(".gz") else path.name


def _read_bytes(path: Path, limits: Limits) -> bytes:
    if path.name.endswith(".gz"):
        with gzip.open(path, "rb") as f:
            data = f.read(limits.max_file_bytes + 1)
    else:
        with open(path, "rb") as f:
            data = f.read(limits.max_file_bytes + 1)
    return data


def _make_page(
    source: str,
    kind: PageKind,
    content: str,
    url: str | None,
    outlet: str | None,
    fetched_at: str | None,
) -> Page:
    if kind == "html" and not url:
        url = url_from_html(content)
    outlet = outlet_from_url(url) or outlet
    return Page(
        id=page_id(kind, content, url, outlet),
        source=source,
        kind=kind,
        content=content,
        url=url,
        outlet=outlet,
        fetched_at=fetched_at,
    )


def _check_text(text: str, source: str, limits: Limits) -> Rejection | None:
    if not text.strip():
        return Rejection(source, "empty", f"{source}: empty page")
    if len(text) > limits.max_page_bytes:
        return Rejection(
            source,
            "too_large",
            f"{source}: page of {len(text):,} characters exceeds the limit of "
            f"{limits.max_page_bytes:,}",
        )
    return None


def read_jsonl(
    text: str, source: str, outlet: str | None, limits: Limits
) -> Iterator[Page | Rejection]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        src = f"{source}#{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejection(src, "malformed", f"{src}: not a JSON object ({e.msg})")
            continue
        if not isinstance(rec, dict):
            yield Rejection(src, "malformed", f"{src}: expected a JSON object")
            continue
        body = rec.get("html") if rec.get("html") else rec.get("text")
        if not isinstance(body, str):
            yield Rejection(src, "malformed", f'{src}: needs a "text" or "html" string')
            continue
        bad = _check_text(body, src, limits)
        if bad:
            yield bad
            continue
        kind: PageKind = "html" if rec.get("html") else "text"
        url = rec.get("url") if isinstance(rec.get("url"), str) else None
        rec_outlet = rec.get("outlet") if isinstance(rec.get("outlet"), str) else None
        fetched = rec.get("fetched_at")
        fetched_at = parse_datetime(fetched) if isinstance(fetched, str) else None
        yield _make_page(src, kind, body, url, rec_outlet or outlet, fetched_at)


def read_file(
    path: Path, outlet: str | None = None, limits: Limits | None = None
) -> Iterator[Page | Rejection]:
    limits = limits or Limits()
    source = str(path)
    try:
        data = _read_bytes(path, limits)
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        yield Rejection(source, "unreadable", f"{source}: cannot read ({e})")
        return
    if len(data) > limits.max_file_bytes:
        yield Rejection(
            source, "too_large", f"{source}: file exceeds {limits.max_file_bytes:,} bytes"
        )
        return
    text = decode(data, source)
    if isinstance(text, Rejection):
        yield text
        return
    name = _strip_compression(path)
    folder_outlet = outlet or (path.parent.name or None)
    if Path(name).suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(text, source, outlet, limits)
        return
    bad = _check_text(text, source, limits)
    if bad:
        yield bad
        return
    yield _make_page(source, _kind_for(name, text), text, None, folder_outlet, None)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            base = name[:-3] if name.endswith(".gz") else name
            if Path(base).suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                yield Path(dirpath) / name


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    outlet: str | None = None,
    limits: Limits | None = None,
) -> Iterator[Page | Rejection]:
    """Every page under ``paths`` (files or folders, recursively), in a stable order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in _walk(path):
                yield from read_file(f, outlet, limits)
        elif path.exists():
            yield from read_file(path, outlet, limits)
        else:
            yield Rejection(str(path), "missing", f"{path}: no such file or folder")
