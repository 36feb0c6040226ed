"""`briefing add` against a local HTTP server on 127.0.0.1 (an ephemeral port): what is
saved and how, what is skipped, and the one line each kind of failure gets. Nothing here
touches the internet; every slow case is bounded by a fraction of a second."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator import cli
from generator.fetch import USER_AGENT, Fetcher, add, canonical_url, clean_url, page_stem
from generator.read import MAX_BYTES

ARTICLE = ("<!doctype html><html><head><meta charset='windows-1251'><title>Шойгу и Маттис</title></head>"
           "<body><article><h1>Шойгу и Маттис</h1><p>Министры обороны встретятся.</p></article></body></html>"
           ).encode("cp1251")
STORY = b"<!doctype html><html><head><title>Moved story</title></head><body><p>Text.</p></body></html>"
NO_ARTICLE = b"<!doctype html><html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav></body></html>"
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


class Handler(BaseHTTPRequestHandler):
    """Fixture pages by path; every request is logged on the server with its time and headers."""

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.server.log.append((self.path, time.monotonic(), dict(self.headers)))
        path = urlsplit(self.path).path
        if path == "/robots.txt":
            status = self.server.robots_status
            self._send(status, ROBOTS if status == 200 else b"", "text/plain")
        elif path in ("/news/mattis-shoigu", "/private/page"):
            self._send(200, ARTICLE, "text/html; charset=windows-1251")
        elif path == "/news/moved-story":
            self._send(200, STORY, "text/html")
        elif path == "/short":
            self._redirect(301, "/news/moved-story")
        elif path == "/to-mattis":
            self._redirect(302, "/news/mattis-shoigu")
        elif path in ("/loop-a", "/loop-b"):
            self._redirect(302, "/loop-b" if path == "/loop-a" else "/loop-a")
        elif path.startswith("/chain/"):
            self._redirect(302, f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/missing":
            self._send(404, b"<p>Not here</p>", "text/html")
        elif path == "/broken":
            self._send(500, b"<p>Oops</p>", "text/html")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, STORY, "text/html")
        elif path == "/trickle":
            self._trickle()
        elif path == "/huge":  # no Content-Length: the cap must hold while the page streams in
            self._send(200, b"<p>" + b"x" * (MAX_BYTES + 1) + b"</p>", "text/html", length=False)
        elif path == "/huge-declared":
            self._send(200, STORY, "text/html", length=MAX_BYTES * 10)
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4\n", "application/pdf")
        elif path == "/no-article":
            self._send(200, NO_ARTICLE, "text/html")
        elif path == "/gzipped":
            self._send(200, gzip.compress(STORY), "text/html", headers={"Content-Encoding": "gzip"})
        elif path == "/to-ftp":
            self._redirect(302, "ftp://127.0.0.1/file")
        elif path == "/truncated":
            self._send(200, STORY, "text/html", length=len(STORY) * 2)
        elif path == "/empty":
            self._send(200, b"", "text/html")
        else:
            self._send(404, b"", "text/html")

    def _send(self, status: int, body: bytes, content_type: str, length: int | bool = True,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not False:
            self.send_header("Content-Length", str(len(body) if length is True else length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
            pass

    def _redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _trickle(self) -> None:
        """Headers at once, then a byte every 50 ms: each read is quick, the whole page is not."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:  # quiet test output
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.log, httpd.robots_status = [], 200
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder


def fetcher(**settings: float) -> Fetcher:
    return Fetcher(**{"delay": 0, "timeout": 0.5, **settings})


def run(articles: Path, *addresses: str, **settings: float) -> list[tuple[str, str]]:
    return [(o.action, o.detail) for o in add(addresses, articles, fetcher(**settings))]


def requested(server) -> list[str]:
    return [path for path, _, _ in server.log if path != "/robots.txt"]


# -- saving --------------------------------------------------------------------------------

def test_page_saved_as_served_with_its_address_in_a_sidecar(server, articles):
    assert run(articles, server.base + "/news/mattis-shoigu") == [("saved", "127.0.0.1_news-mattis-shoigu.html")]
    page = articles / "127.0.0.1_news-mattis-shoigu.html"
    assert page.read_bytes() == ARTICLE  # cp1251 bytes, not re-encoded
    sidecar = yaml.safe_load((articles / "127.0.0.1_news-mattis-shoigu.html.yml").read_text("utf-8"))
    assert sidecar == {"url": server.base + "/news/mattis-shoigu"}


def test_redirect_followed_and_the_final_address_recorded(server, articles):
    assert run(articles, server.base + "/short") == [("saved", "127.0.0.1_news-moved-story.html")]
    sidecar = (articles / "127.0.0.1_news-moved-story.html.yml").read_text("utf-8")
    assert yaml.safe_load(sidecar) == {"url": server.base + "/news/moved-story"}
    assert f"# Requested as {server.base}/short" in sidecar


def test_transport_compression_undone_and_nothing_else(server, articles):
    assert run(articles, server.base + "/gzipped")[0][0] == "saved"
    assert (articles / "127.0.0.1_gzipped.html").read_bytes() == STORY


