"""Metadata extraction quality: headline, byline and published date, on two public test sets.

Datasets (under ``../shared/data`` next to the repository root):

- ``readability``: the 130 Readability.js test pages (``mozilla-readability/test/test-pages/*/``,
  ``source.html.gz`` with ``expected-metadata.json``: ``title``, ``byline``, ``publishedTime``).
  The gold values there are what Readability.js itself outputs, not a human annotation: a few are
  wrong (a byline holding a date line, a null date on a dated page), so figures on this set are
  for comparing systems, and "a value where the gold has none" is not necessarily an error. The
  pages carry no URL.
- ``trafilatura``: trafilatura's evaluation set (``trafilatura-eval/tests/evaldata.json``), 990
  pages, many German; the HTML is ``eval/<file>.gz`` or ``cache/<file>.gz``. Only the 851 pages
  whose entry has metadata (``title``, ``author``, ``date`` present, possibly as an empty string
  meaning "the page has none") are used; the rest carry no metadata annotation. ``author`` may be a
  list of names. The entry's key is the page URL and is passed to every system.

HTML bytes are decoded once, the same string going to every system: UTF-8 when the bytes are valid
UTF-8, else the first ``charset`` the page declares that decodes them (an archived page declares
the archive's UTF-8 before its own charset), else the first one it declares, else windows-1252
(undecodable bytes replaced).

Systems, each run on every page in the same process:

- ``newsfold (html)``: ``newsfold.api.extract_text(html, kind="html", url=...)``;
- ``newsfold (text dump)``: the same on ``common.text_dump(html)`` (html_text) with ``kind="text"``
  (the dump is made before timing starts), and ``newsfold (text dump: <renderer>)`` on the dumps
  of each other renderer of ``benchmarks/renderers.py`` (a missing tool is skipped with a message);
- ``trafilatura <version> (live)``: ``trafilatura.bare_extraction(html, url=...,
  with_metadata=True)``, its ``title``, ``author`` and ``date``.

A page where newsfold raises ``InputError`` (no article) predicts nothing for every field. newsfold's
byline prediction is ``Article.byline``, or, when that is empty, its ``credits`` (agency names)
joined by ", ", since a gold author may be an agency.

Matching rules, the same for every system. A missing prediction on a page with a gold value is
wrong.

- Headline: both texts are normalised (Unicode NFKC, case-folded, ``\\w+`` tokens joined by one
  space). *Exact* when the normalised texts are equal; *correct* when exact or when the token-level
  F1 (multiset overlap of the two token lists) is at least 0.9. That tolerates one extra or missing
  token on a headline of five tokens or more (a one-word site suffix, a dropped kicker word), not a
  "| Site Name" suffix of two words on a short headline.
- Byline: both texts are normalised the same way (NFKC, case-folded, ``\\w+`` tokens, so that
  punctuation and separators such as ";" "," "|" "/" fall away), then a leading "by" (or "von",
  "par", "por", "door") is dropped, and the conjunctions "and", "und", "et" are dropped anywhere,
  so that a list of authors ("A; B", "A, B", "A and B", or a JSON list) becomes the bag of its
  name tokens. *Correct* when every gold token is among the prediction's tokens and the
  prediction has at most twice as many tokens as the gold (so a prediction that is a whole
  sentence, or a name plus a date line, is wrong). With several gold authors, all of them must be
  in the prediction.
- Date: the calendar date (YYYY-MM-DD) of the prediction, as written in the string (no time-zone
  conversion), must equal the calendar date of the gold value (parsed with ``dateutil``; the gold
  may be a date only): day precision. A year-first date with a dot before its day
  ("2022-01.26") or a month over 12 and a day under it ("2022-29-11", year, day, month) is read
  so (three gold values of trafilatura's set). An unparseable prediction is wrong.

Reported per dataset and field: the pages with a gold value and each system's accuracy over them
(the headline figure); the headline exact-match rate; for pages whose gold field is empty, how
often each system gives a value anyway (lower is better); and each system's pages per second on
one core (for the text dump, extraction from the dump only).

Site halves: every system is also scored on each half ("A", "B") of the pages split by the hash
of their site (``benchmarks/sites.py``; a readability page's site is that of the URL it names for
itself, ``<link rel=canonical>`` or ``og:url``, else its folder's name without a trailing number),
in a table with the worst renderer of each column. Under it, for each renderer, the share of the
pages with a gold headline whose dump prints that headline at all (a line, or up to three lines
in a row, matching it by the headline rule): the most any extractor of that dump can score. The
readability set's gold headline is Readability.js's title, mostly the page's ``<title>`` or
``og:title``, which only the html_text and lxml_lines dumps print (a browser, lynx, w3m, html2text
and resiliparse show the body alone): on 44-48% of its pages with a gold headline, among them
its synthetic test pages whose ``<title>`` is their only title, no other dump holds it.

Run it with::

    .venv/bin/python -m benchmarks.metadata                          # both datasets
    .venv/bin/python -m benchmarks.metadata --dataset readability    # one of them
    .venv/bin/python -m benchmarks.metadata --limit 100              # the first 100 pages of each
    .venv/bin/python -m benchmarks.metadata --renderers html_text,lynx

Results are printed as tables and written to ``benchmarks/results/metadata.json`` (scores only;
per dataset ``scores`` over all pages, ``halves`` ``{system: {"A"|"B"|"all": {field: score}}}``,
``site_split`` and ``worst_renderer``).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import gzip
import json
import re
import sys
import time
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks import renderers, sites
from benchmarks.common import (
    SHARED_DATA,
    fmt,
    print_rows,
    run_timed,
    trafilatura_name,
    write_json,
)

READABILITY_DIR = SHARED_DATA / "mozilla-readability" / "test" / "test-pages"
TRAFILATURA_DIR = SHARED_DATA / "trafilatura-eval" / "tests"
DATASETS: tuple[str, ...] = ("readability", "trafilatura")
DATASET_TITLES: dict[str, str] = {
    "readability": "Readability.js test pages",
    "trafilatura": "trafilatura evaluation set",
}
FIELDS: tuple[str, ...] = ("headline", "byline", "date")

HEADLINE_MIN_F1 = 0.9
BYLINE_MAX_RATIO = 2
BYLINE_PREFIXES = frozenset({"by", "von", "par", "por", "door"})
BYLINE_CONJUNCTIONS = frozenset({"and", "und", "et"})

WORD_RE = re.compile(r"\w+")
# a date written year first; three gold values of trafilatura's set write a dot ("2022-01.26") or
# the day before the month ("2022-29-11"), which no system could match unless read so
YMD_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})[-.](\d{1,2})(?!\d)")
CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


# --- data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page: its HTML, its URL (or ``None``), and its gold values.

    A gold value is ``None`` where the page has none (an empty or null field)."""

    id: str
    url: str | None
    html: str
    headline: str | None
    byline: str | None
    date: str | None
    site: str = ""  # the page's site, for the site halves (``sites.py``)


