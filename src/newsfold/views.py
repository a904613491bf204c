"""The JSON shapes users script against, built from the store. The CLI, and later the HTTP API
and the web reader, all print these: one place defines them."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from .dates import utc_key as utc_key  # the reader sorts by it too
from .match.compare import explain_paragraphs, word_edits
from .records import Article, Story
from .store import Store
from .store.search import MARK_END, MARK_START
from .store.search import parse_query as parse_query  # the server reads queries with it
from .stories.coverage import coverage, is_copy


def article_ref(a: Article, relation: str, copy_group: str) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": a.outlet,
        "url": a.url,
        "source": a.source,
        "headline": a.headline,
        "published": a.published,
        "relation": relation,
        "copy_group": copy_group,
        "credits": list(a.credits),
    }


def _refs(
    store: Store, story: Story, arts: dict[str, Article] | None = None
) -> list[dict[str, Any]]:
    arts = arts if arts is not None else store.articles([m.article for m in story.members])
    refs = [
        article_ref(arts[m.article], m.relation, m.copy_group)
        for m in story.members
        if m.article in arts
    ]
    order = {"origin": 0, "copy": 1, "partial": 2, "report": 3}
    return sorted(
        refs, key=lambda r: (order.get(r["relation"], 9), utc_key(r["published"]), r["id"])
    )


LEDE_CHARS = 300  # how much of the first paragraph a list item shows


def story_summary(store: Store, story: Story) -> dict[str, Any]:
    """An item of ``newsfold stories --json``: ``outlets`` carrying it, ``first_seen`` (the
    earliest time a copy was published) and ``last_updated`` (the latest published or updated
    time of any copy); ``lede`` (the canonical text's first paragraph, cut at a word near
    ``LEDE_CHARS``), ``credit`` (the wire credit of its origin, else the one its copies name
    most), ``credits`` (every credit its articles name), and ``copies`` and ``reports`` counted
    apart (``articles`` lists both)."""
    arts = store.articles([m.article for m in story.members])
    first, last = _seen(arts.values())
    named = Counter(c for a in arts.values() for c in dict.fromkeys(a.credits) if c)
    credit = story.origin.credit or (min(named, key=lambda c: (-named[c], c)) if named else None)
    reports = sum(m.relation == "report" for m in story.members if m.article in arts)
    return {
        "id": story.id,
        "headline": story.headline,
        "published": story.published,
        "outlets": sorted({a.outlet for a in arts.values() if a.outlet}),
        "first_seen": first or story.published,
        "last_updated": last or story.published,
        "articles": _refs(store, story, arts),
        "lede": lede(story.paragraphs[0].text) if story.paragraphs else None,
        "credit": credit,
        "credits": sorted(named),
        "copies": len(arts) - reports,
        "reports": reports,
    }


def lede(text: str, limit: int = LEDE_CHARS) -> str:
    """``text`` on one line, cut at the last word before ``limit`` characters (with "…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:") + "…"


def snippet(raw: str | None) -> dict[str, Any] | None:
    """A search snippet as the store gives it (matches between ``MARK_START`` and
    ``MARK_END``) as ``{"text", "marks": [{"start", "end"}]}``: plain text and where the
    matches lie in it, so that no page text ever reaches a page as markup. Headlines and
    paragraphs in it are parted by " · "."""
    if raw is None:
        return None
    # the index keeps one headline or paragraph a line: show where one ends and the next begins
    raw = " ".join(" · ".join(line for line in raw.split("\n") if line.strip()).split())
    text: list[str] = []
    marks: list[dict[str, int]] = []
    at = 0
    start: int | None = None
    for ch in raw:
        if ch == MARK_START:
            start = at
        elif ch == MARK_END:
            if start is not None and at > start:
                marks.append({"start": start, "end": at})
            start = None
        else:
            text.append(ch)
            at += 1
    return {"text": "".join(text), "marks": marks}


CSV_COLUMNS = (
    "id",
    "headline",
    "published",
    "first_seen",
    "last_updated",
    "copies",
    "reports",
    "outlets",
    "credit",
    "lede",
    "snippet",
)


def csv_cell(value: Any) -> Any:
    """One cell as a spreadsheet may read it safely: text that starts with ``=``, ``+``,
    ``-``, ``@`` (or a tab or carriage return) is a formula to Excel and LibreOffice, so it
    takes a leading ``'`` (OWASP's advice on CSV injection); numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def rows_csv(items: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """List items as CSV: a header of ``columns``, one row an item, every cell passed through
    ``csv_cell``."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(columns)
    for item in items:
        w.writerow([csv_cell(item.get(c)) for c in columns])
    return out.getvalue()


def summaries_csv(items: Iterable[dict[str, Any]]) -> str:
    """List items (``story_summary``, with ``snippet`` in search results) as CSV: a header of
    ``CSV_COLUMNS``, one row an item, every cell passed through ``csv_cell``."""
    rows = []
    for item in items:
        row = dict(item)
        row["outlets"] = "; ".join(item.get("outlets") or [])
        snip = item.get("snippet")
        row["snippet"] = snip["text"] if isinstance(snip, dict) else None
        rows.append(row)
    return rows_csv(rows, CSV_COLUMNS)


def _seen(articles: Iterable[Article]) -> tuple[str | None, str | None]:
    arts = list(articles)
    published = [a.published for a in arts if a.published and utc_key(a.published) != "~"]
    touched = published + [a.updated for a in arts if a.updated and utc_key(a.updated) != "~"]
    first = min(published, key=utc_key) if published else None
    last = max(touched, key=utc_key) if touched else None
    return first, last


