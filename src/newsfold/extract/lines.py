"""The lines of a page dump, and what every pass over them asks of a line: its words, whether
it is a sentence, a time, a byline or a name. Shared by the body, headline and credits passes."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..dates import RELATIVE_RE, ambiguous_slashed, find_datetimes
from ..memo import TextMemo
from ..records import Removed, Teaser
from . import cues
from .credits import credits_in_byline
from .line_words import digit_texts, holding, lowered

BODY_MIN_WORDS = 12  # a body paragraph is a sentence or more; chrome lines are rarely this long
LONG_LINE_WORDS = 25  # a line this long is text even without a full stop (CJK, lists)


HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30


_TIME_LINE_MAX_WORDS = 20
_CLOCK_END = re.compile(r"\b[ap]\.m\.$", re.I)
# Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
CHARS_PER_WORD = 2  # in unspaced scripts, about two characters make a word's worth of text


def count_words(text: str) -> int:
    """Words in a line, where text written without spaces counts a word per two characters."""
    if text.isascii() or _UNSPACED.search(text) is None:  # most lines: no such script
        return len(text.split())
    unspaced = len(_UNSPACED.findall(text))
    spaced = sum(1 for w in text.split() if not _UNSPACED.search(w))
    return spaced + max(1, unspaced // CHARS_PER_WORD)


# The characters ``str.isdigit`` holds: the decimal digits ``\d`` reads, and the other digits
# (superscripts, circled and parenthesised numbers, Ethiopic, Kharoshthi...), so that a pattern
# finds at C speed what ``any(c.isdigit() for c in text)`` finds (tests/test_extract_speed.py
# checks every code point against ``str.isdigit``)
_ISDIGIT = (
    r"\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468"
    r"\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792"
    r"\U00010a40-\U00010a43\U00010e60-\U00010e68\U00011052-\U0001105a\U0001f100-\U0001f10a"
)
# a token's start (no non-space before it) up to its first digit: one match per token that
# holds a digit, each token read once
_DIGIT_TOKEN = re.compile(rf"(?<!\S)\S*?[{_ISDIGIT}]")
_ANY_DIGIT = re.compile(f"[{_ISDIGIT}]")


def digit_lines(lines: list[Line]) -> list[int]:
    """The indices of the lines whose text holds a digit (``str.isdigit``), found for the page
    at once (``line_words.digit_texts``): most lines hold none, and are not asked."""
    return digit_texts([ln.text for ln in lines])


# _DIGIT_TOKEN for ASCII text, whose only digits are "0" to "9": a third faster
_ASCII_DIGIT_TOKEN = re.compile(r"(?<!\S)\S*?[0-9]")


def digit_tokens(text: str) -> int:
    """How many of ``text.split()`` hold a digit (``str.isdigit``)."""
    if text.isascii():
        return len(_ASCII_DIGIT_TOKEN.findall(text))
    if _ANY_DIGIT.search(text) is None:  # most lines
        return 0
    return len(_DIGIT_TOKEN.findall(text))


@dataclass(slots=True)
class Line:
    n: int
    text: str
    words: int
    label: str = ""  # body, headline, or a removal reason
    weight: float = 0.0  # how much the line argues for the body around it (``_weight``)
    row: bool = False  # a row of a data table or list printed a line per row (``_mark_rows``)
    indent: int = 0  # columns of blank before the text in the dump (``indents.py``)
    # what the passes ask of the line's text, worked out the first time it is asked (None: not
    # yet): every pass asks again, and the text of a line never changes
    time: bool | None = field(default=None, repr=False, compare=False)  # ``_is_time_line``
    stop: bool | None = field(default=None, repr=False, compare=False)  # ``ends_sentence``
    norm: str | None = field(default=None, repr=False, compare=False)  # ``line_norm``
    # ``headline.line_headline_norm``: the line's text compared as a headline
    hnorm: str | None = field(default=None, repr=False, compare=False)


@dataclass(slots=True)
class DumpResult:
    headline: str | None
    byline_lines: list[str]
    time_lines: list[str]
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    teasers: list[Teaser] = field(default_factory=list)
    published: str | None = None  # from page metadata, where the page has any (HTML)
    # a date found by searching a page that declares none (HTML: htmldate's guess), taken after
    # the times the page prints where a publication's stands (``published.page_times``)
    guessed: str | None = None
    updated: str | None = None
    # the byline chosen among the page's name-shaped spans (``byline.py``): "" where the page
    # has none, ``None`` where it was not chosen so (read ``byline_lines`` then: a dump's
    # where the credit rule's byline from them stands, ``byline_rule.rule_stands``)
    byline: str | None = None


# ``cues.SENTENCE_END``'s stops and the closing marks it lets follow one at the line's end
_STOPS = ".!?…。！？"
_CLOSERS = "\"'”’)]」』）"


def stop_at_end(text: str) -> bool:
    """``cues.SENTENCE_END`` found in ``text``, a line's text (no newline), by string methods:
    the text less the closing marks at its end ends with a stop (no closing mark is a stop, so
    that is the one place the pattern may match; tests/test_extract_page_pass.py)."""
    body = text.rstrip(_CLOSERS)
    return body != "" and body[-1] in _STOPS


def ends_sentence(line: Line) -> bool:
    """``cues.SENTENCE_END`` found in the line's text (asked once a line)."""
    stop = line.stop
    if stop is None:
        stop = line.stop = cues.SENTENCE_END.search(line.text) is not None
    return stop


