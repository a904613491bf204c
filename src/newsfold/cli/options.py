"""What the commands share: the ``--db``, ``--json`` and limit options, printing JSON, opening
the store."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from ..api import Limits, Store, open_store

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


def _short(text: str, n: int = 45) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _store_exists(db: str) -> bool:
    """False for a SQLite store whose file is absent (opening it would make an empty one)."""
    if "://" in db and not db.startswith("sqlite:///"):
        return True
    path = db.removeprefix("sqlite:///")
    return path == ":memory:" or Path(path).exists()
