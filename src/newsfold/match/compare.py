"""Compare two texts: how much of each is in the other, their relation, and every edit.

``measure`` verifies a candidate pair on the real texts. ``explain`` aligns two articles
paragraph by paragraph and classifies each difference, from "U.S."/"US" to a cut tail.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..records import Article, Edit, Relation
from .fingerprint import K, shingle_hashes
from .normalize import (
    abbreviation_table,
    american,
    cached_tokens,
    fold_text,
    same_modulo_spelling,
    tokens,
)

# Thresholds on coverage: the share of one text's words that lie in passages (k-word shingles)
# the other text also has. A copy is (almost) entirely inside the other; a partial shares real
# passages but is mostly its own writing.
COPY_COVERAGE = 0.7
PARTIAL_COVERAGE = 0.15
PARTIAL_MIN_WORDS = 25
# A short copy that covers only a small share of the longer text is a cut (truncation) when the
# shared text starts the longer one; elsewhere in it, the longer is a roundup carrying it.
CUT_START_SHARE = 0.25
CUT_MIN_SHARE = 0.5
SAME_EVENT_COSINE = 0.35
# A copy that opens like the other text and then goes on with writing of its own: most of its
# opening is shared even when the added text is as long as what it kept.
LEAD_COPY_SHARE = 0.34
LEAD_START_SHARE = 0.1
LEAD_BLOCK = 0.9  # share of the opening (as long as what is shared) that is shared
PARAGRAPH_CACHE = 16384  # paragraphs whose shingles are kept, per process
ARTICLE_CACHE = 4096  # articles whose lists of teasers are kept, per process
# Lists of teasers are not copy evidence. A section page or a sidebar taken for the article is a
# run of teaser cards, each a headline-like line (short, no sentence end) over at most a summary
# of a sentence or two; two pages of one site share such a list word for word whatever their
# stories. A run with this many headline-like lines is a list (two could be subheads of an
# article), and the text a copy is judged on is what lies outside every list.
HEADLINE_LINE_WORDS = 16  # a headline is rarely longer; a sentence of prose often is
TEASER_SUMMARY_WORDS = 50  # a teaser's summary: a sentence or two
TEASER_RUN_HEADLINES = 3
TEASER_GAP = 3  # short paragraphs between two headline-like lines of one list, at most
TEASER_DENSITY = 0.4  # share of a list's paragraphs that are headline-like, at least
# Two texts under one headline, one of them wholly inside the other, are one article however
# badly one page was extracted (a paragraph of it kept): a roundup carrying an item of a story
# does not carry that story's headline as its own. The headline must be a real one (a site's
# or section's name is shorter) and the shared text more than a stock passage.
SAME_HEADLINE_WORDS = 5
SAME_HEADLINE_SHARED_WORDS = 2 * PARTIAL_MIN_WORDS
# "wholly", short of a renderer's noise: an outlet's update of its story under the same headline
# keeps much of the earlier text (70% and more) but is a new article
SAME_HEADLINE_COVERAGE = 0.9


@dataclass(slots=True, frozen=True)
class Measure:
    relation: Relation
    jaccard: float
    a_in_b: float
    b_in_a: float


def _covered(
    ha: np.ndarray, sa: AbstractSet[int], sb: AbstractSet[int], n_tokens: int
) -> np.ndarray:
    """Which tokens of a text (shingle hashes ``ha``, as a set ``sa``) lie in shingles the other
    text (``sb``) also has. Whole copies and disjoint texts, the common cases, are settled on
    the sets."""
    if n_tokens == 0 or len(ha) == 0 or sa.isdisjoint(sb):
        return np.zeros(n_tokens, dtype=bool)
    if sa <= sb:  # every shingle shared: every token lies in one
        return np.ones(n_tokens, dtype=bool)
    common = np.fromiter(map(sb.__contains__, ha.tolist()), dtype=bool, count=len(ha))
    k_eff = n_tokens - len(ha) + 1
    return np.convolve(common.astype(np.int32), np.ones(k_eff, dtype=np.int32))[:n_tokens] > 0


def _share(covered: np.ndarray) -> float:
    return float(covered.mean()) if len(covered) else 0.0


def _first(covered: np.ndarray) -> int:
    """Where the first covered token is (as a token index; the length if none)."""
    return int(np.argmax(covered)) if covered.any() else len(covered)


def _first_run(covered: np.ndarray, n: int) -> int:
    """Where the first run of at least ``n`` covered tokens starts (the length if none)."""
    if not covered.any():
        return len(covered)
    runs = np.convolve(covered.astype(np.int32), np.ones(n, dtype=np.int32), "valid")
    hits = np.flatnonzero(runs >= n)
    return int(hits[0]) if len(hits) else _first(covered)


def same_text(a: str, b: str) -> bool:
    """Identical as published (spacing aside): an edited copy, however lightly, is not."""
    return a.split() == b.split()


@dataclass(slots=True, frozen=True)
class Shingles:
    """A text's matching tokens and their k-word shingle hashes, as an array and as a set:
    what measuring it needs, made once for a text measured against many others."""

    tokens: Sequence[str]
    hashes: np.ndarray
    set: frozenset[int]


def shingles(toks: Sequence[str]) -> Shingles:
    h = shingle_hashes(list(toks))
    return Shingles(toks, h, frozenset(h.tolist()))


def measure_tokens(ta: Sequence[str], tb: Sequence[str], identical: bool = False) -> Measure:
    """Relation of two texts given their matching tokens; ``identical`` when their published
    texts are the same."""
    if identical and ta:
        return Measure("identical", 1.0, 1.0, 1.0)
    return measure_shingles(shingles(ta), shingles(tb))


def measure_shingles(a: Shingles, b: Shingles) -> Measure:
    """Relation of two texts that are not the same as published, given their ``Shingles``."""
    ta, tb = a.tokens, b.tokens
    ha, hb, sa, sb = a.hashes, b.hashes, a.set, b.set
    inter = len(sa & sb)
    union = len(sa) + len(sb) - inter
    jaccard = inter / union if union else 0.0
    cov_a, cov_b = _covered(ha, sa, sb, len(ta)), _covered(hb, sb, sa, len(tb))
    a_in_b, b_in_a = _share(cov_a), _share(cov_b)
    # where does the shorter text's match start inside the longer one (its first run of two
    # shingles: a stock phrase shared by chance is not where a copy starts); is it one block?
    if len(ta) <= len(tb):
        short_in, long_in, own, n_long = a_in_b, b_in_a, cov_a, len(tb)
        first = _first_run(cov_b, 2 * K)
    else:
        short_in, long_in, own, n_long = b_in_a, a_in_b, cov_b, len(ta)
        first = _first_run(cov_a, 2 * K)
    own_first = _first(own)
    # the opening as long as what is shared, from where the shared text starts: a dateline or
    # byline one copy prints over the text and the other not is no text of its own
    start = _first_run(own, 2 * K)
    opening = own[start : start + max(1, int(short_in * len(own)))]
    one_block = bool(len(opening)) and float(opening.mean()) >= LEAD_BLOCK
    opens_with_shared = one_block and start <= LEAD_START_SHARE * len(own)
    shared_words = min(a_in_b * len(ta), b_in_a * len(tb))
    relation: Relation
    if short_in >= COPY_COVERAGE and (
        long_in >= CUT_MIN_SHARE
        # a cut keeps the opening: a short text whose own first paragraph is not in the long
        # one is a roundup item or a rewrite carrying one passage, not a cut
        or (first <= CUT_START_SHARE * n_long and own_first <= LEAD_START_SHARE * len(own))
        # or the long one opens with the shared text, and the short one carries it as one
        # block under an opening of its own: one side lacks the other's lead paragraph (an
        # outlet's own lead, or a lead a page's extraction lost), the rest is one text
        or (first <= LEAD_START_SHARE * n_long and one_block)
    ):
        relation = "copy"
    elif (
        short_in >= LEAD_COPY_SHARE
        and shared_words >= PARTIAL_MIN_WORDS
        and first <= LEAD_START_SHARE * n_long
        and opens_with_shared
    ):
        # both texts open with the shared text: a cut copy the outlet extended with a
        # paragraph of its own (a sign-off, a local angle)
        relation = "copy"
    elif shared_words >= PARTIAL_MIN_WORDS or (
        short_in >= PARTIAL_COVERAGE and shared_words >= K * 2
    ):
        relation = "partial"
    else:
        relation = "unrelated"
    return Measure(relation, round(jaccard, 4), round(a_in_b, 4), round(b_in_a, 4))


def measure(a: str, b: str) -> Measure:
    return measure_tokens(tokens(a), tokens(b), same_text(a, b))


def without_shared_tail(pa: Sequence[str], pb: Sequence[str]) -> tuple[list[str], list[str]]:
    """Both paragraph lists less the paragraphs both end on word for word (at least one
    paragraph is kept on each side). Two articles ending on the same paragraph share a sign-off,
    a disclaimer or an agency footer as often as a story: what they share must be found in the
    rest of the text. A real copy loses one of many shared paragraphs; two stories that only
    share a footer share nothing once it is set aside."""
    a, b = list(pa), list(pb)
    while len(a) > 1 and len(b) > 1 and a[-1].split() == b[-1].split():
        a.pop()
        b.pop()
    return a, b


_OPEN_END = re.compile(r"[-–—]\s*$")  # a dateline's dash: the paragraph goes on below
_SENTENCE_END = re.compile(r"[.!,;:]['\"’”)\]]*$")


def _ends_sentence(text: str) -> bool:
    """Ends as a sentence or a clause does (a question mark ends many headlines too)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def _headline_like(text: str, n_words: int) -> bool:
    """A line a headline could be: a few words, not ending as a sentence does."""
    return 0 < n_words <= HEADLINE_LINE_WORDS and not _ends_sentence(text)


