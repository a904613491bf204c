"""The single-parse block reader: the lines of ``html_to_lines``, with each block's DOM signals."""

from __future__ import annotations

import gzip
from pathlib import Path

import lxml.html
import pytest
from benchmarks.html_blocks import reference_html_to_lines as html_to_lines
from benchmarks.html_blocks import reference_lines as _lines
from benchmarks.html_blocks import reference_parse as _parse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import shared_data
from newsfold.extract.blocks import BLOCK, blocks_of, parse, read_blocks, read_lines
from newsfold.extract.html import extract_html
from newsfold.extract.html import html_to_lines as extract_html_lines
from newsfold.read.limits import html_depth

PAGE = """<html><head><title>Site</title><script>var x = 1;</script></head>
<body class="page"><div id="main" class="Story  body">
<h1 class="headline">A bridge opens</h1>
<p>The new <b>bridge</b> opened on Monday, <a href="/x">the council said</a>.</p>
<ul class="nav"><li><a href="/a">Home</a></li><li><a href="/b">Sport</a></li></ul>
<!-- a comment --><p>Tail text<span> joined</span></p>
</div>after the div</body></html>"""


def test_blocks_carry_tag_depth_links_and_tokens() -> None:
    blocks = read_blocks(PAGE)
    assert blocks.lines == html_to_lines(PAGE)
    by_text = {b.text: b for b in blocks.blocks}
    head = by_text["A bridge opens"]
    assert (head.tag, head.depth, head.tokens) == ("h1", 3, ("headline",))
    para = by_text["The new bridge opened on Monday, the council said."]
    assert para.tag == "p" and para.link_chars == len("the council said")
    assert 0.3 < para.link_density < 0.35
    home = by_text["Home"]
    assert (home.tag, home.depth, home.link_density) == ("li", 4, 1.0)
    assert by_text["Tail text joined"].link_chars == 0
    tail = by_text["after the div"]
    # no block element holds it (body is not one: html._BLOCK): the root's
    assert (tail.tag, tail.depth, tail.tokens) == ("html", 0, ())
    assert [b.position for b in blocks.blocks] == list(range(len(blocks)))


def test_links_open_across_block_boundaries_count_on_both_sides() -> None:
    html = "<p>lead <a href='/'>linked <div>inside</div> still linked</a> plain</p>"
    blocks = read_blocks(html)
    assert blocks.lines == html_to_lines(html)
    assert [(b.text, b.link_chars) for b in blocks.blocks] == [
        ("lead linked", len("linked")),
        ("inside", len("inside")),
        ("still linked plain", len("still linked")),
    ]


@pytest.mark.parametrize(("levels", "deep"), [(300, True), (200, False)])
def test_the_parse_says_where_libxml2_dropped_a_page_too_deep(levels: int, deep: bool) -> None:
    html = "<div>" * levels + "deep" + "</div>" * levels + "<p>after the nest</p>"
    blocks = read_blocks(html)
    assert blocks.too_deep is deep
    # what the read stage's own scan of the markup finds, before any parse
    assert (html_depth(html) > 256) is deep
    # the page past the nest is lost where the parser stopped
    assert ("after the nest" in blocks.lines) is not deep


def test_a_page_opening_with_an_xml_declaration_is_read() -> None:
    html = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<html><body><p>Read me.</p></body></html>'
    assert html_to_lines(html) == []  # lxml refuses a decoded string declaring an encoding
    assert read_blocks(html).lines == ["Read me."]
    assert read_blocks("<?xml?>").lines == html_to_lines("<?xml?>")
    # the HTML path reads it too: its lines (template keys) and the text it classifies
    assert extract_html_lines(html) == ["Read me."]
    page = html.replace("Read me.", "Read me. " * 60)
    assert "Read me." in extract_html(page, None, None, None).paragraphs[0]


def test_the_parse_gives_html_elements_whose_classes_lxml_chooses_in_c() -> None:
    # no Python call per element touched: a form is a plain HtmlElement (lxml.html's own
    # parser makes it a FormElement, asking a Python method for each element's class)
    root, _ = parse(
        '<html><body><form action="/s"><input name="q"><p>A form</p></form></body></html>'
    )
    assert root is not None
    form = root.find(".//form")
    assert type(form) is lxml.html.HtmlElement
    assert type(root.find(".//input")) is lxml.html.HtmlElement
    assert form.text_content() == "A form"  # lxml.html's element methods are there


def test_markup_that_does_not_parse_has_no_blocks() -> None:
    assert len(read_blocks("")) == 0
    assert parse("") == (None, False)
    assert read_blocks("<!-- only a comment -->").lines == html_to_lines("<!-- only a comment -->")


# --- generated HTML --------------------------------------------------------------------------

_TAGS = ["div", "p", "span", "a", "b", "li", "ul", "td", "table", "tr", "br", "h1", "section",
         "script", "style", "noscript", "svg", "title", "head", "body", "em", "time", "figure",
         "o:p", "font", "template", "iframe", "hr", "pre"]  # fmt: skip
