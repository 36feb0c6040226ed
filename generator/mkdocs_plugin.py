"""MkDocs plugin: `mkdocs build` and `mkdocs serve` run the generator themselves.

    plugins:
      - search
      - briefing:
          articles: articles     # raw corpus (paths relative to mkdocs.yml)
          taxonomy: taxonomy     # actors.yml, topics.yml, outlets.yml, roles.yml, furniture.yml
          parallel: true         # mkdocs build: read, convert and render pages on every core

Before each build it regenerates docs_dir from the corpus (only changed files are
written, so serve's watcher settles after one pass). Each raw source is published
next to its page as it was collected (raw/...txt), copied straight from the corpus
into the site while MkDocs reads the pages; a source in another encoding than
UTF-8 is published decoded, in UTF-8, the charset the site is served in. A saved
web page is untrusted HTML and is never published as HTML: its raw copy is the
page's text as a browser shows it (generator.read_html.page_text), plain text.
Article listings reach the page as ready HTML blocks: the plugin sets them aside
before Markdown runs and puts them back after, so the thousands of links on index
pages cost MkDocs no Markdown parsing. During `mkdocs build`, pages are read,
converted and rendered on every core (generator/parallel_pages.py; `parallel: false`
turns it off). Problems with input files are logged as warnings, so `mkdocs build
--strict` fails on them; notices such as undated articles are logged at info
level. While serving, the corpus and the taxonomy are watched too: dropping in
an article or editing a taxonomy file rebuilds and reloads the browser, once, and
the rebuild renders only the pages whose content changed (generator/live.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator import live, live_build, parallel_pages
from generator.build import Project, build
from generator.display import FATAL, error_lines, shown
from generator.export import export_files
from generator.extract import Extractor
from generator.feeds import Site, feeds
from generator.index import Indexes
from generator.model import Article, InputError
from generator.read import MAX_BYTES, decode, format_of
from generator.read_html import page_bytes, page_text
from generator.render import LISTING_OPEN, raw_path
from generator.search import SEARCH_NAMES, add_search_names
from generator.taxonomy import load_taxonomy

log = get_plugin_logger("briefing")

# A listing block exactly as render.py writes it: its own lines, nothing else inside.
_LISTING = re.compile(f"^{re.escape(LISTING_OPEN)}\n.*?^</ul>$", re.MULTILINE | re.DOTALL)
_PLACEHOLDER = "<!--briefing-listing-{}-->"
_PLACEHOLDERS = re.compile(r"<!--briefing-listing-(\d+)-->")
LISTING_KINDS = frozenset({"actor", "topic", "dates", "outlet"})
_QUIET_DIRTY_WARNING = live.QuietDirtyWarning()


class BriefingConfig(Config):
    articles = c.Type(str, default="articles")
    taxonomy = c.Type(str, default="taxonomy")
    cache = c.Type(str, default=".briefing-cache")
    parallel = c.Type(bool, default=True)  # read, convert and render pages on every core during `mkdocs build`


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self) -> None:
        self.raw_sources: dict[str, Article] = {}  # site path of each raw copy -> the article it is the source of
        self.articles_dir = Path()
        self.listings: dict[str, list[str]] = {}  # page src_uri -> its listing blocks, set aside
        self.forking_build = False  # `mkdocs build` or `gh-deploy`, not serve or --dirty
        self.raw_copies: RawCopies | None = None
        self.pages: parallel_pages.Workers | None = None  # converting pages, until every page is read
        self.rendering: parallel_pages.Workers | None = None  # rendering pages' templates, after that
        self.nav: Navigation | None = None
        self.raw_copy_problems: list[str] = []
        self.converted: dict[str, parallel_pages.Converted] = {}  # page src_uri -> handed over, meta not yet set
        self.indexes: Indexes | None = None  # this build's, for the feeds and data files
        self.seen_notices: set[str] = set()  # serving: the last build's notices
        self.search_names: dict[str, list[str]] = {}  # page URL -> names its search entry is found by (generator/search.py)
        self.live: live.LiveSite | None = None  # serve or --dirty: what is kept between builds
        self.watcher: live.DocsWatcher | None = None
        self.undo_incremental_rebuilds: Callable[[], None] | None = None
        self.doc_files: list = []  # this build's pages, in MkDocs' order
        self.search = None  # the search plugin whose index LiveSite keeps
        self.inclusion = InclusionLevel.is_included  # the pages this command builds
        # Serving: the feeds and data files still to write for the last build (see _after_extras).
        self.pending_extras: tuple[MkDocsConfig, Indexes] | None = None
        self.extras_lock = threading.Lock()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.forking_build = command in ("build", "gh-deploy") and not dirty
        self.live = live.LiveSite() if command == "serve" or dirty else None
        self.inclusion = InclusionLevel.is_in_serve if command == "serve" else InclusionLevel.is_included
        if self.live:
            logging.getLogger("mkdocs.commands.build").addFilter(_QUIET_DIRTY_WARNING)

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(_QUIET_DIRTY_WARNING)
        if self.undo_incremental_rebuilds:
            self.undo_incremental_rebuilds()
            self.undo_incremental_rebuilds = None
        if self.watcher:
            self.watcher.stop()
            self.watcher = None

    def _project(self, config: MkDocsConfig) -> Project:
        root = Path(config.config_file_path).parent
        return Project(
            articles=root / self.config.articles,
            taxonomy=root / self.config.taxonomy,
            content=Path(config.docs_dir),
            cache=root / self.config.cache,
            site_name=config.site_name,
            directory_urls=config.use_directory_urls,
        )

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.search_names = {}  # this build's
        project = self._project(config)
        self.search = live.search_plugin(config)
        if self.live:
            with self.extras_lock:  # a full build empties the site folder
                self.live.begin(config)
        try:
            report = self._generate(project)
        except FATAL as err:  # MkDocs prints a PluginError as one line, without a traceback
            raise PluginError("\n".join(error_lines(err))) from None
        if self.live and report.written:
            self.live.generated(report.written)
        self.raw_sources = {raw_path(a): a for a in report.articles}
        self.articles_dir = project.articles
        self.indexes = report.indexes
        for problem in report.problems:
            log.warning(shown(problem))
        notices = self._unseen(report.notices)
        for notice in notices:
            log.info(shown(notice))
        if len(notices) < len(report.notices):
            log.info(f"{len(report.notices) - len(notices)} notices as in the last build")
        written = report.written
        log.info(
            f"{len(report.articles)} articles ({report.extracted} extracted, {report.cached} cached); "
            f"{len(written.written) if written else 0} pages written, {written.unchanged if written else 0} unchanged "
            f"in {report.seconds:.2f}s"
        )

    def _unseen(self, notices: list[str]) -> list[str]:
        """While serving, the notices the last build did not give: the same thousands of lines
        after every change would bury the one about the article just dropped in."""
        if not self.live:
            return notices
        seen, self.seen_notices = self.seen_notices, set(notices)
        return [notice for notice in notices if notice not in seen]

    def _generate(self, project: Project):
        """The generator's run; while serving, the watcher learns which changes in docs_dir it made."""
        if not self.watcher:
            return build(project, progress=False)
        with self.watcher.generating:
            report = build(project, progress=False)
            self.watcher.generated([*report.written.written, *report.written.removed])
        return report

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.doc_files = files.documentation_pages(inclusion=self.inclusion)
        if self.live:
            self.live.listed(files, self.doc_files, config.site_dir)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.config.parallel and self.forking_build and parallel_pages.available(config, self):
            uris = [f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_included)]
            if len(uris) >= parallel_pages.MIN_PAGES:
                self.pages = parallel_pages.convert_pages(config, files, uris, _for_workers)
        # Started after the workers fork (forking a process while a thread runs is unsafe).
        sources = self.live.raw_to_copy(self.raw_sources, config.site_dir) if self.live else self.raw_sources
        self.raw_copies = RawCopies(Path(config.site_dir), {uri: self.articles_dir / a.source for uri, a in sources.items()})
        self.raw_copy_problems = []  # this build's
        self.nav = nav
        return nav

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        converted = self.pages.take(page.file.src_uri) if self.pages else None
        if converted is None:
            return None
        self.converted[page.file.src_uri] = converted
        return ""  # nothing left for MkDocs to parse or convert

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):
        converting = self.pages is not None
        self._stop_workers()  # every page has been read
        if converting and self.nav is not None and parallel_pages.rendering_available(config, self):
            self._finish_raw_copies()  # no thread may run while the workers fork
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)  # what `mkdocs build` builds
            self.rendering = parallel_pages.render_pages(config, doc_files, self.nav, env)
        if self.live:
            env.bytecode_cache = self.live.templates
        return env

    @event_priority(-100)  # after the search plugin's
    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if self.live:
            self.live.page_indexed(page.file.src_uri, self.search)
        return context

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._stop_workers()
        add_search_names(config.plugins, self.search_names)
        self._finish_raw_copies()
        for problem in self.raw_copy_problems:
            log.warning(shown(problem))
        if self.watcher:  # serving: written when first asked for (see _after_extras)
            with self.extras_lock:
                self.pending_extras = (config, self.indexes)
        else:
            self._write_extras(config, self.indexes)
        if self.live:
            self.live.give_search_index(self.search, self.doc_files)
            self.live.succeeded(self.doc_files)
            kind = "full" if self.live.full else "incremental"
            log.info(f"{kind} build: {len(self.live.rebuilt)} of {len(self.doc_files)} pages rendered")

    def _write_extras(self, config: MkDocsConfig, indexes: Indexes) -> None:
        written = self._write_feeds_and_data(config, indexes)
        if self.live:
            self.live.extras_written(written, config.site_dir)

    def write_pending_extras(self) -> None:
        """The last build's feeds and data files, if they are not written yet (a server thread asks)."""
        with self.extras_lock:
            if self.pending_extras is None:
                return
            config, indexes = self.pending_extras
            self.pending_extras = None
            try:
                self._write_extras(config, indexes)
            except Exception as err:  # noqa: BLE001 (the build is over; the next one tries again)
                log.error(f"feeds and data files not written ({type(err).__name__}: {err})")

    def _write_feeds_and_data(self, config: MkDocsConfig, indexes: Indexes) -> set[str]:
        """The Atom feeds (generator/feeds.py) and data/ files (generator/export.py), into the built site."""
        started = time.perf_counter()
        site_url = config.site_url.rstrip("/") + "/" if config.site_url else None
        site = Site(config.site_name, site_url, config.use_directory_urls, dt.datetime.now(dt.timezone.utc).date())
        files = dict(feeds(indexes, site))
        files.update({f"data/{name}": data for name, data in export_files(indexes, config.use_directory_urls).items()})
        site_dir = Path(config.site_dir)
        for path, data in files.items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        log.info(f"{len(files)} feeds and data files written in {time.perf_counter() - started:.2f}s")
        return set(files)

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_workers()
        if self.live:
            self.live.failed()
        self._finish_raw_copies()  # the build failed already; its own error is the one to report

    def _stop_workers(self) -> None:
        if self.pages:
            log.debug(f"{self.pages.handed_over} pages converted in parallel")
            self.pages.close()
            self.pages = None
        if self.rendering:
            log.debug(f"{self.rendering.handed_over} pages rendered in parallel")
            self.rendering.close()
            self.rendering = None

    def _finish_raw_copies(self) -> None:
        if self.raw_copies:
            self.raw_copy_problems += self.raw_copies.finish()
            if self.live:
                self.live.raw_copied(self.raw_sources, self.raw_copies.failed)
            self.raw_copies = None

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if converted := self.converted.pop(page.file.src_uri, None):
            page.meta = converted.meta
        if page.meta.get(SEARCH_NAMES):
            self.search_names[page.url] = page.meta[SEARCH_NAMES]
        if converted:
            parallel_pages.render_with(page, converted)
            return markdown
        if page.meta.get("briefing") not in LISTING_KINDS:
            return markdown
        blocks: list[str] = []

        def set_aside(match: re.Match[str]) -> str:
            blocks.append(match[0])
            return _PLACEHOLDER.format(len(blocks) - 1)

        markdown = _LISTING.sub(set_aside, markdown)
        self.listings[page.file.src_uri] = blocks
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        blocks = self.listings.pop(page.file.src_uri, None)
        return _PLACEHOLDERS.sub(lambda m: blocks[int(m[1])], html) if blocks else html

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        project = self._project(config)
        server.watch(str(project.articles))
        server.watch(str(project.taxonomy))
        if live.supported(config, self):
            self.undo_incremental_rebuilds = live_build.incremental_rebuilds(self, self.live)
        # docs_dir is watched by the plugin, which passes on only the changes the generator did not make.
        trigger = project.cache / "serve" / "changed"
        self.watcher = live.DocsWatcher(config.docs_dir, trigger)
        server.unwatch(config.docs_dir)
        server.watch(str(trigger.parent))
        threading.Thread(target=_warm_up, args=(project,), daemon=True).start()
        app = _plain_text_as_utf8(server.get_app())
        server.set_app(_after_extras(app, self, config.site_dir, urlsplit(config.site_url or "/").path))
        return server


