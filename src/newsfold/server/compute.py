"""``POST /extract`` and ``POST /compare`` with bounded work: each request's work runs in a
child process that is killed when it runs past the time limit, and a comparison of texts larger
than the caps is refused before it starts.

Why a process: comparison aligns every paragraph of one text with every paragraph of the other
(its cost grows with their product: two texts of 1,000 paragraphs took 0.9 s here, of 2,000
paragraphs 3.6 s, and two 2.4 MB texts 94-119 s), and its word diff is quadratic on texts of few
distinct words (5,000 words of three distinct ones took 3.4 s). A thread cannot be stopped; a
process can. At most ``slots`` of them run at once; a request that finds none free within the
time limit is answered 503.

This module imports no web framework: the process server preloads it.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import types
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from .. import api
from ..api import Limits
from ..errors import InputError
from ..records import Article, Page

_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
_CONTEXT: Any = multiprocessing.get_context(_METHOD)
if _METHOD == "forkserver":
    # the process server imports this module and warms what extraction loads on first use
    # (_warm), so that every worker forked from it starts with all it needs
    _CONTEXT.set_forkserver_preload([__name__, "newsfold.server._warm"])
_START_LOCK = threading.Lock()

# A fresh worker process is given this long to start (the first one starts the process server,
# which imports newsfold) before the request's own time limit begins.
START_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class ComputeLimits:
    """How much one ``/extract`` or ``/compare`` may cost: ``seconds`` of work (the worker is
    killed then), and per compared text at most ``max_words`` words and ``max_paragraphs``
    paragraphs (the alignment's cost is the product of the two texts' paragraph counts)."""

    seconds: float = 10.0
    max_words: int = 100_000
    max_paragraphs: int = 1_000
    slots: int = 2


class TooLong(Exception):
    """A text over a cap: answered 422 with ``code``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class TooSlow(Exception):
    pass


class Busy(Exception):
    pass


# -- the work (in the child) -------------------------------------------------------------------
def page_of(line: str, source: str, limits: Limits) -> Page:
    return api.read_record(line, source, limits)


def article_of(page: Page) -> Article:
    return api.resolve(page)


def extract_record(line: str, source: str, limits: Limits) -> dict[str, Any]:
    return article_of(page_of(line, source, limits)).to_dict()


Side = tuple[str, Any]  # ("article", Article) or ("record", (line, source))


def compare_sides(a: Side, b: Side, limits: Limits, caps: ComputeLimits) -> dict[str, object]:
    arts: list[Article] = []
    for name, (kind, value) in (("a", a), ("b", b)):
        art = value if kind == "article" else article_of(page_of(value[0], value[1], limits))
        check_size(name, art, caps)
        arts.append(art)
    return api.compare(arts[0], arts[1])


def check_size(name: str, article: Article, caps: ComputeLimits) -> None:
    paragraphs = len(article.paragraphs)
    if paragraphs > caps.max_paragraphs:
        raise TooLong(
            "too_many_paragraphs",
            f"{name}: {paragraphs:,} paragraphs; a comparison takes at most "
            f"{caps.max_paragraphs:,} a text",
        )
    words = sum(len(p.split()) for p in article.paragraphs)
    if words > caps.max_words:
        raise TooLong(
            "too_many_words",
            f"{name}: {words:,} words; a comparison takes at most {caps.max_words:,} a text",
        )


TASKS: dict[str, Callable[..., Any]] = {"extract": extract_record, "compare": compare_sides}


def _child(conn: Connection, task: str, args: tuple[Any, ...]) -> None:
    conn.send(("started",))
    try:
        out: tuple[Any, ...] = ("ok", TASKS[task](*args))
    except InputError as e:
        out = ("input_error", e.source, e.reason, e.message)
    except TooLong as e:
        out = ("too_long", e.code, e.message)
    except Exception as e:  # the parent answers 500; the message stays in the log
        out = ("error", f"{type(e).__name__}: {str(e)[:500]}")
    conn.send(out)
    conn.close()


# -- running it (in the server) ----------------------------------------------------------------
class Runner:
    """Runs tasks in killable worker processes, at most ``limits.slots`` at a time, with as
    many more waiting for a slot; beyond that a request is ``Busy`` at once. Each caller holds
    one of the server's threads while it runs or waits: a burst of requests must not take
    them all, or every other route would queue behind it."""

    def __init__(self, limits: ComputeLimits) -> None:
        self.limits = limits
        slots = max(1, limits.slots)
        self._slots = threading.BoundedSemaphore(slots)
        self._admitted = threading.BoundedSemaphore(2 * slots)  # running or waiting

    def run(self, task: str, *args: Any) -> Any:
        """The task's result. Raises ``Busy`` (too many waiting, or no slot free within the
        time limit), ``TooSlow`` (killed at the time limit), ``TooLong``, ``InputError``, or
        ``RuntimeError`` (the worker failed)."""
        if not self._admitted.acquire(blocking=False):
            raise Busy
        try:
            if not self._slots.acquire(timeout=self.limits.seconds):
                raise Busy
            try:
                return self._run(task, args)
            finally:
                self._slots.release()
        finally:
            self._admitted.release()

    def _run(self, task: str, args: tuple[Any, ...]) -> Any:
        recv, send = _CONTEXT.Pipe(duplex=False)
        proc = _CONTEXT.Process(target=_child, args=(send, task, args), daemon=True)
        try:
            _start(proc)
            send.close()
            if not recv.poll(START_SECONDS):
                raise RuntimeError("the worker process did not start")
            recv.recv()  # started
            if not recv.poll(self.limits.seconds):
                raise TooSlow
            out = recv.recv()
        except EOFError as e:
            raise RuntimeError(f"the worker process died (exit {proc.exitcode})") from e
        finally:
            send.close()
            if proc.is_alive():
                proc.kill()
            if proc.pid is not None:
                proc.join(5)
            recv.close()
        kind = out[0]
        if kind == "ok":
            return out[1]
        if kind == "input_error":
            raise InputError(out[1], out[2], out[3])
        if kind == "too_long":
            raise TooLong(out[1], out[2])
        raise RuntimeError(out[1])


def _start(proc: Any) -> None:
    """Start ``proc`` as if there were no main script: a worker needs only this module, and
    multiprocessing would otherwise run the main script again in every worker (0.5 s each
    here for a script importing FastAPI; wrong for a script without a main guard)."""
    with _START_LOCK:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            proc.start()
        finally:
            sys.modules["__main__"] = main
