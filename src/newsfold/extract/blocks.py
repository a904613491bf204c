"""A page's blocks from one lxml parse: the text of each block element, with the DOM's signals.

``read_blocks(html)`` parses the page once (``parse``) and returns its blocks in reading
order: one per line that ``html.html_to_lines`` gives today (the same text, line for line,
wherever that reads the page), each with the tag and depth of the block element holding it,
its class and id tokens, how much of its text is link text, and its position. It is the shape
a block classifier reads; ``Blocks.lines`` is what the dump classifier reads.
``blocks_of(root)`` reads a tree already parsed, so that one parse feeds both this and
trafilatura (``bare_extraction`` takes a tree, and copies it before cleaning it); the parse
also says where libxml2 cut a page too deep, which the read stage scans the markup for today.

The walk is Python over lxml's tree, as ``html._lines`` is. A walk in C through an XSLT
stylesheet (libxslt writing the text with markers at block boundaries and links, Python
splitting that string) was built and measured on the 181 AEB pages: the transform alone took
0.26 s of CPU against 0.30 s for this whole walk, so it was dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import lxml.html
from lxml import etree

SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}
BLOCK = {
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table", "figure", "figcaption",
    "blockquote", "pre", "dd", "dt", "dl", "form", "button", "time", "address", "hr", "title",
}  # fmt: skip
MAX_HTML_CHARS = 5_000_000
MAX_DEPTH = 400


class Frame(NamedTuple):
    """A block element: its tag, depth below the parsed root, class and id attributes, and the
    class and id attributes of the block elements around it, outermost first, space-joined
    (``outer``): a paragraph's own element says ``p``, its container "article-body" or
    "comments". ``outer`` is built once per open element as the walk goes down (``_outer``),
    not read from each block's ancestors."""

    tag: str
    depth: int
    cls: str
    ident: str
    outer: str = ""

    @property
    def tokens(self) -> tuple[str, ...]:
        """Its class and id tokens, lowercased."""
        return _tokens(self.cls, self.ident)


class Block(NamedTuple):
    """One line of the page's visible text and where it sits in the DOM: ``frame`` is the
    innermost block element holding the text (the parsed root where none does), ``link_chars``
    how many of its characters are link text, ``position`` its line number.

    A tuple rather than a dataclass: a page has hundreds, and they are made at C speed."""

    text: str
    link_chars: int
    position: int
    frame: Frame

    @property
    def tag(self) -> str:
        return self.frame.tag

    @property
    def depth(self) -> int:
        return self.frame.depth

    @property
    def tokens(self) -> tuple[str, ...]:
        """The class and id tokens of the block element holding the text."""
        return self.frame.tokens

    @property
    def link_density(self) -> float:
        return min(1.0, self.link_chars / len(self.text)) if self.text else 0.0


@dataclass(frozen=True, slots=True)
class Blocks:
    """The blocks of a page, in reading order; ``too_deep`` where the parser stopped at its
    nesting limit and dropped the rest of the page (what ``read.limits.html_depth`` scans the
    markup for today, before the parse)."""

    blocks: tuple[Block, ...]
    too_deep: bool = False

    @property
    def lines(self) -> list[str]:
        """The page's lines, as ``html.html_to_lines`` gives them."""
        return [b.text for b in self.blocks]

    def __len__(self) -> int:
        return len(self.blocks)


def _tokens(cls: str | None, ident: str | None) -> tuple[str, ...]:
    if not cls and not ident:
        return ()
    return tuple(dict.fromkeys(f"{cls or ''} {ident or ''}".lower().split()))


def _frame(el: etree._Element, depth: int, outer: str) -> Frame:
    if not isinstance(el.tag, str):
        return Frame("", depth, "", "", outer)
    return Frame(el.tag, depth, el.get("class") or "", el.get("id") or "", outer)


def _outer(el: etree._Element, outer: str) -> str:
    """``outer`` of a block element inside ``el``, given ``el``'s own: ``el``'s class and id
    appended (a comment or other non-element adds nothing). The same string as joining every
    ancestor's "class id" with spaces: each part holds a space, so ``outer`` is empty only where
    no part is."""
    if not isinstance(el.tag, str):
        return outer
    own = f"{el.get('class') or ''} {el.get('id') or ''}"
    return f"{outer} {own}" if outer else own


def blocks_of(root: etree._Element) -> list[Block]:
    """The blocks of a parsed page: ``html._lines``'s walk, keeping where each line sat.

    A line's text is what lies between two block boundaries (a block element's start or end),
    whitespace collapsed; it belongs to the innermost block element open there (the root
    where none is); its link text is the part of it inside ``a`` elements."""
    blocks: list[Block] = []
    # block elements open, innermost last, each with its depth and the ``outer`` of its frame
    stack: list[tuple[etree._Element, int, str]] = [(root, 0, "")]
    frame: Frame | None = None  # the innermost one's, once a line needs it
    buf: list[str] = []
    links: list[str] = []
    in_link = 0

    def flush() -> None:
        nonlocal frame
        words = "".join(buf).split()
        if words:
            if frame is None:
                frame = _frame(*stack[-1])
            text = " ".join(words)
            link_chars = min(len(" ".join("".join(links).split())), len(text)) if links else 0
            blocks.append(Block(text, link_chars, len(blocks), frame))
        buf.clear()
        links.clear()

    def walk(el: etree._Element, depth: int) -> None:
        nonlocal in_link, frame
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP or depth > MAX_DEPTH:
            if el.tail:
                buf.append(el.tail)
                if in_link:
                    links.append(el.tail)
            return
        block = tag in BLOCK
        if block:
            if buf:
                flush()
            top, _, outer = stack[-1]
            stack.append((el, depth, _outer(top, outer)))
            frame = None
        link = tag == "a"
        in_link += link
        if tag and el.text:
            buf.append(el.text)
            if in_link:
                links.append(el.text)
        for child in el:
            walk(child, depth + 1)
        in_link -= link
        if block:
            if buf:
                flush()
            stack.pop()
            frame = None
        if el.tail:
            buf.append(el.tail)
            if in_link:
                links.append(el.tail)

    walk(root, 0)
    flush()
    return blocks


