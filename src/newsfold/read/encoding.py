"""Which encoding a page's bytes are in, when nothing reliable declares it.

``pages.decode_payload`` asks, in order: a byte-order mark (UTF-8, UTF-16, UTF-32: ``bom``), the
NUL pattern of BOM-less UTF-16 and UTF-32 (``utf16_without_bom``), UTF-8, a declared charset
(read as browsers read its label: ``codec_for_label``), and last ``detect``.

``detect`` weighs charset-normalizer's plausible guesses, windows-1252 and the other Windows code
pages of alphabetic scripts (1250, 1254, 1251, 1257) by how their text reads (``reading``):
how many of its non-ASCII characters the one alphabet (Latin script: a language's letters) or
script (Cyrillic, Greek, ...; for CJK, the national character sets of a Japanese, Korean or
Chinese reading) that holds most of them accounts for. Characters no text puts there count
against: symbols inside or on words ("Za¿ó³æ" is "Zażółć"), a capital after a small letter
("traŞi"), a Cyrillic letter or an ideograph among ASCII letters, controls, half-width katakana.
The reading that misses fewest wins; of readings that miss about as few (two letters more, in a
text of 20 or more: a foreign name), the likelier language's (a rough weight of its share of the
web), then windows-1252, then charset-normalizer's order. windows-1252 is what browsers assume
of an undeclared Western page, and charset-normalizer alone calls much Western text cp1250,
cp850 or cp932 (a BBC article whose only non-ASCII character is "£" or "ñ" reads the same in
each, by its measures); Central European text still reads right, as its letters read in
windows-1252 fit no one language.

Measured by ``python -m benchmarks.encoding``: BBC articles in cp1252 647/647 exact; SemEval-2022
news in ten languages in their code pages 0.991-1.000 each (charset-normalizer alone 0.35-1.0);
the texts written for the benchmark, every set exact.
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
CLOSE_SHARE = 0.02  # readings that miss this share more (or one letter) are alike
CLOSE_MIN_LETTERS = 20
CLOSE_MIN_MISSES = 2.0
ALWAYS_WEIGHED = ("cp1250", "cp1254", "cp1251", "cp1257")
SAMPLE_BYTES = 200_000
READ_CHARS = 4000  # non-ASCII characters a reading looks at

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
# (lower case), each with a rough weight of how much of the web is in it: where two readings fit
# alike ("è é" is French in cp1252 and Czech in cp1250), the likelier language's wins
_ALPHABETS: list[tuple[frozenset[str], int]] = [
    (frozenset(letters), weight)
    for letters, weight in (
        ("àâæçéèêëîïôœùûüÿ", 10),  # French
        ("äöüßé", 10),  # German
        ("áéíñóúü", 10),  # Spanish
        ("áâãàçéêíóôõúü", 10),  # Portuguese
        ("àèéìíîòóùú", 10),  # Italian
        ("áéëïóöüè", 8),  # Dutch
        ("ąćęłńóśźż", 8),  # Polish
        ("çğıöşüâî", 6),  # Turkish
        ("áčďéěíňóřšťúůýž", 6),  # Czech
        ("åäöé", 6),  # Swedish, Finnish
        ("áéíóöőúüű", 6),  # Hungarian
        ("ăâîșțşţ", 6),  # Romanian
        ("àçèéíïòóúü", 5),  # Catalan
        ("æøåé", 5),  # Danish, Norwegian
        ("áäčďéíĺľňóôŕšťúýž", 6),  # Slovak
        ("čćđšž", 6),  # Croatian, Bosnian, Serbian, Slovene
        ("ąčęėįšųūž", 3),  # Lithuanian
        ("āčēģīķļņšūž", 3),  # Latvian
        ("äõöüšž", 3),  # Estonian
        ("çë", 3),  # Albanian
        ("áðéíóúýþæö", 3),  # Icelandic
    )
]
NO_LETTERS_WEIGHT = 10  # ASCII letters only: English, as likely as any
SCRIPT_WEIGHT = 7  # a text in one non-Latin script (Cyrillic, Greek, CJK, ...)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CJK_OTHER = ("FULLWIDTH", "IDEOGRAPHIC", "CJK", "BOPOMOFO")  # neutral: any CJK reading has them
_CJK_KINDS = ("kana", "hangul", "han", "cjk")


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
    """``latin``; ``kana``, ``hangul``, ``han`` or ``cjk`` (other CJK letters: full-width forms,
    iteration marks); ``odd`` (half-width katakana, modifier letters, ordinals); or the first
    word of the letter's Unicode name (``CYRILLIC``, ``GREEK``, ...)."""
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("HALFWIDTH"):
        return "odd"
    if name.startswith(("HIRAGANA", "KATAKANA")):
        return "kana"
    if name.startswith("HANGUL"):
        return "hangul"
    if name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")):
        return "han"
    if name.startswith(_CJK_OTHER):
        return "cjk"
    first = name.split(" ", 1)[0]
    if first in ("CYRILLIC", "GREEK", "HEBREW", "ARABIC", "THAI", "ARMENIAN", "GEORGIAN",
                 "DEVANAGARI", "BENGALI", "TAMIL", "KHMER", "LAO", "ETHIOPIC"):  # fmt: skip
        return first
    return "odd"


