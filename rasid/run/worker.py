"""The worker processes' side of `LocalRunner`: one warm `Pipeline` each, and no life of their own.

Workers are forked from a fork server (multiprocessing's "forkserver" start method): a clean process
that the runner starts first, which imports this module and warms a pipeline once, so every worker
shares those pages copy-on-write and none of them ever holds a copy of the parent's database
connections or open files (the cause of a store left locked after `kill -9`).

A worker dies with the rasid process that started it: the kernel kills it when its parent (the fork
server) exits (Linux `PR_SET_PDEATHSIG`), and a watchdog thread exits as soon as the rasid process is
gone (every platform).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from typing import Any

from rasid.models import DocResult, Document

_PIPELINE: Any = None
WATCH_SECONDS = 0.5


def warm() -> None:
    """Load the pipeline (in the fork server, so that workers inherit it loaded and frozen)."""
    global _PIPELINE
    if _PIPELINE is None:
        from rasid.pipeline import Pipeline

        _PIPELINE = Pipeline().warm(freeze=True)


def warm_quietly() -> None:
    """At fork-server start: a broken lexicon is reported later by the worker that needs it."""
    with contextlib.suppress(Exception):  # the same error is raised again, with its message, in `process`
        warm()


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _let_the_fork_server_go() -> None:
    """A forked worker inherits the write end of the pipe by which the fork server learns that rasid has
    exited; holding it would keep the fork server (and so this worker) alive after a `kill -9`."""
    from multiprocessing import forkserver

    server: Any = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)
        server._forkserver_alive_fd = None


def _die_with(parent: int) -> None:
    _let_the_fork_server_go()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed when the fork server exits
    except (OSError, AttributeError):
        pass  # not Linux: the watchdog below does it

    def watch() -> None:
        while _alive(parent):
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="rasid-parent-watch", daemon=True).start()


def init(parent: int, disable: tuple[str, ...] = ()) -> None:
    """Worker initialiser: Ctrl-C belongs to the parent (it reports what was saved); die with it.

    With components to `disable`, the worker builds its own pipeline over the resources the fork server
    already loaded (shared, so this costs no loading)."""
    global _PIPELINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)
    if disable:
        from rasid.pipeline import Pipeline

        _PIPELINE = Pipeline(disable=disable)


def ready() -> int:
    """A no-op task the runner sends each worker at start, so that they all exist before any database."""
    warm()
    return os.getpid()


def process(doc: Document, entities: bool = True) -> DocResult:
    warm()
    result: DocResult = _PIPELINE.process(doc)
    if not entities:
        result.entities = []
    return result