def teaser_paragraphs(paragraphs: Sequence[str]) -> list[bool]:
    """Which paragraphs lie in lists of teasers (see ``TEASER_RUN_HEADLINES``).

    Paragraphs are first joined where a renderer's wrapping split them (a line that starts in
    lower case goes on the line above, a line under a dash on the line with the dash), so that wrapped prose is never a run of short lines.
    Each is then a headline-like line, a short paragraph (``TEASER_SUMMARY_WORDS``) or a long
    one. A list is a run of headline-like lines, at most ``TEASER_GAP`` short paragraphs apart
    (a card's summary, a time line, a card whose headline the dump lost), with no long one
    between, and at least ``TEASER_DENSITY`` of its paragraphs headline-like (an article's
    subheads stand over sections of several paragraphs). The list takes in the summary under
    its last headline, short lines after it that end no sentence (headlines a dump glued
    together), and a short first paragraph of the page when the list starts right under
    it: the summary of the card whose headline the page's headline took."""
    blocks: list[list[int]] = []
    for i, p in enumerate(paragraphs):
        if blocks and (p.lstrip()[:1].islower() or _OPEN_END.search(paragraphs[i - 1])):
            blocks[-1].append(i)
        else:
            blocks.append([i])
    words = [sum(len(cached_tokens(paragraphs[i])) for i in b) for b in blocks]
    head = [
        len(b) == 1 and _headline_like(paragraphs[b[0]], n)
        for b, n in zip(blocks, words, strict=True)
    ]
    short = [n <= TEASER_SUMMARY_WORDS for n in words]
    out = [False] * len(paragraphs)
    j, n_blocks = 0, len(blocks)
    while j < n_blocks:
        if not head[j]:
            j += 1
            continue
        heads = [j]  # the headline-like lines of one run
        k = j + 1
        while k < n_blocks and short[k] and k - heads[-1] <= TEASER_GAP + 1:
            if head[k]:
                heads.append(k)
            k += 1
        start, end = heads[0], heads[-1] + 1
        if end < n_blocks and short[end] and not head[end]:
            end += 1  # the last card's summary
        while end < n_blocks and short[end] and not _ends_sentence(paragraphs[blocks[end][-1]]):
            end += 1  # more headlines, glued on one line by the dump
        if start == 1 and short[0]:
            start = 0
        if len(heads) >= TEASER_RUN_HEADLINES and len(heads) >= TEASER_DENSITY * (end - start):
            for b in blocks[start:end]:
                for i in b:
                    out[i] = True
        j = heads[-1] + 1
    return out


