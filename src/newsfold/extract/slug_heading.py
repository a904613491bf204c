"""The article's heading in a dump without a title bar, found by the page's URL slug.

A dump that opens with the page's ``<title>`` (html_text's, lxml's text nodes) shows the
article's heading as a line that prints the title bar again (``headline._title_repeats``), and
``body._main_cluster`` prefers the text under it to a bigger block elsewhere (a footer's legal
notices, a sidebar's list). A dump without the title bar (html2text's, resiliparse's, a browser's
innerText, lynx's and w3m's) has no such mark; but most sites write the URL's last segment from
the headline ("/2024/05/harbour-board-approves-sea-wall"), so a short line that spells most of
the slug, and whose words the slug mostly writes, is the heading as surely, and
``body._main_cluster`` reads it as it reads a title bar's repeat (``text.text_bounds``: only
where the dump has none).

On AEB's half A (where it was chosen) body F1 rose on five renderers and fell on none:
html2text .9378 -> .9416, resiliparse .9369 -> .9418, chromium .9401 -> .9465, w3m .9353 ->
.9375, lynx .9327 -> .9331 (a page of recipes whose footer of legal notices outweighed the text
on every dump without a title bar; two pages whose text an embedded gallery or tweet cuts in
two lost the lower, longer half to the upper one under the heading, as html_text's dumps,
which print the title bar, already do). L3S-GN1's URLs (2008) rarely carry a slug: no page of
html2text, lxml_lines or resiliparse moved there.

A guess is weaker than a title bar's repeat: a teaser or a related box prints the headline
again, and the heading stands above the upper part of a text that a gallery or an embedded post
cuts in two. So the bonus never turns the choice away from a block that writes most of the
slug's words (``spells_slug``: the article's own text), nor to a block much lighter than the one
chosen without it (``body.GUESSED_FLIP_SHARE``); where both blocks write the slug and the
heavier one follows close under the one under the heading, the text is both (under a title
bar's repeat as well). On AEB's half A the two pages cut in two (the lower part outside the
heading's reach) had lost their longer part on lynx, w3m, html2text and resiliparse (F1
0.73-0.80 -> 0.40-0.45) and now keep both (0.81-0.93); lxml_lines' dump of one of them,
which prints the title bar, rose 0.40 -> 0.95.
"""

from __future__ import annotations

from collections.abc import Callable

from .headline_facts import misses_slug, slug_match, text_facts
from .lines import HEADLINE_MAX_WORDS, Line
from .sitenames import _SLUG_WORD, slug_forms

# shares of the slug's words the line holds, and of the line's words the slug writes
SLUG_RECALL_MIN = 0.6
SLUG_COVER_MIN = 0.5


def slug_headings(lines: list[Line], slug: frozenset[str]) -> list[int]:
    """The lines that spell the URL's ``slug`` as a heading does (see the module)."""
    if not slug:
        return []
    found = []
    for k, ln in enumerate(lines):
        if ln.words > HEADLINE_MAX_WORDS or ln.label not in ("", "template"):
            continue
        facts = None if misses_slug(ln.text, slug) else text_facts(ln.text, ln.words)
        if facts is None:
            continue
        cover, recall = slug_match(facts, slug)
        if recall >= SLUG_RECALL_MIN and cover >= SLUG_COVER_MIN:
            found.append(k)
    return found


def spells_slug(lines: list[Line], slug: frozenset[str]) -> Callable[[int, int], bool]:
    """Whether the lines from a first to a last (inclusive) write ``SLUG_RECALL_MIN`` of the
    slug's words: the article's own text, which a heading guessed from the slug never outvotes
    (a gallery or an embedded post cuts the text in two, the heading above the upper part; a
    teaser or a related box prints the headline again, far from the text)."""

    def spelled(first: int, last: int) -> bool:
        if not slug:
            return False
        text = " ".join(ln.text for ln in lines[first : last + 1]).lower()
        if text.isascii():  # (a block's text is long: its words read here, not kept)
            found = slug.intersection(_SLUG_WORD.findall(text))
        else:
            found = slug.intersection(frozenset().union(*map(slug_forms, text.split())))
        return len(found) >= SLUG_RECALL_MIN * len(slug)

    return spelled
