"""The HTML path's metadata read from the page's own tree (``extract/html_meta.py``): JSON-LD
(``@graph`` lists included), ``<meta>`` names, microdata and ``<time>`` elements; no time after
the fetch time; a slashed date of either order settled by the page; never the site's name as
the headline."""

from __future__ import annotations

from newsfold.api import extract_text
from newsfold.extract.blocks import parse
from newsfold.extract.html_meta import read_meta

BODY = "".join(
    f"<p>Paragraph {n} of the report says the harbour board met on Tuesday and agreed to dredge "
    f"the inner channel before the winter storms, at a cost still to be settled.</p>"
    for n in range(1, 5)
)
HEADLINE = "Harbour board agrees to dredge the inner channel"


def _page(head: str, body_top: str = f"<h1>{HEADLINE}</h1>") -> str:
    return (
        f'<html lang="en"><head>{head}</head><body><nav><a href="/">Home</a></nav>'
        f"<article>{body_top}{BODY}</article><footer>Quay Post, all rights reserved</footer>"
        "</body></html>"
    )


GRAPH = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Quay Post"},
  {"@type": "WebPage", "datePublished": "2024-04-01T08:00:00+00:00", "name": "Quay Post"},
  {"@type": ["NewsArticle"], "headline": "HEADLINE",
   "datePublished": "2024-05-06T09:30:00+02:00", "dateModified": "2024-05-07T10:00:00+02:00",
   "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Chan"},
              {"@type": "Organization", "name": "Quay Post"}],
   "publisher": {"@type": "Organization", "name": "Quay Post"}}]}</script>""".replace(
    "HEADLINE", HEADLINE
)


def test_json_ld_graph_gives_the_article_s_times_authors_and_publisher() -> None:
    root, _ = parse(_page(GRAPH))
    assert root is not None
    meta = read_meta(root, None, None)
    # the article's node, not the page's (the WebPage node is dated a month before)
    assert meta.published == "2024-05-06T09:30:00+02:00"
    assert meta.modified == "2024-05-07T10:00:00+02:00"
    assert meta.author == "Ann Lee; Bo Chan"  # the organisation is the publisher, no byline
    assert (meta.title, meta.sitename) == (HEADLINE, "Quay Post")
    article = extract_text(_page(GRAPH), kind="html", fetched_at="2024-05-08T00:00:00Z")
    assert article.published == "2024-05-06T09:30:00+02:00"
    assert article.updated == "2024-05-07T10:00:00+02:00"
    assert article.byline is not None and article.byline.removeprefix("By ") == "Ann Lee; Bo Chan"


def test_meta_names_of_the_analytics_tags_are_read() -> None:
    head = (
        '<meta name="parsely-pub-date" content="2023-11-02T14:00:00Z">'
        '<meta name="sailthru.author" content="Maria Costa">'
        f'<meta name="twitter:title" content="{HEADLINE}">'
    )
    root, _ = parse(_page(head))
    assert root is not None
    meta = read_meta(root, None, None)
    assert (meta.published, meta.author, meta.title) == (
        "2023-11-02T14:00:00+00:00",
        "Maria Costa",
        HEADLINE,
    )
    article = extract_text(_page(head), kind="html")
    assert article.published == "2023-11-02T14:00:00+00:00"
    assert article.byline is not None and article.byline.removeprefix("By ") == "Maria Costa"


def test_a_time_after_the_fetch_time_is_never_the_published_time() -> None:
    # the JSON-LD's date is a year after the page was fetched (a template's placeholder, a date
    # typed wrongly); the time printed by the headline is the article's
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-06-01"}</script>'
    top = f'<h1>{HEADLINE}</h1><p class="meta"><time datetime="2024-05-06T09:30:00+02:00">6 May 2024</time></p>'
    article = extract_text(_page(ld, top), kind="html", fetched_at="2024-05-08T12:00:00Z")
    assert article.published == "2024-05-06T09:30:00+02:00"
    # no time before the fetch: none at all rather than the later one
    bare = extract_text(_page(ld), kind="html", fetched_at="2024-05-08T12:00:00Z")
    assert bare.published is None or bare.published < "2024-05-09"


def test_an_ambiguous_day_and_month_is_settled_by_the_page() -> None:
    # "05/01/2024" is the 5th of January or the 1st of May, "01/05/2024" the other way round:
    # the page's modified time says which; the fetch time (December) rules out neither
    for written, modified, day in (
        ("05/01/2024", "2024-01-06", "2024-01-05"),
        ("05/01/2024", "2024-05-02", "2024-05-01"),
        ("01/05/2024", "2024-01-06", "2024-01-05"),
    ):
        head = (
            f'<meta name="date" content="{written}">'
            f'<meta property="article:modified_time" content="{modified}T10:00:00+01:00">'
        )
        article = extract_text(_page(head), kind="html", fetched_at="2024-12-20T00:00:00Z")
        assert (article.published or "")[:10] == day, (written, modified)
    # with nothing else on the page, the fetch time settles it: May is after a fetch in January
    head = '<meta name="date" content="05/01/2024">'
    article = extract_text(_page(head), kind="html", fetched_at="2024-01-20T00:00:00Z")
    assert article.published is not None and article.published[:10] == "2024-01-05"
    # and with neither, the page's language: an English page writes the month first
    root, _ = parse(_page(head))
    assert root is not None
    assert (read_meta(root, None, None).published or "")[:10] == "2024-05-01"


def test_the_site_s_name_is_never_the_headline() -> None:
    # every title the markup declares names the site; the article's heading is an h2 under a
    # logo h1
    head = (
        "<title>Quay Post</title>"
        '<meta property="og:title" content="Quay Post">'
        '<meta property="og:site_name" content="Quay Post">'
    )
    top = f"<h1>Quay Post</h1><h2>{HEADLINE}</h2>"
    article = extract_text(_page(head, top), kind="html", url="https://news.example/a/1")
    assert article.headline != "Quay Post"


def test_a_utc_stamp_gives_way_to_the_local_day_printed_by_the_headline() -> None:
    # published at 23:30 local time, declared as the UTC instant of the next day: the reader was
    # shown the 8th
    head = '<meta property="article:published_time" content="2023-10-12T04:17:23+00:00">'
    top = f'<h1>{HEADLINE}</h1><time datetime="2023-10-11T22:17:23-06:00">Oct 11</time>'
    assert extract_text(_page(head, top), kind="html").published == "2023-10-11T22:17:23-06:00"
    # a stamp with its own offset states its local day: it stays
    head = '<meta property="article:published_time" content="2023-10-12T00:17:23+01:00">'
    top = f'<h1>{HEADLINE}</h1><time datetime="2023-10-11T23:17:23+00:00">Oct 11</time>'
    assert extract_text(_page(head, top), kind="html").published == "2023-10-12T00:17:23+01:00"


def test_a_utc_stamp_is_the_local_time_printed_on_the_page_and_the_url_s_day() -> None:
    # the stamp's instant printed on the local clock four hours behind UTC, a day earlier; the
    # slashed date's order is the one that makes it that instant
    stamp = '<meta property="article:published_time" content="2022-05-04T02:41:00Z">'
    page = _page(stamp, f"<h1>{HEADLINE}</h1><p>Jo Reyes 3/5/2022 22:41</p>")
    printed = extract_text(page, kind="html")
    assert printed.published == "2022-05-03T22:41:00-04:00"
    # no time printed: the URL's day, where a zone puts the stamp on it
    late = '<meta property="article:published_time" content="2020-02-25T03:12:07Z">'
    url = "https://example.org/2020/02/24/harbour-dredge/"
    assert extract_text(_page(late), kind="html", url=url).published == "2020-02-24T00:00:00+00:00"
    far = "https://example.org/2020/02/21/harbour-dredge/"  # no zone puts it three days back
    assert extract_text(_page(late), kind="html", url=far).published.startswith("2020-02-25")


def test_dublin_core_s_generic_date_gives_way_to_a_declared_publication() -> None:
    head = '<meta name="date" content="2022-01-18T16:52:10+01:00">'
    body = f'<h1>{HEADLINE}</h1><p><time itemprop="datePublished" datetime="2022-01-25">25.01.2022</time></p>'
    assert extract_text(_page(head, body), kind="html").published == "2022-01-25T00:00:00+00:00"
    alone = extract_text(_page(head), kind="html")  # alone, it still dates the page
    assert alone.published == "2022-01-18T16:52:10+01:00"


def test_a_date_the_markup_search_guesses_gives_way_to_a_printed_publication_line() -> None:
    # no date declared; htmldate's search finds the comment's <time>, the page prints its own
    # publication under the headline with a cue
    body = (
        f"<h2>{HEADLINE}</h2><p>Veröffentlicht am 16.08.2019</p>{BODY}"
        '<section class="comments"><p><time datetime="2019-08-27T04:12:31+02:00">'
        "27. August 2019 um 04:12 Uhr</time> A reader wrote that the channel silts up again.</p>"
        "</section>"
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><article>{body}</article></body></html>"
    )
    assert extract_text(html, kind="html").published == "2019-08-16T00:00:00+00:00"


def test_a_utc_stamp_is_the_local_time_printed_on_a_line_away_from_the_headline() -> None:
    # the stamp's instant on a clock three hours behind UTC, printed in a block the text's
    # reader sets apart (no time line by the headline): the page's own day, the 3rd
    stamp = '<meta property="article:published_time" content="2022-05-04T01:17:36Z">'
    aside = '<aside><ul class="when"><li>Vila Nova</li><li>03/05/2022 22:17</li></ul></aside>'
    html = _page(stamp).replace("<footer>", f"{aside}<footer>")
    assert extract_text(html, kind="html").published == "2022-05-03T22:17:00-03:00"
    # a time of another minute is another instant: the stamp stands
    other = html.replace("22:17", "22:18")
    assert extract_text(other, kind="html").published == "2022-05-04T01:17:36+00:00"