def _same_headline(short: str | None, long: str | None) -> bool:
    """The shorter text's headline is the longer text's, or its start (a wrapped dump cuts a
    long headline), with ``SAME_HEADLINE_WORDS`` words at least. A headline with words added
    (a part number, another title) is not the same."""
    ts, tl = cached_tokens(short or ""), cached_tokens(long or "")
    n = len(ts)
    return n >= SAME_HEADLINE_WORDS and tl[:n] == ts


def paragraph_tokens(article: Article) -> list[Sequence[str]]:
    """Matching tokens of each paragraph (their concatenation is ``tokens(article.body)``)."""
    return [cached_tokens(p) for p in article.paragraphs]


def body_tokens(article: Article) -> list[str]:
    """``tokens(article.body)``, paragraph by paragraph through the cache."""
    return [t for p in article.paragraphs for t in cached_tokens(p)]


def token_count(article: Article) -> int:
    return sum(len(cached_tokens(p)) for p in article.paragraphs)


def measure_articles(
    a: Article,
    b: Article,
    pta: Sequence[Sequence[str]] | None = None,
    ptb: Sequence[Sequence[str]] | None = None,
    sha: Shingles | None = None,
    shb: Shingles | None = None,
) -> Measure:
    """The relation of two articles: identical when body and headline are the same as
    published (a new headline on the same text is an edited copy), else measured with a shared
    final paragraph set aside. ``pta``/``ptb``: their ``paragraph_tokens``, when known;
    ``sha``/``shb``: the ``Shingles`` of their whole texts, when known."""
    pta = pta if pta is not None else paragraph_tokens(a)
    ptb = ptb if ptb is not None else paragraph_tokens(b)
    ta = sha.tokens if sha is not None else [t for p in pta for t in p]
    tb = shb.tokens if shb is not None else [t for p in ptb for t in p]
    if same_text(a.body, b.body) and same_text(a.headline or "", b.headline or ""):
        return measure_tokens(ta, tb, True)
    full = measure_shingles(sha or shingles(ta), shb or shingles(tb))
    # the relation is judged on the article text (lists of teasers set aside) less a final
    # paragraph both end on; the figures stay those of the whole texts
    keep_a, keep_b = _article_text(a.paragraphs), _article_text(b.paragraphs)
    ka, kb = [a.paragraphs[i] for i in keep_a], [b.paragraphs[i] for i in keep_b]
    pa, pb = without_shared_tail(ka, kb)
    judged = full
    if len(pa) < len(a.paragraphs) or len(pb) < len(b.paragraphs):
        judged = measure_tokens(
            [t for i in keep_a[: len(pa)] for t in pta[i]],
            [t for i in keep_b[: len(pb)] for t in ptb[i]],
        )
    relation = judged.relation
    if relation == "partial":
        na = sum(len(pta[i]) for i in keep_a[: len(pa)])
        nb = sum(len(ptb[i]) for i in keep_b[: len(pb)])
        short_in, n_short = (judged.a_in_b, na) if na <= nb else (judged.b_in_a, nb)
        heads = (a.headline, b.headline) if na <= nb else (b.headline, a.headline)
        if (
            short_in >= SAME_HEADLINE_COVERAGE
            and short_in * n_short >= SAME_HEADLINE_SHARED_WORDS
            and _same_headline(*heads)
        ):
            relation = "copy"
    if relation == full.relation:
        return full
    return Measure(relation, full.jaccard, full.a_in_b, full.b_in_a)


