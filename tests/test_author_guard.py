"""The author guard (``extract.html._may_name_author``) against trafilatura's own author
XPaths: the vocabulary of attribute names, values and tags is read from
``trafilatura.xpaths.AUTHOR_XPATHS`` at test time, so that a trafilatura release that widens
its XPaths fails here instead of silently losing the authors the guard would then skip."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from trafilatura.xpaths import AUTHOR_XPATHS

from newsfold.extract.html import _may_name_author

_SOURCES = [xp.path for xp in AUTHOR_XPATHS]


def _expand(pattern: str) -> list[str]:
    """The literal strings a simple pattern of the XPaths matches: alternatives split on ``|``,
    ``[Aa]`` classes and ``x?`` optionals expanded (the only regular-expression syntax the
    author XPaths use)."""
    out: list[str] = []
    for alt in pattern.split("|"):
        parts: list[list[str]] = []
        for m in re.finditer(r"\[(\w+)\]|(.)\?|(.)", alt):
            if m.group(1):
                parts.append(list(m.group(1)))
            elif m.group(2):
                parts[-1:] = [
                    [p + o for p in (parts[-1] if parts else [""]) for o in ("", m.group(2))]
                ]
            else:
                parts.append([m.group(3)])
        out.extend("".join(p) for p in itertools.product(*parts))
    return out


def _vocabulary() -> tuple[list[str], list[str], list[str]]:
    text = "\n".join(_SOURCES)
    attrs = sorted(set(re.findall(r"@([\w-]+)", text)))
    tags = sorted(set(re.findall(r"self::(\w+)", text)) | {"author", "rel", "section", "li"})
    values: set[str] = set()
    for literal in re.findall(r"'([^']*)'", text):
        values.update(_expand(literal))
    values.discard("")
    return attrs, tags, sorted(values)


_ATTRS, _TAGS, _VALUES = _vocabulary()
_VALUE = st.one_of(
    st.sampled_from(_VALUES),
    st.builds(
        lambda pre, v, post, upper: pre + (v.upper() if upper else v) + post,
        st.sampled_from(["", "x-", "post ", "Big"]),
        st.sampled_from(_VALUES),
        st.sampled_from(["", "-box", " small", "s"]),
        st.booleans(),
    ),
    st.sampled_from(["main", "content", "by", "name", "me"]),
)
_ELEMENT = st.tuples(
    st.sampled_from(_TAGS),
    st.dictionaries(st.sampled_from(_ATTRS), _VALUE, max_size=2),
    st.sampled_from(["Ann Lee", "me", ""]),
)


def _tree(elements: list[tuple[str, dict[str, str], str]]) -> etree._Element:
    root = etree.Element("html")
    parent = etree.SubElement(root, "body")
    for k, (tag, attrs, text) in enumerate(elements):
        el = etree.SubElement(parent, tag, attrs)
        el.text = text
        if k % 2:  # nest every other element in the one before
            parent = el
    return root


def test_the_vocabulary_is_read_from_trafilatura() -> None:
    """The strategy draws on every attribute the XPaths test and on their literal values (a
    trafilatura whose XPaths this reading cannot parse would leave the property test blind)."""
    assert {"class", "id", "itemprop", "rel"} <= set(_ATTRS)
    assert {"author", "byline", "Author", "authorname", "author-name"} <= set(_VALUES)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ELEMENT, min_size=1, max_size=5))
def test_no_element_trafilatura_reads_as_author_is_missed_by_the_guard(
    elements: list[tuple[str, dict[str, str], str]],
) -> None:
    root = _tree(elements)
    if any(xp(root) for xp in AUTHOR_XPATHS):
        assert _may_name_author(root), etree.tostring(root)


def test_every_single_attribute_trafilatura_reads_as_author_opens_the_guard() -> None:
    """Exhaustively, one element: every tag, attribute and literal value of the XPaths (and
    each value with words around it and upper-cased)."""
    missed = []
    for tag, attr, value in itertools.product(_TAGS, _ATTRS, _VALUES):
        for form in (value, f"x-{value} box", value.upper()):
            root = _tree([(tag, {attr: form}, "Ann Lee")])
            if any(xp(root) for xp in AUTHOR_XPATHS) and not _may_name_author(root):
                missed.append((tag, attr, form))
    assert not missed, missed[:5]
