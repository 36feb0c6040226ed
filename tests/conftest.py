"""Shared fixtures: the extraction tests' taxonomy and extractor, and the browser tests' Chromium.

The package is imported from the repository root, so tests run from any working
directory without changing pyproject.toml.
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator.extract import Extractor  # noqa: E402
from generator.taxonomy import Taxonomy, load_taxonomy  # noqa: E402


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    """The taxonomy shipped with the repository (taxonomy/*.yml)."""
    return load_taxonomy(REPO / "taxonomy")


@pytest.fixture(scope="session")
def extractor(taxonomy: Taxonomy) -> Extractor:
    return Extractor(taxonomy)


@pytest.fixture
def extract_text(extractor: Extractor, tmp_path: Path):
    """extract_text(headline, *paragraphs) -> the Article extracted from a copied page of them."""
    numbers = itertools.count()

    def run(*lines: str):
        text = "\n\n".join(lines) + "\n"
        return extractor.process(write_article(tmp_path, f"article{next(numbers)}.txt", text))
    return run


def write_article(tmp_path: Path, name: str, text: str | bytes) -> Path:
    """Write a source file (text as UTF-8, or raw bytes as given) and return its path."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def page_lines(*parts: str | list[str]) -> str:
    """A copied page: each part a line, or a list of lines, one blank line between lines."""
    return "\n\n".join(line for part in parts for line in ([part] if isinstance(part, str) else part)) + "\n"


@pytest.fixture
def cleaned(tmp_path, taxonomy):
    """Cleans the page made of the given parts (page_lines)."""
    from generator.clean import clean
    from generator.read import read_article

    def run(*parts: str | list[str]):
        return clean(read_article(write_article(tmp_path, "page.txt", page_lines(*parts))), taxonomy)
    return run


def fold(text: str | None) -> str | None:
    """Every run of Unicode white space (NBSP included) to one space, trimmed."""
    return None if text is None else re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for a module's browser tests (skipped, or a failure with
    BRIEFING_REQUIRE_BROWSER=1, without it). Not one for the session: Playwright's thread would
    outlive the module, and other tests start Playwright of their own or fork workers."""
    from browser import launch_chromium, require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def desktop(browser):
    """A fresh desktop-sized page and the watch recording what went wrong on it."""
    from browser import DESKTOP, watch_context

    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    context.set_default_timeout(10_000)
    watch = watch_context(context)
    page = context.new_page()
    try:
        yield page, watch
    finally:
        context.close()