def _article_text(paragraphs: Sequence[str]) -> list[int]:
    """The indices of the paragraphs outside lists of teasers."""
    return list(_article_text_cached(tuple(paragraphs)))


@lru_cache(maxsize=ARTICLE_CACHE)
def _article_text_cached(paragraphs: tuple[str, ...]) -> tuple[int, ...]:
    # an article is verified against each of its candidates: its lists are found once
    return tuple(i for i, t in enumerate(teaser_paragraphs(paragraphs)) if not t)


def content_cosine(a: str, b: str) -> float:
    """Cosine of content-word counts (words of five letters or more: names, places, nouns and
    verbs that carry an event; short function words carry none)."""
    ca = Counter(t for t in tokens(a) if len(t) >= 5 and not t.isdigit())
    cb = Counter(t for t in tokens(b) if len(t) >= 5 and not t.isdigit())
    dot = sum(v * cb[t] for t, v in ca.items() if t in cb)
    na = math.sqrt(sum(v * v for v in ca.values()))
    nb = math.sqrt(sum(v * v for v in cb.values()))
    return dot / (na * nb) if na and nb else 0.0


# --- explaining the differences --------------------------------------------------------------

# Tokens for diffs: initialisms ("U.S."), short abbreviations with their stop ("Mr.", "St.",
# "Co."), numbers with separators, a possessive "'s" on its own (so "UK's" -> "U.K.'s" is one
# abbreviation edit, not a change of the whole word), words, and single punctuation marks.
_DIFF_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,3}\.(?=['’]s\b|\s|,)|\d+(?:[,.]\d+)*"
    r"|['’]s\b|\w+(?:['’](?!s\b)\w+)*|[^\w\s]"
)
_SENT_END = re.compile(r"[.!?]$")


@lru_cache(maxsize=PARAGRAPH_CACHE)
def _paragraph_shingles(text: str) -> tuple[int, np.ndarray, frozenset[int]]:
    """A paragraph's token count, 3-word shingle hashes and their set. Cached: merging a
    story aligns every copy against the same canonical paragraphs, and copies share most of
    their paragraphs word for word."""
    toks = list(cached_tokens(text))
    h = shingle_hashes(toks, 3)
    h.flags.writeable = False
    return len(toks), h, frozenset(h.tolist())


def _similarity(
    a: tuple[int, np.ndarray, frozenset[int]], b: tuple[int, np.ndarray, frozenset[int]]
) -> float:
    (na, ha, sa), (nb, hb, sb) = a, b
    if not na or not nb:
        return 0.0
    ca, cb = _share(_covered(ha, sa, sb, na)), _share(_covered(hb, sb, sa, nb))
    return max(ca, cb) if min(na, nb) >= 6 else (ca + cb) / 2


def align(
    a: Sequence[str], b: Sequence[str], threshold: float = 0.5
) -> list[tuple[int, int, float]]:
    """Monotonic alignment of two paragraph lists maximising total similarity (pairs under
    ``threshold`` never match)."""
    n, m = len(a), len(b)
    # each paragraph is tokenised and hashed once, not once per pair
    sa = [_paragraph_shingles(p) for p in a]
    sb = [_paragraph_shingles(p) for p in b]
    # most pairs of paragraphs share no shingle at all, and copies share many word for word:
    # both are settled on hash sets before any coverage is measured
    sim = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            if a[i] == b[j] and sa[i][0]:
                sim[i][j] = 1.0
                continue
            if sa[i][2].isdisjoint(sb[j][2]):
                continue
            s = _similarity(sa[i], sb[j])
            sim[i][j] = s if s >= threshold else 0.0
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if sim[i][j] > 0:
                best = max(best, sim[i][j] + score[i + 1][j + 1])
            score[i][j] = best
    pairs: list[tuple[int, int, float]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] > 0 and score[i][j] == sim[i][j] + score[i + 1][j + 1]:
            pairs.append((i, j, sim[i][j]))
            i, j = i + 1, j + 1
        elif score[i + 1][j] >= score[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


# British -> American spelling families beyond the table (classification only: both readings
# are given, so a rule cannot turn a word into a wrong one): -ise/-ize, -our/-or, -re/-er,
# -ce/-se, doubled l, -ogue/-og, -mme/-m.
_SPELLING_RULES = (
    (re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"([bt])re(s|d)?$"), r"\1er\2"),
    (re.compile(r"(en)ce(s)?$"), r"\1se\2"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"mme(s)?$"), r"m\1"),
)


