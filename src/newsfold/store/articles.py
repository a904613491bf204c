"""Articles, their fingerprints and the candidate index, their stages, and the links between
them."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from ..errors import NotFoundError
from ..match.fingerprint import hash_array as hash_array  # the candidate index reads them
from ..records import Article, Link
from .base import StoreBase, _chunks, _upsert

# the postings' index as migration 1 made it (``index_fingerprints`` makes it again)
_FINGERPRINTS_HASH = "CREATE INDEX fingerprints_hash ON fingerprints(hash)"
# the postings of the articles not indexed yet, in hash order (then the article's id, as the
# chunked writer orders a hash's owners): each stored list ("h1,h2,...")
# read as a JSON array of integers (every hash fits SQLite's 64-bit integer)
_SQLITE_POSTINGS = (
    "INSERT INTO fingerprints SELECT p.value, a.id"
    " FROM article_stages s JOIN articles a ON a.id = s.id, json_each('[' || a.prints || ']') p"
    " WHERE s.indexed = 0 AND a.prints <> '' ORDER BY p.value, a.id"
)


def _hashes(prints: str) -> list[int]:
    """An article's fingerprints from their stored form, ``"h1,h2,..."``."""
    return [int(h) for h in prints.split(",") if h]


class ArticleRows(StoreBase):
    """Articles, their fingerprints and the candidate index, their stages, and the links between
    them."""

    # -- articles and fingerprints -----------------------------------------------------------
    def add_article(self, article: Article, fingerprints: Iterable[int]) -> None:
        """Store an article (replacing an earlier extraction of it) with its fingerprints. The
        postings of the candidate index are written for many articles at once, sorted, by
        ``index_fingerprints``, which matching calls first."""
        old = self._exec(
            "SELECT a.prints FROM articles a JOIN article_stages s ON s.id = a.id"
            " WHERE a.id = ? AND s.indexed = 1",
            (article.id,),
        )
        row = old.fetchone()
        if row and row[0]:
            self._drop_postings(article.id, _hashes(row[0]))
        prints = ",".join(str(int(h)) for h in fingerprints)
        self._exec(
            _upsert("articles", "id, page_id, outlet, headline, published, data, prints", "id"),
            (
                article.id,
                article.page_id,
                article.outlet,
                article.headline,
                article.published,
                json.dumps(article.to_dict(), ensure_ascii=False),
                prints,
            ),
        )
        # its stage and postings' flag in their own narrow row (schema 9): set again later
        # without rewriting the article's
        self._exec(
            _upsert("article_stages", "id, stage, indexed", "id"),
            (article.id, 0, 0 if prints else 1),
        )
        self._exec("UPDATE pages SET state = 'extracted' WHERE id = ?", (article.page_id,))

    def _drop_postings(self, article_id: str, hashes: Sequence[int]) -> None:
        for chunk in _chunks(sorted(set(hashes)), 500):
            self._exec(
                f"DELETE FROM fingerprints WHERE article_id = ? AND hash IN "
                f"({','.join('?' * len(chunk))})",
                (article_id, *chunk),
            )

    def index_fingerprints(self, chunk: int = 20_000) -> int:
        """Write the postings of every article not in the candidate index yet, in hash order,
        in one transaction; the number of articles. SQLite splits the stored lists and sorts
        the postings itself (``_SQLITE_POSTINGS``: a third less CPU than a Python row a
        posting); other backends get them ``chunk`` articles at a time."""
        with self.transaction():
            if self._BACKEND != "sqlite":
                return self._index_in_chunks(chunk)
            # into an empty table (a store's first fold, the one that writes most postings):
            # SQLite's hash index made once over them all, not kept row by row (0.3 of 2.4 CPU
            # s on 1.35M postings); rolled back with the rest if the fold dies
            rebuild = self._exec("SELECT 1 FROM fingerprints LIMIT 1").fetchone() is None
            if rebuild:
                self._exec("DROP INDEX fingerprints_hash")
            self._exec(_SQLITE_POSTINGS)
            n: int = self._exec(
                "UPDATE article_stages SET indexed = 1"
                " WHERE indexed = 0 AND id IN (SELECT id FROM articles)"
            ).rowcount
            if rebuild:
                self._exec(_FINGERPRINTS_HASH)
        return n

    def _index_in_chunks(self, chunk: int) -> int:
        ids: list[str] = []
        rows = self._exec(
            "SELECT a.id, a.prints FROM article_stages s JOIN articles a ON a.id = s.id"
            " WHERE s.indexed = 0 ORDER BY s.id"
        )
        while part := rows.fetchmany(chunk):
            lists = [hash_array(p or "") for _, p in part]
            hashes = np.concatenate(lists)
            owner = np.repeat(np.arange(len(part)), [len(x) for x in lists])
            order = np.argsort(hashes, kind="stable")
            # the rows as two columns zipped: no Python frame per posting
            owners = np.array([aid for aid, _ in part], dtype=object)[owner[order]]
            self._exec_many(
                "INSERT INTO fingerprints VALUES (?, ?)",
                zip(hashes[order].tolist(), owners.tolist(), strict=True),
            )
            ids += [aid for aid, _ in part]
        self._exec_many("UPDATE article_stages SET indexed = 1 WHERE id = ?", ((i,) for i in ids))
        return len(ids)

    def get_article(self, article_id: str) -> Article:
        row = self._exec("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        if not row:
            raise NotFoundError("article", article_id)
        return Article.from_dict(json.loads(row[0]))

    def articles(self, ids: Sequence[str]) -> dict[str, Article]:
        out: dict[str, Article] = {}
        for chunk in _chunks(list(ids), 500):
            q = f"SELECT id, data FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            for aid, data in self._exec(q, chunk):
                out[aid] = Article.from_dict(json.loads(data))
        return out

    def articles_at_stage(self, stage: int, limit: int | None = None) -> list[str]:
        """Ids of articles waiting at ``stage`` (0: to match, 1: story to build)."""
        q = "SELECT id FROM article_stages WHERE stage = ? ORDER BY id"
        args: tuple[int, ...] = (int(stage),)  # a plain int: drivers may write an enum's name
        if limit is not None:
            q += " LIMIT ?"
            args = (int(stage), limit)
        return [r[0] for r in self._exec(q, args)]

    def set_stage(self, ids: Iterable[str], stage: int) -> None:
        n = int(stage)  # a plain int: drivers may write an enum's name
        self._exec_many("UPDATE article_stages SET stage = ? WHERE id = ?", ((n, i) for i in ids))

    def fingerprints_of(self, article_id: str) -> list[int]:
        row = self._exec("SELECT prints FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _hashes(row[0]) if row and row[0] else []

    def fingerprint_counts(self, ids: Sequence[str]) -> dict[str, int]:
        """How many fingerprints each article has in the index."""
        out = dict.fromkeys(ids, 0)
        got = self._pairs_in("SELECT id, prints FROM articles WHERE id IN ({})", ids)
        for aid, prints in got.items():
            out[aid] = prints.count(",") + 1 if prints else 0
        return out

    def fingerprint_lists(self) -> Iterator[tuple[str, str]]:
        """Every article's fingerprints as ``(article id, "h1,h2,...")``, one row an article: the
        whole index read in one pass, for a fold large enough to hold it in memory."""
        return iter(self._exec("SELECT id, prints FROM articles WHERE prints <> '' ORDER BY id"))

    def candidates(self, hashes: Sequence[int], max_postings: int) -> Counter[str]:
        """Articles sharing fingerprints with ``hashes``, with how many they share, among the
        articles indexed (``index_fingerprints``). A fingerprint
        held by more than ``max_postings`` articles is boilerplate and ignored. Both counts run
        inside SQLite, on the hash index: a story carried by a hundred outlets has a hundred
        postings per fingerprint, too many rows to count in Python."""
        shared: Counter[str] = Counter()
        for chunk in _chunks(sorted(set(hashes)), 500):
            marks = ",".join("?" * len(chunk))
            common = [
                h
                for h, n in self._exec(
                    f"SELECT hash, COUNT(*) FROM fingerprints WHERE hash IN ({marks})"
                    " GROUP BY hash",
                    chunk,
                )
                if n <= max_postings
            ]
            if not common:
                continue
            q = (
                "SELECT article_id, COUNT(DISTINCT hash) FROM fingerprints WHERE hash IN "
                f"({','.join('?' * len(common))}) GROUP BY article_id"
            )
            for aid, n in self._exec(q, common):
                shared[aid] += n
        return shared

    # -- links, groups, stories --------------------------------------------------------------
    def add_links(self, links: Iterable[Link]) -> None:
        self._exec_many(
            _upsert("links", "a, b, relation, jaccard, a_in_b, b_in_a", "a, b"),
            ((lk.a, lk.b, lk.relation, lk.jaccard, lk.a_in_b, lk.b_in_a) for lk in links),
        )

    def links(self, relations: Sequence[str] | None = None) -> list[Link]:
        q = "SELECT a, b, relation, jaccard, a_in_b, b_in_a FROM links"
        args: list[str] = []
        if relations:
            q += f" WHERE relation IN ({','.join('?' * len(relations))})"
            args = list(relations)
        return [Link(*r) for r in self._exec(q + " ORDER BY a, b", args)]

    def links_of(self, ids: Sequence[str]) -> list[Link]:
        out: dict[tuple[str, str], Link] = {}
        for chunk in _chunks(list(ids), 400):
            marks = ",".join("?" * len(chunk))
            q = (
                "SELECT a, b, relation, jaccard, a_in_b, b_in_a FROM links"
                f" WHERE a IN ({marks}) OR b IN ({marks})"
            )
            for r in self._exec(q, chunk + chunk):
                out[(r[0], r[1])] = Link(*r)
        return [out[k] for k in sorted(out)]

    def all_article_ids(self) -> list[str]:
        return [r[0] for r in self._exec("SELECT id FROM articles ORDER BY id")]
