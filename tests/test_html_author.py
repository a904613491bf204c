"""``html_author.marked_author``: trafilatura's ``extract_author``, its XPaths read in Python."""

from __future__ import annotations

import gzip
from copy import deepcopy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import extract_author
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from conftest import shared_data
from newsfold.extract.blocks import parse
from newsfold.extract.html_author import _candidates, _pruned, marked_author

# tags and attribute values each XPath's tests turn on, and some no test takes
_TAGS = ["div", "span", "a", "p", "h3", "h4", "strong", "address", "link", "section", "li",
         "author", "rel", "time", "figure", "b", "header"]  # fmt: skip
_ATTRS = ["class", "id", "rel", "itemprop", "data-testid", "data-component"]
_VALUES = ["author", "Author-name", "authorName", "byline", "BBL", "username", "writer",
           "comments", "Comments box", "title", "date", "sidebar left", "print", "quote",
           "author name", "AuthorCard", "AuthorURL", "Byline", "FigureBox", "me", "nav",
           "meta-date", "commentlist", "posted-by", "x", ""]  # fmt: skip
_TEXTS = ["By Jo Bloggs", "Ann Lee", "me", "", " ", "A. B.", "Pat", "Jo Bloggs and Kim Roe"]


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = "".join(
        f' {name}="{draw(st.sampled_from(_VALUES))}"'
        for name in draw(st.lists(st.sampled_from(_ATTRS), max_size=2, unique=True))
    )
    inner = "".join(
        draw(st.sampled_from(_TEXTS)) if draw(st.booleans()) else draw(_element(depth + 1))
        for _ in range(draw(st.integers(0, 3 if depth < 3 else 0)))
    )
    return f"<{tag}{attrs}>{inner}</{tag}>{draw(st.sampled_from(_TEXTS))}"


def _paths(tree: etree._Element, found: list[list[etree._Element]]) -> list[list[str]]:
    doc = tree.getroottree()
    return [[doc.getpath(el) for el in elements] for elements in found]


def _same_as_trafilatura(root: etree._Element) -> None:
    assert _paths(root, list(_candidates(root))) == _paths(root, [x(root) for x in AUTHOR_XPATHS])
    ours, theirs = (
        _pruned(deepcopy(root)),
        prune_unwanted_nodes(deepcopy(root), AUTHOR_DISCARD_XPATHS),
    )
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert marked_author(root) == extract_author(root)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_element(), min_size=1, max_size=4))
def test_generated_pages_give_trafilaturas_author(elements: list[str]) -> None:
    root, _ = parse(f"<html><head></head><body>{''.join(elements)}</body></html>")
    assert root is not None
    _same_as_trafilatura(root)


def test_an_author_in_a_discarded_box_is_not_read() -> None:
    root, _ = parse(
        '<html><body><div class="comments"><span class="author">Kim Roe</span></div>'
        '<p class="byline">Jo Bloggs</p></body></html>'
    )
    assert root is not None
    assert marked_author(root) == "Jo Bloggs"


def test_real_pages_give_trafilaturas_author() -> None:
    aeb = sorted((shared_data("scrapinghub-aeb") / "html").glob("*.html.gz"))
    l3s = sorted(shared_data("l3s-gn1").glob("*/original/*.html.gz"))
    paths = (aeb + l3s)[::8]
    assert len(paths) > 80
    for path in paths:
        root, _ = parse(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        if root is not None:
            _same_as_trafilatura(root)
