"""A build large enough for the plugin's concurrency: pages read, converted and rendered on
every core (generator/parallel_pages.py) give the same site, and raw sources copied on a
thread all arrive intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.parallel_pages import MIN_PAGES
from sitebuild import folder_files, make_project, mkdocs_build

ARTICLE = """Envoys Meet on Naval Incidents, Round {n}

March {day}, 2018

Defense Secretary Jim Mattis said talks with Russian Defense Minister Sergei Shoigu would continue in Vienna.

"We keep talking so that nothing at sea turns into something worse," Mattis said after round {n}.

Allies discussed the 2% spending target and the annexation of Crimea, officials said.
"""


def corpus_project(root: Path) -> Path:
    """The sample articles and enough others for the build to use its workers."""
    articles = {f"round-{n:03d}.txt": ARTICLE.format(n=n, day=1 + n % 28).encode() for n in range(MIN_PAGES)}
    return make_project(root, articles)


def serial(root: Path) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "      taxonomy: taxonomy\n" in text
    config.write_text(text.replace("      taxonomy: taxonomy\n", "      taxonomy: taxonomy\n      parallel: false\n"))


def in_parallel(stderr: str, done: str = "converted") -> int:
    match = re.search(rf"(\d+) pages {done} in parallel", stderr)
    return int(match[1]) if match else 0


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory) -> tuple[Path, Path, str]:
    parallel = corpus_project(tmp_path_factory.mktemp("parallel") / "project")
    one_by_one = corpus_project(tmp_path_factory.mktemp("serial") / "project")
    serial(one_by_one)
    verbose = mkdocs_build(parallel, extra=["--verbose"])
    assert verbose.returncode == 0, verbose.stderr[-3000:]
    plain = mkdocs_build(one_by_one)
    assert plain.returncode == 0, plain.stderr[-3000:]
    return parallel / "site", one_by_one / "site", verbose.stderr


def test_articles_are_converted_by_the_workers(both_builds):
    _, _, stderr = both_builds
    assert in_parallel(stderr) >= MIN_PAGES + 5  # every article page; listings stay in MkDocs


def test_every_page_is_rendered_by_the_workers(both_builds):
    parallel, _, stderr = both_builds
    pages = [p for p in parallel.rglob("*.html") if p.name != "404.html"]  # 404 is a theme template, not a page
    assert in_parallel(stderr, "rendered") == len(pages)


def test_site_is_byte_identical_either_way(both_builds):
    parallel, one_by_one, _ = both_builds
    built, expected = folder_files(parallel), folder_files(one_by_one)
    assert built.keys() == expected.keys()
    differing = [path for path in built if built[path] != expected[path]]
    assert differing == []


def test_every_raw_source_is_published_byte_for_byte(both_builds):
    parallel, _, _ = both_builds
    root = parallel.parent
    pages = sorted((root / "content" / "articles").rglob("*.md"))
    assert len(pages) >= MIN_PAGES + 5
    for page in pages:
        meta = yaml.safe_load(page.read_text("utf-8").split("---\n")[1])
        assert (parallel / meta["raw"]).read_bytes() == (root / "articles" / meta["source"]).read_bytes()


def test_a_broken_link_found_by_a_worker_still_fails_a_strict_build(tmp_path):
    root = corpus_project(tmp_path / "project")
    (root / "content" / "notes.md").write_text("---\ntitle: Notes\n---\n\nSee [the plan](no-such-page.md).\n", "utf-8")
    result = mkdocs_build(root, extra=["--verbose"])
    assert in_parallel(result.stderr) > MIN_PAGES
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if "no-such-page.md" in line]
    assert len(warnings) == 1 and "notes.md" in warnings[0] and warnings[0].startswith("WARNING")


STATEFUL_HOOK = '''
built = 0

def on_page_context(context, page, config, nav):
    global built
    built += 1
    page.content += f"<p>page number {built}</p>"
    return context
'''


def test_rendering_stays_in_mkdocs_next_to_a_hook_that_sees_page_contexts(tmp_path):
    """A hook counting pages as MkDocs builds them would count in every worker separately:
    the plugin leaves rendering to MkDocs (reading still runs on every core)."""
    root = corpus_project(tmp_path / "project")
    (root / "counting.py").write_text(STATEFUL_HOOK, "utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - counting.py\n")
    result = mkdocs_build(root, extra=["--verbose"])
    assert result.returncode == 0, result.stderr[-3000:]
    assert in_parallel(result.stderr) > MIN_PAGES and in_parallel(result.stderr, "rendered") == 0
    numbers = [int(n) for page in (root / "site").rglob("index.html")
               for n in re.findall(r"page number (\d+)", page.read_text("utf-8"))]
    assert sorted(numbers) == list(range(1, len(numbers) + 1)) and len(numbers) > MIN_PAGES
