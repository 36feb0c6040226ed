"""Shared fixtures for the extraction tests.

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


def fold(text: str | None) -> str | None:
    """Every run of Unicode white space (NBSP included) to one space, trimmed."""
    return None if text is None else re.sub(r"\s+", " ", text).strip()
