"""The records that flow between stages: page -> article -> copy group -> story.

Every stage takes and returns these dataclasses; nothing else crosses a stage boundary. They are
plain data (no I/O, no methods with side effects) so that the local engine and a distributed engine
can ship them between processes. ``to_dict``/``from_dict`` give the JSON shapes the CLI prints.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Literal

PageKind = Literal["text", "html"]
# how a page's encoding was known: a BOM or a charset named it, its bytes showed it, or nothing
# did (text that came decoded already: JSON records, feed items)
EncodingBasis = Literal["declared", "detected", "assumed"]
Relation = Literal["identical", "copy", "partial", "same_event", "unrelated"]
StoryRole = Literal["origin", "copy", "partial", "report"]


@dataclass(slots=True, frozen=True)
class Page:
    """What came in: one web page as raw text (a dump of its visible lines) or HTML."""

    id: str
    source: str  # file path, with "#line" for a JSONL record
    kind: PageKind
    content: str
    url: str | None = None
    outlet: str | None = None
    fetched_at: str | None = None  # ISO 8601 with offset
    encoding: str | None = None  # the codec the bytes were read with: "utf-8", "cp1252", ...
    encoding_basis: EncodingBasis | None = None  # None: a page stored before it was recorded
    # what the input sanitiser did to the content, by code: {"nul": 3, "bidi": 1} (newsfold.sanitize)
    sanitized: dict[str, int] = field(default_factory=dict, hash=False)


@dataclass(slots=True, frozen=True)
class Rejection:
    """A page (or file) that could not be used, and why. A drop is data, never a bare None."""

    source: str
    reason: str  # machine code: binary, empty, undecodable, no_article, unreadable, malformed,
    # too_large, missing, truncated, too_deep, too_many_lines, line_too_long, not_a_file (a
    # pipe, socket, device or folder where a file was named), outside_tree (a symlink out of
    # the folder given), link_loop, extract_failed (the extractor raised on the page)
    message: str  # for people: names the input and what was wrong


@dataclass(slots=True, frozen=True)
class FeedTeaser:
    """A feed item that carries only a summary: a teaser of its outlet's article, kept with the
    item's link and times and the feed it came from, never folded as an article."""

    id: str
    source: str  # "feed.rss#N": the N-th item of the feed
    outlet: str | None
    headline: str | None
    url: str | None  # the item's link: where the article itself is
    summary: str  # the summary as plain text (markup removed)
    published: str | None = None  # ISO 8601 with offset
    updated: str | None = None
    feed_url: str | None = None  # the feed's own URL (its self link), else its site's link
    feed_updated: str | None = None  # when the feed says it was last updated

    def to_dict(self) -> dict[str, Any]:
        """An item of ``newsfold teasers --json``."""
        return dataclasses.asdict(self)


@dataclass(slots=True, frozen=True)
class Removed:
    """A line of the page that is not part of the article body, with the reason it went."""

    text: str
    reason: str
    line: int = 0  # 0-based line number in the page's text dump


@dataclass(slots=True, frozen=True)
class Teaser:
    """Another story advertised on the page (a "related articles" item)."""

    headline: str
    outlet: str | None = None
    published: str | None = None
    text: str = ""


@dataclass(slots=True, frozen=True)
class Dateline:
    place: str | None = None
    date: str | None = None