def story_detail(store: Store, story: Story) -> dict[str, Any]:
    """``newsfold show ID --json``: the story with ``reports`` (its independent reports, as in
    ``articles``), ``entities`` and ``related`` stories; ``counts`` (``copies``, ``reports``,
    ``outlets`` carrying a copy), each paragraph's ``copies`` (how many of the story's copies
    carry it: reports are written apart and are no paragraph's denominator), and ``coverage``
    (see ``newsfold.stories.coverage``)."""
    arts = store.articles([m.article for m in story.members])
    refs = _refs(store, story, arts)
    d = story.to_dict()
    copy_ids = {m.article for m in story.members if is_copy(m.relation) and m.article in arts}
    for p in d["paragraphs"]:
        p["copies"] = sum(1 for s in p["sources"] if s in copy_ids)
    cov = coverage(story, arts)
    return {
        "id": story.id,
        "headline": story.headline,
        "headlines": d["headlines"],
        "published": story.published,
        "paragraphs": d["paragraphs"],
        "articles": refs,
        "origin": d["origin"],
        "reports": [r for r in refs if r["relation"] == "report"],
        "entities": d["entities"],
        "related": d["related"],
        "counts": {"copies": cov["copies"], "reports": cov["reports"], "outlets": cov["outlets"]},
        "coverage": cov,
    }


def article_detail(store: Store, article: Article) -> dict[str, Any]:
    """``GET /articles/{id}``: the article as ``newsfold extract --json`` prints it, plus the
    story it is in (``story``: id, headline, relation, copy group; null when in none) and its
    ``diff`` against that story's canonical text. ``diff`` is null when the article is in no
    story, and for an independent report (``story.relation`` ``"report"``, ``is_report``
    true): a report was written apart from the wire text, so its differences from it are no
    edits."""
    d = article.to_dict()
    d["story"] = None
    d["diff"] = None
    d["is_report"] = False
    story_id = store.story_of([article.id]).get(article.id)
    if story_id is None:
        return d
    story = store.get_story(story_id)
    member = next((m for m in story.members if m.article == article.id), None)
    d["story"] = {
        "id": story.id,
        "headline": story.headline,
        "relation": member.relation if member else None,
        "copy_group": member.copy_group if member else None,
    }
    if member is not None and not is_copy(member.relation):
        d["is_report"] = True
        return d
    d["diff"] = canonical_diff([p.text for p in story.paragraphs], story.headline, article)
    return d


def canonical_diff(
    canonical: Sequence[str], headline: str | None, article: Article
) -> dict[str, Any]:
    """The canonical text (side ``a``) beside the article (side ``b``), paragraph by paragraph
    as ``newsfold.compare`` aligns them. Each row holds a paragraph of either side or both, its
    classified edits, and ``marks``: where each edit's reading lies in each side's text."""
    ex = explain_paragraphs(list(canonical), article.paragraphs, headline, article.headline)
    cut_a = {t for e in ex.edits if e.kind == "truncation" for t in e.a.split("\n\n") if t}
    cut_b = {t for e in ex.edits if e.kind == "truncation" for t in e.b.split("\n\n") if t}
    rows: list[dict[str, Any]] = []
    i = j = 0

    def only(a: str | None, b: str | None) -> None:
        text = a if a is not None else b
        if a is not None:
            kind = "truncation" if a in cut_a else "paragraph_removed"
        else:
            kind = "truncation" if b in cut_b else "paragraph_added"
        rows.append(_row(a, b, kind, [{"kind": kind, "a": a or "", "b": b or ""}] if text else []))

    for pi, pj, _ in ex.pairs:
        while i < pi:
            only(canonical[i], None)
            i += 1
        while j < pj:
            only(None, article.paragraphs[j])
            j += 1
        a, b = canonical[pi], article.paragraphs[pj]
        edits = [] if a == b else [{"kind": e.kind, "a": e.a, "b": e.b} for e in word_edits(a, b)]
        rows.append(_row(a, b, "same" if a == b else "edited", edits))
        i, j = pi + 1, pj + 1
    for k in range(i, len(canonical)):
        only(canonical[k], None)
    for k in range(j, len(article.paragraphs)):
        only(None, article.paragraphs[k])
    return {
        "edits": [{"kind": e.kind, "a": e.a, "b": e.b} for e in ex.edits],
        "rows": rows,
    }


def _row(a: str | None, b: str | None, kind: str, edits: list[dict[str, str]]) -> dict[str, Any]:
    whole = kind not in ("same", "edited")
    return {
        "a": a,
        "b": b,
        "kind": kind,
        "edits": edits,
        "marks": {
            "a": [{"start": 0, "end": len(a), "kind": kind}]
            if whole and a
            else edit_marks(a or "", [(e["a"], e["kind"]) for e in edits]),
            "b": [{"start": 0, "end": len(b), "kind": kind}]
            if whole and b
            else edit_marks(b or "", [(e["b"], e["kind"]) for e in edits]),
        },
    }


def edit_marks(text: str, readings: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Where each edit's reading (in order, as ``word_edits`` gives them) lies in ``text``:
    ``[{"start", "end", "kind"}]``. A reading that cannot be found (the edit list spaces
    punctuation differently) is left unmarked rather than guessed."""
    marks: list[dict[str, Any]] = []
    at = 0
    for reading, kind in readings:
        if not reading:
            continue
        # a whole word or phrase: "ten" is not the "ten" of "often"
        pattern = (
            (r"(?<!\w)" if reading[0].isalnum() else "")
            + re.escape(reading)
            + (r"(?!\w)" if reading[-1].isalnum() else "")
        )
        m = re.compile(pattern).search(text, at)
        if m is None:
            continue
        marks.append({"start": m.start(), "end": m.end(), "kind": kind})
        at = m.end()
    return marks
