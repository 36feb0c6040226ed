"""The built site as a reader sees it, in real headless Chromium (Debian's, no download).

The site is built once for the module with the GitHub Pages project URL
(https://example.github.io/briefing/) and served on 127.0.0.1 under /briefing/, as
Pages serves a project site. Every page visit asserts: no console error, no uncaught
exception, no failed request, no HTTP error, and no request to any other host (all such
requests are blocked and recorded). One static test crawls site/ for broken links.

Screenshots of the main page kinds at desktop and phone widths go to screenshots/
(git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from browser import (
    DESKTOP,
    PHONE,
    broken_links,
    watch_context,
)
from sitebuild import REPO, make_project, mkdocs_build, serve

SITE_URL = "https://example.github.io/briefing/"
PREFIX = "/briefing/"
EXPECTED = REPO.parent / "shared" / "seeds" / "expected.yml"
SCREENSHOTS = REPO / "screenshots"

UPI_TITLE = "No U.S.-Russia military collaboration, Mattis tells NATO"
AMN_TITLE = "Report: Mattis open to meeting with Russian defense chief"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(match.group(1)) if match else {}


# --- fixtures: one build, one server, one browser for the module ------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("browser") / "project")
    build = mkdocs_build(root, site_url=SITE_URL)
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.stderr}"
    return root


@pytest.fixture(scope="module")
def site(project) -> Path:
    return project / "site"


@pytest.fixture(scope="module")
def titles(project) -> dict[str, str]:
    """Sample file name -> the title a reader must see. From the analyst's
    expected.yml when the shared seeds are there, else from the generated pages."""
    generated = {}
    for md in (project / "content" / "articles").rglob("*.md"):
        meta = _front_matter(md)
        if meta.get("briefing") == "article":
            generated[meta["source"]] = meta["title"]
    assert len(generated) >= 5, f"expected (at least) the five sample articles, got {sorted(generated)}"
    if EXPECTED.exists():
        cases = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
        return {case["file"]: case["title"] for case in cases}
    return generated


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site, prefix=PREFIX) as url:
        assert urlsplit(url).path == PREFIX
        yield url


def heading(page) -> str:
    """The page's h1 without Material's permalink sign."""
    return fold(page.locator("article h1").first.inner_text()).rstrip("¶").strip()


def visit(page, url: str):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    return response


def section_links(page, heading_id: str, href_part: str) -> list[str]:
    """Texts of the links under the h2#heading_id (up to the next h2) whose href contains href_part."""
    return page.evaluate(
        """([id, part]) => {
            const heading = document.querySelector(`article h2#${id}`);
            if (!heading) return null;
            const texts = [];
            for (let el = heading.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
                for (const a of el.querySelectorAll('a[href]:not(svg a)')) {
                    if (a.href.includes(part)) texts.push(a.textContent.replace(/\\s+/g, ' ').trim());
                }
            }
            return texts;
        }""",
        [heading_id, href_part],
    )


# --- 1. home ----------------------------------------------------------------------------


@pytest.mark.browser
def test_home_lists_the_five_sample_articles(desktop, base_url, titles):
    page, watch = desktop
    visit(page, base_url)
    linked = set(page.evaluate(
        """() => [...document.querySelectorAll('article.md-content__inner a[href]:not(svg a)')]
            .filter(a => a.href.includes('/articles/')).map(a => a.textContent.replace(/\\s+/g, ' ').trim())"""
    ))
    missing = sorted(fold(t) for t in titles.values() if fold(t) not in linked)
    assert not missing, f"home page does not link these articles: {missing}\nlinks found: {sorted(linked)}"
    assert page.title().strip(), "home page has no <title>"
    watch.assert_clean("home page")


# --- 2. actor chips -----------------------------------------------------------------------


