"""Reading and converting Markdown pages on every core during `mkdocs build`.

MkDocs reads and converts pages one at a time, and for a site of thousands of
articles most of that time goes into parsing each page's front matter and
converting its Markdown. Both depend only on the page, the configuration and the
site's file list, so once the file list is known (the `on_nav` event) worker
processes forked from the build do them for every page, and the plugin hands
MkDocs each result as the page comes up:

  on_page_read_source  the page is converted: MkDocs is given an empty source
  on_page_markdown     the front matter parsed by the worker becomes page.meta, and
                       page.render is set to take the worker's HTML, table of contents
                       and anchors instead of converting

Everything else (navigation, templates, the search index, other plugins) still
runs in MkDocs' own process and order. Messages a worker logs (a broken link,
say) are logged again by the main process when the page comes up, so `--strict`
counts them as before. A page a worker cannot convert is simply left to MkDocs.

The site is identical either way (tests build it both ways and compare). It is
used only where it is safe: `mkdocs build` without --dirty (serve runs threads,
and forking a threaded process is not), where processes fork, when no other
plugin or hook acts on page sources, and for pages with a `title` in their front
matter that the briefing plugin does not rework (`wanted`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta as front_matter

MIN_PAGES = 64  # below this, starting workers costs more than it saves


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


# Set in the main process just before the workers fork, so they inherit it unpickled.
_site: tuple[MkDocsConfig, Files, Callable[[dict[str, Any]], bool]] | None = None
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
    """True when no plugin or hook but `owner` acts on page sources, and processes fork."""
    for event in ("pre_page", "page_read_source", "page_markdown"):
        if any(getattr(method, "__self__", None) is not owner for method in config.plugins.events[event]):
            return False
    return multiprocessing.get_start_method() == "fork"


class ParallelPages:
    """Converts `src_uris` (in the order MkDocs will ask for them) in one worker per core."""

    def __init__(self, config: MkDocsConfig, files: Files, src_uris: list[str],
                 wanted: Callable[[dict[str, Any]], bool]):
        global _site
        _site = (config, files, wanted)
        self._pool = multiprocessing.get_context("fork").Pool(os.cpu_count() or 2, initializer=_start_worker)
        self._results: Iterator[tuple[str, Converted | None]] = zip(
            src_uris, self._pool.imap(_convert, src_uris, chunksize=8))
        self._pending = set(src_uris)
        self._ahead: dict[str, Converted | None] = {}
        self.handed_over = 0  # pages MkDocs got from the workers

    def take(self, src_uri: str) -> Converted | None:
        """The page's conversion (waiting for it), or None: MkDocs then converts it itself."""
        if src_uri not in self._pending:
            return None
        self._pending.discard(src_uri)
        while src_uri not in self._ahead:
            uri, result = next(self._results)
            self._ahead[uri] = result
        result = self._ahead.pop(src_uri)
        self.handed_over += result is not None
        return result

    def close(self) -> None:
        global _site
        self._pool.terminate()  # every page asked for has been handed over; nothing left to wait for
        self._pool.join()
        _site = None


def render_with(page: Page, converted: Converted) -> None:
    """Makes MkDocs' coming `page.render(config, files)` take the worker's conversion.
    Page.render would build a Markdown instance for the page even with nothing left to
    convert, about 1 ms a page, all of it in MkDocs' one process."""

    def render(config: MkDocsConfig, files: Files) -> None:
        del page.render  # back to Page.render
        page.content = apply(page, converted, files)

    page.render = render  # type: ignore[method-assign]


def apply(page: Page, converted: Converted, files: Files) -> str:
    """Gives the page what Page.render would have; returns its HTML."""
    page.markdown = converted.markdown
    page.toc = converted.toc
    page.present_anchor_ids = converted.anchor_ids
    if converted.links_to_anchors is not None:
        page.links_to_anchors = {
            target: anchors for uri, anchors in converted.links_to_anchors.items()
            if (target := files.get_file_from_path(uri)) is not None
        }
    for name, level, message in converted.logs:
        logging.getLogger(name).log(level, message)
    return converted.content
