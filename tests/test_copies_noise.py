"""Copies from noisy dumps: what a renderer or a page's extraction leaves in or takes out of a
body must neither make two stories copies nor keep two copies apart.

Every text here is written for these tests.
"""

from __future__ import annotations

import textwrap

from newsfold.match.copies import verify
from newsfold.match.evidence import teaser_paragraphs
from test_copies import art

# a sidebar of teaser cards: a headline over a one-sentence summary, as a section page shows them
CARDS = [
    "Council approves new cycle lanes for the river road",
    "The lanes will run for four kilometres and open before the summer, the council said.",
    "Storm brings down power lines across the northern valley",
    "Crews worked through the night to restore electricity to about 3,000 homes on Tuesday.",
    "Local choir wins national title for the second year",
    "The forty singers beat eleven other choirs at the final held in the capital on Sunday.",
    "Harbour fish market to move to a new site in the spring",
    "Traders say the old hall is too small and too cold for the number of buyers it draws.",
    "Museum reopens its west wing after two years of repairs",
    "Visitors can see the restored ceiling paintings from Saturday, the director announced.",
    "University plans a new campus on the former rail yards",
    "The first buildings would house the engineering faculty and open in four years.",
]
TUNNEL = [
    "Engineers have finished boring the second tube of the mountain rail tunnel, two months "
    "ahead of schedule, the national rail company said on Wednesday after the breakthrough.",
    "The tunnel, which will cut the journey between the two largest cities by forty minutes, "
    "is expected to carry its first passenger trains at the end of next year.",
    "About 1,500 workers have been employed on the project, which has cost 2.1 billion, "
    "slightly less than planned because the rock proved easier to cut than feared.",
    "The company said track laying would begin in the autumn and that signalling contracts "
    "would be awarded before Christmas, with testing planned for the following spring.",
    "Residents of the villages above the tunnel have complained of vibration during the work, "
    "and the company has agreed to pay for inspections of about two hundred houses.",
    "The rail minister, who visited the site for the breakthrough, said the line would be "
    "the most important addition to the network since the coastal route opened in 1987.",
]
LEAD = (
    "Commuters in the eastern suburbs will have a faster route into the city centre from "
    "the end of next year, when the new rail link beneath the mountains opens to passengers."
)
MORE = [
    "Opposition politicians welcomed the progress but asked why ticket prices on the new line "
    "had not yet been announced, and said fares should not rise for existing routes.",
    "The freight operators' association said it hoped that the tunnel would also be opened to "
    "night freight trains, taking hundreds of lorries off the mountain pass each week.",
    "A museum exhibition about the construction, with photographs and a section of the "
    "cutting head, will open in the station hall at the southern portal in the summer.",
]

OWN = (
    "Local councillors said they would ask the company to add a stop in the valley town, "
    "where hundreds of people drive to the city every morning on the crowded pass road."
)


def test_two_pages_sharing_only_a_list_of_teasers_are_not_copies() -> None:
    # two stories whose extraction took the site's sidebar: the page's headline took the first
    # card's, so each body opens with a summary; the lists differ only in their last card
    a = art("a", [CARDS[1], *CARDS[2:]], "Story one")
    b = art("b", [CARDS[1], *CARDS[2:10], "Ferry timetable changes for the winter"], "Story two")
    assert verify(a, b).relation != "copy"
    # and a short story under the same long list of teasers is no copy of another
    assert verify(art("c", [TUNNEL[0], *CARDS]), art("d", [MORE[0], *CARDS])).relation != "copy"


def test_copies_under_different_lists_of_teasers_stay_copies() -> None:
    a = art("a", [*TUNNEL, *CARDS])
    b = art("b", [*TUNNEL[:4], *CARDS[6:], *CARDS[:6]])
    assert verify(a, b).relation == "copy"


def test_wrapped_prose_is_never_a_list_of_teasers() -> None:
    # a dump wrapped at 60 columns whose lines each became a paragraph (unwrapping failed), and
    # an article whose subheads stand over sections of several paragraphs
    wrapped = [line for p in TUNNEL for line in textwrap.wrap(p, 60)]
    assert not any(teaser_paragraphs(wrapped))
    sections = ["Progress", *TUNNEL[:3], "Complaints", *TUNNEL[3:5], "Next steps", TUNNEL[5]]
    assert not any(teaser_paragraphs(sections))
    assert sum(teaser_paragraphs([*TUNNEL, *CARDS])) == len(CARDS)


def test_one_paragraph_under_the_same_headline_is_a_copy() -> None:
    # a page whose extraction kept one paragraph from the middle of the story, its headline cut
    # by the dump's wrapping: under another headline it would be a roundup item
    headline = "Engineers finish boring the second tube of the mountain rail tunnel early"
    story = art("s", [*TUNNEL, *MORE], headline)
    kept = art("k", [TUNNEL[4] + " " + TUNNEL[5]], "Engineers finish boring the second tube of")
    assert verify(story, kept).relation == "copy"
    assert verify(story, art("r", kept.paragraphs, "Weekly transport news")).relation == "partial"
    # a headline with words added (a part number) is another page's headline
    part_two = art("t", kept.paragraphs, headline + " (2)")
    assert verify(story, part_two).relation == "partial"


def test_an_update_under_the_same_headline_is_not_made_a_copy_by_it() -> None:
    # an outlet's later story under the same headline keeps much of the earlier one's text
    # (four paragraphs of five) among new paragraphs of its own: a new article
    headline = "Engineers finish boring the second tube of the mountain rail tunnel early"
    earlier = art("e", [LEAD, *TUNNEL[2:]], headline)
    update = art("u", [*MORE[:2], *TUNNEL, MORE[2]], headline)
    assert verify(earlier, update).relation == "partial"


def test_a_copy_whose_other_side_lost_the_lead_is_a_copy() -> None:
    # the short copy opens with a lead paragraph the long page's extraction lost; the long one
    # opens with the shared text and goes on well past it
    short = art("a", [LEAD, *TUNNEL[:3]])
    long = art("b", [*TUNNEL, *MORE])
    assert verify(short, long).relation == "copy"


def test_a_byline_glued_over_a_copy_is_no_text_of_its_own() -> None:
    # a dump that glued a byline, a relative time and a dateline over a cut copy with an added
    # paragraph of its own
    glued = "By ANNA BERG, For The Wire Service 2 hours, 10 minutes ago ALPENSTADT - " + TUNNEL[0]
    short = art("a", [glued, *TUNNEL[1:4], MORE[2], OWN])
    assert verify(short, art("b", [*TUNNEL, *MORE[:2]])).relation == "copy"
