"""Stories, their members and aliases, event units, embeddings, related lists, and the
reader's queries."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..dates import utc_key
from ..errors import NotFoundError
from ..records import Article, EventUnit, Story
from .base import _upsert
from .search import SearchDoc, SearchRows, search_doc

_UNIT_FIELDS = tuple(f.name for f in dataclasses.fields(EventUnit))


@dataclass(slots=True)
class StoryRow:
    """What the store writes of one story (``story_row``): made where the story is built, so
    that a writer of stories made in worker processes neither ships the stories back whole
    nor serialises them itself."""

    id: str
    headline: str | None
    published: str | None
    n_outlets: int  # distinct outlets of its members (no outlet counts as one)
    data: str  # the story's JSON
    members: list[tuple[str, str, str]]  # (article, relation, copy group)
    doc: SearchDoc  # its search document

    @property
    def counts(self) -> tuple[int, int]:
        """(articles, outlets), as the stories table holds them."""
        return len(self.members), self.n_outlets


def story_row(
    story: Story, outlets: Mapping[str, str | None], articles: Mapping[str, Article]
) -> StoryRow:
    """``story`` as the store writes it (``outlets``: article -> its outlet; ``articles``:
    its members' articles, for the search document)."""
    return StoryRow(
        story.id,
        story.headline,
        story.published,
        len({outlets[m.article] for m in story.members if m.article in outlets}),
        json.dumps(story.to_dict(), ensure_ascii=False),
        [(m.article, m.relation, m.copy_group) for m in story.members],
        search_doc(story, articles),
    )


class StoryRows(SearchRows):
    """Stories, their members and aliases, event units, embeddings, related lists, and the
    reader's queries."""

    # an article's JSON without the lines its extraction removed and the teasers it listed
    _STORY_ARTICLE = "json_remove(data, '$.removed', '$.teasers')"

    def articles_for_stories(self, ids: Sequence[str]) -> dict[str, Article]:
        """The articles of ``ids`` as the stories stage reads them: without the lines their
        extraction removed or the teasers they listed (empty lists), which no story, event or
        search document reads and which are half of an article's stored JSON on real pages
        (SQLite leaves them out of what it reads)."""
        q = f"SELECT id, {self._STORY_ARTICLE} FROM articles WHERE id IN ({{}})"
        out: dict[str, Article] = {}
        for aid, data in self._pairs_in(q, ids).items():
            d = json.loads(data)
            d.pop("removed", None)
            d.pop("teasers", None)
            out[aid] = Article.from_dict(d)
        return out

    def story_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        return self._pairs_in(
            "SELECT article_id, story_id FROM story_articles WHERE article_id IN ({})",
            article_ids,
        )

    def story_members(self, story_id: str) -> list[str]:
        """The articles ``story_articles`` places in ``story_id``."""
        q = "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id"
        return [r[0] for r in self._exec(q, (story_id,))]

    def retire_stories(
        self, held: Mapping[str, Collection[str]], placed: Mapping[str, str]
    ) -> None:
        """Delete the stories of ``held`` (story id -> the articles it held), which do not live
        on: each id becomes an alias of the story that ``placed`` (article -> its story now)
        gives most of its articles (ties: the smallest id), and aliases to it follow. Rows of
        ``story_articles`` still placing an article in a retired story go with it; an article
        written into another story already keeps that one."""
        self._lock("stories")  # before any row: every writer of stories takes it first
        for sid in sorted(held):
            self._exec("DELETE FROM stories WHERE id = ?", (sid,))
            self._exec("DELETE FROM story_articles WHERE story_id = ?", (sid,))
            votes = Counter(placed[a] for a in held[sid] if a in placed and placed[a] != sid)
            if votes:
                self.set_alias(sid, min(votes, key=lambda t: (-votes[t], t)))
        self.unindex_stories(sorted(held))

    def write_stories(
        self, stories: Sequence[Story], articles: Mapping[str, Article] | None = None
    ) -> None:
        """Write ``stories``, each in place of what the store held under its id: an article
        it no longer holds leaves it (it is, or will be, written into another story), and an
        alias of its id is dropped (the id names a story again). ``articles``: the members'
        articles where the caller has them already (those missing are read from the store),
        for the stories' outlets and the search index."""
        if not stories:
            return
        given = articles or {}
        members = {m.article for s in stories for m in s.members}
        missing = sorted(members - given.keys())
        # an absent article has no outlet to count (``SELECT DISTINCT outlet`` found none)
        outlets = {a: given[a].outlet for a in members if a in given}
        outlets.update(self._pairs_in("SELECT id, outlet FROM articles WHERE id IN ({})", missing))
        arts = {**given, **self.articles(missing)} if missing else given
        self.write_story_rows([story_row(s, outlets, arts) for s in stories])

    def write_story_rows(self, rows: Sequence[StoryRow]) -> None:
        """``write_stories`` of stories already made into rows (``story_row``), a few
        statements for the whole batch, each over all its rows: what the store holds after is
        what writing the stories one after the other leaves."""
        # every writer of stories takes this before its first row: the search index numbers
        # its documents from the highest held, which two writers at once would both take
        self._lock("stories")
        if not rows:
            return
        self._exec_many(
            _upsert(
                "stories",
                "id, headline, published, published_utc, n_articles, n_outlets, data",
                "id",
            ),
            [
                (r.id, r.headline, r.published, utc_key(r.published), *r.counts, r.data)
                for r in rows
            ],
        )
        ids = [r.id for r in rows]
        self._exec_many("DELETE FROM aliases WHERE old_id = ?", [(i,) for i in ids])
        # the articles these stories held that none of them holds now (deleted before any
        # is written: one moving between two stories of the batch ends in the one that holds it)
        members = {m[0] for r in rows for m in r.members}
        q = "SELECT article_id, story_id FROM story_articles WHERE story_id IN ({})"
        stale = sorted(a for a in self._pairs_in(q, ids) if a not in members)
        self._exec_many("DELETE FROM story_articles WHERE article_id = ?", [(a,) for a in stale])
        self._exec_many(
            _upsert("story_articles", "article_id, story_id, relation, copy_group", "article_id"),
            [(a, r.id, relation, group) for r in rows for a, relation, group in r.members],
        )
        self._index_docs([(r.id, r.doc) for r in rows])

    # -- what the invariant check reads and repairs (``run.local.check``) ---------------
    def article_stages(self) -> dict[str, int]:
        return {aid: int(st) for aid, st in self._exec("SELECT id, stage FROM article_stages")}

    def placements(self) -> dict[str, tuple[str, str, str]]:
        """Every row of ``story_articles``: article -> (story, relation, copy group)."""
        rows = self._exec("SELECT article_id, story_id, relation, copy_group FROM story_articles")
        return {a: (s, r, g) for a, s, r, g in rows}

    def story_member_lists(self) -> Iterator[tuple[str, list[dict[str, str]]]]:
        """Each story's id and the members its stored record lists (only that part of it)."""
        for sid, members in self._exec(f"SELECT id, {self._MEMBERS} FROM stories ORDER BY id"):
            yield sid, json.loads(members) if members else []

    def aliases(self) -> dict[str, str]:
        return dict(self._exec("SELECT old_id, new_id FROM aliases ORDER BY old_id").fetchall())

    def set_alias(self, old_id: str, new_id: str) -> None:
        """``old_id`` names ``new_id`` from now on, and so do the aliases that named
        ``old_id`` (chains stay one step long: an alias always names a stored story)."""
        self._exec(_upsert("aliases", "old_id, new_id", "old_id"), (old_id, new_id))
        self._exec("UPDATE aliases SET new_id = ? WHERE new_id = ?", (new_id, old_id))

    def drop_aliases(self, old_ids: Iterable[str]) -> None:
        self._exec_many("DELETE FROM aliases WHERE old_id = ?", ((i,) for i in old_ids))

    def drop_placements(self, article_ids: Iterable[str]) -> None:
        """Delete the ``story_articles`` rows of ``article_ids``."""
        self._exec_many(
            "DELETE FROM story_articles WHERE article_id = ?", ((i,) for i in article_ids)
        )

    def get_story(self, story_id: str) -> Story:
        row = self._exec("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        if not row:
            alias = self._exec(
                "SELECT new_id FROM aliases WHERE old_id = ?", (story_id,)
            ).fetchone()
            if alias:
                return self.get_story(alias[0])
            raise NotFoundError("story", story_id)
        return Story.from_dict(json.loads(row[0]))

    def stories(self, ids: Sequence[str] | None = None) -> list[Story]:
        """Every story, newest first; or those of ``ids``, in id order."""
        if ids is None:
            rows = self._exec(
                "SELECT data FROM stories ORDER BY published_utc = '~', published_utc DESC, id"
            ).fetchall()
            return [Story.from_dict(json.loads(r[0])) for r in rows]
        got = self._pairs_in("SELECT id, data FROM stories WHERE id IN ({})", ids)
        return [Story.from_dict(json.loads(got[k])) for k in sorted(got)]

    def event_units(self) -> dict[str, tuple[str, EventUnit]]:
        """The copy groups' summaries kept for the event assignment: {group id: (the key of
        its members when it was made, the summary)}."""
        return {
            gid: (key, EventUnit(**json.loads(data)))
            for gid, key, data in self._exec("SELECT group_id, members, data FROM event_units")
        }

    def put_event_units(self, units: Iterable[tuple[str, EventUnit]], keep: set[str]) -> None:
        """Store ``units`` (each with the key of its group's members) and forget the summaries
        of groups not in ``keep`` (merged into others since)."""
        self._exec_many(
            _upsert("event_units", "group_id, members, data", "group_id"),
            (
                # ``dataclasses.asdict`` of a unit of strings, without its generic deep copy
                (
                    u.id,
                    key,
                    json.dumps({f: getattr(u, f) for f in _UNIT_FIELDS}, ensure_ascii=False),
                )
                for key, u in units
            ),
        )
        gone = [(g,) for (g,) in self._exec("SELECT group_id FROM event_units") if g not in keep]
        self._exec_many("DELETE FROM event_units WHERE group_id = ?", gone)

    def embeddings(self, keys: Sequence[str]) -> dict[str, list[float]]:
        got = self._pairs_in("SELECT text_key, vector FROM embeddings WHERE text_key IN ({})", keys)
        return {k: json.loads(v) for k, v in got.items()}

    def put_embeddings(self, vectors: Iterable[tuple[str, list[float]]]) -> None:
        self._exec_many(
            "INSERT INTO embeddings VALUES (?, ?) ON CONFLICT (text_key) DO NOTHING",
            ((k, json.dumps(v)) for k, v in vectors),
        )

    def story_ids(self) -> list[str]:
        return [r[0] for r in self._exec("SELECT id FROM stories ORDER BY id")]

    def set_related(self, items: Iterable[tuple[str, list[dict[str, Any]]]]) -> None:
        """Replace the related lists of stories, leaving the rest of each story as stored."""
        self._exec_many(
            self._SET_RELATED,
            ((json.dumps(rel, ensure_ascii=False), sid) for sid, rel in items),
        )

    # -- reading for the web reader and the HTTP API (search: ``search.py``) ------------------
    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with an article in a story, and how many stories it carried."""
        rows = self._exec(
            "SELECT a.outlet, COUNT(DISTINCT sa.story_id) FROM story_articles sa"
            " JOIN articles a ON a.id = sa.article_id WHERE a.outlet IS NOT NULL"
            " GROUP BY a.outlet ORDER BY a.outlet"
        )
        return [(r[0], int(r[1])) for r in rows]