def _is_sentence(line: Line) -> bool:
    return line.words >= BODY_MIN_WORDS and (
        ends_sentence(line) or line.text.endswith((":", ";", ","))
    )


def _has_time(text: str) -> bool:
    # a slashed date of either order ("03/05/2022 22:46") is a time too: the page settles which.
    # Every date read (``find_datetimes`` keeps a text's dates), where stopping at the first
    # cost as much on a line that gives a time and the same on one that gives none: the passes
    # that read a page's times (``published.page_times``) then find half the lines read
    head = text[:300]
    return next(find_datetimes(head), None) is not None or any(
        True for _ in ambiguous_slashed(head)
    )


# What every form ``find_datetimes`` reads has (``dates.py``): a four-digit year (ISO, written
# month, numeric and CJK dates) or a dotted or slashed date with a two-digit year
# ("19.10.19", "15/01/08 15:46"). A line
# without one gives no time, and is not parsed (tests/test_extract_speed.py checks the two agree).
# (written with its first digit outside the alternatives, so that the search skips to digits)
_MAY_HAVE_DATE = re.compile(r"\d(?:\d{3}|([./])\d{1,2}\1\d\d)")


def _is_time_line(line: Line) -> bool:
    """A short line that gives a time: a timestamp, a byline with its times, a teaser's age
    (worked out once a line: every pass asks)."""
    time = line.time
    if time is None:
        time = line.time = _gives_time(line)
    return time


# The words RELATIVE_RE ends with or is, in lower case; U+017F is the one letter besides "s"
# and "S" that re.IGNORECASE takes for one of their letters (tests/test_extract_speed.py).
_RELATIVE_WORDS = ("ago", "just now", "yesterday", "today")


def _may_give_time(text: str) -> bool:
    """What a line needs for either test of ``_gives_time``: what _MAY_HAVE_DATE finds, or a
    word of RELATIVE_RE. Most lines have neither."""
    if _MAY_HAVE_DATE.search(text) is not None:
        return True
    low = text.lower()
    if "\u017f" in low:
        low = low.replace("\u017f", "s")
    return any(word in low for word in _RELATIVE_WORDS)


def _lowered(lines: list[Line], keep: list[int]) -> tuple[str, list[int]]:
    """The texts of ``lines[k]`` for ``k`` in ``keep`` joined by newlines and lowered as
    ``cues.holds_word`` lowers a line, and where each begins in it."""
    return lowered([lines[k].text for k in keep])


def _holding(words: tuple[str, ...], low: str, starts: list[int], keep: list[int]) -> set[int]:
    """The ``keep[j]`` of each line ``j`` of ``low`` (``_lowered``) that holds one of ``words``."""
    return {keep[j] for j in holding(words, low, starts)}


