"""Full-text search over the stories, with the database's own engine: SQLite's FTS5, or
PostgreSQL's tsvector (the tables are in ``schema.py``, migration 7).

Each story is one document of three columns: its ``headlines`` (the story's, and every copy's
and report's own), its ``body`` (the canonical text) and ``other`` (variant readings, reports'
and partial copies' paragraphs the canonical text lacks). Headlines weigh most in the ranking.
The index is written with the story (``write_stories``), dropped with it
(``retire_stories``), and built for a store opened from an older version.

A query is words and "quoted phrases", every one of which must occur (a word matches its
English stem: "floods" finds "flood"). Each is handed to the engine quoted, as a phrase of the
engine's own tokens, so that no user input is read as the engine's query syntax. Snippets come
back with ``MARK_START``/``MARK_END`` around each match: control characters that the indexed
text never holds (they are removed from it), for the caller to turn into escaped markup."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..dates import utc_key
from ..errors import InputError
from ..records import Article, Story
from ..stories.coverage import is_copy, wire_versions
from .base import StoreBase, _chunks

MAX_TERMS = 32  # words and phrases in one query; more is an error naming the limit
MARK_START, MARK_END = "\x02", "\x03"
# what one story's columns hold at most (the rest is not searchable): the engines' own limits
# (PostgreSQL's tsvector holds 1 MB) stay far off, and a hostile page cannot bloat the index
CLIP = {"headlines": 20_000, "body": 200_000, "other": 200_000}
FACETS = ("outlet", "credit", "language", "day")
FACET_VALUES = 20  # values listed per facet, most stories first

Sort = Literal["relevance", "newest", "carried", "updated", "updates"]
SORTS: tuple[str, ...] = ("relevance", "newest", "carried", "updated", "updates")

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_SEARCHABLE = re.compile(r"\w")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse_query(text: str, max_terms: int = MAX_TERMS) -> list[str]:
    """The words and "quoted phrases" of a query, in order; an unclosed quote runs to the end.
    A term with no letter or digit (``%``, ``—``) matches nothing and is left out. More than
    ``max_terms`` terms is an ``InputError`` naming the limit (nothing is dropped silently).
    Control characters separate words."""
    terms: list[str] = []
    # control characters are no part of a word, and a NUL would end FTS5's reading of the query
    for m in _TOKEN.finditer(_CONTROL.sub(" ", text)):
        term = " ".join((m.group(1) if m.group(1) is not None else m.group(2)).split())
        if term and _SEARCHABLE.search(term):
            terms.append(term)
    if len(terms) > max_terms:
        raise InputError(
            "q",
            "too_many_terms",
            f"the query has {len(terms)} words and phrases; at most {max_terms} are searched "
            "(quote a long passage as one phrase)",
        )
    return terms


def fts5_query(terms: Sequence[str]) -> str:
    """``terms`` as an FTS5 query: each a quoted string (a phrase of its tokens), all required.
    Quoting leaves nothing of the input to FTS5's syntax (``AND``, ``NEAR``, ``*``, ``:``)."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


@dataclass(slots=True)
class Hit:
    story: Story
    snippet: str | None = None  # with MARK_START/MARK_END around the matches; None without q


@dataclass(slots=True)
class SearchPage:
    """One page of a search: its hits, how many match in all, and the facets of all of them
    (``{facet: [(value, stories)]}``, most stories first), when asked for."""

    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


@dataclass(slots=True)
class SearchDoc:
    """What the index holds of one story."""

    headlines: str
    body: str
    other: str
    updated_utc: str
    n_copies: int
    n_reports: int
    facets: set[tuple[str, str]]
    n_updates: int = 0  # versions of the wire text after the first (the coverage's updates)


def _clean(text: str, limit: int) -> str:
    return _CONTROL.sub(" ", text)[:limit]


