"""Bad input never breaks the build or costs another article; every problem names file and cause."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.build import Project, build
from generator.cli import main
from generator.render import raw_path
from sitebuild import make_project, mkdocs_build

GOOD = """Ministers Agree on a Calendar of Military Contacts

March 5, 2019

Defense ministers agreed on Tuesday to hold regular military contacts, officials said.

Jim Mattis said the calendar would reduce the risk of accidents.
"""


def corpus(tmp_path: Path, files: dict[str, bytes]) -> Project:
    root = make_project(tmp_path / "project", {"good.txt": GOOD.encode(), **files}, with_samples=False)
    return Project.at(root)


def built_titles(project: Project) -> list[str]:
    return sorted(p.read_text("utf-8").split("\n")[1] for p in (project.content / "articles").rglob("*.md"))


def problem_for(report, name: str) -> str:
    matches = [p for p in report.problems if p.startswith(name + ":")]
    assert len(matches) == 1, report.problems
    return matches[0]


@pytest.mark.parametrize("name, data, cause", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\n \n", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("broken.md", b"---\ntitle: [unclosed\ndate: 2019-01-01\n---\nText.\n", "malformed front matter at line 3"),
    ("notes.md", b"---\n- just\n- a list\n---\nText.\n", "front matter must be a mapping"),
])
def test_unusable_file_is_one_clear_problem_and_the_good_article_builds(tmp_path, name, data, cause):
    project = corpus(tmp_path, {name: data})
    report = build(project)
    assert cause in problem_for(report, name)
    assert [a.title for a in report.articles] == ["Ministers Agree on a Calendar of Military Contacts"]


def test_huge_file_is_refused_quickly(tmp_path):
    project = corpus(tmp_path, {})
    with open(project.articles / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing 50 MB
    report = build(project)
    assert "50.0 MB" in problem_for(report, "huge.txt")
    assert len(report.articles) == 1


def test_legacy_encodings_are_decoded_not_mangled(tmp_path):
    russian = ("Министры обороны договорились о новых контактах\n\n12 марта 2019\n\n"
               "Министры обороны России и США провели встречу в Вене и договорились продолжить диалог. "
               "Стороны обсудили меры по снижению военных рисков в Европе.\n")
    french = ("Les ministres relancent le dialogue stratégique\n\n12 March 2019\n\n"
              "À Genève, les délégations ont décidé de poursuivre les échanges réguliers sur la sécurité. "
              "Les négociateurs ont évoqué des mesures de confiance élargies et une prochaine réunion.\n")
    utf16 = GOOD.replace("Ministers Agree", "Ministères d’accord")
    project = corpus(tmp_path, {"ru.txt": russian.encode("cp1251"), "fr.txt": french.encode("latin-1"),
                                "utf16.txt": utf16.encode("utf-16")})
    report = build(project)
    titles = {a.title for a in report.articles}
    assert "Ministères d’accord on a Calendar of Military Contacts" in titles
    assert "Министры обороны договорились о новых контактах" in titles
    assert "Les ministres relancent le dialogue stratégique" in titles
    by_title = {a.title: a for a in report.articles}
    assert by_title["Министры обороны договорились о новых контактах"].language == "ru"
    assert not [p for p in report.problems if not p.startswith(("ru.txt: dateline", "fr.txt: dateline"))]


def test_mixed_line_endings_give_the_same_article(tmp_path):
    mixed = GOOD.replace("\n", "\r\n", 3).replace("\n\n", "\r\r", 1)
    project = corpus(tmp_path, {"mixed.txt": mixed.encode()})
    report = build(project)
    articles = {a.source: a for a in report.articles}
    assert articles["mixed.txt"].blocks == articles["good.txt"].blocks
    assert articles["mixed.txt"].title == articles["good.txt"].title


def test_wrong_front_matter_type_is_reported_and_the_article_still_builds(tmp_path):
    project = corpus(tmp_path, {"dated.md": b"---\ndate: yesterday\n---\n# A Curated Note on Talks\n\nText of the note.\n"})
    report = build(project)
    assert "'yesterday' is not a date" in problem_for(report, "dated.md")
    assert "A Curated Note on Talks" in {a.title for a in report.articles}


def test_exact_duplicate_is_built_once_but_the_same_event_from_two_outlets_is_not(tmp_path):
    other_outlet = GOOD.replace("officials said", "a spokesman told reporters").replace("calendar", "schedule")
    project = corpus(tmp_path, {"copy.txt": GOOD.encode(), "other.txt": other_outlet.encode()})
    report = build(project)
    assert "exact duplicate of copy.txt" in problem_for(report, "good.txt") or \
        "exact duplicate of good.txt" in problem_for(report, "copy.txt")
    assert len(report.articles) == 2


def test_titles_that_slugify_alike_keep_distinct_pages(tmp_path):
    project = corpus(tmp_path, {
        "a.txt": GOOD.replace("Ministers Agree on a Calendar", "Ministers agree: on a calendar!").encode(),
        "b.txt": GOOD.replace("Ministers Agree on a Calendar", "Ministers Agree on a Calendar?").encode(),
    })
    report = build(project)
    paths = [a.page_path for a in report.articles]
    assert len(set(paths)) == 3
    assert all(p.startswith("articles/2019/03/ministers-agree-on-a-calendar-of-military-contacts") for p in paths)
    for article in report.articles:  # each page was rendered for its final path, not the shared first guess
        page = (project.content / article.page_path).read_text("utf-8")
        assert f'source: "{article.source}"' in page and f'raw: "{raw_path(article)}"' in page


@pytest.mark.parametrize("title", ["../../etc/passwd", "Talks / Counter-talks / More", "A" * 500, "..", "////"])
def test_hostile_titles_stay_inside_content_with_bounded_paths(tmp_path, title):
    project = corpus(tmp_path, {"odd.txt": GOOD.replace("Ministers Agree on a Calendar of Military Contacts", title).encode()})
    report = build(project)
    odd = next(a for a in report.articles if a.source == "odd.txt")
    page = (project.content / odd.page_path).resolve()
    assert page.is_relative_to((project.content / "articles").resolve()) and page.exists()
    assert len(Path(odd.page_path).name) <= 90


def test_nested_folders_are_read(tmp_path):
    project = corpus(tmp_path, {"2019/march/deep.txt": GOOD.replace("Ministers Agree", "Envoys Agree").encode()})
    report = build(project)
    assert "2019/march/deep.txt" in {a.source for a in report.articles}


def test_symlink_outside_the_corpus_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Private Notes Never To Publish\n\nSomething private that must not be published.\n")
    project = corpus(tmp_path, {})
    (project.articles / "link.txt").symlink_to(secret)
    report = build(project)
    assert "outside the corpus" in problem_for(report, "link.txt")
    assert not any("Private Notes" in a.title for a in report.articles)


def test_dangling_symlink_is_one_problem(tmp_path):
    project = corpus(tmp_path, {})
    (project.articles / "gone.txt").symlink_to(project.articles / "deleted.txt")
    report = build(project)
    assert problem_for(report, "gone.txt") == "gone.txt: cannot be read (No such file or directory)"
    assert [a.source for a in report.articles] == ["good.txt"]


def test_sources_are_never_modified(tmp_path):
    project = corpus(tmp_path, {"bom.txt": b"\xef\xbb\xbf" + GOOD.replace("Ministers", "Envoys").encode()})
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in project.articles.rglob("*")}
    build(project)
    build(project)
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in project.articles.rglob("*")}


def test_hand_written_page_at_a_generated_path_is_reported_not_overwritten(tmp_path):
    project = corpus(tmp_path, {})
    mine = project.content / "articles/2019/03/ministers-agree-on-a-calendar-of-military-contacts.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# My own notes\n", encoding="utf-8")
    report = build(project)
    assert mine.read_text(encoding="utf-8") == "# My own notes\n"
    assert any("written by hand" in p for p in report.problems)


def test_page_written_by_hand_while_the_build_runs_is_left_alone(tmp_path, monkeypatch):
    """Someone saves a file at a new page's path after the build claimed it, before it was written."""
    from generator import write

    project = corpus(tmp_path, {})
    mine = project.content / "articles/2019/03/ministers-agree-on-a-calendar-of-military-contacts.md"
    real_save = write._save_manifest

    def save_then_someone_writes(docs_dir, manifest):
        real_save(docs_dir, manifest)
        mine.parent.mkdir(parents=True, exist_ok=True)
        mine.write_text("# Mine\n", encoding="utf-8")

    monkeypatch.setattr(write, "_save_manifest", save_then_someone_writes)
    report = build(project)
    monkeypatch.undo()
    assert mine.read_text(encoding="utf-8") == "# Mine\n"
    assert any("written by hand" in p for p in report.problems)
    assert mine.relative_to(project.content).as_posix() not in write.read_manifest(project.content)


