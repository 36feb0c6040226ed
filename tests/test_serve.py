"""`mkdocs serve` regenerates on corpus and taxonomy changes, and settles (no rebuild loop)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sitebuild import get, make_project, mkdocs_serving, wait_for

NEW_TITLE = "Harbor Talks Resume Between Naval Delegations"
NEW_ARTICLE = f"""{NEW_TITLE}

March 3, 2019

Naval delegations from both sides met on Tuesday to discuss incidents at sea, officials said.

"We agreed to keep the channel open," one delegate told reporters after the meeting.
"""


@pytest.fixture
def served(tmp_path: Path):
    root = make_project(tmp_path / "project")
    with mkdocs_serving(root, tmp_path / "serve.log") as base:
        yield root, base, tmp_path / "serve.log"


def _builds(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("Building documentation")


def test_new_article_appears_without_restart_and_serve_settles(served):
    root, base, log = served
    (root / "articles" / "zz-new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert wait_for(lambda: NEW_TITLE in get(base), 30), log.read_text()
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
    assert wait_for(lambda: "Counselor of the State Department" in get(base + "actors/derek-chollet/"), 30), (
        log.read_text()[-2000:]
    )
    page = get(base + "actors/derek-chollet/")
    assert "auto-detected" not in page  # now a taxonomy actor, not a discovered one