@dataclass(slots=True)
class Article:
    """The clean article extracted from a page."""

    id: str
    page_id: str
    source: str
    outlet: str | None
    url: str | None
    headline: str | None
    byline: str | None
    credits: list[str]
    dateline: Dateline | None
    published: str | None
    updated: str | None
    language: str | None
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    teasers: list[Teaser] = field(default_factory=list)
    fetched_at: str | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``newsfold extract --json``, plus ids and provenance."""
        return {
            "id": self.id,
            "page_id": self.page_id,
            "source": self.source,
            "outlet": self.outlet,
            "url": self.url,
            "headline": self.headline,
            "byline": self.byline,
            "credits": list(self.credits),
            "dateline": (
                {"place": self.dateline.place, "date": self.dateline.date}
                if self.dateline
                else None
            ),
            "published": self.published,
            "updated": self.updated,
            "language": self.language,
            "fetched_at": self.fetched_at,
            "paragraphs": list(self.paragraphs),
            "body": self.body,
            # written out, not asdict: a page has dozens of removed lines, and this runs for
            # every article stored
            "removed": [{"text": r.text, "reason": r.reason, "line": r.line} for r in self.removed],
            "teasers": [
                {
                    "headline": t.headline,
                    "outlet": t.outlet,
                    "published": t.published,
                    "text": t.text,
                }
                for t in self.teasers
            ],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        dl = d.get("dateline")
        return cls(
            id=d["id"],
            page_id=d["page_id"],
            source=d["source"],
            outlet=d.get("outlet"),
            url=d.get("url"),
            headline=d.get("headline"),
            byline=d.get("byline"),
            credits=list(d.get("credits") or []),
            dateline=Dateline(**dl) if dl else None,
            published=d.get("published"),
            updated=d.get("updated"),
            language=d.get("language"),
            paragraphs=list(d.get("paragraphs") or []),
            removed=[Removed(**r) for r in d.get("removed") or []],
            teasers=[Teaser(**t) for t in d.get("teasers") or []],
            fetched_at=d.get("fetched_at"),
        )


@dataclass(slots=True, frozen=True)
class Edit:
    """One classified difference between two texts: ``a`` is the reading in the first, ``b`` in
    the second ("" where one side has nothing)."""

    kind: str
    a: str
    b: str


@dataclass(slots=True, frozen=True)
class Link:
    """A verified relation between two articles (``a`` < ``b`` by id)."""

    a: str
    b: str
    relation: Relation
    jaccard: float
    a_in_b: float  # share of a's text found in b
    b_in_a: float


@dataclass(slots=True)
class Variant:
    article: str
    text: str
    edits: list[Edit]


@dataclass(slots=True)
class StoryParagraph:
    text: str
    sources: list[str]  # article ids carrying this paragraph
    variants: list[Variant] = field(default_factory=list)


@dataclass(slots=True)
class StoryMember:
    article: str
    relation: StoryRole
    copy_group: str


@dataclass(slots=True)
class Origin:
    article: str | None
    credit: str | None
    evidence: list[str]


@dataclass(slots=True)
class Story:
    id: str
    headline: str | None
    headlines: list[dict[str, Any]]  # [{"text", "articles": [...]}]
    published: str | None
    paragraphs: list[StoryParagraph]
    members: list[StoryMember]
    origin: Origin
    # {"people": [{"name", "title", "mentions"}], "organisations", "places", "countries"}
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # [{"story", "headline", "score", "reason", "shared"}], best first
    related: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """``dataclasses.asdict``, written out: a story of a hundred copies has thousands of
        edits, and asdict's generic walk costs more than building the story."""
        return {
            "id": self.id,
            "headline": self.headline,
            "headlines": _plain(self.headlines),
            "published": self.published,
            "paragraphs": [
                {
                    "text": p.text,
                    "sources": list(p.sources),
                    "variants": [
                        {
                            "article": v.article,
                            "text": v.text,
                            "edits": [{"kind": e.kind, "a": e.a, "b": e.b} for e in v.edits],
                        }
                        for v in p.variants
                    ],
                }
                for p in self.paragraphs
            ],
            "members": [
                {"article": m.article, "relation": m.relation, "copy_group": m.copy_group}
                for m in self.members
            ],
            "origin": {
                "article": self.origin.article,
                "credit": self.origin.credit,
                "evidence": list(self.origin.evidence),
            },
            "entities": _plain(self.entities),
            "related": _plain(self.related),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Story:
        return cls(
            id=d["id"],
            headline=d.get("headline"),
            headlines=list(d.get("headlines") or []),
            published=d.get("published"),
            paragraphs=[
                StoryParagraph(
                    text=p["text"],
                    sources=list(p["sources"]),
                    variants=[
                        Variant(
                            article=v["article"],
                            text=v["text"],
                            edits=[Edit(**e) for e in v["edits"]],
                        )
                        for v in p.get("variants") or []
                    ],
                )
                for p in d.get("paragraphs") or []
            ],
            members=[StoryMember(**m) for m in d.get("members") or []],
            origin=Origin(**d["origin"]),
            entities={k: list(v) for k, v in (d.get("entities") or {}).items()},
            related=list(d.get("related") or []),
        )


def _plain(x: Any) -> Any:
    """A copy of JSON-like data (lists and dicts copied, the rest shared), as asdict gives."""
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return type(x)(_plain(v) for v in x)
    return x


class Stage(IntEnum):
    """Where a stored article stands in the fold (the ``article_stages.stage`` column). A fold
    stopped at any moment resumes from these: matching takes ``TO_MATCH``, story building
    ``MATCHED``."""

    TO_MATCH = 0  # extracted, not yet compared with the others
    MATCHED = 1  # in its copy group; its story is pending
    IN_STORY = 2  # a member of a story


@dataclass(slots=True, frozen=True)
class EventUnit:
    """One copy group as the event assignment sees it: an id (the copy group's), its text (the
    fullest copy's headline and body) and its earliest publication time."""

    id: str
    text: str
    published: str | None = None
    place: str | None = None  # the dateline's place, when printed


@dataclass(slots=True)
class ReadStats:
    """What a read skipped that is not a page (by kind), for the run's summary."""

    skipped: Counter[str] = field(default_factory=Counter)


SHOWN = 50  # violations listed in full by ``CheckReport.to_dict``; all are counted


@dataclass(slots=True, frozen=True)
class Violation:
    kind: str  # one of run.local.check.KINDS
    message: str
    story: str | None = None
    articles: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "story": self.story,
            "articles": list(self.articles),
            "message": self.message,
        }


