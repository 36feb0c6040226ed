"""`briefing add`: web addresses -> pages saved under articles/.

Each page is saved as served: the document's bytes, never re-encoded (only the transport's
compression, gzip or the like, is undone), in a `.html` file named from its address. The
address goes into a sidecar `<file>.yml` (`url: …`) that the HTML reader reads like front
matter; an HTML comment would change the page's bytes. Files are created, never replaced.

An address already in the corpus is skipped: addresses are compared in canonical form
(scheme and host in lower case, no default port, no fragment, no tracking parameters, no
trailing slash) against the `url:` of the sidecars and of the front matter in articles/.
The page's final address (after redirects) is checked too, so a short link to a saved
article is not saved twice.

Politeness: one request at a time (so at most one per host), `delay` seconds between two
requests to the same host, an identifying User-Agent, a time limit on every page, a size
cap enforced while the page streams in, and the site's robots.txt (fetched once per site,
RFC 9309 reading: 401/403 forbid everything, other 4xx allow everything, 5xx forbid).

Whether a page holds an article is not judged here: the page is saved, and the build
reports a page whose text cannot be found, in the same words as for any other file.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import requests
from requests.utils import requote_uri
import urllib3
import yaml

from generator.build import find_sources
from generator.display import shown
from generator.model import InputError
from generator.read import FORMATS, MAX_BYTES, read_article
from generator.slugs import slugify
from generator.yamldata import load_data

try:
    VERSION = metadata.version("briefing-generator")
except metadata.PackageNotFoundError:  # run from a checkout that was never installed
    VERSION = "unknown"
PROJECT_URL = "https://example.org/briefing-generator"  # placeholder until the project has a public home
USER_AGENT = f"briefing-generator/{VERSION} (+{PROJECT_URL})"

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MAX_REDIRECTS = 10
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: a crawler reads at least 500 KiB of robots.txt
DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that say where a reader came from, not which page they asked for.
TRACKING = re.compile(r"utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_[ce]id|igshid|_ga|_gl",
                      re.IGNORECASE)
WEB_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.IGNORECASE)  # not part of a readable name
HOST_CHARS, PATH_CHARS = 40, 60  # bounds of the two parts of a file name
FRONT_MATTER_FORMATS = {"text", "markdown"}  # the formats that hold their address themselves


class FetchError(Exception):
    """An address that cannot be saved; the message is the cause, one line."""


class Unreachable(FetchError):
    """The host did not answer (refused, timed out, unknown): its pages fail alike."""


@dataclass(frozen=True)
class Page:
    url: str  # where the page was found, after redirects
    content: bytes
    content_type: str


@dataclass(frozen=True)
class Outcome:
    address: str  # as the user wrote it
    action: str  # "saved", "would save", "skipped" or "failed"
    detail: str  # the file written or planned, the file already holding the address, or the cause


# -- addresses ------------------------------------------------------------------------------

def clean_url(address: str) -> str:
    """The address as it is fetched and recorded: scheme and host in lower case, no default
    port, no user name, no fragment, no tracking parameters. FetchError for an address that
    is not an http(s) URL."""
    try:
        parts = urlsplit(address.strip())
        port = parts.port
    except ValueError as err:  # an unclosed [ or a port that is not a number
        raise FetchError(f"invalid URL ({err})") from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise FetchError("invalid URL: no scheme (write it with https://)")
    if scheme not in DEFAULT_PORTS:
        raise FetchError(f"unsupported scheme '{scheme}'; only http and https addresses are fetched")
    if not parts.hostname:
        raise FetchError("invalid URL: no host")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host += f":{port}"
    query = "&".join(pair for pair in parts.query.split("&")
                     if pair and not TRACKING.fullmatch(pair.partition("=")[0]))
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def canonical_url(address: str) -> str:
    """What makes two addresses one page: the clean URL without a trailing slash, with
    percent-escapes as requests sends them (`/шойгу` and `/%D1%88%D0%BE%D0%B9%D0%B3%D1%83` are one)."""
    parts = urlsplit(clean_url(address))
    return requote_uri(urlunsplit(parts._replace(path=parts.path.rstrip("/") or "/")))


def corpus_urls(articles: Path) -> dict[str, str]:
    """Canonical address -> the file (relative to `articles`) that records it: the `url:` of
    every sidecar beside a file and of every article's front matter. Files that cannot be
    read are left to the build to report."""
    known: dict[str, str] = {}
    for path, rel in find_sources(articles)[0]:
        if FORMATS.get(Path(path).suffix.lower()) not in FRONT_MATTER_FORMATS:
            continue
        try:
            _remember(known, read_article(Path(path)).overrides.get("url"), rel)
        except (InputError, OSError):
            continue
    for folder, dirs, files in os.walk(articles):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        present = set(files)
        for name in files:
            if name.endswith(".yml") and not name.startswith(".") and name[:-4] in present:
                sidecar = Path(folder, name)
                _remember(known, _sidecar_url(sidecar), sidecar.relative_to(articles).as_posix()[:-4])
    return known


def _remember(known: dict[str, str], url: object, rel: str) -> None:
    if isinstance(url, str):
        try:
            known.setdefault(canonical_url(url), rel)
        except FetchError:  # a url: that is no web address identifies no page to skip
            pass


def _sidecar_url(sidecar: Path) -> object:
    try:
        data = load_data(sidecar.read_bytes())
    except (OSError, yaml.YAMLError, ValueError):
        return None
    return data.get("url") if isinstance(data, dict) else None


# -- file names -----------------------------------------------------------------------------

def page_stem(url: str) -> str:
    """A readable, filesystem-safe name of bounded length for the page at `url`: its host
    (without www.) and the end of its path, where a news address keeps the headline's words,
    e.g. `example.org_world-2018-mattis-meets-shoigu`."""
    parts = urlsplit(url)
    host = parts.hostname.removeprefix("www.")
    host_part = ".".join(slugify(label) for label in host.split(".") if label)[:HOST_CHARS].strip(".-")
    segments = [WEB_SUFFIX.sub("", unquote(s)) for s in (*parts.path.split("/"), parts.query)]
    words = [slugify(s) for s in segments if re.search(r"[^\W_]", s)]
    path_part = "-".join(words)
    if len(path_part) > PATH_CHARS:  # keep the end, cut at a word
        tail = path_part[-PATH_CHARS:]
        path_part = tail.partition("-")[2] or tail
    return f"{host_part}_{path_part}" if path_part else host_part


def free_names(folder: Path, stem: str, planned: set[str]) -> Iterator[str]:
    """File names for `stem` that neither a file, nor its sidecar, nor a page planned in this
    run holds yet: `stem.html`, `stem-2.html`, …"""
    for n in itertools.count(1):
        name = f"{stem}.html" if n == 1 else f"{stem}-{n}.html"
        if name not in planned and not (folder / name).exists() and not (folder / f"{name}.yml").exists():
            yield name


def save(page: Page, requested: str, folder: Path, planned: set[str]) -> Path:
    """Write the page and its sidecar under a free name; never replace a file. The sidecar is
    written first: the build reads pages, not sidecars, so it never sees a page without its
    address."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    note = f"# Saved by briefing add on {stamp} ({shown(page.content_type) or 'no content type'}).\n"
    if requested != page.url:
        note += f"# Requested as {requested}\n"
    sidecar_text = note + yaml.safe_dump({"url": page.url}, allow_unicode=True)
    names = free_names(folder, page_stem(page.url), planned)
    while True:
        path = folder / next(names)
        sidecar = Path(f"{path}.yml")
        if not _create(sidecar, sidecar_text.encode("utf-8")):
            continue  # taken since the name was checked
        try:
            created = _create(path, page.content)
        except BaseException:
            sidecar.unlink()
            raise
        if created:
            planned.add(path.name)
            return path
        sidecar.unlink()


