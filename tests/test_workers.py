"""The page workers' pool on its own: results in MkDocs' order, and a worker that dies
leaves the remaining pages to MkDocs instead of hanging the build."""

from __future__ import annotations

import os
import signal

import pytest

from generator.parallel_pages import Workers

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
    assert results[:8] == [uri.upper() for uri in URIS[:8]]  # done before the worker died
    assert results[20] is None and results[-1] is None
    assert all(result in (None, uri.upper()) for result, uri in zip(results, URIS))
