"""Markdown-ish dumps (html2text's and its like), read as a reader sees them (moved here from
``unwrap.py``, which calls it last).

A reader sees the text of a link, not its address, so ``[text](url)`` becomes ``text``, an image
``![alt](url)`` goes (an HTML dump shows no image either), ``<url>`` becomes the URL, and
``**bold**``, ``__bold__``, ``_italic_`` and escapes (``\\.``) lose their marks (an italic "_"
left on hid a line's first or last word from every cue: "_(C) All rights reserved._" was no
copyright line and "... appears._" no sentence); ``#`` heading marks go, since the line's
shortness already says it is a heading and the marks would count as words; ``*``/``-``/``+``
bullets become ``•``, the bullet the other renderers print. All of this is done only on a page
with enough markdown links or headings (``MIN_MARKDOWN``), so that a plain dump that quotes a
bracket is never touched; heading marks alone are no cue (a plain dump may number a list "# 1").
Links printed back to back, with nothing between them (html2text's rendering of a box of links
laid out with blocks, such as a "Related articles" list), become a line each, as every other
renderer prints them. A link glued to the word before it gets back the space html2text
dropped ("von[Jane Doe](...)" reads "von Jane Doe", as the other renderers print it). A page
laid out with tables, which html2text prints as markdown tables whose rows run their blocks
together on one line, gets each cell and each glued block of a row back on a line of its own
(``_MD_GLUED_RE``, ``_cell_break``).
"""

from __future__ import annotations

import re

from ..dates import find_datetimes
from .nodes import CLAUSE_END_RE

# markdown links (or images) for a page to be read as markdown
MIN_MARKDOWN = 3

