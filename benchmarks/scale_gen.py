"""A cheap generated crawl for the scale benchmark and the engines' identity test.

Stories are written from a made-up vocabulary (so two different stories share no passage by
chance), each printed by one outlet and copied by up to four others: republished whole, cut,
lightly edited (``copies_gen.apply_kind``) or under a new headline. With ``reports``, that share
of stories also names a person (with a title) and one of a few organisations, and is reported
once more in other words on the same day: a copy group of its own that the event assignment
joins to the story, while the organisations, shared by many stories, relate them. Every page is a plain-text
dump in its outlet's chrome (``copies_gen.outlets``: name, menu, app banner, footer; no shared
sign-off paragraph, which would make every page of an outlet a candidate of every other), written
as JSONL (``{"text", "url"}``). All
of it is drawn from one ``random.Random(seed)``: the same size and seed give the same bytes.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from benchmarks.copies_gen import Outlet, Source, Variant, apply_kind, cut, outlets

_SYLLABLES = ("ka", "lo", "mi", "ter", "van", "dro", "sel", "pu", "ran", "tis", "mor", "bel",
              "quin", "sha", "dor", "vek", "lu", "nar", "fen", "zo", "gal", "rip", "tho", "wen")  # fmt: skip
_EDITS = ("spelling", "word", "headline", "paragraph_removed", "sentence_removed")


def _vocabulary(rng: random.Random, n: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    words = [rng.choice(vocab) for _ in range(rng.randint(9, 16))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _story(rng: random.Random, vocab: list[str], n: int) -> Source:
    paras = [
        " ".join(_sentence(rng, vocab) for _ in range(rng.randint(2, 3)))
        for _ in range(rng.randint(3, 6))
    ]
    head = " ".join(rng.choice(vocab) for _ in range(rng.randint(5, 9))).capitalize()
    return Source(f"story/{n}", head, paras)


def _copy(src: Source, rng: random.Random) -> Variant:
    r = rng.random()
    if r < 0.3:
        return Variant(src.id, "republished", src.headline, src.paragraphs[:])
    if r < 0.5:
        paras, edits = cut(src.paragraphs, rng.choice((0.75, 0.5)))
        return Variant(src.id, "cut", src.headline, paras, edits)
    kind = rng.choice(_EDITS)
    head, paras, edits = apply_kind(kind, src, rng)
    return Variant(src.id, kind, head, paras, edits)


_TITLES = ("Minister", "Senator", "Governor", "Mayor", "Judge", "Director")
_ORG_HEADS = ("Council", "Authority", "Union", "Institute", "Bank", "Commission")


def _name(rng: random.Random, vocab: list[str], words: int) -> str:
    return " ".join(rng.choice(vocab).capitalize() for _ in range(words))


def _mention(rng: random.Random, vocab: list[str], who: str) -> str:
    words = [rng.choice(vocab) for _ in range(rng.randint(6, 10))]
    return f"{who} " + " ".join(words) + "."


def _with_report(
    src: Source, rng: random.Random, vocab: list[str], orgs: list[str]
) -> tuple[Source, Variant, str]:
    """The story naming a person and an organisation, its report in other words (fresh
    sentences naming the same two), and the day both are printed."""
    person = _name(rng, vocab, 2)
    title, org = rng.choice(_TITLES), rng.choice(orgs)

    def naming(paras: list[str]) -> list[str]:
        # the person in every paragraph, first with the title and the organisation
        out = [_mention(rng, vocab, f"{title} {person} of the {org}") + " " + paras[0]]
        return out + [p + " " + _mention(rng, vocab, person) for p in paras[1:]]

    told = Source(src.id, src.headline, naming(src.paragraphs))
    own = naming(
        [" ".join(_sentence(rng, vocab) for _ in range(rng.randint(2, 3))) for _ in range(3)]
    )
    head = f"{person.split()[-1]} " + " ".join(rng.choice(vocab) for _ in range(rng.randint(4, 7)))
    report = Variant(src.id, "report", head, own)
    return told, report, _day(rng)


def _day(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(('March', 'June', 'October'))} 2026"


def render(v: Variant, outlet: Outlet, rng: random.Random, day: str | None = None) -> str:
    day = _day(rng) if day is None else (_day(rng) and day)
    lines = [outlet.name, outlet.menu, outlet.banner, "", v.headline, ""]
    lines += [f"By {rng.choice(_SYLLABLES).capitalize()} {rng.choice(_SYLLABLES)}", day, ""]
    for p in v.paragraphs:
        lines += [p, ""]
    return "\n".join([*lines, *outlet.footer]) + "\n"


def pages(
    n_pages: int, seed: int = 0, n_outlets: int = 40, reports: float = 0.0
) -> Iterator[dict[str, str]]:
    """``n_pages`` JSONL records ``{"text", "url"}``: originals and their copies, and with
    ``reports`` > 0 that share of stories reported again in other words."""
    rng = random.Random(seed)
    # what reports draw comes from a second generator: without them the crawl is as it was
    side = random.Random(seed + 1_000_003)
    vocab = _vocabulary(rng)
    sites = outlets(n_outlets, rng)
    orgs = [f"{_name(side, vocab, 1)} {side.choice(_ORG_HEADS)}" for _ in range(40)]
    made = n = 0
    while made < n_pages:
        src = _story(rng, vocab, n)
        report, day = None, None
        if reports and side.random() < reports:
            src, report, day = _with_report(src, side, vocab, orgs)
        variants = [Variant(src.id, "original", src.headline, src.paragraphs[:])]
        variants += [_copy(src, rng) for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 4)))]
        if report is not None:
            variants.append(report)
        for k, v in enumerate(variants[: n_pages - made]):
            site = rng.choice(sites)
            slug = re.sub(r"\W+", "-", v.headline.lower()).strip("-")[:60]
            text = render(v, site, rng, day)
            yield {"text": text, "url": f"https://{site.host}/{n}-{k}/{slug}"}
            made += 1
        n += 1


def write_corpus(
    folder: Path, n_pages: int, seed: int = 0, per_file: int = 1000, reports: float = 0.0
) -> Path:
    """The generated crawl as JSONL files of ``per_file`` pages under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    records = pages(n_pages, seed, reports=reports)
    for n in range(0, n_pages, per_file):
        with open(folder / f"crawl-{n // per_file:05d}.jsonl", "w", encoding="utf-8") as out:
            for rec in islice(records, per_file):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return folder
