"""Incremental builds: the cache re-extracts and the writer rewrites exactly what changed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from generator import cache, render, write
from generator.build import Project, build
from generator.model import BuildError
from sitebuild import folder_files, make_project

NEW_ARTICLE = """Envoys Trade Proposals on Naval Incidents

April 4, 2019

Naval envoys met in Vienna on Thursday to discuss incidents at sea and agreed to keep talking.

Ambassador Kay Bailey Hutchison said the alliance wanted dialogue with Moscow on risk reduction.
"""


def snapshot(content: Path) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in folder_files(content).items()}


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = make_project(tmp_path / "project")
    first = build(Project.at(root))
    assert first.extracted == 5 and not first.problems
    return Project.at(root)


def test_unchanged_corpus_reads_from_cache_and_writes_nothing(project):
    before = snapshot(project.content)
    report = build(project)
    assert (report.extracted, report.cached) == (0, 5)
    assert report.written.written == [] and report.written.removed == []
    assert snapshot(project.content) == before


def test_added_article_rewrites_only_its_page_and_the_indexes_it_touches(project):
    before = snapshot(project.content)
    (project.articles / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    report = build(project)
    assert (report.extracted, report.cached) == (1, 5)
    touched = changed(before, snapshot(project.content))
    assert touched == set(report.written.written) | {".briefing-manifest.json"}
    page = "articles/2019/04/envoys-trade-proposals-on-naval-incidents.md"
    assert page in touched
    assert "actors/kay-bailey-hutchison.md" in touched and "dates/2019-04.md" in touched
    assert "topics/dialogue.md" in touched and "index.md" in touched
    # Pages of actors the new article does not name are not rewritten.
    assert not any(p.startswith(("actors/derek-chollet", "actors/petr-pavel")) for p in touched)
    assert not any(p.startswith("articles/2017/") for p in touched)


def test_changed_source_rewrites_its_page_and_leaves_other_articles(project):
    source = project.articles / "001_5a41e3af4f08907d.txt"
    before = snapshot(project.content)
    source.write_bytes(source.read_bytes().replace(b"Finnish defence forces", b"Finnish defense officials"))
    report = build(project)
    assert (report.extracted, report.cached) == (1, 4)
    touched = changed(before, snapshot(project.content))
    article_pages = {p for p in touched if p.startswith("articles/")}
    assert article_pages == {"articles/2018/06/nato-will-never-give-up-on-dialogue-with-russia-u-s-defense-secretary-says.md"}
    assert "Finnish defense officials" in (project.content / next(iter(article_pages))).read_text("utf-8")


def test_deleted_source_removes_its_pages_and_updates_indexes(project):
    before = snapshot(project.content)
    (project.articles / "003_55834f8394ffb209.txt").unlink()
    report = build(project)
    assert len(report.articles) == 4
    removed = set(report.written.removed)
    assert "articles/2017/02/mattis-rules-out-military-collaboration-with-russia.md" in removed
    assert "actors/petr-pavel.md" in removed  # only that article named him
    assert not (project.content / "actors/petr-pavel.md").exists()
    assert "actors/jim-mattis.md" in changed(before, snapshot(project.content))


def test_taxonomy_change_invalidates_extraction_but_rewrites_only_changed_pages(project):
    before = snapshot(project.content)
    topics = project.taxonomy / "topics.yml"
    topics.write_text(
        topics.read_text("utf-8").replace("name: Crimea\n", "name: Crimea annexation\n"), encoding="utf-8"
    )
    report = build(project)
    assert report.extracted == 5  # every article depends on the taxonomy
    touched = changed(before, snapshot(project.content))
    assert "topics/crimea.md" in touched and "topics/index.md" in touched
    assert "Crimea annexation" in (project.content / "topics/crimea.md").read_text("utf-8")
    assert not any(p.startswith(("actors/", "dates/", "outlets/", "raw/")) for p in touched)


def test_two_builds_of_the_same_corpus_are_byte_identical(tmp_path):
    outputs = []
    for name in ("one", "two"):
        root = make_project(tmp_path / name)
        build(Project.at(root))
        outputs.append(snapshot(root / "content"))
    assert outputs[0] == outputs[1]


TALKS_ARTICLE = """Generals Resume Talks on Military Contacts

May 2, 2019

Russian and NATO generals met in Baku for talks on restoring dialogue between their militaries.

The two sides agreed to keep the dialogue going and to meet again for further talks with Moscow.

Officials said the hotline between the commands would stay open and the negotiations would continue.
"""


# Dialogue only in passing: one background sentence; the article is about spending.
SPENDING_ARTICLE = """Allies Raise Defense Budgets Again

May 3, 2019

NATO allies agreed to raise defense spending toward 2 percent of GDP by the end of the decade.

Several governments said their defense budgets would grow faster than planned.

