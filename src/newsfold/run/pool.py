"""The local engine's worker processes: a pool per stage, forked where the platform forks
safely so that workers share the parent's memory (an index, the articles) copy-on-write, each
with its own connection to the store."""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from multiprocessing.context import BaseContext
from typing import Any, cast

from ..store import Store

MAX_WORKERS = 8  # extraction processes by default: one per core, up to this many


def _pool_context() -> BaseContext:
    """Forked workers where the platform forks safely: they start at once and need no
    ``__main__`` guard in the caller's script. A forked worker never touches the store's
    connection it inherits: it only extracts, and exits without closing it."""
    if sys.platform == "linux":
        return get_context("fork")
    return get_context("spawn")


def _worker_init(parent: int) -> None:
    """Pool initializer. A forked worker inherits its parent's heap (a notebook or a
    benchmark may hold a whole crawl in it): ``gc.freeze()`` moves what it inherited out of the
    collector's reach, so that the worker's collections neither walk it nor, by touching it,
    copy its pages. And a worker whose fold is gone (killed with SIGKILL, which runs no
    clean-up) exits within a second, where it would wait for ever on a queue that the other
    workers hold open."""
    gc.freeze()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="newsfold-parent-watch").start()


def _pool(workers: int, context: BaseContext) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)
    )


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


# What a forked worker inherits from the stage that forked it (the index in memory, the
# articles): read, never written, so the pages stay shared with the parent.
_SHARED: dict[str, Any] = {}


def _worker_store() -> Store:
    """The store, through this process's own connection when it is a forked worker (a forked
    process never uses its parent's)."""
    if os.getpid() == _SHARED["pid"]:
        return cast(Store, _SHARED["store"])
    st = _SHARED.get("own_store")
    if st is None:
        st = _SHARED["own_store"] = _SHARED["store"].reopen()
    return cast(Store, st)


def _forked_pool(store: Store, workers: int, **shared: Any) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` processes forked now, so that they share ``shared`` with this one
    (copy-on-write) and each opens its own connection to ``store``; None where one process is
    asked for, where the platform cannot fork, or where the store cannot be opened twice (an
    in-memory SQLite). The work is the same either way: only where it runs changes."""
    _SHARED.clear()
    _SHARED.update(shared, store=store, pid=os.getpid())
    if workers < 2 or sys.platform != "linux" or not store.can_reopen():
        return None
    return _pool(workers, get_context("fork"))
