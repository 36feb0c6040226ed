"""Loading the user-editable data files: furniture rules keep file order, broken files are named."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from generator.cli import main
from generator.render import actor_path, topic_path
from generator.slugs import is_slug
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
    with pytest.raises(TaxonomyError, match=r"furniture\.yml: rule 'promo': patterns\[0\]: not a valid regular expression"):
        with_furniture(taxonomy_dir, "promo:\n  patterns: ['subscribe)|(.*']\n")


def test_missing_and_unreadable_files_are_named(taxonomy_dir):
    (taxonomy_dir / "roles.yml").write_text("titles: [President\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"roles\.yml: invalid YAML"):
        load_taxonomy(taxonomy_dir)
    (taxonomy_dir / "roles.yml").unlink()
    with pytest.raises(TaxonomyError, match=r"roles\.yml: taxonomy file is missing"):
        load_taxonomy(taxonomy_dir)


TOPIC = """- id: crimea
  name: Crimea
  patterns:
    - {pattern: '\\bcrimea\\b', weight: 3}
"""
ACTOR = """- id: jane-roe
  name: Jane Roe
  roles: [{title: Envoy, from: 2017}]
"""


def problems_in(directory) -> list[str]:
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(directory)
    return str(caught.value).splitlines()


@pytest.mark.parametrize(("stem", "text", "problem"), [
    ("topics", TOPIC.replace("id: crimea", "id: ../../../x"),
     "topics.yml: topic '../../../x': id: '../../../x' is not a slug (lower-case letters, digits and hyphens); 'x' would be"),
    ("actors", ACTOR.replace("id: jane-roe", "id: ../../../x"), "actors.yml: actor '../../../x': id: '../../../x' is not a slug"),
    ("actors", ACTOR.replace("id: jane-roe", "id: /etc/passwd"), "actors.yml: actor '/etc/passwd': id: '/etc/passwd' is not a slug"),
    ("actors", ACTOR.replace("id: jane-roe", "id: Jane Roe"), "actors.yml: actor 'Jane Roe': id: 'Jane Roe' is not a slug"),
    ("topics", TOPIC.replace("id: crimea", "id: index"), "topics.yml: topic 'index': id: 'index' is the name of the overview page"),
    ("topics", TOPIC.replace("weight: 3", "weight: heavy"),
     "topics.yml: topic 'crimea': patterns[0].weight: Input should be a valid number"),
    ("topics", TOPIC.replace("  name: Crimea\n", ""), "topics.yml: topic 'crimea': name: Field required"),
    ("actors", ACTOR.replace("  name: Jane Roe\n", ""), "actors.yml: actor 'jane-roe': name: Field required"),
    ("topics", TOPIC.replace("'\\bcrimea\\b'", "[crimea]"),
     "topics.yml: topic 'crimea': patterns[0].pattern: Input should be a valid string"),
    ("topics", TOPIC.replace("'\\bcrimea\\b'", "'(crimea'"),
     "topics.yml: topic 'crimea': patterns[0].pattern: not a valid regular expression"),
    ("topics", TOPIC + "  requires: 5\n", "topics.yml: topic 'crimea': requires: Input should be a valid tuple"),
    ("actors", ACTOR.replace("from: 2017", "from: soon"), "actors.yml: actor 'jane-roe': roles[0].from: Input should be a valid integer"),
    ("actors", ACTOR + "  aliases: {Jane: Roe}\n", "actors.yml: actor 'jane-roe': aliases: Input should be a valid tuple"),
    ("actors", ACTOR + "  alias: [J. Roe]\n", "actors.yml: actor 'jane-roe': alias: Extra inputs are not permitted"),
    ("actors", ACTOR + ACTOR, "actors.yml: actor 'jane-roe': id: used by 2 actors"),
    ("actors", "- Jane Roe\n", "actors.yml: actor #1: Input should be a valid dictionary"),
    ("actors", "jane-roe: {name: Jane Roe}\n", "actors.yml: Input should be a valid list"),
    ("outlets", "- {name: Sputnik, domains: sputniknews.com}\n", "outlets.yml: outlet 'Sputnik': domains: Input should be a valid tuple"),
    ("roles", "titles: [Gen., [Adm.]]\n", "roles.yml: titles[1]: Input should be a valid string"),
    ("furniture", "navigation:\n  lines: [Menu]\n  patterns: [7]\n", "furniture.yml: rule 'navigation': patterns[0]: Input should be a valid string"),
])
def test_a_bad_entry_is_one_line_naming_file_entry_and_field(taxonomy_dir, stem, text, problem):
    (taxonomy_dir / f"{stem}.yml").write_text(text, encoding="utf-8")
    lines = problems_in(taxonomy_dir)
    assert len(lines) == 1, lines
    assert lines[0].startswith(str(taxonomy_dir / f"{stem}.yml") + ": "), lines
    assert problem in lines[0]


def test_every_problem_of_every_file_is_reported_at_once(taxonomy_dir):
    (taxonomy_dir / "topics.yml").write_text(TOPIC.replace("weight: 3", "weight: heavy").replace("  name: Crimea\n", ""))
    (taxonomy_dir / "actors.yml").write_text(ACTOR.replace("id: jane-roe", "id: ../x"))
    lines = problems_in(taxonomy_dir)
    assert [line.split(": ", 1)[1] for line in lines] == [
        "actor '../x': id: '../x' is not a slug (lower-case letters, digits and hyphens); 'x' would be",
        "topic 'crimea': name: Field required",
        "topic 'crimea': patterns[0].weight: Input should be a valid number, unable to parse string as a number",
    ]


def test_briefing_check_prints_each_taxonomy_problem_as_one_line(tmp_path, capsys):
    shutil.copytree(REPO / "taxonomy", tmp_path / "taxonomy")
    (tmp_path / "articles").mkdir()
    (tmp_path / "taxonomy" / "topics.yml").write_text(TOPIC.replace("id: crimea", "id: ../../../x").replace("weight: 3", "weight: heavy"))
    assert main(["--root", str(tmp_path), "check"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith("error: ") and "topics.yml: topic '../../../x': " in line for line in err), err
    assert "Traceback" not in "".join(err)
    assert not list(tmp_path.rglob("x.md"))


def test_a_good_file_builds_the_same_records(taxonomy_dir):
    (taxonomy_dir / "actors.yml").write_text(ACTOR + "  aliases:\n  country: 1990\n")
    (actor,) = load_taxonomy(taxonomy_dir).actors
    assert (actor.id, actor.name, actor.aliases, actor.roles, actor.country) == \
        ("jane-roe", "Jane Roe", (), ({"title": "Envoy", "from": 2017},), "1990")
    assert actor.role_in(2018) == "Envoy"


@given(st.text())
def test_an_id_the_schema_accepts_names_a_page_inside_its_folder(text):
    if is_slug(text):
        for path in (actor_path(text), topic_path(text)):
            folder, name = path.split("/")
            assert name == text + ".md" and text not in ("", ".", "..") and "\\" not in text
