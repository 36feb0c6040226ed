"""The reader's site in real headless Chromium (issue 20, item 5): search results a reader
can use, overview pages without a navigation sidebar, and the home page's date range
kept whole on a phone.

The samples are built once for the module and served on 127.0.0.1; every page visit
asserts no console error, failed request or request to another host.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import DESKTOP, watch_context
from sitebuild import make_project, mkdocs_build, serve

PHONE_375 = {"width": 375, "height": 812}
SHOIGU_SPELLINGS = {"Sergey Shoigu", "Sergei Shoygu", "Sergey Shoygu", "Sergei Kuzhugetovich Shoigu", "Shoygu"}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("browser-reader") / "project")
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr
    with serve(Path(root) / "site") as url:
        yield url


def open_page(browser, viewport):
    context = browser.new_context(viewport=viewport, service_workers="block")
    context.set_default_timeout(10_000)
    return context, watch_context(context), context.new_page()


def search(page, query: str) -> list[dict]:
    """Type `query` into Material's search box; one {path, title, chips} per page listed,
    in the order shown (Material lists a page, then its matching sections)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_function(  # the result count is written once the worker has answered this query
        "() => /\\d+ matching|No matching/.test(document.querySelector('.md-search-result__meta').textContent)")
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')].map(a => ({
            path: new URL(a.href).pathname,
            title: (a.querySelector('h1') || {textContent: ''}).textContent.trim(),
            chips: [...a.querySelectorAll('.md-tag')].map(t => t.textContent.trim()),
        }))"""
    )


@pytest.mark.browser
@pytest.mark.parametrize("query", ["Sergey Shoigu", "Shoygu"])
def test_a_name_finds_the_persons_page_first_without_other_people_or_alias_chips(desktop, base_url, query):
    page, watch = desktop
    page.goto(base_url, wait_until="load")
    results = search(page, query)
    assert results[0]["path"].endswith("/actors/sergei-shoigu/") and results[0]["title"] == "Sergei Shoigu", results
    assert results[0]["chips"] == ["Sergei Shoigu"]
    assert not [r for r in results if "/actors/" in r["path"] and not r["path"].endswith("/actors/sergei-shoigu/")], results
    assert any("/articles/" in r["path"] for r in results), results
    assert not [r for r in results if SHOIGU_SPELLINGS & set(r["chips"])], results
    assert max(len(r["chips"]) for r in results) <= 6, results  # outlet, author, topics: no list of every name
    watch.assert_clean("search")


@pytest.mark.browser
@pytest.mark.parametrize("query", ["Outlets", "Timeline", "Actors"])
def test_overview_pages_are_not_search_results(desktop, base_url, query):
    page, watch = desktop
    page.goto(base_url, wait_until="load")
    overview = {"/actors/", "/topics/", "/outlets/", "/dates/"}
    listed = [r["path"] for r in search(page, query)]
    assert not [p for p in listed if urlsplit(p).path in overview or "/dates/" in p], listed
    watch.assert_clean("search")


@pytest.mark.browser
@pytest.mark.parametrize("path", ["actors/", "topics/", "dates/", "outlets/"])
def test_overview_pages_have_no_navigation_sidebar(desktop, base_url, path):
    page, watch = desktop
    page.goto(base_url + path, wait_until="load")
    assert not page.locator(".md-sidebar--primary").is_visible()
    width = page.evaluate("() => document.querySelector('article.md-content__inner').getBoundingClientRect().width")
    assert width > 0.6 * DESKTOP["width"], width  # the content takes the room the sidebar left
    watch.assert_clean(path)


@pytest.mark.browser
def test_the_home_date_range_never_breaks_inside_a_date_on_a_phone(browser, base_url):
    context, watch, page = open_page(browser, PHONE_375)
    try:
        page.goto(base_url, wait_until="load")
        dates = page.evaluate(
            """() => [...document.querySelectorAll('.briefing-stats .briefing-date')].map(d => ({
                text: d.textContent, lines: d.getClientRects().length }))""")
        assert [d["text"] for d in dates] == ["2017-02-16", "2018-07-18"], dates
        assert all(d["lines"] == 1 for d in dates), dates
        watch.assert_clean("home on a phone")
    finally:
        context.close()