def test_interrupted_build_leaves_the_previous_site_usable(tmp_path, monkeypatch):
    project = corpus(tmp_path, {})
    build(project)
    before = list(project.content.rglob("*.md"))
    (project.articles / "new.txt").write_text(GOOD.replace("Ministers Agree", "Generals Agree"), encoding="utf-8")
    from generator import write

    calls = {"n": 0}
    real = write.atomic_write

    def dying(path, data):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("killed mid-build")
        return real(path, data)

    monkeypatch.setattr(write, "atomic_write", dying)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    monkeypatch.setattr(write, "atomic_write", real)
    for path in before:  # every page is whole (old or new content, never a fragment)
        assert path.exists()
        assert path.name == "about.md" or path.read_bytes().startswith(b"---\n")
    assert not list(project.content.rglob(".tmp-*"))
    report = build(project)
    assert not report.problems and len(report.articles) == 2


def test_check_command_exit_status(tmp_path, capsys):
    clean = make_project(tmp_path / "clean")
    assert main(["--root", str(clean), "check"]) == 0
    assert "undated" in capsys.readouterr().err  # a notice, not a problem
    broken = corpus(tmp_path, {"empty.txt": b""})
    assert main(["--root", str(broken.articles.parent), "check"]) == 1
    assert "problem: empty.txt: file is empty" in capsys.readouterr().err


def test_strict_build_fails_on_a_problem_but_not_on_an_undated_article(tmp_path):
    undated_only = make_project(tmp_path / "samples")  # the Sputnik sample is undated
    assert mkdocs_build(undated_only).returncode == 0
    broken = corpus(tmp_path, {"empty.txt": b""})
    result = mkdocs_build(broken.articles.parent)
    assert result.returncode != 0
    assert "empty.txt: file is empty" in result.stderr
