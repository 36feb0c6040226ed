"""User YAML (front matter, taxonomy files) is plain data: aliases cannot blow it up."""

from __future__ import annotations

import shutil
import time

import pytest

from generator.build import Project, collect
from generator.taxonomy import TaxonomyError, load_taxonomy
from sitebuild import REPO, make_project


def alias_bomb(levels: int = 9, fan_out: int = 9) -> str:
    """Each anchor repeats the previous one fan_out times: fan_out**levels values in a few KB."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * fan_out) + "]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * fan_out) + "]")
    return "\n".join(lines) + f"\nactors: *a{levels - 1}\n"


def test_an_alias_bomb_in_front_matter_is_one_problem_and_other_articles_build(tmp_path):
    bomb = "---\n" + alias_bomb() + "---\nNATO and Russia held talks in Brussels on Thursday.\n"
    root = make_project(tmp_path, {"bomb.txt": bomb.encode()})
    started = time.perf_counter()
    report, _, _ = collect(Project.at(root), progress=False)
    assert time.perf_counter() - started < 30
    problems = [p for p in report.problems if p.startswith("bomb.txt:")]
    assert len(problems) == 1 and "aliases" in problems[0] and "line" in problems[0]
    assert len(report.articles) == 5  # the samples


def test_an_alias_bomb_in_a_taxonomy_file_names_the_file(tmp_path):
    shutil.copytree(REPO / "taxonomy", tmp_path / "taxonomy")
    (tmp_path / "taxonomy" / "roles.yml").write_text(alias_bomb(), encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"roles\.yml.*aliases"):
        load_taxonomy(tmp_path / "taxonomy")
