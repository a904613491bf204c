"""The commands that write the store: ``fold`` (either engine) and ``check``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import api
from ..api import Limits
from ..records import FoldSummary
from .options import _db_option, _dump, _json_option, _limit_options, _open, _store_exists


@click.command()
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
            earlier = api.rejected_under(store, paths)
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
    if out is None:
        raise click.UsageError("--engine spark needs --out DIR for its Parquet index")
    return api.fold(
        paths,
        db if _store_named(ctx) else None,
        engine="spark",
        out=out,
        base=base,
        outlet=outlet,
        limits=limits,
        master=master,
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


@click.command()
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
