"""The whole pipeline for a corpus: sources -> extract (cached, parallel) -> index -> render -> write.

Used by the MkDocs plugin (every `mkdocs build` / `mkdocs serve` rebuild) and by
the `briefing` command. One bad file never stops the others: it becomes a
problem line "file: cause" in the Report.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from generator.cache import ArticleCache, build_lock, slim
from generator.display import not_a_file
from generator.extract import Extractor
from generator.index import Indexes, assign_paths, base_path, build_indexes
from generator.model import Article, InputError
from generator.read import format_of
from generator.render import Renderer
from generator.taxonomy import Taxonomy, load_taxonomy
from generator.write import PageWriter, WriteResult

PARALLEL_THRESHOLD = 64  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Project:
    articles: Path
    taxonomy: Path
    content: Path
    cache: Path
    site_name: str = "Briefing"
    directory_urls: bool = True  # MkDocs' use_directory_urls: page URLs end in "/" rather than ".html"

    def renderer(self, taxonomy: Taxonomy) -> Renderer:
        return Renderer(self.site_name, {t.id: t.name for t in taxonomy.topics}, self.directory_urls,
                        bytecode_dir=self._bytecode_dir(), outlets=taxonomy.outlets)

    def _bytecode_dir(self) -> Path | None:
        """Compiled templates are kept in the cache folder when it can hold them: a speed-up only."""
        folder = self.cache / "templates"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return folder

    @classmethod
    def at(cls, root: Path) -> Project:
        """The project at `root`, with the site settings its mkdocs.yml states."""
        site = site_settings(root / "mkdocs.yml")
        name, directory_urls = site.get("site_name"), site.get("use_directory_urls")
        return cls(root / "articles", root / "taxonomy", root / "content", root / ".briefing-cache",
                   name if isinstance(name, str) else "Briefing",
                   directory_urls if isinstance(directory_urls, bool) else True)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV or !!python/name become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_settings(config_file: Path) -> dict[str, Any]:
    try:
        data = yaml.load(config_file.read_bytes(), Loader=_ConfigLoader)  # noqa: S506 (a SafeLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass
class Report:
    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the user must fix these (warnings; --strict fails)
    notices: list[str] = field(default_factory=list)  # worth knowing, not wrong (e.g. undated)
    rendered: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # source -> (page path, page) made while extracting
    extracted: int = 0
    cached: int = 0
    written: WriteResult | None = None
    indexes: Indexes | None = None  # what the pages were made from; the feeds and data files read them too
    seconds: float = 0.0


def find_sources(articles_dir: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(path, path relative to the corpus) for every article file, sorted; problems for refused ones.
    Hidden files and folders are skipped. Refused, each with a problem line: a symbolic link
    leading outside the corpus, a folder link that loops back to a folder containing it, a
    folder that cannot be read, and an entry with an article's suffix that is not a regular
    file (a named pipe would block the read forever; a socket or device is no article)."""
    if not articles_dir.is_dir():
        return [], [f"{articles_dir}: the articles folder does not exist"]
    root = str(articles_dir.resolve()) + os.sep
    sources: list[tuple[str, str]] = []
    problems: list[str] = []
    pending = [(str(articles_dir), "", frozenset({root}))]  # folder, its name in the corpus, real paths above it
    while pending:
        folder, prefix, above = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError as err:
            problems.append(unreadable(prefix or f"{articles_dir}{os.sep}", err))
            continue
        for entry in entries:
            rel = prefix + entry.name
            if entry.name.startswith("."):
                continue
            try:
                real = os.path.realpath(entry.path) + os.sep if entry.is_symlink() or entry.is_dir() else ""
                if real and not real.startswith(root):
                    problems.append(f"{rel}: symbolic link to a file outside the corpus; refused")
                elif entry.is_dir():
                    if real in above:
                        problems.append(f"{rel}: symbolic link to a folder that contains it (a loop); skipped")
                    else:
                        pending.append((entry.path, rel + "/", above | {real}))
                elif format_of(entry.name):
                    if entry.is_file():
                        sources.append((entry.path, rel))
                    else:
                        problems.append(f"{rel}: {not_a_file(entry.stat().st_mode)}; skipped")
            except OSError as err:  # a dangling link, a link to itself, an entry removed meanwhile
                problems.append(unreadable(rel, err))
    sources.sort(key=lambda source: source[1])
    return sources, problems


def unreadable(source: str, err: OSError) -> str:
    return f"{source}: cannot be read ({err.strerror or err})"


