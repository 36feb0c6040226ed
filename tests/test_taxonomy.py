"""Loading the user-editable data files: furniture rules keep file order, broken files are named."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO
from generator.taxonomy import TaxonomyError, load_taxonomy

FURNITURE = """
first:
  lines: [Listen now]
  patterns: ['(?P<kind>audio|podcast):.*']
second:
  lines: ['Audio: the interview']
  patterns: ['listen (now|later)', '(\\w+) \\1']
"""


@pytest.fixture
def taxonomy_dir(tmp_path):
    shutil.copytree(REPO / "taxonomy", tmp_path / "taxonomy")
    return tmp_path / "taxonomy"


def with_furniture(directory, text: str):
    (directory / "furniture.yml").write_text(text, encoding="utf-8")
    return load_taxonomy(directory).furniture


@pytest.mark.parametrize(("line", "rule"), [
    ("Listen now", "first"),              # listed by the first rule, matched by the second's pattern
    ("Audio: the interview", "first"),    # matched by the first rule's pattern, listed by the second
    ("Listen later", "second"),
    ("podcast: episode 4", "first"),      # a user's own named group does not hide the rule
    ("again again", "second"),            # nor does a numbered back-reference in a later rule
    ("again and again", None),
])
def test_first_furniture_rule_in_file_order_wins(taxonomy_dir, line, rule):
    assert with_furniture(taxonomy_dir, FURNITURE).rule_for(line) == rule


def test_pattern_that_would_leak_into_its_neighbours_is_refused(taxonomy_dir):
    with pytest.raises(TaxonomyError, match="malformed taxonomy entry"):
        with_furniture(taxonomy_dir, "promo:\n  patterns: ['subscribe)|(.*']\n")


def test_missing_and_unreadable_files_are_named(taxonomy_dir):
    (taxonomy_dir / "roles.yml").write_text("titles: [President\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"roles\.yml: invalid YAML"):
        load_taxonomy(taxonomy_dir)
    (taxonomy_dir / "roles.yml").unlink()
    with pytest.raises(TaxonomyError, match=r"roles\.yml: taxonomy file is missing"):
        load_taxonomy(taxonomy_dir)
