"""Issue 16, checked again with new cases of each kind: shapes of text, YAML, fields and
files the first round's tests did not try. Each case failed (crash, hang, markup) before its fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import write_article
from generator.slugs import MAX_SLUG_BYTES, slugify
from generator.yamldata import MAX_DEPTH
from sitebuild import REPO, make_project, mkdocs_build
from test_hardening_regex import SIZE, cpu_seconds


def short_lines(template: str, size: int) -> str:
    """A page of distinct short lines and no prose (a list of links, a table copied as text)."""
    lines, total = [], 0
    while total < size:
        lines.append(template.format(len(lines)))
        total += len(lines[-1]) + 1
    return "\n".join(lines)


@pytest.mark.parametrize("template", ["{}", "A{}", "Aa Bb {}"])
def test_a_page_of_short_lines_extracts_in_linear_time(template):
    """Each headline-like line looked for the next line of text among all that follow it:
    64 KB of numbers took 21 s, 256 KB over a minute."""
    articles = [(f"{size}.txt", short_lines(template, size), "text", {}) for size in (SIZE // 4, SIZE)]
    seconds = cpu_seconds(articles, limit=30)
    assert seconds[f"{SIZE}.txt"] < 3, seconds
    assert seconds[f"{SIZE}.txt"] < 8 * seconds[f"{SIZE // 4}.txt"] + 0.5, seconds


# --- YAML: nesting, and values that are no text ------------------------------------------------

GOOD = ("Ministers Agree on a Calendar of Contacts\n\nMarch 5, 2019\n\n"
        "Defense ministers agreed on Tuesday to hold regular military contacts, officials said.\n\n"
        "Jim Mattis said the calendar would reduce the risk of accidents.\n")
DEEP = 100_000
NESTED = {  # each crashed the process (libyaml's composer: a segmentation fault) or raised RecursionError
    "flow-lists.txt": "title: " + "[" * DEEP + "]" * DEEP,
    "flow-maps.txt": "title: " + "{a: " * DEEP + "1" + "}" * DEEP,
    "unknown-field.txt": "date: 2017-02-30\nnotes: " + "[" * DEEP + "]" * DEEP,
    "block-lists.txt": "actors:\n" + "".join(" " * i + "-\n" for i in range(3000)),
    "never-closed.txt": "notes: " + "[" * DEEP,  # 25 s in libyaml's scanner before its error
}


def run_cli(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), *args],
                          env=env, capture_output=True, text=True, timeout=timeout)


def test_deeply_nested_front_matter_is_one_problem_each_in_check_and_build(tmp_path):
    files = {name: f"---\n{block}\n---\n{GOOD}".encode() for name, block in NESTED.items()}
    root = make_project(tmp_path / "project", {"good.txt": GOOD.encode(), **files}, with_samples=False)
    started = time.monotonic()
    checked = run_cli(root, "check")
    assert time.monotonic() - started < 20
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr
    for name in NESTED:
        lines = [line for line in checked.stderr.splitlines() if line.startswith(f"problem: {name}:")]
        assert len(lines) == 1 and f"nested more than {MAX_DEPTH} deep" in lines[0], checked.stderr
    built = mkdocs_build(root)
    assert built.returncode == 1  # --strict: the same problems are warnings
    assert all(f"briefing: {name}: malformed front matter" in built.stderr for name in NESTED), built.stderr
    assert mkdocs_build(root, strict=False).returncode == 0
    assert (root / "site" / "articles" / "2019" / "03" / "ministers-agree-on-a-calendar-of-contacts").is_dir()


def test_a_deeply_nested_taxonomy_file_is_one_error_line_naming_it(tmp_path):
    """In a subprocess: before the fix this killed the process that loaded the taxonomy."""
    root = make_project(tmp_path / "project", {"good.txt": GOOD.encode()}, with_samples=False)
    (root / "taxonomy" / "roles.yml").write_text("titles: " + "[" * DEEP + "]" * DEEP, encoding="utf-8")
    checked = run_cli(root, "check")
    assert checked.returncode == 2, checked.stderr
    [line] = checked.stderr.splitlines()  # one line (a YAML error in a taxonomy file printed two)
    assert line == f"error: {root / 'taxonomy' / 'roles.yml'}: invalid YAML at line 1: " \
                   f"lists and mappings nested more than {MAX_DEPTH} deep"


def test_front_matter_values_that_are_no_text_are_problems_and_left_out(tmp_path, extractor):
    """`actors: [1, null, [x]]` became people called "1", "None" and "['x']" with pages of
    their own; a blank title or outlet became an article or outlet page without a name."""
    text = ("---\ntitle: '   '\noutlet: ''\nauthor: ' Jane Roe '\n"
            "actors: [1, null, [x], {a: b}, '', '  ', Petr Pavel]\ntopics: [2, dialogue]\n---\n" + GOOD)
    article = extractor.process(write_article(tmp_path, "a.txt", text))
    assert article.title == "Ministers Agree on a Calendar of Contacts"
    assert article.outlet is None and article.author == "Jane Roe"
    assert "Petr Pavel" in [a.name for a in article.actors]
    assert not {"1", "None", "['x']", "{'a': 'b'}", "", "  "} & {a.name for a in article.actors}
    assert "dialogue" in [t.id for t in article.topics["primary"]]
    problems = [w for w in article.warnings if w.startswith("front matter field")]
    assert sorted(problems) == sorted([
        "front matter field 'title' is empty; ignored", "front matter field 'outlet' is empty; ignored",
        *(f"front matter field 'actors': item {item} is not a name or id; ignored"
          for item in ("1", "None", "['x']", "{'a': 'b'}", "''", "'  '")),
        "front matter field 'topics': item 2 is not a name or id; ignored"])


def test_briefing_extract_prints_terminal_escapes_in_values_visibly(tmp_path):
    """A title or author holding ESC or BEL drove the terminal of whoever ran `briefing extract`."""
    path = write_article(tmp_path, "a.txt", '---\ntitle: "Talks\\x1b[2J\\x1b]0;owned\\x07"\n'
                                            'author: "Eve\\u202eRoe"\n---\n' + GOOD)
    printed = run_cli(REPO, "extract", str(path))
    assert printed.returncode == 0, printed.stderr
    assert "\x1b" not in printed.stdout and "\x07" not in printed.stdout and "\u202e" not in printed.stdout
    assert "Talks\\x1b[2J\\x1b]0;owned\\x07" in printed.stdout and "Eve\\u202eRoe" in printed.stdout


# --- the store: what sits where the cache, the lock, the manifest or a page should be ------------

def generated_project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project", {"good.txt": GOOD.encode()}, with_samples=False)
    assert run_cli(root, "generate").returncode == 0
    return root


def replace_with(path: Path, kind: str) -> None:
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


STORE_FILES = {"cache": ".briefing-cache/articles.msgpack", "lock": ".briefing-cache/build.lock",
               "manifest": "content/.briefing-manifest.json", "page": "content/actors/jim-mattis.md"}


@pytest.mark.parametrize("file, kind", [(file, kind) for file in STORE_FILES for kind in ("fifo", "zero")
                                        if (file, kind) != ("lock", "zero")])  # /dev/zero locks as well as a file
def test_a_pipe_or_device_in_the_store_is_a_notice_not_a_hang(tmp_path, file, kind):
    """A named pipe blocked the build for good, a link to /dev/zero ended in MemoryError."""
    root = generated_project(tmp_path)
    replace_with(root / STORE_FILES[file], kind)
    done = run_cli(root, "generate", timeout=20)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    if file == "page":  # not the page the last build wrote: rebuilt in its place
        assert (root / STORE_FILES[file]).is_file()
    assert (root / "content" / "actors" / "index.md").is_file()


def test_manifest_entries_no_file_can_have_are_ignored(tmp_path):
    """A name over 255 bytes, a path over PATH_MAX or a page below a file stopped every build
    ("File name too long"); JSON nested 100,000 deep raised RecursionError."""
    root = generated_project(tmp_path)
    manifest = root / STORE_FILES["manifest"]
    entries = {f"actors/{'a' * 300}.md": "x", "actors/" + "a/" * 3000 + "b.md": "x", "actors/index.md/x.md": "x"}
    manifest.write_text(json.dumps(entries))
    done = run_cli(root, "generate")
    assert done.returncode == 0 and "2 entries outside the generated folders ignored" in done.stderr, done.stderr
    manifest.write_text('{"actors/x.md": ' + "[" * DEEP + "]" * DEEP + "}")
    done = run_cli(root, "generate")
    assert done.returncode == 0 and "briefing-manifest.json: unreadable" in done.stderr, done.stderr


def test_a_title_of_four_byte_characters_gets_a_page_name_that_fits(tmp_path):
    """80 characters of four bytes (CJK Extension B) and '.md' made a name of 323 bytes: the
    build stopped with 'File name too long' while `briefing check` saw no problem."""
    name = "\U00020000" * 100
    text = f"---\ntitle: {name}\noutlet: {name}\nactors: [{name}]\ndate: 2019-03-05\n---\n{GOOD}"
    root = make_project(tmp_path / "project", {"a.txt": text.encode(), "good.txt": GOOD.encode()}, with_samples=False)
    assert mkdocs_build(root).returncode == 0
    pages = [p for p in (root / "content").rglob("*.md") if "\U00020000" in p.name]
    feeds = [p for p in (root / "site").glob("feed-*.xml") if "\U00020000" in p.name]
    assert len(pages) == 3 and len(feeds) == 2  # the actor's and the outlet's
    assert all(len(p.name.encode()) <= 255 for p in pages + feeds)
    assert len(slugify(name).encode()) <= MAX_SLUG_BYTES and slugify("日本" * 50) == "日本" * 37  # 3-byte scripts keep 74 characters