def test_page_without_an_article_is_saved_for_the_build_to_judge(server, articles):
    assert run(articles, server.base + "/no-article") == [("saved", "127.0.0.1_no-article.html")]
    assert (articles / "127.0.0.1_no-article.html").read_bytes() == NO_ARTICLE


def test_existing_file_never_overwritten(server, articles):
    taken = articles / "127.0.0.1_news-mattis-shoigu.html"
    taken.write_bytes(b"mine")
    (articles / "127.0.0.1_news-moved-story.html.yml").write_text("title: an orphan sidecar\n")
    outcomes = run(articles, server.base + "/news/mattis-shoigu", server.base + "/news/moved-story")
    assert outcomes == [("saved", "127.0.0.1_news-mattis-shoigu-2.html"),
                        ("saved", "127.0.0.1_news-moved-story-2.html")]
    assert taken.read_bytes() == b"mine"
    assert (articles / "127.0.0.1_news-moved-story.html.yml").read_text() == "title: an orphan sidecar\n"


def test_dry_run_writes_nothing_and_requests_nothing(server, articles):
    outcomes = run(articles, server.base + "/news/mattis-shoigu", server.base + "/news/mattis-shoigu/")
    assert outcomes[0][0] == "saved"
    before = sorted(p.name for p in articles.iterdir())
    server.log.clear()
    planned = [(o.action, o.detail) for o in add([server.base + "/news/mattis-shoigu", server.base + "/no-article"],
                                                  articles, fetcher(), dry_run=True)]
    assert planned == [("skipped", "127.0.0.1_news-mattis-shoigu.html"), ("would save", "127.0.0.1_no-article.html")]
    assert sorted(p.name for p in articles.iterdir()) == before
    assert server.log == []


# -- duplicates ----------------------------------------------------------------------------

def test_same_canonical_address_twice_in_one_run_fetched_once(server, articles):
    host = server.base.replace("http://", "HTTP://")
    outcomes = run(articles, server.base + "/news/mattis-shoigu",
                   host + "/news/mattis-shoigu/?utm_source=feed&utm_medium=rss#comments")
    assert outcomes == [("saved", "127.0.0.1_news-mattis-shoigu.html"),
                        ("skipped", "127.0.0.1_news-mattis-shoigu.html")]
    assert requested(server) == ["/news/mattis-shoigu"]


def test_address_already_in_the_corpus_skipped_without_a_request(server, articles):
    (articles / "copied.txt").write_text(f"---\nurl: {server.base}/news/mattis-shoigu\n---\nCopied text.\n")
    (articles / "sub").mkdir()
    (articles / "sub" / "saved.html").write_bytes(STORY)
    (articles / "sub" / "saved.html.yml").write_text(f"url: {server.base}/news/moved-story/\n")
    outcomes = run(articles, server.base + "/news/mattis-shoigu#top", server.base + "/news/moved-story")
    assert outcomes == [("skipped", "copied.txt"), ("skipped", "sub/saved.html")]
    assert requested(server) == []


def test_redirect_to_a_page_already_in_the_corpus_is_not_saved_again(server, articles):
    assert run(articles, server.base + "/news/mattis-shoigu")[0][0] == "saved"
    assert run(articles, server.base + "/to-mattis") == [("skipped", "127.0.0.1_news-mattis-shoigu.html")]
    assert sorted(p.name for p in articles.iterdir()) == ["127.0.0.1_news-mattis-shoigu.html",
                                                          "127.0.0.1_news-mattis-shoigu.html.yml"]


# -- failures: one cause each, nothing written -----------------------------------------------

@pytest.mark.parametrize(("path", "cause"), [
    ("/missing", "HTTP 404 Not Found"),
    ("/broken", "HTTP 500 Internal Server Error"),
    ("/loop-a", "redirect loop"),
    ("/chain/1", "too many redirects (over 10)"),
    ("/slow", "timed out after 0.5 s"),
    ("/trickle", "timed out after 0.5 s"),
    ("/huge", "too large (over 5 MB)"),
    ("/huge-declared", "too large (over 5 MB)"),
    ("/report.pdf", "not HTML (content type application/pdf)"),
    ("/empty", "empty response"),
    ("/truncated", "the connection closed before the page was complete"),
    ("/to-ftp", "redirected to an address that cannot be fetched "
                "(No connection adapters were found for 'ftp://127.0.0.1/file')"),
    ("/private/page", "disallowed by the site's robots.txt"),
])
def test_failure_causes(server, articles, path, cause):
    started = time.monotonic()
    assert run(articles, server.base + path) == [("failed", cause)]
    assert time.monotonic() - started < 1.5
    assert list(articles.iterdir()) == []


