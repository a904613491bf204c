"""The commands that read: ``extract`` and ``compare`` (pages or stored articles), and the
store's ``stories``, ``show``, ``rejected`` and ``teasers``."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import click

from .. import api
from ..api import Store
from ..errors import InputError
from ..records import Article, Rejection
from ..views import story_detail, story_summary
from .options import _db_option, _dump, _json_option, _open, _short


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--url", help="URL of the page (sets its outlet).")
@click.option("--outlet", help="Outlet of the page(s).")
@click.option("--fetched-at", help="When the page was fetched (ISO 8601), for relative times.")
@_json_option
def extract(
    paths: tuple[Path, ...],
    url: str | None,
    outlet: str | None,
    fetched_at: str | None,
    as_json: bool,
) -> None:
    """Extract the article of each page in PATHS, without storing it."""
    results = list(api.extract(paths, outlet=outlet, url=url, fetched_at=fetched_at))
    articles = [r for r in results if isinstance(r, Article)]
    for r in results:
        if isinstance(r, Rejection):
            click.echo(f"rejected: {r.message}", err=True)
    if as_json:
        if len(results) == 1 and articles:
            _dump(articles[0].to_dict())
        else:
            for a in articles:
                _dump(a.to_dict(), indent=None)
    else:
        for a in articles:
            _print_article(a)
    if not articles:
        sys.exit(1)


def _print_article(a: Article) -> None:
    click.secho(a.headline or "(no headline)", bold=True)
    meta = [
        f"outlet: {a.outlet}",
        f"byline: {a.byline}",
        f"credits: {', '.join(a.credits) or '-'}",
        f"published: {a.published}",
        f"updated: {a.updated}",
        f"source: {a.source}",
    ]
    if a.dateline:
        meta.append(
            f"dateline: {a.dateline.place}" + (f", {a.dateline.date}" if a.dateline.date else "")
        )
    click.echo("  " + "\n  ".join(meta))
    click.echo()
    for p in a.paragraphs:
        click.echo(textwrap.fill(p, 100))
        click.echo()
    click.echo(f"[{len(a.removed)} lines removed, {len(a.teasers)} teasers]")
    click.echo()


@click.command()
@click.argument("a")
@click.argument("b")
@_db_option
@_json_option
def compare(a: str, b: str, db: str, as_json: bool) -> None:
    """Compare two pages (files) or two stored articles (ids)."""
    arts = _compare_inputs(a, b, db)
    result = api.compare(*arts)
    if as_json:
        _dump(result)
        return
    click.secho(f"relation: {result['relation']}", bold=True)
    c: dict[str, float] = result["containment"]  # type: ignore[assignment]
    click.echo(f"jaccard {result['jaccard']}, a in b {c['a_in_b']}, b in a {c['b_in_a']}")
    for e in result["edits"]:  # type: ignore[attr-defined]
        click.echo(f"  {e['kind']:<18} {_short(e['a']):<45} -> {_short(e['b'])}")


def _compare_inputs(a: str, b: str, db: str) -> tuple[Article, Article]:
    """Each side a page (a file that exists) or a stored article's id."""
    out: list[Article] = []
    store: Store | None = None
    try:
        for x in (a, b):
            if Path(x).exists():
                try:
                    out.append(api.resolve(Path(x)))
                except InputError as e:
                    raise click.ClickException(e.message) from e
            else:
                store = store or _open(db)
                out.append(api.resolve(x, store))
    finally:
        if store:
            store.close()
    return out[0], out[1]


@click.command()
@_db_option
@_json_option
def stories(db: str, as_json: bool) -> None:
    """List the stories in the store, newest first."""
    with _open(db) as store:
        items = [story_summary(store, s) for s in store.stories()]
    if as_json:
        _dump(items)
        return
    for s in items:
        outlets = sorted({a["outlet"] or "?" for a in s["articles"]})
        click.secho(f"{s['id']}  {s['headline']}", bold=True)
        click.echo(
            f"  {len(s['articles'])} articles from {len(outlets)} outlets: {', '.join(outlets)}"
        )
        for a in s["articles"]:
            click.echo(f"    {a['relation']:<7} {a['outlet'] or '?':<24} {a['source']}")


@click.command()
@click.argument("story_id")
@_db_option
@_json_option
def show(story_id: str, db: str, as_json: bool) -> None:
    """Show one story: its canonical text, each paragraph's sources, its origin, independent
    reports, entities and related stories."""
    with _open(db) as store:
        d = story_detail(store, store.get_story(story_id))
    if as_json:
        _dump(d)
        return
    num = {a["id"]: i + 1 for i, a in enumerate(d["articles"])}
    click.secho(d["headline"] or "(no headline)", bold=True)
    click.echo(f"{d['id']}  published {d['published']}")
    click.echo()
    for p in d["paragraphs"]:
        srcs = ",".join(str(n) for n in sorted(num[s] for s in p["sources"] if s in num))
        click.echo(textwrap.fill(p["text"], 100))
        extra = f"  [{len(p['variants'])} variant readings]" if p["variants"] else ""
        click.secho(f"  — carried by [{srcs}]{extra}", dim=True)
        click.echo()
    click.secho("Sources", bold=True)
    for a in d["articles"]:
        mark = "*" if a["id"] == d["origin"]["article"] else " "
        click.echo(
            f" {mark}[{num[a['id']]}] {a['outlet'] or '?':<24} {a['relation']:<7} "
            f"{a['published'] or '-':<26} {', '.join(a['credits']) or '-':<10} {a['source']}"
        )
    click.secho("Origin", bold=True)
    click.echo(f"  credit: {d['origin']['credit'] or '-'}")
    for ev in d["origin"]["evidence"]:
        click.echo(f"  - {ev}")
    if d["reports"]:
        click.secho("Independent reports", bold=True)
        for a in d["reports"]:
            click.echo(f"  [{num[a['id']]}] {a['outlet'] or '?'}: {a['headline'] or '-'}")
    if any(d["entities"].values()):
        click.secho("Entities", bold=True)
        for kind, items in d["entities"].items():
            if items:
                names = [
                    f"{e['title']} {e['name']}" if e.get("title") else e["name"] for e in items
                ]
                click.echo(f"  {kind}: " + "; ".join(names))
    if d["related"]:
        click.secho("Related stories", bold=True)
        for r in d["related"]:
            click.echo(f"  {r['story']}  {r['headline'] or '-'}")
            click.secho(f"    {r['reason']}", dim=True)


@click.command()
@_db_option
@_json_option
def rejected(db: str, as_json: bool) -> None:
    """List the pages and files that could not be used, with the reason."""
    with _open(db) as store:
        rows = store.rejected()
    if as_json:
        _dump(rows)
        return
    for r in rows:
        click.echo(f"{r['reason']:<12} {r['message']}")


@click.command()
@_db_option
@click.option("--outlet", help="Only this outlet's teasers.")
@_json_option
def teasers(db: str, outlet: str | None, as_json: bool) -> None:
    """List the feed items kept as teasers (a summary, no full text), newest first."""
    with _open(db) as store:
        items, _ = store.teasers(outlet=outlet)
    if as_json:
        _dump([t.to_dict() for t in items])
        return
    for t in items:
        click.secho(f"{t.headline or '(no headline)'}", bold=True)
        click.echo(f"  {t.outlet or '?'}  {t.published or t.updated or '-'}  {t.url or '-'}")
        if t.summary:
            click.echo(textwrap.indent(textwrap.fill(_short(t.summary, 300), 98), "  "))
