"""The HTML path's own choices: which headline, which byline, which date, and what body when the
markup's extractor kept only a layout table."""

from __future__ import annotations

import pytest

from newsfold.api import extract_text
from newsfold.errors import InputError
from newsfold.extract.headline import site_hints
from newsfold.extract.html import _body_lines, _printed_byline, choose_headline

BODY = "".join(
    f"<p>Paragraph {n} of the report says the harbour board met on Tuesday and agreed to dredge "
    f"the inner channel before the winter storms, at a cost still to be settled.</p>"
    for n in range(1, 5)
)


def test_site_hints_name_the_site_not_the_article() -> None:
    url = "https://www.quay-post.example/news/storm-hits-quay-post-harbour.html"
    assert site_hints(url) == frozenset({"quaypost"})
    assert site_hints(None, "not a url") == frozenset({"notaurl"})
    assert site_hints("http://[broken/x", "quay-post") == frozenset({"quaypost"})


def test_headline_from_title_element_when_the_lone_h1_is_a_label() -> None:
    title = "Dredging of the inner channel to start in May | Quay Post"
    got = choose_headline(
        "Harbour Desk", title, ["Harbour Desk"], frozenset({"quaypost"}), frozenset()
    )
    assert got == "Dredging of the inner channel to start in May"


def test_headline_stays_the_h1_when_it_shares_words_or_is_as_long() -> None:
    hints = frozenset({"quaypost"})
    # the h1 shares words with the title element: the h1 is the headline
    h1 = "Inner channel dredging approved"
    assert choose_headline(h1, "Dredging set for May", [h1], hints, frozenset()) == h1
    # a title element that only names the site does not win
    h1 = "Board agrees to dredge"
    assert choose_headline(h1, "Quay Post", [h1], hints, frozenset()) == h1
    # a compound holding the other name counts as shared ("Hafen" in "Hafenchronik")
    assert choose_headline("Hafenchronik", "Hafen", ["Hafenchronik"], hints, frozenset()) == (
        "Hafenchronik"
    )
    # metadata's own title (not the h1) is kept whatever the title element says
    og = "Board agrees to dredge inner channel"
    assert choose_headline(og, "Something else entirely here", ["Menu"], hints, frozenset()) == og


def test_headline_rule_on_a_whole_page() -> None:
    html = (
        "<html><head><title>Dredging of the inner channel to start in May</title></head><body>"
        f"<h1>Harbour Desk</h1><article>{BODY}</article></body></html>"
    )
    assert (
        extract_text(html, kind="html").headline == "Dredging of the inner channel to start in May"
    )


def test_printed_byline_outranks_a_placeholder_author() -> None:
    assert _printed_byline("Admin", ["By Ann Lee March 3, 2024"]) == "By Ann Lee"
    # the same person: trafilatura's author stands
    assert _printed_byline("Ann Lee", ["By Ann Lee"]) is None
    # not a byline of names
    assert _printed_byline("Admin", ["Von Brot bis Kuchen"]) is None
    assert _printed_byline(None, ["By Ann Lee"]) is None


def test_layout_table_text_is_kept_apart() -> None:
    story = "The whole story sits in this one cell of the page's layout table, as old sites did."
    lines, layout = _body_lines(f"Intro line\n| {story} |\n")
    assert lines == ["Intro line"]
    assert layout == [f"| {story} |"]


def test_layout_table_is_the_body_when_nothing_else_is() -> None:
    # the only text sits in a layout table and reads as no prose to the line classifier (a page
    # whose bytes were decoded with the wrong charset): the table's text is the body, and the
    # page's metadata is not lost with it
    garbled = " ".join(["\ufffd" * 60] * 4)
    html = (
        "<html><head><title>Quay report</title>"
        '<meta property="article:published_time" content="2024-03-02T09:00:00+00:00">'
        f"</head><body><table><tr><td>{garbled}</td></tr></table></body></html>"
    )
    article = extract_text(html, kind="html")
    assert article.published is not None and article.published.startswith("2024-03-02")


def test_page_of_menus_is_still_rejected() -> None:
    html = "<html><body><ul><li>Home</li><li>News</li><li>Sport</li></ul></body></html>"
    with pytest.raises(InputError):
        extract_text(html, kind="html")


