"""Playwright helpers for the browser tests: find and launch Debian's Chromium, and
watch pages for console errors, failed requests and requests that leave this machine.

No fixtures live here (tests/test_browser.py defines its own); only plain helpers.
Never `playwright install`: the tests use the system Chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_CHROMIUM = "/usr/bin/chromium"
REQUIRE_ENV = "BRIEFING_REQUIRE_BROWSER"
LOCAL_HOSTS = {"127.0.0.1"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str | None:
    """Debian's Chromium: /usr/bin/chromium, else `chromium` on PATH; None if neither.
    BRIEFING_CHROMIUM=/path/to/chromium names another one (and only that one)."""
    override = os.environ.get("BRIEFING_CHROMIUM")
    if override:
        return override if os.access(override, os.X_OK) else None
    if os.access(DEFAULT_CHROMIUM, os.X_OK):
        return DEFAULT_CHROMIUM
    return shutil.which("chromium")


def browser_missing_reason() -> str | None:
    """None when the browser tests can run, else why they cannot."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package `playwright` is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        where = os.environ.get("BRIEFING_CHROMIUM") or f"{DEFAULT_CHROMIUM} nor as `chromium` on PATH"
        return f"Chromium not found at {where} (apt-get install chromium)"
    return None


def browser_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0", "false", "no")


def require_browser() -> None:
    """Skip the calling test when no browser is available, or fail when
    BRIEFING_REQUIRE_BROWSER=1 (CI) says a missing browser is an error."""
    reason = browser_missing_reason()
    if reason is None:
        return
    if browser_required():
        pytest.fail(f"{REQUIRE_ENV}=1 but the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def launch_chromium(playwright):
    """A headless system Chromium through Playwright (no downloaded browser build)."""
    path = chromium_path()
    if path is None:
        raise RuntimeError(browser_missing_reason())
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


@dataclass
class PageWatch:
    """What went wrong while a page (or a context) was used: console errors, uncaught
    exceptions, failed requests, HTTP error responses, and requests to other hosts
    (those are blocked, never sent)."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    responses: list[tuple[int, str]] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"request failed: {m}" for m in self.failed_requests]
            + [f"HTTP error: {m}" for m in self.bad_responses]
            + [f"request to another host (blocked): {m}" for m in self.external_requests]
        )

    def assert_clean(self, what: str = "page") -> None:
        problems = self.problems()
        assert not problems, f"{what}:\n  " + "\n  ".join(problems)

    def clear(self) -> None:
        for name in ("console_errors", "page_errors", "failed_requests", "bad_responses", "external_requests", "responses"):
            getattr(self, name).clear()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


def watch_context(context) -> PageWatch:
    """Block every request that leaves 127.0.0.1 (and record it), and record errors of
    every page opened in `context` from now on."""
    watch = PageWatch()

    def route(route, request):
        if _is_local(request.url):
            route.continue_()
        else:
            watch.external_requests.append(request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)

    def on_console(message):
        if message.type == "error":
            location = message.location or {}
            watch.console_errors.append(f"{message.text} ({location.get('url', '?')}:{location.get('lineNumber', '?')})")

    def on_request_failed(request):
        if not _is_local(request.url):  # blocked external requests are reported once, above
            return
        if request.failure == "net::ERR_ABORTED":
            # cancelled by the browser itself, e.g. a favicon or worker still loading when the
            # test moves on to the next page; HTTP errors are caught as responses instead
            return
        watch.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response):
        watch.responses.append((response.status, response.url))
        if response.status >= 400:
            watch.bad_responses.append(f"{response.status} {response.url}")

    def attach(page):
        page.on("console", on_console)
        page.on("pageerror", lambda error: watch.page_errors.append(str(error)))

    context.on("page", attach)
    context.on("requestfailed", on_request_failed)
    context.on("response", on_response)
    for page in context.pages:
        attach(page)
    return watch


# --- static crawl of a built site (no browser) ------------------------------------------

LINK_ATTRIBUTES = {"a": "href", "img": "src", "link": "href", "script": "src"}


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        wanted = LINK_ATTRIBUTES.get(tag)
        if wanted is None:
            return
        for name, value in attrs:
            if name == wanted and value is not None:
                self.links.append((tag, value.strip()))


def page_links(html: str) -> list[tuple[str, str]]:
    """(tag, url) of every a[href], img[src], link[href], script[src] in `html`."""
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    return parser.links


def page_url(site: Path, html_file: Path, base_url: str) -> str:
    """The URL a built file is served at: dir/index.html -> base/dir/, x.html -> base/x.html."""
    rel = html_file.relative_to(site).as_posix()
    if rel == "index.html":
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return urljoin(base_url, rel)


def resolve_internal(site: Path, base_url: str, url: str) -> Path | None | bool:
    """The file in `site` that `url` (absolute) points to, or False when it is not under
    base_url (an external link), or None when it is internal but nothing is there."""
    base = urlsplit(base_url)
    target = urlsplit(url)
    if (target.scheme, target.netloc) != (base.scheme, base.netloc) or not target.path.startswith(base.path):
        return False
    rel = unquote(target.path[len(base.path):])
    candidate = site / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    try:
        candidate.resolve().relative_to(site.resolve())
    except ValueError:
        return None  # escapes the site folder
    return candidate if candidate.is_file() else None


def broken_links(site: Path, site_url: str) -> tuple[list[str], int]:
    """Internal links of every page in `site` (served at site_url) that lead nowhere:
    a missing file, a #fragment with no such id, or a link leaving the project path.
    Returns (broken, number of internal links checked)."""
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(re.findall(r"""\sid=["']?([^"'\s>]+)""", path.read_text(encoding="utf-8")))
        return ids[path]

    broken, checked = [], 0
    for html_file in sorted(site.rglob("*.html")):
        here = page_url(site, html_file, site_url)
        for tag, link in page_links(html_file.read_text(encoding="utf-8")):
            if not link or link.startswith(("mailto:", "javascript:", "data:", "tel:")):
                continue
            absolute, fragment = urldefrag(urljoin(here, link))
            target = resolve_internal(site, site_url, absolute)
            where = f"{html_file.relative_to(site)}: <{tag}> {link}"
            if target is False:
                if urlsplit(absolute).hostname == urlsplit(site_url).hostname:
                    broken.append(f"{where} leaves the project path {urlsplit(site_url).path}")
                continue
            checked += 1
            if target is None:
                broken.append(f"{where} -> no such file")
            elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                broken.append(f"{where} -> no element with id {fragment!r}")
    return broken, checked
