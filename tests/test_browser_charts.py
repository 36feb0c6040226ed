"""Issue 21, item 1, in headless Chromium: the pictures are visible and readable in Material's
light and dark schemes, at desktop and phone width, under a GitHub Pages project path, and
viewing them sends no request off the site.

Screenshots go to screenshots/ (git-ignored) for a person to look at. BRIEFING_REQUIRE_BROWSER=1
makes a missing Chromium a failure instead of a skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import DESKTOP, PHONE, watch_context
from sitebuild import REPO, make_project, mkdocs_build, serve

SITE_URL = "https://example.github.io/briefing/"
PREFIX = "/briefing/"
SCREENSHOTS = REPO / "screenshots"
PAGES = {"home": "", "timeline": "dates/", "actors": "actors/", "actor": "actors/jim-mattis/", "topic": "topics/dialogue/"}

# Contrast of the picture's text with the page behind it (WCAG relative luminance), and the
# size of the picture; evaluated in the page.
MEASURE = """() => {
    const lum = c => {
        const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => v / 255)
            .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    const svg = document.querySelector('figure.briefing-chart svg');
    const box = svg.getBoundingClientRect();
    const page = getComputedStyle(document.querySelector('.md-main')).backgroundColor
        .replace(/rgba\\(0, 0, 0, 0\\)/, getComputedStyle(document.body).backgroundColor);
    const text = getComputedStyle(svg.querySelector('text')).fill;
    const shape = getComputedStyle(svg.querySelector('rect, circle')).fill;
    return {width: box.width, height: box.height, scheme: document.body.dataset.mdColorScheme,
            text: ratio(text, page), shape: ratio(shape, page), textPx: svg.querySelector('text').getBoundingClientRect().height,
            overflow: document.documentElement.scrollWidth - window.innerWidth};
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("charts") / "project")
    build = mkdocs_build(root, site_url=SITE_URL)
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.stderr}"
    return root / "site"


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site, prefix=PREFIX) as url:
        yield url


def test_pictures_are_in_the_pages_but_not_in_the_search_index(site):
    for rel in PAGES.values():
        assert '<figure class="briefing-chart' in (site / rel / "index.html").read_text(encoding="utf-8"), rel
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "The numbers in this picture" not in index and "Articles over time" not in index


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_pictures_are_visible_and_readable(browser, base_url, scheme, size):
    SCREENSHOTS.mkdir(exist_ok=True)
    viewport = DESKTOP if size == "desktop" else PHONE
    context = browser.new_context(viewport=viewport, color_scheme=scheme, service_workers="block", device_scale_factor=1)
    context.set_default_timeout(10_000)
    watch = watch_context(context)
    page = context.new_page()
    try:
        for name, rel in PAGES.items():
            response = page.goto(base_url + rel, wait_until="load")
            assert response is not None and response.status == 200, rel
            seen = page.evaluate(MEASURE)
            where = f"{name} ({scheme}, {size})"
            assert seen["scheme"] == ("slate" if scheme == "dark" else "default"), where
            assert seen["width"] > 0.8 * min(viewport["width"] - 60, 600) and seen["height"] > 100, (where, seen)
            assert seen["text"] >= 4.5 and seen["shape"] >= 1.5, (where, seen)  # text readable, marks visible
            assert seen["textPx"] >= 8, (where, seen)  # labels not shrunk past reading at phone width
            assert seen["overflow"] <= 0, (where, seen)
            page.locator("figure.briefing-chart").first.screenshot(path=str(SCREENSHOTS / f"chart-{name}-{scheme}-{size}.png"))
        watch.assert_clean(f"pictures, {scheme}, {size}")  # no request left the site, nothing failed
    finally:
        context.close()


@pytest.mark.browser
def test_a_bar_leads_to_its_month_page_and_the_numbers_open(browser, base_url):
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    context.set_default_timeout(10_000)
    watch = watch_context(context)
    page = context.new_page()
    try:
        page.goto(base_url, wait_until="load")
        figure = page.locator("figure.briefing-chart").first
        figure.locator("summary").click()
        rows = figure.locator("tbody tr")
        assert rows.count() >= 2 and figure.locator("table").is_visible()
        label = rows.first.locator("td").first.inner_text()  # the oldest period, e.g. "February 2017"
        figure.locator("svg a").first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(base_url + "dates/"), page.url
        assert page.locator("article h1").first.inner_text().rstrip("¶").strip() == label
        watch.assert_clean("timeline bar link")
    finally:
        context.close()
