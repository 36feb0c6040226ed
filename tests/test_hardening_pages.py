"""Issue 16, items 1 and 7: every name a page is made for gets its own page, in a real build.

* A person added by a correction in front matter (`actors: [Jane Roe]`) whom neither the
  taxonomy nor the text knows has an actor page, and `briefing check` agrees with the build.
* Names that slugify alike never overwrite each other's pages or an overview page; the same
  outlet in another letter case or spacing is one outlet.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from sitebuild import make_project, mkdocs_build

TEXT = """{title}

March {day}, 2019

Defense ministers agreed on Tuesday to hold regular military contacts, officials said.

Jim Mattis said the calendar would reduce the risk of accidents.
"""


def article(title: str, day: int, **front: str) -> bytes:
    lines = "".join(f"{key}: {value}\n" for key, value in front.items())
    return (f"---\n{lines}---\n" if front else "").encode() + TEXT.format(title=title, day=day).encode()


def built(tmp_path: Path, articles: dict[str, bytes]) -> Path:
    """The site built with `mkdocs build --strict` (which must succeed): returns site/."""
    root = make_project(tmp_path / "project", articles, with_samples=False)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def page_text(site: Path, path: str) -> str:
    """The visible text of a built page's article body, tags stripped."""
    html = (site / path / "index.html").read_text("utf-8")
    body = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    body = re.sub(r'<a class="headerlink".*?</a>', "", body)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def check(root: Path, capsys) -> tuple[int, str]:
    code = main(["--root", str(root), "check"])
    return code, capsys.readouterr().err


# --- item 1: a person added by a correction ----------------------------------------------

CORRECTED = {
    "roe.txt": article("Ministers Agree on a Calendar of Contacts", 5, actors="[Jane Roe]"),
    "roe-2.txt": article("Ministers Sign the Calendar", 4, actors="[Jane Roe]"),
    # The README's own example, on an article whose text does not name him.
    "pavel.txt": article("Ministers Meet Again in Brussels", 6, actors="[Petr Pavel, '  JANE   ROE ']"),
}


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory) -> Path:
    return built(tmp_path_factory.mktemp("corrected"), CORRECTED)


def test_a_person_added_in_front_matter_has_an_actor_page(corrected_site):
    roe = page_text(corrected_site, "actors/jane-roe")
    assert "Jane Roe" in roe and "added by a correction" in roe
    assert "3 articles" in roe  # "  JANE   ROE " is the same person, shown as most articles write her
    assert "Ministers Agree on a Calendar of Contacts" in roe and "Ministers Meet Again in Brussels" in roe
    pavel = page_text(corrected_site, "actors/petr-pavel")
    assert "added by a correction" in pavel and "1 article" in pavel
    overview = page_text(corrected_site, "actors")
    assert "Petr Pavel" in overview and "added by a correction" in overview


def test_the_article_links_the_person_added_in_front_matter(corrected_site):
    page = next((corrected_site / "articles" / "2019" / "03").glob("ministers-meet-again*/index.html"))
    assert 'href="../../../../actors/petr-pavel/"' in page.read_text("utf-8")


def test_briefing_check_agrees_with_the_build_on_a_correction(tmp_path, capsys):
    root = make_project(tmp_path / "project", CORRECTED, with_samples=False)
    code, err = check(root, capsys)
    assert code == 0 and "problem" not in err, err
    assert mkdocs_build(root).returncode == 0


# --- item 7: names that slugify alike ----------------------------------------------------

def test_one_outlet_in_any_letter_case_or_spacing_is_one_outlet_page(tmp_path):
    site = built(tmp_path, {
        "a.txt": article("First Report", 1, outlet="SPUTNIK"),
        "b.txt": article("Second Report", 2, outlet="Sputnik"),
        "c.txt": article("Third Report", 3, outlet="' sputnik '"),
        "d.txt": article("Fourth Report", 4, outlet="Field  Notes"),
        "e.txt": article("Fifth Report", 5, outlet="field notes"),
        "f.txt": article("Sixth Report", 6, outlet="FIELD NOTES"),
        "g.txt": article("Seventh Report", 7, outlet="Field Notes"),
    })
    sputnik = page_text(site, "outlets/sputnik")
    assert "Sputnik" in sputnik and "3 articles" in sputnik  # outlets.yml's name
    assert all(title in sputnik for title in ("First Report", "Second Report", "Third Report"))
    notes = page_text(site, "outlets/field-notes")
    assert re.search(r"\bField Notes 4 articles", notes), notes  # the most common spelling
    assert sorted(p.name for p in (site / "outlets").iterdir() if p.is_dir()) == ["field-notes", "sputnik"]
    overview = page_text(site, "outlets")
    assert "Sputnik State media · Russia 3" in overview and "Field Notes 4" in overview and "SPUTNIK" not in overview


