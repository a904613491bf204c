"""What every reader shares to turn what it read into a ``Page``: the page's id, its outlet (from
its URL), its URL (from its HTML), its bytes decoded, every field made storable."""

from __future__ import annotations

import hashlib
import re
from typing import TypeVar
from urllib.parse import urlsplit

from ..records import EncodingBasis, FeedTeaser, Page, PageKind, Rejection
from .encoding import bom, codec_for_label, detect, utf16_without_bom
from .encoding import decode as decode_bytes
from .inputs import source_name
from .sanitize import CONTROL_SAMPLE, sanitize, sanitize_field, too_many_controls


def page_id(kind: str, content: str, url: str | None, outlet: str | None) -> str:
    """Stable page id: the same page folded twice gets the same id, wherever the file lies."""
    h = hashlib.sha1()
    for part in (kind, url or "", outlet or "", content):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return "p_" + h.hexdigest()[:16]


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a page's URL names: its host, lower-cased, less a leading ``www.``. None (the
    caller falls back to the record's or folder's outlet) unless the URL is an http(s) URL
    (``http://``, ``https://``, protocol-relative ``//host``, or a bare ``host.tld/path``) with
    a real host name: dotted labels of letters, digits and hyphens, not all digits at the end.
    IP literals and ``localhost`` name no outlet, nor a URL with whitespace around it or control
    or bidi characters in it (``" javascript:..."``), nor ``javascript:``, ``data:`` and
    every other scheme."""
    if not url or url != url.strip() or _URL_BAD.search(url):
        return None
    low = url.lower()
    if low.startswith(("http://", "https://", "//")):
        rest = url
    elif _SCHEME.match(url):
        return None  # javascript:, data:, mailto:, ftp:, ...
    else:
        rest = "//" + url
    try:
        parts = urlsplit(rest)
        host = parts.hostname
    except ValueError:  # an unbalanced IPv6 bracket, a bad port
        return None
    if not host or "\\" in parts.netloc:
        return None
    host = host.lower().rstrip(".")
    labels = host.split(".")
    if (
        len(host) > 253
        or len(labels) < 2
        or labels[-1].isdigit()
        or not all(_LABEL.fullmatch(label) for label in labels)
    ):
        return None
    return host[4:] if host.startswith("www.") and len(labels) > 2 else host


# a scheme ("javascript:", "data:"), told from a bare "host:port/path"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?!\d+(?:[/?#]|$))")
_URL_BAD = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")  # IDN labels in Unicode too
# the page's own URL: a canonical link, or an og:url meta. Each <link> and <meta> tag is cut at
# its first ">" (as a browser ends it) and its attributes are read within it: patterns searched
# over the whole page would backtrack on hostile markup (thousands of "<link" and no ">")
_LINK_OR_META = re.compile(r"<(link|meta)\b", re.I)
_CANONICAL_REL = re.compile(r"""\brel\s*=\s*["']?canonical""", re.I)
_OG_URL = re.compile(r"""\bproperty\s*=\s*["']og:url["']""", re.I)
_HREF = re.compile(r"""\b(?:href|content)\s*=\s*["']([^"']+)["']""", re.I)


def url_from_html(html: str) -> str | None:
    """The page's own URL as it declares it (canonical link, else og:url), if absolute."""
    head, pos = html[:200_000], 0
    while m := _LINK_OR_META.search(head, pos):
        end = head.find(">", m.end())
        if end < 0:
            return None
        tag, pos = head[m.start() : end + 1], end + 1
        wanted = _CANONICAL_REL if m.group(1).lower() == "link" else _OG_URL
        if wanted.search(tag):
            href = _HREF.search(tag)
            if href and href.group(1).startswith(("http://", "https://")):
                return href.group(1).strip()
    return None


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` (bytes that are not UTF-16 or UTF-32) is no text page: more control
    bytes, NUL included, than ``sanitize.too_many_controls`` lets any page carry, whatever path
    it came by. A few stray NULs are text, and the sanitiser removes them."""
    return too_many_controls(data[:CONTROL_SAMPLE])


def declared_charset(data: bytes) -> str | None:
    """The charset a page (or an HTTP Content-Type header) declares, if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w.:-]+)""", re.I)


def decode_payload(
    data: bytes, source: str, declared: str | None = None
) -> tuple[str, str] | Rejection:
    """The text of a page and how it was read: ``"CODEC (BASIS)"``, where BASIS is
    ``declared`` (a byte-order mark, the HTTP ``declared`` charset, then the page's own) or
    ``detected`` (UTF-16/32 by its NUL pattern, valid UTF-8, or ``encoding.detect``'s guess,
    windows-1252 where it reads as well as any). UTF-8 bytes are read as UTF-8 whatever a
    page declares; a charset label is read as browsers read it (ISO-8859-1 is windows-1252)."""
    mark = bom(data)
    if mark is not None:
        codec, skip = mark
        try:
            return data[skip:].decode(codec), f"{codec} (declared)"
        except UnicodeDecodeError as e:
            if codec == "utf-8":  # a legacy export behind a UTF-8 mark: read as if unmarked
                data = data[skip:]
            else:
                return Rejection(
                    source,
                    "undecodable",
                    f"{source}: starts with a {codec} byte-order mark but is not {codec} "
                    f"(byte {e.start + skip})",
                )
    wide = utf16_without_bom(data)
    if wide is not None:
        cut = len(data) - len(data) % (4 if wide.startswith("utf-32") else 2)
        return data[:cut].decode(wide), f"{wide} (detected)"
    if looks_binary(data):
        return Rejection(source, "binary", f"{source}: binary data, not a text or HTML page")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_bad = e.start
    else:
        labels = (declared, declared_charset(data))
        said = any(label and codec_for_label(label) == "utf-8" for label in labels)
        return text, f"utf-8 ({'declared' if said else 'detected'})"
    for label in (declared, declared_charset(data)):
        charset = codec_for_label(label) if label else None
        if charset is None or charset == "utf-8":
            continue
        try:
            return decode_bytes(data, charset), f"{charset} (declared)"
        except UnicodeError:
            continue
    guess = detect(data)
    if guess is not None:
        try:
            return decode_bytes(data, guess[0]), f"{guess[0]} (detected)"
        except UnicodeError:  # past the sample detect looked at
            pass
    return Rejection(
        source,
        "undecodable",
        f"{source}: not valid UTF-8 (byte {first_bad}), no usable declared charset, "
        "and no confident guess of its encoding",
    )


def decode(data: bytes, source: str) -> str | Rejection:
    decoded = decode_payload(data, source)
    return decoded if isinstance(decoded, Rejection) else decoded[0]


_Item = TypeVar("_Item", bound=Page | FeedTeaser | Rejection)
_TEXT_FIELDS = {
    Page: ("source", "content", "url", "outlet", "fetched_at", "encoding"),
    FeedTeaser: ("source", "outlet", "headline", "url", "summary", "published", "updated",
                 "feed_url", "feed_updated"),
}  # fmt: skip


def storable(item: _Item) -> _Item | Rejection:
    """``item``, or its rejection if a text of it holds a lone surrogate (JSON's ``"\\ud800"``
    escape makes one): not Unicode text, and no store or JSON document takes it."""
    for name in _TEXT_FIELDS.get(type(item), ()):
        value = getattr(item, name)
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as e:
                src = source_name(item.source) if name == "source" else item.source
                return Rejection(
                    src,
                    "undecodable",
                    f"{src}: its {name} holds a lone surrogate (U+{ord(value[e.start]):04X} at "
                    f"{e.start:,}), which is not text",
                )
    return item


def make_page(
    source: str,
    kind: PageKind,
    content: str,
    url: str | None,
    outlet: str | None,
    fetched_at: str | None,
    encoding: str | None = None,
) -> Page:
    """The page every reader makes, the one place all of them pass through: its content, URL
    and outlet sanitised (``sanitize``: NUL, control and bidi characters, lone surrogates; what
    was done kept in ``Page.sanitized``), its outlet from its URL where that is an http(s) URL, its
    encoding split into codec and basis (``encoding`` as ``decode_payload`` gives it,
    ``"cp1252 (detected)"``; a bare codec, from a reader that got text already decoded, is
    ``assumed``)."""
    content, done = sanitize(content, kind)
    url, outlet = sanitize_field(url, done), sanitize_field(outlet, done)
    if kind == "html" and not url:
        url = url_from_html(content)
    outlet = outlet_from_url(url) or outlet
    codec, basis = split_encoding(encoding)
    return Page(
        id=page_id(kind, content, url, outlet),
        source=source,
        kind=kind,
        content=content,
        url=url,
        outlet=outlet,
        fetched_at=fetched_at,
        encoding=codec,
        encoding_basis=basis,
        sanitized=dict(sorted(done.items())),
    )


def split_encoding(encoding: str | None) -> tuple[str | None, EncodingBasis | None]:
    """``"cp1252 (detected)"`` as ``("cp1252", "detected")``; a bare codec is ``assumed``."""
    if not encoding:
        return None, None
    codec, _, rest = encoding.partition(" (")
    basis = rest.rstrip(")")
    if basis == "declared":
        return codec, "declared"
    if basis == "detected":
        return codec, "detected"
    return codec, "assumed"
