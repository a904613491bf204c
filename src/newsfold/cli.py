"""The ``newsfold`` command: each subcommand is a thin wrapper over one library call."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

import click

from . import api
from .errors import NewsfoldError
from .match.compare import compare_articles
from .read.inputs import source_name
from .read.limits import Limits
from .records import Article, FoldSummary, Rejection
from .store import Store, open_store
from .views import story_detail, story_summary

DB_HELP = "Store: a SQLite file or URL (sqlite:///path). Default: $NEWSFOLD_DB or newsfold.db."


def _db_option(f: Any) -> Any:
    return click.option(
        "--db",
        default=lambda: os.environ.get("NEWSFOLD_DB", "newsfold.db"),
        show_default="newsfold.db",
        help=DB_HELP,
    )(f)


def _json_option(f: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(f)


# flag name -> (Limits field, help); the defaults are Limits' own
LIMIT_FLAGS = {
    "--max-page-bytes": (
        "max_page_bytes",
        "Largest page, in characters; a larger one is rejected.",
    ),
    "--max-file-bytes": (
        "max_file_bytes",
        "Largest file once decompressed, in bytes; decompression stops there and the file is "
        "rejected.",
    ),
    "--max-line-chars": (
        "max_line_chars",
        "Longest line of a text dump, in characters; a page with a longer one is rejected.",
    ),
    "--max-lines": ("max_lines", "Most lines in a text dump; a longer dump is rejected."),
    "--max-depth": (
        "max_depth",
        "Deepest nesting of HTML elements; a deeper page is rejected.",
    ),
}


def _limit_options(f: Any) -> Any:
    defaults = Limits()
    for flag, (name, help_text) in reversed(LIMIT_FLAGS.items()):
        f = click.option(
            flag,
            name,
            type=click.IntRange(min=1),
            default=getattr(defaults, name),
            show_default=True,
            help=help_text,
        )(f)
    return f


def _dump(obj: Any, indent: int | None = 2) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=indent))


def _open(db: str) -> Store:
    return open_store(db)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsfoldError as e:
            raise click.ClickException(str(e)) from e


@click.group(cls=_Group)
@click.version_option(package_name="newsfold")
def main() -> None:
    """Fold every copy of a news story into one clean, sourced story."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_db_option
@click.option("--outlet", help="Outlet of bare text files (default: their folder's name).")
@_limit_options
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=256,
    show_default=True,
    help="Pages per committed batch in each stage.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for extraction, matching and stories [default: one per core, up to 8].",
)
@click.option(
    "--embed",
    is_flag=True,
    help="Weigh sentence embeddings when grouping reports into events (extra [embed]); the "
    "store keeps using them in later folds.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: this process, into the store. spark: Spark jobs (extra [spark]) into a "
    "Parquet index under --out, and into the store when --db is given.",
)
@click.option("--master", help="Spark master URL (default: local[*], or the session's).")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Spark: folder for the Parquet index of the results.",
)
@click.option(
    "--base",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Spark: an earlier fold's --out to fold the new pages against (incremental).",
)
@_json_option
@click.pass_context
def fold(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    db: str,
    outlet: str | None,
    batch_size: int,
    workers: int | None,
    embed: bool,
    engine: str,
    master: str | None,
    out: Path | None,
    base: Path | None,
    as_json: bool,
    **limit_values: int,
) -> None:
    """Ingest PATHS, extract articles, find copies and build stories into the store.

    Exit status: 0 when every input was used, 3 when the run completed but rejected some
    (listed on stderr and by `newsfold rejected`), or the store holds rejections of inputs
    under PATHS from an earlier run (a resumed fold), 1 when an error stopped it."""
    limits = Limits(**limit_values)
    earlier = 0  # rejections of inputs under PATHS the store held from an earlier run
    if engine == "spark":
        if embed:
            raise click.UsageError("--embed is for the local engine (Spark assigns events without)")
        summary = _fold_spark(ctx, paths, db, outlet, limits, master, out, base)
    else:
        for name, value in (("--master", master), ("--out", out), ("--base", base)):
            if value is not None:
                raise click.UsageError(f"{name} is for --engine spark")
        bar = _Progress(enabled=sys.stderr.isatty())
        with _open(db) as store:
            summary = api.fold(
                paths,
                store,
                outlet=outlet,
                limits=limits,
                progress=bar,
                batch_size=batch_size,
                workers=workers,
                embed=embed,
                on_wait=_say_waiting,
            )
            earlier = _rejected_under(store, paths)
        bar.close()
        _warn_invariant(summary)
    for r in summary.rejected:
        click.echo(f"rejected: {r.message}", err=True)
    if as_json:
        d = summary.to_dict()
        if engine == "spark":
            d["engine"], d["out"] = "spark", str(out)
        _dump(d)
    else:
        held = "index" if engine == "spark" and not _store_named(ctx) else "store"
        _print_fold_summary(summary, held)
    if earlier and not summary.rejected:
        click.echo(
            f"rejected: {earlier} input(s) under these paths, in an earlier run of this fold"
            " (see `newsfold rejected`)",
            err=True,
        )
    if summary.rejected or earlier:
        sys.exit(EXIT_REJECTED)


