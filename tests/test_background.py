"""Work done by a forked copy of the build (generator/background.py): the same result as doing
it here, and done here whenever forking is unsafe or the copy dies."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

import pytest

from generator import background, build
from generator.background import Background
from generator.build import Project
from sitebuild import folder_files, make_project

BIG = list(range(200_000))  # state a forked copy inherits without pickling
PARENT = os.getpid()

pytestmark = pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="processes do not fork here")


def where_and_what() -> tuple[int, int]:
    return os.getpid(), sum(BIG)


def forked(job) -> Background:
    started = Background(job, worth_forking=True)
    assert started._copy is not None
    return started


def test_a_large_job_runs_in_a_forked_copy_with_the_same_result():
    pid, total = forked(where_and_what).result()
    assert pid != PARENT and total == sum(BIG)


def test_a_small_job_runs_here():
    assert Background(where_and_what, worth_forking=False).result() == (os.getpid(), sum(BIG))


def test_no_fork_while_another_thread_runs():
    """A thread holding a lock at the fork (mkdocs serve's server) would leave it held in the copy."""
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        assert Background(where_and_what, worth_forking=True).result()[0] == os.getpid()
    finally:
        stop.set()
        server.join()


def test_the_job_is_done_here_when_the_copy_dies():
    def die_in_the_copy() -> tuple[int, int]:
        if os.getpid() != PARENT:
            os._exit(1)  # as the kernel's out-of-memory killer would end it
        return where_and_what()

    assert forked(die_in_the_copy).result() == (PARENT, sum(BIG))


def test_an_error_in_the_job_reaches_the_caller():
    ran_in = multiprocessing.Value("i", 0)

    def broken() -> None:
        ran_in.value += 1
        raise ValueError("template broke")

    with pytest.raises(ValueError, match="template broke"):
        forked(broken).result()
    assert ran_in.value == 2  # in the copy, and again here


def test_the_job_is_done_here_when_no_copy_can_be_made(monkeypatch):
    def no_process_left(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", no_process_left)
    started = Background(where_and_what, worth_forking=True)
    assert started._copy is None
    assert started.result() == (PARENT, sum(BIG))


def test_leaving_early_stops_the_copy():
    """A build that fails while the copy renders does not wait for it, and leaves no process."""
    def slow() -> None:
        time.sleep(60)

    began = time.monotonic()
    with pytest.raises(OSError, match="disk full"), Background(slow, worth_forking=True):
        raise OSError("disk full")
    assert time.monotonic() - began < 10
    assert multiprocessing.active_children() == []


def test_index_pages_rendered_by_a_forked_copy_are_the_pages_rendered_here(tmp_path, monkeypatch):
    forked, here = make_project(tmp_path / "forked"), make_project(tmp_path / "here")
    forks = []
    real_init = Background.__init__

    def counted(self, job, worth_forking):
        real_init(self, job, worth_forking)
        forks.append(self._copy is not None)

    monkeypatch.setattr(Background, "__init__", counted)
    monkeypatch.setattr(build, "PARALLEL_THRESHOLD", 1)
    build.build(Project.at(forked))
    monkeypatch.setattr(background, "can_fork", lambda: False)
    build.build(Project.at(here))
    assert forks == [True, False]
    assert folder_files(forked / "content") == folder_files(here / "content")
