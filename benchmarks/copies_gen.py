"""Known variants for the copies benchmark: real articles turned into outlet copies.

Every edit is generated here from rules and word lists written for this benchmark (none of them is
taken from the data): British -> American spelling by suffix rules, abbreviations, punctuation,
case, number formats, word substitutions, sentences and paragraphs added or removed, cuts at a
share of the words, new headlines. Each copy records the edits applied to it, so the labels that
``newsfold.compare`` gives can be checked. Pages are wrapped in generated chrome (site name, menus,
app banners, bylines, related-story teasers, footers), one template per generated outlet, and
rendered as plain-text dumps. Everything is drawn from one ``random.Random(seed)``.
"""

from __future__ import annotations

import gzip
import random
import re
from dataclasses import dataclass, field

from benchmarks.common import SHARED_DATA

BBC_DIR = SHARED_DATA / "bbc-fulltext" / "bbc"
ECB_DIR = SHARED_DATA / "ecbplus" / "ECB+_LREC2014" / "ECB+"

SINGLE_KINDS = (
    "spelling",
    "abbreviation",
    "punctuation",
    "case",
    "number_format",
    "word",
    "sentence_added",
    "sentence_removed",
    "paragraph_added",
    "paragraph_removed",
    "headline",
)
CUTS = (0.75, 0.5, 0.33)


@dataclass(slots=True)
class Source:
    id: str
    headline: str
    paragraphs: list[str]


@dataclass(slots=True)
class Variant:
    family: str
    name: str  # "original", a kind, "cut_0.5", "mixed", "roundup_3", ...
    headline: str
    paragraphs: list[str]
    edits: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, a, b)
    cut: float | None = None
    signoff: bool = False  # set by ``render``: the outlet's boilerplate paragraph follows the text


# --- sources ---------------------------------------------------------------------------------