def _warm_up(project: Project) -> None:
    """Loads what extraction loads on first use while the server waits for the first change."""
    try:
        Extractor(load_taxonomy(project.taxonomy)).warm_up()
    except Exception as err:  # noqa: BLE001 (the next build reports a broken taxonomy as a build problem)
        log.debug(f"extraction not warmed up ({type(err).__name__}: {err})")


def _after_extras(app, plugin: BriefingPlugin, site_dir: str, mount_path: str):
    """The WSGI app `app`, except that while serving the feeds and data files are written when first
    asked for after a rebuild: made from the whole corpus (seconds at 10,000 articles), they would
    hold up every reload, and a preview seldom opens them. A request for one of the last build's,
    or for a missing file of their kind (a new feed), writes them first."""
    prefix = "/" + mount_path.strip("/") + "/" if mount_path.strip("/") else "/"

    def serve(environ, start_response):
        if plugin.pending_extras and plugin.live and _one_of(environ.get("PATH_INFO", "").removeprefix(prefix),
                                                             plugin.live.extras, site_dir):
            plugin.write_pending_extras()
        return app(environ, start_response)

    return serve


def _one_of(path: str, extras: set[str], site_dir: str) -> bool:
    """Whether `path` (in the site) is one of `extras`, or missing and of a kind they are."""
    if path in extras:
        return True
    suffix = os.path.splitext(path)[1]
    return any(e.endswith(suffix) for e in extras) and suffix != "" and not os.path.isfile(os.path.join(site_dir, path))


