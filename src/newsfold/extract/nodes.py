"""Dumps of text nodes, one a line, with no blank line between blocks (lxml's or BeautifulSoup's
text joined by newlines): a sentence is cut at each of its links and bold words, and its pieces
are joined again here (``unwrap.unwrap_lines`` calls ``join_fragments`` on such a dump). Moved
out of ``unwrap.py`` whole, with its thresholds (chosen on site half A, as unwrap's are).
"""

from __future__ import annotations

import re
from collections import Counter

from .byline_page import CUES
from .byline_spans import JOINERS

# a dump of this many lines with no more than this share of them blank prints one text node a
# line (``is_node_per_line``)
MIN_NODE_LINES = 20
MAX_NODE_BLANK_SHARE = 0.01
# a line that ends a sentence or a clause (its stop, then closing marks): what follows it is no
# continuation of it (read by ``markdown.joined_continuations`` too)
CLAUSE_END_RE = re.compile(r"[.!?:;…。！？][\"'”’)\]]*$")
_CONTINUING = frozenset(",.;:!?)]}”’%…")  # a line opening with one goes on the line above


def is_node_per_line(lines: list[str]) -> bool:
    """A dump of text nodes, one a line, with no blank line between blocks (lxml's or
    BeautifulSoup's text joined by newlines): each link or bold word inside a sentence is a
    line of its own there."""
    if len(lines) < MIN_NODE_LINES:
        return False
    blank = len(lines) - len([*filter(str.strip, lines)])  # (counted at C speed)
    return blank <= MAX_NODE_BLANK_SHARE * len(lines)


# words of a line that goes on inside a bracket the line above left open (a citation's number)
BRACKET_MAX_WORDS = 3
# a few words wholly in brackets: an aside printed in the same block as the line above (a
# photo's credit under its caption, "(Image: GETTY)"; a link's tag, "[VIDEO]"), as every
# renderer that keeps blocks prints it
_ASIDE_RE = re.compile(r"^[(\[][^()\[\]]{1,40}[)\]]$")
# a line that ends on an opening quote or bracket: the words quoted are the next text node
# (a title in quotes printed as a link, "... the series “" over its name)
_OPENING = frozenset("([“‘«„")
# the rest of a sentence that a node cut: a closing quote and the punctuation after it
# ("”, which ..."), or a dash and a word in lower case ("— to land ..."), or a few words
# in brackets and the sentence going on in lower case ("(ABC) to the ...")
_GOES_ON_RE = re.compile(r"^(?:[”’»‘“\"'][,.;:)]|(?:[—–]|\([^()]{1,40}\))\s+([^\W\d_]))")


# a closing quote that the sentence goes on after: it hangs on the quoted words above it
_CLOSING_QUOTE = re.compile(r"^\s*[”’»‘“\"'][,.;:)]")


def _rest_of_sentence(nxt: str) -> bool:
    """``nxt`` opens with a closing quote and punctuation, or with a dash or a bracketed aside
    and then a word in lower case: the sentence of the line above goes on in it."""
    m = _GOES_ON_RE.match(nxt)
    return m is not None and (m.group(1) is None or m.group(1).islower())


def _goes_on(line: str, nxt: str) -> bool:
    """``nxt`` is the rest of the sentence ``line`` opened: it starts in lower case or with
    punctuation that closes or continues one, or it is a few words in brackets, an aside of the
    line above (``_ASIDE_RE``; on half A, AEB's lxml_lines dumps 0.917 -> 0.921 and L3S-GN1's
    the same; joining also a label with its colon to the line under it, "READ MORE:" to its
    link, gained there too but cut one page by 0.45, a "Related:" box then read as the text's
    end). (Joining also after a line that stops on a comma or a word in lower case, as one cut
    before a link does, chained list items and menus into prose: body F1 on half A fell on both
    data sets.) A line that leaves a bracket open goes on with a few words that come next,
    whatever they start with: a citation's link ("... in the United States (" over "1).");
    not with a long line, as a bracket left open by a typo would swallow the page."""
    line, nxt = line.rstrip(), nxt.lstrip()
    if not line or not nxt:
        return False
    if line.count("(") > line.count(")") and len(nxt.split(maxsplit=BRACKET_MAX_WORDS)) <= (
        BRACKET_MAX_WORDS
    ):
        return True
    if line[-1] in _OPENING:
        return True  # the quoted or bracketed words are the next node (a link inside quotes)
    if CLAUSE_END_RE.search(line):
        return False
    return (
        nxt[0].islower()
        or nxt[0] in _CONTINUING
        or bool(_ASIDE_RE.match(nxt.rstrip()))
        or _rest_of_sentence(nxt)
    )