# a link or image may run over several lines (its text, or its address broken at a hyphen or
# a space) (bounded, so that no input makes the search slow). html2text prints an address as
# the page wrote it, spaces included ("mailto:?subject=Read this&body=...", "javascript:
# open('...')"): an address stopped at a space left such links unread, a mail's whole prepared
# text read as a paragraph of the body; it stops at a quotation mark, where a title may begin.
# A link's title (its ``title`` attribute, printed in quotes after the address) may be a whole
# summary of the page it links to: a blog's list of another site's posts carries each post's
# first paragraph there, several hundred characters, and a cap at 300 left such links unread,
# their summaries read as paragraphs of the text
_MD_TARGET = r"\((?:\\[()]|[^()\n\"]){0,2000}(?:\n(?:\\[()]|[^()\n\"]){1,2000}){0,2}(?:\s{1,3}\"[^\"]{0,2000}\")?\)"  # an address's own brackets come escaped ("javascript:print\(\)")
_MD_IMAGE_RE = re.compile(r"!\[[^\[\]]{0,500}\]" + _MD_TARGET)
_MD_LINK_RE = re.compile(r"\[([^\[\]]{0,500})\]" + _MD_TARGET)
_MD_LINK_ALONE_RE = re.compile(r"!?\[[^\[\]]{0,500}\]" + _MD_TARGET)
_MD_AUTOLINK_RE = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
# a bold or italic mark ("_" alone, html2text's <em>) is dropped where it touches a word or a
# quotation mark (pairing them would be slow on a long line); an "_" inside a word (snake_case)
# or escaped stays
_MD_STRONG_RE = re.compile(
    r"(?:\*\*|__)(?=[\w\"'“‘(])|(?<=[\w.,;:!?)'\"”’])(?:\*\*|__)|(?<![\w\\])_(?=[^\s_])|(?<=[^\s\\_])_(?!\w)"
)
_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
# (after a list's bullet too: html2text prints a heading inside an item, "  * #### [Title](...)")
_MD_HEADING_RE = re.compile(r"^(\s*(?:[*+-]\s+)?)#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_BULLET_RE = re.compile(r"^(\s*)[*+-]\s+(?=\S)")
_MD_QUOTE_RE = re.compile(r"^\s*(?:>[ ]?){1,20}")  # a blockquote's marks, nested ones too
_QUOTE_BLANK = "\u00a0"  # what ``unquoted`` puts in their place
_QUOTE_BLANK_RE = re.compile(r"^[\u00a0 ]*\u00a0[\u00a0 ]*")
# a link's target: heading marks alone are no cue, a plain dump may number a list "# 1"
_MD_CUE_RE = re.compile(r"\]\((?:https?:|/|#|mailto:)")


def is_markdown(lines: list[str]) -> bool:
    """The dump is markdown (html2text's and its like): enough links or heading marks."""
    return len(_MD_CUE_RE.findall("\n".join(lines))) >= MIN_MARKDOWN


def unquoted(lines: list[str]) -> list[str]:
    """``lines`` with a blockquote's marks (``> ``, before every line of it, its wrapped lines
    included) made blank, column for column: read before the dump is unwrapped, so that a
    quote's wrapped lines join as a paragraph's do (their first word, not the mark, is the one
    that did not fit; the width the wrap took unchanged), where they had joined with a mark in
    the middle of the sentence, or not at all. The blank is a no-break space, which
    ``plain_markdown`` takes off again: a quote is read at the left edge, as other renderers
    print it (two columns in, a tweet quoted in the text was read as a box apart from it)."""
    return [_MD_QUOTE_RE.sub(_blank, line) if line.lstrip()[:1] == ">" else line for line in lines]


def _blank(match: re.Match[str]) -> str:
    return _QUOTE_BLANK * len(match.group(0))


def plain_markdown(lines: list[str]) -> list[str]:
    """Markdown lines as a reader sees them (see the module for each mark and why); a link
    that ran over several lines becomes one, and links printed back to back are lines of their
    own (``_link_text``); on a page with markdown tables, the blocks html2text ran together in
    a table's row are apart again (``_MD_GLUED_RE``, ``_cell_break``)."""
    text = "\n".join(_links_put_back(_MD_IMAGE_RE.sub("", "\n".join(lines)).split("\n")))
    tables = _MD_TABLE_RULE_RE.search(text) is not None
    if tables:  # a row's glued blocks are found by its links' marks: before they are read
        text = "\n".join(_row_apart(line) for line in text.split("\n"))
    text = _MD_LINK_RE.sub(_link_text, text)
    text = _MD_LINK_RE.sub(_link_text, text)  # a link around an image's link
    return [_plain_markdown_line(line) for line in text.split("\n")]


# html2text's width (its default, 78 columns): a line that a link's markdown (its text and its
# address, one word to the wrapper) would have run past was cut before the link
LINK_WRAP_WIDTH = 78
# a line that opens with a link's markdown: "[text](", "([1](", "[_Title_]("
_LINK_FIRST_RE = re.compile(r"^\(?\[(?!!)")


def _links_put_back(lines: list[str]) -> list[str]:
    """Each line that html2text's wrap began with a link put back on the line above it: the
    link's text and address are one word to the wrapper, too long to fit after the sentence it
    stands in, so the sentence was cut there ("... obtained by" over "[Variety](http://...),
    claimed ..."; a citation, "([1](https://...))." under its sentence), and the rest, a
    capitalised name or a bracket, read as a line of its own (``joined_continuations`` joins
    only a line that goes on in lower case). A line goes on the line above where that one has
    text that ends no clause, holds no link and does not close one (the rest of an address
    broken over lines: a list of links, "[A](...)," over "[B](...)", stays apart), is no hard
    break (two blanks, ``<br>``), no heading and no list item, the line holds no second link (a
    list of tags under a byline, "[Harbour](...), [Port](...)"), and the two would have been
    wider than ``LINK_WRAP_WIDTH`` (on AEB's half A, 21 of html2text's 42 paragraphs of the
    truth that stood on more than one line were joined so; body F1 .9375 -> .9378, a page of
    citations "(1)." under their sentences .954 -> .994 recall)."""
    out: list[str] = []
    for line in lines:
        above = out[-1].rstrip() if out else ""
        if (
            above
            and _LINK_FIRST_RE.match(line)
            and line.count("](") < 2
            and not out[-1].endswith("  ")
            and not CLAUSE_END_RE.search(above)
            and not _MD_HEADING_RE.match(above)
            and not _MD_BULLET_RE.match(above)
            and "](" not in above
            and above.count(")") <= above.count("(")
            and len(above) + 1 + len(line.split(" ", 1)[0]) > LINK_WRAP_WIDTH
        ):
            out[-1] = above + " " + line
        else:
            out.append(line)
    return out


# html2text prints a table (every layout table of a page laid out with them: its menu, its
# article, its side bar) as markdown: a row on one line, its cells apart by "| ", a rule of
# "---" under the first row ("---|---", a "---" a cell), and inside a row it drops every block
# break (its ``<p>`` and ``<div>`` print nothing there): an article's paragraphs, the comments
# under it and the cell beside it run on as one line, each block's first word touching the
# last one's stop or link ("...in Australia.The next ...", "[Read Comments (11)](...)England
# bowling ...", "Posted by x| side"), where every other renderer prints each block on a line of
# its own. On a page with such a rule, a row's line (one with a cell's "|": one that a blank
# or the line's end follows, "a|b" is no cell) is parted (a blank line, as between paragraphs)
# where a sentence's stop, or a link's end, touches a capitalised word, and where a stop
# touches a link; such a row, and a row of links alone (a menu), is then parted at each "|"
# between two cells' words. A row of a data table (one short value a cell, "1 | Kyle Example |
# 5040": nothing glued) stays a line, as every other renderer prints it: its cells a block
# each, a table of figures that was the article's body was read as chrome. A "|" at a line's
# start or end stays, and so do the rules: the line already parts those cells, and the marks
# tell a table's box from the text (taken off, a box's teaser under an article, "| Your
# thoughts on ...", was read as its paragraph). Lines without a "|" are left as they are:
# outside a table a sloppy writer's "lot.Please" is no block break (a blog's comments, parted
# so, were read as the article)
_MD_TABLE_RULE_RE = re.compile(r"^[ \t|]*-{3,}(?:[ \t]*\|[ \t]*-{3,})*[ \t|]*$", re.M)
_MD_CELL_RE = re.compile(r"(?:[ \t]*(?<![\\|])\|(?=[ \t\n]|$)[ \t]*)+")
# (two letters or digits before a stop at least: "U.S.Army" stays)
_MD_GLUED_RE = re.compile(
    r"(?<=[a-z0-9]{2}[.!?])[\"”’)]?(?=[A-Z][a-z])"  # a stop (a closing quote) and a word
    r"|(?<=\))(?=[A-Z][a-z])"  # a link's end (or a bracket's) and a word
    r"|(?<=[a-z0-9]{2}[.!?])(?=\[)"  # a stop and a link
)


def _row_apart(line: str) -> str:
    """A table's row with its glued blocks and its cells apart (see above); a line without a
    cell, or a row with nothing glued that is no menu (a data table's), as it is."""
    if not _MD_CELL_RE.search(line):
        return line
    parted = _MD_GLUED_RE.sub(_block_break, line)
    if parted == line and not _links_alone(line):
        return line
    return _MD_CELL_RE.sub(_cell_break, parted)


def _links_alone(line: str) -> bool:
    """Whether each cell of a row holds a link and nothing else (a menu)."""
    cells = [c.strip() for c in _MD_CELL_RE.split(line) if c.strip()]
    return len(cells) > 1 and all(_MD_LINK_ALONE_RE.fullmatch(c) for c in cells)


def _block_break(match: re.Match[str]) -> str:
    return match.group(0) + "\n\n"


def _cell_break(match: re.Match[str]) -> str:
    """A blank line for the "|" between two cells' words; one at a line's start or end stays
    as it is (see above)."""
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or text[start - 1] == "\n" or end == len(text) or text[end] == "\n":
        return match.group(0)
    return "\n\n"


def _link_text(match: re.Match[str]) -> str:
    """A link's text; a line break after it where another link follows with nothing between:
    html2text prints the links of a list laid out with blocks (a "Related articles" box of
    ``<div>`` links) back to back, where every other renderer puts each on a line of its own
    (their words would otherwise run into one line: "...is pregnant12 December 2007: ..."), and
    cards (``_CARD_NEXT_RE``) a space apart."""
    text = " ".join(match.group(1).split("\n"))
    end, start = match.end(), match.start()
    if start and _spaced_letters(match.string[start - 1], text[:1]):
        text = " " + text  # "von[Jane Doe](...)": the space html2text dropped before a link
    if match.string[end : end + 1] == "[" or (
        match.group(1)[:1].isspace() and _CARD_NEXT_RE.match(match.string, end)
    ):
        return text + "\n"
    return text


# a link around blocks (a card: its image, then its title) opens with a blank in html2text's
# print ("[ ![](...) Title ](...)", the image gone before links are read); a box of such cards
# is printed one after another on a line, a space between them, where the other renderers
# print a line each. Two such links in a row, a space apart, are cards of one box
_CARD_NEXT_RE = re.compile(r" {1,3}\[\s")


def _spaced_letters(before: str, first: str) -> bool:
    """Whether a link whose text opens with ``first`` right after ``before`` lost a space:
    html2text drops the space between a word and the link after it ("von[Jane Doe](...)"),
    where every other renderer prints it (each such link of trafilatura's evaluation pages);
    in scripts written without spaces (CJK) a word and a link may touch."""
    return (
        before.isalpha()
        and first.isalpha()
        and ord(before) < _NO_SPACE_SCRIPTS
        and ord(first) < _NO_SPACE_SCRIPTS
    )


_NO_SPACE_SCRIPTS = 0x2E80  # where the CJK blocks begin


def _plain_markdown_line(line: str) -> str:
    if line[:1] in (_QUOTE_BLANK, " "):
        line = _QUOTE_BLANK_RE.sub("", line)
    line = _MD_AUTOLINK_RE.sub(r"\1", line)
    line = _MD_STRONG_RE.sub("", line)
    line = _MD_HEADING_RE.sub(r"\1\2", line)
    line = _MD_BULLET_RE.sub(r"\1• ", line)
    return _MD_ESCAPE_RE.sub(r"\1", line)


def joined_continuations(lines: list[str]) -> list[str]:
    """Markdown lines (links read) with a line that goes on in lower case joined to the line
    above it: html2text wraps a link with its address, and the wrap of the lines around a long
    one is not found (``unwrap.py``), so the rest of a sentence was left under the link's line.
    Its blocks are apart by blank lines; a line ended by a hard break (two blanks, html2text's
    ``<br>``), one that ends a sentence and a link left unread (an address with spaces) stay.
    A line that goes on with the rest of a date the line above begins ("... 7." over "Januar
    2022", "October 18," over "2019") goes on it whatever its case (``_date_goes_on``)."""
    out: list[str] = []
    for line in lines:
        above = out[-1] if out else ""
        if (
            line[:1].islower()
            and above.strip()
            and not above.endswith("  ")
            and not CLAUSE_END_RE.search(above.rstrip())
            and "](" not in above
            and "](" not in line
        ) or _date_goes_on(above, line):
            out[-1] = above.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


# the characters at the end of a line and the start of the next where a date cut between them
# lies ("Mittwoch, 26." over "Februar 2020, 18:30 Uhr"): a date is some 30 at most
_DATE_REACH = 40


def _date_goes_on(above: str, line: str) -> bool:
    """Whether a date begins at the end of ``above`` and ends on ``line``: a date read in the two
    joined that starts on ``above``, where ``above`` alone reads none there. A writer never cuts
    a date over two lines; html2text's wrap does, after a link too long for its width. A cut
    date leaves a number by the cut ("14." over "März", "May" over "3"; markdown writes a
    number's dot "14\\."): other lines, nearly all, are passed over before any date is sought
    (this runs on every line of a markdown dump)."""
    if not (line.lstrip()[:1].isdigit() or above.rstrip().rstrip(".,\\")[-1:].isdigit()):
        return False
    head, tail = above.rstrip()[-_DATE_REACH:], line.strip()[:_DATE_REACH]
    if not head:
        return False
    starts = [pos for pos, _ in find_datetimes(f"{head} {tail}") if pos < len(head)]
    return bool(starts) and not {pos for pos, _ in find_datetimes(head)}.issuperset(starts)
