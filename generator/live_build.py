"""Serve's incremental rebuild: only the pages the generator changed go through MkDocs.

Even a dirty MkDocs build does work for every file of the site: it lists docs_dir and
makes a `File` and a `Page` for each, asks each whether it is newer than its HTML, and
renders the sitemap from all of them, seconds at 10,000 articles for a change to ten
pages. Between two of serve's builds, though, the generator is the only thing that
changed docs_dir (anything else gives a full build, `live.fingerprint`) and it reports
what it wrote and removed (`WriteResult`). So `rebuild` keeps the last build's `Files`,
their pages included, applies the generator's changes to them, and runs the steps of
`mkdocs.commands.build.build` for the changed pages only, with every plugin event in
the same order. Only this plugin and Material's search plugin take part in such builds
(`live.supported`); the search index of the unchanged pages is kept by `live.LiveSite`.

This is MkDocs' build function retold, so it is pinned with MkDocs (`mkdocs==1.6.1` in
pyproject.toml) and tests/test_live_preview.py compares its sites with full builds.
"""

from __future__ import annotations

import bisect
import logging
import time
from collections.abc import Callable

from mkdocs import utils
from mkdocs.commands import build as build_command
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key, set_exclusions
from mkdocs.structure.nav import get_navigation

from generator.live import LiveSite, supported

log = logging.getLogger("mkdocs.commands.build")
SITEMAP = "sitemap.xml"


def incremental_rebuilds(owner: object, site: LiveSite) -> Callable[[], None] | None:
    """Makes `mkdocs serve`'s rebuilds incremental when they can be (`rebuild`), full otherwise;
    returns the undo, or None when serve does not call MkDocs' build as this was written for."""
    from mkdocs.commands import serve as serve_command

    original = build_command.build
    if getattr(serve_command, "build", None) is not original:
        return None

    def build(config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False) -> None:
        if serve_url is not None and site.can_update(config, supported(config, owner)):
            rebuild(config, site)
        else:
            original(config, serve_url=serve_url, dirty=dirty)

    serve_command.build = build
    return lambda: setattr(serve_command, "build", original)


def rebuild(config: MkDocsConfig, site: LiveSite) -> None:
    """`mkdocs.commands.build.build` of a served site, for the pages the generator changed."""
    warnings = utils.CountHandler()
    warnings.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(warnings)
    site.updating = True
    try:
        started = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)  # the generator: what it wrote is site.changed
        files, listing_changed = updated_files(config, site)
        env = config.theme.get_env()
        files = config.plugins.on_files(files, config=config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        changed = [f for f in doc_files if f.src_uri in site.changed]
        for file in changed:
            build_command._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        for template in config.theme.static_templates:
            if template != SITEMAP or listing_changed:  # the sitemap lists every page
                build_command._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            build_command._build_extra_template(template, files, config, nav)
        for file in changed:
            build_command._build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
        for file in changed:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        if counts := warnings.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - started:.2f} seconds")
    except Exception as err:
        config.plugins.on_build_error(error=err)
        if isinstance(err, BuildError):
            log.error(str(err))
            raise Abort("Aborted with a BuildError!") from err
        raise
    finally:
        site.updating = False
        logging.getLogger("mkdocs").removeHandler(warnings)


def updated_files(config: MkDocsConfig, site: LiveSite) -> tuple[Files, bool]:
    """The last build's files with the generator's changes applied, in `get_files`' order (docs_dir
    first, by `file_sort_key`, then the theme's), and whether files were added or removed. A new
    file is put in its place by bisection: a sort key for each of 10,000 files would cost a second.
    A changed page gets a new `Page` (made by the navigation), an unchanged one keeps its own."""
    assert site.files is not None
    kept = [f for f in site.files if f.src_uri not in site.removed]
    known = {f.src_uri for f in kept}
    new = [File(uri, config.docs_dir, config.site_dir, config.use_directory_urls)
           for uri in sorted(site.changed - known)]
    set_exclusions(new, config)
    for file in kept:
        if file.src_uri in site.changed:
            file.page = None
    docs = [f for f in kept if f.src_dir == config.docs_dir]
    for file in new:
        bisect.insort(docs, file, key=file_sort_key)  # docs are in this order already
    files = Files([*docs, *(f for f in kept if f.src_dir != config.docs_dir)])
    return files, bool(new) or len(kept) < len(site.files)