# words of a link or bold phrase inside a sentence, printed on a line of its own
INLINE_MAX_WORDS = 6


def _inline(line: str, node: str, nxt: str) -> bool:
    """``node`` is a link or an emphasised phrase inside the sentence ``line`` opened: ``line``
    ends on a letter without a stop, ``node`` is a few words without one, and the line under
    it is the sentence going on (lower case, closing punctuation or a dash: "... said the" /
    "Harbour Board" / ", which ..."). Joining after every line that ends on a word chained
    menus and lists into prose (``_goes_on``); a menu's item is not followed by the rest of a
    sentence. (A line ending on a digit stays: a date line over a link that opens the text.)"""
    line, node, nxt = line.rstrip(), node.strip(), nxt.lstrip()
    if not line or not node or not nxt or not line[-1].isalpha():
        return False
    if _heading_shaped(line):
        return False
    if len(node.split(maxsplit=INLINE_MAX_WORDS)) > INLINE_MAX_WORDS:
        return False
    if CLAUSE_END_RE.search(node):
        return False
    return nxt[0].islower() or nxt[0] in _CONTINUING or nxt[0] in "—–" or _rest_of_sentence(nxt)


# words of a heading (every word capitalised) that no link goes on: "More Stories From Us" over
# a list of linked headlines, each cut in two nodes, chained into one line of prose that hid the
# heading (AEB half A, lxml_lines 0.9369 -> 0.9377). From three words: two ("Prime Minister" over
# a linked name) open a sentence as often (two words cost a page of half A 0.017)
HEADING_MIN_WORDS = 3
HEADING_MAX_WORDS = 8


def _heading_shaped(line: str) -> bool:
    """A few words each opening with a capital or a digit (no word in lower case): a heading
    or a title, which a sentence cut at a link is not ("... said the")."""
    words = line.split()
    return HEADING_MIN_WORDS <= len(words) <= HEADING_MAX_WORDS and not any(
        w[0].islower() for w in words
    )


# A byline printed a text node a piece: its cue alone over its linked name ("von" / "Jane Doe"),
# which no line above goes on (``_goes_on`` joined a lower-case "von" to the headline over it,
# "Fish market reopens von"), and its names with a joiner between them ("Jane Doe" / "und" /
# "John Roe": ``_goes_on`` joined "und" to the name above, and the name after it stood alone).
# Chosen on the metadata benchmark's half A (trafilatura set, lxml_lines: byline 0.601 -> 0.617,
# headline 0.800 -> 0.810; no page of AEB or L3S-GN1 moved by more than 0.01). Not taken: a
# cue and names in one node ("by Jane Doe") that no line above goes on, as that cut a list of
# cards ("Headline" / "by Jane Doe") into pieces (AEB half A, a page 0.92 -> 0.00); and a name
# after a node closed by a comma ("Jane Doe," / "John Roe"), which joined lists of tags too.
NAME_MAX_WORDS = 4  # a node of more capitalised words is a heading, not a name


def _byline_node(node: str) -> bool:
    """``node`` is a byline's cue alone ("von", "By"): the name is the next node."""
    return node.strip().lower() in CUES


def _next_name(line: str, node: str) -> bool:
    """``node`` is a name that goes on ``line``, which ends on a joiner ("Jane Doe und" /
    "John Roe"): a few capitalised words without a stop."""
    last, words = line.rsplit(None, 1)[-1:], node.split()
    return (
        bool(last)
        and last[0].lower() in JOINERS  # a node that ends on one leaves the names open
        and 0 < len(words) <= NAME_MAX_WORDS
        and words[0][0].isalpha()
        and all(w[0].isupper() for w in words if w[0].isalpha())
        and not CLAUSE_END_RE.search(node.rstrip())
    )


