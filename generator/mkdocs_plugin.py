"""MkDocs plugin: `mkdocs build` and `mkdocs serve` run the generator themselves.

    plugins:
      - search
      - briefing:
          articles: articles     # raw corpus (paths relative to mkdocs.yml)
          taxonomy: taxonomy     # actors.yml, topics.yml, outlets.yml, roles.yml, furniture.yml

Before each build it regenerates docs_dir from the corpus (only changed files are
written, so serve's watcher settles after one pass). Problems with input files are
logged as warnings, so `mkdocs build --strict` fails on them; notices such as
undated articles are logged at info level. While serving, the corpus and the
taxonomy are watched too: dropping in an article or editing a taxonomy file
rebuilds and reloads the browser.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from generator.build import Project, build
from generator.taxonomy import TaxonomyError

log = get_plugin_logger("briefing")


class BriefingConfig(Config):
    articles = c.Type(str, default="articles")
    taxonomy = c.Type(str, default="taxonomy")
    cache = c.Type(str, default=".briefing-cache")


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def _project(self, config: MkDocsConfig) -> Project:
        root = Path(config.config_file_path).parent
        return Project(
            articles=root / self.config.articles,
            taxonomy=root / self.config.taxonomy,
            content=Path(config.docs_dir),
            cache=root / self.config.cache,
            site_name=config.site_name,
        )

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        try:
            report = build(self._project(config), progress=False)
        except TaxonomyError as err:
            raise PluginError(str(err)) from None
        for problem in report.problems:
            log.warning(problem)
        for notice in report.notices:
            log.info(notice)
        written = report.written
        log.info(
            f"{len(report.articles)} articles ({report.extracted} extracted, {report.cached} cached); "
            f"{len(written.written) if written else 0} pages written, {written.unchanged if written else 0} unchanged "
            f"in {report.seconds:.2f}s"
        )

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        project = self._project(config)
        server.watch(str(project.articles))
        server.watch(str(project.taxonomy))
        return server
