"""Finding copies: relations, edit kinds, fingerprints, determinism, incremental folds, and the
roundup and shared-boilerplate cases that must not chain stories together.

Every text here is written for these tests.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from newsfold.match.compare import classify_change, explain_paragraphs, measure_articles, word_edits
from newsfold.match.copies import MAX_POSTINGS, CandidateIndex, copy_groups, is_candidate, verify
from newsfold.match.fingerprint import fingerprints_batch, shingle_hashes, winnow
from newsfold.records import Article, Link
from newsfold.run.local import fold
from newsfold.store import Store, open_store

FERRY = [
    "A cargo ferry carrying 40 lorries lost power in heavy seas off the northern cape on "
    "Thursday night, and tugs towed it to the harbour at Port Alden early on Friday.",
    "The coastguard said the crew of 18 were safe and that no fuel had leaked, although two "
    "lorries broke free of their lashings and were badly damaged on the vehicle deck.",
    "The operator, Saltmarsh Shipping, said an electrical fault had shut down both engines "
    "about six nautical miles from the coast, and that the cause was being investigated.",
    "Waves of up to seven metres were recorded in the area overnight, the weather service "
    "said, and sailings between the islands were cancelled until Saturday afternoon.",
    "Drivers stranded at the terminal complained that they had been given little information, "
    "and several said they had waited more than ten hours for news of their vehicles.",
    "The harbour master, Ilse Varga, praised the tug crews and said the ferry would stay in "
    "port until inspectors from the maritime authority had examined its engine room.",
]
ORCHARD = [
    "Apple growers in the southern valley expect their smallest harvest in a decade after a "
    "late frost in April destroyed blossom across hundreds of hectares of orchards.",
    "The growers' cooperative said yields could fall by a third, and that prices for dessert "
    "apples were likely to rise in the shops before the end of the autumn.",
    "Some farmers have begun to install wind machines that stir warmer air over the trees on "
    "cold nights, at a cost of about 30,000 per hectare, the cooperative said.",
    "The regional agriculture office has promised low-interest loans to growers who lost more "
    "than half their crop, with applications open from the first week of September.",
]
LIBRARY = [
    "The city library will open on Sundays from next month after the council agreed to fund "
    "extra staff, ending a three-year campaign by parents and students for longer hours.",
    "Library users collected more than 9,000 signatures for the petition, which argued that "
    "many students had no quiet place to work at weekends during the examination season.",
    "The council's culture chief said the Sunday opening would be reviewed after a year, and "
    "that the reading rooms and computer suite would be open from ten until four.",
    "A volunteer group that runs homework clubs at the library said it would add a Sunday "
    "session for younger children as soon as the new hours begin.",
]
SIGNOFF = (
    "The Quayside Post welcomes corrections and tips from readers. Write to our newsroom at "
    "any time, or follow our updates on the app through the day and into the night."
)
OWN = [
    "Residents of the old mill district will vote next week on whether to turn a disused car "
    "park into a market square with trees, benches and a covered stage for concerts.",
    "A bakery that has traded on the high street for ninety years will close at the end of the "
    "month, its owners said, because none of their children wants to take it over.",
    "The annual regatta drew more than two hundred boats this weekend, with the junior "
    "sculling race won by a crew from the rowing club on the eastern shore.",
]


def art(
    aid: str, paragraphs: list[str], headline: str = "A headline", outlet: str = "o"
) -> Article:
    return Article(
        id=aid,
        page_id="p" + aid,
        source=aid,
        outlet=outlet,
        url=None,
        headline=headline,
        byline=None,
        credits=[],
        dateline=None,
        published=None,
        updated=None,
        language="en",
        paragraphs=paragraphs,
    )


# --- relations ----------------------------------------------------------------------------------


def test_identical_needs_same_text_and_headline() -> None:
    a, b = art("a", FERRY, "Ferry towed to port"), art("b", FERRY, "Ferry towed to port")
    assert verify(a, b).relation == "identical"
    retitled = art("c", FERRY, "Stricken ferry reaches Port Alden")
    assert verify(a, retitled).relation == "copy"


def test_edited_copy_is_a_copy() -> None:
    edited = [
        p.replace("harbour", "harbor").replace("seven", "7").replace("Saltmarsh", "SALTMARSH")
        for p in FERRY
    ]
    lk = verify(art("a", FERRY), art("b", edited))
    assert lk.relation == "copy" and lk.a_in_b > 0.8 and lk.b_in_a > 0.8


@pytest.mark.parametrize("keep", [1, 2, 3, 4])
def test_cut_copy_is_a_copy_down_to_one_paragraph(keep: int) -> None:
    lk = verify(art("a", FERRY), art("b", FERRY[:keep]))
    assert lk.relation == "copy"
    assert lk.b_in_a == 1.0 and (keep > 2 or lk.jaccard < 0.5)


def test_cut_copy_with_its_own_sign_off_is_a_copy() -> None:
    lk = verify(art("a", FERRY), art("b", [*FERRY[:2], SIGNOFF]))
    assert lk.relation == "copy"


def test_extended_copy_is_a_copy() -> None:
    extended = [*FERRY[:3], OWN[0], *FERRY[3:], OWN[1]]
    assert verify(art("a", FERRY), art("b", extended)).relation == "copy"


def test_roundup_carrying_one_item_is_partial() -> None:
    roundup = [OWN[0], FERRY[2], OWN[1], ORCHARD[1], OWN[2]]
    assert verify(art("r", roundup), art("f", FERRY)).relation == "partial"
    assert verify(art("r", roundup), art("o", ORCHARD)).relation == "partial"


def test_story_whose_long_second_paragraph_a_roundup_carries_is_not_its_cut() -> None:
    lead = "Frost has ruined the blossom in orchards across the southern hills this spring."
    story = art("s", [lead, ORCHARD[0] + " " + ORCHARD[1]])
    roundup = art("r", [OWN[0], ORCHARD[0] + " " + ORCHARD[1], OWN[1], OWN[2], LIBRARY[1]])
    assert verify(story, roundup).relation == "partial"


def test_unrelated_stories() -> None:
    assert verify(art("a", FERRY), art("b", ORCHARD)).relation == "unrelated"


def test_shared_sign_off_alone_is_not_a_copy() -> None:
    a = art("a", [ORCHARD[0], SIGNOFF])
    b = art("b", [LIBRARY[0], SIGNOFF])
    assert verify(a, b).relation != "copy"
    # two briefs shorter than the sign-off under them: most of each is the shared paragraph
    brief_a = art("e", ["The bridge over the canal reopened on Monday.", SIGNOFF])
    brief_b = art("f", ["The museum closed its west wing for repairs.", SIGNOFF])
    assert verify(brief_a, brief_b).relation != "copy"
    # the same sign-off under two copies of one story does not stop them being copies
    assert verify(art("c", [*FERRY, SIGNOFF]), art("d", [*FERRY[:4], SIGNOFF])).relation == "copy"


def test_measure_articles_keeps_whole_text_figures() -> None:
    m = measure_articles(art("a", [*FERRY, SIGNOFF]), art("b", [*FERRY[:3], SIGNOFF]))
    assert m.relation == "copy" and m.a_in_b < 0.7 and m.b_in_a == 1.0


def test_candidate_needs_a_share_of_the_smaller_text() -> None:
    assert is_candidate(12, 15, 80)
    assert not is_candidate(9, 80, 90)  # one shared sign-off paragraph
    assert not is_candidate(1, 2, 2)
    assert is_candidate(1, 1, 80)  # a one-sentence cut has a single fingerprint
    assert not is_candidate(0, 0, 80)


def test_one_sentence_cut_is_found_in_a_fold(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "full.txt").write_text(_page("x", "Ferry towed in", FERRY), "utf-8")
    lead = FERRY[0].split(", and")[0] + "."
    (tmp_path / "y" / "brief.txt").write_text(_page("y", "Ferry adrift", [lead]), "utf-8")
    with open_store(tmp_path / "one.db") as store:
        fold([tmp_path / "x", tmp_path / "y"], store)
        assert store.counts()["copy_groups"] == 1


def test_groups_only_join_copies() -> None:
    from newsfold.records import Link

    links = [Link("a", "b", "copy", 0.5, 1, 0.4), Link("b", "r", "partial", 0.1, 0.2, 0.1)]
    links.append(Link("r", "c", "partial", 0.1, 0.2, 0.1))
    groups = copy_groups(["a", "b", "c", "r"], links)
    assert sorted(map(sorted, groups.values())) == [["a", "b"], ["c"], ["r"]]


# --- edit kinds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("the organisation said", "the organization said", "spelling"),
        ("they will fantasise about it", "they will fantasize about it", "spelling"),
        ("the colour of it", "the color of it", "spelling"),
        ("the U.S. embassy", "the US embassy", "abbreviation"),
        ("said Mr Ortega today", "said Mr. Ortega today", "abbreviation"),
        ("on Harbour Street today", "on Harbour St. today", "abbreviation"),
        ("in New Zealand today", "in NZ today", "abbreviation"),
        ("the UK's biggest port", "the U.K.'s biggest port", "abbreviation"),
        ("up 5 per cent", "up 5 percent", "spelling"),
        ("rain, wind and snow", "rain wind and snow", "punctuation"),
        ("the Minister said", "the minister said", "case"),
        ("about 12,000 people", "about 12000 people", "number_format"),
        ("prices rose on Monday", "prices climbed on Monday", "word"),
    ],
)
def test_word_level_edit_kinds(a: str, b: str, kind: str) -> None:
    edits = word_edits(a, b)
    assert [e.kind for e in edits] == [kind], edits


def test_sentence_added_and_removed() -> None:
    a = FERRY[1]
    extra = "A spokesman for the union representing the drivers said compensation was due."
    assert [e.kind for e in word_edits(a, a + " " + extra)] == ["sentence_added"]
    two = FERRY[0] + " " + FERRY[1]
    assert [e.kind for e in word_edits(two, FERRY[0])] == ["sentence_removed"]


def test_quoted_sentence_removed_is_one_edit() -> None:
    a = 'The mayor spoke. "We will rebuild the pier before the summer season starts," she said. "It matters."'
    b = 'The mayor spoke. "It matters."'
    assert [e.kind for e in word_edits(a, b)] == ["sentence_removed"]


def test_paragraph_truncation_and_headline_kinds() -> None:
    added = explain_paragraphs(FERRY, [*FERRY[:2], OWN[0], *FERRY[2:]])
    assert [e.kind for e in added.edits] == ["paragraph_added"]
    removed = explain_paragraphs(FERRY, [*FERRY[:2], *FERRY[3:]])
    assert [e.kind for e in removed.edits] == ["paragraph_removed"]
    cut = explain_paragraphs(FERRY, FERRY[:2])
    assert [e.kind for e in cut.edits] == ["truncation"]
    retitled = explain_paragraphs(FERRY, FERRY, "Ferry towed in", "Tugs save ferry")
    assert [e.kind for e in retitled.edits] == ["headline"]


def test_classify_change_does_not_call_any_word_an_abbreviation() -> None:
    assert classify_change("Street", "Strait.") == "word"
    assert classify_change("grease", "greaze") == "word"  # not an -ise family word


# --- fingerprints -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["a", "b", "c", "d", "port", "ferry", "7"]), max_size=40),
        max_size=12,
    )
)
def test_batch_fingerprints_equal_one_by_one(docs: list[list[str]]) -> None:
    got = fingerprints_batch(docs)
    assert len(got) == len(docs)
    for toks, fp in zip(docs, got, strict=True):
        assert np.array_equal(fp, winnow(shingle_hashes(toks)))


# --- folds --------------------------------------------------------------------------------------


def _page(outlet: str, headline: str, paragraphs: list[str]) -> str:
    chrome = f"{outlet.title()} News\nHome | World | Business | Sport\n"
    return chrome + headline + "\n\n" + "\n\n".join(paragraphs) + "\n\nContact us | Privacy\n"


def _corpus(tmp: Path) -> dict[str, list[Path]]:
    """{story: its pages} over four outlets; the roundup and sign-off pages are their own."""
    pages: dict[str, list[tuple[str, str, list[str]]]] = {
        "ferry": [
            ("quayside", "Ferry towed to Port Alden", [*FERRY, SIGNOFF]),
            ("northern", "Cargo ferry loses power", FERRY[:3]),
            ("valley", "Tugs bring ferry in", [p.replace("harbour", "harbor") for p in FERRY]),
            ("coastal", "Ferry adrift off cape", [*FERRY[:2], OWN[2]]),
        ],
        "orchard": [
            ("quayside", "Frost hits apple harvest", [*ORCHARD, SIGNOFF]),
            ("valley", "Smallest apple crop in decade", ORCHARD[:2]),
        ],
        "library": [
            ("quayside", "Library to open on Sundays", [*LIBRARY, SIGNOFF]),
            ("northern", "Sunday hours for library", LIBRARY),
        ],
        "roundup": [
            ("coastal", "News in brief", [OWN[0], FERRY[3], OWN[1], ORCHARD[2], LIBRARY[1]]),
        ],
    }
    out: dict[str, list[Path]] = {}
    for story, items in pages.items():
        for i, (outlet, head, paras) in enumerate(items):
            path = tmp / outlet / f"{story}-{i}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_page(outlet, head, paras), encoding="utf-8")
            out.setdefault(story, []).append(path)
    return out


def _groups(db: Path) -> dict[str, set[str]]:
    """{page file name: names of the pages in its copy group}."""
    with open_store(db) as store:
        rows = store.db.execute(
            "SELECT p.source, sa.copy_group FROM story_articles sa"
            " JOIN articles a ON a.id = sa.article_id JOIN pages p ON p.id = a.page_id"
        ).fetchall()
    by_group: dict[str, set[str]] = {}
    for src, g in rows:
        by_group.setdefault(g, set()).add(Path(src).name)
    return {name: members for members in by_group.values() for name in members}


def test_fold_groups_stories_without_chaining(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    fold([tmp_path / "c"], open_store(tmp_path / "a.db"))
    groups = _groups(tmp_path / "a.db")
    for story in ("ferry", "orchard", "library"):
        names = {p.name for p in corpus[story]}
        assert groups[next(iter(names))] == names, story
    assert groups["roundup-0.txt"] == {"roundup-0.txt"}  # carries three stories, joins none


def test_fold_is_deterministic_under_shuffled_input(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    files = sorted(p for ps in corpus.values() for p in ps)
    with open_store(tmp_path / "ref.db") as store:
        fold(files, store)
        want = {s.id: sorted(m.article for m in s.members) for s in store.stories()}
    for seed in range(3):
        shuffled = files[:]
        random.Random(seed).shuffle(shuffled)
        with open_store(tmp_path / f"s{seed}.db") as store:
            fold(shuffled, store, batch_size=3)
            got = {s.id: sorted(m.article for m in s.members) for s in store.stories()}
        assert got == want


def test_incremental_fold_matches_new_pages_against_the_stored_index(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    files = sorted(p for ps in corpus.values() for p in ps)
    first = [p for p in files if p.name.endswith("-0.txt")]
    later = [p for p in files if p not in first]
    with open_store(tmp_path / "inc.db") as store:
        fold(first, store)
        n_prints = store.db.execute("SELECT COUNT(*) FROM fingerprints").fetchone()[0]
        fold(later, store)
        # the first batch's fingerprints were kept, not recomputed or duplicated
        assert (
            store.db.execute(
                "SELECT COUNT(*) FROM fingerprints WHERE article_id IN"
                " (SELECT id FROM article_stages WHERE stage = 2)"
            ).fetchone()[0]
            >= n_prints
        )
        inc = {s.id: sorted(m.article for m in s.members) for s in store.stories()}
    with open_store(tmp_path / "all.db") as store:
        fold(files, store)
        whole = {s.id: sorted(m.article for m in s.members) for s in store.stories()}
    assert inc == whole
    groups = _groups(tmp_path / "inc.db")
    assert groups["ferry-0.txt"] == {p.name for p in corpus["ferry"]}


def test_a_story_with_many_copies_is_grouped_without_verifying_every_pair(tmp_path: Path) -> None:
    """Ten outlets carry the ferry story, each cut or edited a little. A candidate already in
    the article's group is not verified again, so far fewer than the 45 pairs are verified,
    and the group is the one that verifying every pair gives."""
    outlets = [f"outlet{i}" for i in range(10)]
    for i, outlet in enumerate(outlets):
        edited = [p.replace("harbour", "harbor") for p in FERRY]
        paras = FERRY[: len(FERRY) - i % 3] if i % 2 else edited
        path = tmp_path / "c" / outlet / "ferry.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page(outlet, f"Ferry towed in ({i})", paras), encoding="utf-8")
    with open_store(tmp_path / "many.db") as store:
        fold([tmp_path / "c"], store, batch_size=3)
        verified = store.db.execute("SELECT COUNT(*) FROM links").fetchone()[0]
        arts = list(store.articles(store.all_article_ids()).values())
        groups = {g for (g,) in store.db.execute("SELECT copy_group FROM story_articles")}
    assert len(arts) == 10
    assert len(groups) == 1
    assert verified < 45 / 2
    every_pair = [verify(a, b) for i, a in enumerate(arts) for b in arts[i + 1 :]]
    assert set(copy_groups([a.id for a in arts], every_pair)) == groups


def test_extraction_workers_do_not_change_the_result(tmp_path: Path) -> None:
    _corpus(tmp_path / "c")
    got = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            fold([tmp_path / "c"], store, batch_size=2, workers=workers)
            got.append(
                (
                    {s.id: s.to_dict() for s in store.stories()},
                    sorted((lk.a, lk.b, lk.relation) for lk in store.links()),
                )
            )
    assert got[0] == got[1]


def _result(store: Store) -> tuple[dict[str, Any], list[Link]]:
    return {s.id: s.to_dict() for s in store.stories()}, store.links()


def test_the_index_in_memory_matches_as_the_store_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fold large enough to read the index into memory verifies one connected set of
    candidates at a time, in worker processes: the links and stories are those of matching
    article by article against the store's index, with any number of workers."""
    import newsfold.run.local.match as engine

    _corpus(tmp_path / "c")
    corpus = [EXAMPLES, tmp_path / "c"]
    got = {}
    for mode, least, workers in (("store", 10**9, 1), ("memory", 0, 1), ("memory-2", 0, 2)):
        monkeypatch.setattr(engine, "IN_MEMORY_MIN", least)
        monkeypatch.setattr(engine, "IN_MEMORY_SHARE", 1)
        with open_store(tmp_path / f"{mode}.db") as store:
            fold(corpus, store, batch_size=3, workers=workers)
            got[mode] = _result(store)
            if mode == "memory":
                index = CandidateIndex.from_store_lists(store.fingerprint_lists())
                ids = store.all_article_ids()
                assert len(index.ids) > 30
                for aid in ids:
                    want = store.candidates(store.fingerprints_of(aid), MAX_POSTINGS)
                    assert index.candidates(aid, MAX_POSTINGS) == dict(want)
    assert got["store"][1], "the corpus gave no links"
    assert len(got["store"][0]) > 5
    assert got["memory"] == got["store"]
    assert got["memory-2"] == got["store"]


