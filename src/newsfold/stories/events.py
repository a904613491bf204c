"""Events: which copy groups report the same event, in their own words.

A pure function over the copy groups' texts (``assign_events``), so the local engine and a Spark
driver call the same code. Two passes, because what separates two events of one subject is not
what separates two subjects:

1. *Subjects*: average-linkage clustering of corpus-wide TF-IDF vectors (content words, names,
   years) at a loose cut. Words and names a whole subject shares weigh heavily here.
2. *Events inside a subject*: the same clustering again, with IDF taken over that subject's
   documents only (topic-local IDF, terms in at least two of them), at a tighter cut. Words the
   whole subject shares (the boxer, the company, "rehab") now weigh nothing, and what is left is
   what tells a game from the next game: the opponent, the venue, the numbers. Pairs that
   mention only disjoint years, or carry datelines of different places, count half; pairs
   published more than ``MAX_GAP`` apart are never one event (reports of an event come out
   within a day or two of it; the inquiry a month later, or next week's game, is another).

Both passes are order-free (units are sorted by id; scipy's linkage is deterministic), so the same
corpus gives the same events whatever the order or batching of the input. Only the first pass
compares across the whole corpus, and only inside connected blocks of pairs that share enough
weight to ever be merged. The blocks come from each unit's key terms (its 20 heaviest among the
terms in at most 1,000 units): a pair is an edge when the weight it shares on one side's keys
alone reaches the subject cut, so the cost follows the keys' postings, not the corpus squared.
On ECB+ (982 articles, where no term is too common to be a key) this blocking costs B-cubed
F1 0.942 -> 0.938 against comparing every pair.

Sentence embeddings (extra ``[embed]``, off by default: ``assign_events(units, embedder=...)``,
``similarities(pairs, embedder=...)``, with ``newsfold.embed.load_embedder()``) add a second
signal. In the event pass each unit's embedding is centred on its subject's mean, the analogue of
topic-local IDF (what the whole subject shares says nothing about which event a report is of), and
the pairs' cosines are mapped by rank onto the topic-local TF-IDF similarities of the same subject
before the two are averaged: the embeddings reorder the pairs, but the mix keeps TF-IDF's scale, so
the event cut means what it meant without them. The subject pass stays TF-IDF alone (subjects are
what TF-IDF already finds; embeddings there gave nothing on ECB+). Without an embedder every
result is exactly what it was.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import chain, count
from typing import TYPE_CHECKING

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from ..dates import to_datetime
from ..records import EventUnit
from .terms import TermIds, tfidf_of, weighted

if TYPE_CHECKING:
    from .embed import Embedder

SUBJECT_CUT = 0.9  # average cosine distance under which units share a subject
EVENT_CUT = 0.85  # average topic-local distance under which units report one event
CONFLICT_FACTOR = 0.5  # similarity kept by a pair whose years or publication times disagree
MAX_GAP = timedelta(days=3)  # publication gap past which two reports are not one event
MIN_LOCAL_DF = 2  # a term in one document alone says nothing about which event it shares
KEY_TERMS = 20  # a unit's heaviest terms: those through which it meets others in the subject pass
MAX_KEY_UNITS = 1000  # a term in more units than this is too broad to block on (the work bound)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Function words carry no event; kept short and general (English).
STOPWORDS = _wordset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our ours out over own
    said same says she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours mr mrs ms one two three new last first year years told
    according since yesterday today tomorrow monday tuesday wednesday thursday friday saturday
    sunday week weeks day days time people"""
)
MONTHS = _wordset(
    "january february march april may june july august september october november december"
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+", re.UNICODE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# ``_WORD`` or one of the characters ``str.splitlines`` breaks lines at (none is in a word)
_WORD_OR_BREAK = re.compile(_WORD.pattern + r"|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(slots=True)
class EventFeatures:
    terms: Counter[str] = field(default_factory=Counter)
    years: frozenset[str] = frozenset()


# What ``features`` makes of one word, kept per distinct word (a corpus repeats its words):
# (its lower-case form, the term it counts as or None, whether it continues a name, is a year)
_WordInfo = tuple[str, str | None, bool, bool]
_WORD_INFO: dict[str, _WordInfo] = {}
_WORD_INFO_MAX = 1 << 20  # distinct words remembered before the memo starts afresh


def _word_info(w: str) -> _WordInfo:
    low = w.lower().replace("’", "'")
    year = _YEAR.match(w) is not None
    if year:
        term: str | None = "Y:" + w
    elif len(low) > 2 and low not in STOPWORDS and not low.isdigit():
        term = low
    else:
        term = None
    cap = w[0].isupper() and low not in STOPWORDS and low not in MONTHS
    if len(_WORD_INFO) >= _WORD_INFO_MAX:
        _WORD_INFO.clear()
    info = _WORD_INFO[w] = (low, term, cap, year)
    return info


def features(text: str) -> EventFeatures:
    """Content words, runs of capitalised words (names, as one term each) and years.

    The terms are counted in the order they are met (the order of a ``Counter``'s keys, which
    ``tfidf`` sums in), each word's reading looked up once per distinct word."""
    found: list[str] = []
    add = found.append
    years: set[str] = set()
    memo = _WORD_INFO
    run: list[str] = []
    # one pass over the whole text: a line break is a token of its own, read as no term and
    # no part of a name (``_word_info``), so it ends a run where the end of a line did
    for w in _WORD_OR_BREAK.findall(text):
        info = memo.get(w) or _word_info(w)
        term = info[1]
        if term is not None:
            if info[3]:
                years.add(w)
            add(term)
        if info[2]:
            run.append(info[0])
        elif run:
            add("E:" + "_".join(run))
            run = []
    if run:
        add("E:" + "_".join(run))
    return EventFeatures(Counter(found), frozenset(years))


# runs a function over a list of parts, as ``map`` does (a process pool's ``map``)
Mapper = Callable[
    [Callable[[list[str]], list[EventFeatures]], Iterable[list[str]]], Iterable[list[EventFeatures]]
]
FEATURES_CHUNK = 512  # texts a task


def _features_part(texts: list[str]) -> list[EventFeatures]:
    return [features(t) for t in texts]


def features_of(
    texts: Sequence[str], run: Mapper | None = None, memo: dict[str, EventFeatures] | None = None
) -> list[EventFeatures]:
    """``features`` of each text, in order; with ``run`` (a pool's ``map``), a chunk of texts
    a task. A pure function of each text: the same features wherever they are made. ``memo``
    (text -> its features, read only by callers): a text met before, or twice, is made once;
    the stories stage hands the copy groups' features to the related stories, most of whose
    texts are a copy group's word for word."""
    memo = {} if memo is None else memo
    todo = list(dict.fromkeys(t for t in texts if t not in memo))
    if run is None or len(todo) <= FEATURES_CHUNK:
        memo.update(zip(todo, map(features, todo), strict=True))
    else:
        parts = [todo[i : i + FEATURES_CHUNK] for i in range(0, len(todo), FEATURES_CHUNK)]
        memo.update(
            zip(todo, (f for part in run(_features_part, parts) for f in part), strict=True)
        )
    return [memo[t] for t in texts]


def tfidf(docs: Sequence[Counter[str]], min_df: int = 1) -> csr_matrix:
    """Sublinear TF-IDF rows, L2-normalised; terms in fewer than ``min_df`` documents dropped.

    Every (document, term) entry is read in one pass at C speed (``chain``, ``map``): its term
    numbered by one dictionary look-up, the numbers then mapped to columns (the terms in sorted
    order) in numpy, the entries of dropped terms masked out, so the rows keep their terms in
    the documents' order. ``terms.tfidf_of`` makes the same matrix of features whose terms a
    ``terms.TermIds`` numbered once for several matrices."""
    every = list(chain.from_iterable(docs))  # each document's terms, documents in order
    # each term numbered as first met, in one pass of look-ups (a missing term takes the next
    # number, at C speed); a term is once in a document: its number's count is its document
    # frequency
    met: defaultdict[str, int] = defaultdict(count().__next__)
    first = np.fromiter(map(met.__getitem__, every), dtype=np.int64, count=len(every))
    seen = list(met)
    df = np.bincount(first, minlength=len(seen))
    kept = np.flatnonzero(df >= min_df)
    # the columns: the kept terms in sorted order
    names = [seen[i] for i in kept.tolist()]
    by_name = kept[np.array(sorted(range(len(names)), key=names.__getitem__), dtype=np.int64)]
    return weighted(docs, first, df, by_name)


def key_terms(x: csr_matrix, keep: int = KEY_TERMS) -> csr_matrix:
    """``x`` kept to each row's ``keep`` heaviest terms (ties by term) among those in at most
    ``MAX_KEY_UNITS`` rows."""
    n = x.shape[0]
    row = np.repeat(np.arange(n), np.diff(x.indptr))
    rare = (np.bincount(x.indices, minlength=x.shape[1]) <= MAX_KEY_UNITS)[x.indices]
    if x.has_sorted_indices:
        # a row's entries stand in the order of their terms: a stable sort keeps that order
        # among equal weights, and the row and rarity fit in one key
        order = np.lexsort((-x.data, 2 * row + ~rare))
    else:
        order = np.lexsort((x.indices, -x.data, ~rare, row))
    rank = np.arange(len(order)) - x.indptr[row[order]]
    kept = order[(rank < keep) & rare[order]]
    return csr_matrix((x.data[kept], (row[kept], x.indices[kept])), shape=x.shape)


def _strong_pairs(x: csr_matrix, chunk: int = 4096) -> csr_matrix:
    """The subject pass's blocking graph: pairs (i, j) whose dot product over i's key terms
    (``key_terms``) reaches ``1 - SUBJECT_CUT``. That partial dot is a lower bound of their cosine, so
    every edge is a pair average linkage may join; a pair that meets through no key of either is
    compared only inside a block that other pairs make. Rows are multiplied a chunk at a time and
    only the edges kept, so memory follows the edges, and the work is at most ``KEY_TERMS *
    MAX_KEY_UNITS`` products a row, where the full product of a corpus's vectors grows with the
    square of the corpus (quadratic time and memory: 20,000 generated units took 59 s and 6.7 GB
    that way, against 15 s and 1 GB)."""
    keys = key_terms(x)
    xt = x.T.tocsr()
    cut = 1.0 - SUBJECT_CUT
    rows: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    cols: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    for start in range(0, keys.shape[0], chunk):
        part = (keys[start : start + chunk] @ xt).tocoo()
        on = part.data >= cut
        rows.append(part.row[on].astype(np.int64) + start)
        cols.append(part.col[on].astype(np.int64))
    r, c = np.concatenate(rows), np.concatenate(cols)
    return csr_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(x.shape[0],) * 2)


def _average_linkage(sim: np.ndarray, cut: float) -> list[int]:
    """Flat clusters of average linkage on ``1 - sim``, cut at distance ``cut``."""
    n = sim.shape[0]
    if n == 1:
        return [0]
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    dist = (dist + dist.T) / 2
    labels = fcluster(linkage(squareform(dist, checks=False), "average"), cut, "distance")
    return [int(x) for x in labels]


def _conflicts(
    units: Sequence[EventUnit], feats: Sequence[EventFeatures]
) -> tuple[np.ndarray, np.ndarray]:
    """(soft, hard) pair masks: soft where the mentioned years are disjoint or the datelines name
    different places; hard where the publication times are more than ``MAX_GAP`` apart."""
    n = len(units)
    soft = np.zeros((n, n), dtype=bool)
    hard = np.zeros((n, n), dtype=bool)
    times = [to_datetime(u.published) if u.published else None for u in units]
    places = [u.place.split(",")[0].strip().lower() if u.place else None for u in units]
    for i in range(n):
        for j in range(i + 1, n):
            yi, yj = feats[i].years, feats[j].years
            clash = bool(yi and yj and not yi & yj)
            if places[i] and places[j] and places[i] != places[j]:
                clash = True
            soft[i, j] = soft[j, i] = clash
            ti, tj = times[i], times[j]
            far = ti is not None and tj is not None and abs(ti - tj) > MAX_GAP
            hard[i, j] = hard[j, i] = far
    return soft, hard


def _centred_cosines(vecs: np.ndarray) -> np.ndarray:
    """Cosines of the vectors less their mean: what they share is taken out, as local IDF does."""
    z = vecs - vecs.mean(axis=0)
    norm = np.linalg.norm(z, axis=1, keepdims=True)
    z = z / np.where(norm > 1e-9, norm, 1.0)
    return np.asarray(z @ z.T, dtype=np.float64)


def _rank_mapped(target: np.ndarray, signal: np.ndarray) -> np.ndarray:
    """``signal``'s pairs given ``target``'s values by rank: the pair ranked k-th by ``signal``
    gets the k-th smallest value of ``target`` (tied ranks share an interpolated value). The
    result orders the pairs as ``signal`` does on the scale of ``target``."""
    from scipy.stats import rankdata  # only with embeddings: scipy.stats is slow to import

    n = target.shape[0]
    iu = np.triu_indices(n, 1)
    values = np.sort(target[iu])
    ranks = np.asarray(rankdata(signal[iu], method="average"), dtype=np.float64) - 1.0
    out = np.zeros(target.shape, dtype=np.float64)
    out[iu] = np.interp(ranks, np.arange(len(values), dtype=np.float64), values)
    out = out + out.T
    np.fill_diagonal(out, 1.0)
    return out


def _events_in_subject(
    units: Sequence[EventUnit],
    feats: Sequence[EventFeatures],
    vecs: np.ndarray | None = None,
    ids: TermIds | None = None,
) -> list[int]:
    soft, hard = _conflicts(units, feats)
    if len(units) < 3:
        # two units already passed the subject cut; the local IDF of a pair is meaningless
        return [0, 1] if hard.any() else [0] * len(units)
    x = tfidf_of(feats, MIN_LOCAL_DF, ids)
    if x.shape[1] == 0:
        return list(range(len(units))) if hard.any() else [0] * len(units)
    sim = (x @ x.T).toarray()
    if vecs is not None:
        sim = (sim + _rank_mapped(sim, _centred_cosines(vecs))) / 2
    sim[soft] *= CONFLICT_FACTOR
    sim[hard] = 0.0
    return _average_linkage(sim, EVENT_CUT)


def assign_events(
    units: Iterable[EventUnit],
    embedder: Embedder | None = None,
    run: Mapper | None = None,
    memo: dict[str, EventFeatures] | None = None,
    ids: TermIds | None = None,
) -> list[list[str]]:
    """Units grouped into events: lists of unit ids, each sorted, the list sorted by first id.
    With ``embedder`` (see ``newsfold.embed``), the event pass also weighs the units' sentence
    embeddings (the module's docstring says how). ``run``: a pool's ``map``, which makes the
    units' features in its processes (``features_of``; the same events either way); ``memo``:
    ``features_of``'s, which keeps the units' features for the caller; ``ids``: the numbers of
    their terms (``terms.TermIds``), kept for the caller too."""
    ordered = sorted({u.id: u for u in units}.values(), key=lambda u: u.id)
    if not ordered:
        return []
    feats = features_of([u.text for u in ordered], run, memo)
    ids = TermIds() if ids is None else ids
    x = tfidf_of(feats, ids=ids)
    # average linkage never joins two clusters with no pair closer than the cut: blocks of such
    # pairs are independent problems
    _, block = connected_components(_strong_pairs(x), directed=False)
    by_block: dict[int, list[int]] = {}
    for i, b in enumerate(block):
        by_block.setdefault(int(b), []).append(i)
    subjects: list[list[int]] = []
    for members in by_block.values():
        if len(members) == 1:
            subjects.append(members)
            continue
        rows = x[members]
        sub = (rows @ rows.T).toarray()
        found_s: dict[int, list[int]] = {}
        for i, s in zip(members, _average_linkage(sub, SUBJECT_CUT), strict=True):
            found_s.setdefault(s, []).append(i)
        subjects.extend(found_s.values())
    vecs: dict[int, np.ndarray] = {}
    # only subjects of three or more are split into events: the others need no embedding
    need = sorted(i for idx in subjects if len(idx) >= 3 for i in idx)
    if embedder is not None and need:
        got = np.asarray(embedder.embed([ordered[i].text for i in need]), dtype=np.float64)
        vecs = dict(zip(need, got, strict=True))
    events: list[list[str]] = []
    for idx in subjects:
        if len(idx) == 1:  # one unit is one event (most subjects): no pass to make
            events.append([ordered[idx[0]].id])
            continue
        local = _events_in_subject(
            [ordered[i] for i in idx],
            [feats[i] for i in idx],
            np.stack([vecs[i] for i in idx]) if vecs and len(idx) >= 3 else None,
            ids,
        )
        found: dict[int, list[str]] = {}
        for i, e in zip(idx, local, strict=True):
            found.setdefault(e, []).append(ordered[i].id)
        events.extend(sorted(ids) for ids in found.values())
    return sorted(events)


def similarities(pairs: Sequence[tuple[str, str]], embedder: Embedder | None = None) -> list[float]:
    """How alike each pair of texts is as reports of one story, 0..1: the square root of the
    cosine of their TF-IDF vectors (IDF over every text given). The root spreads the scores of
    sparse vectors, whose cosines crowd near 0, over the scale (Pearson with graded human
    ratings: 0.80 against 0.72 for the bare cosine on SemEval-2022 Task 8's English training
    pairs). Years are not held against a pair here: two texts about one story often mention
    different years; the event assignment, which sees a whole subject at once, uses them.
    With ``embedder``, the mean of that score and the cosine of the texts' sentence embeddings
    (below 0 counted as 0): the embedding sees a paraphrase that shares few words."""
    feats = [features(t) for pair in pairs for t in pair]
    x = tfidf([f.terms for f in feats])
    scores = [
        math.sqrt(max(0.0, float(x[2 * k].multiply(x[2 * k + 1]).sum()))) for k in range(len(pairs))
    ]
    if embedder is None or not pairs:
        return scores
    vecs = np.asarray(embedder.embed([t for pair in pairs for t in pair]), dtype=np.float64)
    cos = np.clip(np.einsum("ij,ij->i", vecs[0::2], vecs[1::2]), 0.0, 1.0)
    return [(s + float(c)) / 2 for s, c in zip(scores, cos, strict=True)]
