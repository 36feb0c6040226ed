"""The home page's summary line: how many articles, and the span of dates they cover."""

from __future__ import annotations

from pathlib import Path

from generator.build import Project, build
from sitebuild import make_project


def article(title: str, date_line: str) -> bytes:
    return f"{title}\n\n{date_line}\n\nDefense ministers met in Vienna and agreed to keep talking, officials said.\n".encode()


def home_stats(tmp_path: Path, files: dict[str, bytes]) -> str:
    project = Project.at(make_project(tmp_path / "project", files, with_samples=False))
    build(project)
    home = (project.content / "index.md").read_text("utf-8")
    return home.split('<div class="briefing-stats" markdown>\n', 1)[1].split("\n", 1)[0]


def test_span_runs_from_the_oldest_to_the_newest_dated_article(tmp_path):
    stats = home_stats(tmp_path, {
        "a.txt": article("Envoys Meet Again", "March 5, 2019"),
        "b.txt": article("Talks Resume in Vienna", "June 1, 2017"),
        "c.txt": article("Ministers Keep Talking", "no date here"),
        "d.txt": article("Generals Speak by Phone", "October 9, 2018"),
    })
    assert "**4 articles**" in stats and "2017-06-01</span> to <span class=\"briefing-date\">2019-03-05</span> (1 undated)" in stats


def test_no_span_when_nothing_is_dated(tmp_path):
    stats = home_stats(tmp_path, {"c.txt": article("Ministers Keep Talking", "no date here")})
    assert " to " not in stats and "(1 undated)" in stats
