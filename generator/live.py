"""Live preview: during `mkdocs serve`, a change rebuilds only the pages whose content changed.

MkDocs renders every page again for any change under plain `mkdocs serve`; its
`--dirty` builds skip unchanged pages' rendering but still list and check every file,
and keep whatever the last build left (a deleted article's page, a search index of
only the rebuilt pages). The plugin makes serve's rebuilds incremental and exact:

* The pages rebuilt are those the generator wrote (generator/write.py writes exactly
  the pages whose bytes changed), so a new or edited article rebuilds its page and the
  listings that show it, and nothing else; generator/live_build.py sends only them
  through MkDocs, with the last build's `Files`, which `LiveSite` keeps.
* What such a build leaves stale, `LiveSite` repairs: the HTML of pages that are
  gone, their raw copies, feeds and data files no longer made. The search index is
  kept per page: each page's entries are taken as the search plugin makes them
  (`on_page_context`), unchanged pages keep theirs, and before the search plugin
  writes the index it is given every current page's entries in the order a full
  build lists them.
* A full build is made (the site folder emptied first) whenever what the generator
  does not track may have changed: the first build, mkdocs.yml, the theme's
  custom_dir, a hand-written file in docs_dir, `watch` paths, or after a failed
  build; and always when a plugin or hook other than this one and a known search
  plugin takes part (`supported`), since it may expect every page in every build.
* One change, one rebuild: the generator writes into docs_dir, which serve watches,
  so its own writes would start a second rebuild. `DocsWatcher` watches docs_dir in
  MkDocs' place and passes on only changes the generator did not make (a file whose
  state is not the one the generator left), by touching a file in a folder MkDocs
  watches.
* Compiled theme templates are kept between builds (`TemplateCache`); while serving,
  the feeds and data files are written when first asked for (the plugin's
  `_after_extras`), not on the reload's path.

MkDocs internals are used by generator/live_build.py (pinned in pyproject.toml and
tested in tests/test_live_preview.py); here, Material's search plugin's
`search_index.entries` and `search_index_prev` are read and set.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from material.plugins.search.plugin import SearchPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from generator.model import Article
from generator.write import GENERATED_FILES, GENERATED_FOLDERS, WriteResult

DIRTY_WARNING = "A 'dirty' build is being performed"  # MkDocs' warning; the plugin's builds are exact
POLL_SECONDS = 0.5  # as MkDocs' own watcher
log = get_plugin_logger("briefing")

Fingerprint = dict[str, tuple[int, int]]  # path -> (mtime_ns, size)


def supported(config: MkDocsConfig, owner: object) -> bool:
    """Whether an incremental build of this site is exact: no hook, and no plugin but `owner` and a search
    plugin whose index LiveSite keeps."""
    return not config.hooks and all(
        plugin is owner or isinstance(plugin, SearchPlugin) for plugin in config.plugins.values())


def search_plugin(config: MkDocsConfig) -> SearchPlugin | None:
    """Material's search plugin, whose index LiveSite keeps, when it is enabled."""
    return next((p for p in config.plugins.values() if isinstance(p, SearchPlugin) and p.config.enabled), None)


def fingerprint(config: MkDocsConfig) -> Fingerprint:
    """The state of every input the generator does not track: mkdocs.yml, the theme's custom_dir,
    docs_dir without the generated pages, and the `watch` paths."""
    found: Fingerprint = {}
    if config.config_file_path:
        _add(found, config.config_file_path)
    for folder in [config.theme.custom_dir, *config.watch]:
        if folder:
            _add_tree(found, folder)
    docs = config.docs_dir
    with os.scandir(docs) as entries:
        for entry in entries:
            if entry.name.startswith(".") or entry.name in GENERATED_FOLDERS or entry.name in GENERATED_FILES:
                continue
            _add_tree(found, entry.path)
    return found


def _add(found: Fingerprint, path: str) -> None:
    try:
        info = os.stat(path)
    except OSError:
        return
    found[path] = (info.st_mtime_ns, info.st_size)


def _add_tree(found: Fingerprint, top: str) -> None:
    """Every file under `top`, or `top` itself when it is a file."""
    if not os.path.isdir(top):
        _add(found, top)
    for folder, _, names in os.walk(top):
        for name in names:
            _add(found, os.path.join(folder, name))


