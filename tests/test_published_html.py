"""A page's HTML: which of the dates its markup holds is its publication."""

from __future__ import annotations

from newsfold.api import extract_text

PARAGRAPHS = [
    "The harbour board voted on Monday to lengthen the north pier by forty metres before the"
    " summer, so that the larger ferries can berth there at low tide as well.",
    "Work will start once the contract is signed, the board said, and the fishing boats will"
    " moor at the south quay while the cranes are on the pier for about six weeks.",
    "Some members asked why the cost had risen since the spring, and were told that steel and"
    " concrete had both become dearer and that the old plans had left out the lighting.",
]


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
