"""A mixed-language corpus in real headless Chromium (issue 19): the sample articles and one
invented article per language (tests/fixtures_lang.py), built with `mkdocs build --strict`.

Search finds words in Cyrillic, with diacritics and inside other languages' quotation marks,
and article pages and listings name the article's language. Like tests/test_browser.py, every visit asserts that nothing failed and
nothing left this machine.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from fixtures_lang import DE, FIXTURES, PL, RU
from sitebuild import make_project, mkdocs_build, serve
from test_browser import search, visit

PREFIX = "/briefing/"
INDEX_SECONDS = 60  # the browser builds the index: slow on a busy machine


def search_when_ready(page, query: str) -> list[dict]:
    """`search`, once Material's worker has built the index (its "Initializing search" note is gone)."""
    page.locator("input.md-search__input").click()
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')",
        timeout=INDEX_SECONDS * 1000)
    return search(page, query)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    articles = {f.name: f.text.encode("utf-8") for f in FIXTURES}
    root = make_project(tmp_path_factory.mktemp("languages") / "project", articles)
    build = mkdocs_build(root, site_url="https://example.github.io/briefing/")
    assert build.returncode == 0, f"mkdocs build --strict failed on the mixed-language corpus:\n{build.stderr}"
    return root / "site"


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site, prefix=PREFIX) as url:
        yield url


# A word in Cyrillic, one with diacritics, and words inside the quotation marks of a language
# (glued to « and „, which Material's default separator leaves on the word).
SEARCHES = [(RU, RU.search_word), (PL, PL.search_word), (RU, "Сотрудничество"), (DE, "Lastenteilung")]


@pytest.mark.browser
@pytest.mark.parametrize(("fixture", "word"), SEARCHES, ids=[word for _, word in SEARCHES])
def test_search_finds_the_article_by_its_words(desktop, base_url, fixture, word):
    page, watch = desktop
    visit(page, base_url)
    results = search_when_ready(page, word)
    found = [r for r in results if r["level"] == 1 and r["title"] == fixture.title]
    assert found and "/articles/" in urlsplit(found[0]["href"]).path, (
        f"searching {word!r} does not find the {fixture.language} article {fixture.title!r}: {results}")
    watch.assert_clean(f"search for {word}")


@pytest.mark.browser
@pytest.mark.parametrize("word", [RU.search_word, PL.search_word])
def test_search_in_another_script_finds_the_persons_page(desktop, base_url, word):
    """"Шойгу" and "Szojgu" are aliases of Sergei Shoigu: his page is a result, under his English name."""
    page, watch = desktop
    visit(page, base_url)
    results = search_when_ready(page, word)
    pages = [r for r in results if r["level"] == 1 and "/actors/" in urlsplit(r["href"]).path]
    assert pages and pages[0]["title"] == "Sergei Shoigu", f"searching {word!r}: {results}"
    watch.assert_clean(f"search for {word}")


@pytest.mark.browser
def test_article_page_names_its_language(desktop, base_url):
    page, watch = desktop
    visit(page, base_url + "dates/2017-02/")
    page.get_by_role("link", name=RU.title).click()
    page.wait_for_url("**/articles/**")
    panel = page.locator("aside.briefing-panel")
    assert "Language" in panel.inner_text() and "Russian" in panel.inner_text(), panel.inner_text()
    assert "Шойгу" in page.locator("article").inner_text(), "the Russian article lost its text"
    watch.assert_clean("Russian article page")


def test_listings_name_the_language_of_articles_in_another(site):
    month = (site / "dates" / "2017-02" / "index.html").read_text(encoding="utf-8")
    for fixture, name in ((RU, "Russian"), (PL, "Polish")):
        entry = next(line for line in month.splitlines() if fixture.title in line)
        assert f'lang="{fixture.language}"' in entry and f'<span class="briefing-language">{name}</span>' in entry, entry
    english = next(line for line in month.splitlines() if "Mattis" in line and "briefing-date" in line)
    assert "briefing-language" not in english, "an English entry on an English site needs no language note"
