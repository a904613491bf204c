"""Other stories under the text in an HTML extractor's paragraphs (trafilatura's, read where the
block model is unsure of a page, ``html.extract_html``): a related-stories heading ("Related
Articles", "Related Posts:") and the list under it are kept by it as paragraphs of the text
whenever they sit in the article's container, as a blog's "related posts" box does. The dump
classifier, run on the same page's lines, reads that heading (``cues.RELATED_HEADING``) and the
lines under it as no text; its verdict is what cuts the list here, so that one mechanism decides
on both paths."""

from __future__ import annotations

import re
from collections.abc import Collection

from . import cues
from .body import RESUME_LINES
from .glued import glued
from .lines import Line, _is_sentence, _norm, count_words

# a related-stories heading is a label of a few words, as ``body._line_label`` reads it
HEADING_MAX_WORDS = 8
# a paragraph that is one web address and nothing else: a link to the source or to another
# story, printed as its address; the text names a site in a sentence, never alone on a line
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def _heading(paragraph: str) -> bool:
    text = paragraph.strip()
    return len(text.split()) <= HEADING_MAX_WORDS and bool(cues.RELATED_HEADING.match(text))


def _resumes(lines: list[Line], k: int) -> bool:
    """The text goes on at paragraph ``k``: it and the next are sentences, where a box lists a
    headline a line (``short_boxes._weigh_short_boxes`` reads a dump's boxes so)."""
    run = lines[k : k + RESUME_LINES]
    return len(run) == RESUME_LINES and all(_is_sentence(x) and not glued(x) for x in run)


def cut_related(paragraphs: list[str], dump_body: Collection[str]) -> list[str]:
    """``paragraphs`` without each related-stories heading the dump classifier did not take for
    text (``dump_body``: the normalised lines it took) and the paragraphs under it, up to the
    next one it took or the next run of sentences (``_resumes``): the text resumes below the
    box there. A lone web address it did not take goes too (``_ADDRESS``)."""
    lines = [Line(k, p, count_words(p)) for k, p in enumerate(paragraphs)]
    kept: list[str] = []
    in_box = False
    for k, p in enumerate(paragraphs):
        norm_in = _norm(p) in dump_body
        if norm_in or (in_box and _resumes(lines, k)):
            in_box = False
        elif _heading(p):
            in_box = True
        if not in_box and (norm_in or not _ADDRESS.match(p.strip())):
            kept.append(p)
    return kept