_CANONICAL_RES = (
    re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>""", re.I),
    re.compile(r"""<meta\b[^>]*\bproperty\s*=\s*["']?og:url\b[^>]*>""", re.I),
)
_ADDRESS_RE = re.compile(r"""\b(?:href|content)\s*=\s*["']?(https?://[^"'\s>]+)""", re.I)


def page_address(html: str) -> str | None:
    """The URL a page gives for itself (``<link rel=canonical>``, else ``og:url``), if any."""
    for tag_re in _CANONICAL_RES:
        for tag in tag_re.finditer(html):
            match = _ADDRESS_RE.search(tag.group(0))
            if match:
                return match.group(1)
    return None


def decode_html(raw: bytes) -> str:
    """UTF-8 when valid, else the first declared charset that decodes the bytes, else the first
    declared, else windows-1252 (bad bytes replaced)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared: list[str] = []
    for match in CHARSET_RE.finditer(raw[:10_000]):
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            declared.append(codecs.lookup(match.group(1).decode("ascii")).name)
    for encoding in declared:
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(encoding)
    return raw.decode(declared[0] if declared else "windows-1252", errors="replace")


def _read_gz(path: Path) -> str:
    with gzip.open(path, "rb") as f:
        return decode_html(f.read())


def _gold_text(value: Any) -> str | None:
    """A gold field as text, ``None`` when empty; a list of names is joined by "; "."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value if v)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def readability_available(data_dir: Path = READABILITY_DIR) -> bool:
    return data_dir.is_dir() and any(data_dir.glob("*/expected-metadata.json"))


def trafilatura_available(data_dir: Path = TRAFILATURA_DIR) -> bool:
    return (data_dir / "evaldata.json").is_file()


def load_readability(data_dir: Path = READABILITY_DIR, limit: int | None = None) -> list[Page]:
    """The Readability.js test pages, sorted by folder name."""
    pages: list[Page] = []
    for meta_path in sorted(data_dir.glob("*/expected-metadata.json")):
        source = meta_path.parent / "source.html.gz"
        if not source.is_file():
            continue
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        html = _read_gz(source)
        pages.append(
            Page(
                id=meta_path.parent.name,
                url=None,
                html=html,
                headline=_gold_text(meta.get("title")),
                byline=_gold_text(meta.get("byline")),
                date=_gold_text(meta.get("publishedTime")),
                # the site of the URL the page names for itself, else of the folder's name
                # ("nytimes-2" -> "nytimes"); the systems still get no URL
                site=sites.site_of(page_address(html) or meta_path.parent.name),
            )
        )
        if limit is not None and len(pages) >= limit:
            break
    return pages