class ArticleWorker:
    """Read -> clean -> extract -> render one article page: the unit of parallel work.
    The page is rendered at its provisional path (index.base_path); the few articles
    whose path the index stage changes (titles that slugify alike) are rendered again."""

    def __init__(self, project: Project, taxonomy: Taxonomy):
        self.project = project
        self.extractor = Extractor(taxonomy)
        self.renderer = project.renderer(taxonomy)
        self.aliases = {a.id: (*a.aliases, *a.surnames) for a in taxonomy.actors}

    def extract(self, source: str) -> Article:
        return self.extractor.process(self.project.articles / source, Path(source))

    def render(self, article: Article) -> bytes:
        page = self.renderer.article(article, self.aliases).encode()
        article.page_digest = hashlib.sha256(page).hexdigest()
        return page

    def __call__(self, source: str) -> tuple[Article, bytes] | str:
        try:
            article = self.extract(source)
        except InputError as err:
            return f"{source}: {err}"
        except OSError as err:
            return unreadable(source, err)
        except (RecursionError, ValueError) as err:  # pathological text
            return f"{source}: could not be processed ({type(err).__name__}: {err})"
        article.page_path = base_path(article) + ".md"
        page = self.render(article)
        return slim(article), page  # the body is in the page now; records travel and are cached slim


_worker: ArticleWorker | None = None


def _init_worker(project: Project) -> None:
    global _worker
    _worker = ArticleWorker(project, load_taxonomy(project.taxonomy))


def _work(source: str) -> tuple[Article, bytes] | str:
    assert _worker is not None
    return _worker(source)


def extract_all(project: Project, taxonomy: Taxonomy, sources: list[tuple[str, str]], cache: ArticleCache,
                report: Report, progress: bool = False) -> None:
    pending: list[str] = []
    for path, rel in sources:
        try:
            article = cache.lookup(path, rel)
        except OSError as err:
            report.problems.append(unreadable(rel, err))
            continue
        if article is None:
            pending.append(rel)
        else:
            report.articles.append(article)
            report.cached += 1
    for outcome in _run(project, taxonomy, pending, progress):
        if isinstance(outcome, str):
            report.problems.append(outcome)
        else:
            article, page = outcome
            cache.put(article)
            report.articles.append(article)
            report.rendered[article.source] = (article.page_path, page)
            report.extracted += 1


Outcome = tuple[Article, bytes] | str  # (slim record, rendered page) or a problem line


def _run(project: Project, taxonomy: Taxonomy, jobs: list[str], progress: bool) -> Iterator[Outcome]:
    """Extract in this process for a few files, in one worker per core for many."""
    if not jobs:
        return
    if len(jobs) < PARALLEL_THRESHOLD:
        yield from _tracked(map(ArticleWorker(project, taxonomy), jobs), len(jobs), progress)
        return
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2, initializer=_init_worker,
                             initargs=(project,)) as pool:
        yield from _tracked(pool.map(_work, jobs, chunksize=32), len(jobs), progress)


def _tracked(results: Iterator[Outcome], total: int, progress: bool) -> Iterator[Outcome]:
    if not (progress and total):
        return results
    from rich.progress import track  # loaded only for a terminal: it costs a daily build 50 ms

    return track(results, total=total, description="Extracting articles", transient=True)


def drop_duplicates(report: Report) -> None:
    """The same bytes under two names are built once; the later name is reported."""
    first: dict[str, Article] = {}
    for article in sorted(report.articles, key=lambda a: a.source):
        if article.digest in first:
            report.problems.append(f"{article.source}: exact duplicate of {first[article.digest].source}; built once")
        else:
            first[article.digest] = article
    report.articles = list(first.values())


def article_pages(project: Project, taxonomy: Taxonomy, report: Report, cache: ArticleCache, indexes: Indexes,
                  last: Callable[[str], str | None]) -> dict[str, bytes | str]:
    """Every article page: path -> bytes, or -> its digest when the page on disk is still the one
    this record's last build wrote (`last`: write.PageWriter.last) with the same story section
    (its fingerprint is kept as the page's inputs); then it is not rendered at all. The story
    section ("Also covered by") is added here, to the page a worker rendered."""
    worker: ArticleWorker | None = None
    renderer = project.renderer(taxonomy)
    pages: dict[str, bytes | str] = {}
    for article in report.articles:
        section = renderer.also_covered(article, indexes.story_of.get(article.source)).encode()
        inputs = hashlib.sha256(section).hexdigest() if section else None
        if inputs:
            cache.fresh_page_inputs[article.page_path] = inputs
        rendered = report.rendered.get(article.source)
        if rendered and rendered[0] == article.page_path:
            page = rendered[1]
        elif (article.page_digest and cache.page_inputs.get(article.page_path) == inputs
              and last(article.page_path) == article.page_digest):
            pages[article.page_path] = article.page_digest
            continue
        else:  # a slim record whose page moved, was deleted or changed: extract and render it again
            worker = worker or ArticleWorker(project, taxonomy)
            full = worker.extract(article.source)
            full.slug, full.page_path = article.slug, article.page_path
            page = worker.render(full)
        pages[article.page_path] = page + section
        article.page_digest = hashlib.sha256(pages[article.page_path]).hexdigest()
    return pages


