"""The page workers' pool on its own: results in MkDocs' order, a worker that dies
leaves the remaining pages to MkDocs instead of hanging the build, and workers fork
whatever the default start method of this Python."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading

import pytest

from generator.parallel_pages import Workers, can_fork

URIS = [f"page-{n:02d}.md" for n in range(40)]


def shout(src_uri: str) -> str:
    return src_uri.upper()


def die_on_page_20(src_uri: str) -> str:
    if src_uri == "page-20.md":
        os._exit(1)  # as the kernel's out-of-memory killer would end it
    return src_uri.upper()


def test_results_come_in_any_order_asked():
    workers = Workers(shout, URIS)
    try:
        assert workers.take("page-05.md") == "PAGE-05.MD"
        assert workers.take("page-01.md") == "PAGE-01.MD"  # earlier results were kept
        assert workers.take("page-05.md") is None  # handed over once
        assert workers.take("not-a-page.md") is None
        assert [workers.take(uri) for uri in URIS[6:]] == [uri.upper() for uri in URIS[6:]]
        assert workers.handed_over == 2 + len(URIS[6:])
    finally:
        workers.close()


@pytest.fixture
def no_hang():
    """A pool that loses a task waits for it forever: fail instead."""
    def give_up(signum, frame):
        raise TimeoutError("the pool waited for a task that died with its worker")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_worker_that_dies_leaves_the_rest_to_mkdocs(no_hang):
    workers = Workers(die_on_page_20, URIS)
    try:
        results = [workers.take(uri) for uri in URIS]
    finally:
        workers.close()
    # When the death is noticed depends on the machine's load: pages done before it may come
    # through, or may be lost with the pool. What holds: MkDocs gets the right result for the
    # pages it is handed, in its order, up to the first it is not; that one and every page after
    # it are left to MkDocs, the dead worker's page among them.
    handed = next((n for n, result in enumerate(results) if result is None), len(URIS))
    assert handed <= URIS.index("page-20.md")
    assert results[:handed] == [uri.upper() for uri in URIS[:handed]]
    assert results[handed:] == [None] * (len(URIS) - handed)
    assert workers.handed_over == handed


@pytest.fixture
def forkserver_default():
    """The default start method on Linux from Python 3.14 on."""
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("forkserver", force=True)
    yield
    multiprocessing.set_start_method(previous, force=True)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="processes fork safely on Linux")
def test_workers_fork_whatever_the_default_start_method_unless_a_thread_runs(forkserver_default):
    assert can_fork()
    workers = Workers(shout, URIS)
    try:
        assert [workers.take(uri) for uri in URIS] == [uri.upper() for uri in URIS]
    finally:
        workers.close()

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()