@dataclass(slots=True)
class CheckReport:
    """What ``check`` found, and what was left after repairing it (``repaired``)."""

    violations: list[Violation] = field(default_factory=list)
    repaired: bool = False
    remaining: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The store holds to every invariant now (nothing found, or everything repaired)."""
        return not (self.remaining if self.repaired else self.violations)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``newsfold check --json`` and the ``invariant`` key of ``fold --json``."""
        return {
            "ok": self.ok,
            "found": len(self.violations),
            "kinds": dict(sorted(Counter(v.kind for v in self.violations).items())),
            "repaired": self.repaired,
            "remaining": len(self.remaining) if self.repaired else len(self.violations),
            "violations": [v.to_dict() for v in self.violations[:SHOWN]],
        }


@dataclass(slots=True)
class FoldSummary:
    added: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    read: ReadStats = field(default_factory=ReadStats)  # records read that are not pages
    teasers: int = 0  # summary-only feed items read in this run
    teasers_added: int = 0  # of which the store did not hold yet
    invariant: CheckReport | None = None  # the store's invariants checked after the fold

    def to_dict(self) -> dict[str, object]:
        """The JSON contract of ``newsfold fold --json``."""
        return {
            "added": self.added,
            "pages": self.counts.get("pages", 0),
            "articles": self.counts.get("articles", 0),
            "rejected": self.counts.get("rejected", 0),
            "copy_groups": self.counts.get("copy_groups", 0),
            "stories": self.counts.get("stories", 0),
            "rejected_this_run": len(self.rejected),
            "skipped_this_run": dict(sorted(self.read.skipped.items())),
            "teasers": self.counts.get("teasers", 0),
            "teasers_this_run": self.teasers,
            "teasers_added": self.teasers_added,
            **({"invariant": self.invariant.to_dict()} if self.invariant is not None else {}),
        }
