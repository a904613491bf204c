"""Web archives: WARC and WET files, whole or compressed per record, read with fastwarc.

A ``response`` record holding an HTML page becomes an HTML page with its target URI and WARC date
(the fetch time); a ``resource`` record of HTML or plain text the same; a ``conversion`` record
(what a WET file holds: the page's text as the crawler extracted it) becomes a text dump. Every
other record (``warcinfo``, ``request``, ``metadata``, ``revisit``, responses that are not HTML or
not a 200) is skipped and counted by the caller, never rejected: it is not a page. A record cut
short (the archive ends inside it) is rejected as ``truncated``, and so is a compressed archive
whose stream ends early; the records before either are kept. An archive whose records cannot be
parsed is ``malformed`` from the first that cannot.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..records import Page, PageKind, Rejection

if TYPE_CHECKING:
    from fastwarc.warc import WarcRecord

    from .limits import Limits

WARC_SUFFIXES = {".warc", ".wet"}
_PAGE_RECORDS = ("response", "resource", "conversion")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_STATUS = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})")


def is_warc(name: str) -> bool:
    """A WARC or WET file, whole or compressed with gzip, bzip2 or Zstandard."""
    from .inputs import strip_compression

    return Path(strip_compression(name)).suffix.lower() in WARC_SUFFIXES


def _kind(rtype: str, content_type: str) -> PageKind | None:
    ctype = content_type.split(";")[0].strip().lower()
    if rtype == "conversion":
        return "text" if not ctype or ctype.startswith("text/") else None
    if ctype in _HTML_TYPES:
        return "html"
    if rtype == "resource" and ctype == "text/plain":
        return "text"
    return None


def _dechunk(body: bytes) -> bytes:
    out, pos = bytearray(), 0
    while pos < len(body):
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            break
        size = int(body[pos:eol].split(b";")[0].strip() or b"0", 16)
        if size == 0:
            break
        out += body[eol + 2 : eol + 2 + size]
        pos = eol + 2 + size + 2
    return bytes(out)


def _inflate(body: bytes, wbits: int, cap: int) -> bytes:
    """``body`` decompressed, at most ``cap`` bytes of it: a payload that inflates past the
    page limit (a decompression bomb) stops there and is rejected as too large."""
    return zlib.decompressobj(wbits).decompress(body, cap)


def split_http(block: bytes, cap: int) -> tuple[int, dict[str, str], bytes]:
    """An HTTP response as (status, headers with lower-case names, decoded body): chunked
    transfer and gzip/deflate content encodings undone (at most ``cap`` bytes), as a crawler
    stores them raw."""
    head, _, body = block.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    m = _STATUS.match(lines[0]) if lines else None
    status = int(m.group(1)) if m else 0
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
    try:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = _dechunk(body)
        encoding = headers.get("content-encoding", "").lower()
        if encoding in ("gzip", "x-gzip"):
            body = _inflate(body, 16 + zlib.MAX_WBITS, cap)
        elif encoding == "deflate":
            body = _inflate(body, zlib.MAX_WBITS, cap)
    except (ValueError, zlib.error):
        pass  # left as stored: the decoder will call it binary if it is
    return status, headers, body


def read_warc(
    path: Path, outlet: str | None, limits: Limits, skipped: Counter[str]
) -> Iterator[Page | Rejection]:
    """The pages of one archive, in record order (``path#N`` is its N-th record); ``skipped``
    counts the records that are not pages, by kind. A compressed archive is inflated here, as
    any compressed file is (``inputs.chunks``), so one cut short is known to be: the records
    before the cut are kept, and the archive is rejected as ``truncated``."""
    from fastwarc.warc import ArchiveIterator

    from .inputs import ChunkStream, chunks, open_regular, source_name

    source = source_name(path)
    n = 0
    compressed = path.name.endswith((".gz", ".bz2", ".zst"))
    stream: ChunkStream | BinaryIO = (
        ChunkStream(chunks(path, source)) if compressed else open_regular(path, source)
    )
    last: tuple[int, int] | None = None  # where the last record starts, its content's length
    try:
        with stream:
            for rec in ArchiveIterator(stream, parse_http=False):
                n += 1
                last = rec.stream_pos, rec.content_length
                yield from _record_pages(rec, f"{source}#{n}", outlet, limits, skipped)
            if isinstance(stream, ChunkStream):
                if stream.error:  # the archive's own rejection (truncated, malformed)
                    raise stream.error
            elif (cut := _cut_record(stream, last, n)) is not None:
                yield Rejection(
                    f"{source}#{cut}",
                    "truncated",
                    f"{source}#{cut}: the archive ends inside this record's header",
                )
    except OSError as e:  # a record header that cannot be parsed
        if isinstance(stream, ChunkStream) and stream.error:
            raise stream.error from e
        yield Rejection(
            f"{source}#{n + 1}", "malformed", f"{source}: unreadable after record {n} ({e})"
        )


_TAIL_BYTES = 1 << 16  # WARC headers are at most 32 KiB (fastwarc's own bound)


def _cut_record(f: BinaryIO, last: tuple[int, int] | None, n: int) -> int | None:
    """The number of the record whose header the archive ends in, if it does: fastwarc ends
    quietly there, giving the cut header as a record (the ``n``-th, the last) or nothing."""
    start, length = last or (0, 0)
    f.seek(start)
    if last is not None:
        end = f.read(_TAIL_BYTES).find(b"\r\n\r\n")
        if end < 0:
            return n  # the last record's header has no end
        f.seek(start + end + 4 + length)
    return n + 1 if f.read(_TAIL_BYTES).strip() else None


def _record_pages(
    rec: WarcRecord, src: str, outlet: str | None, limits: Limits, skipped: Counter[str]
) -> Iterator[Page | Rejection]:
    """The page a record holds (none for a record that is no page, counted in ``skipped``)."""
    from .limits import check_text
    from .pages import declared_charset, decode_payload, make_page

    rtype = str(rec.record_type)
    if rtype not in _PAGE_RECORDS:
        skipped[rtype] += 1
        return
    cap = limits.max_page_bytes * 4 + 1  # markup and HTTP headers around the text
    block = rec.reader.read(cap)
    declared = rec.content_length
    if declared >= cap:
        yield Rejection(
            src,
            "too_large",
            f"{src}: record of {declared:,} bytes exceeds the limit of {cap - 1:,}",
        )
        return
    if len(block) < declared:
        yield Rejection(
            src, "truncated", f"{src}: record cut short ({len(block):,} of {declared:,} bytes)"
        )
        return
    ctype = rec.headers.get("Content-Type") or ""
    if ctype.startswith("application/http"):
        status, http, block = split_http(block, cap)
        if len(block) >= cap:
            yield Rejection(src, "too_large", f"{src}: payload inflates past {cap - 1:,} bytes")
            return
        if status != 200:
            skipped[f"{rtype} (HTTP {status})"] += 1
            return
        ctype = http.get("content-type", "")
    kind = _kind(rtype, ctype)
    if kind is None:
        skipped[f"{rtype} ({ctype.split(';')[0] or 'no type'})"] += 1
        return
    decoded = decode_payload(block, src, declared_charset(ctype.encode("latin-1", "replace")))
    if isinstance(decoded, Rejection):
        yield decoded
        return
    text, encoding = decoded
    bad = check_text(text, src, limits, kind)
    if bad:
        yield bad
        return
    uri = rec.headers.get("WARC-Target-URI") or None
    date = rec.record_date
    fetched = date.astimezone(UTC).isoformat() if date is not None else None
    yield make_page(src, kind, text, uri, outlet, fetched, encoding)
