"""trafilatura's reading of the author an element of the markup names, its XPaths read in Python.

``trafilatura.metadata.extract_author`` prunes a copy of the tree (comment boxes, sidebars,
dates, figures) and runs three XPaths over it, and those XPaths' ``re:test`` predicates are
answered by a call from lxml into Python for each element that has the attribute: 6.7 ms a call
on real pages, 2.3 of them the pruning and 4 the XPaths. ``marked_author`` prunes the same
copy and finds the same elements, in the same order, reading each element's tag and attributes
in one pass of its own (the one XPath of the pruning without a pattern is lxml's still), and
reads the first element whose text is of a fitting length as trafilatura does: 3.4 ms a call,
the same answer (tests/test_html_author.py checks the elements, the pruned tree and the answer
against trafilatura's on real and generated pages).
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree
from trafilatura.json_metadata import normalize_authors
from trafilatura.utils import trim
from trafilatura.xml import delete_element
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS

# trafilatura.xpaths.AUTHOR_XPATHS, each as the tags it takes ("*": any), the attribute values
# it takes as they are, the attributes it asks to contain a word, and the patterns it searches
# attributes with (``re:test``: ``re.search`` on the value, "" where there is none)
_FIRST_TAGS = frozenset(("a", "address", "div", "link", "p", "span", "strong"))
_FIRST_EQUAL = (
    ("rel", "author"),
    ("id", "author"),
    ("class", "author"),
    ("itemprop", "author name"),
    ("data-testid", "AuthorCard"),
    ("data-testid", "AuthorURL"),
)
_FIRST_CLASS = re.compile("author-?name|AuthorName|authorName")
_SECOND_TAGS = frozenset(("a", "div", "h3", "h4", "p", "span"))
_SECOND_CLASSES = frozenset(("byline", "username", "byl", "BBL"))
_SECOND_ID = re.compile("author|zuozhe|bianji|xiaobian")
_SECOND_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_THIRD_ID = re.compile("[Aa]uthor")
_THIRD_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
AUTHOR_MAX_CHARS = 120  # extract_author's ``len_limit``
# the first of trafilatura.xpaths.AUTHOR_DISCARD_XPATHS (comments, sidebars, dates, ...)
_DISCARD_TAGS = ("a", "div", "section", "span")
_DISCARD_EQUAL = (("id", "comments"), ("class", "comments"), ("class", "title"), ("class", "date"))
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)


def _first(el: etree._Element, tag: str, cls: str, rel: bool) -> bool:
    """The first XPath: a few tags with an author's attribute, a ``rel`` child that says "me"
    (``rel='me'``: an element, not an attribute; ``rel``: whether the tree has one), or an
    ``author`` element."""
    if tag == "author":
        return True
    if tag not in _FIRST_TAGS:
        return False
    if any(el.get(name) == value for name, value in _FIRST_EQUAL):
        return True
    if rel and _says_me(el):
        return True
    return _FIRST_CLASS.search(cls) is not None


def _says_me(el: etree._Element) -> bool:
    return any(c.tag == "rel" and "".join(c.itertext()) == "me" for c in el)


def _second(el: etree._Element, tag: str, cls: str) -> bool:
    if tag not in _SECOND_TAGS:
        return False
    return (
        cls in _SECOND_CLASSES
        or "author" in (el.get("itemprop") or "")
        or _SECOND_ID.search(el.get("id") or "") is not None
        or _SECOND_CLASS.search(cls) is not None
    )


def _third(el: etree._Element, cls: str) -> bool:
    return (
        "Byline" in (el.get("data-component") or "")
        or "author" in (el.get("itemprop") or "")
        or _THIRD_ID.search(el.get("id") or "") is not None
        or _THIRD_CLASS.search(cls) is not None
    )


def _candidates(tree: etree._Element) -> tuple[list[etree._Element], ...]:
    """What each of the three XPaths finds in ``tree``, in document order."""
    found: tuple[list[etree._Element], ...] = ([], [], [])
    rel = next(tree.iter("rel"), None) is not None
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue  # ``//*`` finds elements only
        if not el.attrib:  # (most elements) only the first XPath's element tests can hold
            if tag == "author" or (rel and tag in _FIRST_TAGS and _says_me(el)):
                found[0].append(el)
            continue
        cls = el.get("class") or ""
        if _first(el, tag, cls, rel):
            found[0].append(el)
        if _second(el, tag, cls):
            found[1].append(el)
        if _third(el, cls):
            found[2].append(el)
    return found


def _discarded(el: etree._Element) -> bool:
    return (
        any(el.get(name) == value for name, value in _DISCARD_EQUAL)
        or _DISCARD_ID.search(el.get("id") or "") is not None
        or _DISCARD_CLASS.search(el.get("class") or "") is not None
        or "Figure" in (el.get("data-component") or "")
    )


def _pruned(tree: etree._Element) -> etree._Element:
    """``trafilatura.htmlprocessing.prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS)``: what
    each XPath finds (the first's, ``.//*[...]``, found in Python) deleted, in its order."""
    found = [el for el in tree.iterdescendants(*_DISCARD_TAGS) if el.attrib and _discarded(el)]
    for el in found:
        delete_element(el)
    for el in AUTHOR_DISCARD_XPATHS[1](tree):  # //time|//figure: no Python in it
        delete_element(el)
    return tree


def marked_author(tree: etree._Element) -> str | None:
    """``trafilatura.metadata.extract_author(tree)``."""
    subtree = _pruned(deepcopy(tree))
    for results in _candidates(subtree):
        for elem in results:
            content = trim(" ".join(elem.itertext()))
            if content and 2 < len(content) < AUTHOR_MAX_CHARS:
                return normalize_authors(None, content)
    return None
