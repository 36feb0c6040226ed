"""`mkdocs serve` regenerates on corpus and taxonomy changes, and settles (no rebuild loop)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sitebuild import make_project

NEW_TITLE = "Harbor Talks Resume Between Naval Delegations"
NEW_ARTICLE = f"""{NEW_TITLE}

March 3, 2019

Naval delegations from both sides met on Tuesday to discuss incidents at sea, officials said.

"We agreed to keep the channel open," one delegate told reporters after the meeting.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@pytest.fixture
def served(tmp_path: Path):
    root = make_project(tmp_path / "project")
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(lambda: "Briefing" in _get(base), 60), (tmp_path / "serve.log").read_text()
        yield root, base, tmp_path / "serve.log"
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: serve then deletes its temporary site folder
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _builds(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("Building documentation")


def test_new_article_appears_without_restart_and_serve_settles(served):
    root, base, log = served
    (root / "articles" / "zz-new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert _wait_for(lambda: NEW_TITLE in _get(base), 30), log.read_text()
    time.sleep(3)  # let the watcher see our own writes, then nothing more may happen
    settled = _builds(log)
    time.sleep(4)
    assert _builds(log) == settled, "mkdocs serve kept rebuilding: " + log.read_text()[-2000:]


def test_taxonomy_edit_regenerates_actor_pages(served):
    root, base, log = served
    actors = root / "taxonomy" / "actors.yml"
    actors.write_text(
        actors.read_text(encoding="utf-8")
        + "- id: derek-chollet\n  name: Derek Chollet\n  aliases: []\n"
        "  roles: [{title: Counselor of the State Department, from: 2021}]\n",
        encoding="utf-8",
    )
    assert _wait_for(lambda: "Counselor of the State Department" in _get(base + "actors/derek-chollet/"), 30), (
        log.read_text()[-2000:]
    )
    page = _get(base + "actors/derek-chollet/")
    assert "auto-detected" not in page  # now a taxonomy actor, not a discovered one
