"""Pages and the template counts of their outlets, rejections, feed teasers."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from ..records import FeedTeaser, Page, Rejection
from .base import StoreBase, _chunks, _now, _page, _upsert

_TEASER_FIELDS = tuple(f.name for f in dataclasses.fields(FeedTeaser))


class PageRows(StoreBase):
    """Pages and the template counts of their outlets, rejections, feed teasers."""

    # -- pages and templates -----------------------------------------------------------------
    def known_pages(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids), 500):
            q = f"SELECT id FROM pages WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self._exec(q, chunk))
        return found

    def add_page(self, page: Page, line_keys: Iterable[int]) -> bool:
        """Store a new page and count its lines towards its outlet's template. False if the
        page was already stored (nothing changes)."""
        return page.id in self.add_pages([(page, line_keys)])

    def add_pages(self, items: Iterable[tuple[Page, Iterable[int]]]) -> set[str]:
        """Store the new pages of ``items`` (each with its distinct line keys) and count their
        lines towards their outlets' templates, summed over the batch (an outlet's chrome
        lines recur on every page: one update each, not one a page). The ids of the pages
        stored; one already stored changes nothing: two writers adding the same page at once
        store it once, and count its lines once."""
        self._lock("pages")
        added: set[str] = set()
        outlet_pages: Counter[str] = Counter()
        outlet_lines: Counter[tuple[str, int]] = Counter()
        for page, line_keys in items:
            cur = self._exec(
                "INSERT INTO pages (id, source, kind, url, outlet, fetched_at, content, encoding,"
                " encoding_basis, sanitized) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (
                    page.id,
                    page.source,
                    page.kind,
                    page.url,
                    page.outlet,
                    page.fetched_at,
                    page.content,
                    page.encoding,
                    page.encoding_basis,
                    json.dumps(page.sanitized, sort_keys=True) if page.sanitized else None,
                ),
            )
            if cur.rowcount == 0:
                continue
            added.add(page.id)
            # what was rejected from this source before (over a limit since raised, a file
            # since fixed) is used now: it is no longer on the rejected list
            self._exec("DELETE FROM rejected WHERE source = ? AND page_id IS NULL", (page.source,))
            if page.outlet:
                outlet_pages[page.outlet] += 1
                outlet_lines.update((page.outlet, k) for k in set(line_keys))
        self._exec_many(
            "INSERT INTO outlet_pages VALUES (?, ?) ON CONFLICT (outlet)"
            " DO UPDATE SET pages = outlet_pages.pages + excluded.pages",
            sorted(outlet_pages.items()),
        )
        self._exec_many(
            "INSERT INTO outlet_lines VALUES (?, ?, ?) ON CONFLICT (outlet, key)"
            " DO UPDATE SET pages = outlet_lines.pages + excluded.pages",
            ((o, k, n) for (o, k), n in sorted(outlet_lines.items())),
        )
        return added

    def pending_pages(self, limit: int, skip: Collection[str] = ()) -> list[Page]:
        """The first ``limit`` pages not extracted yet, in the order they came in, less those
        in ``skip`` (pages being extracted now)."""
        q = "SELECT id, source, kind, content, url, outlet, fetched_at, encoding,"
        q += " encoding_basis, sanitized FROM pages WHERE state = 'new'"
        if skip:
            q += f" AND id NOT IN ({','.join('?' * len(skip))})"
        rows = self._exec(q + " ORDER BY rowid LIMIT ?", (*skip, limit)).fetchall()
        return [_page(r) for r in rows]

    def template_counts(
        self, outlet: str | None, fewest: Callable[[int], int]
    ) -> tuple[int, dict[int, int]] | None:
        """How many pages ``outlet`` has, and on how many of them each of its lines is (by line
        key), of the lines on at least ``fewest(pages)`` pages: the rows an outlet's template is
        learnt from (``extract.templates``); None for no outlet or one never seen."""
        if not outlet:
            return None
        row = self._exec("SELECT pages FROM outlet_pages WHERE outlet = ?", (outlet,)).fetchone()
        if not row:
            return None
        # only lines that can be template (a corpus repeating stories has many more on a few
        # pages each, which every extraction task would otherwise carry)
        lines = dict(
            self._exec(
                "SELECT key, pages FROM outlet_lines WHERE outlet = ? AND pages >= ?",
                (outlet, fewest(row[0])),
            ).fetchall()
        )
        return row[0], lines

    def add_rejection(self, rej: Rejection, page_id: str | None = None) -> None:
        self._lock("pages")
        self._exec(
            _upsert("rejected", "source, reason, message, page_id, added_at", "source, reason"),
            (rej.source, rej.reason, rej.message, page_id, _now()),
        )
        if page_id:
            self._exec("UPDATE pages SET state = 'rejected' WHERE id = ?", (page_id,))

    def rejected(self) -> list[dict[str, Any]]:
        rows = self._exec(
            "SELECT source, reason, message, page_id, added_at FROM rejected ORDER BY added_at, source"
        )
        keys = ("source", "reason", "message", "page_id", "added_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def rejected_page(
        self, reason: str | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Rejections (of one reason, or all), newest first, and how many there are."""
        keys = ("source", "reason", "message", "page_id", "added_at")
        rows, total = self._listed(
            "rejected", keys, ("reason", reason), "added_at DESC, source", limit, offset
        )
        return [dict(zip(keys, r, strict=True)) for r in rows], total

    def _listed(
        self,
        table: str,
        columns: tuple[str, ...],
        where: tuple[str, str | None],
        order: str,
        limit: int | None,
        offset: int,
    ) -> tuple[list[tuple[Any, ...]], int]:
        """One page of ``table``'s rows (``columns``, where column ``where[0]`` equals
        ``where[1]`` when that is given), in ``order``, and how many rows match."""
        column, value = where
        cond = f"WHERE {column} = ?" if value else ""
        args: list[Any] = [value] if value else []
        total = int(self._exec(f"SELECT COUNT(*) FROM {table} {cond}", args).fetchone()[0])
        q = f"SELECT {', '.join(columns)} FROM {table} {cond} ORDER BY {order}"
        if limit is not None:
            q += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        return list(self._exec(q, args).fetchall()), total

    def rejection_reasons(self) -> list[tuple[str, int]]:
        """Each reason inputs were rejected for, and how many."""
        rows = self._exec("SELECT reason, COUNT(*) FROM rejected GROUP BY reason ORDER BY reason")
        return [(r[0], int(r[1])) for r in rows]

    def source_bounds(self) -> tuple[str | None, str | None]:
        """The first and last source (in sort order) of the stored pages and rejections that
        are absolute file paths: every such source shares their common directory."""
        lows: list[str] = []
        highs: list[str] = []
        for table in ("pages", "rejected"):
            row = self._exec(
                f"SELECT MIN(source), MAX(source) FROM {table} WHERE source LIKE '/%'"
            ).fetchone()
            if row and row[0] is not None:
                lows.append(row[0])
                highs.append(row[1])
        return (min(lows), max(highs)) if lows else (None, None)

    # -- feed teasers -----------------------------------------------------------------------
    def add_teaser(self, teaser: FeedTeaser) -> bool:
        """Keep a summary-only feed item; False if the store holds it already (the same item
        read again, from this feed or another snapshot of it)."""
        cur = self._exec(
            "INSERT INTO feed_teasers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING",
            (*(getattr(teaser, f) for f in _TEASER_FIELDS), _now()),
        )
        return cur.rowcount > 0

    def teaser_outlets(self) -> list[tuple[str, int]]:
        """Every outlet with a feed teaser, and how many it has."""
        rows = self._exec(
            "SELECT outlet, COUNT(*) FROM feed_teasers WHERE outlet IS NOT NULL"
            " GROUP BY outlet ORDER BY outlet"
        )
        return [(r[0], int(r[1])) for r in rows]

    def teasers(
        self, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[list[FeedTeaser], int]:
        """Feed teasers (of one outlet, or all), newest first, and how many there are."""
        # feed times are UTC, so the ISO strings sort as the times do
        order = "COALESCE(published, updated, feed_updated, '') DESC, id"
        rows, total = self._listed(
            "feed_teasers", _TEASER_FIELDS, ("outlet", outlet), order, limit, offset
        )
        return [FeedTeaser(*r) for r in rows], total
