"""Work done by a forked copy of the build (generator/background.py): the same result as doing
it here, and done here whenever forking is unsafe or the copy dies."""

from __future__ import annotations

import os
import threading

import pytest

from generator import background, build
from generator.background import Background
from generator.build import Project
from sitebuild import folder_files, make_project

BIG = list(range(200_000))  # state a forked copy inherits without pickling


def where_and_what() -> tuple[int, int]:
    return os.getpid(), sum(BIG)


def test_a_large_job_runs_in_a_forked_copy_with_the_same_result():
    assert background.can_fork()
    pid, total = Background(where_and_what, worth_forking=True).result()
    assert pid != os.getpid() and total == sum(BIG)


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
    parent = os.getpid()

    def die_in_the_copy() -> int:
        if os.getpid() != parent:
            os._exit(1)  # as the kernel's out-of-memory killer would end it
        return 42

    assert Background(die_in_the_copy, worth_forking=True).result() == 42


def test_an_error_in_the_job_reaches_the_caller():
    def broken() -> None:
        raise ValueError("template broke")

    with pytest.raises(ValueError, match="template broke"):
        Background(broken, worth_forking=True).result()


def test_index_pages_rendered_by_a_forked_copy_are_the_pages_rendered_here(tmp_path, monkeypatch):
    forked, here = make_project(tmp_path / "forked"), make_project(tmp_path / "here")
    forks = []
    real_init = Background.__init__

    def counted(self, job, worth_forking):
        real_init(self, job, worth_forking)
        forks.append(self._future is not None)

    monkeypatch.setattr(Background, "__init__", counted)
    monkeypatch.setattr(build, "PARALLEL_THRESHOLD", 1)
    build.build(Project.at(forked))
    monkeypatch.setattr(background, "can_fork", lambda: False)
    build.build(Project.at(here))
    assert forks == [True, False]
    assert folder_files(forked / "content") == folder_files(here / "content")