def search_doc(story: Story, arts: Mapping[str, Article]) -> SearchDoc:
    """The index's record of ``story`` (``arts``: its members' articles)."""
    members = [arts[m.article] for m in story.members if m.article in arts]
    heads = [story.headline or ""] + [str(h.get("text") or "") for h in story.headlines]
    heads += [a.headline or "" for a in members]
    canonical = [p.text for p in story.paragraphs]
    seen = set(canonical)
    other: list[str] = []
    for text in [v.text for p in story.paragraphs for v in p.variants] + [
        t for a in members for t in a.paragraphs
    ]:
        if text not in seen:
            seen.add(text)
            other.append(text)
    times = [k for a in members for k in (utc_key(a.published), utc_key(a.updated)) if k != "~"]
    facets: set[tuple[str, str]] = set()
    for a in members:
        if a.outlet:
            facets.add(("outlet", a.outlet))
        if a.language:
            facets.add(("language", a.language))
        facets.update(("credit", c) for c in a.credits if c)
    if story.origin.credit:
        facets.add(("credit", story.origin.credit))
    day = utc_key(story.published)
    if day != "~":
        facets.add(("day", day[:10]))
    reports = sum(m.relation == "report" for m in story.members)
    copies = [
        (m, arts[m.article]) for m in story.members if is_copy(m.relation) and m.article in arts
    ]
    versions, _ = wire_versions(story, copies, None)
    return SearchDoc(
        n_updates=max(0, len(versions) - 1),
        headlines=_clean("\n".join(dict.fromkeys(h for h in heads if h)), CLIP["headlines"]),
        body=_clean("\n".join(canonical), CLIP["body"]),
        other=_clean("\n".join(other), CLIP["other"]),
        updated_utc=max(times) if times else utc_key(story.published),
        n_copies=len(story.members) - reports,
        n_reports=reports,
        facets={(f, v[:200]) for f, v in facets},
    )


@dataclass(slots=True, frozen=True)
class _Clauses:
    """The parts of a search's SQL that differ by engine, each with its arguments."""

    source: str  # FROM
    where: tuple[str, ...] = ()
    where_args: tuple[Any, ...] = ()
    order: str = ""
    order_args: tuple[Any, ...] = ()
    snippet: str = "NULL"
    snippet_args: tuple[Any, ...] = ()


_NEWEST = "s.published_utc = '~', s.published_utc DESC"
_ORDERS = {
    "carried": f"s.n_outlets DESC, COALESCE(ss.n_copies, 0) DESC, {_NEWEST}",
    "updated": f"COALESCE(ss.updated_utc, '~') = '~', ss.updated_utc DESC, {_NEWEST}",
    "updates": f"COALESCE(ss.n_updates, 0) DESC, {_NEWEST}",
}


def _clauses(backend: str, terms: Sequence[str], sort: str, snippets: bool) -> _Clauses:
    """``terms`` matched, ranked and cut into snippets by the backend's engine (FTS5's
    ``MATCH``, ``bm25`` and ``snippet``; PostgreSQL's ``@@``, ``ts_rank`` and
    ``ts_headline``); no terms: every story, ``sort``-ed."""
    order = _ORDERS.get(sort, _NEWEST)
    if not terms:
        return _Clauses("stories s LEFT JOIN story_search ss ON ss.story_id = s.id", order=order)
    if backend == "postgresql":
        tsq = " && ".join(["phraseto_tsquery('newsfold', ?)"] * len(terms))
        ranked = sort == "relevance"
        text = "ss.headlines || E'\\n' || ss.body || E'\\n' || ss.other"
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12,"
            ' MaxFragments=2, FragmentDelimiter=" … "'
        )
        return _Clauses(
            "story_search ss JOIN stories s ON s.id = ss.story_id",
            (f"ss.tsv @@ ({tsq})",),
            tuple(terms),
            f"ts_rank(ss.tsv, ({tsq})) DESC, {_NEWEST}" if ranked else order,
            tuple(terms) if ranked else (),
            f"ts_headline('newsfold', {text}, ({tsq}), ?)" if snippets else "NULL",
            (*terms, options) if snippets else (),
        )
    return _Clauses(
        "story_fts JOIN story_search ss ON ss.doc = story_fts.rowid"
        " JOIN stories s ON s.id = ss.story_id",
        ("story_fts MATCH ?",),
        (fts5_query(terms),),
        f"bm25(story_fts, 10.0, 2.0, 1.0), {_NEWEST}" if sort == "relevance" else order,
        snippet=f"snippet(story_fts, -1, '{MARK_START}', '{MARK_END}', '…', 24)"
        if snippets
        else "NULL",
    )