def load_trafilatura(data_dir: Path = TRAFILATURA_DIR, limit: int | None = None) -> list[Page]:
    """The pages of trafilatura's evaluation set that carry metadata, in the file's order."""
    entries: dict[str, dict[str, Any]] = json.loads(
        (data_dir / "evaldata.json").read_text(encoding="utf-8")
    )
    pages: list[Page] = []
    for url, entry in entries.items():
        if all(entry.get(key) is None for key in ("title", "author", "date")):
            continue  # no metadata annotation on this page
        path = next(
            (
                p
                for p in (
                    data_dir / "eval" / f"{entry['file']}.gz",
                    data_dir / "cache" / f"{entry['file']}.gz",
                )
                if p.is_file()
            ),
            None,
        )
        if path is None:
            continue
        pages.append(
            Page(
                id=entry["file"],
                url=url,
                html=_read_gz(path),
                headline=_gold_text(entry.get("title")),
                byline=_gold_text(entry.get("author")),
                date=_gold_text(entry.get("date")),
                site=sites.site_of(url or entry["file"]),
            )
        )
        if limit is not None and len(pages) >= limit:
            break
    return pages


LOADERS: dict[str, tuple[Callable[[], bool], Callable[[int | None], list[Page]]]] = {
    "readability": (readability_available, lambda limit: load_readability(limit=limit)),
    "trafilatura": (trafilatura_available, lambda limit: load_trafilatura(limit=limit)),
}


# --- matching --------------------------------------------------------------------------------


# marks that print nothing (a soft hyphen, a zero-width space or joiner, a byte-order mark): a
# page's markup puts them inside words as hints where to break a line, and a renderer may drop
# them or keep them; either way the word is the same, so they go before the text is cut into
# tokens (NFKC keeps them, and ``\\w+`` would cut the word in two at each)
_INVISIBLE = str.maketrans(dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff")))


def tokens(text: str | None) -> list[str]:
    """Case-folded ``\\w+`` tokens of the NFKC form of ``text``, its invisible marks dropped."""
    if not text:
        return []
    return WORD_RE.findall(unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).casefold())


def normalise_headline(text: str | None) -> str:
    return " ".join(tokens(text))


