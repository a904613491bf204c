"""The local engine's stories stage: copy groups into events over the whole store, and the
stories of the events that changed rebuilt, in forked workers."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from ...match.copies import GROUPING_RELATIONS, copy_groups
from ...pipeline import Progress
from ...records import EventUnit, Link, Stage, Story
from ...store import Store
from ...store.stories import StoryRow, story_row
from ...stories.build import build_event_story, event_unit, story_id
from ...stories.embed import Embedder
from ...stories.entities import load_gazetteers
from ...stories.events import EventFeatures, Mapper, assign_events
from ...stories.related import for_related, related_stories
from ...stories.terms import TermIds
from ..pool import _SHARED, _forked_pool, _worker_store

STORY_CHUNK = 32  # events built per task
# tasks' stories written per transaction, in the order one transaction a task writes them (the
# same store): FTS5 indexes a transaction's documents when it commits, and fewer, larger
# commits leave it fewer segments to merge. A fold killed between two redoes the rest (``redo``)
WRITE_CHUNKS = 8
UNIT_CHUNK = 256  # copy groups summarised per task


def _members_key(members: Sequence[str]) -> str:
    return hashlib.sha1("\n".join(sorted(members)).encode()).hexdigest()


def _units_task(gids: list[str]) -> list[EventUnit]:
    """What the event assignment sees of each copy group in ``gids``, from the articles read
    by this process."""
    groups: dict[str, list[str]] = _SHARED["groups"]
    arts = _worker_store().articles_for_stories([m for g in gids for m in groups[g]])
    return [event_unit(g, [arts[m] for m in groups[g]]) for g in gids]


def _story_task(events: list[list[str]]) -> tuple[list[StoryRow], list[Story]]:
    """The stories of ``events`` (each a list of copy groups), from the articles and the links
    between them read by this process: each as the store writes it (its JSON and search
    document made here, from the articles this process holds, so the parent neither reads nor
    serialises them), and as the related stories read it (``for_related``)."""
    groups: dict[str, list[str]] = _SHARED["groups"]
    stored: set[str] = _SHARED["ids"]
    store = _worker_store()
    every = [m for event in events for g in event for m in groups[g]]
    arts = store.articles_for_stories(every)
    outlets = {aid: a.outlet for aid, a in arts.items()}
    # the links of all the events' articles in one query, not one an event: each event's
    # are those with an end among its articles (``links_of``'s, in its order)
    ends: dict[str, list[Link]] = {}
    for lk in store.links_of(every):
        if lk.a in stored and lk.b in stored:
            ends.setdefault(lk.a, []).append(lk)
            ends.setdefault(lk.b, []).append(lk)
    rows: list[StoryRow] = []
    light: list[Story] = []
    for event in events:
        found = {(lk.a, lk.b): lk for gid in event for m in groups[gid] for lk in ends.get(m, ())}
        links = [found[k] for k in sorted(found)]
        story = build_event_story({gid: [arts[m] for m in groups[gid]] for gid in event}, links)
        rows.append(story_row(story, outlets, arts))
        light.append(for_related(story))
    return rows, light


def _remember_embed(store: Store, embed: bool) -> None:
    if embed and store.setting("embed") != "1":
        with store.transaction():
            store.set_setting("embed", "1")


def _embedder(store: Store, embed: bool) -> Embedder | None:
    """Sentence embeddings for the event assignment, where this fold asks for them or the
    store was folded with them before (the store keeps using them: a fold without them would
    regroup its stories); their vectors are kept in the store."""
    _remember_embed(store, embed)
    if store.setting("embed") != "1":
        return None
    from ...stories.embed import StoredEmbedder, load_embedder  # the extra only where it is used

    return StoredEmbedder(load_embedder(), store)


def build_pending_stories(
    store: Store, progress: Progress, workers: int = 1, embed: bool = False
) -> None:
    """Group copy groups into events and (re)build the stories that changed.

    The event assignment runs over every copy group in the store (``events.assign_events`` is a
    pure, order-free function), so a new batch joins the stories it reports on or opens new ones,
    and the stories are the same whatever the order or batching of the input. A story whose
    members did not change keeps its stored id and text; one that gains or loses members is
    rebuilt, and its old id lives on as an alias. The copy groups' summaries and the stories are
    made in ``workers`` processes, each reading the articles it needs; this one assigns events
    and writes. ``embed``: weigh sentence embeddings in the assignment (extra ``[embed]``), from
    now on for this store.
    """
    pending = set(store.articles_at_stage(Stage.MATCHED))
    if not pending:
        _remember_embed(store, embed)  # for the folds to come; no model to load now
        return
    embedder = _embedder(store, embed)
    ids = store.all_article_ids()
    groups = copy_groups(ids, store.links(GROUPING_RELATIONS))
    # the story of every article: one pass over story_articles, not a query per 400 ids
    known = set(ids)
    current = {a: sid for a, (sid, _, _) in store.placements().items() if a in known}
    held: dict[str, set[str]] = {}
    for aid, sid in current.items():
        held.setdefault(sid, set()).add(aid)
    if workers > 1 and len(groups) > UNIT_CHUNK:
        load_gazetteers()  # before the fork: the workers share them rather than each reading them
    pool = _forked_pool(store, workers if len(groups) > UNIT_CHUNK else 1, groups=groups, ids=known)
    built: dict[str, Story] = {}
    try:
        run = pool.map if pool else map
        units = _event_units(store, groups, run)
        memo: dict[str, EventFeatures] = {}  # the units' features, which most stories' texts reuse
        term_ids = TermIds()  # and their terms' numbers
        todo, placed = _events_to_build(
            assign_events(units, embedder, pool.map if pool else None, memo, term_ids),
            groups,
            current,
            held,
            pending,
        )
        # Ids that name a story after this pass are never deleted by it: an event rebuilt into
        # a story keeping an old id X is written once, and a later event that drew articles
        # from the old X leaves it alone. An old id that does not live on is retired when the
        # first event drawing on it is written, as an alias of the story that holds most of
        # its articles at the end of the pass (whatever the order events are written in).
        live = set(placed.values())
        retired: set[str] = set()
        # every article of a story this pass rewrites is pending until the pass ends: a fold
        # killed between two chunks redoes each such story, one that lost an article to an
        # event written before the kill included (its remaining members look unchanged)
        redo = {m for event, _, _ in todo for gid in event for m in groups[gid]} - pending
        if redo:
            with store.transaction():
                store.set_stage(sorted(redo), Stage.MATCHED)
            pending |= redo
        chunks = [todo[i : i + STORY_CHUNK] for i in range(0, len(todo), STORY_CHUNK)]
        tasks = [[event for event, _, _ in chunk] for chunk in chunks]
        made = zip(chunks, run(_story_task, tasks), strict=True)
        while part := list(islice(made, WRITE_CHUNKS)):
            with store.transaction():
                for chunk, (rows, light) in part:
                    # the old ids a chunk's events draw on are retired before its stories are
                    # written: no retired id is one written (it does not live on), so the
                    # store comes out as it does when each story follows its own retirements
                    for (_, old, _), row, story in zip(chunk, rows, light, strict=True):
                        assert placed[row.members[0][0]] == row.id, row.id
                        gone = sorted(old - live - retired)
                        store.retire_stories({sid: held[sid] for sid in gone}, placed)
                        retired.update(gone)
                        built[story.id] = story
                    store.write_story_rows(rows)
            progress("stories", sum(n for chunk, _ in part for _, _, n in chunk))
        _relate(store, built, pending, pool.map if pool else None, memo, term_ids)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _SHARED.clear()


def _event_units(
    store: Store, groups: dict[str, list[str]], run: Callable[..., Iterable[list[EventUnit]]]
) -> list[EventUnit]:
    """What the event assignment sees of each copy group, in ``groups``' order. A copy group's
    summary is made once (by ``run`` over ``_units_task``), and again only when its members
    change."""
    gids = list(groups)
    keys = {g: _members_key(groups[g]) for g in gids}
    kept = store.event_units()
    cached = {g: u for g, (key, u) in kept.items() if keys.get(g) == key}
    todo_units = [g for g in gids if g not in cached]
    parts = [todo_units[i : i + UNIT_CHUNK] for i in range(0, len(todo_units), UNIT_CHUNK)]
    made = {u.id: u for part in run(_units_task, parts) for u in part}
    if made or len(kept) != len(cached):
        with store.transaction():
            store.put_event_units(((keys[g], u) for g, u in made.items()), set(gids))
    return [cached.get(g) or made[g] for g in gids]


def _events_to_build(
    events: Iterable[list[str]],
    groups: dict[str, list[str]],
    current: dict[str, str],
    held: dict[str, set[str]],
    pending: set[str],
) -> tuple[list[tuple[list[str], set[str], int]], dict[str, str]]:
    """The events whose stories change (each with its copy groups, the old story ids its
    articles are in, and its number of articles), and the story every article is in once this
    pass is done."""
    todo: list[tuple[list[str], set[str], int]] = []
    placed: dict[str, str] = {}
    for event in events:
        members = sorted(m for gid in event for m in groups[gid])
        old = {current[m] for m in members if m in current}
        sid = story_id(members)
        # kept as it is: one old story of these very members, under the id they give (so
        # that no two events of this pass ever name one story)
        unchanged = old == {sid} and held[sid] == set(members)
        placed.update(dict.fromkeys(members, sid))
        if not pending & set(members) and unchanged:
            continue
        todo.append((event, old, len(members)))
    return todo, placed


def _relate(
    store: Store,
    built: dict[str, Story],
    pending: set[str],
    run: Mapper | None = None,
    memo: dict[str, EventFeatures] | None = None,
    ids: TermIds | None = None,
) -> None:
    """Every story's related stories, and the pending articles into their stories' stage. The
    pending articles leave the matched stage only with the related lists that include their
    stories: a fold killed before this commit redoes the stories (same result) and then this."""
    rest = store.stories([sid for sid in store.story_ids() if sid not in built])
    every = [*built.values(), *rest]
    related = related_stories(every, run=run, memo=memo, ids=ids)
    with store.transaction():
        store.set_related([(s.id, related[s.id]) for s in every if s.related != related[s.id]])
        store.set_stage(sorted(pending), Stage.IN_STORY)
