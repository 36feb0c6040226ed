"""Reading, converting and rendering pages on every core during `mkdocs build`.

MkDocs builds pages one at a time in one process. For a site of thousands of
articles, its time goes into two phases, and worker processes forked from the
build do the bulk of each:

1. Reading (from `on_nav`, once the file list is known): parsing each page's front
   matter and converting its Markdown depend only on the page, the configuration and
   the file list. The plugin hands MkDocs each result as the page comes up:

     on_page_read_source  the page is converted: MkDocs is given an empty source
     on_page_markdown     the front matter parsed by the worker becomes page.meta, and
                          page.render is set to take the worker's HTML, table of
                          contents and anchors instead of converting

2. Rendering (from `on_env`, once every page is read): workers forked then hold the
   same pages, navigation and template environment as MkDocs, run the page's context
   events (the search plugin indexes the page) and render its theme template. When
   MkDocs asks the environment for a page's template, it gets one that returns the
   worker's HTML, and the search index gets the worker's entries for the page instead
   of parsing its HTML again. MkDocs still runs every plugin event, builds the search
   index in its own order and writes every page.

Messages a worker logs (a broken link, say) are logged again by the main process
when the page comes up, so `--strict` counts them as before. A page a worker cannot
convert or render is simply left to MkDocs, and so is every page left when a worker
process dies (the pool notices; it does not wait for it).

The site is identical either way (tests build it both ways and compare). It is
used only where it is safe: `mkdocs build` without --dirty (serve runs threads,
and forking a threaded process is not), where processes fork, when no other
plugin or hook acts on page sources (for reading) or on the navigation, the
environment or page contexts (for rendering; search plugins excepted, which the
workers run too), and, for reading, on pages with a `title` in their front matter
that the briefing plugin does not rework (`wanted`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import meta as front_matter

MIN_PAGES = 64  # below this, starting workers costs more than it saves
log = get_plugin_logger("briefing")


@dataclass
class Converted:
    """What MkDocs' Page.read_source and Page.render produce for one page."""

    markdown: str
    meta: dict[str, Any]
    content: str
    toc: Any  # mkdocs.structure.toc.TableOfContents
    anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # target page's src_uri -> {anchor: link as written}
    logs: list[tuple[str, int, str]]  # (logger, level, message) logged while converting


# Set in the main process just before the workers fork, so they inherit it unpickled:
# what the job of the moment (_convert or _render) needs of the site.
_site: tuple[Any, ...] | None = None
_logged: list[tuple[str, int, str]] = []


