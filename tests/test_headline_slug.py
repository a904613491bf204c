"""The headline of a dump without a title bar, where the page's URL is known: its slug, written
from the headline by most sites, points to it; the site's own name is never the headline
(``extract/headline.py``, issue 20)."""

from __future__ import annotations

from newsfold.api import extract_text
from newsfold.extract.headline import site_hints, url_slug
from test_headline import BODY


def test_the_slug_is_the_last_path_segment_s_words() -> None:
    assert url_slug("https://harbour-herald.example/2024/05/18/sea-wall-vote-4471/") == {
        "sea",
        "wall",
        "vote",
    }
    assert url_slug("https://harbour-herald.example/news/sea-wall.html?id=3") == {"sea", "wall"}
    # a script's name or an id names nothing; a section above it is not the page's slug
    assert url_slug("https://harbour-herald.example/news/index.php?id=3") == frozenset()
    assert url_slug("https://harbour-herald.example/local/c_1125597921.htm") == frozenset()
    assert url_slug(None) == frozenset() and url_slug("not a url") == frozenset()
    hints = site_hints("https://www.harbour-herald.example/2024/grune-welle", None)
    assert hints == frozenset({"harbourherald"}) and hints.slug == {"grune", "welle"}


def test_the_slug_points_to_the_headline_among_other_stories_headlines() -> None:
    headline = "Quay traders cheer as defences get the go-ahead"
    dump = "\n\n".join(
        [
            "Home",
            "News",
            "Sport",
            headline,
            "Council closes the old library for repairs",
            "Harbour board elects a new chair",  # a teaser, nearer the body and about the board
            *BODY,
        ]
    )
    url = "https://harbour-herald.example/2024/05/18/quay-traders-cheer-as-defences-get-go-ahead/"
    # (without the slug the teaser next to the text about the board won)
    assert extract_text(dump, url=url).headline == headline


def test_the_site_s_name_is_never_the_headline() -> None:
    dump = "\n\n".join(["Harbour Herald", "Home", "News", *BODY])
    url = "https://www.harbour-herald.example/2024/05/18/4471"
    assert extract_text(dump, url=url).headline != "Harbour Herald"
    # where the page declares no URL, the name is not known to be the site's
    assert extract_text(dump).paragraphs[0].startswith("The harbour board voted")


def test_the_page_s_only_h1_over_a_title_written_for_sharing() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    html = (
        "<html><head><title>Sea wall: board says yes | Harbour Herald</title>"
        '<meta property="og:title" content="Sea wall: board says yes">'
        "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        "<h1>Harbour board approves a new sea wall after the winter floods</h1>"
        f"{paragraphs}</article></body></html>"
    )
    article = extract_text(html, kind="html", url="https://harbour-herald.example/news/4471")
    assert article.headline == "Harbour board approves a new sea wall after the winter floods"