EXIT_REJECTED = 3  # the fold completed; some inputs were rejected (in this run, or held)
EXIT_VIOLATIONS = 4  # `check` found the store breaking an invariant


def _say_waiting(message: str) -> None:
    click.echo(message, err=True)


def _warn_invariant(summary: FoldSummary) -> None:
    """A line on stderr when the check after the fold found (and repaired) violations."""
    inv = summary.invariant
    if inv is None or not inv.violations:
        return
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(inv.to_dict()["kinds"].items()))
    state = "repaired" if inv.ok else f"{len(inv.remaining)} remain"
    click.echo(f"store check: {len(inv.violations)} violations ({kinds}); {state}", err=True)


def _rejected_under(store: Store, paths: tuple[Path, ...]) -> int:
    """How many rejections the store holds of inputs under ``paths``: a fold resumed after
    one that was killed reads again only what it had not stored, so its rejections of what it
    had are in the store alone, and still the fold's."""
    roots = [os.path.abspath(source_name(p)) for p in paths]

    def under(source: str) -> bool:
        name, sep, n = source.rpartition("#")
        path = os.path.abspath(name if sep and n.isdigit() else source)
        return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    return sum(1 for r in store.rejected() if under(r["source"]))


def _store_named(ctx: click.Context) -> bool:
    """Whether a store was named (--db or $NEWSFOLD_DB): Spark writes one only then."""
    given = ctx.get_parameter_source("db") is not click.core.ParameterSource.DEFAULT
    return given or "NEWSFOLD_DB" in os.environ


def _fold_spark(
    ctx: click.Context,
    paths: tuple[Path, ...],
    db: str,
    outlet: str | None,
    limits: Limits,
    master: str | None,
    out: Path | None,
    base: Path | None,
) -> FoldSummary:
    from .run import spark

    if out is None:
        raise click.UsageError("--engine spark needs --out DIR for its Parquet index")
    if not _store_named(ctx):
        return spark.fold(paths, out, base=base, outlet=outlet, limits=limits, master=master)
    with _open(db) as store:
        return spark.fold(
            paths, out, base=base, store=store, outlet=outlet, limits=limits, master=master
        )


def _print_fold_summary(summary: FoldSummary, held: str = "store") -> None:
    d = summary.to_dict()
    click.echo(
        f"added {d['added']} pages; {held} holds {d['pages']} pages, {d['articles']} articles, "
        f"{d['copy_groups']} copy groups, {d['stories']} stories; {d['rejected']} rejected"
        f" ({d['rejected_this_run']} in this run)"
    )
    if summary.teasers:
        click.echo(
            f"kept {d['teasers_added']} new feed teasers ({d['teasers_this_run']} read);"
            f" store holds {d['teasers']}"
        )
    if summary.read.skipped:
        skipped = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.read.skipped.items()))
        click.echo(f"skipped records that are not pages: {skipped}")


