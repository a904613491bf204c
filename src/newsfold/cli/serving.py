"""``newsfold serve``: the HTTP API and the web reader over a store (extra ``[server]``)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .options import _db_option, _open, _store_exists


@click.command()
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
@click.option(
    "--create",
    is_flag=True,
    help="Create the store when its file does not exist (otherwise a missing --db is an error, "
    "so that a mistyped path does not serve a new, empty store).",
)
@click.option(
    "--tz",
    default="UTC",
    show_default=True,
    envvar="NEWSFOLD_TZ",
    metavar="ZONE",
    help="The time zone the reader shows times in (an IANA name: Europe/Paris); a reader may "
    "pick another (?tz=). Default: $NEWSFOLD_TZ, else UTC.",
)
def serve(
    db: str,
    create: bool,
    host: str,
    port: int,
    token_file: Path | None,
    token: str | None,
    allow_hosts: tuple[str, ...],
    tz: str,
) -> None:
    """Serve the store as an HTTP API and a web reader (needs the [server] extra)."""
    from ..server import is_loopback
    from ..server import serve as run_server
    from ..server.guard import parse_hosts

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
    if not create and not _store_exists(db):
        raise click.BadParameter(
            f"no store at {db!r} (give --create to make a new, empty one)", param_hint="--db"
        )
    from ..server.render import zone

    try:
        zone(tz)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--tz") from e
    with _open(db):
        pass  # a store that cannot be opened fails here, before the server starts
    if token is None and not is_loopback(host):
        click.echo(
            f"warning: listening on {host} without a token: POST /pages, /compare and /extract "
            "are refused (set --token-file or NEWSFOLD_TOKEN to allow them)",
            err=True,
        )
    run_server(
        db, host=host, port=port, token=token or None, allowed_hosts=tuple(allow_hosts), tz=tz
    )