def _create(path: Path, data: bytes) -> bool:
    """Write a new file; False if `path` exists. A file left unfinished (a full disk) is removed."""
    try:
        out = open(path, "xb")
    except FileExistsError:
        return False
    try:
        with out:
            out.write(data)
    except BaseException:
        os.unlink(path)
        raise
    return True


# -- fetching -------------------------------------------------------------------------------

class Fetcher:
    """Fetches pages one at a time, politely (see the module docstring)."""

    def __init__(self, delay: float = 1.0, timeout: float = 30.0, max_bytes: int = MAX_BYTES) -> None:
        self.delay, self.timeout, self.max_bytes = delay, timeout, max_bytes
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.max_redirects = MAX_REDIRECTS
        self._last: dict[str, float] = {}  # host -> when the last exchange with it ended
        self._robots: dict[str, tuple[RobotFileParser, str]] = {}  # scheme://host -> rules, refusal

    def fetch(self, url: str) -> Page:
        """The HTML page at `url` (a clean URL). FetchError with the cause otherwise."""
        rules, refusal = self._robots_for(url)
        if not rules.can_fetch(USER_AGENT, url):
            raise FetchError(refusal)
        with self._exchange(url) as (response, started):
            if not response.ok:
                raise FetchError(f"HTTP {response.status_code} {response.reason or ''}".rstrip())
            content_type = response.headers.get("Content-Type", "")
            media = content_type.partition(";")[0].strip().lower()
            if media not in HTML_TYPES:
                raise FetchError(f"not HTML (content type {media or 'missing'})")
            content = self._body(response, started, self.max_bytes)
        if not content.strip():
            raise FetchError("empty response")
        return Page(clean_url(response.url), content, content_type)

    @contextmanager
    def _exchange(self, url: str) -> Iterator[tuple[requests.Response, float]]:
        """A streamed GET after the host's delay; the host's clock restarts when it ends."""
        host = urlsplit(url).netloc
        if (last := self._last.get(host)) is not None:
            time.sleep(max(0.0, last + self.delay - time.monotonic()))
        started = time.monotonic()
        try:
            response = self.session.get(url, stream=True, timeout=self.timeout)
        except (requests.RequestException, urllib3.exceptions.HTTPError) as err:
            self._last[host] = time.monotonic()
            raise _failure(err, self.timeout) from None
        try:
            yield response, started
        finally:
            response.close()
            self._last[host] = time.monotonic()

    def _body(self, response: requests.Response, started: float, limit: int) -> bytes:
        """The body, refused once it passes `limit` bytes or the time limit. read1 returns what
        has arrived, so a page trickling in a byte at a time still meets the time limit."""
        too_large = FetchError(f"too large (over {limit / 2**20:g} MB)")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks, size = [], 0
        try:
            while chunk := response.raw.read1(64 * 1024, decode_content=True):
                size += len(chunk)
                if size > limit:
                    raise too_large
                if time.monotonic() - started > self.timeout:
                    raise Unreachable(f"timed out after {self.timeout:g} s")
                chunks.append(chunk)
        except (requests.RequestException, urllib3.exceptions.HTTPError) as err:
            raise _failure(err, self.timeout) from None
        return b"".join(chunks)

    def _robots_for(self, url: str) -> tuple[RobotFileParser, str]:
        """The site's robots.txt rules and the cause for a page they refuse, fetched on first
        use. A site that cannot be reached fails here with the cause its pages would fail with."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            rules, refusal = RobotFileParser(), "disallowed by the site's robots.txt"
            try:
                with self._exchange(f"{site}/robots.txt") as (response, started):
                    status = response.status_code
                    if status in (401, 403) or status >= 500:
                        rules.disallow_all = True
                        refusal = f"robots.txt answered HTTP {status}, which forbids fetching the site"
                    elif not response.ok:
                        rules.allow_all = True
                    else:
                        rules.parse(self._body(response, started, ROBOTS_MAX_BYTES)
                                    .decode("utf-8", "replace").splitlines())
            except Unreachable:
                raise
            except FetchError:  # a redirect loop, an oversized file: no rules can be read
                rules.allow_all = True
            self._robots[site] = rules, refusal
        return self._robots[site]


def _failure(err: Exception, timeout: float) -> FetchError:
    """The one-line cause of a failed request."""
    if isinstance(err, requests.TooManyRedirects):
        visited = [r.url for r in err.response.history] if err.response is not None else []
        if len(set(visited)) < len(visited):
            return FetchError("redirect loop")
        return FetchError(f"too many redirects (over {MAX_REDIRECTS})")
    if isinstance(err, (requests.Timeout, urllib3.exceptions.TimeoutError)) or _caused_by(err, TimeoutError):
        return Unreachable(f"timed out after {timeout:g} s")
    if isinstance(err, (requests.exceptions.InvalidSchema, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidURL)):  # the address given was checked: a redirect led there
        return FetchError(f"redirected to an address that cannot be fetched ({err})")
    if isinstance(err, (requests.exceptions.ChunkedEncodingError, urllib3.exceptions.ProtocolError)):
        return FetchError("the connection closed before the page was complete")
    if _caused_by(err, ConnectionRefusedError):
        return Unreachable("connection refused")
    if _caused_by(err, urllib3.exceptions.NameResolutionError):
        return Unreachable("host not found")
    if isinstance(err, requests.exceptions.SSLError):
        return Unreachable("TLS certificate or handshake failed")
    return Unreachable(f"connection failed ({type(err).__name__})")


def _caused_by(err: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is anywhere in the chain of errors requests and urllib3 wrap."""
    seen: set[int] = set()
    pending: list[object] = [err]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        pending += [*current.args, getattr(current, "reason", None), current.__cause__, current.__context__]
    return False


