"""Live preview (generator/live.py): serve's rebuilds render only what changed, and the served
site then equals a full build of the same corpus, pages and search index alike.

The builds run in-process as `mkdocs serve` runs them (one site folder, the configuration
loaded again for every build, plugins kept, rebuilds through serve's `build` name, which the
plugin makes incremental); one test runs the real `mkdocs serve` to count rebuilds.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands import build as build_command
from mkdocs.commands import serve as serve_command
from mkdocs.config import load_config

from generator import live, live_build
from sitebuild import folder_files, get, make_project, mkdocs_serving, wait_for

SERVE_URL = "http://127.0.0.1:8000/"
NEW_TITLE = "Harbor Talks Resume Between Naval Delegations"
NEW_ARTICLE = f"""{NEW_TITLE}

March 3, 2019

Naval delegations from both sides met on Tuesday to discuss incidents at sea, officials said.

Defense Secretary Jim Mattis said the channel with Moscow would stay open.
"""
DELETED = "003_55834f8394ffb209.txt"
DELETED_PAGE = "articles/2017/02/mattis-rules-out-military-collaboration-with-russia/index.html"
DELETED_TITLE = "Mattis Rules Out Military Collaboration with Russia"
DELETED_URL = "articles/2017/02/mattis-rules-out-military-collaboration-with-russia/"


class Serving:
    """`mkdocs serve` without the server: the same builds, called when a test has changed files."""

    def __init__(self, root: Path, site: Path, dirty: bool = False):
        self.root, self.site = root, site
        config = self._config()
        self.plugins = config.plugins
        self.plugins.on_startup(command="serve", dirty=dirty)
        build_command.build(config, serve_url=SERVE_URL, dirty=dirty)  # serve's first build
        self.dirty = dirty
        plugin = self.plugins["briefing"]
        self.undo = live_build.incremental_rebuilds(plugin, plugin.live)  # what the plugin's on_serve does
        assert self.undo is not None, "mkdocs.commands.serve no longer calls MkDocs' build by that name"

    def _config(self):
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> str:
        """One rebuild, as serve's builder makes it; returns the plugin's summary line."""
        records: list[str] = []
        handler = logging.Handler()
        handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
        logger = logging.getLogger("mkdocs.plugins.briefing")
        logger.addHandler(handler)
        level = logger.level
        logger.setLevel(logging.INFO)
        try:
            serve_command.build(self._config(), serve_url=SERVE_URL, dirty=self.dirty)
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
        self.messages = [r.removeprefix("briefing: ") for r in records]
        return next(r for r in self.messages if "pages rendered" in r)

    def close(self) -> None:
        self.undo()
        self.plugins.on_shutdown()


@pytest.fixture
def serving(tmp_path: Path):
    root = make_project(tmp_path / "served")
    session = Serving(root, tmp_path / "served-site")
    yield session
    session.close()


def full_build(tmp_path: Path, served: Path) -> Path:
    """A clean build of the served project's corpus, in a fresh copy, with serve's settings."""
    root = make_project(tmp_path / "full", with_samples=False)
    shutil.rmtree(root / "articles")
    shutil.copytree(served / "articles", root / "articles")
    shutil.copytree(served / "taxonomy", root / "taxonomy", dirs_exist_ok=True)
    site = tmp_path / "full-site"
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build_command.build(config, serve_url=SERVE_URL)
    finally:
        config.plugins.on_shutdown()
    return site


def comparable(site: Path) -> dict[str, bytes]:
    """Every file of the built site; the gzip of the sitemap is left out (it stamps its own
    write time), the sitemap itself is compared."""
    return {path: data for path, data in folder_files(site).items() if path != "sitemap.xml.gz"}


def search_docs(site: Path) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]


def assert_same_site(served: Path, full: Path) -> None:
    served_files, full_files = comparable(served), comparable(full)
    assert sorted(served_files) == sorted(full_files)
    assert search_docs(served) == search_docs(full)
    differing = [path for path in full_files if served_files[path] != full_files[path]]
    assert differing == []


def rendered_count(summary: str) -> int:
    return int(summary.split(": ", 1)[1].split(" of ")[0])


def test_changes_rebuild_only_their_pages_and_the_site_equals_a_full_build(serving, tmp_path):
    articles = serving.root / "articles"
    (articles / "zz-new.txt").write_text(NEW_ARTICLE, "utf-8")
    added = serving.rebuild()
    assert added.startswith("incremental build") and 0 < rendered_count(added) < 20, added
    source = articles / "001_5a41e3af4f08907d.txt"
    source.write_bytes(source.read_bytes().replace(b"Finnish defence forces", b"Finnish defense officials"))
    edited = serving.rebuild()
    assert edited.startswith("incremental build") and rendered_count(edited) < rendered_count(added), edited
    (articles / "002_6f9adefe9ff12fd2.txt").rename(articles / "002-renamed.txt")
    serving.rebuild()
    (articles / DELETED).unlink()
    serving.rebuild()
    assert "Finnish defense officials" in "".join(d["text"] for d in search_docs(serving.site))
    assert_same_site(serving.site, full_build(tmp_path, serving.root))


def test_a_deleted_article_leaves_listings_search_and_the_site(serving, tmp_path):
    assert (serving.site / DELETED_PAGE).is_file()
    assert any(d["location"] == DELETED_URL for d in search_docs(serving.site))
    (serving.root / "articles" / DELETED).unlink()
    assert serving.rebuild().startswith("incremental build")
    assert not (serving.site / DELETED_PAGE).exists()
    assert not any(DELETED_URL in d["location"] or DELETED_TITLE in d["title"] for d in search_docs(serving.site))
    listings = [p for p in ("index.html", "actors/jim-mattis/index.html", "dates/index.html")]
    for page in listings:
        assert DELETED_TITLE not in (serving.site / page).read_text("utf-8"), page
    assert not (serving.site / "raw/2017/02/mattis-rules-out-military-collaboration-with-russia.txt").exists()
    assert not (serving.site / "actors/petr-pavel").exists()  # only that article named him
    assert_same_site(serving.site, full_build(tmp_path, serving.root))


def test_mkdocs_serve_dirty_is_exact_too(tmp_path):
    """`mkdocs serve --dirty`: every build dirty, Material's own merging of the last index undone."""
    session = Serving(make_project(tmp_path / "served"), tmp_path / "served-site", dirty=True)
    try:
        (session.root / "articles" / "zz-new.txt").write_text(NEW_ARTICLE, "utf-8")
        assert session.rebuild().startswith("incremental build")
        (session.root / "articles" / DELETED).unlink()
        assert session.rebuild().startswith("incremental build")
        assert_same_site(session.site, full_build(tmp_path, session.root))
    finally:
        session.close()