def _plain_text_as_utf8(app):
    """The WSGI app `app`, except that text/plain (the raw copies) is sent as UTF-8: MkDocs'
    server names no charset, so a browser shows the text as mojibake. Static hosts such
    as GitHub Pages already send charset=utf-8."""
    def serve(environ, start_response):
        def start(status, headers, exc_info=None):
            headers = [(name, "text/plain; charset=utf-8" if name.lower() == "content-type" and value == "text/plain"
                        else value) for name, value in headers]
            return start_response(status, headers, exc_info)

        return app(environ, start)

    return serve


def _for_workers(meta: dict) -> bool:
    """Pages the workers may convert: titled in front matter (MkDocs would otherwise take the
    title from the converted HTML) and not article listings, which this plugin reworks."""
    return "title" in meta and meta.get("briefing") not in LISTING_KINDS


class RawCopies:
    """Copies each raw source into the site (site path -> source file) on a thread of its own,
    while MkDocs reads pages: ten thousand small files are mostly waiting on the disk."""

    def __init__(self, site_dir: Path, sources: dict[str, Path]):
        self.problems: list[str] = []
        self.failed: set[str] = set()  # site paths not copied
        self._thread = threading.Thread(target=self._copy, args=(site_dir, dict(sources)), daemon=True)
        self._thread.start()

    def _copy(self, site_dir: Path, sources: dict[str, Path]) -> None:
        folders: set[Path] = set()
        for uri, source in sources.items():
            target = site_dir / uri
            try:
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                target.write_bytes(raw_copy(source))
            except OSError as err:
                self._failed(uri, f"{source.name}: raw text not published at {uri} ({err.strerror or err})")
            except InputError as err:  # the file changed since it was read
                self._failed(uri, f"{source.name}: raw text not published at {uri} ({err})")

    def _failed(self, uri: str, problem: str) -> None:
        self.failed.add(uri)
        self.problems.append(problem)

    def finish(self) -> list[str]:
        """Waits for the copies; returns what could not be copied."""
        self._thread.join()
        return self.problems


def raw_copy(source: Path) -> bytes:
    """What the site publishes of a source, as UTF-8 plain text: its bytes, or a saved page's text."""
    data = source.read_bytes()
    if format_of(source.name) != "html":
        return as_utf8(data)
    return page_text(page_bytes(source.name, data, MAX_BYTES)).encode("utf-8")


def as_utf8(data: bytes) -> bytes:
    """A source's bytes as UTF-8 text: unchanged when they are UTF-8 already (nearly all),
    else decoded as the build decoded them (generator.read.decode) and encoded again."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return decode(data)[0].encode("utf-8")
    return data