def test_a_later_fold_in_memory_matches_against_the_stored_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second fold into a store, with the index in memory, gives what the same two folds
    give querying the store's index (stored groups seed the sets' matching)."""
    import newsfold.run.local.match as engine

    paths = _corpus(tmp_path / "c")
    got = []
    for least in (10**9, 0):
        monkeypatch.setattr(engine, "IN_MEMORY_MIN", least)
        monkeypatch.setattr(engine, "IN_MEMORY_SHARE", 1)
        with open_store(tmp_path / f"{least}.db") as store:
            fold(paths["ferry"][:2] + paths["orchard"], store, workers=2)
            first = store.links()
            fold([tmp_path / "c"], store, workers=2)
            got.append(_result(store))
            assert set(first) < set(store.links())
    assert got[0] == got[1]


def test_the_index_in_memory_on_each_backend(
    tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index read in one pass (``Store.fingerprint_lists``) and the workers' own
    connections work on both backends, and give the store's query results."""
    import newsfold.run.local.match as engine

    _corpus(tmp_path / "c")
    monkeypatch.setattr(engine, "IN_MEMORY_SHARE", 1)
    monkeypatch.setattr(engine, "IN_MEMORY_MIN", 10**9)
    with open_store(tmp_path / "want.db") as store:
        fold([tmp_path / "c"], store, workers=1)
        want = _result(store)
    monkeypatch.setattr(engine, "IN_MEMORY_MIN", 0)
    with open_store(store_url) as store:
        fold([tmp_path / "c"], store, workers=2)
        assert _result(store) == want


def test_a_later_fold_summarises_only_the_copy_groups_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copy groups' summaries for the event assignment are kept in the store: a fold that
    adds one copy makes the summary of its group alone, and gives the stories a fold that
    summarises every group again gives."""
    import newsfold.run.local.stories as engine

    paths = _corpus(tmp_path / "c")
    made: list[str] = []
    real = engine.event_unit

    def counted(gid: str, arts: list[Article]) -> Any:
        made.append(gid)
        return real(gid, arts)

    monkeypatch.setattr(engine, "event_unit", counted)
    first = [p for story, ps in paths.items() for p in ps if p != paths["ferry"][1]]
    got = []
    for forget in (False, True):
        with open_store(tmp_path / f"{forget}.db") as store:
            fold(first, store, workers=1)
            n_groups = store.counts()["copy_groups"]
            made.clear()
            if forget:
                store.db.execute("DELETE FROM event_units")
            fold([paths["ferry"][1]], store, workers=1)
            got.append((_result(store), list(made)))
    (cached, made_cached), (fresh, made_fresh) = got
    assert cached == fresh
    assert len(made_fresh) == n_groups >= 4
    assert len(made_cached) == 1  # the ferry's group, which the new copy joined
