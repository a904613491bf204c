"""The candidate ranking of a whole chunk from one sparse product (``ranked_many``) is the
ranking article by article (``ranked_rows``), and the stored fingerprints parse alike both
ways."""

from __future__ import annotations

import numpy as np
import pytest

from newsfold.match.copies import CandidateIndex
from newsfold.store.articles import _hashes, hash_array


def _index(seed: int, n: int = 300) -> CandidateIndex:
    """``n`` articles in stories of about six: each takes part of its story's fingerprints
    (so that some share most, some a few), some of a pool common to all (over most
    ``max_postings`` tried) and some of its own; one article has a single hash."""
    rng = np.random.default_rng(seed)

    def draw(size: int) -> np.ndarray:
        return rng.integers(-(2**63), 2**63 - 1, size=size, dtype=np.int64)

    common = draw(60)
    lists = []
    for story in range(n // 6):
        pool = draw(30)
        for i in range(6):
            parts = [
                rng.choice(pool, size=int(rng.integers(0, 30)), replace=False),
                rng.choice(common, size=int(rng.integers(0, 10)), replace=False),
                draw(int(rng.integers(0, 20))),
            ]
            lists.append((f"a{story:03d}-{i}", np.concatenate(parts)))
    lists.append(("z-one", common[:1]))
    return CandidateIndex([(aid, h) for aid, h in lists if len(h)])


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("max_postings", [1000, 12, 2])
def test_ranked_many_is_ranked_rows_row_by_row(seed: int, max_postings: int) -> None:
    index = _index(seed)
    rows = list(range(len(index.ids)))
    every = [index.ranked_rows(r, max_postings) for r in rows]
    assert sum(len(x) for x in every) > 0  # the case holds candidates to rank
    for chunk in (rows, rows[5:9], rows[::7]):
        got = index.ranked_many(chunk, max_postings)
        assert len(got) == len(chunk)
        for r, ranked in zip(chunk, got, strict=True):
            assert ranked.tolist() == every[r].tolist(), r


def test_ranked_many_of_nothing() -> None:
    assert CandidateIndex([]).ranked_many([], 10) == []
    assert _index(0).ranked_many([], 10) == []


def test_hash_array_parses_as_int_does() -> None:
    prints = ",".join(str(h) for h in [2**63 - 1, -(2**63), 0, -1, 123456789012345678])
    assert hash_array(prints).tolist() == _hashes(prints)
    assert hash_array("").tolist() == _hashes("") == []
    assert hash_array(prints).dtype == np.int64
