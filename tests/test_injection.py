"""Untrusted article text cannot attack readers: payloads are built through the real
`mkdocs build` and opened in headless Chromium, where they must show as inert text."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
import yaml

from generator.safety import md_text
from sitebuild import REPO, make_project, mkdocs_build, serve

PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    "<img src=x onerror=\"window.__pwned=1;alert(1)\">",
    "<iframe src=\"javascript:window.parent.__pwned=1\"></iframe>",
    "<svg onload=\"window.__pwned=1\"></svg>",
    "[click me](javascript:window.__pwned=1)",
    "![x](javascript:window.__pwned=1)",
    "[ref][evil]\n\n[evil]: javascript:window.__pwned=1",
    "<a href=\"javascript:window.__pwned=1\">link</a>",
    "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
    "A sentence {: onclick=\"window.__pwned=1\" } with attributes",
    "Macro {{ config.site_name }} and {% include 'x' %} syntax",
    "<img src=\"http://evil.example/beacon.png\">",
    "<style>body{display:none}</style>",
]
TITLE = "<img src=x onerror=window.__pwned=1> Talks </title><script>window.__pwned=1</script>"


def payload_corpus() -> dict[str, bytes]:
    body = "\n\n".join(f"Paragraph with payload {p} ends here." for p in PAYLOADS)
    quote = '"<script>window.__pwned=1</script> We will talk," Jim Mattis said.'
    text = f"{TITLE}\n\nBy <b onmouseover=window.__pwned=1>Eve</b> Example\n\nMarch 5, 2019\n\n{body}\n\n{quote}\n"
    curated = yaml.safe_dump({
        "title": "<script>window.__pwned=1</script> Curated",
        "author": "<img src=x onerror=window.__pwned=1>",
        "outlet": "<b>Evil Outlet</b>",
        "url": "javascript:window.__pwned=1",
        "date": "2019-03-06",
    })
    return {
        "payloads.txt": text.encode(),
        "curated.md": f"---\n{curated}---\n# Ignored heading\n\n{body}\n\n## <script>window.__pwned=1</script>\n\nMore.\n".encode(),
    }


def test_md_text_renders_as_exactly_the_text():
    md = markdown.Markdown(extensions=["toc", "tables", "attr_list", "md_in_html", "admonition"])
    for payload in PAYLOADS + [TITLE, "# not a heading", "1. not a list", "> not a quote", "- not an item"]:
        html = md.reset().convert(md_text(payload))
        inner = html.removeprefix("<p>").removesuffix("</p>")
        assert "<" not in inner, html  # no element of any kind, only escaped text
        assert html.startswith("<p>")


def test_only_vetted_markdown_extensions_and_plugins():
    """md_text escapes the syntax of these extensions; others (pymdownx, macros) would need more."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text().replace("!ENV", ""))
    names = {e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]}
    assert names <= {"toc", "tables", "attr_list", "md_in_html", "admonition"}
    plugins = {p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]}
    assert plugins <= {"search", "briefing"}


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("payloads"), payload_corpus(), with_samples=False)
    result = mkdocs_build(root, strict=False)  # the payload front matter is reported, not fatal
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.browser
def test_payloads_stay_inert_in_the_browser(payload_site):
    if CHROMIUM is None:
        if os.environ.get("BRIEFING_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (BRIEFING_REQUIRE_BROWSER is set)")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(payload_site).as_posix() for p in payload_site.rglob("index.html"))
    assert any(p.startswith("articles/") for p in pages)
    with serve(payload_site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        page = browser.new_page()
        dialogs, outside = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        def route(request_route):
            if urlsplit(request_route.request.url).hostname == "127.0.0.1":
                request_route.continue_()
            else:
                outside.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        for path in pages:
            page.goto(base + path.removesuffix("index.html"))
            page.wait_for_load_state("networkidle")
            for link in page.locator("a[href^='javascript:' i]").all():
                link.click(no_wait_after=True)  # even if one were rendered, clicking must do nothing
            for element in page.locator("[onmouseover], [onclick], [onerror], [onload]").all():
                pytest.fail(f"{path}: an event-handler attribute reached the page: {element.evaluate('e => e.outerHTML')}")
            assert page.evaluate("window.__pwned") is None, f"script ran on {path}"
        page.goto(base)
        for query in ("onerror", "Evil", "Curated", "script", "Eve"):  # search results render titles and tags
            search = page.locator("input.md-search__input")
            search.fill("")
            search.click()
            page.keyboard.type(query, delay=20)
            page.wait_for_timeout(800)
            assert page.locator(".md-search-result img, .md-search-result script, .md-search-result b").count() == 0
            assert page.evaluate("window.__pwned") is None, f"search for {query!r} ran a script"
        article = next(p for p in pages if p.startswith("articles/2019/03/"))
        page.goto(base + article.removesuffix("index.html"))
        text = page.inner_text("article")
        assert "<script>window.__pwned=1;alert(1)</script>" in text  # shown, as text
        assert "{{ config.site_name }}" in text and "{% include 'x' %}" in text
        assert "</title><script>" in page.title()  # the title is text too
        browser.close()
    assert not dialogs, dialogs
    assert not outside, outside
