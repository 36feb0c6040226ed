"""What the build keeps between runs (the cache, the manifest, the pages on disk) is checked,
never trusted: damaged or crafted files, interrupted or concurrent builds, failing builds
and folders that refuse writes (issue 16, items 1, 8, 9, 11, 12, 15)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import pickle
import random
import subprocess
import sys
import zlib
from pathlib import Path

import msgspec
import pytest

from generator import cache, render, write
from generator.build import Project, build
from generator.model import BuildError
from generator.taxonomy import load_taxonomy
from sitebuild import folder_files, make_project

ARTICLE = "001_5a41e3af4f08907d.txt"
PAGE = "articles/2018/06/nato-will-never-give-up-on-dialogue-with-russia-u-s-defense-secretary-says.md"
HAND_WRITTEN = "# My own notes\n"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    built = Project.at(make_project(tmp_path / "project"))
    assert not build(built).problems
    return built


def cache_file(project: Project) -> Path:
    return project.cache / cache.FILE


def loaded(project: Project) -> cache.ArticleCache:
    """The cache as the next build of `project` reads it."""
    return cache.ArticleCache(project.cache, load_taxonomy(project.taxonomy).digests)


def pages(project: Project) -> dict[str, bytes]:
    return {path: data for path, data in folder_files(project.content).items() if path != write.MANIFEST}


def on_disk(project: Project) -> dict[str, tuple[int, bytes]]:
    """Every file in content/ with its modification time: a build that writes nothing leaves it equal."""
    return {p.relative_to(project.content).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(project.content.rglob("*")) if p.is_file()}


# --- item 8: the cache is data, and a damaged one is rebuilt -------------------------------


class _Runs:
    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return open, (self.marker, "w")  # unpickling this creates the marker file


def test_a_crafted_pickle_in_the_cache_folder_never_runs(project, tmp_path):
    marker = tmp_path / "ran"
    crafted = pickle.dumps(_Runs(str(marker)))
    for name in ("articles.pickle", cache.FILE):
        (project.cache / name).write_bytes(crafted)
    report = build(project)
    assert not marker.exists()
    assert report.extracted == 5 and not report.problems
    assert [n for n in report.notices if cache.FILE in n and "damaged" in n]


def test_byte_flips_anywhere_in_the_cache_are_noticed_and_rebuilt(project):
    intact = cache_file(project).read_bytes()
    positions = random.Random(16).sample(range(len(intact)), 150)
    for position in [0, 4, 8, len(intact) - 1, *positions]:
        damaged = bytearray(intact)
        damaged[position] ^= random.Random(position).randrange(1, 256)
        cache_file(project).write_bytes(bytes(damaged))
        reread = loaded(project)
        assert not reread.valid and not reread.entries, position
        assert len(reread.notices) == 1 and "damaged" in reread.notices[0], position


def test_a_cache_cut_short_anywhere_is_rebuilt(project):
    intact = cache_file(project).read_bytes()
    after_stamp = cache._FRAME.size + len(next(cache._frames(intact)))
    for length in sorted({0, 1, 7, 8, 9, after_stamp, *random.Random(8).sample(range(len(intact)), 40)}):
        cache_file(project).write_bytes(intact[:length])
        reread = loaded(project)
        assert not reread.valid and len(reread.notices) == 1, length


def _rewritten_records(project: Project, change) -> None:
    """The cache with its records decoded as plain data, changed by `change`, and framed again
    with correct checksums: well-formed, but not what a build wrote."""
    data = cache_file(project).read_bytes()
    frames = list(cache._frames(data))
    stamp, snapshot = msgspec.msgpack.decode(frames[0]), msgspec.msgpack.decode(frames[1])
    for record in snapshot[0][0].values():  # the first table of the snapshot: source -> record
        change(record)
    out = b""
    for value in (stamp, snapshot):
        payload = msgspec.msgpack.encode(value)
        out += cache._FRAME.pack(len(payload), zlib.crc32(payload)) + payload
    cache_file(project).write_bytes(out)


@pytest.mark.parametrize("field, value", [
    ("word_count", "many"), ("actors", {"id": 3}), ("topics", None), ("quote_runs", 12),
    ("date", "2017-02-30"), ("date", "../../../.."), ("slug", "../../../outside"), ("weekday", 9),
    ("topics", {"primary": [], "other": []}),
], ids=lambda value: repr(value))
def test_a_crafted_cache_with_wrong_values_is_rebuilt(project, tmp_path, field, value):
    expected = pages(project)
    _rewritten_records(project, lambda record: record.__setitem__(field, value))
    reread = loaded(project)
    assert len(reread.notices) == 1 and "damaged" in reread.notices[0]
    report = build(project)
    assert report.extracted == 5 and not report.problems
    assert pages(project) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]  # nothing written outside the project


def test_a_build_with_an_intact_cache_says_nothing_about_it(project):
    assert loaded(project).valid
    report = build(project)
    assert report.cached == 5 and not [n for n in report.notices if str(project.cache) in n]


# --- item 9: the manifest is input -----------------------------------------------------------


def test_manifest_entries_outside_the_generated_folders_are_never_deleted(project, tmp_path):
    root = project.content.parent
    victims = [root / "README.md", root / "x.md", tmp_path / "absolute.md", project.content / "about.md"]
    for victim in victims[:3]:
        victim.write_text("keep me\n")
    expected = folder_files(root)
    entries = ["../README.md", "articles/../../x.md", str(tmp_path / "absolute.md"), "about.md",
               "stylesheets/briefing.css", "articles\\..\\..\\x.md", "articles/x\u0000.md", "articles//x.md"]
    manifest = json.loads((project.content / write.MANIFEST).read_text())
    (project.content / write.MANIFEST).write_text(json.dumps({**manifest, **dict.fromkeys(entries, "0" * 64)}))
    report = build(project)
    assert all(victim.exists() for victim in victims)
    assert report.written.removed == [] and not report.problems
    assert any(f"{len(entries)} entries outside the generated folders ignored" in n for n in report.notices)
    assert folder_files(root).keys() == expected.keys()
    assert write.read_manifest(project.content) == manifest


@pytest.mark.parametrize("manifest", ["[]", '"pages"', "12", '{"index.md": 1}', '{"index.md": null}', "{", "\xff"])
def test_a_manifest_that_is_not_path_to_digest_is_lost_and_the_pages_reclaimed(project, manifest):
    expected = pages(project)
    (project.content / write.MANIFEST).write_text(manifest, encoding="latin-1")
    (project.articles / "new.txt").write_bytes((project.articles / ARTICLE).read_bytes().replace(
        b"Finnish defence forces", b"Finnish defense officials"))
    (project.articles / ARTICLE).unlink()
    report = build(project)
    assert not report.problems and report.written.protected == []
    assert any(write.MANIFEST in n and "recognised by their front matter" in n for n in report.notices)
    assert "Finnish defense officials" in (project.content / PAGE).read_text("utf-8")
    assert set(write.read_manifest(project.content)) == set(pages(project)) - {"about.md", "stylesheets/briefing.css"}
    assert set(pages(project)) == set(expected)


def test_a_lost_manifest_leaves_no_page_stale_for_good(project):
    """The generator's pages are recognised by their front matter; a page a person wrote at a
    generated path (no such mark) is still left alone and reported."""
    (project.content / write.MANIFEST).unlink()
    mine = project.content / "topics/crimea.md"
    mine.write_text(HAND_WRITTEN)
    report = build(project)
    assert report.written.protected == ["topics/crimea.md"]
    assert [p for p in report.problems if "written by hand" in p] == [
        "content/topics/crimea.md: written by hand at a generated path; left alone (move it to build this page)"]
    source = project.articles / ARTICLE
    source.write_bytes(source.read_bytes().replace(b"Finnish defence forces", b"Finnish defense officials"))
    again = build(project)
    assert again.written.protected == ["topics/crimea.md"] and mine.read_text() == HAND_WRITTEN
    assert "Finnish defense officials" in (project.content / PAGE).read_text("utf-8")
    assert PAGE in again.written.written


# --- item 11: two builds at once take turns --------------------------------------------------


def test_a_second_build_waits_for_the_first_and_says_so(project):
    (project.articles / "new.txt").write_bytes((project.articles / ARTICLE).read_bytes().replace(b"NATO", b"Nato"))
    env = {**os.environ, "CI": "1"}
    with cache.build_lock(project.cache) as unwritable:
        assert unwritable is None
        second = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(project.articles.parent),
                                   "generate"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            line = second.stderr.readline()
            assert "another build of this project is running" in line
            with pytest.raises(subprocess.TimeoutExpired):
                second.wait(timeout=1)
            assert write.read_manifest(project.content).keys() == set(pages(project)) - {
                "about.md", "stylesheets/briefing.css"}  # nothing claimed while waiting
        except BaseException:
            second.kill()
            raise
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert "written by hand" not in out + err and "6 articles" in out


# --- item 12: the file on disk, not a record, says whether a page is current -----------------


@pytest.mark.parametrize("same_mtime", [True, False], ids=["same-mtime", "new-mtime"])
def test_an_undone_edit_after_an_interrupted_build_leaves_no_stale_page(project, monkeypatch, same_mtime):
    source = project.articles / ARTICLE
    original, info = source.read_bytes(), source.stat()
    expected = pages(project)
    lead = b"the top U.S. defense chief has said."  # the article's first paragraph ends so
    assert lead in original
    source.write_bytes(original.replace(lead, lead + b" Defence ministers will meet again in Tallinn next spring.", 1))

    def killed(self):
        raise KeyboardInterrupt("the build died after writing its pages")

    monkeypatch.setattr(write.PageWriter, "finish", killed)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    monkeypatch.undo()
    assert "Tallinn" in (project.content / PAGE).read_text("utf-8")
    source.write_bytes(original)
    if same_mtime:
        os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    report = build(project)
    assert pages(project) == expected and PAGE in report.written.written


def test_leftover_temporary_files_are_removed_by_the_next_build(project):
    leftovers = [project.content / "articles/2018/06/.tmp-4242-x.md", project.content / ".tmp-4242-index.md",
                 project.content / "topics/.tmp-77-crimea.md"]
    for leftover in leftovers:
        leftover.write_text("half a page")
    (project.articles / "new.txt").write_bytes((project.articles / ARTICLE).read_bytes().replace(b"NATO", b"Nato"))
    (project.cache / f".tmp-4242-{cache.FILE}").write_bytes(b"half a cache")
    build(project)
    assert not [p for p in [*leftovers, project.cache / f".tmp-4242-{cache.FILE}"] if p.exists()]


def test_a_page_changed_by_hand_with_the_same_size_is_rewritten(project):
    page = project.content / PAGE
    info, text = page.stat(), page.read_text("utf-8")
    page.write_text(text.replace("Mattis", "Mxttis"), "utf-8")
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns + 1))
    build(project)
    assert page.read_text("utf-8") == text


# --- item 1: a failing build writes nothing ----------------------------------------------------


def test_a_failing_build_writes_nothing_so_mkdocs_serve_does_not_loop(project, monkeypatch):
    (project.articles / "new.txt").write_bytes((project.articles / ARTICLE).read_bytes().replace(b"NATO", b"Nato"))

    def broken(self, topic, page):
        raise RuntimeError("a template failed")

    monkeypatch.setattr(render.Renderer, "_topic_page", broken)
    before = on_disk(project)
    for _ in range(2):
        with pytest.raises(RuntimeError, match="a template failed"):
            build(project)
        assert on_disk(project) == before
    monkeypatch.undo()
    assert build(project).written.written


# --- item 15: folders and disks that refuse writes ---------------------------------------------


def test_a_file_where_a_generated_folder_belongs_is_one_line(tmp_path):
    project = Project.at(make_project(tmp_path / "project"))
    (project.content / "actors").write_text("not a folder")
    with pytest.raises(BuildError) as raised:
        build(project)
    assert str(raised.value) == f"{project.content / 'actors'}: a file where the generator writes a folder; move it away"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES], ids=errno.errorcode.get)
@pytest.mark.parametrize("first_build", [True, False], ids=["first", "incremental"])
def test_content_that_refuses_writes_is_one_line(tmp_path, monkeypatch, code, first_build):
    project = Project.at(make_project(tmp_path / "project"))
    if not first_build:
        build(project)
        (project.articles / "new.txt").write_bytes((project.articles / ARTICLE).read_bytes().replace(b"NATO", b"Na"))

    def refused(path, data, *flags):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(write, "_write", refused)
    with pytest.raises(BuildError) as raised:
        build(project)
    message = str(raised.value)
    assert "\n" not in message and message.startswith(str(project.content))
    assert message.endswith(f": cannot be written ({os.strerror(code)})")


def test_a_full_disk_leaves_no_partial_page(tmp_path, monkeypatch):
    project = Project.at(make_project(tmp_path / "project"))
    real_write, calls = os.write, []

    def fills_up(fd, data):
        calls.append(fd)
        if len(calls) > 20:
            return real_write(fd, bytes(data)[:10]) if len(calls) % 2 else _raise(errno.ENOSPC)
        return real_write(fd, data)

    monkeypatch.setattr(write.os, "write", fills_up)
    with pytest.raises(BuildError, match="No space left on device"):
        build(project)
    monkeypatch.undo()
    assert all(p.read_bytes().startswith(b"---\n") for p in project.content.rglob("*.md") if p.name != "about.md")
    assert not build(project).problems


def _raise(code: int):
    raise OSError(code, os.strerror(code))


def test_a_cache_that_cannot_be_saved_does_not_stop_the_build(tmp_path, monkeypatch):
    project = Project.at(make_project(tmp_path / "project"))

    def refused(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cache, "atomic_write", refused)
    report = build(project)
    assert len(report.articles) == 5 and not report.problems and (project.content / PAGE).exists()
    assert [n for n in report.notices if str(project.cache) in n] == [
        f"{cache_file(project)}: cache not saved (No space left on device); the next build starts from scratch"]


def test_a_file_where_the_cache_folder_belongs_does_not_stop_the_build(tmp_path):
    project = Project.at(make_project(tmp_path / "project"))
    project.cache.write_text("not a folder")
    report = build(project)
    assert len(report.articles) == 5 and not report.problems and (project.content / PAGE).exists()
    assert [n for n in report.notices if str(project.cache) in n] == [
        f"{project.cache}: the cache folder cannot be written (File exists); the cache is not saved, "
        "and builds running at once may clash"]
    assert build(project).extracted == 5


def test_the_generated_folders_are_all_the_build_writes(project):
    """write.is_generated decides what a manifest may name: it must cover every page a build makes."""
    assert all(write.is_generated(path) for path in write.read_manifest(project.content))
    assert {path.split("/")[0] for path in write.read_manifest(project.content)} == {
        *write.GENERATED_FOLDERS, *write.GENERATED_FILES}


def test_page_digests_in_the_manifest_match_the_files(project):
    manifest = write.read_manifest(project.content)
    assert manifest == {path: hashlib.sha256((project.content / path).read_bytes()).hexdigest() for path in manifest}


def test_a_build_leaves_the_cycle_collector_as_it_found_it(project):
    """No process-wide state outlives a build (mkdocs serve runs many in one process)."""
    import gc

    build(project)
    assert gc.isenabled() and gc.get_freeze_count() == 0