def test_a_taxonomy_edit_is_incremental_and_exact(serving, tmp_path):
    topics = serving.root / "taxonomy" / "topics.yml"
    topics.write_text(topics.read_text("utf-8").replace("name: Crimea\n", "name: Crimea annexation\n"), "utf-8")
    summary = serving.rebuild()
    assert summary.startswith("incremental build"), summary
    assert "Crimea annexation" in (serving.site / "topics/crimea/index.html").read_text("utf-8")
    assert_same_site(serving.site, full_build(tmp_path, serving.root))


@pytest.mark.parametrize("change", ["mkdocs.yml", "theme override", "hand-written page"])
def test_what_the_generator_does_not_track_gives_a_full_build(serving, change):
    if change == "mkdocs.yml":
        config = serving.root / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("site_name: ", "site_name: Renamed "), "utf-8")
    elif change == "theme override":
        override = next(p for p in (serving.root / "theme_overrides").rglob("*") if p.is_file())
        override.write_bytes(override.read_bytes() + b"\n")
    else:
        about = serving.root / "content" / "about.md"
        about.write_text(about.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    summary = serving.rebuild()
    assert summary.startswith("full build"), summary


def test_a_rebuild_gives_only_the_notices_the_last_build_did_not(serving):
    undated = NEW_ARTICLE.replace("March 3, 2019\n", "")
    (serving.root / "articles" / "zz-first.txt").write_text(undated, "utf-8")
    serving.rebuild()
    assert any(m.startswith("zz-first.txt: ") for m in serving.messages), serving.messages
    (serving.root / "articles" / "zz-second.txt").write_text(undated.replace("Tuesday", "Friday"), "utf-8")
    serving.rebuild()
    assert any(m.startswith("zz-second.txt: ") for m in serving.messages), serving.messages
    assert not any(m.startswith("zz-first.txt: ") for m in serving.messages), serving.messages
    assert any(m.endswith("notices as in the last build") for m in serving.messages), serving.messages


def test_nothing_changed_renders_nothing(serving):
    summary = serving.rebuild()
    assert summary.startswith("incremental build: 0 of"), summary


# --- the real `mkdocs serve`: one change, one rebuild ------------------------------------------


def test_one_change_gives_one_rebuild_under_mkdocs_serve(tmp_path):
    root = make_project(tmp_path / "project")
    log_path = tmp_path / "serve.log"
    log = log_path.read_text
    with mkdocs_serving(root, log_path) as base:
        time.sleep(1.5)
        assert log().count("Building documentation") == 1, log()[-3000:]
        # Written beside the corpus and moved in, as a finished file arrives: a file the watcher
        # saw half-written would be a second change (MkDocs' watcher, not the plugin's).
        dropped = tmp_path / "zz-new.txt"
        dropped.write_text(NEW_ARTICLE, encoding="utf-8")
        os.replace(dropped, root / "articles" / "zz-new.txt")
        assert wait_for(lambda: NEW_TITLE in get(base), 30), log()
        assert NEW_TITLE in get(base + "feed.xml"), log()[-3000:]  # written when first asked for
        assert wait_for(lambda: log().count("Reloading browsers") == 1, 10), log()
        time.sleep(2.5)  # the watchers have seen the generator's writes by now
        assert log().count("Building documentation") == 2, log()[-3000:]
        assert log().count("Reloading browsers") == 1, log()[-3000:]
        assert "incremental build" in log() and "dirty' build" not in log()


def test_the_docs_watcher_passes_on_only_changes_the_generator_did_not_make(tmp_path):
    from watchdog.events import DirModifiedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent

    docs = tmp_path / "content"
    page = docs / "articles/2019/03/talks.md"
    page.parent.mkdir(parents=True)
    page.write_text("generated\n", "utf-8")
    (docs / "about.md").write_text("by hand\n", "utf-8")
    trigger = tmp_path / "serve" / "changed"
    watcher = live.DocsWatcher(str(docs), trigger)
    try:
        watcher.generated(["articles/2019/03/talks.md", "articles/2018/01/gone.md"])
        own = [FileCreatedEvent(str(page)), FileDeletedEvent(str(docs / "articles/2018/01/gone.md")),
               FileCreatedEvent(str(docs / "articles/2019")),  # a folder the generator made, reported as a file
               DirModifiedEvent(str(docs / "articles")), FileCreatedEvent(str(docs / ".briefing-manifest.json"))]
        for event in own:
            watcher._event(event)
        assert not trigger.exists()
        watcher._event(FileModifiedEvent(str(docs / "about.md")))
        assert trigger.exists()
        trigger.unlink()
        page.write_text("edited by hand\n", "utf-8")  # a generated page, changed since the generator wrote it
        watcher._event(FileModifiedEvent(str(page)))
        assert trigger.exists()
    finally:
        watcher.stop()


def test_warming_up_loads_what_the_first_extraction_would(tmp_path):
    """A server warms extraction up while idle (the plugin's on_serve): the first article
    dropped in then does not wait for the language model and the first-name dictionary."""
    probe = (
        "from pathlib import Path\n"
        "from generator import actors, metadata\n"
        "from generator.extract import Extractor\n"
        "from generator.taxonomy import load_taxonomy\n"
        f"Extractor(load_taxonomy(Path({str(Path(__file__).parents[1] / 'taxonomy')!r}))).warm_up()\n"
        "print(actors._first_names.cache_info().currsize, metadata._identifier.cache_info().currsize)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.split() == ["1", "1"], result.stderr
