"""Classify every line of a plain-text page dump: headline, byline, body, teaser or chrome.

A dump has no markup, so the article is found by the shape of its lines: the body is the largest
run of long, sentence-punctuated lines; the headline is a title-shaped line above it (often printed
twice); bylines and timestamps sit between them; a block of other stories' teasers follows it,
each item carrying its own source, time and headline. Every line that is not body is kept in
``removed`` with the reason it went. Outlet templates learnt from the corpus mark chrome first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from ..dates import RELATIVE_RE, find_datetimes, iso, parse_relative, to_datetime
from ..records import Removed, Teaser
from . import cues
from .credits import credits_in_byline
from .templates import OutletTemplate

BODY_MIN_WORDS = 12  # a body paragraph is a sentence or more; chrome lines are rarely this long
LONG_LINE_WORDS = 25  # a line this long is text even without a full stop (CJK, lists)
HEADING_REACH = 30  # lines from the article's heading to its text (byline, dateline, photo)
GAP_TOLERANCE = 0.5
REPEAT_MIN_SHARE = 0.6  # a shortened or lengthened heading still repeats the title
SUBHEADING_MAX_WORDS = 12
MAX_LINE_WEIGHT = 120  # a paragraph is rarely longer; one huge line counts as a long paragraph
PROSE_LOWER_SHARE = 0.4
HEADING_BONUS = 3.0  # text under the page's own heading outweighs a bigger block elsewhere
HEADER_BONUS = 10.0  # ... and more so under a heading with its byline or timestamp
COMMENT_ZONE_PENALTY = 3.0  # a block below a comment widget is most likely a comment
TIME_LINE_COST = 20.0
RELATED_HEADING_COST = 40.0  # two text runs join when the lines between weigh less than this share
SHORT_BOX_LINES = 5  # lines of links in a box set inside an article
SHORT_BOX_COST = 20.0
RESUME_LINES = 2  # sentences in a row below such a box: the article's text goes on
AUTHOR_BIO_MAX_WORDS = 80
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
ROW_MIN_TOKENS = 3
ROW_MAX_TOKENS = 30
ROW_DIGIT_SHARE = 0.3  # a row of figures; a headline or menu item rarely has one number in three
ROW_MIN_RUN = 4  # a table has a few rows at least; two dated lines are a list of teasers
ROW_WEIGHT = 0.5  # per word: a row counts as a short sentence does
LIST_MIN_ITEMS = 3
SHAPED_LIST_MIN_ITEMS = 5
LIST_ITEM_GAP = 2  # lines between two items of a numbered list (a link, a price)
_CODE = re.compile(r"[<>{}=;\\]|\w\(")  # markup or a script's code, not a table row
# HTML tags or comment marks printed as text: a page whose markup broke (an unclosed comment, a
# script written out) dumps its source; two tags on one line are never the story's words
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|<!--|-->")
MARKUP_MIN_TAGS = 2
MAX_LINE_CHARS = 20_000  # longer lines are classified on their first characters only
_TIME_LINE_MAX_WORDS = 20
_CLOCK_END = re.compile(r"\b[ap]\.m\.$", re.I)


# Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
CHARS_PER_WORD = 2  # in unspaced scripts, about two characters make a word's worth of text


def count_words(text: str) -> int:
    """Words in a line, where text written without spaces counts a word per two characters."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    spaced = sum(1 for w in text.split() if not _UNSPACED.search(w))
    return spaced + max(1, unspaced // CHARS_PER_WORD)


@dataclass(slots=True)
class Line:
    n: int
    text: str
    words: int
    label: str = ""  # body, headline, or a removal reason
    weight: float = 0.0  # how much the line argues for the body around it (``_weight``)
    row: bool = False  # a row of a data table or list printed a line per row (``_mark_rows``)


@dataclass(slots=True)
class DumpResult:
    headline: str | None
    byline_lines: list[str]
    time_lines: list[str]
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    teasers: list[Teaser] = field(default_factory=list)
    published: str | None = None  # from page metadata, where the page has any (HTML)
    updated: str | None = None


def _is_sentence(line: Line) -> bool:
    return line.words >= BODY_MIN_WORDS and bool(
        cues.SENTENCE_END.search(line.text) or line.text.endswith((":", ";", ","))
    )


def _has_time(text: str) -> bool:
    return any(True for _ in find_datetimes(text[:300]))


def _is_time_line(line: Line) -> bool:
    """A short line that gives a time: a timestamp, a byline with its times, a teaser's age."""
    if line.words > _TIME_LINE_MAX_WORDS:
        return False
    text = line.text
    if line.words > 8 and cues.SENTENCE_END.search(text) and not _CLOCK_END.search(text):
        return False  # a sentence that mentions a date
    return bool(RELATIVE_RE.search(text)) or _has_time(text)


def _title_like(line: Line) -> bool:
    if not HEADLINE_MIN_WORDS <= line.words <= HEADLINE_MAX_WORDS:
        return False
    text = line.text
    if text.endswith(".") and not text.endswith("..."):
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 10


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _strip_site_suffix(text: str) -> str:
    """ "Headline | Site" or "Headline - Site": the title bar adds the site's name."""
    parts = re.split(r"\s+([|–—-])\s+", text)  # [text, sep, text, sep, ...]
    # drop short trailing parts ("- World - Sport") while a title-sized head remains
    while (
        len(parts) > 2
        and len(parts[-1].split()) <= 4
        and len(" ".join(parts[:-2]).split()) >= HEADLINE_MIN_WORDS
    ):
        parts = parts[:-2]
    return "".join(p if i % 2 == 0 else f" {p} " for i, p in enumerate(parts))


_GENERIC_HOST_PARTS = frozenset(
    [
        "www",
        "m",
        "amp",
        "mobile",
        "news",
        "com",
        "org",
        "net",
        "gov",
        "edu",
        "info",
        "co",
        "ac",
        "or",
        "ne",
        "go",
        "biz",
        "online",
        "web",
    ]
)  # parts of host names that name no site: prefixes, generic and second-level domains


def site_hints(*names: str | None) -> frozenset[str]:
    """Compact forms of the names a site goes by, from its host ("www.harbour-herald.co.nz"
    gives "harbourherald") and any site name the page declares."""
    hints: set[str] = set()
    for name in names:
        if not name:
            continue
        if "://" in name:
            # a URL: its host names the site; words of its path taken for the site's name would
            # strip them from the headline
            try:
                name = urlsplit(name.strip()).hostname or ""
            except ValueError:  # an unparseable URL names nothing
                continue
        if "." in name and " " not in name.strip():
            parts = [p for p in re.split(r"[.:]", name.lower()) if p]
            hints.update(
                re.sub(r"\W", "", p)
                for p in parts[:-1]
                if len(p) >= 3 and p not in _GENERIC_HOST_PARTS
            )
        else:
            hints.add(re.sub(r"\W|_", "", name.lower()))
    return frozenset(h for h in hints if len(h) >= 3)


def _names_site(segment: str, hints: frozenset[str]) -> bool:
    compact = re.sub(r"\W|_", "", segment.lower())
    if not compact or len(segment.split()) > 6:
        return False
    # the segment is the site's name, maybe with a word more ("Yahoo News" for yahoo.com),
    # not a headline that mentions the site
    return any(
        (h in compact and len(compact) <= 2 * len(h)) or (len(compact) >= 4 and compact in h)
        for h in hints
    )


def clean_headline(text: str, hints: frozenset[str], page_norms: frozenset[str]) -> str:
    """A title bar's headline: the parts that name the site dropped ("Headline | Site",
    "Site - Headline"). A part that names nothing known is dropped only when the page prints
    the headline without it (its heading), so that a subtitle ("Headline - and what it means")
    stays."""
    parts = re.split(r"\s+([|–—-])\s+", text)  # [text, sep, text, sep, ...]
    while len(parts) > 2 and _names_site(parts[-1], hints):
        parts = parts[:-2]
    while len(parts) > 2 and _names_site(parts[0], hints):
        parts = parts[2:]
    cleaned = "".join(p if i % 2 == 0 else f" {p} " for i, p in enumerate(parts))
    if cleaned == text:
        short = _strip_site_suffix(text)
        if short != text and _norm(short) in page_norms:
            return short
    return cleaned


def _is_byline(ln: Line) -> bool:
    """ "By Jane Doe", "Von Anna Schmidt | dpa": a short line, not a sentence."""
    return (
        ln.words <= 16
        and bool(cues.BYLINE.match(ln.text))
        and not (ln.words > 6 and cues.SENTENCE_END.search(ln.text))
    )


def _is_prose(text: str) -> bool:
    """Running text rather than a list of names: in cased scripts, a good share of its words
    start in lower case (menus, tag lists and option lists are mostly capitalised)."""
    tokens = text.split()
    words = [w for w in tokens if w[:1].isalpha()]
    if len(words) < len(tokens) / 2:
        return False  # mostly numbers or symbols: a price list, a table row, a list of years
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    if len(cased) < len(words) / 2:
        return True  # a script without case
    return sum(1 for w in cased if w[0].islower()) >= PROSE_LOWER_SHARE * len(cased)


def _weight(ln: Line) -> float:
    """How much a line argues for the body around it: sentences for it, by their length; short
    lines, chrome and timestamps against it, a little each, so that a caption or a few links
    inside an article do not split it while a long menu between two texts does."""
    if ln.label in ("related_heading", "author_bio"):
        return -RELATED_HEADING_COST  # other stories follow, unless a long text resumes after
    if ln.label:
        return -4.0
    if _is_time_line(ln) or _is_byline(ln):
        return -TIME_LINE_COST  # items of a list (comments, teasers) each carry a time
    if _is_sentence(ln) or (ln.words >= LONG_LINE_WORDS and _is_prose(ln.text)):
        # a whole text on one line is a hidden copy (metadata, a script's data) as often as not
        return float(min(ln.words, MAX_LINE_WEIGHT))
    if ln.words >= 6 and (
        cues.SENTENCE_END.search(ln.text)
        or BODY_MIN_WORDS <= ln.words < LONG_LINE_WORDS
        or (ln.words >= LONG_LINE_WORDS and _is_prose(ln.text))
    ):
        # a short sentence, or a line without a full stop; a long one that is not running
        # text is a list (a form's options, a row of names) and weighs against the body
        return 0.3 * ln.words
    return -2.0 - 0.2 * ln.words


def _title_repeats(lines: list[Line]) -> list[int]:
    """Lines that print the page's title again: the article's own heading, under which its text
    begins. A dump opens with the title bar (``<title>``, site name appended) where it has one."""
    if len(lines) < 3 or lines[0].words > HEADLINE_MAX_WORDS:
        return []
    title = _norm(_headline_text(lines[0].text))
    # a short headline under a title bar of many parts ("Headline | Site | Section | ..."):
    # the heading prints one of the bar's leading parts exactly
    parts = re.split(r"\s+[|–—-]\s+", lines[0].text)
    heads = {_norm(" ".join(parts[:i])) for i in range(1, len(parts))}
    heads = {h for h in heads if len(h) >= 15 and len(h.split()) >= 2}
    fuzzy = len(title) >= 15 and len(title.split()) >= HEADLINE_MIN_WORDS
    if not fuzzy and not heads:
        return []
    found = []
    for k in range(1, len(lines)):
        if lines[k].words > HEADLINE_MAX_WORDS + 5:
            continue
        other = _norm(_headline_text(lines[k].text))
        if other and (
            other in heads
            or other == title
            or (
                fuzzy
                and min(len(other), len(title)) >= REPEAT_MIN_SHARE * max(len(other), len(title))
                and (other in title or title in other)
            )
        ):
            found.append(k)
    return found


def _dated(ln: Line) -> bool:
    """A timestamp or byline line (``_weight`` gives both the same cost)."""
    return ln.weight == -TIME_LINE_COST


def _as_rows(lines: list[Line]) -> None:
    """Lines of a table or list of the article's: each weighs for the body by its length, as a
    short sentence does, and may carry a body block however short it is."""
    for ln in lines:
        if not ln.label:
            ln.row = True
            ln.weight = max(ln.weight, ROW_WEIGHT * ln.words)


def _runs(keys: list[object]) -> Iterator[tuple[int, int]]:
    """``(first, end)`` of every maximal run of equal keys that are not None."""
    i = 0
    while i < len(keys):
        j = i
        while j < len(keys) and keys[j] is not None and keys[j] == keys[i]:
            j += 1
        if j > i:
            yield i, j
        i = max(j, i + 1)


def _is_row_like(ln: Line) -> bool:
    """A row of figures: standings, results, a schedule; several tokens, many of them numbers."""
    if ln.label or not ROW_MIN_TOKENS <= ln.words <= ROW_MAX_TOKENS or _CODE.search(ln.text):
        return False
    if _dated(ln):
        return False  # a list of dated lines is an archive or a list of teasers
    toks = ln.text.split()
    return sum(1 for t in toks if any(c.isdigit() for c in t)) >= ROW_DIGIT_SHARE * len(toks)


def _mark_rows(lines: list[Line]) -> None:
    """A data table in a dump is a run of row-like lines: its rows are text of the article (a
    standings table, a calendar), however short each one, where a menu or a list of teasers has
    few figures."""
    for i, j in _runs([True if _is_row_like(ln) else None for ln in lines]):
        if j - i >= ROW_MIN_RUN:
            _as_rows(lines[i:j])


_ITEM_NUMBER = re.compile(r"^[(#]?(\d{1,3})(?:[.):\]]|\s+[–—-])?\s+\S")


def _after_prose(lines: list[Line], i: int, reach: int = 1) -> bool:
    """A paragraph within ``reach`` lines above line ``i``: a list there goes on from the text,
    as a list in an article does; the list of the most read stories opens under a heading or a
    row of tabs instead."""
    return any(x.weight > 0 and x.words >= BODY_MIN_WORDS for x in lines[max(0, i - reach) : i])


def _mark_numbered_lists(lines: list[Line]) -> None:
    """A numbered list (items 1, 2, 3, ... with at most a line or two between them, such as a
    link under each item) that follows a paragraph is text of the article, as a table is: a
    ranking, the steps of a how-to, the items of a listicle."""
    numbers = [
        int(m.group(1)) if (m := _ITEM_NUMBER.match(ln.text)) and not ln.label else None
        for ln in lines
    ]
    i = 0
    while i < len(lines):
        first = numbers[i]
        if first is None:
            i += 1
            continue
        items, expected = [i], first + 1
        j = i + 1
        while j < len(lines) and j - items[-1] <= LIST_ITEM_GAP + 1:
            if numbers[j] == expected:
                items.append(j)
                expected += 1
            elif lines[j].label or _dated(lines[j]):
                break
            j += 1
        if len(items) >= LIST_MIN_ITEMS and _after_prose(lines, i):
            _as_rows(lines[items[0] : items[-1] + 1])
            i = items[-1] + 1
        else:
            i += 1


def _weigh_short_boxes(lines: list[Line]) -> None:
    """A related-stories heading with only a few lines under it before the text resumes is a
    box set inside the article (two or three links), not the list of other stories that
    follows it: it costs less, so that the text on either side of it stays one article."""
    for i, ln in enumerate(lines):
        if ln.label != "related_heading":
            continue
        for k in range(i + 1, min(len(lines), i + 2 + SHORT_BOX_LINES)):
            # the text resumes with paragraphs, where a list of teasers has a line of text each
            if all(_is_sentence(x) for x in lines[k : k + RESUME_LINES]):
                ln.weight = -SHORT_BOX_COST
                for item in lines[i + 1 : k]:  # links to other stories, never the article's text
                    if not item.label:
                        item.label, item.weight = "inline_link", min(item.weight, -4.0)
                break


_SHAPE_MARKS = frozenset("–—-@|:;/()•·#$%€£+")


def _shape(ln: Line) -> tuple[str, bool] | None:
    """The marks a list item is laid out with ("June 9 – City, ST @ Venue" has "–" and "@")
    and whether it opens with a figure; None for a line that is no such item."""
    if ln.label or not ROW_MIN_TOKENS <= ln.words <= ROW_MAX_TOKENS or _is_sentence(ln):
        return None
    if _dated(ln) or _CODE.search(ln.text):
        return None  # dated lines are an archive or teasers; code is no list
    if ln.text.endswith(("...", "…")):
        return None  # a teaser cut short
    marks = "".join(sorted({c for c in ln.text if c in _SHAPE_MARKS}))
    # one mark alone is too common a layout ("Kicker: headline" teasers)
    return (marks, ln.text[0].isdigit()) if len(marks) >= 2 else None


def _mark_shaped_lists(lines: list[Line]) -> None:
    """Items laid out alike, line after line (tour dates, a schedule, a list of results), right
    under a paragraph or under a subheading that follows one: a list of the article's. Menus
    have no marks and teaser lists no common layout."""
    for i, j in _runs([_shape(ln) for ln in lines]):
        if j - i >= SHAPED_LIST_MIN_ITEMS and _after_prose(lines, i, reach=2):
            _as_rows(lines[i:j])


def _body_clusters(
    lines: list[Line], stops: set[int] | None = None
) -> list[tuple[int, int, float]]:
    """Candidate body blocks ``(first, last, words of sentences)``.

    Runs of sentence lines are found first; two neighbouring runs are joined when the lines
    between them weigh less against it than half the smaller run weighs for it: one caption, a
    pull quote or a "most read" box does not cut an article in two, but a menu, a list of teasers
    (each with its time) or a comment thread (each comment with its time) between two texts does.
    The lines in ``stops`` are never crossed."""
    runs: list[list[float]] = []  # [first, last, positive weight]
    gaps: list[float] = []  # cost of the lines between runs[i] and runs[i + 1] (inf: a stop)
    cost = 0.0
    for i, ln in enumerate(lines):
        if stops and i in stops:
            cost = float("inf")
            continue
        w = ln.weight
        if w > 0 and (ln.words >= BODY_MIN_WORDS or ln.row):
            if runs and cost == 0:
                runs[-1][1] = i
                runs[-1][2] += w
            else:
                if runs:
                    gaps.append(cost)
                runs.append([i, i, w])
            cost = 0.0
        elif cost != float("inf"):
            cost += -w if w < 0 else 0.0
    merged = True
    while merged and len(runs) > 1:
        merged = False
        for k in range(len(gaps)):
            left, right = runs[k], runs[k + 1]
            if gaps[k] < min(left[2], right[2]) * GAP_TOLERANCE:
                left[1], left[2] = right[1], left[2] + right[2]
                del runs[k + 1]
                del gaps[k]
                merged = True
                break
    return [(int(a), int(b), w) for a, b, w in runs]


def _is_subheading(span: list[Line], k: int) -> bool:
    """A short heading inside the text: title-shaped, between two paragraphs of it."""
    ln = span[k]
    if not 2 <= ln.words <= SUBHEADING_MAX_WORDS or ln.weight <= -TIME_LINE_COST:
        return False
    before = next((x for x in reversed(span[:k]) if not x.label or x.label == "body"), None)
    after = next((x for x in span[k + 1 :] if not x.label), None)
    return (
        before is not None
        and after is not None
        and _is_sentence(after)
        and (before.label == "body" or _is_sentence(before))
    )


def _main_cluster(
    lines: list[Line], clusters: list[tuple[int, int, float]], repeats: list[int]
) -> tuple[int, int]:
    """The article's text among the candidate blocks: the heaviest, where a block printed under
    the page's own heading counts ``HEADING_BONUS`` times (``HEADER_BONUS`` when a byline or
    timestamp sits under that heading) and any block below a comment widget a third."""
    comment_at = next((i for i, ln in enumerate(lines) if ln.label == "comment"), len(lines))
    under_heading: dict[int, float] = {}
    for r in repeats:
        # a heading with its byline or timestamp right under it is the article's own header
        header = any(_is_time_line(ln) or _is_byline(ln) for ln in lines[r + 1 : r + 4])
        for c in clusters:
            if 0 < c[0] - r <= HEADING_REACH:
                under_heading[c[0]] = max(
                    under_heading.get(c[0], 1.0), HEADER_BONUS if header else HEADING_BONUS
                )

    def score(c: tuple[int, int, float]) -> tuple[float, int]:
        w = c[2] * under_heading.get(c[0], 1.0)
        # a block that holds several items each with its own time is a thread or a list of
        # teasers: an article carries its time above the text, not between its paragraphs
        inner_times = sum(1 for ln in lines[c[0] : c[1] + 1] if _dated(ln))
        w /= max(1, inner_times)
        if c[0] > comment_at:
            w /= COMMENT_ZONE_PENALTY
        return w, -c[0]

    best = max(clusters, key=score)
    return best[0], best[1]


def _pre_label(ln: Line, template: OutletTemplate | None) -> str:
    text = ln.text
    if "<" in text and len(_TAG.findall(text)) >= MARKUP_MIN_TAGS:
        return "markup"
    if ln.words <= 40 and cues.CALL_TO_ACTION.match(text):
        return "call_to_action"  # before templates: an app banner on every page is still one
    if template is not None and template.is_template(text):
        return "template"
    if cues.ADVERT.match(text):
        return "advertisement"
    if cues.DISCLAIMER.match(text):
        return "disclaimer"
    if cues.COPYRIGHT.match(text):
        return "copyright"
    if ln.words <= 8 and cues.COMMENTS.search(text):
        return "comment"
    if ln.words <= 8 and cues.RELATED_HEADING.match(text):
        return "related_heading"
    if ln.words <= 6 and cues.AUTHOR_BOX.match(text):
        return "author_bio"
    if ln.words <= 8 and cues.NEWSLETTER.search(text):
        return "call_to_action"
    if ln.words <= 60 and cues.SITE_NOTICE.search(text):
        return "site_notice"
    if cues.INLINE_LINK.match(text) and ln.words <= 25:
        return "inline_link"
    if (ln.words <= 25 and cues.CAPTION.search(text)) or cues.GALLERY_CAPTION.match(text):
        return "caption"
    return ""


_CRUMB_SPLIT = re.compile(r"\s+[»›>/|]\s+")


def _debreadcrumb(text: str) -> str:
    """ "Sport » Football » Headline": a breadcrumb trail, with the headline at its end or not.
    Returns the headline part ("" for a trail of section names only)."""
    parts = _CRUMB_SPLIT.split(text)
    if len(parts) < 2 or any(len(p.split()) > 3 for p in parts[:-1]):
        return text
    return parts[-1] if len(parts[-1].split()) >= HEADLINE_MIN_WORDS else ""


def _headline_text(text: str) -> str:
    return _strip_site_suffix(_debreadcrumb(text))


def _is_candidate(ln: Line) -> bool:
    """Title-shaped, and not a breadcrumb trail (which may end in a short form of the headline:
    it counts as a repeat of the headline, never as the headline)."""
    if ln.label not in ("", "template") or _is_time_line(ln) or cues.BYLINE.match(ln.text):
        return False
    if _debreadcrumb(ln.text) != ln.text:
        return False
    text = _strip_site_suffix(ln.text)
    words = sum(1 for w in text.split() if any(c.isalpha() for c in w))
    if not HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS:
        return False
    return sum(c.isalpha() for c in text) >= 10


def _choose_headline(lines: list[Line], body_start: int) -> int | None:
    """Index of the headline: a title-shaped line above the body. The page often prints it
    twice (title bar, breadcrumb, heading); it opens the heading block, a standfirst may follow
    it, and a byline or timestamp closes the block."""
    lo = max(0, body_start - 30)
    norms = [_norm(_headline_text(ln.text)) for ln in lines]
    cands = {i for i in range(lo, body_start) if _is_candidate(lines[i])}

    def opens_article(i: int) -> bool:
        nxt = lines[i + 1] if i + 1 < body_start else None
        return nxt is not None and (
            (i + 1 in cands and nxt.label != "template")
            or bool(cues.BYLINE.match(nxt.text))
            or _is_time_line(nxt)
            or _is_name_line(lines, i + 1, body_start)
        )

    # a line the outlet prints on most pages is chrome, unless a standfirst, byline or timestamp
    # follows it: then it is a popular story's headline that also runs in the "most read" box
    cands = {i for i in cands if lines[i].label != "template" or opens_article(i)}
    best: tuple[float, int] | None = None
    for i in sorted(cands):
        ln = lines[i]
        score = 1.0 - (body_start - i) / 40.0 + min(ln.words, 12) / 24.0
        if ln.label == "template":
            # a popular story's headline recurs in the outlet's "most read" box on other pages:
            # still this page's headline where it stands above the byline
            score -= 0.25
        mine = norms[i]
        if any(
            j != i and other and (other == mine or (len(other) > 15 and other in mine))
            for j, other in enumerate(norms)
        ):
            score += 1.5
        prev = next(
            (k for k in range(i - 1, lo - 1, -1) if lines[k].label != "template" or k in cands),
            None,
        )
        if prev is not None and prev in cands and norms[prev] != mine:
            score -= 1.0  # a standfirst under the headline
        for k in range(i + 1, min(body_start, i + 4)):
            if cues.BYLINE.match(lines[k].text) or _is_time_line(lines[k]):
                score += 0.5
                break
        if best is None or score >= best[0]:
            best = (score, i)
    return best[1] if best else None


def _is_name_line(lines: list[Line], k: int, body_start: int) -> bool:
    """A byline printed without "By": an agency's name, or a short capitalised name or desk
    ("Staff Writer") right above the page's timestamp."""
    ln = lines[k]
    if ln.words > 6 or cues.SENTENCE_END.search(ln.text) or _debreadcrumb(ln.text) != ln.text:
        return False
    if credits_in_byline(ln.text):
        return True
    words = [w for w in re.split(r"[\s,|]+", ln.text) if w]
    if not all(w[0].isupper() for w in words if w[0].isalpha()):
        return False
    return k + 1 < body_start and _is_time_line(lines[k + 1])


_TEASER_LABELS = ("", "timestamp", "template")


def _teaser_time(line: Line, now: datetime | None) -> str | None:
    rel = parse_relative(line.text, now) if now else None
    if rel:
        return iso(rel)
    for _, dt in find_datetimes(line.text):
        return iso(dt)
    return None


def _teaser_from(item: list[Line], time_line: Line, now: datetime | None) -> Teaser | None:
    """One related-story item: a short source line, a headline, a text (any order of source
    and time around them)."""
    source = None
    headline = None
    text: list[str] = []
    for ln in item:
        if ln is time_line:
            continue
        if headline is None and ln.words <= 4 and not _is_sentence(ln):
            if any(c.isalpha() for c in ln.text):
                source = ln.text  # a bare number ("1", "2") is a rank, not a source
            continue
        if headline is None:
            headline = ln.text
        elif ln.words >= 4:
            text.append(ln.text)
    # "Kyodo | 1 day ago": the source shares the time line
    if source is None:
        rest = RELATIVE_RE.sub("", time_line.text).strip(" |·•-–—,")
        if rest and len(rest.split()) <= 4 and rest != time_line.text.strip():
            source = rest
    if not headline:
        return None
    return Teaser(
        headline=headline,
        outlet=source,
        published=_teaser_time(time_line, now),
        text=" ".join(text),
    )


def _split_teasers(region: list[Line], fetched_at: str | None) -> list[Teaser]:
    """Teasers in the lines after the body, anchored on each item's time line (relative or
    absolute). Sites print the time before the headline or after the text; which one is read
    off the first item."""
    now = to_datetime(fetched_at)
    usable = [k for k, ln in enumerate(region) if ln.label in _TEASER_LABELS]
    anchors = [k for k in usable if _is_time_line(region[k]) and region[k].words <= 8]
    if not anchors:
        return []
    first = anchors[0]
    nxt = first + 1
    time_first = (
        nxt < len(region)
        and region[nxt].label in _TEASER_LABELS
        and (_title_like(region[nxt]) and not _is_time_line(region[nxt]))
    )
    teasers: list[Teaser] = []
    for idx, a in enumerate(anchors):
        if time_first:
            lo = (
                a - 1
                if a > 0 and region[a - 1].words <= 4 and not _is_sentence(region[a - 1])
                else a
            )
            hi = (anchors[idx + 1] - 1) if idx + 1 < len(anchors) else len(region)
            if hi > lo and idx + 1 < len(anchors) and not (region[anchors[idx + 1] - 1].words <= 4):
                hi = anchors[idx + 1]
        else:
            lo = anchors[idx - 1] + 1 if idx > 0 else max(0, a - 4)
            hi = a + 1
        item: list[Line] = []
        for ln in region[lo:hi]:
            if ln.label not in _TEASER_LABELS or (
                ln is not region[a] and cues.RELATED_HEADING.match(ln.text)
            ):
                if item:
                    break
                continue
            item.append(ln)
        teaser = _teaser_from(item, region[a], now)
        if teaser is None:
            continue
        teasers.append(teaser)
        for ln in item:
            if ln.label in ("", "timestamp"):
                ln.label = "teaser"
    return teasers


def classify_dump(
    text: str,
    template: OutletTemplate | None = None,
    fetched_at: str | None = None,
    hints: frozenset[str] = frozenset(),
) -> DumpResult:
    """Every line of a dump classified; ``hints`` are the site's names (``site_hints``), used to
    drop them from a title-bar headline."""
    lines: list[Line] = []
    for n, raw in enumerate(text.splitlines()):
        t = " ".join(raw[:MAX_LINE_CHARS].split())
        if t:
            lines.append(Line(n=n, text=t, words=count_words(t)))
    for ln in lines:
        ln.label = _pre_label(ln, template)
        ln.weight = _weight(ln)
    _mark_rows(lines)
    _mark_numbered_lists(lines)
    _mark_shaped_lists(lines)
    _weigh_short_boxes(lines)

    repeats = _title_repeats(lines)
    clusters = _body_clusters(lines, set(repeats))
    if not clusters:
        return DumpResult(
            None, [], [], [], [Removed(ln.text, ln.label or "no_body", ln.n) for ln in lines]
        )
    body_start, body_end = _main_cluster(lines, clusters, repeats)

    paragraphs: list[str] = []
    span = lines[body_start : body_end + 1]
    for k, ln in enumerate(span):
        if ln.label:
            continue
        if ln.weight > 0 or _is_subheading(span, k):
            if cues.SIGNOFF.match(ln.text):
                ln.label = "signoff"
                continue
            ln.label = "body"
            paragraphs.append(ln.text)
        elif cues.SIGNOFF.match(ln.text):
            ln.label = "signoff"
        else:
            ln.label = "short_line"

    # a note on the author closes the text without being part of it
    bio = next((ln for ln in reversed(span) if ln.label == "body"), None)
    if bio is not None and bio.words <= AUTHOR_BIO_MAX_WORDS and cues.AUTHOR_BIO.match(bio.text):
        bio.label = "author_bio"
        paragraphs.pop()

    # a short closing paragraph right after the body ("He declined to comment.")
    k = body_end + 1
    while (
        k < len(lines)
        and lines[k].label == ""
        and 4 <= lines[k].words < BODY_MIN_WORDS
        and (cues.SENTENCE_END.search(lines[k].text))
        and not cues.SIGNOFF.match(lines[k].text)
        and not _is_time_line(lines[k])
    ):
        lines[k].label = "body"
        paragraphs.append(lines[k].text)
        k += 1

    # the page's own heading (its title printed again above the text), else the best candidate
    above = [r for r in repeats if r < body_start and lines[r].label in ("", "template")]
    h = above[-1] if above else _choose_headline(lines, body_start)
    if h is None and repeats and lines[0].label == "":
        h = 0  # only the title bar names the article
    headline = None
    if h is not None:
        lines[h].label = "headline"
        page_norms = frozenset(_norm(ln.text) for ln in lines)
        headline = clean_headline(_debreadcrumb(lines[h].text), hints, page_norms)
        hn = _norm(_headline_text(lines[h].text))
        for ln in lines:
            if ln.label == "" and ln is not lines[h]:
                other = _norm(_headline_text(ln.text))
                if other and (other == hn or (len(other) > 15 and (other in hn or hn in other))):
                    ln.label = "headline_repeat"

    byline_lines: list[str] = []
    time_lines: list[str] = []
    head_n = lines[h].n if h is not None else -1
    for k, ln in enumerate(lines[:body_start]):
        if ln.label not in ("", "template"):
            continue
        if ln.label == "" and _is_byline(ln):
            ln.label = "byline"
            byline_lines.append(ln.text)
            time_lines.append(ln.text)
        elif _is_time_line(ln):
            # timestamps of an outlet look alike on every page and may be learnt as template;
            # their times are still this page's
            time_lines.append(ln.text)
            if ln.label == "":
                ln.label = "timestamp"
                if ln.n > head_n >= 0:
                    byline_lines.append(ln.text)  # bylines glued to their timestamps
        elif ln.label == "" and ln.n > head_n >= 0 and _is_name_line(lines, k, body_start):
            ln.label = "byline"
            byline_lines.append(ln.text)

    tail = lines[body_end + 1 :]
    teasers = _split_teasers(tail, fetched_at)
    for ln in tail:
        if ln.label == "" and _is_time_line(ln):
            ln.label = "timestamp"
            time_lines.append(ln.text)

    removed: list[Removed] = []
    for i, ln in enumerate(lines):
        if ln.label == "body":
            continue
        reason = ln.label
        if not reason:
            if ln.words <= 5 and not cues.SENTENCE_END.search(ln.text):
                reason = "navigation"
            elif i > body_end:
                reason = "after_body"
            else:
                reason = "before_body"
        removed.append(Removed(ln.text, reason, ln.n))
    return DumpResult(headline, byline_lines, time_lines, paragraphs, removed, teasers)
