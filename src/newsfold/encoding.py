"""Which encoding a page's bytes are in, when nothing reliable declares it.

``ingest.decode_payload`` asks, in order: a byte-order mark (UTF-8, UTF-16, UTF-32: ``bom``), the
NUL pattern of BOM-less UTF-16 and UTF-32 (``utf16_without_bom``), UTF-8, a declared charset
(read as browsers read its label: ``codec_for_label``), and last ``detect``.

``detect`` is charset-normalizer's candidates judged again by what their text looks like, with
windows-1252 preferred where it reads as well as any: it is what browsers assume of an
undeclared Western page, and charset-normalizer alone calls much short Western text cp1250,
cp850 or cp932 (a BBC article whose only non-ASCII character is "£" or "ñ" reads the same in
each, by its measures). What "reads well" means (``fit``): the share of the text's non-ASCII
characters that belong, all together, to one language's alphabet (Latin script) or to one
script (Cyrillic, Greek, CJK, ...), symbols between two Latin letters, control and unassigned
characters and half-width katakana counting against. cp1250 text read as cp1252 gives letters no
one language has together ("è" with "æ" for "č" with "ć") and symbols inside words ("Za¿ó³æ"),
so Central European pages still come out right.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from functools import lru_cache

# how far a guess may be garbled (charset-normalizer's "chaos", and our ``fit``)
MAX_CHAOS = 0.2
MIN_FIT = 0.6
SAMPLE_BYTES = 200_000

_BOMS = (  # UTF-32 before UTF-16: FF FE 00 00 starts both
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# labels browsers read as another encoding than Python's codec of that name (the WHATWG Encoding
# Standard): ISO-8859-1 and ASCII pages are windows-1252, GB2312 and GBK pages GB18030, ...
_WHATWG = {
    **dict.fromkeys(
        (
            "iso-8859-1",
            "iso8859-1",
            "iso_8859-1",
            "latin1",
            "latin-1",
            "l1",
            "ascii",
            "us-ascii",
            "cp819",
            "ibm819",
            "iso-ir-100",
            "x-cp1252",
            "windows-1252",
        ),
        "cp1252",
    ),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "latin5", "l5", "windows-1254"), "cp1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11", "windows-874"), "cp874"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "gb_2312-80"), "gb18030"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "windows-949", "csksc56011987"), "cp949"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "x-x-big5"), "big5hkscs"),
}

# the non-ASCII letters of the languages written in Latin script that legacy code pages carry
# (lower case): windows-1252's, windows-1250's, the Baltic and Turkish ones
_ALPHABETS = [
    frozenset(a)
    for a in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüßé",  # German
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõúü",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "àçèéíïòóúü",  # Catalan
        "áéëïóöüè",  # Dutch
        "æøåéó",  # Danish, Norwegian
        "åäöéü",  # Swedish, Finnish
        "áðéíóúýþæö",  # Icelandic
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "čćđšž",  # Croatian, Bosnian, Serbian, Slovene
        "ăâîșțşţ",  # Romanian
        "çë",  # Albanian
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
        "äõöüšž",  # Estonian
        "çğıöşüâî",  # Turkish
    )
]
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CJK = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "FULLWIDTH", "IDEOGRAPHIC", "BOPOMOFO")


def _c1_passthrough(e: UnicodeError) -> tuple[str, int]:
    """The five bytes windows-1252 leaves undefined read as the C1 controls of the same value,
    as browsers read them (the sanitiser then removes them)."""
    assert isinstance(e, UnicodeDecodeError)
    return "".join(chr(b) for b in e.object[e.start : e.end]), e.end


codecs.register_error("newsfold-c1", _c1_passthrough)


def decode(data: bytes, codec: str) -> str:
    """``data`` read as ``codec``, strictly but for windows-1252's five undefined bytes."""
    if codec == "cp1252":
        return data.decode("cp1252", "newsfold-c1")
    return data.decode(codec)


def codec_name(name: str) -> str | None:
    """Python's codec for a character encoding's name, or None where it has none, or where the
    codec is no charset a page may be in (``base64``, ``rot13``, ``unicode_escape``, ``idna``,
    ``utf-7``: what a hostile page could name to have its bytes rewritten)."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a name with a NUL in it
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


_NOT_CHARSETS = frozenset(
    {"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7", "mbcs",
     "oem", "charmap", "escape-codec"}
)  # fmt: skip


def codec_for_label(label: str) -> str | None:
    """The codec a declared charset label stands for, read as browsers read it; None for an
    unknown label and for a UTF-16/32 label on bytes without their BOM or pattern (which
    browsers read as UTF-8: such a declaration is a mistake)."""
    key = label.strip().strip("\"'").lower()
    codec = _WHATWG.get(key) or codec_name(key)
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        return None
    return codec


def bom(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark declares, and the mark's length."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return codec, len(mark)
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, known by where its NUL bytes fall: ASCII
    characters (spaces, line breaks, digits) have a zero high byte, so a text's NULs gather on
    one side of each code unit. Latin text is half NULs, on one side only; CJK text holds few
    (its ASCII, and ideographs such as U+4E00 put one on the other side), so there the bytes
    must also be unlike ASCII (a fifth at least of 0x80 or over: an ASCII text with stray NULs
    is not CJK) and the byte order that reads better is taken. Either is taken only when the
    bytes decode, hold a space or line break, and read well (``fit``)."""
    sample = data[:4096]
    if b"\x00" not in sample:
        return None
    units4 = len(sample) // 4
    if units4 >= 4:
        for codec, always, often in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
            # a BMP character's two high bytes are zero
            zeros = [sample[i : units4 * 4 : 4].count(0) for i in range(4)]
            if zeros[always] >= units4 * 0.99 and zeros[often] >= units4 * 0.9:
                return codec if _reads_well(data, codec, 4) is not None else None
    units = len(sample) // 2
    if units < 4:
        return None
    even, odd = sample[0 : units * 2 : 2].count(0), sample[1 : units * 2 : 2].count(0)
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= units * 0.3 and low * 10 <= high:  # Latin text
            return codec if _reads_well(data, codec, 2) is not None else None
    if sum(b >= 0x80 for b in sample) < len(sample) // 5:
        return None
    best: tuple[float, str] | None = None
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= 2 and high > low:
            score = _reads_well(data, codec, 2)
            if score is not None and (best is None or score > best[0]):
                best = (score, codec)
    return best[1] if best else None


