"""Work done by a forked copy of this process while this one goes on.

The end of a build has two jobs of about the same size that need everything the
build holds: rendering the index pages (CPU) and writing thousands of article
pages (the kernel's file system). On one core they run one after the other; a
forked copy renders while this process writes, so the second core is used too.
A fork shares the build's memory as it is: nothing is pickled on the way in,
only the result comes back.

Forking is used only where it is safe and pays: processes fork by default on this
platform (not macOS, where system libraries are not fork-safe), this process runs
no other thread (a thread holding a lock at the fork, mkdocs serve's server say,
would leave that lock held for good in the copy), and the job is large. Otherwise,
and if the fork fails or the copy dies (killed for memory, say: the copy offers
itself to the kernel's out-of-memory killer first), the job runs here when its
result is asked for: the result is the same either way. A job that raises in the
copy raises again here, where the caller sees it.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return multiprocessing.get_start_method() == "fork" and threading.active_count() == 1


def _run_in_copy(job: Callable[[], object], sender: Connection) -> None:
    try:
        with open("/proc/self/oom_score_adj", "w") as adjust:  # Linux: kill the copy, not the build
            adjust.write("1000")
    except OSError:
        pass
    try:
        result = job()
    except Exception:  # the job is run again where its result is asked for, and raises there
        return
    sender.send(result)


class Background(Generic[T]):
    """`job()` run by a forked copy of this process when `worth_forking`, else here when
    `result()` is asked for. Used as a context manager: leaving it stops a copy whose
    result is no longer wanted (the build failed meanwhile)."""

    def __init__(self, job: Callable[[], T], worth_forking: bool):
        self._job = job
        self._copy: multiprocessing.process.BaseProcess | None = None
        if not (worth_forking and can_fork()):
            return
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        copy = context.Process(target=_run_in_copy, args=(job, sender), daemon=True)
        try:
            copy.start()
        except OSError:  # no memory or no process slot left for a copy
            self._receiver.close()
        else:
            self._copy = copy
        finally:
            sender.close()  # the copy holds its own end: when it ends, reading here ends

    def result(self) -> T:
        if self._copy is None:
            return self._job()
        try:
            return self._receiver.recv()
        except (EOFError, OSError):  # the copy failed or died before it sent (all of) its result
            return self._job()
        finally:
            self.close()

    def close(self) -> None:
        if self._copy is not None:
            self._receiver.close()
            self._copy.terminate()  # nothing happens to a copy that has finished
            self._copy.join()
            self._copy = None

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
