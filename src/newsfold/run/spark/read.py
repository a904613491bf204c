"""Pages read in parallel: the input files are listed on the driver, each task reads its files
(or one Parquet row group) with the local readers (``read.files.read_file``, ``page_from_record``).

Every item carries an order key (input, file, record) that follows ``read.files.read_paths``'s
order, so when the same page comes twice the first one read is kept, as the local engine keeps it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...read.files import page_from_record, read_file, walk_inputs
from ...read.limits import Limits
from ...records import ReadStats, Rejection

PARQUET_SUFFIX = ".parquet"

OrderKey = tuple[int, int, int]
# what a read task yields: a page, a rejection, a feed teaser (which the Spark engine does not
# keep yet), or the counts of records that are not pages
ReadItem = tuple[OrderKey, Any]


@dataclass(slots=True, frozen=True)
class Task:
    """One unit of reading: a whole file, or one row group of a Parquet file."""

    order: tuple[int, int]
    path: str
    row_group: int = -1  # Parquet only
    first_row: int = 0  # rows of the file before this row group


def _files(path: Path) -> tuple[list[Path], list[Rejection]]:
    """The files to read under ``path``, and a rejection for each thing under it that the local
    readers' walk refuses (a symlink out of the folder, a pipe, an unlistable folder): listed as
    the local engine lists them, never passed over in silence."""
    if not path.is_dir():
        return [path], []
    # the local readers' walk, then the Parquet files it does not know, each in a stable order
    found: list[Path] = []
    refused: list[Rejection] = []
    for x in walk_inputs(path):
        if isinstance(x, Path):
            found.append(x)
        else:
            refused.append(x)
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath) / f for f in sorted(filenames) if f.endswith(PARQUET_SUFFIX)]
    return found, refused


def plan(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Task], list[Rejection]]:
    """The read tasks for ``paths``, and a rejection for each path that does not exist and for
    each thing under a folder that cannot be read."""
    tasks: list[Task] = []
    missing: list[Rejection] = []
    for i, p in enumerate(paths):
        path = Path(p)
        if not path.exists():
            missing.append(Rejection(str(path), "missing", f"{path}: no such file or folder"))
            continue
        files, refused = _files(path)
        missing += refused
        for j, f in enumerate(files):
            if f.name.endswith(PARQUET_SUFFIX):
                tasks += _parquet_tasks((i, j), f)
            else:
                tasks.append(Task((i, j), str(f)))
    return tasks, missing


def _parquet_tasks(order: tuple[int, int], path: Path) -> list[Task]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except (OSError, ValueError):
        # one task that reads it again, where the error becomes the file's rejection
        return [Task(order, str(path), 0, 0)]
    tasks, first = [], 0
    for rg in range(meta.num_row_groups):
        tasks.append(Task(order, str(path), rg, first))
        first += meta.row_group(rg).num_rows
    return tasks


def read_task(task: Task, outlet: str | None, limits: Limits) -> Iterator[ReadItem]:
    i, j = task.order
    if task.row_group == -1:
        stats = ReadStats()
        n = 0
        for n, item in enumerate(read_file(Path(task.path), outlet, limits, stats)):
            yield (i, j, n), item
        if stats.skipped:
            yield (i, j, n + 1), stats.skipped
        return
    yield from _read_row_group(task, outlet, limits)


def _read_row_group(task: Task, outlet: str | None, limits: Limits) -> Iterator[ReadItem]:
    import pyarrow.parquet as pq

    i, j = task.order
    try:
        table = pq.ParquetFile(task.path).read_row_group(task.row_group)
    except (OSError, ValueError) as e:
        yield (i, j, 0), Rejection(task.path, "unreadable", f"{task.path}: cannot read ({e})")
        return
    for n, rec in enumerate(table.to_pylist()):
        row = task.first_row + n + 1
        yield (i, j, row), page_from_record(rec, f"{task.path}#{row}", outlet, limits)


def first_read(a: tuple[OrderKey, Any], b: tuple[OrderKey, Any]) -> tuple[OrderKey, Any]:
    return a if a[0] <= b[0] else b


def total_skipped(counts: Iterable[Counter[str]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for c in counts:
        out.update(c)
    return out