# -- the command ----------------------------------------------------------------------------

def add(addresses: Iterable[str], articles: Path, fetcher: Fetcher, dry_run: bool = False) -> Iterator[Outcome]:
    """Fetch and save each address in turn, one Outcome each, as it happens. A dry run
    makes no request: it says which addresses would be fetched and under which names."""
    known = corpus_urls(articles)
    planned: set[str] = set()
    for address in addresses:
        try:
            url = clean_url(address)
        except FetchError as err:
            yield Outcome(address, "failed", str(err))
            continue
        if (held := known.get(canonical_url(url))) is not None:
            yield Outcome(address, "skipped", held)
            continue
        if dry_run:
            name = next(free_names(articles, page_stem(url), planned))
            planned.add(name)
            known[canonical_url(url)] = name
            yield Outcome(address, "would save", name)
            continue
        yield _fetch_and_save(address, url, articles, fetcher, known, planned)


def _fetch_and_save(address: str, url: str, articles: Path, fetcher: Fetcher,
                    known: dict[str, str], planned: set[str]) -> Outcome:
    try:
        page = fetcher.fetch(url)
    except FetchError as err:
        return Outcome(address, "failed", str(err))
    if (held := known.get(canonical_url(page.url))) is not None:
        return Outcome(address, "skipped", held)
    try:
        articles.mkdir(parents=True, exist_ok=True)
        path = save(page, url, articles, planned)
    except OSError as err:
        return Outcome(address, "failed", f"cannot save under {articles}: {err.strerror or err}")
    name = path.relative_to(articles).as_posix()
    known[canonical_url(url)] = known[canonical_url(page.url)] = name
    return Outcome(address, "saved", name)


def read_address_file(path: Path) -> list[str]:
    """One address a line; blank lines and lines starting with # are left out."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