def scan_page(lines: list[Line], cue_max_words: int) -> set[int]:
    """What every line of a page is asked first, found for the page in a few searches over its
    short lines, where each line was lowered and searched on its own: the lines of
    ``cue_max_words`` words or fewer that hold one of ``cues.LINE_CUE_WORDS``
    (``cues.holds_word``), returned, and the lines that may give a time (``_may_give_time``,
    of _TIME_LINE_MAX_WORDS words or fewer): every other line is known to give none
    (``Line.time``). The same answers as asking each line (tests/test_extract_page_scan.py)."""
    if cue_max_words < _TIME_LINE_MAX_WORDS:
        raise ValueError(f"cue_max_words={cue_max_words}: under {_TIME_LINE_MAX_WORDS}")
    short = [k for k, ln in enumerate(lines) if ln.words <= cue_max_words]
    if not short:
        return set()
    low, starts = _lowered(lines, short)
    cued = _holding(cues.LINE_CUE_WORDS, low, starts, short)
    # the lines of _TIME_LINE_MAX_WORDS words or fewer among them: found in the same text (no
    # find crosses a line, and a line is lowered alike whatever lines it is joined with), the
    # longer lines' finds dropped. Digits and stops are caseless: the lowered text has the
    # dates the text has
    found = {short[bisect_right(starts, m.start()) - 1] for m in _MAY_HAVE_DATE.finditer(low)}
    found |= _holding(_RELATIVE_WORDS, low, starts, short)
    may = {k for k in found if lines[k].words <= _TIME_LINE_MAX_WORDS}
    for k, ln in enumerate(lines):
        if ln.time is None and k not in may:
            ln.time = False
    return cued


def _gives_time(line: Line) -> bool:
    if line.words > _TIME_LINE_MAX_WORDS:
        return False
    text = line.text
    if not _may_give_time(text):
        return False
    if line.words > 8 and ends_sentence(line) and not _CLOCK_END.search(text):
        return False  # a sentence that mentions a date
    return bool(RELATIVE_RE.search(text)) or (
        _MAY_HAVE_DATE.search(text, 0, 300) is not None and _has_time(text)
    )


def _title_like(line: Line) -> bool:
    if not HEADLINE_MIN_WORDS <= line.words <= HEADLINE_MAX_WORDS:
        return False
    text = line.text
    if text.endswith(".") and not text.endswith("..."):
        return False
    if text.isascii():  # most lines: its letters are what deleting them takes off
        return len(text) - len(text.encode("ascii").translate(None, _ASCII_LETTERS)) >= 10
    return sum(map(str.isalpha, text)) >= 10  # letters, counted at C speed


_ASCII_LETTERS = bytes(c for c in range(128) if chr(c).isalpha())  # str.isalpha's ASCII letters


_NON_WORD = re.compile(r"\W+")
_WORD = re.compile(r"\w+")
# ``_norm`` of the lines met lately: a page asks for the same line's several times (a long
# paragraph's too: for its repeats, the headline's and the title's), and an outlet's chrome comes
# back on each of its pages. Bounded in lines and in characters, so that no input makes it large
# (it is emptied when full).
_NORMS: TextMemo[str] = TextMemo(32768, 1 << 22)  # some 4 MB of lines, as much of norms


def _norm(text: str) -> str:
    """The line in lower case, its words only, one space apart."""
    norm = _NORMS.get(text)
    if norm is None:
        # the runs of word characters joined: what replacing the runs of others by a space and
        # stripping the ends gives (``_NON_WORD``), made faster
        norm = _NORMS.keep(text, " ".join(_WORD.findall(text.lower())))
    return norm


# a run of the characters ``_NON_WORD`` matches but a newline: in the text of a page's lines
# joined by newlines (no line holds one), each line's runs replaced by a space as in ``_norm``
_NON_WORD_IN_LINE = re.compile(r"[^\w\n]+")
# every ASCII character ``\w`` does not match, but the newline, to a space: for ASCII text, what
# ``_NON_WORD_IN_LINE`` does with ``bytes.translate`` (ten times faster than the pattern)
_ASCII_NON_WORD = bytes(b for b in range(128) if b != 10 and not re.match(r"\w", chr(b)))
_ASCII_SPACED = bytes.maketrans(_ASCII_NON_WORD, b" " * len(_ASCII_NON_WORD))


def page_norms(lines: list[Line]) -> None:
    """``_norm`` of every line's text (``Line.norm``), for the page in two passes at C speed: the
    ASCII lines (most) joined by newlines, lowered and their non-word characters made spaces by
    ``bytes.translate``; the others joined, lowered (a newline ends the context that lowering a
    final sigma reads, as the end of a line does) and each run of non-word characters replaced
    by one space. The same as ``_norm`` of each line (tests/test_extract_page_pass.py)."""
    plain = [ln for ln in lines if ln.text.isascii()]
    if plain:
        low = "\n".join([ln.text for ln in plain]).encode("ascii").lower()
        spaced = low.translate(_ASCII_SPACED).decode("ascii").split("\n")
        for ln, norm in zip(plain, spaced, strict=True):
            ln.norm = " ".join(norm.split())
    other = [ln for ln in lines if ln.norm is None]
    if other:
        joined = _spaced("\n".join([ln.text for ln in other]).lower())
        for ln, norm in zip(other, joined.split("\n"), strict=True):
            ln.norm = " ".join(norm.split())  # (no blank is left but the space)


