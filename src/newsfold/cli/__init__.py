"""The ``newsfold`` command: each subcommand is a thin wrapper over one library call."""

from __future__ import annotations

from typing import Any

import click

from ..errors import NewsfoldError
from .folding import check, fold
from .reading import compare, extract, rejected, show, stories, teasers
from .serving import serve


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


main.add_command(fold)
main.add_command(check)
main.add_command(extract)
main.add_command(compare)
main.add_command(stories)
main.add_command(show)
main.add_command(rejected)
main.add_command(teasers)
main.add_command(serve)