def test_outlets_whose_names_slugify_alike_keep_a_page_each(tmp_path):
    site = built(tmp_path, {
        "a.txt": article("First Report", 1, outlet="Index"),
        "b.txt": article("Second Report", 2, outlet="Sputnik!"),
        "c.txt": article("Third Report", 3, outlet="Sputnik"),
        "d.txt": article("Fourth Report", 4, outlet="Unknown outlet"),
        "e.txt": article("Fifth Report", 5),  # the text names no outlet
    })
    overview = page_text(site, "outlets")
    assert overview.startswith(" Outlets ") and "Index 1" in overview  # still the overview
    pages = {p.name: page_text(site, f"outlets/{p.name}") for p in (site / "outlets").iterdir() if p.is_dir()}
    assert len(pages) == 5, sorted(pages)
    for title, outlet in [("First", "Index"), ("Second", "Sputnik!"), ("Third", "Sputnik"),
                          ("Fourth", "Unknown outlet"), ("Fifth", "Unknown outlet")]:
        (holding,) = [text for text in pages.values() if f"{title} Report" in text]
        assert holding.startswith(f" {outlet} ") and " 1 article " in holding  # what it is may come between
    assert "Second Report" not in pages["sputnik"] and "Third Report" in pages["sputnik"]


def test_people_whose_names_slugify_alike_keep_a_page_each(tmp_path):
    site = built(tmp_path, {
        "a.txt": article("First Report", 1, actors="[Index]"),
        "b.txt": article("Second Report", 2, actors="[Jane Roe]"),
        "b2.txt": article("Second Report Again", 2, actors="[Jane Roe]"),
        "c.txt": article("Third Report", 3, actors="[Jane Roé]"),
        "d.txt": article("Fourth Report", 4, actors="[Jane-Roe, jane roe]"),
        "e.txt": article("Fifth Report", 5, actors="[Jim Mattís]"),  # not the Jim Mattis of actors.yml
    })
    assert page_text(site, "actors").startswith(" Actors ")
    pages = {p.name: page_text(site, f"actors/{p.name}") for p in (site / "actors").iterdir() if p.is_dir()}
    assert pages["jane-roe"].startswith(" Jane Roe ") and "3 articles" in pages["jane-roe"]
    assert "Jim Mattis" in pages["jim-mattis"] and "U.S. Secretary of Defense" in pages["jim-mattis"]
    for name, title in [("Index", "First"), ("Jane Roé", "Third"), ("Jane-Roe", "Fourth"), ("Jim Mattís", "Fifth")]:
        (holding,) = [stem for stem, text in pages.items() if text.startswith(f" {name} ")]
        assert f"{title} Report" in pages[holding] and holding != "jane-roe"


@pytest.mark.parametrize(("topics", "problem"), [
    ("- {id: index, name: Index, patterns: [{pattern: contacts}]}\n",
     "topics.yml: topic 'index': id: 'index' is the name of the overview page"),
    ("- {id: talks, name: Talks, patterns: [{pattern: contacts}]}\n- {id: talks, name: Other talks, patterns: [{pattern: calendar}]}\n",
     "topics.yml: topic 'talks': id: used by 2 topics"),
])
def test_a_topic_never_takes_another_topics_page(tmp_path, capsys, topics, problem):
    root = make_project(tmp_path / "project", {"a.txt": article("First Report", 1)}, with_samples=False)
    (root / "taxonomy" / "topics.yml").write_text(topics, encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode != 0 and problem in result.stderr and "Traceback" not in result.stderr
    assert not (root / "content" / "topics").exists()
    code, err = check(root, capsys)
    assert code == 2 and problem in err


def test_briefing_check_reports_a_page_the_build_could_not_render(tmp_path, capsys, monkeypatch):
    root = make_project(tmp_path / "project", CORRECTED, with_samples=False)
    templates = tmp_path / "templates"
    shutil.copytree(Path(__file__).parents[1] / "generator" / "templates", templates)
    (templates / "actor.md.j2").write_text("{{ actor.entry.roles }}\n", encoding="utf-8")  # the fault of issue 16
    monkeypatch.setattr("generator.render.PackageLoader", lambda *_: __import__("jinja2").FileSystemLoader(templates))
    code, err = check(root, capsys)
    assert code == 1
    assert "problem: content/actors/jane-roe.md: cannot be rendered (UndefinedError: 'None' has no attribute 'roles')" in err
    assert not (root / "content" / "actors").exists()


def test_an_outlets_archive_page_follows_its_most_common_spelling(tmp_path, monkeypatch):
    from generator import render
    from generator.build import Project, build

    monkeypatch.setattr(render, "PAGE_SIZE", 2)
    root = make_project(tmp_path / "project", {
        "a.txt": article("First Report", 1, outlet="field notes"),
        "b.txt": article("Second Report", 2, outlet="field notes"),
        "c.txt": article("Third Report", 3, outlet="Field Notes"),
    }, with_samples=False)
    project = Project.at(root)
    build(project)
    archive = project.content / "outlets" / "field-notes" / "page-1.md"
    assert "# field notes (page 2)" in archive.read_text("utf-8")
    (project.articles / "d.txt").write_bytes(article("Fourth Report", 4, outlet="Field Notes"))
    build(project)  # two spellings twice each: the newest article's wins
    assert "# Field Notes (page 2)" in archive.read_text("utf-8")
