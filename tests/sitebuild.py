"""Test support: build the real site from a copy of the project, serve it on localhost, run
a real `mkdocs serve` of it.

Tests never write into the repository's own content/ or site/: the project
(mkdocs.yml, taxonomy, theme overrides, hand-written pages, chosen articles)
is copied into a temporary folder and built there with `mkdocs build`.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HAND_WRITTEN = ("about.md", "stylesheets")


def make_project(root: Path, articles: dict[str, bytes] | None = None, with_samples: bool = True) -> Path:
    """A project folder: the repo's config and taxonomy, the sample articles (optional)
    plus `articles` (relative path -> bytes). Returns root."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("taxonomy", "theme_overrides"):
        shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    for name in HAND_WRITTEN:
        source = REPO / "content" / name
        if source.is_dir():
            shutil.copytree(source, root / "content" / name, dirs_exist_ok=True)
        else:
            shutil.copy(source, root / "content" / name)
    (root / "articles").mkdir(exist_ok=True)
    if with_samples:
        for path in (REPO / "articles").glob("*.txt"):
            shutil.copy(path, root / "articles" / path.name)
    for rel, data in (articles or {}).items():
        target = root / "articles" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def folder_files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by path relative to it: two builds compare as dicts."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mkdocs_build(root: Path, *, strict: bool = True, site_url: str | None = None,
                 extra: list[str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` in root; returns the completed process (check .returncode)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    command += (["--strict"] if strict else []) + (extra or [])
    return subprocess.run(command, env=env, capture_output=True, text=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str = "/"):
    """Serve `site` on 127.0.0.1 under `prefix` (e.g. '/REPO/'); yields the base URL."""
    mount = site
    if prefix.strip("/"):
        mount = site.parent / "_mount"
        target = mount / prefix.strip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.symlink_to(site, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(mount))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix if prefix.endswith('/') else prefix + '/'}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float) -> bool:
    """True once `predicate()` is, False after `seconds`; a refused or failed request is a no."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


@contextlib.contextmanager
def mkdocs_serving(root: Path, log: Path):
    """A real `mkdocs serve` of the project at root, its output in `log`; yields its base URL
    once the home page answers, and stops it as Ctrl-C does (serve then deletes its site folder)."""
    port = free_port()
    with open(log, "w+", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
            stdout=output, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        base = f"http://127.0.0.1:{port}/"
        try:
            assert wait_for(lambda: get(base), 60), log.read_text()
            yield base
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