def join_fragments(lines: list[str]) -> list[str]:
    """Lines of one sentence, cut at its inline elements, joined (``_goes_on``, ``_inline``),
    and a byline's names printed a node each (``_next_name``); a byline's cue alone goes on no
    line above, nor is the line above it a link inside a sentence (``_byline_node``)."""
    out: list[str] = []
    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if out and _byline_node(line):
            out.append(line)
        elif out and (
            _goes_on(out[-1], line)
            or (_inline(out[-1], line, nxt) and not _byline_node(nxt))
            or _next_name(out[-1], line)
        ):
            out[-1] = out[-1].rstrip() + _glue(out[-1], line) + line.strip()
        else:
            out.append(line)
    return out


def _glue(line: str, nxt: str) -> str:
    """What goes between two joined text nodes: nothing after an opening bracket or before
    closing punctuation (a closing quote among it), else a space."""
    opened = line.rstrip()[-1:] in _OPENING
    return "" if opened or nxt.lstrip()[:1] in _CONTINUING or _CLOSING_QUOTE.match(nxt) else " "


# a group of short nodes (a share bar's buttons, a card's footer) printed again and again:
# each of its lines has at most this many words, the group at least GROUP_MIN_LINES lines
# and at least GROUP_REPEATS printings on the page
GROUP_MAX_WORDS = 2
GROUP_MIN_LINES = 2
GROUP_REPEATS = 3
# a button's or a link's label holds a word of two letters or more; a spacer's stray character
# ("Â" left of a non-breaking space decoded as Latin-1, printed between paragraphs) is none
_LABEL_WORD = re.compile(r"[^\W\d_]{2}")


def join_repeated_groups(lines: list[str]) -> list[str]:
    """Each printing of a group of short lines that the page repeats (``GROUP_REPEATS`` times
    or more, the same lines in the same order, between longer lines) as one line: the widget a
    renderer that keeps blocks prints on a line of its own (a share bar's buttons under each
    item of a list), which then reads as one line of chrome between the items, as there."""
    search_end, label_word = CLAUSE_END_RE.search, _LABEL_WORD.search
    # each line of a group printed GROUP_REPEATS times is printed that often: a page with no
    # short line printed that often (about half of them) has no group to join, known from its
    # lines counted at C speed without reading each one
    if not any(
        n >= GROUP_REPEATS
        and 0 < len(x.split(None, GROUP_MAX_WORDS)) <= GROUP_MAX_WORDS
        and not search_end(x)
        and label_word(x) is not None
        for x, n in Counter(map(str.strip, lines)).items()
    ):
        return list(lines)
    # each maximal run of GROUP_MIN_LINES short lines or more, found in one pass (a line's words
    # split off two at most: a long paragraph is not split whole to learn it has more)
    runs: list[tuple[int, int]] = []
    start = -1  # where the run of short lines up to the line read opened (-1: none)
    for k, x in enumerate(lines):
        if (
            0 < len(x.split(None, GROUP_MAX_WORDS)) <= GROUP_MAX_WORDS
            and not search_end(x.rstrip())
            and label_word(x) is not None
        ):
            if start < 0:
                start = k
        elif start >= 0:
            if k - start >= GROUP_MIN_LINES:
                runs.append((start, k))
            start = -1
    if start >= 0 and len(lines) - start >= GROUP_MIN_LINES:
        runs.append((start, len(lines)))
    printed = Counter(tuple(x.strip() for x in lines[a:b]) for a, b in runs)
    out: list[str] = []
    last = 0
    for a, b in runs:
        if printed[tuple(x.strip() for x in lines[a:b])] >= GROUP_REPEATS:
            out += lines[last:a]
            out.append(" ".join(x.strip() for x in lines[a:b]))
            last = b
    return out + lines[last:]