def _reads_well(data: bytes, codec: str, width: int) -> float | None:
    try:
        text = data[: len(data) // width * width].decode(codec)
    except UnicodeDecodeError:
        return None
    head = text[:2048]
    if (" " not in head and "\n" not in head) or "\x00" in head:
        return None
    score = fit(head)
    return score if score >= MIN_FIT else None


@lru_cache(maxsize=8192)
def _script(ch: str) -> str:
    """``latin``, ``cjk``, ``odd`` (half-width katakana, modifier letters, ordinals), or the
    first word of the letter's Unicode name (``CYRILLIC``, ``GREEK``, ...)."""
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("HALFWIDTH"):
        return "odd"
    if name.startswith(_CJK):
        return "cjk"
    first = name.split(" ", 1)[0]
    if first in ("CYRILLIC", "GREEK", "HEBREW", "ARABIC", "THAI", "ARMENIAN", "GEORGIAN",
                 "DEVANAGARI", "BENGALI", "TAMIL", "KHMER", "LAO", "ETHIOPIC"):  # fmt: skip
        return first
    return "odd"


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _latin_letter(ch: str) -> bool:
    return ch.isalpha() and (ch.isascii() or _script(ch) == "latin")


def fit(text: str) -> float:
    """How well ``text`` reads, 0 to 1: the share of its non-ASCII characters that are letters
    of the one alphabet (Latin script) or script that holds most of them; odd characters
    count against (see the module's docstring). Text with none of either scores 1."""
    scripts: Counter[str] = Counter()
    latin: Counter[str] = Counter()
    odd = 0
    last = len(text) - 1
    for m in _NON_ASCII.finditer(text):
        ch, i = m.group(), m.start()
        if ch.isalpha():
            script = _script(ch)
            if script == "odd" or (
                script not in ("latin", "cjk")
                and (_ascii_letter(text[i - 1 : i]) or _ascii_letter(text[i + 1 : i + 2]))
            ):
                odd += 1  # a Cyrillic (Greek, ...) letter inside a word of ASCII letters
            else:
                scripts[script] += 1
                if script == "latin":
                    latin[ch.lower()] += 1
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd" or "\uff61" <= ch <= "\uff9f":
            odd += 1  # controls, unassigned, replaced, half-width katakana punctuation
        elif 0 < i < last and _latin_letter(text[i - 1]) and _latin_letter(text[i + 1]):
            odd += 1  # a symbol inside a word: a letter of another code page
    total = sum(scripts.values()) + odd
    if not total:
        return 1.0
    if not scripts:
        return 0.0
    script, n = scripts.most_common(1)[0]
    if script == "latin":
        n = max(sum(k for ch, k in latin.items() if ch in a) for a in _ALPHABETS)
    return n / total


def detect(data: bytes) -> tuple[str, float] | None:
    """The encoding of undeclared bytes that are not UTF-8, and how well the text reads in it
    (``fit``), or None when no encoding reads well enough."""
    from charset_normalizer import from_bytes

    sample = data[:SAMPLE_BYTES]
    # windows-1252 first: it wins every tie; then charset-normalizer's plausible guesses, best
    # first; windows-1250 where it did not guess it, so the two are always weighed
    order = ["cp1252"]
    for match in from_bytes(sample):
        if match.chaos <= MAX_CHAOS:
            name = codec_name(match.encoding)
            if name in ("gb2312", "gbk"):
                name = "gb18030"  # its superset, as browsers read both
            if name and name not in order:
                order.append(name)
        if len(order) >= 8:
            break
    if "cp1250" not in order:
        order.append("cp1250")
    best: tuple[str, float] | None = None
    for codec in order:
        try:
            # a multi-byte character cut at the sample's end is no fault of the encoding
            text = decode(sample, codec) if len(sample) == len(data) else _decode_cut(sample, codec)
        except (UnicodeError, LookupError):
            continue
        score = fit(text)
        if best is None or score > best[1]:
            best = (codec, score)
    if best is None or best[1] < MIN_FIT:
        return None
    return best


def _decode_cut(sample: bytes, codec: str) -> str:
    if codec == "cp1252":
        return decode(sample, codec)
    return codecs.getincrementaldecoder(codec)().decode(sample, final=False)