def _rule_spelling(a: str, b: str) -> bool:
    """One word in British and American spelling by a regular family ("fantasise")."""
    la, lb = a.lower(), b.lower()
    if not (la.isalpha() and lb.isalpha()) or la == lb:
        return False
    for pat, rep in _SPELLING_RULES:
        if pat.sub(rep, la, count=1) == lb or pat.sub(rep, lb, count=1) == la:
            return True
    return False


def _short_form(long: str, short: str) -> bool:
    """``short`` abbreviates ``long``: a shortened word with a stop ("Street"/"St.",
    "Company"/"Co.") or initials of several words ("New Zealand"/"NZ")."""
    s = short.rstrip(".")
    words = re.findall(r"\w+", long)
    if len(words) >= 2 and s.replace(".", "").isupper():
        return "".join(w[0] for w in words).upper() == s.replace(".", "")
    if len(words) != 1 or not short.endswith(".") or not s.isalpha() or len(s) >= len(long):
        return False
    w = words[0].lower()
    if s[0].lower() != w[0]:
        return False
    it = iter(w[1:])
    return all(c in it for c in s[1:].lower())


def classify_change(a: str, b: str) -> str:
    """The kind of a word-level difference between two readings."""
    if a.lower() == b.lower():
        return "case"
    # a stop added or dropped after a short capitalised word: "Mr" / "Mr.", "Dr" / "Dr."
    for x, y in ((a, b), (b, a)):
        if y == x + "." and x[:1].isupper() and x.isalpha() and len(x) <= 4:
            return "abbreviation"
    if _short_form(a, b) or _short_form(b, a):
        return "abbreviation"
    if _rule_spelling(a, b):
        return "spelling"
    digits = re.compile(r"[\d,.\s]+")
    if (
        digits.fullmatch(a)
        and digits.fullmatch(b)
        and re.sub(r"[,\s]", "", a) == re.sub(r"[,\s]", "", b)
    ):
        return "number_format"
    strip = re.compile(r"[^\w\s]")
    if " ".join(strip.sub("", a).split()) == " ".join(strip.sub("", b).split()):
        return "abbreviation" if re.search(r"\w\.\w", a + b) else "punctuation"
    if same_modulo_spelling(a, b):
        return "spelling"
    table = abbreviation_table()
    fa, fb = fold_text(a), fold_text(b)
    if (
        fa.strip(". ") == fb.strip(". ")
        or table.get(fa.strip()) == fb.strip()
        or (table.get(fb.strip()) == fa.strip())
    ):
        return "abbreviation"
    if [american(t) for t in re.findall(r"\w+", fa)] == [
        american(t) for t in re.findall(r"\w+", fb)
    ]:
        return "abbreviation"
    return "word"


