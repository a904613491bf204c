"""Read input paths into pages: plain-text dumps, HTML, JSONL, WARC/WET archives, RSS/Atom
feeds, folders, and files compressed with gzip, bzip2 or Zstandard.

``read_paths`` yields a ``Page`` for every usable page, a ``FeedTeaser`` for every summary-only
feed item, and a ``Rejection`` for every input that could not be used (or that breaks a limit of
``Limits``), and never raises for bad input: the rest of the batch goes on. Records of an archive
or feed that are neither (a ``warcinfo`` record, an image response) are counted in
``ReadStats.skipped``, not rejected. Whatever one input does, it is that input's rejection
(``inputs.rejection_for``): a reader's exception, a pipe or device in place of a file, a symlink
out of the folder given, a compressed stream cut short. Every read is bounded: a one-page file
stops at the page limit, a JSONL line at the record limit, a feed at the feed limit, any file
at the file limit, and no check does more than linear work on a page (``limits``).

Bytes are decoded by their byte-order mark (UTF-8, UTF-16, UTF-32), as UTF-16/32 where their NUL
bytes show it, as UTF-8 when they are valid UTF-8, else with the charset the page or its HTTP
header declares (read as browsers read the label), else with the encoding ``encoding.detect``
finds (windows-1252 where it reads as well as any: legacy pages in cp1250, cp1251, EUC-KR,
Shift_JIS, GB18030 and the rest still read right); the page records the codec
(``Page.encoding``) and whether it was declared, detected or assumed (``Page.encoding_basis``).

Every page passes through ``make_page``, which runs the input sanitiser (``sanitize``: NUL,
control and bidi characters, lone surrogates) on its content, URL and outlet and records what it
did (``Page.sanitized``); ``check_text`` holds every path to one rule of what is binary.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final, Literal, TypeAlias

from ..dates import parse_datetime
from ..records import FeedTeaser, Page, PageKind, ReadStats, Rejection
from .feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from .inputs import (
    CHUNK_BYTES,
    chunks,
    given,
    regular_stat,
    rejection_for,
    source_name,
    strip_compression,
    walk,
)
from .limits import Limits, check_text
from .pages import decode_payload, looks_binary, make_page, storable
from .warc import WARC_SUFFIXES, is_warc, read_warc

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
XML_SUFFIXES = {".xml"}  # a feed when its content says so
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".zst")
ReadItem: TypeAlias = Page | FeedTeaser | Rejection
__all__ = ["Limits", "ReadItem", "ReadStats", "check_text", "read_file", "read_paths"]


def _kind_for(name: str, text: str) -> PageKind:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text[:4096].lstrip()[:200].lower()
    return "html" if head.startswith(("<!doctype html", "<html", "<?xml")) else "text"


def _read_bytes(path: Path, limit: int, source: str | None = None) -> bytes:
    """The file's bytes, decompressed, and at most one byte past ``limit`` (so a file over it,
    or a decompression bomb, is known to be over it without being read whole)."""
    cap = limit + 1
    parts, size = [], 0
    for chunk in chunks(path, source or source_name(path), min(CHUNK_BYTES, cap)):
        parts.append(chunk[: cap - size])
        size += len(parts[-1])
        if size >= cap:
            break
    return b"".join(parts)


_BLANK = re.compile(rb"[ \t\n\r\x0b\x0c]*")  # what bytes.strip() strips
_NEWLINES = b"\n" * CHUNK_BYTES
TOO_LONG: Final = "too_long"
PAST_LIMIT: Final = "past_limit"
Line: TypeAlias = bytes | Literal["too_long", "past_limit"]


def _lines(parts: Iterable[bytes], limit: int, max_line: int) -> Iterator[tuple[int, Line]]:
    """The lines of a stream of bytes (split on LF only, as JSON Lines are) that are not
    blank, as ``(n, line)`` with n counted from 1. A line longer than ``max_line`` comes as
    ``(n, TOO_LONG)`` as soon as it is, and its bytes are counted and let go, never held. The
    stream is read to its ``limit``-th byte and no further: a line that ends past it comes
    as ``(n, PAST_LIMIT)``, and is the last. Runs of blank lines are passed over a chunk at a
    time: a file of newlines is no slower than a file of anything."""
    n, size, over, total = 1, 0, False, 0
    held: list[bytes] = []  # the line being read: its parts, their size, whether too long
    stream = iter(parts)
    for whole in stream:
        chunk, beyond = whole, b""
        if total + len(whole) > limit:
            chunk, beyond = whole[: limit - total], whole[limit - total :]
            if beyond == b"\n":  # the line feed of a line that ends at the limit
                beyond = next(stream, b"")
        total += len(chunk)
        pos, end = 0, len(chunk)
        while pos < end:
            if not held and not over:  # at a line's start: skip blank lines in bulk
                if pos == 0 and _NEWLINES.startswith(chunk):  # line feeds only (memcmp)
                    n += len(chunk)
                    break
                if pos == 0 and not chunk.strip():
                    n += chunk.count(b"\n")
                    break
                blank = _BLANK.match(chunk, pos).end()  # type: ignore[union-attr]
                n += chunk.count(b"\n", pos, blank)
                pos = blank
                if pos == end:
                    break
            nl = chunk.find(b"\n", pos)
            stop = end if nl < 0 else nl
            if not over:
                if size + stop - pos > max_line:
                    held, size, over = [], 0, True
                    yield n, TOO_LONG
                else:
                    held.append(chunk[pos:stop])
                    size += stop - pos
            if nl < 0:
                break
            if not over:
                yield n, b"".join(held)
            n, held, size, over, pos = n + 1, [], 0, False, nl + 1
        if beyond:
            yield n, PAST_LIMIT
            return
    if held:
        yield n, b"".join(held)


# a file whose lines are rejected this many times in a row is not JSON Lines of pages (a bomb
# of "{}" lines would be millions of rejections): it stops there, and says so
MAX_REJECTED_IN_A_ROW = 1_000


def stream_jsonl(
    path: Path, outlet: str | None, limits: Limits, source: str | None = None
) -> Iterator[Page | Rejection]:
    """The pages of a JSONL file (``path#N`` is line N), read a chunk at a time: memory holds
    one record, however long the file and its lines. A line longer than
    ``limits.max_record_bytes`` is rejected unread; a file that decompresses to more than
    ``limits.max_file_bytes`` keeps the pages before that point and stops with a rejection."""
    source = source or source_name(path)
    stream = chunks(path, source)
    first = next(stream, b"")
    if looks_binary(first[:8192].split(b"\n", 1)[0]):
        yield Rejection(source, "binary", f"{source}: binary data, not a text or HTML page")
        return
    lines = _lines(itertools.chain([first], stream), limits.max_file_bytes, limits.max_record_bytes)
    records, in_a_row = 0, 0
    for n, line in lines:
        src = f"{source}#{n}"
        if line == PAST_LIMIT:
            yield Rejection(
                source,
                "too_large",
                f"{source}: file decompresses to more than {limits.max_file_bytes:,} bytes; "
                f"lines from {n:,} on are not read",
            )
            return
        if line == TOO_LONG:
            got: Page | Rejection = Rejection(
                src,
                "too_large",
                f"{src}: line longer than {limits.max_record_bytes:,} bytes (the most one "
                "record may hold at the page limit); not read",
            )
        else:
            assert isinstance(line, bytes)
            got = _jsonl_record(line.removeprefix(b"\xef\xbb\xbf") if n == 1 else line,
                                src, outlet, limits)  # fmt: skip
        records += 1
        in_a_row = in_a_row + 1 if isinstance(got, Rejection) else 0
        yield got
        if in_a_row >= MAX_REJECTED_IN_A_ROW:
            yield Rejection(
                source,
                "malformed",
                f"{source}: {in_a_row:,} lines in a row rejected (to line {n:,}): not JSON "
                f"Lines of pages; lines from {n + 1:,} on are not read",
            )
            return
    if not records:
        yield Rejection(source, "empty", f"{source}: no records (the file is empty or blank)")


def _jsonl_record(line: bytes, src: str, outlet: str | None, limits: Limits) -> Page | Rejection:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_payload(line, src)  # JSON is UTF-8, but a legacy export may not be
        if isinstance(decoded, Rejection):
            return decoded
        text = decoded[0]
    return _record(text, src, outlet, limits)


def _record(line: str, src: str, outlet: str | None, limits: Limits) -> Page | Rejection:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        return Rejection(src, "malformed", f"{src}: not a JSON object ({e.msg})")
    except RecursionError:
        return Rejection(src, "too_deep", f"{src}: JSON nested too deeply to be parsed")
    try:
        return storable(page_from_record(rec, src, outlet, limits))
    except Exception as e:  # one record's failure is that record's rejection
        return rejection_for(src, e)


def read_jsonl(
    text: str, source: str, outlet: str | None, limits: Limits
) -> Iterator[Page | Rejection]:
    """The pages of JSONL text, one record a line (``source#N`` is line N)."""
    for n, line in enumerate(text.split("\n"), start=1):  # LF only, as JSON Lines are split
        if line.strip():
            yield _record(line, f"{source}#{n}", outlet, limits)


def page_from_record(rec: object, src: str, outlet: str | None, limits: Limits) -> Page | Rejection:
    """The page in one record (a JSONL line, a Parquet row): ``{"text"|"html": ..., "url"?,
    "outlet"?, "fetched_at"?}``."""
    if not isinstance(rec, dict):
        return Rejection(src, "malformed", f"{src}: expected a JSON object")
    body = rec.get("html") if rec.get("html") else rec.get("text")
    if not isinstance(body, str):
        return Rejection(src, "malformed", f'{src}: needs a "text" or "html" string')
    kind: PageKind = "html" if rec.get("html") else "text"
    bad = check_text(body, src, limits, kind)
    if bad:
        return bad
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    rec_outlet = rec.get("outlet") if isinstance(rec.get("outlet"), str) else None
    fetched = rec.get("fetched_at")
    fetched_at = parse_datetime(fetched) if isinstance(fetched, str) else None
    # JSON text is UTF-8 (RFC 8259); what the line's bytes were, its reader alone knew
    return make_page(src, kind, body, url, rec_outlet or outlet, fetched_at, "utf-8")


def read_file(
    path: Path,
    outlet: str | None = None,
    limits: Limits | None = None,
    stats: ReadStats | None = None,
) -> Iterator[ReadItem]:
    """The pages (and feed teasers) of one file, and a rejection for what cannot be used:
    whatever goes wrong reading it (a pipe in its place, a cut or false compressed stream, a
    parser's exception) is this file's rejection, and the items before it are kept."""
    limits = limits or Limits()
    stats = stats if stats is not None else ReadStats()
    source = source_name(path)
    try:
        yield from _read_file(Path(path), source, outlet, limits, stats)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as e:  # one input's failure is its rejection (a Rust reader's panic too)
        yield rejection_for(source, e)


def _read_file(
    path: Path, source: str, outlet: str | None, limits: Limits, stats: ReadStats
) -> Iterator[ReadItem]:
    regular_stat(path, source)  # a pipe, socket or device is never opened
    name = strip_compression(path.name)
    folder_outlet = outlet or source_name(path.parent.name) or None
    if is_warc(path.name):
        # archives are streamed record by record (fastwarc reads gzip per record or whole)
        yield from map(storable, read_warc(path, outlet, limits, stats.skipped))
        return
    suffix = Path(name).suffix.lower()
    if suffix in JSONL_SUFFIXES:  # each record is checked as it is read (``_record``)
        yield from stream_jsonl(path, outlet, limits, source)
        return
    page_limit = limits.max_single_page_file_bytes
    feed_limit = min(limits.max_feed_bytes, limits.max_file_bytes)
    is_feed, maybe_feed = suffix in FEED_SUFFIXES, suffix in XML_SUFFIXES
    limit = feed_limit if is_feed else max(feed_limit, page_limit) if maybe_feed else page_limit
    data = _read_bytes(path, limit, source)
    if maybe_feed:
        is_feed = looks_like_feed(data)
        limit = feed_limit if is_feed else page_limit
    if len(data) > limit:
        grows = "decompresses to more than" if name != path.name else "exceeds"
        what = (
            " (the most a feed may hold)"
            if is_feed
            else " (the most a one-page file may hold at the page limit)"
        )
        yield Rejection(source, "too_large", f"{source}: file {grows} {limit:,} bytes{what}")
        return
    if is_feed:
        yield from map(storable, read_feed(data, path, folder_outlet, limits, stats.skipped))
        return
    decoded = decode_payload(data, source)
    if isinstance(decoded, Rejection):
        yield decoded
        return
    text, encoding = decoded
    kind = _kind_for(name, text)
    bad = check_text(text, source, limits, kind)
    if bad:
        yield bad
        return
    yield storable(make_page(source, kind, text, None, folder_outlet, None, encoding))


READABLE_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES | XML_SUFFIXES
)


def walk_inputs(root: Path) -> Iterator[Path | Rejection]:
    """The readable files under the folder ``root``, and a rejection for each thing in it that
    cannot be read (``inputs.walk``)."""
    return walk(root, READABLE_SUFFIXES)


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    outlet: str | None = None,
    limits: Limits | None = None,
    stats: ReadStats | None = None,
) -> Iterator[ReadItem]:
    """Every page under ``paths`` (files or folders, recursively), in a stable order, and a
    rejection for every input that cannot be used, each file read once."""
    seen: set[tuple[int, int]] = set()
    for p in paths:
        path = Path(p)
        try:
            for x in given(path, READABLE_SUFFIXES, seen):
                if isinstance(x, Rejection):
                    yield x
                else:
                    yield from read_file(x, outlet, limits, stats)
        except Exception as e:  # a folder's failure is that folder's rejection
            yield rejection_for(source_name(path), e)