@lru_cache(maxsize=65536)
def _in_charset(ch: str, codec: str) -> bool:
    """Whether ``ch`` is in the national character set of ``codec``: the ideographs and
    syllables a Japanese, Korean or Chinese text is written in. A misread page gives rare
    ones (Shift_JIS kana read as cp949 are Hangul syllables outside KS X 1001)."""
    try:
        # one character, one two-byte code (EUC-KR spells the syllables outside KS X 1001 in
        # eight bytes: not one of its own)
        return len(ch.encode(codec)) <= 2
    except UnicodeEncodeError:
        return False


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _latin_letter(ch: str) -> bool:
    return ch.isalpha() and (ch.isascii() or _script(ch) == "latin")


def _odd_symbol(ch: str, before: str, after: str) -> bool:
    """A symbol where no text puts it, next to letters: the sign of a letter read in another
    code page ("Za¿ó³æ" is "Zażółć", "£ukasz" is "Łukasz", "sta³" is "stał")."""
    category = unicodedata.category(ch)
    if category in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd" or "\uff61" <= ch <= "\uff9f":
        return True  # controls, unassigned, replaced, half-width katakana punctuation
    if category == "Mn":  # a combining accent: on Arabic, Hebrew, Thai letters, not on Latin
        return _latin_letter(before)
    left, right = _latin_letter(before), _latin_letter(after)
    if left and right:
        # inside a word, where apostrophes, dashes, quotes, soft hyphens and the Catalan
        # middle dot belong
        return category not in ("Pd", "Pi", "Pf", "Cf", "Zs") and ch not in "·‧…"
    if category == "Sk":  # a spacing accent (¨ ¯ ´ ¸ ˘ ˇ ˙ ˛ ˝) on a letter
        return left or right
    if category == "Sc":  # a currency sign before a letter
        return right
    if category == "No":  # ¹ ² ³ ¼ ½ ¾ on a letter, but for m² and m³
        return right or (left and not (before == "m" and ch in "²³"))
    return ch in "¿¡" and left  # opens a sentence, never ends a word


def reading(text: str) -> tuple[int, int, int]:
    """How ``text`` reads: how many of its non-ASCII letters and odd characters the alphabet
    or script that reads it best accounts for, out of how many, and how likely its language is
    (the alphabet's weight; ``SCRIPT_WEIGHT`` for other scripts). ``fit`` is the share."""
    scripts: Counter[str] = Counter()
    latin: Counter[str] = Counter()
    cjk: Counter[str] = Counter()
    odd = 0
    for n, m in enumerate(_NON_ASCII.finditer(text)):
        if n == READ_CHARS:
            break  # enough to judge by, and the work a page costs stays bounded
        ch, i = m.group(), m.start()
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        if not ch.isalpha():
            odd += _odd_symbol(ch, before, after)
            continue
        if ch in "ªº":  # ordinals, after a number (1º, 2ª); on a letter, Ş and ş misread
            odd += _latin_letter(before) or _latin_letter(after)
            continue
        script = _script(ch)
        beside_ascii = _ascii_letter(before), _ascii_letter(after)
        if (
            script == "odd"
            or (script not in ("latin", *_CJK_KINDS) and any(beside_ascii))
            or (script in _CJK_KINDS and all(beside_ascii))
            or (ch.isupper() and before.islower())
        ):
            # a Cyrillic (Greek, ...) letter in a word of ASCII letters, an ideograph between
            # two ASCII letters ("Alf針d蟄n" is "Alföldön"), a capital after a small letter
            # ("traŞi" is "traži")
            odd += 1
        elif script == "latin":
            scripts["latin"] += 1
            latin[ch.lower()] += 1
        elif script in _CJK_KINDS:
            scripts["cjk"] += 1
            cjk[script] += 1
            if script == "hangul":
                cjk["hangul_ks"] += _in_charset(ch, "euc_kr")
            elif script == "han":
                cjk["han_ks"] += _in_charset(ch, "euc_kr")
                cjk["han_ja"] += _in_charset(ch, "cp932")
                cjk["han_zh"] += _in_charset(ch, "gb2312") or _in_charset(ch, "big5")
        else:
            scripts[script] += 1
    total = sum(scripts.values()) + odd
    if not total:
        return 0, 0, NO_LETTERS_WEIGHT
    if not scripts:
        return 0, total, 0
    script, n = scripts.most_common(1)[0]
    weight = SCRIPT_WEIGHT
    if script == "latin":
        n, weight = max(
            (sum(k for ch, k in latin.items() if ch in letters), w) for letters, w in _ALPHABETS
        )
    elif script == "cjk":
        n = cjk["cjk"] + max(_cjk_readings(cjk))
    return n, total, weight