def word_edits(a: str, b: str) -> list[Edit]:
    ta, tb = _DIFF_TOKEN.findall(a), _DIFF_TOKEN.findall(b)
    sm = difflib.SequenceMatcher(a=ta, b=tb, autojunk=False)
    edits: list[tuple[Edit, int, int]] = []  # with the edit's span in ``a``
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        ra, rb = " ".join(ta[i1:i2]), " ".join(tb[j1:j2])
        if op == "replace" and i2 - i1 == j2 - j1 and i2 - i1 > 1:
            # word for word: classify each pair, so "U.S. organisation" gives two edits
            for x, y in zip(ta[i1:i2], tb[j1:j2], strict=True):
                if x != y:
                    edits.append((Edit(classify_change(x, y), x, y), i1, i2))
            continue
        if op == "replace":
            kind = classify_change(ra, rb)
        elif all(not re.match(r"\w", t) for t in ta[i1:i2] + tb[j1:j2]):
            kind = "punctuation"
        elif (i2 - i1 + j2 - j1) >= 6 and any(_SENT_END.search(t) for t in ta[i1:i2] + tb[j1:j2]):
            kind = "sentence_removed" if op == "delete" else "sentence_added"
        else:
            kind = "word"
        edits.append((Edit(kind, _detok(ra), _detok(rb)), i1, i2))
    # a quote mark the diff split off a removed or added quoted sentence belongs to it
    sentences = [(i1, i2) for e, i1, i2 in edits if e.kind.startswith("sentence_")]
    return [
        e
        for e, i1, i2 in edits
        if not (
            e.kind == "punctuation"
            and _QUOTE_ONLY.fullmatch(e.a + e.b)
            and any(s1 - 2 <= i1 and i2 <= s2 + 2 for s1, s2 in sentences)
        )
    ]