def token_f1(predicted: Sequence[str], gold: Sequence[str]) -> float:
    if not predicted or not gold:
        return 0.0
    overlap = sum((Counter(predicted) & Counter(gold)).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / len(predicted), overlap / len(gold)
    return 2 * precision * recall / (precision + recall)


def headline_exact(predicted: str | None, gold: str) -> bool:
    return bool(predicted) and normalise_headline(predicted) == normalise_headline(gold)


def headline_match(predicted: str | None, gold: str) -> bool:
    if headline_exact(predicted, gold):
        return True
    return token_f1(tokens(predicted), tokens(gold)) >= HEADLINE_MIN_F1


def byline_tokens(text: str | None) -> list[str]:
    """Name tokens of a byline: no leading "by" (or its equivalents), no conjunctions."""
    words = tokens(text)
    while words and words[0] in BYLINE_PREFIXES:
        words = words[1:]
    return [w for w in words if w not in BYLINE_CONJUNCTIONS]


def byline_match(predicted: str | None, gold: str) -> bool:
    pred, true = byline_tokens(predicted), byline_tokens(gold)
    if not pred or not true:
        return False
    return not (Counter(true) - Counter(pred)) and len(pred) <= BYLINE_MAX_RATIO * len(true)


def calendar_date(value: str | None) -> date | None:
    """The calendar date a date or date-time string states, as written; ``None`` if none."""
    if not value or not value.strip():
        return None
    match = YMD_RE.match(value)
    try:
        if match:
            year, month, day = (int(g) for g in match.groups())
            if month > 12 >= day:  # "2022-29-11": a gold value written year, day, month
                month, day = day, month
            return date(year, month, day)
        from dateutil import parser

        with warnings.catch_warnings():  # unknown zone names are irrelevant to the calendar date
            warnings.simplefilter("ignore")
            return parser.parse(value).date()  # type: ignore[no-any-return]
    except (ValueError, OverflowError, TypeError):
        return None


def date_match(predicted: str | None, gold: str) -> bool:
    pred, true = calendar_date(predicted), calendar_date(gold)
    return pred is not None and pred == true


MATCHERS: dict[str, Callable[[str | None, str], bool]] = {
    "headline": headline_match,
    "byline": byline_match,
    "date": date_match,
}


# --- systems (each takes (page text, url) and returns {field: value or None}) ----------------

Prediction = dict[str, str | None]
EMPTY: Prediction = dict.fromkeys(FIELDS)


def _newsfold(content: str, url: str | None, kind: str) -> Prediction:
    from newsfold.api import extract_text
    from newsfold.errors import InputError

    try:
        article = extract_text(content, kind=kind, url=url)  # type: ignore[arg-type]
    except InputError:
        return dict(EMPTY)
    byline = article.byline or (", ".join(article.credits) if article.credits else None)
    return {"headline": article.headline, "byline": byline, "date": article.published}


def newsfold_html(html: str, url: str | None) -> Prediction:
    return _newsfold(html, url, "html")


def newsfold_text(dump: str, url: str | None) -> Prediction:
    return _newsfold(dump, url, "text")


def trafilatura_live(html: str, url: str | None) -> Prediction:
    import trafilatura

    doc: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return dict(EMPTY)

    def get(name: str) -> str | None:
        value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
        return str(value) if value else None

    return {"headline": get("title"), "byline": get("author"), "date": get("date")}


def live_systems() -> dict[str, tuple[str, Callable[[str, str | None], Prediction]]]:
    """name -> (input kind, extractor); input kind is "html" or "dump"."""
    systems: dict[str, tuple[str, Callable[[str, str | None], Prediction]]] = {
        "newsfold (html)": ("html", newsfold_html),
        "newsfold (text dump)": ("dump", newsfold_text),
    }
    systems[trafilatura_name()] = ("html", trafilatura_live)
    return systems


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldScore:
    """One system on one field of one dataset."""

    system: str
    field: str
    gold_pages: int  # pages with a gold value
    correct: int
    accuracy: float  # correct / gold_pages (0.0 when there are none)
    exact: float | None  # headline only: exact normalised match over gold_pages
    empty_pages: int  # pages whose gold value is empty
    invented: int  # of those, pages where the system gave a value anyway
    invented_rate: float | None


@dataclass
class DatasetResult:
    """Scores of every system on one dataset, and the per-page predictions behind them."""

    dataset: str
    pages: int
    scores: list[FieldScore]
    pages_per_s: dict[str, float]
    predictions: dict[str, dict[str, Prediction]] = field(default_factory=dict, repr=False)
    gold: list[Page] = field(default_factory=list, repr=False)
    # {system: {"A"|"B"|"all": {field: FieldScore}}} on the site halves (``sites.py``)
    parts: dict[str, dict[str, dict[str, FieldScore]]] = field(default_factory=dict, repr=False)
    renderers: list[str] = field(default_factory=list)
    split: dict[str, list[str]] = field(default_factory=dict, repr=False)
    # {renderer: {"A"|"B"|"all": share of gold headlines the dump prints}} (``headline_in_dump``)
    ceilings: dict[str, dict[str, float | None]] = field(default_factory=dict)

    def score(self, system: str, field_name: str) -> FieldScore:
        for s in self.scores:
            if s.system == system and s.field == field_name:
                return s
        raise KeyError((system, field_name))

    def accuracy(self, system: str, field_name: str) -> float:
        return self.score(system, field_name).accuracy

    def systems(self) -> list[str]:
        return list(self.pages_per_s)


def score_field(
    system: str, field_name: str, pages: Sequence[Page], predictions: dict[str, Prediction]
) -> FieldScore:
    match = MATCHERS[field_name]
    gold_pages = correct = exact = empty = invented = 0
    for page in pages:
        gold: str | None = getattr(page, field_name)
        predicted = predictions.get(page.id, EMPTY).get(field_name)
        if gold is None:
            empty += 1
            invented += bool(predicted and predicted.strip())
            continue
        gold_pages += 1
        correct += match(predicted, gold)
        if field_name == "headline":
            exact += headline_exact(predicted, gold)
    return FieldScore(
        system=system,
        field=field_name,
        gold_pages=gold_pages,
        correct=correct,
        accuracy=correct / gold_pages if gold_pages else 0.0,
        exact=(exact / gold_pages if gold_pages else 0.0) if field_name == "headline" else None,
        empty_pages=empty,
        invented=invented,
        invented_rate=invented / empty if empty else None,
    )


def evaluate_pages(
    dataset: str,
    pages: Sequence[Page],
    *,
    peers: bool = True,
    renderer_names: Sequence[str] = (renderers.DEFAULT,),
) -> DatasetResult:
    """Every live system (newsfold only unless ``peers``) on ``pages``, the dump system on the
    dumps of each of ``renderer_names``, scored field by field on all pages and on each site
    half."""
    by_id = {p.id: p for p in pages}
    htmls = {p.id: p.html for p in pages}
    dumps: dict[str, dict[str, str]] = {}
    scores: list[FieldScore] = []
    rates: dict[str, float] = {}
    all_predictions: dict[str, dict[str, Prediction]] = {}
    split = sites.split({p.id: p.site or sites.site_of(p.url or p.id) for p in pages})
    parts: dict[str, dict[str, dict[str, FieldScore]]] = {}
    for name, (kind, extract) in live_systems().items():
        if not peers and not name.startswith("newsfold"):
            continue
        if kind == "html":
            sources = {name: htmls}
        else:
            for r in renderer_names:
                if r not in dumps:
                    dumps[r] = renderers.render_all(r, htmls)
            sources = {renderers.system_name(name, r): dumps[r] for r in renderer_names}
        for system, source in sources.items():

            def run(
                page_id: str,
                extract: Callable[[str, str | None], Prediction] = extract,
                source: dict[str, str] = source,
            ) -> Prediction:
                return extract(source[page_id], by_id[page_id].url)

            start = time.perf_counter()
            predictions, rate = run_timed(run, [(p.id, p.id) for p in pages])
            print(
                f"  {dataset}: {system}: {len(pages)} pages in {time.perf_counter() - start:.1f}s",
                file=sys.stderr,
            )
            rates[system] = rate
            all_predictions[system] = predictions
            scores.extend(score_field(system, f, pages, predictions) for f in FIELDS)
            parts[system] = {
                part: {
                    f: score_field(system, f, [by_id[i] for i in ids], predictions) for f in FIELDS
                }
                for part, ids in split.items()
            }
    return DatasetResult(
        dataset,
        len(pages),
        scores,
        rates,
        all_predictions,
        list(pages),
        parts,
        list(renderer_names),
        split,
        headline_ceilings(pages, dumps, split),
    )


# lines of a dump joined to look for the gold headline in it: a renderer wraps a long heading
HEADLINE_SPAN_LINES = 3


def headline_in_dump(dump: str, gold: str) -> bool:
    """Whether the dump prints the gold headline: a line, or up to ``HEADLINE_SPAN_LINES``
    lines in a row joined, matches it by ``headline_match``. Where it does not (a dump without
    the page's ``<title>`` on a page whose gold is its title bar), no extractor of the dump can
    get the headline right: the share of pages where it does is the dump's ceiling."""
    want = tokens(gold)
    rows = [t for t in map(tokens, dump.splitlines()) if t]
    for i in range(len(rows)):
        joined: list[str] = []
        for row in rows[i : i + HEADLINE_SPAN_LINES]:
            joined = joined + row
            if joined == want or token_f1(joined, want) >= HEADLINE_MIN_F1:
                return True
    return False


def headline_ceilings(
    pages: Sequence[Page], dumps: dict[str, dict[str, str]], split: dict[str, list[str]]
) -> dict[str, dict[str, float | None]]:
    """``{renderer: {"A"|"B"|"all": share of the pages with a gold headline whose dump prints
    it}}`` (``headline_in_dump``)."""
    by_id = {p.id: p for p in pages}
    out: dict[str, dict[str, float | None]] = {}
    for r, texts in dumps.items():
        out[r] = {}
        for part, ids in split.items():
            golds = [(i, by_id[i].headline) for i in ids if by_id[i].headline]
            found = sum(headline_in_dump(texts[i], g) for i, g in golds if g)
            out[r][part] = found / len(golds) if golds else None
    return out


def available_datasets() -> list[str]:
    return [name for name in DATASETS if LOADERS[name][0]()]


def evaluate(
    datasets: Sequence[str] | None = None,
    limit: int | None = None,
    *,
    peers: bool = True,
    renderer_names: Sequence[str] = (renderers.DEFAULT,),
) -> dict[str, DatasetResult]:
    """``{dataset: result}`` for each of ``datasets`` (default: every one whose data is present;
    an absent one is skipped), on the first ``limit`` pages of each when given."""
    results: dict[str, DatasetResult] = {}
    for name in datasets if datasets is not None else DATASETS:
        if name not in LOADERS:
            raise ValueError(f"unknown dataset {name!r}; expected one of {', '.join(DATASETS)}")
        available, load = LOADERS[name]
        if not available():
            continue
        results[name] = evaluate_pages(
            name, load(limit), peers=peers, renderer_names=renderer_names
        )
    return results


# --- L3S-GN1: dates inside the crawl's window, headlines that are not the site's -------------

# L3S-GN1's pages were crawled from Google News in January 2008 (its readme; the latest date any
# page states is of that month): a published date before December 2007 or after mid-February 2008
# is a misread one (day and month the wrong way round, a date of the site's furniture).
L3S_WINDOW = (date(2007, 12, 1), date(2008, 2, 15))
L3S_HEADLINE = 1  # the x-nc-sel label of the headline


@dataclass(frozen=True)
class L3sCheck:
    """One system on L3S-GN1's pages: how many articles it extracts, how many of them have no
    date or a date outside ``L3S_WINDOW``, how many headlines match the annotated headline
    (``sel1``: any of its lines, or all of them, by the headline rule), and how many headlines
    are also another page's headline of the same site: a site or section name."""

    system: str
    pages: int
    articles: int
    no_date: int
    outside_window: int
    headline_pages: int  # pages whose annotation marks a headline
    headline_correct: int
    shared_headline: int
    # the same two counts on each site half (``sites.HALVES``: the page's URL's site)
    headline_pages_by_half: dict[str, int] = field(default_factory=dict)
    headline_correct_by_half: dict[str, int] = field(default_factory=dict)
    # (half, page id, annotated headline, prediction) of each page whose headline is wrong:
    # printed by ``--misses headline``
    headline_misses: list[tuple[str, str, str, str | None]] = field(
        default_factory=list, repr=False
    )
    # ``no_date`` and ``outside_window`` on each site half (``sites.py``): {"A": n, "B": n}
    no_date_halves: dict[str, int] = field(default_factory=dict)
    outside_window_halves: dict[str, int] = field(default_factory=dict)


def l3s_check(renderer_names: Sequence[str], limit: int | None = None) -> list[L3sCheck]:
    """newsfold on L3S-GN1's HTML and on each renderer's dumps (see ``L3sCheck``)."""
    from benchmarks import l3s

    ids = l3s.page_ids(limit=limit)
    urls = l3s.load_urls()
    htmls: dict[str, str] = {}
    headlines: dict[str, list[str]] = {}
    for pid in ids:
        htmls[pid] = l3s.read_page(l3s.DATA_DIR / "original" / f"{pid}.html.gz")
        marked = l3s.labelled_texts(l3s.read_page(l3s.DATA_DIR / "annotated" / f"{pid}.html.gz"))
        lines = [ln for ln in marked[L3S_HEADLINE].splitlines() if ln.strip()]
        headlines[pid] = [*lines, " ".join(lines)] if lines else []
    page_site = {pid: sites.site_of(urls.get(pid) or pid) for pid in ids}
    sources = {"newsfold (html)": ("html", htmls)}
    for r in renderer_names:
        sources[renderers.system_name("newsfold (text dump)", r)] = (
            "text",
            renderers.render_all(r, htmls),
        )
    checks: list[L3sCheck] = []
    for system, (kind, source) in sources.items():
        start = time.perf_counter()
        preds = {pid: _newsfold(source[pid], urls.get(pid), kind) for pid in ids}
        print(
            f"  l3s: {system}: {len(ids)} pages in {time.perf_counter() - start:.1f}s",
            file=sys.stderr,
        )
        extracted = [pid for pid in ids if any(preds[pid].values())]
        days = {pid: calendar_date(preds[pid]["date"]) for pid in extracted}
        marked = [pid for pid in ids if headlines[pid]]
        right = {
            pid
            for pid in marked
            if any(headline_match(preds[pid]["headline"], h) for h in headlines[pid])
        }
        half = {pid: sites.half_of(page_site[pid]) for pid in ids}
        undated = [pid for pid in extracted if days[pid] is None]
        outside = [pid for pid in extracted if _outside_window(days[pid])]
        per_site: Counter[tuple[str, str]] = Counter(
            (page_site[pid], normalise_headline(preds[pid]["headline"]))
            for pid in extracted
            if preds[pid]["headline"]
        )
        checks.append(
            L3sCheck(
                system=system,
                pages=len(ids),
                articles=len(extracted),
                no_date=len(undated),
                outside_window=len(outside),
                headline_pages=len(marked),
                headline_correct=len(right),
                shared_headline=sum(
                    1
                    for pid in extracted
                    if preds[pid]["headline"]
                    and per_site[(page_site[pid], normalise_headline(preds[pid]["headline"]))] > 1
                ),
                headline_pages_by_half=_by_half(marked, half),
                headline_correct_by_half=_by_half(right, half),
                headline_misses=[
                    (half[pid], pid, headlines[pid][-1], preds[pid]["headline"])
                    for pid in marked
                    if pid not in right
                ],
                no_date_halves=_by_half(undated, half),
                outside_window_halves=_by_half(outside, half),
            )
        )
    return checks


def _outside_window(day: date | None) -> bool:
    return day is not None and not L3S_WINDOW[0] <= day <= L3S_WINDOW[1]


def _by_half(pids: Iterable[str], half: dict[str, str]) -> dict[str, int]:
    """How many of ``pids`` lie on each site half (``half``: a page's)."""
    counts = Counter(half[pid] for pid in pids)
    return {h: counts[h] for h in sites.HALVES}


def _l3s_share(check: L3sCheck, part: str) -> float | None:
    """The share of the annotated headlines matched on a site half, or on every page ("all")."""
    if part == "all":
        pages, correct = check.headline_pages, check.headline_correct
    else:
        pages = check.headline_pages_by_half.get(part, 0)
        correct = check.headline_correct_by_half.get(part, 0)
    return correct / pages if pages else None


def print_l3s(checks: Sequence[L3sCheck], misses: bool = False) -> None:
    """The L3S-GN1 table; with ``misses``, each system's pages whose headline is wrong."""
    if not checks:
        return
    print(
        f"L3S-GN1 ({checks[0].pages} pages of January 2008): dates outside "
        f"{L3S_WINDOW[0]} - {L3S_WINDOW[1]}, headlines against the annotated one\n"
    )
    print_rows(
        [
            ("system", 36),
            ("articles", 8),
            ("no date", 7),
            ("outside", 7),
            *sites.part_columns(["headline"], 8),
            ("site's", 6),
        ],
        [
            (
                c.system,
                c.articles,
                c.no_date,
                c.outside_window,
                *(_l3s_share(c, part) for part in sites.PARTS),
                c.shared_headline,
            )
            for c in checks
        ],
    )
    first = checks[0]
    print(
        "(outside: articles dated outside the window; headline: share of the annotated headlines"
        " matched, on site half A, B and all pages ("
        + ", ".join(f"{h}: {first.headline_pages_by_half.get(h, 0)}" for h in sites.HALVES)
        + f", all: {first.headline_pages} with a headline); site's: headlines another page of"
        " the same site also got)\n"
    )
    for c in checks if misses else []:
        print(f"l3s: {c.system}: {len(c.headline_misses)} pages with a wrong headline\n")
        for half, pid, gold, predicted in c.headline_misses:
            print(f"  {half} {pid}\n    gold {gold!r}\n    got  {predicted!r}")
        print()


def print_l3s_date_halves(checks: Sequence[L3sCheck]) -> None:
    """``no_date`` and ``outside_window`` of each system on each site half."""
    if not checks:
        return
    print_rows(
        [("system", 36), ("no date A", 9), ("no date B", 9), ("outside A", 9), ("outside B", 9)],
        [
            (
                c.system,
                c.no_date_halves.get("A"),
                c.no_date_halves.get("B"),
                c.outside_window_halves.get("A"),
                c.outside_window_halves.get("B"),
            )
            for c in checks
        ],
    )
    print("(L3S-GN1's articles with no date or one outside the window, by site half)\n")


# --- report ----------------------------------------------------------------------------------


def print_result(result: DatasetResult) -> None:
    """The dataset's two tables: accuracy where there is a gold value, values where there is none."""
    systems = result.systems()
    print(f"{DATASET_TITLES[result.dataset]} ({result.pages} pages)")
    if not systems:
        print("no system ran\n")
        return
    gold = {f: result.score(systems[0], f) for f in FIELDS}
    print("accuracy on pages with a gold value (headline: F1 >= 0.9; exact: normalised equality)\n")
    accuracy_rows: list[tuple[Any, ...]] = [
        (
            "pages with a gold value",
            gold["headline"].gold_pages,
            "",
            gold["byline"].gold_pages,
            gold["date"].gold_pages,
            "",
        ),
    ]

    def accuracy(system: str, field_name: str) -> float | None:
        score = result.score(system, field_name)
        return score.accuracy if score.gold_pages else None

    for s in systems:
        headline = result.score(s, "headline")
        accuracy_rows.append(
            (
                s,
                accuracy(s, "headline"),
                headline.exact if headline.gold_pages else None,
                accuracy(s, "byline"),
                accuracy(s, "date"),
                fmt(result.pages_per_s[s], ".1f"),
            )
        )
    print_rows(
        [("system", 36), ("headline", 8), ("exact", 6), ("byline", 7), ("date", 6), ("pages/s", 8)],
        accuracy_rows,
    )
    print("\nshare of pages without a gold value where the system gives one (lower is better)\n")
    invented_rows: list[tuple[Any, ...]] = [
        ("pages without a gold value", *(gold[f].empty_pages for f in FIELDS))
    ]
    invented_rows.extend((s, *(result.score(s, f).invented_rate for f in FIELDS)) for s in systems)
    print_rows([("system", 36), ("headline", 8), ("byline", 7), ("date", 6)], invented_rows)
    print()


def half_rows(result: DatasetResult) -> list[tuple[str, list[float | None]]]:
    """The site-half table's rows: the HTML systems, then newsfold on each renderer's dump;
    columns headline, byline and date accuracy, each on A, B and all."""

    def values(system: str) -> list[float | None]:
        parts = result.parts[system]
        return [
            parts[p][f].accuracy if parts[p][f].gold_pages else None
            for f in FIELDS
            for p in sites.PARTS
        ]

    rows = [
        (system, values(system))
        for system in result.parts
        if system == "newsfold (html)" or system.endswith("(live)")
    ]
    rows += [
        (f"text dump: {r}", values(renderers.system_name("newsfold (text dump)", r)))
        for r in result.renderers
        if renderers.system_name("newsfold (text dump)", r) in result.parts
    ]
    return rows


def print_halves(result: DatasetResult) -> dict[str, Any]:
    """Print the site-half table; return the worst renderer of each column for the JSON."""
    if not result.parts:
        return {}
    page_site = {p.id: p.site for p in result.gold}
    counts = sites.describe(page_site, result.split)
    print(f"site halves ({sites.describe_line(counts)}): accuracy on pages with a gold value\n")
    rows = half_rows(result)
    dump_rows = [row for row in rows if row[0].startswith("text dump: ")]
    worst, names = sites.worst_of(dump_rows, [True] * (len(FIELDS) * len(sites.PARTS)))
    table = [(name, *vals) for name, vals in rows]
    table.append(("worst renderer", *worst))
    none = [None] * (len(FIELDS) - 1) * len(sites.PARTS)
    table += [
        (f"headline in dump: {r}", *(shares.get(p) for p in sites.PARTS), *none)
        for r, shares in result.ceilings.items()
    ]
    print_rows([("system", 30), *sites.part_columns(FIELDS, 6)], table)
    if result.ceilings:
        print(
            "(headline in dump: share of the gold headlines the renderer's dump prints, a line"
            " or up to 3 lines in a row: the most a dump's extractor can get)"
        )
    columns = [f"{f} {p}" for f in FIELDS for p in sites.PARTS]
    print(
        "worst renderer: "
        + ", ".join(
            f"{c} {n.removeprefix('text dump: ')}" for c, n in zip(columns, names, strict=True)
        )
        + "\n"
    )
    return {
        column: {"renderer": name.removeprefix("text dump: "), "accuracy": value}
        for column, name, value in zip(columns, names, worst, strict=True)
    }


def misses(
    result: DatasetResult, system: str, field_name: str
) -> list[tuple[str, Page, str | None]]:
    """The pages of ``result`` with a gold ``field_name`` that ``system`` gets wrong, each with
    its site half and the system's prediction, half A first."""
    half = {pid: part for part, ids in result.split.items() if part != "all" for pid in ids}
    match = MATCHERS[field_name]
    found = []
    for page in result.gold:
        gold: str | None = getattr(page, field_name)
        predicted = result.predictions[system].get(page.id, EMPTY).get(field_name)
        if gold is not None and not match(predicted, gold):
            found.append((half.get(page.id, "?"), page, predicted))
    return sorted(found, key=lambda miss: miss[0])


def print_misses(result: DatasetResult, field_name: str) -> None:
    """Each system's misses on ``field_name`` (``misses``): half, page, URL, gold, prediction."""
    for system in result.systems():
        found = misses(result, system, field_name)
        print(f"{result.dataset}: {system}: {len(found)} pages with a wrong {field_name}\n")
        for part, page, predicted in found:
            gold = getattr(page, field_name)
            print(
                f"  {part} {page.id} {page.url or '-'}\n    gold {gold!r}\n    got  {predicted!r}"
            )
        print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each")
    parser.add_argument(
        "--dataset",
        choices=DATASETS,
        action="append",
        help="run only this dataset (repeatable; default: all whose data is present)",
    )
    parser.add_argument(
        "--no-l3s", action="store_true", help="skip the L3S-GN1 date and headline checks"
    )
    parser.add_argument(
        "--no-peers", action="store_true", help="newsfold only (no trafilatura run live)"
    )
    parser.add_argument(
        "--renderers",
        default="all",
        help=(
            "comma-separated text-dump renderers (default all: "
            f"{','.join(renderers.RENDERERS)}; none: the HTML systems only)"
        ),
    )
    parser.add_argument(
        "--misses",
        choices=FIELDS,
        help="list each system's pages where this field is wrong (site half, gold, prediction)",
    )
    args = parser.parse_args(argv)
    try:
        names = [] if args.renderers.strip() == "none" else renderers.parse_names(args.renderers)
        chosen = renderers.select(names)
    except ValueError as e:
        parser.error(str(e))
    wanted: list[str] = args.dataset or list(DATASETS)
    present = [name for name in wanted if LOADERS[name][0]()]
    for name in wanted:
        if name not in present:
            where = READABILITY_DIR if name == "readability" else TRAFILATURA_DIR
            print(f"{name}: benchmark data not found at {where}; skipping")
    if not present:
        print("no metadata benchmark data found; nothing to do")
        return 0
    start = time.perf_counter()
    results = evaluate(present, args.limit, renderer_names=chosen, peers=not args.no_peers)
    from benchmarks import l3s

    checks = [] if args.no_l3s or not l3s.data_present() else l3s_check(chosen, args.limit)
    print("Metadata extraction: headline, byline, published date\n")
    worst: dict[str, dict[str, Any]] = {}
    for name, result in results.items():
        print_result(result)
        worst[name] = print_halves(result)
        if args.misses:
            print_misses(result, args.misses)
    print_l3s(checks, misses=args.misses == "headline")
    print_l3s_date_halves(checks)
    path = write_json(
        "metadata",
        {
            "benchmark": "metadata",
            "limit": args.limit,
            "rules": {"headline_min_f1": HEADLINE_MIN_F1, "byline_max_ratio": BYLINE_MAX_RATIO},
            "renderers": renderers.describe(chosen),
            "datasets": {
                name: {
                    "pages": r.pages,
                    "pages_per_s": r.pages_per_s,
                    "scores": r.scores,
                    "site_split": sites.describe({p.id: p.site for p in r.gold}, r.split),
                    "halves": r.parts,
                    "worst_renderer": worst[name],
                    "headline_in_dump": r.ceilings,
                }
                for name, r in results.items()
            },
            "l3s": {"window": [str(d) for d in L3S_WINDOW], "systems": checks},
        },
    )
    print(f"{time.perf_counter() - start:.1f}s; wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