@pytest.mark.parametrize(("address", "cause"), [
    ("ftp://example.org/file.html", "unsupported scheme 'ftp'; only http and https addresses are fetched"),
    ("javascript:alert(1)", "unsupported scheme 'javascript'; only http and https addresses are fetched"),
    ("example.org/news", "invalid URL: no scheme (write it with https://)"),
    ("http:///news", "invalid URL: no host"),
    ("http://example.org:port/", "invalid URL (Port could not be cast to integer value as 'port')"),
])
def test_invalid_addresses_refused_before_any_request(articles, address, cause):
    assert run(articles, address) == [("failed", cause)]


def test_connection_refused(articles):
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert run(articles, f"http://127.0.0.1:{port}/page") == [("failed", "connection refused")]


@pytest.mark.parametrize(("status", "outcome"), [
    (404, ("saved", "127.0.0.1_news-moved-story.html")),  # no robots.txt: everything allowed
    (403, ("failed", "robots.txt answered HTTP 403, which forbids fetching the site")),
    (503, ("failed", "robots.txt answered HTTP 503, which forbids fetching the site")),
])
def test_robots_txt_status(server, articles, status, outcome):
    server.robots_status = status
    assert run(articles, server.base + "/news/moved-story") == [outcome]


# -- politeness ----------------------------------------------------------------------------

def test_identifying_user_agent_and_robots_read_once(server, articles):
    run(articles, server.base + "/news/mattis-shoigu", server.base + "/no-article")
    assert [path for path, _, _ in server.log] == ["/robots.txt", "/news/mattis-shoigu", "/no-article"]
    assert {headers["User-Agent"] for _, _, headers in server.log} == {USER_AGENT}
    assert USER_AGENT.startswith("briefing-generator/") and "(+http" in USER_AGENT


def test_delay_between_requests_to_one_host(server, articles):
    run(articles, server.base + "/news/mattis-shoigu", server.base + "/no-article", delay=0.2)
    times = [at for _, at, _ in server.log]
    assert len(times) == 3
    assert all(later - earlier >= 0.19 for earlier, later in zip(times, times[1:]))


# -- addresses and names -------------------------------------------------------------------

def test_canonical_form():
    assert canonical_url("HTTPS://Example.ORG:443/a/b/?utm_source=x&id=7&fbclid=y#frag") == "https://example.org/a/b?id=7"
    assert canonical_url("http://example.org") == canonical_url("http://EXAMPLE.org:80/")
    assert canonical_url("http://example.org:8080/a") != canonical_url("http://example.org/a")
    assert canonical_url("https://ria.ru/шойгу") == canonical_url("https://ria.ru/%D1%88%D0%BE%D0%B9%D0%B3%D1%83")
    assert canonical_url("http://example.org/a?id=1") != canonical_url("http://example.org/a?id=2")
    assert clean_url("https://example.org/a/?utm_campaign=z") == "https://example.org/a/"  # fetched as written


def test_file_names_readable_safe_and_bounded():
    long = "https://www.example.org/" + "/".join(["section"] * 30) + "/mattis-open-to-talks-with-shoigu.html"
    stem = page_stem(long)
    assert stem.startswith("example.org_") and stem.endswith("mattis-open-to-talks-with-shoigu")
    assert len(stem) <= 101
    assert page_stem("https://ria.ru/20180718/шойгу-маттис.html?a=1&b=%3Cscript%3E") == "ria.ru_20180718-шоигу-маттис-a-1-b-script"  # slugify drops accents: й -> и
    assert page_stem("http://example.org/../../etc/passwd") == "example.org_etc-passwd"
    assert page_stem("http://example.org/") == "example.org"


# -- the command ---------------------------------------------------------------------------

def test_command_reports_one_line_per_failure_and_exits_1(server, tmp_path, capsys):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# reading list\n{server.base}/news/mattis-shoigu\n\n{server.base}/missing\n")
    status = cli.main(["--root", str(tmp_path), "add", "--delay", "0", "--file", str(urls),
                       f"{server.base}/report.pdf", f"{server.base}/news/mattis-shoigu?utm_source=mail"])
    out, err = capsys.readouterr()
    assert status == 1
    assert err.splitlines() == [f"error: {server.base}/report.pdf: not HTML (content type application/pdf)",
                                f"error: {server.base}/missing: HTTP 404 Not Found"]
    saved = tmp_path / "articles" / "127.0.0.1_news-mattis-shoigu.html"
    assert out.splitlines() == [f"saved {server.base}/news/mattis-shoigu?utm_source=mail -> {saved}",
                                f"skipped {server.base}/news/mattis-shoigu: already in the corpus as {saved}",
                                "1 saved, 1 skipped, 2 failed"]
    assert yaml.safe_load(Path(f"{saved}.yml").read_text()) == {"url": f"{server.base}/news/mattis-shoigu"}


def test_command_exits_0_when_everything_is_saved_or_present(server, tmp_path, capsys):
    args = ["--root", str(tmp_path), "add", "--delay", "0", f"{server.base}/no-article"]
    assert cli.main(args) == 0
    assert cli.main(args) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 skipped"


def test_command_needs_an_address(tmp_path, capsys):
    with pytest.raises(SystemExit):
        cli.main(["--root", str(tmp_path), "add"])
    assert "give at least one URL or --file" in capsys.readouterr().err