def load_bbc(limit: int | None = None) -> list[Source]:
    out: list[Source] = []
    for path in sorted(BBC_DIR.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", "replace")
        lines = [ln.strip() for ln in text.splitlines()]
        head = next((ln for ln in lines if ln), "")
        paras = [ln for ln in lines[lines.index(head) + 1 :] if ln]
        if paras:
            out.append(Source(f"bbc/{path.parent.name}/{path.stem}", head, paras))
    return out[:limit] if limit else out


def _detok(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r"\s+([,.;:!?%)\]'])", r"\1", text)
    text = re.sub(r"([(\[$])\s+", r"\1", text)
    text = re.sub(r"\s+'s\b", "'s", text)
    text = re.sub(r"\s+n't\b", "n't", text)
    return re.sub(r'"\s+(.*?)\s+"', r'"\1"', text)


_URL_SENTENCE = re.compile(r"https?\s*:\s*/\s*/")


def load_ecb(limit: int | None = None) -> list[Source]:
    """ECB+ articles: sentence 0 (after a URL line) is the headline, the rest grouped two sentences a paragraph."""
    out: list[Source] = []
    for path in sorted(ECB_DIR.glob("*/*.xml.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            xml = f.read()
        sents: dict[int, list[str]] = {}
        for s, tok in re.findall(r'<token[^>]*sentence="(\d+)"[^>]*>([^<]*)</token>', xml):
            sents.setdefault(int(s), []).append(
                tok.replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'")
            )
        texts = [_detok(sents[k]) for k in sorted(sents)]
        # the ecbplus files open with the page's URL as a sentence: not text of the article
        texts = [t for t in texts if not _URL_SENTENCE.match(t)]
        if len(texts) < 6:
            continue
        paras = [" ".join(texts[i : i + 2]) for i in range(1, len(texts), 2)]
        out.append(Source("ecb/" + path.name.removesuffix(".xml.gz"), texts[0], paras))
    return out[:limit] if limit else out


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def distinct_sources(sources: list[Source], n: int, rng: random.Random) -> list[Source]:
    """``n`` sources none of which shares an 8-word passage with another (the BBC set holds
    duplicates and near duplicates, which would be copies of each other, not negatives)."""
    pool = sources[:]
    rng.shuffle(pool)
    seen: set[tuple[str, ...]] = set()
    chosen: list[Source] = []
    for s in pool:
        w = _words(" ".join(s.paragraphs))
        if len(w) < 120 or len(s.paragraphs) < 4:
            continue
        grams = {tuple(w[i : i + 8]) for i in range(len(w) - 7)}
        if grams & seen:
            continue
        seen |= grams
        chosen.append(s)
        if len(chosen) >= n:
            break
    return chosen


# --- edits -----------------------------------------------------------------------------------

_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"']))\s+(?=[\"']?[A-Z])")
_BRITISH_RULES = (
    (re.compile(r"^(\w{3,})is(e|ed|es|ing|ation|ations)$"), r"\1iz\2"),
    (re.compile(r"^(col|fav|hon|lab|neighb|behavi|harb|vap|hum|rum|arm)our(s|ed|ing|ite|ites)?$"), r"\1or\2"),
    (re.compile(r"^(cent|theat|met|lit|fib)re(s|d)?$"), r"\1er\2"),
    (re.compile(r"^programme(s)?$"), r"program\1"),
    (re.compile(r"^(defen|offen|licen)ce(s)?$"), r"\1se\2"),
    (re.compile(r"^(trave|cance|mode|labe|fue)ll(ed|ing|er|ers)$"), r"\1l\2"),
)  # fmt: skip
# words in -ise that are not the -ize family, as stems ("advis" covers advise, advised...)
_NOT_ISE = ("advis", "exercis", "rais", "promis", "surpris", "compris", "revis", "supervis",
            "televis", "devis", "improvis", "franchis", "merchandis", "enterpris", "expertis",
            "compromis", "advertis", "precis", "concis", "premis", "wis", "nois", "prais", "cruis",
            "aris", "ris", "pois", "demis", "disguis", "despis", "chastis", "excis", "incis",
            "bruis", "appris", "treatis", "paradis", "otherwis", "likewis", "clockwis")  # fmt: skip
_ABBREV = (("US", "U.S."), ("UK", "U.K."), ("EU", "E.U."), ("UN", "U.N."),
           ("New Zealand", "NZ"), ("Mr", "Mr."), ("Mrs", "Mrs."), ("Dr", "Dr."),
           ("per cent", "%"), ("Street", "St."), ("Limited", "Ltd"), ("Company", "Co."))  # fmt: skip
_SYNONYMS = {"said": "stated", "big": "large", "also": "additionally", "people": "individuals",
             "help": "assist", "buy": "purchase", "start": "begin", "very": "highly",
             "show": "demonstrate", "about": "around", "wanted": "wished", "made": "produced",
             "told": "informed", "firm": "company", "biggest": "largest", "rise": "increase",
             "fall": "decline", "plans": "proposals", "month": "period", "think": "believe",
             "expected": "anticipated", "major": "significant", "after": "following",
             "got": "received", "chance": "opportunity", "given": "granted"}  # fmt: skip

_FIRST = ("Amara", "Bruno", "Celia", "Dmitri", "Esther", "Farid", "Greta", "Hamish", "Ines",
          "Jonas", "Kalinda", "Lorenzo", "Maren", "Nadia", "Oskar", "Priya", "Quentin", "Rosa")  # fmt: skip
_LAST = ("Abernathy", "Bellweather", "Castellano", "Drummond", "Eklund", "Fairbanks", "Galloway",
         "Hollis", "Ingram", "Jaworski", "Kettering", "Lindqvist", "Marchetti", "Northcott")  # fmt: skip
_ORGS = ("regional council", "consumer watchdog", "trade association", "union branch",
         "industry group", "university panel", "advisory board", "local chamber of commerce")  # fmt: skip
_NOUNS = ("proposal", "timetable", "budget", "review", "contract", "inquiry", "agreement",
          "forecast", "schedule", "report", "survey", "settlement")  # fmt: skip
_VERBS = ("would be examined", "was still being discussed", "could change", "had been delayed",
          "would be published", "was welcomed", "faced criticism", "remained under review")  # fmt: skip
_MONTHS = ("January", "March", "April", "June", "September", "November")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def gen_sentence(rng: random.Random) -> str:
    forms = (
        lambda: (
            f"A spokesperson for the {rng.choice(_ORGS)} said the {rng.choice(_NOUNS)} "
            f"{rng.choice(_VERBS)} before {rng.choice(_MONTHS)}."
        ),
        lambda: (
            f"{_name(rng)}, who advises the {rng.choice(_ORGS)}, said the "
            f"{rng.choice(_NOUNS)} {rng.choice(_VERBS)} and that {rng.randint(3, 97)} members "
            "had been consulted."
        ),
        lambda: (
            f"According to {_name(rng)}, the {rng.choice(_NOUNS)} {rng.choice(_VERBS)} "
            f"after {rng.randint(2, 19)} weeks of talks with the {rng.choice(_ORGS)}."
        ),
        lambda: (
            f"The {rng.choice(_ORGS)} declined to comment on the {rng.choice(_NOUNS)}, "
            f"but {_name(rng)} said it {rng.choice(_VERBS)}."
        ),
    )
    return rng.choice(forms)()


def gen_paragraph(rng: random.Random) -> str:
    return " ".join(gen_sentence(rng) for _ in range(rng.randint(2, 3)))


def _token_edits(
    paras: list[str], find: re.Pattern[str], change, kind: str, rng: random.Random, n: int
) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Change up to ``n`` matches of ``find`` (in distinct paragraphs where possible)."""
    spots = [(i, m) for i, p in enumerate(paras) for m in find.finditer(p)]
    spots = [(i, m) for i, m in spots if change(m.group(0)) not in (None, m.group(0))]
    rng.shuffle(spots)
    picked: list[tuple[int, re.Match[str]]] = []
    used: set[int] = set()
    for i, m in spots:
        if i not in used and len(picked) < n:
            picked.append((i, m))
            used.add(i)
    out = paras[:]
    edits: list[tuple[str, str, str]] = []
    for i, m in sorted(picked, key=lambda x: (x[0], -x[1].start())):
        new = change(m.group(0))
        out[i] = out[i][: m.start()] + new + out[i][m.end() :]
        edits.append((kind, m.group(0), new))
    return out, edits


def american_spelling(word: str) -> str | None:
    low = word.lower()
    if "is" in low and low.startswith(_NOT_ISE):
        return None
    for pat, rep in _BRITISH_RULES:
        if pat.match(low):
            new = pat.sub(rep, low)
            return new if word.islower() else new.capitalize() if word[0].isupper() else None
    return None


def split_sentences(p: str) -> list[str]:
    """Sentences of a paragraph; a stop after a short capitalised word ("Capt.", "Mr.") or an
    initial does not end one."""
    out: list[str] = []
    for piece in _SENT.split(p):
        if out and re.search(r"\b[A-Z][a-z]{0,3}\.$", out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def apply_kind(
    kind: str, src: Source, rng: random.Random
) -> tuple[str, list[str], list[tuple[str, str, str]]]:
    """One edit kind applied to a source (a few times for token-level kinds)."""
    paras, head = src.paragraphs[:], src.headline
    n = rng.randint(1, 3)
    if len(paras) < 3 and kind.startswith(("sentence_", "paragraph_")):
        return head, paras, []
    if kind == "spelling":
        paras, edits = _token_edits(
            paras, re.compile(r"\b[A-Za-z]+\b"), american_spelling, kind, rng, n
        )
    elif kind == "abbreviation":
        table = dict(_ABBREV)
        pat = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in table) + r")\b(?!\.)")
        paras, edits = _token_edits(paras, pat, lambda s: table.get(s), kind, rng, n)
    elif kind == "punctuation":
        paras, edits = _token_edits(paras, re.compile(r"\w,(?= \w)"), lambda s: s[0], kind, rng, n)
        edits = [(k, ",", "") for k, _, _ in edits]
    elif kind == "case":
        pat = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b")
        paras, edits = _token_edits(paras, pat, str.lower, kind, rng, n)
    elif kind == "number_format":

        def renum(s: str) -> str | None:
            if "," in s:
                return s.replace(",", "")
            return f"{int(s):,}" if len(s) >= 4 and not (1900 <= int(s) <= 2030) else None

        pat = re.compile(
            r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]*\.\d)|(?<![\d.,])\d{4,7}(?![\d.,])"
        )
        paras, edits = _token_edits(paras, pat, renum, kind, rng, n)
    elif kind == "word":
        pat = re.compile(r"\b(?:" + "|".join(_SYNONYMS) + r")\b")
        paras, edits = _token_edits(paras, pat, lambda s: _SYNONYMS.get(s), kind, rng, n)
    elif kind == "sentence_added":
        i = rng.randrange(1, len(paras))
        s = gen_sentence(rng)
        paras[i] = paras[i] + " " + s
        edits = [(kind, "", s)]
    elif kind == "sentence_removed":
        multi = [i for i, p in enumerate(paras[1:], 1) if len(split_sentences(p)) >= 2]
        if not multi:
            return head, paras, []
        i = rng.choice(multi)
        sents = split_sentences(paras[i])
        # remove a whole sentence (six words or more, quotes balanced)
        ok = [
            j
            for j, x in enumerate(sents)
            if len(x.split()) >= 6
            and x.count('"') % 2 == 0
            and not re.search(r"\b[A-Z][a-z]{0,3}\.$", x)
        ]
        if not ok:
            return head, paras, []
        removed = sents.pop(rng.choice(ok))
        if len(" ".join(sents).split()) < 6:
            return head, paras, []
        paras[i] = " ".join(sents)
        edits = [(kind, removed, "")]
    elif kind == "paragraph_added":
        i = rng.randrange(1, len(paras))
        p = gen_paragraph(rng)
        paras.insert(i, p)
        edits = [(kind, "", p)]
    elif kind == "paragraph_removed":
        i = rng.randrange(1, len(paras) - 1)
        edits = [(kind, paras.pop(i), "")]
    elif kind == "headline":
        words = head.split()
        new = rng.choice(
            (
                lambda: f"{' '.join(words[: max(2, len(words) // 2)])}: what we know",
                lambda: f"{_name(rng).split()[1]} says {head[0].lower()}{head[1:]}",
                lambda: f"{head} ({rng.choice(('update', 'analysis', 'report'))})",
            )
        )()
        edits = [(kind, head, new)]
        head = new
    else:
        raise ValueError(kind)
    return head, paras, edits


def cut(paras: list[str], share: float) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Whole paragraphs from the start until ``share`` of the words (at least one)."""
    total = sum(len(p.split()) for p in paras)
    kept: list[str] = []
    n = 0
    for p in paras:
        if kept and n + len(p.split()) > share * total:
            break
        kept.append(p)
        n += len(p.split())
    rest = paras[len(kept) :]
    return kept, ([("truncation", "\n\n".join(rest), "")] if rest else [])


def variants_of(src: Source, rng: random.Random) -> list[Variant]:
    fam = src.id
    out = [Variant(fam, "original", src.headline, src.paragraphs[:])]
    for kind in SINGLE_KINDS:
        head, paras, edits = apply_kind(kind, src, rng)
        if edits:
            out.append(Variant(fam, kind, head, paras, edits))
    for share in CUTS:
        paras, edits = cut(src.paragraphs, share)
        if edits:
            out.append(Variant(fam, f"cut_{share}", src.headline, paras, edits, cut=share))
    # an outlet's usual copy: a new headline, light edits, then a cut to a third
    cur = Source(src.id, src.headline, src.paragraphs)
    mixed: list[tuple[str, str, str]] = []
    for kind in ("spelling", "abbreviation", "word", "headline"):
        head, paras, edits = apply_kind(kind, cur, rng)
        cur = Source(src.id, head, paras)
        mixed += edits
    paras, edits = cut(cur.paragraphs, 0.33)
    out.append(Variant(fam, "mixed_cut_0.33", cur.headline, paras, mixed + edits, cut=0.33))
    return out


def roundups(sources: list[Source], rng: random.Random, every: int = 8) -> list[Variant]:
    """ "In brief" pages each carrying one paragraph of three different stories among writing of
    their own: partial to each, a copy of none, and they must not chain the three together."""
    out: list[Variant] = []
    for k in range(0, len(sources) - 2, every):
        picks = rng.sample(sources, 3)
        paras = [gen_paragraph(rng)]
        for s in picks:
            paras.append(rng.choice(s.paragraphs[:3]))
            paras.append(gen_paragraph(rng))
        out.append(Variant(f"roundup/{k}", "roundup", f"News in brief {k // every + 1}", paras, []))
    return out


# --- pages -----------------------------------------------------------------------------------

_SITE_A = ("Riverside", "Northgate", "Harbourview", "Eastfield", "Summit", "Lakeshore",
           "Westbrook", "Pinecrest", "Granite", "Meadowvale", "Bayside", "Kingsmere")  # fmt: skip
_SITE_B = ("Courier", "Chronicle", "Sentinel", "Dispatch", "Herald", "Observer", "Ledger",
           "Gazette", "Tribune", "Examiner", "Bulletin", "Record")  # fmt: skip
_SECTIONS = ("Home", "News", "World", "Business", "Sport", "Politics", "Tech", "Science",
             "Health", "Culture", "Opinion", "Travel", "Weather", "Video", "Podcasts")  # fmt: skip
_TEASE_A = ("Council approves", "Residents protest", "Minister defends", "Club signs",
            "Researchers find", "Festival returns", "Firm cuts", "Storm closes")  # fmt: skip
_TEASE_B = ("new cycle lanes", "late-night ferry plan", "rail fare freeze", "young striker",
            "link between sleep and diet", "after two-year break", "jobs at coastal plant",
            "mountain pass")  # fmt: skip


@dataclass(slots=True)
class Outlet:
    name: str
    host: str
    menu: str
    banner: str
    footer: list[str]
    signoff: str  # a boilerplate paragraph the outlet prints under some stories


def outlets(n: int, rng: random.Random) -> list[Outlet]:
    out: list[Outlet] = []
    names: set[str] = set()
    while len(out) < n:
        name = f"The {rng.choice(_SITE_A)} {rng.choice(_SITE_B)}"
        if name in names:
            continue
        names.add(name)
        slug = name.lower().removeprefix("the ").replace(" ", "")
        menu = " | ".join(rng.sample(_SECTIONS, rng.randint(6, 10)))
        out.append(
            Outlet(
                name,
                f"www.{slug}.example",
                menu,
                f"Get the {name} app for breaking news alerts and live coverage",
                [
                    f"© 2026 {name}. All rights reserved.",
                    "Privacy policy | Terms of use | Contact us | Advertise with us",
                ],
                f"{name} is committed to accurate reporting. If you have spotted an error in "
                "this story or have information about it, write to our corrections desk; "
                "readers can also follow our live coverage through the day on the app.",
            )
        )
    return out


def render(v: Variant, outlet: Outlet, rng: random.Random) -> str:
    """A plain-text dump of the page the outlet would print for ``v``."""
    lines = [outlet.name, outlet.menu, outlet.banner, "", v.headline, ""]
    lines.append(f"By {_name(rng)}")
    lines.append(f"{rng.randint(1, 28)} {rng.choice(_MONTHS)} 2026, {rng.randint(7, 22)}:00")
    lines.append("")
    for p in v.paragraphs:
        lines += [p, ""]
    v.signoff = rng.random() < 0.4
    if v.signoff:
        lines += [outlet.signoff, ""]
    lines += ["Related stories"]
    for _ in range(3):
        lines.append(f"{rng.choice(_TEASE_A)} {rng.choice(_TEASE_B)}")
    lines += ["", *outlet.footer]
    return "\n".join(lines) + "\n"


def corpus(
    n_bbc: int, n_ecb: int, seed: int = 0, n_outlets: int = 12
) -> tuple[list[tuple[str, str, Variant]], list[Source]]:
    """[(url, dump, variant)] for ``n_bbc`` BBC and ``n_ecb`` ECB+ articles and their copies,
    plus roundup pages; and the sources used."""
    rng = random.Random(seed)
    sources = distinct_sources(load_bbc(), n_bbc, rng) if n_bbc else []
    if n_ecb:
        sources += distinct_sources(load_ecb(), n_ecb, rng)
    sites = outlets(n_outlets, rng)
    pages: list[tuple[str, str, Variant]] = []
    all_variants = [v for s in sources for v in variants_of(s, rng)] + roundups(sources, rng)
    for v in all_variants:
        site = rng.choice(sites)
        slug = re.sub(r"\W+", "-", f"{v.family}-{v.name}").strip("-")
        pages.append((f"https://{site.host}/news/{slug}", render(v, site, rng), v))
    return pages, sources