_ASCII = bytes(range(128))


def _spaced(low: str) -> str:
    """``low`` (lines joined by newlines) with each character ``_NON_WORD`` matches but the
    newline made a space, by string methods: its UTF-8 bytes' ASCII ones by ``bytes.translate``,
    each of its few others by ``str.replace``. A line of it with its runs of spaces folded
    (``" ".join(line.split())``) is the line's ``_NON_WORD_IN_LINE.sub`` stripped."""
    data = low.encode("utf-8", "surrogatepass")
    others = set(data.translate(None, _ASCII).decode("utf-8", "surrogatepass"))
    spaced = data.translate(_ASCII_SPACED).decode("utf-8", "surrogatepass")
    for ch in others:
        if _WORD.match(ch) is None:
            spaced = spaced.replace(ch, " ")
    return spaced


# a bar of links or tools printed on one line: this many items or more between "|" marks
# (three may be a caption's credits, "Photo | Agency | Name"; four are a bar)
BAR_MIN_ITEMS = 4


def bar_items(text: str) -> list[str]:
    """The items between the "|" marks of a line that may be a bar (``BAR_MIN_ITEMS`` or more,
    stripped, empty ones dropped), else []: a link bar weighs against the body
    (``body.is_link_bar``), a bar of tools is never the headline (``headline._is_tool_bar``);
    each asks its own of the items."""
    if text.count("|") < BAR_MIN_ITEMS - 1:
        return []  # asked first: most lines have no bars
    items = [x for x in (i.strip() for i in text.split("|")) if x]
    return items if len(items) >= BAR_MIN_ITEMS else []


def line_norm(ln: Line) -> str:
    """``_norm(ln.text)``, worked out once a line (``page_norms`` does a page's at once)."""
    norm = ln.norm
    if norm is None:
        norm = ln.norm = _norm(ln.text)
    return norm


def _is_byline(ln: Line) -> bool:
    """ "By Jane Doe", "Von Anna Schmidt | dpa": a short line, not a sentence."""
    return (
        ln.words <= 16
        and ln.text[:1] in cues.BYLINE_FIRST  # most lines: asked at C speed
        and bool(cues.BYLINE.match(ln.text))
        and not (ln.words > 6 and ends_sentence(ln))
    )


_CRUMB_SPLIT = re.compile(r"\s+[»›>/|]\s+")
_CRUMB_MARK = re.compile(r"[»›>/|]")


def _debreadcrumb(text: str) -> str:
    """ "Sport » Football » Headline": a breadcrumb trail, with the headline at its end or not.
    Returns the headline part ("" for a trail of section names only)."""
    if _CRUMB_MARK.search(text) is None:  # most lines: no mark a trail is split at
        return text
    parts = _CRUMB_SPLIT.split(text)
    if len(parts) < 2 or any(len(p.split()) > 3 for p in parts[:-1]):
        return text
    return parts[-1] if len(parts[-1].split()) >= HEADLINE_MIN_WORDS else ""


_NAME_SPLIT = re.compile(r"[\s,|]+")


def _is_name_line(lines: list[Line], k: int, body_start: int) -> bool:
    """A byline printed without "By": an agency's name, or a short capitalised name or desk
    ("Staff Writer") right above the page's timestamp."""
    ln = lines[k]
    if ln.words > 6 or ends_sentence(ln) or _debreadcrumb(ln.text) != ln.text:
        return False
    if credits_in_byline(ln.text):
        return True
    words = [w for w in _NAME_SPLIT.split(ln.text) if w]
    if not all(w[0].isupper() for w in words if w[0].isalpha()):
        return False
    return k + 1 < body_start and _is_time_line(lines[k + 1])


