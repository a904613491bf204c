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
_TIME_LINE_MAX_WORDS = 12


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
    if line.words > _TIME_LINE_MAX_WORDS or (
        cues.SENTENCE_END.search(line.text) and line.words > 6
    ):
        return False
    return bool(RELATIVE_RE.search(line.text)) or _has_time(line.text)


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
    parts = re.split(r"\s+[|–—-]\s+", text)
    if len(parts) > 1 and len(parts[-1].split()) <= 4:
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    return text


def _body_clusters(lines: list[Line]) -> list[tuple[int, int]]:
    """Runs of body-like lines, allowing short gaps; a teaser time line or a related-stories
    heading always ends a run."""
    clusters: list[tuple[int, int]] = []
    start = last = -1
    for i, ln in enumerate(lines):
        hard_stop = (ln.label in ("related_heading", "template") and ln.words <= 8) or (
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


def _choose_headline(lines: list[Line], body_start: int) -> int | None:
    """Index of the headline: a title-shaped line above the body, preferring one the page
    prints twice (title bar and heading) and one close to the body."""
    lo = max(0, body_start - 30)
    norms = [_norm(_strip_site_suffix(ln.text)) for ln in lines]
    best: tuple[float, int] | None = None
    for i in range(lo, body_start):
        ln = lines[i]
        if ln.label not in ("",) or not _title_like(ln) or _is_time_line(ln):
            continue
        if cues.BYLINE.match(ln.text):
            continue
        score = 1.0 - (body_start - i) / 40.0
        score += min(ln.words, 16) / 16.0
        mine = norms[i]
        for j, other in enumerate(norms):
            if j != i and other and mine and (other == mine or (len(other) > 15 and other in mine)):
                score += 1.5
                break
        # a line followed by a byline or timestamp is the heading of the article
        nxt = next(
            (
                lines[k]
                for k in range(i + 1, min(body_start, i + 3))
                if lines[k].label != "template"
            ),
            None,
        )
        if nxt is not None and (cues.BYLINE.match(nxt.text) or _is_time_line(nxt)):
            score += 0.75
        if best is None or score >= best[0]:
            best = (score, i)
    return best[1] if best else None


def _split_teasers(region: list[Line], fetched_at: str | None) -> list[Teaser]:
    """Teasers in the lines after the body: each item is anchored on its time line (relative
    or absolute), with a short source line before it and a headline and text around it."""
    teasers: list[Teaser] = []
    now = to_datetime(fetched_at)
    anchors = [
        k for k, ln in enumerate(region) if ln.label in ("", "timestamp") and _is_time_line(ln)
    ]
    used: set[int] = set()
    for idx, k in enumerate(anchors):
        nxt_anchor = anchors[idx + 1] if idx + 1 < len(anchors) else len(region)
        time_line = region[k]
        published = None
        rel = parse_relative(time_line.text, now) if now else None
        if rel:
            published = iso(rel)
        else:
            for _, dt in find_datetimes(time_line.text):
                published = iso(dt)
                break
        outlet = None
        if (
            k > 0
            and k - 1 not in used
            and region[k - 1].words <= 4
            and not _is_sentence(region[k - 1])
        ) and region[k - 1].label == "":
            outlet = region[k - 1].text
            used.add(k - 1)
        headline = None
        text_parts: list[str] = []
        stop = (
            nxt_anchor - 1 if nxt_anchor < len(region) else nxt_anchor
        )  # leave next item's source
        for j in range(k + 1, stop):
            ln = region[j]
            if ln.label not in ("",):
                break
            if headline is None and not _is_sentence(ln) and ln.words >= 3:
                headline = ln.text
            elif headline is not None and ln.words >= 4:
                text_parts.append(ln.text)
            elif headline is None and _is_sentence(ln):
                headline = ln.text
            else:
                break
            used.add(j)
        used.add(k)
        if headline is None and k > 0 and (k - 1) not in used and _title_like(region[k - 1]):
            headline = region[k - 1].text
            used.add(k - 1)
        if headline:
            teasers.append(
                Teaser(
                    headline=headline, outlet=outlet, published=published, text=" ".join(text_parts)
                )
            )
            for j in used:
                if region[j].label == "":
                    region[j].label = "teaser"
            time_line.label = "teaser"
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
        headline = _strip_site_suffix(lines[h].text)
        hn = _norm(headline)
        for ln in lines:
            if ln.label == "" and ln is not lines[h]:
                other = _norm(_strip_site_suffix(ln.text))
                if other and (other == hn or (len(other) > 15 and (other in hn or hn in other))):
                    ln.label = "headline_repeat"

    byline_lines: list[str] = []
    time_lines: list[str] = []
    for ln in lines[:body_start]:
        if ln.label:
            continue
        if cues.BYLINE.match(ln.text) and ln.words <= 16:
            ln.label = "byline"
            byline_lines.append(ln.text)
            time_lines.append(ln.text)
        elif _is_time_line(ln):
            ln.label = "timestamp"
            time_lines.append(ln.text)
            if h is not None and ln.n > lines[h].n:
                byline_lines.append(ln.text)  # bylines glued to their timestamps
        elif h is not None and ln.n > lines[h].n and ln.words <= 6 and credits_in_byline(ln.text):
            ln.label = "byline"  # an agency name alone under the headline
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
