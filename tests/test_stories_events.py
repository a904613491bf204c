"""Independent reports and events: near misses kept apart, order-free assignment, online folds
with ids that keep resolving, and the example corpus's reports."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix

from conftest import EXAMPLES
from newsfold.records import EventUnit
from newsfold.run.local import fold
from newsfold.store import SQLiteStore, open_store
from newsfold.stories.events import assign_events, similarities, tfidf
from newsfold.views import story_detail

GAME_1 = """Harbourside Gulls beat Ridgeway Foxes 2-1 at Quarry Lane
Striker Tomas Okafor scored twice as the Harbourside Gulls beat the Ridgeway Foxes 2-1 at Quarry
Lane on Saturday, with goalkeeper Ines Varga saving a late penalty from Foxes captain Dale Mercer.
Okafor opened the scoring after ten minutes and added a second from a Varga clearance."""
GAME_1_REPORT = """Varga penalty save seals Gulls win over Foxes
Ines Varga kept out Dale Mercer's penalty in stoppage time to give the Harbourside Gulls a 2-1 win
over Ridgeway Foxes at Quarry Lane. Tomas Okafor's double had put the Gulls ahead before Mercer's
side pulled one back through a header."""
GAME_1_THIRD = """Okafor double lifts Gulls past Foxes
Two goals from Tomas Okafor and a penalty save by Ines Varga gave Harbourside a 2-1 win over the
Ridgeway Foxes at Quarry Lane, where Dale Mercer missed from the spot in stoppage time."""
GAME_2 = """Foxes thrash Gulls 4-0 in Ridgeway rematch
The Ridgeway Foxes beat the Harbourside Gulls 4-0 at Millbrook Park on Sunday, a week after losing
at Quarry Lane, with winger Sami Lindqvist scoring a hat-trick and Dale Mercer adding a fourth.
Gulls striker Tomas Okafor was sent off after half an hour; Ines Varga conceded four."""
GAME_2_REPORT = """Lindqvist hat-trick as Foxes rout ten-man Gulls
Sami Lindqvist scored three times at Millbrook Park as the Ridgeway Foxes took revenge on the
Harbourside Gulls with a 4-0 win, Tomas Okafor having been sent off before the break."""
OTHER = """Council approves new cycle lanes for the eastern suburbs
The city council voted to build protected cycle lanes on four arterial roads in the eastern
suburbs, with work to start in the spring and finish within two years."""


def _units(times: bool = True) -> list[EventUnit]:
    t = (lambda s: s) if times else (lambda s: None)
    return [
        EventUnit("g1a", GAME_1, t("2025-03-01T18:00:00+00:00")),
        EventUnit("g1b", GAME_1_REPORT, t("2025-03-01T21:30:00+00:00")),
        EventUnit("g1c", GAME_1_THIRD, t("2025-03-02T07:00:00+00:00")),
        EventUnit("g2a", GAME_2, t("2025-03-09T17:00:00+00:00")),
        EventUnit("g2b", GAME_2_REPORT, t("2025-03-09T19:00:00+00:00")),
        EventUnit("z", OTHER, t("2025-03-05T09:00:00+00:00")),
    ]


def test_a_game_and_the_next_game_stay_apart_while_reports_join() -> None:
    events = assign_events(_units())
    assert ["g1a", "g1b", "g1c"] in events
    assert ["g2a", "g2b"] in events
    assert ["z"] in events


def test_assignment_is_the_same_whatever_the_order() -> None:
    want = assign_events(_units())
    for seed in range(5):
        shuffled = _units()
        random.Random(seed).shuffle(shuffled)
        assert assign_events(shuffled) == want


def test_pair_similarity_ranks_one_subject_above_unrelated_stories() -> None:
    # a pair alone cannot tell the game from the next game (that takes the subject's other
    # reports: see the assignment test above), but it does tell a subject from another
    same, near, unrelated = similarities(
        [(GAME_1, GAME_1_REPORT), (GAME_1, GAME_2), (GAME_1, OTHER)]
    )
    assert min(same, near) > 3 * unrelated


def _story_of(store: SQLiteStore, path: str) -> str:
    row = store.db.execute(
        "SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " JOIN pages p ON p.id = a.page_id WHERE p.source LIKE ?",
        ("%" + path,),
    ).fetchone()
    return str(row[0])


def _relation(store: SQLiteStore, path: str) -> str:
    row = store.db.execute(
        "SELECT sa.relation FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " JOIN pages p ON p.id = a.page_id WHERE p.source LIKE ?",
        ("%" + path,),
    ).fetchone()
    return str(row[0])


def test_example_reports_join_their_story_as_reports(
    demo_store: SQLiteStore, expected: dict[str, Any]
) -> None:
    checked = 0
    for s in expected["stories"]:
        story = _story_of(demo_store, s["copies"][0])
        for rep in s.get("reports", []):
            assert _story_of(demo_store, rep) == story, (s["name"], rep)
            assert _relation(demo_store, rep) == "report"
            checked += 1
        for c in s["copies"]:
            assert _relation(demo_store, c) in ("origin", "copy")
    assert checked >= 1


def test_show_json_carries_reports_entities_related(
    demo_store: SQLiteStore, expected: dict[str, Any]
) -> None:
    ferry = next(s for s in expected["stories"] if s["reports"])
    d = story_detail(demo_store, demo_store.get_story(_story_of(demo_store, ferry["copies"][0])))
    assert {"id", "headline", "headlines", "paragraphs", "articles", "origin"} <= set(d)
    assert [r["relation"] for r in d["reports"]] == ["report"] * len(ferry["reports"])
    # the report is not merged into the canonical text: no paragraph is sourced by it
    assert not {r["id"] for r in d["reports"]} & {s for p in d["paragraphs"] for s in p["sources"]}
    assert d["entities"]["places"] or d["entities"]["countries"]
    inquiry = _story_of(demo_store, "harbour-herald/kaimai-spirit-inquiry-findings.txt")
    assert d["related"] and d["related"][0]["story"] == inquiry
    assert "shared entities" in d["related"][0]["reason"]


def test_a_later_batch_joins_the_story_and_old_ids_resolve(tmp_path: Path) -> None:
    """The report arrives in a second fold: it joins the existing story; the story the first
    fold made is still found by its id; the result equals folding everything at once."""
    report = "northbound-post/new-zealand-ferry-americans-evacuated.txt"
    first = tmp_path / "first"
    shutil.copytree(EXAMPLES, first / "corpus")
    later = tmp_path / "later" / "northbound-post"
    later.mkdir(parents=True)
    (first / "corpus" / report).rename(later / Path(report).name)
    with open_store(tmp_path / "online.db") as store:
        fold([first / "corpus"], store)
        before = _story_of(store, "harbour-herald/kaimai-spirit-aground-tory-channel.txt")
        fold([later], store)
        after = _story_of(store, "harbour-herald/kaimai-spirit-aground-tory-channel.txt")
        assert _story_of(store, report) == after
        assert store.get_story(before).id == after
        online = sorted(sorted(m.article for m in s.members) for s in store.stories())
    with open_store(tmp_path / "once.db") as store:
        fold([first / "corpus", later], store)
        once = sorted(sorted(m.article for m in s.members) for s in store.stories())
    assert online == once


def test_key_terms_are_the_heaviest_of_the_terms_few_units_carry(monkeypatch: Any) -> None:
    from collections import Counter

    import newsfold.stories.events as ev

    docs = [Counter({"common": 5, "rare1": 1, "rare2": 2}), Counter({"common": 1, "other": 1})]
    docs += [Counter({"common": 1}) for _ in range(3)]
    x = ev.tfidf(docs)
    monkeypatch.setattr(ev, "MAX_KEY_UNITS", 2)
    keys = ev.key_terms(x, keep=1).toarray()
    vocab = sorted({t for d in docs for t in d})
    # "common" is in five units: never a key, however heavy; of the rest the heaviest is kept
    assert keys[:, vocab.index("common")].sum() == 0
    assert keys[0, vocab.index("rare2")] == x[0, vocab.index("rare2")]
    assert keys[0, vocab.index("rare1")] == 0
    assert keys[1, vocab.index("other")] > 0 and keys[2:].sum() == 0


def test_a_term_too_broad_to_block_on_does_not_join_subjects(monkeypatch: Any) -> None:
    import newsfold.stories.events as ev

    rng = random.Random(3)
    shared = "Meridale Quorvant Stelbrook"  # a name every unit carries
    units = [
        EventUnit(f"u{i}", f"{shared}\n" + " ".join(f"w{rng.randrange(10**6)}" for _ in range(3)))
        for i in range(8)
    ]
    # with every term a key, the shared name makes one subject (and one event) of them all
    assert len(assign_events(units)) == 1
    monkeypatch.setattr(ev, "MAX_KEY_UNITS", 4)
    assert len(assign_events(units)) == 8


def test_related_lists_are_those_of_scoring_every_pair() -> None:
    from newsfold.records import Origin, Story
    from newsfold.stories import related as rel
    from newsfold.stories.events import features, tfidf

    rng = random.Random(11)
    words = [f"term{k}" for k in range(300)]
    people = ["Ada Quell", "Bo Rennick", "Cy Talbot"]
    stories = []
    for i in range(60):
        topic = rng.randrange(6)
        text = " ".join(rng.choice(words[topic * 50 : topic * 50 + 50]) for _ in range(40))
        ents = {"people": [{"name": rng.choice(people)}]} if i % 3 == 0 else {}
        origin = Origin(None, None, [])
        stories.append(Story(f"s{i:02d}", text, [], None, [], [], origin, entities=ents))
    got = rel.related_stories(stories, block=7)
    # the reference: every pair scored, as before the keys
    x = tfidf([features(rel._text(s)).terms for s in stories])
    topic = (x @ x.T).toarray()
    ents = [rel._entities(s) for s in stories]
    for i, s in enumerate(stories):
        want = []
        for j, t in enumerate(stories):
            shared = set(ents[i]) & set(ents[j])
            weight = sum(rel.ENTITY_WEIGHT.get(ents[i][k], 0.5) for k in shared)
            if i != j and (weight >= 1.0 or topic[i, j] >= rel.MIN_TOPIC):
                want.append((-round(weight + topic[i, j], 3), t.id))
        assert [(-r["score"], r["story"]) for r in got[s.id]] == sorted(want)[: rel.MAX_RELATED]
    assert sum(map(len, got.values())) > 60


def _tfidf_reference(docs: list[Counter[str]], min_df: int) -> csr_matrix:
    """``tfidf`` as it was written first (a vocabulary of sorted terms, a look-up per entry)."""
    n = len(docs)
    every = [t for d in docs for t in d]
    df = Counter(every)
    terms = sorted(t for t, k in df.items() if k >= min_df)
    vocab = {t: i for i, t in enumerate(terms)}
    idf = np.log((1 + n) / (1 + np.array([df[t] for t in terms], dtype=np.float64))) + 1
    lens = np.array([len(d) for d in docs], dtype=np.int64)
    cols = np.array([vocab.get(t, -1) for t in every], dtype=np.int64)
    tf = np.array([v for d in docs for v in d.values()], dtype=np.float64)
    on = cols >= 0
    cols, tf = cols[on], tf[on]
    sizes = np.bincount(np.repeat(np.arange(n), lens)[on], minlength=n).astype(np.int64)
    indptr = np.concatenate(([0], np.cumsum(sizes)))
    w = (1 + np.log(tf)) * idf[cols]
    norm = np.sqrt(np.bincount(np.repeat(np.arange(n), sizes), weights=w * w, minlength=n))
    norm = np.where(norm > 0, norm, 1.0)
    out = csr_matrix((w / np.repeat(norm, sizes), cols, indptr), shape=(n, len(terms)))
    out.sort_indices()
    return out


@given(
    st.lists(
        st.dictionaries(st.sampled_from([*"abcdefgh", "E:a_b", "Y:2024"]), st.integers(1, 4)),
        max_size=12,
    ),
    st.integers(1, 3),
)
@settings(max_examples=60, deadline=None)
def test_tfidf_is_the_reference_to_the_bit(docs: list[dict[str, int]], min_df: int) -> None:
    """``tfidf`` numbers its terms in one pass and sorts them in numpy: the same matrix, bit
    for bit, as the vocabulary it replaced (the events and related stories stay the same)."""
    counters = [Counter(d) for d in docs]
    got, want = tfidf(counters, min_df), _tfidf_reference(counters, min_df)
    assert got.shape == want.shape
    assert np.array_equal(got.indptr, want.indptr)
    assert np.array_equal(got.indices, want.indices)
    assert got.data.tobytes() == want.data.tobytes()