class LiveSite:
    """What one serve session keeps between builds, and the repairs an incremental build needs."""

    def __init__(self) -> None:
        self.inputs: Fingerprint | None = None  # at the last good build; None: the next build is full
        self.full = True  # this build
        self.pages: dict[str, str] = {}  # src_uri -> HTML file, every page of the last good build
        self.search: dict[str, list[dict[str, Any]]] = {}  # src_uri -> its search entries
        self.raw: dict[str, str] = {}  # raw copy's site path -> digest of the source copied there
        self.extras: set[str] = set()  # feeds and data files the last build wrote (site paths)
        self.rebuilt: list[str] = []  # this build's pages, in the order they were built
        self.templates = TemplateCache()
        self.files: Files | None = None  # the last good build's, with their pages, for the next one
        self.updating = False  # this build is incremental (generator/live_build.py)
        self.changed: set[str] = set()  # docs_dir paths the generator wrote in this build
        self.removed: set[str] = set()  # and those it removed
        self._searched = 0  # entries in the search plugin's index when the last page was taken

    def can_update(self, config: MkDocsConfig, exact: bool) -> bool:
        """Whether the next build may be incremental (generator/live_build.py): the last one succeeded
        and nothing the generator does not track changed since."""
        if not exact or self.inputs is None or self.files is None:
            return False
        self._next_inputs = fingerprint(config)
        return self._next_inputs == self.inputs

    def begin(self, config: MkDocsConfig) -> None:
        """Before the generator runs; a build that is not incremental is full, from an empty folder."""
        self.full = not self.updating
        if self.full:
            self._next_inputs = fingerprint(config)
        self.inputs = None  # until this build succeeds
        self.rebuilt = []
        self._searched = 0
        self.changed, self.removed = set(), set()
        if self.full:
            clean_directory(config.site_dir)
            self.pages, self.search, self.raw, self.extras, self.files = {}, {}, {}, set(), None

    def generated(self, written: WriteResult) -> None:
        """What the generator wrote into docs_dir and removed from it: the pages to build and to drop."""
        self.changed, self.removed = set(written.written), set(written.removed)

    def listed(self, files: Files, doc_files: Iterable[File], site_dir: str) -> None:
        """The build's files, kept for the next one; removes the HTML of pages the last build had
        and this one has not."""
        self.files = files
        current = {f.src_uri: f.abs_dest_path for f in doc_files}
        for uri in self.pages.keys() - current.keys():
            _remove(Path(self.pages[uri]), Path(site_dir))
            self.search.pop(uri, None)
        self.pages = current

    def page_indexed(self, src_uri: str, search: SearchPlugin | None) -> None:
        """After the search plugin indexed the page: its entries replace those it had."""
        self.rebuilt.append(src_uri)
        if search is None:
            return
        entries = search.search_index.entries
        self.search[src_uri] = entries[self._searched:]
        self._searched = len(entries)

    def give_search_index(self, search: SearchPlugin | None, doc_files: Iterable[File]) -> None:
        """Before the search plugin writes its index: every page's entries, in build order."""
        if search is None:
            return
        search.search_index.entries = [entry for f in doc_files for entry in self.search.get(f.src_uri, ())]
        search.search_index_prev = None  # under --dirty Material would merge in the last index: it is in already

    def raw_to_copy(self, sources: dict[str, Article], site_dir: str) -> dict[str, Article]:
        """The raw copies (site path -> article) this build must write, those whose source's bytes
        changed; removes those no longer published."""
        for path in self.raw.keys() - sources.keys():
            _remove(Path(site_dir) / path, Path(site_dir))
        return {path: article for path, article in sources.items() if self.raw.get(path) != article.digest}

    def raw_copied(self, sources: dict[str, Article], failed: set[str]) -> None:
        self.raw = {path: article.digest for path, article in sources.items() if path not in failed}

    def extras_written(self, written: set[str], site_dir: str) -> None:
        for path in self.extras - written:
            _remove(Path(site_dir) / path, Path(site_dir))
        self.extras = written

    def succeeded(self, doc_files: Iterable[File]) -> None:
        self.inputs = self._next_inputs
        for file in doc_files:  # written out; kept for the next build, which reads only their place and title
            if file.page is not None:
                file.page.content = file.page.markdown = None

    def failed(self) -> None:
        """The next build is a full one (it reports again every problem this one found)."""
        self.inputs = None


class TemplateCache(BytecodeCache):
    """Compiled theme templates kept between builds: MkDocs makes a new template environment for each
    build, which would compile Material's templates again (0.3-0.6 s). Jinja keys them by name and
    checks the source's checksum, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (compiled := self._compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


def _remove(target: Path, top: Path) -> None:
    """Deletes a file of the site and the folders it leaves empty."""
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


class QuietDirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build may be inaccurate: before a full build the plugin
    empties the site folder (and under --strict the warning would fail every rebuild)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


class DocsWatcher:
    """Watches docs_dir in MkDocs' place; a change the generator did not make touches `trigger`,
    a file in a folder MkDocs watches, so serve rebuilds once per change."""

    def __init__(self, docs_dir: str, trigger: Path):
        self.docs_dir = os.path.abspath(docs_dir)
        self.trigger = trigger
        self.generating = threading.Lock()  # held while the generator writes; events wait for it
        self._left: dict[str, tuple[int, int] | None] = {}  # path in docs_dir -> state the generator left
        self._folders: set[str] = set()  # folders the generator's pages are in (it makes and prunes them)
        trigger.parent.mkdir(parents=True, exist_ok=True)
        handler = FileSystemEventHandler()
        handler.on_any_event = self._event  # type: ignore[method-assign]
        self._observer = PollingObserver(timeout=POLL_SECONDS)
        self._observer.schedule(handler, self.docs_dir, recursive=True)
        self._observer.start()

    def generated(self, paths: Iterable[str]) -> None:
        """Records the state the generator left these paths (relative to docs_dir) in."""
        for path in paths:
            self._left[path] = _state(os.path.join(self.docs_dir, path))
            self._folders.update(parent.as_posix() for parent in PurePosixPath(path).parents)

    def _event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        paths = [p for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        with self.generating:
            if all(map(self._own, paths)):
                return
        log.info(f"{os.path.relpath(os.fsdecode(paths[-1]), self.docs_dir)} changed in docs_dir (not by the generator)")
        self.trigger.write_text(str(time.time_ns()), "utf-8")

    def _own(self, path: str | bytes) -> bool:
        rel = os.path.relpath(os.fsdecode(path), self.docs_dir)
        if any(part.startswith(".") for part in Path(rel).parts):
            return True  # MkDocs ignores dotfiles (the manifest, half-written pages)
        key = Path(rel).as_posix()
        if key in self._folders:  # watchdog's polling may report a folder it saw made or pruned as a file
            return True
        return key in self._left and self._left[key] == _state(os.path.join(self.docs_dir, rel))

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join()


def _state(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size
