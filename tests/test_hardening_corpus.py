"""Odd corpus entries, hostile file names and a broken environment: one line each, never a
crash, a hang or a traceback (issue 16, items 13-16)."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import Project, build
from generator.cli import main
from generator.model import BuildError
from sitebuild import make_project, mkdocs_build, mkdocs_serving

GOOD = """Ministers Agree on a Calendar of Military Contacts

March 5, 2019

Defense ministers agreed on Tuesday to hold regular military contacts, officials said.

Jim Mattis said the calendar would reduce the risk of accidents.
"""
OTHER = GOOD.replace("Ministers Agree", "Envoys Agree")


def corpus(tmp_path: Path, files: dict[str, bytes] | None = None) -> Project:
    root = make_project(tmp_path / "project", {"good.txt": GOOD.encode(), "sub/other.txt": OTHER.encode(),
                                               **(files or {})}, with_samples=False)
    return Project.at(root)


def root_of(project: Project) -> str:
    return str(project.articles.parent)


@contextlib.contextmanager
def deadline(seconds: int):
    """Fails the test instead of hanging it (a blocking open or read is interrupted too)."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def built_sources(project: Project) -> list[str]:
    return sorted(a.source for a in build(project).articles)


def the_problem(problems: list[str], name: str) -> str:
    matches = [p for p in problems if p.startswith(name + ":")]
    assert len(matches) == 1, problems
    return matches[0]


def error_lines(stderr: str) -> list[str]:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines


# Item 13: corpus entries that crashed or hung the build.

@pytest.mark.parametrize("target", [".", "..", "../sub"])
def test_a_folder_link_that_loops_is_one_problem(tmp_path, target):
    project = corpus(tmp_path)
    (project.articles / "sub" / "self").symlink_to(target, target_is_directory=True)
    with deadline(20):
        report = build(project)
    assert the_problem(report.problems, "sub/self") == \
        "sub/self: symbolic link to a folder that contains it (a loop); skipped"
    assert sorted(a.source for a in report.articles) == ["good.txt", "sub/other.txt"]


def test_a_file_link_to_itself_is_one_problem(tmp_path):
    project = corpus(tmp_path)
    (project.articles / "loop.txt").symlink_to("loop.txt")
    report = build(project)
    assert the_problem(report.problems, "loop.txt").startswith("loop.txt: cannot be read (")
    assert len(report.articles) == 2