# An image's alt text printed beside its caption or its link's title (lynx, w3m and resiliparse
# print alt text, a browser's copy does not), on one line: "Photo of a bridge at night Photo of
# a bridge at night", "a dog: A dog rests on a sofa © Agency A dog rests on a sofa"; or on a
# line of its own over the caption that opens with it ("A dog rests" over "A dog rests. Photo:
# Agency"), of ALT_MIN_WORDS words at least (a shorter line may be a heading). On one line: a
# run of SAYS_TWICE_SPAN words that comes again later in it, not overlapping its first, marks
# its words, and SAYS_TWICE_SHARE of the line's words so marked make it an alt text. Chosen on
# half A of AEB (every renderer's dump): at spans of 3-5 words and shares of 0.25-0.4 no line
# of the articles' text was marked; at 0.2 two quotes were ('"...," she said. "..."'), so the
# share is kept well above those. 0.3 (was 0.4): lynx prints an alt text that describes the
# picture before the caption ("a group of people in a room: <caption> © <credit> <caption>"),
# whose second copy is 0.37 of the line (AEB half A: lynx, w3m and resiliparse +0.004 on one
# page, no other page of any renderer moved). Over the next line (4 words or more): on half A, each such
# line was an image's alt text over its caption (4-6 a renderer; none in html_text's dumps).
SAYS_TWICE_SPAN = 4
SAYS_TWICE_SHARE = 0.3
# ... and the line is no longer than an alt text and its caption run: the longest so marked on
# AEB's half A had 48 words. A longer line that says the same thing twice is a story printed
# twice in one block (html2text ran a page's two copies of its text into one line, an L3S-GN1
# page of half B, which this rule had emptied): left to the rest of the classifier.
SAYS_TWICE_MAX_WORDS = 60
ALT_MIN_WORDS = 4
# a line this long that is no sentence weighs more against the body than a labelled line does
# (``body._weight``: a list, "Share on X Share on Y ..."): a caption's label would lighten it
ALT_MAX_LOOSE_WORDS = LONG_LINE_WORDS


def mark_alt_texts(lines: list[Line], running: Callable[[Line], bool] = _is_sentence) -> None:
    """Label ``caption`` each unlabelled line that is an image's alt text (see above): it says
    the same thing twice (``says_twice``), or the next line opens with all its words. A line
    of times is none ("Published: May 4, 2024 9:10 AM | Updated: May 4, 2024 9:10 AM").
    ``running``: whether a line weighs for the body as running text (``body.is_running_text``):
    a long line that is none is left as it is."""
    last = len(lines) - 1
    for k, ln in enumerate(lines):
        if ln.label:
            continue
        words = ln.words
        nxt = lines[k + 1] if k < last else None
        # asked first: a line of neither length (most) is none, whatever it holds
        opens_next = nxt is not None and ALT_MIN_WORDS <= words < nxt.words
        if not (opens_next or 2 * SAYS_TWICE_SPAN <= words <= SAYS_TWICE_MAX_WORDS):
            continue
        if _is_time_line(ln):
            continue
        if words >= ALT_MAX_LOOSE_WORDS and not running(ln):
            continue  # weighs more against the body than a caption does (``body._weight``)
        if says_twice(ln) or (
            opens_next and nxt is not None and line_norm(nxt).startswith(line_norm(ln) + " ")
        ):
            ln.label = "caption"


def says_twice(ln: Line) -> bool:
    """The line repeats itself (see ``SAYS_TWICE_SPAN``): an image's alt text and its caption."""
    if not 2 * SAYS_TWICE_SPAN <= ln.words <= SAYS_TWICE_MAX_WORDS:
        return False
    words = line_norm(ln).split()
    n, k = len(words), SAYS_TWICE_SPAN
    # each marked word repeats an earlier one: a line of that many distinct words has too few
    # marked (most lines; set() at C speed)
    if n < 2 * k or len(set(words)) > n - SAYS_TWICE_SHARE * n:
        return False
    first: dict[tuple[str, ...], int] = {}
    marked = [False] * n
    for i in range(n - k + 1):
        span = tuple(words[i : i + k])
        at = first.setdefault(span, i)
        if i - at >= k:
            marked[i : i + k] = [True] * k
    return sum(marked) >= SAYS_TWICE_SHARE * n


# a photo gallery's counter before a caption ("2 of 4 ", "2of4", "2/4 ": ``cues.GALLERY_CAPTION``)
_GALLERY_COUNTER = re.compile(r"^\d{1,3}\s*(?:of|/)\s*\d{1,3}\s*")


def mark_gallery_copies(lines: list[Line]) -> None:
    """Label ``caption`` each unlabelled line of ALT_MIN_WORDS words or more that a gallery
    prints again with its counter before it ("2of4" and the same words): the picture's caption
    printed once as a slide's text and once as the gallery's, where one renderer (resiliparse)
    prints both copies and another (html_text) only the counted one."""
    counted = {
        _norm(_GALLERY_COUNTER.sub("", ln.text))
        for ln in lines
        if ln.label == "caption" and cues.GALLERY_CAPTION.match(ln.text)
    }
    if not counted:
        return
    for ln in lines:
        if not ln.label and ln.words >= ALT_MIN_WORDS and line_norm(ln) in counted:
            ln.label = "caption"