@pytest.mark.browser
def test_actor_chips_lead_to_actor_pages_listing_their_articles(desktop, base_url, titles):
    page, watch = desktop
    all_titles = {fold(t) for t in titles.values()}

    visit(page, base_url)
    page.locator("article.md-content__inner a", has_text=AMN_TITLE).first.click()
    page.wait_for_load_state("load")
    assert "/articles/" in page.url
    panel = page.locator("aside.briefing-panel")
    assert panel.is_visible(), "article page has no metadata panel"
    chips = [fold(t) for t in panel.locator("a.briefing-chip").all_inner_texts()]
    assert "Derek Chollet" in chips and "Jim Mattis" in chips, chips
    article_url = page.url

    panel.locator("a.briefing-chip", has_text="Derek Chollet").click()
    page.wait_for_url(re.compile(r"/actors/derek-chollet/$"))
    assert heading(page) == "Derek Chollet"
    assert section_links(page, "articles", "/articles/") == [AMN_TITLE]

    visit(page, article_url)
    page.locator("aside.briefing-panel a.briefing-chip", has_text="Jim Mattis").click()
    page.wait_for_url(re.compile(r"/actors/jim-mattis/$"))
    listed = section_links(page, "articles", "/articles/")
    assert listed is not None, "Jim Mattis's page has no 'Articles' section"
    assert set(listed) >= all_titles and len(listed) == len(set(listed)), listed
    watch.assert_clean("article and actor pages")


# --- 3. search ----------------------------------------------------------------------------


def search(page, query: str) -> list[dict]:
    """Type `query` into Material's search box; the results as {title, href}."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # phone layout: open the search overlay first
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    box.fill("")
    box.type(query, delay=20)
    box.press("End")  # Playwright types "Шойгу" without key events; Material reads the box on keyup
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item a.md-search-result__link')].map(a => ({
            href: a.href,
            title: (a.querySelector('h1, h2') || {textContent: ''}).textContent.replace(/\\s+/g, ' ').trim(),
            level: a.querySelector('h1') ? 1 : 2,
        }))"""
    )


def assert_meaningful_titles(results: list[dict]) -> None:
    for result in results:
        title = result["title"]
        assert title, f"search result without a title: {result}"
        assert not re.search(r"\.(md|html?|txt)$|^index$|^[\w-]+/[\w/-]*$", title), f"file-name-like title: {result}"


@pytest.mark.browser
def test_search_finds_author_and_alias_spellings(desktop, base_url):
    page, watch = desktop
    visit(page, base_url)

    results = search(page, "Adamczyk")
    assert_meaningful_titles(results)
    assert any(r["title"] == UPI_TITLE and "/articles/" in r["href"] for r in results if r["level"] == 1), (
        f"searching the author 'Adamczyk' does not find the UPI article {UPI_TITLE!r}: {results}"
    )

    results = search(page, "Shoygu")
    assert_meaningful_titles(results)
    shoigu = [r for r in results if r["title"] == "Sergei Shoigu" and urlsplit(r["href"]).path.endswith("/actors/sergei-shoigu/")]
    assert shoigu, f"searching the spelling 'Shoygu' does not find Sergei Shoigu's page: {results}"

    page.locator(".md-search-result__item a.md-search-result__link", has=page.locator("h1", has_text="Sergei Shoigu")).first.click()
    page.wait_for_url(re.compile(r"/actors/sergei-shoigu/"))
    body = page.locator("article.md-content__inner").inner_text()
    assert "Shoygu" in body and "Sergey Shoigu" in body, "actor page does not show the alias spellings"
    watch.assert_clean("search")


# --- 4. links in the built site (no browser) ---------------------------------------------


def test_every_internal_link_resolves(site):
    """Every a[href], img[src], link[href], script[src] of every page in site/, resolved
    against the page's URL under the Pages project path, points to a file that exists
    (and a #fragment to an element id on that page)."""
    broken, checked = broken_links(site, SITE_URL)
    assert checked > 200, f"only {checked} internal links checked"
    assert not broken, f"{len(broken)} broken internal links:\n  " + "\n  ".join(broken[:50])


def test_listings_reach_the_page_intact(site):
    """The plugin sets listing blocks aside while Markdown runs: every one must come back."""
    pages = sorted(site.rglob("*.html"))
    assert not [p for p in pages if "briefing-listing-" in p.read_text(encoding="utf-8")]
    dialogue = (site / "topics/dialogue/index.html").read_text(encoding="utf-8")
    listing = dialogue.split('<ul class="briefing-list" data-search-exclude>', 1)[1].split("</ul>", 1)[0]
    assert listing.count("<li>") >= 3 and listing.count("<blockquote>") >= 3


