"""Canonical merge and origin evidence on copies written here."""

from __future__ import annotations

from newsfold.records import Article, Dateline, Link
from newsfold.stories.build import build_event_story, build_story, find_origin, merge_paragraphs

P1 = "The county fair opened on Friday with a record 312 stalls and a new livestock pavilion."
P2 = "Organisers said ticket sales were up a fifth on last year despite the rain."
P3 = "The fair runs until Sunday evening, when the fireworks display closes it."
P_ADDED = "Local schools will bring pupils on Monday for a farming day, the council said."
P2_US = "Organizers said ticket sales were up a fifth on last year despite the rain."


def _art(aid: str, paras: list[str], **kw: object) -> Article:
    base: dict[str, object] = dict(
        id=aid, page_id="p" + aid, source=aid + ".txt", outlet="outlet-" + aid, url=None,
        headline="County fair opens with record stalls", byline=None, credits=[],
        dateline=None, published=None, updated=None, language="en", paragraphs=paras,
    )  # fmt: skip
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def test_merge_lists_every_carrier_inserts_added_paragraphs_and_keeps_variants() -> None:
    full = _art("a1", [P1, P2, P3])
    cut = _art("a2", [P1, P2_US])
    extended = _art("a3", [P1, P2, P_ADDED, P3])
    canon = merge_paragraphs([cut, full, extended])
    assert [p.text for p in canon] == [P1, P2, P_ADDED, P3]
    assert [sorted(p.sources) for p in canon] == [
        ["a1", "a2", "a3"], ["a1", "a2", "a3"], ["a3"], ["a1", "a3"],
    ]  # fmt: skip
    (variant,) = canon[1].variants
    assert variant.article == "a2" and variant.text == P2_US
    assert {e.kind for e in variant.edits} == {"spelling"}


def test_origin_evidence_names_credits_times_and_containment_and_disagreement() -> None:
    full = _art("a1", [P1, P2, P3], credits=["AP"], published="2025-05-02T09:00:00+00:00")
    early = _art("a2", [P1, P2], credits=["AP"], published="2025-05-02T08:00:00+00:00")
    other = _art("a3", [P1, P2, P3], credits=["Reuters"], published="2025-05-02T10:00:00+00:00")
    links = [Link("a1", "a2", "copy", 0.6, 0.6, 1.0), Link("a1", "a3", "identical", 1, 1, 1)]
    origin = find_origin([full, early, other], links)
    assert origin.credit == "AP"
    text = "\n".join(origin.evidence)
    assert "credited to AP by 2 of 3 copies" in text
    assert "the credits disagree" in text
    assert "earliest published: outlet-a2" in text
    assert "2 of 2 other copies sit inside it" in text
    assert "the origin is uncertain" in text
    assert origin.article == "a2"


def test_event_story_keeps_reports_apart_from_the_canonical_text() -> None:
    a = _art("a1", [P1, P2, P3], published="2025-05-02T09:00:00+00:00")
    b = _art("a2", [P1, P2], published="2025-05-02T09:30:00+00:00")
    report = _art(
        "a0",
        ["Stallholders at the county fair said Friday's crowds were the biggest they recalled."],
        headline="Crowds flock to county fair",
        dateline=Dateline("Millbrook", None),
        published="2025-05-02T12:00:00+00:00",
    )
    story = build_event_story({"g1": [a, b], "g0": [report]}, [])
    assert {m.article: m.relation for m in story.members} == {
        "a1": "origin", "a2": "copy", "a0": "report",
    }  # fmt: skip
    assert all("a0" not in p.sources for p in story.paragraphs)
    assert story.headline == a.headline
    assert story.id == build_story("g", [report, a, b], []).id  # the smallest member's id
    assert story.published == "2025-05-02T09:00:00+00:00"