class _Progress:
    """A progress line on stderr, only when it is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.done: dict[str, int] = {}

    def __call__(self, stage: str, n: int) -> None:
        self.done[stage] = self.done.get(stage, 0) + n
        if self.enabled:
            parts = ", ".join(f"{k} {v}" for k, v in self.done.items())
            click.echo(f"\r{parts}", nl=False, err=True)

    def close(self) -> None:
        if self.enabled and self.done:
            click.echo("", err=True)


@main.command()
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


@main.command()
@click.argument("a")
@click.argument("b")
@_db_option
@_json_option
def compare(a: str, b: str, db: str, as_json: bool) -> None:
    """Compare two pages (files) or two stored articles (ids)."""
    arts = _compare_inputs(a, b, db)
    result = compare_articles(*arts)
    if as_json:
        _dump(result)
        return
    click.secho(f"relation: {result['relation']}", bold=True)
    c: dict[str, float] = result["containment"]  # type: ignore[assignment]
    click.echo(f"jaccard {result['jaccard']}, a in b {c['a_in_b']}, b in a {c['b_in_a']}")
    for e in result["edits"]:  # type: ignore[attr-defined]
        click.echo(f"  {e['kind']:<18} {_short(e['a']):<45} -> {_short(e['b'])}")


def _short(text: str, n: int = 45) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _compare_inputs(a: str, b: str, db: str) -> tuple[Article, Article]:
    out: list[Article] = []
    store: Store | None = None
    try:
        for x in (a, b):
            if Path(x).exists():
                got = [r for r in api.extract([x])]
                arts = [r for r in got if isinstance(r, Article)]
                if not arts:
                    msg = got[0].message if got and isinstance(got[0], Rejection) else "no article"
                    raise click.ClickException(msg)
                out.append(arts[0])
            else:
                store = store or _open(db)
                out.append(store.get_article(x))
    finally:
        if store:
            store.close()
    return out[0], out[1]


@main.command()
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


@main.command()
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


@main.command()
@_db_option
@click.option(
    "--repair",
    is_flag=True,
    help="Rebuild what breaks an invariant: the stories involved are built again from their "
    "articles (as a fold builds them), dangling aliases are dropped; then check again.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for the rebuild [default: one per core, up to 8].",
)
@_json_option
def check(db: str, repair: bool, workers: int | None, as_json: bool) -> None:
    """Check the store's invariants: every article that reached the stories stage is in
    exactly one story, every story's members exist and match its members list, the members of
    a copy group are in one story under its id, every alias names a stored story.

    Without --repair nothing is changed. Every fold runs this check at its end and repairs
    what it finds (`fold --json`: key `invariant`). A fold in progress is waited for.

    Exit status: 0 when the store holds to every invariant, 4 when violations were found
    (with --repair: also when all were repaired; a second run then exits 0), 1 when an error
    stopped it."""
    if not _store_exists(db):
        raise click.ClickException(f"{db}: no store there")
    report = api.check(db, repair=repair, workers=workers, on_wait=_say_waiting)
    if as_json:
        _dump(report.to_dict())
    else:
        for v in report.violations:
            click.echo(f"{v.kind:<16} {v.message}")
        if not report.violations:
            click.echo(f"{db}: ok")
        elif report.repaired:
            left = len(report.remaining)
            click.echo(f"{len(report.violations)} violations found; repaired, {left} remain")
        else:
            click.echo(f"{len(report.violations)} violations found (newsfold check --repair)")
    if report.violations:
        sys.exit(EXIT_VIOLATIONS)


def _store_exists(db: str) -> bool:
    """False for a SQLite store whose file is absent (opening it would make an empty one)."""
    if "://" in db and not db.startswith("sqlite:///"):
        return True
    path = db.removeprefix("sqlite:///")
    return path == ":memory:" or Path(path).exists()


@main.command()
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


@main.command()
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


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NEWSFOLD_TOKEN_FILE",
    help="File holding the token that write requests (POST /pages) must send as "
    "'Authorization: Bearer TOKEN' (and, beyond loopback, POST /compare and /extract). "
    "Default: $NEWSFOLD_TOKEN_FILE.",
)
@click.option(
    "--token",
    envvar="NEWSFOLD_TOKEN",
    help="The token itself. Default: $NEWSFOLD_TOKEN. On the command line it is visible to "
    "every user of the machine (ps): prefer $NEWSFOLD_TOKEN or --token-file. Beyond loopback, "
    "writes are refused without a token.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    envvar="NEWSFOLD_ALLOW_HOSTS",
    metavar="NAME[:PORT]",
    help="A Host name to answer besides the loopback ones (repeatable; '*.example.org' for its "
    "subdomains, '*' for any). Default: $NEWSFOLD_ALLOW_HOSTS (space- or comma-separated). "
    "Beyond loopback with none given, IP addresses are answered and names refused.",
)
def serve(
    db: str,
    host: str,
    port: int,
    token_file: Path | None,
    token: str | None,
    allow_hosts: tuple[str, ...],
) -> None:
    """Serve the store as an HTTP API and a web reader (needs the [server] extra)."""
    from .server import is_loopback
    from .server import serve as run_server
    from .server.guard import parse_hosts

    ctx = click.get_current_context()
    token_source = ctx.get_parameter_source("token")
    if token is not None and token_file is not None:
        given = (
            "--token"
            if token_source == click.core.ParameterSource.COMMANDLINE
            else ("$NEWSFOLD_TOKEN")
        )
        raise click.UsageError(f"give the token one way: both {given} and --token-file are set")
    if token_file is not None:
        try:
            token = token_file.read_text("utf-8").strip()
        except (OSError, UnicodeDecodeError) as e:
            raise click.BadParameter(
                f"cannot read {token_file}: {e}", param_hint="--token-file"
            ) from e
        if not token:
            raise click.BadParameter(f"{token_file} is empty", param_hint="--token-file")
        if hasattr(os, "getuid") and token_file.stat().st_mode & 0o077:
            click.echo(f"warning: {token_file} can be read by other users (chmod 600 it)", err=True)
    elif token is not None and not token.strip():
        raise click.BadParameter("the token is empty", param_hint="--token")
    elif token is not None and token_source == click.core.ParameterSource.COMMANDLINE:
        click.echo(
            "warning: a --token on the command line is visible to other users (ps); "
            "prefer $NEWSFOLD_TOKEN or --token-file",
            err=True,
        )
    try:
        parse_hosts(allow_hosts)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--allow-host") from e
    with _open(db):
        pass  # a store that cannot be opened fails here, before the server starts
    if token is None and not is_loopback(host):
        click.echo(
            f"warning: listening on {host} without a token: POST /pages, /compare and /extract "
            "are refused (set --token-file or NEWSFOLD_TOKEN to allow them)",
            err=True,
        )
    run_server(db, host=host, port=port, token=token or None, allowed_hosts=tuple(allow_hosts))
