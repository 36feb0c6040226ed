"""The reader's site (issue 20, item 5): what search indexes and shows, provenance notes in
a reader's words with their legend, overview pages without a one-item sidebar, outlets'
kind and country, and no word of data files on reader pages.

One synthetic project is built with the real `mkdocs build` for the module; the search
behaviour in a browser is in test_browser_reader.py.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from generator.render import DATE_SOURCES, OUTLET_SOURCES, WIRE_SOURCES
from generator.search import PERSON_BOOST, SEARCH_NAMES
from generator.taxonomy import TaxonomyError, load_taxonomy
from sitebuild import make_project, mkdocs_build

# Sputnik is in outlets.yml (state media, Russia); Shoigu and Lavrov are in actors.yml.
SPUTNIK_PAGE = """---
url: https://sputniknews.com/20170216/shoigu-talks.html
---
Shoygu Says Moscow Is Ready to Talk

February 16, 2017

Russian Defense Minister Sergey Shoygu said on Thursday that Moscow was ready to restore contacts with the Pentagon.

"We are ready to restore cooperation with the Pentagon," Shoigu said at a meeting in Moscow.

Foreign Minister Sergei Lavrov said separately that the talks would need time and patience on both sides.
"""

HARBOUR_PAGE = """Harbour Council Opens New Ferry Route

March 3, 2019

The harbour council opened a new ferry route between the two islands on Sunday, officials said.

The route will run twice a day during the summer months and once a day in winter.
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("reader") / "project", {
        "sputnik.txt": SPUTNIK_PAGE.encode(), "harbour.txt": HARBOUR_PAGE.encode(),
    }, with_samples=False)
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr
    return root


@pytest.fixture(scope="module")
def search_index(project) -> dict:
    return json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))


def entries(search_index, location: str) -> list[dict]:
    return [d for d in search_index["docs"] if d["location"].split("#")[0] == location]


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n", 2)[1])


def article_page(project, outlet_page_name: str) -> Path:
    return next(p for p in (project / "site" / "articles").rglob("index.html") if outlet_page_name in p.parent.name)


