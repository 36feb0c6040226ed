"""The built site in real headless Chromium, served under a GitHub Pages project path.

The site is built once with site_url https://example.github.io/briefing/ and served
on 127.0.0.1 under /briefing/, as GitHub Pages serves a project site; every
check (pages, assets, search, chips) therefore also proves the project path works.
Screenshots of the main pages at desktop and phone widths go to screenshots/.
"""

from __future__ import annotations

import html
import html.parser
import os
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from sitebuild import REPO, make_project, mkdocs_build, serve

PREFIX = "/briefing/"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = REPO / "screenshots"
pytestmark = pytest.mark.browser

if CHROMIUM is None:
    reason = "Debian's chromium is not installed (apt-get install chromium)"
    if os.environ.get("BRIEFING_REQUIRE_BROWSER"):
        raise RuntimeError(reason + "; BRIEFING_REQUIRE_BROWSER is set")
    pytest.skip(reason, allow_module_level=True)

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("site"))
    result = mkdocs_build(root, site_url="https://example.github.io/briefing/")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site, PREFIX) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


class Visit:
    """A page that records console errors, failed loads and any request leaving 127.0.0.1."""

    def __init__(self, browser, width: int = 1280, height: int = 900):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        self.page.route("**/*", self._route)

    def _route(self, route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def assert_clean(self):
        assert not self.errors, self.errors
        assert not self.failed, self.failed
        assert not self.outside, self.outside
        self.page.close()


def sample_titles(site: Path) -> list[str]:
    content = site.parent / "content" / "articles"
    titles = []
    for page in sorted(content.rglob("*.md")):
        line = next(line for line in page.read_text("utf-8").splitlines() if line.startswith("title: "))
        titles.append(html.unescape(line.removeprefix("title: ").strip('"')))
    return titles


def test_home_page_briefs_the_five_articles(browser, base_url, site):
    visit = Visit(browser)
    page = visit.open(base_url)
    text = page.inner_text("article")
    titles = sample_titles(site)
    assert len(titles) == 5
    for title in titles:
        assert title in text
    assert "5 articles" in text and "Most-covered actors" in text and "Timeline" in text
    visit.assert_clean()


def test_actor_chip_leads_to_the_actor_page_with_the_right_articles(browser, base_url):
    visit = Visit(browser)
    page = visit.open(base_url + "articles/2018/07/report-mattis-open-to-meeting-with-russian-defense-chief/")
    page.click("aside.briefing-panel a.briefing-chip:text('Derek Chollet')")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(PREFIX + "actors/derek-chollet/")
    listed = page.locator("#articles + ul li a").all_inner_texts()
    assert listed == ["Report: Mattis open to meeting with Russian defense chief"]
    assert "auto-detected" in page.inner_text("article")
    page.goto(base_url + "actors/jim-mattis/")
    assert len(page.locator("#articles + ul li").all()) == 5
    visit.assert_clean()


@pytest.mark.parametrize("query, expected", [
    ("Adamczyk", "No U.S.-Russia military collaboration, Mattis tells NATO"),
    ("Shoygu", "Sergei Shoigu"),
    ("Sputnik", "Shoigu on Relations With Pentagon"),
    ("Gerasimov", "Valery Gerasimov"),
])
def test_search_finds_articles_and_actors(browser, base_url, query, expected):
    visit = Visit(browser)
    page = visit.open(base_url)
    page.wait_for_function("() => !!document.querySelector('.md-search__input')")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=30)  # as a reader types: Material searches on each keystroke
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    results = page.locator(".md-search-result__item").all_inner_texts()
    assert any(expected in r for r in results), results
    assert all(r.strip() and not r.strip().endswith(".md") for r in results)
    visit.assert_clean()


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        wanted = {"a": "href", "link": "href", "img": "src", "script": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.targets.append(value)


def test_every_internal_link_in_the_site_resolves(site):
    missing = []
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        url = "http://site" + PREFIX + page.relative_to(site).as_posix()  # the site lives under PREFIX
        for target in parser.targets:
            resolved = urlsplit(urljoin(url, target))
            if resolved.netloc != "site":
                continue  # the original article's URL, external by design
            assert resolved.path.startswith(PREFIX), f"{page}: {target} leaves the project path"
            path = site / resolved.path.removeprefix(PREFIX)
            if not (path.is_file() or (path / "index.html").is_file()):
                missing.append(f"{page.relative_to(site)} -> {target}")
    assert not missing, missing[:20]


def test_pages_assets_and_search_load_under_the_project_path(browser, base_url):
    visit = Visit(browser)
    loaded: list[str] = []
    visit.page.on("response", lambda r: loaded.append(r.url))
    for path in ("", "articles/2017/02/mattis-rules-out-military-collaboration-with-russia/",
                 "actors/sergei-shoigu/", "topics/dialogue/", "dates/", "outlets/"):
        page = visit.open(base_url + path)
        assert page.locator("h1").first.inner_text().strip()
    assert any(u.endswith(".css") and PREFIX in u for u in loaded)
    assert any(u.endswith(".js") and PREFIX in u for u in loaded)
    assert any(u.endswith("search/search_index.json") and PREFIX in u for u in loaded)
    visit.assert_clean()


@pytest.mark.parametrize("width, height, label", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_screenshots(browser, base_url, width, height, label):
    SCREENSHOTS.mkdir(exist_ok=True)
    pages = {
        "home": "", "actor": "actors/jim-mattis/", "topic": "topics/dialogue/", "timeline": "dates/",
        "article": "articles/2017/02/mattis-rules-out-military-collaboration-with-russia/",
    }
    visit = Visit(browser, width, height)
    for name, path in pages.items():
        page = visit.open(base_url + path)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} scrolls sideways at {width}px"
    visit.assert_clean()
