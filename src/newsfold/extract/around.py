"""What sits around the article's text in a dump: its credits (bylines, timestamps) above it,
other stories' teasers below it (each with its own time and headline), and the reason each line
that is not body went."""

from __future__ import annotations

from datetime import datetime

from ..dates import RELATIVE_RE, find_datetimes, iso, parse_relative, to_datetime
from ..records import Removed, Teaser
from . import cues
from .lines import Line, _is_byline, _is_name_line, _is_sentence, _is_time_line, _title_like

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


def split_teasers(region: list[Line], fetched_at: str | None) -> list[Teaser]:
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


def credit_lines(lines: list[Line], body_start: int, head_n: int) -> tuple[list[str], list[str]]:
    """The byline and time lines above the body (each labelled): ``head_n`` is the headline's
    line number (-1 for none); the lines below it carry the article's own credits."""
    byline_lines: list[str] = []
    time_lines: list[str] = []
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
    return byline_lines, time_lines


def removed_lines(lines: list[Line], body_end: int) -> list[Removed]:
    """Every line that is not body, with the reason it went: its label, else where it stood."""
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
    return removed
