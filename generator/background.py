"""Work done by a forked copy of this process while this one goes on.

The end of a build has two jobs of about the same size that need everything the
build holds: rendering the index pages (CPU) and writing thousands of article
pages (the kernel's file system). On one core they run one after the other; a
forked copy renders while this process writes, so the second core is used too.
A fork shares the build's memory as it is: nothing is pickled on the way in,
only the result comes back.

Forking is used only where it is safe and pays: processes fork on this platform,
this process runs no other thread (a thread holding a lock at the fork, mkdocs
serve's server say, would leave that lock held for good in the copy), and the job
is large. Otherwise, and if the copy dies (killed for memory, say), the job runs
here when its result is asked for: the result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

T = TypeVar("T")

# The job of the moment, set just before the fork so the copy inherits it unpickled.
_job: Callable[[], object] | None = None


def _run_job() -> object:
    assert _job is not None
    return _job()


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class Background(Generic[T]):
    """`job()` run by a forked copy of this process when `worth_forking`, else here when
    `result()` is asked for."""

    def __init__(self, job: Callable[[], T], worth_forking: bool):
        global _job
        self._job = job
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[T] | None = None
        if worth_forking and can_fork():
            _job = job
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._pool.submit(_run_job)  # type: ignore[arg-type]

    def result(self) -> T:
        global _job
        if self._future is None or self._pool is None:
            return self._job()
        try:
            return self._future.result()
        except BrokenProcessPool:
            return self._job()
        finally:
            self._pool.shutdown()
            _job = None