def test_an_unreadable_folder_is_one_problem(tmp_path, monkeypatch):
    project = corpus(tmp_path, {"locked/hidden.txt": OTHER.replace("Envoys", "Generals").encode()})
    locked = project.articles / "locked"
    locked.chmod(0)  # enough for a normal user; root reads it anyway, so refuse it as the system would
    scandir = os.scandir

    def refusing(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    try:
        report = build(project)
    finally:
        locked.chmod(0o755)
    assert the_problem(report.problems, "locked/") == "locked/: cannot be read (Permission denied)"
    assert sorted(a.source for a in report.articles) == ["good.txt", "sub/other.txt"]


def test_a_named_pipe_is_one_problem_and_does_not_block(tmp_path, capsys, monkeypatch):
    project = corpus(tmp_path)
    os.mkfifo(project.articles / "x.txt")
    with deadline(20):
        report = build(project)
    assert the_problem(report.problems, "x.txt") == "x.txt: not a regular file but a named pipe (FIFO); skipped"
    assert len(report.articles) == 2
    monkeypatch.chdir(project.articles)
    with deadline(20):
        assert main(["--root", root_of(project), "explain", "x.txt"]) != 0
    assert error_lines(capsys.readouterr().err) == ["error: x.txt: not a regular file but a named pipe (FIFO)"]


def test_a_socket_and_a_device_are_one_problem_each(tmp_path, monkeypatch):
    project = corpus(tmp_path)
    monkeypatch.chdir(project.articles)  # a socket path must be short
    listener = socket.socket(socket.AF_UNIX)
    listener.bind("s.txt")
    try:
        os.mknod("null.txt", 0o600 | 0o020000, os.makedev(1, 3))  # a character device, as /dev/null
    except PermissionError:
        pytest.skip("device files cannot be made here")
    try:
        report = build(project)
    finally:
        listener.close()
    assert the_problem(report.problems, "s.txt") == "s.txt: not a regular file but a socket; skipped"
    assert the_problem(report.problems, "null.txt") == "null.txt: not a regular file but a device; skipped"
    assert len(report.articles) == 2


# Item 14: `briefing explain` prints article text as text.

def test_explain_prints_bracketed_text_verbatim(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    text = GOOD + "\n[caption id=1]Ministers at the table[/caption]\n\n[link=https://example.org]hidden words[/link] and [bold]more[/]\n"
    project = corpus(tmp_path, {"bracketed.txt": text.encode()})
    assert main(["--root", root_of(project), "explain", str(project.articles / "bracketed.txt")]) == 0
    out = capsys.readouterr().out
    assert "[caption id=1]Ministers at the table[/caption]" in out
    assert "[link=https://example.org]hidden words[/link] and [bold]more[/]" in out


@pytest.mark.parametrize("command", ["explain", "extract"])
def test_a_missing_file_is_one_error_line(tmp_path, capsys, monkeypatch, command):
    project = corpus(tmp_path)
    monkeypatch.chdir(project.articles)
    assert main(["--root", root_of(project), command, "missing.txt"]) != 0
    assert error_lines(capsys.readouterr().err) == ["error: missing.txt: No such file or directory"]


# Item 15: a broken environment is one error line, from the command and from MkDocs.

def test_a_taxonomy_file_that_is_a_folder_is_one_error_line(tmp_path, capsys):
    project = corpus(tmp_path)
    topics = project.taxonomy / "topics.yml"
    topics.unlink()
    topics.mkdir()
    for command in ("check", "generate"):
        assert main(["--root", root_of(project), command]) == 2
        assert error_lines(capsys.readouterr().err) == [f"error: {topics}: Is a directory"]
    result = mkdocs_build(project.articles.parent)
    line, = error_lines(result.stderr)
    assert result.returncode != 0 and line.startswith("ERROR") and line.endswith(f" {topics}: Is a directory")


def test_an_unreadable_taxonomy_file_is_one_error_line(tmp_path, capsys, monkeypatch):
    project = corpus(tmp_path)
    actors = project.taxonomy / "actors.yml"
    read_bytes = Path.read_bytes

    def refusing(path):
        if path == actors:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refusing)
    assert main(["--root", root_of(project), "check"]) == 2
    assert error_lines(capsys.readouterr().err) == [f"error: {actors}: Permission denied"]


@pytest.mark.parametrize("folder", ["content/articles", "content/actors"])
def test_a_file_where_a_generated_folder_belongs_is_one_error_line(tmp_path, capsys, folder):
    """(A file in place of the cache folder costs only the cache: tests/test_hardening_store.py.)"""
    project = corpus(tmp_path)
    root = project.articles.parent
    (root / folder).write_text("not a folder\n", encoding="utf-8")
    assert main(["--root", str(root), "generate"]) == 2
    line, = error_lines(capsys.readouterr().err)
    assert line.startswith(f"error: {root / folder}: ") and "folder" in line, line
    result = mkdocs_build(root)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert any(line.startswith("ERROR") and str(root / folder) in line for line in result.stderr.splitlines()), \
        result.stderr


@pytest.mark.parametrize("failure, line", [
    (OSError(errno.ENOSPC, "No space left on device", "content/articles/x.md"),
     "error: content/articles/x.md: No space left on device"),
    (PermissionError(errno.EROFS, "Read-only file system", ".briefing-cache"),
     "error: .briefing-cache: Read-only file system"),
    (BuildError("content/outlets: cannot be written (Permission denied)"),
     "error: content/outlets: cannot be written (Permission denied)"),
])
def test_a_failing_write_is_one_error_line(tmp_path, capsys, monkeypatch, failure, line):
    def failing(*args, **kwargs):
        raise failure

    monkeypatch.setattr(build_module, "write_site", failing)
    project = corpus(tmp_path)
    assert main(["--root", root_of(project), "generate"]) == 2
    assert error_lines(capsys.readouterr().err) == [line]


# Item 16: file names cannot forge report lines or drive the terminal; raw pages are UTF-8.

HOSTILE = {"a\nproblem: forged.txt": "a\\nproblem: forged.txt", "\x1b[2J.txt": "\\x1b[2J.txt",
           "b\xe9\u202e.txt": "b\xe9\\u202e.txt"}


def test_hostile_file_names_are_shown_escaped(tmp_path, capsys):
    project = corpus(tmp_path, {name: b"" for name in HOSTILE})
    assert main(["--root", root_of(project), "check"]) == 1
    err = capsys.readouterr().err
    for shown in HOSTILE.values():
        assert f"problem: {shown}: file is empty\n" in err
    result = mkdocs_build(project.articles.parent)
    for stream in (err, result.stderr):
        assert "\x1b" not in stream and "\u202e" not in stream
        assert not any(line.startswith("problem: forged") for line in stream.splitlines()), stream
    assert "briefing: a\\nproblem: forged.txt: file is empty" in result.stderr


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path, capsys):
    project = corpus(tmp_path)
    (project.articles / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"")
    assert main(["--root", root_of(project), "check"]) == 1
    assert "problem: caf\\xe9.txt: file is empty\n" in capsys.readouterr().err


RUSSIAN = ("Министры обороны договорились о новых контактах\n\n12 марта 2019\n\n"
           "Министры обороны России и США провели встречу в Вене и договорились продолжить диалог. "
           "Стороны обсудили меры по снижению военных рисков в Европе.\n")


def raw_copy(site: Path, title_word: str) -> Path:
    copies = [p for p in (site / "raw").rglob("*.txt") if title_word in p.read_text("utf-8", "replace")]
    assert len(copies) == 1, copies
    return copies[0]


def test_a_raw_copy_of_a_legacy_encoded_article_is_published_as_utf8(tmp_path):
    project = corpus(tmp_path, {"ru.txt": RUSSIAN.encode("cp1251")})
    assert mkdocs_build(project.articles.parent, strict=False).returncode == 0
    site = project.articles.parent / "site"
    assert raw_copy(site, "Министры").read_bytes() == RUSSIAN.encode("utf-8")
    assert raw_copy(site, "Ministers").read_bytes() == GOOD.encode("utf-8")  # UTF-8 sources: copied as they are


def test_mkdocs_serve_sends_raw_pages_as_utf8(tmp_path):
    project = corpus(tmp_path, {"ru.txt": RUSSIAN.encode("cp1251")})
    with mkdocs_serving(project.articles.parent, tmp_path / "serve.log") as base:
        pages = sorted((project.content / "articles").rglob("*.md"))
        assert len(pages) == 3
        for page in pages:
            raw = page.relative_to(project.content / "articles").with_suffix(".txt").as_posix()
            with urllib.request.urlopen(f"{base}raw/{urllib.parse.quote(raw)}", timeout=5) as response:
                assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
                response.read().decode("utf-8")