def site_pages(project: Project, taxonomy: Taxonomy, indexes: Indexes, cache: ArticleCache,
               last: Callable[[str], str | None]) -> dict[str, bytes | str]:
    """Every index page: path -> bytes, or -> its digest when its inputs did not change since
    the last build and the page on disk is still the one that build wrote."""
    pages: dict[str, bytes | str] = {}
    for path, inputs, render in project.renderer(taxonomy).site(indexes):
        kept = last(path) if inputs is not None and cache.page_inputs.get(path) == inputs else None
        pages[path] = kept if kept is not None else render().encode()
        if inputs is not None:
            cache.fresh_page_inputs[path] = inputs
    return pages


def write_site(project: Project, taxonomy: Taxonomy, report: Report, cache: ArticleCache) -> WriteResult:
    """Renders and writes every generated file, then records the build in the cache. Every page
    is rendered before the first is written: a template that fails leaves content/ as it was
    (under mkdocs serve, a write would start the next build, which would fail again)."""
    assign_paths(report.articles)
    indexes = report.indexes = build_indexes(report.articles, taxonomy)
    writer = PageWriter(project.content, cache.page_stats)
    pages = article_pages(project, taxonomy, report, cache, indexes, writer.last)
    pages.update(site_pages(project, taxonomy, indexes, cache, writer.last))
    writer.start(pages)
    for path, page in pages.items():
        writer.write(path, page)
    written = writer.finish()
    cache.fresh_page_stats = writer.page_stats
    if problem := cache.store(cache.serialised()):  # only now: a record is trusted only once its pages are written
        written.notices.append(problem)
    return written


def unrenderable(project: Project, taxonomy: Taxonomy, report: Report, cache: ArticleCache) -> list[str]:
    """The index pages a build would fail to render, as problem lines, without writing any:
    `briefing check` fails where a build would. A page whose inputs match the last build's
    rendered then, with the same code and taxonomy (else the cache is empty), and is skipped."""
    assign_paths(report.articles)
    problems = []
    for path, inputs, render in project.renderer(taxonomy).site(build_indexes(report.articles, taxonomy)):
        if inputs is None or cache.page_inputs.get(path) != inputs:
            try:
                render()
            except Exception as err:  # noqa: BLE001 (a fault in a template, named with its page)
                problems.append(f"content/{path}: cannot be rendered ({type(err).__name__}: {err})")
    return problems


def collect(project: Project, progress: bool | None = None) -> tuple[Report, Taxonomy, ArticleCache]:
    """Read, clean and extract the whole corpus (cached), with every problem and notice."""
    if progress is None:
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    taxonomy = load_taxonomy(project.taxonomy)
    report = Report()
    sources, report.problems = find_sources(project.articles)
    cache = ArticleCache(project.cache, taxonomy.digests)
    report.notices += cache.notices
    extract_all(project, taxonomy, sources, cache, report, progress)
    drop_duplicates(report)
    for article in report.articles:
        report.problems += [f"{article.source}: {w}" for w in article.warnings]
        report.notices += [f"{article.source}: {n}" for n in article.notices]
    return report, taxonomy, cache


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """A build makes a quarter of a million records' objects at 10,000 articles (the cached
    records, their indexes) and frees almost none until it ends, so Python's cycle collector
    would scan them again and again for nothing: 0.3-0.6 s of a daily build's 1.1-1.8 s
    (docs/benchmarks.md). The records hold no cycles; reference counting frees what the build
    drops. The collector is back as it was when the build ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(project: Project, progress: bool | None = None) -> Report:
    """Generate content/ from the corpus. Raises TaxonomyError if a data file is broken, BuildError if
    content/ cannot be written. Two builds of one project take turns (cache.build_lock)."""
    started = time.perf_counter()
    with build_lock(project.cache) as unwritable, _collector_paused():
        report, taxonomy, cache = collect(project, progress)
        cache.saving = unwritable is None
        report.written = write_site(project, taxonomy, report, cache)
    report.notices += report.written.notices + ([unwritable] if unwritable else [])
    report.problems += [
        f"content/{path}: written by hand at a generated path; left alone (move it to build this page)"
        for path in report.written.protected
    ]
    report.problems.sort()
    report.notices.sort()
    report.seconds = time.perf_counter() - started
    return report