class _Keep(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _logged.append((record.name, record.levelno, record.getMessage()))


def _start_worker() -> None:
    """MkDocs' handlers (printing, counting warnings for --strict) belong to the main
    process: a worker keeps its messages and sends them back with the page."""
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(_Keep())


def _convert(src_uri: str) -> Converted | None:
    assert _site is not None
    config, files, wanted = _site
    _logged.clear()
    try:
        file = files.get_file_from_path(src_uri)
        markdown, meta = front_matter.get_data(file.content_string)
        if not wanted(meta):
            return None
        page = file.page or Page(None, file, config)
        page.markdown, page.meta = markdown, meta
        config._current_page = page  # as MkDocs sets it: `!relative` paths in extension settings use it
        page.render(config, files)
    except Exception:  # noqa: BLE001  MkDocs converts the page itself and reports the problem
        return None
    links = page.links_to_anchors
    return Converted(
        markdown=markdown,
        meta=meta,
        content=page.content or "",
        toc=page.toc,
        anchor_ids=set(page.present_anchor_ids or ()),
        links_to_anchors=None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
        logs=list(_logged),
    )


def available(config: MkDocsConfig, owner: object) -> bool:
    """True when no plugin or hook but `owner` acts on page sources, and this process may fork."""
    return all(handler is owner for handler in _handlers(config, "pre_page", "page_read_source", "page_markdown")) \
        and can_fork()


def can_fork() -> bool:
    """True where the workers may be forked copies of this process, whatever this Python's default
    start method (forkserver on Linux from Python 3.14): where processes fork (not Windows) and it is
    safe (not macOS, whose system libraries are not fork-safe), and while no other thread runs (a
    thread holding a lock at the fork, mkdocs serve's server say, would leave it held in the copy)."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" \
        and threading.active_count() == 1


# Plugins whose page_context handler depends on nothing but the page (they index it for search).
_PER_PAGE_CONTEXT = frozenset({"material.plugins.search.plugin.SearchPlugin", "mkdocs.contrib.search.SearchPlugin"})


def rendering_available(config: MkDocsConfig, owner: object) -> bool:
    """True when the navigation, the template environment and every page's context are what
    MkDocs' own process will have: no plugin or hook but `owner` changes the first two, and
    only search plugins see page contexts (workers run them too, for what they do to the page)."""
    return all(handler is owner for handler in _handlers(config, "nav", "env")) and all(
        handler is owner or _class_path(handler) in _PER_PAGE_CONTEXT for handler in _handlers(config, "page_context"))


def _handlers(config: MkDocsConfig, *events: str) -> list[object]:
    """The plugin behind each handler of these events (None for a hook: a module's function)."""
    return [getattr(method, "__self__", None) for event in events for method in config.plugins.events[event]]


def _class_path(instance: object) -> str:
    return f"{type(instance).__module__}.{type(instance).__qualname__}"


class Workers:
    """Runs a job over `src_uris`, in the order MkDocs will ask for them, in one forked worker
    per core; the site state the job needs is set in `_site` before the workers fork. If a
    worker dies (killed for memory, say), MkDocs does the remaining pages itself."""

    def __init__(self, job: Callable[[str], Any], src_uris: list[str]):
        self._pool = ProcessPoolExecutor(os.cpu_count() or 2, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_start_worker)
        self._results: Iterator[tuple[str, Any]] = zip(src_uris, self._pool.map(job, src_uris, chunksize=8))
        self._pending = set(src_uris)
        self._ahead: dict[str, Any] = {}
        self.handed_over = 0  # pages MkDocs got from the workers

    def take(self, src_uri: str) -> Any:
        """The page's result (waiting for it), or None: MkDocs then does the work itself."""
        if src_uri not in self._pending:
            return None
        self._pending.discard(src_uri)
        try:
            while src_uri not in self._ahead:
                uri, result = next(self._results)
                self._ahead[uri] = result
        except BrokenProcessPool:
            # Not a warning: the site comes out the same, and --strict is for problems in it.
            log.info("a worker process stopped; MkDocs builds the remaining pages itself")
            self._pending.clear()
            return None
        result = self._ahead.pop(src_uri)
        self.handed_over += result is not None
        return result

    def close(self) -> None:
        global _site
        self._pool.shutdown(cancel_futures=True)  # every page asked for has been handed over
        _site = None


def convert_pages(config: MkDocsConfig, files: Files, src_uris: list[str],
                  wanted: Callable[[dict[str, Any]], bool]) -> Workers:
    """Workers reading and converting pages (results: Converted, or None)."""
    global _site
    _site = (config, files, wanted)
    return Workers(_convert, src_uris)


def render_pages(config: MkDocsConfig, doc_files: list[File], nav: Navigation, env: Environment) -> Workers:
    """Workers rendering pages' templates, once every page has been read: `env.get_template`
    then hands MkDocs a page's finished HTML instead of its template, and the search index the
    entries a worker made for the page (MkDocs still runs every plugin event, and writes the page)."""
    global _site
    _site = (config, doc_files, nav, env, {f.src_uri: f.page for f in doc_files})
    workers = Workers(_render, [f.src_uri for f in doc_files])
    # Installed after the fork: the workers keep the real get_template and search indexing.
    _serve_rendered(env, config, workers, _PreparedSearch(_search_indexes(config)))
    return workers


@dataclass
class Rendered:
    """What MkDocs' _build_page makes of one page before writing it."""

    html: str
    logs: list[tuple[str, int, str]]  # logged while rendering the template
    search_entries: list[list[dict[str, Any]]]  # added to each search index (_search_indexes) for the page


def _render(src_uri: str) -> Rendered | None:
    assert _site is not None
    config, doc_files, nav, env, pages = _site
    page = pages[src_uri]
    indexes = _search_indexes(config)
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        indexed = [len(index.entries) for index in indexes]
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        entries = [index.entries[n:] for index, n in zip(indexes, indexed)]
        for index, n in zip(indexes, indexed):
            del index.entries[n:]  # the main process builds the index; the worker keeps nothing
        _logged.clear()
        return Rendered(template.render(context), list(_logged), entries)
    except Exception:  # noqa: BLE001  MkDocs renders the page itself and reports the problem
        return None
    finally:
        page.active = False
        config._current_page = None


def _search_indexes(config: MkDocsConfig) -> list[Any]:
    """The search plugins' indexes whose entries are a plain list of what each page added
    (Material's); another search plugin still indexes every page itself."""
    return [plugin.search_index for plugin in config.plugins.values()
            if _class_path(plugin) in _PER_PAGE_CONTEXT
            and isinstance(getattr(getattr(plugin, "search_index", None), "entries", None), list)]


class _PreparedSearch:
    """Search indexing in MkDocs' process takes the entries a worker made for the page,
    instead of parsing the page's HTML again (the largest per-page cost left there)."""

    def __init__(self, indexes: list[Any]):
        self.prepared: dict[tuple[str, int], list[dict[str, Any]]] = {}  # (page, index position) -> entries
        for position, index in enumerate(indexes):
            index.add_entry_from_context = self._indexer(index, index.add_entry_from_context, position)

    def _indexer(self, index: Any, original: Callable[[Page], None], position: int) -> Callable[[Page], None]:
        def add_entry_from_context(page: Page) -> None:
            entries = self.prepared.pop((page.file.src_uri, position), None)
            if entries is None:
                original(page)
            else:
                index.entries.extend(entries)

        return add_entry_from_context

    def hand_over(self, src_uri: str, entries: list[list[dict[str, Any]]]) -> None:
        self.prepared.update(((src_uri, position), made) for position, made in enumerate(entries))


class _Template:
    """Stands in for a page's template: MkDocs renders it into the HTML a worker made."""

    def __init__(self, rendered: Rendered):
        self.rendered = rendered

    def render(self, context: Any) -> str:
        _replay(self.rendered.logs)
        return self.rendered.html


def _serve_rendered(env: Environment, config: MkDocsConfig, workers: Workers, search: _PreparedSearch) -> None:
    original = env.get_template

    def get_template(name: Any, parent: str | None = None, globals: Any = None) -> Any:
        page = config._current_page
        # MkDocs asks for the page's own template with no parent (and before the page's
        # context events run); templates asking for those they extend or include pass one.
        if parent is None and page is not None and name == page.meta.get("template", "main.html"):
            rendered = workers.take(page.file.src_uri)
            if rendered is not None:
                search.hand_over(page.file.src_uri, rendered.search_entries)
                return _Template(rendered)
        return original(name, parent, globals)

    env.get_template = get_template  # type: ignore[method-assign]


def render_with(page: Page, converted: Converted) -> None:
    """Makes MkDocs' coming `page.render(config, files)` take the worker's conversion.
    Page.render would build a Markdown instance for the page even with nothing left to
    convert, about 1 ms a page, all of it in MkDocs' one process."""

    def render(config: MkDocsConfig, files: Files) -> None:
        """What Page.render would have given the page."""
        del page.render  # back to Page.render
        page.markdown = converted.markdown
        page.content = converted.content
        page.toc = converted.toc
        page.present_anchor_ids = converted.anchor_ids
        if converted.links_to_anchors is not None:
            page.links_to_anchors = {
                target: anchors for uri, anchors in converted.links_to_anchors.items()
                if (target := files.get_file_from_path(uri)) is not None
            }
        _replay(converted.logs)

    page.render = render  # type: ignore[method-assign]


def _replay(logs: list[tuple[str, int, str]]) -> None:
    """Logs again, in MkDocs' process, what a worker logged for the page (--strict counts it)."""
    for name, level, message in logs:
        logging.getLogger(name).log(level, message)
