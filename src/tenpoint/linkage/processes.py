"""Which process runs a long job (a duplicate review, a held file's check), so that another process
can tell a run whose process stopped (a restart, a killed command) from one still at work."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_runs_here: set[str] = set()


def this_process() -> str:
    """The machine and the process: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(run: str) -> None:
    """Marks a run as at work in this process (before its thread starts: no moment unclaimed)."""
    with _lock:
        _runs_here.add(run)


@contextmanager
def running_here(run: str) -> Iterator[None]:
    """Marks a run as at work in this process for as long as the block lasts."""
    claim(run)
    try:
        yield
    finally:
        with _lock:
            _runs_here.discard(run)


def runs_here(run: str) -> bool:
    """Whether this process is at work on the run (its thread, or the command itself)."""
    with _lock:
        return run in _runs_here


def process_gone(runner: str) -> bool:
    """Whether another process of this machine that took a run has stopped. False when it cannot
    be told (another machine): the caller judges by the run's silence instead."""
    host, _, pid = runner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # it exists, under another user
    return False


def run_is_at_work(run: str, runner: str, progress_at: dt.datetime | None, *, silent_after: dt.timedelta) -> bool:
    """Whether the process ``runner`` that took ``run`` is still at work on it: this process knows
    what it runs; another of this machine is asked whether it exists; otherwise (another machine,
    or a new process that took a stopped one's id) the run is judged by how long it has been silent."""
    if runner == this_process():
        return runs_here(run)
    if process_gone(runner):
        return False
    return progress_at is not None and dt.datetime.now(dt.UTC) - progress_at < silent_after