# A boundary mark for ``lines_of``: a noncharacter (no text is written with it, and libxml2
# takes it in a text node); a page that holds one anyway is read by ``blocks_of``.
_MARK = "\ufdd0"
_BLOCK_TAGS = tuple(sorted(BLOCK))


def _marked_lines(root: etree._Element) -> list[str] | None:
    """``read_lines``'s lines of a tree, which it changes; None where a mark cannot be
    written (a text node holding a control character, which lxml refuses to write back) or
    the page holds one already."""
    etree.strip_elements(root, *SKIP, with_tail=False)
    marked = 0
    try:
        for el in root.iter(_BLOCK_TAGS):
            el.text = _MARK + el.text if el.text else _MARK
            el.tail = _MARK + el.tail if el.tail else _MARK
            marked += 2
    except ValueError:  # "All strings must be XML compatible"
        return None
    text = etree.tostring(root, method="text", encoding="unicode")
    if text.count(_MARK) != marked:
        return None
    return [" ".join(words) for piece in text.split(_MARK) if (words := piece.split())]


def read_lines(html: str) -> list[str]:
    """The lines of ``read_blocks(html)`` alone, at C speed where it can: a mark is written
    before and after every block element, the elements ``blocks_of`` passes over are cut out
    (their tails kept), lxml writes the tree's text in one piece, and the lines are the pieces
    between marks: 1.2 ms a page against 1.9 for the walk on ``benchmarks.speed``'s pages,
    for the read stage's line keys. The walk reads a page where no mark can be written (a
    fresh parse: the first was changed). No element is deeper than ``MAX_DEPTH``: libxml2
    stops at 256 levels (``parse``)."""
    root, _ = parse(html)
    if root is None:
        return []
    if isinstance(root.tag, str) and root.tag not in SKIP:
        lines = _marked_lines(root)
        if lines is not None:
            return lines
    return list(read_blocks(html).lines)


def parse(html: str) -> tuple[etree._Element | None, bool]:
    """The page's tree, or None where it does not parse; and whether libxml2 stopped at its
    nesting limit (256 levels), which it reports in the parser's error log and otherwise
    passes over, dropping the rest of the page. A parser of its own per page: the error log
    is the parser's, and lxml's shared one may be parsing in another thread.

    The parser drops comments and processing instructions, as trafilatura's own does: the
    lines are the same (a comment adds no text, its tail stays where it was), and trafilatura
    given this tree reads what it reads from the markup (given a tree that keeps them, it
    loses the text after a comment inside a paragraph).

    A page that opens with an XML declaration naming an encoding (XHTML served as such) is
    parsed from its UTF-8 bytes, the parser told their encoding: lxml refuses a decoded string
    that declares one, and ``html._parse`` gives such a page no tree at all (5 of the 802
    pages of AEB and L3S-GN1)."""
    markup = html[:MAX_HTML_CHARS]
    parser = _parser()
    try:
        try:
            root = lxml.html.fromstring(markup, parser=parser)
        except ValueError:  # "Unicode strings with encoding declaration are not supported"
            parser = _parser(encoding="utf-8")
            root = lxml.html.fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError):
        return None, False
    deep = any(e.type == _TOO_DEEP and "depth" in e.message for e in parser.error_log)
    return root, deep


_TOO_DEEP = etree.ErrorTypes.ERR_RESOURCE_LIMIT
# trafilatura's parser settings (trafilatura.utils.HTML_PARSER), the encoding aside
_PARSER: dict[str, bool] = {
    "collect_ids": False,
    "default_doctype": False,
    "remove_comments": True,
    "remove_pis": True,
}


# The classes of a parsed page's nodes, chosen in C: lxml.html's own parser asks a Python method
# (``HtmlElementClassLookup.lookup``) each time Python first touches an element (the walk,
# trafilatura's and htmldate's searches: some 2,800 calls a page, about 0.5 ms of an HTML page's
# 33). Every element is an ``HtmlElement`` as before; ``form``, ``input``, ``select``,
# ``textarea`` and ``label`` are plain ones too, without their form-filling helpers
# (``FormElement.inputs``, ...), which neither this package nor trafilatura nor htmldate reads.
_HTML_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def _parser(**kw: str) -> lxml.html.HTMLParser:
    """A parser of trafilatura's settings (``_PARSER``) whose nodes' classes are chosen in C."""
    parser = lxml.html.HTMLParser(**kw, **_PARSER)
    parser.set_element_class_lookup(_HTML_CLASSES)
    return parser


def read_blocks(html: str) -> Blocks:
    """The blocks of a page's HTML, from one parse (none where it does not parse)."""
    root, deep = parse(html)
    return Blocks(tuple(blocks_of(root)) if root is not None else (), deep)
