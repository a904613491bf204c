"""lynx -dump opens with the page head's links (feeds, the page's own title, other posts' titles
with their dates): no line of that block dates the page (``page_clock.head_links``)."""

from __future__ import annotations

import textwrap

from newsfold.api import extract_text
from newsfold.extract.page_clock import head_links, outside_head
from texts import PIER as PARAGRAPHS

BODY = "\n\n".join(
    textwrap.fill(p, 74, initial_indent="   ", subsequent_indent="   ") for p in PARAGRAPHS
)
HEAD = (
    "   #Quay News » Feed Quay News » Comments Feed Quay News » Public meeting on\n"
    "   the north pier and the new ferry berths of the harbour board at the old\n"
    "   town hall by the quay (held on 2 and 3 February 2021, Eastport) Comments\n"
    "   Feed alternate alternate\n"
)
# the headline, a heading lynx wraps at the edge: its second line names the meeting's days
PAGE = (
    "   Quay News\n\n"
    "Public meeting on the north pier and the new ferry berths of the harbour board\n"
    "at the old town hall by the quay (held on 2 and 3 February 2021, Eastport)\n\n"
    "   9 March 2021 ivomarsh Leave a comment\n\n" + BODY + "\n"
)


def test_the_head_links_lynx_prints_first_date_no_page() -> None:
    assert extract_text(HEAD + "\n" + PAGE, kind="text").published == "2021-03-09T00:00:00+00:00"


def test_the_head_links_block_is_found_only_where_a_dump_opens_with_it() -> None:
    head = head_links("\n" + HEAD + "\n" + PAGE)
    assert head.startswith("#Quay News » Feed") and head.endswith("Feed alternate alternate")
    assert head_links(PAGE) == ""
    assert head_links("# Harbour board backs longer pier\n\nText.") == ""  # a markdown heading
    lines = ["town hall by the quay (held on 2 and 3 February 2021, Eastport) Comments", "2021"]
    assert outside_head(lines, head) == ["2021"]  # a short line is no line of the block