def test_words_of_the_url_path_are_not_the_site_name() -> None:
    title = "Council votes - Dredging to start in May"
    html = (
        f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
        f"<article>{BODY}</article></body></html>"
    )
    url = "https://www.quay-post.example/harbour/dredging-to-start-in-may.html"
    assert extract_text(html, kind="html", url=url).headline == title


_AUTHOR_PAGES = [
    '<p class="byline">By Ann Lee</p>',
    '<span itemprop="author name">Ann Lee</span>',
    '<a rel="author" href="/a">Ann Lee</a>',
    '<div data-testid="AuthorCard">Ann Lee</div>',
    '<div data-component="Byline">Ann Lee</div>',
    '<div id="zuozhe">Ann Lee</div>',
    '<h4 class="posted-by">Ann Lee</h4>',
    '<span class="screenname">annlee</span>',
    "<author>Ann Lee</author>",
    '<p class="intro">Ann Lee wrote this.</p>',
    '<div class="comments"><span class="author">Ann Lee</span></div>',
    '<time class="author">Ann Lee</time><p class="meta">text</p>',
    '<span class="AuthorName">Ann Lee</span>',
    '<p class="x authorName">Ann Lee</p>',
    '<div id="Author-box">Ann Lee</div>',
    '<em class="staff-writer">Ann Lee</em>',
    '<em class="Byline">Ann Lee</em>',
    '<span class="username">annlee</span>',
    '<span class="BBL">Ann Lee</span>',
    '<a data-testid="AuthorURL" href="/a">Ann Lee</a>',
    "<span><rel>me</rel>Ann Lee</span>",
    '<div class="journalist-name">Ann Lee</div>',
]


@pytest.mark.parametrize("snippet", _AUTHOR_PAGES)
def test_the_author_guard_gives_trafilaturas_author(snippet: str) -> None:
    from trafilatura.metadata import extract_author

    from newsfold.extract.blocks import parse
    from newsfold.extract.html import _marked_author

    root, _ = parse(f"<html><body><div>{snippet}</div><p>Some text here.</p></body></html>")
    assert root is not None
    assert _marked_author(root) == extract_author(root)


def test_the_author_guard_passes_over_attributes_no_author_xpath_matches() -> None:
    """Upper-case "AUTHORS", and "byline" or "writer" in an id: trafilatura's XPaths are
    case-sensitive and read those words in classes only, so its reader is not run."""
    from trafilatura.metadata import extract_author

    from newsfold.extract.blocks import parse
    from newsfold.extract.html import _may_name_author

    html = '<div id="byline-writer" class="AUTHORS">Ann Lee</div><p>Some text here.</p>'
    root, _ = parse(f"<html><body>{html}</body></html>")
    assert root is not None
    assert extract_author(root) is None
    assert not _may_name_author(root)


_ARTICLE = "".join(
    f"<p>Paragraph {k} of the story says what happened on the day, and who said what.</p>"
    for k in range(8)
)


@pytest.mark.parametrize(
    "page",
    [
        f"<!DOCTYPE html><html><head><title>T</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><article>{_ARTICLE}<table><tr><td>a</td><td>1</td></tr></table></article>"
        "<!-- a comment --><footer>Footer text</footer></body></html>",
        # no "html" in its opening, one element: trafilatura rejects it, and reads no body
        f"<div><section>{_ARTICLE}</section></div>",
    ],
)
def test_trafilatura_reads_the_same_from_our_tree_as_from_the_markup(page: str) -> None:
    from newsfold.extract.blocks import parse
    from newsfold.extract.html import _trafilatura, _trafilatura_input

    root, _ = parse(page)
    source = _trafilatura_input(page, root)
    assert (source is page) == (page.startswith("<div>"))
    assert _trafilatura(source, "https://example.com/a", with_metadata=False) == _trafilatura(
        page, "https://example.com/a", with_metadata=False
    )


