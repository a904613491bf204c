"""The store's invariants, checked after every fold and by ``newsfold check``, as SQLite checks
itself with ``PRAGMA integrity_check``.

Over the articles that reached the stories stage (stage 2):

- ``unplaced``: every such article is in a story (a row of ``story_articles``);
- ``missing_story``: every row places its article in a story the store holds;
- ``missing_article``: every article a story holds exists;
- ``members_differ``: a story's stored members list is exactly its rows of ``story_articles``
  (so no article is listed by two stories);
- ``copy_group``: the members of one copy group (the connected components of copy links) are in
  one story, each under that group's id;
- ``dangling_alias``: every alias names a story the store holds;
- ``search_index``: the search index holds every stored story and nothing else, and (SQLite)
  its FTS5 terms are those of its texts (FTS5's ``integrity-check``).

A violation is repaired by rebuilding what it touches: the stories that break a rule are
deleted, their articles and the others involved go back to stage 1, and the stories stage runs
again (``run.local.stories.build_pending_stories``), which builds the stories those articles belong in and
leaves the rest as they are; a deleted story id that does not come back becomes an alias of the
story holding most of its articles. A dangling alias is dropped. A story missing from the
search index is indexed; an index entry of no stored story is dropped; terms that differ from
the index's texts are indexed again from them (FTS5's ``rebuild``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ...match.copies import GROUPING_RELATIONS, copy_groups
from ...records import CheckReport, Stage, Violation
from ...store import OnWait, Store
from .stories import build_pending_stories

KINDS = (
    "unplaced",
    "missing_story",
    "missing_article",
    "members_differ",
    "copy_group",
    "dangling_alias",
    "search_index",
)


def find_violations(store: Store, terms: bool = True) -> list[Violation]:
    """Every violation of the store's invariants (see the module's docstring), reading the
    store once; nothing is changed. ``terms``: run FTS5's integrity check of the search
    index's terms too (it reads the whole index: ``newsfold check`` does, the check that ends
    every fold does not)."""
    stages = store.article_stages()
    rows = store.placements()
    story_ids = set(store.story_ids())
    found: list[Violation] = []

    for aid in sorted(a for a, st in stages.items() if st == 2 and a not in rows):
        found.append(Violation("unplaced", f"article {aid} is in no story", None, (aid,)))
    by_story: dict[str, set[tuple[str, str, str]]] = {}
    for aid, (sid, relation, group) in sorted(rows.items()):
        if sid not in story_ids:
            found.append(
                Violation(
                    "missing_story",
                    f"article {aid} is placed in {sid}, which is not stored",
                    sid,
                    (aid,),
                )
            )
        elif aid not in stages:
            found.append(
                Violation(
                    "missing_article",
                    f"story {sid} holds article {aid}, which is not stored",
                    sid,
                    (aid,),
                )
            )
        by_story.setdefault(sid, set()).add((aid, relation, group))
    for sid, items in store.story_member_lists():
        listed = {(m["article"], m["relation"], m["copy_group"]) for m in items}
        placed = by_story.get(sid, set())
        if listed != placed:
            differ = sorted({m[0] for m in listed ^ placed})
            found.append(
                Violation(
                    "members_differ",
                    f"story {sid} lists {len(listed)} members, story_articles places "
                    f"{len(placed)} in it ({len(differ)} articles differ)",
                    sid,
                    tuple(differ),
                )
            )
    groups = copy_groups(stages, store.links(GROUPING_RELATIONS))
    for gid, members in sorted(groups.items()):
        if len(members) < 2 or any(stages[m] != 2 or m not in rows for m in members):
            continue  # pending, or reported as unplaced
        where = {rows[m][0] for m in members}
        labels = {rows[m][2] for m in members}
        if len(where) > 1 or labels != {gid}:
            found.append(
                Violation(
                    "copy_group",
                    f"copy group {gid} ({len(members)} articles) is in {len(where)} stories"
                    f" under {len(labels)} group ids",
                    None,
                    tuple(members),
                )
            )
    for old, new in store.aliases().items():
        if new not in story_ids:
            found.append(
                Violation("dangling_alias", f"alias {old} names {new}, which is not stored", old)
            )
    found.extend(_search_index_violations(store, story_ids, terms))
    return found


def _search_index_violations(
    store: Store, story_ids: set[str], terms: bool = True
) -> list[Violation]:
    indexed = set(store.indexed_story_ids())
    found = [
        Violation("search_index", f"story {sid} is not in the search index", sid)
        for sid in sorted(story_ids - indexed)
    ]
    found.extend(
        Violation("search_index", f"the search index holds {sid}, which is not stored", sid)
        for sid in sorted(indexed - story_ids)
    )
    if terms and not store.search_terms_consistent():
        found.append(Violation("search_index", "the search index's terms differ from its texts"))
    return found


def repair(store: Store, violations: Iterable[Violation], workers: int = 1) -> None:
    """Rebuild what ``violations`` touch (see the module's docstring). The caller holds the
    store's fold lock and ``processing()``."""
    violations = list(violations)
    stages = store.article_stages()
    rows = store.placements()
    broken: set[str] = set()
    touched: set[str] = set()
    drop_rows: set[str] = set()
    drop_aliases: set[str] = set()
    reindex: set[str] = set()
    rebuild_terms = False
    for v in violations:
        if v.kind in ("unplaced", "copy_group"):
            touched.update(v.articles)
        elif v.kind == "missing_story":
            drop_rows.update(v.articles)
            touched.update(v.articles)
        elif v.kind in ("missing_article", "members_differ") and v.story is not None:
            broken.add(v.story)
            touched.update(v.articles)
        elif v.kind == "dangling_alias" and v.story is not None:
            drop_aliases.add(v.story)
        elif v.kind == "search_index" and v.story is not None:
            reindex.add(v.story)
        elif v.kind == "search_index":
            rebuild_terms = True
    listed = dict(store.story_member_lists())
    held: dict[str, set[str]] = {}
    for sid in broken:
        held[sid] = {m["article"] for m in listed.get(sid, [])}
        held[sid].update(a for a, (s, _, _) in rows.items() if s == sid)
        touched.update(held[sid])
    with store.transaction():
        store.drop_placements(sorted(drop_rows | {a for a in rows if a not in stages}))
        store.retire_stories({sid: () for sid in sorted(broken)}, {})
        store.drop_aliases(sorted(drop_aliases))
        store.set_stage(
            sorted(a for a in touched if stages.get(a) == Stage.IN_STORY), Stage.MATCHED
        )
    with store.transaction():  # an index entry follows its story: written, or dropped
        store.unindex_stories(sorted(reindex))
        store.index_stories(store.stories(sorted(reindex & set(store.story_ids()))))
        if rebuild_terms:
            store.rebuild_search_terms()
    build_pending_stories(store, lambda stage, n: None, workers)
    # a broken story's id that names no story now lives on as an alias, as a rebuilt one does
    now = set(store.story_ids())
    with store.transaction():
        for sid in sorted(broken - now):
            votes = Counter(store.story_of(sorted(held[sid])).values())
            if votes:
                store.set_alias(sid, min(votes, key=lambda t: (-votes[t], t)))


def check(
    store: Store, repair_found: bool = False, workers: int = 1, on_wait: OnWait | None = None
) -> CheckReport:
    """The store's invariants (see the module's docstring): the violations found and, with
    ``repair_found``, what remains after repairing them. Holds the store's fold lock while it
    reads (a fold in progress is waited for: ``on_wait`` is told), so that it never sees a
    fold's pass half done."""
    with store.fold_lock(on_wait), store.processing(on_wait):
        return _check_locked(store, repair_found, workers, terms=True)


def _check_locked(
    store: Store, repair_found: bool, workers: int = 1, terms: bool = False
) -> CheckReport:
    """The check (``terms``: with FTS5's integrity check, which reads the whole index: the
    check that ends every fold leaves it to ``newsfold check``)."""
    report = CheckReport(find_violations(store, terms))
    if repair_found and report.violations:
        repair(store, report.violations, workers)
        report.repaired = True
        report.remaining = find_violations(store, terms)
    return report