def visible_text(page: Path) -> str:
    """The text of a page's article element, without markup (what a reader reads)."""
    body = page.read_text("utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


# --- search -----------------------------------------------------------------------------


def test_results_show_canonical_names_and_every_spelling_stays_searchable(project, search_index):
    actor, *sections = entries(search_index, "actors/sergei-shoigu/")
    assert actor["tags"] == ["Sergei Shoigu"]  # the one chip a result shows
    assert {"Sergey Shoigu", "Shoygu"} <= set(actor[SEARCH_NAMES])
    assert sections and all(SEARCH_NAMES not in s for s in sections)  # a section matches by its own words
    assert actor["boost"] == PERSON_BOOST

    article = entries(search_index, "articles/2017/02/shoygu-says-moscow-is-ready-to-talk/")[0]
    assert not {"Shoygu", "Sergey Shoigu", "Sergei Shoigu", "Sergey Lavrov"} & set(article["tags"]), article["tags"]
    assert "Sputnik" in article["tags"]
    assert {"Sergei Shoigu", "Shoygu", "Sergei Lavrov", "Sergey Lavrov"} <= set(article[SEARCH_NAMES])
    assert search_index["config"]["fields"][SEARCH_NAMES] == search_index["config"]["fields"]["tags"]


def test_overview_pages_and_listings_stay_out_of_search(search_index):
    pages = {d["location"].split("#")[0] for d in search_index["docs"]}
    assert not pages & {"actors/", "topics/", "dates/", "outlets/"}, sorted(pages)
    assert not [p for p in pages if p.startswith("dates/")]
    outlet = entries(search_index, "outlets/sputnik/")[0]
    assert "Shoygu Says" not in outlet["text"]  # the article is found by its own page, not by listings of it


def test_overview_pages_have_no_navigation_sidebar(project):
    for page, hidden in [("actors", ["navigation", "toc"]), ("topics", ["navigation", "toc"]),
                         ("outlets", ["navigation", "toc"]), ("dates", ["navigation"])]:
        assert front_matter(project / "content" / page / "index.md")["hide"] == hidden, page
        assert 'class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation" hidden' in (
            project / "site" / page / "index.html").read_text("utf-8"), page


# --- provenance, outlets, About ---------------------------------------------------------


def test_provenance_is_in_words_and_the_codes_stay_in_the_record(project):
    meta = front_matter(next((project / "content" / "articles").rglob("shoygu-says-moscow-is-ready-to-talk.md")))
    assert (meta["date_source"], meta["outlet_source"]) == ("date line", "URL domain")
    panel = article_page(project, "shoygu-says").read_text("utf-8").split('<aside class="briefing-panel"', 1)[1].split("</aside>", 1)[0]
    assert "printed with the article" in panel and "from the web address" in panel
    assert "date line" not in panel and "URL domain" not in panel
    assert 'href="../../../../about/#where-the-details-come-from"' in panel
    assert 'id="where-the-details-come-from"' in (project / "site" / "about" / "index.html").read_text("utf-8")


def test_the_about_page_explains_every_provenance_note():
    about = (REPO / "content" / "about.md").read_text("utf-8")
    missing = [words for labels in (DATE_SOURCES, OUTLET_SOURCES, WIRE_SOURCES) for words in labels.values() if words not in about]
    assert not missing


def test_outlets_say_what_they_are_and_where_they_are_based(project):
    assert "State media · Russia" in visible_text(project / "site" / "outlets" / "sputnik" / "index.html")
    assert "| [Sputnik](sputnik.md) | State media · Russia | 1 |" in (project / "content" / "outlets" / "index.md").read_text("utf-8")
    panel = article_page(project, "shoygu-says").read_text("utf-8")
    assert '<span class="briefing-outlet-profile">(State media · Russia)</span>' in panel


def test_quotes_carry_their_articles_date_as_the_articles(project):
    actor = (project / "content" / "actors" / "sergei-shoigu.md").read_text("utf-8")
    assert re.search(r"— quoted in \[Shoygu Says Moscow Is Ready to Talk\]\([^)]+\) \([^,()]+, an article of 2017-02-16\)", actor)


def test_reader_pages_never_mention_data_files(project):
    pages = [p for p in (project / "site").rglob("index.html")]
    assert len(pages) > 10
    found = {p.relative_to(project / "site").as_posix(): hits for p in pages
             if (hits := re.findall(r"taxonomy|\.ya?ml\b|YAML|front matter", visible_text(p), re.IGNORECASE))}
    assert not found


# --- the outlet schema ------------------------------------------------------------------


@pytest.fixture
def taxonomy_dir(tmp_path):
    shutil.copytree(REPO / "taxonomy", tmp_path / "taxonomy")
    return tmp_path / "taxonomy"


def test_outlet_kind_owner_and_country_are_optional(taxonomy_dir):
    (taxonomy_dir / "outlets.yml").write_text(
        "- {name: Old Herald, domains: [oldherald.example]}\n"
        "- {name: Harbour Wire, kind: wire, domains: [harbourwire.example]}\n"
        "- {name: Island Radio, kind: broadcaster, owner: public, country: Iceland}\n"
        "- {name: Capital Daily, kind: newspaper, owner: state, country: Ruritania}\n", encoding="utf-8")
    profiles = {o.name: (o.wire, o.profile) for o in load_taxonomy(taxonomy_dir).outlets}
    assert profiles == {"Old Herald": (False, None), "Harbour Wire": (True, "News agency"),
                        "Island Radio": (False, "Public broadcaster · Iceland"),
                        "Capital Daily": (False, "State media · Newspaper · Ruritania")}


def test_an_unknown_outlet_kind_is_one_problem_line(taxonomy_dir):
    (taxonomy_dir / "outlets.yml").write_text("- {name: Old Herald, kind: tabloid}\n", encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(taxonomy_dir)
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 and "outlets.yml: outlet 'Old Herald': kind: Input should be" in lines[0], lines