def _cjk_readings(counts: Counter[str]) -> tuple[int, int, int]:
    """The CJK letters a Japanese, a Korean and a Chinese reading account for: kana and JIS
    kanji; KS X 1001 Hangul and hanja, the hanja no more than the Hangul (Korean is written in
    Hangul); GB2312 or Big5 hanzi."""
    ja = counts["kana"] + counts["han_ja"]
    ko = counts["hangul_ks"] + min(counts["han_ks"], counts["hangul_ks"])
    return ja, ko, counts["han_zh"]


def fit(text: str) -> float:
    """How well ``text`` reads, 0 to 1: the share of its non-ASCII characters that are letters
    of the one alphabet (Latin script) or script that holds most of them; odd characters
    count against (see the module's docstring). Text with none of either scores 1."""
    covered, total, _ = reading(text)
    return covered / total if total else 1.0


def detect(data: bytes) -> tuple[str, float] | None:
    """The encoding of undeclared bytes that are not UTF-8, and how well the text reads in it
    (``fit``), or None when no encoding reads well enough."""
    from charset_normalizer import from_bytes

    sample = _head(data)
    # windows-1252 first: it wins every tie; then charset-normalizer's plausible guesses, best
    # first; windows-1250 where it did not guess it, so the two are always weighed
    order = ["cp1252"]
    for match in from_bytes(sample):
        if match.chaos <= MAX_CHAOS:
            name = codec_name(match.encoding)
            if name in ("gb2312", "gbk"):
                name = "gb18030"  # its superset, as browsers read both
            if name and name.startswith(("utf-16", "utf-32")):
                continue  # known by their BOM or NUL pattern, never guessed
            if name and name not in order:
                order.append(name)
        if len(order) >= 8:
            break
    # the other Windows code pages of alphabetic scripts, so that each is weighed even where
    # charset-normalizer did not guess it
    order += [c for c in ALWAYS_WEIGHED if c not in order]
    readings: list[tuple[int, int, int, int, str]] = []  # (missed, total, weight, -rank, codec)
    for rank, codec in enumerate(order):
        try:
            text = decode(sample, codec)
        except (UnicodeError, LookupError):
            continue
        covered, total, weight = reading(text)
        readings.append((total - covered, total, weight, -rank, codec))
    # a reading must account for 60 % of a text's non-ASCII characters, and for all of a short
    # one's (under 20: "café au lait" and three bytes that cp1251 reads as "ЃЌЏ"), but for
    # windows-1252's: the web's default may miss a foreign letter in a short text too
    readings = [
        r
        for r in readings
        if r[0] <= r[1] * (1 - MIN_FIT)
        and (r[0] == 0 or r[1] >= CLOSE_MIN_LETTERS or r[4] == "cp1252")
    ]
    if not readings:
        return None
    # of the readings that miss about as few characters as the best (a foreign name in a
    # Spanish article fits Czech better than Spanish, by a letter or two; a misread code page
    # misses one letter many times), the likelier language's; of those, the first in order
    least = min(r[0] for r in readings)
    missed, total, _, _, codec = max(
        readings, key=lambda r: (r[0] <= least + _tolerance(r[1]), r[2], r[3])
    )
    return codec, 1 - missed / total if total else 1.0


def _tolerance(total: int) -> float:
    """How many more characters a reading may miss than the best and still be as good: one in
    fifty, and two in a text of 20 letters or more (a name from elsewhere), none in a line."""
    return max(CLOSE_SHARE * total, CLOSE_MIN_MISSES if total >= CLOSE_MIN_LETTERS else 0.0)


def _head(data: bytes) -> bytes:
    """The first ``SAMPLE_BYTES`` of ``data``, ending after a line break, space or other byte
    under 0x30: no multi-byte encoding (Shift_JIS, GB18030, Big5, EUC) uses one inside a
    character, so the sample cuts none in two."""
    if len(data) <= SAMPLE_BYTES:
        return data
    for i in range(SAMPLE_BYTES - 1, SAMPLE_BYTES // 2, -1):
        if data[i] < 0x30:
            return data[: i + 1]
    return data[:SAMPLE_BYTES]
