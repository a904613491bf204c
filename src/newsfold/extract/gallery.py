"""A photo gallery's counter that a renderer prints on lines of its own ("2", "of", "4").

``cues.GALLERY_CAPTION`` knows a picture's caption by the counter set before it on its line ("2
of 4 A crowd waits ...", "2of4A crowd ..."). A renderer that prints each text node of the page
on a line of its own (lxml_lines) splits the counter into lines above the caption ("2 of" and
"4" once unwrapped), where the cue never sees it: those lines and the caption under them are
labelled ``caption`` here, and every other copy of that caption (the gallery's slides print it
again without the counter) with them, as ``lines.mark_gallery_copies`` does for a counter on
the caption's line. On AEB half A this was one page of lxml_lines (a gallery of four pictures
above the text, F1 0.891 -> 0.985); no other renderer's page moved by 0.01.
"""

from __future__ import annotations

import re

from .lines import ALT_MIN_WORDS, Line, line_norm

# a counter alone, as the lines that print it read joined ("2 of 4", "2 / 4"; up to three digits
# each, as ``cues.GALLERY_CAPTION``); a slash with a blank either side, as the lines "2", "/",
# "4" join: a date alone on its line ("11/19") is none
_COUNTER = re.compile(r"(\d{1,3})(?:\s*of\s*|\s+/\s+)(\d{1,3})", re.I)
COUNTER_MAX_LINES = 3  # "2", "of", "4": the most lines a counter is printed over
_COUNTER_MAX_CHARS = 12  # "999 of 999" with a blank around it: the longest line opening one


def _counter_lines(lines: list[Line], k: int) -> int:
    """How many lines from ``k`` on print a counter alone ("2", "of", "4"; or "2 of" and "4",
    as the unwrapping joins them; the first number 1 to the second) with a caption under it
    (a line of ALT_MIN_WORDS words or more); 0 for none."""
    text = ""
    for j in range(COUNTER_MAX_LINES):
        if k + j + 1 >= len(lines):
            return 0
        text = f"{text} {lines[k + j].text.strip()}".strip()
        found = _COUNTER.fullmatch(text)
        if found is not None:
            at, of = int(found[1]), int(found[2])
            below = lines[k + j + 1]  # a caption, not a link's label ("Back to gallery")
            ok = 1 <= at <= of and below.words >= ALT_MIN_WORDS and not _COUNTER.match(below.text)
            return j + 1 if ok else 0
    return 0


def mark_split_counters(lines: list[Line]) -> None:
    """Label ``caption`` each counter printed on lines of its own, the caption under it and the
    caption's other copies (see above)."""
    captions: set[str] = set()
    for k in range(len(lines) - 1):
        head = lines[k].text.lstrip()[:1]
        if not ("0" <= head <= "9") or len(lines[k].text) > _COUNTER_MAX_CHARS:
            continue  # most lines: no counter opens them (tested at str's speed)
        n = _counter_lines(lines, k)
        if not n:
            continue
        for ln in lines[k : k + n + 1]:
            ln.label = ln.label or "caption"
        captions.add(line_norm(lines[k + n]))
    if not captions:
        return
    for ln in lines:
        if not ln.label and line_norm(ln) in captions:
            ln.label = "caption"