_QUOTE_ONLY = re.compile(r"[\"'“”‘’\s]+")


def _detok(text: str) -> str:
    return re.sub(r"\s+([,.;:!?%)\]'’])", r"\1", re.sub(r"([(\[])\s+", r"\1", text))


@dataclass(slots=True)
class Explanation:
    edits: list[Edit]
    only_in_a: list[str]
    only_in_b: list[str]
    pairs: list[tuple[int, int, float]]


def explain_paragraphs(
    pa: Sequence[str],
    pb: Sequence[str],
    headline_a: str | None = None,
    headline_b: str | None = None,
) -> Explanation:
    edits: list[Edit] = []
    if headline_a and headline_b and headline_a.strip() != headline_b.strip():
        edits.append(Edit("headline", headline_a, headline_b))
    pairs = align(pa, pb)
    matched_a = {i for i, _, _ in pairs}
    matched_b = {j for _, j, _ in pairs}
    last_a = max(matched_a) if matched_a else -1
    last_b = max(matched_b) if matched_b else -1
    # a tail that one side has and the other stops before is a cut, not removed paragraphs; the
    # side that stops may still print one paragraph of its own under the cut (its sign-off)
    cut_a = list(range(last_a + 1, len(pa))) if pairs and last_b >= len(pb) - 2 else []
    cut_b = list(range(last_b + 1, len(pb))) if pairs and last_a >= len(pa) - 2 else []
    if cut_a and cut_b:  # one paragraph of its own under each: neither side is cut
        cut_a = cut_b = []
    for i, j, _ in pairs:
        if pa[i] != pb[j]:
            edits.extend(word_edits(pa[i], pb[j]))
    for i in range(len(pa)):
        if i not in matched_a and i not in cut_a:
            edits.append(Edit("paragraph_removed", pa[i], ""))
    for j in range(len(pb)):
        if j not in matched_b and j not in cut_b:
            edits.append(Edit("paragraph_added", "", pb[j]))
    if cut_a:
        edits.append(Edit("truncation", "\n\n".join(pa[i] for i in cut_a), ""))
    if cut_b:
        edits.append(Edit("truncation", "", "\n\n".join(pb[j] for j in cut_b)))
    return Explanation(
        edits=edits,
        only_in_a=[pa[i] for i in range(len(pa)) if i not in matched_a],
        only_in_b=[pb[j] for j in range(len(pb)) if j not in matched_b],
        pairs=pairs,
    )


def compare_articles(a: Article, b: Article) -> dict[str, object]:
    """The JSON contract of ``newsfold compare``."""
    m = measure_articles(a, b)
    relation: str = m.relation
    if relation == "unrelated" and content_cosine(a.body, b.body) >= SAME_EVENT_COSINE:
        relation = "same_event"
    ex = explain_paragraphs(a.paragraphs, b.paragraphs, a.headline, b.headline)
    return {
        "a": a.id,
        "b": b.id,
        "relation": relation,
        "jaccard": m.jaccard,
        "containment": {"a_in_b": m.a_in_b, "b_in_a": m.b_in_a},
        "edits": [{"kind": e.kind, "a": e.a, "b": e.b} for e in ex.edits],
        "only_in_a": ex.only_in_a,
        "only_in_b": ex.only_in_b,
    }
