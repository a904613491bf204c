"""Classify every line of a plain-text page dump: headline, byline, body, teaser or chrome.

A dump has no markup, so the article is found by the shape of its lines: the body is the largest
run of long, sentence-punctuated lines; the headline is a title-shaped line above it (often printed
twice); bylines and timestamps sit between them; a block of other stories' teasers follows it,
each item carrying its own source, time and headline. Every line that is not body is kept in
``removed`` with the reason it went. Outlet templates learnt from the corpus mark chrome first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from ..records import Removed, Teaser
from . import cues
from .credits import credits_in_byline
from .dates import RELATIVE_RE, find_datetimes, iso, parse_relative, to_datetime
from .templates import OutletTemplate

BODY_MIN_WORDS = 12  # a body paragraph is a sentence or more; chrome lines are rarely this long
MAX_GAP = 3  # non-body lines (captions, links, ads) tolerated inside the body
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
MAX_LINE_CHARS = 20_000  # longer lines are classified on their first characters only
_TIME_LINE_MAX_WORDS = 20
_CLOCK_END = re.compile(r"\b[ap]\.m\.$", re.I)


@dataclass(slots=True)
class Line:
    n: int
    text: str
    words: int
    label: str = ""  # body, headline, or a removal reason


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


def _is_relative_time(line: Line) -> bool:
    return line.words <= 6 and bool(RELATIVE_RE.search(line.text))


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


def _body_clusters(lines: list[Line]) -> list[tuple[int, int]]:
    """Runs of body-like lines, allowing short gaps; a teaser time line or a related-stories
    heading always ends a run."""
    clusters: list[tuple[int, int]] = []
    start = last = -1
    for i, ln in enumerate(lines):
        hard_stop = (ln.words <= 8 and bool(cues.RELATED_HEADING.match(ln.text))) or (
            _is_relative_time(ln)
        )
        if hard_stop and start >= 0:
            clusters.append((start, last))
            start = last = -1
            continue
        if ln.label == "" and _is_sentence(ln):
            if start >= 0 and i - last - 1 > MAX_GAP:
                clusters.append((start, last))
                start = -1
            if start < 0:
                start = i
            last = i
    if start >= 0:
        clusters.append((start, last))
    return clusters


def _cluster_words(lines: list[Line], span: tuple[int, int]) -> int:
    return sum(ln.words for ln in lines[span[0] : span[1] + 1] if _is_sentence(ln))


def _pre_label(ln: Line, template: OutletTemplate | None) -> str:
    text = ln.text
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
    if cues.INLINE_LINK.match(text) and ln.words <= 25:
        return "inline_link"
    if ln.words <= 25 and cues.CAPTION.search(text):
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
    text: str, template: OutletTemplate | None = None, fetched_at: str | None = None
) -> DumpResult:
    lines: list[Line] = []
    for n, raw in enumerate(text.splitlines()):
        t = " ".join(raw[:MAX_LINE_CHARS].split())
        if t:
            lines.append(Line(n=n, text=t, words=len(t.split())))
    for ln in lines:
        ln.label = _pre_label(ln, template)

    clusters = _body_clusters(lines)
    if not clusters:
        return DumpResult(
            None, [], [], [], [Removed(ln.text, ln.label or "no_body", ln.n) for ln in lines]
        )
    body_start, body_end = max(clusters, key=lambda c: (_cluster_words(lines, c), -c[0]))

    paragraphs: list[str] = []
    for ln in lines[body_start : body_end + 1]:
        if ln.label:
            continue
        if _is_sentence(ln) or (ln.words >= 6 and cues.SENTENCE_END.search(ln.text)):
            if cues.SIGNOFF.match(ln.text):
                ln.label = "signoff"
                continue
            ln.label = "body"
            paragraphs.append(ln.text)
        elif cues.SIGNOFF.match(ln.text):
            ln.label = "signoff"
        else:
            ln.label = "short_line"

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

    h = _choose_headline(lines, body_start)
    headline = None
    if h is not None:
        lines[h].label = "headline"
        headline = _headline_text(lines[h].text)
        hn = _norm(headline)
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
        if ln.label == "" and cues.BYLINE.match(ln.text) and ln.words <= 16:
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