class SearchRows(StoreBase):
    """The search index: kept by ``write_stories``/``retire_stories``, read by
    ``search_stories`` (and ``find_stories``, its older form)."""

    if TYPE_CHECKING:  # the articles' and stories' mixins supply these

        def articles(self, ids: Sequence[str]) -> dict[str, Article]: ...
        def stories(self, ids: Sequence[str] | None = None) -> list[Story]: ...

    # -- upkeep ------------------------------------------------------------------------------
    def index_stories(
        self, stories: Sequence[Story], articles: Mapping[str, Article] | None = None
    ) -> None:
        """Write ``stories`` into the index, each in place of what it held under its id.
        ``articles``: the members' articles where the caller has them already (the stories
        stage does); those missing are read from the store."""
        if not stories:
            return
        given = articles or {}
        # every member of every story not given in one read (``articles`` chunks its IN lists)
        missing = sorted({m.article for s in stories for m in s.members} - given.keys())
        arts = {**given, **self.articles(missing)} if missing else given
        self._index_docs([(s.id, search_doc(s, arts)) for s in stories])

    def _index_docs(self, docs: Sequence[tuple[str, SearchDoc]]) -> None:
        """Write the search documents ``docs`` (story id, its document), each in place of what
        the index held under the story's id, in a few statements."""
        if not docs:
            return
        self._lock("stories")  # the next document numbers: one writer at a time
        ids = [sid for sid, _ in docs]
        held = self._pairs_in("SELECT story_id, doc FROM story_search WHERE story_id IN ({})", ids)
        # the highest number held before the rewritten stories' rows go: a story that keeps
        # its document may hold the highest, which a new story must not take again
        row = self._exec("SELECT COALESCE(MAX(doc), 0) FROM story_search").fetchone()
        top = int(row[0])
        self.unindex_stories(ids)
        rows: list[tuple[str, int, str, str, str, str, int, int, int]] = []
        facets: list[tuple[str, str, str]] = []
        for sid, d in docs:
            if sid in held:
                doc = int(held[sid])
            else:
                top += 1
                doc = top
            text = (d.headlines, d.body, d.other)
            rows.append((sid, doc, *text, d.updated_utc, d.n_copies, d.n_reports, d.n_updates))
            facets.extend((sid, f, v) for f, v in sorted(d.facets))
        self._exec_many(
            "INSERT INTO story_search (story_id, doc, headlines, body, other, updated_utc,"
            " n_copies, n_reports, n_updates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._fts_add([(r[1], r[2], r[3], r[4]) for r in rows])
        self._exec_many(
            "INSERT INTO story_facets (story_id, facet, value) VALUES (?, ?, ?)", facets
        )

    def unindex_stories(self, ids: Iterable[str]) -> None:
        """Drop ``ids`` from the index (the stories are retired, or about to be rewritten)."""
        rows = [(i,) for i in ids]
        self._fts_drop(rows)
        self._exec_many("DELETE FROM story_search WHERE story_id = ?", rows)
        self._exec_many("DELETE FROM story_facets WHERE story_id = ?", rows)

    # SQLite's FTS5 index over ``story_search`` (external content: it keeps only its terms),
    # written here beside the rows, a batch in one statement (schema 8 dropped the triggers
    # that wrote it row by row); PostgreSQL computes its tsvector column from the row itself
    def _fts_add(self, docs: Sequence[tuple[int, str, str, str]]) -> None:
        """Index ``docs`` (document number, headlines, body, other), just written."""
        if self._BACKEND == "sqlite" and docs:
            self._exec_many(
                "INSERT INTO story_fts (rowid, headlines, body, other) VALUES (?, ?, ?, ?)", docs
            )

    def _fts_drop(self, ids: Sequence[tuple[str]]) -> None:
        """Take the documents of the story ids ``ids`` out of the index, before their rows go
        (FTS5 deletes a document's terms given the very text it indexed)."""
        if self._BACKEND != "sqlite" or not ids:
            return
        q = "SELECT doc, headlines, body, other FROM story_search WHERE story_id = ?"
        held = [row for (sid,) in ids for row in self._exec(q, (sid,)).fetchall()]
        self._exec_many(
            "INSERT INTO story_fts (story_fts, rowid, headlines, body, other)"
            " VALUES ('delete', ?, ?, ?, ?)",
            held,
        )

    def indexed_story_ids(self) -> list[str]:
        """The ids of the stories the search index holds (``newsfold check`` compares them
        with the stored stories)."""
        return [r[0] for r in self._exec("SELECT story_id FROM story_search").fetchall()]

    def search_terms_consistent(self) -> bool:
        """Whether the index's terms are those of its documents: SQLite's FTS5 integrity check
        against the rows of ``story_search`` (a term list left behind or missing, as a write
        outside the store's own methods leaves it); PostgreSQL's are computed from the row."""
        if self._BACKEND != "sqlite":
            return True
        try:
            self._exec("INSERT INTO story_fts (story_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            return False
        return True

    def rebuild_search_terms(self) -> None:
        """Index the terms of every document of ``story_search`` again (FTS5's rebuild)."""
        if self._BACKEND == "sqlite":
            self._exec("INSERT INTO story_fts (story_fts) VALUES ('rebuild')")

    def reindex_search(self, chunk: int = 500) -> int:
        """Build the whole index again from the stored stories; the number indexed."""
        with self.transaction():
            if self._BACKEND == "sqlite":
                self._exec("INSERT INTO story_fts (story_fts) VALUES ('delete-all')")
            self._exec("DELETE FROM story_search")
            self._exec("DELETE FROM story_facets")
            return self._index_every_story(chunk)

    def _index_every_story(self, chunk: int = 500) -> int:
        ids = [r[0] for r in self._exec("SELECT id FROM stories ORDER BY id").fetchall()]
        for part in _chunks(ids, chunk):
            self.index_stories(self.stories(part))
        return len(ids)

    def _migrated(self, old: int) -> None:
        super()._migrated(old)
        if 0 < old < 7:  # a store from before the index: index what it holds
            self._index_every_story()

    # -- reading -----------------------------------------------------------------------------
    def search_stories(
        self,
        *,
        terms: Sequence[str] = (),
        outlet: str | None = None,
        credit: str | None = None,
        language: str | None = None,
        since_utc: str | None = None,
        until_utc: str | None = None,
        sort: str = "newest",
        limit: int = 50,
        offset: int = 0,
        facets: bool = False,
        snippets: bool = True,
    ) -> SearchPage:
        """One page of the stories that match, ``sort``-ed (``relevance``: best match first,
        else newest; ``newest``; ``carried``: most outlets, then most copies; ``updated``: the
        latest published or updated copy first), with how many match in all, each hit's
        snippet (where ``terms`` are given) and, with ``facets``, each facet's values over
        every match. Every term must occur (``parse_query``); ``outlet``, ``credit`` and
        ``language`` must each be a value of the story's facet; ``since_utc`` <= published
        (UTC ISO) < ``until_utc``. ``terms`` given with none searchable matches nothing."""
        if sort not in SORTS:
            raise InputError("sort", "invalid_sort", f"sort must be one of {', '.join(SORTS)}")
        searching = any(_SEARCHABLE.search(t) for t in terms)
        if terms and not searching:
            return SearchPage([], 0, {f: [] for f in FACETS} if facets else {})
        terms = [t for t in terms if _SEARCHABLE.search(t)]
        sql = _clauses(self._BACKEND, terms if searching else [], sort, snippets)
        where, args = list(sql.where), list(sql.where_args)
        for name, value in (("outlet", outlet), ("credit", credit), ("language", language)):
            if value:
                where.append(
                    "EXISTS (SELECT 1 FROM story_facets f WHERE f.story_id = s.id"
                    " AND f.facet = ? AND f.value = ?)"
                )
                args += [name, value]
        if since_utc:
            where.append("s.published_utc != '~' AND s.published_utc >= ?")
            args.append(since_utc)
        if until_utc:
            where.append("s.published_utc < ?")
            args.append(until_utc)
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        total = int(self._exec(f"SELECT COUNT(*) FROM {sql.source}{cond}", args).fetchone()[0])
        rows = self._exec(
            f"SELECT s.data, {sql.snippet} FROM {sql.source}{cond} ORDER BY {sql.order}, s.id"
            " LIMIT ? OFFSET ?",
            [*sql.snippet_args, *args, *sql.order_args, limit, offset],
        ).fetchall()
        hits = [Hit(Story.from_dict(json.loads(r[0])), r[1]) for r in rows]
        found: dict[str, list[tuple[str, int]]] = {}
        if facets:
            found = self._facets(sql.source, cond, args)
        return SearchPage(hits, total, found)

    def _facets(self, source: str, cond: str, args: list[Any]) -> dict[str, list[tuple[str, int]]]:
        counts: dict[str, Counter[str]] = {f: Counter() for f in FACETS}
        rows = self._exec(
            "SELECT f.facet, f.value, COUNT(*) FROM story_facets f WHERE f.story_id IN"
            f" (SELECT s.id FROM {source}{cond}) GROUP BY f.facet, f.value",
            args,
        )
        for facet, value, n in rows:
            if facet in counts:
                counts[facet][value] = int(n)
        out: dict[str, list[tuple[str, int]]] = {}
        for facet, c in counts.items():
            if facet == "day":  # days in order, latest first
                out[facet] = sorted(c.items(), reverse=True)[:FACET_VALUES]
            else:
                out[facet] = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_VALUES]
        return out

    def find_stories(
        self,
        *,
        terms: Sequence[str] = (),
        outlet: str | None = None,
        since_utc: str | None = None,
        until_utc: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Story], int]:
        """One page of stories, newest first, and how many match in all: ``search_stories``
        without snippets or facets."""
        page = self.search_stories(
            terms=terms,
            outlet=outlet,
            since_utc=since_utc,
            until_utc=until_utc,
            limit=limit,
            offset=offset,
            snippets=False,
        )
        return [h.story for h in page.hits], page.total