_TEXTS = ["news", " ", "  \n\t", "Zürich", "東京", "&amp;", "&nbsp;", "\xa0", "x&#8212;y", "<",
          ">", "&", "\u2003", "'", '"', "", "word."]  # fmt: skip
_WORDS = st.sampled_from(_TEXTS)


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        kind = draw(st.integers(0, 5))
        if kind <= 1:
            parts.append(draw(_WORDS))
        elif kind == 2:
            parts.append("<!--" + draw(_WORDS).replace("-", "") + "-->")
        else:
            tag = draw(st.sampled_from(_TAGS))
            attrs = ""
            if draw(st.booleans()):
                attrs = f' class="{draw(st.sampled_from(["Nav main", "", "  a-b  C"]))}"'
            if draw(st.booleans()):
                attrs += f' id="{draw(st.sampled_from(["top", "x y"]))}"'
            close = "" if draw(st.integers(0, 5)) == 0 else f"</{tag}>"  # unclosed tags too
            parts.append(f"<{tag}{attrs}>{draw(_html(depth + 1))}{close}")
    return "".join(parts)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    body = draw(_html())
    return draw(st.sampled_from(["{}", "<html><body>{}</body></html>", "{}</html>tail"])).format(
        body
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pages())
def test_generated_html_gives_the_lines_of_html_to_lines(html: str) -> None:
    assert read_blocks(html).lines == html_to_lines(html) == read_lines(html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>a\x01b</p><div>c</div>",  # a control character: lxml writes no mark beside it
        "<p>x\ufdd0y</p><div>z</div>",  # the page holds the mark itself
        "<p>x&#xfdd0;y</p><div>z</div>",  # ... written as a reference
        "<script>only</script>",
        "<head><title>t</title></head><body>a<br>b<style>s</style>c<div>d<a>e</a></div>f</body>",
    ],
)
def test_read_lines_gives_the_blocks_lines_where_no_mark_can_be_written(html: str) -> None:
    assert read_lines(html) == read_blocks(html).lines


def _outers(root: etree._Element) -> set[tuple[str, int, str, str, str]]:
    """Every block element's frame (and the root's) with its ``outer`` read as it was before it
    was built on the way down: the "class id" of each element on the walk's stack below it,
    joined."""

    def frame(el: etree._Element) -> tuple[str, int, str, str, str]:
        # the root opens the walk's stack, and again where it is a block element itself
        chain = [a for a in el.iterancestors() if a is root or a.tag in BLOCK][::-1]
        around = [root, *(a for a in chain if a.tag in BLOCK)] if chain else []
        if el is root and el.tag in BLOCK:
            around = [root]
        outer = " ".join(f"{a.get('class') or ''} {a.get('id') or ''}" for a in around)
        depth = sum(1 for _ in el.iterancestors()) - sum(1 for _ in root.iterancestors())
        return (el.tag, depth, el.get("class") or "", el.get("id") or "", outer)

    # text where no block element is open (the root's own where it is no block element; its
    # tail, after the root closes, where it is one: '<body>news<div></body>news', which a
    # random page found) belongs to the root's frame as the walk opens it, with nothing around
    bare = (root.tag, 0, root.get("class") or "", root.get("id") or "", "")
    return {frame(el) for el in root.iter() if el is root or el.tag in BLOCK} | {bare}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pages())
@example("<body>news<div></body>news")  # a root that is a block element, with a tail
def test_each_frame_names_the_class_and_id_of_the_block_elements_around_it(html: str) -> None:
    root, _ = parse(html)
    if root is None:
        return
    assert {tuple(b.frame) for b in blocks_of(root)} <= _outers(root)


def test_outer_joins_the_class_and_id_of_every_block_ancestor() -> None:
    root, _ = parse(
        '<html class="h"><body><div class="a" id="x"><span class="s"><section class="b">'
        '<p class="c">text</p></section></span></div></body></html>'
    )
    assert root is not None
    (block,) = blocks_of(root)
    assert block.frame == ("p", 5, "c", "", "h  a x b ")


# --- real pages ------------------------------------------------------------------------------

SAMPLE_EVERY = 6  # a sixth of the 802 pages keeps this near 2 s; the benchmark checks them all


def _real_pages() -> list[Path]:
    aeb = sorted((shared_data("scrapinghub-aeb") / "html").glob("*.html.gz"))
    l3s = sorted(shared_data("l3s-gn1").glob("*/original/*.html.gz"))
    return (aeb + l3s)[::SAMPLE_EVERY]


def test_real_pages_give_the_lines_of_html_to_lines() -> None:
    paths = _real_pages()
    assert len(paths) > 120
    for path in paths:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        root, deep = parse(html)
        assert root is not None and not deep, path.name
        old = _parse(html)
        if old is None:  # an XML declaration: html_to_lines reads nothing, the blocks read it
            assert len(blocks_of(root)) > 20, path.name
            continue
        assert [b.text for b in blocks_of(root)] == _lines(old), path.name