def test_h1_kicker_is_not_the_headline() -> None:
    from lxml import html as lxml_html

    from newsfold.extract.html_headline import h1_text

    def h1(markup: str) -> str:
        return h1_text(lxml_html.fromstring(markup))

    assert h1("<h1><span>Harbour works</span> Dredging to start in May</h1>") == (
        "Dredging to start in May"
    )
    # through a wrapper, a kicker set apart by a line break or a colon of its own
    got = h1("<h1><span><small>Week 12</small><br>Channel dredged at last</span></h1>")
    assert got == "Channel dredged at last"
    got = h1("<h1><span>Sea wall</span><span>: </span><span>Board finds the money</span></h1>")
    assert got == "Board finds the money"
    # a first element as long as the rest, a sentence going on, a heading of one element
    assert h1("<h1><b>The harbour board</b> agrees</h1>") == "The harbour board agrees"
    assert h1("<h1><em>Storm</em> Hits the quay at night</h1>") == "Hits the quay at night"
    assert h1("<h1><span>Row</span> over the harbour fees</h1>") == "Row over the harbour fees"
    assert h1("<h1><a href='/'>Quay Post</a></h1>") == "Quay Post"


def test_site_name_from_the_title_element_and_its_logo_h1() -> None:
    from newsfold.extract.html_headline import title_site_names

    title = "Dredging of the inner channel to start in May | Harbour notes [Quay Archive]"
    assert title_site_names(title, ["Quay Archive beta"]) == frozenset({"quayarchive"})
    got = choose_headline(
        "Quay Archive beta", title, ["Quay Archive beta"], frozenset(), frozenset()
    )
    assert got == "Dredging of the inner channel to start in May | Harbour notes"
    # "Site | Headline": the headline's side is no site name, its h1 the headline
    title = "Quay Post | Dredging of the inner channel to start"
    assert title_site_names(title, ["Dredging of the inner channel to start"]) == frozenset()


def test_headline_is_the_one_h1_the_title_element_holds() -> None:
    title = "Dredging of the inner channel to start in May - Quay Post"
    h1s = ["Dredging of the inner channel to start in May", "Subscribe now"]
    got = choose_headline("Harbour to be dredged", title, h1s, frozenset({"quaypost"}), frozenset())
    assert got == "Dredging of the inner channel to start in May"
    # two h1s sharing the title's words: no cue which, metadata's title stands
    h1s = ["Dredging of the inner channel", "Inner channel news"]
    got = choose_headline("Harbour to be dredged", title, h1s, frozenset({"quaypost"}), frozenset())
    assert got == "Harbour to be dredged"


def test_title_bar_drops_a_bracketed_site_name() -> None:
    from newsfold.extract.headline import clean_headline

    got = clean_headline("Weekly edition for May 3 [quay-post.nz]", frozenset(), frozenset())
    assert got == "Weekly edition for May 3"
    # brackets that name nothing known stay
    got = clean_headline("Harbour fees (part two)", frozenset({"quaypost"}), frozenset())
    assert got == "Harbour fees (part two)"


def test_headline_is_the_line_above_the_body_that_the_title_element_holds() -> None:
    hints = frozenset({"quaypost"})
    title = "Quay Post - Local News | Dredging of the inner channel to start in May"
    line = "Dredging of the inner channel to start in May"
    # metadata's title is the site's and section's name; the line printed over the body is in
    # the title element: the line is the headline
    got = choose_headline("Quay Post - Local News", title, [], hints, frozenset(), line=line)
    assert got == line
    # a title bar's section and site parts that the title element's cleaning leaves
    title = "Dredging of the inner channel to start in May- Harbour-News-The Quay Post"
    assert choose_headline(title, title, [], hints, frozenset(), line=line) == line
    # a line of two words, or one that names the site, is no such evidence
    title = "Harbour works | Quay Post"
    without = choose_headline(title, title, [], hints, frozenset())
    assert without == "Harbour works"
    assert choose_headline(title, title, [], hints, frozenset(), line="Harbour works") == without
    assert choose_headline(title, title, [], hints, frozenset(), line="Quay Post") == without
    title = "Quay Post Online | Harbour works"
    assert choose_headline(title, title, [], hints, frozenset(), line="Quay Post Online") == (
        choose_headline(title, title, [], hints, frozenset())
    )


def test_metadata_title_printed_over_the_body_outranks_a_title_element_without_it() -> None:
    title = "Quay Post: harbour news, tide tables and the weather of the coast every day"
    og = "Dredging to start in May"
    hints = frozenset({"quaypost"})
    assert choose_headline(og, title, [], hints, frozenset()) != og
    assert choose_headline(og, title, [], hints, frozenset(), line=og) == og
