"""A page's HTML: which of the dates its markup holds is its publication."""

from __future__ import annotations

from newsfold.api import extract_text
from texts import PIER as PARAGRAPHS


def test_a_cache_expiry_is_no_publication_date() -> None:
    # the expiry is a fixed day long past, so that no cache keeps the page: not when it was
    # written (the page declares no date, and its text writes none)
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        '<html><head><meta http-equiv="Expires" content="Mon, 30 May 2005 00:00:00 GMT">'
        "<title>Harbour board backs longer pier</title></head><body><article>"
        f"<h1>Harbour board backs longer pier</h1>{paragraphs}</article></body></html>"
    )
    published = extract_text(html, kind="html", url="https://example.org/pier").published
    assert not (published or "").startswith("2005-05-30")