Separately, officials said talks with Moscow on air safety would continue.
"""


@pytest.mark.parametrize("level, text", [("primary", TALKS_ARTICLE), ("mentioned", SPENDING_ARTICLE)],
                         ids=["about-dialogue", "dialogue-in-passing"])
def test_archive_pages_of_a_long_listing_are_not_rendered_again(tmp_path, monkeypatch, level, text):
    """With two entries a page, the dialogue topic spans several pages. A new article,
    whether about dialogue or touching it in passing, changes only the first (newest)
    page; the archive pages keep their bytes and are not even rendered. The result
    equals a build of the whole corpus from scratch."""
    monkeypatch.setattr(render, "PAGE_SIZE", 2)
    root = make_project(tmp_path / "incremental")
    build(Project.at(root))
    project = Project.at(root)
    archives = sorted(p.relative_to(project.content).as_posix() for p in (project.content / "topics/dialogue").glob("*.md"))
    assert len(archives) >= 2
    before = snapshot(project.content)
    rendered: list[str] = []
    original = render.Renderer._topic_page
    monkeypatch.setattr(render.Renderer, "_topic_page",
                        lambda self, topic, page: rendered.append(page.path) or original(self, topic, page))
    (project.articles / "new.txt").write_text(text, encoding="utf-8")
    report = build(project)
    assert "dialogue" in [h.id for h in next(a for a in report.articles if a.source == "new.txt").topics[level]]
    touched = changed(before, snapshot(project.content))
    assert "topics/dialogue.md" in touched and "topics/dialogue.md" in rendered
    assert not set(archives) & (touched | set(rendered))

    scratch = make_project(tmp_path / "scratch", {"new.txt": text.encode()})
    build(Project.at(scratch))
    assert snapshot(scratch / "content") == snapshot(project.content)


# --- the cache file: a snapshot plus appended changes ---------------------------------------


def cache_file(project: Project) -> Path:
    return project.cache / cache.FILE


def test_daily_additions_are_appended_to_the_cache_not_rewritten(project):
    snapshot_bytes = cache_file(project).read_bytes()
    for day in (1, 2):
        (project.articles / f"day{day}.txt").write_text(NEW_ARTICLE.replace("April 4", f"April {day}"), "utf-8")
        assert build(project).extracted == 1
    grown = cache_file(project).read_bytes()
    assert grown.startswith(snapshot_bytes) and len(grown) > len(snapshot_bytes)
    report = build(project)  # a reader of snapshot + changes sees every record
    assert (report.extracted, report.cached) == (0, 7) and report.written.written == []


def test_cache_is_rewritten_whole_after_many_changes(project, monkeypatch):
    monkeypatch.setattr(cache, "COMPACT_AFTER", 1)
    snapshot_bytes = cache_file(project).read_bytes()
    for day in (1, 2):
        (project.articles / f"day{day}.txt").write_text(NEW_ARTICLE.replace("April 4", f"April {day}"), "utf-8")
        build(project)
    assert not cache_file(project).read_bytes().startswith(snapshot_bytes)
    assert (build(project).cached, build(project).extracted) == (7, 0)


def test_truncated_cache_is_rebuilt(project):
    (project.articles / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    build(project)
    data = cache_file(project).read_bytes()
    cache_file(project).write_bytes(data[:-7])  # an append cut short by a crash
    report = build(project)
    assert (report.extracted, report.cached) == (6, 0) and not report.problems
    assert (build(project).extracted, build(project).cached) == (0, 6)


def test_a_cached_page_that_moves_is_remembered(project):
    """A new article whose title slugifies like a cached one's, and whose file sorts first,
    takes the plain path; the cached article's page moves. The next build knows it."""
    cached = next(a for a in build(project).articles if a.source == "002_6f9adefe9ff12fd2.txt")
    source = (project.articles / cached.source).read_text("utf-8")
    (project.articles / "000_first.txt").write_text(source.replace("February", "Feb.").replace("UPI", "XYZ"), "utf-8")
    report = build(project)
    moved = next(a for a in report.articles if a.source == cached.source)
    assert moved.page_path != cached.page_path and (project.content / moved.page_path).exists()
    again = build(project)
    assert again.written.written == [] and again.extracted == 0
    assert next(a for a in again.articles if a.source == cached.source).page_path == moved.page_path


def test_a_generated_page_deleted_by_hand_comes_back(project):
    before = snapshot(project.content)
    page = project.content / "articles/2017/02/mattis-rules-out-military-collaboration-with-russia.md"
    listing = project.content / "topics/crimea.md"
    page.unlink()
    listing.unlink()
    report = build(project)
    assert sorted(report.written.written) == ["articles/2017/02/mattis-rules-out-military-collaboration-with-russia.md",
                                              "topics/crimea.md"]
    assert snapshot(project.content) == before


def test_an_interrupted_build_is_finished_by_the_next(project, monkeypatch):
    """A crash after the first page written: the next build rewrites every page the crash
    left unwritten, changed or new, and every page then has the digest the manifest states."""
    source = project.articles / "001_5a41e3af4f08907d.txt"
    source.write_bytes(source.read_bytes().replace(b"Finnish defence forces", b"Finnish defense officials"))
    (project.articles / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    real_write, written = write._write, []

    def crash_after_one(path, data, *flags):
        if written:
            raise OSError("simulated crash")
        written.append(path)
        real_write(path, data, *flags)

    monkeypatch.setattr(write, "_write", crash_after_one)
    with pytest.raises(BuildError, match="simulated crash"):
        build(project)
    monkeypatch.undo()
    build(project)
    manifest = write.read_manifest(project.content)
    on_disk = {path: hashlib.sha256((project.content / path).read_bytes()).hexdigest() for path in manifest}
    assert on_disk == manifest
    page = project.content / "articles/2018/06/nato-will-never-give-up-on-dialogue-with-russia-u-s-defense-secretary-says.md"
    assert "Finnish defense officials" in page.read_text("utf-8")
    assert (project.content / "articles/2019/04/envoys-trade-proposals-on-naval-incidents.md").exists()


def test_cache_restored_into_a_fresh_checkout_is_used(project, tmp_path):
    """What the Pages workflow does: a new clone (new file times) with the cache and the
    generated pages restored; nothing is extracted or written again."""
    before = snapshot(project.content)
    root = project.articles.parent
    fresh = tmp_path / "fresh-checkout"
    shutil.copytree(root, fresh, copy_function=shutil.copy)  # copy, not copy2: file times change
    report = build(Project.at(fresh))
    assert (report.extracted, report.cached) == (0, 5)
    assert report.written.written == []
    assert snapshot(fresh / "content") == before