def test_links_resolve_without_directory_urls(tmp_path):
    """With `use_directory_urls: false` pages are x.html, not x/: the generated listings
    (HTML the plugin passes through) must link the same way MkDocs does."""
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "use_directory_urls: false\n", "utf-8")
    built = mkdocs_build(root, site_url=SITE_URL)
    assert built.returncode == 0, built.stderr
    assert (root / "site/topics/dialogue.html").is_file()
    broken, checked = broken_links(root / "site", SITE_URL)
    assert checked > 200, f"only {checked} internal links checked"
    assert not broken, f"{len(broken)} broken internal links:\n  " + "\n  ".join(broken[:50])


# --- 5. GitHub Pages project path ---------------------------------------------------------


@pytest.mark.browser
def test_site_works_under_a_pages_project_path(desktop, base_url, site):
    page, watch = desktop
    origin = f"{urlsplit(base_url).scheme}://{urlsplit(base_url).netloc}"
    article = next((site / "articles").rglob("index.html")).parent.relative_to(site).as_posix() + "/"
    for rel in ("", article, "actors/jim-mattis/", "topics/dialogue/", "dates/", "404.html"):
        visit(page, base_url + rel)
        # the stylesheets really applied: Material's header is laid out, the briefing CSS is loaded
        assert page.locator("header.md-header").is_visible()
        sheets = page.evaluate("() => [...document.styleSheets].map(s => s.href).filter(Boolean)")
        assert any(s.endswith("/stylesheets/briefing.css") for s in sheets), sheets
        assert any("/assets/stylesheets/main." in s for s in sheets), sheets
        assert page.evaluate("() => typeof document$ !== 'undefined' || !!window.__md_scope"), (
            f"Material's JavaScript did not run on {rel or 'home'}"
        )
    # search loads its index from the project path too
    results = search(page, "Mattis")
    assert results and all(r["href"].startswith(base_url) for r in results), results

    urls = [url for _, url in watch.responses if url.startswith(origin)]
    outside = [u for u in urls if not urlsplit(u).path.startswith(PREFIX)]
    assert not outside, f"requests outside {PREFIX}: {outside}"
    loaded = {urlsplit(u).path for status, u in watch.responses if status == 200}
    assert any(p.endswith(".css") for p in loaded) and any(p.endswith(".js") for p in loaded), sorted(loaded)
    watch.assert_clean("pages under " + PREFIX)
    canonical = page.evaluate("() => document.querySelector('link[rel=canonical]')?.href")
    assert canonical is None or canonical.startswith(SITE_URL), canonical


# --- 6. screenshots ------------------------------------------------------------------------

SHOTS = {
    "home": "",
    "actor-jim-mattis": "actors/jim-mattis/",
    "topic-dialogue": "topics/dialogue/",
    "timeline": "dates/",
    "undated": "dates/undated/",
    "article": "articles/2017/02/mattis-rules-out-military-collaboration-with-russia/",
}


@pytest.mark.browser
def test_screenshots_and_no_horizontal_overflow(browser, base_url, site):
    SCREENSHOTS.mkdir(exist_ok=True)
    overflow = []
    for size_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, service_workers="block", device_scale_factor=1)
        watch = watch_context(context)
        page = context.new_page()
        try:
            for name, rel in SHOTS.items():
                assert (site / rel / "index.html").is_file(), f"{rel} was not built"
                visit(page, base_url + rel)
                width = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                if width > 0:
                    overflow.append(f"{name} at {size_name}: page is {width}px wider than the screen")
                # Material wraps tables in a side-scrolling box: a table that does not fit is cut off
                cut = page.evaluate(
                    """() => [...document.querySelectorAll('article .md-typeset__scrollwrap, article .md-typeset__table')]
                        .filter(el => el.scrollWidth > el.clientWidth + 1)
                        .map(el => (el.querySelector('th') || {}).textContent + ': ' + (el.scrollWidth - el.clientWidth) + 'px')"""
                )
                overflow += [f"{name} at {size_name}: table wider than the screen ({c})" for c in cut]
                page.screenshot(path=str(SCREENSHOTS / f"{name}-{size_name}.png"), full_page=True)
            watch.assert_clean(f"screenshot pages at {size_name}")
        finally:
            context.close()
    assert not overflow, "\n".join(overflow)
